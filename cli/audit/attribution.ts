// cli/audit/attribution.ts — owns "which class is a problem of the build's checks about": the class the problem names
// as its subject, else the one its node determines (the decorated class, the class of the member, or the @slots
// class of the instance a write, delete or reflective call targets, found by the checks' own target.ts).
import type * as TS from "typescript";
import type { SlotsProblem } from "../../transformer/diagnostics";
import { unwrap } from "../../transformer/checks/expressions";
import type { CheckScope } from "../../transformer/checks/scope";
import { slotsTargetOf } from "../../transformer/checks/target";

type ClassLike = TS.ClassLikeDeclaration;

function instanceClass(expression: TS.Expression | undefined, scope: CheckScope): ClassLike | undefined {
  if (!expression) return undefined;
  return slotsTargetOf(unwrap(expression, scope.tsApi).inner, scope)?.slotsClass;
}

/** The @slots class whose instance a written or deleted access expression is on. */
function classOfAccess(node: TS.Node, scope: CheckScope): ClassLike | undefined {
  const { tsApi } = scope;
  if (tsApi.isPropertyAccessExpression(node) || tsApi.isElementAccessExpression(node)) return instanceClass(node.expression, scope);
  return undefined;
}

export function subjectOf(problem: SlotsProblem, scope: CheckScope): ClassLike | undefined {
  if (problem.subject) return problem.subject;
  const { tsApi } = scope;
  const node = problem.node;
  if (!node) return undefined;
  const parent = node.parent;
  if (tsApi.isDecorator(node)) return parent && tsApi.isClassLike(parent) ? parent : undefined;
  if (tsApi.isExpressionWithTypeArguments(node)) {
    const owner = parent?.parent;
    return owner && tsApi.isClassLike(owner) ? owner : undefined;
  }
  if (parent && tsApi.isClassLike(parent) && tsApi.isClassElement(node)) return parent;
  if (tsApi.isDeleteExpression(node)) return classOfAccess(unwrap(node.expression, tsApi).inner, scope);
  if (tsApi.isCallExpression(node)) {
    const first = node.arguments[0];
    return first && !tsApi.isSpreadElement(first) ? instanceClass(first, scope) : undefined;
  }
  return classOfAccess(node, scope);
}
