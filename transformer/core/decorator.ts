// Which decorators are ts-slots' `@slots`: found by what they resolve to (aliased and namespace imports, re-exports),
// with a syntactic fallback for compilations that cannot resolve imports (transpile-only).
import * as fs from "fs";
import * as path from "path";
import type * as ts from "typescript";
import { unshadowedNames } from "./checks/syntaxFilters";

export const packageName = "ts-slots";

/**
 * Checkers of one-file programs (host/project.ts, `types: "syntax"`), where no import resolves: there a ts-slots
 * import's name that nothing in the file shadows resolves to nothing, so the syntactic answer needs no checker.
 */
export const oneFileCheckers = new WeakSet<ts.TypeChecker>();

/** How `@slots` may be spelled: a bare identifier or `namespace.slots`. */
export type DecoratorForm = "identifier" | "namespace";

export interface SlotsDecoratorUse {
  decorator: ts.Decorator;
  /** The local name the decorator goes through: the imported identifier or the namespace. */
  localName: string;
  /** Set when the expression is not a plain reference, e.g. `@slots()`: it names the form for the diagnostic. */
  unsupportedForm?: string;
}

/** Local names bound by `import ... from "ts-slots"`: named imports of `slots` and namespace imports. */
export interface ImportedNames {
  named: ReadonlySet<string>;
  namespaces: ReadonlySet<string>;
}

export function importedNames(file: ts.SourceFile, tsApi: typeof ts): ImportedNames {
  const named = new Set<string>();
  const namespaces = new Set<string>();
  for (const statement of file.statements) {
    if (!tsApi.isImportDeclaration(statement) || !tsApi.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text !== packageName) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings) continue;
    if (tsApi.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    else
      for (const element of bindings.elements) {
        if ((element.propertyName ?? element.name).text === "slots") named.add(element.name.text);
      }
  }
  return { named, namespaces };
}

const packageNameOfDirectory = new Map<string, string | undefined>();

/** The `name` of the nearest package.json above a file: how a declaration is known to come from ts-slots. */
function packageNameOf(fileName: string): string | undefined {
  const directory = path.dirname(fileName);
  if (packageNameOfDirectory.has(directory)) return packageNameOfDirectory.get(directory);
  let name: string | undefined;
  try {
    const manifest: unknown = JSON.parse(fs.readFileSync(path.join(directory, "package.json"), "utf8"));
    name = manifest && typeof manifest === "object" && "name" in manifest && typeof manifest.name === "string" ? manifest.name : undefined;
  } catch {
    const parent = path.dirname(directory);
    name = parent === directory ? undefined : packageNameOf(directory);
  }
  packageNameOfDirectory.set(directory, name);
  return name;
}

function isRuntimeDecorator(symbol: ts.Symbol): boolean {
  return (
    symbol.name === "slots" &&
    (symbol.declarations ?? []).some((declaration) => packageNameOf(declaration.getSourceFile().fileName) === packageName)
  );
}

/** `undefined` when the checker cannot tell (the name does not resolve to a declaration). */
function resolvesToSlots(reference: ts.Node, checker: ts.TypeChecker, tsApi: typeof ts): boolean | undefined {
  let symbol = checker.getSymbolAtLocation(reference);
  if (!symbol) return undefined;
  if (symbol.flags & tsApi.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  if (!symbol.declarations || symbol.declarations.length === 0) return undefined;
  return isRuntimeDecorator(symbol);
}

const unshadowedOfFile = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

/** Whether a one-file checker could only answer "unresolved" for this local name of a ts-slots import. */
function resolvesNowhere(reference: ts.Node, local: string, names: ImportedNames, tsApi: typeof ts): boolean {
  const file = reference.getSourceFile();
  let unshadowed = unshadowedOfFile.get(file);
  if (!unshadowed) {
    // `declare module "ts-slots" { ... }` in the file itself would make the import resolve.
    const ambient = file.statements.some((statement) => tsApi.isModuleDeclaration(statement) && tsApi.isStringLiteral(statement.name));
    const isImport = (statement: ts.Statement): boolean =>
      tsApi.isImportDeclaration(statement) && tsApi.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === packageName;
    unshadowed = ambient ? new Set<string>() : unshadowedNames(file, new Set([...names.named, ...names.namespaces]), isImport);
    unshadowedOfFile.set(file, unshadowed);
  }
  return unshadowed.has(local);
}

function referenceOf(expression: ts.LeftHandSideExpression | ts.Expression, tsApi: typeof ts): { node: ts.Node; local: string; form: DecoratorForm } | undefined {
  if (tsApi.isIdentifier(expression)) return { node: expression, local: expression.text, form: "identifier" };
  if (tsApi.isPropertyAccessExpression(expression) && tsApi.isIdentifier(expression.expression)) {
    return { node: expression.name, local: expression.expression.text, form: "namespace" };
  }
  return undefined;
}

function isSlotsReference(
  expression: ts.Expression,
  names: ImportedNames,
  checker: ts.TypeChecker | undefined,
  tsApi: typeof ts,
): { local: string } | undefined {
  const reference = referenceOf(expression, tsApi);
  if (!reference) return undefined;
  const resolved =
    checker && !(oneFileCheckers.has(checker) && resolvesNowhere(reference.node, reference.local, names, tsApi))
      ? resolvesToSlots(reference.node, checker, tsApi)
      : undefined;
  if (resolved !== undefined) return resolved ? { local: reference.local } : undefined;
  const syntactic =
    reference.form === "identifier"
      ? names.named.has(reference.local)
      : names.namespaces.has(reference.local) && tsApi.isPropertyAccessExpression(expression) && expression.name.text === "slots";
  return syntactic ? { local: reference.local } : undefined;
}

/** Classifies one decorator: not ours (`undefined`), ours in a rewritable form, or ours in a form we cannot rewrite. */
export function slotsDecoratorUse(
  decorator: ts.Decorator,
  names: ImportedNames,
  checker: ts.TypeChecker | undefined,
  tsApi: typeof ts,
): SlotsDecoratorUse | undefined {
  let expression: ts.Expression = decorator.expression;
  while (tsApi.isParenthesizedExpression(expression)) expression = expression.expression;
  const direct = isSlotsReference(expression, names, checker, tsApi);
  if (direct) return { decorator, localName: direct.local };
  if (tsApi.isCallExpression(expression)) {
    const called = isSlotsReference(expression.expression, names, checker, tsApi);
    if (called) return { decorator, localName: called.local, unsupportedForm: "a call (`@slots(...)`); write `@slots` without arguments" };
  }
  return undefined;
}

export function slotsDecoratorsOf(
  node: ts.HasDecorators,
  names: ImportedNames,
  checker: ts.TypeChecker | undefined,
  tsApi: typeof ts,
): SlotsDecoratorUse[] {
  return (tsApi.getDecorators(node) ?? []).flatMap((decorator) => slotsDecoratorUse(decorator, names, checker, tsApi) ?? []);
}
