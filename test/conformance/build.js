// Builds one conformance case in-process: TypeScript's verdict on a set of units (check), the ts-patch route (ts-patch's
// patched compiler with `ts-slots/transformer` in `compilerOptions.plugins`, as `tspc` runs it), and the source rewrite
// (`ts-slots/rewrite`, dist/transformer/emit-text) followed by TypeScript's transpileModule. Owns the compiler options
// of a case and the in-memory compiler host; lib files are parsed once per process and shared between programs.
"use strict";
const fs = require("fs");
const path = require("path");
const { harnessOnly } = require("./cases");
const { makeProject, repoRoot } = require("../helpers/project");

const ts = require(require.resolve("ts-patch/compiler", { paths: [repoRoot] }));
const rewritePath = path.join(repoRoot, "dist/transformer/emit-text/index.js");

let project;
/** One temporary project whose node_modules/ts-slots links to this repository (so "ts-slots" resolves, and the plugin loads). */
function projectDir() {
  if (!project) {
    project = makeProject({ files: { "placeholder.ts": "export {};\n" }, name: "conformance" });
    process.once("exit", () => fs.rmSync(project, { recursive: true, force: true }));
  }
  return project;
}

const targetOrder = ["es3", "es5", "es6", "es2015", "es2016", "es2017", "es2018", "es2019", "es2020", "es2021", "es2022", "es2023", "es2024", "es2025", "esnext"];
/** Node 20 runs ES2022 fully (not native decorators nor `accessor`, so not ESNext output). */
const defaultTarget = "es2022";

/**
 * The compiler options of a case: its headers over TypeScript 6's defaults, with `target` ES2022 when the case does not
 * say or asks for a newer one, ES3/ES5 raised to ES2015 (TypeScript 6 deprecates them, and ts-slots rewrites classes, which ES5 output has
 * none of), and the module CommonJS unless the case names one (so the output runs under node). Returns
 * `{ options, notes, unknown }`.
 */
function caseOptions(raw) {
  const json = {};
  const notes = [];
  const unknown = [];
  for (const [name, value] of Object.entries(raw)) {
    if (harnessOnly.has(name) || value === "*" || value === "") continue;
    json[name] = value;
  }
  let target = (json.target || defaultTarget).toLowerCase();
  if (target === "es6") target = "es2015";
  if (targetOrder.indexOf(target) < targetOrder.indexOf("es2015")) {
    notes.push(`target ${target} raised to es2015`);
    target = "es2015";
  }
  // Node 20 runs ES2022 but not `accessor` or native decorators: newer targets are lowered to ES2022 for all builds.
  if (targetOrder.indexOf(target) > targetOrder.indexOf("es2022")) {
    notes.push(`target ${target} lowered to es2022`);
    target = "es2022";
  }
  json.target = target;
  if (!json.module) json.module = "commonjs";
  // Each header through TypeScript's command-line reader (public, and case-insensitive as the harness is): it gives
  // the option's spelling and typed value, or says the option is unknown or its value wrong.
  const spelled = {};
  for (const [name, value] of Object.entries(json)) {
    const parsed = ts.parseCommandLine([`--${name}`, value]);
    const key = Object.keys(parsed.options)[0];
    if (parsed.errors.length > 0 || !key) {
      unknown.push(parsed.errors.length ? ts.flattenDiagnosticMessageText(parsed.errors[0].messageText, " ") : `--${name} ${value}`);
      continue;
    }
    spelled[key] = value === "true" ? true : value === "false" ? false : /^\d+$/.test(value) ? Number(value) : /^(lib|types|rootDirs|typeRoots)$/.test(key) ? value.split(/\s*,\s*/) : value;
  }
  spelled.ignoreDeprecations = "6.0";
  const { options, errors } = ts.convertCompilerOptionsFromJson(spelled, projectDir());
  for (const error of errors) unknown.push(ts.flattenDiagnosticMessageText(error.messageText, " "));
  options.noEmitOnError = false;
  options.noEmit = false;
  options.emitDeclarationOnly = false;
  options.declaration = false;
  options.declarationMap = false;
  options.composite = false;
  options.incremental = false;
  options.sourceMap = false;
  options.inlineSourceMap = false;
  options.outFile = undefined;
  options.out = undefined;
  options.outDir = outDir();
  options.rootDir = caseRoot();
  options.types = options.types || [];
  options.skipLibCheck = true;
  return { options, json: spelled, notes, unknown };
}

const sourceCache = new Map();
const caseRoot = () => path.join(projectDir(), "src", "case");
const outDir = () => path.join(projectDir(), "out");

/** Where a unit lives in the temporary project (every case gets the same directory, one program at a time). */
function unitPath(name) {
  return path.join(caseRoot(), name);
}

function describeDiagnostic(diagnostic) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
  let where = "";
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    where = `${path.relative(caseRoot(), diagnostic.file.fileName)}:${line + 1}:${character + 1} `;
  }
  return { code: diagnostic.code, category: diagnostic.category, text: `${where}TS${diagnostic.code}: ${message}`, key: `${diagnostic.code}|${diagnostic.file ? path.relative(caseRoot(), diagnostic.file.fileName) : ""}|${message}` };
}

/**
 * One program over the units (`{ name, text }`): returns `{ diagnostics, emitDiagnostics, outputs, crash }` with the
 * pre-emit diagnostics (TypeScript's verdict on the input), those reported during emit (where the plugin reports), and
 * the emitted JavaScript by unit name. `plugin` adds `ts-slots/transformer` to `compilerOptions.plugins`.
 */
function buildProgram(units, baseOptions, { plugin = false, emit = true } = {}) {
  const options = { ...baseOptions };
  options.configFilePath = path.join(projectDir(), "tsconfig.json");
  options.plugins = plugin ? [{ transform: "ts-slots/transformer" }] : [];
  const files = new Map(units.map((unit) => [unitPath(unit.name), unit.text]));
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    if (files.has(name)) return ts.createSourceFile(name, files.get(name), languageVersion, true);
    if (name.startsWith(caseRoot())) return undefined;
    const version = typeof languageVersion === "object" ? `${languageVersion.languageVersion}/${languageVersion.impliedNodeFormat}` : languageVersion;
    const key = `${name}|${version}`;
    if (!sourceCache.has(key)) sourceCache.set(key, getSourceFile.call(host, name, languageVersion, onError, shouldCreate));
    return sourceCache.get(key);
  };
  const fileExists = host.fileExists;
  const readFile = host.readFile;
  const directoryExists = host.directoryExists;
  host.fileExists = (name) => files.has(name) || (!name.startsWith(caseRoot()) && fileExists.call(host, name));
  host.readFile = (name) => (files.has(name) ? files.get(name) : name.startsWith(caseRoot()) ? undefined : readFile.call(host, name));
  host.directoryExists = (name) => name === caseRoot() || [...files.keys()].some((file) => file.startsWith(`${name}${path.sep}`)) || (!name.startsWith(caseRoot()) && (!directoryExists || directoryExists.call(host, name)));
  const outputs = {};
  // The plugin prints its warnings through ts.sys.write (a diagnostic would fail tsc): collect them instead.
  const printed = [];
  const write = ts.sys.write;
  if (plugin) ts.sys.write = (text) => printed.push(text);
  try {
    const roots = units.filter((unit) => /\.([cm]?tsx?|[cm]?jsx?)$/i.test(unit.name)).map((unit) => unitPath(unit.name));
    const program = ts.createProgram(roots, options, host);
    const diagnostics = ts.getPreEmitDiagnostics(program).map(describeDiagnostic);
    let emitDiagnostics = [];
    if (emit) {
      const result = program.emit(undefined, (name, data) => {
        if (/\.[cm]?js$/.test(name)) outputs[path.relative(outDir(), name)] = data;
      });
      emitDiagnostics = result.diagnostics.map(describeDiagnostic);
    }
    return { diagnostics, emitDiagnostics, outputs, warnings: printed.join("").split("\n").filter(Boolean) };
  } catch (error) {
    return { diagnostics: [], emitDiagnostics: [], outputs, warnings: printed, crash: error && error.stack ? error.stack : String(error) };
  } finally {
    ts.sys.write = write;
  }
}

/**
 * The text route over the units: each decorated unit rewritten by `ts-slots/rewrite`, then compiled by TypeScript's
 * transpileModule under the case's options (one file at a time, as esbuild would). Returns
 * `{ problems, outputs, syntax, crash }`.
 */
function buildTextRoute(units, options, json) {
  const { createSourceRewriter } = require(rewritePath);
  // The rewrite reads the case's options from a tsconfig above the file, as in a user's project.
  const textRoot = path.join(projectDir(), "text");
  fs.mkdirSync(textRoot, { recursive: true });
  const compilerOptions = { ...json };
  for (const key of ["outDir", "rootDir", "outFile", "out", "noEmit", "declaration", "composite", "incremental"]) delete compilerOptions[key];
  fs.writeFileSync(path.join(textRoot, "tsconfig.json"), JSON.stringify({ compilerOptions: { ...compilerOptions, types: [], skipLibCheck: true } }));
  const rewrite = createSourceRewriter({}, { cwd: textRoot });
  const outputs = {};
  const problems = [];
  const syntax = [];
  for (const unit of units) {
    if (!/\.([cm]?tsx?)$/i.test(unit.name) || /\.d\.[cm]?ts$/i.test(unit.name)) continue;
    let code = unit.text;
    try {
      const result = rewrite.rewrite(unit.text, path.join(textRoot, "src", unit.name));
      if (result) {
        code = result.code;
        problems.push(...result.problems.map((p) => ({ code: p.code, severity: p.severity, text: p.text })));
      }
    } catch (error) {
      return { problems, outputs, syntax, crash: `rewrite() threw: ${error && error.stack ? error.stack : error}` };
    }
    try {
      const { outDir: _o, rootDir: _r, ...transpileOptions } = options;
      const out = ts.transpileModule(code, { compilerOptions: { ...transpileOptions, plugins: [] }, fileName: unit.name, reportDiagnostics: true });
      for (const d of out.diagnostics || []) syntax.push(`${unit.name}: TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
      outputs[unit.name.replace(/\.([cm]?)tsx?$/i, ".$1js")] = out.outputText;
    } catch (error) {
      return { problems, outputs, syntax, crash: `transpileModule threw: ${error && error.stack ? error.stack : error}` };
    }
  }
  return { problems, outputs, syntax };
}

module.exports = { ts, caseOptions, buildProgram, buildTextRoute, projectDir };
