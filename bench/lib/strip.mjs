// strip: makes the "normal" source by deleting the `@slots` decorators and their `import { slots } from
// "ts-slots"` declaration, found with the TypeScript parser. Nothing else changes: the removed text is cut out
// in place, so every other character and every line number stays the same.
import { createRequire } from "node:module";
import { ROOT } from "./config.mjs";

const ts = createRequire(`${ROOT}/package.json`)("typescript");
const MODULE = "ts-slots";
const EXPORT_NAME = "slots";

function parse(fileName, source) {
  return ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** Local names bound to ts-slots' `slots` export, and the import declarations that bind only those. */
function findImports(sf) {
  const names = new Set();
  const decls = [];
  for (const stmt of sf.statements) {
    if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
    if (stmt.moduleSpecifier.text !== MODULE) continue;
    const clause = stmt.importClause;
    const named = clause?.namedBindings;
    if (!clause || clause.name || !named || !ts.isNamedImports(named)) {
      throw new Error(`strip: ${sf.fileName}: only \`import { ${EXPORT_NAME} } from "${MODULE}"\` is supported`);
    }
    for (const el of named.elements) {
      const imported = (el.propertyName ?? el.name).text;
      if (imported !== EXPORT_NAME) {
        throw new Error(`strip: ${sf.fileName}: imports ${imported} from ${MODULE}; only ${EXPORT_NAME} is stripped`);
      }
      names.add(el.name.text);
    }
    decls.push(stmt);
  }
  return { names, decls };
}

function isMarker(decorator, names) {
  let e = decorator.expression;
  if (ts.isCallExpression(e)) e = e.expression;
  return ts.isIdentifier(e) && names.has(e.text);
}

function findMarkers(sf, names) {
  const found = [];
  const visit = (node) => {
    if (ts.canHaveDecorators(node)) {
      for (const d of ts.getDecorators(node) ?? []) if (isMarker(d, names)) found.push(d);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * Returns { code, removed } where removed lists { line, text } of every deleted range.
 * Throws if the result still mentions ts-slots or a marker decorator.
 */
export function stripSlotsMarker(source, fileName = "case.ts") {
  const sf = parse(fileName, source);
  const { names, decls } = findImports(sf);
  const ranges = [...decls, ...findMarkers(sf, names)].map((node) => ({
    start: node.getStart(sf),
    end: node.getEnd(),
  }));
  ranges.sort((a, b) => b.start - a.start);
  let code = source;
  const removed = [];
  for (const { start, end } of ranges) {
    removed.push({ line: sf.getLineAndCharacterOfPosition(start).line + 1, text: source.slice(start, end) });
    code = code.slice(0, start) + code.slice(end);
  }
  removed.reverse();

  const check = parse(fileName, code);
  const left = findImports(check);
  if (left.decls.length > 0 || findMarkers(check, names).length > 0) {
    throw new Error(`strip: ${fileName}: the marker is still present after stripping`);
  }
  if (code.split("\n").length !== source.split("\n").length) {
    throw new Error(`strip: ${fileName}: line count changed`);
  }
  return { code, removed };
}
