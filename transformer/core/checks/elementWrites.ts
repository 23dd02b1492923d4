// TSS1002: element writes (`x[key] = v`, `x[key] += v`, `[x[key]] = pair`) on a `@slots` instance whose key is not
// known to be a slot: a computed key TypeScript cannot narrow to slot names, or a literal key that is not a slot.
// Without the checker only literal keys are judged.
import type * as ts from "typescript";
import { ProblemCode, type SlotsProblem } from "../diagnostics";
import { describeKeys, isWriteTarget, keysOfExpression, unwrap } from "./expressions";
import type { CheckScope } from "./scope";
import { classOfThisExactly, declaresOwnSlot } from "./syntaxFilters";
import type { MemberKind } from "./slotsTypes";
import { additionConsequence, classNameOf, slotsTargetOf } from "./target";

/** Kinds a write may target: slots, and what TypeScript already rejects itself (getters) or cannot classify. */
const writable: readonly MemberKind[] = ["slot", "accessor", "unknown"];

export function checkElementWrite(node: ts.Node, scope: CheckScope): SlotsProblem[] {
  const { tsApi } = scope;
  if (!tsApi.isElementAccessExpression(node) || !isWriteTarget(node, tsApi)) return [];
  const object = unwrap(node.expression, tsApi).inner;
  // `this["slot"] = v` with a literal key its class declares as a slot: the checker could only answer "slot".
  const key = unwrap(node.argumentExpression, tsApi).inner;
  const ownClass = (tsApi.isStringLiteralLike(key) || tsApi.isNumericLiteral(key)) && classOfThisExactly(object, tsApi);
  if (ownClass && declaresOwnSlot(ownClass, tsApi.escapeLeadingUnderscores(key.text), tsApi)) return [];
  const target = slotsTargetOf(object, scope);
  if (!target) return [];
  const consequence = additionConsequence(object, tsApi);
  const className = classNameOf(target.slotsClass);
  const keys = keysOfExpression(node.argumentExpression, scope);
  if (!keys.known) {
    // Without the checker (or a resolved key type) a computed key may still be slot names: nothing is said.
    if (keys.unresolved) return [];
    return [
      {
        code: ProblemCode.ElementWrite,
        severity: "error",
        message:
          `Element write with a computed key on an instance of @slots class ${className}: ${keys.reason}, so it may not be a slot, ` +
          `and for any other key ${consequence}. Write the slot by name, or type the key as a union of slot names.`,
        node,
      },
    ];
  }
  const notSlots = keys.keys.filter((key) => !writable.includes(target.kindOf(key)));
  if (notSlots.length === 0) return [];
  const methods = notSlots.filter((key) => target.kindOf(key) === "method");
  return [
    {
      code: ProblemCode.ElementWrite,
      severity: "error",
      message:
        `Element write of ${describeKeys(notSlots)} on an instance of @slots class ${className}, which ${notSlots.length === 1 ? "is not a slot" : "are not slots"}` +
        `${methods.length > 0 ? ` (${describeKeys(methods)} ${methods.length === 1 ? "is a method" : "are methods"})` : ""}: ` +
        `${consequence}. Declare ${notSlots.length === 1 ? "it as a field" : "them as fields"} of ${className}, or write a slot.`,
      node,
    },
  ];
}
