// cli/check.ts — owns `ts-slots check`: the ts-slots diagnostics of a project without emitting, for CI and for
// projects whose own `typescript` is 7 (no JavaScript API). The program is built with the TypeScript 6 API ts-slots
// brings (transformer/host/typescript.ts) through the same language service as the type-aware rewrite
// (transformer/host/project.ts); the findings are those of the build: `checkFile` (transformer/core/checks) on every
// source file, plus the options parser's problems of the tsconfig's ts-slots plugin entry, placed in the tsconfig as
// the build places them. Turning them into lines is transformer/core/diagnostics.ts's `toReport`; this file only picks the
// output format and the exit code.
import * as fs from "fs";
import * as path from "path";
import type * as ts from "typescript";
import { checkFile } from "../transformer/core/checks";
import { toReport, type ProblemReport, type SlotsProblem } from "../transformer/core/diagnostics";
import { parseOptions } from "../transformer/core/options";
import { locateOptionProblems } from "../transformer/host/optionPositions";
import { createConfigLookup, createProgramChecker, type ProjectConfig } from "../transformer/host/project";
import { tsApi } from "../transformer/host/typescript";
import type { Progress } from "./progress";
import { toPosix } from "./paths";

export type CheckFormat = "text" | "json" | "github";
export const checkFormats: readonly CheckFormat[] = ["text", "json", "github"];

/** A project that cannot be checked at all (no tsconfig, unreadable, no input files): exit 1 with the message. */
export class CheckSetupError extends Error {}

/** One finding, as the json format prints it: positions 1-based, `file` relative to the working directory. */
export interface Finding {
  file?: string;
  line?: number;
  column?: number;
  /** `TSS1002` */
  code: string;
  severity: "error" | "warning";
  /** `ts-slots TSS1002: ...`, as in the build's diagnostic. */
  message: string;
  /** The build's line: `src/a.ts(3,5): error TS991002: ts-slots TSS1002: ...`. */
  text: string;
}

export interface CheckResult {
  findings: Finding[];
  /** Source files checked. */
  files: number;
  /** Problems reading the tsconfig that do not stop the check, in tsc's words (e.g. options TypeScript 6 does not know). */
  configWarnings: readonly string[];
}

/** Resolves `-p` as tsc does: a file, or a directory holding tsconfig.json; default ./tsconfig.json. */
function configPathOf(projectArg: string | undefined, cwd: string): string {
  const given = path.resolve(cwd, projectArg ?? ".");
  const configPath = fs.existsSync(given) && fs.statSync(given).isDirectory() ? path.join(given, "tsconfig.json") : given;
  if (!fs.existsSync(configPath)) {
    throw new CheckSetupError(`no tsconfig file at ${toPosix(path.relative(cwd, configPath)) || configPath}` + (projectArg === undefined ? " (run inside a TypeScript project or pass -p <tsconfig.json>)" : ""));
  }
  return configPath;
}

function resolveFrom(specifier: string, directory: string): string | undefined {
  try {
    return fs.realpathSync(require.resolve(specifier, { paths: [directory] }));
  } catch {
    return undefined;
  }
}

/**
 * The transformer module tspc would load for ts-slots in this project: `ts-slots/transformer` as the project resolves
 * it; else (ts-slots not resolvable from there) the one beside this CLI in the ts-slots package's dist/.
 */
function transformerModuleFor(directory: string): string {
  const beside = path.join(__dirname, "..", "transformer", "emit-ast", "index.js");
  return resolveFrom("ts-slots/transformer", directory) ?? (fs.existsSync(beside) ? fs.realpathSync(beside) : beside);
}

/** The ts-slots entry of `compilerOptions.plugins`: the one whose `transform` resolves, from the project, to the transformer. */
function slotsPluginEntry(options: ts.CompilerOptions, directory: string, transformerModule: string): Readonly<Record<string, unknown>> | undefined {
  const entries: readonly unknown[] = Array.isArray(options.plugins) ? options.plugins : [];
  return entries.find(
    (entry): entry is Readonly<Record<string, unknown>> =>
      typeof entry === "object" && entry !== null && "transform" in entry && typeof entry.transform === "string" && resolveFrom(entry.transform, directory) === transformerModule,
  );
}

/** The option problems the build reports for the project's plugin entry, placed at their key or value in the tsconfig. */
export function optionProblems(config: ProjectConfig): SlotsProblem[] {
  const directory = typeof config.options.configFilePath === "string" ? path.dirname(config.options.configFilePath) : process.cwd();
  const transformerModule = transformerModuleFor(directory);
  const entry = slotsPluginEntry(config.options, directory, transformerModule);
  if (!entry) return [];
  return locateOptionProblems(parseOptions(entry, process.env).problems, config.options, transformerModule, tsApi);
}

function findingOf(report: ProblemReport & { severity: Finding["severity"] }, cwd: string): Finding {
  return {
    file: report.fileName === undefined ? undefined : toPosix(path.relative(cwd, report.fileName)),
    line: report.line,
    column: report.column,
    code: report.label,
    severity: report.severity,
    message: report.message,
    text: report.text,
  };
}

const byPosition = (a: Finding, b: Finding): number =>
  (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.code.localeCompare(b.code);

/**
 * A checker of one project that can run again (watch): each run re-reads the tsconfig and the files' texts; the
 * language service behind it reuses the program when nothing changed.
 */
export function createProjectCheck(projectArg: string | undefined, cwd: string): (progress?: Progress) => CheckResult {
  const configPath = configPathOf(projectArg, cwd);
  const references = referencesOf(configPath);
  // A solution tsconfig (`"files": []` and `references`, as `tsc -b` takes): each referenced project, in order.
  if (references.length > 0 && createConfigLookup(configPath, cwd)(configPath).rootNames.length === 0) {
    const checks = references.map((reference) => createProjectCheck(reference, cwd));
    return (progress) => {
      const results = checks.map((run) => run(progress));
      return {
        findings: results.flatMap((result) => result.findings),
        files: results.reduce((sum, result) => sum + result.files, 0),
        configWarnings: results.flatMap((result) => result.configWarnings),
      };
    };
  }
  return checkOneProject(configPath, cwd);
}

/** The projects a tsconfig's `references` name (a directory or a tsconfig file each), as absolute paths. */
function referencesOf(configPath: string): string[] {
  const read = tsApi.readConfigFile(configPath, tsApi.sys.readFile);
  const references: unknown = read.config?.references;
  if (!Array.isArray(references)) return [];
  return references.flatMap((reference: unknown) =>
    typeof reference === "object" && reference !== null && "path" in reference && typeof reference.path === "string" ? [path.resolve(path.dirname(configPath), reference.path)] : [],
  );
}

function checkOneProject(configPath: string, cwd: string): (progress?: Progress) => CheckResult {
  let current: { key: string; checkedFile: ReturnType<typeof createProgramChecker> } | undefined;
  return (progress) => {
    // A new lookup each run: the tsconfig (or the files it matches) may have changed since the last one.
    const config = createConfigLookup(configPath, cwd)(configPath);
    if (config.rootNames.length === 0) {
      const shown = toPosix(path.relative(cwd, configPath)) || configPath;
      throw new CheckSetupError(config.errors.length ? `${shown} cannot be read: ${config.errors.join("; ")}` : `${shown} matches no input files (check "include"/"files")`);
    }
    // Files added or removed make a new language service: its root set only ever grows.
    const key = JSON.stringify([config.rootNames, config.options]);
    if (current?.key !== key) current = { key, checkedFile: createProgramChecker() };
    const sources = config.rootNames.filter((fileName) => !/\.d\.[cm]?ts$/.test(fileName) && /\.[cm]?tsx?$/.test(fileName));
    const problems: SlotsProblem[] = [...optionProblems(config)];
    sources.forEach((fileName, index) => {
      progress?.update("checking", index, sources.length);
      const text = tsApi.sys.readFile(fileName);
      if (text === undefined) return;
      const { file, checker } = current!.checkedFile(fileName, text, config);
      problems.push(...checkFile(file, checker, tsApi, { compilerOptions: config.options }));
    });
    progress?.update("checking", sources.length, sources.length);
    progress?.finish();
    // "review" problems (an instance escaping to `any`) are the audit's: the build neither prints nor counts them.
    const findings = problems
      .map((problem) => toReport(problem, tsApi, cwd))
      .filter((report): report is ProblemReport & { severity: Finding["severity"] } => report.severity !== "review")
      .map((report) => findingOf(report, cwd))
      .sort(byPosition);
    return { findings, files: sources.length, configWarnings: config.errors };
  };
}

/** GitHub's workflow-command escaping: data escapes %, CR, LF; properties also `:` and `,`. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function githubLine(finding: Finding): string {
  const properties = [
    finding.file !== undefined ? `file=${escapeProperty(finding.file)}` : undefined,
    finding.line !== undefined ? `line=${finding.line}` : undefined,
    finding.column !== undefined ? `col=${finding.column}` : undefined,
    `title=${escapeProperty(`ts-slots ${finding.code}`)}`,
  ].filter((property): property is string => property !== undefined);
  return `::${finding.severity} ${properties.join(",")}::${escapeData(finding.message)}`;
}

/** The findings in a format: text (tsc's lines), json (one array, on one line), github (workflow commands). */
export function formatFindings(findings: readonly Finding[], format: CheckFormat): string {
  if (format === "json") {
    const rows = findings.map(({ file, line, column, code, severity, message }) => ({ file: file ?? null, line: line ?? null, column: column ?? null, code, severity, message }));
    return `${JSON.stringify(rows)}\n`;
  }
  const lines = findings.map((finding) => (format === "github" ? githubLine(finding) : finding.text));
  return lines.length ? `${lines.join("\n")}\n` : "";
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;

/** `ts-slots check: 2 errors, 1 warning in 14 files (310 ms)` */
export function summaryOf(result: CheckResult, ms: number): string {
  const errors = result.findings.filter((finding) => finding.severity === "error").length;
  const warnings = result.findings.length - errors;
  return `ts-slots check: ${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(result.files, "file")} (${Math.round(ms)} ms)`;
}

export const hasErrors = (result: CheckResult): boolean => result.findings.some((finding) => finding.severity === "error");

/** Files whose change can change the findings: sources and configuration, outside node_modules and build output. */
function isRelevantChange(fileName: string): boolean {
  return !/(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(fileName) && /\.([cm]?tsx?|json)$/.test(fileName);
}

/**
 * Calls `onChange` (debounced) whenever a source or tsconfig under `directory` changes. Returns a function that stops
 * watching. Recursive `fs.watch` (Linux since Node 20, macOS and Windows natively).
 */
export function watchDirectory(directory: string, onChange: () => void, debounceMs = 120): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watcher = fs.watch(directory, { recursive: true }, (_event, fileName) => {
    if (fileName !== null && !isRelevantChange(String(fileName))) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  });
  return () => {
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}
