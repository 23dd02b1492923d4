// The types the plugin entries (ts-slots/vite, rollup, rolldown, esbuild, webpack, rspack, bun) publish, written out
// with no import at all: a user's project type-checks them without skipLibCheck, without @types/node, without
// TypeScript's own types (TypeScript 7 has no `ts` namespace for them) and without the other bundlers installed.
// Each plugin object type is the part of that bundler's plugin type a config needs; the real object is assignable.

/** `"development"` (default), `"always"`, `"never"`, or `"guard"` (see docs/seal-modes.md). */
export type SlotsSealMode = "always" | "never" | "development" | "guard";

/** `"syntax"` (default): each file alone; `"program"`: every file through the tsconfig's program. */
export type SlotsTypeSource = "syntax" | "program";

/** What `slots(options)` takes in a bundler config. */
export interface SlotsBundlerOptions {
  /**
   * `"development"` (default: seal unless the build is a production one: Vite's mode, webpack's and Rspack's `mode`,
   * else NODE_ENV=production when the build runs), `"always"`, `"never"`, or `"guard"` (a guard on the prototype chain
   * instead of a per-instance seal; see docs/seal-modes.md).
   */
  seal?: SlotsSealMode;
  /**
   * `"syntax"` (default): each file alone, so only files that declare `@slots` classes are checked; `"program"`: the
   * tsconfig's program, so every file that imports a `@slots` class is checked too (slower).
   */
  types?: SlotsTypeSource;
  /** The tsconfig to read instead of the nearest one above each file. */
  tsconfig?: string;
  /** picomatch globs, relative to the working directory: only these files are rewritten. */
  include?: string | string[];
  /** picomatch globs of files to leave alone (node_modules always is). */
  exclude?: string | string[];
}

/** A Vite, Rollup or Rolldown plugin (Vite's `Plugin`, Rollup's and Rolldown's `Plugin` accept it). */
export interface SlotsRollupLikePlugin {
  name: string;
  enforce?: "pre" | "post";
}

/** An esbuild plugin (esbuild's `Plugin` accepts it). */
export interface SlotsEsbuildPlugin {
  name: string;
  setup: (build: unknown) => void | Promise<void>;
}

/** A webpack or Rspack plugin (`WebpackPluginInstance`, `RspackPluginInstance` accept it). */
export interface SlotsWebpackPlugin {
  apply: (compiler: unknown) => void;
}

/** A Bun plugin (`Bun.plugin()` and `Bun.build({ plugins })` accept it). */
export interface SlotsBunPlugin {
  name: string;
  setup: (build: unknown) => void | Promise<void>;
}
