// The placeholder a slot holds before its first assignment: the zero value of its declared type.
//
// Why not `undefined` everywhere: a field first stored as `undefined` gets a tagged representation in V8, and every
// later store of a non-integer number then allocates a heap number (5-8x slower updates: the bench's numeric case, Node 20-24).
// A zero of the right primitive kind keeps the field's representation narrow.
//
// The price of a `0` (docs/seal-modes.md, "Numbers and memory"): once any instance stores a fraction in a slot that
// started as `0`, V8 makes the field a double field for the whole class, and every instance then keeps that field
// boxed, integers included (+16 B per field; 72 B against 40 B per two-field object under define semantics, where the
// normal build's `undefined`-first field stays tagged and holds integers inline; assign semantics' normal build pays
// the same as ts-slots). A slot that mostly holds integers can opt out: `/** @slotsPlaceholder undefined */`; one the
// constructor sets first, which starts `undefined` unless the build sees it updated in place (plan.ts), can opt in:
// `/** @slotsPlaceholder zero */`.
import type * as ts from "typescript";

export type ZeroKind = "number" | "boolean" | "string" | "bigint" | "undefined";

function kindOfFlags(flags: ts.TypeFlags, tsApi: typeof ts): ZeroKind | "null" | undefined {
  const F = tsApi.TypeFlags;
  if (flags & (F.Any | F.Unknown | F.Undefined | F.Void)) return "undefined";
  if (flags & F.Null) return "null";
  if (flags & F.NumberLike) return "number";
  if (flags & F.BooleanLike) return "boolean";
  if (flags & F.StringLike) return "string";
  if (flags & F.BigIntLike) return "bigint";
  return undefined;
}

/**
 * One primitive family (null aside) gives its zero; `undefined`, `any`, `unknown`, objects, symbols, type
 * parameters without a primitive constraint and mixed families give `undefined`.
 */
export function zeroKindOfType(type: ts.Type, checker: ts.TypeChecker, tsApi: typeof ts): ZeroKind {
  if (type.flags & tsApi.TypeFlags.TypeParameter) {
    const constraint = checker.getBaseConstraintOfType(type);
    return constraint && constraint !== type ? zeroKindOfType(constraint, checker, tsApi) : "undefined";
  }
  const members = type.isUnion() ? type.types : [type];
  let family: ZeroKind | undefined;
  for (const member of members) {
    const kind = kindOfFlags(member.flags, tsApi);
    if (kind === "null") continue;
    if (kind === undefined || kind === "undefined") return "undefined";
    if (family !== undefined && family !== kind) return "undefined";
    family = kind;
  }
  return family ?? "undefined";
}

/** The same decision from the annotation alone, for compilations without type information. */
export function zeroKindOfTypeNode(node: ts.TypeNode | undefined, tsApi: typeof ts): ZeroKind {
  if (!node) return "undefined";
  const K = tsApi.SyntaxKind;
  switch (node.kind) {
    case K.NumberKeyword:
      return "number";
    case K.BooleanKeyword:
      return "boolean";
    case K.StringKeyword:
      return "string";
    case K.BigIntKeyword:
      return "bigint";
    case K.ParenthesizedType:
      return zeroKindOfTypeNode((node as ts.ParenthesizedTypeNode).type, tsApi);
  }
  if (tsApi.isLiteralTypeNode(node)) {
    const literal = node.literal;
    if (tsApi.isNumericLiteral(literal) || tsApi.isPrefixUnaryExpression(literal)) return "number";
    if (tsApi.isStringLiteral(literal) || tsApi.isNoSubstitutionTemplateLiteral(literal)) return "string";
    if (literal.kind === K.TrueKeyword || literal.kind === K.FalseKeyword) return "boolean";
    if (tsApi.isBigIntLiteral(literal)) return "bigint";
    return "undefined";
  }
  if (tsApi.isUnionTypeNode(node)) {
    let family: ZeroKind | undefined;
    for (const member of node.types) {
      if (tsApi.isLiteralTypeNode(member) && member.literal.kind === K.NullKeyword) continue;
      const kind = zeroKindOfTypeNode(member, tsApi);
      if (kind === "undefined" || (family !== undefined && family !== kind)) return "undefined";
      family = kind;
    }
    return family ?? "undefined";
  }
  return "undefined";
}

/** The comment tag that sets a slot's placeholder by hand: `undefined`, or `zero` (the zero of its type). */
export const placeholderTag = "@slotsPlaceholder";
const placeholderTagPattern = /@slotsPlaceholder\s+(undefined|zero)\b/;

/** What `@slotsPlaceholder` asks of a slot's first value. */
export type DeclaredPlaceholder = "undefined" | "zero";

/**
 * The value of `@slotsPlaceholder` in the declaration's own leading comments. Read from the comment text rather than
 * from parsed JSDoc, which tsc skips in TypeScript files (JSDocParsingMode, TypeScript 5.3 and later).
 */
export function declaredPlaceholder(declaration: ts.Node, tsApi: typeof ts): DeclaredPlaceholder | undefined {
  const text = declaration.getSourceFile().text;
  for (const range of tsApi.getLeadingCommentRanges(text, declaration.pos) ?? []) {
    const match = placeholderTagPattern.exec(text.slice(range.pos, range.end));
    if (match) return match[1] as DeclaredPlaceholder;
  }
  return undefined;
}

/** The expression written as a slot's first value. */
export function placeholderFor(kind: ZeroKind, factory: ts.NodeFactory): ts.Expression {
  switch (kind) {
    case "number":
      return factory.createNumericLiteral(0);
    case "boolean":
      return factory.createFalse();
    case "string":
      return factory.createStringLiteral("");
    case "bigint":
      return factory.createBigIntLiteral("0n");
    case "undefined":
      return factory.createVoidZero();
  }
}
