// `ts-slots/rolldown`: the Rolldown plugin, `slots(options)`. module.exports is the factory (see commonJsEntry).
import type { RolldownPlugin } from "unplugin";
import { commonJsEntry, unplugin, type SlotsBundlerOptions } from "./unplugin";

const slots: (options?: SlotsBundlerOptions) => RolldownPlugin = unplugin.rolldown;

export = commonJsEntry(slots);
