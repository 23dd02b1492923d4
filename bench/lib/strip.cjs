// The one "normal build" source maker, shared by the bench, the core tests and the differential test: the same
// source with the `@slots` decorators and their `ts-slots` imports deleted, found with the TypeScript parser. The
// removed text is cut out in place, so every other character and every line number stays the same.
"use strict";
const ts = require("typescript");

const MODULE = "ts-slots";
const EXPORT_NAME = "slots";

function parse(fileName, source) {
  return ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** Local names bound to `slots` (named, aliased) or to the module (namespace), and the imports that bind them. */
function findImports(file) {
  const names = new Set();
  const namespaces = new Set();
  const declarations = [];
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text !== MODULE) continue;
    const clause = statement.importClause;
    const bindings = clause && clause.namedBindings;
    if (!clause || clause.name || !bindings) {
      throw new Error(`strip: ${file.fileName}: only named or namespace imports of ${MODULE} are supported`);
    }
    if (ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    else
      for (const element of bindings.elements) {
        const imported = (element.propertyName || element.name).text;
        if (imported !== EXPORT_NAME) throw new Error(`strip: ${file.fileName}: imports ${imported} from ${MODULE}; only ${EXPORT_NAME} is stripped`);
        names.add(element.name.text);
      }
    declarations.push(statement);
  }
  return { names, namespaces, declarations };
}

function isMarker(decorator, imports) {
  let expression = decorator.expression;
  if (ts.isCallExpression(expression)) expression = expression.expression;
  if (ts.isIdentifier(expression)) return imports.names.has(expression.text);
  return (
    ts.isPropertyAccessExpression(expression) &&
    ts.isIdentifier(expression.expression) &&
    imports.namespaces.has(expression.expression.text) &&
    expression.name.text === EXPORT_NAME
  );
}

function findMarkers(file, imports) {
  const found = [];
  const visit = (node) => {
    if (ts.canHaveDecorators(node)) for (const decorator of ts.getDecorators(node) || []) if (isMarker(decorator, imports)) found.push(decorator);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/**
 * Returns `{ code, removed }`, `removed` listing `{ line, text }` of every deleted range.
 * Throws if the result still imports ts-slots or carries a marker.
 */
function stripSlotsMarker(source, fileName = "main.ts") {
  const file = parse(fileName, source);
  const imports = findImports(file);
  const ranges = [...imports.declarations, ...findMarkers(file, imports)].map((node) => ({ start: node.getStart(file), end: node.getEnd() }));
  ranges.sort((a, b) => b.start - a.start);
  let code = source;
  const removed = [];
  for (const { start, end } of ranges) {
    removed.push({ line: file.getLineAndCharacterOfPosition(start).line + 1, text: source.slice(start, end) });
    code = code.slice(0, start) + code.slice(end);
  }
  removed.reverse();
  const check = parse(fileName, code);
  if (findImports(check).declarations.length > 0 || findMarkers(check, imports).length > 0) {
    throw new Error(`strip: ${fileName}: the marker is still present after stripping`);
  }
  if (code.split("\n").length !== source.split("\n").length) throw new Error(`strip: ${fileName}: line count changed`);
  return { code, removed };
}

module.exports = { stripSlotsMarker };
