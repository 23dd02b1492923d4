// `ts-slots/rspack`: the rspack plugin, `slots(options)`. module.exports is the factory (see commonJsEntry).
import type { RspackPluginInstance } from "unplugin";
import { commonJsEntry, unplugin, type SlotsBundlerOptions } from "./unplugin";

const slots: (options?: SlotsBundlerOptions) => RspackPluginInstance = unplugin.rspack;

export = commonJsEntry(slots);
