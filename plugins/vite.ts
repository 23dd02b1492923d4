// `ts-slots/vite`: the Vite (and vitest, which runs Vite's plugins) plugin, `slots(options)`. module.exports is the factory (see commonJsEntry).
import type { VitePlugin } from "unplugin";
import { commonJsEntry, unplugin, type SlotsBundlerOptions } from "./unplugin";

const slots: (options?: SlotsBundlerOptions) => VitePlugin = unplugin.vite;

export = commonJsEntry(slots);
