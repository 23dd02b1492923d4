// Whether a file of a program reaches a `@slots` class of another file through its imports: with `types: "program"`
// such a file is checked although it declares no `@slots` class itself (misuse happens where a class is used).
// Asked of files that passed the text prefilter (they import something); the answer follows the import declarations,
// `export ... from` and `import x = require()` to the modules' source files, through re-exports, and asks their text.
import type * as ts from "typescript";
import { mayContainSlots } from "./prefilter";

/** The source files this file's module specifiers resolve to (public API: the checker's symbol of each specifier). */
function importedFiles(file: ts.SourceFile, checker: ts.TypeChecker, tsApi: typeof ts): ts.SourceFile[] {
  const specifiers: ts.Expression[] = [];
  for (const statement of file.statements) {
    if ((tsApi.isImportDeclaration(statement) || tsApi.isExportDeclaration(statement)) && statement.moduleSpecifier) specifiers.push(statement.moduleSpecifier);
    else if (tsApi.isImportEqualsDeclaration(statement) && tsApi.isExternalModuleReference(statement.moduleReference)) specifiers.push(statement.moduleReference.expression);
  }
  const files: ts.SourceFile[] = [];
  for (const specifier of specifiers) {
    const declaration = checker.getSymbolAtLocation(specifier)?.declarations?.[0];
    if (declaration && tsApi.isSourceFile(declaration) && !declaration.isDeclarationFile) files.push(declaration);
  }
  return files;
}

/** Whether `file` imports (directly, or through modules that re-export) a module that declares `@slots` classes. */
export function reachesSlotsModule(file: ts.SourceFile, checker: ts.TypeChecker, tsApi: typeof ts): boolean {
  const seen = new Set<ts.SourceFile>([file]);
  const pending = importedFiles(file, checker, tsApi);
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    if (mayContainSlots(next.text)) return true;
    // Only re-exports pass a class on: a module that merely imports one does not hand it to its importers.
    if (next.statements.some((statement) => tsApi.isExportDeclaration(statement) && statement.moduleSpecifier)) pending.push(...importedFiles(next, checker, tsApi));
  }
  return false;
}
