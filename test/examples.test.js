// @ts-check
// Every project in examples/ installed as a user would (a copy in a temporary directory, ts-slots from the packed
// tarball, everything else from the npm registry) and run: the builds must succeed and the programs must report
// the facts ts-slots promises in that tool (sealed, add/delete throw, typed placeholders, one hidden class, no
// runtime left where the transformer or a bundler plugin ran, stack traces at the .ts lines; the runtime fallback
// where nothing rewrites). Each bundler plugin route must also fail its tool's build on a ts-slots error, naming
// file and line.
"use strict";
const fs = require("fs");
const path = require("path");
const { readTree } = require("./helpers/project");
const { packTarball } = require("./ecosystem/pack");
const { examplesDir, makeRoot, cleanup, copyExample, npmInstall, inParallel } = require("./ecosystem/sandbox");
const { run, timings } = require("./ecosystem/run");
const { installNode, withNodeOnPath } = require("./ecosystem/node");

/**
 * The examples this file runs, in install order (two at a time, the longest installs first); a folder in examples/
 * that is not listed here fails the first test.
 */
const exampleNames = [
  "ts-jest", "webpack-plugin", "webpack", "ts-patch-install", "vitest", "rollup", "typescript-7", "rspack", "watch-build",
  "esm-nodenext", "tspc", "esbuild", "vite", "esbuild-fallback", "node-register", "bun",
];

let root;
const installs = {};
/** Node 24 from the registry, for the examples that need a newer Node than the one running jest. */
let newerNode;

/**
 * TS_SLOTS_EXAMPLES=vite,rspack installs only those examples (with `-t` to run only their tests): a quicker run while
 * working on a few. Unset in CI: every example is installed.
 */
const onlyExamples = process.env.TS_SLOTS_EXAMPLES?.split(",").filter(Boolean);

beforeAll(async () => {
  const { tarball } = packTarball();
  root = makeRoot("examples");
  const installed = onlyExamples ? exampleNames.filter((name) => onlyExamples.includes(name)) : exampleNames;
  const [node, ...results] = await inParallel([
    () => installNode(),
    ...installed.map((name) => async () => {
      const dir = copyExample(name, root, tarball);
      await npmInstall(dir);
      return dir;
    }),
  ]);
  newerNode = node;
  installed.forEach((name, i) => (installs[name] = results[i]));
}, 20 * 60 * 1000);

afterAll(() => {
  const total = timings.reduce((sum, t) => sum + t.ms, 0);
  console.log(
    `examples: ${timings.length} child processes, ${(total / 1000).toFixed(1)} s in total\n` +
      timings.map((t) => `  ${(t.ms / 1000).toFixed(1).padStart(6)} s  ${path.basename(t.cwd ?? "")}: ${t.command.slice(0, 100)}`).join("\n"),
  );
  cleanup(root);
});

/** The installed copy of an example; fails the test with npm's output if its install failed. */
function example(name) {
  const result = installs[name];
  if (!result) throw new Error(`${name} was not installed`);
  if (result.error) throw result.error;
  return result.value;
}

/** The environment that runs Node 24 as `node`; fails the test with npm's output if its install failed. */
function newerNodeEnv() {
  if (!newerNode) throw new Error("Node 24 was not installed");
  if (newerNode.error) throw newerNode.error;
  return withNodeOnPath(newerNode.value);
}

/** `npm run <script>` in an example, without npm's own banner and warnings. */
function npmRun(dir, script, args = [], env = undefined) {
  const result = run("npm", ["run", "--silent", script, ...(args.length > 0 ? ["--", ...args] : [])], { cwd: dir, env, timeout: 5 * 60 * 1000 });
  const output = result.output
    .split("\n")
    .filter((text) => !/^npm (warn|notice)/.test(text))
    .join("\n");
  return { ...result, output };
}

/** The JSON objects a program printed, one a line (the examples print their facts that way). */
function printedFacts(stdout) {
  return stdout
    .split("\n")
    .filter((text) => text.startsWith("{"))
    .map((text) => JSON.parse(text));
}

/** Where `marker` sits in src/shapes.ts of an example: `src/shapes.ts:line:column` of `new RangeError`. */
function positionOf(dir, file, marker) {
  const lines = fs.readFileSync(path.join(dir, file), "utf8").split("\n");
  const line = lines.findIndex((text) => text.includes(marker));
  return `${file}:${line + 1}:${lines[line].indexOf("new RangeError") + 1}`;
}

const transformedFacts = {
  sealed: true,
  addThrows: true,
  deleteThrows: true,
  placeholder: 0,
  slots: ["x", "y", "length", "label", "id", "mass", "alive"],
  sameSlotsEveryInstance: true,
  oneHiddenClass: true,
};

const fallbackFacts = { sealed: true, addThrows: true, deleteThrows: true, plainSubclassSealed: false, instanceOf: true, className: "Vec" };

/** What a program built through a bundler plugin (or run through the register hook) reports besides those. */
const pluginFacts = { ...transformedFacts, runtimeDecoratorRan: false };

/**
 * A production build (NODE_ENV=production, as `vite build` sets it) under the default seal mode, "development": the
 * same slots in the same order, the same placeholders and hidden class, and no seal (adding and deleting succeed).
 */
const productionFacts = { ...transformedFacts, sealed: false, addThrows: false, deleteThrows: false };

/** Where the source maps must put errors thrown in the constructors of src/shapes.ts. */
function thrownAtShapes(dir) {
  return {
    thrownInBase: positionOf(dir, "src/shapes.ts", "thrown-in-base"),
    thrownInDerived: positionOf(dir, "src/shapes.ts", "thrown-in-derived"),
  };
}

/** A @slots class that deletes one of its slots: ts-slots error TSS1001 at line 8 of src/misuse.ts. */
const { misuseSource } = require("./helpers/misuse");
/** A line of a tool's output that names src/misuse.ts, line 8 (`:8:col` or tsc's `(8,col)`) and TSS1001. */
const misuseReported = /src[\\/]misuse\.ts(:8:\d+|\(8,\d+\)).*TSS1001/;

/**
 * Runs `action` with files of an example written (`edits`: path -> text, or original text -> text), then puts the
 * example back as it was.
 */
function withEdits(dir, edits, action) {
  const originals = Object.keys(edits).map((file) => [file, fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), "utf8") : undefined]);
  for (const [file, original] of originals) {
    const edit = edits[file];
    fs.writeFileSync(path.join(dir, file), typeof edit === "function" ? edit(original) : edit);
  }
  try {
    return action();
  } finally {
    for (const [file, original] of originals) {
      if (original === undefined) fs.rmSync(path.join(dir, file));
      else fs.writeFileSync(path.join(dir, file), original);
    }
  }
}

/** src/misuse.ts written, and imported first by the program's entry `entry` (under the name `specifier`). */
function withMisuse(dir, action, { entry = "src/main.ts", specifier = "./misuse" } = {}) {
  return withEdits(dir, { "src/misuse.ts": misuseSource, [entry]: (original) => `import "${specifier}";\n${original}` }, action);
}

test("every folder in examples/ is run by this test", () => {
  const folders = fs.readdirSync(examplesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  expect(folders.sort()).toEqual([...exampleNames].sort());
  for (const name of folders) {
    const manifest = JSON.parse(fs.readFileSync(path.join(examplesDir, name, "package.json"), "utf8"));
    expect({ name, dependency: manifest.dependencies?.["ts-slots"] }).toEqual({ name, dependency: "file:../.." });
    const readme = fs.readFileSync(path.join(examplesDir, name, "README.md"), "utf8").trim().split("\n");
    expect({ name, readmeLines: readme.length <= 2 }).toEqual({ name, readmeLines: true });
  }
});

describe("tspc (TypeScript 6, ts-patch 4)", () => {
  test("builds and runs: sealed, throws, typed placeholders, one hidden class, no runtime loaded", () => {
    const dir = example("tspc");
    const build = npmRun(dir, "build");
    expect(build).toMatchObject({ status: 0, output: "" });
    const started = npmRun(dir, "start");
    expect(started.status).toBe(0);
    const [facts] = printedFacts(started.stdout);
    expect(facts).toMatchObject({ ...transformedFacts, runtimeLoaded: false });
  });

  test("source maps of rewritten constructors point thrown errors at the original lines", () => {
    const dir = example("tspc");
    const [facts] = printedFacts(npmRun(dir, "start").stdout);
    expect(facts.thrownInBase).toBe(positionOf(dir, "src/shapes.ts", "thrown-in-base"));
    expect(facts.thrownInDerived).toBe(positionOf(dir, "src/shapes.ts", "thrown-in-derived"));
  });

  test("declarations are byte for byte what plain tsc writes; the JavaScript is not", () => {
    const dir = example("tspc");
    const plain = path.join(dir, "plain");
    // The project's own `tsc` is unpatched (tspc patches in memory): it ignores the plugins entry.
    const result = run(process.execPath, [path.join(dir, "node_modules/typescript/bin/tsc"), "-p", dir, "--outDir", plain], { cwd: dir });
    expect(result).toMatchObject({ status: 0, output: "" });
    const declarations = readTree(path.join(dir, "dist"), ".d.ts");
    expect(Object.keys(declarations).sort()).toEqual(["main.d.ts", "shapes.d.ts"]);
    expect(declarations).toEqual(readTree(plain, ".d.ts"));
    expect(readTree(path.join(dir, "dist"), "shapes.js")).not.toEqual(readTree(plain, "shapes.js"));
  });
});

describe("tsc after ts-patch install (TypeScript 6, ts-patch 4, legacy decorators, assign semantics)", () => {
  test("npm install ran `ts-patch install`; plain tsc then runs the transformer", () => {
    const dir = example("ts-patch-install");
    expect(npmRun(dir, "build")).toMatchObject({ status: 0, output: "" });
    const started = npmRun(dir, "start");
    expect(started.status).toBe(0);
    const [facts] = printedFacts(started.stdout);
    expect(facts).toMatchObject({ ...transformedFacts, optionalSlot: true, runtimeLoaded: false });
  });
});

describe("ts-jest with compiler ts-patch/compiler (TypeScript 5.9, ts-patch 3.3, jest 30)", () => {
  function jestRun(dir, script) {
    const report = path.join(dir, `${script.replace(/\W/g, "-")}.json`);
    const result = npmRun(dir, script, ["--json", `--outputFile=${report}`]);
    const json = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, "utf8")) : null;
    const files = json ? json.testResults.map((file) => [path.relative(dir, file.name), file.status]).sort() : [];
    return { status: result.status, output: result.output, json, files };
  }

  test("with type information: the whole suite passes", () => {
    const dir = example("ts-jest");
    const result = jestRun(dir, "test:types");
    expect({ status: result.status, files: result.files }).toEqual({
      status: 0,
      files: [
        ["test/shapes.test.ts", "passed"],
        ["test/track.types.test.ts", "passed"],
      ],
    });
    expect(result.json).toMatchObject({ success: true, numFailedTests: 0, numPassedTests: 7 });
  });

  test("transpile-only (isolatedModules): the syntactic subset passes, the rest falls back as documented", () => {
    const dir = example("ts-jest");
    const result = jestRun(dir, "test:isolated");
    expect({ status: result.status, files: result.files }).toEqual({
      status: 0,
      files: [
        ["test/shapes.test.ts", "passed"],
        ["test/track.isolated.test.ts", "passed"],
      ],
    });
    expect(result.json).toMatchObject({ success: true, numFailedTests: 0, numPassedTests: 7 });
  });

  // A documented limitation, pinned: ts-patch adds a transformer's diagnostics only to the result of
  // `program.emit()`, which tspc and patched tsc print. ts-jest (language service and transpileModule) never reads
  // them, so a misuse that `tspc` rejects at compile time is only caught by the seal, at run time, under ts-jest.
  test("ts-slots' compile-time checks are not reported by ts-jest; the seal still throws at run time", () => {
    const dir = example("ts-jest");
    fs.writeFileSync(
      path.join(dir, "test/misuse.test.ts"),
      [
        `import { expect, test } from "@jest/globals";`,
        `import { Vec } from "../src/shapes";`,
        `test("delete of a slot", () => {`,
        `  const vec = new Vec(1, 2);`,
        `  expect(() => delete vec.label).toThrow(TypeError);`,
        `});`,
        ``,
      ].join("\n"),
    );
    try {
      const tspc = run(process.execPath, [path.join(dir, "node_modules/ts-patch/bin/tspc.js"), "-p", dir, "--outDir", path.join(dir, "misuse-out"), "--pretty", "false"], { cwd: dir });
      expect(tspc.output.match(/test\/misuse\.test\.ts\(\d+,\d+\): error TS991001/g)).toHaveLength(1);
      const result = jestRun(dir, "test:types");
      expect(result.status).toBe(0);
      expect(result.files).toContainEqual(["test/misuse.test.ts", "passed"]);
    } finally {
      fs.rmSync(path.join(dir, "test/misuse.test.ts"));
    }
  });
});

describe("webpack 5 + ts-loader with compiler ts-patch/compiler", () => {
  test("both bundles (type-checked, transpileOnly) build without the runtime and run with the transformer's facts", () => {
    const dir = example("webpack");
    const build = npmRun(dir, "build");
    expect(build.status).toBe(0);
    const started = npmRun(dir, "start");
    expect(started.status).toBe(0);
    const facts = printedFacts(started.stdout);
    expect(facts).toHaveLength(2);
    for (const bundle of facts) expect(bundle).toMatchObject(transformedFacts);
  });
});

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

describe("ES module project (type module, module nodenext)", () => {
  test("tspc builds ES modules that run with every import of ts-slots made an error", () => {
    const dir = example("esm-nodenext");
    expect(npmRun(dir, "build")).toMatchObject({ status: 0, output: "" });
    const started = npmRun(dir, "start");
    expect({ status: started.status, stderr: started.stderr.replace(/^npm warn.*\n?/gm, "") }).toEqual({ status: 0, stderr: "" });
    const [facts] = printedFacts(started.stdout);
    expect(facts).toMatchObject({ ...transformedFacts, moduleSystem: "esm" });
  });
});

describe("project references, incremental builds and watch", () => {
  let facts;
  let checked;

  beforeAll(() => {
    checked = npmRun(example("watch-build"), "test");
    [facts] = printedFacts(checked.stdout).slice(-1);
  });

  test("tspc -b, a no-op rebuild, an incremental rebuild, and tspc --watch through three edits", () => {
    expect(checked.status).toBe(0);
    expect(facts.build.app).toMatchObject({ particleKeys: ["x", "y", "id", "mass"], particleSealed: true, mass: 0, addThrows: true, oneHiddenClass: true });
    expect(facts.noop).toEqual({ status: 0, outputsUntouched: true });
    expect(facts.incremental).toMatchObject({ status: 0, vecKeys: ["x", "y", "z"], particleKeys: ["x", "y", "z", "id", "mass"] });
    expect(facts.watch).toEqual({
      initial: true,
      afterNewField: { clean: true, vec: { keys: ["x", "y", "z"], z: 0, sealed: true } },
      misuseReportedOnce: 1,
      afterRevert: { clean: true, vec: { keys: ["x", "y"], sealed: true } },
    });
  });

  // app/src/main.ts declares `@slots class Particle extends Vec`, where Vec is a @slots class of the referenced project
  // core, seen by the app's program only through core/dist/vec.d.ts (no decorators there). Whether Vec is @slots is
  // read from core's source, found through core's tsconfig (transformer/core/checks/declarationSource.ts): no TSS1007.
  // check.js also takes @slots off Vec: the same declaration file then draws TSS1007 for Particle, so the verdict
  // really comes from the source. (tsc -b rebuilds the app only when core's declarations change, and taking @slots
  // off does not change them: check.js forces that rebuild; a plain incremental build keeps the last verdict.)
  test("a @slots base class from a referenced project draws no TSS1007; the same base without @slots does", () => {
    expect(facts.build.diagnostics).toEqual([]);
    expect(facts.reference).toEqual({ sameDeclarationFile: true, plainBaseWarns: { status: 0, warnings: 1 }, slotsBaseClean: [] });
  });
});

describe("Vite 8 (ts-slots/vite, then Vite's Oxc transform)", () => {
  // The production default: `vite build` is a production build, and `seal: "development"` (the default) leaves the
  // seal out there; the slots and placeholders are the same as in a development build.
  test("vite build (production) of a Node entry: slots and placeholders without the seal, no runtime loaded, stack traces at the .ts lines", () => {
    const dir = example("vite");
    expect(npmRun(dir, "build")).toMatchObject({ status: 0 });
    const started = npmRun(dir, "start");
    expect(started).toMatchObject({ status: 0 });
    const [facts] = printedFacts(started.stdout);
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
    expect(npmRun(dir, "build")).toMatchObject({ status: 0 });
    const started = npmRun(dir, "start");
    expect(started).toMatchObject({ status: 0 });
    const facts = printedFacts(started.stdout);
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
    expect(npmRun(dir, "build")).toMatchObject({ status: 0 });
    const started = npmRun(dir, "start");
    expect(started).toMatchObject({ status: 0 });
    const [facts] = printedFacts(started.stdout);
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
    expect(npmRun(dir, "build")).toMatchObject({ status: 0 });
    const started = npmRun(dir, "start");
    expect(started).toMatchObject({ status: 0 });
    const [facts] = printedFacts(started.stdout);
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

describe("TypeScript 7 (tsc type-checks; esbuild with ts-slots/esbuild builds)", () => {
  test("its npm package has no compiler API that a transformer could hook", () => {
    const dir = example("typescript-7");
    const probe = run(process.execPath, ["-e", `const ts = require("typescript"); console.log(JSON.stringify({ keys: Object.keys(ts).sort(), version: ts.version }))`], {
      cwd: dir,
    });
    expect(probe.status).toBe(0);
    expect(JSON.parse(probe.stdout)).toEqual({ keys: ["version", "versionMajorMinor"], version: "7.0.2" });
  });

  test("tsc 7 checks the @slots sources; the bundle has the transformer's facts, no runtime, stack traces at the .ts lines", () => {
    const dir = example("typescript-7");
    // The `tsc` that npm runs (node_modules/.bin) must be the project's TypeScript 7, not one a dependency brought.
    expect(run("npx", ["--no-install", "tsc", "--version"], { cwd: dir })).toMatchObject({ status: 0, stdout: "Version 7.0.2\n" });
    expect(npmRun(dir, "build")).toMatchObject({ status: 0 });
    const started = npmRun(dir, "start");
    expect(started).toMatchObject({ status: 0 });
    const [facts] = printedFacts(started.stdout);
    expect(facts).toMatchObject({ ...pluginFacts, runtimeLoaded: false, ...thrownAtShapes(dir) });
  });

  test("tsc 7 accepts a ts-slots error (valid TypeScript); the plugin fails the build, naming file and line", () => {
    const dir = example("typescript-7");
    const [typecheck, build] = withMisuse(dir, () => [npmRun(dir, "typecheck"), run("node", ["build.mjs"], { cwd: dir })]);
    expect(typecheck).toMatchObject({ status: 0, output: "" });
    expect(build.status).not.toBe(0);
    expect(build.output).toMatch(misuseReported);
  });
});

// Added after the list above so that this block stays at the end of the file (the list is shared): installed and
// checked like every other example.
exampleNames.push("vite-rollup-typescript");

describe("Vite 8 through @rollup/plugin-typescript with ts-patch's compiler (the ts-patch route inside Vite)", () => {
  /** Vite's report of a plugin error: `[plugin typescript] <file>:<line>:<column>`, then the message on the next line. */
  const errorAt = (file, line, column, label) => new RegExp(`\\[plugin typescript\\] \\S*${file.replace(/[.\\/]/g, "\\$&")}:${line}:${column}\\n[^\\n]*ts-slots ${label}:`);

  // `vite build` sets NODE_ENV=production before the plugin runs ts-patch's compiler: the transformer's default seal
  // mode, "development", leaves the seal out (a production build).
  test("vite build (production): slots and placeholders without the seal, no runtime loaded, stack traces at the .ts lines", () => {
    const dir = example("vite-rollup-typescript");
    expect(npmRun(dir, "build")).toMatchObject({ status: 0 });
    const started = npmRun(dir, "start");
    expect(started).toMatchObject({ status: 0 });
    const [facts] = printedFacts(started.stdout);
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

describe("webpack 5 + ts-loader with compiler ts-patch/compiler: where its errors show", () => {
  // ts-loader's transpileOnly mode prints transpileModule's diagnostics (ts-patch adds the transformer's there); its
  // type-checked mode reads the program's diagnostics and its emit output, never the emit's diagnostics, so there
  // the error is not reported (the seal still throws at run time). Pinned as a documented limitation.
  test("transpileOnly fails the build at file(line,column), once; the type-checked build does not see the error", () => {
    const dir = example("webpack");
    const build = withMisuse(dir, () => npmRun(dir, "build"));
    expect(build.status).not.toBe(0);
    expect(build.output).toMatch(/src[\\/]misuse\.ts\(8,5\)\n\s+TS991001: ts-slots TSS1001:/);
    expect(build.output.match(/TSS1001/g)).toHaveLength(1);
    expect(build.output).toMatch(/^ok {3}checked: /m);
    expect(build.output).toMatch(/^FAIL transpile-only: /m);
  });
});
