// The one driver both emitters run on a source file: the checks, then every `@slots` class found and planned. It
// returns plans and problems as data; emit-ast/ prints the plans as TypeScript nodes during an emit, emit-text/ as
// edits of the source. Neither finds classes, resolves decorators or plans on its own.
import type * as ts from "typescript";
import { checkFile } from "./checks";
import type { ProgramScope } from "./checks/scope";
import { decoratorFilter } from "./checks/syntaxFilters";
import type { SlotsContext } from "./context";
import { importedNames, slotsDecoratorsOf, type SlotsDecoratorUse } from "./decorator";
import { ProblemCode, type SlotsProblem } from "./diagnostics";
import { planClass, type ClassLike, type ClassPlan } from "./plan";

export interface FilePlan {
  /** The plan of every `@slots` class the emitters rewrite, keyed by the parse-tree class. */
  plans: ReadonlyMap<ClassLike, ClassPlan>;
  /** The checks' problems, the plans' problems, and the classes that could not be planned (left as written). */
  problems: SlotsProblem[];
}

export interface DriveOptions {
  /** What the checks know across the program (the ts-patch route); its decorator resolution is then the one used. */
  program?: ProgramScope;
  /** The compiler options the output is built with, for the checks that depend on them (TSS1020, TSS1021). */
  compilerOptions?: ts.CompilerOptions;
}

/** The `@slots` decorators of a class: as the program's checks resolved them, or from this file alone. */
function usesResolver(file: ts.SourceFile, context: SlotsContext, program: ProgramScope | undefined): (node: ClassLike) => readonly SlotsDecoratorUse[] {
  const names = importedNames(file, context.tsApi);
  return (node) => program?.slots.decoratorsOf(node) ?? slotsDecoratorsOf(node, names, context.checker, context.tsApi);
}

/** Checks a parse-tree source file and plans its `@slots` classes. Never throws for one class: it is reported. */
export function planFile(file: ts.SourceFile, context: SlotsContext, options: DriveOptions = {}): FilePlan {
  const { tsApi } = context;
  // `review` problems (a hazard only if code does something later) are for the audit and the editor, never a build.
  const problems: SlotsProblem[] = checkFile(file, context.checker, tsApi, { program: options.program, compilerOptions: options.compilerOptions }).filter(
    (problem) => problem.severity !== "review",
  );
  const plans = new Map<ClassLike, ClassPlan>();
  const mayHoldDecorator = decoratorFilter(file, tsApi);
  const usesOf = usesResolver(file, context, options.program);
  const visit = (node: ts.Node): void => {
    if (!mayHoldDecorator(node)) return;
    if (tsApi.isClassDeclaration(node) || tsApi.isClassExpression(node)) planOne(node);
    tsApi.forEachChild(node, visit);
  };
  const planOne = (node: ClassLike): void => {
    const uses = usesOf(node);
    // A form we cannot rewrite is left in place; checks/decoratorUse.ts reports it (TSS1011).
    if (uses.length === 0 || uses.some((use) => use.unsupportedForm)) return;
    try {
      const plan = planClass(node, uses, context);
      plans.set(node, plan);
      problems.push(...plan.problems);
    } catch (error) {
      problems.push({
        code: ProblemCode.InternalError,
        severity: "error",
        message: `could not rewrite this class (${error instanceof Error ? error.message : String(error)}); it was left as written. Please report this with the class.`,
        node: node.name ?? node,
      });
    }
  };
  visit(file);
  return { plans, problems };
}
