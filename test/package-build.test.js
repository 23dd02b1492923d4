// The package has no install-time build (issue 14, point 7): users install the dist/ that `npm pack` built
// (`prepack`), with no script of ts-slots' own to approve, and developers still get dist/ from `npm test` (jest's
// globalSetup) on a tree that was never built. Both run on a staging copy of the sources without dist/, with the
// repository's node_modules linked in.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { repoRoot } = require("./helpers/project");

const sourceDirs = ["runtime", "transformer", "plugins", "language-service", "cli"];
const rootFiles = ["package.json", "tsconfig.json", "tsconfig.build.json", "README.md", "LICENSE"];

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

/** A clone-like copy of the package sources: no dist/, node_modules linked to the repository's. */
function stagingCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts-slots-package-build-"));
  for (const name of sourceDirs) {
    fs.mkdirSync(path.join(dir, name));
    copySources(path.join(repoRoot, name), path.join(dir, name));
  }
  for (const name of rootFiles) if (fs.existsSync(path.join(repoRoot, name))) fs.copyFileSync(path.join(repoRoot, name), path.join(dir, name));
  fs.mkdirSync(path.join(dir, "test"));
  fs.copyFileSync(path.join(repoRoot, "test/global-setup.js"), path.join(dir, "test/global-setup.js"));
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

const run = (command, args, cwd) => {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" } });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, stdout: result.stdout };
};

let stage;
beforeAll(() => {
  stage = stagingCopy();
});

test("package.json runs no script at install time; prepack builds", () => {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
  const installTime = ["preinstall", "install", "postinstall", "prepare"].filter((name) => scripts[name] !== undefined);
  expect(installTime).toEqual([]);
  expect(scripts.prepack).toBe("npm run build");
});

test("a never-built tree: `jest` builds dist/ in its globalSetup before any suite loads it", () => {
  expect(fs.existsSync(path.join(stage, "dist"))).toBe(false);
  fs.writeFileSync(
    path.join(stage, "test/dist.test.js"),
    [
      '"use strict";',
      'test("dist is there", () => {',
      '  expect(typeof require("../dist/transformer").default).toBe("function");',
      '  expect(typeof require("../dist/runtime").slots).toBe("function");',
      "});",
    ].join("\n"),
  );
  const jest = run(process.execPath, [path.join(repoRoot, "node_modules/jest/bin/jest.js"), "--ci", "test/dist.test.js"], stage);
  expect({ status: jest.status, output: jest.output }).toMatchObject({ status: 0 });
  expect(jest.output).toContain("is newer than dist/, building");
  // Built: the next run finds nothing stale, so it does not build again.
  const { staleSource } = require(path.join(stage, "test/global-setup.js"));
  expect(staleSource()).toBeUndefined();
  const future = new Date(Date.now() + 5000);
  fs.utimesSync(path.join(stage, "transformer/options.ts"), future, future);
  expect(staleSource()).toBe(path.join("transformer", "options.ts"));
});

test("`npm pack` builds dist/ itself, and installing the tarball asks to run no script", () => {
  fs.rmSync(path.join(stage, "dist"), { recursive: true, force: true });
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), "ts-slots-packed-"));
  const packed = run("npm", ["pack", "--json", "--pack-destination", packDir], stage);
  expect({ status: packed.status }).toEqual({ status: 0 });
  const [{ filename, files }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("[")));
  const paths = files.map((file) => file.path);
  for (const entry of ["dist/runtime/index.js", "dist/transformer/index.js", "dist/language-service/index.js"]) expect(paths).toContain(entry);

  const app = fs.mkdtempSync(path.join(os.tmpdir(), "ts-slots-install-"));
  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
  const installed = run("npm", ["install", "--prefer-offline", "--omit=peer", path.join(packDir, filename)], app);
  expect({ status: installed.status }).toEqual({ status: 0 });
  expect(installed.output).not.toMatch(/install-scripts[^\n]*ts-slots/);
  const used = run(process.execPath, ["-e", 'process.stdout.write(typeof require("ts-slots").slots)'], app);
  expect(used.stdout).toBe("function");
});
