// The `ts-slots` imports left without a use once `@slots` decorators are compiled away, and their removal, so that
// the output has no run-time dependency on ts-slots (TypeScript's own import elision still counts the decorators).
import type * as ts from "typescript";
import { packageName } from "./decorator";

/** Whole-word occurrences of `name` in `text`, comments and strings included (an over-count only costs a walk). */
function occurrences(text: string, name: string): number {
  const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
  return text.match(word)?.length ?? 0;
}

/**
 * Whether the file's text may name a candidate outside its top-level imports and the removed decorators. Walking
 * every node of every file was a tenth of the plugin's own compile time; this text count answers "no" for almost
 * every file (a name used only in `@slots` and its import) and sends the rest to the walk.
 */
function mayStillUse(file: ts.SourceFile, candidates: ReadonlySet<string>, removed: ReadonlySet<ts.Decorator>, tsApi: typeof ts): boolean {
  // An identifier spelled with a unicode escape has a text its source does not show: only the walk sees it.
  if (file.text.includes("\\u") || [...removed].some((decorator) => decorator.pos < 0 || decorator.getSourceFile() !== file)) return true;
  const known = [...file.statements.filter((statement) => tsApi.isImportDeclaration(statement)), ...removed].map((node) => node.getText(file));
  return [...candidates].some((name) => occurrences(file.text, name) > known.reduce((sum, text) => sum + occurrences(text, name), 0));
}

/** Local names that occur in the file outside the removed decorators and the imports. */
function namesStillUsed(file: ts.SourceFile, candidates: ReadonlySet<string>, removed: ReadonlySet<ts.Decorator>, tsApi: typeof ts): Set<string> {
  const used = new Set<string>();
  if (!mayStillUse(file, candidates, removed, tsApi)) return used;
  const visit = (node: ts.Node): void => {
    if (tsApi.isImportDeclaration(node) || (tsApi.isDecorator(node) && removed.has(node))) return;
    if (tsApi.isIdentifier(node) && candidates.has(node.text)) {
      const parent = node.parent;
      const isMemberName = parent && tsApi.isPropertyAccessExpression(parent) && parent.name === node;
      if (!isMemberName) used.add(node.text);
    }
    tsApi.forEachChild(node, visit);
  };
  visit(file);
  return used;
}

function withoutUnused(
  statement: ts.ImportDeclaration,
  unused: ReadonlySet<string>,
  factory: ts.NodeFactory,
  tsApi: typeof ts,
): ts.ImportDeclaration | undefined {
  const clause = statement.importClause;
  const bindings = clause?.namedBindings;
  if (!clause || !bindings) return statement;
  let namedBindings: ts.NamedImportBindings | undefined = bindings;
  if (tsApi.isNamespaceImport(bindings)) {
    if (unused.has(bindings.name.text)) namedBindings = undefined;
  } else {
    const elements = bindings.elements.filter((element) => !unused.has(element.name.text));
    if (elements.length === bindings.elements.length) return statement;
    namedBindings = elements.length > 0 ? factory.updateNamedImports(bindings, elements) : undefined;
  }
  if (namedBindings === bindings) return statement;
  if (!namedBindings && !clause.name) return undefined;
  const updatedClause = factory.updateImportClause(clause, clause.phaseModifier, clause.name, namedBindings);
  return factory.updateImportDeclaration(statement, statement.modifiers, updatedClause, statement.moduleSpecifier, statement.attributes);
}

/** The `ts-slots` bindings among `localNames` that nothing but the removed decorators uses. */
export function unusedSlotsBindings(
  file: ts.SourceFile,
  localNames: ReadonlySet<string>,
  removed: ReadonlySet<ts.Decorator>,
  tsApi: typeof ts,
): Set<string> {
  const used = namesStillUsed(file, localNames, removed, tsApi);
  return new Set([...localNames].filter((name) => !used.has(name)));
}

/** Whether an import statement is one of `import ... from "ts-slots"`. */
export function isSlotsImport(statement: ts.Statement, tsApi: typeof ts): statement is ts.ImportDeclaration {
  return tsApi.isImportDeclaration(statement) && tsApi.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === packageName;
}

/**
 * Whether the file has module syntax besides its `ts-slots` imports. A file whose only module syntax was those imports
 * keeps `export {};` in their place: without it a bundler may take the output for a script (sloppy mode, where
 * adding a property to a sealed instance fails silently instead of throwing; a different `this`).
 */
export function hasOtherModuleSyntax(file: ts.SourceFile, tsApi: typeof ts): boolean {
  return file.statements.some((statement) => {
    if (isSlotsImport(statement, tsApi)) return false;
    if (tsApi.isImportDeclaration(statement) || tsApi.isExportDeclaration(statement) || tsApi.isExportAssignment(statement)) return true;
    if (tsApi.isImportEqualsDeclaration(statement)) return tsApi.isExternalModuleReference(statement.moduleReference) || hasExportModifier(statement, tsApi);
    return hasExportModifier(statement, tsApi);
  });
}

function hasExportModifier(statement: ts.Statement, tsApi: typeof ts): boolean {
  return tsApi.canHaveModifiers(statement) && (tsApi.getModifiers(statement) ?? []).some((modifier) => modifier.kind === tsApi.SyntaxKind.ExportKeyword);
}

/**
 * The file's statements without the `ts-slots` bindings that only the removed decorators used. A removed import
 * leaves a statement that prints nothing but the comments above it (a licence header, `/* istanbul ignore file *\/`):
 * TypeScript drops a removed node's comments with it.
 */
export function withoutSlotsImports(
  original: ts.SourceFile,
  statements: readonly ts.Statement[],
  localNames: ReadonlySet<string>,
  removed: ReadonlySet<ts.Decorator>,
  factory: ts.NodeFactory,
  tsApi: typeof ts,
): ts.Statement[] {
  const unused = unusedSlotsBindings(original, localNames, removed, tsApi);
  if (unused.size === 0) return [...statements];
  return statements.map((statement) => {
    if (!isSlotsImport(statement, tsApi)) return statement;
    return withoutUnused(statement, unused, factory, tsApi) ?? commentsOnly(statement, original, factory, tsApi);
  });
}

/**
 * A statement that prints only the comments written above `statement`. TypeScript drops a removed statement's
 * comments with it (the `/*! licence *\/` above a first import too), so they are carried as synthetic comments.
 */
function commentsOnly(statement: ts.Statement, file: ts.SourceFile, factory: ts.NodeFactory, tsApi: typeof ts): ts.Statement {
  const kept = factory.createNotEmittedStatement(statement);
  for (const range of tsApi.getLeadingCommentRanges(file.text, statement.pos) ?? []) {
    const text = file.text.slice(range.pos, range.end);
    const body = range.kind === tsApi.SyntaxKind.MultiLineCommentTrivia ? text.slice(2, -2) : text.slice(2);
    tsApi.addSyntheticLeadingComment(kept, range.kind, body, true);
  }
  return kept;
}
