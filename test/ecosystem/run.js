// Child processes for the ecosystem tests: a clean environment (no npm_* or jest variables inherited from the
// `npm test` that started jest), combined output, and the wall time of every command for the timing report.
"use strict";
const { spawn, spawnSync } = require("child_process");

function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === "INIT_CWD" || key === "JEST_WORKER_ID" || key === "NODE_ENV" || key === "NODE_OPTIONS") continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: "1", FORCE_COLOR: "0", npm_config_update_notifier: "false", ...extra };
}

const timings = [];

/**
 * Runs a command to completion; `{ status, stdout, stderr, output, ms }`.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string, string>, timeout?: number, input?: string }} [options]
 */
function run(command, args, { cwd, env, timeout = 5 * 60 * 1000, input } = {}) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env: cleanEnv(env), encoding: "utf8", timeout, input, maxBuffer: 64 * 1024 * 1024 });
  const ms = Date.now() - started;
  timings.push({ command: [command, ...args].join(" "), cwd, ms });
  const stdout = result.stdout ?? "";
  const stderr = result.stderr ?? "";
  const error = result.error ? `\n[spawn error: ${result.error.message}]` : "";
  return { status: result.status, signal: result.signal, stdout, stderr, output: `${stdout}${stderr}${error}`, ms };
}

/**
 * The same, without blocking: for installs that can run side by side.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string, string>, timeout?: number }} [options]
 */
function runAsync(command, args, { cwd, env, timeout = 5 * 60 * 1000 } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeout);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      timings.push({ command: [command, ...args].join(" "), cwd, ms });
      resolve({ status, signal, stdout, stderr, output: `${stdout}${stderr}`, ms });
    });
  });
}

module.exports = { run, runAsync, cleanEnv, timings };
