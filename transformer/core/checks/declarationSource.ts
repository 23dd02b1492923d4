// Whether a class seen only through a declaration file was compiled from a `@slots` class. Declaration files carry no
// decorators, so a `@slots` base class from a referenced project (`tsc -b`, monorepos) looks like any library class.
// When the `.d.ts` is the output of a TypeScript project on disk, its source is found through that project's
// tsconfig.json (`outDir`/`declarationDir` back to `rootDir`) and read for `@slots`, from syntax alone.
import * as path from "path";
import type * as ts from "typescript";
import { importedNames, slotsDecoratorsOf } from "../decorator";

const declarationExtension = /\.d\.([cm]?)ts$/;

interface ProjectLayout {
  /** Where the project writes declaration files. */
  outputDir: string;
  rootDir: string;
}

/** Layouts by tsconfig path and modification time: the language service asks again on every keystroke. */
const layouts = new Map<string, ProjectLayout | undefined>();

function readLayout(configPath: string, tsApi: typeof ts, system: ts.System): ProjectLayout | undefined {
  const read = tsApi.readConfigFile(configPath, system.readFile);
  if (read.error) return undefined;
  const configDir = path.dirname(configPath);
  // Only the options matter: a host that lists no directory spares the scan of `include`.
  const host: ts.ParseConfigHost = { ...system, readDirectory: () => [] };
  const options = tsApi.parseJsonConfigFileContent(read.config, host, configDir).options;
  const outputDir = options.declarationDir ?? options.outDir;
  if (!outputDir) return undefined;
  return { outputDir: path.resolve(configDir, outputDir), rootDir: path.resolve(configDir, options.rootDir ?? ".") };
}

/** The nearest tsconfig.json above a declaration file, read for where it puts outputs; undefined if none fits. */
function layoutOf(declarationFile: string, tsApi: typeof ts, system: ts.System): ProjectLayout | undefined {
  const configPath = tsApi.findConfigFile(path.dirname(declarationFile), system.fileExists);
  if (!configPath) return undefined;
  const key = `${configPath}@${system.getModifiedTime?.(configPath)?.getTime() ?? ""}`;
  if (!layouts.has(key)) layouts.set(key, readLayout(configPath, tsApi, system));
  return layouts.get(key);
}

/** The source file a declaration file was emitted from, if it is on disk next to its project's tsconfig.json. */
function sourceOf(declarationFile: string, tsApi: typeof ts, system: ts.System): string | undefined {
  const layout = layoutOf(declarationFile, tsApi, system);
  if (!layout) return undefined;
  const relative = path.relative(layout.outputDir, declarationFile);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return undefined;
  const extension = declarationExtension.exec(relative)?.[1] ?? "";
  const stem = path.join(layout.rootDir, relative.replace(declarationExtension, ""));
  const candidates = extension ? [`${stem}.${extension}ts`] : [`${stem}.ts`, `${stem}.tsx`];
  return candidates.find((candidate) => system.fileExists(candidate));
}

function classesNamed(file: ts.SourceFile, name: string, tsApi: typeof ts): ts.ClassDeclaration[] {
  return file.statements.filter((statement): statement is ts.ClassDeclaration => tsApi.isClassDeclaration(statement) && statement.name?.text === name);
}

/** Whether the class `base` (declared in a `.d.ts`) was compiled from a class decorated `@slots` in its project. */
export function compiledFromSlotsClass(base: ts.ClassLikeDeclaration, tsApi: typeof ts): boolean {
  const system = tsApi.sys;
  const name = base.name?.text;
  const declarationFile = base.getSourceFile().fileName;
  // Installed packages are not project outputs this build can map back (workspace packages resolve to real paths).
  if (!system || !name || !declarationExtension.test(declarationFile) || /[\\/]node_modules[\\/]/.test(declarationFile)) return false;
  const source = sourceOf(declarationFile, tsApi, system);
  const text = source && system.readFile(source);
  if (!source || text === undefined) return false;
  const file = tsApi.createSourceFile(source, text, tsApi.ScriptTarget.Latest, true);
  const names = importedNames(file, tsApi);
  return classesNamed(file, name, tsApi).some((declaration) => slotsDecoratorsOf(declaration, names, undefined, tsApi).length > 0);
}
