// @ts-check
// test/real-projects/planck.js — the trial's setup for planck.js (2D physics engine, vitest): which commit, how to
// install, the tsconfig to audit and diagnose, and the three test routes. The project's own code is not in this repo.
"use strict";
const path = require("path");
const { parseVitest } = require("./trial");

const exclude = ["node_modules", "example", "benchmark", "docs", "vite.config.*", "test-d/", "dist", ".ts-slots-trial", "*.ts-slots-trial.*"];

module.exports = {
  name: "planck",
  repo: "piqnt/planck.js",
  commit: "c96feaccea0eaff0916985a4a856eac8f831bf25",
  setup: ["npm ci", "npm install --no-save <ts-slots worktree>"],
  // The files `add` may change, restored with git checkout between steps.
  sources: ["src", "testbed"],
  // The tests (src/**/__test__) import src only: testbed's classes (the stage-js views) are never constructed there.
  recallScope: ["src/"],
  // The project's tsconfig, with the trial's own output kept out of it (its include is "everything but exclude").
  tsconfig: "tsconfig.ts-slots-trial.json",
  /** The project's own TypeScript (5.6) for its diagnostics. */
  typescript: (/** @type {string} */ dir) => path.join(dir, "node_modules/typescript"),
  files: {
    "tsconfig.ts-slots-trial.json": JSON.stringify({ extends: "./tsconfig.json", exclude }, null, 2),
    // tspc (ts-patch 4 on TypeScript 6 from the ts-slots worktree): the project's settings plus what TS 6 asks of a
    // target-ES5 / node10 tsconfig, emitting ES modules the project's vitest then runs.
    "tsconfig.ts-slots-tspc.json": JSON.stringify(
      {
        extends: "./tsconfig.json",
        compilerOptions: { noEmit: false, outDir: ".ts-slots-trial/tspc", rootDir: ".", ignoreDeprecations: "6.0", plugins: [{ transform: "ts-slots/transformer" }] },
        include: ["src", "testbed", "types"],
        exclude,
      },
      null,
      2,
    ),
    // What a user writes: the project's vite config with ts-slots/vite added.
    "vitest.ts-slots-trial.mts": [
      'import base from "./vite.config.mts";',
      'import slots from "ts-slots/vite";',
      'import { mergeConfig, type ConfigEnv } from "vite";',
      "export default (env: ConfigEnv) => mergeConfig(base(env), { plugins: [slots()] });",
      "",
    ].join("\n"),
  },
  routes: {
    plain: { test: (/** @type {any} */ c) => `npx vitest run --exclude '.ts-slots-trial/**' --reporter=json --outputFile=${c.report}` },
    tspc: {
      build: (/** @type {any} */ c) => [`rm -rf ${c.out}`, `node ${c.worktree}/node_modules/ts-patch/bin/tspc.js -p tsconfig.ts-slots-tspc.json`],
      test: (/** @type {any} */ c) => `npx vitest run --dir ${c.out} --reporter=json --outputFile=${c.report}`,
    },
    bundler: { test: (/** @type {any} */ c) => `npx vitest run --config vitest.ts-slots-trial.mts --exclude '.ts-slots-trial/**' --reporter=json --outputFile=${c.report}` },
  },
  parse: (/** @type {any} */ r, /** @type {string} */ report) => parseVitest(r, report),
};
