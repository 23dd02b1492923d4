"use strict";
// The floor of what the source rewrite can cost a `vite build` while it parses with TypeScript: a stand-in for
// `ts-slots/vite` that loads TypeScript once (the repository's, as the rewrite does) and parses each file that may
// hold a `@slots` class as the rewrite parses it (parent nodes set, no JSDoc), then drops the decorators and the
// ts-slots import by string edits so that the bundle builds: no plan, no checks, no edits of the classes, no map.
//   node bench/lib/build-cost.mjs --sizes 200,2000 --reps 3 --baseline bench/parse-floor
// The "baseline" line is then this floor, measured in the same run as the real plugin.
function slots() {
  let ts;
  return {
    name: "ts-slots-parse-floor",
    enforce: "pre",
    transform(code, id) {
      if (!/\.[cm]?tsx?$/.test(id) || !code.includes("ts-slots") || !code.includes("@")) return null;
      ts ??= require("typescript");
      const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
      ts.createSourceFile(id, code, options, true, /\.[cm]?tsx$/.test(id) ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
      return { code: code.replace(/^[ \t]*@slots[ \t]*\n/gm, "").replace(/^import \{ slots \} from "ts-slots";\n/m, ""), map: null };
    },
  };
}
module.exports = Object.assign(slots, { default: slots });
