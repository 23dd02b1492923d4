// `ts-slots/rspack`: the rspack plugin, `slots(options)`. module.exports is the factory (see commonJsEntry).
import type { SlotsBundlerOptions, SlotsWebpackPlugin } from "./publicTypes";
import { commonJsEntry, unplugin } from "./unplugin";

const slots: (options?: SlotsBundlerOptions) => SlotsWebpackPlugin = unplugin.rspack;

export = commonJsEntry(slots);
