// The TypeScript that the source rewrite parses and type-checks with: TypeScript 6's JavaScript API, a dependency of
// ts-slots under its own name (`ts-slots-typescript`), so that a project whose `typescript` is 7 (no JavaScript API)
// or 5 gets the same parser and the same decisions. The ts-patch route never loads it: it uses ts-patch's `extras.ts`.
import type * as ts from "typescript";

// A `require` typed once, here: the package is TypeScript's own, its declarations are those of "typescript".
export const tsApi: typeof ts = require("ts-slots-typescript") as typeof ts;
