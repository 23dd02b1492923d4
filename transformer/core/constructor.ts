// The constructor of a `@slots` class: where slot statements go (after the root `super(...)` or the prologue), the
// seal on every normal exit, and the constructor synthesised for classes that declare none.
import type * as ts from "typescript";
import { guardFunctionName, unguardedKeyName } from "./guard";

export interface ConstructorParts {
  /** Statements that create slots, run right after `super(...)` (or first, in a base class). */
  slotStatements: readonly ts.Statement[];
  /** Expressions for the same purpose when `super(...)` is not a root-level statement: appended to every call. */
  slotExpressionsAfterNestedSuper: readonly ts.Expression[];
  /** Makes `if (new.target === C) Object.seal(this);` (a fresh node per exit), or undefined when not sealing. */
  seal: (() => ts.Statement) | undefined;
}

function isSuperCallStatement(statement: ts.Statement, tsApi: typeof ts): boolean {
  return (
    tsApi.isExpressionStatement(statement) &&
    tsApi.isCallExpression(statement.expression) &&
    statement.expression.expression.kind === tsApi.SyntaxKind.SuperKeyword
  );
}

/** Index of the root-level `super(...)` statement, or -1. */
export function rootSuperIndex(statements: readonly ts.Statement[], tsApi: typeof ts): number {
  return statements.findIndex((statement) => isSuperCallStatement(statement, tsApi));
}

/** How many directive statements (`"use strict";`) open the body: slot statements go after them. */
export function prologueLength(statements: readonly ts.Statement[], tsApi: typeof ts): number {
  let count = 0;
  while (count < statements.length) {
    const statement = statements[count];
    if (!tsApi.isExpressionStatement(statement) || !tsApi.isStringLiteral(statement.expression)) break;
    count++;
  }
  return count;
}

/** An expression that cannot observe the instance: no `this`, no call, no assignment, no `new`, `await` or `yield`. */
function isInertExpression(node: ts.Node, tsApi: typeof ts): boolean {
  const K = tsApi.SyntaxKind;
  if (node.kind === K.ThisKeyword || node.kind === K.SuperKeyword) return false;
  if (tsApi.isCallExpression(node) || tsApi.isNewExpression(node) || tsApi.isTaggedTemplateExpression(node)) return false;
  if (tsApi.isAwaitExpression(node) || tsApi.isYieldExpression(node) || tsApi.isFunctionLike(node) || tsApi.isClassLike(node)) return false;
  if (tsApi.isBinaryExpression(node) && node.operatorToken.kind >= K.FirstAssignment && node.operatorToken.kind <= K.LastAssignment) return false;
  if (tsApi.isPrefixUnaryExpression(node) || tsApi.isPostfixUnaryExpression(node)) {
    const operator = node.operator;
    if (operator === K.PlusPlusToken || operator === K.MinusMinusToken) return false;
  }
  if (tsApi.isDeleteExpression(node)) return false;
  let inert = true;
  tsApi.forEachChild(node, (child) => {
    if (inert && !isInertExpression(child, tsApi)) inert = false;
  });
  return inert;
}

/**
 * The fields a constructor creates itself, unconditionally and before anything could read them: its leading
 * statements (after a root `super(...)`) of the form `this.x = <inert expression>`. With assignment semantics such
 * a field needs no placeholder: that first assignment creates it, at the same point for every instance.
 */
export function leadingFieldAssignments(body: ts.Block, isDerived: boolean, tsApi: typeof ts): Set<string> {
  const statements = body.statements;
  const start = isDerived ? rootSuperIndex(statements, tsApi) + 1 : prologueLength(statements, tsApi);
  const fields = new Set<string>();
  if (isDerived && start === 0) return fields;
  for (const statement of statements.slice(start)) {
    if (!tsApi.isExpressionStatement(statement) || !tsApi.isBinaryExpression(statement.expression)) break;
    const { left, operatorToken, right } = statement.expression;
    if (operatorToken.kind !== tsApi.SyntaxKind.EqualsToken) break;
    if (!tsApi.isPropertyAccessExpression(left) || left.expression.kind !== tsApi.SyntaxKind.ThisKeyword) break;
    if (!tsApi.isIdentifier(left.name) || !isInertExpression(right, tsApi)) break;
    fields.add(left.name.text);
  }
  return fields;
}

/**
 * `if (new.target === C) Object.seal(this);` — only the most-derived `@slots` constructor seals. A class under seal
 * mode "guard" compares with `C[__slotsUnguarded]`, which the guard helper sets only on a class it could not guard.
 */
export function sealStatement(classReference: ts.Identifier, guarded: boolean, factory: ts.NodeFactory, tsApi: typeof ts): ts.Statement {
  const sealedClass = guarded ? factory.createElementAccessExpression(classReference, factory.createIdentifier(unguardedKeyName)) : classReference;
  return factory.createIfStatement(
    factory.createStrictEquality(factory.createMetaProperty(tsApi.SyntaxKind.NewKeyword, factory.createIdentifier("target")), sealedClass),
    factory.createExpressionStatement(
      factory.createCallExpression(factory.createPropertyAccessExpression(factory.createIdentifier("Object"), "seal"), undefined, [
        factory.createThis(),
      ]),
    ),
  );
}

/** `this.key = value`, or `this["key"] = value` where the key is not an identifier. */
export function thisAssignment(key: string, value: ts.Expression, factory: ts.NodeFactory): ts.Expression {
  const target = /^[A-Za-z_$][\w$]*$/.test(key)
    ? factory.createPropertyAccessExpression(factory.createThis(), key)
    : factory.createElementAccessExpression(factory.createThis(), factory.createStringLiteral(key));
  return factory.createAssignment(target, value);
}

function isFunctionBoundary(node: ts.Node, tsApi: typeof ts): boolean {
  return tsApi.isFunctionLike(node) || tsApi.isClassLike(node);
}

/**
 * Puts the seal before every `return;` and `return this;` of the constructor itself (not of nested functions).
 * `return other;` is left alone: the constructor then yields another object and `this` is discarded.
 */
function sealBeforeReturns(body: ts.Block, seal: () => ts.Statement, context: ts.TransformationContext, tsApi: typeof ts): ts.Block {
  const factory = context.factory;
  const visit = (node: ts.Node): ts.Node => {
    if (isFunctionBoundary(node, tsApi)) return node;
    if (tsApi.isReturnStatement(node) && (!node.expression || node.expression.kind === tsApi.SyntaxKind.ThisKeyword)) {
      return tsApi.setTextRange(factory.createBlock([seal(), node], false), node);
    }
    return tsApi.visitEachChild(node, visit, context);
  };
  return tsApi.visitEachChild(body, visit, context);
}

/** Replaces every `super(...)` call in the constructor with `(super(...), <slot expressions>, this)`. */
function slotsAfterEachSuperCall(
  body: ts.Block,
  expressions: readonly ts.Expression[],
  context: ts.TransformationContext,
  tsApi: typeof ts,
): ts.Block {
  const factory = context.factory;
  const visit = (node: ts.Node): ts.Node => {
    // Arrow functions share the constructor's `this` and may call `super(...)`; other functions may not.
    if (isFunctionBoundary(node, tsApi) && !tsApi.isArrowFunction(node)) return node;
    const visited = tsApi.visitEachChild(node, visit, context);
    if (tsApi.isCallExpression(visited) && visited.expression.kind === tsApi.SyntaxKind.SuperKeyword) {
      return factory.createParenthesizedExpression(factory.createCommaListExpression([visited, ...expressions, factory.createThis()]));
    }
    return visited;
  };
  return tsApi.visitEachChild(body, visit, context);
}

function insertAt(statements: readonly ts.Statement[], index: number, inserted: readonly ts.Statement[]): ts.Statement[] {
  return [...statements.slice(0, index), ...inserted, ...statements.slice(index)];
}

/** The body of a `@slots` constructor: slot statements first, the user's statements, the seal on every exit. */
export function slotsConstructorBody(
  body: ts.Block,
  isDerived: boolean,
  parts: ConstructorParts,
  context: ts.TransformationContext,
  tsApi: typeof ts,
): ts.Block {
  const factory = context.factory;
  let block = body;
  if (parts.slotExpressionsAfterNestedSuper.length > 0) {
    block = slotsAfterEachSuperCall(block, parts.slotExpressionsAfterNestedSuper, context, tsApi);
  }
  if (parts.seal) block = sealBeforeReturns(block, parts.seal, context, tsApi);
  let statements: ts.Statement[] = [...block.statements];
  if (parts.slotStatements.length > 0) {
    const superIndex = rootSuperIndex(statements, tsApi);
    const at = isDerived ? superIndex + 1 : prologueLength(statements, tsApi);
    // A derived class without a root-level super call gets its slots through `slotExpressionsAfterNestedSuper`.
    if (!isDerived || superIndex >= 0) statements = insertAt(statements, at, parts.slotStatements);
  }
  if (parts.seal) statements.push(parts.seal());
  // A new multi-line block: `constructor(x) {}` written on one line would otherwise print its slots on that line.
  const rewritten = tsApi.setTextRange(factory.createBlock(statements, true), body);
  return tsApi.setOriginalNode(rewritten, body);
}

/** A constructor for a class that declares none: `constructor(...args) { super(...args); <slots>; <seal> }`. */
export function synthesizedConstructor(
  isDerived: boolean,
  parts: ConstructorParts,
  factory: ts.NodeFactory,
  tsApi: typeof ts,
): ts.ConstructorDeclaration {
  const args = factory.createUniqueName("args");
  const parameters = isDerived
    ? [factory.createParameterDeclaration(undefined, factory.createToken(tsApi.SyntaxKind.DotDotDotToken), args)]
    : [];
  const superCall = isDerived
    ? [factory.createExpressionStatement(factory.createCallExpression(factory.createSuper(), undefined, [factory.createSpreadElement(args)]))]
    : [];
  const statements = [...superCall, ...parts.slotStatements, ...(parts.seal ? [parts.seal()] : [])];
  return factory.createConstructorDeclaration(undefined, parameters, factory.createBlock(statements, true));
}

/** `static { __slotsGuard(this, ["x", "y"]); }`: the guard helper, run first while the class is defined, before any instance. */
export function guardBlock(theClass: ts.Expression, keys: readonly string[], factory: ts.NodeFactory): ts.ClassStaticBlockDeclaration {
  const keyList = factory.createArrayLiteralExpression(keys.map((key) => factory.createStringLiteral(key)));
  const call = factory.createCallExpression(factory.createIdentifier(guardFunctionName), undefined, [theClass, keyList]);
  return factory.createClassStaticBlockDeclaration(factory.createBlock([factory.createExpressionStatement(call)], false));
}
