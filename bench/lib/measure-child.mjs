// measure-child: runs in a fresh node process, loads one compiled case from one build and measures one metric;
// prints exactly one JSON line. Usage: node [flags] measure-child.mjs '<spec json>'
//   spec: { module, metric: memory|shapes, n, shapes? }
//      or { modules: { <configId>: path }, metric: construct|read|update, n, warmup, rounds, roundSize?, chunk?,
//           warmupMs?, roundMs? }: the timed metrics measure every build of one line in the same process, their
//           rounds interleaved, and print { group: { <configId>: figure } }.
// memory needs --expose-gc; shapes needs --allow-natives-syntax.
import { createRequire } from "node:module";
import v8 from "node:v8";
import { median } from "./stats.mjs";

const spec = JSON.parse(process.argv[2]);
const load = createRequire(import.meta.url);
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
 * The timed metrics of several builds of one line (the normal build and each slots build), in one process with their
 * rounds interleaved: { <configId>: { value, roundsMedian, callsPerRound } }, value in ns per object.
 *
 * One process and interleaved rounds, because the figure that matters is a ratio: builds timed in separate processes
 * minutes apart see different machines (another job's burst, a frequency change), and two byte-identical builds then
 * differed by 3x in a quick run at load 1. Warm-up and rounds are measured in time, not calls: a call count that suits
 * one case leaves another in Sparkplug or Maglev when timing starts. Each build warms up for `warmupMs` (and at least
 * `warmup` calls); each round repeats a build's task for about `roundMs`, which also spreads young-generation GC over
 * the rounds. A build's figure is its fastest round: on a shared machine a round can only be slowed down by other
 * work, never sped up, so the minimum is the figure least coloured by the machine.
 */
function timeInterleaved(tasks, warmup, rounds) {
  const warmupNs = (spec.warmupMs ?? 200) * 1e6;
  const roundNs = (spec.roundMs ?? 20) * 1e6;
  const ids = Object.keys(tasks);
  const state = {};
  for (const id of ids) {
    const { fn } = tasks[id];
    if (typeof globalThis.gc === "function") globalThis.gc({ type: "minor" });
    let calls = 0;
    const w0 = process.hrtime.bigint();
    while (calls < warmup || Number(process.hrtime.bigint() - w0) < warmupNs) fn(calls++);
    // Calls per round from the warm-up's rate, so every round lasts about roundMs.
    const perCallNs = Number(process.hrtime.bigint() - w0) / calls;
    state[id] = { calls, perRound: Math.max(1, Math.ceil(roundNs / Math.max(1, perCallNs))), per: [] };
  }
  let seed = 0x9e3779b9 ^ rounds;
  const random = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  for (let r = 0; r < rounds; r++) {
    // A fresh order every round (a rotation keeps each build behind the same other build, whose garbage it would then
    // always collect), and a young-generation collection before each round, outside the timing: every round starts with an
    // empty young generation instead of paying for the previous build's garbage.
    const order = [...ids];
    for (let i = order.length - 1; i > 0; i--) {
      const k = Math.floor(random() * (i + 1));
      [order[i], order[k]] = [order[k], order[i]];
    }
    for (const id of order) {
      const { fn, perCall } = tasks[id];
      const st = state[id];
      if (typeof globalThis.gc === "function") globalThis.gc({ type: "minor" });
      const start = process.hrtime.bigint();
      for (let k = 0; k < st.perRound; k++) fn(st.calls++);
      st.per.push(Number(process.hrtime.bigint() - start) / (st.perRound * perCall));
    }
  }
  return Object.fromEntries(
    ids.map((id) => [id, { value: Math.min(...state[id].per), roundsMedian: median(state[id].per), callsPerRound: state[id].perRound, unit: tasks[id].unit }]),
  );
}

/** The timed task of one build's module: { fn, perCall, unit }. */
function timedTask(mod, metric) {
  if (metric === "construct") {
    // Each call makes `roundSize` instances as repeated build() calls into a 1,000-slot array, so the instances die
    // young: the figure is the constructor plus allocation, not old-generation GC of n live objects.
    const chunk = Math.min(n, spec.chunk ?? 1000);
    const roundSize = Math.max(chunk, Math.min(n, spec.roundSize ?? n));
    const calls = Math.max(1, Math.round(roundSize / chunk));
    const input = mod.prepare(chunk);
    const out = makeOut(chunk);
    return {
      fn: () => {
        for (let i = 0; i < calls; i++) mod.build(input, out);
        sink += out.length;
      },
      perCall: calls * chunk,
      unit: "ns/instance",
    };
  }
  const input = mod.prepare(n);
  const out = makeOut(n);
  mod.build(input, out);
  const f = metric === "read" ? mod.read : mod.update;
  if (typeof f !== "function") throw new Error(`case has no ${metric}()`);
  return { fn: () => (sink += f(out)), perCall: n, unit: "ns/object" };
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

const mod = spec.module ? load(spec.module) : null;

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
  case "construct":
  case "read":
  case "update": {
    const tasks = Object.fromEntries(Object.entries(spec.modules).map(([id, path]) => [id, timedTask(load(path), spec.metric)]));
    result.group = timeInterleaved(tasks, spec.warmup, spec.rounds);
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
if (result.group) result.value = Object.values(result.group).reduce((a, f) => a + f.value, 0);
process.stdout.write(JSON.stringify(result) + "\n");
