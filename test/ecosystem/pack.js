// The ts-slots package as users get it: the repository built into a staging directory and packed by `npm pack`,
// once per set of sources. Both ecosystem test files (separate jest workers) share the tarball through a
// content-keyed directory in os.tmpdir(), built under a lock, so the repository's own dist/ is never touched.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { repoRoot } = require("../helpers/project");
const { run } = require("./run");

/** The directories tsconfig.build.json compiles, and the files `npm pack` reads besides dist/. */
const sourceDirs = ["runtime", "transformer", "plugins", "language-service", "cli"];
const rootFiles = ["package.json", "tsconfig.json", "tsconfig.build.json", "README.md", "LICENSE"];

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : listFiles(full);
    return [full];
  });
}

/** A hash of everything the tarball is made from. */
function sourceHash() {
  const hash = crypto.createHash("sha256");
  const files = [...rootFiles.map((name) => path.join(repoRoot, name)), ...sourceDirs.flatMap((dir) => listFiles(path.join(repoRoot, dir)))];
  for (const file of files.sort()) {
    if (!fs.existsSync(file)) continue;
    hash.update(path.relative(repoRoot, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/** Removes tarballs of other sources that no run has built for a day. */
function pruneOlderThan(cache, ms, keep) {
  for (const entry of fs.readdirSync(cache)) {
    const full = path.join(cache, entry);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (full !== keep && stat && Date.now() - stat.mtimeMs > ms) fs.rmSync(full, { recursive: true, force: true });
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `create` once across processes: the first caller takes the lock, the others wait for `done`. */
function once(dir, create) {
  const done = path.join(dir, "done.json");
  const lock = path.join(dir, "lock");
  fs.mkdirSync(dir, { recursive: true });
  for (const started = Date.now(); Date.now() - started < 10 * 60 * 1000; sleep(250)) {
    if (fs.existsSync(done)) {
      const result = JSON.parse(fs.readFileSync(done, "utf8"));
      if (fs.existsSync(result.tarball)) return result;
      fs.rmSync(done); // the tarball was cleaned away: build it again
    }
    try {
      fs.mkdirSync(lock);
    } catch {
      // Another worker holds the lock; a lock older than 3 minutes belongs to a run that died.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 3 * 60 * 1000) fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    try {
      const result = create();
      fs.writeFileSync(done, JSON.stringify(result));
      return result;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
  throw new Error(`timed out waiting for ${lock}`);
}

/**
 * Builds the package (tsconfig.build.json, the repository's TypeScript) into a staging copy and packs it.
 * Returns `{ tarball, hash }`; the tarball path is absolute.
 */
function packTarball() {
  const hash = sourceHash();
  const cache = path.join(os.tmpdir(), "ts-slots-ecosystem-pack");
  const dir = path.join(cache, hash);
  return once(dir, () => {
    pruneOlderThan(cache, 24 * 60 * 60 * 1000, dir);
    const stage = path.join(dir, "stage");
    fs.rmSync(stage, { recursive: true, force: true });
    fs.mkdirSync(stage, { recursive: true });
    const tsc = path.join(repoRoot, "node_modules/typescript/bin/tsc");
    const build = run(process.execPath, [tsc, "-p", path.join(repoRoot, "tsconfig.build.json"), "--outDir", path.join(stage, "dist")], {
      cwd: repoRoot,
    });
    // A type error elsewhere in the package still emits; what the examples need is the transformer and runtime.
    for (const entry of ["dist/runtime/index.js", "dist/transformer/index.js"]) {
      if (!fs.existsSync(path.join(stage, entry))) throw new Error(`build did not produce ${entry}:\n${build.output}`);
    }
    for (const name of ["package.json", "README.md", "LICENSE"]) {
      if (fs.existsSync(path.join(repoRoot, name))) fs.copyFileSync(path.join(repoRoot, name), path.join(stage, name));
    }
    const packed = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: stage });
    if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.output}`);
    const [{ filename }] = JSON.parse(packed.stdout);
    return { tarball: path.join(dir, filename), hash, buildStatus: build.status, buildOutput: build.output };
  });
}

module.exports = { packTarball, sourceHash };
