// run: `npm run bench` — compiles the cases as slots and normal builds by two routes (tspc + transformer plugin,
// emitter 2's rewrite + esbuild), refuses untransformed builds, measures them in fresh node processes, and writes
// bench/results/<date>.{json,md,svg} (the summary, the report, the chart: committed) and the full result to
// bench/results/raw/<date>.json (a build artefact, gitignored).
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { analyseCases, evaluateTargets, seedComparison, slotsLosses, undefinedStartCost } from "./lib/analyse.mjs";
import { parseArgs, USAGE, UsageError } from "./lib/args.mjs";
import { ensurePluginBuilt, makeBuilds, modulePath, NORMAL_HOW } from "./lib/builds.mjs";
import { ratioChart } from "./lib/chart-svg.mjs";
import { compileCost } from "./lib/compile-cost.mjs";
import { rewriteCost } from "./lib/rewrite-cost.mjs";
import { buildCost, formatBuildCost } from "./lib/build-cost.mjs";
import { BUILD_CONFIGS, BUILDS, CASES, MODES, RESULTS, ROOT, ROUTES, SEMANTICS } from "./lib/config.mjs";
import { envInfo, loadAverage } from "./lib/env-info.mjs";
import { guard, GuardRefusal, writeReferences } from "./lib/guard.mjs";
import { measureAll, planJobs } from "./lib/measure.mjs";
import { resolveNodes } from "./lib/nodes.mjs";
import { fmtSecs, Progress } from "./lib/progress.mjs";
import { pythonSeed } from "./lib/python-seed.mjs";
import { markdownReport } from "./lib/report-md.mjs";
import { terminalTable } from "./lib/table-term.mjs";
import { twinMismatches, twinVerdict } from "./lib/twin.mjs";
import { summarize } from "./lib/summary.mjs";

const GUARD_N = 500;

/** The build whose output the guard inspects for `config`: itself, or, under a self-test hook, a build posing as it. */
function inspectedModule(config, caseName, opts) {
  if (opts.poseNeverAsNormal && config.variant === "normal") return modulePath(`${config.line}-never`, caseName);
  if (config.variant !== "always") return modulePath(config.id, caseName);
  if (opts.poseNormalAsSlots && config.route === "tspc") return modulePath(`${config.line}-normal`, caseName);
  if (opts.poseUnrewrittenAsSlots && config.route === "esbuild") return modulePath(`${config.line}-unrewritten`, caseName);
  if (opts.poseUnrewrittenEsmAsSlots && config.route === "esbuild") return modulePath(`${config.line}-unrewritten-esm`, caseName, ".mjs");
  return modulePath(config.id, caseName);
}

/**
 * Self-test hooks: the esbuild route's seal:always builds compiled from the marked source without the rewrite, as
 * CommonJS or as ES modules (only the run-time fallback decorator stands between them and a normal class).
 */
function unrewrittenConfigs(configs, opts) {
  const always = configs.filter((c) => c.route === "esbuild" && c.variant === "always");
  return [
    ...(opts.poseUnrewrittenAsSlots ? always.map((c) => ({ ...c, id: `${c.line}-unrewritten`, rewrite: false })) : []),
    ...(opts.poseUnrewrittenEsmAsSlots ? always.map((c) => ({ ...c, id: `${c.line}-unrewritten-esm`, rewrite: false, format: "esm" })) : []),
  ];
}

async function main(argv) {
  const opts = parseArgs(argv);
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const started = Date.now();
  const mode = opts.quick ? MODES.quick : MODES.full;
  const reps = opts.reps ?? mode.reps;
  const unknown = opts.cases.filter((n) => !CASES.some((c) => c.name === n));
  if (unknown.length) throw new UsageError(`unknown case(s): ${unknown.join(", ")} (cases: ${CASES.map((c) => c.name).join(", ")})`);
  const cases = opts.cases.length ? CASES.filter((c) => opts.cases.includes(c.name)) : CASES;
  const unknownRoutes = opts.routes.filter((r) => !ROUTES.some((route) => route.key === r));
  if (unknownRoutes.length) throw new UsageError(`unknown route(s): ${unknownRoutes.join(", ")} (routes: ${ROUTES.map((r) => r.key).join(", ")})`);
  const configs = opts.routes.length ? BUILD_CONFIGS.filter((c) => opts.routes.includes(c.route)) : BUILD_CONFIGS;
  const progress = new Progress();

  const nodes = await resolveNodes({ keys: opts.nodes, explicit: opts.node, log: (m) => progress.log(m) });
  const env = envInfo(nodes);
  progress.log(
    `ts-slots bench (${opts.quick ? "quick" : "full"}): headline Node ${nodes[0].node} (V8 ${nodes[0].v8})` +
      `${nodes.length > 1 ? `, beside it ${nodes.slice(1).map((n) => `Node ${n.node} (V8 ${n.v8})`).join(", ")}` : ""}; ` +
      `harness Node ${env.harness.node}; ${cases.length} case(s), ${reps} process(es) per figure; load average ${env.loadStart} on ${env.cores} cores`,
  );

  await ensurePluginBuilt((m) => progress.log(m));
  const allBuilds = await makeBuilds([...configs, ...unrewrittenConfigs(configs, opts)], cases.map((c) => c.name), progress);
  const builds = allBuilds.filter((b) => configs.some((c) => c.id === b.id));
  const notTwins = twinMismatches(configs, cases.map((c) => c.name));
  if (notTwins.length) {
    progress.clear();
    console.error(`bench: the default production build must emit what seal:"never" emits, and does not for ${notTwins.join(", ")}`);
    return 2;
  }

  const checks = configs.flatMap((config) =>
    cases.map((c) => ({
      label: config.id,
      variant: config.variant,
      semantics: config.semantics,
      caseName: c.name,
      module: inspectedModule(config, c.name, opts),
    })),
  );
  const references = writeReferences(SEMANTICS.filter((s) => configs.some((c) => c.semantics === s.key)), cases.map((c) => c.name));
  let guardReports;
  try {
    guardReports = await guard(checks, { nodeBin: nodes[0].bin, n: GUARD_N, progress, references });
  } catch (err) {
    if (err instanceof GuardRefusal) {
      progress.clear();
      console.error(err.message);
      return 2;
    }
    throw err;
  }

  if (opts.guardOnly) {
    progress.clear();
    const same = guardReports.filter((g) => g.sameAsNormal);
    console.log(`guard: ${guardReports.length} build x case checks passed under Node ${nodes[0].node}`);
    console.log(`slots builds that behave exactly like their normal build (no run can tell them apart): ${same.map((g) => `${g.build}/${g.case}`).join(", ") || "none"}`);
    return 0;
  }

  const measuredCases = opts.cases.length ? null : (mode.measuredCases ?? null);
  const olderCases = opts.cases.length ? null : (mode.olderCases ?? null);
  const olderReps = Math.min(reps, mode.olderReps ?? reps);
  const jobs = planJobs(cases, configs, mode, { quick: opts.quick, reps, measuredCases, nodes, olderCases });
  const raw = await measureAll(jobs, { progress });
  const python = opts.python && cases.some((c) => c.name === "seed") ? await pythonSeed(mode.pythonRuns, progress) : null;
  const compile = opts.compileCost ? await compileCost({ classes: mode.compileClasses, runs: mode.compileRuns, progress }) : null;
  const rewrite = compile ? await rewriteCost({ project: compile, runs: mode.compileRuns, progress }) : null;
  // vite build with ts-slots/vite vs without: opt-in, it installs Vite from the registry.
  const viteBuild = process.env.TS_SLOTS_BENCH_BUILD_COST ? await buildCost({ sizes: opts.quick ? [200] : [200, 2000], reps: opts.quick ? 1 : 3 }) : null;
  if (viteBuild) console.log(formatBuildCost(viteBuild));

  progress.endPhase();
  env.loadEnd = loadAverage();
  const analysed = analyseCases(raw[nodes[0].key] ?? {}, cases);
  // The other Nodes: construction and update ratios per case, seal mode and semantics (tspc route).
  const byNode = nodes.map((n) => ({ ...env.nodes.find((e) => e.key === n.key), cases: n === nodes[0] ? null : analyseCases(raw[n.key] ?? {}, cases) }));
  const date = new Date().toISOString().slice(0, 10);
  const suffix = [
    opts.cases.length ? `cases-${cases.map((c) => c.name).join("+")}` : null,
    opts.routes.length ? `route-${[...new Set(configs.map((c) => c.route))].join("+")}` : null,
    opts.node || opts.nodes.length ? `node${nodes.map((n) => n.key).join("+")}` : null,
  ].filter(Boolean);
  const base = [date, ...suffix].join("-");
  const outDir = opts.out ?? (opts.quick ? join(RESULTS, "quick") : RESULTS);
  const result = {
    schema: "ts-slots-bench/3",
    date,
    mode: opts.quick ? "quick" : "full",
    command: ["npm run bench", argv.length ? `-- ${argv.join(" ")}` : ""].filter(Boolean).join(" "),
    wallTime: fmtSecs((Date.now() - started) / 1000),
    wallSeconds: Math.round((Date.now() - started) / 1000),
    reps,
    constructRound: mode.constructRound,
    memoryReps: mode.memoryReps ?? reps,
    phaseSeconds: progress.phases,
    env,
    builds: { dir: relative(ROOT, BUILDS), normalHow: NORMAL_HOW, configs: builds, measuredCases },
    guard: guardReports,
    cases: analysed,
    nodes: byNode.map((n) => ({ key: n.key, node: n.node, v8: n.v8, headline: n.cases === null, reps: n.cases === null ? reps : olderReps, olderCases, cases: n.cases })),
    undefinedStart: [{ node: nodes[0].node, v8: nodes[0].v8, rows: undefinedStartCost(analysed) }, ...byNode.filter((n) => n.cases).map((n) => ({ node: n.node, v8: n.v8, rows: undefinedStartCost(n.cases) }))],
    seed: seedComparison(analysed, python),
    python,
    compileCost: compile,
    rewriteCost: rewrite,
    buildCost: viteBuild,
    targets: evaluateTargets(analysed, compile, env.measuring),
    twin: twinVerdict(analysed, env.loadStart, env.loadEnd),
    losses: slotsLosses(analysed),
  };

  mkdirSync(outDir, { recursive: true });
  const names = { json: `${base}.json`, md: `${base}.md`, svg: `${base}.svg` };
  // Committed: the summary (bench/lib/summary.mjs), the report and the chart. The full result is a build artefact
  // beside them in raw/ (gitignored); `node bench/lib/summary.mjs <raw>` summarizes it again.
  const rawDir = join(outDir, "raw");
  const rawFile = join(rawDir, names.json);
  mkdirSync(rawDir, { recursive: true });
  writeFileSync(rawFile, JSON.stringify(result, null, 2) + "\n");
  writeFileSync(join(outDir, names.json), JSON.stringify(summarize(result, `raw/${names.json}`)) + "\n");
  writeFileSync(join(outDir, names.svg), ratioChart(result));
  writeFileSync(join(outDir, names.md), markdownReport(result, { svgName: names.svg, jsonName: names.json, rawName: `raw/${names.json}` }));
  const written = [names.json, names.md, names.svg].map((f) => relative(process.cwd(), join(outDir, f)));
  written.push(`${relative(process.cwd(), rawFile)} (full result, not committed)`);
  if (!opts.quick && suffix.length === 0 && !opts.out) {
    // docs/benchmarks.md's tables, from this run's summary; refused (and said so) when the twins disagree.
    const { writeDocs } = await import("../scripts/bench-docs.mjs");
    if (writeDocs(join(outDir, names.json)) === 0) written.push("docs/benchmarks.md");
  }

  progress.clear();
  console.log(terminalTable(result));
  console.log(`\n${result.twin.trusted ? "trusted" : "NOT TRUSTED for the docs"}: ${result.twin.reason}`);
  console.log(`\nwrote ${written.join(", ")} in ${result.wallTime}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof UsageError) {
      process.stderr.write(`bench: ${err.message}\n${USAGE}\n`);
      process.exit(64);
    }
    process.stderr.write(`\n${err.stack || err}\n`);
    process.exit(1);
  },
);
