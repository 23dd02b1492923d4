// report-md: the Markdown report written beside each results JSON (method, builds, guard, targets, tables).
import { measuredLines, METRIC_INFO } from "./analyse.mjs";
import { FLOOR_TOLERANCE_BYTES, SLOT_VARIANTS } from "./config.mjs";
import { comparisonRows, num, perNodeRows, x, xRange } from "./format.mjs";

const range = (s) => (s ? `${num(s.median)} [${num(s.min)}–${num(s.max)}]` : "-");
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

function table(head, rows) {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

/** The compact table for the README: one row per case, route and semantics, slots always (never) against normal. */
export function summaryTable(result) {
  const rows = [];
  for (const [name, c] of Object.entries(result.cases)) {
    for (const line of measuredLines(c)) {
      const f = (m, v) => c.figures[m]?.[`${line.key}-${v}`]?.median;
      const r = (m, v) => c.ratios[line.key][v]?.[m];
      rows.push([
        name,
        line.routeLabel,
        line.semantics,
        `${num(f("memory", "normal"))} → ${num(f("memory", "always"))} (floor ${num(c.floor)})`,
        `${f("shapes", "normal")} → ${f("shapes", "always")}`,
        SLOT_VARIANTS.map((v) => x(r("construct", v.key))).join(" / "),
        x(r("read", "always")),
        c.figures.update ? x(r("update", "always")) : "",
      ]);
    }
  }
  return table(
    ["case", "route", "semantics", "bytes/instance normal → slots", "hidden classes normal → slots", `construct ns: ${SLOT_VARIANTS.map((v) => v.key).join(" / ")} vs normal`, "read ns vs normal", "update ns vs normal"],
    rows,
  );
}

/** The per-Node tables (construction per seal mode and update, tspc route) and the undefined-start figure per Node. */
export function perNodeSection(result) {
  const L = [];
  const seal = SLOT_VARIANTS.map((v) => `\`${v.key}\` = ${v.label}`).join(", ");
  for (const n of result.nodes ?? []) {
    if (n.headline) continue;
    L.push(`### Node ${n.node} (V8 ${n.v8})`);
    L.push("");
    L.push(`tspc route, ratios to the normal build under the same Node (median of ${n.reps} paired processes${n.olderCases ? `; cases ${n.olderCases.join(", ")} only in this ${result.mode} run` : ""}); seal modes: ${seal}.`);
    L.push("");
    L.push(
      table(
        ["case", "semantics", "normal ns per new", ...SLOT_VARIANTS.map((v) => `construct ${v.key} / normal`), "update (always) / normal"],
        perNodeRows(n.cases).map((r) => [r.case, r.semantics, num(r.normalNs), ...SLOT_VARIANTS.map((v) => x(r.construct[v.key])), r.update ? x(r.update) : ""]),
      ),
    );
    L.push("");
  }
  const undef = (result.undefinedStart ?? []).filter((u) => u.rows);
  if (undef.length) {
    L.push("Number fields that start as `undefined` (the define-semantics normal build of `numeric`) against the same class whose fields start at `0` (its seal:\"never\" build): updates this many times slower.");
    L.push("");
    L.push(
      table(
        ["Node", "route", "slower", "undefined start ns/object", "0 start ns/object"],
        undef.flatMap((u) => u.rows.map((r) => [`${u.node} (V8 ${u.v8})`, r.route, `${r.slowdown.median.toFixed(1)}x [${r.slowdown.min.toFixed(1)}–${r.slowdown.max.toFixed(1)}]`, num(r.undefinedNs), num(r.zeroNs)])),
      ),
    );
    L.push("");
  }
  return L;
}

/** Emitter 2's per-file cost on the compile-cost project, beside esbuild's own. */
function rewriteCostSection(r) {
  const L = ["", "## Per-file cost of the source rewrite (emitter 2, the plugin route)", ""];
  L.push(
    `The same generated project (\`${r.dir}/src-marked/\`, ${r.files} files of ${r.classesPerFile} \`@slots\` classes). Each mode runs in its own fresh \`node\` process, ` +
      `modes interleaved, ${r.runs} process(es) each: median [min–max]. \`rewrite()\` is timed file by file (wall clock, \`process.hrtime\`); "steady" is the median file after the first, ` +
      "\"first file\" is `createSourceRewriter` plus the first `rewrite()` (in `types: \"program\"` mode that builds the TypeScript program over the project's tsconfig). " +
      "esbuild is `esbuild.transform` per file, its service start (the first call spawns the esbuild binary) timed apart; \"esbuild alone\" compiles the same marked files without the rewrite.",
  );
  L.push("");
  const ms = (s) => `${range(s)} ms`;
  const e = r.modes.esbuild.esbuild;
  const rows = [["esbuild alone", ms(e.steadyMs), "1.0x", "", ms(e.firstMs), ""]];
  for (const m of ["syntax", "program"]) {
    const w = r.modes[m].rewrite;
    rows.push([
      `rewrite(), types "${m}"`,
      ms(w.steadyMs),
      `${r.ratios[m].rewriteVsEsbuild.toFixed(1)}x`,
      `${r.ratios[m].routeSteadyMs.toFixed(2)} ms (${r.ratios[m].routeVsEsbuild.toFixed(1)}x)`,
      ms(w.firstFileMs),
      ms(w.loadMs),
    ]);
  }
  L.push(table(["step", "steady ms per file", "/ esbuild alone", "rewrite + esbuild per file (/ esbuild alone)", "first file", "module load"], rows));
  L.push("");
  L.push(
    `CPU time of the steady rewrite() calls (user + system, less inflated by other work than wall time): "syntax" ${range(r.modes.syntax.rewrite.steadyCpuMs)} ms, ` +
      `"program" ${range(r.modes.program.rewrite.steadyCpuMs)} ms per file.`,
  );
  L.push("");
  L.push(`esbuild service start ${range(e.startMs)} ms; all ${r.files} files: esbuild alone ${range(e.totalMs)} ms, rewrite "syntax" ${range(r.modes.syntax.rewrite.totalMs)} ms, rewrite "program" ${range(r.modes.program.rewrite.totalMs)} ms (first file included).`);
  return L;
}

export function markdownReport(result, { svgName, jsonName, rawName }) {
  const e = result.env;
  const L = [];
  L.push(`# ts-slots bench: ${result.date} (${result.mode})`);
  L.push("");
  L.push(`Command: \`${result.command}\` · wall time ${result.wallTime}`);
  L.push("");
  L.push(
    `Headline tables measured with Node ${e.measuring.node} (V8 ${e.measuring.v8}, \`${e.measuring.execPath}\`)` +
      `${(e.nodes ?? []).length > 1 ? `; beside them ${e.nodes.slice(1).map((n) => `Node ${n.node} (V8 ${n.v8})`).join(", ")}` : ""}; harness Node ${e.harness.node} (V8 ${e.harness.v8}); ` +
      `TypeScript ${e.typescript}, ts-patch ${e.tsPatch}, esbuild ${e.esbuild}; ${e.platform}; ${e.cores} × ${e.cpu}, ${e.memGiB} GiB.`,
  );
  if (result.mode === "quick") {
    L.push("");
    L.push("**Quick mode**: small sizes and few repetitions. It proves the harness works; its figures mean nothing about speed.");
  }
  L.push("");
  L.push(`![slots / normal ratios](${svgName})`);
  L.push("");
  L.push("## Summary");
  L.push("");
  L.push("Medians; ratios are slots / normal (below 1: slots smaller or faster), paired within this run; slots = seal:\"always\" unless marked never.");
  L.push("");
  L.push(summaryTable(result));
  L.push("");
  L.push(...perNodeSection(result));
  L.push("## How the builds were made");
  L.push("");
  L.push(`- Every build lives in \`${result.builds.dir}/<config>/\` (\`src/\`, \`tsconfig.json\`, \`out/\`, \`BUILD.json\`): ${result.builds.configs.map((c) => `\`${c.id}\``).join(", ")}.`);
  L.push("- All: target ES2022, CommonJS output, strict; `define` = `useDefineForClassFields: true`, `assign` = `false`. Two routes:");
  L.push(`- Route \`tspc\` (\`tspc-<semantics>-<variant>\`): \`tspc -p\` (ts-patch's live compiler over TypeScript). Slots builds (${SLOT_VARIANTS.map((v) => `\`${v.key}\``).join(", ")}): the case files unchanged, with \`plugins: [{ "transform": "dist/transformer/emit-ast/index.js", "seal": ${SLOT_VARIANTS.map((v) => `"${v.seal}"`).join(" | ")} }]\` (emitter 1).`);
  L.push("- Route `esbuild+plugin` (`esbuild-<semantics>-<variant>`): what the esbuild and Vite plugins run. Slots builds: each case file rewritten by emitter 2, `createSourceRewriter({ seal }, { fieldMode })` from `dist/transformer/emit-text` (`fieldMode` `native` for define, `assign` for assign, as esbuild reads the tsconfig), the rewritten TypeScript kept in `src/` with its source map, then `esbuild.transform` (loader ts, format cjs, platform node, target es2022, `tsconfigRaw` `{ useDefineForClassFields, strict: true }`).");
  L.push(`- ${result.builds.normalHow}`);
  for (const [route, names] of Object.entries(result.builds.measuredCases ?? {})) {
    L.push(`- This ${result.mode} run measures the \`${route}\` route for ${names.map((n) => `\`${n}\``).join(", ")} only (to keep the run short); every case of every route is built and guarded.`);
  }
  const g = result.guard;
  L.push(
    `- Guard (before any measurement, under Node ${e.measuring.node}, \`node --allow-natives-syntax\`), deciding by running each build, never by reading its text: ${g.filter((r) => r.ok).length}/${g.length} build × case checks passed. ` +
      "Every build: the run-time `@slots` decorator never ran (the guard wraps it before the case loads, so calls through `require` and through `import` are counted). " +
      "Slots builds: every instance owns exactly its declared fields, one hidden class per class (`%HaveSameMap`), and sealed / adding a property throwing a TypeError exactly as the seal mode promises " +
      `(${SLOT_VARIANTS.map((v) => `${v.key}: ${typeof v.sealed === "object" ? Object.entries(v.sealed).map(([k, b]) => `${b ? "sealed" : "not sealed"} under ${k}`).join(", ") : v.sealed ? "sealed" : "not sealed"}, additions ${v.rejectsAdd ? "throw" : "allowed"}`).join("; ")}). ` +
      "Normal builds: nothing sealed, and the same behaviour as a reference, the stripped source compiled by TypeScript's `transpileModule` with the same semantics and no plugin: " +
      "every store that reaches the prototype chain before the field exists (a recorder proxy on top of each chain), every instance as `build()` stores it and after `build()` (keys, kinds of values). " +
      "A slots source compiled without the plugin (CommonJS or ESM) and a seal:\"never\" build posing as normal are refused by these checks (test/bench.test.js). " +
      `Slots builds that behave exactly like their normal build (every field assigned first thing in the constructor, so only V8's field representation differs): ${g.filter((r) => r.sameAsNormal).map((r) => `\`${r.build}\`/${r.case}`).join(", ") || "none"}.`,
  );
  L.push("");
  L.push("## Method");
  L.push("");
  L.push(`- Each figure comes from its own fresh \`node\` process per Node, build, metric and repetition: median of ${result.reps} processes with [min–max] under the headline Node${(result.nodes ?? []).length > 1 ? `, ${result.nodes[1].reps} under the others` : ""}; memory ${Math.min(result.reps, result.memoryReps ?? result.reps)} (exact to the byte across processes); shape counts are deterministic and counted once. Ratios are paired within this run: the builds of one case, metric and repetition run back to back, in an order rotated by one build every repetition (and the Nodes likewise), slots rep i is divided by normal rep i, and the ratio shown is the median of those ${result.reps} quotients [min–max] (so it can differ slightly from median / median).`);
  L.push(`- Machine load (1-minute load average) at start ${result.env.loadStart} and end ${result.env.loadEnd} on ${e.cores} cores: timings above a load of ${e.cores} shared the cores with other work; the min–max ranges show how much.`);
  if (result.twin) L.push(`- Noise (twin builds): ${result.twin.reason}. ${result.twin.trusted ? "Trusted: within the margin." : "**Not trusted**: scripts/bench-docs.mjs refuses to put this run into docs/benchmarks.md."}`);
  L.push("- Memory: `--expose-gc`; inputs (strings, symbol tables) and the holding array are allocated first; heap used after two full GCs, before and after building n instances, divided by n. The V8 floor is 24 B + 8 B per declared field (Node's default build has no pointer compression).");
  L.push(`- Construction: ns per \`new\`; a timed round makes ${result.constructRound?.toLocaleString("en-US")} instances as repeated \`build()\` calls of 1,000 instances each (instances die young, so the figure is constructor + allocation, not old-generation GC of n live objects).`);
  L.push("- Read / update: the case's hot loop over n live instances, ns per object; one round = one pass.");
  L.push("- Timings: one process per line (route and semantics) and repetition times every build of the line, the normal one included, with their rounds interleaved, after a warm-up measured in time; each build's figure is its fastest round (the median round is kept in the JSON as roundsMedian): on a shared machine other work can only slow a round down, so the minimum is the figure least coloured by the machine. Ratios pair the builds of one process; across processes: median [min–max].");
  L.push("- Hidden classes: distinct maps among the n instances of the first measured window of each build's first memory process (`%HaveSameMap`, counted after the memory figures), after `%TryMigrateInstance` so that deprecated maps, which the next access migrates anyway, do not count.");
  L.push(`- Targets: a slots case is \"at the floor\" within ${FLOOR_TOLERANCE_BYTES} B. Targets use seal:always (the default) unless the scope says otherwise.`);
  L.push("");
  L.push("## Targets");
  L.push("");
  const met = result.targets.filter((t) => t.met).length;
  L.push(`${met} of ${result.targets.length} met.`);
  L.push("");
  L.push(
    table(
      ["", "target", "scope", "measured", "miss by", "why"],
      result.targets.map((t) => [t.met ? "met" : "**missed**", t.text, t.scope, t.shown, t.missBy ?? "", t.reason]),
    ),
  );
  L.push("");
  L.push("## Where slots lose");
  L.push("");
  L.push("Every case, metric and build where slots / normal is above 1.10 (median) and above 1 in every repetition:");
  L.push("");
  L.push(
    table(
      ["case", "metric", "build", "slots / normal", "why"],
      result.losses.map((l) => [l.case, METRIC_INFO[l.metric].label, `${l.route}, ${l.semantics}, seal:${l.variant}`, xRange(l.ratio), l.why]),
    ),
  );
  if (result.seed) {
    L.push("");
    L.push("## Seed: the Python notebook's workload");
    L.push("");
    L.push(`TypeScript: ${result.cases.seed.n.toLocaleString("en-US")} \`User(uid, "user" + i, active)\`; Python: the notebook's 100,000. MiB is everything the workload allocated (instances, strings, list/array), as the notebook's tracemalloc counts it; read speedup = normal / slots read time (TypeScript: the read loop over all users; Python: the notebook's timeit of one instance).`);
    if (!result.seed.pythonLive) L.push(`\nPython was not run (${result.seed.pythonReason}); its figures below are quoted from the notebook.`);
    L.push("");
    L.push(
      table(
        ["", "normal MiB", "slots MiB", "change", "read speedup"],
        result.seed.rows.map((r) => [r.label, num(r.normalMiB), num(r.slotsMiB), `${num(r.changePct)}%`, x(r.readSpeedup)]),
      ),
    );
  }
  L.push("");
  L.push("## Results per case");
  const rows = comparisonRows(result.cases);
  for (const [name, c] of Object.entries(result.cases)) {
    L.push("");
    L.push(`### ${name}`);
    L.push("");
    L.push(`n = ${c.n?.toLocaleString("en-US")} instances; ${num(c.fields)} declared fields per instance; floor ${num(c.floor)} B.`);
    L.push("");
    L.push(
      table(
        ["metric", "route", "semantics", "normal", ...SLOT_VARIANTS.map((v) => `slots ${v.key}`), ...SLOT_VARIANTS.map((v) => `${v.key} / normal`)],
        rows
          .filter((r) => r.case === name)
          .map((r) => [r.label, r.route, r.semantics, range(r.normal), ...SLOT_VARIANTS.map((v) => range(r.slots[v.key])), ...SLOT_VARIANTS.map((v) => xRange(r.ratios[v.key]))]),
      ),
    );
  }
  if (result.compileCost) {
    const c = result.compileCost;
    L.push("");
    L.push("## Compile cost of the tspc plugin (emitter 1)");
    L.push("");
    L.push(`Generated project in \`${c.dir}/\`: ${c.classes} \`@slots\` classes in ${c.files} files; \`tspc -p\` in a fresh process per run, median of ${c.runs} runs, variants interleaved. CPU time (user + system of the tspc process) is what the target is judged on; wall time is shown beside it.`);
    L.push("");
    const s = (m) => `${range({ median: m.median / 1000, min: m.min / 1000, max: m.max / 1000 })} s`;
    L.push(
      table(
        ["build", "tspc CPU time", "plugin overhead (CPU)", "tspc wall time", "plugin overhead (wall)"],
        [
          ["marked source + plugin (seal:always)", s(c.cpuMs.plugin), "", s(c.ms.plugin), ""],
          ["same marked source, no plugin", s(c.cpuMs.marked), `${(c.overheadVsMarked * 100).toFixed(1)}%`, s(c.ms.marked), `${(c.wallOverheadVsMarked * 100).toFixed(1)}%`],
          ["stripped source, no plugin", s(c.cpuMs.normal), `${(c.overheadVsNormal * 100).toFixed(1)}%`, s(c.ms.normal), `${(c.wallOverheadVsNormal * 100).toFixed(1)}%`],
        ],
      ),
    );
    if (c.phasesMs?.plugin?.transform) {
      L.push("");
      L.push("Where the time goes (tsc `--extendedDiagnostics`, medians, seconds):");
      L.push("");
      const p = (v, k) => (c.phasesMs[v]?.[k] ? (c.phasesMs[v][k].median / 1000).toFixed(2) : "-");
      L.push(
        table(
          ["build", "check", "transform", "emit (incl. transform)", "total"],
          [
            ["marked source + plugin", p("plugin", "check"), p("plugin", "transform"), p("plugin", "emit"), p("plugin", "total")],
            ["same marked source, no plugin", p("marked", "check"), p("marked", "transform"), p("marked", "emit"), p("marked", "total")],
            ["stripped source, no plugin", p("normal", "check"), p("normal", "transform"), p("normal", "emit"), p("normal", "total")],
          ],
        ),
      );
    }
  }
  const b = result.compileCost?.breakdown;
  if (b) {
    const pct = (v) => `${(v * 100).toFixed(1)}%`;
    L.push("");
    L.push("The plugin's CPU overhead over the stripped source, split by the measures the transformer records when tsc's timers are on (medians):");
    L.push("");
    L.push(
      table(
        ["plugin overhead over the stripped source (CPU)", "ms", "share of the stripped build"],
        [
          ["its checks (ts-slots checks)", b.checksMs.toFixed(0), pct(b.checksShare)],
          ["its rewrite (ts-slots rewrite)", b.rewriteMs.toFixed(0), pct(b.rewriteShare)],
          ["the rest: tsc checking the decorators, printing the output, loading the plugin", b.restMs.toFixed(0), pct(b.restShare)],
          ["total", b.overheadMs.toFixed(0), pct(result.compileCost.overheadVsNormal)],
        ],
      ),
    );
  }
  if (result.rewriteCost) L.push(...rewriteCostSection(result.rewriteCost));
  L.push("");
  L.push(`Summary: [${jsonName}](${jsonName}); every process's figures: \`${rawName}\` (a build artefact, not committed). Builds compiled in ${result.builds.configs.map((b) => `${b.id} ${secs(b.compileMs)}`).join(", ")}.`);
  return L.join("\n") + "\n";
}
