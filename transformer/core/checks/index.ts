// The compile-time checks of ts-slots: `checkFile` walks one source file once and asks each check family about the
// nodes it looks at (its `kinds`; a family without them sees every node). Families that only look at decorated
// nodes are not asked inside subtrees whose text holds no `@` (syntaxFilters.ts). Shared by the transformer (the
// build) and the language-service plugin (the editor), so both report the same.
// A family that throws is reported once per file as an internal warning and skipped for the rest of that file: a bug
// in a check must never take the emit down. Last, the file's `// ts-slots-expect-error` comments silence what they
// name (suppressions.ts): here, so that every route that checks honours them alike.
import type * as ts from "typescript";
import { ProblemCode, type SlotsProblem } from "../diagnostics";
import { checkBaseClass } from "./baseClass";
import { checkBaseConstructorWrite } from "./baseConstructorWrites";
import { checkClassShape } from "./classShape";
import { checkDecoratorUse } from "./decoratorUse";
import { checkDelete } from "./deletes";
import { checkElementWrite } from "./elementWrites";
import { checkCallbackEscape, checkEscape } from "./escapes";
import { checkPrototypePatch } from "./mixins";
import { checkPropertyWrite } from "./propertyWrites";
import { checkReflectiveAdd } from "./reflectiveAdds";
import { createScope, type CheckScope, type NodeCheck, type ProgramScope } from "./scope";
import { applySuppressions } from "./suppressions";
import { checkStaticThis } from "./staticThis";
import { decoratorFilter } from "./syntaxFilters";

interface Family {
  name: string;
  check: NodeCheck;
  /** The node kinds the family can find anything at; absent: every node. A pre-filter only: the check re-tests. */
  kinds?: (kind: typeof ts.SyntaxKind) => readonly ts.SyntaxKind[];
  /** The family finds nothing where no decorator is in the node's subtree (it looks at `@slots` and its classes). */
  decorated?: true;
  /** Reports only `review` problems: run when the caller asks (audit, editor), never in a build by default. */
  review?: true;
}

export interface CheckFileOptions {
  /** Also run the review families (escapes to any/unknown): what `ts-slots audit` and the editor show. */
  review?: boolean;
  /**
   * What is known about `@slots` classes across the files of one program (`createProgramScope`), shared by every
   * file checked with it; without it each file starts afresh.
   */
  program?: ProgramScope;
  /** The program's compiler options: the static-`this` and base-constructor-write checks need them, and are silent without. */
  compilerOptions?: ts.CompilerOptions;
}

const classKinds = (kind: typeof ts.SyntaxKind): readonly ts.SyntaxKind[] => [kind.ClassDeclaration, kind.ClassExpression];

/** Every family, each a pure function node → problems. Which ones need the checker: see docs/diagnostics.md. */
const families: readonly Family[] = [
  { name: "decorator use", check: checkDecoratorUse, decorated: true },
  { name: "delete", check: checkDelete, kinds: (kind) => [kind.DeleteExpression] },
  { name: "element write", check: checkElementWrite, kinds: (kind) => [kind.ElementAccessExpression] },
  { name: "property write", check: checkPropertyWrite, kinds: (kind) => [kind.PropertyAccessExpression] },
  { name: "reflective add", check: checkReflectiveAdd, kinds: (kind) => [kind.CallExpression] },
  { name: "class shape", check: checkClassShape, kinds: classKinds, decorated: true },
  { name: "base class", check: checkBaseClass, kinds: classKinds, decorated: true },
  { name: "static this", check: checkStaticThis, kinds: classKinds, decorated: true },
  { name: "base constructor write", check: checkBaseConstructorWrite, kinds: classKinds, decorated: true },
  { name: "prototype patch", check: checkPrototypePatch, kinds: (kind) => [kind.BinaryExpression, kind.CallExpression] },
  {
    name: "escape",
    check: checkEscape,
    review: true,
    kinds: (kind) => [kind.Identifier, kind.ThisKeyword, kind.CallExpression, kind.NewExpression, kind.PropertyAccessExpression, kind.ElementAccessExpression, kind.ObjectLiteralExpression, kind.ArrayLiteralExpression],
  },
  {
    name: "callback escape",
    check: checkCallbackEscape,
    review: true,
    kinds: (kind) => [kind.ArrowFunction, kind.FunctionExpression, kind.Identifier, kind.PropertyAccessExpression],
  },
];

function failureProblem(family: string, error: unknown, file: ts.SourceFile): SlotsProblem {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: ProblemCode.InternalError,
    severity: "warning",
    message: `the ${family} check failed on this file (${reason}) and was skipped; the output is not affected. Please report this with the file.`,
    node: file.statements[0] ?? file,
  };
}

/** The families to ask at a node of one kind, in the order of `list` (so problems keep their order). */
function familiesByKind(list: readonly Family[], tsApi: typeof ts): (kind: ts.SyntaxKind) => readonly Family[] {
  const everywhere = list.filter((family) => !family.kinds);
  const byKind = new Map<ts.SyntaxKind, Family[]>();
  for (const family of list) {
    for (const kind of family.kinds?.(tsApi.SyntaxKind) ?? []) byKind.set(kind, []);
  }
  for (const [kind, at] of byKind) at.push(...list.filter((family) => !family.kinds || family.kinds(tsApi.SyntaxKind).includes(kind)));
  return (kind) => byKind.get(kind) ?? everywhere;
}

/**
 * The problems ts-slots finds in a file. `checker` may be absent (syntax only): checks that need types then report
 * nothing. Never throws.
 */
export function checkFile(file: ts.SourceFile, checker: ts.TypeChecker | undefined, tsApi: typeof ts, options: CheckFileOptions = {}): SlotsProblem[] {
  // Positions and the checker need the parsed file; a file another transformer synthesised has neither.
  const source = tsApi.getParseTreeNode(file, tsApi.isSourceFile);
  if (!source || source.isDeclarationFile) return [];
  const problems: SlotsProblem[] = [];
  const failed = new Map<string, unknown>();
  const running = options.review ? families : families.filter((family) => !family.review);
  let scope: CheckScope;
  try {
    scope = createScope(source, checker, tsApi, options.program, options.compilerOptions);
  } catch (error) {
    return [failureProblem("setup", error, source)];
  }
  const familiesAt = familiesByKind(running, tsApi);
  const mayHoldDecorator = decoratorFilter(source, tsApi);
  const visit = (node: ts.Node, decorated: boolean): void => {
    for (const family of familiesAt(node.kind)) {
      if (failed.has(family.name) || (family.decorated && !decorated)) continue;
      try {
        problems.push(...family.check(node, scope));
      } catch (error) {
        failed.set(family.name, error);
      }
    }
    tsApi.forEachChild(node, decorated ? visitChild : visitUndecorated);
  };
  const visitChild = (node: ts.Node): void => visit(node, mayHoldDecorator(node));
  const visitUndecorated = (node: ts.Node): void => visit(node, false);
  try {
    visitChild(source);
  } catch (error) {
    // Only a stack overflow on a pathologically deep file gets here: the families catch their own errors.
    failed.set("traversal", error);
  }
  for (const [family, error] of failed) problems.push(failureProblem(family, error, source));
  // Unused suppressions only where every type is known (a program with its library) and every family ran.
  const notLookedFor = new Set(options.review ? [] : [ProblemCode.EscapeToAny]);
  return applySuppressions(problems, source, tsApi, { reportUnused: checker !== undefined && !scope.isolated && failed.size === 0, notLookedFor });
}
