// summary: the small JSON committed in bench/results, which scripts/bench-docs.mjs turns into docs/benchmarks.md's
// tables. The full result (every process's figures, the guard's per-build reports, the builds' facts, each target's
// reason) is a build artefact: bench/run.mjs writes it to <results>/raw/<name>.json, gitignored.
//
//   node bench/lib/summary.mjs <result.json> [<summary.json>]
// summarizes an existing result (a raw artefact, or an older committed file) with the same function bench/run.mjs
// uses. Default output: beside the raw/ folder the input is in, else the input itself (an in-place conversion).
//
// Schema ts-slots-bench/4 (a summary; the full result keeps ts-slots-bench/3). Every repeated figure is
// [median, min, max] (n: the run's reps, memoryReps or runs), the median to 5 significant digits (more where the
// docs' 2 decimals need them), min and max to 4, other numbers to 5;
// a ratio is that of the paired per-repetition ratios slots / normal.
//   schema, summaryOf (the full result's path from this file's folder; null when converted from an older summary),
//   date, mode, command, wallTime, wallSeconds, reps, constructRound, memoryReps, phaseSeconds
//   env            the machine, the Nodes measured (headline first), TypeScript / ts-patch / esbuild versions,
//                  loadStart, loadEnd
//   builds         { normalHow, configs: [build id], measuredCases }
//   guard          { checks, passed, sameAsNormal: ["<build>/<case>"] }
//   cases          { <case>: { n, fields, floor, doubleFields (when memory was measured),
//                     shapes: { <line>: hidden classes of the normal build's instances },
//                     lines: { <line>: { metrics: [memory, construct, read, update: those measured],
//                                        normal: [the normal build's median per metric: bytes, ns],
//                                        <seal variant>: [[median, min, max] of slots / normal per metric] } } } }
//                  line = route-semantics (tspc-define, ...); seal variant = default, always, never, guard
//   nodes          [{ key, node, v8, headline, reps, cases }]: cases as above for the Nodes beside the headline
//                  (null for the headline, whose figures are `cases`)
//   twin           { trusted, margin, worst, reason, pairs: [{ case, line, ratio }] } (bench/lib/twin.mjs)
//   targets        { met, total, byId: [{ id, text, met, total, missed: [[scope, shown, missBy]] }] }
//   (no losses: they are the ratios above 1.10 whose min is above 1, and their reasons are in the report)
//   undefinedStart, seed, python, compileCost, rewriteCost, buildCost: as in the full result, every
//                  { median, min, max, n, values } as [median, min, max]
import { readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const SUMMARY_SCHEMA = "ts-slots-bench/4";

/** `digits` significant digits: a third of the characters of a full double, far below run-to-run noise. */
function round(x, digits = 5) {
  return Number.isFinite(x) && !Number.isInteger(x) ? Number(x.toPrecision(digits)) : x;
}

/**
 * A median to 5 significant digits, or more where 5 would land on a tie that prints differently with 2 decimals
 * (11.155054 rounds to 11.155, which is 11.15499... in binary): the docs' tables then read as from the full value.
 */
function roundMedian(x) {
  for (let digits = 5; digits < 17; digits++) {
    const r = round(x, digits);
    if (!Number.isFinite(x) || r.toFixed(2) === x.toFixed(2)) return r;
  }
  return x;
}

const isFigure = (v) => v && typeof v === "object" && !Array.isArray(v) && ["median", "min", "max"].every((k) => typeof v[k] === "number");

/** A repeated figure as [median, min, max]; the spread needs 4 significant digits, not 5. */
const triple = (f) => (f ? [roundMedian(f.median), round(f.min, 4), round(f.max, 4)] : null);

/** A copy of `value` with every repeated figure as [median, min, max] (no per-process values), numbers rounded. */
export function slim(value) {
  if (isFigure(value)) return triple(value);
  if (typeof value === "number") return round(value);
  if (Array.isArray(value)) return value.map(slim);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, slim(v)]));
}

/**
 * One case: its facts and a table per line, a row per slots variant, a column per metric (the normal build's row
 * holds its medians: ns, bytes, ...; the others the ratios slots / normal).
 */
function caseSummary(c) {
  const lines = {};
  const shapes = {};
  for (const [line, byVariant] of Object.entries(c.ratios ?? {})) {
    const metrics = Object.keys(Object.values(byVariant)[0] ?? {});
    const normal = (metric) => c.figures?.[metric]?.[`${line}-normal`]?.median;
    lines[line] = { metrics, normal: metrics.map((m) => round(normal(m) ?? null)) };
    for (const [variant, byMetric] of Object.entries(byVariant)) lines[line][variant] = metrics.map((m) => triple(byMetric[m]));
    if (normal("shapes") != null) shapes[line] = normal("shapes");
  }
  const facts = c.floor == null ? {} : { n: c.n, fields: c.fields, floor: c.floor, doubleFields: c.doubleFields };
  return { ...facts, ...(Object.keys(shapes).length ? { shapes } : {}), lines };
}

const casesSummary = (cases) => (cases ? Object.fromEntries(Object.entries(cases).map(([name, c]) => [name, caseSummary(c)])) : cases);

/** The targets' verdicts per target: how many met, and each miss with its scope and margin (reasons: the report). */
function targetsSummary(targets) {
  const byId = [];
  for (const t of targets ?? []) {
    let group = byId.find((g) => g.id === t.id);
    if (!group) byId.push((group = { id: t.id, text: t.text, met: 0, total: 0, missed: [] }));
    group.total++;
    if (t.met) group.met++;
    else group.missed.push([t.scope, t.shown, t.missBy]);
  }
  return { met: byId.reduce((s, g) => s + g.met, 0), total: byId.reduce((s, g) => s + g.total, 0), byId };
}

/** The guard's verdict: an older summary already holds the counts, a full result one report per build and case. */
function guardSummary(guard) {
  if (!Array.isArray(guard)) return guard ?? null;
  return { checks: guard.length, passed: guard.filter((g) => g.ok).length, sameAsNormal: guard.filter((g) => g.sameAsNormal).map((g) => `${g.build}/${g.case}`) };
}

/** The committed summary of a bench result (schema ts-slots-bench/3 or an older summary of one); a summary as is. */
export function summarize(result, rawPath = null) {
  if (result.schema === SUMMARY_SCHEMA) return result;
  const env = result.env && { ...result.env, measuring: omitPath(result.env.measuring), nodes: result.env.nodes?.map(omitPath) };
  return {
    schema: SUMMARY_SCHEMA,
    summaryOf: rawPath,
    date: result.date,
    mode: result.mode,
    command: result.command,
    wallTime: result.wallTime,
    wallSeconds: result.wallSeconds,
    reps: result.reps,
    constructRound: result.constructRound,
    memoryReps: result.memoryReps,
    phaseSeconds: slim(result.phaseSeconds),
    env: slim(env),
    builds: { normalHow: result.builds?.normalHow, configs: (result.builds?.configs ?? []).map((c) => c.id), measuredCases: result.builds?.measuredCases ?? null },
    guard: guardSummary(result.guard),
    cases: casesSummary(result.cases),
    nodes: (result.nodes ?? []).map((n) => ({ key: n.key, node: n.node, v8: n.v8, headline: n.headline, reps: n.reps, cases: casesSummary(n.cases) })),
    twin: result.twin ?? null,
    targets: targetsSummary(result.targets),
    undefinedStart: slim(result.undefinedStart ?? null),
    seed: slim(result.seed ?? null),
    python: slim(result.python ?? null),
    compileCost: slim(result.compileCost ?? null),
    rewriteCost: slim(result.rewriteCost ?? null),
    buildCost: slim(result.buildCost ?? null),
  };
}

/** A Node's facts without this machine's path to its binary. */
function omitPath(node) {
  if (!node) return node;
  const { execPath, installed, ...rest } = node;
  return rest;
}

/** Where `node bench/lib/summary.mjs <input>` writes: beside the raw/ folder the input is in, else over the input. */
export function summaryPathFor(input) {
  const dir = dirname(input);
  return basename(dir) === "raw" ? join(dirname(dir), basename(input)) : input;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  if (!input) {
    process.stderr.write("usage: node bench/lib/summary.mjs <result.json> [<summary.json>]\n");
    process.exit(64);
  }
  const out = resolve(output ?? summaryPathFor(resolve(input)));
  const result = JSON.parse(readFileSync(input, "utf8"));
  // An older committed summary (it says what it summarizes) was made from a full result that is no longer here.
  const rawPath = result.summaryOf ? null : relative(dirname(out), resolve(input));
  writeFileSync(out, JSON.stringify(summarize(result, rawPath)) + "\n");
  console.log(`summary: wrote ${out}`);
}
