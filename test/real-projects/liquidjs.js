// @ts-check
// test/real-projects/liquidjs.js — the trial's setup for liquidjs (template engine; jest + ts-jest on src, and e2e
// tests on the built dist/liquid.node.js). The project's own code is not in this repo.
// The project pins TypeScript 4.9, which has no standard decorators: every route here uses TypeScript 6 (ours), the
// baseline too, through ts-jest's `compiler` option. ts-jest's own type errors are off (diagnostics: false): the trial
// counts TypeScript's diagnostics itself. dist/liquid.node.js (what the e2e tests import) is built by esbuild on the
// plain and bundler routes (upstream's rollup 1 + rollup-plugin-typescript2 run TypeScript 4.9) and is a re-export of
// the tspc build on the tspc route.
"use strict";
const path = require("path");
const { parseJest } = require("./parse-jest");

const ts6 = path.join(__dirname, "../../node_modules/typescript");

const jestConfig = (/** @type {string} */ compiler, /** @type {string} */ tsconfig) =>
  [
    "module.exports = {",
    "  testEnvironment: 'node',",
    "  testMatch: ['**/*.spec.ts'],",
    "  modulePathIgnorePatterns: ['<rootDir>/demo/', '<rootDir>/.ts-slots-trial/'],",
    "  cacheDirectory: '<rootDir>/node_modules/.cache/jest-ts-slots-trial',",
    `  transform: { '^.+\\\\.ts$': ['ts-jest', { compiler: ${JSON.stringify(compiler)}, tsconfig: ${JSON.stringify(tsconfig)}, diagnostics: false, isolatedModules: true }] },`,
    "};",
    "",
  ].join("\n");

const esbuildDist = (/** @type {boolean} */ plugin) =>
  `node -e 'require("esbuild").build({ entryPoints: ["src/index.ts"], bundle: true, format: "cjs", platform: "node", target: "es2017", outfile: "dist/liquid.node.js", tsconfig: "tsconfig.ts-slots-trial.json", plugins: ${plugin ? '[require("ts-slots/esbuild").default()]' : "[]"} }).catch(e => { console.error(e); process.exit(1) })'`;

const jest = (/** @type {string} */ config, /** @type {any} */ c, /** @type {string} */ only = "") => `npx jest -c ${config} --json --outputFile=${c.report} ${only}`;

module.exports = {
  name: "liquidjs",
  repo: "harttle/liquidjs",
  commit: "8bfb6428ae7a1cb414a77acec30d26dfd28af9e2",
  setup: ["npm ci --ignore-scripts", "npm install --no-save <ts-slots worktree> esbuild"],
  sources: ["src"],
  tsconfig: "tsconfig.ts-slots-trial.json",
  typescript: () => ts6,
  files: {
    "tsconfig.ts-slots-trial.json": JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { ignoreDeprecations: "6.0", types: ["node", "jest"] }, exclude: ["node_modules", "dist", "demo", "test", ".ts-slots-trial", "benchmark", "docs", "bin"] }, null, 2),
    "test/tsconfig.ts-slots-trial.json": JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { ignoreDeprecations: "6.0", plugins: [{ transform: "ts-slots/transformer" }] } }, null, 2),
    // The tspc build goes under dist/, not .ts-slots-trial/: the jest config's modulePathIgnorePatterns hides that folder
    // from require (the re-export then finds no module and no e2e test runs). rootDir "." because src's spec files
    // import test/ helpers; the build's entry is then dist/ts-slots-tspc/src/index.js.
    "tsconfig.ts-slots-tspc.json": JSON.stringify({ extends: "./tsconfig.ts-slots-trial.json", compilerOptions: { outDir: "dist/ts-slots-tspc", rootDir: ".", declaration: false, sourceMap: false, plugins: [{ transform: "ts-slots/transformer" }] }, include: ["src"] }, null, 2),
    "jest.ts-slots-plain.config.js": jestConfig(ts6, "test/tsconfig.ts-slots-trial.json"),
  },
  // Every route runs the e2e tests (test/e2e, on the built dist/liquid.node.js): the unit and integration suites import
  // src through ts-jest and take over 10 minutes on this shared machine, too long for the trial's time box.
  routes: {
    // The run-time decorator: esbuild's bundle without the plugin.
    plain: { build: () => [esbuildDist(false)], test: (/** @type {any} */ c) => jest("jest.ts-slots-plain.config.js", c, "test/e2e") },
    // Emitter 1: tspc (ts-patch 4, TypeScript 6, the tsconfig's transformer) builds src; dist re-exports it.
    tspc: {
      build: (/** @type {any} */ c) => [`rm -rf dist/ts-slots-tspc`, `node ${c.worktree}/node_modules/ts-patch/bin/tspc.js -p tsconfig.ts-slots-tspc.json`, `echo 'module.exports = require("./ts-slots-tspc/src/index.js");' > dist/liquid.node.js`],
      buildMayFail: true,
      test: (/** @type {any} */ c) => jest("jest.ts-slots-plain.config.js", c, "test/e2e"),
    },
    // Emitter 2: esbuild with ts-slots/esbuild builds dist.
    bundler: { build: () => [esbuildDist(true)], test: (/** @type {any} */ c) => jest("jest.ts-slots-plain.config.js", c, "test/e2e") },
  },
  recallRoutes: ["bundler"],
  parse: (/** @type {any} */ r, /** @type {string} */ report) => parseJest(r, report),
};
