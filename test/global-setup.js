// @ts-check
// Jest's globalSetup: the suites load dist/ (the transformer through ts-patch, the plugins, the runtime, the CLI from
// dist/cli). A clone's `npm install` builds dist/ (package.json `prepare`); this rebuilds it when a source edited since
// is newer than its output, so `npm test` never runs stale code. A run on a built tree costs a few stat calls instead
// of a full `tsc` (about 7 s of CPU).
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const repoRoot = path.resolve(__dirname, "..");
/** The directories tsconfig.build.json compiles, each to dist/<dir>. */
const sourceDirs = ["runtime", "transformer", "plugins", "language-service", "cli"];
const configFiles = ["tsconfig.json", "tsconfig.build.json"];

function sourcesIn(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesIn(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

const modified = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : -Infinity);

/** The first source whose output is missing or older than it (or than the build configuration), else undefined. */
function staleSource() {
  const configTime = Math.max(...configFiles.map((file) => modified(path.join(repoRoot, file))));
  for (const source of sourceDirs.flatMap((dir) => sourcesIn(path.join(repoRoot, dir)))) {
    const output = path.join(repoRoot, "dist", path.relative(repoRoot, source)).replace(/\.ts$/, ".js");
    if (modified(output) < Math.max(modified(source), configTime)) return path.relative(repoRoot, source);
  }
  return undefined;
}

module.exports = function buildBeforeTests() {
  const stale = staleSource();
  if (!stale) return;
  process.stdout.write(`\nts-slots: ${stale} is newer than dist/, building (tsc -p tsconfig.build.json)\n`);
  const tsc = path.join(repoRoot, "node_modules/typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: repoRoot, encoding: "utf8" });
  // Status 2: type errors, output written anyway. The suites then test what was emitted and the errors stay visible
  // here; `npm run build` (run by `npm install` through `prepare`, and by `prepack`) is the gate that fails on them.
  if (result.status === 2) process.stdout.write(`ts-slots: the build reported type errors (output written):\n${result.stdout}${result.stderr}\n`);
  else if (result.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed before the tests:\n${result.stdout}${result.stderr}`);
};

module.exports.staleSource = staleSource;
