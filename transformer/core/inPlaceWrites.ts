// Which slots a program updates in place with a number that may be a fraction. Under define semantics this decides a
// slot's first value when the constructor sets it first thing: V8 keeps a field that starts `undefined` tagged (an
// integer costs nothing, a fraction is a new heap number per write), and one that starts at `0` as a double in a box
// of its own per instance (a fraction is written in place; every `new` allocates the box). The `0` pays only for
// fields updated in place with fractions; elsewhere it makes `new` slower and instances bigger than the normal build.
// Writes are found by name in each file, then matched to the slot through the receiver's type.
import type * as ts from "typescript";
import { isAssignmentOperator, skipParentheses } from "./checks/expressions";

/** Where a file updates properties after construction with values not known to be integers: the receivers, by name. */
type SitesByName = ReadonlyMap<string, readonly ts.Expression[]>;

/** The write sites one rewrite searches: a program's, or one file's. */
export interface WriteSites {
  receiversOf(name: string): readonly ts.Expression[];
}

const sitesByFile = new WeakMap<ts.SourceFile, SitesByName>();
const sitesByProgram = new WeakMap<readonly ts.SourceFile[], SitesByName>();

/**
 * A program's sites. Its files live as long as the program, so each file's sites are cached with it, and a program,
 * which hands out one array of files, is merged once, not once per slot.
 */
export function programWriteSites(files: () => readonly ts.SourceFile[], tsApi: typeof ts): WriteSites {
  return {
    receiversOf: (name) => {
      const all = files();
      let sites = sitesByProgram.get(all);
      if (!sites) {
        sites = mergedSites(all, tsApi);
        sitesByProgram.set(all, sites);
      }
      return sites.get(name) ?? [];
    },
  };
}

/**
 * One file's sites, found on first use and held by the caller only: a module-level cache would keep every file of a
 * one-file build alive until a full collection (+37 MiB peak over 400 files).
 */
export function fileWriteSites(file: ts.SourceFile, tsApi: typeof ts): WriteSites {
  let sites: SitesByName | undefined;
  return { receiversOf: (name) => (sites ??= collectFractionWrites(file, tsApi)).get(name) ?? [] };
}

/** The names `file` writes after construction with a value not known to be an integer. */
export function fractionWrittenNames(file: ts.SourceFile, tsApi: typeof ts): ReadonlySet<string> {
  return new Set(collectFractionWrites(file, tsApi).keys());
}

/**
 * Whether the property `declaration` declares is updated in place with a value that may be a fraction: a write to
 * that name whose receiver may be an instance holding it (mayBeOwnerOf).
 */
export function isFractionWritten(declaration: ts.Declaration, name: string, sites: WriteSites, checker: ts.TypeChecker | undefined, tsApi: typeof ts): boolean {
  return sites.receiversOf(name).some((receiver) => mayBeOwnerOf(receiver, declaration, name, checker, tsApi));
}

/**
 * Whether the receiver may be an instance holding this slot: its type has this very property, or is one the
 * instance fits without naming its class (`any`, an interface or object type, an index signature). Only a property
 * that only other classes declare rules it out.
 */
function mayBeOwnerOf(receiver: ts.Expression, declaration: ts.Declaration, name: string, checker: ts.TypeChecker | undefined, tsApi: typeof ts): boolean {
  if (!checker) return true;
  const type = checker.getApparentType(checker.getTypeAtLocation(receiver));
  if (type.flags & (tsApi.TypeFlags.Any | tsApi.TypeFlags.Unknown)) return true;
  const property = checker.getPropertyOfType(type, name);
  if (!property) return checker.getIndexInfosOfType(type).length > 0;
  const declarations = property.declarations ?? [];
  return declarations.includes(declaration) || declarations.some((other) => !isClassMember(other, tsApi));
}

function isClassMember(declaration: ts.Declaration, tsApi: typeof ts): boolean {
  return tsApi.isClassLike(declaration.parent) || (tsApi.isParameter(declaration) && tsApi.isConstructorDeclaration(declaration.parent));
}

function mergedSites(files: readonly ts.SourceFile[], tsApi: typeof ts): SitesByName {
  const merged = new Map<string, ts.Expression[]>();
  for (const file of files) {
    if (file.isDeclarationFile) continue;
    let sites = sitesByFile.get(file);
    if (!sites) {
      sites = collectFractionWrites(file, tsApi);
      sitesByFile.set(file, sites);
    }
    for (const [name, receivers] of sites) {
      const list = merged.get(name);
      if (list) list.push(...receivers);
      else merged.set(name, [...receivers]);
    }
  }
  return merged;
}

function collectFractionWrites(file: ts.SourceFile, tsApi: typeof ts): SitesByName {
  const sites = new Map<string, ts.Expression[]>();
  const add = (target: ts.Expression) => {
    const written = writtenProperty(target, tsApi);
    if (!written) return;
    const list = sites.get(written.name);
    if (list) list.push(written.receiver);
    else sites.set(written.name, [written.receiver]);
  };
  const K = tsApi.SyntaxKind;
  const visit = (node: ts.Node): void => {
    // Types, imports and type declarations hold no assignment: skipping them halves the walk.
    const kind = node.kind;
    if ((kind >= K.FirstTypeNode && kind <= K.LastTypeNode) || kind === K.ImportDeclaration || kind === K.InterfaceDeclaration || kind === K.TypeAliasDeclaration) return;
    if (kind === K.BinaryExpression && isAssignmentOperator((node as ts.BinaryExpression).operatorToken.kind, tsApi)) {
      const assignment = node as ts.BinaryExpression;
      if (tsApi.isObjectLiteralExpression(assignment.left) || tsApi.isArrayLiteralExpression(assignment.left)) destructuredTargets(assignment.left, tsApi).forEach(add);
      else if (!isConstructionWrite(assignment.left, tsApi) && !keepsInteger(assignment, tsApi)) add(assignment.left);
    }
    tsApi.forEachChild(node, visit);
  };
  visit(file);
  return sites;
}

/** `o.name`, `o["name"]`; undefined for anything else (a computed key could be any slot, but is rare enough to leave). */
function writtenProperty(target: ts.Expression, tsApi: typeof ts): { name: string; receiver: ts.Expression } | undefined {
  const inner = skipParentheses(target, tsApi);
  if (tsApi.isPropertyAccessExpression(inner) && tsApi.isIdentifier(inner.name)) return { name: inner.name.text, receiver: inner.expression };
  if (tsApi.isElementAccessExpression(inner) && tsApi.isStringLiteralLike(inner.argumentExpression)) return { name: inner.argumentExpression.text, receiver: inner.expression };
  return undefined;
}

/** Every property a destructuring assignment writes: its values are not known at all. */
function destructuredTargets(pattern: ts.Node, tsApi: typeof ts): ts.Expression[] {
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (tsApi.isExpression(node) && writtenProperty(node, tsApi)) found.push(node);
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
