// What ts-patch runs when a tsconfig names the package root, `{ "transform": "ts-slots" }`, instead of
// `ts-slots/transformer`: it loads the package's main module (the runtime) and calls its default export as a program
// transformer. Without one, ts-patch crashed with `does not have an export "default"` and a stack; with this one the
// build gets a single error diagnostic (TSS9004) at that entry in the tsconfig, naming the fix, and the files are
// emitted as written (`@slots` then seals at run time). No TypeScript is loaded here: the call brings its own
// instance, and nothing here runs unless ts-patch calls it.
import type * as ts from "typescript";
import { configChain, pluginEntriesOf, propertyOf, spanOf, stringValueOf } from "../transformer/host/tsconfigEntries";

/** The third argument ts-patch passes to a program transformer: only what is used here. */
interface TsPatchExtras {
  ts: typeof ts;
  addDiagnostic?: (diagnostic: ts.Diagnostic) => number;
}

/** What `transform` values load this module instead of the transformer. */
const packageRootEntry = /^ts-slots(\/dist\/runtime(\/index(\.js)?)?)?\/?$/;

/**
 * `ProblemCode.PackageRootEntry` (TSS9004), written out: transformer/core/diagnostics.ts would add its 4 kB to every
 * bundle of the runtime fallback. test/diagnostics.test.js pins the printed code.
 */
const packageRootCode = 9004;

export const packageRootMessage =
  `"ts-slots" in compilerOptions.plugins names the package's run-time decorator, not its transformer: write ` +
  `{ "transform": "ts-slots/transformer" }. Nothing was rewritten in this build; @slots classes are only sealed at run time.`;

function isProgram(value: unknown): value is ts.Program {
  if (typeof value !== "object" || value === null) return false;
  const program = value as Partial<Record<"getTypeChecker" | "getCompilerOptions" | "emit", unknown>>;
  return typeof program.getTypeChecker === "function" && typeof program.getCompilerOptions === "function" && typeof program.emit === "function";
}

function isExtras(value: unknown): value is TsPatchExtras {
  if (typeof value !== "object" || value === null || !("ts" in value)) return false;
  const tsApi: unknown = value.ts;
  return typeof tsApi === "object" && tsApi !== null && "readJsonConfigFile" in tsApi && "DiagnosticCategory" in tsApi;
}

/** A relative or absolute `extends`, resolved with the compiler's own file system (packages are not followed here). */
function relativeExtends(tsApi: typeof ts): (specifier: string, fromFile: string) => string | undefined {
  return (specifier, fromFile) => {
    const directory = fromFile.slice(0, Math.max(fromFile.lastIndexOf("/"), fromFile.lastIndexOf("\\")));
    const isPath = specifier.startsWith(".") || specifier.startsWith("/") || /^[A-Za-z]:[\\/]/.test(specifier);
    if (!isPath) return undefined;
    const direct = tsApi.sys.resolvePath(/^([A-Za-z]:)?[\\/]/.test(specifier) ? specifier : `${directory}/${specifier}`);
    return [direct, `${direct}.json`].find((candidate) => tsApi.sys.fileExists(candidate));
  };
}

/** Where the mistaken `transform` value is written, when the tsconfig that writes it can be read. */
function packageRootLocation(program: ts.Program, tsApi: typeof ts): Pick<ts.Diagnostic, "file" | "start" | "length"> {
  const configPath = program.getCompilerOptions().configFilePath;
  if (typeof configPath !== "string") return { file: undefined, start: undefined, length: undefined };
  for (const source of configChain(configPath, tsApi, relativeExtends(tsApi))) {
    for (const entry of pluginEntriesOf(source, tsApi)) {
      const transform = stringValueOf(entry, "transform", tsApi);
      const property = propertyOf(entry, "transform", tsApi);
      if (transform !== undefined && packageRootEntry.test(transform) && property) return spanOf(property.initializer, source.file);
    }
  }
  return { file: undefined, start: undefined, length: undefined };
}

/**
 * ts-patch's call of the package root as a program transformer, `(program, config, extras)`: reports TSS9004 and
 * returns a transformer that leaves every file as it is. Any other call is a mistaken default import.
 */
export function tsPatchEntry(program: object, config?: unknown, extras?: unknown): unknown {
  if (!isProgram(program) || !isExtras(extras)) {
    throw new TypeError(`ts-slots has no default export: write import { slots } from "ts-slots"`);
  }
  extras.addDiagnostic?.({
    category: extras.ts.DiagnosticCategory.Error,
    code: 990000 + packageRootCode,
    messageText: `ts-slots TSS${packageRootCode}: ${packageRootMessage} (see ts-slots docs/diagnostics.md#tss${packageRootCode})`,
    source: "ts-slots",
    ...packageRootLocation(program, extras.ts),
  });
  return () => (file: ts.SourceFile) => file;
}
