// @ts-check
// Temporary TypeScript projects compiled by the real compiler (plain `tsc`, or ts-patch's `tspc` with the real
// plugin), and child `node` processes that run their output. Shared by the core, diagnostics and differential tests.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

const repoRoot = path.resolve(__dirname, "../..");
const bin = {
  tsc: path.join(repoRoot, "node_modules/typescript/bin/tsc"),
  tspc: path.join(repoRoot, "node_modules/ts-patch/bin/tspc.js"),
};

/** The compiler configurations the core promises to support, each a small `compilerOptions` overlay. */
const configurations = [
  { id: "es2022-define-standard", options: { target: "ES2022", useDefineForClassFields: true, experimentalDecorators: false } },
  { id: "es2022-assign-legacy", options: { target: "ES2022", useDefineForClassFields: false, experimentalDecorators: true } },
  { id: "es2015-define-legacy", options: { target: "ES2015", useDefineForClassFields: true, experimentalDecorators: true } },
  { id: "es2020-assign-standard", options: { target: "ES2020", useDefineForClassFields: false, experimentalDecorators: false } },
  { id: "es2022-esm-standard", options: { target: "ES2022", module: "ESNext", moduleResolution: "bundler" }, esm: true },
];

/** Compiled and pinned by golden files but not run: Node 20 runs neither native decorators nor `accessor`. */
const compileOnlyConfigurations = [
  { id: "esnext-esm-standard", options: { target: "ESNext", module: "ESNext", moduleResolution: "bundler" }, esm: true },
];

const baseOptions = {
  module: "commonjs",
  moduleResolution: "node10",
  strict: true,
  outDir: "out",
  rootDir: "src",
  types: [],
  lib: ["ES2022", "DOM"],
  ignoreDeprecations: "6.0",
  skipLibCheck: true,
};

/**
 * Creates a project directory: `src/` holds `files`, `node_modules/ts-slots` links to this repository, and the
 * tsconfig carries the ts-slots plugin entry unless `plugin` is false.
 */
function makeProject({ files, compilerOptions = {}, plugin = {}, esm = false, name = "project" }) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), `ts-slots-${name}-`));
  fs.mkdirSync(path.join(base, "node_modules"), { recursive: true });
  fs.symlinkSync(repoRoot, path.join(base, "node_modules/ts-slots"), "dir");
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(base, "src", file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  const plugins = plugin === false ? [] : [{ transform: "ts-slots/transformer", ...plugin }];
  const tsconfig = { compilerOptions: { ...baseOptions, ...compilerOptions, plugins }, include: ["src"] };
  fs.writeFileSync(path.join(base, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  fs.writeFileSync(path.join(base, "package.json"), JSON.stringify({ name, private: true, type: esm ? "module" : "commonjs" }));
  return base;
}

/** Runs `tsc` or ts-patch's `tspc` on the project; returns its exit status and everything it printed. */
function compile(dir, compiler = "tspc", extraArgs = []) {
  const result = spawnSync(process.execPath, [bin[compiler], "-p", dir, "--pretty", "false", ...extraArgs], {
    cwd: dir,
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * Runs a file under node (with natives syntax for %HaveSameMap); returns status, stdout, stderr.
 * @param {string} file
 * @param {{ args?: string[], natives?: boolean, cwd?: string }} [options]
 */
function runNode(file, { args = [], natives = true, cwd } = {}) {
  const flags = natives ? ["--allow-natives-syntax"] : [];
  const result = spawnSync(process.execPath, [...flags, file, ...args], { cwd: cwd ?? path.dirname(file), encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function readTree(dir, suffix = ".js") {
  const out = {};
  const walk = (current) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(suffix)) out[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return out;
}

module.exports = { repoRoot, bin, configurations, compileOnlyConfigurations, baseOptions, makeProject, compile, runNode, readTree };
