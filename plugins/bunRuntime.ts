// `bun run` and `bun test` through `Bun.plugin(slots())` in a bunfig.toml preload: Bun's run-time plugin API. unplugin's
// Bun host serves `Bun.build` only (it loads every file through one asynchronous onLoad and reads the build's config,
// which at run time makes every module async and has no config), so at run time ts-slots registers its own
// synchronous onLoad for TypeScript files: the same source rewrite, problems printed as tsc prints them, errors refuse
// the load with one line, the syntax mode's limit said once.
import * as fs from "fs";
import * as path from "path";
import type { SourceRewriter } from "../transformer/emit-text";
import { mayContainSlots, mayNeedChecks, mayUseOtherFiles, syntaxModeNote } from "../transformer/emit-text/prefilter";
import { parseOptions } from "../transformer/core/options";
import type { SlotsBundlerOptions } from "./publicTypes";

export interface BunRuntimeBuilder {
  onLoad(options: { filter: RegExp }, callback: (args: { path: string }) => { contents: string; loader: string }): void;
}

const typeScriptFile = /\.[cm]?tsx?$/;

/** An Error whose printout is its one line: the problems are printed above it. */
function loadFailure(message: string): Error {
  return Object.assign(new Error(message), { stack: `Error: ${message}` });
}

export function setupBunRuntime(build: BunRuntimeBuilder, userOptions: SlotsBundlerOptions): void {
  const cwd = process.cwd();
  const types = parseOptions({ ...userOptions }, process.env, "rewrite").options.types;
  let rewriter: SourceRewriter | undefined;
  let sawSlotsFile = false;
  let sawOtherFile = false;
  let noted = false;
  const rewrite = (code: string, fileName: string): string => {
    if (types === "syntax" && !noted) {
      sawSlotsFile ||= mayContainSlots(code);
      sawOtherFile ||= mayUseOtherFiles(code);
      if (sawSlotsFile && sawOtherFile) {
        noted = true;
        console.warn(syntaxModeNote);
      }
    }
    if (!mayNeedChecks(code, types)) return code;
    if (!rewriter) {
      const { createSourceRewriter }: typeof import("../transformer/emit-text") = require("../transformer/emit-text");
      rewriter = createSourceRewriter({ ...userOptions }, { cwd, fieldMode: "native" });
      if (rewriter.optionProblems.length > 0) console.error(rewriter.optionProblems.map((problem) => problem.text).join("\n"));
    }
    const result = rewriter.rewrite(code, fileName);
    if (!result) return code;
    if (result.problems.length > 0) console.error(result.problems.map((problem) => problem.text).join("\n"));
    const errors = result.problems.filter((problem) => problem.severity === "error").length;
    if (errors > 0) throw loadFailure(`ts-slots: ${errors} error${errors === 1 ? "" : "s"} in ${path.relative(cwd, fileName) || fileName} (printed above); not loaded.`);
    return result.classes === 0 ? code : `${result.code}\n//# sourceMappingURL=${result.map.toUrl()}\n`;
  };
  build.onLoad({ filter: typeScriptFile }, (args) => {
    const code = fs.readFileSync(args.path, "utf8");
    const loader = args.path.endsWith("x") ? "tsx" : "ts";
    if (/[\\/]node_modules[\\/]/.test(args.path)) return { contents: code, loader };
    return { contents: rewrite(code, args.path), loader };
  });
}
