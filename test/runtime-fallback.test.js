// @ts-check
// The runtime fallback: the same `@slots` program compiled without the transformer, by plain tsc and by esbuild, in
// both decorator flavours, seals what the contract says at run time.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { repoRoot, makeProject, compile, runNode } = require("./helpers/project");

const source = fs.readFileSync(path.join(repoRoot, "fixtures/fallback/main.ts"), "utf8");
const expected = {
  sealed: [true, true, true, false, true],
  add: "TypeError",
  delete: "TypeError",
  childAdd: "TypeError",
  instanceOf: true,
  names: ["User", "SlotsChild"],
  values: [1, "a", 2, 1],
};

const flavours = [
  { name: "standard decorators", experimentalDecorators: false },
  { name: "experimentalDecorators", experimentalDecorators: true },
];

describe.each(flavours)("$name", ({ experimentalDecorators }) => {
  test("plain tsc (no plugin): instances are sealed by the decorator at run time", () => {
    const dir = makeProject({ files: { "main.ts": source }, compilerOptions: { target: "ES2022", experimentalDecorators }, plugin: false, name: "fallback-tsc" });
    expect(compile(dir, "tsc")).toEqual({ status: 0, output: "" });
    expect(fs.readFileSync(path.join(dir, "out/main.js"), "utf8")).toMatch(/require\("ts-slots"\)/);
    const run = runNode(path.join(dir, "out/main.js"), { natives: false });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual(expected);
  });

  test("esbuild (no type information at all): instances are sealed by the decorator at run time", () => {
    const dir = makeProject({ files: { "main.ts": source }, compilerOptions: { target: "ES2022", experimentalDecorators }, plugin: false, name: "fallback-esbuild" });
    const esbuild = path.join(repoRoot, "node_modules/.bin/esbuild");
    const built = spawnSync(esbuild, ["src/main.ts", "--bundle", "--platform=node", "--format=cjs", "--target=es2022", "--outfile=out/main.js"], { cwd: dir, encoding: "utf8" });
    expect(built.status).toBe(0);
    const run = runNode(path.join(dir, "out/main.js"), { natives: false });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual(expected);
  });
});

test("the decorator rejects what is not a class, with a TypeError that says so", () => {
  const { slots } = require(path.join(repoRoot, "dist/runtime/index.js"));
  expect(() => slots(42)).toThrow(new TypeError("@slots can only decorate a class, not a number"));
  expect(() => slots(function f() {}, { kind: "method" })).toThrow(new TypeError("@slots can only decorate a class, not a method"));
});

describe("the fallback says once, in development only, that nothing rewrote the class", () => {
  /** The fallback program compiled by plain tsc (as `tsx` or a bundler without the plugin would leave it), run with `env`. */
  let out;
  beforeAll(() => {
    const dir = makeProject({ files: { "main.ts": source }, compilerOptions: { target: "ES2022" }, plugin: false, name: "fallback-notice" });
    expect(compile(dir, "tsc")).toEqual({ status: 0, output: "" });
    out = path.join(dir, "out/main.js");
  });
  const runWith = (env) => {
    const base = { ...process.env };
    delete base.NODE_ENV;
    delete base.TS_SLOTS_QUIET;
    const run = spawnSync(process.execPath, [out], { encoding: "utf8", env: { ...base, ...env } });
    expect(JSON.parse(run.stdout)).toEqual(expected);
    return run.stderr;
  };

  test("NODE_ENV unset (`npx tsx src/main.ts`): one line on stderr for three @slots classes, naming the first and the fix", () => {
    const lines = runWith({}).trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ts-slots: @slots class User was not rewritten at build time, .* no placeholders and checks nothing\. Run through ts-slots\/register/);
    expect(runWith({ NODE_ENV: "development" }).trim().split("\n")).toHaveLength(1);
  });

  test.each([[{ NODE_ENV: "production" }], [{ NODE_ENV: "test" }], [{ TS_SLOTS_QUIET: "1" }]])("silent with %j", (env) => {
    expect(runWith(env)).toBe("");
  });
});
