// The two packages as users get them, ts-slots and @ts-slots/cli (packages/cli): the repository built into staging
// directories and packed by `npm pack`, once per set of sources. ts-slots' manifest is the one its `prepack` writes
// (scripts/packed-manifest.js: no `prepare`, no devDependencies); the CLI is bundled by packages/cli/build.mjs. The
// ecosystem test files (separate jest workers) share the tarballs through a content-keyed directory in os.tmpdir(),
// built under a lock, so the repository's own dist/ and package.json are never touched.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { repoRoot } = require("../helpers/project");
const { run } = require("./run");
const { packedManifest } = require("../../scripts/packed-manifest");

/** The directories tsconfig.build.json compiles, and the files `npm pack` reads besides dist/. */
const sourceDirs = ["runtime", "transformer", "plugins", "language-service", "cli"];
const rootFiles = ["package.json", "tsconfig.json", "tsconfig.build.json", "README.md", "LICENSE", "scripts/packed-manifest.js"];
/** @ts-slots/cli's own files (its dist/ is built from cli/). */
const cliDir = path.join(repoRoot, "packages/cli");
const cliFiles = ["package.json", "typescript.js", "README.md", "build.mjs"];

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "dist" ? [] : listFiles(full);
    return [full];
  });
}

/** A hash of everything the tarball is made from. */
function sourceHash() {
  const hash = crypto.createHash("sha256");
  const files = [
    ...rootFiles.map((name) => path.join(repoRoot, name)),
    ...cliFiles.map((name) => path.join(cliDir, name)),
    ...sourceDirs.flatMap((dir) => listFiles(path.join(repoRoot, dir))),
  ];
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

/** `npm pack` of a staging directory as it is (its scripts were run by hand); the tarball's absolute path. */
function npmPack(stage, destination) {
  const packed = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", destination], { cwd: stage });
  if (packed.status !== 0) throw new Error(`npm pack failed in ${stage}:\n${packed.output}`);
  const [{ filename }] = JSON.parse(packed.stdout);
  return path.join(destination, filename);
}

/** ts-slots: dist/ built by tsconfig.build.json (the repository's TypeScript), the manifest as `prepack` cleans it. */
function stageTsSlots(stage) {
  const tsc = path.join(repoRoot, "node_modules/typescript/bin/tsc");
  const build = run(process.execPath, [tsc, "-p", path.join(repoRoot, "tsconfig.build.json"), "--outDir", path.join(stage, "dist")], {
    cwd: repoRoot,
  });
  // A type error elsewhere in the package still emits; what the examples need is the transformer and runtime.
  for (const entry of ["dist/runtime/index.js", "dist/transformer/emit-ast/index.js"]) {
    if (!fs.existsSync(path.join(stage, entry))) throw new Error(`build did not produce ${entry}:\n${build.output}`);
  }
  for (const name of ["README.md", "LICENSE", "language-service/package.json"]) {
    if (!fs.existsSync(path.join(repoRoot, name))) continue;
    fs.mkdirSync(path.dirname(path.join(stage, name)), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, name), path.join(stage, name));
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
  fs.writeFileSync(path.join(stage, "package.json"), `${JSON.stringify(packedManifest(manifest), null, 2)}\n`);
  return build;
}

/** @ts-slots/cli: its files, and dist/index.js bundled from cli/ by its own build script. */
function stageCli(stage) {
  for (const name of cliFiles) fs.copyFileSync(path.join(cliDir, name), path.join(stage, name));
  const build = run(process.execPath, [path.join(cliDir, "build.mjs"), path.join(stage, "dist")], { cwd: repoRoot });
  if (build.status !== 0) throw new Error(`packages/cli/build.mjs failed:\n${build.output}`);
}

/**
 * Builds both packages into staging copies and packs them. Returns `{ tarball, cliTarball, hash }` (ts-slots' and
 * @ts-slots/cli's tarballs, absolute paths) and the ts-slots build's `buildStatus` and `buildOutput`.
 */
function packTarball() {
  const hash = sourceHash();
  const cache = path.join(os.tmpdir(), "ts-slots-ecosystem-pack");
  const dir = path.join(cache, hash);
  return once(dir, () => {
    pruneOlderThan(cache, 24 * 60 * 60 * 1000, dir);
    const stage = path.join(dir, "stage");
    const cliStage = path.join(dir, "stage-cli");
    for (const folder of [stage, cliStage]) {
      fs.rmSync(folder, { recursive: true, force: true });
      fs.mkdirSync(folder, { recursive: true });
    }
    const build = stageTsSlots(stage);
    stageCli(cliStage);
    return { tarball: npmPack(stage, dir), cliTarball: npmPack(cliStage, dir), hash, buildStatus: build.status, buildOutput: build.output };
  });
}

module.exports = { packTarball, sourceHash };
