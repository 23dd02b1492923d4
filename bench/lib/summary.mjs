// summary: the small JSON committed in bench/results (what scripts/bench-docs.mjs turns into docs/benchmarks.md's
// tables): a run's figures without the raw material. The full result, with the guard's per-build reports, every
// child's values and the builds' facts, is a build artefact written under bench/builds/raw/ (gitignored).

/** A summary's figure: median, min, max and n, without the per-process values. */
function slimFigure(figure) {
  if (!figure || typeof figure !== "object") return figure;
  const { values, ...rest } = figure;
  for (const [key, value] of Object.entries(rest)) if (value && typeof value === "object" && "values" in value) rest[key] = slimFigure(value);
  return rest;
}

function slimCases(cases) {
  if (!cases) return cases;
  const out = {};
  for (const [name, c] of Object.entries(cases)) {
    const figures = {};
    for (const [metric, byConfig] of Object.entries(c.figures ?? {})) {
      figures[metric] = Object.fromEntries(Object.entries(byConfig).map(([id, f]) => [id, slimFigure(f)]));
    }
    const ratios = {};
    for (const [line, byVariant] of Object.entries(c.ratios ?? {})) {
      ratios[line] = {};
      for (const [variant, byMetric] of Object.entries(byVariant)) {
        ratios[line][variant] = Object.fromEntries(Object.entries(byMetric).map(([metric, r]) => [metric, slimFigure(r)]));
      }
    }
    out[name] = { ...c, figures, ratios };
  }
  return out;
}

/** The committed summary of a full result (schema ts-slots-bench/3). */
export function summarize(result) {
  const guard = result.guard ?? [];
  return {
    ...result,
    summaryOf: "the full result is a build artefact (bench/builds/raw/); this file keeps every figure's median, min, max and n",
    builds: { dir: result.builds?.dir, normalHow: result.builds?.normalHow, configs: (result.builds?.configs ?? []).map((c) => ({ id: c.id, compiler: c.compiler, plugin: c.plugin, compileMs: c.compileMs })), measuredCases: result.builds?.measuredCases },
    guard: { checks: guard.length, passed: guard.filter((g) => g.ok).length, sameAsNormal: guard.filter((g) => g.sameAsNormal).map((g) => `${g.build}/${g.case}`) },
    cases: slimCases(result.cases),
    nodes: (result.nodes ?? []).map((n) => ({ ...n, cases: slimCases(n.cases) })),
  };
}
