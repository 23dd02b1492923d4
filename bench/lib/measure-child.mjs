// measure-child: runs in a fresh node process, loads one compiled case from one build and measures one metric;
// prints exactly one JSON line. Usage: node [flags] measure-child.mjs '<spec json>'
//   spec: { module, metric: memory|construct|read|update|shapes, n, warmup, rounds, roundSize?, chunk? }
// memory needs --expose-gc; shapes needs --allow-natives-syntax.
import { createRequire } from "node:module";
import v8 from "node:v8";
import { median } from "./stats.mjs";

const spec = JSON.parse(process.argv[2]);
const mod = createRequire(import.meta.url)(spec.module);
const n = spec.n;
const result = { metric: spec.metric, n, node: process.version, v8: process.versions.v8 };
let sink = 0;

/** A packed array of n nulls, allocated before any measured window so its own size is not counted. */
function makeOut(size) {
  const a = [];
  for (let i = 0; i < size; i++) a.push(null);
  return a;
}

/** Heap bytes in use after two full GCs. */
function heapUsed() {
  globalThis.gc();
  globalThis.gc();
  return v8.getHeapStatistics().used_heap_size;
}

/**
 * ns per object of the fastest of `rounds` timed calls of fn (each handling `perRound` objects), after `warmup`
 * untimed ones. The fastest round, not the median: on a shared machine a round can only be slowed down by other
 * work (descheduling, cache pollution), never sped up, so the minimum is the figure least coloured by the machine.
 */
function timeRounds(fn, warmup, rounds, perRound) {
  for (let i = 0; i < warmup; i++) fn(i);
  let best = Infinity;
  const per = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    fn(warmup + i);
    const ns = Number(process.hrtime.bigint() - t0) / perRound;
    per.push(ns);
    if (ns < best) best = ns;
  }
  result.roundsMedian = median(per);
  return best;
}

/** Distinct hidden classes among `out` (needs --allow-natives-syntax): { value, unit, classes }. */
function countShapes(out) {
  const haveSameMap = new Function("a", "b", "return %HaveSameMap(a, b);");
  const migrate = new Function("o", "return %TryMigrateInstance(o);");
  // Deprecated maps are a transient (the next access migrates the object): migrate first, then count.
  for (const o of out) migrate(o);
  const maps = [];
  const ctors = new Set();
  for (const o of out) {
    ctors.add(o.constructor);
    if (!maps.some((m) => haveSameMap(m, o))) maps.push(o);
  }
  return { value: maps.length, unit: "maps", classes: ctors.size };
}

function floorOf(out) {
  let bytes = 0;
  for (const o of out) bytes += 24 + 8 * mod.fieldCount(o);
  return bytes / out.length;
}

switch (spec.metric) {
  case "memory": {
    if (typeof globalThis.gc !== "function") throw new Error("memory needs --expose-gc");
    // Warm-up on separate objects: compiles the construction path and ends slack tracking.
    const warmN = Math.max(200, n >> 4);
    mod.build(mod.prepare(warmN), makeOut(warmN));
    // Three measured windows of n instances each, all kept alive; the process reports the median window, so a
    // one-off heap event inside one window (a compilation job landing, code being flushed: a few hundred KB)
    // does not become the process's figure.
    const perWindow = [];
    const totals = [];
    const kept = [];
    let base0 = heapUsed();
    for (let w = 0; w < 3; w++) {
      const input = mod.prepare(n);
      const out = makeOut(n);
      const base1 = heapUsed();
      mod.build(input, out);
      const after = heapUsed();
      perWindow.push((after - base1) / n);
      totals.push(after - base0);
      kept.push(input, out);
      base0 = after;
    }
    result.value = median(perWindow);
    result.windows = perWindow;
    result.unit = "bytes/instance";
    result.floor = floorOf(kept[1]);
    result.fields = (result.floor - 24) / 8;
    // Everything the window allocated (inputs, holding array, instances), as the seed notebook's tracemalloc counts.
    result.totalMiB = median(totals) / 1048576;
    if (typeof mod.doubleFields === "number") result.doubleFields = mod.doubleFields;
    sink += kept.length;
    // After the measured windows: the first window's n instances, their distinct hidden classes.
    if (spec.shapes) result.shapes = countShapes(kept[1]);
    break;
  }
  case "construct": {
    // Each timed round makes `roundSize` instances as repeated build() calls into a 1,000-slot array, so the
    // instances die young: the figure is the constructor plus allocation, not old-generation GC of n live objects.
    const chunk = Math.min(n, spec.chunk ?? 1000);
    const roundSize = Math.max(chunk, Math.min(n, spec.roundSize ?? n));
    const calls = Math.max(1, Math.round(roundSize / chunk));
    const input = mod.prepare(chunk);
    const out = makeOut(chunk);
    result.value = timeRounds(() => {
      for (let i = 0; i < calls; i++) mod.build(input, out);
    }, spec.warmup, spec.rounds, calls * chunk);
    result.unit = "ns/instance";
    result.chunk = chunk;
    result.roundSize = calls * chunk;
    sink += out.length;
    break;
  }
  case "read":
  case "update": {
    const input = mod.prepare(n);
    const out = makeOut(n);
    mod.build(input, out);
    const fn = spec.metric === "read" ? mod.read : mod.update;
    if (typeof fn !== "function") throw new Error(`case has no ${spec.metric}()`);
    result.value = timeRounds(() => (sink += fn(out)), spec.warmup, spec.rounds, n);
    result.unit = "ns/object";
    break;
  }
  case "shapes": {
    const input = mod.prepare(n);
    const out = makeOut(n);
    mod.build(input, out);
    Object.assign(result, countShapes(out));
    break;
  }
  default:
    throw new Error(`unknown metric ${spec.metric}`);
}

result.sink = typeof sink === "number" ? sink % 1000 : 0;
process.stdout.write(JSON.stringify(result) + "\n");
