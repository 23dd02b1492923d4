// `ts-slots/rollup`: the Rollup plugin, `slots(options)`. module.exports is the factory (see commonJsEntry).
import type { RollupPlugin } from "unplugin";
import { commonJsEntry, unplugin, type SlotsBundlerOptions } from "./unplugin";

const slots: (options?: SlotsBundlerOptions) => RollupPlugin = unplugin.rollup;

export = commonJsEntry(slots);
