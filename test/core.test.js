// @ts-check
// Compile-and-run tests of the core contract: every core fixture compiled with the real plugin through ts-patch in
// each configuration, run in a child node with natives syntax, and compared with the plugin-off build (the same
// source without `@slots`, compiled by plain tsc into normal classes).
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { configurations, makeProject, compile } = require("./helpers/project");
const { coreFixtures, probedFixtures, probe } = require("./helpers/fixtures");
const { withoutSlots } = require("./helpers/strip");

const outName = (fixture) => fixture.replace(/\.ts$/, ".js");

/** TypeScript's own output for these throws before the constructor finishes (see fixtures/core/nested-super.ts). */
const brokenWithoutPlugin = (configuration, fixture) =>
  fixture === "nested-super.ts" && configuration.options.useDefineForClassFields === true && configuration.options.target === "ES2015";

describe.each(configurations)("$id", (configuration) => {
  const files = coreFixtures(configuration);
  const fixtures = probedFixtures(files);
  let on;
  let off;
  let compiled;

  beforeAll(() => {
    on = makeProject({ files, compilerOptions: configuration.options, esm: configuration.esm, name: `on-${configuration.id}` });
    const normal = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, withoutSlots(text)]));
    off = makeProject({ files: normal, compilerOptions: configuration.options, esm: configuration.esm, plugin: false, name: `off-${configuration.id}` });
    compiled = { on: compile(on, "tspc"), off: compile(off, "tsc") };
  });

  test("both builds compile without a diagnostic", () => {
    expect(compiled.on).toEqual({ status: 0, output: "" });
    expect(compiled.off).toEqual({ status: 0, output: "" });
  });

  test.each(fixtures)("%s: sealed, one hidden class, doubles keep it, same results as without the plugin", (fixture) => {
    const withPlugin = probe(path.join(on, "out", outName(fixture)), configuration.esm);
    expect(withPlugin.error).toBeUndefined();
    for (const group of withPlugin.groups) {
      const sealedOutcome = group.expectSealed ? "TypeError" : "ok";
      expect({ group: group.name, sealed: group.sealed }).toEqual({ group: group.name, sealed: group.sealed.map(() => group.expectSealed) });
      expect({ group: group.name, add: group.add }).toEqual({ group: group.name, add: group.add.map(() => sealedOutcome) });
      if (group.delete) expect({ group: group.name, delete: group.delete }).toEqual({ group: group.name, delete: group.delete.map(() => sealedOutcome) });
      if (group.expectSealed) {
        expect({ group: group.name, sameMap: group.sameMap }).toEqual({ group: group.name, sameMap: true });
        if (group.numericSameMap !== undefined) expect({ group: group.name, numericSameMap: group.numericSameMap }).toEqual({ group: group.name, numericSameMap: true });
        for (const keys of group.keys) expect(keys).toEqual(group.expectKeys ?? group.keys[0]);
      }
    }

    const withoutPlugin = probe(path.join(off, "out", outName(fixture)), configuration.esm);
    if (brokenWithoutPlugin(configuration, fixture)) {
      expect(withoutPlugin.error).toMatch(/ReferenceError/);
      return;
    }
    expect(withoutPlugin.error).toBeUndefined();
    expect(withoutPlugin.describe).toEqual(withPlugin.describe);
    // The stripped build is really a normal one: nothing in it is sealed.
    for (const group of withoutPlugin.groups) expect(group.sealed.every((sealed) => !sealed)).toBe(true);
  });

  test("the output runs without ts-slots installed: no import of it is left", () => {
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), "ts-slots-bare-"));
    fs.cpSync(path.join(on, "out"), bare, { recursive: true });
    fs.writeFileSync(path.join(bare, "package.json"), JSON.stringify({ type: configuration.esm ? "module" : "commonjs" }));
    for (const fixture of fixtures) {
      const report = probe(path.join(bare, outName(fixture)), configuration.esm);
      expect({ fixture, error: report.error }).toEqual({ fixture, error: undefined });
    }
  });
});

describe("what the build does not own stays as it was (tspc)", () => {
  const header = '#!/usr/bin/env node\n/*! Licence: MIT, (c) someone */\n/** @license MIT */\n/* @preserve kept */\n/* istanbul ignore file */\n';
  const source = `${header}import { slots } from "ts-slots";\n@slots export class Point { x = 0; }\n`;
  test.each([
    ["CommonJS", { target: "ES2022" }, false],
    ["ES modules", { target: "ES2022", module: "ESNext", moduleResolution: "bundler" }, true],
  ])("%s: comments above a removed first-statement import, and the #! line, are kept in order; the output is still a module", (_title, compilerOptions, esm) => {
    const dir = makeProject({ files: { "main.ts": source }, compilerOptions, esm, name: "header" });
    expect(compile(dir, "tspc")).toEqual({ status: 0, output: "" });
    const output = fs.readFileSync(path.join(dir, "out/main.js"), "utf8");
    const kept = ["#!/usr/bin/env node", "/*! Licence: MIT, (c) someone */", "/** @license MIT */", "/* @preserve kept */", "/* istanbul ignore file */"];
    const positions = kept.map((text) => output.indexOf(text));
    expect({ positions: positions.map((at) => at >= 0), ordered: [...positions].sort((a, b) => a - b) }).toEqual({ positions: kept.map(() => true), ordered: positions });
    expect(output.indexOf("istanbul")).toBeLessThan(output.indexOf("class Point"));
    if (esm) expect(output).toMatch(/export /);
    else expect(output).toContain('"use strict"');
  });
});

describe("where the plan cannot place slot code (tspc)", () => {
  test("TSS1030 at the super(...) whose block declares a local named like a parameter property; the build fails", () => {
    const source = 'import { slots } from "ts-slots";\nclass Base { constructor(public n: number) {} }\n@slots export class Sub extends Base {\n  constructor(public x: number) {\n    {\n      const x = 2;\n      super(x);\n    }\n  }\n}\n';
    const dir = makeProject({ files: { "shadow.ts": source }, compilerOptions: { target: "ES2022", useDefineForClassFields: true }, name: "tss1030" });
    const result = compile(dir, "tspc");
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/^src\/shadow\.ts\(7,7\): error TS991030: ts-slots TSS1030: /m);
  });
});
