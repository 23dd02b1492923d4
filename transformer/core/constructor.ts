// What a constructor's syntax tells the plan: its directive prologue, where its `super(...)` calls are (a statement
// reached through blocks and `try` blocks, or calls inside expressions and branches), the fields its first
// statements create, and the names a place in it shadows. Analysis only: the emitters write the code (emit-ast/,
// emit-text/).
import type * as ts from "typescript";
import { isAssignmentOperator, skipParentheses } from "./checks/expressions";

/** `super(...);` as a statement of its own (TypeScript's `getSuperCallFromStatement`, parentheses allowed). */
export function isSuperCallStatement(statement: ts.Statement, tsApi: typeof ts): boolean {
  if (!tsApi.isExpressionStatement(statement)) return false;
  const expression = skipParentheses(statement.expression, tsApi);
  return tsApi.isCallExpression(expression) && expression.expression.kind === tsApi.SyntaxKind.SuperKeyword;
}

/** Index of the root-level `super(...)` statement, or -1. */
export function rootSuperIndex(statements: readonly ts.Statement[], tsApi: typeof ts): number {
  return statements.findIndex((statement) => isSuperCallStatement(statement, tsApi));
}

/**
 * The index path to the first `super(...)` statement that runs unconditionally in sequence: a root-level one, or one
 * inside a block or a `try` block (TypeScript's `findSuperStatementIndexPath` in transformers/classFields.ts walks
 * into `try` blocks; a plain block runs in sequence as well). `walksBlocks: false` gives TypeScript's own answer,
 * which decides where TypeScript itself lowers fields. Undefined when there is none.
 */
export function superStatementPath(statements: readonly ts.Statement[], tsApi: typeof ts, walksBlocks = true): number[] | undefined {
  for (let index = 0; index < statements.length; index++) {
    const statement = statements[index];
    if (isSuperCallStatement(statement, tsApi)) return [index];
    const inner = tsApi.isTryStatement(statement) ? statement.tryBlock : walksBlocks && tsApi.isBlock(statement) ? statement : undefined;
    const path = inner && superStatementPath(inner.statements, tsApi, walksBlocks);
    if (path) return [index, ...path];
  }
  return undefined;
}

/** The statement lists an index path goes through, outermost first, ending with the one that holds the target. */
export function blocksAlong(body: ts.Block, path: readonly number[], tsApi: typeof ts): ts.Block[] {
  const blocks: ts.Block[] = [body];
  for (const index of path.slice(0, -1)) {
    const statement = blocks[blocks.length - 1].statements[index];
    blocks.push(tsApi.isTryStatement(statement) ? statement.tryBlock : (statement as ts.Block));
  }
  return blocks;
}

function isFunctionBoundary(node: ts.Node, tsApi: typeof ts): boolean {
  return tsApi.isFunctionLike(node) || tsApi.isClassLike(node);
}

/** Every `super(...)` call of the constructor itself; arrow functions share its `this` and may make the call. */
export function superCallsOf(body: ts.Block, tsApi: typeof ts): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionBoundary(node, tsApi) && !tsApi.isArrowFunction(node)) return;
    if (tsApi.isCallExpression(node) && node.expression.kind === tsApi.SyntaxKind.SuperKeyword) calls.push(node);
    tsApi.forEachChild(node, visit);
  };
  tsApi.forEachChild(body, visit);
  return calls;
}

/** The names a block declares for its whole extent: `let`, `const`, `var`, functions and classes. */
function namesDeclaredIn(block: ts.Block, tsApi: typeof ts): Set<string> {
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName): void => {
    if (tsApi.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!tsApi.isOmittedExpression(element)) addBinding(element.name);
  };
  for (const statement of block.statements) {
    if (tsApi.isVariableStatement(statement)) statement.declarationList.declarations.forEach((declaration) => addBinding(declaration.name));
    else if ((tsApi.isFunctionDeclaration(statement) || tsApi.isClassDeclaration(statement)) && statement.name) names.add(statement.name.text);
  }
  return names;
}

/** The names declared between the constructor's parameters and `node`: in the blocks and arrow functions around it. */
export function namesShadowedAt(node: ts.Node, body: ts.Block, tsApi: typeof ts): Set<string> {
  const names = new Set<string>();
  for (let current: ts.Node | undefined = node.parent; current && current !== body.parent; current = current.parent) {
    if (tsApi.isBlock(current) && current !== body) namesDeclaredIn(current, tsApi).forEach((name) => names.add(name));
    if (tsApi.isArrowFunction(current)) {
      for (const parameter of current.parameters) if (tsApi.isIdentifier(parameter.name)) names.add(parameter.name.text);
      if (tsApi.isBlock(current.body)) namesDeclaredIn(current.body, tsApi).forEach((name) => names.add(name));
    }
    if (tsApi.isCatchClause(current) && current.variableDeclaration && tsApi.isIdentifier(current.variableDeclaration.name)) names.add(current.variableDeclaration.name.text);
  }
  // The constructor body's own `var`/`let` of a parameter's name is a TypeScript error or the parameter itself.
  return names;
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
  if (tsApi.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind, tsApi)) return false;
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

/** How a constructor's own `return` leaves, for the seal: with this instance, or with the value of an expression. */
export interface ConstructorReturn {
  statement: ts.ReturnStatement;
  /**
   * `return;` and `return this;` are sealed before they run. `return <expression>;` is sealed after the expression
   * (which may still write to `this`) and before the value leaves: `new` yields `this` for a primitive value, and an
   * instance discarded for another object costs one seal.
   */
  sealsAfterValue: boolean;
}

/** The constructor's own `return` statements (not those of nested functions or classes). */
export function constructorReturns(body: ts.Block, tsApi: typeof ts): ConstructorReturn[] {
  const found: ConstructorReturn[] = [];
  const visit = (node: ts.Node): void => {
    if (tsApi.isFunctionLike(node) || tsApi.isClassLike(node)) return;
    if (tsApi.isReturnStatement(node)) {
      found.push({ statement: node, sealsAfterValue: node.expression !== undefined && node.expression.kind !== tsApi.SyntaxKind.ThisKeyword });
    }
    tsApi.forEachChild(node, visit);
  };
  tsApi.forEachChild(body, visit);
  return found;
}

