// Reads one TypeScript conformance case (TypeScript's own test format: `// @option: value` headers, files split by
// `// @filename: name`) and decorates every class in it with `@slots`. Owns the case format, the options a case asks
// for, and which classes can take a decorator; compiling and running are elsewhere (build.js, child.js).
"use strict";
const ts = require("typescript");
const { stripSlotsMarker } = require("../../bench/lib/strip.cjs");

/** Options of TypeScript's test harness that are not compiler options (they steer the harness itself). */
const harnessOnly = new Set([
  "filename", "currentdirectory", "noimplicitreferences", "notypesandsymbols", "fullemitpaths", "baselinefile", "includebuiltfile",
  "libfiles", "nocheck", "reportdiagnostics", "captureSuggestions", "capturesuggestions", "symlink", "link", "noemithelpers", "traceresolution",
]);

const optionLine = /^\/\/\s*@(\w+)\s*:\s*([^\r\n]*?)\s*$/;

/**
 * The case as data: `options` (lower-cased names, raw values, first value of a `a, b` variation list) and `units`
 * (`{ name, text }`, in order; a case without `@filename` is one unit named after the case). Option lines stay in
 * the units' text, as in TypeScript's harness, so positions stay those of the case.
 */
function parseCase(caseName, text) {
  const options = {};
  const variations = {};
  const units = [];
  let current = null;
  const lines = text.split(/\r?\n/);
  for (const line of lines) {
    const match = optionLine.exec(line);
    if (match && match[1].toLowerCase() === "filename") {
      if (current) units.push(current);
      current = { name: match[2], lines: [] };
      continue;
    }
    if (match) {
      const name = match[1].toLowerCase();
      const values = match[2].split(",").map((v) => v.trim()).filter(Boolean);
      if (values.length > 1 || values.includes("*")) variations[name] = values;
      options[name] = values[0] ?? "";
    }
    if (!current) current = { name: caseName, lines: [] };
    current.lines.push(line);
  }
  if (current) units.push(current);
  // The lines above the first `@filename` are the case's options, not a file (TypeScript's harness reads them so).
  if (units.length > 1 && units[0].name === caseName && units[0].lines.every((line) => /^\s*(\/\/.*)?$/.test(line))) units.shift();
  return {
    options,
    variations,
    units: units.map((unit) => ({ name: unit.name.replace(/^\/+/, ""), text: unit.lines.join("\n") })),
  };
}

function scriptKindOf(name) {
  if (/\.d\.[cm]?ts$/i.test(name)) return "declaration";
  if (/\.[cm]?tsx?$/i.test(name)) return "typescript";
  if (/\.[cm]?jsx?$/i.test(name)) return "javascript";
  if (/\.json$/i.test(name)) return "json";
  return "other";
}

function isAmbient(node) {
  for (let current = node; current; current = current.parent) {
    if (ts.canHaveModifiers(current) && (ts.getModifiers(current) || []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return true;
    if (ts.isSourceFile(current) && current.isDeclarationFile) return true;
  }
  return false;
}

/** Why a class cannot take `@slots` in TypeScript (or undefined when it can). */
function exclusionOf(node, experimentalDecorators) {
  if (isAmbient(node)) return "ambient class (declare / .d.ts): a decorator is not allowed there";
  if (ts.isClassExpression(node) && experimentalDecorators) return "class expression under experimentalDecorators: legacy decorators only apply to declarations";
  if (ts.isClassDeclaration(node) && !node.name && !(ts.getModifiers(node) || []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return "nameless class declaration (a parse-recovery case)";
  if (node.parent && !ts.isSourceFile(node.parent) && !ts.isBlock(node.parent) && !ts.isModuleBlock(node.parent) && ts.isClassDeclaration(node) && !ts.isCaseClause(node.parent) && !ts.isDefaultClause(node.parent)) {
    return "class declaration in a statement position that takes no declaration";
  }
  return undefined;
}

function needsParentheses(node) {
  const parent = node.parent;
  if (!parent || ts.isParenthesizedExpression(parent)) return false;
  if (ts.isExpressionWithTypeArguments(parent)) return true;
  if (ts.isArrowFunction(parent) && parent.body === node) return true;
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node) return true;
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent) || ts.isTaggedTemplateExpression(parent)) && (ts.isTaggedTemplateExpression(parent) ? parent.tag : parent.expression) === node) return true;
  return false;
}

/** A name for the imported decorator that nothing in the unit already uses. */
function decoratorName(text) {
  let name = "slots";
  for (let i = 2; new RegExp(`\\b${name}\\b`).test(text); i++) name = `slots_${i}`;
  return name;
}

/**
 * The unit with `@slots` before every class that can take it and the import at the end of the file (imports are
 * hoisted, and the end leaves the leading comments, `/// <reference>` lines and `// @ts-` directives where they were).
 * Returns `{ text, decorated, excluded: [{ name, reason }] }`; `text` is the input when no class was decorated.
 */
function decorateUnit(unit, { experimentalDecorators }) {
  // A unit that already uses ts-slots (the repro fixtures) is taken as written; its control is the same text without
  // the decorators (the normal build), import kept.
  if (/from\s+["']ts-slots["']/.test(unit.text)) {
    const decorated = (unit.text.match(/@slots\b/g) || []).length;
    return { text: unit.text, decorated, excluded: [], importName: "slots", control: stripSlotsMarker(unit.text).code + '\nimport { slots } from "ts-slots";\n' };
  }
  const file = ts.createSourceFile(unit.name, unit.text, ts.ScriptTarget.Latest, true, /\.tsx$/i.test(unit.name) ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const name = decoratorName(unit.text);
  const inserts = [];
  const excluded = [];
  let decorated = 0;
  const visit = (node) => {
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      const reason = exclusionOf(node, experimentalDecorators);
      const label = node.name ? node.name.text : "(anonymous)";
      if (reason) excluded.push({ name: label, reason });
      else {
        // Before existing decorators and modifiers: `@slots export class`, `@slots @other class`. A class expression is
        // parenthesised only where a decorated class is not an expression TypeScript parses there (a heritage clause,
        // an arrow function's body, the object of a member access, call, `new` or tagged template): elsewhere `x = @slots class {}` as a user writes it.
        if (ts.isClassExpression(node) && needsParentheses(node)) {
          inserts.push({ at: node.getStart(file), text: `(@${name} ` }, { at: node.end, text: ")" });
        } else inserts.push({ at: node.getStart(file), text: `@${name} ` });
        decorated++;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (decorated === 0) return { text: unit.text, decorated, excluded, importName: undefined };
  let text = unit.text;
  // Applied from the end; at one position the later-found (inner) insert goes first, so `(@slots (@slots class` nests.
  const ordered = inserts.map((insert, index) => ({ ...insert, index })).sort((a, b) => b.at - a.at || b.index - a.index);
  for (const { at, text: inserted } of ordered) text = `${text.slice(0, at)}${inserted}${text.slice(at)}`;
  const binding = name === "slots" ? "slots" : `slots as ${name}`;
  text = `${text}\nimport { ${binding} } from "ts-slots";\n`;
  return { text, decorated, excluded, importName: name };
}

/** The same unit with only the import added (the control: what the import alone changes, e.g. a script becoming a module). */
function importOnlyUnit(unit, importName) {
  const binding = importName === "slots" ? "slots" : `slots as ${importName}`;
  return `${unit.text}\nimport { ${binding} } from "ts-slots";\n`;
}

function isModuleText(name, text) {
  const file = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return file.statements.some((s) => ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference) || ts.isExportDeclaration(s) || ts.isExportAssignment(s) || (ts.canHaveModifiers(s) && (ts.getModifiers(s) || []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)));
}

/**
 * The unit's top-level classes that took `@slots`, as `{ label, expression }` for the run's probe: named class
 * declarations, `const X = class ...`, and an anonymous `export default class` (read back from `exports.default`).
 */
function probedClasses(unit, experimentalDecorators) {
  const file = ts.createSourceFile(unit.name, unit.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = [];
  for (const statement of file.statements) {
    if (ts.isClassDeclaration(statement) && !exclusionOf(statement, experimentalDecorators)) {
      if (statement.name) found.push({ label: statement.name.text, expression: statement.name.text });
      else found.push({ label: "export default", expression: "exports.default" });
    }
    if (ts.isVariableStatement(statement) && !(ts.getModifiers(statement) || []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer && ts.isClassExpression(declaration.initializer) && !exclusionOf(declaration.initializer, experimentalDecorators)) {
          found.push({ label: declaration.name.text, expression: declaration.name.text });
        }
      }
    }
  }
  return found;
}

module.exports = { probedClasses, parseCase, scriptKindOf, decorateUnit, importOnlyUnit, isModuleText, harnessOnly };
