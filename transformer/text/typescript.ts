// The TypeScript that the source rewrite parses and type-checks with: TypeScript 6's JavaScript API as bundled by
// @ts-morph/common (a plain module, no `tsc` binary), so that a project whose `typescript` is 7 (no JavaScript API) or
// 5 gets the same parser and the same decisions, and its own `tsc` stays the one on its PATH. A second `typescript`
// package would link its `tsc` and `tsserver` into the project's node_modules/.bin over the project's own.
// The ts-patch route never loads this: it uses ts-patch's `extras.ts`.
import type * as ts from "typescript";

// A `require` typed once, here: the module is TypeScript's own build, its declarations are those of "typescript".
export const tsApi: typeof ts = require("@ts-morph/common/dist/typescript.js") as typeof ts;

/**
 * The standard library's declaration files, which @ts-morph/common keeps in memory rather than on disk: needed only
 * by the type-aware mode's programs, so loaded on first use.
 */
export function libraryFiles(): ReadonlyMap<string, string> {
  const common = require("@ts-morph/common") as { getLibFiles(): { fileName: string; text: string }[] };
  return new Map(common.getLibFiles().map((file) => [file.fileName, file.text]));
}
