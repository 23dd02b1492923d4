// compile-cost: generates a project of >= 2,000 @slots classes in bench/builds/compile-cost/ and times tspc
// on it with the plugin, on the same marked source without the plugin, and on the stripped (normal) source. Where the
// plugin's time goes: tsc's own phase timers (`--extendedDiagnostics`), and inside tsc's transform phase the plugin's
// checks and rewrite apart, from the performance measures the transformer records when tsc's timers are on
// (transformer/emit-ast/phaseTimes.ts), read at exit by a small reader preloaded into the tspc process.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILDS, ROOT } from "./config.mjs";
import { linkPackage, tsconfigFor } from "./builds.mjs";
import { run } from "./spawn.mjs";
import { summarize } from "./stats.mjs";
import { stripSlotsMarker } from "./strip.mjs";

const PER_FILE = 50;
const TIMED_TSPC = fileURLToPath(new URL("./tspc-timed.cjs", import.meta.url));
/** ts-slots' own measures (transformer/emit-ast/phaseTimes.ts) and the keys they are reported under. */
const SLOTS_PHASES = { "ts-slots checks": "slotsChecks", "ts-slots rewrite": "slotsRewrite" };
/** Preloaded into tspc: at exit, sums the ts-slots performance measures (wall ms and CPU ms) into TS_SLOTS_PHASES_OUT. */
const PHASE_READER = `// written by bench/lib/compile-cost.mjs
const { performance } = require("node:perf_hooks");
const { writeFileSync } = require("node:fs");
process.on("exit", () => {
  const sums = {};
  for (const entry of performance.getEntriesByType("measure")) {
    if (!entry.name.startsWith("ts-slots ")) continue;
    const sum = (sums[entry.name] ??= { count: 0, ms: 0, cpuMs: 0 });
    sum.count++;
    sum.ms += entry.duration;
    sum.cpuMs += entry.detail?.cpuMs ?? 0;
  }
  if (process.env.TS_SLOTS_PHASES_OUT) writeFileSync(process.env.TS_SLOTS_PHASES_OUT, JSON.stringify(sums));
});
`;
/** tsc --extendedDiagnostics phases (seconds in its output): where a variant's time goes. */
const PHASES = {
  program: /^Program time:\s+([\d.]+)s$/m,
  check: /^Check time:\s+([\d.]+)s$/m,
  transform: /^transformTime time:\s+([\d.]+)s$/m,
  emit: /^Emit time:\s+([\d.]+)s$/m,
  total: /^Total time:\s+([\d.]+)s$/m,
};

/** One generated module: PER_FILE classes with mixed field types, some extending an earlier class. */
function generateFile(fileIndex) {
  const lines = ['import { slots } from "ts-slots";', ""];
  for (let k = 0; k < PER_FILE; k++) {
    const id = `C${fileIndex}_${k}`;
    const base = k % 5 === 4 ? `C${fileIndex}_${k - 1}` : null;
    lines.push("@slots");
    lines.push(`export class ${id}${base ? ` extends ${base}` : ""} {`);
    lines.push(`  count${k}: number;`);
    lines.push(`  label${k}: string;`);
    lines.push(`  enabled${k}: boolean;`);
    lines.push(`  parent${k}?: ${id};`);
    lines.push(`  note${k}: string | undefined;`);
    lines.push(`  tags${k}: readonly string[] = [];`);
    if (k % 3 === 0) lines.push(`  big${k}: bigint;`);
    const params = "count: number, label: string";
    lines.push(`  constructor(${params}) {`);
    if (base) lines.push("    super(count, label);");
    lines.push(`    this.count${k} = count;`);
    lines.push(`    this.label${k} = label;`);
    lines.push(`    this.enabled${k} = count > 0;`);
    lines.push(`    this.note${k} = undefined;`);
    if (k % 3 === 0) lines.push(`    this.big${k} = BigInt(count);`);
    lines.push("  }");
    lines.push(`  describe${k}(): string {`);
    lines.push(`    return this.label${k} + ":" + String(this.count${k} + (this.enabled${k} ? 1 : 0));`);
    lines.push("  }");
    lines.push("}");
    lines.push("");
  }
  lines.push(`export function make${fileIndex}(n: number): number {`);
  lines.push("  let total = 0;");
  lines.push(`  for (let i = 0; i < n; i++) total += new C${fileIndex}_0(i, "x").describe0().length;`);
  lines.push("  return total;");
  lines.push("}");
  return lines.join("\n") + "\n";
}

function writeProject(dir, classes) {
  rmSync(dir, { recursive: true, force: true });
  const files = Math.ceil(classes / PER_FILE);
  for (const [sub, strip] of [["src-marked", false], ["src-normal", true]]) {
    mkdirSync(join(dir, sub), { recursive: true });
    for (let f = 0; f < files; f++) {
      const code = generateFile(f);
      writeFileSync(join(dir, sub, `m${f}.ts`), strip ? stripSlotsMarker(code, `m${f}.ts`).code : code);
    }
  }
  const variants = {
    plugin: { src: "src-marked", config: { udf: true, seal: "always" } },
    marked: { src: "src-marked", config: { udf: true, seal: null } },
    normal: { src: "src-normal", config: { udf: true, seal: null } },
  };
  for (const [name, v] of Object.entries(variants)) {
    const tsconfig = tsconfigFor(v.config, { include: [`${v.src}/*.ts`] });
    tsconfig.compilerOptions.rootDir = v.src;
    tsconfig.compilerOptions.outDir = `out-${name}`;
    writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify(tsconfig, null, 2) + "\n");
  }
  return { files, classes: files * PER_FILE, variants: Object.keys(variants) };
}

/**
 * Times `tspc -p tsconfig.<variant>.json --extendedDiagnostics` in fresh processes, variants interleaved run by
 * run: wall time, the process's CPU time (user + system) and tsc's own phase times. CPU time is what the target is judged on: on a shared 2-core machine it
 * moves far less than wall time when other work competes for the cores.
 */
export async function compileCost({ classes, runs, progress }) {
  linkPackage();
  const dir = join(BUILDS, "compile-cost");
  const project = writeProject(dir, classes);
  progress.phaseStart("compile cost", runs * project.variants.length);
  const wall = Object.fromEntries(project.variants.map((v) => [v, []]));
  const cpu = Object.fromEntries(project.variants.map((v) => [v, []]));
  const phases = Object.fromEntries(project.variants.map((v) => [v, Object.fromEntries(Object.keys(PHASES).map((k) => [k, []]))]));
  const cpuFile = join(dir, "cpu.json");
  const phaseFile = join(dir, "phases.json");
  const phaseReader = join(dir, "phase-reader.cjs");
  writeFileSync(phaseReader, PHASE_READER);
  const slots = Object.fromEntries(Object.values(SLOTS_PHASES).map((key) => [key, { ms: [], cpuMs: [] }]));
  for (let r = 0; r < runs; r++) {
    for (const v of project.variants) {
      rmSync(join(dir, `out-${v}`), { recursive: true, force: true });
      rmSync(cpuFile, { force: true });
      rmSync(phaseFile, { force: true });
      const res = await run(process.execPath, ["--require", phaseReader, TIMED_TSPC, "-p", join(dir, `tsconfig.${v}.json`), "--extendedDiagnostics"], {
        cwd: dir,
        timeoutMs: 600_000,
        env: { ...process.env, TS_SLOTS_CPU_OUT: cpuFile, TS_SLOTS_PHASES_OUT: phaseFile },
      });
      if (res.code !== 0) throw new Error(`bench: compile-cost tspc (${v}) failed:\n${res.stdout}${res.stderr}`);
      wall[v].push(res.ms);
      for (const [key, re] of Object.entries(PHASES)) {
        const m = re.exec(res.stdout);
        if (m) phases[v][key].push(Number(m[1]) * 1000);
      }
      cpu[v].push(JSON.parse(readFileSync(cpuFile, "utf8")).cpuMs);
      if (v === "plugin") {
        const measured = JSON.parse(readFileSync(phaseFile, "utf8"));
        for (const [name, key] of Object.entries(SLOTS_PHASES)) {
          if (!measured[name]) throw new Error(`bench: compile-cost: the plugin recorded no "${name}" measure (transformer/emit-ast/phaseTimes.ts)`);
          slots[key].ms.push(measured[name].ms);
          slots[key].cpuMs.push(measured[name].cpuMs);
        }
      }
      progress.step(`${v} run ${r + 1}`);
    }
  }
  const sum = (t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, summarize(v)]));
  const ms = sum(wall);
  const cpuMs = sum(cpu);
  const slotsPhases = Object.fromEntries(Object.entries(slots).map(([key, t]) => [key, { ms: summarize(t.ms), cpuMs: summarize(t.cpuMs) }]));
  // The plugin's CPU overhead over the stripped source, split: its checks, its rewrite, and the rest (tsc checking the
  // decorators, printing the rewritten classes, loading the plugin), each as a share of the stripped build's CPU time.
  const overheadMs = cpuMs.plugin.median - cpuMs.normal.median;
  const share = (x) => x / cpuMs.normal.median;
  const breakdown = {
    overheadMs,
    checksMs: slotsPhases.slotsChecks.cpuMs.median,
    rewriteMs: slotsPhases.slotsRewrite.cpuMs.median,
    restMs: overheadMs - slotsPhases.slotsChecks.cpuMs.median - slotsPhases.slotsRewrite.cpuMs.median,
  };
  breakdown.checksShare = share(breakdown.checksMs);
  breakdown.rewriteShare = share(breakdown.rewriteMs);
  breakdown.restShare = share(breakdown.restMs);
  return {
    dir: relative(ROOT, dir),
    files: project.files,
    classes: project.classes,
    runs,
    ms,
    cpuMs,
    phasesMs: Object.fromEntries(
      Object.entries(phases).map(([v, byPhase]) => [
        v,
        Object.fromEntries(Object.entries(byPhase).filter(([, xs]) => xs.length).map(([k, xs]) => [k, summarize(xs)])),
      ]),
    ),
    slotsPhases,
    breakdown,
    overheadVsMarked: cpuMs.plugin.median / cpuMs.marked.median - 1,
    overheadVsNormal: cpuMs.plugin.median / cpuMs.normal.median - 1,
    wallOverheadVsMarked: ms.plugin.median / ms.marked.median - 1,
    wallOverheadVsNormal: ms.plugin.median / ms.normal.median - 1,
  };
}
