// The ts-patch entry (`{ "transform": "ts-slots/transformer" }`): reads the options once per program, then returns
// the `before` source transformer that finds `@slots` classes, rewrites them and drops the imports they leave unused.
import type * as ts from "typescript";
import { checkFile } from "./checks";
import { buildWarningPrinter } from "./checks/buildWarnings";
import { slotsClass } from "./classRewrite";
import { planClass, unresolvedTypeProblems, type ClassLike } from "./plan";
import type { SlotsContext } from "./context";
import { importedNames, slotsDecoratorsOf, type ImportedNames } from "./decorator";
import { ProblemCode, toDiagnostic, type SlotsProblem } from "./diagnostics";
import { fieldModeOf, lowersStatics } from "./fieldMode";
import { withoutSlotsImports } from "./imports";
import { parseOptions } from "./options";
import { locateOptionProblems } from "./optionPositions";
import { supportProblem } from "./support";

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

function visitFile(file: ts.SourceFile, context: SlotsContext, transformation: ts.TransformationContext, warn: (problem: SlotsProblem) => void): ts.SourceFile {
  const { tsApi } = context;
  const names: ImportedNames = importedNames(file, tsApi);
  const removed = new Set<ts.Decorator>();
  const localNames = new Set<string>();

  const rewriteClass = (node: ClassLike): ClassLike => {
    const uses = slotsDecoratorsOf(node, names, context.checker, tsApi);
    if (uses.length === 0) return node;
    // A form we cannot rewrite is left in place; checks/decoratorUse.ts reports it (TSS1011).
    if (uses.some((use) => use.unsupportedForm)) return node;
    try {
      const plan = planClass(node, uses, context);
      unresolvedTypeProblems(plan, tsApi).forEach(warn);
      const rewritten = slotsClass(plan, context, transformation);
      for (const use of uses) {
        removed.add(use.decorator);
        localNames.add(use.localName);
      }
      return rewritten;
    } catch (error) {
      context.report({
        code: ProblemCode.InternalError,
        severity: "error",
        message: `could not rewrite this class (${error instanceof Error ? error.message : String(error)}); it was emitted unchanged. Please report this with the class.`,
        node: node.name ?? node,
      });
      return node;
    }
  };

  // `@slots` on a method, property or parameter is left in place; checks/decoratorUse.ts reports it (TSS1010).
  const visit = (node: ts.Node): ts.Node => {
    const visited = tsApi.visitEachChild(node, visit, transformation);
    return tsApi.isClassDeclaration(visited) || tsApi.isClassExpression(visited) ? rewriteClass(visited) : visited;
  };

  const visited = tsApi.visitEachChild(file, visit, transformation);
  if (removed.size === 0) return visited;
  const statements = withoutSlotsImports(file, visited.statements, localNames, removed, transformation.factory, tsApi);
  return transformation.factory.updateSourceFile(visited, statements);
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
    report(unsupported);
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
    report,
  };
  // Check problems: errors go to `report`; warnings are printed, because any diagnostic fails tsc (checks/buildWarnings.ts).
  const warn = buildWarningPrinter(program.getCurrentDirectory(), tsApi);
  return (transformation) => (file) => {
    if (file.isDeclarationFile) return file;
    for (const problem of checkFile(file, context.checker, tsApi)) (problem.severity === "error" ? report : warn)(problem);
    return visitFile(file, context, transformation, warn);
  };
}
