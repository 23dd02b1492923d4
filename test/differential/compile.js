// Compiles generated programs in-process through ts-patch's live compiler (`ts-patch/compiler`: a patched
// `typescript` that applies `compilerOptions.plugins` on `program.emit()`), so the plugin-on build is the real
// `ts-slots/transformer` loaded by real ts-patch, as `tspc` does. Many programs per process: library files are parsed
// once and shared between programs.
//
// The plugin-off build is a normal build of the same source with the `@slots` decorators and their import removed
// (nothing else changed), so no run-time sealing happens either.
"use strict";
const { stripSlotsMarker } = require("../../bench/lib/strip.cjs");
const fs = require("fs");
const path = require("path");
const { makeProject, baseOptions, repoRoot } = require("../helpers/project");

const ts = require(require.resolve("ts-patch/compiler", { paths: [repoRoot] }));

/** Library: ES2022 without DOM (helpers.d.ts declares `console`); the other options as the shared test helper sets them. */
const libFiles = ["lib.es2022.d.ts"];

let project;
/** One temporary project (node_modules/ts-slots linked to the repository) whose tsconfig locates the plugin. */
function projectDir() {
  if (!project) {
    project = makeProject({ files: { "main.ts": "export {};\n" }, name: "differential" });
    process.once("exit", () => fs.rmSync(project, { recursive: true, force: true }));
  }
  return project;
}

const sourceCache = new Map();
const resolutionCache = new Map();
/** The recording helpers' declarations: the second root file of every compilation. */
const helpersDeclarations = path.join(__dirname, "helpers.d.ts");

function compilerOptionsFor(configuration, plugin) {
  const dir = projectDir();
  const json = {
    ...baseOptions,
    target: configuration.target,
    useDefineForClassFields: configuration.useDefineForClassFields,
    experimentalDecorators: configuration.experimentalDecorators,
  };
  delete json.lib;
  delete json.outDir;
  delete json.rootDir;
  const { options, errors } = ts.convertCompilerOptionsFromJson(json, dir);
  if (errors.length) throw new Error(ts.formatDiagnostics(errors, formatHost));
  options.lib = libFiles;
  options.noEmitOnError = false;
  options.configFilePath = path.join(dir, "tsconfig.json");
  options.plugins = plugin ? [{ transform: "ts-slots/transformer", ...(configuration.seal ? { seal: configuration.seal } : {}) }] : [];
  return options;
}

const formatHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => "\n",
};

function describeDiagnostic(diagnostic) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  let where = "";
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    where = `${path.basename(diagnostic.file.fileName)}:${line + 1}:${character + 1} `;
  }
  return `${where}TS${diagnostic.code}: ${message}`;
}

/**
 * Compiles one program text. Returns `{ diagnostics, inputDiagnostics, emitDiagnostics, js, crash }`: the
 * diagnostics of the input (syntactic, semantic, global, options: ts-patch applies the plugin during emit only, so
 * these are TypeScript's own verdict on the source), those reported during emit (where the plugin reports its
 * problems), the emitted JavaScript, and the error if the compiler or the plugin threw. `check: false` skips the
 * semantic check (syntactic and options diagnostics only); `emit: false` only checks (the text route's verdict on
 * its input).
 */
function compileText(text, configuration, { plugin, check = true, emit = true }) {
  const options = compilerOptionsFor(configuration, plugin);
  const fileName = path.join(projectDir(), "src", "main.ts");
  const host = ts.createCompilerHost(options, true);
  const originalGetSourceFile = host.getSourceFile;
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    if (name === fileName) return ts.createSourceFile(name, text, languageVersion, true);
    const version = typeof languageVersion === "object" ? `${languageVersion.languageVersion}/${languageVersion.impliedNodeFormat}` : languageVersion;
    const key = `${name}|${version}`;
    if (!sourceCache.has(key)) sourceCache.set(key, originalGetSourceFile.call(host, name, languageVersion, onError, shouldCreate));
    return sourceCache.get(key);
  };
  const originalFileExists = host.fileExists;
  const originalReadFile = host.readFile;
  host.fileExists = (name) => name === fileName || originalFileExists.call(host, name);
  host.readFile = (name) => (name === fileName ? text : originalReadFile.call(host, name));
  // Module resolution is the same for every program (only "ts-slots" is imported): resolve it once.
  host.resolveModuleNameLiterals = (literals, containingFile, _redirected, resolutionOptions) =>
    literals.map((literal) => {
      const key = `${literal.text}|${containingFile}`;
      if (!resolutionCache.has(key)) resolutionCache.set(key, ts.resolveModuleName(literal.text, containingFile, resolutionOptions, host));
      return resolutionCache.get(key);
    });
  const outputs = {};
  try {
    const program = ts.createProgram([fileName, helpersDeclarations], options, host);
    const input = check ? ts.getPreEmitDiagnostics(program) : [...program.getSyntacticDiagnostics(), ...program.getOptionsDiagnostics()];
    const result = emit ? program.emit(undefined, (name, data) => {
      outputs[name] = data;
    }) : { diagnostics: [] };
    const js = Object.entries(outputs).find(([name]) => name.endsWith("main.js"))?.[1];
    const inputDiagnostics = input.map(describeDiagnostic);
    const emitDiagnostics = result.diagnostics.map(describeDiagnostic);
    return { diagnostics: [...inputDiagnostics, ...emitDiagnostics], inputDiagnostics, emitDiagnostics, js };
  } catch (error) {
    return { diagnostics: [], js: undefined, crash: error && error.stack ? error.stack : String(error) };
  }
}

/** The source without `@slots` decorators and their `ts-slots` import (the bench's and the core tests' maker). */
function stripSlots(text) {
  return stripSlotsMarker(text).code;
}

/** The JavaScript without its comments: the build keeps the source's comments, which may well say `@slots`. */
function withoutComments(js) {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, js);
  let code = "";
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    // A `/` that starts a regular expression scans as a division here; a comment-like text inside one is rare enough.
    if (token !== ts.SyntaxKind.SingleLineCommentTrivia && token !== ts.SyntaxKind.MultiLineCommentTrivia) code += scanner.getTokenText();
  }
  return code;
}

/** Traces of `ts-slots` left in the plugin build's JavaScript (contract 5: decorator and import vanish). */
function slotsTraces(js) {
  const traces = [];
  const code = withoutComments(js);
  if (/require\(["']ts-slots["']\)|from ["']ts-slots["']/.test(code)) traces.push("an import of ts-slots");
  if (/\bts_slots_\d+\b/.test(code)) traces.push("a reference to the ts-slots module");
  if (/(?<![\w"'$-])slots(?![\w"'$])/.test(code)) traces.push("an identifier `slots`");
  return traces;
}

module.exports = { ts, compileText, stripSlots, slotsTraces, projectDir, libFiles };
