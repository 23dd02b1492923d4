// The ts-patch route's option problems (TSS9001/9002) placed at the key or value they are about, in the tsconfig file
// that writes the ts-slots plugin entry (the project's own or one it extends), as TypeScript places its own tsconfig
// errors. The options were parsed by options.ts from the object ts-patch hands over; this only finds where they are
// written. Without a readable tsconfig (a program built by API) the problems stay without a position.
import * as fs from "fs";
import * as path from "path";
import type * as ts from "typescript";
import type { ProblemLocation, SlotsProblem } from "./diagnostics";
import { configChain, isPackageRootTransform, pluginEntriesOf, propertyOf, spanOf, stringValueOf } from "./pluginEntry";

function resolveFrom(specifier: string, directory: string): string | undefined {
  try {
    return require.resolve(specifier, { paths: [directory] });
  } catch {
    return undefined;
  }
}

/** The file an `extends` names: a path (`.json` optional, as TypeScript allows) or a package's file. */
function extendedPath(specifier: string, fromFile: string): string | undefined {
  const directory = path.dirname(fromFile);
  if (path.isAbsolute(specifier) || specifier.startsWith(".")) {
    const direct = path.resolve(directory, specifier);
    return [direct, `${direct}.json`].find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
  }
  return resolveFrom(specifier, directory) ?? resolveFrom(`${specifier}.json`, directory) ?? resolveFrom(`${specifier}/tsconfig.json`, directory);
}

function sameFile(a: string, b: string): boolean {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * Adds to each option problem the place of its key or value in the plugin entry whose `transform` resolves (from the
 * project directory, as ts-patch resolves it) to `transformerModule`.
 */
export function locateOptionProblems(
  problems: readonly SlotsProblem[],
  compilerOptions: ts.CompilerOptions,
  transformerModule: string,
  tsApi: typeof ts,
): SlotsProblem[] {
  const configPath = compilerOptions.configFilePath;
  if (typeof configPath !== "string" || !problems.some((problem) => problem.option)) return [...problems];
  const projectDirectory = path.dirname(configPath);
  const isOurs = (entry: ts.ObjectLiteralExpression): boolean => {
    const transform = stringValueOf(entry, "transform", tsApi);
    const resolved = transform === undefined ? undefined : resolveFrom(transform, projectDirectory);
    return resolved !== undefined && sameFile(resolved, transformerModule);
  };
  // TypeScript takes `plugins` whole from the nearest file that sets it, so the first file with our entry is the one.
  const entries = configChain(configPath, tsApi, extendedPath).flatMap((source) => pluginEntriesOf(source, tsApi).filter(isOurs).map((entry) => ({ source, entry })));
  return problems.map((problem) => {
    const subject = problem.option;
    if (!subject) return problem;
    for (const { source, entry } of entries) {
      const property = propertyOf(entry, subject.key, tsApi);
      if (property) return { ...problem, location: spanOf(subject.part === "key" ? property.name : property.initializer, source.file) };
    }
    return problem;
  });
}

/** The `compilerOptions.plugins` entry whose `transform` resolves (from the project directory) to `transformerModule`. */
export function pluginEntryFor(compilerOptions: ts.CompilerOptions, transformerModule: string): Readonly<Record<string, unknown>> | undefined {
  const entries: readonly unknown[] = Array.isArray(compilerOptions.plugins) ? compilerOptions.plugins : [];
  const configPath = compilerOptions.configFilePath;
  const directory = typeof configPath === "string" ? path.dirname(configPath) : process.cwd();
  return entries.find((entry): entry is Readonly<Record<string, unknown>> => {
    if (typeof entry !== "object" || entry === null || !("transform" in entry) || typeof entry.transform !== "string") return false;
    const resolved = resolveFrom(entry.transform, directory);
    return resolved !== undefined && sameFile(resolved, transformerModule);
  });
}

/** Whether the options hold a `{ "transform": "ts-slots" }` entry at all (located or not). */
export function hasPackageRootEntry(compilerOptions: ts.CompilerOptions): boolean {
  const entries: readonly unknown[] = Array.isArray(compilerOptions.plugins) ? compilerOptions.plugins : [];
  return entries.some((entry) => typeof entry === "object" && entry !== null && "transform" in entry && isPackageRootTransform(entry.transform));
}

/**
 * Where a `{ "transform": "ts-slots" }` entry (TSS9004) is written: its `transform` value in the tsconfig (or a file it
 * extends). Undefined when the options hold no such entry, or the file cannot be read.
 */
export function locatePackageRootEntry(compilerOptions: ts.CompilerOptions, tsApi: typeof ts): ProblemLocation | undefined {
  const configPath = compilerOptions.configFilePath;
  if (typeof configPath !== "string" || !hasPackageRootEntry(compilerOptions)) return undefined;
  for (const source of configChain(configPath, tsApi, extendedPath)) {
    for (const entry of pluginEntriesOf(source, tsApi)) {
      const property = propertyOf(entry, "transform", tsApi);
      if (property && isPackageRootTransform(stringValueOf(entry, "transform", tsApi))) return spanOf(property.initializer, source.file);
    }
  }
  return undefined;
}
