// The load hook of `ts-slots/register`: for each .ts/.mts/.cts file outside node_modules it takes the source the next
// loader gives (Node's own), rewrites its `@slots` classes for native class fields, and hands it on in the same format
// with an inline source map. Node strips the types afterwards; or tsx compiles the result, when it is registered after
// ts-slots (hooks run last-registered first, so tsx then asks this hook for the source).
// Loaded two ways: in-thread through module.registerHooks (sync `loadSync`), or as the module.register hooks module
// of older Nodes (async `load`, in the hooks thread).
import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";
import { packageName } from "../transformer/core/decorator";
import { mayContainSlots, mayNeedChecks, mayUseOtherFiles, syntaxModeNote } from "../transformer/emit-text/prefilter";
import type { SourceRewriter } from "../transformer/emit-text";

type ModuleSource = string | ArrayBuffer | ArrayBufferView;

export interface LoadResult {
  format?: string | null;
  source?: ModuleSource | null;
  shortCircuit?: boolean;
}

type LoadContext = object;

type TextModule = typeof import("../transformer/emit-text");
type TypeScriptModule = typeof import("../transformer/host/typescript");

let rewriter: SourceRewriter | undefined;

/**
 * `TS_SLOTS_TYPES=program` checks every file that imports a `@slots` class through the tsconfig's program (a loader
 * has no options object); by default each file alone, like the bundler plugins.
 */
const types = process.env.TS_SLOTS_TYPES === "program" ? "program" : "syntax";

/** Loaded on the first file that names ts-slots: TypeScript's parser costs ~0.7 s, too much for every `node` start. */
function sourceRewriter(): SourceRewriter {
  if (!rewriter) {
    const { createSourceRewriter }: TextModule = require("../transformer/emit-text");
    rewriter = createSourceRewriter(process.env.TS_SLOTS_TYPES ? { types: process.env.TS_SLOTS_TYPES } : {}, { fieldMode: "native" });
    printed(rewriter.optionProblems.map((problem) => problem.text).join("\n"));
  }
  return rewriter;
}

/** Node's type stripping runs .ts, .mts and .cts (not .tsx); a package's files are its own business. */
function isOwnTypeScript(url: string): boolean {
  return url.startsWith("file:") && /\.[cm]?ts$/.test(new URL(url).pathname) && !url.includes("/node_modules/");
}

function textOf(source: ModuleSource): string {
  if (typeof source === "string") return source;
  if (ArrayBuffer.isView(source)) return Buffer.from(source.buffer, source.byteOffset, source.byteLength).toString("utf8");
  return Buffer.from(source).toString("utf8");
}

/** Straight to stderr's descriptor: the hooks thread's process.stderr is flushed too late when the load fails. */
function printed(text: string): void {
  if (text) fs.writeSync(2, `${text}\n`);
}

/** An Error whose printout is its one line: where the problems are is printed above it, tsc style. */
function loadFailure(message: string): Error {
  const error = new Error(message);
  error.stack = `Error: ${message}`;
  return error;
}

let sawSlotsFile = false;
let sawOtherFile = false;
let noted = false;

/** With one file's syntax, a misuse in a file that imports a `@slots` class is not seen: said once per process. */
function noteSyntaxLimit(source: string): void {
  if (types !== "syntax" || noted) return;
  sawSlotsFile ||= mayContainSlots(source);
  sawOtherFile ||= mayUseOtherFiles(source);
  if (!sawSlotsFile || !sawOtherFile) return;
  noted = true;
  printed(syntaxModeNote);
}

/** The rewritten source, with problems printed to stderr as tsc prints them; errors make the load fail. */
export function rewriteForNode(source: string, fileName: string): string {
  noteSyntaxLimit(source);
  if (!mayNeedChecks(source, types)) return source;
  const result = sourceRewriter().rewrite(source, fileName);
  if (!result) return source;
  printed(result.problems.map((problem) => problem.text).join("\n"));
  const errors = result.problems.filter((problem) => problem.severity === "error").length;
  if (errors > 0) {
    const where = path.relative(process.cwd(), fileName) || fileName;
    throw loadFailure(`ts-slots: ${errors} error${errors === 1 ? "" : "s"} in ${where} (printed above); not loaded.`);
  }
  if (result.classes === 0) return source;
  return `${result.code}\n//# sourceMappingURL=${result.map.toUrl()}\n`;
}

let warnedCompiledBefore = false;

/**
 * A loader registered before this one (`--import tsx --import ts-slots/register`) hands over JavaScript it compiled
 * itself, decorators and all: too late to rewrite. Said once, with the order that works.
 */
function compiledBefore(source: string, fileName: string): boolean {
  if (!source.includes(packageName) || source === fs.readFileSync(fileName, "utf8")) return false;
  if (!warnedCompiledBefore) {
    warnedCompiledBefore = true;
    printed(
      `ts-slots/register: ${path.relative(process.cwd(), fileName)} arrived already compiled by a loader registered before ts-slots, ` +
        `so its @slots classes were not rewritten. Register ts-slots first: node --import ts-slots/register --import tsx ...`,
    );
  }
  return true;
}

function rewritten(url: string, loaded: LoadResult): LoadResult {
  if (!isOwnTypeScript(url) || loaded.source === undefined || loaded.source === null) return loaded;
  const source = textOf(loaded.source);
  const fileName = fileURLToPath(url);
  if (compiledBefore(source, fileName)) return loaded;
  const code = rewriteForNode(source, fileName);
  return code === source ? loaded : { ...loaded, source: code };
}

/**
 * Where package.json has no "type", Node tells an ES module from CommonJS by stripping the file first, inside the
 * next loader, and a `@slots` file does not strip before the rewrite (parameter properties, the decorator). Then the
 * file is rewritten here and its format decided as Node's detection would (import/export syntax means a module);
 * the next loader gets that format as a hint, so it does not strip to detect.
 */
function undetected(url: string, error: unknown): { format: string; code: string } | undefined {
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  if (code === "ERR_UNKNOWN_FILE_EXTENSION" && isOwnTypeScript(url)) throw noTypeStripping(url);
  if (code !== "ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX" && code !== "ERR_INVALID_TYPESCRIPT_SYNTAX") return undefined;
  if (!isOwnTypeScript(url)) return undefined;
  const fileName = fileURLToPath(url);
  const rewrittenCode = rewriteForNode(fs.readFileSync(fileName, "utf8"), fileName);
  const { tsApi }: TypeScriptModule = require("../transformer/host/typescript");
  const file = tsApi.createSourceFile(fileName, rewrittenCode, tsApi.ScriptTarget.Latest);
  return { format: tsApi.isExternalModule(file) ? "module-typescript" : "commonjs-typescript", code: rewrittenCode };
}

/**
 * A Node that cannot strip types (before 22.6; before 22.18 without --experimental-strip-types) refuses a .ts file
 * with ERR_UNKNOWN_FILE_EXTENSION and a stack through this loader: one line that names the fix instead.
 */
function noTypeStripping(url: string): Error {
  const where = path.relative(process.cwd(), fileURLToPath(url));
  return loadFailure(
    `ts-slots/register: Node ${process.version} cannot run ${where} (it has no TypeScript type stripping). ` +
      `Use Node >= 22.18 (or 22.6+ with --experimental-strip-types), or add a TypeScript loader after ts-slots: node --import ts-slots/register --import tsx ${where}`,
  );
}

/** For module.registerHooks: in-thread, synchronous, covers import and require. */
export function loadSync(url: string, context: LoadContext, nextLoad: (url: string, context?: LoadContext) => LoadResult): LoadResult {
  let loaded: LoadResult;
  try {
    loaded = nextLoad(url, context);
  } catch (error) {
    const file = undetected(url, error);
    if (!file) throw error;
    return { ...nextLoad(url, { ...context, format: file.format }), source: file.code };
  }
  return rewritten(url, loaded);
}

/** For module.register: the hooks thread's asynchronous chain. */
export async function load(url: string, context: LoadContext, nextLoad: (url: string, context?: LoadContext) => Promise<LoadResult>): Promise<LoadResult> {
  let loaded: LoadResult;
  try {
    loaded = await nextLoad(url, context);
  } catch (error) {
    const file = undetected(url, error);
    if (!file) throw error;
    return { ...(await nextLoad(url, { ...context, format: file.format })), source: file.code };
  }
  return rewritten(url, loaded);
}
