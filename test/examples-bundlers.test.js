// @ts-check
// The examples in examples/ that run ts-slots through a bundler plugin (Vite, Vitest, Rollup, Rolldown, esbuild, Bun,
// webpack, Rspack, @rollup/plugin-typescript inside Vite), the Node register hook, and the runtime fallback where
// nothing rewrites; installed and run as in test/examples.test.js (which also checks that every folder of examples/
// is run). Each bundler plugin route must also fail its tool's build on a ts-slots error, naming file and line.
"use strict";
const fs = require("fs");
const path = require("path");
const {
  useExamples,
  run,
  npmRun,
  printedFacts,
  builtFacts,
  fallbackFacts,
  pluginFacts,
  productionFacts,
  thrownAtShapes,
  misuseSource,
  misuseReported,
  withEdits,
  withMisuse,
  bundlerExamples,
} = require("./ecosystem/examples");

const { example, newerNodeEnv } = useExamples(bundlerExamples, { node: true });

describe("esbuild, no transformer: the runtime fallback", () => {
  test("legacy and standard decorator bundles both seal; fields get no placeholder", () => {
    const dir = example("esbuild-fallback");
    expect(npmRun(dir, "build").status).toBe(0);
    const started = npmRun(dir, "start");
    expect(started.status).toBe(0);
    const facts = printedFacts(started.stdout);
    expect(facts).toHaveLength(2);
    for (const bundle of facts) {
      expect(bundle).toMatchObject(fallbackFacts);
      expect(bundle.placeholder).toBeUndefined();
    }
  });
});

describe("Vite 8 (ts-slots/vite, then Vite's Oxc transform)", () => {
  // The production default: `vite build` is a production build, and `seal: "development"` (the default) leaves the
  // seal out there; the slots and placeholders are the same as in a development build.
  test("vite build (production) of a Node entry: slots and placeholders without the seal, no runtime loaded, stack traces at the .ts lines", () => {
    const dir = example("vite");
    const [facts] = builtFacts(dir);
    expect(facts).toMatchObject({ ...productionFacts, runtimeDecoratorRan: false, runtimeLoaded: false, ...thrownAtShapes(dir) });
    const built = fs.readFileSync(path.join(dir, "dist/main.js"), "utf8");
    expect(built).not.toMatch(/Object\.seal/);
  });

  test("a ts-slots error fails vite build, naming file and line", () => {
    const dir = example("vite");
    const build = withMisuse(dir, () => npmRun(dir, "build"));
    expect(build.status).not.toBe(0);
    expect(build.output).toMatch(misuseReported);
  });
});

describe("Vitest 5 (ts-slots/vite in vitest.config.ts; Node 24)", () => {
  function vitestRun(dir) {
    const report = path.join(dir, "vitest-report.json");
    fs.rmSync(report, { force: true });
    const result = npmRun(dir, "test", ["--reporter=json", `--outputFile=${report}`, "--reporter=default"], newerNodeEnv());
    const json = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, "utf8")) : null;
    const files = json ? json.testResults.map((file) => [path.relative(dir, file.name), file.status]).sort() : [];
    return { status: result.status, output: result.output, json, files };
  }

  test("the suite passes: sealed, typed placeholders, one hidden class, no runtime, stack traces at the .ts lines", () => {
    const dir = example("vitest");
    const result = vitestRun(dir);
    expect({ status: result.status, files: result.files, output: result.status === 0 ? "" : result.output }).toEqual({
      status: 0,
      files: [["test/shapes.test.ts", "passed"]],
      output: "",
    });
    expect(result.json).toMatchObject({ success: true, numFailedTests: 0, numPassedTests: 5 });
  });

  test("a ts-slots error fails the test file that imports it, naming file and line", () => {
    const dir = example("vitest");
    const misuseTest = `import { expect, test } from "vitest";\nimport { Tag } from "../src/misuse";\ntest("loads", () => expect(Tag).toBeDefined());\n`;
    const result = withEdits(dir, { "src/misuse.ts": misuseSource, "test/misuse.test.ts": misuseTest }, () => vitestRun(dir));
    expect(result.status).not.toBe(0);
    expect(result.files).toEqual([
      ["test/misuse.test.ts", "failed"],
      ["test/shapes.test.ts", "passed"],
    ]);
    expect(result.output).toMatch(misuseReported);
  });
});

describe("Rollup 4 (ts-slots/rollup, then rollup-plugin-esbuild) and Rolldown (ts-slots/rolldown, then Oxc)", () => {
  test("both bundles: the transformer's facts, no runtime loaded, stack traces at the .ts lines", () => {
    const dir = example("rollup");
    const facts = builtFacts(dir);
    expect(facts).toHaveLength(2);
    for (const bundle of facts) expect(bundle).toMatchObject({ ...pluginFacts, runtimeLoaded: false, ...thrownAtShapes(dir) });
  });

  test.each(["build:rollup", "build:rolldown"])("a ts-slots error fails %s, naming file and line", (script) => {
    const dir = example("rollup");
    const build = withMisuse(dir, () => npmRun(dir, script));
    expect(build.status).not.toBe(0);
    expect(build.output).toMatch(misuseReported);
  });
});

describe("esbuild (ts-slots/esbuild)", () => {
  test("the bundle: the transformer's facts, no runtime loaded, stack traces at the .ts lines", () => {
    const dir = example("esbuild");
    const [facts] = builtFacts(dir);
    expect(facts).toMatchObject({ ...pluginFacts, runtimeLoaded: false, ...thrownAtShapes(dir) });
  });

  test("a ts-slots error fails the build, naming file and line", () => {
    const dir = example("esbuild");
    const build = withMisuse(dir, () => npmRun(dir, "build"));
    expect(build.status).not.toBe(0);
    expect(build.output).toMatch(misuseReported);
  });
});

describe("Bun (ts-slots/bun: bun run through the bunfig.toml preload, and Bun.build)", () => {
  test("bun run and the Bun.build bundle: slots in order, placeholders, sealed, adding throws", () => {
    const dir = example("bun");
    const result = npmRun(dir, "test");
    expect(result.status).toBe(0);
    expect(result.output).not.toContain("FAIL");
    expect(result.output.match(/^ok {3}placeholders of the declared types$/gm)).toHaveLength(2);
  });

  test("a ts-slots error stops bun run, naming file and line", () => {
    const dir = example("bun");
    const started = withMisuse(dir, () => npmRun(dir, "start"));
    expect(started.status).not.toBe(0);
    expect(started.output).toMatch(misuseReported);
  });
});

// webpack-plugin is a development build (`mode: "development"`), which the default seal mode seals; rspack is a
// production build with `seal: "always"`, which seals there too.
describe.each([
  ["webpack 5 (ts-slots/webpack, then ts-loader transpileOnly)", "webpack-plugin"],
  ["Rspack (ts-slots/rspack, then builtin:swc-loader)", "rspack"],
])("%s", (title, name) => {
  test("builds without the runtime; the bundle has the transformer's facts and stack traces at the .ts lines", () => {
    const dir = example(name);
    // build.mjs fails when the bundler took in any module of the ts-slots package.
    const [facts] = builtFacts(dir);
    expect(facts).toMatchObject({ ...pluginFacts, ...thrownAtShapes(dir) });
    expect(fs.readFileSync(path.join(dir, "dist/main.js"), "utf8")).toMatch(/Object\.seal\(this\)/);
  });

  test("a ts-slots error fails the build, naming file and line", () => {
    const dir = example(name);
    const build = withMisuse(dir, () => npmRun(dir, "build"));
    expect(build.status).not.toBe(0);
    expect(build.output).toMatch(misuseReported);
  });
});

describe("Node's type stripping (node --import ts-slots/register, Node 24)", () => {
  test("runs src/main.ts with no build step: the transformer's facts, no runtime loaded, stack traces at the .ts lines", () => {
    const dir = example("node-register");
    const started = npmRun(dir, "start", [], newerNodeEnv());
    expect(started).toMatchObject({ status: 0 });
    const [facts] = printedFacts(started.stdout);
    expect(facts).toMatchObject({ ...pluginFacts, runtimeLoaded: false, ...thrownAtShapes(dir) });
  });

  // Type stripping only erases: a decorator is syntax V8 does not run, and a parameter property needs a transform.
  test("without the hook Node cannot run the sources (a decorator, parameter properties)", () => {
    const dir = example("node-register");
    const plain = run("node", ["src/main.ts"], { cwd: dir, env: newerNodeEnv() });
    expect(plain.status).not.toBe(0);
    expect(plain.stderr).toMatch(/src\/shapes\.ts:\d+\n[\s\S]*SyntaxError/);
  });

  // tsx compiles with esbuild in its own load hook; registered after ts-slots it asks ts-slots for the source and
  // gets the rewritten TypeScript. Run on the machine's Node (20 here), which has no type stripping of its own.
  test("with tsx registered after it, on any Node: the same facts", () => {
    const dir = example("node-register");
    const started = npmRun(dir, "start:tsx");
    expect(started).toMatchObject({ status: 0 });
    const [facts] = printedFacts(started.stdout);
    expect(facts).toMatchObject({ ...pluginFacts, runtimeLoaded: false, ...thrownAtShapes(dir) });
  });

  test("with tsx registered first, ts-slots says which order works, and only the runtime fallback seals", () => {
    const dir = example("node-register");
    const started = npmRun(dir, "start:tsx-first");
    expect(started.output).toMatch(/Register ts-slots first: node --import ts-slots\/register --import tsx/);
    const [facts] = printedFacts(started.stdout);
    expect(facts).toMatchObject({ sealed: true, runtimeDecoratorRan: true });
    expect(facts.placeholder).toBeUndefined();
  });

  test("a ts-slots error stops the load, naming file and line", () => {
    const dir = example("node-register");
    const started = withMisuse(dir, () => npmRun(dir, "start", [], newerNodeEnv()), { specifier: "./misuse.ts" });
    expect(started.status).not.toBe(0);
    expect(started.stdout).not.toMatch(/^\{/m);
    expect(started.output).toMatch(misuseReported);
  });
});

describe("Vite 8 through @rollup/plugin-typescript with ts-patch's compiler (the ts-patch route inside Vite)", () => {
  /** Vite's report of a plugin error: `[plugin typescript] <file>:<line>:<column>`, then the message on the next line. */
  const errorAt = (file, line, column, label) => new RegExp(`\\[plugin typescript\\] \\S*${file.replace(/[.\\/]/g, "\\$&")}:${line}:${column}\\n[^\\n]*ts-slots ${label}:`);

  // `vite build` sets NODE_ENV=production before the plugin runs ts-patch's compiler: the transformer's default seal
  // mode, "development", leaves the seal out (a production build).
  test("vite build (production): slots and placeholders without the seal, no runtime loaded, stack traces at the .ts lines", () => {
    const dir = example("vite-rollup-typescript");
    const [facts] = builtFacts(dir);
    expect(facts).toMatchObject({ ...productionFacts, runtimeDecoratorRan: false, runtimeLoaded: false, ...thrownAtShapes(dir) });
    expect(fs.readFileSync(path.join(dir, "dist/main.js"), "utf8")).not.toMatch(/Object\.seal/);
  });

  test('with "noEmitOnError": true (the example\'s tsconfig) a ts-slots error fails vite build once, at file:line:column', () => {
    const dir = example("vite-rollup-typescript");
    const build = withMisuse(dir, () => npmRun(dir, "build"));
    expect(build.status).not.toBe(0);
    expect(build.output).toMatch(errorAt("src/misuse.ts", 8, 5, "TSS1001"));
    expect(build.output.match(/TSS1001/g)).toHaveLength(1);
  });

  // A documented limitation of the plugin, pinned: without noEmitOnError it passes every TypeScript diagnostic to
  // `this.warn` (with its position in `loc`), and Vite prints a warning's message alone; the build succeeds.
  test("without noEmitOnError the error is one warning with no file or line, and the build succeeds", () => {
    const dir = example("vite-rollup-typescript");
    const build = withEdits(dir, { "tsconfig.json": (text) => text.replace('"noEmitOnError": true', '"noEmitOnError": false') }, () =>
      withMisuse(dir, () => npmRun(dir, "build")),
    );
    expect(build.status).toBe(0);
    expect(build.output.match(/TSS1001/g)).toHaveLength(1);
    expect(build.output).toMatch(/\[plugin typescript\] @rollup\/plugin-typescript TS991001: ts-slots TSS1001:/);
    expect(build.output).not.toMatch(/misuse\.ts/);
  });

  test("a misspelt option fails the build at its place in tsconfig.json; a warning prints once, tsc style, and does not", () => {
    const dir = example("vite-rollup-typescript");
    const warned = `import { slots } from "ts-slots";\n\n@slots\nexport class AppError extends Error {\n  code = 1;\n}\n`;
    const [clean, misspelt] = withEdits(dir, { "src/misuse.ts": warned, "src/main.ts": (original) => `import "./misuse";\n${original}` }, () => [
      npmRun(dir, "build"),
      withEdits(dir, { "tsconfig.json": (text) => text.replace('"transform": "ts-slots/transformer"', '"transform": "ts-slots/transformer", "sael": "never"') }, () =>
        npmRun(dir, "build"),
      ),
    ]);
    expect(clean.status).toBe(0);
    expect(clean.output.match(/TSS1007/g)).toHaveLength(1);
    expect(clean.output).toMatch(/src\/misuse\.ts\(4,31\): warning TS991007: ts-slots TSS1007:/);
    expect(misspelt.status).not.toBe(0);
    const tsconfig = fs.readFileSync(path.join(dir, "tsconfig.json"), "utf8").split("\n");
    const line = tsconfig.findIndex((text) => text.includes('"transform": "ts-slots/transformer"'));
    const column = tsconfig[line].indexOf('"transform"') + '"transform": "ts-slots/transformer", '.length + 1;
    expect(misspelt.output).toMatch(errorAt("tsconfig.json", line + 1, column, "TSS9001"));
    expect(misspelt.output.match(/TSS9001/g)).toHaveLength(1);
  });
});
