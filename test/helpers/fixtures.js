// @ts-check
// The core fixture programs (fixtures/core), selected for a configuration, and a runner for their probe.
"use strict";
const fs = require("fs");
const path = require("path");
const { repoRoot, runNode } = require("./project");

const coreDir = path.join(repoRoot, "fixtures/core");

/**
 * `*.standard.ts` fixtures use decorators on class expressions, which exist only as standard decorators.
 * `*.native.ts` fixtures are TypeScript errors (TS2401) unless class fields are native (ES2022 and define semantics).
 */
function coreFixtures(configuration) {
  const legacy = configuration.options.experimentalDecorators === true;
  const target = String(configuration.options.target ?? "ES2022").toUpperCase();
  const native = (target === "ESNEXT" || Number(target.replace("ES", "")) >= 2022) && configuration.options.useDefineForClassFields !== false;
  /** @type {Record<string, string>} */
  const files = {};
  for (const name of fs.readdirSync(coreDir).sort()) {
    if (!name.endsWith(".ts") || (legacy && name.includes(".standard.")) || (!native && name.includes(".native."))) continue;
    files[name] = fs.readFileSync(path.join(coreDir, name), "utf8");
  }
  return files;
}

/** The names of the fixtures that export probe groups (all but the shared `_probe.ts`). */
function probedFixtures(files) {
  return Object.keys(files).filter((name) => !name.startsWith("_"));
}

/** Runs test/helpers/probe.js on a compiled fixture; returns the parsed report or the failure. */
function probe(outFile, esm) {
  const result = runNode(path.join(__dirname, "probe.js"), { args: [outFile, esm ? "esm" : "cjs"], cwd: path.dirname(outFile) });
  if (result.status !== 0) return { error: result.stderr };
  return JSON.parse(result.stdout);
}

/**
 * Runs test/helpers/probe.js once on many compiled fixtures; returns each file's report or failure, keyed by the path
 * given. The files share a process but not a module: each fixture's classes still get their own hidden classes.
 */
function probeEach(outFiles, esm) {
  const result = runNode(path.join(__dirname, "probe.js"), { args: ["--each", esm ? "esm" : "cjs", ...outFiles], cwd: path.dirname(outFiles[0]) });
  if (result.status !== 0) throw new Error(`probe.js --each failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

module.exports = { coreDir, coreFixtures, probedFixtures, probe, probeEach };
