// The ts-patch entry (`{ "transform": "ts-slots/transformer" }`): reads the options once per program, then returns
// the `before` source transformer that finds `@slots` classes, rewrites them and drops the imports they leave unused.
import type * as ts from "typescript";
import { buildWarningPrinter } from "../core/checks/buildWarnings";
import { createProgramScope, type ProgramScope } from "../core/checks/scope";
import { decoratorFilter } from "../core/checks/syntaxFilters";
import { slotsClass } from "./classRewrite";
import { planFile, type FilePlan } from "../core/driver";
import type { ClassLike } from "../core/plan";
import type { SlotsContext } from "../core/context";
import { ProblemCode, toDiagnostic, type SlotsProblem } from "../core/diagnostics";
import { fieldModeOf, lowersStatics } from "../core/fieldMode";
import { withoutSlotsImports } from "../core/imports";
import { parseOptions } from "../core/options";
import { locateOptionProblems } from "../host/optionPositions";
import { phaseTimerFor } from "./phaseTimes";
import { supportProblem } from "../core/support";
import { programWriteSites } from "../core/inPlaceWrites";

/** What ts-patch passes as the third argument of a program transformer (3.x and 4.x). */
export interface PluginExtras {
  ts: typeof ts;
  addDiagnostic?: (diagnostic: ts.Diagnostic) => number;
}

function reportTo(extras: PluginExtras, tsApi: typeof ts): (problem: SlotsProblem) => void {
  const seen = new Set<string>();
  return (problem) => {
    const diagnostic = toDiagnostic(problem, tsApi);
    // A file is transformed once per emit; watch and incremental builds must not repeat a diagnostic.
    const key = `${diagnostic.code}:${diagnostic.file?.fileName ?? ""}:${diagnostic.start ?? ""}`;
    if (seen.has(key)) return;
    seen.add(key);
    extras.addDiagnostic?.(diagnostic);
  };
}

/** Prints a file's plans (core/driver.ts) into the tree being emitted, and drops the imports they leave unused. */
function visitFile(file: ts.SourceFile, filePlan: FilePlan, context: SlotsContext, transformation: ts.TransformationContext): ts.SourceFile {
  const { tsApi } = context;
  if (filePlan.plans.size === 0) return file;
  const removed = new Set<ts.Decorator>();
  const localNames = new Set<string>();
  const mayHoldDecorator = decoratorFilter(file, tsApi);

  const rewriteClass = (node: ClassLike): ClassLike => {
    const original = tsApi.getParseTreeNode(node);
    const plan = original && tsApi.isClassLike(original) ? filePlan.plans.get(original as ClassLike) : undefined;
    if (!plan) return node;
    try {
      const rewritten = slotsClass(plan, node, context, transformation);
      for (const use of plan.uses) {
        removed.add(use.decorator);
        localNames.add(use.localName);
      }
      return rewritten;
    } catch (error) {
      context.report({
        code: ProblemCode.InternalError,
        severity: "error",
        message: `could not rewrite this class (${error instanceof Error ? error.message : String(error)}); it was emitted unchanged. Please report this with the class.`,
        node: plan.node.name ?? plan.node,
      });
      return node;
    }
  };

  // `@slots` on a method, property or parameter is left in place; checks/decoratorUse.ts reports it (TSS1010).
  // A subtree without a decorator holds no `@slots` class: it is returned as it is, unvisited.
  const visit = (node: ts.Node): ts.Node => {
    if (!mayHoldDecorator(node)) return node;
    const visited = tsApi.visitEachChild(node, visit, transformation);
    return tsApi.isClassDeclaration(visited) || tsApi.isClassExpression(visited) ? rewriteClass(visited) : visited;
  };

  const visited = tsApi.visitEachChild(file, visit, transformation);
  if (removed.size === 0) return visited;
  const statements = withoutSlotsImports(file, visited.statements, localNames, removed, transformation.factory, tsApi);
  return transformation.factory.updateSourceFile(visited, statements);
}

/** One scope for the checks of every file; undefined when it cannot be made (checkFile then reports why, per file). */
function sharedScope(checker: ts.TypeChecker | undefined, tsApi: typeof ts, compilerOptions: ts.CompilerOptions): ProgramScope | undefined {
  try {
    return createProgramScope(checker, tsApi, compilerOptions);
  } catch {
    return undefined;
  }
}

/** The program transformer: `(program, config, extras) => TransformerFactory`. */
export default function slotsTransformer(
  program: ts.Program,
  config: Readonly<Record<string, unknown>> | undefined,
  extras: PluginExtras,
): ts.TransformerFactory<ts.SourceFile> {
  const tsApi = extras.ts;
  const report = reportTo(extras, tsApi);
  const unsupported = supportProblem(tsApi.version);
  if (unsupported) {
    // Placed at the entry's `transform` in the tsconfig when that TypeScript can read it there; else global.
    let placed: readonly SlotsProblem[] = [unsupported];
    try {
      placed = locateOptionProblems([unsupported], program.getCompilerOptions(), __filename, tsApi);
    } catch {
      // An older TypeScript's JSON API differs: the message alone still names the fix.
    }
    placed.forEach(report);
    return () => (file) => file;
  }
  const parsed = parseOptions(config ?? {}, process.env);
  locateOptionProblems(parsed.problems, program.getCompilerOptions(), __filename, tsApi).forEach(report);
  const context: SlotsContext = {
    tsApi,
    checker: program.getTypeChecker(),
    options: parsed.options,
    fieldMode: fieldModeOf(program.getCompilerOptions(), tsApi),
    lowersStatics: lowersStatics(program.getCompilerOptions(), tsApi),
    explicitUndefined: false,
    writeSites: programWriteSites(() => program.getSourceFiles(), tsApi),
    report,
  };
  // Check problems: errors go to `report`; warnings are printed, because any diagnostic fails tsc (checks/buildWarnings.ts).
  const warn = buildWarningPrinter(program.getCurrentDirectory(), tsApi);
  const programScope = sharedScope(context.checker, tsApi, program.getCompilerOptions());
  const timed = phaseTimerFor(program.getCompilerOptions());
  return (transformation) => (file) => {
    const source = tsApi.getParseTreeNode(file, tsApi.isSourceFile);
    if (file.isDeclarationFile || !source) return file;
    const filePlan = timed("ts-slots checks", () => planFile(source, context, { program: programScope }));
    for (const problem of filePlan.problems) {
      if (problem.severity === "review") continue; // audit and editor only (checks/escapes.ts)
      (problem.severity === "error" ? report : warn)(problem);
    }
    return timed("ts-slots rewrite", () => visitFile(file, filePlan, context, transformation));
  };
}
