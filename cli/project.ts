// cli/project.ts — owns loading the user's project with ts-morph from `-p`, and failing with a clear message when it cannot be loaded.
import * as fs from "fs";
import * as path from "path";
import { Project, ts } from "ts-morph";
import { toPosix } from "./paths";

export { toPosix };

/** Thrown when the project cannot be loaded; the message is shown to the user as is. */
export class ProjectLoadError extends Error {
  override name = "ProjectLoadError";
}

export interface LoadedProject {
  project: Project;
  program: ts.Program;
  checker: ts.TypeChecker;
  /** Absolute path of the tsconfig file. */
  configPath: string;
  /** Directory of the tsconfig file; every path in reports is relative to it. */
  rootDir: string;
  compilerOptions: ts.CompilerOptions;
  /** The project's own source files (from the tsconfig, no declaration files, nothing under node_modules). */
  sourceFiles: ts.SourceFile[];
  /** Non-fatal problems with the tsconfig (unknown options and the like). */
  warnings: string[];
}

/** Diagnostics that are only deprecation notices of the TypeScript version bundled with ts-morph. */
const DEPRECATION_CODES = new Set([5101, 5107, 5108, 5110, 5111]);

export function formatDiagnostic(d: ts.Diagnostic, cwd: string): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (d.file && d.start !== undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${toPosix(path.relative(cwd, d.file.fileName))}:${line + 1}:${character + 1}: ${message}`;
  }
  return message;
}

/** Resolves `-p` like tsc does: a file, or a directory holding tsconfig.json; default ./tsconfig.json. */
export function resolveConfigPath(projectArg: string | undefined, cwd: string): string {
  const given = path.resolve(cwd, projectArg ?? ".");
  if (fs.existsSync(given) && fs.statSync(given).isDirectory()) return path.join(given, "tsconfig.json");
  return given;
}

export function loadProject(projectArg: string | undefined, cwd: string): LoadedProject {
  const configPath = resolveConfigPath(projectArg, cwd);
  const shown = toPosix(path.relative(cwd, configPath)) || configPath;
  if (!fs.existsSync(configPath)) {
    throw new ProjectLoadError(
      `cannot load project: no tsconfig file at ${shown}` +
        (projectArg === undefined ? " (run inside a TypeScript project or pass -p <tsconfig.json>)" : ""),
    );
  }
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) {
    throw new ProjectLoadError(`cannot load project: ${shown} is not valid: ${formatDiagnostic(read.error, cwd)}`);
  }
  const rootDir = path.dirname(configPath);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, rootDir, undefined, configPath);
  const warnings: string[] = [];
  for (const d of parsed.errors) {
    if (d.code === 18003) {
      throw new ProjectLoadError(`cannot load project: ${shown} matches no input files (check "include"/"files")`);
    }
    if (DEPRECATION_CODES.has(d.code)) continue;
    if (d.category === ts.DiagnosticCategory.Error) warnings.push(`${shown}: ${formatDiagnostic(d, cwd)}`);
  }

  let project: Project;
  try {
    project = new Project({
      tsConfigFilePath: configPath,
      // The bundled TypeScript may be newer than the user's; deprecation errors must not stop the audit.
      compilerOptions: { ignoreDeprecations: "6.0" },
    });
  } catch (e) {
    throw new ProjectLoadError(`cannot load project from ${shown}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const program = project.getProgram().compilerObject;
  const checker = program.getTypeChecker();
  const wanted = new Set(parsed.fileNames.map((f) => path.resolve(f)));
  const sourceFiles = program
    .getSourceFiles()
    .filter(
      (sf) =>
        !sf.isDeclarationFile &&
        wanted.has(path.resolve(sf.fileName)) &&
        !sf.fileName.split(/[\\/]/).includes("node_modules"),
    )
    .sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  if (sourceFiles.length === 0) {
    throw new ProjectLoadError(`cannot load project: ${shown} has no TypeScript source files to audit`);
  }
  return { project, program, checker, configPath, rootDir, compilerOptions: program.getCompilerOptions(), sourceFiles, warnings };
}
