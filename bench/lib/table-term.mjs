// table-term: the terminal summary printed at the end of a run (medians and ratios; min/max are in the report).
import { comparisonRows, columns, num, perNodeRows, x } from "./format.mjs";
import { SLOT_VARIANTS } from "./config.mjs";

const ms = (s) => `${s.median.toFixed(2)} ms`;

/** Emitter 2's per-file cost beside esbuild's (medians of processes). */
function rewriteCostLines(r) {
  const lines = [
    "",
    `source rewrite per file (emitter 2; ${r.files} files of ${r.classesPerFile} classes, median of ${r.runs} processes; steady = median file after the first):`,
  ];
  const e = r.modes.esbuild.esbuild;
  lines.push(`  esbuild alone: ${ms(e.steadyMs)} per file (first file ${ms(e.firstMs)}, service start ${ms(e.startMs)})`);
  for (const m of ["syntax", "program"]) {
    const w = r.modes[m].rewrite;
    lines.push(
      `  rewrite, types "${m}": ${ms(w.steadyMs)} per file = ${r.ratios[m].rewriteVsEsbuild.toFixed(1)}x esbuild; with esbuild after it ` +
        `${r.ratios[m].routeSteadyMs.toFixed(2)} ms = ${r.ratios[m].routeVsEsbuild.toFixed(1)}x; first file ${ms(w.firstFileMs)} (setup + first rewrite), module load ${ms(w.loadMs)}`,
    );
  }
  return lines;
}

export function terminalTable(result) {
  const lines = [];
  const e = result.env;
  lines.push(
    `ts-slots bench (${result.mode}) ${result.date} - headline: Node ${e.measuring.node}, V8 ${e.measuring.v8}; ` +
      `TypeScript ${e.typescript}, ts-patch ${e.tsPatch}, esbuild ${e.esbuild}; ${e.cores} cores (${e.cpu})`,
  );
  lines.push(
    `builds: ${result.builds.dir}/<route>-<semantics>-<variant>/  (route tspc = tspc + transformer plugin, esbuild+plugin = emitter 2's ` +
      "rewrite + esbuild; normal = marker stripped, same compiler, no plugin)",
  );
  for (const [route, names] of Object.entries(result.builds.measuredCases ?? {})) {
    lines.push(`route ${route} measured for ${names.join(", ")} only in this ${result.mode} run; every case of every route built and guarded`);
  }
  lines.push(
    `each figure: median of ${result.reps} fresh processes (shape counts: 1, deterministic); ratios = slots / normal, paired by repetition in this run; ` +
      `load average ${e.loadStart} -> ${e.loadEnd} on ${e.cores} cores`,
  );
  lines.push("");
  lines.push(`Node ${e.measuring.node} (V8 ${e.measuring.v8}): every metric, both routes; seal modes ${SLOT_VARIANTS.map((v) => `${v.key} = ${v.label}`).join(", ")}`);
  for (const v of SLOT_VARIANTS.filter((m) => typeof m.sealed === "object")) {
    const sealedUnder = Object.entries(v.sealed).filter(([, b]) => b).map(([k]) => k);
    if (sealedUnder.length) lines.push(`(seal:"${v.seal}" is Object.seal under ${sealedUnder.join(", ")} semantics: the plugin falls back to it there)`);
  }
  const matrix = [["case", "metric", "route", "sem", "normal", ...SLOT_VARIANTS.map((v) => v.key), ...SLOT_VARIANTS.map((v) => `${v.key}/n`), "floor"]];
  let last = null;
  for (const r of comparisonRows(result.cases)) {
    matrix.push([
      r.case === last ? "" : r.case,
      r.label,
      r.route,
      r.semantics,
      num(r.normal?.median),
      ...SLOT_VARIANTS.map((v) => num(r.slots[v.key]?.median)),
      ...SLOT_VARIANTS.map((v) => x(r.ratios[v.key])),
      r.floor == null ? "" : num(r.floor),
    ]);
    last = r.case;
  }
  lines.push(...columns(matrix, (i) => i >= 4));
  for (const n of result.nodes ?? []) {
    if (n.headline) continue;
    lines.push("");
    lines.push(`Node ${n.node} (V8 ${n.v8}): tspc route, ratios to normal under the same Node (median of ${n.reps} paired processes${n.olderCases ? `; cases ${n.olderCases.join(", ")} only in this ${result.mode} run` : ""})`);
    const m = [["case", "sem", "normal ns/new", ...SLOT_VARIANTS.map((v) => `construct ${v.key}/n`), "update always/n"]];
    let lastCase = null;
    for (const r of perNodeRows(n.cases)) {
      m.push([r.case === lastCase ? "" : r.case, r.semantics, num(r.normalNs), ...SLOT_VARIANTS.map((v) => x(r.construct[v.key])), r.update ? x(r.update) : ""]);
      lastCase = r.case;
    }
    lines.push(...columns(m, (i) => i >= 2));
  }
  const undef = (result.undefinedStart ?? []).filter((u) => u.rows);
  if (undef.length) {
    lines.push("");
    lines.push("numeric fields that start as undefined (define-semantics normal build) vs at 0 (the same class, seal:never): updates this many times slower");
    for (const u of undef) {
      lines.push(`  Node ${u.node} (V8 ${u.v8}): ${u.rows.map((r) => `${r.route} ${r.slowdown.median.toFixed(1)}x [${r.slowdown.min.toFixed(1)}-${r.slowdown.max.toFixed(1)}] (${num(r.undefinedNs)} vs ${num(r.zeroNs)} ns/object)`).join(", ")}`);
    }
  }

  if (result.seed) {
    const s = result.seed;
    lines.push("");
    lines.push(
      `seed vs the Python notebook (TypeScript: ${result.cases.seed.n.toLocaleString("en-US")} users, Python: 100,000; ` +
        "MiB = everything the workload allocated, as tracemalloc counts)",
    );
    const m = [["", "normal MiB", "slots MiB", "change", "read speedup"]];
    for (const row of s.rows) m.push([row.label, num(row.normalMiB), num(row.slotsMiB), `${num(row.changePct)}%`, x(row.readSpeedup)]);
    lines.push(...columns(m, (i) => i >= 1));
  }

  if (result.compileCost) {
    const c = result.compileCost;
    lines.push("");
    lines.push(
      `compile cost (${c.classes} classes, ${c.files} files, median of ${c.runs}, tspc CPU time): with plugin ${(c.cpuMs.plugin.median / 1000).toFixed(2)} s, ` +
        `same source no plugin ${(c.cpuMs.marked.median / 1000).toFixed(2)} s (${(c.overheadVsMarked * 100).toFixed(1)}% overhead), ` +
        `stripped ${(c.cpuMs.normal.median / 1000).toFixed(2)} s (${(c.overheadVsNormal * 100).toFixed(1)}%); wall ${(c.ms.plugin.median / 1000).toFixed(2)} / ${(c.ms.marked.median / 1000).toFixed(2)} / ${(c.ms.normal.median / 1000).toFixed(2)} s`,
    );
  }
  const b = result.compileCost?.breakdown;
  if (b) {
    const pct = (v) => `${(v * 100).toFixed(1)}%`;
    lines.push(
      `  plugin overhead over the stripped source, CPU: ${(b.overheadMs / 1000).toFixed(2)} s = its checks ${(b.checksMs / 1000).toFixed(2)} s (${pct(b.checksShare)}) + ` +
        `its rewrite ${(b.rewriteMs / 1000).toFixed(2)} s (${pct(b.rewriteShare)}) + the rest ${(b.restMs / 1000).toFixed(2)} s (${pct(b.restShare)}: tsc checking the decorators, printing, loading the plugin)`,
    );
  }
  if (result.rewriteCost) lines.push(...rewriteCostLines(result.rewriteCost));

  lines.push("");
  lines.push(`where slots lose (paired ratio > 1.10, every repetition > 1): ${result.losses.length}`);
  for (const l of result.losses) {
    lines.push(`  ${l.case} ${l.metric} ${l.route} ${l.semantics} seal:${l.variant}: ${l.ratio.median.toFixed(2)}x (${l.why})`);
  }
  lines.push("");
  const met = result.targets.filter((t) => t.met).length;
  lines.push(`targets: ${met}/${result.targets.length} met${result.mode === "quick" ? " (quick mode: sizes too small to mean anything)" : ""}`);
  const tm = [["", "target", "scope", "measured", "miss"]];
  for (const t of result.targets) tm.push([t.met ? "ok" : "MISS", t.text, t.scope, t.shown, t.missBy ?? ""]);
  lines.push(...columns(tm));
  return lines.join("\n");
}
