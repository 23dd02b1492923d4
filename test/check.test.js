// @ts-check
// `ts-slots check` against the build: every diagnostics fixture (fixtures/diagnostics) compiled by ts-patch's tspc
// under TypeScript 6 with the plugin, and checked by `ts-slots check` both in that project and in a copy whose
// `typescript` is 7.0.2 from the registry (the native compiler, no JavaScript API), with ts-slots and @ts-slots/cli
// installed from their packed tarballs: the same ts-slots diagnostics (code, severity, file, line, column, message) each time.
// Then each --format, the exit codes, and --watch through real edits of a file.
// The fixtures are built by one `tspc -b` over all their projects and checked by one `ts-slots check` of a solution
// tsconfig referencing them all (each process would otherwise spend most of its time starting TypeScript and parsing
// the library again); the per-project check, its exit codes and formats are the tests of "formats and exit codes".
"use strict";
const fs = require("fs");
const path = require("path");
const { spawn, spawnSync } = require("child_process");
const os = require("os");
const { makeProject, repoRoot, bin } = require("./helpers/project");
const { buildAll } = require("./helpers/build-all");
const { fixtureNames, loadFixture } = require("../fixtures/diagnostics/expectations");
const { makeRoot, cleanup, makeInstallDir, npmInstall } = require("./ecosystem/sandbox");
const { packTarball } = require("./ecosystem/pack");

const cli = path.join(repoRoot, "dist/cli/index.js");
/** One line of tsc's plain output: `src/a.ts(3,5): error TS991001: message`, or a global `error TS...: message`. */
const linePattern = /^(?:(.+?)\((\d+),(\d+)\): )?(error|warning) TS(99\d{4}): (ts-slots (TSS\d{4}): .*)$/;

/** The ts-slots diagnostics in tsc-style output, as the json format gives them. */
function slotsLines(output) {
  return output.split(/\r?\n/).flatMap((line) => {
    const match = linePattern.exec(line);
    if (!match) return [];
    const [, file, row, column, severity, , message, code] = match;
    return [{ file: file ?? null, line: row === undefined ? null : Number(row), column: column === undefined ? null : Number(column), code, severity, message }];
  });
}

const byPosition = (a, b) => `${a.file}:${a.line}:${a.column}:${a.code}`.localeCompare(`${b.file}:${b.line}:${b.column}:${b.code}`, "en");
const sorted = (list) => [...list].sort(byPosition);

function check(dir, args = []) {
  const result = spawnSync(process.execPath, [cli, "check", ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const fixtures = fixtureNames().map(loadFixture);
const temps = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** Each fixture's project, built by tspc (TypeScript 6 + the plugin), and the ts-slots lines tspc printed for it. */
const builds = new Map();
/** The status of the one `tspc -b` over every fixture (nonzero: some fixtures have errors, as they are meant to). */
let buildStatus;
beforeAll(() => {
  const dirs = fixtures.map((fixture) => makeProject({ files: fixture.files, compilerOptions: fixture.compilerOptions, plugin: fixture.plugin, name: `check-${fixture.name}` }));
  temps.push(...dirs);
  const built = buildAll(bin.tspc, dirs);
  buildStatus = built.status;
  fixtures.forEach((fixture, index) => builds.set(fixture.name, { dir: dirs[index], diagnostics: slotsLines(built.outputOf(dirs[index])) }));
}, 5 * 60 * 1000);

function buildOf(fixture) {
  const build = builds.get(fixture.name);
  if (!build) throw new Error(`${fixture.name} was not built`);
  return build;
}

/** A solution tsconfig (`files: []`, references) in a new directory, naming the given project directories. */
function solutionOver(dirs, parent = os.tmpdir()) {
  const solution = fs.mkdtempSync(path.join(parent, "ts-slots-check-solution-"));
  temps.push(solution);
  fs.writeFileSync(path.join(solution, "tsconfig.json"), JSON.stringify({ files: [], references: dirs.map((dir) => ({ path: path.relative(solution, dir) })) }));
  return solution;
}

/** The findings of a solution's check that lie in one project, their files made relative to that project. */
function findingsIn(findings, solution, dir) {
  const prefix = `${path.relative(solution, dir).split(path.sep).join("/")}/`;
  return findings.filter((finding) => finding.file?.startsWith(prefix)).map((finding) => ({ ...finding, file: finding.file.slice(prefix.length) }));
}

describe("ts-slots check reports what tspc reports under TypeScript 6", () => {
  let solution;
  let result;
  let findings;
  beforeAll(() => {
    solution = solutionOver(fixtures.map((fixture) => buildOf(fixture).dir));
    result = check(solution, ["--format", "json"]);
    findings = JSON.parse(result.stdout);
  });

  test("one check of every fixture: exit 1 (some fixtures have errors), every finding inside a fixture's project", () => {
    expect(result.status).toBe(1);
    // tspc fails too (the fixtures' own TypeScript errors aside, diagnostics.test.js checks each fixture's status).
    expect(buildStatus).not.toBe(0);
    const attributed = fixtures.flatMap((fixture) => findingsIn(findings, solution, buildOf(fixture).dir));
    expect(attributed).toHaveLength(findings.length);
  });

  test.each(fixtures.map((fixture) => [fixture.name, fixture]))("%s", (_name, fixture) => {
    const build = buildOf(fixture);
    const own = findingsIn(findings, solution, build.dir);
    expect(sorted(own)).toEqual(sorted(build.diagnostics));
    // The fixtures are meant to produce diagnostics: a check that found nothing would pass the comparison above
    // only if tspc also found nothing, which only the clean fixture may.
    if (fixture.name !== "clean") expect(own.length).toBeGreaterThan(0);
  });
});

describe("ts-slots check in a project whose typescript is 7", () => {
  // Installed as a user would: typescript 7.0.2 from the registry, ts-slots and @ts-slots/cli from the packed
  // tarballs. The CLI's bundle then finds TypeScript 7 (no compiler API) as the project's typescript and checks with
  // the TypeScript 6 API @ts-slots/cli carries (transformer/host/typescript.ts).
  let root;
  let project;
  beforeAll(async () => {
    const { tarball, cliTarball } = packTarball();
    root = makeRoot("check-ts7");
    project = makeInstallDir(root, "ts7", { typescript: "7.0.2", "ts-slots": `file:${tarball}`, "@ts-slots/cli": `file:${cliTarball}` });
    await npmInstall(project);
  }, 15 * 60 * 1000);
  afterAll(() => cleanup(root));

  test("the project's tsc is TypeScript 7.0.2, whose package has no compiler API", () => {
    const tsc = spawnSync(process.execPath, [path.join(project, "node_modules/typescript/bin/tsc"), "--version"], { cwd: project, encoding: "utf8" });
    expect(tsc.stdout.trim()).toBe("Version 7.0.2");
    const api = spawnSync(process.execPath, ["-e", "const ts = require('typescript'); console.log(ts.version, typeof ts.createProgram)"], { cwd: project, encoding: "utf8" });
    expect(api.stdout.trim()).toBe("7.0.2 undefined");
  });

  describe("every fixture, copied into the project and checked by the installed CLI through one solution tsconfig", () => {
    let solution;
    let result;
    let lines;
    beforeAll(() => {
      const dirs = fixtures.map((fixture) => {
        const build = buildOf(fixture);
        const dir = path.join(project, fixture.name);
        fs.mkdirSync(dir);
        fs.cpSync(path.join(build.dir, "src"), path.join(dir, "src"), { recursive: true });
        fs.copyFileSync(path.join(build.dir, "tsconfig.json"), path.join(dir, "tsconfig.json"));
        return dir;
      });
      solution = solutionOver(dirs, project);
      const bin = path.join(project, "node_modules/@ts-slots/cli/dist/index.js");
      result = spawnSync(process.execPath, [bin, "check"], { cwd: solution, encoding: "utf8" });
      lines = slotsLines(result.stdout);
    });

    test("it runs with the TypeScript 6 API the CLI carries: no TSS9005, no error, exit 1 for the fixtures' errors", () => {
      expect(result.stderr).not.toMatch(/TSS9005|Error/);
      expect(result.status).toBe(1);
      expect(lines.length).toBeGreaterThan(0);
    });

    test.each(fixtures.map((fixture) => [fixture.name, fixture]))("%s: the diagnostics tspc reports under TypeScript 6", (name, fixture) => {
      expect(sorted(findingsIn(lines, solution, path.join(project, name)))).toEqual(sorted(buildOf(fixture).diagnostics));
    });
  });
});

describe("ts-slots check: formats and exit codes", () => {
  const fixtureNamed = (name) => fixtures.find((fixture) => fixture.name === name);

  test("text is tsc's lines plus a summary; json and github carry the same findings", () => {
    const { dir } = buildOf(fixtureNamed("tss1002-element-write"));
    const text = check(dir);
    const json = check(dir, ["--format", "json"]);
    const github = check(dir, ["--format=github"]);
    expect([text.status, json.status, github.status]).toEqual([1, 1, 1]);
    const findings = JSON.parse(json.stdout);
    expect(findings.length).toBeGreaterThan(1);
    for (const finding of findings) expect(Object.keys(finding).sort()).toEqual(["code", "column", "file", "line", "message", "severity"]);
    expect(slotsLines(text.stdout)).toEqual(findings);
    expect(text.stdout.trimEnd().split("\n").pop()).toMatch(new RegExp(`^ts-slots check: ${findings.length} errors, 0 warnings in 1 file \\(\\d+ ms\\)$`));
    // json and github keep stdout to the findings: the summary goes to stderr.
    expect(json.stderr).toMatch(/ts-slots check: \d+ errors/);
    const lines = github.stdout.trimEnd().split("\n");
    expect(lines).toEqual(
      findings.map((f) => `::error file=${f.file},line=${f.line},col=${f.column},title=ts-slots ${f.code}::${f.message.replace(/%/g, "%25")}`),
    );
  });

  test("warnings only: exit 0, and github marks them as warnings", () => {
    const { dir } = buildOf(fixtureNamed("tss1007-library"));
    const github = check(dir, ["--format", "github"]);
    expect(github.status).toBe(0);
    expect(github.stdout).toMatch(/^::warning file=src\/index\.ts,line=\d+,col=\d+,title=ts-slots TSS1007::ts-slots TSS1007: /);
  });

  test("a clean project: exit 0, no finding; -p takes a directory or a tsconfig path", () => {
    const { dir } = buildOf(fixtureNamed("clean"));
    const here = check(dir, ["--format", "json"]);
    expect(here).toMatchObject({ status: 0, stdout: "[]\n" });
    const elsewhere = check(path.dirname(dir), ["-p", dir, "--format", "json"]);
    expect(elsewhere).toMatchObject({ status: 0, stdout: "[]\n" });
    expect(check(path.dirname(dir), ["--project", path.join(dir, "tsconfig.json")]).status).toBe(0);
  });

  test("no tsconfig: exit 1 with a message; bad usage: exit 2", () => {
    const { dir } = buildOf(fixtureNamed("clean"));
    const missing = check(dir, ["-p", "nowhere/tsconfig.json"]);
    expect(missing).toMatchObject({ status: 1, stdout: "", stderr: "ts-slots check: no tsconfig file at nowhere/tsconfig.json\n" });
    const xml = check(dir, ["--format", "xml"]);
    expect(xml.status).toBe(2);
    expect(xml.stderr).toContain("--format must be one of text, json, github");
    expect(check(dir, ["--write"]).status).toBe(2);
    expect(check(dir, ["--bogus"]).status).toBe(2);
    expect(check(dir, ["Foo"]).status).toBe(2);
  });

  test("a solution tsconfig (files: [], references): each referenced project is checked", () => {
    const build = buildOf(fixtureNamed("tss1001-delete"));
    const solution = solutionOver([build.dir], path.dirname(build.dir));
    const result = check(solution, ["--format", "json"]);
    const prefix = `${path.relative(solution, build.dir)}/`;
    expect(sorted(JSON.parse(result.stdout))).toEqual(sorted(build.diagnostics.map((diagnostic) => ({ ...diagnostic, file: `${prefix}${diagnostic.file}` }))));
    expect(result.status).toBe(1);
  });

  test("progress only on a terminal, unless asked for", () => {
    const { dir } = buildOf(fixtureNamed("clean"));
    expect(check(dir, ["--format", "json"]).stderr).not.toContain("checking");
    expect(check(dir, ["--format", "json", "--progress"]).stderr).toMatch(/^ts-slots: checking (\d+)\/\1 \(100%\)$/m);
  });
});

describe("ts-slots check --watch", () => {
  test("checks again after each edit of a file, with a summary per round", async () => {
    const bad = `import { slots } from "ts-slots";\n@slots\nexport class Point {\n  x = 0;\n  clear(): void {\n    delete (this as { x?: number }).x;\n  }\n}\n`;
    const good = bad.replace("delete (this as { x?: number }).x;", "this.x = 0;");
    const dir = makeProject({ files: { "index.ts": bad }, name: "check-watch" });
    temps.push(dir);
    const child = spawn(process.execPath, [cli, "check", "--watch"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stdout += chunk));
    /** Resolves when the output holds `count` "watching" lines (one per finished round). */
    const rounds = (count) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for round ${count}:\n${stdout}`)), 60000);
        const poll = setInterval(() => {
          if ((stdout.match(/ts-slots check: watching for changes/g) ?? []).length >= count) {
            clearTimeout(timer);
            clearInterval(poll);
            resolve(stdout);
          }
        }, 50);
      });
    const summaries = () => stdout.match(/^ts-slots check: \d+ errors?, \d+ warnings? in \d+ files? \(\d+ ms\)$/gm) ?? [];
    try {
      await rounds(1);
      expect(summaries()).toEqual([expect.stringMatching(/^ts-slots check: 1 error, 0 warnings in 1 file/)]);
      expect(stdout).toMatch(/src\/index\.ts\(6,5\): error TS991001: ts-slots TSS1001: /);
      fs.writeFileSync(path.join(dir, "src/index.ts"), good);
      await rounds(2);
      expect(summaries()[1]).toMatch(/^ts-slots check: 0 errors, 0 warnings in 1 file/);
      fs.writeFileSync(path.join(dir, "src/other.ts"), bad.replace("Point", "Other"));
      await rounds(3);
      expect(summaries()[2]).toMatch(/^ts-slots check: 1 error, 0 warnings in 2 files/);
      expect(stdout).toMatch(/src\/other\.ts\(6,5\): error TS991001: /);
    } finally {
      child.kill();
    }
  });
});
