// @ts-slots/cli/typescript: TypeScript 6's JavaScript compiler API for ts-slots' source rewrite (and `ts-slots check`)
// where the project's own `typescript` has none (TypeScript 7) or is absent. It is the build ts-morph bundles
// (@ts-morph/common), which the CLI loads anyway: a plain module with its standard library in memory and no `tsc`
// binary, so the project's own `tsc` stays the one on its PATH. ts-slots finds it in transformer/host/typescript.ts.
"use strict";

/** The compiler API, the same module instance ts-morph uses. */
const ts = require("@ts-morph/common/dist/typescript.js");

let library;
/** The standard library's declaration files by file name (`lib.es2022.d.ts` -> text), built on first use. */
function libraryFiles() {
  library ??= new Map(require("@ts-morph/common").getLibFiles().map((file) => [file.fileName, file.text]));
  return library;
}

module.exports = { ts, libraryFiles };
