// `ts-slots/esbuild`: the esbuild plugin, `slots(options)`. module.exports is the factory (see commonJsEntry).
import type { EsbuildPlugin } from "unplugin";
import { commonJsEntry, unplugin, type SlotsBundlerOptions } from "./unplugin";

const slots: (options?: SlotsBundlerOptions) => EsbuildPlugin = unplugin.esbuild;

export = commonJsEntry(slots);
