// analyse: turns the children's raw figures into per-case summaries, slots/normal ratios (within this run)
// and the issue's targets, each met or missed by a stated amount with a one-line reason.
import { expectSealed, FLOOR_TOLERANCE_BYTES, LINES, SLOT_VARIANTS, TARGETS } from "./config.mjs";
import { pairedRatio, summarize } from "./stats.mjs";

export const METRIC_INFO = {
  memory: { label: "bytes/instance" },
  construct: { label: "construct ns/new" },
  read: { label: "read ns/object" },
  update: { label: "update ns/object" },
  shapes: { label: "hidden classes" },
};

/** The lines (route x semantics) whose normal build was measured for this case. */
export function measuredLines(c) {
  return LINES.filter((l) => c.ratios[l.key]);
}

const scopeOf = (line) => `${line.routeLabel}, ${line.semantics}`;

/** raw[case][metric][configId] = [child results] -> per-case figures and ratios (each line against its own normal). */
export function analyseCases(raw, cases) {
  const out = {};
  for (const c of cases) {
    const byMetric = raw[c.name];
    if (!byMetric) continue;
    const figures = {};
    for (const [metric, byConfig] of Object.entries(byMetric)) {
      figures[metric] = {};
      for (const [configId, unordered] of Object.entries(byConfig)) {
        const results = [...unordered].sort((p, q) => p.rep - q.rep);
        figures[metric][configId] = summarize(results.map((r) => r.value));
        if (metric === "memory") figures[metric][configId].totalMiB = summarize(results.map((r) => r.totalMiB));
        if (metric === "shapes") figures[metric][configId].classes = results[0].classes;
        if (results[0].roundsMedian != null) {
          figures[metric][configId].roundsMedian = summarize(results.map((r) => r.roundsMedian));
        }
      }
    }
    const mem0 = Object.values(byMetric.memory ?? {})[0]?.[0];
    const ratios = {};
    for (const { key } of LINES) {
      if (!Object.values(figures).some((byConfig) => byConfig[`${key}-normal`])) continue;
      ratios[key] = {};
      for (const { key: variant } of SLOT_VARIANTS) {
        ratios[key][variant] = {};
        for (const metric of Object.keys(figures)) {
          if (metric === "shapes") continue;
          ratios[key][variant][metric] = pairedRatio(figures[metric][`${key}-${variant}`], figures[metric][`${key}-normal`]);
        }
      }
    }
    out[c.name] = {
      n: mem0?.n ?? null,
      fields: mem0?.fields ?? null,
      floor: mem0?.floor ?? null,
      doubleFields: mem0?.doubleFields ?? 0,
      figures,
      ratios,
    };
  }
  return out;
}

/** One line on where the plugin's compile time goes: the plugin's own measures (checks, rewrite) and tsc's phases. */
function compileWhy(c) {
  const b = c.breakdown;
  if (b) {
    const pct = (v) => `${(v * 100).toFixed(1)}%`;
    return `over the stripped source the plugin adds ${(b.overheadMs / 1000).toFixed(2)} s CPU: its checks ${(b.checksMs / 1000).toFixed(2)} s (${pct(b.checksShare)}), its rewrite ${(b.rewriteMs / 1000).toFixed(2)} s (${pct(b.rewriteShare)}), the rest ${(b.restMs / 1000).toFixed(2)} s (${pct(b.restShare)}: tsc checking the @slots decorators, printing the output, loading the plugin)`;
  }
  const t = (v, k) => c.phasesMs?.[v]?.[k]?.median;
  if (t("plugin", "transform") == null || t("normal", "transform") == null) return "no phase times";
  const extraTransform = (t("plugin", "transform") - t("normal", "transform")) / 1000;
  const extraCheck = (t("plugin", "check") - t("normal", "check")) / 1000;
  return `vs the stripped source, the transform phase takes ${extraTransform.toFixed(2)} s more (${((extraTransform * 1e6) / c.classes).toFixed(0)} µs per class) and type checking ${extraCheck.toFixed(2)} s more`;
}

const fmtX = (r) => `${r.toFixed(2)}x`;
const overlap = (a, b) => a && b && a.min <= b.max && b.min <= a.max;

function target(list, t) {
  list.push({ ...t, met: t.kind === "min" ? t.measured >= t.threshold : t.measured <= t.threshold });
}

/** Evaluates the issue's targets on the analysed cases (+ compile cost). Every entry carries its reason. */
export function evaluateTargets(cases, compile, measuring) {
  const list = [];
  const nodeLabel = measuring ? `Node ${measuring.node} (V8 ${measuring.v8})` : "this Node";
  const fig = (c, m, id) => cases[c]?.figures?.[m]?.[id];
  const shapes = (c, id) => fig(c, "shapes", id)?.median;

  if (cases.polymorphic) {
    for (const line of measuredLines(cases.polymorphic)) {
      const { key } = line;
      for (const { key: variant } of SLOT_VARIANTS) {
        const speedup = 1 / cases.polymorphic.ratios[key][variant].read.median;
        const normalShapes = shapes("polymorphic", `${key}-normal`);
        let reason;
        if (normalShapes === 1) {
          reason = `the normal build already has 1 hidden class: with useDefineForClassFields:${line.udf} ${line.route === "tspc" ? "TypeScript" : "esbuild"} emits every optional field as a class field defined at construction, so there is no polymorphism for slots to remove`;
        } else if (speedup >= TARGETS.polymorphicReadSpeedup) {
          reason = `normal instances take ${normalShapes} hidden classes (megamorphic loads); slots have 1`;
        } else {
          const n = fig("polymorphic", "read", `${key}-normal`).median;
          const sl = fig("polymorphic", "read", `${key}-${variant}`).median;
          reason = `normal instances take ${normalShapes} hidden classes and their megamorphic loads cost ${(n - sl).toFixed(1)} ns/object more, but the loop's own work (five data-dependent branches per object) is ${sl.toFixed(1)} ns/object in every build, which caps the ratio`;
        }
        target(list, {
          id: "polymorphic-read",
          text: `polymorphic reads >= ${TARGETS.polymorphicReadSpeedup}x faster than normal`,
          scope: `${scopeOf(line)}, seal:${variant}`,
          measured: speedup,
          shown: `${fmtX(speedup)} faster`,
          threshold: TARGETS.polymorphicReadSpeedup,
          kind: "min",
          reason,
        });
      }
    }
  }

  if (cases["late-init"]) {
    for (const line of measuredLines(cases["late-init"])) {
      const { key } = line;
      const normal = fig("late-init", "memory", `${key}-normal`);
      const slots = fig("late-init", "memory", `${key}-always`);
      const r = cases["late-init"].ratios[key].always.memory.median;
      const floor = cases["late-init"].floor;
      const reason =
        normal.median <= floor + FLOOR_TOLERANCE_BYTES
          ? `the normal build is already at the floor (${floor} B): with define semantics ${line.route === "tspc" ? "TypeScript" : "esbuild"} emits the late fields (\`port!: number\`) as class fields, so they exist from construction`
          : `normal instances store the late fields out of object (slack tracking had already shrunk the instance): ${normal.median.toFixed(1)} B vs slots ${slots.median.toFixed(1)} B`;
      target(list, {
        id: "late-init-memory",
        text: `late-init memory <= ${TARGETS.lateInitMemoryRatio}x of normal`,
        scope: `${scopeOf(line)}, seal:always`,
        measured: r,
        shown: fmtX(r),
        threshold: TARGETS.lateInitMemoryRatio,
        kind: "max",
        reason,
      });
    }
  }

  // Like with like: each slots build against the normal build of its own route and semantics. Under define
  // semantics the normal build's number fields start as undefined, the slots build's at 0: the gap is what the
  // placeholder buys. Under assign semantics the normal constructor's first store is already a number, so
  // slots can only match it (whatever assign gives over define, useDefineForClassFields: false gives without slots).
  if (cases.numeric?.figures.update) {
    for (const line of measuredLines(cases.numeric)) {
      const { key } = line;
      const normal = fig("numeric", "update", `${key}-normal`);
      const slots = fig("numeric", "update", `${key}-always`);
      if (!normal || !slots) continue;
      const r = cases.numeric.ratios[key].always.update;
      if (line.semantics === "define") {
        const speedup = 1 / r.median;
        target(list, {
          id: "numeric-update-define",
          text: `numeric updates >= ${TARGETS.numericUpdateSpeedupVsDefine}x faster than normal, define semantics`,
          scope: `slots ${scopeOf(line)}, seal:always`,
          measured: speedup,
          shown: `${fmtX(speedup)} faster`,
          threshold: TARGETS.numericUpdateSpeedupVsDefine,
          kind: "min",
          reason: `measured on ${nodeLabel}: normal ${normal.median.toFixed(1)} ns/object, its fields starting as undefined; slots ${slots.median.toFixed(1)} ns/object, starting at 0`,
        });
      } else {
        target(list, {
          id: "numeric-update-assign",
          text: `numeric updates within ${Math.round((TARGETS.numericUpdateVsAssign - 1) * 100)}% of normal, assign semantics`,
          scope: `slots ${scopeOf(line)}, seal:always`,
          measured: r.median,
          shown: fmtX(r.median),
          threshold: TARGETS.numericUpdateVsAssign,
          kind: "max",
          reason:
            `the normal constructor's first store is already a number, so slots can only match it: normal ${normal.median.toFixed(1)}, slots ${slots.median.toFixed(1)} ns/object on ${nodeLabel}` +
            (overlap(slots, normal) ? "; the min-max ranges overlap" : ""),
        });
      }
    }
  }

  for (const [name, c] of Object.entries(cases)) {
    if (!c.figures.memory || c.floor == null) continue;
    for (const line of measuredLines(c)) {
      const { key } = line;
      for (const { key: variant } of SLOT_VARIANTS) {
        const m = fig(name, "memory", `${key}-${variant}`);
        const excess = m.median - c.floor;
        let reason = `${m.median.toFixed(1)} B vs floor ${c.floor.toFixed(1)} B (24 + 8 x ${c.fields.toFixed(2)} fields)`;
        if (excess > FLOOR_TOLERANCE_BYTES && c.doubleFields && Math.abs(excess - 16 * c.doubleFields) <= 2) {
          reason = `every one of the ${c.doubleFields} double fields points to its own 16-byte HeapNumber box (measured on ${nodeLabel}: no in-object double unboxing), so floor + ${16 * c.doubleFields} B; the normal builds pay the same`;
        } else if (excess > FLOOR_TOLERANCE_BYTES) {
          reason += "; the instance carries more than its declared fields";
        }
        target(list, {
          id: "slots-at-floor",
          text: "every slots case at the V8 floor (24 + 8 per field)",
          scope: `${name}, ${scopeOf(line)}, seal:${variant}`,
          measured: m.median,
          shown: `${m.median.toFixed(1)} B (floor ${c.floor.toFixed(1)})`,
          threshold: c.floor + FLOOR_TOLERANCE_BYTES,
          kind: "max",
          reason,
        });
      }
    }
  }

  for (const [name, c] of Object.entries(cases)) {
    if (!c.figures.construct) continue;
    for (const line of measuredLines(c)) {
      const { key } = line;
      const normal = fig(name, "construct", `${key}-normal`);
      const never = fig(name, "construct", `${key}-never`);
      const r = c.ratios[key].never.construct.median;
      const assignNormal = fig(name, "construct", `${line.route}-assign-normal`);
      const spread = c.ratios[key].never.construct;
      let reason;
      if (line.semantics === "define" && assignNormal && normal.median > 4 * assignNormal.median) {
        reason = `on ${nodeLabel} every define-semantics build of this case is slow, the normal one included (normal ${normal.median.toFixed(0)} ns vs assign-normal ${assignNormal.median.toFixed(0)} ns per new), so slots neither cause nor cure it; a ratio of two such builds is mostly noise (paired ratios ${spread.min.toFixed(2)}-${spread.max.toFixed(2)})`;
      } else if (r <= TARGETS.constructNeverRatio) {
        reason = "placeholders add one store per field; the constructor's own stores follow in the same shape";
      } else if (line.semantics === "assign") {
        reason = `with assign semantics the normal constructor stores only the fields it assigns; seal:"never" first stores a zero placeholder in all ${c.fields} declared fields, then the constructor's values`;
      } else if (overlap(never, normal)) {
        reason = `min-max ranges overlap (paired ratios ${spread.min.toFixed(2)}-${spread.max.toFixed(2)}): within run-to-run noise on this machine`;
      } else {
        reason = "the placeholder stores cost more than the class-field definitions they replace";
      }
      target(list, {
        id: "construct-never",
        text: `construction with seal:"never" within ${TARGETS.constructNeverRatio}x of normal`,
        scope: `${name}, ${scopeOf(line)}`,
        measured: r,
        shown: fmtX(r),
        threshold: TARGETS.constructNeverRatio,
        kind: "max",
        reason,
      });
    }
  }

  // The default in a production build (no seal): construction within 1.1x of normal on every case and line.
  for (const [name, c] of Object.entries(cases)) {
    if (!c.figures.construct) continue;
    for (const line of measuredLines(c)) {
      const r = c.ratios[line.key].default?.construct;
      if (!r) continue;
      target(list, {
        id: "construct-default",
        text: `construction with the default seal mode in a production build within ${TARGETS.constructDefaultRatio}x of normal`,
        scope: `${name}, ${scopeOf(line)}`,
        measured: r.median,
        shown: fmtX(r.median),
        threshold: TARGETS.constructDefaultRatio,
        kind: "max",
        reason: `${fig(name, "construct", `${line.key}-default`).median.toFixed(1)} vs ${fig(name, "construct", `${line.key}-normal`).median.toFixed(1)} ns per new on ${nodeLabel} (paired ratios ${r.min.toFixed(2)}-${r.max.toFixed(2)}); no seal, the placeholders only`,
      });
    }
  }

  // The issue's bar for a seal mode that rejects additions: construction within 1.2x of normal on every case.
  for (const mode of SLOT_VARIANTS.filter((v) => v.rejectsAdd)) {
    for (const [name, c] of Object.entries(cases)) {
      if (!c.figures.construct) continue;
      for (const line of measuredLines(c)) {
        const r = c.ratios[line.key][mode.key]?.construct;
        if (!r) continue;
        const normal = fig(name, "construct", `${line.key}-normal`).median;
        const sealed = fig(name, "construct", `${line.key}-${mode.key}`).median;
        target(list, {
          id: `construct-${mode.key}`,
          text: `construction with seal:"${mode.seal}" (${mode.label}) within ${TARGETS.constructRejectingRatio}x of normal`,
          scope: `${name}, ${scopeOf(line)}`,
          measured: r.median,
          shown: fmtX(r.median),
          threshold: TARGETS.constructRejectingRatio,
          kind: "max",
          reason:
            `${sealed.toFixed(1)} vs ${normal.toFixed(1)} ns per new on ${nodeLabel} (paired ratios ${r.min.toFixed(2)}-${r.max.toFixed(2)})` +
            (mode.key !== "always" && expectSealed(mode, line.semantics) ? `; under ${line.semantics} semantics seal:"${mode.seal}" is the Object.seal fallback` : ""),
        });
      }
    }
  }

  if (compile) {
    const worst = Math.max(compile.overheadVsMarked, compile.overheadVsNormal);
    target(list, {
      id: "compile-overhead",
      text: `plugin compile overhead <= ${Math.round(TARGETS.compileOverhead * 100)}%`,
      scope: `${compile.classes} classes, tspc CPU time, the worse of: vs the same source without plugin, vs the stripped source`,
      measured: worst,
      shown: `${(worst * 100).toFixed(1)}%`,
      threshold: TARGETS.compileOverhead,
      kind: "max",
      reason: `${compileWhy(compile)}; CPU s: with plugin ${(compile.cpuMs.plugin.median / 1000).toFixed(2)}, same source without plugin ${(compile.cpuMs.marked.median / 1000).toFixed(2)}, stripped ${(compile.cpuMs.normal.median / 1000).toFixed(2)} (wall: ${(compile.wallOverheadVsMarked * 100).toFixed(0)}% / ${(compile.wallOverheadVsNormal * 100).toFixed(0)}%)`,
    });
  }

  for (const t of list) {
    if (t.met) continue;
    t.missBy =
      t.kind === "min"
        ? `${((1 - t.measured / t.threshold) * 100).toFixed(0)}% short of ${t.threshold}x`
        : t.id === "slots-at-floor"
          ? `${(t.measured - (t.threshold - FLOOR_TOLERANCE_BYTES)).toFixed(1)} B over`
          : t.id === "compile-overhead"
            ? `${((t.measured - t.threshold) * 100).toFixed(1)} points over`
            : `${((t.measured / t.threshold - 1) * 100).toFixed(0)}% over ${t.threshold}x`;
  }
  return list;
}

/** The seed case beside the notebook: total MiB (instances + strings + array) and read speedup. */
export function seedComparison(cases, python) {
  const seed = cases.seed;
  if (!seed) return null;
  const rows = [];
  for (const line of measuredLines(seed)) {
    const { key } = line;
    const n = seed.figures.memory[`${key}-normal`].totalMiB.median;
    const s = seed.figures.memory[`${key}-always`].totalMiB.median;
    rows.push({
      label: `TypeScript ${line.semantics} semantics (${line.routeLabel}), seal:always`,
      normalMiB: n,
      slotsMiB: s,
      changePct: (s / n - 1) * 100,
      readSpeedup: 1 / seed.ratios[key].always.read.median,
    });
  }
  if (python?.live) {
    rows.push({
      label: `Python ${python.python}, live (median of ${python.runs})`,
      normalMiB: python.normalMiB.median,
      slotsMiB: python.slotsMiB.median,
      changePct: -python.reductionPct.median,
      readSpeedup: python.readSpeedup.median,
    });
  }
  const q = python?.quoted;
  if (q) {
    rows.push({
      label: "Python, the notebook's figures (quoted)",
      normalMiB: q.normalMiB,
      slotsMiB: q.slotsMiB,
      changePct: -q.reductionPct,
      readSpeedup: q.readSpeedup,
    });
  }
  return { rows, pythonLive: Boolean(python?.live), pythonReason: python?.reason ?? null };
}

/**
 * Where slots lose: paired ratios consistently above 1.10 (median) and above 1 in every repetition. The "why" of a
 * construction loss is what this run measured: the seal's own cost is the seal mode's ns per new minus seal:never's
 * (same class, same placeholders), the placeholders' cost is seal:never's minus normal's.
 */
export function slotsLosses(cases) {
  const ns = (c, id) => c.figures.construct?.[id]?.median;
  const why = {
    memory: () => "every declared slot exists on every instance, also the optional fields the normal build never creates",
    construct: (c, line, variant) => {
      const v = ns(c, `${line.key}-${variant}`);
      const never = ns(c, `${line.key}-never`);
      const normal = ns(c, `${line.key}-normal`);
      if (variant === "never") return `the placeholder stores: ${(v - normal).toFixed(1)} ns per new over normal`;
      const mode = SLOT_VARIANTS.find((m) => m.key === variant);
      const label = mode.key !== "always" && expectSealed(mode, line.semantics) ? `Object.seal (seal:"${mode.seal}" falls back to it under ${line.semantics} semantics)` : mode.label;
      return `${label} per instance: ${(v - never).toFixed(1)} ns per new over seal:"never" (the same class without it), ${(never - normal).toFixed(1)} ns for the placeholders`;
    },
    read: () => "slower reads of the same one-shape objects: no mechanism known, treat as noise unless it repeats",
    update: () => "slower updates: no mechanism known, treat as noise unless it repeats",
  };
  const out = [];
  for (const [name, c] of Object.entries(cases)) {
    for (const line of measuredLines(c)) {
      for (const { key: variant } of SLOT_VARIANTS) {
        for (const [metric, r] of Object.entries(c.ratios[line.key][variant])) {
          if (!r || r.median <= 1.1 || r.min <= 1) continue;
          out.push({ case: name, route: line.routeLabel, semantics: line.semantics, variant, metric, ratio: r, why: why[metric](c, line, variant) });
        }
      }
    }
  }
  return out;
}

/**
 * What a number field that starts as undefined costs, from the numeric case: the define-semantics normal build
 * (fields start as undefined) against the define-semantics seal:"never" build (the same class, fields start at 0).
 * This is the figure behind "slower updates" wherever the project quotes one. null when not measured.
 */
export function undefinedStartCost(cases) {
  const c = cases.numeric;
  if (!c?.figures.update) return null;
  const rows = [];
  for (const line of measuredLines(c).filter((l) => l.semantics === "define")) {
    const r = c.ratios[line.key].never?.update;
    if (!r) continue;
    const normal = c.figures.update[`${line.key}-normal`];
    const zero = c.figures.update[`${line.key}-never`];
    rows.push({ route: line.routeLabel, slowdown: summarizeInverse(r), undefinedNs: normal.median, zeroNs: zero.median });
  }
  return rows.length ? rows : null;
}

/** 1 / ratio of a paired-ratio summary (slowdown of normal against slots), min and max swapped accordingly. */
function summarizeInverse(r) {
  return { median: 1 / r.median, min: 1 / r.max, max: 1 / r.min, n: r.n };
}
