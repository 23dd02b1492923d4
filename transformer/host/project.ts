// What the source rewrite knows about the project a file belongs to: the compiler options of its tsconfig (they decide
// the field semantics the compiler downstream will use) and, for each file, a parsed source and a type checker: one
// over that file alone (the default, `types: "syntax"`: the file's own aliases and enums resolve, imports do not), or
// one over the whole tsconfig program (`types: "program"`: imports resolve, at the cost of building the program).
import * as path from "path";
import type * as ts from "typescript";
import { oneFileCheckers } from "../core/decorator";
import { libraryFiles, tsApi } from "./typescript";

export interface ProjectConfig {
  /** The tsconfig.json read, or undefined where none was found (TypeScript's defaults apply). */
  configPath: string | undefined;
  options: ts.CompilerOptions;
  rootNames: readonly string[];
  /** Problems reading the tsconfig, in tsc's words. */
  errors: readonly string[];
}

export interface CheckedFile {
  file: ts.SourceFile;
  checker: ts.TypeChecker;
  /** The program's files; undefined for a file checked alone. */
  programFiles: (() => readonly ts.SourceFile[]) | undefined;
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => "\n",
};

function readConfig(configPath: string | undefined): ProjectConfig {
  if (!configPath) return { configPath, options: {}, rootNames: [], errors: [] };
  const errors: string[] = [];
  const parsed = tsApi.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...tsApi.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => errors.push(tsApi.formatDiagnostic(diagnostic, formatHost).trim()),
  });
  if (!parsed) return { configPath, options: {}, rootNames: [], errors };
  // "No inputs were found" (TS18003) only means the tsconfig lists no file of the bundler's: not ours to report.
  errors.push(...parsed.errors.filter((error) => error.code !== 18003).map((error) => tsApi.formatDiagnostic(error, formatHost).trim()));
  return { configPath, options: parsed.options, rootNames: parsed.fileNames, errors };
}

/** The tsconfig of each file: the one named in the options, or the nearest tsconfig.json above the file. */
export function createConfigLookup(explicit: string | undefined, cwd: string): (fileName: string) => ProjectConfig {
  const byPath = new Map<string | undefined, ProjectConfig>();
  const byDirectory = new Map<string, string | undefined>();
  const configOf = (configPath: string | undefined): ProjectConfig => {
    let config = byPath.get(configPath);
    if (!config) byPath.set(configPath, (config = readConfig(configPath)));
    return config;
  };
  if (explicit) {
    const configPath = path.resolve(cwd, explicit);
    return () => configOf(configPath);
  }
  return (fileName) => {
    const directory = path.dirname(fileName);
    if (!byDirectory.has(directory)) byDirectory.set(directory, tsApi.findConfigFile(directory, tsApi.sys.fileExists));
    return configOf(byDirectory.get(directory));
  };
}

/**
 * No JSDoc: nothing here reads it (`@slotsPlaceholder` is read from the text, core/placeholder.ts), and a TypeScript
 * file's types never come from it; tsc (5.3 and later) skips most of it in TypeScript files too. TypeScript before 5.3 parses it regardless.
 */
const jsDocParsingMode = tsApi.JSDocParsingMode ? tsApi.JSDocParsingMode.ParseNone : undefined;

/**
 * A program of one file and no library, as `transpileModule` makes: enough for the file's own aliases, enums and
 * classes; everything imported reads as `any`, which the analysis knows to treat as unknown.
 */
export function checkFileAlone(fileName: string, code: string, options: ts.CompilerOptions): CheckedFile {
  const file = tsApi.createSourceFile(fileName, code, { languageVersion: tsApi.ScriptTarget.Latest, impliedNodeFormat: undefined, jsDocParsingMode }, true, scriptKindOf(fileName));
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === fileName ? file : undefined),
    getDefaultLibFileName: () => "lib.d.ts",
    writeFile: () => undefined,
    getCurrentDirectory: () => path.dirname(fileName),
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (name) => name === fileName,
    readFile: (name) => (name === fileName ? code : undefined),
    // `noResolve` keeps imported files out of the program but still resolves every specifier on disk (node_modules
    // walks, package.json reads: a third of the program's cost); the checker reads an import as unknown either way.
    resolveModuleNameLiterals: (literals) => literals.map(() => ({ resolvedModule: undefined })),
    resolveTypeReferenceDirectiveReferences: (references) => references.map(() => ({ resolvedTypeReferenceDirective: undefined })),
  };
  let checker: ts.TypeChecker | undefined;
  const build = (): ts.TypeChecker => {
    if (checker) return checker;
    oneFilePrograms++;
    const programOptions: ts.CompilerOptions = { ...options, noLib: true, noResolve: true, types: [], noEmit: true, isolatedModules: true };
    return (checker = tsApi.createProgram({ rootNames: [fileName], options: programOptions, host }).getTypeChecker());
  };
  return { file, checker: deferredChecker(file, build), programFiles: undefined };
}

let oneFilePrograms = 0;

/** How many one-file programs this process has built (test/deferred-checker.test.js: only where syntax cannot decide). */
export function oneFileProgramsBuilt(): number {
  return oneFilePrograms;
}

/**
 * The one-file program's checker, built on its first use: most files' fields and decorators are decided by syntax
 * (slots.ts, decorator.ts), and the program and checker are most of a file's cost. Names the checker only looks up
 * among globals, which are this file's own declarations (no library, no imports), are answered from the text: a name
 * the file never writes is declared nowhere.
 */
function deferredChecker(file: ts.SourceFile, build: () => ts.TypeChecker): ts.TypeChecker {
  const builtIn = new Set(["undefined", "globalThis", "arguments"]);
  const resolveName: ts.TypeChecker["resolveName"] = (name, location, meaning, excludeGlobals) =>
    location === undefined && !builtIn.has(name) && !file.text.includes(name) && !file.text.includes("\\u")
      ? undefined
      : build().resolveName(name, location, meaning, excludeGlobals);
  // The checker's methods are closures over its state (none reads `this`): handing them out as they are is safe.
  const deferred = new Proxy({} as ts.TypeChecker, {
    get: (_target, key) => (key === "resolveName" ? resolveName : Reflect.get(build(), key)),
    has: (_target, key) => Reflect.has(build(), key),
  });
  oneFileCheckers.add(deferred);
  return deferred;
}

function scriptKindOf(fileName: string): ts.ScriptKind {
  return /\.[cm]?tsx$/.test(fileName) ? tsApi.ScriptKind.TSX : tsApi.ScriptKind.TS;
}

/**
 * One language service per tsconfig, its files read from disk except those the bundler hands over (their text may
 * differ from the disk's). Each rewrite asks for the current program: the service reuses what did not change.
 */
export function createProgramChecker(): (fileName: string, code: string, config: ProjectConfig) => CheckedFile {
  const services = new Map<string | undefined, { service: ts.LanguageService; texts: Map<string, { code: string; version: number }>; roots: Set<string> }>();
  // The library lives in memory under a folder of its own: a path no project file can have.
  const libraryFolder = path.join(path.parse(process.cwd()).root, "__ts-slots-lib__");
  let library: ReadonlyMap<string, string> | undefined;
  const libraryText = (name: string): string | undefined => {
    if (path.dirname(name) !== libraryFolder) return undefined;
    library ??= libraryFiles();
    return library.get(path.basename(name));
  };
  const serviceFor = (config: ProjectConfig) => {
    let entry = services.get(config.configPath);
    if (entry) return entry;
    // Each new version of a file costs the service a new program (about 80 ms a file on a 2,000-file project when
    // every file counted as changed); files the rewrite never sees are read from disk once, at version 0.
    const texts = new Map<string, { code: string; version: number }>();
    const roots = new Set(config.rootNames);
    const readFile = (name: string) => texts.get(name)?.code ?? libraryText(name) ?? tsApi.sys.readFile(name);
    const host: ts.LanguageServiceHost = {
      getScriptFileNames: () => [...roots],
      getScriptVersion: (name) => String(texts.get(name)?.version ?? 0),
      getScriptSnapshot: (name) => {
        const text = readFile(name);
        return text === undefined ? undefined : tsApi.ScriptSnapshot.fromString(text);
      },
      getCompilationSettings: () => ({ ...config.options, noEmit: true }),
      getCurrentDirectory: () => (config.configPath ? path.dirname(config.configPath) : process.cwd()),
      getDefaultLibFileName: (options) => path.join(libraryFolder, tsApi.getDefaultLibFileName(options)),
      fileExists: (name) => libraryText(name) !== undefined || tsApi.sys.fileExists(name),
      readFile,
      readDirectory: tsApi.sys.readDirectory,
      directoryExists: (name) => name === libraryFolder || tsApi.sys.directoryExists(name),
      getDirectories: tsApi.sys.getDirectories,
    };
    entry = { service: tsApi.createLanguageService(host, tsApi.createDocumentRegistry()), texts, roots };
    services.set(config.configPath, entry);
    return entry;
  };
  return (fileName, code, config) => {
    const { service, texts, roots } = serviceFor(config);
    roots.add(fileName);
    const previous = texts.get(fileName);
    // Version 0 is the disk's text, which the service may have read already for another file's program: the same text
    // keeps it, so that the program is reused; a different text is a new version.
    if (!previous) texts.set(fileName, { code, version: code === tsApi.sys.readFile(fileName) ? 0 : 1 });
    else if (previous.code !== code) texts.set(fileName, { code, version: previous.version + 1 });
    const program = service.getProgram();
    const file = program?.getSourceFile(fileName);
    if (!program || !file) throw new Error(`the program of ${config.configPath ?? "the default options"} has no file ${fileName}`);
    return { file, checker: program.getTypeChecker(), programFiles: () => program.getSourceFiles() };
  };
}
