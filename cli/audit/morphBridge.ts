// cli/audit/morphBridge.ts — owns the one crossing between ts-morph's TypeScript and the `typescript` package's types.
// ts-morph hands out the compiler API it bundles (`import { ts } from "ts-morph"`): at run time that is the same API
// (TypeScript 6.x) that transformer/core is written against, and the audit passes its program, checker and nodes
// straight to the build's checks. Its declarations, though, are a second copy of typescript.d.ts, so the compiler
// sees two unrelated sets of types (two `Node`s, two `TypeChecker`s, two `SyntaxKind` enums) and refuses one for the
// other. Each function below converts one kind of value without touching it; no other file of the CLI casts between
// the two.
import { ts } from "ts-morph";
import type * as TS from "typescript";

/** ts-morph's `ts` namespace as the `typescript` API the checks take: the program's nodes come from this copy. */
export const tsApi: typeof TS = ts as unknown as typeof TS;

/** The type checker of a ts-morph program, for the checks. */
export function asTsChecker(checker: ts.TypeChecker): TS.TypeChecker {
  return checker as unknown as TS.TypeChecker;
}

/** Compiler options read by ts-morph, for the checks. */
export function asTsOptions(options: ts.CompilerOptions): TS.CompilerOptions {
  return options as unknown as TS.CompilerOptions;
}

/** A syntax kind of ts-morph's enum as the same number in the `typescript` enum. */
export function asTsSyntaxKind(kind: ts.SyntaxKind): TS.SyntaxKind {
  return kind as number as TS.SyntaxKind;
}

/** A node of a ts-morph program, for the checks (the same object, typed by the `typescript` declarations). */
export function asTsNode(node: ts.SourceFile): TS.SourceFile;
export function asTsNode(node: ts.ClassDeclaration): TS.ClassDeclaration;
export function asTsNode(node: ts.Decorator): TS.Decorator;
export function asTsNode(node: ts.Node): TS.Node;
export function asTsNode(node: ts.Node): TS.Node {
  return node as unknown as TS.Node;
}

/** A node the checks report (a problem's node, a class it is about) back in ts-morph's types. */
export function fromTsNode(node: TS.Node): ts.Node {
  return node as unknown as ts.Node;
}
