// The mechanical fixes that ts-slots messages name, as text edits: one module shared by the language server
// (cli/lsp, code actions) and the tsserver plugin (language-service, code fixes), so both offer the same edit.
// A fix is computed from a `SlotsProblem` (the node the check reported) and, where a declaration must be found or a
// type written, the checker of the same program. Edits may reach into another file (the class a field is added to).
//   TSS1001 `delete p.x;`            -> `p.x = undefined;` (and `| undefined` added to the slot's declared type)
//   TSS1006 `(p as any).z = 3`       -> `p.z = 3`, and `z!: number;` declared in the class (the rewrite gives it its zero)
//   TSS1002 `p["z"] = 3`             -> `z!: number;` declared in the class
//   TSS1005 `declare x: number;`     -> `x: number;`
import type * as ts from "typescript";
import { skipParentheses } from "./checks/expressions";
import { ProblemCode, type SlotsProblem } from "./diagnostics";

/** Replace `length` characters at `start` of `file` with `newText` (positions as TypeScript counts them). */
export interface FixEdit {
  file: ts.SourceFile;
  start: number;
  length: number;
  newText: string;
}

export interface SlotsFix {
  /** Stable name of the kind of fix (tsserver's `fixName`). */
  fixName: string;
  /** What the editor shows: `Replace 'delete p.x' with 'p.x = undefined'`. */
  description: string;
  code: ProblemCode;
  edits: FixEdit[];
}

/** The codes some fix may answer: what the tsserver plugin declares in `getSupportedCodeFixes`. */
export const fixableCodes: readonly ProblemCode[] = [ProblemCode.DeleteFromSlots, ProblemCode.CastWrite, ProblemCode.ElementWrite, ProblemCode.DeclareField];

/** The fixes for one problem: none when the message names no edit that is safe to make without judgement. */
export function fixesFor(problem: SlotsProblem, checker: ts.TypeChecker | undefined, tsApi: typeof ts): SlotsFix[] {
  const node = problem.node;
  if (!node) return [];
  switch (problem.code) {
    case ProblemCode.DeleteFromSlots:
      return tsApi.isDeleteExpression(node) ? optional(deleteToUndefined(node, checker, tsApi)) : [];
    case ProblemCode.CastWrite:
      return tsApi.isPropertyAccessExpression(node) && checker ? optional(declareWrittenField(node, node.name.text, checker, tsApi, true)) : [];
    case ProblemCode.ElementWrite: {
      if (!tsApi.isElementAccessExpression(node) || !checker) return [];
      const key = skipParentheses(node.argumentExpression, tsApi);
      if (!tsApi.isStringLiteralLike(key) || !/^[A-Za-z_$][\w$]*$/.test(key.text)) return [];
      return optional(declareWrittenField(node, key.text, checker, tsApi, false));
    }
    case ProblemCode.DeclareField:
      return tsApi.isPropertyDeclaration(node) ? optional(removeDeclare(node, tsApi)) : [];
    default:
      return [];
  }
}

const optional = (fix: SlotsFix | undefined): SlotsFix[] => (fix ? [fix] : []);

/** An edit replacing a node's text (from its first token, trivia kept). */
function replaceNode(node: ts.Node, newText: string): FixEdit {
  const file = node.getSourceFile();
  return { file, start: node.getStart(file), length: node.getEnd() - node.getStart(file), newText };
}

/**
 * TSS1001: `delete x.slot` as a statement becomes `x.slot = undefined`; where the value of `delete` is used (`true`)
 * the rewrite would change it, so no fix is offered. When the slot's declaration (a field or parameter property with a
 * type that excludes `undefined`) is found, `| undefined` is added to it, which the message asks for too.
 */
function deleteToUndefined(node: ts.DeleteExpression, checker: ts.TypeChecker | undefined, tsApi: typeof ts): SlotsFix | undefined {
  let statement: ts.Node = node.parent;
  while (tsApi.isParenthesizedExpression(statement)) statement = statement.parent;
  if (!tsApi.isExpressionStatement(statement)) return undefined;
  const file = node.getSourceFile();
  const operand = skipParentheses(node.expression, tsApi);
  const operandText = operand.getText(file);
  const edits = [replaceNode(node, `${operandText} = undefined`)];
  const widened = checker ? widenDeclaredType(operand, checker, tsApi) : undefined;
  if (widened) edits.push(widened);
  return {
    fixName: "ts-slots-delete-to-undefined",
    description: `Replace 'delete ${operandText}' with '${operandText} = undefined'`,
    code: ProblemCode.DeleteFromSlots,
    edits,
  };
}

/** `| undefined` after the declared type of the slot `operand` names, when that type does not already take it. */
function widenDeclaredType(operand: ts.Expression, checker: ts.TypeChecker, tsApi: typeof ts): FixEdit | undefined {
  const name = tsApi.isPropertyAccessExpression(operand) ? operand.name : tsApi.isElementAccessExpression(operand) ? operand.argumentExpression : undefined;
  if (!name) return undefined;
  const symbol = checker.getSymbolAtLocation(name);
  const declaration = symbol?.declarations?.find(
    (candidate): candidate is ts.PropertyDeclaration | ts.ParameterDeclaration => tsApi.isPropertyDeclaration(candidate) || tsApi.isParameter(candidate),
  );
  const typeNode = declaration?.type;
  if (!declaration || !typeNode || declaration.questionToken) return undefined;
  const type = checker.getTypeFromTypeNode(typeNode);
  const takesUndefined = (part: ts.Type): boolean => (part.flags & (tsApi.TypeFlags.Undefined | tsApi.TypeFlags.Any | tsApi.TypeFlags.Unknown | tsApi.TypeFlags.Void)) !== 0;
  if (takesUndefined(type) || (type.isUnion() && type.types.some(takesUndefined))) return undefined;
  const file = typeNode.getSourceFile();
  // A function or conditional type would swallow `| undefined` into its return or false branch.
  const needsParentheses = tsApi.isFunctionTypeNode(typeNode) || tsApi.isConstructorTypeNode(typeNode) || tsApi.isConditionalTypeNode(typeNode);
  const text = typeNode.getText(file);
  return replaceNode(typeNode, `${needsParentheses ? `(${text})` : text} | undefined`);
}

/** The class declaration an instance expression belongs to, when its type is that of a class declared in source. */
function classOf(expression: ts.Expression, checker: ts.TypeChecker, tsApi: typeof ts): ts.ClassLikeDeclaration | undefined {
  const type = checker.getTypeAtLocation(expression);
  const declaration = type.getSymbol()?.declarations?.find((candidate): candidate is ts.ClassLikeDeclaration => tsApi.isClassLike(candidate));
  return declaration && !declaration.getSourceFile().isDeclarationFile ? declaration : undefined;
}

/** The type of the value written at `target` (`x.z = 3` -> `number`), widened from a literal; `unknown` when unsure. */
function writtenTypeText(target: ts.Expression, owner: ts.ClassLikeDeclaration, checker: ts.TypeChecker, tsApi: typeof ts): string {
  const write = target.parent;
  if (!tsApi.isBinaryExpression(write) || write.left !== target) return "unknown";
  const type = checker.getBaseTypeOfLiteralType(checker.getTypeAtLocation(write.right));
  if (type.flags & (tsApi.TypeFlags.Any | tsApi.TypeFlags.Unknown | tsApi.TypeFlags.Never)) return "unknown";
  const text = checker.typeToString(type, owner, tsApi.TypeFormatFlags.NoTruncation);
  // An anonymous or import-qualified type would not read back where the class is: keep the field honest instead.
  return /import\(|\{|=>|typeof /.test(text) ? "unknown" : text;
}

/** The leading whitespace of the line `position` is on. */
function indentationAt(file: ts.SourceFile, position: number): string {
  const lineStart = file.getLineStarts()[file.getLineAndCharacterOfPosition(position).line];
  return /^[ \t]*/.exec(file.text.slice(lineStart))?.[0] ?? "";
}

/** An edit declaring `name!: type;` as the first member of `owner`, on a line of its own, indented like its members. */
function fieldDeclaration(owner: ts.ClassLikeDeclaration, name: string, typeText: string): FixEdit {
  const file = owner.getSourceFile();
  // `!`: the rewrite gives every slot the zero of its type at construction, which TypeScript cannot see.
  const declaration = `${name}!: ${typeText};`;
  const first = owner.members[0];
  if (first) {
    const start = first.getStart(file);
    const indent = indentationAt(file, start);
    const lineStart = file.getLineStarts()[file.getLineAndCharacterOfPosition(start).line];
    const ownLine = file.text.slice(lineStart, start).trim() === "";
    return ownLine
      ? { file, start: lineStart, length: 0, newText: `${indent}${declaration}\n` }
      : { file, start, length: 0, newText: `${declaration} ` };
  }
  const classIndent = indentationAt(file, owner.getStart(file));
  const closeBrace = owner.getEnd() - 1;
  const openBrace = file.text.lastIndexOf("{", closeBrace);
  return { file, start: openBrace + 1, length: closeBrace - openBrace - 1, newText: `\n${classIndent}  ${declaration}\n${classIndent}` };
}

/**
 * TSS1006 / TSS1002: a write of a name the `@slots` class does not declare. The fix declares it as a field of the
 * class (which may be in another file), typed as the value written; for a write through a cast the cast goes too.
 */
function declareWrittenField(
  target: ts.PropertyAccessExpression | ts.ElementAccessExpression,
  name: string,
  checker: ts.TypeChecker,
  tsApi: typeof ts,
  dropCast: boolean,
): SlotsFix | undefined {
  let inner: ts.Expression = target.expression;
  while (tsApi.isParenthesizedExpression(inner) || tsApi.isAsExpression(inner) || tsApi.isTypeAssertionExpression(inner) || tsApi.isNonNullExpression(inner) || tsApi.isSatisfiesExpression(inner)) {
    inner = inner.expression;
  }
  const owner = classOf(inner, checker, tsApi);
  if (!owner) return undefined;
  // A method of that name is TSS1008's business: declaring a field would shadow it.
  if (owner.members.some((member) => member.name !== undefined && tsApi.isIdentifier(member.name) && member.name.text === name)) return undefined;
  const className = owner.name?.text ?? "the class";
  const edits = [fieldDeclaration(owner, name, writtenTypeText(target, owner, checker, tsApi))];
  if (dropCast && inner !== target.expression) {
    const file = target.getSourceFile();
    const simple = tsApi.isIdentifier(inner) || inner.kind === tsApi.SyntaxKind.ThisKeyword || tsApi.isPropertyAccessExpression(inner) || tsApi.isCallExpression(inner) || tsApi.isElementAccessExpression(inner);
    edits.push(replaceNode(target.expression, simple ? inner.getText(file) : `(${inner.getText(file)})`));
  }
  return {
    fixName: "ts-slots-declare-field",
    description: `Declare '${name}' as a field of ${className}${dropCast ? " and drop the cast" : ""}`,
    code: dropCast ? ProblemCode.CastWrite : ProblemCode.ElementWrite,
    edits,
  };
}

/** TSS1005: `declare x: T;` becomes `x: T;`, so that the field is emitted and becomes a slot. */
function removeDeclare(member: ts.PropertyDeclaration, tsApi: typeof ts): SlotsFix | undefined {
  const modifier = member.modifiers?.find((candidate) => candidate.kind === tsApi.SyntaxKind.DeclareKeyword);
  if (!modifier) return undefined;
  const file = member.getSourceFile();
  const start = modifier.getStart(file);
  let end = modifier.getEnd();
  while (end < file.text.length && /[ \t]/.test(file.text[end])) end += 1;
  return {
    fixName: "ts-slots-remove-declare",
    description: `Remove 'declare' from '${member.name.getText(file)}' so that it becomes a slot`,
    code: ProblemCode.DeclareField,
    edits: [{ file, start, length: end - start, newText: "" }],
  };
}
