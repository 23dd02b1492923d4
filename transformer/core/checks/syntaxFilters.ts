// The syntactic pre-filters that spare the checks and the rewrite work whose answer the source text already proves.
// Each one may only skip: it answers "nothing to find here" from syntax, and never decides a finding itself.
import type * as ts from "typescript";
import { hasModifier, isParameterProperty } from "../slots";

/**
 * Whether a node's subtree may hold a decorator. A decorator starts with an `@` token inside its node's text range,
 * so a parse-tree node whose range has no `@` holds none (an `@` in a comment or a string only costs a look).
 * Synthesized nodes (from a transformer that ran before) have no text: they may hold anything.
 */
export type DecoratorFilter = (node: ts.Node) => boolean;

export function decoratorFilter(file: ts.SourceFile, tsApi: typeof ts): DecoratorFilter {
  const text = file.text;
  const at: number[] = [];
  for (let index = text.indexOf("@"); index !== -1; index = text.indexOf("@", index + 1)) at.push(index);
  return (node) => {
    if (at.length === 0 && tsApi.getParseTreeNode(node) === node) return false;
    if (tsApi.getParseTreeNode(node) !== node || node.pos < 0) return true;
    // The first `@` at or after node.pos, by binary search.
    let low = 0;
    let high = at.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (at[middle] < node.pos) low = middle + 1;
      else high = middle;
    }
    return low < at.length && at[low] < node.end;
  };
}

/**
 * The class whose instance `this` is at a `this` expression, when syntax proves it: inside an instance member of a
 * class (through arrow functions), and not in a method or accessor that declares its own `this` parameter, a
 * computed property name or a decorator (those see the outer `this`). Undefined whenever that is not certain.
 */
export function classOfThisExactly(node: ts.Node, tsApi: typeof ts): ts.ClassLikeDeclaration | undefined {
  const kind = tsApi.SyntaxKind;
  if (node.kind !== kind.ThisKeyword) return undefined;
  for (let current = node.parent; current; current = current.parent) {
    switch (current.kind) {
      case kind.ArrowFunction:
        continue; // arrow functions see the `this` around them
      case kind.PropertyDeclaration:
      case kind.Constructor:
      case kind.MethodDeclaration:
      case kind.GetAccessor:
      case kind.SetAccessor:
        return instanceMemberOwner(current as ts.ClassElement, tsApi);
      case kind.FunctionDeclaration:
      case kind.FunctionExpression:
      case kind.ClassStaticBlockDeclaration:
      case kind.ComputedPropertyName:
      case kind.Decorator:
      case kind.HeritageClause:
      case kind.ClassDeclaration:
      case kind.ClassExpression:
      case kind.SourceFile:
        return undefined;
    }
  }
  return undefined;
}

/** The class of an instance member (its `this`), unless it is static, not in a class, or declares `this` itself. */
function instanceMemberOwner(member: ts.ClassElement, tsApi: typeof ts): ts.ClassLikeDeclaration | undefined {
  const owner = member.parent;
  if (!owner || !tsApi.isClassLike(owner) || hasModifier(member, tsApi.SyntaxKind.StaticKeyword, tsApi)) return undefined;
  if (!tsApi.isPropertyDeclaration(member) && tsApi.isFunctionLike(member) && member.parameters.some((parameter) => isThisParameter(parameter, tsApi))) {
    return undefined;
  }
  return owner;
}

function isThisParameter(parameter: ts.ParameterDeclaration, tsApi: typeof ts): boolean {
  return tsApi.isIdentifier(parameter.name) && parameter.name.escapedText === "this";
}

/**
 * Whether `escapedName` is a slot the class declares itself: an instance field, a parameter property or a setter
 * (by identifier, string or numeric literal name). Such a declaration is one of the declarations of that property on
 * the class's instance type, so the checker's answer for a write of this name on `this` is "slot", whatever else merges
 * into the class.
 */
export function declaresOwnSlot(node: ts.ClassLikeDeclaration, escapedName: ts.__String, tsApi: typeof ts): boolean {
  const named = (name: ts.Node | undefined): boolean =>
    name !== undefined &&
    (tsApi.isIdentifier(name) || tsApi.isStringLiteral(name) || tsApi.isNumericLiteral(name) || tsApi.isNoSubstitutionTemplateLiteral(name)) &&
    tsApi.escapeLeadingUnderscores(name.text) === escapedName;
  for (const member of node.members) {
    if (tsApi.isConstructorDeclaration(member)) {
      if (member.parameters.some((parameter) => isParameterProperty(parameter, tsApi) && named(parameter.name))) return true;
      continue;
    }
    if (!named(member.name) || hasModifier(member, tsApi.SyntaxKind.StaticKeyword, tsApi)) continue;
    if (tsApi.isPropertyDeclaration(member) || tsApi.isSetAccessorDeclaration(member)) return true;
  }
  return false;
}

/**
 * The names among `candidates` (local names of `slots` imported from ts-slots) that nothing in the file can shadow:
 * every whole-word occurrence of the name in the text is inside a ts-slots import or right after an `@`. Then no
 * declaration of that name exists in the file (a declared name never follows `@`), so an identifier decorator of
 * that name resolves to the same symbol wherever it stands, and one resolution answers for all of them. A file with
 * a unicode escape (`\u`) is never trusted: an escaped identifier hides from the text.
 */
export function unshadowedNames(file: ts.SourceFile, candidates: ReadonlySet<string>, isImport: (statement: ts.Statement) => boolean): Set<string> {
  const text = file.text;
  const result = new Set<string>();
  if (candidates.size === 0 || text.includes("\\u")) return result;
  const imports = file.statements.filter(isImport).map((statement) => [statement.pos, statement.end] as const);
  for (const name of candidates) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) continue;
    const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
    let sole = true;
    for (const match of text.matchAll(word)) {
      const at = match.index ?? 0;
      if (imports.some(([pos, end]) => at >= pos && at < end)) continue;
      let before = at - 1;
      while (before >= 0 && /\s/.test(text[before])) before--;
      if (text[before] === "@") continue;
      sole = false;
      break;
    }
    if (sole) result.add(name);
  }
  return result;
}
