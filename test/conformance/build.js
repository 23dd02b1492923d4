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
/** Node 20 runs ES2022 fully (not native decorators, so not ESNext output of decorated code). */
const defaultTarget = "es2022";

/**
 * The compiler options of a case: its headers over TypeScript 6's defaults, with `target` ES2022 when the case does not
 * say, ES3/ES5 raised to ES2015 (TypeScript 6 deprecates them, and ts-slots rewrites classes, which ES5 output has
 * none of), and the module CommonJS unless the case names one (so the output runs under node). Returns
 * `{ options, notes, unknown }`.
 */
function caseOptions(raw) {
  const json = {};
  const notes = [];
  const unknown = [];
  for (const [name, value] of Object.entries(raw)) {
    if (harnessOnly.has(name)) continue;
    json[name] = value;
  }
  let target = (json.target || defaultTarget).toLowerCase();
  if (target === "es6") target = "es2015";
  if (targetOrder.indexOf(target) < targetOrder.indexOf("es2015")) {
    notes.push(`target ${target} raised to es2015`);
    target = "es2015";
  }
  json.target = target;
  if (!json.module) json.module = "commonjs";
  const typed = {};
  for (const [name, value] of Object.entries(json)) {
    if (name === "lib" || name === "types" || name === "rootdirs" || name === "typeroots") typed[name] = value.split(/\s*,\s*/);
    else if (value === "true" || value === "false") typed[name] = value === "true";
    else if (/^\d+$/.test(value)) typed[name] = Number(value);
    else typed[name] = value;
  }
  // Option names in the headers are lower-cased; the JSON reader wants TypeScript's spelling.
  const spelled = {};
  for (const [name, value] of Object.entries(typed)) spelled[spelling(name) || name] = value;
  if (typeof raw.lib === "string" && raw.lib) spelled.lib = raw.lib.split(/\s*,\s*/).map((l) => l.toLowerCase());
  spelled.ignoreDeprecations = "6.0";
  const { options, errors } = ts.convertCompilerOptionsFromJson(spelled, projectDir());
  for (const error of errors) unknown.push(ts.flattenDiagnosticMessageText(error.messageText, " "));
  options.ignoreDeprecations = "6.0";
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

let spellings;
function spelling(lower) {
  if (!spellings) {
    spellings = new Map();
    // The public list of compiler option names, read from a parsed tsconfig (no internals): every option TypeScript
    // knows appears in the help of `getDefaultCompilerOptions`' keys and in optionDeclarations; the former is public.
    const known = ["allowJs", "allowUnreachableCode", "allowUnusedLabels", "alwaysStrict", "checkJs", "declaration", "downlevelIteration", "emitDecoratorMetadata", "esModuleInterop", "exactOptionalPropertyTypes", "experimentalDecorators", "importHelpers", "isolatedModules", "jsx", "lib", "module", "moduleResolution", "noEmit", "noEmitHelpers", "noFallthroughCasesInSwitch", "noImplicitAny", "noImplicitOverride", "noImplicitReturns", "noImplicitThis", "noLib", "noPropertyAccessFromIndexSignature", "noUncheckedIndexedAccess", "noUnusedLocals", "noUnusedParameters", "preserveConstEnums", "removeComments", "strict", "strictBindCallApply", "strictBuiltinIteratorReturn", "strictFunctionTypes", "strictNullChecks", "strictPropertyInitialization", "target", "useDefineForClassFields", "useUnknownInCatchVariables", "verbatimModuleSyntax", "isolatedDeclarations", "allowSyntheticDefaultImports", "skipLibCheck", "types", "typeRoots", "baseUrl", "paths", "rootDir", "rootDirs", "outDir", "outFile", "declarationDir", "sourceMap", "inlineSourceMap", "jsxFactory", "jsxFragmentFactory", "jsxImportSource", "resolveJsonModule", "moduleDetection", "forceConsistentCasingInFileNames", "keyofStringsOnly", "suppressImplicitAnyIndexErrors", "noStrictGenericChecks", "stripInternal", "preserveValueImports", "importsNotUsedAsValues", "allowImportingTsExtensions", "rewriteRelativeImportExtensions", "erasableSyntaxOnly", "noCheck", "libReplacement", "noUncheckedSideEffectImports", "allowArbitraryExtensions", "customConditions", "resolvePackageJsonExports", "resolvePackageJsonImports", "emitDeclarationOnly", "declarationMap", "composite", "incremental", "newLine", "charset", "ignoreDeprecations", "maxNodeModuleJsDepth", "allowUmdGlobalAccess", "preserveSymlinks", "useCaseSensitiveFileNames", "emitBOM", "inlineSources", "noResolve", "disableSizeLimit", "noErrorTruncation", "reactNamespace", "sourceRoot", "mapRoot", "pretty", "listFiles", "traceResolution"];
    for (const name of known) spellings.set(name.toLowerCase(), name);
  }
  return spellings.get(lower);
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
    return { diagnostics, emitDiagnostics, outputs };
  } catch (error) {
    return { diagnostics: [], emitDiagnostics: [], outputs, crash: error && error.stack ? error.stack : String(error) };
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
