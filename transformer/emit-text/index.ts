// The source rewrite (`ts-slots/rewrite`): TypeScript text in, TypeScript text out, with a source map, for every
// compiler that has no transformer API (TypeScript 7, esbuild, Oxc, swc, Node's type stripping). The bundler plugins
// and the Node loader call it; the shared driver (../core/driver.ts) checks the file and plans its `@slots` classes
// exactly as for the ts-patch transformer, and this emitter writes the plans as text edits (edits.ts).
import type * as ts from "typescript";
import MagicString, { type SourceMap } from "magic-string";
import * as path from "path";
import type { SlotsContext } from "../core/context";
import { planFile } from "../core/driver";
import { ProblemCode, toReport, type ProblemReport, type SlotsProblem } from "../core/diagnostics";
import { fieldModeOf, type FieldMode } from "../core/fieldMode";
import { parseOptions, type SlotsOptions } from "../core/options";
import { firstUnresolvedOfBuild, type ClassPlan } from "../core/plan";
import { classEdits, importEdits, type TextEdit } from "./edits";
import { mayContainSlots, mayNeedChecks } from "./prefilter";
import { reachesSlotsModule } from "./usages";
import { checkFileAlone, createConfigLookup, createProgramChecker, type CheckedFile, type ProjectConfig } from "../host/project";
import { tsApi } from "../host/typescript";
import { fileWriteSites, programWriteSites } from "../core/inPlaceWrites";

export type { ProblemReport as RewriteProblem } from "../core/diagnostics";
export { mayContainSlots, mayNeedChecks } from "./prefilter";
export type { SourceMap } from "magic-string";

export interface SourceRewrite {
  /** The rewritten TypeScript. */
  code: string;
  map: SourceMap;
  /** This file's problems: errors must fail the build, warnings are shown. */
  problems: ProblemReport[];
  /** How many `@slots` classes were rewritten. */
  classes: number;
}

/** The rewrite without its source map, for a bundler that writes none (`vite build` without `build.sourcemap`). */
export type CodeRewrite = Omit<SourceRewrite, "map">;

export interface RewriteOutput {
  /** false: no source map is made (about 15% of the rewrite's time in a profile of `vite build`). Default: true. */
  sourceMap: boolean;
}

export interface SourceRewriter {
  readonly options: SlotsOptions;
  /** Problems of the options themselves (TSS9001, TSS9002): report them once per build. */
  readonly optionProblems: ProblemReport[];
  /** The file rewritten, or undefined when it has no `@slots` class to rewrite. Never throws. */
  rewrite(code: string, fileName: string): SourceRewrite | undefined;
  rewrite(code: string, fileName: string, output: RewriteOutput & { sourceMap: false }): CodeRewrite | undefined;
  rewrite(code: string, fileName: string, output?: RewriteOutput): CodeRewrite | SourceRewrite | undefined;
}

export interface RewriterSetup {
  /** Where relative paths (the `tsconfig` option, file names in messages) start. Default: the process's. */
  cwd?: string;
  /** The field semantics of the compiler downstream, where the tsconfig does not tell it (Node runs fields natively). */
  fieldMode?: FieldMode;
  /** For `seal: "development"`. Default: the process's environment. */
  env?: NodeJS.ProcessEnv;
}

function applied(code: string, edits: readonly TextEdit[], fileName: string, sourceMap: boolean): { code: string; map?: SourceMap } {
  const text = new MagicString(code);
  for (const edit of edits) {
    if (edit.kind === "remove") text.remove(edit.start, edit.end);
    else if (edit.kind === "replace") text.overwrite(edit.start, edit.end, edit.text);
    else if (edit.after) text.appendLeft(edit.at, edit.text);
    else text.prependRight(edit.at, edit.text);
  }
  if (!sourceMap) return { code: text.toString() };
  return { code: text.toString(), map: text.generateMap({ hires: "boundary", source: fileName, file: `${path.basename(fileName)}.map`, includeContent: true }) };
}

interface FileRewrite {
  edits: TextEdit[];
  problems: SlotsProblem[];
  classes: number;
}

/** The file's plans (core/driver.ts) as edits; a class the edits fail on is left as written, and reported. */
function fileRewrite(checked: CheckedFile, context: SlotsContext, compilerOptions: ts.CompilerOptions): FileRewrite {
  const { file } = checked;
  const { plans, problems } = planFile(file, context, { compilerOptions });
  const edits: TextEdit[] = [];
  const written: ClassPlan[] = [];
  for (const plan of plans.values()) {
    try {
      edits.push(...classEdits(plan, file, tsApi));
      written.push(plan);
    } catch (error) {
      problems.push({
        code: ProblemCode.InternalError,
        severity: "error",
        message: `could not rewrite this class (${error instanceof Error ? error.message : String(error)}); it was left as written. Please report this with the class.`,
        node: plan.node.name ?? plan.node,
      });
    }
  }
  if (written.length > 0) edits.push(...importEdits(written, file, tsApi));
  return { edits, problems, classes: written.length };
}

function configProblems(config: ProjectConfig): SlotsProblem[] {
  return config.errors.map((error) => ({
    code: ProblemCode.InvalidOption,
    severity: "error",
    message: `cannot read ${config.configPath ?? "the tsconfig"}: ${error}`,
  }));
}

export function createSourceRewriter(config: Readonly<Record<string, unknown>> = {}, setup: RewriterSetup = {}): SourceRewriter {
  const cwd = setup.cwd ?? process.cwd();
  const parsed = parseOptions(config, setup.env ?? process.env, "rewrite");
  const options = parsed.options;
  const configOf = createConfigLookup(options.tsconfig, cwd);
  const checkInProgram = options.types === "program" ? createProgramChecker() : undefined;
  const reported = new Set<string | undefined>();
  const report = (problem: SlotsProblem) => toReport(problem, tsApi, cwd);
  // One-file mode: TSS1012 once per build, not once per field (plan.ts firstUnresolvedOfBuild).
  let unresolvedShown = false;
  const onceUnresolved = (problems: readonly SlotsProblem[]): SlotsProblem[] =>
    options.types !== "syntax"
      ? [...problems]
      : problems.flatMap((problem) => {
          if (problem.code !== ProblemCode.UnresolvedSlotType) return [problem];
          if (unresolvedShown) return [];
          unresolvedShown = true;
          return [firstUnresolvedOfBuild(problem)];
        });

  const rewrite = (code: string, fileName: string, sourceMap: boolean): CodeRewrite | undefined => {
    if (!mayNeedChecks(code, options.types)) return undefined;
    const absolute = path.resolve(cwd, fileName);
    const project = configOf(absolute);
    // A tsconfig that cannot be read is reported once, with the first file that needed it.
    const setupProblems = reported.has(project.configPath) ? [] : configProblems(project);
    reported.add(project.configPath);
    let checked: CheckedFile;
    try {
      checked = checkInProgram ? checkInProgram(absolute, code, project) : checkFileAlone(absolute, code, project.options);
    } catch (error) {
      checked = checkFileAlone(absolute, code, project.options);
      setupProblems.push({
        code: ProblemCode.InternalError,
        severity: "warning",
        message: `the program over ${project.configPath ?? "the default options"} could not be built (${error instanceof Error ? error.message : String(error)}); this file's types were read from the file alone.`,
        node: checked.file.statements[0] ?? checked.file,
      });
    }
    // In a program, a file without `@slots` classes is checked where its imports reach one (misuse is where a class is used).
    if (setupProblems.length === 0 && !mayContainSlots(code) && !reachesSlotsModule(checked.file, checked.checker, tsApi)) return undefined;
    const context: SlotsContext = {
      tsApi,
      checker: checked.checker,
      options,
      fieldMode: setup.fieldMode ?? fieldModeOf(project.options, tsApi),
      lowersStatics: false,
      explicitUndefined: true,
      writeSites: checked.programFiles ? programWriteSites(checked.programFiles, tsApi) : fileWriteSites(checked.file, tsApi),
      report: () => undefined,
    };
    const { edits, problems, classes } = fileRewrite(checked, context, project.options);
    const all = [...setupProblems, ...onceUnresolved(problems)].map(report);
    if (classes === 0 && all.length === 0) return undefined;
    return { ...applied(code, edits, absolute, sourceMap), problems: all, classes };
  };

  return {
    options,
    optionProblems: parsed.problems.map(report),
    rewrite: ((code: string, fileName: string, output?: RewriteOutput) => {
      const sourceMap = output?.sourceMap ?? true;
      try {
        return rewrite(code, fileName, sourceMap);
      } catch (error) {
        // Only a bug gets here (a class that fails is reported by fileRewrite); the build keeps the file as written.
        const message = `ts-slots could not rewrite ${fileName} (${error instanceof Error ? error.message : String(error)}); it was left as written. Please report this with the file.`;
        return {
          code,
          ...(sourceMap ? { map: new MagicString(code).generateMap({ hires: true, source: fileName, includeContent: true }) } : {}),
          problems: [{ code: ProblemCode.InternalError, label: `TSS${ProblemCode.InternalError}`, severity: "error", message, fileName, text: message }],
          classes: 0,
        };
      }
    }) as SourceRewriter["rewrite"],
  };
}
