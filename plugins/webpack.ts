// `ts-slots/webpack`: the webpack 5 plugin, `slots(options)`. module.exports is the factory (see commonJsEntry).
import type { SlotsBundlerOptions, SlotsWebpackPlugin } from "./publicTypes";
import { commonJsEntry, unplugin } from "./unplugin";

const slots: (options?: SlotsBundlerOptions) => SlotsWebpackPlugin = unplugin.webpack;

export = commonJsEntry(slots);
