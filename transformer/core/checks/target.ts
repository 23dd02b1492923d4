// Whether an expression is a `@slots` instance, and what each key is on it. With the type checker this follows the
// expression's type (unions, generics, `this`); without it only `this` inside a `@slots` class is known,
// and a key the class does not declare itself is `unknown` as soon as the class has a base that might declare it.
import type * as ts from "typescript";
import { constructorOf, extendsClauseOf, hasModifier, isParameterProperty } from "../slots";
import { keysOfPropertyName, unwrap, type PropertyKey } from "./expressions";
import type { CheckScope } from "./scope";
import { memberKindOf, type MemberKind } from "./slotsTypes";

export interface SlotsTarget {
  /** The `@slots` class of the instance (for a union, of its first `@slots` member). */
  slotsClass: ts.ClassLikeDeclaration;
  kindOf(key: PropertyKey): MemberKind;
}

/** Order in which disagreeing union members are reported: the most certain failure first. */
const severityOrder: readonly MemberKind[] = ["missing", "signature", "method", "slot", "accessor", "unknown"];

export function classNameOf(node: ts.ClassLikeDeclaration): string {
  return node.name?.text ?? "(anonymous class)";
}

type InstanceMember = ts.MethodDeclaration | ts.ConstructorDeclaration | ts.AccessorDeclaration | ts.PropertyDeclaration;

/** The class whose instance `this` is at this node, or undefined (functions, static members, object literals). */
export function classOfThis(node: ts.Node, tsApi: typeof ts): ts.ClassLikeDeclaration | undefined {
  const member = memberOfThis(node, tsApi);
  return member && tsApi.isClassLike(member.parent) ? member.parent : undefined;
}

function isInstanceMemberLike(node: ts.Node, tsApi: typeof ts): node is InstanceMember {
  return (
    tsApi.isMethodDeclaration(node) ||
    tsApi.isConstructorDeclaration(node) ||
    tsApi.isGetAccessorDeclaration(node) ||
    tsApi.isSetAccessorDeclaration(node) ||
    tsApi.isPropertyDeclaration(node)
  );
}

/** The instance member of a class that binds `this` at this node. */
function memberOfThis(node: ts.Node, tsApi: typeof ts): InstanceMember | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (tsApi.isArrowFunction(current)) continue;
    if (tsApi.isClassStaticBlockDeclaration(current) || tsApi.isFunctionDeclaration(current) || tsApi.isFunctionExpression(current)) return undefined;
    if (isInstanceMemberLike(current, tsApi)) {
      const owner = current.parent;
      if (!owner || !tsApi.isClassLike(owner) || hasModifier(current, tsApi.SyntaxKind.StaticKeyword, tsApi)) return undefined;
      return current;
    }
    if (tsApi.isClassLike(current) || tsApi.isSourceFile(current)) return undefined;
  }
  return undefined;
}

/** The members a class declares itself, by key: what syntax alone knows about its instances. */
function ownMemberKinds(node: ts.ClassLikeDeclaration, scope: CheckScope): Map<ts.__String, MemberKind> {
  const { tsApi } = scope;
  const kinds = new Map<ts.__String, MemberKind>();
  const add = (name: ts.PropertyName, declarations: ts.Declaration[]): void => {
    const keys = keysOfPropertyName(name, scope);
    if (!keys.known) return;
    for (const key of keys.keys) {
      const previous = kinds.get(key.escaped);
      // A getter and a setter of one name make a writable member.
      kinds.set(key.escaped, previous === "slot" ? "slot" : memberKindOf(declarations, tsApi));
    }
  };
  for (const parameter of constructorOf(node, tsApi)?.parameters ?? []) {
    if (isParameterProperty(parameter, tsApi) && tsApi.isIdentifier(parameter.name)) add(parameter.name, [parameter]);
  }
  for (const member of node.members) {
    if (hasModifier(member, tsApi.SyntaxKind.StaticKeyword, tsApi) || !member.name || tsApi.isPrivateIdentifier(member.name)) continue;
    add(member.name, [member]);
  }
  return kinds;
}

function syntacticTarget(expression: ts.Expression, scope: CheckScope): SlotsTarget | undefined {
  const { tsApi } = scope;
  if (expression.kind !== tsApi.SyntaxKind.ThisKeyword) return undefined;
  const slotsClass = classOfThis(expression, tsApi);
  if (!slotsClass || !scope.slots.isSlotsClass(slotsClass)) return undefined;
  const own = ownMemberKinds(slotsClass, scope);
  const fallback: MemberKind = extendsClauseOf(slotsClass, tsApi) !== undefined ? "unknown" : "missing";
  return { slotsClass, kindOf: (key) => own.get(key.escaped) ?? fallback };
}

/**
 * A class made inside a function on a base the caller passes (`class extends superClass` with `superClass: T`): what
 * it extends depends on each call, so its declaration does not show the base of the class a call returns. The full
 * program types such a result as an intersection with no class behind it; a program without lib may name the class.
 */
export function isMixinClass(node: ts.ClassLikeDeclaration, checker: ts.TypeChecker, tsApi: typeof ts): boolean {
  const own = extendsClauseOf(node, tsApi);
  return own !== undefined && (checker.getTypeAtLocation(own.expression).flags & tsApi.TypeFlags.TypeParameter) !== 0;
}

/**
 * Whether an expression is a constant initialised by a call (`const Mixed = Tagged(Base)`) whose class is not one the
 * called function declares (a factory returning its own class is as visible as any class).
 */
function holdsForeignCallResult(expression: ts.Expression, base: ts.ClassLikeDeclaration, checker: ts.TypeChecker, tsApi: typeof ts): boolean {
  if (!tsApi.isIdentifier(expression)) return false;
  const declaration = checker.getSymbolAtLocation(expression)?.valueDeclaration;
  if (!declaration || !tsApi.isVariableDeclaration(declaration) || !declaration.initializer) return false;
  const call = unwrap(declaration.initializer, tsApi).inner;
  if (!tsApi.isCallExpression(call)) return false;
  const called = checker.getSymbolAtLocation(call.expression)?.valueDeclaration;
  for (let current: ts.Node | undefined = base; current; current = current.parent) if (current === called) return false;
  return true;
}

/**
 * Whether an expression is a variable declared with an intersection type (`declare const Mixed: typeof M & typeof C`).
 * With the standard library the checker types such a base as the intersection (no one class); without it, as one of
 * its classes, which is not the whole base.
 */
function holdsIntersection(expression: ts.Expression, checker: ts.TypeChecker, tsApi: typeof ts): boolean {
  if (!tsApi.isIdentifier(expression)) return false;
  const declaration = checker.getSymbolAtLocation(expression)?.valueDeclaration;
  return !!declaration && tsApi.isVariableDeclaration(declaration) && !!declaration.type && tsApi.isIntersectionTypeNode(declaration.type);
}

/**
 * The class declaration behind a base whose members its declaration shows, or undefined: a value typed as a
 * constructor, a cast, a mixin class. Without the standard library (`isolated`: the source rewrite's one-file program,
 * transpile-only builds) a mixin's result held in a constant loses part of its type (`new (...args: any[]) => T`
 * needs the global `Array`), so the class the checker names there is not the whole base either.
 */
export function visibleBaseClass(heritage: ts.ExpressionWithTypeArguments, checker: ts.TypeChecker, tsApi: typeof ts, isolated: boolean): ts.ClassLikeDeclaration | undefined {
  const base = checker
    .getTypeAtLocation(heritage)
    .getSymbol()
    ?.declarations?.find((declaration): declaration is ts.ClassLikeDeclaration => tsApi.isClassLike(declaration));
  if (!base || isMixinClass(base, checker, tsApi)) return undefined;
  const expression = unwrap(heritage.expression, tsApi).inner;
  if (isolated && (holdsForeignCallResult(expression, base, checker, tsApi) || holdsIntersection(expression, checker, tsApi))) return undefined;
  return base;
}

/**
 * Whether instances of `slotsClass` may get `key` from a base whose class the checker cannot show: a mixin's result, a
 * value typed as a constructor (`extends (Tagged(Base) as Constructor<Tagged & Base>)`). Such a base types its
 * members with an interface, so a field it declares looks like a bare signature: nothing proves there is no slot.
 * Without the standard library such a base's type may miss the key altogether.
 */
export function keyFromInvisibleBase(slotsClass: ts.ClassLikeDeclaration, key: PropertyKey, scope: CheckScope): boolean {
  const { checker, tsApi, isolated } = scope;
  if (!checker) return false;
  const seen = new Set<ts.ClassLikeDeclaration>();
  for (let current: ts.ClassLikeDeclaration | undefined = slotsClass; current && !seen.has(current); ) {
    seen.add(current);
    const heritage = extendsClauseOf(current, tsApi);
    if (!heritage) return false;
    const has = checker.getPropertiesOfType(checker.getTypeAtLocation(heritage)).some((candidate) => candidate.escapedName === key.escaped);
    const base = visibleBaseClass(heritage, checker, tsApi, isolated);
    if (!base) return has || isolated;
    if (!has) return false;
    current = base;
  }
  return false;
}

function typedTarget(expression: ts.Expression, checker: ts.TypeChecker, scope: CheckScope): SlotsTarget | undefined {
  const { tsApi } = scope;
  const type = checker.getTypeAtLocation(expression);
  const parts = (type.isUnion() ? type.types : [type]).flatMap((part) => {
    const slotsClass = scope.slots.slotsClassOfType(part);
    return slotsClass ? [{ part, slotsClass }] : [];
  });
  const first = parts[0];
  if (!first) return undefined;
  const kindOf = (key: PropertyKey): MemberKind => {
    const kinds = parts.map(({ part, slotsClass }) => {
      const property = checker.getPropertiesOfType(part).find((candidate) => candidate.escapedName === key.escaped);
      const kind = property ? memberKindOf(property.declarations ?? [], tsApi) : "missing";
      // A signature is "merged into the class" (and a name missing) only when no unseen base may declare it as a field.
      return (kind === "signature" || kind === "missing") && keyFromInvisibleBase(slotsClass, key, scope) ? "unknown" : kind;
    });
    return severityOrder.find((kind) => kinds.includes(kind)) ?? "unknown";
  };
  return { slotsClass: first.slotsClass, kindOf };
}

/** The `@slots` instance an (already unwrapped) expression evaluates to, or undefined when it is not one. */
export function slotsTargetOf(expression: ts.Expression, scope: CheckScope): SlotsTarget | undefined {
  return scope.checker ? typedTarget(expression, scope.checker, scope) : syntacticTarget(expression, scope);
}

/**
 * When the seal is on, said the same way by every message: the default seal mode seals development and test builds
 * only, so a message that said "sealed" without a condition would be false for a production build.
 */
export const whereSealed = "where the class is sealed (by default in development and test builds)";

/** What adding a property to a `@slots` instance does at run time, in every seal mode (seal mode "guard" refuses it too). */
export const addedPropertyEffect =
  "this throws a TypeError at run time where the class is sealed or guarded (the default seals development and test builds), " +
  "and otherwise gives the instance a shape of its own";

/** Whether `object` is `this` inside a constructor (arrow functions included), where the instance is not sealed yet. */
export function isInConstructor(object: ts.Expression, tsApi: typeof ts): boolean {
  return object.kind === tsApi.SyntaxKind.ThisKeyword && memberOfThis(object, tsApi)?.kind === tsApi.SyntaxKind.Constructor;
}

/**
 * What a write that adds a property does, for a message: in a constructor `this` is not sealed yet, so the write
 * succeeds but the instance leaves the one shape of its class; anywhere else it throws where the class is sealed.
 */
export function additionConsequence(object: ts.Expression, tsApi: typeof ts): string {
  if (!isInConstructor(object, tsApi)) return addedPropertyEffect;
  return "in the constructor this adds a property that is not a slot, so instances leave their one shape (after construction, a sealed instance throws a TypeError)";
}
