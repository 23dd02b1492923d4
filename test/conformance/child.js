// Child process that runs the builds of one conformance case and reports what each printed and threw.
// Input (stdin): JSON { builds: { [build]: { units: [{ name, js, module }] } }, timeout }.
// Output (stdout): JSON { [build]: { stdout, error, missing } }.
// Each build runs in its own V8 context (fresh built-ins and globals). Script units run as scripts in that context
// (their globals are shared, as in TypeScript's multi-file script cases); module units run as CommonJS modules whose
// `require` finds the other units of the case; any other module is missing, and the build is reported as not runnable.
"use strict";
const vm = require("vm");
const path = require("path");

const repoRoot = path.resolve(__dirname, "../..");

function describeError(error) {
  if (error && typeof error === "object" && "message" in error) {
    const name = error.constructor && error.constructor.name ? error.constructor.name : "Error";
    return `${name}: ${error.message}`;
  }
  return `thrown: ${String(error)}`;
}

/** A value as the probe compares it: primitives exactly, objects by their constructor's name only. */
function probeValue(value) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return typeof value === "bigint" ? `${value}n` : typeof value === "symbol" ? String(value) : JSON.stringify(value) ?? "undefined";
  if (typeof value === "function") return `function ${value.name}`;
  const proto = Object.getPrototypeOf(value);
  return `object ${proto && proto.constructor ? proto.constructor.name : "null"}`;
}

/**
 * The probe: `new C()` for every top-level class the harness decorated (most cases only declare classes), recording
 * what the contract promises to keep: the class's name, whether construction throws and with what, the instance's
 * prototype, and its own properties with their values (build.js compares them up to the contract).
 */
function makeProbe(records) {
  return (label, C) => {
    const record = { label, name: typeof C === "function" ? C.name : probeValue(C) };
    try {
      const instance = new C();
      record.proto = Object.getPrototypeOf(instance) === C.prototype;
      record.sealed = Object.isSealed(instance);
      record.own = Reflect.ownKeys(instance).map((key) => [String(key), probeValue(Object.getOwnPropertyDescriptor(instance, key).value)]);
    } catch (error) {
      record.error = describeError(error);
    }
    records.push(record);
  };
}

function runBuild(units, timeout) {
  const lines = [];
  const probes = [];
  const print = (...args) => lines.push(args.map((a) => (typeof a === "string" ? a : safeInspect(a))).join(" "));
  const sandbox = { console: { log: print, error: print, warn: print, info: print }, __conformanceProbe: makeProbe(probes) };
  const context = vm.createContext(sandbox);
  const sources = new Map(units.map((unit) => [unit.name.replace(/\\/g, "/"), unit]));
  const cache = new Map();
  let missing;
  const resolve = (from, request) => {
    if (!request.startsWith(".") && !request.startsWith("/")) return undefined;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), request)).replace(/^\/+/, "");
    for (const candidate of [base, `${base}.js`, `${base}/index.js`, base.replace(/\.[cm]?[jt]sx?$/, ".js")]) if (sources.has(candidate)) return candidate;
    return undefined;
  };
  const load = (name) => {
    if (cache.has(name)) return cache.get(name).exports;
    const module = { exports: {} };
    cache.set(name, module);
    const wrapped = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${sources.get(name).js}\n})`, context, { filename: name, timeout });
    wrapped.call(module.exports, module.exports, (request) => requireFrom(name, request), module, name, path.posix.dirname(name));
    return module.exports;
  };
  const requireFrom = (from, request) => {
    if (request === "ts-slots") return require(path.join(repoRoot, "dist/runtime/index.js"));
    const found = resolve(from, request);
    if (found) return load(found);
    missing = request;
    throw new Error(`Cannot find module '${request}'`);
  };
  try {
    for (const unit of units) {
      const name = unit.name.replace(/\\/g, "/");
      if (unit.module) load(name);
      else vm.runInContext(unit.js, context, { filename: name, timeout });
    }
    return { lines, probes, error: null, missing };
  } catch (error) {
    return { lines, probes, error: describeError(error), missing };
  }
}

function safeInspect(value) {
  try {
    return require("util").inspect(value, { depth: 2 });
  } catch (error) {
    return `<uninspectable: ${describeError(error)}>`;
  }
}

function main() {
  const chunks = [];
  process.stdin.on("data", (chunk) => chunks.push(chunk));
  process.stdin.on("end", () => {
    const { builds, timeout } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const results = {};
    for (const [build, { units }] of Object.entries(builds)) results[build] = runBuild(units, timeout);
    // Promise jobs and timers of the cases run before the report (their output counts).
    setTimeout(() => {
      const report = {};
      for (const [build, { lines, probes, error, missing }] of Object.entries(results)) report[build] = { stdout: lines.join("\n"), probes, error, missing };
      process.stdout.write(JSON.stringify(report));
    }, 50);
  });
}

main();
