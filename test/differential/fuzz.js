#!/usr/bin/env node
// The large differential run: `npm run fuzz -- --runs 10000 [--seed N] [--emitter tspc|text|all]`.
//
// For every configuration (all eight by default) of every route (`--emitter`: tspc, the ts-patch transformer, by
// default; text, the source rewrite `ts-slots/rewrite` then esbuild; all, both) it generates `--runs` programs
// (seeds N, N+1, ...), builds each normally and with the plugin, runs both and compares them (see harness.js,
// compare.js). Work is spread over `--jobs` worker processes; each compiles batches of programs in-process and runs
// each batch in one child process.
// Any unexplained difference, plugin diagnostic, crash, or invalid generated program is a failure: it is minimised,
// printed with its seed and written to `--out` (default .tmp/differential/), and the exit status is 1.
//
// Options:
//   --runs N            programs per configuration (default 100)
//   --seed N            first seed (default 1)
//   --emitter NAME      the route: tspc (default), text, or all (both)
//   --configs LIST      comma-separated configuration ids, "all" (default), "sample" (the four of npm test) or "guard"
//                       (seal mode guard, configurations.js); an id
//                       may name its route, text:es2022-define-std (then --emitter does not apply to it)
//   --jobs N            worker processes (default: number of CPUs, at most 4)
//   --batch N           programs per batch (default 25)
//   --include-known     also generate the features that trigger known, reported bugs (see known.js)
//   --exclude LIST      comma-separated generator features to leave out as well, in every configuration, each
//                       optionally limited to configurations: feature@config+config (e.g. memberDecorator@es2020-define-std;
//                       a bare id covers both routes, text:es2020-define-std the text route only)
//   --no-minimise       report failures without minimising them
//   --max-failures N    stop after N failures (default 10)
//   --out DIR           where failing programs are written (default .tmp/differential)
//   --replay FILE       check one program file (e.g. a fixture) instead; --configs as above
//   --quiet             no progress lines
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { fork } = require("child_process");
const { configurations, guardConfigurations, sampleConfigurationIds, configurationById, emitters, routeId, parseRouteId } = require("./configurations");

function parseArgs(argv) {
  const args = {
    runs: 100,
    seed: 1,
    configs: "all",
    emitter: "tspc",
    jobs: Math.max(1, Math.min(4, os.cpus().length)),
    batch: 25,
    includeKnown: false,
    exclude: [],
    minimise: true,
    maxFailures: 10,
    out: path.resolve(__dirname, "../../.tmp/differential"),
    replay: null,
    quiet: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case "--runs":
        args.runs = Number(value());
        break;
      case "--seed":
        args.seed = Number(value());
        break;
      case "--configs":
      case "--config":
        args.configs = value();
        break;
      case "--emitter":
        args.emitter = value();
        if (args.emitter !== "all" && !emitters.includes(args.emitter)) throw new Error(`--emitter must be one of ${emitters.join(", ")} or all`);
        break;
      case "--jobs":
        args.jobs = Number(value());
        break;
      case "--batch":
        args.batch = Number(value());
        break;
      case "--include-known":
        args.includeKnown = true;
        break;
      case "--exclude":
        args.exclude.push(...value().split(",").map((item) => item.trim()).filter(Boolean));
        break;
      case "--no-minimise":
        args.minimise = false;
        break;
      case "--max-failures":
        args.maxFailures = Number(value());
        break;
      case "--out":
        args.out = path.resolve(value());
        break;
      case "--replay":
        args.replay = path.resolve(value());
        break;
      case "--quiet":
        args.quiet = true;
        break;
      case "--help":
        console.log(fs.readFileSync(__filename, "utf8").split("\n").filter((line, index, lines) => line.startsWith("//") && lines.slice(0, index).every((l) => l.startsWith("//") || l.startsWith("#!"))).join("\n"));
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg} (see --help)`);
    }
  }
  if (!Number.isInteger(args.runs) || args.runs < 0) throw new Error("--runs must be a non-negative integer");
  if (!Number.isInteger(args.seed)) throw new Error("--seed must be an integer");
  return args;
}

/** The routes to check: `{ id, emitter, configuration }` for each configuration of `spec` and route of `emitter`. */
function selectRoutes(spec, emitter) {
  const routeEmitters = emitter === "all" ? emitters : [emitter];
  const named = { all: configurations, sample: sampleConfigurationIds.map(configurationById), guard: guardConfigurations };
  const ids = named[spec] ? named[spec].map((c) => c.id) : spec.split(",").map((id) => id.trim());
  const routes = [];
  for (const id of ids) {
    const named = id.includes(":");
    for (const routeEmitter of named ? [undefined] : routeEmitters) {
      const parsed = parseRouteId(id, routeEmitter);
      const route = { id: routeId(parsed.configuration, parsed.emitter), ...parsed };
      if (!routes.some((r) => r.id === route.id)) routes.push(route);
    }
  }
  // Route by route: the tspc configurations first, as before there were routes.
  return routes.sort((a, b) => emitters.indexOf(a.emitter) - emitters.indexOf(b.emitter));
}

/**
 * Which transformer is under test: a hash of the built plugin (dist/transformer, the text rewrite in
 * dist/transformer/emit-text included) and the repository's commit; esbuild's version for the text route.
 */
function transformerIdentity(routes) {
  const crypto = require("crypto");
  const { execFileSync } = require("child_process");
  const root = path.resolve(__dirname, "../..");
  const dist = path.join(root, "dist/transformer");
  const hash = crypto.createHash("sha256");
  let newest = 0;
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (entry.name.endsWith(".js")) files.push(path.join(dir, entry.name));
    }
  };
  walk(dist);
  for (const file of files) {
    hash.update(path.relative(dist, file)).update(fs.readFileSync(file));
    newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  let commit = "unknown commit";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "transformer"], { cwd: root, encoding: "utf8" }).trim();
    if (dirty) commit += " + uncommitted changes in transformer/";
  } catch {
    // not a git checkout
  }
  const esbuildVersion = routes.some((route) => route.emitter === "text") ? `; esbuild ${require("esbuild").version}` : "";
  return `dist/transformer sha256 ${hash.digest("hex").slice(0, 12)} (built ${new Date(newest).toISOString()}), ${commit}${esbuildVersion}`;
}

function duration(ms) {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

// ---------------------------------------------------------------------------------------------------------------
// Worker: checks batches of (configuration, seed) and minimises failures.

/** The features `--exclude` leaves out in one route (`feature@config+config`; a bare configuration id: both routes). */
function excludedIn(excludes, route) {
  return excludes
    .map((item) => item.split("@"))
    .filter(([, only]) => !only || only.split("+").some((id) => id === route.id || id === route.configurationId))
    .map(([feature]) => feature);
}

function worker() {
  const { checkProgramBatch, minimiseFailure } = require("./session");
  process.on("message", (/** @type {any} */ message) => {
    if (message.type === "batch") {
      const route = { id: message.route, configurationId: message.configuration };
      const options = { includeKnown: message.includeKnown, exclude: excludedIn(message.exclude, route), emitter: message.emitter };
      // Results gain `minimised` below; failures carry `category` (the union of result shapes does not say which).
      const results = /** @type {Array<Record<string, any>>} */ (checkProgramBatch(message.configuration, message.seeds, options));
      for (const result of results) {
        if (result.verdict !== "pass" && message.minimise) {
          result.minimised = minimiseFailure(message.configuration, result.seed, result.verdict, result.category, options);
        }
      }
      process.send({ type: "results", route: message.route, results: results.map(slim) });
    } else if (message.type === "stop") {
      process.exit(0);
    }
  });
  process.on("disconnect", () => process.exit(0));
  process.send({ type: "ready" });
}

function slim(result) {
  const { verdict, category, message, allowed, seed, minimised, text } = result;
  return { verdict, category, message, allowed, seed, minimised, text: verdict === "pass" ? undefined : text };
}

// ---------------------------------------------------------------------------------------------------------------
// Main process.

function report(failure, args) {
  fs.mkdirSync(args.out, { recursive: true });
  const base = `${failure.configuration.replace(":", "-")}-seed${failure.seed}`;
  const file = path.join(args.out, `${base}.ts`);
  const program = failure.minimised ? failure.minimised.text : failure.text;
  const header =
    `// ${failure.verdict === "invalid" ? "INVALID GENERATED PROGRAM" : "FAILURE"} ${failure.category}\n` +
    `// configuration: ${failure.configuration}; seed: ${failure.seed}\n` +
    `// reproduce: npm run fuzz -- --configs ${failure.configuration} --seed ${failure.seed} --runs 1` +
    `${failure.includeKnown ? " --include-known" : ""}${failure.exclude.length ? ` --exclude ${failure.exclude.join(",")}` : ""}\n` +
    failure.message
      .split("\n")
      .slice(0, 40)
      .map((line) => `// ${line}`)
      .join("\n") +
    "\n";
  fs.writeFileSync(file, header + program);
  if (failure.minimised) fs.writeFileSync(path.join(args.out, `${base}.original.ts`), header + failure.text);
  console.log(`\n${"=".repeat(100)}`);
  const invalid = failure.configuration.startsWith("text:")
    ? "INVALID GENERATED PROGRAM (a generator bug, or esbuild's normal build differs from TypeScript: an esbuild limitation for known.js)"
    : "INVALID GENERATED PROGRAM (generator bug)";
  console.log(`${failure.verdict === "invalid" ? invalid : "FAILURE"}: ${failure.category}`);
  console.log(`configuration ${failure.configuration}, seed ${failure.seed}`);
  console.log(failure.message.split("\n").slice(0, 20).join("\n"));
  const how = !failure.minimised ? "program" : failure.minimised.minimised ? `minimised program (${failure.minimised.checks} checks)` : "program (not minimised: the failure needs the generator's definitely-assigned claims)";
  console.log(`${how}, written to ${file}:`);
  console.log(program);
  console.log("=".repeat(100));
}

function replay(args) {
  const { checkText } = require("./session");
  const text = fs.readFileSync(args.replay, "utf8");
  let failed = 0;
  for (const route of selectRoutes(args.configs, args.emitter)) {
    const result = checkText(text, route.configuration, { emitter: route.emitter });
    console.log(`${route.id}: ${result.verdict}${result.category ? ` ${result.category}` : ""}`);
    if (result.verdict !== "pass") {
      failed++;
      console.log(result.message.split("\n").map((line) => `  ${line}`).join("\n"));
    }
  }
  process.exit(failed ? 1 : 0);
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.replay) return replay(args);
  const selected = selectRoutes(args.configs, args.emitter);
  const { knownBugs } = require("./known");
  // Batches interleave the routes, so that a run stopped early has covered all of them evenly.
  const units = [];
  for (let start = 0; start < args.runs; start += args.batch) {
    for (const route of selected) {
      const seeds = [];
      for (let k = start; k < Math.min(args.runs, start + args.batch); k++) seeds.push(args.seed + k);
      units.push({ route: route.id, emitter: route.emitter, configuration: route.configuration.id, seeds });
    }
  }
  const total = selected.length * args.runs;
  console.log(
    `differential fuzz: ${args.runs} programs x ${selected.length} configurations (${selected.map((c) => c.id).join(", ")}), ` +
      `seeds ${args.seed}..${args.seed + args.runs - 1}, ${args.jobs} workers`,
  );
  console.log(`transformer under test: ${transformerIdentity(selected)}`);
  if (args.exclude.length > 0) console.log(`also left out (--exclude): ${args.exclude.join(", ")}`);
  if (!args.includeKnown && knownBugs.length > 0) {
    console.log(`known bugs whose trigger features are left out where they apply (--include-known to include them):`);
    for (const bug of knownBugs) {
      const routes = selected.filter((route) => (!bug.emitters || bug.emitters.includes(route.emitter)) && bug.applies(route.configuration));
      if (routes.length > 0) console.log(`  ${bug.id} [${bug.features.join(", ")}] in ${routes.map((route) => route.id).join(", ")}: ${bug.fixture}`);
    }
  }
  const started = Date.now();
  const perConfiguration = new Map(selected.map((c) => [c.id, { done: 0, pass: 0 }]));
  const allowed = {};
  const failures = [];
  let done = 0;
  let lastProgress = 0;
  let stopping = false;
  let next = 0;
  const workers = [];

  const progress = (force) => {
    if (args.quiet && !force) return;
    const now = Date.now();
    if (!force && now - lastProgress < 5000) return;
    lastProgress = now;
    const rate = done / Math.max(1, (now - started) / 1000);
    const eta = rate > 0 ? duration(((total - done) / rate) * 1000) : "?";
    const parts = [...perConfiguration].map(([id, c]) => `${id} ${c.done}`).join(", ");
    console.log(`[${duration(now - started)}] ${done}/${total} programs, ${rate.toFixed(1)}/s, ${failures.length} failures, ETA ${eta} (${parts})`);
  };

  const finish = () => {
    // Disconnected, a worker exits by itself, so its exit handlers remove its temporary projects (a kill would not).
    for (const w of workers) if (w.connected) w.disconnect();
    progress(true);
    const elapsed = Date.now() - started;
    console.log(`\nchecked ${done} programs in ${duration(elapsed)} (${(done / Math.max(1, elapsed / 1000)).toFixed(1)}/s)`);
    for (const [id, c] of perConfiguration) console.log(`  ${id}: ${c.done} programs, ${c.pass} identical up to the contract`);
    console.log(`allowed differences met: ${Object.entries(allowed).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    if (failures.length > 0) {
      console.log(`\n${failures.length} FAILURES:`);
      for (const f of failures) console.log(`  ${f.configuration} seed ${f.seed}: ${f.verdict} ${f.category}`);
      process.exit(1);
    }
    console.log("no unexplained differences");
    process.exit(0);
  };

  const dispatch = (w) => {
    if (stopping || next >= units.length) {
      w.idle = true;
      if (workers.every((x) => x.idle)) finish();
      return;
    }
    const unit = units[next++];
    w.idle = false;
    w.send({ type: "batch", route: unit.route, emitter: unit.emitter, configuration: unit.configuration, seeds: unit.seeds, includeKnown: args.includeKnown, exclude: args.exclude, minimise: args.minimise });
  };

  const jobs = Math.max(1, Math.min(args.jobs, units.length));
  if (units.length === 0) return finish();
  for (let j = 0; j < jobs; j++) {
    const w = /** @type {import("child_process").ChildProcess & { idle?: boolean }} */ (fork(__filename, ["--worker"], { stdio: ["ignore", "inherit", "inherit", "ipc"] }));
    w.idle = false;
    workers.push(w);
    w.on("message", (/** @type {any} */ message) => {
      if (message.type === "ready") return dispatch(w);
      if (message.type === "results") {
        for (const result of message.results) {
          done++;
          const stats = perConfiguration.get(message.route);
          stats.done++;
          if (result.verdict === "pass") stats.pass++;
          for (const [k, v] of Object.entries(result.allowed || {})) allowed[k] = (allowed[k] || 0) + v;
          if (result.verdict !== "pass") {
            const failure = { ...result, configuration: message.route, includeKnown: args.includeKnown, exclude: args.exclude };
            failures.push(failure);
            report(failure, args);
            if (failures.length >= args.maxFailures) {
              console.log(`stopping after ${failures.length} failures (--max-failures)`);
              stopping = true;
            }
          }
        }
        progress(false);
        dispatch(w);
      }
    });
    w.on("exit", (code) => {
      if (code !== 0 && !w.idle) {
        console.error(`worker exited with status ${code}`);
        process.exit(2);
      }
    });
  }
}

if (process.argv[2] === "--worker") worker();
else {
  try {
    main();
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
}
