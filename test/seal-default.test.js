// @ts-check
// The default seal mode (no `seal` option): development and test builds seal, production builds
// (NODE_ENV=production when the build runs) do not, so a production `new` costs what the normal build's does.
// Compile-and-run on both routes (tspc with the plugin; the source rewrite + esbuild, directly and through the
// esbuild plugin, which resolves the mode when the bundler runs), in each field semantics, strict and sloppy code.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { bin, makeProject, repoRoot } = require("./helpers/project");
const { textConfigurations, bareDirectory, buildFiles, rewriterFor } = require("./helpers/text");

const program = `
import { slots } from "ts-slots";
@slots
export class Vec {
  x: number;
  y: number;
  constructor(x: number, y: number) {
    this.x = x;
    this.y = y;
  }
}
const sameMap = new Function("a", "b", "return %HaveSameMap(a, b)") as (a: object, b: object) => boolean;
// Sloppy code: a Function body without "use strict", where a sealed object ignores the store silently.
const sloppyAdd = new Function("o", "o.extra = 1;") as (o: object) => void;
const strictAdd = new Function("o", '"use strict"; o.extra = 1;') as (o: object) => void;
const migrate = new Function("o", "%TryMigrateInstance(o)") as (o: object) => void;
const vectors = [new Vec(1, 2), new Vec(0.5, 3)];
vectors.forEach(migrate);
function outcome(add: (o: object) => void): string {
  const o = new Vec(1, 2.5);
  try {
    add(o);
  } catch (error) {
    return (error as Error).constructor.name;
  }
  return Object.prototype.hasOwnProperty.call(o, "extra") ? "added" : "ignored";
}
console.log(JSON.stringify({
  sealed: Object.isSealed(new Vec(1, 2)),
  strict: outcome(strictAdd),
  sloppy: outcome(sloppyAdd),
  oneMap: sameMap(vectors[0], vectors[1]),
}));
`;

const sealed = { sealed: true, strict: "TypeError", sloppy: "ignored", oneMap: true };
const unsealed = { sealed: false, strict: "added", sloppy: "added", oneMap: true };

/** NODE_ENV of the build, and what the default mode must make of it. */
const builds = [
  { nodeEnv: "production", expected: unsealed },
  { nodeEnv: "development", expected: sealed },
  { nodeEnv: "test", expected: sealed },
  { nodeEnv: undefined, expected: sealed },
];

/** The environment of a child build: NODE_ENV as given, or absent. */
function envWith(nodeEnv) {
  const env = { ...process.env };
  delete env.NODE_ENV;
  return nodeEnv === undefined ? env : { ...env, NODE_ENV: nodeEnv };
}

function runProgram(file) {
  const result = spawnSync(process.execPath, ["--allow-natives-syntax", file], { cwd: path.dirname(file), encoding: "utf8" });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout);
}

const tspcSemantics = [
  { semantics: "define", options: { target: "ES2022" } },
  { semantics: "assign", options: { target: "ES2022", useDefineForClassFields: false } },
];

describe.each(tspcSemantics)("tspc, $semantics semantics, no seal option", ({ semantics, options }) => {
  // Two builds a semantics (each tspc run takes seconds); the rewrite below covers every NODE_ENV.
  test.each(builds.filter((build) => build.nodeEnv === "production" || build.nodeEnv === "test"))("NODE_ENV=$nodeEnv", ({ nodeEnv, expected }) => {
    const dir = makeProject({ files: { "main.ts": program }, compilerOptions: options, plugin: {}, name: `seal-default-${semantics}` });
    const built = spawnSync(process.execPath, [bin.tspc, "-p", dir, "--pretty", "false"], { cwd: dir, encoding: "utf8", env: envWith(nodeEnv) });
    expect(`${built.stdout}${built.stderr}`).toBe("");
    const emitted = fs.readFileSync(path.join(dir, "out/main.js"), "utf8");
    expect(emitted.includes("Object.seal")).toBe(expected.sealed);
    expect(runProgram(path.join(dir, "out/main.js"))).toEqual(expected);
  });
});

describe.each(textConfigurations)("source rewrite + esbuild, $id, no seal option", (configuration) => {
  test.each(builds)("NODE_ENV=$nodeEnv", ({ nodeEnv, expected }) => {
    const dir = bareDirectory(`seal-default-${configuration.id}`);
    const env = envWith(nodeEnv);
    const built = buildFiles({ "main.ts": program }, { dir, configuration, rewriter: rewriterFor(configuration, {}, { env }) });
    const rewritten = built["main.ts"].rewritten;
    expect(rewritten.problems).toEqual([]);
    expect(rewritten.code.includes("Object.seal")).toBe(expected.sealed);
    expect(runProgram(path.join(dir, "main.js"))).toEqual(expected);
  });
});

describe("the esbuild plugin reads NODE_ENV when the build runs, not when the config was loaded", () => {
  // A build script in a child process (unplugin is an ES module jest cannot load): `slots()` is called first, and
  // NODE_ENV set afterwards, as \`vite build\` does before bundling.
  const script = (dir, nodeEnv) => `"use strict";
const esbuild = require(${JSON.stringify(require.resolve("esbuild"))});
const slots = require(${JSON.stringify(path.join(repoRoot, "dist/plugins/esbuild.js"))});
const plugin = slots();
process.env.NODE_ENV = ${JSON.stringify(nodeEnv)};
esbuild.build({
  entryPoints: [${JSON.stringify(path.join(dir, "src/main.ts"))}],
  outfile: ${JSON.stringify(path.join(dir, "main.js"))},
  bundle: true,
  platform: "node",
  format: "cjs",
  logLevel: "warning",
  plugins: [plugin],
}).catch((error) => { console.error(error); process.exitCode = 1; });
`;

  test.each([
    { nodeEnv: "production", expected: unsealed },
    { nodeEnv: "development", expected: sealed },
  ])("NODE_ENV=$nodeEnv set after slots() was called", ({ nodeEnv, expected }) => {
    const dir = bareDirectory(`seal-default-esbuild-${nodeEnv}`);
    fs.mkdirSync(path.join(dir, "src"));
    fs.writeFileSync(path.join(dir, "src/main.ts"), program);
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022", experimentalDecorators: true } }));
    fs.writeFileSync(path.join(dir, "build.cjs"), script(dir, nodeEnv));
    const built = spawnSync(process.execPath, [path.join(dir, "build.cjs")], { cwd: dir, encoding: "utf8", env: envWith(undefined) });
    expect(`${built.stdout}${built.stderr}`).toBe("");
    expect(built.status).toBe(0);
    expect(runProgram(path.join(dir, "main.js"))).toEqual(expected);
  });
});
