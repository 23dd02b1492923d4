// @ts-check
// test/real-projects/liquidjs-define.js — liquidjs (test/real-projects/liquidjs.js) built at target ES2022 with
// define semantics (native class fields) on every route: the setting where a slot's first value is decided by the
// program's in-place writes (transformer/core/inPlaceWrites.ts). The project's own tsconfig targets ES6 (assign
// semantics); here the trial's tsconfig and esbuild's target are raised, and the normal build is raised with them.
"use strict";
const liquidjs = require("./liquidjs");

const esbuildDist = (/** @type {boolean} */ plugin) =>
  `node -e 'require("esbuild").build({ entryPoints: ["src/index.ts"], bundle: true, format: "cjs", platform: "node", target: "es2022", outfile: "dist/liquid.node.js", tsconfig: "tsconfig.ts-slots-trial.json", plugins: ${plugin ? '[require("ts-slots/esbuild").default()]' : "[]"} }).catch(e => { console.error(e); process.exit(1) })'`;

const define = { target: "ES2022", lib: ["ES2022", "DOM"], useDefineForClassFields: true };
const trialConfig = JSON.parse(liquidjs.files["tsconfig.ts-slots-trial.json"]);

module.exports = {
  ...liquidjs,
  name: "liquidjs-define",
  files: {
    ...liquidjs.files,
    "tsconfig.ts-slots-trial.json": JSON.stringify({ ...trialConfig, compilerOptions: { ...trialConfig.compilerOptions, ...define } }, null, 2),
  },
  routes: {
    ...liquidjs.routes,
    plain: { ...liquidjs.routes.plain, build: () => [esbuildDist(false)] },
    bundler: { ...liquidjs.routes.bundler, build: () => [esbuildDist(true)] },
  },
};
