// The one bundler plugin behind ts-slots/vite, rollup, rolldown, esbuild, webpack and rspack (unplugin): it hands each
// TypeScript file to the source rewrite before the bundler's own TypeScript transform runs, and reports the rewrite's
// problems with file, line and column through the bundler's own channel. Errors fail the build.
import * as path from "path";
import picomatch from "picomatch";
import { createUnplugin, type UnpluginBuildContext, type UnpluginContext, type UnpluginMessage } from "unplugin";
import { parseOptions, type SealMode, type TypeSource } from "../transformer/core/options";
import type { RewriteProblem, SourceRewriter } from "../transformer/emit-text";
import { mayContainSlots } from "../transformer/emit-text/prefilter";

/** What `slots(options)` takes in a bundler config. */
export interface SlotsBundlerOptions {
  /** `"development"` (default: seal unless NODE_ENV=production when the build runs), `"always"`, `"never"`, or `"guard"` (a guard on the prototype chain instead of a per-instance seal; see docs/seal-modes.md). */
  seal?: SealMode;
  /** `"syntax"` (default): each file alone; `"program"`: imported types through the tsconfig's program (slower). */
  types?: TypeSource;
  /** The tsconfig to read instead of the nearest one above each file. */
  tsconfig?: string;
  /** picomatch globs, relative to the working directory: only these files are rewritten. */
  include?: string | string[];
  /** picomatch globs of files to leave alone (node_modules always is). */
  exclude?: string | string[];
}

const typeScriptFile = /\.[cm]?tsx?$/;

/** A bundler id without its query (`/src/a.ts?v=1` in Vite); virtual modules (`\0...`) have no file. */
function fileOf(id: string): string | undefined {
  if (id.startsWith("\0")) return undefined;
  const query = id.indexOf("?");
  return query === -1 ? id : id.slice(0, query);
}

function globMatcher(globs: readonly string[], cwd: string): ((file: string) => boolean) | undefined {
  if (globs.length === 0) return undefined;
  const matches = picomatch([...globs], { dot: true });
  return (file) => matches(file) || matches(path.relative(cwd, file).split(path.sep).join("/"));
}

/** TypeScript files outside node_modules, narrowed by the user's include and exclude. */
function fileFilter(include: readonly string[], exclude: readonly string[], cwd: string): (id: string) => boolean {
  const included = globMatcher(include, cwd);
  const excluded = globMatcher(exclude, cwd);
  return (id) => {
    const file = fileOf(id);
    if (!file || !typeScriptFile.test(file) || /[\\/]node_modules[\\/]/.test(file)) return false;
    return (!included || included(file)) && !(excluded && excluded(file));
  };
}

/** `src/a.ts:3:5: ts-slots TSS1001: ...`: the form terminals and editors turn into a link. */
function located(problem: RewriteProblem, cwd: string): string {
  if (!problem.fileName) return problem.message;
  const where = [path.relative(cwd, problem.fileName) || problem.fileName, problem.line, problem.column].filter((part) => part !== undefined);
  return `${where.join(":")}: ${problem.message}`;
}

/** Rollup, Vite and esbuild take `loc` with a 0-based column; webpack drops it, so the message carries it too. */
function toMessage(problems: readonly RewriteProblem[], cwd: string): Error & UnpluginMessage {
  const [first] = problems;
  const lines = problems.map((problem) => located(problem, cwd));
  const message = lines.length === 1 ? lines[0] : `${lines.length} ts-slots errors:\n${lines.join("\n")}`;
  const loc = first.fileName && first.line !== undefined && first.column !== undefined ? { file: first.fileName, line: first.line, column: first.column - 1 } : undefined;
  // An Error whose stack is its message line alone: bundlers print a plain object's report with a stack of their
  // own, through ts-slots' frames, which say nothing about the user's code.
  return Object.assign(new Error(message), { id: first.fileName, loc, plugin: "ts-slots", stack: `Error: ${message}` });
}

/** Warnings one by one; all errors of the file in one `error`, which fails the build (Rollup and Vite throw there). */
function report(channel: UnpluginContext, problems: readonly RewriteProblem[], cwd: string): void {
  for (const warning of problems.filter((problem) => problem.severity === "warning")) channel.warn(toMessage([warning], cwd));
  const errors = problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0) channel.error(toMessage(errors, cwd));
}

interface ProblemSink {
  errors: Error[];
  warnings: Error[];
}

/** An Error webpack and rspack print as its message only: option problems have no stack worth showing. */
function stacklessError(message: string): Error {
  return Object.assign(new Error(message), { stack: message, hideStack: true });
}

function hasLogChannel(context: object): context is UnpluginContext {
  return "warn" in context && typeof context.warn === "function" && "error" in context && typeof context.error === "function";
}

/**
 * Option problems, once per build. unplugin gives `buildStart` no log channel of its own: Rollup, Vite and Rolldown
 * pass their plugin context (which has one), webpack and rspack a compilation to push to; esbuild is served by
 * its own `onStart` below.
 */
function reportAtBuildStart(context: UnpluginBuildContext, problems: readonly RewriteProblem[], cwd: string): void {
  if (problems.length === 0) return;
  const native = context.getNativeBuildContext?.();
  if (native?.framework === "esbuild") return;
  if (native?.framework === "webpack" || native?.framework === "rspack") {
    const sink: ProblemSink | undefined = native.compilation;
    for (const problem of problems) (problem.severity === "error" ? sink?.errors : sink?.warnings)?.push(stacklessError(located(problem, cwd)));
    return;
  }
  if (hasLogChannel(context)) report(context, problems, cwd);
}

function esbuildMessages(problems: readonly RewriteProblem[], severity: RewriteProblem["severity"], cwd: string): { text: string; pluginName: string }[] {
  return problems.filter((problem) => problem.severity === severity).map((problem) => ({ text: located(problem, cwd), pluginName: "ts-slots" }));
}

export const unplugin = createUnplugin<SlotsBundlerOptions | undefined, false>((userOptions = {}, meta) => {
  const cwd = process.cwd();
  // webpack hands the map to the next loader as an argument, which esbuild-loader drops; it reads an inline one.
  const inlineMap = meta.framework === "webpack";
  // The rewrite loads TypeScript (about 0.3 s): only once a file imports ts-slots, or an option needs reporting.
  // Until then the one options parser is asked directly, for the file filter and whether there is anything to say.
  const { options, problems } = parseOptions({ ...userOptions }, process.env, "rewrite");
  let loaded: SourceRewriter | undefined;
  const rewriter = (): SourceRewriter => {
    if (!loaded) {
      const { createSourceRewriter }: typeof import("../transformer/emit-text") = require("../transformer/emit-text");
      loaded = createSourceRewriter({ ...userOptions }, { cwd });
    }
    return loaded;
  };
  const optionProblems = (): readonly RewriteProblem[] => (problems.length > 0 ? rewriter().optionProblems : []);
  const { include, exclude } = options;
  return {
    name: "ts-slots",
    // Before Vite's, Rollup's or webpack's TypeScript transform: the rewrite reads the types.
    enforce: "pre",
    transformInclude: fileFilter(include, exclude, cwd),
    buildStart() {
      reportAtBuildStart(this, optionProblems(), cwd);
    },
    transform(code, id) {
      const file = fileOf(id);
      if (!file || !mayContainSlots(code)) return undefined;
      const result = rewriter().rewrite(code, file);
      if (!result) return undefined;
      report(this, result.problems, cwd);
      if (result.code === code) return undefined;
      return { code: inlineMap ? `${result.code}\n//# sourceMappingURL=${result.map.toUrl()}\n` : result.code, map: result.map };
    },
    esbuild: {
      onLoadFilter: typeScriptFile,
      setup(build) {
        build.onStart(() => ({
          errors: esbuildMessages(optionProblems(), "error", cwd),
          warnings: esbuildMessages(optionProblems(), "warning", cwd),
        }));
      },
    },
  };
});

/**
 * A CommonJS module whose `module.exports` is the plugin factory itself, with `default` pointing at it too: Node's
 * `import slots from` (an ESM config) takes `module.exports` as the default, bundlers' interop and TypeScript's
 * `esModuleInterop` take `default`, and `require(...)` works with or without `.default`.
 */
export function commonJsEntry<Factory extends (...args: never[]) => unknown>(factory: Factory): Factory & { default: Factory } {
  return Object.assign(factory, { default: factory });
}

export default unplugin;
