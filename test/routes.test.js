// @ts-check
// Every route by which a user meets ts-slots' diagnostics, as one table. Each route must name the file, line and
// column of a ts-slots error, report it once, and fail (a non-zero exit, or an error in the editor).
//
// The fast routes run here, on one project with two problems: a `delete` of a slot (TSS1001, src/tag.ts:8:5) and a
// misspelt plugin option (TSS9001, at `"sael"` in tsconfig.json). The routes that need a registry install or a
// bundler run in the suites the table below names (examples.test.js and examples-bundlers.test.js install each from
// the packed tarball, so they are in the slow tier, `npm run test:slow`). The last test checks only that each named suite exists and is in a tier
// (test/tiers.js), so that a route cannot point at a suite that no longer runs; it does not look for other files'
// test titles (a title lookup passes on a comment and breaks on a rewording).
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { makeProject, compile, repoRoot } = require("./helpers/project");
const { withTsserver } = require("./helpers/tsserver");
const { diagnosticCodeBase } = require("../dist/transformer/core/diagnostics");

/** The routes run elsewhere: the route, then the suite that asserts it */
const routesCoveredElsewhere = [
  ["ts-slots/esbuild (esbuild's API)", "plugins.test.js"],
  ["ts-slots/esbuild: a misspelt option", "plugins.test.js"],
  ["ts-slots/rollup (Rollup's API)", "plugins.test.js"],
  ["node --import ts-slots/register (Node 24)", "plugins.test.js"],
  ["vite build with ts-slots/vite", "examples-bundlers.test.js"],
  ["vitest with ts-slots/vite", "examples-bundlers.test.js"],
  ["rollup -c with ts-slots/rollup, rolldown with ts-slots/rolldown", "examples-bundlers.test.js"],
  ["esbuild with ts-slots/esbuild (installed)", "examples-bundlers.test.js"],
  ["webpack with ts-slots/webpack, Rspack with ts-slots/rspack", "examples-bundlers.test.js"],
  ["TypeScript 7 project, esbuild with ts-slots/esbuild", "examples.test.js"],
  ["node --import ts-slots/register (installed)", "examples-bundlers.test.js"],
  ["vite build with @rollup/plugin-typescript and ts-patch/compiler (noEmitOnError: true)", "examples-bundlers.test.js"],
  ["the same without noEmitOnError: a warning without position, the build passes (limitation)", "examples-bundlers.test.js"],
  ["webpack + ts-loader with ts-patch/compiler: transpileOnly fails at file(line,column); type-checked mode does not report (limitation)", "examples.test.js"],
  ["ts-jest with ts-patch/compiler: not reported (limitation)", "examples.test.js"],
  ["tspc: every diagnostics fixture at its file, line and column", "diagnostics.test.js"],
  ["language service: every diagnostics fixture as the build reports it", "language-service.test.js"],
  // A misuse in a file that declares no @slots class and only imports one: seen under types "program".
  ["esbuild and Rollup, types program: a misuse in a file that only imports a @slots class", "plugins.test.js"],
  ["esbuild and Rollup, default: the syntax mode's limit said once", "plugins.test.js"],
  ["node --import ts-slots/register, TS_SLOTS_TYPES=program: the same misuse refuses the load", "plugins.test.js"],
  ["vite build, Rolldown, webpack, Rspack, types program: the same misuse", "bundler-routes.test.js"],
  ["Vite dev server: the overlay's error", "bundler-routes.test.js"],
  ["vitest, types program: the same misuse fails the test file", "bundler-routes.test.js"],
  ["bun build and bun run (ts-slots/bun), types program: the same misuse", "bundler-routes.test.js"],
  ["ts-slots check: every diagnostics fixture as tspc reports it", "check.test.js"],
  ["the README's quick start: `npx ts-slots check` stops the build lines on a misuse in a file that only imports a @slots class", "quickstart.test.js"],
];

/** The project every fast route reads: TSS1001 at src/tag.ts:8:5, TSS9001 at the `"sael"` key of tsconfig.json. */
const { misuseSource: tagSource } = require("./helpers/misuse");

/** What every route must report: each problem once, where it is, as an error. */
let expected;
let dir;
/** Temporary projects, removed after all (one holds a 24 MB copy of TypeScript). */
const temps = [];
afterAll(() => {
  for (const temp of temps) fs.rmSync(temp, { recursive: true, force: true });
});

function tsconfigPosition(directory, text) {
  const lines = fs.readFileSync(path.join(directory, "tsconfig.json"), "utf8").split("\n");
  const line = lines.findIndex((candidate) => candidate.includes(text));
  return { line: line + 1, column: lines[line].indexOf(text) + 1 };
}

beforeAll(() => {
  dir = makeProject({ files: { "tag.ts": tagSource }, plugin: { sael: "always" }, name: "routes" });
  temps.push(dir);
  expected = [
    { file: "src/tag.ts", line: 8, column: 5, code: "TSS1001", category: "error" },
    { file: "tsconfig.json", ...tsconfigPosition(dir, '"sael"'), code: "TSS9001", category: "error" },
  ];
});

/** tsc's plain lines (`file(line,col): error TS991001: ts-slots TSS1001: ...`) as diagnostics, the global ones too. */
function tscLines(output) {
  return output.split(/\r?\n/).flatMap((text) => {
    const match = /^(?:(.+?)\((\d+),(\d+)\): )?(error|warning) TS(99\d{4}): ts-slots TSS\d{4}: /.exec(text);
    if (!match) return [];
    return [{ file: match[1], line: Number(match[2]) || undefined, column: Number(match[3]) || undefined, code: `TSS${Number(match[5]) - diagnosticCodeBase}`, category: match[4] }];
  });
}
const byPosition = (a, b) => `${a.file}:${a.line}:${a.column}:${a.code}`.localeCompare(`${b.file}:${b.line}:${b.column}:${b.code}`, "en");

/** A copy of the repository's TypeScript in `directory`/node_modules, patched by `ts-patch install` as a user's is. */
function patchedTypeScript(directory) {
  const target = path.join(directory, "node_modules/typescript");
  fs.cpSync(path.join(repoRoot, "node_modules/typescript"), target, { recursive: true });
  const install = spawnSync(process.execPath, [path.join(repoRoot, "node_modules/ts-patch/bin/ts-patch.js"), "install", "-s", "-d", target], { encoding: "utf8" });
  if (install.status !== 0) throw new Error(`ts-patch install failed:\n${install.stdout}${install.stderr}`);
  return path.join(target, "bin/tsc");
}

/** The command-line routes: each prints tsc's lines; `fails` is whether its exit status says the build failed. */
/** @type {[string, () => { status: number | null; output: string }][]} */
const commandRoutes = [
  ["tspc (ts-patch's compiler)", () => compile(dir, "tspc")],
  [
    "tsc after `ts-patch install`",
    () => {
      const tsc = patchedTypeScript(dir);
      const result = spawnSync(process.execPath, [tsc, "-p", dir, "--pretty", "false"], { cwd: dir, encoding: "utf8" });
      return { status: result.status, output: `${result.stdout}${result.stderr}` };
    },
  ],
  [
    "ts-slots check",
    () => {
      const result = spawnSync(process.execPath, [path.join(repoRoot, "dist/cli/index.js"), "check", "-p", dir], { cwd: dir, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
      return { status: result.status, output: `${result.stdout}${result.stderr}` };
    },
  ],
];

describe.each(commandRoutes)("%s", (_route, runRoute) => {
  test("reports TSS1001 and TSS9001 once each, at file(line,column), and exits non-zero", () => {
    const result = runRoute();
    expect(tscLines(result.output).sort(byPosition)).toEqual(expected.sort(byPosition));
    expect(result.status).not.toBe(0);
  });
});

describe("the language service (tsserver with ts-slots/language-service)", () => {
  test("TSS1001 is an error at its line and column of the open file; TSS9001 at its key in tsconfig.json (configFileDiag)", async () => {
    const editorDir = makeProject({ files: { "tag.ts": tagSource }, plugin: { sael: "always" }, name: "routes-editor" });
    temps.push(editorDir);
    const configPath = path.join(editorDir, "tsconfig.json");
    const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
    config.compilerOptions.plugins.push({ name: "ts-slots/language-service" });
    fs.writeFileSync(configPath, JSON.stringify(config, null, 2));
    const fileName = path.join(editorDir, "src/tag.ts");
    const { result } = await withTsserver(editorDir, async ({ request, waitForEvent }) => {
      await request("open", { file: fileName, projectRootPath: editorDir });
      const semantic = await request("semanticDiagnosticsSync", { file: fileName });
      const configEvent = await waitForEvent("configFileDiag");
      return { semantic: semantic.body, configuration: configEvent.body.diagnostics };
    });
    const slotsOnly = (diagnostics, file) =>
      diagnostics
        .filter((diagnostic) => diagnostic.code >= diagnosticCodeBase)
        .map((diagnostic) => ({ file: path.relative(editorDir, diagnostic.fileName ?? file), line: diagnostic.start.line, column: diagnostic.start.offset, code: `TSS${diagnostic.code - diagnosticCodeBase}`, category: diagnostic.category }));
    // In the open file: TSS1001 where it is, and TSS9001 pinned to the first character (for editors without configFileDiag).
    const inSource = slotsOnly(result.semantic, fileName);
    const inTsconfig = slotsOnly(result.configuration, configPath);
    expect(inSource.sort(byPosition)).toEqual([expected[0], { file: "src/tag.ts", line: 1, column: 1, code: "TSS9001", category: "error" }].sort(byPosition));
    expect(inTsconfig).toEqual([{ ...expected[1], ...tsconfigPosition(editorDir, '"sael"') }]);
  });
});

describe("routes covered by other test files", () => {
  const { fast, slow } = require("./tiers");
  test.each(routesCoveredElsewhere)("%s: %s exists and runs in a tier", (_route, file) => {
    const suite = file.replace(/\.test\.js$/, "");
    expect({ file, exists: fs.existsSync(path.join(__dirname, file)), tiered: fast.includes(suite) || slow.includes(suite) }).toEqual({ file, exists: true, tiered: true });
  });
});
