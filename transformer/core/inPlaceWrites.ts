// Which property names a program updates in place with a number that may be a fraction. Under define semantics this
// decides a slot's first value when the constructor sets it first thing: V8 keeps a field that starts `undefined`
// tagged (an integer costs nothing, a fraction is a new heap number per write), and one that starts at `0` as a double
// in a box of its own per instance (a fraction is written in place; every `new` allocates the box). The `0` pays only
// for fields updated in place with fractions; elsewhere it makes `new` slower and instances bigger than the normal build.
import type * as ts from "typescript";

const namesByFile = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

/** The names `file` writes after construction with a value not known to be an integer (cached per parsed file). */
export function fractionWrittenNames(file: ts.SourceFile, tsApi: typeof ts): ReadonlySet<string> {
  let names = namesByFile.get(file);
  if (!names) {
    names = collectFractionWrites(file, tsApi);
    namesByFile.set(file, names);
  }
  return names;
}

/** Whether any of `files` updates a property called `name` in place with a value that may be a fraction. */
export function isFractionWritten(name: string, files: readonly ts.SourceFile[], tsApi: typeof ts): boolean {
  return files.some((file) => !file.isDeclarationFile && fractionWrittenNames(file, tsApi).has(name));
}

function collectFractionWrites(file: ts.SourceFile, tsApi: typeof ts): ReadonlySet<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (tsApi.isBinaryExpression(node) && isAssignment(node.operatorToken.kind, tsApi)) {
      if (tsApi.isObjectLiteralExpression(node.left) || tsApi.isArrayLiteralExpression(node.left)) {
        destructuredNames(node.left, tsApi).forEach((name) => names.add(name));
      } else {
        const name = writtenName(node.left, tsApi);
        if (name !== undefined && !isConstructionWrite(node.left, tsApi) && !keepsInteger(node, tsApi)) names.add(name);
      }
    }
    tsApi.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

function isAssignment(kind: ts.SyntaxKind, tsApi: typeof ts): boolean {
  return kind >= tsApi.SyntaxKind.FirstAssignment && kind <= tsApi.SyntaxKind.LastAssignment;
}

/** `o.name`, `o["name"]`; undefined for anything else (a computed key could be any slot, but is rare enough to leave). */
function writtenName(target: ts.Expression, tsApi: typeof ts): string | undefined {
  const inner = skipParentheses(target, tsApi);
  if (tsApi.isPropertyAccessExpression(inner) && tsApi.isIdentifier(inner.name)) return inner.name.text;
  if (tsApi.isElementAccessExpression(inner) && tsApi.isStringLiteralLike(inner.argumentExpression)) return inner.argumentExpression.text;
  return undefined;
}

/** Every property a destructuring assignment writes: its values are not known at all. */
function destructuredNames(pattern: ts.Node, tsApi: typeof ts): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const name = tsApi.isExpression(node) ? writtenName(node, tsApi) : undefined;
    if (name !== undefined) found.push(name);
    else tsApi.forEachChild(node, visit);
  };
  visit(pattern);
  return found;
}

/** `this.name = …` run by a constructor itself (not by a function it creates): the instance is still being built. */
function isConstructionWrite(target: ts.Expression, tsApi: typeof ts): boolean {
  const inner = skipParentheses(target, tsApi);
  if (!(tsApi.isPropertyAccessExpression(inner) || tsApi.isElementAccessExpression(inner))) return false;
  if (inner.expression.kind !== tsApi.SyntaxKind.ThisKeyword) return false;
  let node: ts.Node | undefined = inner.parent;
  while (node && !tsApi.isFunctionLike(node) && !tsApi.isClassStaticBlockDeclaration(node)) node = node.parent;
  return node !== undefined && tsApi.isConstructorDeclaration(node);
}

/** Whether the assignment stores an integer whenever the property held one: a count, an index, a flag set. */
function keepsInteger(assignment: ts.BinaryExpression, tsApi: typeof ts): boolean {
  const kind = assignment.operatorToken.kind;
  const K = tsApi.SyntaxKind;
  switch (kind) {
    case K.SlashEqualsToken:
    case K.AsteriskAsteriskEqualsToken:
      return false;
    case K.BarEqualsToken:
    case K.AmpersandEqualsToken:
    case K.CaretEqualsToken:
    case K.LessThanLessThanEqualsToken:
    case K.GreaterThanGreaterThanEqualsToken:
    case K.GreaterThanGreaterThanGreaterThanEqualsToken:
      return true;
    case K.EqualsToken:
    case K.QuestionQuestionEqualsToken:
    case K.BarBarEqualsToken:
    case K.AmpersandAmpersandEqualsToken:
      return isIntegerValued(assignment.right, tsApi) || isNotANumber(assignment.right, tsApi);
    default:
      return isIntegerValued(assignment.right, tsApi);
  }
}

/** A value that is not a number at all: it says nothing about a number slot of the same name in another class. */
function isNotANumber(expression: ts.Expression, tsApi: typeof ts): boolean {
  const K = tsApi.SyntaxKind;
  const node = skipParentheses(expression, tsApi);
  switch (node.kind) {
    case K.StringLiteral:
    case K.NoSubstitutionTemplateLiteral:
    case K.TemplateExpression:
    case K.TrueKeyword:
    case K.FalseKeyword:
    case K.NullKeyword:
    case K.ObjectLiteralExpression:
    case K.ArrayLiteralExpression:
    case K.NewExpression:
    case K.FunctionExpression:
    case K.ArrowFunction:
    case K.ClassExpression:
      return true;
    default:
      return tsApi.isIdentifier(node) && node.text === "undefined";
  }
}

/** An expression whose value is an integer whatever its operands hold, or made only of integers. */
function isIntegerValued(expression: ts.Expression, tsApi: typeof ts): boolean {
  const K = tsApi.SyntaxKind;
  const node = skipParentheses(expression, tsApi);
  if (tsApi.isNumericLiteral(node)) return Number.isInteger(Number(node.text));
  if (tsApi.isPrefixUnaryExpression(node)) {
    if (node.operator === K.TildeToken) return true;
    return (node.operator === K.MinusToken || node.operator === K.PlusToken) && isIntegerValued(node.operand, tsApi);
  }
  if (tsApi.isPropertyAccessExpression(node)) return tsApi.isIdentifier(node.name) && node.name.text === "length";
  if (tsApi.isConditionalExpression(node)) return isIntegerValued(node.whenTrue, tsApi) && isIntegerValued(node.whenFalse, tsApi);
  if (!tsApi.isBinaryExpression(node)) return false;
  switch (node.operatorToken.kind) {
    case K.BarToken:
    case K.AmpersandToken:
    case K.CaretToken:
    case K.LessThanLessThanToken:
    case K.GreaterThanGreaterThanToken:
    case K.GreaterThanGreaterThanGreaterThanToken:
      return true;
    case K.PlusToken:
    case K.MinusToken:
    case K.AsteriskToken:
    case K.PercentToken:
      return isIntegerValued(node.left, tsApi) && isIntegerValued(node.right, tsApi);
    case K.CommaToken:
      return isIntegerValued(node.right, tsApi);
    default:
      return false;
  }
}

function skipParentheses(expression: ts.Expression, tsApi: typeof ts): ts.Expression {
  let node = expression;
  while (tsApi.isParenthesizedExpression(node)) node = node.expression;
  return node;
}
