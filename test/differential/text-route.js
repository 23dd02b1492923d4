// The text route: emitter 2 (`ts-slots/rewrite`, dist/transformer/emit-text) rewrites the TypeScript source, then esbuild
// compiles it; the normal build is the stripped source through the same esbuild settings. Owns the esbuild options
// of a configuration, the rewriter of each configuration, and the checks of the rewrite itself (problems, class
// count, what the rewritten source still says of ts-slots).
"use strict";
const fs = require("fs");
const path = require("path");
const esbuild = require("esbuild");
const { ts } = require("./compile");
const { fieldModeOf } = require("./configurations");
const { repoRoot } = require("../helpers/project");

const rewritePath = path.join(repoRoot, "dist/transformer/emit-text/index.js");

/**
 * The helper types the programs use, declared in the file itself for the text route. The tspc route gets them from
 * helpers.d.ts, a second root file; the rewrite's default `types: "syntax"` reads the file alone (README: a type it
 * cannot see gets `undefined` and warning TSS1012), so a program that relied on another file's declarations would
 * test that documented limit instead of the rewrite. Appended, so line numbers stay those of the program; both text
 * builds compile the same text. `declare` emits nothing: `Color` is still the run-time context's (helpers-runtime.js).
 */
const typeDeclarations = "\ninterface Box { v: number }\ndeclare enum Color { Red = 1, Green = 2 }\n";

function withTypeDeclarations(text) {
  return text + typeDeclarations;
}

/**
 * esbuild's settings for a configuration: the tsconfig a user of esbuild would have. `keepNames`: esbuild renames a
 * class whose body names the class when it lowers the class (`const _C = class _C`, below ES2022 for static members,
 * always for decorators), and the inner name of a class expression that shadows its variable (`const C = class C2`);
 * plain code meets this too, but the seal names the class in every @slots constructor, so without keepNames a @slots
 * class's `name` changes where the normal build's does not (the test pins that difference: differential.test.js).
 * keepNames is how esbuild keeps names; both builds get it, and the comparison of names stays exact.
 * @returns {import("esbuild").TransformOptions}
 */
function esbuildOptions(configuration, { keepNames = true } = {}) {
  return {
    loader: "ts",
    format: "cjs",
    target: configuration.target.toLowerCase(),
    sourcefile: "main.ts",
    keepNames,
    tsconfigRaw: {
      compilerOptions: {
        useDefineForClassFields: configuration.useDefineForClassFields,
        experimentalDecorators: configuration.experimentalDecorators,
        strict: true,
      },
    },
  };
}

/** `{ js }`, or `{ error }` with esbuild's messages when it rejects the code. */
function esbuildCompile(code, configuration, settings) {
  try {
    return { js: esbuild.transformSync(code, esbuildOptions(configuration, settings)).code };
  } catch (error) {
    const messages = error && Array.isArray(error.errors) ? error.errors.map((e) => `${e.location ? `main.ts:${e.location.line}:${e.location.column + 1} ` : ""}${e.text}`) : [];
    return { error: messages.length > 0 ? messages.join("\n") : String(error && error.stack ? error.stack : error) };
  }
}

let rewriteModule;
function loadRewrite() {
  if (!rewriteModule) {
    if (!fs.existsSync(rewritePath)) throw new Error(`${path.relative(repoRoot, rewritePath)} is missing: run npm run build`);
    rewriteModule = require(rewritePath);
  }
  return rewriteModule;
}

const projects = new Map();
/**
 * One directory per configuration whose tsconfig.json says what esbuild is told, as in a user's project: the
 * rewrite finds it above the file (`fieldMode` is also passed, as a bundler plugin does).
 */
function projectFor(configuration) {
  let dir = projects.get(configuration.id);
  if (!dir) {
    const os = require("os");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `ts-slots-differential-text-${configuration.id}-`));
    const compilerOptions = { .../** @type {import("esbuild").TsconfigRaw} */ (esbuildOptions(configuration).tsconfigRaw).compilerOptions, target: configuration.target };
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["src"] }, null, 2));
    fs.mkdirSync(path.join(dir, "src"));
    if (projects.size === 0) process.once("exit", removeProjects);
    projects.set(configuration.id, dir);
  }
  return dir;
}

/** Removes the configurations' directories (at exit; jest, whose exit handlers may not run, calls it itself). */
function removeProjects() {
  for (const dir of projects.values()) fs.rmSync(dir, { recursive: true, force: true });
  projects.clear();
  rewriters.clear();
}

const rewriters = new Map();
function rewriterFor(configuration) {
  let rewriter = rewriters.get(configuration.id);
  if (!rewriter) {
    const { createSourceRewriter } = loadRewrite();
    const options = configuration.seal ? { seal: configuration.seal } : {};
    rewriter = createSourceRewriter(options, { cwd: projectFor(configuration), fieldMode: fieldModeOf(configuration) });
    rewriters.set(configuration.id, rewriter);
  }
  return rewriter;
}

/** The `@slots` classes of a source (decorators named `slots`), counted from the source, not by the rewrite. */
function slotsClassCount(text) {
  const file = ts.createSourceFile("main.ts", text, ts.ScriptTarget.Latest, true);
  let count = 0;
  const visit = (node) => {
    if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && (ts.getDecorators(node) || []).some((d) => ts.isIdentifier(d.expression) && d.expression.text === "slots")) count++;
    ts.forEachChild(node, visit);
  };
  visit(file);
  return count;
}

/** What the rewritten TypeScript still says of ts-slots: an import of it, a `@slots` decorator (found by the parser). */
function rewrittenTraces(code) {
  const file = ts.createSourceFile("main.ts", code, ts.ScriptTarget.Latest, true);
  const traces = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === "ts-slots") traces.push("an import of ts-slots");
  }
  const visit = (node) => {
    if (ts.canHaveDecorators(node)) {
      for (const decorator of ts.getDecorators(node) || []) if (/^slots\b/.test(decorator.expression.getText(file))) traces.push("a @slots decorator");
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return traces;
}

/** Syntax errors TypeScript's parser finds in the rewritten source (the rewrite must stay TypeScript). */
function syntaxErrors(code) {
  const file = ts.createSourceFile("main.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return file.parseDiagnostics.map((d) => {
    const { line, character } = file.getLineAndCharacterOfPosition(d.start);
    return `main.ts:${line + 1}:${character + 1} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

/**
 * Rewrites a program (already carrying the type declarations) for a configuration. Returns `{ code }` or
 * `{ failure: { category, message } }`: the rewrite threw, reported an option problem, an error or a warning, rewrote
 * another number of classes than the source has, or left ts-slots in its output or broke its syntax. Warnings
 * count: the programs declare every type they use in the file, so the one expected warning (TSS1012, a type the file
 * does not declare) would be a wrong reading of the file. `tamper` (the self-check) edits the rewritten source.
 * @param {string} text
 * @param {any} configuration
 * @param {{ tamper?: (output: string) => string }} [options]
 */
function rewriteProgram(text, configuration, { tamper } = {}) {
  const rewriter = rewriterFor(configuration);
  if (rewriter.optionProblems.length > 0) return { failure: { category: "rewrite:options", message: rewriter.optionProblems.map((p) => p.text).join("\n") } };
  const fileName = path.join(projectFor(configuration), "src", "main.ts");
  let result;
  try {
    result = rewriter.rewrite(text, fileName);
  } catch (error) {
    return { failure: { category: "rewrite:crash", message: `rewrite() threw (it must not): ${error && error.stack ? error.stack : error}` } };
  }
  const expected = slotsClassCount(text);
  if (!result) {
    if (expected > 0) return { failure: { category: "rewrite:no-output", message: `rewrite() returned nothing for a file with ${expected} @slots classes` } };
    return { code: tamper ? tamper(text) : text };
  }
  const problems = result.problems.filter((problem) => problem.severity === "error");
  const warnings = result.problems.filter((problem) => problem.severity !== "error");
  if (problems.length > 0) return { failure: { category: "rewrite:error", message: problems.map((p) => p.text).join("\n") } };
  if (warnings.length > 0) return { failure: { category: "rewrite:warning", message: warnings.map((p) => p.text).join("\n") } };
  if (result.classes !== expected) return { failure: { category: "rewrite:classes", message: `rewrote ${result.classes} classes; the source has ${expected} @slots classes` } };
  const traces = rewrittenTraces(result.code);
  if (traces.length > 0) return { failure: { category: "contract:traces", message: `the rewritten source still contains ${traces.join(", ")}` } };
  const syntax = syntaxErrors(result.code);
  if (syntax.length > 0) return { failure: { category: "rewrite:syntax", message: `the rewritten source is not valid TypeScript:\n${syntax.join("\n")}` } };
  return { code: tamper ? tamper(result.code) : result.code, rewritten: result.code };
}

module.exports = { withTypeDeclarations, esbuildOptions, esbuildCompile, rewriteProgram, rewriterFor, slotsClassCount, rewritePath, removeProjects };
