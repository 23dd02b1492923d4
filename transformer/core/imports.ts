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

/** The file's statements without the `ts-slots` bindings that only the removed decorators used. */
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
  return statements.flatMap((statement) => (isSlotsImport(statement, tsApi) ? (withoutUnused(statement, unused, factory, tsApi) ?? []) : [statement]));
}
