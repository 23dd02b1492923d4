// What the contract says about a program that the comparator cannot read from its output: computed from the
// TypeScript source, independently of the transformer.
//
// The slot order (README, "Order"): parameter properties, then fields in declaration order; with
// useDefineForClassFields false, "a field the constructor assigns in its leading `this.x = <expression without this
// or calls>` statements is created by that assignment, right after the others, without a redundant placeholder
// store". This module finds those leading assignments for every `@slots` class.
"use strict";
const { ts } = require("./compile");

/** An expression that cannot observe the instance: no `this`/`super`, no call or `new`, no assignment, no function. */
function isInert(node) {
  const K = ts.SyntaxKind;
  if (node.kind === K.ThisKeyword || node.kind === K.SuperKeyword) return false;
  if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) return false;
  if (ts.isAwaitExpression(node) || ts.isYieldExpression(node) || ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  if (ts.isDeleteExpression(node)) return false;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind >= K.FirstAssignment && node.operatorToken.kind <= K.LastAssignment) return false;
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === K.PlusPlusToken || node.operator === K.MinusMinusToken)) {
    return false;
  }
  let inert = true;
  ts.forEachChild(node, (child) => {
    if (inert && !isInert(child)) inert = false;
  });
  return inert;
}

function hasModifier(node, kind) {
  return (ts.canHaveModifiers(node) ? ts.getModifiers(node) || [] : []).some((modifier) => modifier.kind === kind);
}

function isSlotsClass(node) {
  return (ts.getDecorators(node) || []).some((decorator) => ts.isIdentifier(decorator.expression) && decorator.expression.text === "slots");
}

function classNameOf(node) {
  if (node.name) return node.name.text;
  if (node.parent && ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) return node.parent.name.text;
  return undefined;
}

/**
 * For every `@slots` class of `text`: the fields its constructor creates by leading assignments (in that order), as
 * `{ ClassName: [field, ...] }`. Such a field is a field the class declares without an initialiser (identifier name,
 * not #private, not static or declare); the leading statements start after a root-level `super(...)` (derived
 * classes, none if there is no such call) or after the directive prologue, and end at the first statement that is
 * not `this.<name> = <inert expression>`.
 */
function leadingCreatedFields(text) {
  const file = ts.createSourceFile("main.ts", text, ts.ScriptTarget.Latest, true);
  const result = {};
  const visit = (node) => {
    if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && isSlotsClass(node)) {
      const name = classNameOf(node);
      const candidates = new Set(
        node.members
          .filter((m) => ts.isPropertyDeclaration(m) && !m.initializer && ts.isIdentifier(m.name))
          .filter((m) => !hasModifier(m, ts.SyntaxKind.StaticKeyword) && !hasModifier(m, ts.SyntaxKind.DeclareKeyword))
          .map((m) => m.name.text),
      );
      const ctor = node.members.find((m) => ts.isConstructorDeclaration(m) && m.body);
      const derived = (node.heritageClauses || []).some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword);
      const leading = [];
      if (ctor && name) {
        const statements = ctor.body.statements;
        let start = 0;
        if (derived) {
          start = statements.findIndex((s) => ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && s.expression.expression.kind === ts.SyntaxKind.SuperKeyword) + 1;
        } else {
          while (start < statements.length && ts.isExpressionStatement(statements[start]) && ts.isStringLiteral(statements[start].expression)) start++;
        }
        if (!derived || start > 0) {
          for (const statement of statements.slice(start)) {
            if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) break;
            const { left, operatorToken, right } = statement.expression;
            if (operatorToken.kind !== ts.SyntaxKind.EqualsToken) break;
            if (!ts.isPropertyAccessExpression(left) || left.expression.kind !== ts.SyntaxKind.ThisKeyword || !ts.isIdentifier(left.name)) break;
            if (!isInert(right)) break;
            if (candidates.has(left.name.text) && !leading.includes(left.name.text)) leading.push(left.name.text);
          }
        }
      }
      if (name && leading.length > 0) result[name] = leading;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return result;
}

module.exports = { leadingCreatedFields };
