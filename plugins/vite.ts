// `ts-slots/vite`: the Vite (and vitest, which runs Vite's plugins) plugin, `slots(options)`. module.exports is the factory (see commonJsEntry).
import type { SlotsBundlerOptions, SlotsRollupLikePlugin } from "./publicTypes";
import { commonJsEntry, unplugin } from "./unplugin";

const slots: (options?: SlotsBundlerOptions) => SlotsRollupLikePlugin = unplugin.vite;

export = commonJsEntry(slots);
