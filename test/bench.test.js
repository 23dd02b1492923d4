// @ts-check
// The bench harness end to end: a quick seed run over both build routes (tspc + transformer, emitter 2 + esbuild)
// under Node 24 (headline), 22 and the machine's Node writes a well-formed report; the guard, deciding by running
// the builds, refuses a normal build posing as a slots build, a slots source compiled without the plugin (CommonJS
// and ESM), and a seal:"never" build posing as a normal build; the stats helpers give the right figures on fixed
// inputs, and the build order rotates per repetition.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

const ROOT = path.resolve(__dirname, "..");
const RUN = path.join(ROOT, "bench/run.mjs");

function runBench(args, buildsDir) {
  return spawnSync(process.execPath, [RUN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 600_000,
    env: { ...process.env, TS_SLOTS_BENCH_BUILDS: buildsDir },
  });
}

function evalModule(code) {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe("bench harness", () => {
  let tmp;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ts-slots-bench-"));
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test("stats helpers: median, min, max, summarize, pairedRatio", () => {
    const stats = JSON.stringify(pathToFileURL(path.join(ROOT, "bench/lib/stats.mjs")).href);
    const got = evalModule(`
      import { median, min, max, summarize, pairedRatio } from ${stats};
      let threw = false;
      try { median([]); } catch { threw = true; }
      console.log(JSON.stringify({
        odd: median([5, 1, 3]),
        even: median([4, 1, 3, 2]),
        single: median([7]),
        unsorted: median([10, -2, 8, 3, 3]),
        min: min([3, -1.5, 2]),
        max: max([3, -1.5, 2]),
        summary: summarize([9, 1, 5, 3, 7]),
        paired: pairedRatio(summarize([2, 9, 4]), summarize([1, 3, 8])),
        pairedMismatch: pairedRatio(summarize([2, 9]), summarize([1, 3, 8])),
        threw,
      }));
    `);
    expect(got.odd).toBe(3);
    expect(got.even).toBe(2.5);
    expect(got.single).toBe(7);
    expect(got.unsorted).toBe(3);
    expect(got.min).toBe(-1.5);
    expect(got.max).toBe(3);
    expect(got.summary).toEqual({ median: 5, min: 1, max: 9, n: 5, values: [9, 1, 5, 3, 7] });
    expect(got.paired).toEqual({ median: 2, min: 0.5, max: 3, n: 3, values: [2, 3, 0.5] });
    expect(got.pairedMismatch).toBeNull();
    expect(got.threw).toBe(true);
  });

  test("scripts/bench-docs.mjs refuses a run whose twin builds differ beyond the margin, and leaves the docs alone", () => {
    const doc = path.join(ROOT, "docs/benchmarks.md");
    const before = fs.readFileSync(doc, "utf8");
    const untrusted = path.join(tmp, "untrusted.json");
    const reason = 'two identical builds (default production vs seal:"never") differ by 1.31x at worst (seed, tspc-define); margin 10%; load average 9 -> 12';
    fs.writeFileSync(untrusted, JSON.stringify({ command: "npm run bench", env: {}, cases: {}, twin: { trusted: false, margin: 0.1, reason, pairs: [] } }));
    const r = spawnSync(process.execPath, [path.join(ROOT, "scripts/bench-docs.mjs"), untrusted], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("refused");
    expect(r.stderr).toContain(reason);
    expect(fs.readFileSync(doc, "utf8")).toBe(before);
  });

  test("the twin verdict: trusted within the margin, not beyond it, and never without a pair", () => {
    const twin = JSON.stringify(pathToFileURL(path.join(ROOT, "bench/lib/twin.mjs")).href);
    const figures = (a, b) => ({ construct: { "tspc-define-normal": { median: 10 }, "tspc-define-default": { median: a }, "tspc-define-never": { median: b } } });
    const cases = (a, b) => JSON.stringify({ seed: { figures: figures(a, b), ratios: { "tspc-define": {} } } });
    const got = evalModule(`
      import { twinVerdict } from ${twin};
      const v = (c) => twinVerdict(c, 1, 2);
      console.log(JSON.stringify([v(${cases(10.5, 10)}), v(${cases(12, 10)}), v({})].map((t) => ({ trusted: t.trusted, worst: t.worst }))));
    `);
    expect(got).toEqual([
      { trusted: true, worst: { case: "seed", line: "tspc-define", ratio: 1.05 } },
      { trusted: false, worst: { case: "seed", line: "tspc-define", ratio: 1.2 } },
      { trusted: false, worst: null },
    ]);
    // With each process's figures the pair is compared process by process, as the published ratios are: the ratio of
    // the medians (15 / 12 = 1.25) mixes processes, the median of the per-process ratios (0.83, 1.47, 0.98) does not.
    const byProcess = (values) => ({ median: [...values].sort((x, y) => x - y)[1], values, n: values.length });
    const paired = { construct: { "tspc-define-normal": byProcess([10, 10, 10]), "tspc-define-default": byProcess([10, 15, 18]), "tspc-define-never": byProcess([12, 10.2, 18.4]) } };
    const pairedGot = evalModule(`
      import { twinVerdict } from ${twin};
      console.log(JSON.stringify(twinVerdict(${JSON.stringify({ seed: { figures: paired, ratios: { "tspc-define": {} } } })}, 1, 2).worst));
    `);
    expect(pairedGot).toEqual({ case: "seed", line: "tspc-define", ratio: 0.978 });
  });

  test("one process times every build of a line, and the order of builds and Nodes rotates by one in every repetition", () => {
    const measure = JSON.stringify(pathToFileURL(path.join(ROOT, "bench/lib/measure.mjs")).href);
    const got = evalModule(`
      import { planJobs, rotate } from ${measure};
      const configs = ["a", "b", "c"].map((v) => ({ id: "tspc-define-" + v, route: "tspc", line: "tspc-define" }));
      const nodes = [{ key: "24", bin: "n24" }, { key: "20", bin: "n20" }];
      const mode = { rounds: { construct: [0, 1] }, constructRound: 10 };
      const jobs = planJobs([{ name: "seed", n: 10, quickN: 10, metrics: ["construct"] }], configs, mode, { quick: true, reps: 3, nodes });
      console.log(JSON.stringify({
        rotate: [rotate([1, 2, 3], 0), rotate([1, 2, 3], 1), rotate([1, 2, 3], 5), rotate([], 2)],
        order: [0, 1, 2].map((rep) => jobs.filter((j) => j.rep === rep).map((j) => j.node + ":" + j.configIds.map((id) => id.slice(-1)).join("")).join(" ")),
        modulesMatch: jobs.every((j) => JSON.stringify(Object.keys(j.spec.modules)) === JSON.stringify(j.configIds)),
      }));
    `);
    expect(got.rotate).toEqual([[1, 2, 3], [2, 3, 1], [3, 1, 2], []]);
    expect(got.order).toEqual(["24:abc 20:abc", "20:bca 24:bca", "24:cab 20:cab"]);
    expect(got.modulesMatch).toBe(true);
  });

  test("a bad command line is a usage error (exit 64), through the parser the CLI uses", () => {
    for (const [args, message] of /** @type {[string[], RegExp][]} */ ([
      [["--bogus"], /^bench: Unknown option '--bogus'/],
      [["--reps", "0"], /^bench: --reps must be an integer of at least 1 \(got "0"\)/],
      [["--case", "nope"], /^bench: unknown case\(s\): nope/],
    ])) {
      const r = runBench(args, path.join(tmp, "builds-usage"));
      expect(r.status).toBe(64);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain("usage: npm run bench -- [options]");
    }
  });

  test("strip removes exactly the marker and its import, keeping every line", () => {
    const strip = JSON.stringify(pathToFileURL(path.join(ROOT, "bench/lib/strip.mjs")).href);
    const source = 'import { slots } from "ts-slots";\n\n@slots\nexport class A {\n  x = 1; // @slots stays in comments\n}\n';
    const got = evalModule(`
      import { stripSlotsMarker } from ${strip};
      console.log(JSON.stringify(stripSlotsMarker(${JSON.stringify(source)})));
    `);
    expect(got.code).toBe("\n\n\nexport class A {\n  x = 1; // @slots stays in comments\n}\n");
    expect(got.removed).toEqual([
      { line: 1, text: 'import { slots } from "ts-slots";' },
      { line: 3, text: "@slots" },
    ]);
  });

  // The whole quick run, every case and the compile cost: what `npm run bench -- --quick` does (.ci/run relies on this
  // test for it rather than running the bench a second time). The detailed checks read the seed case.
  test("npm run bench -- --quick builds, guards and measures every case and writes a complete report", () => {
    const out = path.join(tmp, "results");
    // One process per figure (--reps 1): the run's figures are not what this test checks, its shape is.
    const r = runBench(["--quick", "--reps", "1", "--out", out], path.join(tmp, "builds"));
    expect(r.stderr).not.toMatch(/REFUSED|Error/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ts-slots bench \(quick\)/);
    expect(r.stdout).toMatch(/V8 \d+\.\d+/);

    const files = fs.readdirSync(out);
    const jsonName = files.find((f) => f.endsWith(".json"));
    expect(jsonName).toMatch(/^\d{4}-\d{2}-\d{2}\.json$/);
    expect(files).toContain(jsonName.replace(/\.json$/, ".md"));
    expect(files).toContain(jsonName.replace(/\.json$/, ".svg"));

    // Committed: the summary (bench/lib/summary.mjs); the full result is a build artefact in raw/ beside it.
    const rawFile = path.join(out, "raw", jsonName);
    const result = JSON.parse(fs.readFileSync(rawFile, "utf8"));
    const summaryText = fs.readFileSync(path.join(out, jsonName), "utf8");
    const summary = JSON.parse(summaryText);
    expect(summary.schema).toBe("ts-slots-bench/4");
    expect(summary.summaryOf).toBe(`raw/${jsonName}`);
    expect(summaryText).not.toMatch(/"values"|"execPath"/);
    expect(summaryText.length).toBeLessThan(50_000);
    expect(summaryText.length * 10).toBeLessThan(fs.statSync(rawFile).size);
    expect(summary.guard).toEqual({ checks: result.guard.length, passed: result.guard.length, sameAsNormal: expect.any(Array) });
    expect(summary.twin).toEqual(result.twin);
    expect(summary.env.loadStart).toBe(result.env.loadStart);
    expect(summary.env.measuring.node).toBe(result.env.measuring.node);
    expect(summary.builds.configs).toEqual(result.builds.configs.map((c) => c.id));
    // Each line a table: a column per metric, the normal build's medians, then [median, min, max] per seal mode.
    const seedLine = summary.cases.seed.lines["tspc-define"];
    expect(seedLine.metrics).toEqual(Object.keys(result.cases.seed.ratios["tspc-define"].always));
    const construct = seedLine.metrics.indexOf("construct");
    expect(seedLine.normal[construct]).toBe(Number(result.cases.seed.figures.construct["tspc-define-normal"].median.toPrecision(5)));
    for (const variant of ["default", "always", "never", "guard"]) {
      const { median, min, max } = result.cases.seed.ratios["tspc-define"][variant].construct;
      const [sMedian, sMin, sMax] = seedLine[variant][construct];
      expect(sMedian.toFixed(2)).toBe(median.toFixed(2));
      expect([sMin, sMax]).toEqual([Number(min.toPrecision(4)), Number(max.toPrecision(4))]);
    }
    expect(summary.cases.seed.shapes).toEqual({ "tspc-define": 1, "tspc-assign": 1, "esbuild-define": 1, "esbuild-assign": 1 });
    for (const n of summary.nodes.filter((node) => !node.headline)) {
      expect(Object.keys(n.cases.seed.lines)).toEqual(["tspc-define", "tspc-assign"]);
      expect(n.cases.seed.lines["tspc-define"].metrics).toEqual(["construct"]);
    }
    expect(summary.targets.total).toBe(result.targets.length);
    expect(summary.targets.met).toBe(result.targets.filter((t) => t.met).length);
    // Every missed target, each once; the summary lists them by target id, the result in run order.
    expect(summary.targets.byId.flatMap((g) => g.missed.map(([scope]) => `${g.id} ${scope}`)).sort()).toEqual(
      result.targets.filter((t) => !t.met).map((t) => `${t.id} ${t.scope}`).sort(),
    );
    // docs/benchmarks.md's tables come out the same from the summary and from the full result, and the summary
    // script run over the artefact writes the summary run.mjs wrote.
    const docs = evalModule(`
      import { readFileSync } from "node:fs";
      import { generatedSection } from ${JSON.stringify(pathToFileURL(path.join(ROOT, "scripts/bench-docs.mjs")).href)};
      const read = (f) => JSON.parse(readFileSync(f, "utf8"));
      console.log(JSON.stringify([generatedSection(read(${JSON.stringify(path.join(out, jsonName))}), "x"), generatedSection(read(${JSON.stringify(rawFile)}), "x")]));
    `);
    expect(docs[0]).toMatch(/^\| seed \| \d+\.\d\dx \|/m);
    expect(docs[0]).toBe(docs[1]);
    const again = spawnSync(process.execPath, [path.join(ROOT, "bench/lib/summary.mjs"), rawFile], { encoding: "utf8" });
    expect(again.status).toBe(0);
    expect(fs.readFileSync(path.join(out, jsonName), "utf8")).toBe(summaryText);

    const variants = ["normal", "default", "always", "never", "guard"];
    expect(result.schema).toBe("ts-slots-bench/3");
    expect(result.mode).toBe("quick");
    // The headline is Node 24; Node 22 and the machine's Node are measured beside it, each under its own binary.
    expect(result.env.measuring.node).toMatch(/^v24\./);
    expect(result.nodes.map((n) => n.node.split(".")[0])).toEqual(["v24", "v22", process.version.split(".")[0]].filter((v, i, a) => a.indexOf(v) === i));
    expect(result.env.nodes.find((n) => n.node === process.version)?.execPath).toBe(process.execPath);
    for (const n of result.nodes.slice(1)) {
      expect(n.headline).toBe(false);
      for (const line of ["tspc-define", "tspc-assign"]) {
        for (const v of variants.slice(1)) {
          const r = n.cases.seed.ratios[line][v].construct;
          expect(r.n).toBe(result.reps);
          expect(r.min).toBeLessThanOrEqual(r.median);
        }
      }
      expect(n.cases.seed.ratios["esbuild-define"]).toBeUndefined();
      expect(Object.keys(n.cases.seed.figures)).toEqual(["construct"]);
      expect(r.stdout).toContain(`Node ${n.node} (V8 ${n.v8}): tspc route`);
    }
    const lines = ["tspc-define", "tspc-assign", "esbuild-define", "esbuild-assign"];
    const configIds = lines.flatMap((l) => variants.map((v) => `${l}-${v}`));
    expect(result.builds.configs.map((c) => c.id).sort()).toEqual([...configIds].sort());
    const caseNames = Object.keys(result.cases);
    expect(caseNames.sort()).toEqual(["ast", "inheritance", "late-init", "numeric", "polymorphic", "rbtree", "seed", "small-map", "sparse-optional", "vec2"]);
    // Every case of every build is guarded (some cases add builds of their own), and every case is measured.
    expect(result.guard.length).toBeGreaterThanOrEqual(20 * caseNames.length);
    for (const name of caseNames) {
      expect([name, result.guard.filter((g) => g.case === name).length >= 20]).toEqual([name, true]);
      expect([name, Object.keys(result.cases[name].figures).sort()]).toEqual([name, expect.arrayContaining(["construct", "memory", "read", "shapes"])]);
    }
    expect(result.compileCost.classes).toBeGreaterThan(0);
    expect(result.guard.every((g) => g.ok)).toBe(true);
    expect(result.guard.every((g) => g.report.decoratorCalls === 0)).toBe(true);
    // Seed's constructor assigns every field first thing: its seal:"never" builds (and the default production
    // builds, which emit the same code) behave exactly like normal ones.
    expect(result.guard.filter((g) => g.case === "seed" && g.sameAsNormal).map((g) => g.build).sort()).toEqual(lines.flatMap((l) => [`${l}-default`, `${l}-never`]).sort());
    // The run's noise from its twin builds (default production vs seal:"never"): a verdict with its reason.
    expect(typeof result.twin.trusted).toBe("boolean");
    expect(result.twin.pairs.length).toBeGreaterThan(0);
    expect(result.twin.reason).toMatch(/two identical builds .* load average/);
    expect(result.builds.configs.find((c) => c.id === "tspc-define-default").plugin).toEqual({ transform: "dist/transformer/emit-ast/index.js", NODE_ENV: "production" });
    for (const build of result.builds.configs.filter((c) => c.route === "esbuild" && c.variant !== "normal")) {
      expect(build.plugin.setup.fieldMode).toBe(build.semantics === "define" ? "native" : "assign");
      expect(build.rewritten.seed.classes).toBe(1);
      // What esbuild compiled is emitter 2's output: the decorator and its import are gone from the TypeScript.
      const rewritten = fs.readFileSync(path.join(tmp, "builds", build.id, "src", "seed.ts"), "utf8");
      expect(rewritten).not.toMatch(/@slots|from "ts-slots"/);
    }

    const seed = result.cases.seed;
    expect(seed.floor).toBe(48);
    expect(Object.keys(seed.figures).sort()).toEqual(["construct", "memory", "read", "shapes"]);
    for (const [metric, byConfig] of Object.entries(seed.figures)) {
      expect(Object.keys(byConfig).sort()).toEqual([...configIds].sort());
      for (const s of Object.values(byConfig)) {
        expect(s.n).toBe(metric === "shapes" || metric === "memory" ? 1 : result.reps);
        expect(s.min).toBeLessThanOrEqual(s.median);
        expect(s.median).toBeLessThanOrEqual(s.max);
      }
    }
    expect(seed.figures.shapes["tspc-define-always"].median).toBe(1);
    expect(seed.figures.shapes["esbuild-define-always"].median).toBe(1);
    expect(Object.keys(seed.ratios).sort()).toEqual([...lines].sort());
    for (const line of lines) {
      for (const v of variants.slice(1)) {
        for (const metric of ["memory", "construct", "read"]) {
          const r = seed.ratios[line][v][metric];
          expect(r.n).toBe(metric === "memory" ? 1 : result.reps);
          expect(r.min).toBeLessThanOrEqual(r.median);
          expect(r.median).toBeLessThanOrEqual(r.max);
        }
      }
    }
    expect(result.seed.rows.map((row) => row.label)).toEqual(
      expect.arrayContaining(["Python, the notebook's figures (quoted)"]),
    );
    expect(result.targets.length).toBeGreaterThan(0);
    for (const t of result.targets) {
      expect(typeof t.met).toBe("boolean");
      expect(typeof t.reason).toBe("string");
      if (!t.met) expect(typeof t.missBy).toBe("string");
    }
    const md = fs.readFileSync(path.join(out, jsonName.replace(/\.json$/, ".md")), "utf8");
    for (const n of result.nodes) expect(md).toContain(`Node ${n.node} (V8 ${n.v8}`);
    expect(md).toContain("## Targets");
    expect(md).toContain(`\`raw/${jsonName}\` (a build artefact, not committed)`);
    expect(md).toMatch(/\| seed \| esbuild\+plugin \| assign \|/);
    const svg = fs.readFileSync(path.join(out, jsonName.replace(/\.json$/, ".svg")), "utf8");
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  }, 600_000);

  test("the guard refuses a normal build posing as a slots build", () => {
    const out = path.join(tmp, "refused");
    const r = runBench(
      ["--quick", "--nodes", "machine", "--case", "seed", "--route", "tspc", "--no-compile-cost", "--no-python", "--out", out, "--pose-normal-as-slots"],
      path.join(tmp, "builds"),
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^REFUSED: 2 build\(s\) are not what they claim to be/m);
    expect(r.stderr).toMatch(/^  tspc-define-always \/ seed: only 0\/500 instances are sealed/m);
    expect(r.stderr).toMatch(/^  tspc-assign-always \/ seed: only 0\/500 instances are sealed/m);
    expect(fs.existsSync(out)).toBe(false);
  });

  test.each([
    ["CommonJS", "--pose-unrewritten-as-slots", "unrewritten", "seed.js", /require\("ts-slots"\)/],
    ["ESM", "--pose-unrewritten-esm-as-slots", "unrewritten-esm", "seed.mjs", /^import \{ slots \} from "ts-slots";$/m],
  ])("the guard refuses a slots source compiled without the plugin (%s)", (_format, flag, suffix, file, importLine) => {
    const out = path.join(tmp, `refused-${suffix}`);
    const builds = path.join(tmp, `builds-${suffix}`);
    const r = runBench(["--quick", "--nodes", "machine", "--case", "seed", "--route", "esbuild", "--no-compile-cost", "--no-python", "--out", out, flag], builds);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^REFUSED: 2 build\(s\) are not what they claim to be/m);
    // The run-time fallback seals these instances, so every seal check passes: what refuses them is that the
    // decorator ran in the guard's process (its calls are counted whether the module requires or imports it).
    for (const sem of ["define", "assign"]) {
      expect(r.stderr).toMatch(new RegExp(`^  esbuild-${sem}-always / seed: the run-time @slots decorator ran 1 time\\(s\\)`, "m"));
    }
    expect(r.stderr).not.toMatch(/esbuild-\w+-(never|normal) \//);
    const untransformed = fs.readFileSync(path.join(builds, `esbuild-define-${suffix}`, "out", file), "utf8");
    expect(untransformed).toMatch(importLine);
    expect(fs.existsSync(out)).toBe(false);
  });

  test("the guard refuses a seal:never build posing as the normal build wherever the two behave differently", () => {
    const out = path.join(tmp, "refused-never");
    const r = runBench(
      ["--quick", "--nodes", "machine", "--case", "seed,late-init", "--no-compile-cost", "--no-python", "--out", out, "--pose-never-as-normal"],
      path.join(tmp, "builds"),
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^REFUSED: 4 build\(s\) are not what they claim to be/m);
    // late-init's late fields start at 0 / "" in the slots build and as undefined (define) or absent (assign) in the
    // normal one: caught on every line, under define by the instance as build() stores it, under assign by the
    // placeholder stores. Seed's never build is the normal class (every field assigned first thing), so it passes.
    for (const route of ["tspc", "esbuild"]) {
      expect(r.stderr).toMatch(new RegExp(`^  ${route}-define-normal / late-init: behaves differently from the stripped source compiled without the plugin \\(instance as build\\(\\) stores it #1: .*port:number:zero.* where the reference has .*port:undefined`, "m"));
      expect(r.stderr).toMatch(new RegExp(`^  ${route}-assign-normal / late-init: behaves differently from the stripped source compiled without the plugin \\(store before the field exists #1: port=number:zero where the reference has id=number:zero`, "m"));
    }
    expect(r.stderr).not.toMatch(/\/ seed:/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
