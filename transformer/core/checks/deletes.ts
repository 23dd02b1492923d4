// TSS1001: `delete x.slot`, `delete x["slot"]`, `delete x[key]` on a `@slots` instance. A slot of a sealed object is
// not configurable, so `delete` throws in strict code; where the class is not sealed (the default seal mode in a
// production build) it removes the slot and the instance leaves its class's one shape. `undefined` empties a slot.
import type * as ts from "typescript";
import { ProblemCode, type SlotsProblem } from "../diagnostics";
import { describeKeys, keyOfText, keysOfExpression, unwrap } from "./expressions";
import type { CheckScope } from "./scope";
import { classNameOf, isInConstructor, slotsTargetOf, whereSealed, type SlotsTarget } from "./target";

function deleteProblem(node: ts.DeleteExpression, object: ts.Expression, target: SlotsTarget, scope: CheckScope, what: string): SlotsProblem {
  const consequence = isInConstructor(object, scope.tsApi)
    ? `in the constructor this removes the slot before the instance is complete: every later write to it throws a TypeError ${whereSealed}, and otherwise gives the instance a shape of its own`
    : `this throws a TypeError at run time ${whereSealed}, and otherwise removes the slot and gives the instance a shape of its own`;
  return {
    code: ProblemCode.DeleteFromSlots,
    severity: "error",
    message:
      `\`delete\` of ${what} on an instance of @slots class ${classNameOf(target.slotsClass)}: ${consequence}. ` +
      `Assign \`undefined\` instead (declare the slot \`T | undefined\` or optional).`,
    node,
  };
}

export function checkDelete(node: ts.Node, scope: CheckScope): SlotsProblem[] {
  const { tsApi } = scope;
  if (!tsApi.isDeleteExpression(node)) return [];
  const operand = unwrap(node.expression, tsApi).inner;
  if (tsApi.isPropertyAccessExpression(operand)) {
    const object = unwrap(operand.expression, tsApi).inner;
    const target = slotsTargetOf(object, scope);
    if (!target || tsApi.isPrivateIdentifier(operand.name)) return [];
    const kind = target.kindOf(keyOfText(operand.name.text, tsApi));
    // Deleting a method or a name the instance lacks removes nothing and does not throw.
    return kind === "slot" || kind === "unknown" ? [deleteProblem(node, object, target, scope, `slot '${operand.name.text}'`)] : [];
  }
  if (tsApi.isElementAccessExpression(operand)) {
    const object = unwrap(operand.expression, tsApi).inner;
    const target = slotsTargetOf(object, scope);
    if (!target) return [];
    const keys = keysOfExpression(operand.argumentExpression, scope);
    // Without the checker (or a resolved key type) the key may name no slot at all: nothing is said.
    if (!keys.known && keys.unresolved) return [];
    if (!keys.known) return [deleteProblem(node, object, target, scope, `a computed key (\`${operand.argumentExpression.getText(scope.file)}\`)`)];
    const deleted = keys.keys.filter((key) => {
      const kind = target.kindOf(key);
      return kind === "slot" || kind === "unknown";
    });
    return deleted.length > 0 ? [deleteProblem(node, object, target, scope, `slot ${describeKeys(deleted)}`)] : [];
  }
  return [];
}
