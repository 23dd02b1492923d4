// `ts-slots/rolldown`: the Rolldown plugin, `slots(options)`. module.exports is the factory (see commonJsEntry).
import type { SlotsBundlerOptions, SlotsRollupLikePlugin } from "./publicTypes";
import { commonJsEntry, unplugin } from "./unplugin";

const slots: (options?: SlotsBundlerOptions) => SlotsRollupLikePlugin = unplugin.rolldown;

export = commonJsEntry(slots);
