// @ts-check
// `// ts-slots-expect-error TSSnnnn -- reason` on every route, each run for real: ts-patch's tspc, the source rewrite
// in-process (`ts-slots/rewrite`, one-file and program modes), an esbuild build through `ts-slots/esbuild`,
// `ts-slots check`, and a real tsserver with the plugin. The fixture fixtures/diagnostics/suppressions pins every
// position and message through tspc and the language service; here each route must silence the same line, report an
// unused directive where it sees the whole program, and report a malformed one everywhere.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { makeProject, compile, runNode, repoRoot } = require("./helpers/project");
const { withTsserver } = require("./helpers/tsserver");
const { diagnosticCodeBase } = require("../dist/transformer/core/diagnostics");

const point = ['import { slots } from "ts-slots";', "@slots", "export class Point {", "  x = 0;", "  y = 0;", "}", ""].join("\n");

/** A test that pokes the seal on purpose (line 6), an unused directive (line 9), and a malformed one (line 12). */
const probe = [
  'import { slots } from "ts-slots";',
  'import { Point } from "./point";',
  "@slots class Local { n = 0; }",
  "const p = new Point();",
  "// ts-slots-expect-error TSS1006 -- this test checks the seal on purpose",
  "try { (p as any).z = 3; } catch { console.log(JSON.stringify(Object.isSealed(p))); }",
  "",
  "// ts-slots-expect-error TSS1001 -- nothing is deleted on the next line",
  "p.x = 1;",
  "",
  "// ts-slots-expect-error TSS1006",
  "(new Local() as any).k = 1;",
  "export {};",
  "",
].join("\n");

/** The same probe without the first directive: the misuse it silenced must be reported. */
const unsilenced = probe.replace("// ts-slots-expect-error TSS1006 -- this test checks the seal on purpose\n", "// (no directive)\n");

const silenced = { line: 6, column: 7, code: "TSS1006" };
const unused = { line: 8, column: 26, code: "TSS1015" };
const malformed = { line: 11, column: 4, code: "TSS1016" };
const stillReported = { line: 12, column: 1, code: "TSS1006" };

/** @typedef {{ line: number, column: number, code: string }} Placed */

/** `{ line, column, code }` of diagnostics, sorted. @param {Placed[]} list */
const sorted = (list) => [...list].sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));

/** @param {string} name */
function project(name, probeText = probe) {
  return makeProject({ files: { "point.ts": point, "probe.ts": probeText }, name });
}

/** tsc's `--pretty false` lines for one file, as `{ line, column, code }`. @param {string} output @param {string} file */
function tscLines(output, file) {
  const pattern = new RegExp(`^${file.replace(/[.\\/]/g, "\\$&")}\\((\\d+),(\\d+)\\): (?:error|warning) TS(\\d+): `, "gm");
  return sorted([...output.matchAll(pattern)].map((match) => ({ line: Number(match[1]), column: Number(match[2]), code: `TSS${Number(match[3]) - diagnosticCodeBase}` })));
}

describe("tspc (ts-patch)", () => {
  test("the directive silences its line; the unused and the malformed ones fail the build; the output still runs", () => {
    const dir = project("suppress-tspc");
    const build = compile(dir, "tspc");
    expect(tscLines(build.output, "src/probe.ts")).toEqual(sorted([unused, malformed, stillReported]));
    expect(build.status).toBe(2);
    expect(runNode(path.join(dir, "out/probe.js"), { natives: false }).stdout.trim()).toBe("true");
  });

  test("without the directive the same line is an error", () => {
    const build = compile(project("suppress-tspc-none", unsilenced), "tspc");
    expect(tscLines(build.output, "src/probe.ts")).toContainEqual(silenced);
  });
});

describe("the source rewrite (ts-slots/rewrite)", () => {
  const { createSourceRewriter } = require("../dist/transformer/emit-text");
  /** @param {Record<string, unknown>} options @param {string} text */
  const rewriteProbe = (options, text = probe) => {
    const dir = project("suppress-rewrite", text);
    const file = path.join(dir, "src/probe.ts");
    const result = createSourceRewriter(options, { cwd: dir }).rewrite(text, file);
    return sorted((result?.problems ?? []).map(({ line, column, label }) => ({ line: line ?? 0, column: column ?? 0, code: label })));
  };

  test('types: "program" sees the whole program: silenced, unused and malformed as in the build', () => {
    expect(rewriteProbe({ types: "program" })).toEqual(sorted([unused, malformed, stillReported]));
    expect(rewriteProbe({ types: "program" }, unsilenced)).toContainEqual(silenced);
  });

  test('types: "syntax" (one file) reports no unused directive: it cannot see what the imported class forbids', () => {
    expect(rewriteProbe({})).toEqual(sorted([malformed, stillReported]));
  });
});

describe("an esbuild build through ts-slots/esbuild", () => {
  // A child process, as users run a build script (jest cannot load unplugin's ES module in-process).
  const esbuildMain = require.resolve("esbuild", { paths: [repoRoot] });
  const script = `"use strict";
const esbuild = require(${JSON.stringify(esbuildMain)});
const slots = require("ts-slots/esbuild");
esbuild
  .build({ entryPoints: ["src/probe.ts"], bundle: true, write: false, logLevel: "silent", platform: "node", external: ["ts-slots"], plugins: [slots({ types: "program" })] })
  .then(() => console.log("[]"), (failure) => console.log(JSON.stringify(failure.errors.map((error) => error.text))));
`;
  /** @param {string} dir @returns {string[]} esbuild's error texts */
  const build = (dir) => {
    fs.writeFileSync(path.join(dir, "build.cjs"), script);
    const result = spawnSync(process.execPath, ["build.cjs"], { cwd: dir, encoding: "utf8" });
    expect(result.stderr).toBe("");
    return JSON.parse(result.stdout);
  };

  test("fails on the unused and malformed directives and the line no longer silenced, not on the silenced line", () => {
    const text = build(project("suppress-esbuild")).join("\n");
    expect(text).toContain("src/probe.ts:11:4: ts-slots TSS1016:");
    expect(text).toContain("src/probe.ts:12:1: ts-slots TSS1006:");
    expect(text).toContain("src/probe.ts:8:26: ts-slots TSS1015:");
    expect(text).not.toContain("probe.ts:6:");
  });

  test("with only the used directive left, the build passes", () => {
    const clean = probe.split("\n").slice(0, 7).join("\n") + "\nexport {};\n";
    expect(build(project("suppress-esbuild-clean", clean))).toEqual([]);
  });
});

describe("ts-slots check", () => {
  test("reports what the build reports, and exits 1 for the unused and malformed directives", () => {
    const dir = project("suppress-check");
    const result = spawnSync(process.execPath, [path.join(repoRoot, "dist/cli/index.js"), "check", "-p", dir, "--format", "json"], { cwd: dir, encoding: "utf8" });
    /** @type {(Placed & { file: string })[]} */
    const rows = JSON.parse(result.stdout);
    expect(sorted(rows.filter((row) => row.file === "src/probe.ts").map(({ line, column, code }) => ({ line, column, code })))).toEqual(
      sorted([unused, malformed, stillReported]),
    );
    expect(result.status).toBe(1);
  });
});

describe("a real tsserver with the ts-slots/language-service plugin", () => {
  test("the editor shows the same: silenced line clean, the unused and malformed directives underlined", async () => {
    const dir = project("suppress-tsserver");
    const configPath = path.join(dir, "tsconfig.json");
    const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
    config.compilerOptions.plugins.push({ name: "ts-slots/language-service" });
    fs.writeFileSync(configPath, JSON.stringify(config, null, 2));
    const fileName = path.join(dir, "src/probe.ts");
    const { result } = await withTsserver(dir, async (/** @type {{ request: (command: string, args: object) => Promise<any> }} */ { request }) => {
      await request("open", { file: fileName, projectRootPath: dir });
      return request("semanticDiagnosticsSync", { file: fileName });
    });
    const found = result.body
      .filter((/** @type {{ code: number }} */ diagnostic) => diagnostic.code >= diagnosticCodeBase)
      .map((/** @type {{ code: number, start: { line: number, offset: number } }} */ d) => ({ line: d.start.line, column: d.start.offset, code: `TSS${d.code - diagnosticCodeBase}` }));
    expect(sorted(found)).toEqual(sorted([unused, malformed, stillReported]));
  });
});

describe("ts-slots audit", () => {
  /** @param {string} comment */
  const audited = (comment) => {
    const dir = makeProject({
      files: { "point.ts": `export class Point {\n  x = 0;\n}\nexport function poke(p: Point): void {\n  ${comment}\n  (p as any).z = 3;\n}\n` },
      plugin: false,
      name: "suppress-audit",
    });
    const result = spawnSync(process.execPath, [path.join(repoRoot, "dist/cli/index.js"), "audit", "--json"], { cwd: dir, encoding: "utf8" });
    return JSON.parse(result.stdout);
  };

  test("a silenced misuse does not block a class from @slots; without the comment it does", () => {
    expect(audited("// ts-slots-expect-error TSS1006 -- checks the seal on purpose").classes[0]).toMatchObject({ name: "Point", status: "safe" });
    expect(audited("// a plain comment").classes[0]).toMatchObject({ name: "Point", status: "blocked", reasons: ["TSS1006 at src/point.ts:6"] });
  });

  test("a malformed comment is listed at its own line and silences nothing", () => {
    const report = audited("// ts-slots-expect-error TSS1006");
    expect(report.classes[0]).toMatchObject({ status: "blocked" });
    expect(report.unattributed.map((/** @type {{ kind: string, line: number, column: number }} */ finding) => ({ kind: finding.kind, line: finding.line, column: finding.column }))).toEqual([{ kind: "TSS1016", line: 5, column: 6 }]);
  });
});
