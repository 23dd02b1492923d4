// Syntax helpers shared by the checks: what an expression is once casts are looked through, whether it is written
// to, which property keys an expression or a property name stands for, calls of the global `Object`/`Reflect`, which
// declared parameters take arguments (a `this` parameter takes none), whether a body reads `arguments`, and whether an
// identifier refers to a given variable.
import type * as ts from "typescript";
import { hasModifier } from "../slots";
import type { CheckScope } from "./scope";

/** A property key as TypeScript names properties (`escapedName`), with the text a message shows. */
export interface PropertyKey {
  escaped: ts.__String;
  text: string;
}

/**
 * Keys an expression is known to stand for, or why they cannot be known. `unresolved`: nothing can be said at all
 * (no checker, or a type that did not resolve, as in transpile-only builds), so the checks stay silent.
 */
export type StaticKeys = { known: true; keys: PropertyKey[] } | { known: false; reason: string; unresolved?: boolean };

/**
 * An `any` that may stand for a type that did not resolve: one that is not the `any` type itself (a missing import),
 * or any `any` at all in a program without the standard library (transpile-only builds), where even iterating an
 * array yields `any`.
 */
export function isUnresolved(type: ts.Type, scope: CheckScope): boolean {
  const { checker, tsApi } = scope;
  if (!checker || !(type.flags & tsApi.TypeFlags.Any)) return false;
  return scope.isolated || type !== checker.getAnyType();
}

export interface Unwrapped {
  /** The expression inside parentheses, `as`, `<T>`, `!` and `satisfies`. */
  inner: ts.Expression;
  /** Whether a type assertion (`as`, `<T>`) was looked through: TypeScript no longer checks the member names then. */
  cast: boolean;
}

/** The expression inside any parentheses, and nothing else unwrapped. */
export function skipParentheses(expression: ts.Expression, tsApi: typeof ts): ts.Expression {
  let inner = expression;
  while (tsApi.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

/** Looks through what does not change the value, so `(this as any).x` is seen as a write to `this`. */
export function unwrap(expression: ts.Expression, tsApi: typeof ts): Unwrapped {
  let inner = expression;
  let cast = false;
  for (;;) {
    if (tsApi.isParenthesizedExpression(inner) || tsApi.isNonNullExpression(inner) || tsApi.isSatisfiesExpression(inner)) {
      inner = inner.expression;
    } else if (tsApi.isAsExpression(inner) || tsApi.isTypeAssertionExpression(inner)) {
      inner = inner.expression;
      cast = true;
    } else {
      return { inner, cast };
    }
  }
}

/** Parentheses, a cast, `!` or `satisfies`: the same value passes through. */
export function isValuePreserving(node: ts.Node, tsApi: typeof ts): boolean {
  return (
    tsApi.isParenthesizedExpression(node) ||
    tsApi.isNonNullExpression(node) ||
    tsApi.isSatisfiesExpression(node) ||
    tsApi.isAsExpression(node) ||
    tsApi.isTypeAssertionExpression(node)
  );
}

/** `=` and every compound assignment (`+=`, `??=`, …). */
export function isAssignmentOperator(kind: ts.SyntaxKind, tsApi: typeof ts): boolean {
  return kind >= tsApi.SyntaxKind.FirstAssignment && kind <= tsApi.SyntaxKind.LastAssignment;
}

/** An array or object literal that is a destructuring target (`[a.x, b[k]] = pair`, `for ({ x: o.y } of list)`). */
function isAssignmentPattern(node: ts.Node, tsApi: typeof ts): boolean {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return false;
    if (tsApi.isBinaryExpression(parent)) return parent.left === current && parent.operatorToken.kind === tsApi.SyntaxKind.EqualsToken;
    if (tsApi.isForOfStatement(parent) || tsApi.isForInStatement(parent)) return parent.initializer === current;
    const nested =
      tsApi.isArrayLiteralExpression(parent) ||
      tsApi.isSpreadElement(parent) ||
      tsApi.isSpreadAssignment(parent) ||
      tsApi.isShorthandPropertyAssignment(parent) ||
      (tsApi.isPropertyAssignment(parent) && parent.initializer === current) ||
      tsApi.isObjectLiteralExpression(parent) ||
      isValuePreserving(parent, tsApi);
    if (!nested) return false;
    current = parent;
  }
}

/** Whether the value of `node` is stored to rather than read: assignments, `++`/`--`, destructuring and loop targets. */
export function isWriteTarget(node: ts.Expression, tsApi: typeof ts): boolean {
  let current: ts.Node = node;
  while (current.parent && isValuePreserving(current.parent, tsApi)) current = current.parent;
  const parent = current.parent;
  if (!parent) return false;
  if (tsApi.isBinaryExpression(parent)) {
    if (parent.left === current) return isAssignmentOperator(parent.operatorToken.kind, tsApi);
    return false;
  }
  if (tsApi.isPrefixUnaryExpression(parent) || tsApi.isPostfixUnaryExpression(parent)) {
    return parent.operator === tsApi.SyntaxKind.PlusPlusToken || parent.operator === tsApi.SyntaxKind.MinusMinusToken;
  }
  if (tsApi.isForOfStatement(parent) || tsApi.isForInStatement(parent)) return parent.initializer === current;
  const inPattern =
    tsApi.isArrayLiteralExpression(parent) ||
    tsApi.isSpreadElement(parent) ||
    tsApi.isSpreadAssignment(parent) ||
    (tsApi.isPropertyAssignment(parent) && parent.initializer === current);
  return inPattern && isAssignmentPattern(parent, tsApi);
}

export function keyOfText(text: string, tsApi: typeof ts): PropertyKey {
  return { escaped: tsApi.escapeLeadingUnderscores(text), text };
}

/** Keys carried by a literal type (or a union of them): string, number and enum literals, unique symbols. */
function keysOfType(type: ts.Type, checker: ts.TypeChecker, tsApi: typeof ts): PropertyKey[] | undefined {
  const parts = type.isUnion() ? type.types : [type];
  const keys: PropertyKey[] = [];
  for (const part of parts) {
    if (part.isStringLiteral()) keys.push(keyOfText(part.value, tsApi));
    else if (part.isNumberLiteral()) keys.push(keyOfText(String(part.value), tsApi));
    else if (part.flags & tsApi.TypeFlags.UniqueESSymbol) {
      const symbolType = part as ts.UniqueESSymbolType;
      keys.push({ escaped: symbolType.escapedName, text: `[${checker.typeToString(part)}]` });
    } else return undefined;
  }
  return keys;
}

/** The property keys an expression used as a key (`x[key]`, `defineProperty(x, key, ...)`) stands for. */
export function keysOfExpression(expression: ts.Expression, scope: CheckScope): StaticKeys {
  const { tsApi, checker } = scope;
  const { inner } = unwrap(expression, tsApi);
  if (tsApi.isStringLiteralLike(inner) || tsApi.isNumericLiteral(inner)) return { known: true, keys: [keyOfText(inner.text, tsApi)] };
  const reason = `the key \`${expression.getText(scope.file)}\` is not a literal or a union of literals`;
  if (!checker) return { known: false, reason, unresolved: true };
  const type = checker.getTypeAtLocation(expression);
  if (isUnresolved(type, scope)) return { known: false, reason, unresolved: true };
  const keys = keysOfType(type, checker, tsApi);
  return keys ? { known: true, keys } : { known: false, reason };
}

/** The key a property name in an object literal or a class stands for. */
export function keysOfPropertyName(name: ts.PropertyName, scope: CheckScope): StaticKeys {
  const { tsApi } = scope;
  if (tsApi.isComputedPropertyName(name)) return keysOfExpression(name.expression, scope);
  if (tsApi.isIdentifier(name) || tsApi.isStringLiteralLike(name) || tsApi.isNumericLiteral(name)) {
    return { known: true, keys: [keyOfText(name.text, tsApi)] };
  }
  return { known: false, reason: `the property name \`${name.getText(scope.file)}\` is not static` };
}

/** The keys a value copied property by property (`Object.assign` source, spread) may carry, from its type. */
export function keysOfValue(expression: ts.Expression, scope: CheckScope): StaticKeys {
  const { tsApi, checker } = scope;
  const { inner } = unwrap(expression, tsApi);
  if (tsApi.isObjectLiteralExpression(inner)) return keysOfObjectLiteral(inner, scope);
  const described = `\`${expression.getText(scope.file)}\``;
  if (!checker) return { known: false, reason: `the keys of ${described} need the type checker`, unresolved: true };
  const type = checker.getTypeAtLocation(expression);
  if (isUnresolved(type, scope)) return { known: false, reason: `the type of ${described} did not resolve`, unresolved: true };
  const parts = type.isUnion() ? type.types : [type];
  const keys: PropertyKey[] = [];
  for (const part of parts) {
    const open = tsApi.TypeFlags.Any | tsApi.TypeFlags.Unknown | tsApi.TypeFlags.NonPrimitive | tsApi.TypeFlags.TypeParameter | tsApi.TypeFlags.Index;
    if (part.flags & open) return { known: false, reason: `${described} has type \`${checker.typeToString(type)}\`` };
    // A string spreads its characters as keys "0", "1", ...; other primitives have no own enumerable keys.
    if (part.flags & tsApi.TypeFlags.StringLike) return { known: false, reason: `${described} is a string` };
    if (!(part.flags & tsApi.TypeFlags.Object) && !(part.flags & tsApi.TypeFlags.Intersection)) continue;
    if (checker.getIndexInfosOfType(part).length > 0) {
      return { known: false, reason: `${described} has an index signature (\`${checker.typeToString(part)}\`)` };
    }
    for (const property of checker.getPropertiesOfType(part)) {
      const declarations = property.declarations ?? [];
      if (declarations.length === 0 || !declarations.every((declaration) => isPrototypeMember(declaration, tsApi))) {
        keys.push({ escaped: property.escapedName, text: property.name });
      }
    }
  }
  return { known: true, keys };
}

/** Methods and accessors of a class live on its prototype: copying an instance does not copy them. */
function isPrototypeMember(declaration: ts.Declaration, tsApi: typeof ts): boolean {
  const isMethodLike = tsApi.isMethodDeclaration(declaration) || tsApi.isGetAccessorDeclaration(declaration) || tsApi.isSetAccessorDeclaration(declaration);
  return isMethodLike && tsApi.isClassLike(declaration.parent) && !hasModifier(declaration, tsApi.SyntaxKind.StaticKeyword, tsApi);
}

function keysOfObjectLiteral(literal: ts.ObjectLiteralExpression, scope: CheckScope): StaticKeys {
  const { tsApi } = scope;
  const keys: PropertyKey[] = [];
  for (const property of literal.properties) {
    const found = tsApi.isSpreadAssignment(property) ? keysOfValue(property.expression, scope) : keysOfPropertyName(property.name, scope);
    if (!found.known) return found;
    keys.push(...found.keys);
  }
  return { known: true, keys };
}

/** The global objects whose methods add properties reflectively; a local variable of the same name is not one. */
export type ReflectiveOwner = "Object" | "Reflect";

/** `Object.assign(...)` and the like, called on the global `Object` or `Reflect`: owner and method, else undefined. */
export function globalMethodCall(call: ts.CallExpression, scope: CheckScope): { owner: ReflectiveOwner; method: string } | undefined {
  const { tsApi, checker } = scope;
  const callee = unwrap(call.expression, tsApi).inner;
  if (!tsApi.isPropertyAccessExpression(callee) || !tsApi.isIdentifier(callee.expression) || !tsApi.isIdentifier(callee.name)) return undefined;
  const owner = callee.expression.text;
  if (owner !== "Object" && owner !== "Reflect") return undefined;
  if (checker) {
    // A local `Object` or `Reflect` shadows the global one: its declarations are then in the user's own sources.
    const declarations = checker.getSymbolAtLocation(callee.expression)?.declarations ?? [];
    if (declarations.some((declaration) => !declaration.getSourceFile().isDeclarationFile)) return undefined;
  }
  return { owner, method: callee.name.text };
}

/** A list of keys for a message: `'a', 'b' and 'c'`. */
export function describeKeys(keys: readonly PropertyKey[]): string {
  const quoted = [...new Set(keys.map((key) => (key.text.startsWith("[") ? key.text : `'${key.text}'`)))];
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}

/** The 1-based line of a node, for messages that point at a second place. */
export function lineOf(node: ts.Node, file: ts.SourceFile): number {
  return file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
}

/** The parameters a call's arguments bind to: without a leading `this` parameter, which only types `this`. */
export function valueParameters(fn: ts.SignatureDeclaration, tsApi: typeof ts): readonly ts.ParameterDeclaration[] {
  const first = fn.parameters[0];
  return first && tsApi.isIdentifier(first.name) && first.name.text === "this" ? fn.parameters.slice(1) : fn.parameters;
}

/** Whether a function body reads `arguments`, which holds its arguments under another name. */
export function usesArguments(body: ts.Node, tsApi: typeof ts): boolean {
  return tsApi.isIdentifier(body) ? body.text === "arguments" : (tsApi.forEachChild(body, (child) => usesArguments(child, tsApi) || undefined) ?? false);
}

/**
 * Whether an identifier refers to a variable: also in a shorthand property (`{ list }`), where the checker's symbol at
 * the name is the property's, not the variable's (missing it called `return { fixtures }` a read).
 */
export function refersTo(node: ts.Identifier, symbol: ts.Symbol, checker: ts.TypeChecker, tsApi: typeof ts): boolean {
  if (tsApi.isShorthandPropertyAssignment(node.parent) && node.parent.name === node) return checker.getShorthandAssignmentValueSymbol(node.parent) === symbol;
  return checker.getSymbolAtLocation(node) === symbol;
}
