// TSS1006 and TSS1008: writes by name (`x.name = v`) that TypeScript lets through on a `@slots` instance.
// TSS1006: the name is not declared and the write goes through a cast (`(this as any).extra = v`); without a cast
// TypeScript reports TS2339 itself. TSS1008: the name is a method (on the prototype) or is declared only by an
// interface merged into the class: the write would add an own property, which the seal rejects.
import type * as ts from "typescript";
import { ProblemCode, type SlotsProblem } from "../diagnostics";
import { isWriteTarget, keyOfText, unwrap } from "./expressions";
import type { CheckScope } from "./scope";
import { classOfThisExactly, declaresOwnSlot } from "./syntaxFilters";
import { additionConsequence, classNameOf, slotsTargetOf } from "./target";

export function checkPropertyWrite(node: ts.Node, scope: CheckScope): SlotsProblem[] {
  const { tsApi } = scope;
  if (!tsApi.isPropertyAccessExpression(node) || !tsApi.isIdentifier(node.name) || !isWriteTarget(node, tsApi)) return [];
  const object = unwrap(node.expression, tsApi);
  // `this.slot = v` on a slot its class declares: every answer the checker could give is "slot", so it is not asked.
  const ownClass = classOfThisExactly(object.inner, tsApi);
  if (ownClass && declaresOwnSlot(ownClass, node.name.escapedText, tsApi)) return [];
  // A cast names the member of a union it writes to (`(node as Scalar).format` with `node: Seq | Scalar`): judge that.
  const target = (object.cast ? slotsTargetOf(node.expression, scope) : undefined) ?? slotsTargetOf(object.inner, scope);
  if (!target) return [];
  const name = node.name.text;
  const className = classNameOf(target.slotsClass);
  const kind = target.kindOf(keyOfText(name, tsApi));
  const consequence = additionConsequence(object.inner, tsApi);
  if (kind === "missing" && object.cast) {
    return [
      {
        code: ProblemCode.CastWrite,
        severity: "error",
        message:
          `'${name}' is written through a cast, but @slots class ${className} has no slot '${name}': ${consequence}. ` +
          `Declare '${name}' as a field of ${className} and drop the cast.`,
        node,
      },
    ];
  }
  if (kind === "method" || kind === "signature") {
    const what = kind === "method" ? "a method of" : "declared only by an interface or type merged into";
    return [
      {
        code: ProblemCode.MethodWrite,
        severity: "error",
        message:
          `'${name}' is ${what} @slots class ${className}, not a slot; assigning it adds an own property: ${consequence}. ` +
          (kind === "method"
            ? `Declare '${name}' as a field holding a function (\`${name} = () => ...\`) to replace it per instance.`
            : `Declare '${name}' as a field of ${className}.`),
        node,
      },
    ];
  }
  return [];
}
