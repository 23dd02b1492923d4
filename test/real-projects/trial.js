#!/usr/bin/env node
// @ts-check
// test/real-projects/trial.js — owns the field trial of ts-slots on one real open-source project:
// the project's tests as is, `ts-slots audit` → `add --write`, TypeScript's diagnostics before and after (per file and
// code), the tspc route and the bundler route with the project's own tests on each, and the audit's recall (classes it
// did not call safe, decorated by name). The project's code is not ours: it lives in a work tree given by path, checked
// out at the config's commit; this script only restores the files `add` touched (git checkout of the config's sources).
//
//   node test/real-projects/trial.js <project-dir> <config.js> [--workaround] [--skip-recall]
//       [--recall-sample N | --recall-groups "A B;C D"] [--reuse-baseline earlier-results.json] [--out results.json]
//
// --workaround: after each `add`, move an `@slots` line that `add` put between a `// @ts-expect-error` or
// `// @ts-ignore` line and its class back above the directive (a placement bug since fixed), so the recall measures the
// audit and not that bug. Results go to results/<name>.workaround.json.
//
// Network: none here; installing the project (`npm ci` and `npm install --no-save <ts-slots worktree>`) is the user's
// step before, printed by `--setup`.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const worktree = path.resolve(__dirname, "../..");
const cli = path.join(worktree, "dist/cli/index.js");

/** @param {string} cmd @param {string} cwd @param {number} [timeoutMs] */
function sh(cmd, cwd, timeoutMs = 20 * 60 * 1000) {
  const started = Date.now();
  const r = spawnSync("bash", ["-c", cmd], { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs, env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1", CI: "1" } });
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "", seconds: Math.round((Date.now() - started) / 100) / 10 };
}

function log(/** @type {string} */ s) {
  process.stderr.write(`[trial ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
}

/**
 * TypeScript's diagnostics of the project, per `file: code` (counts), with the TypeScript the config names.
 * @param {string} dir @param {string} tsconfig @param {string} typescriptPath
 */
function diagnostics(dir, tsconfig, typescriptPath) {
  /** @type {typeof import("typescript")} */
  const ts = require(typescriptPath);
  const configPath = path.resolve(dir, tsconfig);
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, { noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
  /** @type {Record<string, number>} */
  const counts = {};
  /** @type {Record<string, string>} */
  const samples = {};
  for (const d of [...parsed.errors, ...ts.getPreEmitDiagnostics(program)]) {
    if (d.category !== ts.DiagnosticCategory.Error) continue;
    const file = d.file ? path.relative(dir, d.file.fileName) : "(config)";
    const key = `${file}: TS${d.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
    if (!samples[key]) {
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      samples[key] = `${file}${at ? `:${at.line + 1}:${at.character + 1}` : ""} ${ts.flattenDiagnosticMessageText(d.messageText, " ").slice(0, 300)}`;
    }
  }
  return { version: ts.version, counts, samples };
}

/** Diagnostics in `after` beyond those in `before`, per file and code. */
function newDiagnostics(/** @type {ReturnType<typeof diagnostics>} */ before, /** @type {ReturnType<typeof diagnostics>} */ after) {
  /** @type {Record<string, {count: number, sample: string}>} */
  const out = {};
  for (const [key, n] of Object.entries(after.counts)) {
    const extra = n - (before.counts[key] ?? 0);
    if (extra > 0) out[key] = { count: extra, sample: after.samples[key] };
  }
  return out;
}

const total = (/** @type {Record<string, {count: number}>} */ d) => Object.values(d).reduce((s, x) => s + x.count, 0);

/**
 * Runs one test route the config describes; returns passed/failed counts and the names of failed tests.
 * @param {any} config @param {string} dir @param {"plain" | "tspc" | "bundler"} route
 */
function runTests(config, dir, route) {
  const step = config.routes[route];
  if (!step) return { skipped: true };
  const report = path.join(dir, ".ts-slots-trial", `${route}.json`);
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.rmSync(report, { force: true });
  const ctx = { dir, worktree, report, out: path.join(dir, ".ts-slots-trial", route) };
  /** @type {{name: string, cmd: string}[]} */
  const builds = (step.build ? [].concat(step.build(ctx)) : []).map((cmd, i) => ({ name: `build${i}`, cmd }));
  const built = [];
  for (const b of builds) {
    const r = sh(b.cmd, dir);
    built.push({ cmd: b.cmd, code: r.code, seconds: r.seconds, output: (r.stdout + r.stderr).slice(-4000) });
    if (r.code !== 0 && !step.buildMayFail) return { build: built, buildFailed: true, passed: 0, failed: 0, failedTests: [] };
  }
  const r = sh(step.test(ctx), dir);
  const result = config.parse(r, report, ctx);
  return { build: built, exitCode: r.code, seconds: r.seconds, ...result, tail: result.failed || r.code ? (r.stdout + r.stderr).slice(-3000) : undefined };
}

/** Vitest's JSON reporter file → counts and failed test names. */
function parseVitest(/** @type {{stdout: string, stderr: string}} */ r, /** @type {string} */ report) {
  if (!fs.existsSync(report)) return { passed: 0, failed: 0, failedTests: ["(no report: the run crashed)"], crashed: true };
  const j = JSON.parse(fs.readFileSync(report, "utf8"));
  const failedTests = [];
  for (const file of j.testResults ?? []) {
    if (file.status === "failed" && !(file.assertionResults ?? []).some((/** @type {any} */ a) => a.status === "failed")) failedTests.push(`${file.name}: ${(file.message ?? "").slice(0, 200)}`);
    for (const a of file.assertionResults ?? []) if (a.status === "failed") failedTests.push(`${path.basename(file.name)} > ${a.fullName}: ${(a.failureMessages ?? [""])[0].split("\n")[0].slice(0, 200)}`);
  }
  return { passed: j.numPassedTests, failed: Math.max(j.numFailedTests, failedTests.length), failedTests };
}

/** @param {string} dir @param {any} config */
function restore(dir, config) {
  const r = sh(`git checkout -- ${config.sources.join(" ")}`, dir);
  if (r.code !== 0) throw new Error(`cannot restore ${dir}: ${r.stderr}`);
}

let workaround = false;

/** @param {string} dir @param {any} config @param {string[]} names */
function add(dir, config, names) {
  const r = sh(`node ${cli} add -p ${config.tsconfig} --write --no-progress ${names.join(" ")}`, dir);
  const files = sh("git diff --name-only", dir).stdout.split("\n").filter(Boolean);
  const moved = workaround ? files.reduce((n, f) => n + keepDirectiveOnClassLine(path.join(dir, f)), 0) : 0;
  return { code: r.code, seconds: r.seconds, output: (r.stdout + r.stderr).slice(-2000), files: files.length, movedAboveDirective: moved };
}

/** The --workaround: `// @ts-expect-error` / `@ts-ignore`, then `@slots`, then the class → `@slots` first. */
function keepDirectiveOnClassLine(/** @type {string} */ file) {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  let moved = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (/^\s*\/\/\s*@ts-(expect-error|ignore)\b/.test(lines[i]) && /^\s*@slots\s*$/.test(lines[i + 1])) {
      [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
      moved++;
      i++;
    }
  }
  if (moved) fs.writeFileSync(file, lines.join("\n"));
  return moved;
}

/** One state of the sources, judged: new TypeScript errors, then each test route. */
function judge(/** @type {string} */ dir, /** @type {any} */ config, /** @type {any} */ before, /** @type {readonly ("plain" | "tspc" | "bundler")[]} */ routeNames = ["plain", "tspc", "bundler"]) {
  const diag = diagnostics(dir, config.tsconfig, config.typescript(dir));
  const added = newDiagnostics(before.diagnostics, diag);
  /** @type {Record<string, any>} */
  const routes = {};
  for (const route of routeNames) routes[route] = runTests(config, dir, route);
  return { newErrors: total(added), newDiagnostics: added, routes };
}

/** A judged state passes when it has no new TS error and no test beyond the baseline's fails on any route. */
function passes(/** @type {any} */ judged, /** @type {any} */ baseline) {
  if (judged.newErrors > 0) return false;
  for (const [route, r] of Object.entries(judged.routes)) {
    if (r.skipped) continue;
    if (r.buildFailed || r.crashed) return false;
    const known = new Set(baseline.routes[route]?.failedTests ?? baseline.routes.plain.failedTests);
    if (r.failedTests.some((/** @type {string} */ t) => !known.has(t))) return false;
  }
  return true;
}

/** Classes (by name) that pass when decorated on their own or in a group that passes; bisects failing groups. */
function recall(/** @type {string} */ dir, /** @type {any} */ config, /** @type {any} */ baseline, /** @type {string[]} */ names, /** @type {any[]} */ trail) {
  if (!names.length) return { passing: [], failing: [] };
  restore(dir, config);
  const added = add(dir, config, names);
  const judged = added.code === 0 ? judge(dir, config, baseline, config.recallRoutes ?? ["bundler"]) : { newErrors: 0, routes: {}, addFailed: added.output };
  const ok = added.code === 0 && passes(judged, baseline);
  trail.push({ names, ok, newErrors: judged.newErrors, newDiagnostics: judged.newDiagnostics, failed: Object.fromEntries(Object.entries(judged.routes).map(([k, v]) => [k, v.buildFailed ? "build failed" : v.failedTests])), addFailed: added.code === 0 ? undefined : added.output });
  log(`recall: ${names.length} class(es) ${ok ? "pass" : "fail"}: ${names.slice(0, 6).join(" ")}${names.length > 6 ? " …" : ""}`);
  if (ok) return { passing: names, failing: [] };
  if (names.length === 1) return { passing: [], failing: names };
  const half = Math.ceil(names.length / 2);
  const a = recall(dir, config, baseline, names.slice(0, half), trail);
  const b = recall(dir, config, baseline, names.slice(half), trail);
  return { passing: [...a.passing, ...b.passing], failing: [...a.failing, ...b.failing] };
}

/** One group decorated together, judged once: all pass or all count as failing (no bisection). */
function judgeGroup(/** @type {string} */ dir, /** @type {any} */ config, /** @type {any} */ baseline, /** @type {string[]} */ names, /** @type {any[]} */ trail) {
  restore(dir, config);
  const added = add(dir, config, names);
  const judged = added.code === 0 ? judge(dir, config, baseline, config.recallRoutes ?? ["bundler"]) : { newErrors: 0, routes: {}, addFailed: added.output };
  const ok = added.code === 0 && passes(judged, baseline);
  trail.push({ names, group: true, ok, newErrors: judged.newErrors, newDiagnostics: judged.newDiagnostics, failed: Object.fromEntries(Object.entries(judged.routes).map(([k, v]) => [k, v.buildFailed ? "build failed" : v.failedTests])), addFailed: added.code === 0 ? undefined : added.output });
  log(`recall group: ${names.length} class(es) ${ok ? "pass" : "fail"}: ${names.join(" ")}`);
  return ok ? { passing: names, failing: [] } : { passing: [], failing: names };
}

function main() {
  const args = process.argv.slice(2);
  const [dirArg, configArg] = args.filter((a, i) => !a.startsWith("--") && !["--out", "--reuse-baseline", "--recall-sample", "--recall-groups"].includes(args[i - 1]));
  if (!dirArg || !configArg) {
    process.stderr.write("usage: node test/real-projects/trial.js <project-dir> <config.js> [--skip-recall] [--out results.json]\n");
    process.exit(2);
  }
  const dir = path.resolve(dirArg);
  workaround = args.includes("--workaround");
  const config = require(path.resolve(configArg));
  const outIndex = args.indexOf("--out");
  const outFile = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : path.join(__dirname, "results", `${config.name}${workaround ? ".workaround" : ""}.json`);
  const head = sh("git rev-parse HEAD", dir).stdout.trim();
  if (head !== config.commit) throw new Error(`${dir} is at ${head}, the config names ${config.commit}`);
  restore(dir, config);
  for (const [file, text] of Object.entries(config.files ?? {})) fs.writeFileSync(path.join(dir, file), typeof text === "function" ? text({ dir, worktree }) : text);

  /** @type {Record<string, any>} */
  const result = { name: config.name, workaround, repo: config.repo, commit: config.commit, tsconfig: config.tsconfig, started: new Date().toISOString() };
  log(`${config.name}: baseline`);
  const reuseIndex = args.indexOf("--reuse-baseline");
  /** @type {{diagnostics: ReturnType<typeof diagnostics>, routes: Record<string, any>}} */
  let baseline;
  if (reuseIndex >= 0) {
    // A baseline measured by an earlier run on the same commit (this machine is slow: 10 minutes saved).
    const earlier = JSON.parse(fs.readFileSync(path.resolve(args[reuseIndex + 1]), "utf8")).baseline;
    baseline = { diagnostics: earlier.diagnostics ?? diagnostics(dir, config.tsconfig, config.typescript(dir)), routes: earlier.routes };
    result.baselineFrom = path.basename(args[reuseIndex + 1]);
  } else {
    baseline = { diagnostics: diagnostics(dir, config.tsconfig, config.typescript(dir)), routes: {} };
    for (const route of /** @type {const} */ (["plain", "tspc", "bundler"])) baseline.routes[route] = runTests(config, dir, route);
  }
  result.baseline = { typescript: baseline.diagnostics.version, errors: Object.values(baseline.diagnostics.counts).reduce((s, n) => s + n, 0), diagnostics: baseline.diagnostics, routes: baseline.routes };

  log("audit");
  const auditRun = sh(`node ${cli} audit -p ${config.tsconfig} --json --no-progress`, dir);
  if (auditRun.code !== 0) throw new Error(`audit failed: ${auditRun.stderr}`);
  const audit = JSON.parse(auditRun.stdout);
  /** @type {any[]} */
  const classes = audit.classes;
  result.audit = { seconds: auditRun.seconds, summary: audit.summary, counts: countBy(classes.map((c) => c.status)), reasons: reasonCounts(classes.filter((c) => c.status !== "safe")) };

  log("add --write");
  const added = add(dir, config, []);
  result.add = added;
  // add's own count ("added @slots to N classes"): counting diff lines misses decorators written on the class line.
  result.decorated = Number(/added @slots to (\d+) class/.exec(added.output)?.[1] ?? 0);
  log(`${result.decorated} @slots written; judging`);
  result.after = judge(dir, config, baseline);
  result.after.passes = passes(result.after, baseline);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(result, null, 2) + "\n");

  if (!args.includes("--skip-recall")) {
    // Only classes the project's tests exercise count (config.recallScope: the folders they import); a class no test
    // constructs "passes" whatever it does, which says nothing about the audit.
    const inScope = (/** @type {any} */ c) => !config.recallScope || config.recallScope.some((/** @type {string} */ prefix) => c.file.startsWith(prefix));
    const scoped = classes.filter(inScope);
    const safeNames = unique(scoped.filter((c) => c.status === "safe").map((c) => c.name));
    const candidates = unique(scoped.filter((c) => c.status !== "safe" && c.status !== "slots").map((c) => c.name)).filter((n) => !safeNames.includes(n));
    /** @type {any[]} */
    const trail = [];
    // --recall-sample N: N of them, evenly spaced, each decorated alone (where bisecting all would take too long).
    const sampleIndex = args.indexOf("--recall-sample");
    // --recall-groups "A B C;D E": each group decorated together and judged once, not bisected (a failing group's
    // classes count as failing, so the recall is then an upper bound); candidates in no group are not tried.
    const groupsIndex = args.indexOf("--recall-groups");
    // The group REST stands for the candidates no other group names.
    const named = groupsIndex >= 0 ? args[groupsIndex + 1].split(";").map((g) => g.split(/[\s,]+/).filter(Boolean)) : [];
    const rest = candidates.filter((n) => !named.flat().includes(n));
    const groups = groupsIndex >= 0 ? named.map((g) => (g.length === 1 && g[0] === "REST" ? rest : g.filter((n) => candidates.includes(n)))).filter((g) => g.length) : undefined;
    const sample = groups ? groups.flat() : sampleIndex >= 0 ? evenlySpaced(candidates, Number(args[sampleIndex + 1])) : undefined;
    const r = groups
      ? groups.map((group) => judgeGroup(dir, config, baseline, group, trail)).reduce((a, b) => ({ passing: [...a.passing, ...b.passing], failing: [...a.failing, ...b.failing] }), { passing: [], failing: [] })
      : sample
      ? sample.map((name) => recall(dir, config, baseline, [name], trail)).reduce((a, b) => ({ passing: [...a.passing, ...b.passing], failing: [...a.failing, ...b.failing] }), { passing: [], failing: [] })
      : recall(dir, config, baseline, candidates, trail);
    // The bisection judged groups on the recall routes only; the passing ones together, on every route, confirm it.
    restore(dir, config);
    add(dir, config, r.passing);
    const confirmed = r.passing.length ? judge(dir, config, baseline) : undefined;
    const passing = safeNames.length + r.passing.length;
    result.recall = {
      scope: config.recallScope ?? "every class",
      outOfScope: classes.filter((c) => !inScope(c)).map((c) => `${c.name} (${c.status})`),
      safe: safeNames.length,
      notSafe: candidates.length,
      notSafeTried: sample ? sample.length : candidates.length,
      sampled: Boolean(sample),
      groups,
      notTried: sample ? candidates.filter((n) => !sample.includes(n)) : [],
      notSafePassing: r.passing,
      notSafeFailing: r.failing,
      recall: passing ? Math.round((1000 * safeNames.length) / passing) / 10 : null,
      // With a sample, the passing share of the sample stands for all the not-safe classes.
      recallEstimate: sample && sample.length && !groups ? Math.round((1000 * safeNames.length) / (safeNames.length + (r.passing.length / sample.length) * candidates.length)) / 10 : undefined,
      confirmation: confirmed && { passes: passes(confirmed, baseline), newErrors: confirmed.newErrors, routes: Object.fromEntries(Object.entries(confirmed.routes).map(([k, v]) => [k, v.buildFailed ? "build failed" : { passed: v.passed, failed: v.failed, failedTests: v.failedTests }])) },
      routes: config.recallRoutes ?? ["bundler"],
      note: "recall = classes the audit called safe / (those + not-safe classes that pass when decorated by name); the safe ones pass as a group (result.after)",
      trail,
    };
    restore(dir, config);
  }
  restore(dir, config);
  result.finished = new Date().toISOString();
  fs.writeFileSync(outFile, JSON.stringify(result, null, 2) + "\n");
  log(`written ${path.relative(process.cwd(), outFile)}`);
  process.stdout.write(summaryOf(result) + "\n");
}

function evenlySpaced(/** @type {string[]} */ xs, /** @type {number} */ n) {
  if (n >= xs.length) return xs;
  return Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]);
}
const unique = (/** @type {string[]} */ xs) => [...new Set(xs)];
function countBy(/** @type {string[]} */ xs) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}
/** The finding kinds and TSS codes behind the classes not called safe. */
function reasonCounts(/** @type {any[]} */ classes) {
  return countBy(classes.flatMap((c) => unique(c.reasons.map((/** @type {string} */ r) => r.replace(/ at .*$/, "").replace(/`[^`]*`/g, "`…`").slice(0, 80)))));
}

function summaryOf(/** @type {any} */ r) {
  const routeLine = (/** @type {string} */ k) => {
    const b = r.baseline.routes[k];
    const a = r.after.routes[k];
    if (!b || b.skipped) return `  ${k}: skipped`;
    const show = (/** @type {any} */ x) => (x.buildFailed ? "build failed" : `${x.passed} passed, ${x.failed} failed`);
    return `  ${k}: before ${show(b)}; after ${show(a)}`;
  };
  return [
    `${r.name} @ ${r.commit.slice(0, 12)}: ${r.audit.summary?.classes ?? "?"} classes, audit ${JSON.stringify(r.audit.counts)}, ${r.decorated} decorated`,
    `  new TypeScript errors: ${r.after.newErrors} ${JSON.stringify(Object.fromEntries(Object.entries(r.after.newDiagnostics).map(([k, v]) => [k, v.count])))}`,
    routeLine("plain"),
    routeLine("tspc"),
    routeLine("bundler"),
    r.recall ? `  recall: ${r.recall.safe} safe of ${r.recall.safe + r.recall.notSafePassing.length} passing = ${r.recall.recall}% (not safe: ${r.recall.notSafePassing.length} of ${r.recall.notSafeTried} pass; failing: ${r.recall.notSafeFailing.join(" ")})` : "  recall: skipped",
  ].join("\n");
}

module.exports = { diagnostics, newDiagnostics, parseVitest, sh };
if (require.main === module) main();
