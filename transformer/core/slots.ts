// What the slots of a `@slots` class are: every instance field it declares, in the order instances get them.
import type * as ts from "typescript";
import { declaredPlaceholder, zeroKindOfType, zeroKindOfTypeNode, type ZeroKind } from "./placeholder";

export interface Slot {
  declaration: ts.ParameterDeclaration | ts.PropertyDeclaration;
  /** A field without initialiser that redeclares (narrows) a property of a base class, or may: see redeclaresInherited. */
  inherited: boolean;
  /** Parameter properties are created first, in parameter order, as TypeScript itself does. */
  origin: "parameter" | "field";
  zero: ZeroKind;
  /** The annotation names a type that cannot be resolved here (an import without a program): its zero is a guess of `undefined`. */
  typeUnresolved: boolean;
  /** `@slotsPlaceholder zero`: the zero of its type even where the plan would start it `undefined`. */
  zeroPinned: boolean;
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind, tsApi: typeof ts): boolean {
  return tsApi.canHaveModifiers(node) && (tsApi.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}

/** The base class expression of `class … extends Base`, or undefined for a class without a base. */
export function extendsClauseOf(node: ts.ClassLikeDeclaration, tsApi: typeof ts): ts.ExpressionWithTypeArguments | undefined {
  return node.heritageClauses?.find((clause) => clause.token === tsApi.SyntaxKind.ExtendsKeyword)?.types[0];
}

/** The constructor with a body: the one that runs (overload signatures have none). */
export function constructorOf(node: ts.ClassLikeDeclaration, tsApi: typeof ts): ts.ConstructorDeclaration | undefined {
  return node.members.find(
    (member): member is ts.ConstructorDeclaration => tsApi.isConstructorDeclaration(member) && member.body !== undefined,
  );
}

export function isParameterProperty(parameter: ts.ParameterDeclaration, tsApi: typeof ts): boolean {
  return tsApi.isParameterPropertyDeclaration(parameter, parameter.parent);
}

/** An instance property that exists at run time: not static, not `declare` or `abstract` (never emitted). */
export function isInstanceField(member: ts.ClassElement, tsApi: typeof ts): member is ts.PropertyDeclaration {
  const K = tsApi.SyntaxKind;
  return (
    tsApi.isPropertyDeclaration(member) &&
    ![K.StaticKeyword, K.DeclareKeyword, K.AbstractKeyword].some((keyword) => hasModifier(member, keyword, tsApi))
  );
}

/** Whether an annotation names some type (a reference, not a keyword or literal) that syntax alone cannot place. */
function namesOtherType(node: ts.TypeNode, tsApi: typeof ts): boolean {
  if (tsApi.isTypeReferenceNode(node) || tsApi.isTypeQueryNode(node) || tsApi.isIndexedAccessTypeNode(node) || tsApi.isImportTypeNode(node)) return true;
  if (tsApi.isUnionTypeNode(node)) return node.types.some((member) => namesOtherType(member, tsApi));
  if (tsApi.isParenthesizedTypeNode(node)) return namesOtherType(node.type, tsApi);
  return false;
}

/** An annotation whose zero the checker would give the same as zeroKindOfTypeNode (not `undefined`/`any`: they depend on strictness). */
function decidedBySyntax(node: ts.TypeNode, tsApi: typeof ts): boolean {
  const K = tsApi.SyntaxKind;
  switch (node.kind) {
    case K.NumberKeyword:
    case K.StringKeyword:
    case K.BooleanKeyword:
    case K.BigIntKeyword:
    case K.ArrayType:
    case K.TupleType:
    case K.TypeLiteral:
    case K.FunctionType:
    case K.ConstructorType:
      return true;
    case K.ParenthesizedType:
      return decidedBySyntax((node as ts.ParenthesizedTypeNode).type, tsApi);
  }
  if (tsApi.isLiteralTypeNode(node)) return true;
  if (tsApi.isUnionTypeNode(node)) return node.types.every((member) => decidedBySyntax(member, tsApi));
  return false;
}

function zeroOf(
  declaration: ts.ParameterDeclaration | ts.PropertyDeclaration,
  checker: ts.TypeChecker | undefined,
  tsApi: typeof ts,
): { zero: ZeroKind; typeUnresolved: boolean; zeroPinned: boolean } {
  const declared = declaredPlaceholder(declaration, tsApi);
  if (declaration.questionToken || declared === "undefined") return { zero: "undefined", typeUnresolved: false, zeroPinned: false };
  return { ...typedZeroOf(declaration, checker, tsApi), zeroPinned: declared === "zero" };
}

function typedZeroOf(
  declaration: ts.ParameterDeclaration | ts.PropertyDeclaration,
  checker: ts.TypeChecker | undefined,
  tsApi: typeof ts,
): { zero: ZeroKind; typeUnresolved: boolean } {
  // The checker only where syntax cannot decide (it may cost a program): an initialised field's zero is never
  // written (plan.ts), and a keyword, literal or object-type annotation means the same in every program.
  const syntaxDecides = (tsApi.isPropertyDeclaration(declaration) && declaration.initializer !== undefined) || (declaration.type !== undefined && decidedBySyntax(declaration.type, tsApi));
  if (checker && !syntaxDecides) {
    const type = checker.getTypeAtLocation(declaration);
    // An unresolved type (transpile-only builds) reads as `any`; trust the annotation then.
    if (!(type.flags & tsApi.TypeFlags.Any) || (declaration.type && declaration.type.kind === tsApi.SyntaxKind.AnyKeyword)) {
      return { zero: zeroKindOfType(type, checker, tsApi), typeUnresolved: false };
    }
  }
  const zero = zeroKindOfTypeNode(declaration.type, tsApi);
  return { zero, typeUnresolved: zero === "undefined" && declaration.type !== undefined && namesOtherType(declaration.type, tsApi) };
}

/**
 * Whether a base class declares, or may declare, the property this field names: true where a base class exists but
 * cannot be seen (no checker, or one that resolves the base to nothing, as in a one-file program), because a slot
 * that keeps what the base stored is right either way, while a placeholder would overwrite the base's value.
 */
export function redeclaresInherited(declaration: ts.PropertyDeclaration, checker: ts.TypeChecker | undefined, tsApi: typeof ts): boolean {
  const name = declaration.name;
  if (declaration.initializer || !(tsApi.isIdentifier(name) || tsApi.isStringLiteral(name))) return false;
  const base = extendsClauseOf(declaration.parent as ts.ClassLikeDeclaration, tsApi);
  if (!base) return false;
  if (!checker || checker.getTypeAtLocation(base.expression).flags & tsApi.TypeFlags.Any) return true;
  const isClassType = (type: ts.Type): type is ts.InterfaceType =>
    !!(type.flags & tsApi.TypeFlags.Object) && !!((type as ts.ObjectType).objectFlags & tsApi.ObjectFlags.Class);
  // A class declaration's type is its instance type; a class expression's is its constructor's.
  const located = checker.getTypeAtLocation(declaration.parent);
  const instance = isClassType(located) ? located : located.getConstructSignatures()[0]?.getReturnType();
  if (!instance || !isClassType(instance)) return false;
  return checker.getBaseTypes(instance).some((base) => base.getProperty(name.text) !== undefined);
}

export function collectSlots(node: ts.ClassLikeDeclaration, checker: ts.TypeChecker | undefined, tsApi: typeof ts): Slot[] {
  const parameters = constructorOf(node, tsApi)?.parameters.filter((parameter) => isParameterProperty(parameter, tsApi)) ?? [];
  const fields = node.members.filter((member) => isInstanceField(member, tsApi));
  return [
    ...parameters.map((declaration): Slot => ({ declaration, origin: "parameter", inherited: false, ...zeroOf(declaration, checker, tsApi) })),
    ...fields.map(
      (declaration): Slot => ({
        declaration,
        origin: "field",
        inherited: redeclaresInherited(declaration, checker, tsApi),
        ...zeroOf(declaration, checker, tsApi),
      }),
    ),
  ];
}
