// @ts-check
// The examples' package-lock.json files, as the examples test installs them: every third-party package at the version
// and integrity the example's lock file pins (`npm ci`), and ts-slots / @ts-slots/cli from the packed tarballs instead
// of the links to this repository (`file:../..`) that the committed lock files record for a user working in a clone.
"use strict";
const fs = require("fs");
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
  fs.writeFileSync(lockPath, `${JSON.stringify(lockForTarballs(readJson(lockPath), manifest), null, 2)}\n`);
  const pinned = pinnedVersions(readJson(lockPath));
  const resolved = await runAsync("npm", ["install", "--package-lock-only", "--ignore-scripts", ...quietFlags], { cwd: dir, timeout: 6 * 60 * 1000 });
  if (resolved.status !== 0) throw new Error(`npm install --package-lock-only failed in ${dir} (${resolved.ms} ms):\n${resolved.output}`);
  // Adding the tarballs must not move a pinned package: the example runs what its lock file says.
  const after = pinnedVersions(readJson(lockPath));
  const moved = Object.keys(pinned).filter((key) => after[key] !== pinned[key]);
  if (moved.length > 0) throw new Error(`resolving the tarballs changed pinned packages in ${dir}: ${moved.map((key) => `${key} ${pinned[key]} -> ${after[key]}`).join(", ")}`);
  const installed = await runAsync("npm", ["ci", ...quietFlags], { cwd: dir, timeout: 6 * 60 * 1000 });
  if (installed.status !== 0) throw new Error(`npm ci failed in ${dir} (${installed.ms} ms):\n${installed.output}`);
  return installed;
}

/** @param {any} lock */
function pinnedVersions(lock) {
  return Object.fromEntries(Object.entries(lock.packages).flatMap(([key, entry]) => (key === "" ? [] : [[key, `${entry.version}@${entry.integrity}`]])));
}

module.exports = { lockProblem, lockForTarballs, installKey, installFromLock, linkedPackages };
