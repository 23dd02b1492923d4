// `ts-slots/webpack`: the webpack 5 plugin, `slots(options)`. module.exports is the factory (see commonJsEntry).
import type { WebpackPluginInstance } from "unplugin";
import { commonJsEntry, unplugin, type SlotsBundlerOptions } from "./unplugin";

const slots: (options?: SlotsBundlerOptions) => WebpackPluginInstance = unplugin.webpack;

export = commonJsEntry(slots);
