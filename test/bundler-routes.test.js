// @ts-check
// The bundler routes that need a registry install (Vite 8, vitest 5, Rolldown, webpack 5, Rspack, TypeScript 7, Bun),
// on one small project whose misuse sits in a file that declares no @slots class and only imports one: each tool
// must fail on it with file:line:column and the line shown, in its own convention, under `types: "program"`; under
// the default (one file's syntax) each build passes and says once what it cannot see. Also the papercuts a new user met:
// webpack's error printed once, `seal: "development"` following the bundler's own mode, the public plugin types
// checked by TypeScript 7 without skipLibCheck or @types/node. In the slow tier, `npm run test:slow` (it installs).
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { repoRoot } = require("./helpers/project");
const { run, runAsync } = require("./ecosystem/run");
const { installNode } = require("./ecosystem/node");
const { npmInstall } = require("./ecosystem/sandbox");
const { TraceMap, originalPositionFor } = require("@jridgewell/trace-mapping");

const tools = {
  vite: "8.4.0",
  vitest: "5.1.2",
  rolldown: "1.3.3",
  webpack: "5.112.2",
  "esbuild-loader": "4.5.0",
  "@rspack/core": "2.3.4",
  typescript: "7.0.2",
  bun: "1.4.5",
};

const files = {
  "package.json": JSON.stringify({ name: "routes", private: true, type: "module", devDependencies: tools }, null, 2),
  "tsconfig.json": JSON.stringify({
    compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "bundler", strict: true, noEmit: true },
    include: ["src", "test"],
  }),
  "src/point.ts": `import { slots } from "ts-slots";

@slots
export class Point {
  label?: string;
  constructor(public x: number, public y: number) {}
}
`,
  // The misuse: line 3, column 3, in a file with no @slots class.
  "src/use.ts": `import { Point } from "./point";
export const p = new Point(1, 2);
  delete p.label;
`,
  "src/main.ts": `import { Point } from "./point";
const point = new Point(1, 2);
console.log(JSON.stringify({ sealed: Object.isSealed(point) }));
`,
  "src/app.ts": `import { p } from "./use";
console.log(p.x);
`,
  "test/use.test.ts": `import { test, expect } from "vitest";
import { p } from "../src/use";
test("uses", () => expect(p.x).toBe(1));
`,
  "test/ok.test.ts": `import { test, expect } from "vitest";
import { Point } from "../src/point";
test("ok", () => expect(Object.isSealed(new Point(1, 2))).toBe(true));
`,
  "vite.config.mjs": `import slots from "ts-slots/vite";
export default {
  plugins: [slots({ types: process.env.TYPES || "syntax", seal: process.env.SEAL || "always" })],
  build: { ssr: process.env.ENTRY || "src/app.ts", outDir: "dist-vite", minify: false, sourcemap: process.env.SOURCEMAP === "1" },
  test: { include: ["test/**/*.test.ts"] },
};
`,
  "rolldown.mjs": `import { rolldown } from "rolldown";
import slots from "ts-slots/rolldown";
const warnings = [];
try {
  const bundle = await rolldown({ input: "src/app.ts", platform: "node", plugins: [slots({ types: process.env.TYPES || "syntax" })], onLog: (level, log) => warnings.push(log.message) });
  await bundle.write({ dir: "dist-rolldown" });
  console.log(warnings.join("\\n"));
} catch (error) {
  console.log(warnings.join("\\n") + "\\n" + error.message);
  process.exitCode = 1;
}
`,
  // webpack and Rspack print as their CLIs do: stats.toString("normal").
  "webpack.mjs": `import path from "path";
const [tool, mode, entry] = process.argv.slice(2);
const slots = (await import("ts-slots/" + tool)).default;
const rule = tool === "webpack"
  ? { test: /\\.ts$/, loader: "esbuild-loader", options: { loader: "ts", target: "es2022" } }
  : { test: /\\.ts$/, loader: "builtin:swc-loader", options: { jsc: { parser: { syntax: "typescript" } } } };
const config = {
  mode, target: "node", entry, devtool: false,
  output: { path: path.resolve("dist-" + tool + "-" + mode), filename: "main.cjs" },
  resolve: { extensions: [".ts", ".js"] },
  module: { rules: [rule] },
  plugins: [slots({ types: process.env.TYPES || "syntax", seal: process.env.SEAL || "always" })],
};
const bundler = tool === "webpack" ? (await import("webpack")).default : (await import("@rspack/core")).rspack;
bundler(config, (error, stats) => {
  if (error) throw error;
  console.log(stats.toString("normal"));
  process.exitCode = stats.hasErrors() ? 1 : 0;
});
`,
  // The Vite dev server as the overlay sees an error: the error object of a transform, and the server after it.
  "dev.mjs": `import { createServer } from "vite";
import slots from "ts-slots/vite";
const server = await createServer({ configFile: false, logLevel: "silent", plugins: [slots({ types: "program" })], server: { middlewareMode: true, hmr: false } });
const out = {};
try {
  await server.transformRequest("/src/use.ts");
  out.error = null;
} catch (error) {
  out.error = { message: error.message, loc: error.loc, frame: error.frame, plugin: error.plugin, id: error.id };
}
out.afterwards = (await server.transformRequest("/src/point.ts"))?.code.includes("Object.seal") ?? false;
await server.close();
console.log(JSON.stringify(out));
`,
  // Bun: Bun.build with the plugin, and `bun run` through the bunfig.toml preload.
  "bunfig.toml": `preload = ["./bun-preload.ts"]\n`,
  "bun-preload.ts": `import { plugin } from "bun";
import slots from "ts-slots/bun";
plugin(slots({ types: process.env.TYPES === "program" ? "program" : "syntax" }));
`,
  "bun-build.ts": `import slots from "ts-slots/bun";
const result = await Bun.build({ entrypoints: ["src/app.ts"], outdir: "dist-bun", target: "bun", plugins: [slots({ types: process.env.TYPES === "program" ? "program" : "syntax" })], throw: false });
for (const log of result.logs) console.error(String(log.message ?? log));
process.exitCode = result.success ? 0 : 1;
`,
  // Every public plugin type, under TypeScript 7 with skipLibCheck off and no @types/node.
  "types/tsconfig.json": JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ["check.ts"] }),
  "types/check.ts": `import vite = require("ts-slots/vite");
import rollup = require("ts-slots/rollup");
import rolldown = require("ts-slots/rolldown");
import esbuild = require("ts-slots/esbuild");
import webpack = require("ts-slots/webpack");
import rspack = require("ts-slots/rspack");
import bun = require("ts-slots/bun");
export const plugins = [vite({ seal: "development", types: "program" }), rollup(), rolldown(), esbuild.default(), webpack(), rspack(), bun()];
`,
};

let dir;
let node;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts-slots-bundler-routes-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const [installed] = await Promise.all([installNode(), npmInstall(dir)]);
  node = installed.node;
  // The repository itself as ts-slots (its dist/), as plugins.test.js does: no pack needed.
  fs.symlinkSync(repoRoot, path.join(dir, "node_modules/ts-slots"), "dir");
}, 15 * 60 * 1000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const binOf = (pkg, bin) => path.join(dir, "node_modules", pkg, bin);
/** A tool under Node 24 (Vite 8 and vitest 5 need 22.12 or later), its stdout and stderr as one text. */
const tool = (args, env = {}) => runAsync(node, args, { cwd: dir, env });

/** The misuse as each tool must name it: file:line:column and the line itself. */
const misuseAt = "src/use.ts:3:3";
const misuseLine = "  delete p.label;";

describe("build routes", () => {
  const routes = [
    { name: "vite build", args: () => [binOf("vite", "bin/vite.js"), "build"] },
    { name: "rolldown", args: () => ["rolldown.mjs"] },
    { name: "webpack", args: () => ["webpack.mjs", "webpack", "production", "./src/app.ts"] },
    { name: "rspack", args: () => ["webpack.mjs", "rspack", "production", "./src/app.ts"] },
  ];

  test.each(routes)('$name, types "program": fails on a misuse in a file that only imports a @slots class, at file:line:column, the line shown, once', async ({ args }) => {
    const result = await tool(args(), { TYPES: "program" });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(misuseAt);
    expect(result.output).toContain(`3: ${misuseLine}`);
    // Each error once (webpack printed its message a second time as the stack).
    expect(result.output.match(/ts-slots TSS1001:/g)).toHaveLength(1);
  });

  test.each(routes)('$name, types "syntax" (default): builds, and says once what it cannot see and what can', async ({ args }) => {
    const result = await tool(args());
    expect(result.status).toBe(0);
    expect(result.output.match(/types "syntax" \(the default\) checks only/g)).toHaveLength(1);
    expect(result.output).toContain('slots({ types: "program" })');
  });
});

test("Vite dev server: the overlay's error has file, 1-based line and column, and the frame; the server keeps serving", async () => {
  const result = await tool(["dev.mjs"]);
  const out = JSON.parse(result.stdout.trim().split("\n").pop() ?? "");
  expect(out.error.plugin).toBe("ts-slots");
  expect(out.error.id).toBe(path.join(fs.realpathSync(dir), "src/use.ts"));
  expect(out.error.loc).toMatchObject({ line: 3, column: 3 });
  expect(out.error.frame).toContain(`3: ${misuseLine}\n     ^`);
  expect(out.afterwards).toBe(true);
});

test('vitest, types "program": the test file that imports the misuse fails, naming file:line:column; the other passes', async () => {
  const result = await tool([binOf("vitest", "vitest.mjs"), "run"], { TYPES: "program" });
  expect(result.status).not.toBe(0);
  expect(result.output).toMatch(/FAIL\s+test\/use\.test\.ts/);
  expect(result.output).toContain(`${misuseAt}: ts-slots TSS1001`);
  expect(result.output).toMatch(/✓\s+test\/ok\.test\.ts/);
});

describe("Bun (ts-slots/bun)", () => {
  const bun = (args, env = {}) => runAsync(binOf("bun", "bin/bun.exe"), args, { cwd: dir, env });

  test('bun build, types "program": fails on the misuse at file:line:column with the line shown', async () => {
    const result = await bun(["run", "bun-build.ts"], { TYPES: "program" });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(`${misuseAt}: ts-slots TSS1001`);
    expect(result.output).toContain(`3: ${misuseLine}`);
  });

  test('bun run (the preload), types "program": refuses to load the file, tsc style, with one line', async () => {
    const result = await bun(["run", "src/app.ts"], { TYPES: "program" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("src/use.ts(3,3): error TS991001: ts-slots TSS1001:");
    expect(result.stderr).toContain("ts-slots: 1 error in src/use.ts (printed above); not loaded.");
  });

  test("bun run (the preload), default: the rewrite runs (sealed, placeholders) and the syntax mode's limit is said once", async () => {
    const result = await bun(["run", "src/main.ts"]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim()).sealed).toBe(true);
    const misuse = await bun(["run", "src/app.ts"]);
    expect(misuse.output.match(/types "syntax" \(the default\) checks only/g)).toHaveLength(1);
    expect(misuse.output).toContain("Unable to delete property");
  });
});

test("vite build: with build.sourcemap the bundle maps back through the rewrite; without it (no map made) the same code", async () => {
  const build = (outDir, env) => tool([binOf("vite", "bin/vite.js"), "build", "--outDir", outDir], { ENTRY: "src/main.ts", ...env });
  // One after the other: run at once, one of the two builds failed.
  for (const result of [await build("dist-vite-map", { SOURCEMAP: "1" }), await build("dist-vite-nomap", {})]) {
    expect({ status: result.status, output: result.status === 0 ? "" : result.output }).toEqual({ status: 0, output: "" });
  }
  const code = fs.readFileSync(path.join(dir, "dist-vite-map/main.js"), "utf8");
  expect(fs.existsSync(path.join(dir, "dist-vite-nomap/main.js.map"))).toBe(false);
  expect(fs.readFileSync(path.join(dir, "dist-vite-nomap/main.js"), "utf8")).toBe(code.replace(/\n\/\/# sourceMappingURL=.*\n?$/, ""));
  // The rewrite puts the parameter properties' fields above `label`: the constructor moves down two lines.
  const line = code.split("\n").findIndex((text) => text.includes("constructor(x, y)"));
  const map = new TraceMap(fs.readFileSync(path.join(dir, "dist-vite-map/main.js.map"), "utf8"));
  const original = originalPositionFor(map, { line: line + 1, column: code.split("\n")[line].indexOf("constructor") });
  expect([original.source?.endsWith("src/point.ts"), original.line]).toEqual([true, files["src/point.ts"].split("\n").findIndex((text) => text.includes("constructor(")) + 1]);
});

describe('seal: "development" follows the bundler\'s own mode', () => {
  /** Whether the built src/main.ts made a sealed instance. */
  const sealedIn = (bundle) => JSON.parse(run(node, [bundle], { cwd: dir }).stdout.trim()).sealed;

  test.each(["development", "production"])("vite build --mode %s", async (mode) => {
    const result = await tool([binOf("vite", "bin/vite.js"), "build", "--mode", mode, "--outDir", `dist-vite-${mode}`], { SEAL: "development", ENTRY: "src/main.ts" });
    expect(result.status).toBe(0);
    expect(sealedIn(path.join(dir, `dist-vite-${mode}/main.js`))).toBe(mode === "development");
  });

  test.each(["development", "production"])("webpack mode %s", async (mode) => {
    const result = await tool(["webpack.mjs", "webpack", mode, "./src/main.ts"], { SEAL: "development" });
    expect(result.status).toBe(0);
    expect(sealedIn(path.join(dir, `dist-webpack-${mode}/main.cjs`))).toBe(mode === "development");
  });
});

test("the public types of every plugin entry type-check under TypeScript 7, without skipLibCheck or @types/node", async () => {
  const result = await tool([binOf("typescript", "bin/tsc"), "-p", "types"]);
  expect(result.output.trim()).toBe("");
  expect(result.status).toBe(0);
});
