// @ts-check
// `ts-slots check` against the build: every diagnostics fixture (fixtures/diagnostics) compiled by ts-patch's tspc
// under TypeScript 6 with the plugin, and checked by `ts-slots check` both in that project and in a copy whose
// `typescript` is 7.0.2 from the registry (the native compiler, no JavaScript API), with ts-slots and @ts-slots/cli
// installed from their packed tarballs: the same ts-slots diagnostics (code, severity, file, line, column, message) each time.
// Then each --format, the exit codes, and --watch through real edits of a file.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawn, spawnSync } = require("child_process");
const { makeProject, compile, repoRoot } = require("./helpers/project");
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

/** Each fixture built once by tspc (TypeScript 6 + the plugin): its project and the ts-slots lines tspc printed. */
const builds = new Map();
function buildOf(fixture) {
  if (!builds.has(fixture.name)) {
    const dir = makeProject({ files: fixture.files, compilerOptions: fixture.compilerOptions, plugin: fixture.plugin, name: `check-${fixture.name}` });
    temps.push(dir);
    const result = compile(dir, "tspc");
    builds.set(fixture.name, { dir, status: result.status, diagnostics: slotsLines(result.output) });
  }
  return builds.get(fixture.name);
}

describe("ts-slots check reports what tspc reports under TypeScript 6", () => {
  test.each(fixtures.map((fixture) => [fixture.name, fixture]))("%s", (_name, fixture) => {
    const build = buildOf(fixture);
    const result = check(build.dir, ["--format", "json"]);
    const findings = JSON.parse(result.stdout);
    expect(sorted(findings)).toEqual(sorted(build.diagnostics));
    // The fixtures are meant to produce diagnostics: a check that found nothing would pass the comparison above
    // only if tspc also found nothing, which only the clean fixture may.
    if (fixture.name !== "clean") expect(findings.length).toBeGreaterThan(0);
    const errors = findings.some((finding) => finding.severity === "error");
    expect(result.status).toBe(errors ? 1 : 0);
    // tspc fails on a ts-slots error too (it also fails on the fixtures' own TypeScript errors, which check leaves to tsc).
    if (errors) expect(build.status).not.toBe(0);
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

  test.each(fixtures.map((fixture) => [fixture.name, fixture]))("%s: the diagnostics tspc reports under TypeScript 6", (name, fixture) => {
    const build = buildOf(fixture);
    const dir = path.join(project, name);
    fs.mkdirSync(dir);
    fs.cpSync(path.join(build.dir, "src"), path.join(dir, "src"), { recursive: true });
    fs.copyFileSync(path.join(build.dir, "tsconfig.json"), path.join(dir, "tsconfig.json"));
    const bin = path.join(project, "node_modules/@ts-slots/cli/dist/index.js");
    const result = spawnSync(process.execPath, [bin, "check"], { cwd: dir, encoding: "utf8" });
    expect(result.stderr).not.toMatch(/TSS9005|Error/);
    expect(sorted(slotsLines(result.stdout))).toEqual(sorted(build.diagnostics));
    expect(result.status).toBe(build.diagnostics.some((diagnostic) => diagnostic.severity === "error") ? 1 : 0);
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
    const root = path.dirname(build.dir);
    const solution = fs.mkdtempSync(path.join(root, "ts-slots-check-solution-"));
    temps.push(solution);
    fs.writeFileSync(path.join(solution, "tsconfig.json"), JSON.stringify({ files: [], references: [{ path: path.relative(solution, build.dir) }] }));
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
