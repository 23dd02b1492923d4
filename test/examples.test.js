// @ts-check
// The examples in examples/ that run the ts-slots transformer inside a TypeScript compiler (tspc, tsc after
// `ts-patch install`, ts-jest, webpack's ts-loader, project references and watch) and TypeScript 7's tsc beside
// esbuild, each installed as a user would (a copy in a temporary directory, `npm ci` from its lock file, ts-slots from
// the packed tarball) and run: the builds must succeed and the programs must report the facts ts-slots promises in
// that tool (sealed, add/delete throw, typed placeholders, one hidden class, no runtime left where the transformer
// ran, stack traces at the .ts lines). test/examples-bundlers.test.js runs the bundler plugins' examples beside this
// file; the first test here checks that every folder of examples/ is run by one of the two.
"use strict";
const fs = require("fs");
const path = require("path");
const {
  useExamples,
  run,
  npmRun,
  printedFacts,
  builtFacts,
  positionOf,
  transformedFacts,
  pluginFacts,
  thrownAtShapes,
  misuseReported,
  withMisuse,
  compilerExamples,
  bundlerExamples,
  onlyExamples,
  examplesDir,
} = require("./ecosystem/examples");
const { readTree } = require("./helpers/project");
const { lockProblem } = require("./ecosystem/lockfile");

const { example, sharedInstalls } = useExamples(compilerExamples);

test("every folder in examples/ is run by this file or examples-bundlers.test.js, installed from its lock file", () => {
  const folders = fs.readdirSync(examplesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  expect(folders.sort()).toEqual([...compilerExamples, ...bundlerExamples].sort());
  for (const name of folders) {
    const manifest = JSON.parse(fs.readFileSync(path.join(examplesDir, name, "package.json"), "utf8"));
    expect({ name, dependency: manifest.dependencies?.["ts-slots"] }).toEqual({ name, dependency: "file:../.." });
    const readme = fs.readFileSync(path.join(examplesDir, name, "README.md"), "utf8").trim().split("\n");
    expect({ name, readmeLines: readme.length <= 2 }).toEqual({ name, readmeLines: true });
    // `npm ci` installs what the lock file pins, and refuses a lock file out of step with package.json.
    expect({ name, npmCi: readme.join("\n").includes("`npm ci") && !readme.join("\n").includes("npm install &&") }).toEqual({ name, npmCi: true });
    const lockPath = path.join(examplesDir, name, "package-lock.json");
    const lock = fs.existsSync(lockPath) ? JSON.parse(fs.readFileSync(lockPath, "utf8")) : { lockfileVersion: "missing" };
    expect({ name, lockProblem: lockProblem(manifest, lock) }).toEqual({ name, lockProblem: undefined });
  }
});

test("examples with the same lock file share one install; the others have their own", () => {
  // tspc, esm-nodenext and watch-build pin the same packages; ts-patch-install too, but its `prepare` patches
  // node_modules/typescript, which the tspc example must not see.
  const shared = sharedInstalls().map((names) => [...names].sort());
  if (!onlyExamples) expect(shared).toEqual([["esm-nodenext", "tspc", "watch-build"]]);
  for (const names of shared) {
    const real = names.map((name) => fs.realpathSync(path.join(example(name), "node_modules")));
    expect(new Set(real).size).toBe(1);
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

  // A dozen builds and a watcher: 100 s on a quiet machine, over 5 minutes on a loaded one.
  beforeAll(() => {
    checked = npmRun(example("watch-build"), "test", [], undefined, 12 * 60 * 1000);
    [facts] = printedFacts(checked.stdout).slice(-1);
  }, 12 * 60 * 1000);

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
    const [facts] = builtFacts(dir);
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
