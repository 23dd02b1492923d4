// @ts-check
// Packaging. A clone builds on `npm install` (`prepare`), but the published
// packages run no install script: `prepack` writes a tarball manifest without scripts (scripts/packed-manifest.js), and
// npm 11 must not ask to approve one. Installing ts-slots pulls neither ts-morph nor a second TypeScript: the source
// rewrite uses the project's typescript when it is 5.x/6.x, TypeScript 6's API from @ts-slots/cli when the project's
// is 7, and says so (TSS9005, with the install command) when neither is there. Everything runs on a staging copy of
// the sources without dist/ (the repository's node_modules linked in), packed by the real `npm pack`, and installed
// from the registry into fresh folders.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { repoRoot } = require("./helpers/project");
const { packedManifest } = require("../scripts/packed-manifest");

const sourceDirs = ["runtime", "transformer", "plugins", "language-service", "cli"];
const rootFiles = ["package.json", "tsconfig.json", "tsconfig.build.json", "README.md", "LICENSE", "CHANGELOG.md", "jest.config.js", "test/tiers.js", "scripts/packed-manifest.js"];
const cliFiles = ["package.json", "build.mjs", "typescript.js", "README.md"];
/** The TypeScript versions the rewrite is tried with: the native 7 (no JavaScript API) and the oldest line's 5. */
const typescript7 = "7.0.2";
const typescript5 = "5.9.3";

function copySources(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(target, { recursive: true });
      copySources(source, target);
    } else if (/\.(ts|json|md)$/.test(entry.name)) fs.copyFileSync(source, target);
  }
}

function copyFiles(names, from, to) {
  for (const name of names) {
    if (!fs.existsSync(path.join(from, name))) continue;
    fs.mkdirSync(path.dirname(path.join(to, name)), { recursive: true });
    fs.copyFileSync(path.join(from, name), path.join(to, name));
  }
}

/** The folders this file makes in os.tmpdir(), removed after all. */
const temporaryDirs = [];
function temporaryDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporaryDirs.push(dir);
  return dir;
}

/** A clone-like copy of both packages' sources: no dist/, node_modules linked to the repository's. */
function stagingCopy() {
  const dir = temporaryDir("ts-slots-package-build-");
  for (const name of sourceDirs) {
    fs.mkdirSync(path.join(dir, name));
    copySources(path.join(repoRoot, name), path.join(dir, name));
  }
  copyFiles(rootFiles, repoRoot, dir);
  copyFiles(cliFiles, path.join(repoRoot, "packages/cli"), path.join(dir, "packages/cli"));
  fs.mkdirSync(path.join(dir, "test"), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, "test/global-setup.js"), path.join(dir, "test/global-setup.js"));
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

const run = (command, args, cwd) => {
  const env = { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
  for (const key of Object.keys(env)) if (/^npm_(lifecycle|package)_/.test(key)) delete env[key];
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, stdout: result.stdout };
};

/** `npm pack --json` of `args`; the tarball's absolute path and its file list. */
function npmPack(args, cwd, destination) {
  const packed = run("npm", ["pack", "--json", "--pack-destination", destination, ...args], cwd);
  if (packed.status !== 0) throw new Error(`npm pack ${args.join(" ")} failed:\n${packed.output}`);
  const [{ filename, files }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("[")));
  return { tarball: path.join(destination, filename), paths: files.map((file) => file.path) };
}

/** The package.json inside a tarball, as npm will read it on install. */
function manifestIn(tarball) {
  const listed = spawnSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" });
  if (listed.status !== 0) throw new Error(`tar failed on ${tarball}: ${listed.stderr}`);
  return JSON.parse(listed.stdout);
}

/** A fresh app folder with `packages` installed from the registry (from npm's cache where it can). */
function installApp(name, packages) {
  const app = temporaryDir(`ts-slots-install-${name}-`);
  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
  return { app, installed: run("npm", ["install", "--prefer-offline", ...packages], app) };
}

const installScriptWarning = /install-scripts[^\n]*\n?[^\n]*ts-slots@[^\n]*\(prepare/;

/** Runs ts-slots/rewrite on one @slots class in `app`: what it reports, and which TypeScript module it loaded. */
function rewriteIn(app) {
  const script = `
    try {
      const { createSourceRewriter } = require("ts-slots/rewrite");
      const code = 'import { slots } from "ts-slots";\\n@slots class P { x: number; constructor(x: number) { this.x = x; } }\\n';
      const out = createSourceRewriter({}, { cwd: process.cwd() }).rewrite(code, require("path").resolve("p.ts"));
      const loaded = Object.keys(require.cache)
        .map((file) => require("path").relative(process.cwd(), file).split(require("path").sep).join("/"))
        .filter((file) => file.endsWith("/typescript.js") && !file.startsWith("node_modules/ts-slots/") && !file.startsWith("node_modules/@ts-slots/cli/"));
      console.log(JSON.stringify({ classes: out.classes, sealed: /Object\\.seal\\(this\\)/.test(out.code), loaded }));
    } catch (error) {
      console.log(JSON.stringify({ error: error.message, stack: error.stack }));
    }`;
  const result = run(process.execPath, ["-e", script], app);
  return JSON.parse(result.stdout);
}

/** Every installed package named `name` (hoisted or nested), by folder. */
function installedCopies(app, name) {
  const found = [];
  const visit = (modules) => {
    if (!fs.existsSync(modules)) return;
    for (const entry of fs.readdirSync(modules)) {
      const dirs = entry.startsWith("@") ? fs.readdirSync(path.join(modules, entry)).map((sub) => path.join(modules, entry, sub)) : [path.join(modules, entry)];
      for (const dir of dirs) {
        const manifestPath = path.join(dir, "package.json");
        if (fs.existsSync(manifestPath) && JSON.parse(fs.readFileSync(manifestPath, "utf8")).name === name) found.push(path.relative(app, dir));
        visit(path.join(dir, "node_modules"));
      }
    }
  };
  visit(path.join(app, "node_modules"));
  return found;
}

let stage;
let packDir;
beforeAll(() => {
  stage = stagingCopy();
  packDir = temporaryDir("ts-slots-packed-");
});

afterAll(() => {
  for (const dir of temporaryDirs) fs.rmSync(dir, { recursive: true, force: true });
});

test("a clone builds on `npm install` (prepare); the packed manifest keeps no script and no development field", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
  expect(manifest.scripts.prepare).toBe("npm run build");
  expect(manifest.scripts.prepack).toMatch(/^npm run build && node scripts\/packed-manifest\.js write$/);
  expect(manifest.scripts.postpack).toBe("node scripts/packed-manifest.js restore");
  const packed = packedManifest(manifest);
  expect(Object.keys(packed).filter((key) => ["scripts", "devDependencies", "workspaces", "jest"].includes(key))).toEqual([]);
  // The decorator, the transformer and the plugins need no CLI: ts-morph and a second TypeScript live in @ts-slots/cli.
  expect(Object.keys(packed.dependencies).sort()).toEqual(["magic-string", "picomatch", "unplugin"]);
  expect(packed.bin).toBeUndefined();
  expect(packed.peerDependenciesMeta["@ts-slots/cli"]).toEqual({ optional: true });
});

test("a never-built tree: `jest` builds dist/ in its globalSetup before any suite loads it", () => {
  expect(fs.existsSync(path.join(stage, "dist"))).toBe(false);
  fs.writeFileSync(
    path.join(stage, "test/dist.test.js"),
    [
      '"use strict";',
      'test("dist is there", () => {',
      '  expect(typeof require("../dist/transformer/emit-ast").default).toBe("function");',
      '  expect(typeof require("../dist/runtime").slots).toBe("function");',
      "});",
    ].join("\n"),
  );
  const jest = run(process.execPath, [path.join(repoRoot, "node_modules/jest/bin/jest.js"), "--ci", "--testMatch", "<rootDir>/test/dist.test.js"], stage);
  expect({ status: jest.status, output: jest.output }).toMatchObject({ status: 0 });
  expect(jest.output).toContain("is newer than dist/, building");
  // Built: the next run finds nothing stale, so it does not build again.
  const { staleSource } = require(path.join(stage, "test/global-setup.js"));
  expect(staleSource()).toBeUndefined();
  const future = new Date(Date.now() + 5000);
  fs.utimesSync(path.join(stage, "transformer/core/options.ts"), future, future);
  expect(staleSource()).toBe(path.join("transformer", "core", "options.ts"));
});

test("@ts-slots/cli's build refuses a bundle that imports a package its package.json does not declare", () => {
  const manifestPath = path.join(stage, "packages/cli/package.json");
  const original = fs.readFileSync(manifestPath, "utf8");
  const manifest = JSON.parse(original);
  const { diff, ...rest } = manifest.dependencies;
  expect(diff).toBeDefined(); // cli/add.ts prints its patches with it
  const out = temporaryDir("ts-slots-cli-build-");
  try {
    fs.writeFileSync(manifestPath, JSON.stringify({ ...manifest, dependencies: rest }));
    const refused = run(process.execPath, [path.join(stage, "packages/cli/build.mjs"), out], stage);
    expect(refused).toMatchObject({ status: 1, output: expect.stringContaining("dist/index.js imports diff, which packages/cli/package.json does not declare") });
  } finally {
    fs.writeFileSync(manifestPath, original);
  }
  const built = run(process.execPath, [path.join(stage, "packages/cli/build.mjs"), out], stage);
  expect({ status: built.status, output: built.output }).toEqual({ status: 0, output: "" });
  expect(fs.readFileSync(path.join(out, "index.js"), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
});

describe("the packed packages, installed with npm 11 into fresh folders", () => {
  let tsSlots;
  let cli;
  const stageManifest = () => fs.readFileSync(path.join(stage, "package.json"), "utf8");

  beforeAll(() => {
    fs.rmSync(path.join(stage, "dist"), { recursive: true, force: true });
    const before = stageManifest();
    tsSlots = npmPack([], stage, packDir);
    cli = npmPack(["-w", "@ts-slots/cli"], stage, packDir);
    // postpack put the repository's manifest back, and left no backup behind.
    expect(stageManifest()).toBe(before);
    expect(fs.existsSync(path.join(stage, "package.json.repository"))).toBe(false);
  }, 5 * 60 * 1000);

  test("this npm is 11 or later, which warns about a dependency's install scripts", () => {
    expect(Number(run("npm", ["--version"], stage).stdout.split(".")[0])).toBeGreaterThanOrEqual(11);
  });

  test("`npm pack` builds both packages; ts-slots ships no CLI, @ts-slots/cli ships its bundle and TypeScript 6's API", () => {
    for (const entry of ["dist/runtime/index.js", "dist/transformer/emit-ast/index.js", "dist/language-service/index.js", "dist/plugins/vite.js"]) expect(tsSlots.paths).toContain(entry);
    expect(tsSlots.paths.filter((file) => file.startsWith("dist/cli/"))).toEqual([]);
    expect(cli.paths.sort()).toEqual(["README.md", "dist/index.js", "package.json", "typescript.js"]);
  });

  test("the tarballs' package.json carry no install-time script", () => {
    const installTime = (manifest) => ["preinstall", "install", "postinstall", "prepare"].filter((name) => manifest.scripts?.[name] !== undefined);
    expect(manifestIn(tsSlots.tarball).scripts).toBeUndefined();
    expect(installTime(manifestIn(cli.tarball))).toEqual([]);
    expect(manifestIn(cli.tarball).bin).toEqual({ "ts-slots": "./dist/index.js" });
  });

  test("control: the same tarball with the repository's `prepare` left in makes npm 11 warn", () => {
    const unpacked = temporaryDir("ts-slots-unpacked-");
    expect(spawnSync("tar", ["-xzf", tsSlots.tarball, "-C", unpacked]).status).toBe(0);
    const manifestPath = path.join(unpacked, "package/package.json");
    const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
    fs.writeFileSync(manifestPath, JSON.stringify({ ...manifest, scripts: { prepare: JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).scripts.prepare } }));
    const withPrepare = path.join(unpacked, "with-prepare.tgz");
    expect(spawnSync("tar", ["-czf", withPrepare, "-C", unpacked, "package"]).status).toBe(0);
    const { installed } = installApp("control", [withPrepare]);
    expect(installed.status).toBe(0);
    expect(installed.output).toMatch(installScriptWarning);
  });

  test(`beside typescript@${typescript7}: no script to approve, no second TypeScript, no ts-morph; the rewrite asks for @ts-slots/cli (TSS9005)`, () => {
    const { app, installed } = installApp("ts7", [`typescript@${typescript7}`, tsSlots.tarball]);
    expect({ status: installed.status, output: installed.output }).toMatchObject({ status: 0 });
    expect(installed.output).not.toMatch(/install-scripts/);
    expect(installedCopies(app, "typescript")).toEqual(["node_modules/typescript"]);
    expect(["ts-morph", "@ts-morph/common", "diff"].flatMap((name) => installedCopies(app, name))).toEqual([]);
    expect(run(process.execPath, ["-e", 'process.stdout.write(typeof require("ts-slots").slots)'], app).stdout).toBe("function");

    const missing = rewriteIn(app);
    expect(missing.error).toBe(
      "ts-slots TSS9005: the ts-slots source rewrite (the bundler plugins, ts-slots/register, ts-slots/rewrite) needs TypeScript's compiler API " +
        `(5.x or 6.x); this project's typescript is ${typescript7}, which has no JavaScript compiler API (TypeScript 7 is native). ` +
        "Install TypeScript 6's API with: npm install --save-dev @ts-slots/cli (see ts-slots docs/diagnostics.md#tss9005)",
    );
    expect(missing.stack).toBe(`Error: ${missing.error}`);

    // The command the message names, with the packed CLI standing in for the registry's.
    const added = run("npm", ["install", "--prefer-offline", "--save-dev", cli.tarball], app);
    expect({ status: added.status, output: added.output }).toMatchObject({ status: 0 });
    expect(added.output).not.toMatch(/install-scripts/);
    expect(rewriteIn(app)).toEqual({ classes: 1, sealed: true, loaded: ["node_modules/@ts-morph/common/dist/typescript.js"] });
    // Its TypeScript 6 is a module, not a package with a `tsc`: the project's `tsc` is still TypeScript 7's.
    expect(installedCopies(app, "typescript")).toEqual(["node_modules/typescript"]);
    expect(run("npx", ["--no-install", "tsc", "--version"], app).stdout.trim()).toBe(`Version ${typescript7}`);
    expect(run("npx", ["--no-install", "ts-slots", "--help"], app)).toMatchObject({ status: 0, stdout: expect.stringContaining("ts-slots check") });
  });

  test(`beside typescript@${typescript5}: the rewrite uses the project's own TypeScript, without @ts-slots/cli`, () => {
    const { app, installed } = installApp("ts5", [`typescript@${typescript5}`, tsSlots.tarball]);
    expect({ status: installed.status, output: installed.output }).toMatchObject({ status: 0 });
    expect(installed.output).not.toMatch(/install-scripts/);
    expect(rewriteIn(app)).toEqual({ classes: 1, sealed: true, loaded: ["node_modules/typescript/lib/typescript.js"] });
  });
});
