// `ts-slots/bun`: the Bun plugin, `slots(options)`, for `bun build` (`Bun.build({ plugins: [slots()] })`, through
// unplugin's Bun host) and for `bun run`/`bun test` through a preload named in bunfig.toml that calls
// `Bun.plugin(slots())` (bunRuntime.ts: the run-time builder has no build config). module.exports is the factory.
import { setupBunRuntime, type BunRuntimeBuilder } from "./bunRuntime";
import type { SlotsBundlerOptions, SlotsBunPlugin } from "./publicTypes";
import { commonJsEntry, unplugin } from "./unplugin";

interface BunBuilderLike {
  /** Present in `Bun.build`, absent in `Bun.plugin` (run time). */
  config?: object;
}

function slots(options: SlotsBundlerOptions = {}): SlotsBunPlugin {
  const bundlerPlugin = unplugin.bun(options);
  return {
    name: "ts-slots",
    setup(build: unknown) {
      if ((build as BunBuilderLike).config) return bundlerPlugin.setup(build as Parameters<typeof bundlerPlugin.setup>[0]);
      setupBunRuntime(build as BunRuntimeBuilder, options);
    },
  };
}

export = commonJsEntry(slots);
