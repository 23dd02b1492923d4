// The ts-patch entry (`{ "transform": "ts-slots/transformer" }`): reads the options once per program, then returns
// the `before` source transformer that finds `@slots` classes, rewrites them and drops the imports they leave unused.
import type * as ts from "typescript";
import { slotsClass } from "./classRewrite";
import type { SlotsContext } from "./context";
import { importedNames, slotsDecoratorsOf, type ImportedNames } from "./decorator";
import { ProblemCode, toDiagnostic, type SlotsProblem } from "./diagnostics";
import { fieldModeOf } from "./fieldMode";
import { withoutSlotsImports } from "./imports";
import { parseOptions } from "./options";
import { supportProblem } from "./support";

/** What ts-patch passes as the third argument of a program transformer (3.x and 4.x). */
export interface PluginExtras {
  ts: typeof ts;
  addDiagnostic?: (diagnostic: ts.Diagnostic) => number;
}

type ClassLike = ts.ClassDeclaration | ts.ClassExpression;

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

function visitFile(file: ts.SourceFile, context: SlotsContext, transformation: ts.TransformationContext): ts.SourceFile {
  const { tsApi } = context;
  const names: ImportedNames = importedNames(file, tsApi);
  const removed = new Set<ts.Decorator>();
  const localNames = new Set<string>();

  const rewriteClass = (node: ClassLike): ClassLike => {
    const uses = slotsDecoratorsOf(node, names, context.checker, tsApi);
    if (uses.length === 0) return node;
    const unsupported = uses.find((use) => use.unsupportedForm);
    if (unsupported) {
      context.report({
        code: ProblemCode.UnsupportedForm,
        severity: "error",
        message: `@slots is used as ${unsupported.unsupportedForm}.`,
        node: unsupported.decorator,
      });
      return node;
    }
    try {
      const rewritten = slotsClass(node, new Set(uses.map((use) => use.decorator)), context, transformation);
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

  const visit = (node: ts.Node): ts.Node => {
    const visited = tsApi.visitEachChild(node, visit, transformation);
    if (tsApi.isClassDeclaration(visited) || tsApi.isClassExpression(visited)) return rewriteClass(visited);
    if (tsApi.canHaveDecorators(node) && !tsApi.isClassLike(node)) {
      for (const use of slotsDecoratorsOf(node, names, context.checker, tsApi)) {
        context.report({
          code: ProblemCode.NotAClass,
          severity: "error",
          message: `@slots can only decorate a class, not a ${tsApi.SyntaxKind[node.kind]}. Put it on the class declaration.`,
          node: use.decorator,
        });
      }
    }
    return visited;
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
  parsed.problems.forEach(report);
  const context: SlotsContext = {
    tsApi,
    checker: program.getTypeChecker(),
    options: parsed.options,
    fieldMode: fieldModeOf(program.getCompilerOptions(), tsApi),
    report,
  };
  return (transformation) => (file) => (file.isDeclarationFile ? file : visitFile(file, context, transformation));
}
