// @ts-check
// The two TypeScript lines ts-slots supports, side by side: TypeScript 5.9 with ts-patch 3.3 and TypeScript 6.0
// with ts-patch 4.0, each installed from the npm registry into its own temporary project together with the packed
// ts-slots. The core fixtures (fixtures/core) are compiled by each line's `tspc` in every core configuration and run
// in child node processes: sealed, adding and deleting throw, one hidden class, doubles keep it, and no import of
// ts-slots is left. The same sources built by each line's plain `tsc` show the runtime fallback sealing the same
// classes (where TypeScript defines every field). Then what an unsupported TypeScript gets: one TSS9003 diagnostic
// and no rewrite (a real TypeScript module claiming another version; TypeScript 4.9.5 through ts-patch 2.1.0).
// Each line builds its five configurations' projects with one `tspc -b` (plugin on) and one `tsc -b` (plugin off),
// and each build's fixtures are probed by one child node process (probe.js --each) instead of one per fixture.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { configurations, baseOptions } = require("./helpers/project");
const { coreFixtures, probedFixtures, probeEach } = require("./helpers/fixtures");
const { buildAll } = require("./helpers/build-all");
const { packTarball } = require("./ecosystem/pack");
const { makeRoot, cleanup, makeInstallDir, npmInstall, inParallel } = require("./ecosystem/sandbox");
const { run, timings } = require("./ecosystem/run");

const lines = [
  { id: "typescript-5", typescript: "5.9.3", tsPatch: "3.3.0", ignoreDeprecations: undefined },
  { id: "typescript-6", typescript: "6.0.3", tsPatch: "4.0.1", ignoreDeprecations: "6.0" },
];
/** Older than the supported range: ts-patch 3 refuses TypeScript 4 itself, ts-patch 2 patches it persistently. */
const legacyLine = { id: "typescript-4.9", typescript: "4.9.5", tsPatch: "2.1.0" };

const supportedRange = ">=5.0 <7.0";
const stackFrame = /^\s+at .*(:\d+:\d+\)?|\(native\))$/m;
const outName = (fixture) => fixture.replace(/\.ts$/, ".js");

let root;
let tarball;
const installed = {};

beforeAll(async () => {
  ({ tarball } = packTarball());
  root = makeRoot("typescript-lines");
  const all = [...lines, legacyLine];
  const results = await inParallel(
    all.map((line) => async () => {
      const dir = makeInstallDir(root, line.id, { typescript: line.typescript, "ts-patch": line.tsPatch, "ts-slots": `file:${tarball}` });
      // TypeScript 4.9 is outside ts-slots' peer range: a user has to force it, and so does this test.
      await npmInstall(dir, line === legacyLine ? ["--legacy-peer-deps"] : []);
      return dir;
    }),
  );
  all.forEach((line, i) => (installed[line.id] = results[i]));
}, 15 * 60 * 1000);

afterAll(() => {
  const total = timings.reduce((sum, t) => sum + t.ms, 0);
  const installs = timings.filter((t) => t.command.startsWith("npm install"));
  console.log(
    `typescript-lines: ${timings.length} child processes, ${(total / 1000).toFixed(1)} s in total; installs: ` +
      installs.map((t) => `${path.basename(t.cwd)} ${(t.ms / 1000).toFixed(1)} s`).join(", "),
  );
  cleanup(root);
});

function lineDir(line) {
  const result = installed[line.id];
  if (!result) throw new Error(`${line.id} was not installed`);
  if (result.error) throw result.error;
  return result.value;
}

/** A project under the line's install (its node_modules are found by walking up) with the given sources. */
function makeLineProject(dir, files, compilerOptions, { plugin, esm, line }) {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, "src"), { recursive: true });
    fs.writeFileSync(path.join(dir, "src", file), text);
  }
  const options = { ...baseOptions, ...compilerOptions, plugins: plugin ? [{ transform: "ts-slots/transformer" }] : [] };
  if (line.ignoreDeprecations) options.ignoreDeprecations = line.ignoreDeprecations;
  else delete options.ignoreDeprecations;
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: options, include: ["src"] }, null, 2));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ private: true, type: esm ? "module" : "commonjs" }));
  return dir;
}

/** The file a package's bin entry `name` runs, from its package.json. */
function binOf(modules, pkg, name) {
  const { bin } = JSON.parse(fs.readFileSync(path.join(modules, pkg, "package.json"), "utf8"));
  return path.join(modules, pkg, typeof bin === "string" ? bin : bin[name]);
}

/** The line's tsc or ts-patch's tspc entry file. */
function compilerOf(line, compiler) {
  const modules = path.join(lineDir(line), "node_modules");
  return compiler === "tspc" ? binOf(modules, "ts-patch", "tspc") : binOf(modules, "typescript", "tsc");
}

/** Each fixture's probe report (or its error) from one child node process over the build's output. */
function probeBuild(dir, fixtures, esm) {
  const outFiles = fixtures.map((fixture) => path.join(dir, "out", outName(fixture)));
  const reports = probeEach(outFiles, esm);
  return Object.fromEntries(fixtures.map((fixture, index) => [fixture, reports[outFiles[index]]]));
}

describe.each(lines)("$id (typescript $typescript, ts-patch $tsPatch)", (line) => {
  /** Per configuration: its plugin-on and plugin-off projects, and what the line's tspc and tsc printed for each. */
  const builds = {};

  // Every configuration's projects, built here by one tspc -b and one tsc -b, so that every test below sees them even
  // when a build fails.
  beforeAll(() => {
    const base = path.join(lineDir(line), "projects");
    for (const configuration of configurations) {
      const files = coreFixtures(configuration);
      const settings = { esm: configuration.esm, line };
      const on = makeLineProject(path.join(base, `${configuration.id}-on`), files, configuration.options, { ...settings, plugin: true });
      const off = makeLineProject(path.join(base, `${configuration.id}-off`), files, configuration.options, { ...settings, plugin: false });
      builds[configuration.id] = { on, off };
    }
    const ids = configurations.map((configuration) => configuration.id);
    const tspc = buildAll(compilerOf(line, "tspc"), ids.map((id) => builds[id].on));
    const tsc = buildAll(compilerOf(line, "tsc"), ids.map((id) => builds[id].off));
    for (const id of ids) {
      // A line of output in no project is charged to every configuration: it would otherwise go unseen.
      builds[id].tspc = { status: tspc.status, output: tspc.outputOf(builds[id].on) + tspc.unattributed.join("\n") };
      builds[id].tsc = { status: tsc.status, output: tsc.outputOf(builds[id].off) + tsc.unattributed.join("\n") };
    }
  }, 5 * 60 * 1000);

  test("the temporary project has exactly this TypeScript, ts-patch and the packed ts-slots", () => {
    const modules = path.join(lineDir(line), "node_modules");
    const version = (name) => JSON.parse(fs.readFileSync(path.join(modules, name, "package.json"), "utf8")).version;
    expect({ typescript: version("typescript"), tsPatch: version("ts-patch") }).toEqual({ typescript: line.typescript, tsPatch: line.tsPatch });
    expect(fs.lstatSync(path.join(modules, "ts-slots")).isSymbolicLink()).toBe(false);
    expect(fs.existsSync(path.join(modules, "ts-slots/dist/transformer/emit-ast/index.js"))).toBe(true);
  });

  describe.each(configurations)("$id", (configuration) => {
    const files = coreFixtures(configuration);
    const fixtures = probedFixtures(files);
    let on;
    let off;
    const compiled = {};
    /** Probe reports of the plugin-on and plugin-off builds, by fixture. */
    const reports = {};

    beforeAll(() => {
      ({ on, off } = builds[configuration.id]);
      compiled.tspc = builds[configuration.id].tspc;
      compiled.tsc = builds[configuration.id].tsc;
      reports.on = probeBuild(on, fixtures, configuration.esm);
      reports.off = probeBuild(off, fixtures, configuration.esm);
    });

    test("tspc and plain tsc compile the core fixtures without a diagnostic", () => {
      expect(compiled.tspc).toEqual({ status: 0, output: "" });
      expect(compiled.tsc).toEqual({ status: 0, output: "" });
    });

    test("every fixture: sealed, add and delete throw, one hidden class that doubles keep", () => {
      const failures = [];
      for (const fixture of fixtures) {
        const report = reports.on[fixture];
        if (report.error) {
          failures.push({ fixture, error: report.error.split("\n").slice(0, 4).join("\n") });
          continue;
        }
        for (const group of report.groups) {
          const refused = group.expectSealed ? "TypeError" : "ok";
          const facts = {
            sealed: group.sealed.every((sealed) => sealed === group.expectSealed),
            add: group.add.every((outcome) => outcome === refused),
            delete: (group.delete ?? []).every((outcome) => outcome === refused),
            sameMap: !group.expectSealed || group.sameMap,
            numericSameMap: !group.expectSealed || group.numericSameMap !== false,
            keys: !group.expectSealed || group.keys.every((keys) => JSON.stringify(keys) === JSON.stringify(group.expectKeys ?? group.keys[0])),
          };
          const wrong = Object.keys(facts).filter((fact) => !facts[fact]);
          if (wrong.length > 0) failures.push({ fixture, group: group.name, wrong });
        }
      }
      expect(failures).toEqual([]);
    });

    test("the output runs with ts-slots not installed at all: no import of it is left", () => {
      const bare = fs.mkdtempSync(path.join(os.tmpdir(), "ts-slots-bare-"));
      try {
        fs.cpSync(path.join(on, "out"), bare, { recursive: true });
        fs.writeFileSync(path.join(bare, "package.json"), JSON.stringify({ type: configuration.esm ? "module" : "commonjs" }));
        const outFiles = fixtures.map((fixture) => path.join(bare, outName(fixture)));
        const bareReports = probeEach(outFiles, configuration.esm);
        const errors = fixtures.map((fixture, index) => ({ fixture, error: bareReports[outFiles[index]].error })).filter((report) => report.error);
        expect(errors).toEqual([]);
      } finally {
        fs.rmSync(bare, { recursive: true, force: true });
      }
    });

    // The runtime fallback cannot create fields TypeScript drops (useDefineForClassFields: false): a fixture that
    // assigns such a field after construction throws on the sealed instance, as the README's fallback section says.
    const fallbackLimits = configuration.options.useDefineForClassFields === false ? ["optional-only.ts"] : [];
    test("without the transformer (plain tsc of this line) the runtime fallback seals the same classes", () => {
      expect(compiled.tsc).toEqual({ status: 0, output: "" });
      const differences = [];
      for (const fixture of fixtures) {
        const withPlugin = reports.on[fixture];
        const withoutPlugin = reports.off[fixture];
        // TypeScript's own ES2015 define-mode output of this fixture throws (see test/core.test.js).
        if (withoutPlugin.error && fixture === "nested-super.ts") continue;
        const sealed = (report) => (report.groups ?? []).map((group) => [group.name, group.sealed]);
        if (withoutPlugin.error || JSON.stringify(sealed(withPlugin)) !== JSON.stringify(sealed(withoutPlugin))) {
          differences.push({ fixture, on: sealed(withPlugin), off: withoutPlugin.error ?? sealed(withoutPlugin) });
        }
      }
      expect(differences.map((difference) => difference.fixture)).toEqual(fallbackLimits);
      for (const difference of differences) expect(String(difference.off)).toMatch(/TypeError: Cannot add property \w+, object is not extensible/);
    });
  });
});

describe("unsupported TypeScript: one TSS9003 diagnostic naming the range and the routes that work, no rewrite", () => {
  const probeScript = path.join(__dirname, "ecosystem/unsupported-probe.js");

  function probeVersion(claimed) {
    const modules = path.join(lineDir(lines[1]), "node_modules");
    const result = run(process.execPath, [probeScript, path.join(modules, "typescript"), path.join(modules, "ts-slots/dist/transformer/emit-ast/index.js"), claimed]);
    if (result.status !== 0) throw new Error(result.output);
    return JSON.parse(result.stdout);
  }

  test.each(["7.0.2", "4.9.5", "8.0.0"])("a real TypeScript 6 module that says it is %s, as ts-patch would pass it", (claimed) => {
    const report = probeVersion(claimed);
    expect(report.threw).toBeNull();
    expect(report.rewritten).toBe(false);
    expect(report.diagnostics).toHaveLength(1);
    const [diagnostic] = report.diagnostics;
    expect(diagnostic.code).toBe(999003);
    expect(diagnostic.category).toBe("Error");
    expect(diagnostic.message).toContain("TSS9003");
    expect(diagnostic.message).toContain(supportedRange);
    expect(diagnostic.message).toContain(claimed);
    expect(diagnostic.message).toMatch(/ts-slots\/vite/);
    expect(diagnostic.message).toMatch(/typescript@6/);
    expect(diagnostic.message).not.toMatch(stackFrame);
  });

  test.each(["5.9.3", "6.0.3"])("control: claiming a supported %s, the same module is rewritten without a diagnostic", (claimed) => {
    const report = probeVersion(claimed);
    expect(report).toMatchObject({ threw: null, rewritten: true, diagnostics: [] });
  });

  describe("real TypeScript 4.9.5 patched by ts-patch 2.1.0 (`ts-patch install`; ts-patch 3 refuses TypeScript 4)", () => {
    let dir;
    const options = { target: "ES2020", module: "commonjs", strict: true, experimentalDecorators: true, outDir: "out", rootDir: "src", types: [] };

    beforeAll(() => {
      dir = lineDir(legacyLine);
      const patched = run(process.execPath, [binOf(path.join(dir, "node_modules"), "ts-patch", "ts-patch"), "install", "-s"], { cwd: dir });
      if (patched.status !== 0) throw new Error(`ts-patch install failed:\n${patched.output}`);
    });

    /** A project using @slots under TypeScript 4.9 with the plugin; returns tsc's messages and the run's facts. */
    function compileAndRun(name, extraOptions) {
      const project = path.join(dir, name);
      fs.mkdirSync(path.join(project, "src"), { recursive: true });
      fs.writeFileSync(
        path.join(project, "src/main.ts"),
        [
          `import { slots } from "ts-slots";`,
          `@slots`,
          `class Vec {`,
          `  x: number;`,
          `  constructor(x: number) { this.x = x; }`,
          `}`,
          `const vec = new Vec(1);`,
          `let addThrows = false;`,
          `try { (vec as any).z = 1; } catch (error) { addThrows = error instanceof TypeError; }`,
          `console.log(JSON.stringify({ sealed: Object.isSealed(vec), addThrows }));`,
          ``,
        ].join("\n"),
      );
      const compilerOptions = { ...options, ...extraOptions, plugins: [{ transform: "ts-slots/transformer" }] };
      fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["src"] }));
      const tsc = binOf(path.join(dir, "node_modules"), "typescript", "tsc");
      const compiled = run(process.execPath, [tsc, "-p", project, "--pretty", "false"], { cwd: project });
      const ran = run(process.execPath, [path.join(project, "out/main.js")], { cwd: project });
      return {
        status: compiled.status,
        output: compiled.output,
        messages: compiled.output.split("\n").filter((text) => text.trim() !== ""),
        facts: ran.status === 0 ? JSON.parse(ran.stdout) : ran.output,
      };
    }

    function expectOneClearMessage(result) {
      expect(result.messages).toHaveLength(1);
      expect(result.messages[0]).toContain("TSS9003");
      expect(result.messages[0]).toContain(supportedRange);
      expect(result.messages[0]).toContain("4.9.5");
      // It names the routes that work: the plugins, or TypeScript 6 for this one.
      expect(result.messages[0]).toMatch(/ts-slots\/vite/);
      expect(result.messages[0]).toMatch(/typescript@6/);
      expect(result.output).not.toMatch(stackFrame);
    }

    test("with skipLibCheck: one message, the output emitted unrewritten, and the runtime fallback seals", () => {
      const result = compileAndRun("project-skiplibcheck", { skipLibCheck: true });
      expectOneClearMessage(result);
      expect(result.status).toBe(2); // an error diagnostic; tsc still emits (noEmitOnError is off)
      expect(result.facts).toEqual({ sealed: true, addThrows: true });
    });

    // The runtime's declarations avoid lib types newer than TypeScript 5.0 (ClassDecoratorContext), so that an
    // unsupported TypeScript reports the one TSS9003 message and no lib error beside it.
    test("without skipLibCheck: still only the one message", () => {
      const result = compileAndRun("project-libcheck", {});
      expectOneClearMessage(result);
      expect(result.facts).toEqual({ sealed: true, addThrows: true });
    });
  });
});
