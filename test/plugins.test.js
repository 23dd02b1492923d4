// @ts-check
// The bundler plugins and the Node loader as users run them: real esbuild and Rollup builds of a small project
// through `ts-slots/esbuild` and `ts-slots/rollup` (loaded by package name from build scripts in child processes),
// whose bundles run in a child `node --allow-natives-syntax`; their errors, warnings and source maps; and
// `node --import ts-slots/register` under Node 24's own type stripping (Node 24 installed from npm once per machine).
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { repoRoot } = require("./helpers/project");
const { run, runAsync } = require("./ecosystem/run");
const { installNode } = require("./ecosystem/node");

const dist = path.join(repoRoot, "dist");
const esbuildMain = require.resolve("esbuild", { paths: [repoRoot] });
const rollupMain = require.resolve("rollup", { paths: [repoRoot] });

/** The line of `throw` in src/point.ts below: stack traces through the source maps must name it. */
const throwLine = 15;

const files = {
  "tsconfig.json": JSON.stringify({
    compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "bundler", strict: true, allowImportingTsExtensions: true, noEmit: true },
  }),
  "src/tag.ts": "export interface Tag { label: string }\n",
  "src/point.ts": `import { slots } from "ts-slots";
import type { Tag } from "./tag.ts";

@slots
export class Point {
  x: number;
  y: number;
  count: number;
  name: string;
  tag: Tag;
  constructor(public id: number, name?: string) {
    if (name !== undefined) this.name = name;
  }
  fail(): never {
    throw new Error("fail " + this.id);
  }
}
`,
  // Two errors, on lines 5 and 6, the second at column 3.
  "src/bad.ts": `import { slots } from "ts-slots";
@slots
class P { x: number; y = 2; }
const p = new P();
delete p.x;
  delete (p as P).y;
export {};
`,
  // A misuse in a file that declares no @slots class, only imports one: line 3, column 3.
  "src/use.ts": `import { Point } from "./point.ts";
export const p = new Point(1);
  delete p.name;
`,
  // What a bundle or a module is, as JSON: the bundle must run where ts-slots cannot be resolved.
  "probe.cjs": `"use strict";
const haveSameMap = new Function("a", "b", "%TryMigrateInstance(a); %TryMigrateInstance(b); return %HaveSameMap(a, b)");
function describe({ Point }) {
  const a = new Point(1);
  const b = new Point(2, "b");
  b.x = 1.5;
  let added = "ok";
  try { a.stray = 1; } catch (error) { added = error.constructor.name; }
  let frame;
  try { a.fail(); } catch (error) { frame = error.stack.split("\\n").find((line) => line.includes(".ts:")) || error.stack; }
  let runtimeResolvable = true;
  try { require.resolve("ts-slots"); } catch { runtimeResolvable = false; }
  return { keys: Object.keys(a), values: [a.x, a.y, a.count, a.name, a.tag], sealed: Object.isSealed(a), sameMap: haveSameMap(a, b), added, frame, runtimeResolvable };
}
const target = require("path").resolve(process.argv[2]);
(target.endsWith(".js") ? Promise.resolve(require(target)) : import(require("url").pathToFileURL(target).href))
  .then((module) => console.log(JSON.stringify(describe(module))));
`,
  // esbuild through the CommonJS entry, called without `.default`.
  "build-esbuild.cjs": `"use strict";
const esbuild = require(${JSON.stringify(esbuildMain)});
const slots = require("ts-slots/esbuild");
const [entry, outfile, options] = process.argv.slice(2);
esbuild
  .build({ entryPoints: [entry], outfile, bundle: true, format: "cjs", platform: "node", sourcemap: true, external: ["ts-slots"], logLevel: "silent", plugins: [slots(JSON.parse(options))] })
  .then(
    (result) => console.log(JSON.stringify({ ok: true, warnings: result.warnings })),
    (error) => console.log(JSON.stringify({ ok: false, errors: error.errors, message: error.message })),
  );
`,
  // Rollup through the ES-module default import; Rollup itself strips no types, esbuild does it after ts-slots.
  "build-rollup.mjs": `import { createRequire } from "module";
import slots from "ts-slots/rollup";
const require = createRequire(import.meta.url);
const { rollup } = require(${JSON.stringify(rollupMain)});
const esbuild = require(${JSON.stringify(esbuildMain)});
const stripTypes = {
  name: "strip-types",
  async transform(code, id) {
    if (!id.endsWith(".ts")) return null;
    const result = await esbuild.transform(code, { loader: "ts", sourcemap: true, sourcefile: id, target: "es2022" });
    return { code: result.code, map: result.map };
  },
};
const [input, file, options] = process.argv.slice(2);
const warnings = [];
try {
  const bundle = await rollup({ input, external: ["ts-slots"], plugins: [slots(JSON.parse(options)), stripTypes], onwarn: (warning) => warnings.push(warning) });
  await bundle.write({ file, format: "cjs", sourcemap: true });
  console.log(JSON.stringify({ ok: true, warnings: warnings.map(({ message, loc, plugin }) => ({ message, loc, plugin })) }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, message: error.message, loc: error.loc, frame: error.frame, plugin: error.plugin }));
}
`,
};

function writeProject(dir, extra = {}) {
  for (const [name, text] of Object.entries({ ...files, ...extra })) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  fs.symlinkSync(repoRoot, path.join(dir, "node_modules/ts-slots"), "dir");
}

function lastJson(result) {
  const line = result.stdout.trim().split("\n").pop();
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`no JSON from the child (status ${result.status}):\n${result.output}`);
  }
}

let project;
let runDir;

beforeAll(() => {
  if (!fs.existsSync(path.join(dist, "plugins/esbuild.js"))) throw new Error("dist/plugins is missing: run `npm run build` first");
  project = fs.mkdtempSync(path.join(os.tmpdir(), "ts-slots-plugins-"));
  writeProject(project);
  // Bundles run from here: no node_modules above it, so a bundle that still imports ts-slots cannot load.
  runDir = fs.mkdtempSync(path.join(os.tmpdir(), "ts-slots-bundles-"));
  fs.copyFileSync(path.join(project, "probe.cjs"), path.join(runDir, "probe.cjs"));
});

/** The rewrite's own output for src/point.ts: the `throw` must move, or the source-map checks would prove nothing. */
function rewrittenThrowLine() {
  const { createSourceRewriter } = require(path.join(dist, "transformer/emit-text"));
  const fileName = path.join(project, "src/point.ts");
  const result = createSourceRewriter({}, { cwd: project }).rewrite(fs.readFileSync(fileName, "utf8"), fileName);
  return result.code.split("\n").findIndex((line) => line.includes("throw new Error")) + 1;
}

const bundlers = [
  { name: "esbuild", script: "build-esbuild.cjs" },
  { name: "rollup", script: "build-rollup.mjs" },
];

/** Every build of both bundlers, side by side: `{ [bundler]: { good, bad, options, excluded } }`. */
let builds;

beforeAll(async () => {
  const build = async (script, entry, out, options = {}) =>
    lastJson(await runAsync(process.execPath, [script, entry, path.join(runDir, out), JSON.stringify(options)], { cwd: project }));
  const results = await Promise.all(
    bundlers.map(async ({ name, script }) => {
      const [good, bad, options, excluded, usesSyntax, usesProgram] = await Promise.all([
        build(script, "src/point.ts", `${name}.js`),
        build(script, "src/bad.ts", `${name}-bad.js`),
        build(script, "src/point.ts", `${name}-options.js`, { sael: "never" }),
        build(script, "src/point.ts", `${name}-excluded.js`, { exclude: ["src/point.ts"] }),
        build(script, "src/use.ts", `${name}-use-syntax.js`),
        build(script, "src/use.ts", `${name}-use-program.js`, { types: "program" }),
      ]);
      return [name, { good, bad, options, excluded, usesSyntax, usesProgram }];
    }),
  );
  builds = Object.fromEntries(results);
});

/** A bundler's message as one text: esbuild reports an array of { text, location }, Rollup one message. */
const failureText = (result) => (result.errors ? result.errors.map((error) => error.text).join("\n") : result.message);
const warningTexts = (result) => result.warnings.map((warning) => warning.text ?? warning.message);

describe.each(bundlers)("ts-slots/$name", ({ name }) => {
  test("the bundle holds sealed one-shape instances with zeroed slots and no ts-slots runtime", () => {
    expect(builds[name].good.ok).toBe(true);
    const probe = lastJson(run(process.execPath, ["--allow-natives-syntax", "--enable-source-maps", "probe.cjs", `${name}.js`], { cwd: runDir }));
    expect(probe.runtimeResolvable).toBe(false);
    expect(probe.keys).toEqual(["id", "x", "y", "count", "name", "tag"]);
    expect(probe.values).toEqual([0, 0, 0, "", null]); // JSON: the unknown type's placeholder is undefined
    expect(probe.sealed).toBe(true);
    expect(probe.sameMap).toBe(true);
    expect(probe.added).toBe("TypeError");
    // The source map of the rewrite, composed by the bundler: the frame names the .ts line, not the rewritten one.
    expect(rewrittenThrowLine()).not.toBe(throwLine);
    expect(probe.frame).toContain(`src/point.ts:${throwLine}:`);
  });

  test("a warning (TSS1012) reaches the bundler's warnings with its file, line and column", () => {
    const result = builds[name].good;
    const warnings = warningTexts(result);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("src/point.ts:10:8: ts-slots TSS1012:");
    const location = name === "esbuild" ? result.warnings[0].location : result.warnings[0].loc;
    expect(location).toMatchObject({ line: 10, column: 7 });
  });

  test("errors (TSS1001) fail the build, all of them with file:line:col, and no stack trace", () => {
    const result = builds[name].bad;
    expect(result.ok).toBe(false);
    const text = failureText(result);
    expect(text).toContain("src/bad.ts:5:1: ts-slots TSS1001:");
    expect(text).toContain("src/bad.ts:6:3: ts-slots TSS1001:");
    expect(text).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(runDir, `${name}-bad.js`))).toBe(false);
  });

  test("a misspelt option (TSS9001) fails the build once, before any file", () => {
    const result = builds[name].options;
    expect(result.ok).toBe(false);
    const text = failureText(result);
    expect(text.match(/TSS9001/g)).toHaveLength(1);
    expect(text).toContain("Did you mean 'seal'?");
  });

  test('types "program": a misuse in a file that only imports a @slots class fails the build at file:line:col, with the line shown', () => {
    const result = builds[name].usesProgram;
    expect(result.ok).toBe(false);
    expect(failureText(result)).toContain("src/use.ts:3:3: ts-slots TSS1001:");
    // The frame each bundler prints: esbuild's from the location's lineText, Rollup's from the error's frame.
    if (name === "esbuild") expect(result.errors[0].location).toMatchObject({ line: 3, column: 2, lineText: "  delete p.name;" });
    else expect(result.frame).toContain("3:   delete p.name;\n     ^");
    expect(fs.existsSync(path.join(runDir, `${name}-use-program.js`))).toBe(false);
  });

  test('types "syntax" (the default): the build cannot see that misuse and says so once, naming what can', () => {
    const result = builds[name].usesSyntax;
    expect(result.ok).toBe(true);
    const notes = warningTexts(result).filter((text) => text.includes('types "syntax"'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('slots({ types: "program" })');
    expect(notes[0]).toContain("npx ts-slots check");
    // The bundle throws where the build could not see: the limit the note names is real.
    const probe = run(process.execPath, ["-e", `require(${JSON.stringify(path.join(runDir, `${name}-use-syntax.js`))})`], { cwd: runDir });
    expect(probe.stderr).toContain("TypeError: Cannot delete property 'name'");
  });

  test("an excluded file is left as written: its bundle cannot run without ts-slots", () => {
    expect(builds[name].excluded.ok).toBe(true);
    const result = run(process.execPath, ["--allow-natives-syntax", "probe.cjs", `${name}-excluded.js`], { cwd: runDir });
    // Rollup's esbuild step lowers the decorator, which then needs the runtime; esbuild's bundle keeps `@` syntax.
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/Cannot find module 'ts-slots'|SyntaxError/);
  });
});

test("each entry's module.exports is its plugin factory, and so is its .default", () => {
  const entries = ["vite", "rollup", "rolldown", "esbuild", "webpack", "rspack"];
  const script = `console.log(JSON.stringify(${JSON.stringify(entries)}.map((entry) => {
    const factory = require("ts-slots/" + entry);
    return [entry, typeof factory, factory === factory.default];
  })));`;
  expect(lastJson(run(process.execPath, ["-e", script], { cwd: project }))).toEqual(entries.map((entry) => [entry, "function", true]));
});

// ---- Node's own type stripping, through `--import ts-slots/register` ----

describe("node --import ts-slots/register (Node 24, type stripping)", () => {
  let node;
  const projects = {};

  // Node 24 from the registry, shared with the examples (test/ecosystem/node.js); a failed install fails these tests.
  beforeAll(async () => {
    node = (await installNode()).node;
    for (const type of ["module", undefined]) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ts-slots-register-${type ?? "typeless"}-`));
      writeProject(dir, { "package.json": JSON.stringify(type ? { private: true, type } : { private: true }) });
      projects[type ?? "typeless"] = dir;
    }
  });

  const runNode = (dir, args) => run(node, args, { cwd: dir });

  test("without it, Node cannot strip the @slots file (the parameter property)", () => {
    const result = runNode(projects.module, ["--allow-natives-syntax", "probe.cjs", "src/point.ts"]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX");
  });

  test.each(["module", "typeless"])('with it, in a package of type %s: sealed, one shape, zeroed slots, .ts lines in stacks', (type) => {
    if (!node) return console.warn("skipped: no Node 24");
    const result = runNode(projects[type], ["--allow-natives-syntax", "--enable-source-maps", "--import", "ts-slots/register", "probe.cjs", "src/point.ts"]);
    const probe = lastJson(result);
    expect(probe.keys).toEqual(["id", "x", "y", "count", "name", "tag"]);
    expect(probe.values).toEqual([0, 0, 0, "", null]);
    expect(probe.sealed).toBe(true);
    expect(probe.sameMap).toBe(true);
    expect(probe.added).toBe("TypeError");
    expect(probe.frame).toContain(`src/point.ts:${throwLine}:`);
    // ts-slots' own output for this file: its warning, in tsc's form.
    expect(result.stderr).toContain("src/point.ts(10,8): warning TS991012: ts-slots TSS1012:");
  });

  test("errors print tsc style and fail the load with one line, no ts-slots stack", () => {
    const result = runNode(projects.module, ["--import", "ts-slots/register", "src/bad.ts"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("src/bad.ts(5,1): error TS991001: ts-slots TSS1001:");
    expect(result.stderr).toContain("src/bad.ts(6,3): error TS991001: ts-slots TSS1001:");
    expect(result.stderr).toContain("Error: ts-slots: 2 errors in src/bad.ts (printed above); not loaded.");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test("TS_SLOTS_TYPES=program refuses to load a file that misuses an imported @slots class", () => {
    const result = run(node, ["--import", "ts-slots/register", "src/use.ts"], { cwd: projects.module, env: { TS_SLOTS_TYPES: "program" } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("src/use.ts(3,3): error TS991001: ts-slots TSS1001:");
    expect(result.stderr).toContain("Error: ts-slots: 1 error in src/use.ts (printed above); not loaded.");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test("by default (one file's syntax) it says once that it cannot see that misuse, and what can", () => {
    const result = runNode(projects.module, ["--import", "ts-slots/register", "src/use.ts"]);
    expect(result.stderr.match(/types "syntax"/g)).toHaveLength(1);
    expect(result.stderr).toContain("TS_SLOTS_TYPES=program");
    expect(result.stderr).toContain("TypeError: Cannot delete property 'name'");
  });
});

// A Node without type stripping (Node 20 runs jest here): one line that names the fix, not ERR_UNKNOWN_FILE_EXTENSION.
const nodeStripsTypes = Boolean(/** @type {{ typescript?: unknown }} */ (process.features).typescript); // not in @types/node 20
(nodeStripsTypes ? test.skip : test)(`node --import ts-slots/register on Node ${process.version} (no type stripping): one line naming the fix`, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts-slots-register-old-"));
  writeProject(dir, { "package.json": JSON.stringify({ private: true, type: "module" }) });
  const result = run(process.execPath, ["--import", "ts-slots/register", "src/point.ts"], { cwd: dir });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain(`ts-slots/register: Node ${process.version} cannot run src/point.ts (it has no TypeScript type stripping).`);
  expect(result.stderr).toContain("--import tsx");
  expect(result.stderr).not.toContain("ERR_UNKNOWN_FILE_EXTENSION");
  expect(result.stderr).not.toMatch(/\n\s+at /);
});
