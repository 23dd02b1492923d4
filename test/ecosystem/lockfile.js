// @ts-check
// The examples' package-lock.json files, as the examples test installs them: every third-party package at the version
// and integrity the example's lock file pins (`npm ci`), and ts-slots / @ts-slots/cli from the packed tarballs instead
// of the links to this repository (`file:../..`) that the committed lock files record for a user working in a clone.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { runAsync } = require("./run");

/** This repository's packages as an example's lock file records them: links into the clone. */
const linkedPackages = { "ts-slots": "../..", "@ts-slots/cli": "../../packages/cli" };

/** Flags of every npm command here: the cache first (the lock file pins what to take from it), no audit, no fund. */
const quietFlags = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

/** @param {string} file */
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/**
 * Why an example's lock file would make `npm ci` refuse or install something else than the manifest says, or
 * `undefined`: version 3, the root entry's dependencies exactly the manifest's, this repository's packages linked.
 * @param {any} manifest
 * @param {any} lock
 */
function lockProblem(manifest, lock) {
  if (lock.lockfileVersion !== 3) return `lockfileVersion ${lock.lockfileVersion}, not 3`;
  const root = lock.packages?.[""] ?? {};
  for (const field of ["dependencies", "devDependencies", "optionalDependencies"]) {
    const want = JSON.stringify(manifest[field] ?? {});
    const have = JSON.stringify(root[field] ?? {});
    if (want !== have) return `${field} of the lock file's root (${have}) are not the manifest's (${want})`;
  }
  for (const [name, target] of Object.entries(linkedPackages)) {
    const declared = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
    if (declared === undefined) continue;
    const entry = lock.packages[`node_modules/${name}`];
    if (!entry || entry.link !== true || entry.resolved !== target) return `${name} is not linked to ${target}: ${JSON.stringify(entry)}`;
  }
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === "" || entry.link || key.startsWith("../")) continue;
    if (!entry.version || !entry.integrity) return `${key} has no pinned version and integrity`;
  }
  return undefined;
}

/**
 * The lock file of an example copy whose manifest points this repository's packages at tarballs: the same pins for
 * everything else, the root entry's specs from the manifest, and the links (with the linked folders' own entries)
 * taken out, so that `npm install --package-lock-only` adds the tarballs and their dependencies and changes nothing
 * else.
 * @param {any} lock
 * @param {any} manifest
 */
function lockForTarballs(lock, manifest) {
  const packages = { ...lock.packages };
  for (const [name, target] of Object.entries(linkedPackages)) {
    delete packages[`node_modules/${name}`];
    for (const key of Object.keys(packages)) if (key === target || key.startsWith(`${target}/`)) delete packages[key];
  }
  const root = { ...packages[""] };
  for (const field of ["dependencies", "devDependencies", "optionalDependencies"]) {
    if (manifest[field]) root[field] = manifest[field];
  }
  packages[""] = root;
  return { ...lock, packages };
}

/**
 * What decides an install: the lock file's packages (the root's name aside) and the scripts npm runs on install.
 * Examples with the same key can share one node_modules.
 * @param {string} dir an example folder (or its copy)
 */
function installKey(dir) {
  const manifest = readJson(path.join(dir, "package.json"));
  const lock = readJson(path.join(dir, "package-lock.json"));
  const { name, ...root } = lock.packages[""];
  const scripts = Object.fromEntries(Object.entries(manifest.scripts ?? {}).filter(([script]) => /^(pre|post)?install$|^prepare$/.test(script)));
  return JSON.stringify({ packages: { ...lock.packages, "": root }, scripts });
}

/**
 * In a copy whose manifest points at the tarballs: the lock file rewritten by lockForTarballs, completed by
 * `npm install --package-lock-only` (resolves the tarballs' dependencies only), then `npm ci`, which installs
 * exactly the lock file and fails when it is out of step with the manifest. Throws with npm's output on failure.
 * @param {string} dir
 */
async function installFromLock(dir) {
  const lockPath = path.join(dir, "package-lock.json");
  const manifest = readJson(path.join(dir, "package.json"));
  const tarballs = tarballsOf(manifest);
  // Keyed by the lock file as committed, before it is rewritten.
  const cache = tarballs.length > 0 ? lockKey(dir, tarballs) : undefined;
  const reused = cache && cachedLock(cache, tarballs);
  if (reused) fs.writeFileSync(lockPath, reused.text);
  else {
    fs.writeFileSync(lockPath, `${JSON.stringify(lockForTarballs(readJson(lockPath), manifest), null, 2)}\n`);
    const pinned = pinnedVersions(readJson(lockPath));
    const resolved = await runAsync("npm", ["install", "--package-lock-only", "--ignore-scripts", ...quietFlags], { cwd: dir, timeout: 6 * 60 * 1000 });
    if (resolved.status !== 0) throw new Error(`npm install --package-lock-only failed in ${dir} (${resolved.ms} ms):\n${resolved.output}`);
    // Adding the tarballs must not move a pinned package: the example runs what its lock file says.
    const after = pinnedVersions(readJson(lockPath));
    const moved = Object.keys(pinned).filter((key) => after[key] !== pinned[key]);
    if (moved.length > 0) throw new Error(`resolving the tarballs changed pinned packages in ${dir}: ${moved.map((key) => `${key} ${pinned[key]} -> ${after[key]}`).join(", ")}`);
    if (cache) storeLock(cache, lockPath);
  }
  const installed = await runAsync("npm", ["ci", ...quietFlags], { cwd: dir, timeout: 6 * 60 * 1000 });
  if (installed.status !== 0) throw new Error(`npm ci failed in ${dir} (${installed.ms} ms):\n${installed.output}`);
  return installed;
}

/**
 * The completed lock files, kept between runs in os.tmpdir(): resolving the tarballs' dependencies takes as long as
 * the install, and its result depends only on the example's lock file and the tarballs' manifests, not on the
 * sources packed. Keyed by those, with the tarballs' folder (named by the sources' hash) written as a placeholder; a
 * reused lock file gets the current folder and the current tarballs' integrity, so `npm ci` still checks them.
 */
const lockCache = path.join(os.tmpdir(), "ts-slots-examples-locks");
const folderPlaceholder = "@@TARBALLS@@";

/** @param {any} manifest */
function tarballsOf(manifest) {
  return Object.entries(linkedPackages).flatMap(([name]) => {
    const spec = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
    return typeof spec === "string" && spec.startsWith("file:") && spec.endsWith(".tgz") ? [{ name, file: spec.slice("file:".length) }] : [];
  });
}

/** @param {string} dir @param {{ name: string, file: string }[]} tarballs */
function lockKey(dir, tarballs) {
  const folder = tarballs.length > 0 ? path.dirname(tarballs[0].file) : "";
  const hash = crypto.createHash("sha256");
  hash.update(fs.readFileSync(path.join(dir, "package.json"), "utf8").split(folder).join(folderPlaceholder));
  hash.update(fs.readFileSync(path.join(dir, "package-lock.json")));
  for (const stage of ["stage", "stage-cli"]) {
    const manifest = path.join(folder, stage, "package.json");
    if (fs.existsSync(manifest)) hash.update(fs.readFileSync(manifest));
  }
  return { key: hash.digest("hex").slice(0, 24), folder };
}

/** @param {string} file */
function integrityOf(file) {
  return `sha512-${crypto.createHash("sha512").update(fs.readFileSync(file)).digest("base64")}`;
}

/** @param {{ key: string, folder: string }} cache @param {{ name: string, file: string }[]} tarballs */
function cachedLock({ key, folder }, tarballs) {
  const cached = path.join(lockCache, `${key}.json`);
  if (!fs.existsSync(cached)) return undefined;
  const lock = JSON.parse(fs.readFileSync(cached, "utf8").split(folderPlaceholder).join(path.basename(folder)));
  for (const { name, file } of tarballs) {
    const entry = lock.packages[`node_modules/${name}`];
    if (!entry) return undefined;
    entry.integrity = integrityOf(file);
  }
  return { text: `${JSON.stringify(lock, null, 2)}\n` };
}

/** @param {{ key: string, folder: string }} cache @param {string} lockPath */
function storeLock({ key, folder }, lockPath) {
  fs.mkdirSync(lockCache, { recursive: true });
  const text = fs.readFileSync(lockPath, "utf8").split(path.basename(folder)).join(folderPlaceholder);
  const temporary = path.join(lockCache, `${key}.json.${process.pid}`);
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, path.join(lockCache, `${key}.json`));
}

/** @param {any} lock */
function pinnedVersions(lock) {
  return Object.fromEntries(Object.entries(lock.packages).flatMap(([key, entry]) => (key === "" ? [] : [[key, `${entry.version}@${entry.integrity}`]])));
}

module.exports = { lockProblem, lockForTarballs, installKey, installFromLock, linkedPackages };
