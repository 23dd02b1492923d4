// @ts-check
// What the two examples test files share (test/examples.test.js: the compiler routes, tsc, tspc, ts-patch, ts-jest,
// ts-loader, TypeScript 7; test/examples-bundlers.test.js: the bundler plugins and the Node hook): which examples each
// runs, their install from the lock files (each file installs only its own examples, so jest runs the two side by
// side), and the helpers that run an example and read what it printed.
"use strict";
const fs = require("fs");
const path = require("path");
const { packTarball } = require("./pack");
const { examplesDir, makeRoot, cleanup, copyExample, inParallel } = require("./sandbox");
const { installFromLock, installKey } = require("./lockfile");
const { run, timings } = require("./run");
const { installNode, withNodeOnPath } = require("./node");
const { misuseSource } = require("../helpers/misuse");

/** test/examples.test.js, in install order (the longest installs first). */
const compilerExamples = ["ts-jest", "webpack", "ts-patch-install", "typescript-7", "tspc", "esm-nodenext", "watch-build"];
/** test/examples-bundlers.test.js, in install order. */
const bundlerExamples = ["webpack-plugin", "vitest", "rollup", "rspack", "vite-rollup-typescript", "esbuild", "vite", "esbuild-fallback", "node-register", "bun"];

/**
 * TS_SLOTS_EXAMPLES=vite,rspack installs only those examples (with `-t` to run only their tests): a quicker run while
 * working on a few. Unset in CI: every example is installed.
 */
const onlyExamples = process.env.TS_SLOTS_EXAMPLES?.split(",").filter(Boolean);

/**
 * Installs `names` in a temporary directory before the file's tests (two installs at a time; with `node`, Node 24
 * from the registry beside them) and removes it after. Examples whose lock files and install scripts are the same
 * (installKey) share one `npm ci`: the others get a link to its node_modules, which resolves for them as their own
 * would. Returns the accessors the tests use.
 * @param {string[]} names
 * @param {{ node?: boolean }} [options]
 */
function useExamples(names, { node = false } = {}) {
  let root;
  /** @type {Record<string, { value?: string, error?: any }>} */
  const installs = {};
  /** @type {string[][]} */
  let sharedInstalls = [];
  /** @type {{ value?: any, error?: any } | undefined} */
  let newerNode;

  beforeAll(async () => {
    const { tarball } = packTarball();
    root = makeRoot("examples");
    const installed = onlyExamples ? names.filter((name) => onlyExamples.includes(name)) : names;
    /** @type {Map<string, string[]>} */
    const groups = new Map();
    for (const name of installed) {
      const key = installKey(path.join(examplesDir, name));
      groups.set(key, [...(groups.get(key) ?? []), name]);
    }
    const [nodeResult, ...results] = await inParallel([
      async () => (node ? installNode() : undefined),
      ...[...groups.values()].map((members) => async () => {
        const dirs = members.map((name) => copyExampleWithLock(name, root, tarball));
        await installFromLock(dirs[0]);
        for (const dir of dirs.slice(1)) fs.symlinkSync(path.join(dirs[0], "node_modules"), path.join(dir, "node_modules"), "dir");
        return dirs;
      }),
    ]);
    newerNode = nodeResult;
    [...groups.values()].forEach((members, i) =>
      members.forEach((name, member) => (installs[name] = results[i].error ? results[i] : { value: results[i].value[member] })),
    );
    sharedInstalls = [...groups.values()].filter((members) => members.length > 1);
  }, 20 * 60 * 1000);

  afterAll(() => {
    const total = timings.reduce((sum, t) => sum + t.ms, 0);
    console.log(
      `examples: ${timings.length} child processes, ${(total / 1000).toFixed(1)} s in total\n` +
        timings.map((t) => `  ${(t.ms / 1000).toFixed(1).padStart(6)} s  ${path.basename(t.cwd ?? "")}: ${t.command.slice(0, 100)}`).join("\n"),
    );
    cleanup(root);
  });

  return {
    /**
     * The installed copy of an example; fails the test with npm's output if its install failed.
     * @param {string} name
     */
    example(name) {
      const result = installs[name];
      if (!result) throw new Error(`${name} was not installed`);
      if (result.error) throw result.error;
      return /** @type {string} */ (result.value);
    },
    /** The environment that runs Node 24 as `node`; fails the test with npm's output if its install failed. */
    newerNodeEnv() {
      if (!newerNode) throw new Error("Node 24 was not installed");
      if (newerNode.error) throw newerNode.error;
      return withNodeOnPath(newerNode.value);
    },
    /** The groups of examples that shared one install. */
    sharedInstalls: () => sharedInstalls,
  };
}

/**
 * examples/<name> copied as copyExample does (ts-slots pointed at the tarball), with its lock file, which `npm ci`
 * installs from.
 * @param {string} name
 * @param {string} into
 * @param {string} tarball
 */
function copyExampleWithLock(name, into, tarball) {
  const dir = copyExample(name, into, tarball);
  fs.copyFileSync(path.join(examplesDir, name, "package-lock.json"), path.join(dir, "package-lock.json"));
  return dir;
}

/** `npm run <script>` in an example, without npm's own banner and warnings. */
function npmRun(dir, script, args = [], env = undefined, timeout = 5 * 60 * 1000) {
  const result = run("npm", ["run", "--silent", script, ...(args.length > 0 ? ["--", ...args] : [])], { cwd: dir, env, timeout });
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

/** `npm run build` then `npm start` in an example, each asserted to succeed: the facts the started program printed. */
function builtFacts(dir) {
  expect(npmRun(dir, "build")).toMatchObject({ status: 0 });
  const started = npmRun(dir, "start");
  expect(started).toMatchObject({ status: 0 });
  return printedFacts(started.stdout);
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

module.exports = {
  compilerExamples,
  bundlerExamples,
  onlyExamples,
  useExamples,
  examplesDir,
  run,
  npmRun,
  printedFacts,
  builtFacts,
  positionOf,
  transformedFacts,
  fallbackFacts,
  pluginFacts,
  productionFacts,
  thrownAtShapes,
  misuseSource,
  misuseReported,
  withEdits,
  withMisuse,
};
