// @ts-check
// The compile-time checks through the real build: every fixture in fixtures/diagnostics compiled by ts-patch's tspc
// with the plugin, its ts-slots diagnostics (code, category, file, line, column, message) compared with the markers
// in its sources, the exit status checked (errors fail the build, warnings do not), and no diagnostic on correct
// code. Also: the checks without a type checker, transpile-only builds, crash safety, and that every flagged line
// really fails at run time. Needs `npm run build` first.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const ts = require("typescript");
const { makeProject, compile, runNode, repoRoot } = require("./helpers/project");
const { fixtureNames, loadFixture, positionKey } = require("../fixtures/diagnostics/expectations");
const { ProblemCode, diagnosticCodeBase } = require("../dist/transformer/core/diagnostics");
const { checkFile } = require("../dist/transformer/core/checks");

/** One line of `tsc --pretty false` output: `src/a.ts(3,5): error TS991001: message` or a global `error TS...`. */
const linePattern = /^(?:(.+?)\((\d+),(\d+)\): )?(error|warning|message|suggestion) TS(\d+): (.*)$/;

function parseOutput(output) {
  return output.split(/\r?\n/).flatMap((line) => {
    const match = linePattern.exec(line);
    if (!match) return [];
    const number = Number(match[5]);
    const isSlots = number >= diagnosticCodeBase;
    return [
      {
        file: match[1],
        line: match[2] === undefined ? undefined : Number(match[2]),
        column: match[3] === undefined ? undefined : Number(match[3]),
        category: match[4],
        code: isSlots ? `TSS${number - diagnosticCodeBase}` : `TS${number}`,
        isSlots,
        message: match[6],
      },
    ];
  });
}

const shape = ({ file, line, column, code, category }) => ({ file, line, column, code, category });
const isConfigFile = (file) => /(^|[\\/])tsconfig[^\\/]*\.json$/.test(file);

/** Where `text` first occurs in a file of the project, as tsc prints positions (1-based line and column). */
function positionOfText(dir, file, text) {
  const source = fs.readFileSync(path.join(dir, file), "utf8");
  const offset = source.indexOf(text);
  expect({ file, text, found: offset >= 0 }).toEqual({ file, text, found: true });
  const before = source.slice(0, offset).split("\n");
  return { file, line: before.length, column: before[before.length - 1].length + 1 };
}
const byPosition = (a, b) => positionKey(a).localeCompare(positionKey(b));

const fixtures = fixtureNames().map(loadFixture);
const builds = new Map();

function buildOf(fixture) {
  if (!builds.has(fixture.name)) {
    const dir = makeProject({ files: fixture.files, compilerOptions: fixture.compilerOptions, plugin: fixture.plugin, name: fixture.name });
    const result = compile(dir, "tspc");
    builds.set(fixture.name, { dir, ...result, diagnostics: parseOutput(result.output) });
  }
  return builds.get(fixture.name);
}

describe.each(fixtures.map((fixture) => [fixture.name, fixture]))("fixture %s", (_name, fixture) => {
  let build;
  beforeAll(() => {
    build = buildOf(fixture);
  });

  test("reports exactly the expected ts-slots diagnostics, at their file, line and column", () => {
    const positioned = build.diagnostics.filter((diagnostic) => diagnostic.isSlots && diagnostic.file !== undefined && !isConfigFile(diagnostic.file));
    expect(positioned.map(shape).sort(byPosition)).toEqual(fixture.expected.map(shape).sort(byPosition));
  });

  test("each message carries its code and says what to do", () => {
    for (const expected of fixture.expected) {
      const actual = build.diagnostics.find((diagnostic) => positionKey(diagnostic) === positionKey(expected) && diagnostic.isSlots);
      expect(actual?.message).toMatch(new RegExp(`^ts-slots ${expected.code}: `));
      if (expected.text !== undefined) expect(actual?.message).toContain(expected.text);
    }
  });

  test("reports the expected diagnostics of the configuration (plugin options) at the option in tsconfig.json", () => {
    const global = build.diagnostics.filter((diagnostic) => diagnostic.isSlots && (diagnostic.file === undefined || isConfigFile(diagnostic.file)));
    const expected = fixture.global.map((entry) => ({ ...positionOfText(build.dir, entry.file, entry.at), code: entry.code, category: entry.category }));
    expect(global.map(shape)).toEqual(expected);
    fixture.global.forEach((entry, index) => expect(global[index].message).toContain(entry.text));
  });

  test("errors fail the build, warnings alone do not", () => {
    const hasError = [...fixture.expected, ...fixture.global].some((expected) => expected.category === "error") || fixture.allowTsErrors;
    if (hasError) expect(build.status).not.toBe(0);
    else expect(build.status).toBe(0);
  });

  test("TypeScript itself has nothing to say, unless the fixture says so", () => {
    const own = build.diagnostics.filter((diagnostic) => !diagnostic.isSlots);
    if (fixture.allowTsErrors) expect(own.length).toBeGreaterThan(0);
    else expect(own).toEqual([]);
  });

  test("the output is emitted for every source", () => {
    for (const file of Object.keys(fixture.files).filter((name) => !name.endsWith(".d.ts"))) {
      expect(fs.existsSync(path.join(build.dir, "out", file.replace(/\.ts$/, ".js")))).toBe(true);
    }
  });
});

describe("correct code", () => {
  test("the clean fixture compiles with no diagnostic at all and runs without a TypeError", () => {
    const build = buildOf(loadFixture("clean"));
    expect({ status: build.status, output: build.output }).toEqual({ status: 0, output: "" });
    const run = runNode(path.join(build.dir, "out", "main.js"), { natives: false });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual(["bob#1", "root#1", "1", "1", "3"]);
  });
});

describe("every diagnostic has a place", () => {
  test("no ts-slots diagnostic of any fixture build is global: each names a file, line and column", () => {
    const global = fixtures.flatMap((fixture) =>
      buildOf(fixture)
        .diagnostics.filter((diagnostic) => diagnostic.isSlots && (diagnostic.file === undefined || diagnostic.line === undefined || diagnostic.column === undefined))
        .map((diagnostic) => ({ fixture: fixture.name, ...diagnostic })),
    );
    expect(global).toEqual([]);
  });
});

describe("coverage of the codes", () => {
  test("every ProblemCode has a fixture, or a test of its own (below, or in the file named)", () => {
    const inFixtures = new Set(fixtures.flatMap((fixture) => [...fixture.expected, ...fixture.global].map((expected) => expected.code)));
    const testedBelow = new Set([
      `TSS${ProblemCode.UnsupportedTypeScript}`,
      `TSS${ProblemCode.InternalError}`,
      `TSS${ProblemCode.UnresolvedSlotType}`,
      `TSS${ProblemCode.PackageRootEntry}`,
      // Review problems are not build diagnostics: test/audit-agreement.test.js ("escapes") asserts them.
      `TSS${ProblemCode.EscapeToAny}`,
      // They need experimentalDecorators / assign semantics: test/cli.test.js runs `ts-slots check` on fixtures/cli/hazards-legacy.
      `TSS${ProblemCode.DecoratedStaticThis}`,
      `TSS${ProblemCode.BaseConstructorWrite}`,
      // Only a project without a TypeScript 5/6 API can show it: test/package-build.test.js, beside typescript@7.
      `TSS${ProblemCode.TypeScriptApiMissing}`,
      // The plan's own problem (not a check, so not in the editor): test/core.test.js (tspc) and test/text-rewrite.test.js.
      `TSS${ProblemCode.SlotCodePlacement}`,
    ]);
    const missing = Object.values(ProblemCode)
      .map((code) => `TSS${code}`)
      .filter((code) => !inFixtures.has(code) && !testedBelow.has(code));
    expect(missing).toEqual([]);
  });

  // A full program resolves every type, so no fixture above can show TSS1012: it belongs to the routes that see one
  // file at a time (the source rewrite's default mode, transpile-only builds).
  test("TSS1012: a slot whose type is imported gets `undefined` and one warning at its annotation; a program resolves it", () => {
    const { createSourceRewriter } = require("../dist/transformer/emit-text");
    const dir = makeProject({
      files: {
        "units.ts": "export type Meters = number;\n",
        "track.ts": 'import { slots } from "ts-slots";\nimport type { Meters } from "./units";\n\n@slots\nexport class Track {\n  length!: Meters;\n  laps = 0;\n}\n',
      },
      name: "tss1012",
    });
    const file = path.join(dir, "src/track.ts");
    const code = fs.readFileSync(file, "utf8");
    const alone = createSourceRewriter({}, { cwd: dir }).rewrite(code, file);
    expect(alone.problems.map(({ label, severity, line, column }) => ({ label, severity, line, column }))).toEqual([
      { label: "TSS1012", severity: "warning", line: 6, column: 12 },
    ]);
    expect(alone.code).toContain("length: Meters = void 0;");
    const typed = createSourceRewriter({ types: "program" }, { cwd: dir }).rewrite(code, file);
    expect(typed.problems).toEqual([]);
    expect(typed.code).toContain("length: Meters = 0;");
  });

  test("TSS1012 tells the truth: none for a field with an initialiser or a parameter property, one per build in one-file mode", () => {
    const { createSourceRewriter } = require("../dist/transformer/emit-text");
    const dir = makeProject({
      files: {
        "units.ts": "export type Meters = number;\nexport enum Color { Red, Green }\n",
        "paint.ts": [
          'import { slots } from "ts-slots";',
          'import { Color, type Meters } from "./units";',
          "@slots",
          "export class Paint {",
          "  e: Color = Color.Red;",
          "  length!: Meters;",
          "  constructor(public width: Meters) {}",
          "}",
          "",
        ].join("\n"),
        "track.ts": 'import { slots } from "ts-slots";\nimport type { Meters } from "./units";\n@slots\nexport class Track {\n  lap!: Meters;\n}\n',
      },
      name: "tss1012-truth",
    });
    const rewriter = createSourceRewriter({}, { cwd: dir });
    const rewrite = (name) => {
      const file = path.join(dir, "src", name);
      return rewriter.rewrite(fs.readFileSync(file, "utf8"), file);
    };
    const paint = rewrite("paint.ts");
    // Only `length` starts with a placeholder: `e` starts with Color.Red, `width` with its argument.
    expect(paint.problems.map(({ label, line, column }) => ({ label, line, column }))).toEqual([{ label: "TSS1012", line: 6, column: 12 }]);
    expect(paint.problems[0].message).toContain('are not listed one by one: types: "program" resolves them all');
    expect(paint.code).toContain("e: Color = Color.Red;");
    // The same build's next file with the same kind of field: no second warning, the placeholder still undefined.
    const track = rewrite("track.ts");
    expect(track.problems).toEqual([]);
    expect(track.code).toContain("lap: Meters = void 0;");
    // A program resolves the imported alias and the enum: zeros, and nothing to warn about.
    const typed = createSourceRewriter({ types: "program" }, { cwd: dir });
    const typedPaint = typed.rewrite(fs.readFileSync(path.join(dir, "src/paint.ts"), "utf8"), path.join(dir, "src/paint.ts"));
    expect(typedPaint.problems).toEqual([]);
    expect(typedPaint.code).toContain("length: Meters = 0;");
  });

  test("TSS9003: a TypeScript outside the supported range is reported, not crashed on", () => {
    const { supportProblem } = require("../dist/transformer/core/support");
    expect(supportProblem("7.0.0")).toMatchObject({ code: ProblemCode.UnsupportedTypeScript, severity: "error" });
    expect(supportProblem(ts.version)).toBeUndefined();
  });

  test("TSS9003 is placed at the `transform` of the ts-slots entry in the tsconfig that writes it", () => {
    const { supportProblem } = require("../dist/transformer/core/support");
    const { locateOptionProblems } = require("../dist/transformer/host/optionPositions");
    const { toReport } = require("../dist/transformer/core/diagnostics");
    const dir = makeProject({ files: { "main.ts": "export {};\n" }, plugin: { seal: "never" }, name: "tss9003-position" });
    const parsed = ts.getParsedCommandLineOfConfigFile(path.join(dir, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    const transformerModule = path.join(repoRoot, "dist/transformer/emit-ast/index.js");
    const [placed] = locateOptionProblems([supportProblem("7.0.0")], parsed.options, transformerModule, ts).map((problem) => toReport(problem, ts, dir));
    const at = positionOfText(dir, "tsconfig.json", '"ts-slots/transformer"');
    expect(placed).toMatchObject({ label: "TSS9003", line: at.line, column: at.column, length: '"ts-slots/transformer"'.length });
    expect(path.relative(dir, placed.fileName)).toBe("tsconfig.json");
    // A program built by API has no tsconfig: the problem stays global.
    expect(locateOptionProblems([supportProblem("7.0.0")], {}, transformerModule, ts)[0].location).toBeUndefined();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("TSS9005: no TypeScript compiler API for the source rewrite", () => {
  // The registry's typescript@7 (test/package-build.test.js) is not needed to see the count: a preload makes
  // `typescript` and `@ts-slots/cli` unresolvable, as in a project that has neither, and a real esbuild build runs.
  test("an esbuild build of two @slots files reports it once, not once per file", () => {
    const files = {
      "a.ts": 'import { slots } from "ts-slots";\n@slots\nexport class A {\n  x = 0;\n}\n',
      "b.ts": 'import { slots } from "ts-slots";\n@slots\nexport class B {\n  y = 0;\n}\n',
      "main.ts": 'import { A } from "./a";\nimport { B } from "./b";\nconsole.log(new A(), new B());\n',
    };
    const dir = makeProject({ files, plugin: false, name: "tss9005-once" });
    fs.writeFileSync(
      path.join(dir, "no-typescript.cjs"),
      [
        'const Module = require("module");',
        "const resolve = Module._resolveFilename;",
        "Module._resolveFilename = function (request, ...rest) {",
        '  if (request === "typescript" || request.startsWith("@ts-slots/cli")) throw Object.assign(new Error(`Cannot find module \'${request}\'`), { code: "MODULE_NOT_FOUND" });',
        "  return resolve.call(this, request, ...rest);",
        "};",
      ].join("\n"),
    );
    const esbuildMain = require.resolve("esbuild", { paths: [repoRoot] });
    fs.writeFileSync(
      path.join(dir, "build.cjs"),
      `const esbuild = require(${JSON.stringify(esbuildMain)});
const slots = require("ts-slots/esbuild");
esbuild
  .build({ entryPoints: ["src/main.ts"], bundle: true, write: false, logLevel: "silent", platform: "node", external: ["ts-slots"], plugins: [slots()] })
  .then(() => console.log("[]"), (failure) => console.log(JSON.stringify(failure.errors.map((error) => error.text))));
`,
    );
    const result = spawnSync(process.execPath, ["--require", "./no-typescript.cjs", "build.cjs"], { cwd: dir, encoding: "utf8" });
    const errors = JSON.parse(result.stdout);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^ts-slots TSS9005: the ts-slots source rewrite .* this project has no `typescript` package\. Install TypeScript 6's API with: npm install --save-dev @ts-slots\/cli \(see ts-slots docs\/diagnostics\.md#tss9005\)$/);
  });
});

describe("TSS9004: the package root named as the transformer, { \"transform\": \"ts-slots\" }", () => {
  const source = 'import { slots } from "ts-slots";\n@slots\nexport class Point {\n  x = 0;\n}\nconsole.log(JSON.stringify(Object.isSealed(new Point())));\n';
  const message =
    'error TS999004: ts-slots TSS9004: "ts-slots" in compilerOptions.plugins names the package\'s run-time decorator, not its transformer: ' +
    'write { "transform": "ts-slots/transformer" }. Nothing was rewritten in this build; @slots classes are only sealed at run time. (see ts-slots docs/diagnostics.md#tss9004)';

  test("tspc prints one error at the entry in tsconfig.json naming the fix (not ts-patch's crash), and still emits", () => {
    const dir = makeProject({ files: { "main.ts": source }, plugin: { transform: "ts-slots" }, name: "package-root" });
    const build = compile(dir, "tspc");
    const at = positionOfText(dir, "tsconfig.json", '"ts-slots"');
    expect(build.output.trim()).toBe(`tsconfig.json(${at.line},${at.column}): ${message}`);
    expect(build.status).toBe(2);
    // The files are emitted as written: the runtime decorator seals.
    const emitted = fs.readFileSync(path.join(dir, "out/main.js"), "utf8");
    expect(emitted).toMatch(/require\("ts-slots"\)/);
    const run = runNode(path.join(dir, "out/main.js"), { natives: false });
    expect({ stdout: run.stdout.trim(), stderr: run.stderr }).toEqual({ stdout: "true", stderr: "" });
  });

  test("written in an extended tsconfig: the error points into that file", () => {
    const dir = makeProject({ files: { "main.ts": source }, plugin: false, name: "package-root-extends" });
    fs.writeFileSync(path.join(dir, "tsconfig.base.json"), '{\n  // shared\n  "compilerOptions": { "plugins": [{ "transform": "ts-slots" }] }\n}\n');
    const tsconfig = JSON.parse(fs.readFileSync(path.join(dir, "tsconfig.json"), "utf8"));
    delete tsconfig.compilerOptions.plugins;
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ extends: "./tsconfig.base.json", ...tsconfig }, null, 2));
    const build = compile(dir, "tspc");
    const at = positionOfText(dir, "tsconfig.base.json", '"ts-slots"');
    expect(at.line).toBe(3);
    expect(build.output.trim()).toBe(`tsconfig.base.json(${at.line},${at.column}): ${message}`);
  });

  test("the default export is only for ts-patch: called as a decorator it says which import to write", () => {
    const runtime = require("../dist/runtime");
    expect(() => runtime.default(class {})).toThrow(new TypeError('ts-slots has no default export: write import { slots } from "ts-slots"'));
    expect(typeof runtime.slots).toBe("function");
  });
});

/** A checker whose every method throws: stands for a bug in a check. */
const throwingChecker = /** @type {import("typescript").TypeChecker} */ (new Proxy(
  {},
  {
    get: () => () => {
      throw new Error("checker exploded");
    },
  },
));

describe("TSS9099: a check that throws never takes the build down", () => {
  const source = [
    'import { slots } from "ts-slots";',
    "export class Plain { a?: number; }",
    "export function clear(plain: Plain): number { delete plain.a; return 1; }",
  ].join("\n");

  test("checkFile reports the failing families as an internal warning and returns", () => {
    const file = ts.createSourceFile("a.ts", source, ts.ScriptTarget.Latest, true);
    const problems = checkFile(file, throwingChecker, ts);
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatchObject({ code: ProblemCode.InternalError, severity: "warning" });
    expect(problems[0].message).toContain("checker exploded");
  });

  test("the transformer still emits the file and prints the warning instead of failing", () => {
    const slotsTransformer = require("../dist/transformer/emit-ast").default;
    const written = [];
    const tsApi = Object.create(ts, { sys: { value: { ...ts.sys, write: (text) => written.push(text) } } });
    const added = [];
    // A stand-in with the three methods the transformer calls.
    const program = /** @type {import("typescript").Program} */ (/** @type {unknown} */ ({
      getTypeChecker: () => throwingChecker,
      getCompilerOptions: () => ({ target: ts.ScriptTarget.ES2022 }),
      getCurrentDirectory: () => "/",
    }));
    const factory = slotsTransformer(program, {}, { ts: tsApi, addDiagnostic: (diagnostic) => added.push(diagnostic) });
    const file = ts.createSourceFile("/a.ts", source, ts.ScriptTarget.Latest, true);
    const result = ts.transform(file, [factory]);
    const output = ts.createPrinter().printFile(result.transformed[0]);
    expect(output).toContain("delete plain.a");
    expect(added).toEqual([]);
    expect(written.join("")).toMatch(/^a\.ts\(1,1\): warning TS999099: ts-slots TSS9099: the .* check failed/m);
  });
});

describe("TSS1007 and declaration files compiled from @slots classes (project references)", () => {
  /** A referenced project `core` built first (its .d.ts in core/dist), and the main project extending its class. */
  function referencedBuild(coreClass, more = "") {
    const dir = makeProject({
      files: {
        "main.ts": [
          'import { slots } from "ts-slots";',
          'import { Vec } from "../core/dist/vec";',
          "@slots",
          "export class Particle extends Vec {",
          "  mass = 0;",
          "}",
          more,
        ].join("\n"),
      },
      name: "references",
    });
    fs.mkdirSync(path.join(dir, "core/src"), { recursive: true });
    fs.writeFileSync(path.join(dir, "core/src/vec.ts"), `import { slots } from "ts-slots";\n${coreClass}\n`);
    const tsconfig = JSON.parse(fs.readFileSync(path.join(dir, "tsconfig.json"), "utf8"));
    const coreOptions = { ...tsconfig.compilerOptions, rootDir: "src", outDir: "dist", declaration: true, composite: true };
    fs.writeFileSync(path.join(dir, "core/tsconfig.json"), JSON.stringify({ compilerOptions: coreOptions, include: ["src"] }));
    const core = compile(path.join(dir, "core"), "tspc");
    expect(core).toEqual({ status: 0, output: "" });
    return compile(dir, "tspc");
  }

  test("a @slots base class seen through the .d.ts its project emitted draws no warning", () => {
    const build = referencedBuild("@slots\nexport class Vec {\n  x = 0;\n  y = 0;\n}");
    expect(build).toEqual({ status: 0, output: "" });
  });

  test("instances of that class are checked like those of a @slots class of the same program", () => {
    const build = referencedBuild("@slots\nexport class Vec {\n  x = 0;\n}", "export function tag(vec: Vec): void {\n  (vec as any).tag = 1;\n}\n");
    expect(build.status).toBe(2);
    expect(parseOutput(build.output).map(shape)).toEqual([{ file: "src/main.ts", line: 8, column: 3, code: "TSS1006", category: "error" }]);
  });

  test("a plain base class from the same kind of .d.ts still does", () => {
    const build = referencedBuild("void slots;\nexport class Vec {\n  x = 0;\n}");
    expect(build.status).toBe(0);
    expect(parseOutput(build.output).map(shape)).toEqual([{ file: "src/main.ts", line: 4, column: 31, code: "TSS1007", category: "warning" }]);
  });
});

describe("TSS1007 on a class of an installed library", () => {
  test("the message names the package the declaration file belongs to", () => {
    const dir = makeProject({
      files: { "main.ts": 'import { slots } from "ts-slots";\nimport { Widget } from "@acme/widgets";\n@slots\nexport class Button extends Widget {\n  pressed = false;\n}\n' },
      name: "library-base",
    });
    const library = path.join(dir, "node_modules/@acme/widgets");
    fs.mkdirSync(library, { recursive: true });
    fs.writeFileSync(path.join(library, "package.json"), JSON.stringify({ name: "@acme/widgets", version: "1.0.0", types: "index.d.ts" }));
    fs.writeFileSync(path.join(library, "index.d.ts"), "export declare class Widget {\n  id: number;\n}\n");
    const build = compile(dir, "tspc");
    expect(build.status).toBe(0);
    expect(parseOutput(build.output).map(shape)).toEqual([{ file: "src/main.ts", line: 4, column: 29, code: "TSS1007", category: "warning" }]);
    expect(build.output).toContain("its base class Widget comes from a declaration file (index.d.ts of the package @acme/widgets)");
  });
});

describe("how tspc treats a warning", () => {
  test("any diagnostic added during emit, warnings included, makes tspc exit 2; so ts-slots prints its warnings", () => {
    const plugin = [
      "module.exports = (program, config, extras) => () => (file) => {",
      "  extras.addDiagnostic({ category: extras.ts.DiagnosticCategory.Warning, code: 991007, messageText: 'a warning', file, start: 0, length: 1 });",
      "  return file;",
      "};",
    ].join("\n");
    const dir = makeProject({ files: { "a.ts": "export const a = 1;\n" }, plugin: { transform: "./warn-plugin.js" }, name: "warn-plugin" });
    fs.writeFileSync(path.join(dir, "warn-plugin.js"), plugin);
    const result = compile(dir, "tspc");
    expect(result.output).toContain("src/a.ts(1,1): warning TS991007: a warning");
    expect(result.status).toBe(2);
  });
});

describe("without a type checker", () => {
  /** What the syntax-only pass finds in each fixture, as positioned diagnostics. */
  const syntaxOnly = (fixture) =>
    Object.entries(fixture.files).flatMap(([name, text]) => {
      const file = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
      return checkFile(file, undefined, ts).map((problem) => {
        const { line, character } = file.getLineAndCharacterOfPosition(problem.node ? problem.node.getStart(file) : problem.location.start);
        return { file: `src/${name}`, line: line + 1, column: character + 1, code: `TSS${problem.code}`, category: problem.severity };
      });
    });

  test.each(fixtures.map((fixture) => [fixture.name, fixture]))("%s: finds a subset of what the typed build finds, never more", (_name, fixture) => {
    const expected = new Set(fixture.expected.map(positionKey));
    for (const found of syntaxOnly(fixture)) expect({ found, expected: expected.has(positionKey(found)) }).toEqual({ found, expected: true });
  });

  /** A file whose every ts-slots problem is decidable from syntax: `this` inside @slots classes, literal keys. */
  const syntacticSample = [
    'import { slots } from "ts-slots";',
    'import * as tsSlots from "ts-slots";',
    "@slots class A {",
    "  [key: string]: unknown;",
    "  declare late: number;",
    "  x?: number;",
    "  m(): void {}",
    "  f(k: string): void {",
    "    delete this.x;",
    '    this["y"] = 1;',
    "    (this as any).z = 1;",
    "    Object.assign(this, { x: 1, w: 2 });",
    "    this.m = () => {};",
    "    (this as any)[k] = 1;",
    "    delete (this as any)[k];",
    "    Object.assign(this, JSON.parse(k));",
    "    this.x = 1;",
    '    this["x"] = 1;',
    "  }",
    "  @slots g(): void {}",
    "}",
    "@slots() class B {}",
    '@(tsSlots["slots"]) class C {}',
    "@slots class D extends A { h(): void { (this as any).z = 1; delete this.x; } }",
    "class E { f(): void { delete (this as any).x; (this as any).y = 1; } }",
  ].join("\n");

  test("`this` inside a @slots class and literal keys are judged from syntax; computed keys are left alone", () => {
    const file = ts.createSourceFile("a.ts", syntacticSample, ts.ScriptTarget.Latest, true);
    const found = checkFile(file, undefined, ts).map((problem) => [
      file.getLineAndCharacterOfPosition(problem.node.getStart(file)).line + 1,
      `TSS${problem.code}`,
      problem.severity,
    ]);
    expect(found).toEqual([
      [4, "TSS1004", "error"],
      [5, "TSS1005", "error"],
      [9, "TSS1001", "error"],
      [10, "TSS1002", "error"],
      [11, "TSS1006", "error"],
      [12, "TSS1003", "error"],
      [13, "TSS1008", "error"],
      [20, "TSS1010", "error"],
      [22, "TSS1011", "error"],
      [23, "TSS1011", "error"],
      // D extends A: a name D does not declare may be A's, so only the delete of a possible slot is reported.
      [24, "TSS1001", "error"],
    ]);
  });

  test("the codes decidable from syntax are the ones docs/diagnostics.md lists, and never TSS1007", () => {
    const file = ts.createSourceFile("a.ts", syntacticSample, ts.ScriptTarget.Latest, true);
    const codes = new Set(checkFile(file, undefined, ts).map((problem) => `TSS${problem.code}`));
    for (const fixture of fixtures) for (const found of syntaxOnly(fixture)) codes.add(found.code);
    expect([...codes].sort()).toEqual(["TSS1001", "TSS1002", "TSS1003", "TSS1004", "TSS1005", "TSS1006", "TSS1008", "TSS1010", "TSS1011", "TSS1016"]);
    const docs = fs.readFileSync(path.join(repoRoot, "docs/diagnostics.md"), "utf8");
    for (const code of codes) expect(docs).toMatch(new RegExp(`\\| ${code} \\| syntax`));
    expect(docs).toMatch(/\| TSS1007 \| checker only/);
  });

  test("transpile-only (ts-patch's transpileModule): local classes are checked, nothing the build would not report", () => {
    const names = fixtures.filter((fixture) => fixture.global.length === 0).map((fixture) => fixture.name);
    const dir = buildOf(fixtures[0]).dir;
    const script = `
      const fs = require("fs");
      const path = require("path");
      const tsp = require(${JSON.stringify(path.join(repoRoot, "node_modules/ts-patch/compiler"))});
      const { loadFixture } = require(${JSON.stringify(path.join(repoRoot, "fixtures/diagnostics/expectations.js"))});
      const found = [];
      for (const name of ${JSON.stringify(names)}) {
        for (const [file, text] of Object.entries(loadFixture(name).files)) {
          if (file.endsWith(".d.ts")) continue;
          const result = tsp.transpileModule(text, {
            fileName: file,
            reportDiagnostics: true,
            compilerOptions: { target: tsp.ScriptTarget.ES2022, module: tsp.ModuleKind.CommonJS, plugins: [{ transform: "ts-slots/transformer" }] },
          });
          for (const d of result.diagnostics) {
            if (!d.file || d.code < 990000) continue;
            const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
            found.push({ fixture: name, file: "src/" + file, line: line + 1, column: character + 1, code: "TSS" + (d.code - 990000) });
          }
        }
      }
      process.stdout.write("\\n@@found@@" + JSON.stringify(found));
    `;
    const result = spawnSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
    // Warnings are printed (as in any build), errors come back as diagnostics: only errors are compared.
    const errors = JSON.parse(result.stdout.split("@@found@@")[1]);
    const expected = new Set(
      fixtures.flatMap((fixture) => fixture.expected.filter((e) => e.category === "error").map((e) => `${fixture.name}|${positionKey(e)}`)),
    );
    for (const error of errors) expect({ error, expected: expected.has(`${error.fixture}|${positionKey(error)}`) }).toEqual({ error, expected: true });
    const foundCodes = new Set(errors.map((error) => error.code));
    for (const code of ["TSS1001", "TSS1002", "TSS1003", "TSS1004", "TSS1005", "TSS1006", "TSS1008", "TSS1010", "TSS1011"]) {
      expect({ code, found: foundCodes.has(code) }).toEqual({ code, found: true });
    }
  });
});

describe("every error stands for a real run-time failure", () => {
  test("the flagged operations throw (or, for Reflect, fail) on the compiled @slots instances", () => {
    const source = `
      import { slots } from "ts-slots";
      @slots class Thing {
        [key: string]: unknown;
        declare late: number;
        x?: number = 1;
        m(): void {}
      }
      const outcome = (run: () => unknown): string => {
        try { const value = run(); return value === false ? "false" : "ok"; } catch (error) { return (error as Error).constructor.name; }
      };
      const thing = new Thing();
      const key: string = "extra";
      console.log(JSON.stringify({
        TSS1001: outcome(() => { delete thing.x; }),
        TSS1002: outcome(() => { (thing as any)[key] = 1; }),
        TSS1003: outcome(() => Object.assign(thing, { extra: 1 })),
        TSS1003_reflect: outcome(() => Reflect.set(thing, "extra", 1)),
        TSS1004: outcome(() => { thing["open"] = 1; }),
        TSS1005: outcome(() => { thing.late = 1; }),
        TSS1006: outcome(() => { (thing as any).extra = 1; }),
        TSS1008: outcome(() => { thing.m = () => {}; }),
        slot: outcome(() => { thing.x = 2; }),
      }));
    `;
    const dir = makeProject({ files: { "main.ts": source }, name: "runtime-truth" });
    const build = compile(dir, "tspc");
    const codes = new Set(parseOutput(build.output).map((diagnostic) => diagnostic.code));
    for (const code of ["TSS1001", "TSS1002", "TSS1003", "TSS1004", "TSS1005", "TSS1006", "TSS1008"]) expect(codes.has(code)).toBe(true);
    const run = runNode(path.join(dir, "out", "main.js"), { natives: false });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      TSS1001: "TypeError",
      TSS1002: "TypeError",
      TSS1003: "TypeError",
      TSS1003_reflect: "false",
      TSS1004: "TypeError",
      TSS1005: "TypeError",
      TSS1006: "TypeError",
      TSS1008: "TypeError",
      slot: "ok",
    });
  });
});
