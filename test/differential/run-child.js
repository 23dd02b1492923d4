// Child process that runs a batch of compiled programs (CommonJS output) and reports what each printed.
// Input (stdin): JSON [{ id, js }]. Output (stdout): JSON [{ id, stdout, error }].
// Each program runs in its own V8 context (fresh built-ins and globals), as a CommonJS module in strict mode as
// TypeScript emitted it; a program that requires anything or runs longer than the timeout fails.
"use strict";
const vm = require("vm");
const { helpersSource } = require("./helpers-runtime");

function runOne(js, timeout) {
  const lines = [];
  const module = { exports: {} };
  const sandbox = {
    console: { log: (...args) => lines.push(args.map(String).join(" ")) },
    __module: module,
    __require: (name) => {
      throw new Error(`the program requires ${JSON.stringify(name)}; generated programs must not depend on anything`);
    },
  };
  const context = vm.createContext(sandbox);
  try {
    vm.runInContext(helpersSource, context, { filename: "helpers.js" });
    const code = `(function (exports, require, module) {\n${js}\n})(__module.exports, __require, __module);`;
    vm.runInContext(code, context, { timeout, filename: "main.js" });
    return { stdout: lines.join("\n"), error: null };
  } catch (error) {
    const name = error && error.constructor ? error.constructor.name : typeof error;
    return { stdout: lines.join("\n"), error: `${name}: ${error && error.message}\n${error && error.stack}` };
  }
}

function main() {
  const chunks = [];
  process.stdin.on("data", (chunk) => chunks.push(chunk));
  process.stdin.on("end", () => {
    const { programs, timeout } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const results = programs.map(({ id, js }) => ({ id, ...runOne(js, timeout) }));
    process.stdout.write(JSON.stringify(results));
  });
}

if (require.main === module) main();

module.exports = { runOne };
