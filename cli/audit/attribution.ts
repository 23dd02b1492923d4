// cli/audit/attribution.ts — owns "which classes is a problem of the build's checks about": the class the problem
// names as its subject, else those its node determines (the decorated class, the class of the member, or every @slots
// class the instance a write, delete or reflective call targets may be: the checks report a union once, for its first
// @slots member, and the fixpoint must not miss the others behind a class that stays @slots).
import type * as TS from "typescript";
import type { SlotsProblem } from "../../transformer/core/diagnostics";
import { unwrap } from "../../transformer/core/checks/expressions";
import type { CheckScope } from "../../transformer/core/checks/scope";
import { slotsTargetOf } from "../../transformer/core/checks/target";

type ClassLike = TS.ClassLikeDeclaration;

/** Every @slots class an instance expression may be an instance of (each member of a union). */
function instanceClasses(expression: TS.Expression | undefined, scope: CheckScope): ClassLike[] {
  if (!expression) return [];
  // A cast to a @slots class names the member of a union the access is about: `(node as Scalar).format`.
  const { inner, cast } = unwrap(expression, scope.tsApi);
  if (cast) {
    const named = instanceClassesOfType(expression, scope);
    if (named.length) return named;
  }
  const first = slotsTargetOf(inner, scope)?.slotsClass;
  return [...new Set([...(first ? [first] : []), ...instanceClassesOfType(inner, scope)])];
}

/** The @slots classes of each member of an expression's type. */
function instanceClassesOfType(expression: TS.Expression, scope: CheckScope): ClassLike[] {
  const type = scope.checker?.getTypeAtLocation(expression);
  const parts = type ? (type.isUnion() ? type.types : [type]) : [];
  return [...new Set(parts.flatMap((part) => scope.slots.slotsClassOfType(part) ?? []))];
}

/** The @slots classes whose instance a written or deleted access expression may be on. */
function classesOfAccess(node: TS.Node, scope: CheckScope): ClassLike[] {
  const { tsApi } = scope;
  if (tsApi.isPropertyAccessExpression(node) || tsApi.isElementAccessExpression(node)) return instanceClasses(node.expression, scope);
  return [];
}

export function subjectsOf(problem: SlotsProblem, scope: CheckScope): ClassLike[] {
  if (problem.subject) return [problem.subject];
  const { tsApi } = scope;
  const node = problem.node;
  if (!node) return [];
  const parent = node.parent;
  if (tsApi.isDecorator(node)) return parent && tsApi.isClassLike(parent) ? [parent] : [];
  if (tsApi.isExpressionWithTypeArguments(node)) {
    const owner = parent?.parent;
    return owner && tsApi.isClassLike(owner) ? [owner] : [];
  }
  if (parent && tsApi.isClassLike(parent) && tsApi.isClassElement(node)) return [parent];
  if (tsApi.isDeleteExpression(node)) return classesOfAccess(unwrap(node.expression, tsApi).inner, scope);
  if (tsApi.isCallExpression(node)) {
    const first = node.arguments[0];
    return first && !tsApi.isSpreadElement(first) ? instanceClasses(first, scope) : [];
  }
  return classesOfAccess(node, scope);
}
