// The one bundler plugin behind ts-slots/vite, rollup, rolldown, esbuild, webpack, rspack and bun (unplugin): it hands
// each TypeScript file to the source rewrite before the bundler's own TypeScript transform runs, and reports the
// rewrite's problems with file, line, column and the line itself through the bundler's own channel. Errors fail the
// build. Which files it hands over depends on `types`: with one file's syntax only files that declare `@slots`
// classes (said once per build when other files may use them), with the program every file that imports one.
import * as fs from "fs";
import * as path from "path";
import type { OnLoadResult } from "esbuild";
import picomatch from "picomatch";
import { createUnplugin, type UnpluginBuildContext, type UnpluginContext, type UnpluginMessage } from "unplugin";
import { parseOptions, type SealMode, type TypeSource } from "../transformer/core/options";
import type { RewriteProblem, SourceRewriter } from "../transformer/emit-text";
import { mayContainSlots, mayNeedChecks, mayUseOtherFiles, syntaxModeNote } from "../transformer/emit-text/prefilter";
import type { SlotsBundlerOptions, SlotsSealMode, SlotsTypeSource } from "./publicTypes";

export type { SlotsBundlerOptions } from "./publicTypes";

/** The published option types (publicTypes.ts, import-free) must say what the one options parser reads. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const publishedTypesAgree: [Same<SealMode, SlotsSealMode>, Same<TypeSource, SlotsTypeSource>] = [true, true];
void publishedTypesAgree;

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

/** The line a problem is on, for the frames bundlers print (esbuild prints an empty one without it). */
function lineTextOf(problem: RewriteProblem, code: string | undefined): string | undefined {
  if (problem.line === undefined) return undefined;
  const text = code ?? (problem.fileName && fs.existsSync(problem.fileName) ? fs.readFileSync(problem.fileName, "utf8") : undefined);
  return text?.split(/\r?\n/)[problem.line - 1];
}

/** Rollup's and Vite's `frame`: the line with its neighbours, numbered, and a caret under the column. */
function codeFrame(problem: RewriteProblem, code: string | undefined): string | undefined {
  if (problem.line === undefined || problem.column === undefined || code === undefined) return undefined;
  const lines = code.split(/\r?\n/);
  const first = Math.max(1, problem.line - 2);
  const last = Math.min(lines.length, problem.line + 1);
  const width = String(last).length;
  const frame: string[] = [];
  for (let line = first; line <= last; line++) {
    frame.push(`${String(line).padStart(width)}: ${lines[line - 1]}`);
    if (line === problem.line) frame.push(`${" ".repeat(width + 2 + problem.column - 1)}^`);
  }
  return frame.join("\n");
}

/**
 * Rollup and esbuild take `loc` with a 0-based column; Vite and Rolldown print it as given, so they get a 1-based one;
 * webpack drops `loc`, so the message carries the position too. `code` is the file as the bundler handed it.
 */
function toMessage(problems: readonly RewriteProblem[], cwd: string, framework: string, code?: string): Error & UnpluginMessage {
  const [first] = problems;
  const lines = problems.map((problem) => located(problem, cwd));
  const message = lines.length === 1 ? lines[0] : `${lines.length} ts-slots errors:\n${lines.join("\n")}`;
  const columnBase = framework === "vite" || framework === "rolldown" ? 0 : 1;
  const loc =
    first.fileName && first.line !== undefined && first.column !== undefined
      ? { file: first.fileName, line: first.line, column: first.column - columnBase, lineText: lineTextOf(first, code) }
      : undefined;
  const frame = codeFrame(first, code ?? (first.fileName && fs.existsSync(first.fileName) ? fs.readFileSync(first.fileName, "utf8") : undefined));
  if (framework === "webpack" || framework === "rspack" || framework === "bun") {
    // webpack and Rspack print a loader error's message, then its stack as details (the message a second time);
    // unplugin's Bun host throws the messages alone: the frame goes into the message, and the stack is empty.
    return Object.assign(new Error(frame ? `${message}\n\n${frame}` : message), { id: first.fileName, loc, plugin: "ts-slots", stack: "" });
  }
  // An Error whose stack is its message line alone: bundlers print a plain object's report with a stack of their
  // own, through ts-slots' frames, which say nothing about the user's code.
  return Object.assign(new Error(message), { id: first.fileName, loc, frame, plugin: "ts-slots", stack: `Error: ${message}` });
}

/** Warnings one by one; all errors of the file in one `error`, which fails the build (Rollup and Vite throw there). */
function report(channel: UnpluginContext, problems: readonly RewriteProblem[], cwd: string, framework: string, code?: string): void {
  for (const warning of problems.filter((problem) => problem.severity === "warning")) channel.warn(toMessage([warning], cwd, framework, code));
  const errors = problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0) channel.error(toMessage(errors, cwd, framework, code));
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
function reportAtBuildStart(context: UnpluginBuildContext, problems: readonly RewriteProblem[], cwd: string, framework: string): void {
  if (problems.length === 0) return;
  const native = context.getNativeBuildContext?.();
  if (native?.framework === "esbuild") return;
  if (native?.framework === "webpack" || native?.framework === "rspack") {
    const sink: ProblemSink | undefined = native.compilation;
    for (const problem of problems) (problem.severity === "error" ? sink?.errors : sink?.warnings)?.push(stacklessError(located(problem, cwd)));
    return;
  }
  if (hasLogChannel(context)) report(context, problems, cwd, framework);
}

function esbuildMessages(problems: readonly RewriteProblem[], severity: RewriteProblem["severity"], cwd: string): { text: string; pluginName: string }[] {
  return problems.filter((problem) => problem.severity === severity).map((problem) => ({ text: located(problem, cwd), pluginName: "ts-slots" }));
}

/** esbuild prints the line of a plugin message only from its `lineText`, which unplugin's message drops: put it back. */
function withLineText(result: OnLoadResult | null | undefined): OnLoadResult | null | undefined {
  for (const message of [...(result?.errors ?? []), ...(result?.warnings ?? [])]) {
    const location = message.location;
    if (!location?.file || location.line === undefined || location.lineText) continue;
    const text = fs.existsSync(location.file) ? fs.readFileSync(location.file, "utf8") : undefined;
    location.lineText = text?.split(/\r?\n/)[location.line - 1] ?? "";
  }
  return result;
}

/** NODE_ENV as the bundler's own mode says it, for `seal: "development"` (unknown: the process's environment). */
function environmentFor(production: boolean | undefined): NodeJS.ProcessEnv {
  return production === undefined ? process.env : { ...process.env, NODE_ENV: production ? "production" : "development" };
}

/** The part of Vite's environment (Vite 6 and later: the plugin context's `environment`) that says whether maps are written. */
interface ViteEnvironment {
  mode: string;
  config: { build: { sourcemap: unknown } };
}

function viteEnvironmentOf(context: object): ViteEnvironment | undefined {
  const environment: unknown = "environment" in context ? context.environment : undefined;
  if (typeof environment !== "object" || environment === null || !("mode" in environment) || !("config" in environment)) return undefined;
  const config: unknown = environment.config;
  if (typeof config !== "object" || config === null || !("build" in config) || typeof config.build !== "object" || config.build === null) return undefined;
  return environment as ViteEnvironment;
}

/**
 * Whether the bundler will use the rewrite's source map. Vite's own transforms make none in a build without
 * `build.sourcemap` (the dev server and vitest always want them); esbuild none without its `sourcemap` option. Every
 * other bundler, and any case not known, gets the map.
 */
function wantsSourceMap(framework: string, context: object, vite: { command: string; sourcemap: unknown } | undefined, esbuildSourcemap: unknown): boolean {
  if (framework === "vite") {
    const environment = viteEnvironmentOf(context);
    if (environment) return environment.mode !== "build" || Boolean(environment.config.build.sourcemap);
    return vite === undefined || vite.command !== "build" || Boolean(vite.sourcemap);
  }
  if (framework === "esbuild") return Boolean(esbuildSourcemap);
  return true;
}

/** webpack's and Rspack's `mode`: production when unset (their default), the process's NODE_ENV for "none". */
function webpackModeIsProduction(mode: string | undefined): boolean | undefined {
  return mode === "none" ? undefined : mode !== "development";
}

export const unplugin = createUnplugin<SlotsBundlerOptions | undefined, false>((userOptions = {}, meta) => {
  const cwd = process.cwd();
  const framework: string = meta.framework;
  // webpack hands the map to the next loader as an argument, which esbuild-loader drops; it reads an inline one.
  const inlineMap = framework === "webpack";
  // The rewrite loads TypeScript (about 0.3 s): only once a file imports ts-slots, or an option needs reporting.
  // Until then the one options parser is asked directly, for the file filter and whether there is anything to say.
  const { options, problems } = parseOptions({ ...userOptions }, process.env, "rewrite");
  /** Whether the bundler builds for production by its own mode (Vite's config.mode, webpack's mode, esbuild's define). */
  let production: boolean | undefined;
  /** Vite's command and `build.sourcemap` (configResolved), for a Vite without per-environment configs. */
  let viteBuild: { command: string; sourcemap: unknown } | undefined;
  /** esbuild's `sourcemap` option: esbuild writes no map without it. */
  let esbuildSourcemap: unknown = true;
  let loaded: { rewriter: SourceRewriter; production: boolean | undefined } | undefined;
  // Loading fails only without a TypeScript API (TSS9005, transformer/host/typescript.ts): said once per build, not per file.
  let loadFailed = false;
  const rewriter = (): SourceRewriter | undefined => {
    if (loadFailed) return undefined;
    if (!loaded || loaded.production !== production) {
      try {
        const { createSourceRewriter }: typeof import("../transformer/emit-text") = require("../transformer/emit-text");
        loaded = { rewriter: createSourceRewriter({ ...userOptions }, { cwd, env: environmentFor(production) }), production };
      } catch (error) {
        loadFailed = true;
        throw error;
      }
    }
    return loaded.rewriter;
  };
  const optionProblems = (): readonly RewriteProblem[] => (problems.length > 0 ? (rewriter()?.optionProblems ?? []) : []);
  const { include, exclude } = options;
  // One file's syntax cannot see a misuse in a file that imports a `@slots` class: said once per build, when the
  // build has both kinds of file.
  let sawSlotsFile = false;
  let sawOtherFile = false;
  let noted = false;
  const noteSyntaxLimit = (channel: UnpluginContext, code: string): void => {
    if (options.types !== "syntax" || noted) return;
    sawSlotsFile ||= mayContainSlots(code);
    sawOtherFile ||= mayUseOtherFiles(code);
    if (!sawSlotsFile || !sawOtherFile) return;
    noted = true;
    channel.warn(syntaxModeNote);
  };
  return {
    name: "ts-slots",
    // Before Vite's, Rollup's or webpack's TypeScript transform: the rewrite reads the types.
    enforce: "pre",
    transformInclude: fileFilter(include, exclude, cwd),
    buildStart() {
      noted = sawSlotsFile = sawOtherFile = false;
      reportAtBuildStart(this, optionProblems(), cwd, framework);
    },
    transform(code, id) {
      const file = fileOf(id);
      if (!file) return undefined;
      noteSyntaxLimit(this, code);
      if (!mayNeedChecks(code, options.types)) return undefined;
      const sourceMap = wantsSourceMap(framework, this, viteBuild, esbuildSourcemap);
      const result = rewriter()?.rewrite(code, file, { sourceMap });
      if (!result) return undefined;
      report(this, result.problems, cwd, framework, code);
      if (result.code === code) return undefined;
      // `map: null` where no map is written, as Vite's own transforms return then.
      if (!("map" in result)) return { code: result.code, map: null };
      return { code: inlineMap ? `${result.code}\n//# sourceMappingURL=${result.map.toUrl()}\n` : result.code, map: result.map };
    },
    vite: {
      configResolved(config: { mode: string; command: string; build: { sourcemap: unknown } }) {
        production = config.mode === "production";
        viteBuild = { command: config.command, sourcemap: config.build.sourcemap };
      },
    },
    webpack(compiler) {
      production = webpackModeIsProduction(compiler.options.mode);
    },
    rspack(compiler) {
      production = webpackModeIsProduction(compiler.options.mode);
    },
    esbuild: {
      onLoadFilter: typeScriptFile,
      setup(build) {
        const defined = build.initialOptions.define?.["process.env.NODE_ENV"];
        production = defined === undefined ? undefined : defined === JSON.stringify("production");
        esbuildSourcemap = build.initialOptions.sourcemap;
        build.onStart(() => ({
          errors: esbuildMessages(optionProblems(), "error", cwd),
          warnings: esbuildMessages(optionProblems(), "warning", cwd),
        }));
        // unplugin registers its load callback on this same build right after this setup returns.
        const onLoad = build.onLoad.bind(build);
        build.onLoad = (loadOptions, callback) => onLoad(loadOptions, async (args) => withLineText(await callback(args)));
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
