// The TypeScript that the source rewrite parses and type-checks with, chosen once when the rewrite loads:
// 1. the project's own `typescript` when it is 5.x or 6.x (it has the JavaScript compiler API): no second copy;
// 2. else (TypeScript 7 has no JavaScript API, or no `typescript` at all) TypeScript 6's API from @ts-slots/cli, which
//    has it through ts-morph anyway (@ts-morph/common's bundled build: a plain module, no `tsc` binary, so the
//    project's own `tsc` stays the one on its PATH);
// 3. else the rewrite cannot run: loading it throws one TSS9005 message naming the install command, without a stack.
// The ts-patch route never loads this: it uses ts-patch's `extras.ts`.
import * as fs from "fs";
import * as path from "path";
import type * as ts from "typescript";
import { ProblemCode, problemText } from "../core/diagnostics";

interface TypeScriptApi {
  ts: typeof ts;
  /** The standard library's declaration files by file name: read only by the type-aware mode's programs. */
  libraryFiles(): ReadonlyMap<string, string>;
}

/** The command that supplies the missing API; the README's TypeScript 7 install line has the same package. */
export const cliInstallCommand = "npm install --save-dev @ts-slots/cli";

function majorOf(version: string): number {
  return Number(version.split(".")[0]);
}

/** True for a module that is TypeScript's JavaScript API (5.x/6.x), not TypeScript 7's version-only entry. */
function isCompilerApi(value: unknown): value is typeof ts {
  if (typeof value !== "object" || value === null) return false;
  const api = value as { version?: unknown; createProgram?: unknown; createSourceFile?: unknown };
  return typeof api.version === "string" && typeof api.createProgram === "function" && typeof api.createSourceFile === "function";
}

/** Whether `require(specifier)` failed because that very package is not installed (not a failure inside it). */
function isMissing(error: unknown, specifier: string): boolean {
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
  return code === "MODULE_NOT_FOUND" && error instanceof Error && error.message.includes(`'${specifier}'`);
}

/** The standard library files beside the project's typescript (its lib/ folder), read once. */
function libraryFilesIn(directory: string): ReadonlyMap<string, string> {
  const files = fs.readdirSync(directory).filter((name) => /^lib\..*d\.ts$|^lib\.d\.ts$/.test(name));
  return new Map(files.map((name) => [name, fs.readFileSync(path.join(directory, name), "utf8")]));
}

/** The project's typescript: its version when installed (API or not), undefined when absent. */
function projectTypeScript(): { version: string; api?: TypeScriptApi } | undefined {
  let loaded: unknown;
  try {
    loaded = require("typescript");
  } catch (error) {
    if (isMissing(error, "typescript")) return undefined;
    throw error;
  }
  const version = typeof (loaded as { version?: unknown }).version === "string" ? (loaded as { version: string }).version : "unknown";
  if (!isCompilerApi(loaded) || (majorOf(version) !== 5 && majorOf(version) !== 6)) return { version };
  const libraryDirectory = path.dirname(require.resolve("typescript"));
  let library: ReadonlyMap<string, string> | undefined;
  return { version, api: { ts: loaded, libraryFiles: () => (library ??= libraryFilesIn(libraryDirectory)) } };
}

function cliTypeScript(): TypeScriptApi | undefined {
  try {
    // packages/cli/typescript.js exports the same pair.
    const cli = require("@ts-slots/cli/typescript") as TypeScriptApi;
    return { ts: cli.ts, libraryFiles: () => cli.libraryFiles() };
  } catch (error) {
    if (isMissing(error, "@ts-slots/cli/typescript")) return undefined;
    throw error;
  }
}

/** The one message when neither is there: what was found, and the exact command. */
function missingApiError(projectVersion: string | undefined): Error {
  const found =
    projectVersion === undefined
      ? "this project has no `typescript` package"
      : `this project's typescript is ${projectVersion}, which has no JavaScript compiler API${majorOf(projectVersion) >= 7 ? " (TypeScript 7 is native)" : ""}`;
  const message = problemText(
    ProblemCode.TypeScriptApiMissing,
    `the ts-slots source rewrite (the bundler plugins, ts-slots/register, ts-slots/rewrite) needs TypeScript's compiler API ` +
      `(5.x or 6.x); ${found}. Install TypeScript 6's API with: ${cliInstallCommand}`,
  );
  const error = new Error(message);
  // A message, not a crash: Node and the bundlers print `stack` where there is one, so it has no frames.
  error.stack = `Error: ${message}`;
  return error;
}

function chooseTypeScript(): TypeScriptApi {
  const project = projectTypeScript();
  const chosen = project?.api ?? cliTypeScript();
  if (!chosen) throw missingApiError(project?.version);
  return chosen;
}

const chosen = chooseTypeScript();

export const tsApi: typeof ts = chosen.ts;

/**
 * The standard library's declaration files, needed only by the type-aware mode's programs, so loaded on first use:
 * from the project's typescript/lib, or kept in memory by @ts-morph/common.
 */
export function libraryFiles(): ReadonlyMap<string, string> {
  return chosen.libraryFiles();
}
