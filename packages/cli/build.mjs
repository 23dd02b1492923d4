// Builds @ts-slots/cli's dist/index.js (`npm run build` at the root, and `prepack`; `node build.mjs <dir>` writes
// <dir>/index.js instead, for test/ecosystem/pack.js's staging copy): the CLI's sources, which stay in the
// repository's cli/ (with the transformer modules they import), bundled into one CommonJS file by esbuild, every
// package left external. The bundle may then load only what package.json declares: a package import not listed in
// `dependencies` (or the optional `typescript` peer, or this package itself) fails the build, so an import added in
// cli/ cannot ship broken.
import { build } from "esbuild";
import { builtinModules } from "node:module";
import { readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, "..", "..");
const manifest = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));
const rootManifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));

/** `@scope/name/sub/path` -> `@scope/name`, `name/sub` -> `name`. */
export function packageNameOf(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** The package imports of the bundle that package.json does not declare. */
export function undeclaredImports(metafile, declared) {
  const builtins = new Set(builtinModules);
  const external = Object.values(metafile.inputs).flatMap((input) => input.imports.filter((entry) => entry.external).map((entry) => entry.path));
  return [...new Set(external.map(packageNameOf))].filter((name) => !name.startsWith("node:") && !builtins.has(name) && !declared.has(name)).sort();
}

async function main(outDir = join(here, "dist")) {
  if (manifest.version !== rootManifest.version) throw new Error(`@ts-slots/cli ${manifest.version} and ts-slots ${rootManifest.version}: release them together`);
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: [join(repoRoot, "cli", "index.ts")],
    outfile: join(outDir, "index.js"),
    bundle: true,
    packages: "external",
    platform: "node",
    format: "cjs",
    target: "node20",
    metafile: true,
    logLevel: "warning",
  });
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {}), manifest.name]);
  const undeclared = undeclaredImports(result.metafile, declared);
  if (undeclared.length > 0) throw new Error(`dist/index.js imports ${undeclared.join(", ")}, which packages/cli/package.json does not declare`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv[2] && resolve(process.argv[2])).catch((error) => {
    console.error(`@ts-slots/cli build: ${error.message}`);
    process.exit(1);
  });
}
