// `ts-slots/esbuild`: the esbuild plugin, `slots(options)`. module.exports is the factory (see commonJsEntry).
import type { SlotsBundlerOptions, SlotsEsbuildPlugin } from "./publicTypes";
import { commonJsEntry, unplugin } from "./unplugin";

const slots: (options?: SlotsBundlerOptions) => SlotsEsbuildPlugin = unplugin.esbuild as (options?: SlotsBundlerOptions) => SlotsEsbuildPlugin;

export = commonJsEntry(slots);
