// @ts-check
// The plugin options: seal modes change only the seal (never the shape), and bad options are one clear diagnostic
// each, with the build's other output left intact.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { bin, makeProject, compile } = require("./helpers/project");

const program = `
import { slots } from "ts-slots";
@slots
export class Point {
  x!: number;
  y!: number;
  constructor(x: number, early: boolean) {
    this.x = x;
    if (early) return;
    this.y = x / 3;
  }
}
const sameMap = new Function("a", "b", "return %HaveSameMap(a, b)") as (a: object, b: object) => boolean;
const migrate = new Function("o", "%TryMigrateInstance(o)") as (o: object) => void;
const points = [new Point(1, false), new Point(0.5, true), new Point(2, false)];
points.forEach(migrate);
const oneMap = points.every((p) => sameMap(points[0], p));
let added = "ok";
// Through a plain \`object\`, so that the compile-time checks (TSS1006) do not see a @slots type.
const stray = (target: object) => { (target as Record<string, unknown>).z = 1; };
try { stray(points[0]); } catch (error) { added = (error as Error).constructor.name; }
console.log(JSON.stringify({ sealed: points.map((p) => Object.isSealed(p)), oneMap, added }));
`;

function build(plugin, env = {}) {
  const dir = makeProject({ files: { "main.ts": program }, compilerOptions: { target: "ES2022" }, plugin, name: "options" });
  const result = spawnSync(process.execPath, [bin.tspc, "-p", dir, "--pretty", "false"], { cwd: dir, encoding: "utf8", env: { ...process.env, ...env } });
  const run = spawnSync(process.execPath, ["--allow-natives-syntax", path.join(dir, "out/main.js")], { encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, run: run.stdout ? JSON.parse(run.stdout) : run.stderr, dir };
}

test.each([
  ["default (development), NODE_ENV=test", {}, { NODE_ENV: "test" }, true],
  ["default (development), NODE_ENV=production", {}, { NODE_ENV: "production" }, false],
  ['seal: "always"', { seal: "always" }, {}, true],
  ['seal: "never"', { seal: "never" }, {}, false],
  ['seal: "development", NODE_ENV unset', { seal: "development" }, { NODE_ENV: "" }, true],
  ['seal: "development", NODE_ENV=test', { seal: "development" }, { NODE_ENV: "test" }, true],
  ['seal: "development", NODE_ENV=production', { seal: "development" }, { NODE_ENV: "production" }, false],
])("%s: sealed only when the mode says so, one shape either way", (_name, plugin, env, sealed) => {
  const result = build(plugin, env);
  expect(result.output).toBe("");
  expect(result.run).toEqual({ sealed: [sealed, sealed, sealed], oneMap: true, added: sealed ? "TypeError" : "ok" });
  const emitted = fs.readFileSync(path.join(result.dir, "out/main.js"), "utf8");
  expect(emitted.includes("Object.seal")).toBe(sealed);
});

test('seal: "guard": not sealed, yet adding throws (the guard on the prototype chain), one shape, no Object.seal in a base class', () => {
  const result = build({ seal: "guard" });
  expect(result.output).toBe("");
  expect(result.run).toEqual({ sealed: [false, false, false], oneMap: true, added: "TypeError" });
  const emitted = fs.readFileSync(path.join(result.dir, "out/main.js"), "utf8");
  expect(emitted.includes("Object.seal")).toBe(false);
  // The guard records the class's own slot keys, so that it may still create them by assignment (lowered fields).
  expect(emitted).toMatch(/static \{ __slotsGuard\(this, \["x", "y"\]\); \}/);
});

/** Line and column (1-based, as tsc prints them) of the first `text` in a file. */
function positionOf(file, text) {
  const before = fs.readFileSync(file, "utf8").split(text)[0].split("\n");
  return `${before.length},${before[before.length - 1].length + 1}`;
}

test("an unknown option and an invalid value: one diagnostic each, at the key and the value in tsconfig.json, non-zero exit, output still emitted", () => {
  const result = build({ seal: "sometimes", sael: true });
  expect(result.status).not.toBe(0);
  const tsconfig = path.join(result.dir, "tsconfig.json");
  // tsc sorts diagnostics by position: the entry lists "seal" before "sael".
  expect(result.output.trim().split("\n")).toEqual([
    `tsconfig.json(${positionOf(tsconfig, '"sometimes"')}): error TS999002: ts-slots TSS9002: Invalid value "sometimes" for option 'seal' of ts-slots: expected one of "always", "never", "development", "guard". (see ts-slots docs/diagnostics.md#tss9002)`,
    `tsconfig.json(${positionOf(tsconfig, '"sael"')}): error TS999001: ts-slots TSS9001: Unknown option 'sael' in the ts-slots plugin entry. Did you mean 'seal'? Known options: seal. (see ts-slots docs/diagnostics.md#tss9001)`,
  ]);
  // The invalid value falls back to the default, so the program still builds and runs sealed.
  expect(result.run).toEqual({ sealed: [true, true, true], oneMap: true, added: "TypeError" });
});

test("an entry written in an extended tsconfig (comments, unquoted layout): the problem points into that file", () => {
  const result = build({});
  const base = [
    "// shared settings",
    "{",
    '  "compilerOptions": {',
    "    /* the ts-slots entry */",
    '    "plugins": [{ "transform": "ts-slots/transformer",',
    '                  "seal": "sometimes" }]',
    "  }",
    "}",
  ].join("\n");
  fs.writeFileSync(path.join(result.dir, "tsconfig.base.json"), base);
  const tsconfig = JSON.parse(fs.readFileSync(path.join(result.dir, "tsconfig.json"), "utf8"));
  delete tsconfig.compilerOptions.plugins;
  fs.writeFileSync(path.join(result.dir, "tsconfig.json"), JSON.stringify({ extends: "./tsconfig.base", ...tsconfig }, null, 2));
  const rebuilt = compile(result.dir, "tspc");
  expect(rebuilt.status).not.toBe(0);
  expect(rebuilt.output.trim()).toBe(
    'tsconfig.base.json(6,27): error TS999002: ts-slots TSS9002: Invalid value "sometimes" for option \'seal\' of ts-slots: expected one of "always", "never", "development", "guard". (see ts-slots docs/diagnostics.md#tss9002)',
  );
});

test("a program built by API, with no tsconfig file: the problem is reported without a position", () => {
  const dir = makeProject({ files: { "main.ts": "export const a = 1;\n" }, plugin: false, name: "options-api" });
  const script = `
    const tsp = require(${JSON.stringify(path.join(__dirname, "../node_modules/ts-patch/compiler"))});
    const program = tsp.createProgram(["src/main.ts"], { outDir: "out", plugins: [{ transform: "ts-slots/transformer", sael: 1 }] });
    const result = program.emit();
    process.stdout.write(tsp.formatDiagnostics(result.diagnostics, { getCurrentDirectory: () => process.cwd(), getCanonicalFileName: (f) => f, getNewLine: () => "\\n" }));
  `;
  const result = spawnSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" });
  expect(result.stderr).toBe("");
  expect(result.stdout.trim()).toBe("error TS999001: ts-slots TSS9001: Unknown option 'sael' in the ts-slots plugin entry. Did you mean 'seal'? Known options: seal. (see ts-slots docs/diagnostics.md#tss9001)");
});

test("@slots on a method and @slots() as a call: diagnostics at their positions, never a crash", () => {
  const dir = makeProject({
    files: {
      "bad.ts": 'import { slots } from "ts-slots";\nexport class A {\n  @slots method(): void {}\n}\n',
      "good.ts": 'import { slots } from "ts-slots";\n@slots\nexport class B {\n  n = 1;\n}\n',
    },
    compilerOptions: { target: "ES2022", experimentalDecorators: true, noEmitOnError: false },
    name: "forms",
  });
  const result = compile(dir, "tspc");
  expect(result.status).not.toBe(0);
  expect(result.output).toContain("src/bad.ts(3,3): error TS991010: ts-slots TSS1010: @slots can only decorate a class, not a method. Put it on the class declaration. (see ts-slots docs/diagnostics.md#tss1010)");
  expect(fs.existsSync(path.join(dir, "out/good.js"))).toBe(true);
});

describe("did you mean: every option key and every value from a fixed set, letter case ignored", () => {
  const { parseOptions } = require("../dist/transformer/core/options");
  const messages = (config, route) => parseOptions(config, {}, route).problems.map((problem) => problem.message);

  test.each([
    [{ seal: "Always" }, "transformer", 'Invalid value "Always" for option \'seal\' of ts-slots: expected one of "always", "never", "development", "guard". Did you mean "always"?'],
    [{ seal: "gaurd" }, "transformer", 'Did you mean "guard"?'],
    [{ seal: "develop" }, "rewrite", undefined],
    [{ types: "Program" }, "rewrite", 'Did you mean "program"?'],
    [{ types: "syntx" }, "rewrite", 'Did you mean "syntax"?'],
    [{ Types: "program" }, "rewrite", "Did you mean 'types'?"],
    [{ includes: ["src"] }, "rewrite", "Did you mean 'include'?"],
    [{ tsConfig: "x" }, "rewrite", "Did you mean 'tsconfig'?"],
  ])("%j (%s)", (config, route, hint) => {
    const [message] = messages(config, route);
    expect(message).toBeDefined();
    if (hint === undefined) expect(message).not.toContain("Did you mean");
    else expect(message).toContain(hint);
  });

  test("a value far from every choice gets no guess", () => {
    expect(messages({ seal: "sometimes" }, "transformer")[0]).not.toContain("Did you mean");
  });
});
