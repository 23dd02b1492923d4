// TSS1004 and TSS1005: members of a `@slots` class that promise properties no slot backs. An index signature promises
// any key; a `declare` field is never emitted, so the transformer gives it no slot (unless it only narrows the type
// of a slot a base class already has).
import type * as ts from "typescript";
import { ProblemCode, type SlotsProblem } from "../diagnostics";
import { extendsClauseOf, hasModifier } from "../slots";
import { keysOfPropertyName } from "./expressions";
import type { CheckScope } from "./scope";
import { memberKindOf } from "./slotsTypes";
import { classNameOf, keyFromInvisibleBase } from "./target";

function indexSignatureProblem(member: ts.IndexSignatureDeclaration, node: ts.ClassLikeDeclaration): SlotsProblem {
  return {
    code: ProblemCode.IndexSignature,
    severity: "error",
    message:
      `@slots class ${classNameOf(node)} has an index signature, but its instances hold only their slots (a sealed one rejects any other key). ` +
      `Remove it and declare each slot as a field (keep open-ended keys in a Map field).`,
    node: member,
  };
}

/** A `declare` field that re-types a slot inherited from the base class: the base creates the slot. */
function narrowsInheritedSlot(member: ts.PropertyDeclaration, node: ts.ClassLikeDeclaration, scope: CheckScope): boolean {
  const { tsApi, checker } = scope;
  const base = extendsClauseOf(node, tsApi);
  if (!base) return false;
  // Without the checker the base's members are unknown: say nothing rather than guess.
  if (!checker) return true;
  const keys = keysOfPropertyName(member.name, scope);
  if (!keys.known) return false;
  const baseType = checker.getTypeAtLocation(base);
  // A base the checker cannot resolve (imported, in a one-file program) is as unknown as without a checker.
  if (baseType.flags & tsApi.TypeFlags.Any) return true;
  return keys.keys.every((key) => {
    const property = checker.getPropertiesOfType(baseType).find((candidate) => candidate.escapedName === key.escaped);
    // A base the checker cannot show (a mixin's result) types its fields by an interface: it may well create the slot.
    return (property !== undefined && memberKindOf(property.declarations ?? [], tsApi) === "slot") || keyFromInvisibleBase(node, key, scope);
  });
}

function declareFieldProblem(member: ts.PropertyDeclaration, node: ts.ClassLikeDeclaration, scope: CheckScope): SlotsProblem {
  const name = member.name.getText(scope.file);
  return {
    code: ProblemCode.DeclareField,
    severity: "error",
    message:
      `'${name}' is a \`declare\` field of @slots class ${classNameOf(node)}: it is never emitted, so it gets no slot, and assigning it ` +
      `to a sealed instance throws a TypeError at run time. Remove \`declare\` so that '${name}' becomes a slot.`,
    node: member,
  };
}

export function checkClassShape(node: ts.Node, scope: CheckScope): SlotsProblem[] {
  const { tsApi } = scope;
  if (!tsApi.isClassLike(node) || !scope.slots.isSlotsClass(node)) return [];
  const problems: SlotsProblem[] = [];
  for (const member of node.members) {
    if (hasModifier(member, tsApi.SyntaxKind.StaticKeyword, tsApi)) continue;
    if (tsApi.isIndexSignatureDeclaration(member)) problems.push(indexSignatureProblem(member, node));
    else if (
      tsApi.isPropertyDeclaration(member) &&
      hasModifier(member, tsApi.SyntaxKind.DeclareKeyword, tsApi) &&
      !narrowsInheritedSlot(member, node, scope)
    ) {
      problems.push(declareFieldProblem(member, node, scope));
    }
  }
  return problems;
}
