#!/usr/bin/env node
// Runs TypeScript's own conformance cases for classes through both ts-slots emitters.
//
//   npm run conformance -- /path/to/cases [--jobs 2] [--filter text] [--json out.json] [--verbose]
//
// The cases are TypeScript's (microsoft/TypeScript tests/cases/**), read from a local copy given by path, never kept
// in this repository. For every case TypeScript 6 accepts without errors under its own headers (our baseline: see
// docs/conformance.md), every class that can take a decorator gets `@slots`, and the case is built by the ts-patch
// route and by the source rewrite + transpileModule: no crash, no new TypeScript diagnostic (ts-slots' TSS reports are
// counted apart), and where the case runs, the same output as the normal build up to the contract.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { fork, spawnSync } = require("child_process");

function parseArgs(argv) {
  const args = { dir: undefined, jobs: 2, filter: undefined, json: undefined, verbose: false, worker: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--jobs") args.jobs = Number(argv[++i]);
    else if (arg === "--filter") args.filter = argv[++i];
    else if (arg === "--json") args.json = argv[++i];
    else if (arg === "--verbose") args.verbose = true;
    else if (arg === "--worker") args.worker = true;
    else if (!args.dir) args.dir = arg;
  }
  return args;
}

function listCases(dir) {
  const found = [];
  const walk = (current) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) found.push(full);
    }
  };
  walk(dir);
  return found.sort();
}

// ---- one case (in a worker) ----

const contractError = /TypeError: Cannot (add property|define property|assign to read only property)|object is not extensible/;

function newDiagnostics(after, before) {
  const remaining = new Map();
  for (const d of before) remaining.set(d.key, (remaining.get(d.key) || 0) + 1);
  const added = [];
  for (const d of after) {
    const left = remaining.get(d.key) || 0;
    if (left > 0) remaining.set(d.key, left - 1);
    else added.push(d);
  }
  return added;
}

function runCase(file, root) {
  const { parseCase, scriptKindOf, decorateUnit, importOnlyUnit, isModuleText, probedClasses } = require("./cases");
  const { ts, caseOptions, buildProgram, buildTextRoute } = require("./build");
  const id = path.relative(root, file);
  const result = { id, status: undefined, reason: undefined, notes: [] };
  const text = fs.readFileSync(file, "utf8");
  if (/\.d\.ts$/.test(file)) return { ...result, status: "excluded", reason: "declaration-file case (only ambient classes)" };
  const parsed = parseCase(path.basename(file), text);
  if (Object.keys(parsed.variations).length > 0) result.notes.push(`variations: ${Object.keys(parsed.variations).join(", ")} (the first value, or the first other one without errors)`);
  let { options, json, notes, unknown } = caseOptions(parsed.options);
  if (options.noLib) return { ...result, status: "excluded", reason: "@noLib case (declares its own global types)" };
  // The baseline is the case as TypeScript has it; a repro fixture that already uses ts-slots is read without it.
  const { stripSlotsMarker } = require("../../bench/lib/strip.cjs");
  const baselineUnits = parsed.units.map((unit) => (/from\s+["']ts-slots["']/.test(unit.text) ? { ...unit, text: stripSlotsMarker(unit.text).code } : unit));
  let original = buildProgram(baselineUnits, options, { emit: false });
  let baselineErrors = original.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  // TypeScript 6 turns `strict` on by default; cases written before it (without a `@strict` header) were checked by
  // TypeScript's harness with it off. Such a case is taken with strict off when that is what makes it error-free.
  if (baselineErrors.length > 0 && !("strict" in parsed.options)) {
    const loose = caseOptions({ ...parsed.options, strict: "false" });
    const retry = buildProgram(baselineUnits, loose.options, { emit: false });
    const retryErrors = retry.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (!retry.crash && retryErrors.length === 0) {
      ({ options, json, notes, unknown } = loose);
      original = retry;
      baselineErrors = retryErrors;
      notes = [...notes, "strict off (no @strict header: TypeScript's harness default before 6.0)"];
    }
  }
  // A variation list (`@target: es5, es2022`) is one case per value in TypeScript's harness; when the first value has
  // errors (say one reported for older targets only), the first other value under which the case is clean is taken.
  if (baselineErrors.length > 0 && !original.crash) {
    const alternatives = Object.entries(parsed.variations).flatMap(([name, values]) => values.slice(1).filter((value) => value !== "*").map((value) => [name, value]));
    for (const [name, value] of alternatives) {
      const alternative = caseOptions({ ...parsed.options, [name]: value });
      const retry = buildProgram(baselineUnits, alternative.options, { emit: false });
      if (retry.crash || retry.diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error)) continue;
      ({ options, json, notes, unknown } = alternative);
      original = retry;
      baselineErrors = [];
      notes = [...notes, `variation: ${name} ${value} (the first value has errors)`];
      break;
    }
  }
  result.notes.push(...notes, ...unknown.map((u) => `option ignored: ${u}`));
  if (original.crash) return { ...result, status: "excluded", reason: "TypeScript itself threw on the original", detail: original.crash.split("\n")[0] };
  if (baselineErrors.length > 0) return { ...result, status: "excluded", reason: "baseline has errors (TypeScript 6 under the case's headers)", detail: baselineErrors.slice(0, 2).map((d) => d.text).join(" | ") };

  const decoratedUnits = [];
  const controlUnits = [];
  let decorated = 0;
  const excludedClasses = [];
  for (const unit of parsed.units) {
    const kind = scriptKindOf(unit.name);
    if (kind !== "typescript") {
      decoratedUnits.push(unit);
      controlUnits.push(unit);
      if (kind === "javascript" && /\bclass\b/.test(unit.text)) excludedClasses.push({ name: unit.name, reason: "JavaScript unit: classes not decorated (ts-slots rewrites TypeScript)" });
      continue;
    }
    const out = decorateUnit(unit, { experimentalDecorators: Boolean(options.experimentalDecorators) });
    decorated += out.decorated;
    excludedClasses.push(...out.excluded);
    decoratedUnits.push({ ...unit, text: out.text });
    controlUnits.push(out.control ? { ...unit, text: out.control } : out.importName ? { ...unit, text: importOnlyUnit(unit, out.importName) } : unit);
  }
  result.decorated = decorated;
  result.excludedClasses = excludedClasses;
  if (decorated === 0) {
    const reasons = [...new Set(excludedClasses.map((c) => c.reason))];
    return { ...result, status: "excluded", reason: reasons.length ? `no class can take @slots: ${reasons.join("; ")}` : "no class in the case" };
  }

  // The control: the import alone (a script becomes a module). Its output is the normal build that is run.
  const control = buildProgram(controlUnits, options, { emit: true });
  const controlNew = newDiagnostics(control.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error), baselineErrors);
  if (control.crash) return { ...result, status: "excluded", reason: "TypeScript threw on the control build", detail: control.crash.split("\n")[0] };
  if (controlNew.length > 0) return { ...result, status: "excluded", reason: "the added import alone changes TypeScript's verdict (a script becomes a module)", detail: controlNew.slice(0, 2).map((d) => d.text).join(" | ") };

  // Route 1: ts-patch with ts-slots/transformer.
  const tspc = buildProgram(decoratedUnits, options, { plugin: true, emit: true });
  result.status = "built";
  result.crashes = [];
  if (tspc.crash) result.crashes.push({ route: "tspc", text: tspc.crash.split("\n").slice(0, 3).join(" / ") });
  const tspcAll = [...tspc.diagnostics, ...tspc.emitDiagnostics];
  result.tss = tspcAll.filter((d) => d.code >= 990000).map((d) => ({ route: "tspc", code: `TSS${d.code - 990000}`, text: d.text, severity: d.category === 1 ? "error" : "warning" }));
  for (const line of tspc.warnings) {
    const code = /warning TS99(\d{4})/.exec(line);
    result.tss.push({ route: "tspc", code: code ? `TSS${code[1]}` : "printed", text: line, severity: "warning" });
  }
  const controlAll = [...control.diagnostics, ...control.emitDiagnostics];
  result.newDiagnostics = newDiagnostics(tspcAll.filter((d) => d.code < 990000), controlAll).map((d) => ({ route: "tspc", code: `TS${d.code}`, text: d.text }));

  // Route 2: the source rewrite, then TypeScript's transpileModule.
  const textRoute = buildTextRoute(decoratedUnits, options, json);
  if (textRoute.crash) result.crashes.push({ route: "text", text: textRoute.crash.split("\n").slice(0, 3).join(" / ") });
  result.tss.push(...textRoute.problems.map((p) => ({ route: "text", code: `TSS${p.code}`, text: p.text, severity: p.severity })));
  result.newDiagnostics.push(...textRoute.syntax.map((text) => ({ route: "text", code: text.match(/TS\d+/)[0], text })));

  // Running: CommonJS output only (the child has no ES module loader), and only what both routes emitted.
  const runnableModule = options.module === ts.ModuleKind.CommonJS || options.module === undefined;
  if (!runnableModule) return { ...result, run: { status: "not run", reason: `module ${ts.ModuleKind[options.module]}` } };
  if (result.crashes.length > 0) return { ...result, run: { status: "not run", reason: "a route crashed" } };
  const order = parsed.units.filter((u) => scriptKindOf(u.name) === "typescript" || scriptKindOf(u.name) === "javascript");
  const jsName = (name) => name.replace(/\.([cm]?)[jt]sx?$/i, ".$1js");
  // Each unit's JavaScript with the probe of its top-level classes appended (the same in every build).
  const probeOf = (unit) => {
    if (scriptKindOf(unit.name) !== "typescript") return "";
    const classes = probedClasses(unit, Boolean(options.experimentalDecorators));
    return classes.map(({ label, expression }) => `\n;__conformanceProbe(${JSON.stringify(`${unit.name}:${label}`)}, ${expression});`).join("");
  };
  const buildOf = (outputs, units) => ({
    units: order
      .map((u) => {
        const js = outputs[jsName(u.name)];
        return { name: jsName(u.name), js: js === undefined ? undefined : js + probeOf(u), module: isModuleText(u.name, units.find((x) => x.name === u.name).text) };
      })
      .filter((u) => u.js !== undefined),
  });
  const builds = { normal: buildOf(control.outputs, controlUnits), tspc: buildOf(tspc.outputs, decoratedUnits), text: buildOf(textRoute.outputs, decoratedUnits) };
  if (builds.normal.units.length === 0) return { ...result, run: { status: "not run", reason: "nothing emitted" } };
  const child = spawnSync(process.execPath, [path.join(__dirname, "child.js")], { input: JSON.stringify({ builds, timeout: 2000 }), encoding: "utf8", timeout: 30000, maxBuffer: 64 * 1024 * 1024 });
  let outcome;
  try {
    outcome = JSON.parse(child.stdout);
  } catch {
    return { ...result, run: { status: "not run", reason: `child failed: ${(child.stderr || String(child.error || child.status)).split("\n")[0]}` } };
  }
  if (outcome.normal.missing) return { ...result, run: { status: "not run", reason: `requires a missing module (${outcome.normal.missing})` } };
  const compare = (route) => {
    const a = outcome.normal;
    const b = outcome[route];
    const probeDifferences = compareProbes(a.probes, b.probes);
    if (a.stdout === b.stdout && a.error === b.error && probeDifferences.length === 0) return { verdict: "identical" };
    if (b.error && contractError.test(b.error) && b.error !== a.error && a.stdout.startsWith(b.stdout)) return { verdict: "contract", why: b.error };
    return { verdict: "differing", normal: { stdout: a.stdout, error: a.error }, slots: { stdout: b.stdout, error: b.error }, probeDifferences };
  };
  result.run = { status: "run", normalThrew: Boolean(outcome.normal.error), tspc: compare("tspc"), text: compare("text"), outcome };
  return result;
}

/** The zero values a slot starts with (where the normal build leaves a declared field `undefined`). */
const zeroValues = new Set(["undefined", "null", "0", '""', "false", "0n", "NaN"]);

/**
 * Differences between the probes of the normal build and a ts-slots build that the contract does not allow: another
 * class name, another construction outcome or prototype, a property the normal build has that the slots build lacks
 * or holds another value in (a slot may hold its zero where the normal build has `undefined`), or an added property
 * that is not a zero (a slot exists from construction on, holding its zero).
 */
function compareProbes(normal = [], slots = []) {
  const differences = [];
  const byLabel = new Map(slots.map((p) => [p.label, p]));
  for (const a of normal) {
    const b = byLabel.get(a.label);
    if (!b) {
      differences.push(`${a.label}: not probed in the slots build`);
      continue;
    }
    if (a.name !== b.name) differences.push(`${a.label}: name ${JSON.stringify(a.name)} became ${JSON.stringify(b.name)}`);
    if ((a.error || "") !== (b.error || "")) {
      if (!(b.error && contractError.test(b.error) && !a.error)) differences.push(`${a.label}: new threw ${a.error || "nothing"} normally, ${b.error || "nothing"} with ts-slots`);
      continue;
    }
    if (a.error) continue;
    if (a.proto !== b.proto) differences.push(`${a.label}: prototype check ${a.proto} became ${b.proto}`);
    if (!b.sealed) differences.push(`${a.label}: the @slots instance is not sealed`);
    const own = new Map(b.own);
    for (const [key, value] of a.own) {
      if (!own.has(key)) differences.push(`${a.label}: own property ${key} (${value}) missing with ts-slots`);
      // An Error's `stack` names the emitted lines, which the two builds place differently.
      else if (key !== "stack" && own.get(key) !== value && !(value === "undefined" && zeroValues.has(own.get(key)))) differences.push(`${a.label}: ${key} is ${value} normally, ${own.get(key)} with ts-slots`);
      own.delete(key);
    }
    for (const [key, value] of own) if (!zeroValues.has(value)) differences.push(`${a.label}: added own property ${key} = ${value} with ts-slots`);
  }
  return differences;
}

// ---- the driver ----

function summarise(results) {
  const count = (predicate) => results.filter(predicate).length;
  const excluded = new Map();
  for (const r of results.filter((r) => r.status === "excluded")) {
    const reason = r.reason.replace(/^no class can take @slots: .*/, (m) => m);
    excluded.set(reason, (excluded.get(reason) || 0) + 1);
  }
  const built = results.filter((r) => r.status === "built");
  const run = built.filter((r) => r.run && r.run.status === "run");
  const notRun = new Map();
  for (const r of built.filter((r) => !r.run || r.run.status !== "run")) notRun.set(r.run ? r.run.reason : "?", (notRun.get(r.run ? r.run.reason : "?") || 0) + 1);
  const classes = new Map();
  for (const r of results) for (const c of r.excludedClasses || []) classes.set(c.reason, (classes.get(c.reason) || 0) + 1);
  const tss = new Map();
  for (const r of built) for (const t of r.tss) tss.set(`${t.route} ${t.code} (${t.severity})`, (tss.get(`${t.route} ${t.code} (${t.severity})`) || 0) + 1);
  const newDiagnostics = new Map();
  for (const r of built) for (const d of r.newDiagnostics) newDiagnostics.set(`${d.route} ${d.code}`, (newDiagnostics.get(`${d.route} ${d.code}`) || 0) + 1);
  const verdicts = (route) => ({
    identical: count((r) => r.run && r.run.status === "run" && r.run[route].verdict === "identical"),
    contract: count((r) => r.run && r.run.status === "run" && r.run[route].verdict === "contract"),
    differing: results.filter((r) => r.run && r.run.status === "run" && r.run[route].verdict === "differing").map((r) => r.id),
  });
  return {
    read: results.length,
    excluded,
    built: built.length,
    classesDecorated: built.reduce((n, r) => n + r.decorated, 0),
    classesExcluded: classes,
    casesWithNewDiagnostics: built.filter((r) => r.newDiagnostics.length > 0).map((r) => r.id),
    newDiagnostics,
    casesWithTss: built.filter((r) => r.tss.length > 0).length,
    tss,
    crashes: built.filter((r) => r.crashes.length > 0).map((r) => `${r.id}: ${r.crashes.map((c) => `${c.route}: ${c.text}`).join("; ")}`),
    run: run.length,
    normalThrew: run.filter((r) => r.run.normalThrew).length,
    notRun,
    tspc: verdicts("tspc"),
    text: verdicts("text"),
  };
}

function printSummary(s) {
  const lines = [];
  const map = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `    ${v}  ${k}`);
  lines.push(`cases read: ${s.read}`);
  lines.push(`excluded: ${[...s.excluded.values()].reduce((a, b) => a + b, 0)}`, ...map(s.excluded));
  lines.push(`built (both routes): ${s.built}; classes decorated: ${s.classesDecorated}`);
  lines.push(`classes not decorated (in all cases read):`, ...map(s.classesExcluded));
  lines.push(`crashes: ${s.crashes.length}`, ...s.crashes.map((c) => `    ${c}`));
  lines.push(`cases with a new TypeScript diagnostic: ${s.casesWithNewDiagnostics.length}`, ...map(s.newDiagnostics), ...s.casesWithNewDiagnostics.map((id) => `    - ${id}`));
  lines.push(`cases with ts-slots reports: ${s.casesWithTss}`, ...map(s.tss));
  lines.push(`run: ${s.run} (normal build threw in ${s.normalThrew}); not run:`, ...map(s.notRun));
  for (const route of ["tspc", "text"]) {
    const v = s[route];
    lines.push(`${route}: identical ${v.identical}, differing within the contract ${v.contract}, differing ${v.differing.length}`, ...v.differing.map((id) => `    - ${id}`));
  }
  return lines.join("\n");
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.worker) return worker();
  if (!args.dir || !fs.existsSync(args.dir)) {
    console.error("usage: npm run conformance -- <directory with TypeScript's conformance cases> [--jobs 2] [--filter text] [--json out.json]");
    process.exit(2);
  }
  const root = path.resolve(args.dir);
  const distRewrite = path.resolve(__dirname, "../../dist/transformer/emit-text/index.js");
  if (!fs.existsSync(distRewrite)) {
    console.error("dist/ is missing: run npm run build first");
    process.exit(2);
  }
  let files = listCases(root);
  if (args.filter) files = files.filter((f) => f.includes(args.filter));
  const started = Date.now();
  const queue = [...files];
  const results = [];
  const jobs = Math.max(1, Math.min(args.jobs, files.length));
  await Promise.all(
    Array.from({ length: jobs }, () =>
      new Promise((resolve, reject) => {
        const child = fork(__filename, ["--worker"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
        const next = () => {
          const file = queue.shift();
          if (file) child.send({ file, root });
          else child.send({ done: true });
        };
        child.on("message", (/** @type {any} */ message) => {
          results.push(message);
          if (args.verbose) console.error(`${results.length}/${files.length} ${message.id}: ${message.status}${message.reason ? ` (${message.reason})` : ""}`);
          next();
        });
        child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
        next();
      }),
    ),
  );
  results.sort((a, b) => a.id.localeCompare(b.id));
  const summary = summarise(results);
  console.log(printSummary(summary));
  console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s with ${jobs} workers, ${os.cpus().length} cores`);
  const out = args.json || path.join(os.tmpdir(), "ts-slots-conformance.json");
  fs.writeFileSync(out, JSON.stringify({ summary: { ...summary, excluded: Object.fromEntries(summary.excluded), classesExcluded: Object.fromEntries(summary.classesExcluded), tss: Object.fromEntries(summary.tss), newDiagnostics: Object.fromEntries(summary.newDiagnostics), notRun: Object.fromEntries(summary.notRun) }, results }, null, 2));
  console.log(`details: ${out}`);
}

function worker() {
  process.on("message", (/** @type {{ done?: boolean, file?: string, root?: string }} */ message) => {
    if (message.done) return process.exit(0);
    let result;
    try {
      result = runCase(message.file, message.root);
    } catch (error) {
      result = { id: path.relative(message.root, message.file), status: "built", crashes: [{ route: "harness", text: String(error && error.stack) }], tss: [], newDiagnostics: [], decorated: 0 };
    }
    process.send(result);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
