// build-cost: what ts-slots/vite costs a `vite build`, on generated projects of N @slots classes (default 200 and
// 2,000), against the same source without @slots and without the plugin; the plugin in its default mode (`types:
// "syntax"`) and with `types: "program"`. Each build is a fresh `vite build` process (Vite 8 from the registry, under
// Node 24), its CPU (user + system, every thread, from the process's own resource usage) and wall time; variants
// interleaved rep by rep so that load drifts hit all of them alike. Also the dev server's transform time per file
// (p50/p95), each file requested once, in one process per variant.
//
// Alone: node bench/lib/build-cost.mjs [--sizes 200,2000] [--reps 3] [--out file.json] [--baseline dir]
// --baseline: another ts-slots checkout (its package.json and built dist/) as one more variant, "baseline" (its default
// mode), interleaved with the others: a before/after of a change in one run, under the same load.
// From the bench: npm run bench -- ... with TS_SLOTS_BENCH_BUILD_COST=1 (bench/run.mjs).
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./config.mjs";
import { run, lastJsonLine } from "./spawn.mjs";
import { median, summarize } from "./stats.mjs";

const require = createRequire(import.meta.url);
const VITE = "8.4.0";
export const BUILD_VARIANTS = ["plain", "syntax", "program"];
/** The bar: the default mode's CPU over the plain build's. */
export const BUILD_COST_BAR = { 200: 2, 2000: 1.5 };

const CLASSES_PER_FILE = 10;

/** One @slots class with the field kinds a real model has (numbers, strings, an enum, a nested object, an array). */
function classSource(name, slots) {
  return `${slots ? "@slots\n" : ""}export class ${name} {
  id: number;
  x: number;
  y: number;
  label: string;
  color: Color = Color.Red;
  tags: string[];
  parent?: ${name};
  constructor(id: number, public weight: number) {
    this.id = id;
  }
  move(dx: number, dy: number): void {
    this.x += dx;
    this.y += dy;
  }
}
`;
}

/** A project: src/model/mK.ts (10 classes each), src/use/uK.ts (uses them from another file), src/main.ts. */
export function writeProject(dir, classes, slots) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "src/model"), { recursive: true });
  mkdirSync(join(dir, "src/use"), { recursive: true });
  const files = Math.ceil(classes / CLASSES_PER_FILE);
  const main = [];
  for (let k = 0; k < files; k++) {
    const names = Array.from({ length: Math.min(CLASSES_PER_FILE, classes - k * CLASSES_PER_FILE) }, (_, i) => `C${k}_${i}`);
    const model = [
      slots ? `import { slots } from "ts-slots";\n` : "",
      `export enum Color { Red, Green }\n`,
      ...names.map((name) => classSource(name, slots)),
    ].join("\n");
    writeFileSync(join(dir, `src/model/m${k}.ts`), model);
    const use = [
      `import { ${names.join(", ")} } from "../model/m${k}";`,
      `export function run${k}(n: number): number {`,
      `  let sum = 0;`,
      ...names.map((name, i) => `  { const o = new ${name}(${i}, n); o.move(1, 2); o.label = "l" + n; sum += o.x + o.y + o.weight; }`),
      `  return sum;`,
      `}`,
      ``,
    ].join("\n");
    writeFileSync(join(dir, `src/use/u${k}.ts`), use);
    main.push(`import { run${k} } from "./use/u${k}";`);
  }
  main.push(`let total = 0;`, ...Array.from({ length: files }, (_, k) => `total += run${k}(${k});`), `console.log(total);`, ``);
  writeFileSync(join(dir, "src/main.ts"), main.join("\n"));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "bundler", strict: false, noEmit: true }, include: ["src"] }),
  );
  // One config for every variant: TS_SLOTS_VARIANT picks the plugin (or none).
  writeFileSync(
    join(dir, "vite.config.mjs"),
    `import slots from "ts-slots/vite";
const variant = process.env.TS_SLOTS_VARIANT;
export default {
  logLevel: "error",
  plugins: variant === "plain" ? [] : [slots({ types: variant })],
  build: { ssr: "src/main.ts", outDir: "dist", minify: false, emptyOutDir: true },
};
`,
  );
  return { files: files * 2 + 1 };
}

/**
 * Loaded with --require into the real `vite build` (its bin, which turns on Node's compile cache as users get it): at
 * exit, the process's own CPU (user + system, every thread) and peak memory as one JSON line.
 */
const USAGE_REPORT = `process.on("exit", () => {
  const usage = process.resourceUsage();
  require("node:fs").writeSync(1, "\\n" + JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMiB: usage.maxRSS / 1024 }) + "\\n");
});`;

/** The dev server's transform of every file, once each, timed one by one (the first pays the plugin's setup). */
const DEV_CHILD = `
const { createServer } = await import(process.env.VITE_ENTRY);
const { readdirSync } = await import("node:fs");
const server = await createServer({ configFile: "vite.config.mjs", server: { middlewareMode: true, hmr: false, preTransformRequests: false }, logLevel: "silent" });
const files = ["/src/main.ts", ...readdirSync("src/model").map((f) => "/src/model/" + f), ...readdirSync("src/use").map((f) => "/src/use/" + f)];
const ms = [];
for (const file of files) {
  const started = performance.now();
  await server.transformRequest(file);
  ms.push(performance.now() - started);
}
await server.close();
console.log(JSON.stringify({ ms }));
`;

/** Vite 8 in the OS temp folder, installed from the registry once; Node 24 as the bench installs it. */
export async function toolchain(log) {
  const dir = join(tmpdir(), "ts-slots-bench-vite", VITE);
  const entry = join(dir, "node_modules/vite/dist/node/index.js");
  if (!existsSync(entry)) {
    log(`build-cost: installing vite@${VITE} into ${dir} (once)`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "package.json"), JSON.stringify({ private: true }));
    const result = await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", `vite@${VITE}`], { cwd: dir, timeoutMs: 600_000 });
    if (result.code !== 0) throw new Error(`npm install vite@${VITE} failed:\n${result.stderr}`);
  }
  const { installNode } = require(join(ROOT, "scripts/node-versions.js"));
  const node = (await installNode()).node;
  return { node, viteEntry: pathToFileURL(entry).href, viteBin: join(dir, "node_modules/vite/bin/vite.js"), nodeModules: join(dir, "node_modules") };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function buildCost({ sizes = [200, 2000], reps = 3, log = console.error, baseline } = {}) {
  const variants = baseline ? [...BUILD_VARIANTS, "baseline"] : BUILD_VARIANTS;
  const { node, viteEntry, viteBin, nodeModules } = await toolchain(log);
  const root = join(tmpdir(), "ts-slots-bench-build-cost");
  mkdirSync(root, { recursive: true });
  const usageReport = join(root, "usage-report.cjs");
  writeFileSync(usageReport, USAGE_REPORT);
  const out = { vite: VITE, node: (await run(node, ["--version"])).stdout.trim(), reps, baseline, sizes: {} };
  for (const classes of sizes) {
    const projects = {};
    for (const variant of variants) {
      const dir = join(root, `${classes}-${variant}`);
      const { files } = writeProject(dir, classes, variant !== "plain");
      mkdirSync(join(dir, "node_modules"), { recursive: true });
      symlinkSync(variant === "baseline" ? baseline : ROOT, join(dir, "node_modules/ts-slots"), "dir");
      symlinkSync(join(nodeModules, "vite"), join(dir, "node_modules/vite"), "dir");
      projects[variant] = { dir, files };
    }
    const env = (variant) => ({ ...process.env, TS_SLOTS_VARIANT: variant === "baseline" ? "syntax" : variant, VITE_ENTRY: viteEntry, NODE_ENV: "production" });
    const builds = Object.fromEntries(variants.map((v) => [v, []]));
    for (let rep = 0; rep < reps; rep++) {
      for (const variant of variants) {
        const result = await run(node, ["--require", usageReport, viteBin, "build"], { cwd: projects[variant].dir, env: env(variant), timeoutMs: 900_000 });
        if (result.code !== 0) throw new Error(`vite build (${classes} classes, ${variant}) failed:\n${result.stderr.slice(0, 4000)}`);
        builds[variant].push({ ...lastJsonLine(result.stdout), processWallMs: result.ms });
        log(`build-cost: ${classes} classes, ${variant}, rep ${rep + 1}/${reps}: ${Math.round(result.ms)} ms wall`);
      }
    }
    const dev = {};
    for (const variant of variants) {
      const result = await run(node, ["--input-type=module", "-e", DEV_CHILD], { cwd: projects[variant].dir, env: { ...env(variant), NODE_ENV: "development" }, timeoutMs: 900_000 });
      if (result.code !== 0) throw new Error(`vite dev transform (${classes} classes, ${variant}) failed:\n${result.stderr.slice(0, 4000)}`);
      const { ms } = lastJsonLine(result.stdout);
      dev[variant] = { files: ms.length, firstMs: ms[0], p50Ms: percentile(ms.slice(1), 50), p95Ms: percentile(ms.slice(1), 95), totalMs: ms.reduce((a, b) => a + b, 0) };
    }
    const summary = Object.fromEntries(
      variants.map((v) => [
        v,
        {
          cpuMs: summarize(builds[v].map((b) => b.cpuMs)),
          wallMs: summarize(builds[v].map((b) => b.processWallMs)),
          maxRssMiB: summarize(builds[v].map((b) => b.maxRssMiB)),
        },
      ]),
    );
    // Ratios rep by rep (paired: the same rep's plain build), then their median.
    const ratio = (variant, key) => median(builds[variant].map((b, i) => b[key] / builds.plain[i][key]));
    out.sizes[classes] = {
      files: projects.plain.files,
      builds: summary,
      cpuRatio: { syntax: ratio("syntax", "cpuMs"), program: ratio("program", "cpuMs"), ...(baseline ? { baseline: ratio("baseline", "cpuMs") } : {}) },
      wallRatio: { syntax: ratio("syntax", "processWallMs"), program: ratio("program", "processWallMs"), ...(baseline ? { baseline: ratio("baseline", "processWallMs") } : {}) },
      bar: BUILD_COST_BAR[classes],
      dev,
    };
  }
  rmSync(root, { recursive: true, force: true });
  return out;
}

/** The figures as a few lines for the terminal and the report. */
export function formatBuildCost(result) {
  const lines = [`vite build cost (Vite ${result.vite}, Node ${result.node}, ${result.reps} reps, medians; CPU = user + system of the build process):`];
  for (const [classes, size] of Object.entries(result.sizes)) {
    const b = size.builds;
    const ms = (s) => `${Math.round(s.median)} ms`;
    lines.push(
      `  ${classes} classes (${size.files} files): CPU plain ${ms(b.plain.cpuMs)}, default ${ms(b.syntax.cpuMs)} (${size.cpuRatio.syntax.toFixed(2)}x${size.bar ? `, bar ${size.bar}x` : ""}), program ${ms(b.program.cpuMs)} (${size.cpuRatio.program.toFixed(2)}x)`,
      `    wall plain ${ms(b.plain.wallMs)}, default ${ms(b.syntax.wallMs)} (${size.wallRatio.syntax.toFixed(2)}x), program ${ms(b.program.wallMs)} (${size.wallRatio.program.toFixed(2)}x); peak RSS ${b.plain.maxRssMiB.median.toFixed(0)} / ${b.syntax.maxRssMiB.median.toFixed(0)} / ${b.program.maxRssMiB.median.toFixed(0)} MiB`,
      `    dev transform per file p50/p95: plain ${size.dev.plain.p50Ms.toFixed(1)}/${size.dev.plain.p95Ms.toFixed(1)} ms, default ${size.dev.syntax.p50Ms.toFixed(1)}/${size.dev.syntax.p95Ms.toFixed(1)} ms, program ${size.dev.program.p50Ms.toFixed(1)}/${size.dev.program.p95Ms.toFixed(1)} ms (first file: ${Math.round(size.dev.plain.firstMs)} / ${Math.round(size.dev.syntax.firstMs)} / ${Math.round(size.dev.program.firstMs)} ms)`,
    );
    if (b.baseline) {
      lines.push(
        `    baseline (${result.baseline}, default mode): CPU ${ms(b.baseline.cpuMs)} (${size.cpuRatio.baseline.toFixed(2)}x), wall ${size.wallRatio.baseline.toFixed(2)}x, peak RSS ${b.baseline.maxRssMiB.median.toFixed(0)} MiB, dev p50/p95 ${size.dev.baseline.p50Ms.toFixed(1)}/${size.dev.baseline.p95Ms.toFixed(1)} ms`,
      );
    }
  }
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, fallback) => {
    const at = process.argv.indexOf(`--${name}`);
    return at === -1 ? fallback : process.argv[at + 1];
  };
  const result = await buildCost({ sizes: arg("sizes", "200,2000").split(",").map(Number), reps: Number(arg("reps", "3")), baseline: arg("baseline", undefined) });
  const outFile = arg("out", undefined);
  if (outFile) writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(formatBuildCost(result));
}
