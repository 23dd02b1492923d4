// @ts-check
// test/real-projects/esprima.js — the trial's setup for esprima (ECMAScript parser, AST node classes; tests are node
// scripts and mocha on the built `dist/esprima.js`). The project's own code is not in this repo.
// Upstream builds with `tsc -p src/` (TypeScript 3.2) then webpack 1 into dist/esprima.js; here every route builds
// with TypeScript 6 (ours) into .ts-slots-trial/<route> and dist/esprima.js re-exports that build, so the project's
// tests run unchanged on it. test/3rdparty's large files are not in the snapshot: regression-tests is left out.
"use strict";
const fs = require("fs");
const path = require("path");

const scripts = {
  unit: "node test/unit-tests.js",
  api: "node_modules/.bin/mocha -R json test/api-tests.js",
  grammar: "node test/grammar-tests.js",
  hostile: "node test/hostile-environment-tests.js",
};

/** dist/esprima.js, the package's main, pointing at one route's build. */
const shim = (/** @type {string} */ target) => `mkdir -p dist && echo 'module.exports = require(${JSON.stringify(target)});' > dist/esprima.js`;

const run = (/** @type {any} */ c) => [`mkdir -p ${c.report}.d`, ...Object.entries(scripts).map(([k, cmd]) => `(${cmd}) > ${c.report}.d/${k}.out 2>&1; echo $? > ${c.report}.d/${k}.code`)].join("; ");

const tsc6 = (/** @type {any} */ c) => `node ${c.worktree}/node_modules/typescript/bin/tsc`;

module.exports = {
  name: "esprima",
  repo: "jquery/esprima",
  commit: "512cd66c6ffd6083144b0150f09670e426252776",
  setup: ["npm install --ignore-scripts", "node tools/generate-fixtures.js", "npm install --no-save <ts-slots worktree> esbuild"],
  sources: ["src"],
  tsconfig: "src/tsconfig.ts-slots-trial.json",
  /** TypeScript 6 (the project's own 3.2 predates the decorators ts-slots types). */
  typescript: () => path.join(__dirname, "../../node_modules/typescript"),
  files: {
    // The project's src/tsconfig.json with what TS 6 asks of a target-ES5 config.
    "src/tsconfig.ts-slots-trial.json": JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { ignoreDeprecations: "6.0", types: [] } }, null, 2),
    "src/tsconfig.ts-slots-tspc.json": JSON.stringify({ extends: "./tsconfig.ts-slots-trial.json", compilerOptions: { outDir: "../.ts-slots-trial/tspc-out", plugins: [{ transform: "ts-slots/transformer" }] } }, null, 2),
    "esbuild.ts-slots-trial.mjs": [
      'import { build } from "esbuild";',
      'import slots from "ts-slots/esbuild";',
      "await build({ entryPoints: ['src/esprima.ts'], bundle: true, format: 'cjs', platform: 'node', target: 'es2015', outfile: '.ts-slots-trial/esbuild-out/esprima.js', tsconfig: 'src/tsconfig.ts-slots-trial.json', plugins: [slots()] });",
      "",
    ].join("\n"),
  },
  routes: {
    plain: {
      build: (/** @type {any} */ c) => [`rm -rf .ts-slots-trial/tsc-out`, `${tsc6(c)} -p src/tsconfig.ts-slots-trial.json --outDir .ts-slots-trial/tsc-out`, shim("../.ts-slots-trial/tsc-out/esprima.js")],
      buildMayFail: true,
      test: run,
    },
    tspc: {
      build: (/** @type {any} */ c) => [`rm -rf .ts-slots-trial/tspc-out`, `node ${c.worktree}/node_modules/ts-patch/bin/tspc.js -p src/tsconfig.ts-slots-tspc.json`, shim("../.ts-slots-trial/tspc-out/esprima.js")],
      buildMayFail: true,
      test: run,
    },
    bundler: {
      build: () => [`rm -rf .ts-slots-trial/esbuild-out`, `node esbuild.ts-slots-trial.mjs`, shim("../.ts-slots-trial/esbuild-out/esprima.js")],
      test: run,
    },
  },
  /** Per script: its failures (unit: the failing sources; api: mocha's failed titles; others: the exit code). */
  parse: (/** @type {any} */ _r, /** @type {string} */ report) => {
    let passed = 0;
    /** @type {string[]} */
    const failedTests = [];
    for (const k of Object.keys(scripts)) {
      const out = fs.readFileSync(`${report}.d/${k}.out`, "utf8");
      const code = Number(fs.readFileSync(`${report}.d/${k}.code`, "utf8"));
      if (k === "unit") {
        const m = /(\d+) tests\. (\d+) failures/.exec(out);
        if (!m) { failedTests.push(`unit: crashed: ${out.slice(-300)}`); continue; }
        passed += Number(m[1]) - Number(m[2]);
        for (const line of out.split("\n")) if (/: Expected$/.test(line)) failedTests.push(`unit: ${line.slice(0, 120)}`);
      } else if (k === "api") {
        const start = out.indexOf("{\n");
        try {
          const j = JSON.parse(out.slice(start));
          passed += j.stats.passes;
          for (const f of j.failures) failedTests.push(`api: ${f.fullTitle}: ${String(f.err?.message).slice(0, 120)}`);
        } catch {
          failedTests.push(`api: crashed: ${out.slice(-300)}`);
        }
      } else if (code === 0) passed += 1;
      else failedTests.push(`${k}: exit ${code}: ${out.trim().split("\n").slice(-2).join(" ").slice(0, 200)}`);
    }
    return { passed, failed: failedTests.length, failedTests };
  },
};
