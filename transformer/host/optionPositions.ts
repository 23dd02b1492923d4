// Where the ts-slots plugin entry's problems are written, in the tsconfig file that writes the entry (the project's own
// or one it extends), as TypeScript places its own tsconfig errors: an option problem (TSS9001/9002) at its key or
// value, a problem of the entry as a whole (TSS9003) at its `transform`, and a `{ "transform": "ts-slots" }` entry
// (TSS9004) at that value. The options were parsed by options.ts; this only finds where they are written. Without a
// readable tsconfig (a program built by API) the problems stay without a position.
import * as fs from "fs";
import * as path from "path";
import type * as ts from "typescript";
import type { ProblemLocation, SlotsProblem } from "../core/diagnostics";
import { configChain, isPackageRootTransform, pluginEntriesOf, propertyOf, spanOf, stringValueOf, type ConfigSource } from "./tsconfigEntries";

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

/** A ts-slots plugin entry as written, and the tsconfig file that writes it. */
interface WrittenEntry {
  source: ConfigSource;
  entry: ts.ObjectLiteralExpression;
}

/**
 * The plugin entries, in the project's tsconfig and the files it extends, whose `transform` resolves (from the project
 * directory, as ts-patch resolves it) to `transformerModule`. TypeScript takes `plugins` whole from the nearest file
 * that sets it, so the first one is the entry in force.
 */
function writtenEntries(configPath: string, transformerModule: string, tsApi: typeof ts): WrittenEntry[] {
  const projectDirectory = path.dirname(configPath);
  const isOurs = (entry: ts.ObjectLiteralExpression): boolean => {
    const transform = stringValueOf(entry, "transform", tsApi);
    const resolved = transform === undefined ? undefined : resolveFrom(transform, projectDirectory);
    return resolved !== undefined && sameFile(resolved, transformerModule);
  };
  return configChain(configPath, tsApi, extendedPath).flatMap((source) => pluginEntriesOf(source, tsApi).filter(isOurs).map((entry) => ({ source, entry })));
}

/**
 * Adds to each option problem the place of its key or value in the plugin entry whose `transform` resolves to
 * `transformerModule`, and to a problem of the entry as a whole (no option, no node: TSS9003) the place of its
 * `transform` value. Problems that are placed already, or whose place cannot be found, are returned as they are.
 */
export function locateOptionProblems(
  problems: readonly SlotsProblem[],
  compilerOptions: ts.CompilerOptions,
  transformerModule: string,
  tsApi: typeof ts,
): SlotsProblem[] {
  const configPath = compilerOptions.configFilePath;
  const unplaced = (problem: SlotsProblem): boolean => !problem.node && !problem.location;
  if (typeof configPath !== "string" || !problems.some(unplaced)) return [...problems];
  const entries = writtenEntries(configPath, transformerModule, tsApi);
  return problems.map((problem) => {
    if (!unplaced(problem)) return problem;
    const key = problem.option?.key ?? "transform";
    for (const { source, entry } of entries) {
      const property = propertyOf(entry, key, tsApi);
      if (property) return { ...problem, location: spanOf(problem.option?.part === "key" ? property.name : property.initializer, source.file) };
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
