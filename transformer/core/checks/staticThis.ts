// TSS1020: under experimentalDecorators, `this` in a static property initializer of a `@slots` class. TypeScript
// rejects `this` there once the class is decorated (TS2816), so `@slots` breaks the type-check; the fix is to name the
// class instead of `this`. Needs the compiler options (`scope.compilerOptions`); silent without them, and under
// standard decorators, which allow it.
import type * as ts from "typescript";
import { ProblemCode, type SlotsProblem } from "../diagnostics";
import { hasModifier } from "../slots";
import type { CheckScope } from "./scope";
import { classNameOf } from "./target";

/** Nodes that give `this` a new meaning for what they contain (TypeScript's "this container"), arrows excepted. */
export function isThisBoundary(node: ts.Node, tsApi: typeof ts): boolean {
  return (tsApi.isFunctionLike(node) && !tsApi.isArrowFunction(node)) || tsApi.isClassStaticBlockDeclaration(node) || tsApi.isPropertyDeclaration(node) || tsApi.isClassLike(node);
}

/** The first `this` of `root` that means the class `root` belongs to (not one inside a nested function or class). */
function firstOwnThis(root: ts.Node, tsApi: typeof ts): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (node.kind === tsApi.SyntaxKind.ThisKeyword) {
      found = node;
      return;
    }
    if (isThisBoundary(node, tsApi)) return;
    tsApi.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

export function checkStaticThis(node: ts.Node, scope: CheckScope): SlotsProblem[] {
  const { tsApi } = scope;
  if (!scope.compilerOptions?.experimentalDecorators || !tsApi.isClassLike(node) || !scope.slots.isSlotsClass(node)) return [];
  const problems: SlotsProblem[] = [];
  for (const member of node.members) {
    if (!tsApi.isPropertyDeclaration(member) || !member.initializer || !hasModifier(member, tsApi.SyntaxKind.StaticKeyword, tsApi)) continue;
    const self = firstOwnThis(member.initializer, tsApi);
    if (!self) continue;
    const name = classNameOf(node);
    problems.push({
      code: ProblemCode.DecoratedStaticThis,
      severity: "error",
      message:
        `The static initializer of '${member.name.getText()}' uses \`this\`; with experimentalDecorators TypeScript rejects \`this\` in a static ` +
        `property initializer of a decorated class (TS2816), so @slots on ${name} breaks the type-check. Write ${name} instead of \`this\`.`,
      node: self,
      subject: node,
    });
  }
  return problems;
}
