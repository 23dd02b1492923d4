// Example projects installed as a user would: each examples/<name> copied into a temporary directory, its
// `"ts-slots": "file:../.."` (and `"@ts-slots/cli": "file:../../packages/cli"`) pointed at the packed tarballs, then
// `npm install` from the registry into that copy.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { repoRoot } = require("../helpers/project");
const { runAsync } = require("./run");

const examplesDir = path.join(repoRoot, "examples");
const skipped = new Set(["node_modules", "dist", "out", "build", "package-lock.json"]);

/** A fresh directory for this test file's projects; removed by `cleanup` unless KEEP_ECOSYSTEM_TMP is set. */
function makeRoot(name) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ts-slots-${name}-`));
}

function cleanup(root) {
  if (root && !process.env.KEEP_ECOSYSTEM_TMP) fs.rmSync(root, { recursive: true, force: true });
}

/** @ts-slots/cli's tarball, which test/ecosystem/pack.js writes beside ts-slots' (`ts-slots-cli-<version>.tgz`). */
function cliTarballBeside(tarball) {
  const name = fs.readdirSync(path.dirname(tarball)).find((file) => /^ts-slots-cli-.*\.tgz$/.test(file));
  if (!name) throw new Error(`no @ts-slots/cli tarball beside ${tarball}`);
  return path.join(path.dirname(tarball), name);
}

/** Replaces every `file:` dependency on this repository's packages (ts-slots, @ts-slots/cli) with its tarball. */
function pointAtTarball(manifest, tarball) {
  for (const field of ["dependencies", "devDependencies", "optionalDependencies"]) {
    for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
      if (!String(spec).startsWith("file:")) continue;
      if (name === "ts-slots") manifest[field][name] = `file:${tarball}`;
      if (name === "@ts-slots/cli") manifest[field][name] = `file:${cliTarballBeside(tarball)}`;
    }
  }
  return manifest;
}

/** Copies examples/<name> (without build output or node_modules) into `root`; returns the copy's path. */
function copyExample(name, root, tarball) {
  const source = path.join(examplesDir, name);
  const target = path.join(root, name);
  fs.cpSync(source, target, { recursive: true, filter: (file) => !skipped.has(path.basename(file)) });
  const manifestPath = path.join(target, "package.json");
  const manifest = pointAtTarball(JSON.parse(fs.readFileSync(manifestPath, "utf8")), tarball);
  fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return target;
}

/** Writes a project from scratch (a package.json with these dependencies) for the TypeScript-line tests. */
function makeInstallDir(root, name, dependencies) {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name, private: true, dependencies }, null, 2)}\n`);
  return dir;
}

const installFlags = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

/** `npm install` in `dir`; throws with npm's output when it fails. */
async function npmInstall(dir, extraFlags = []) {
  const result = await runAsync("npm", [...installFlags, ...extraFlags], { cwd: dir, timeout: 6 * 60 * 1000 });
  if (result.status !== 0) throw new Error(`npm install failed in ${dir} (${result.ms} ms):\n${result.output}`);
  return result;
}

/** Runs async jobs with at most `limit` at a time (2 cores: two installs side by side). */
async function inParallel(jobs, limit = 2) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]().then(
        (value) => ({ value }),
        (error) => ({ error }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

module.exports = { examplesDir, makeRoot, cleanup, copyExample, makeInstallDir, npmInstall, inParallel, pointAtTarball };
