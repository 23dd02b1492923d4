// builds: writes bench/builds/<config>/ (sources, tsconfig.json) for every build configuration and compiles it:
// the tspc route with ts-patch's tspc (slots builds with the real transformer plugin, normal builds from the stripped
// source, no plugin), the esbuild route through esbuild-route.mjs (emitter 2's rewrite, then esbuild).
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync } from "node:fs";
import { join, relative } from "node:path";
import { BUILDS, CASES_DIR, ROOT, RUNTIME, TEXT_REWRITER, TRANSFORMER, TSPC } from "./config.mjs";
import { buildWithEsbuild } from "./esbuild-route.mjs";
import { run } from "./spawn.mjs";
import { stripSlotsMarker } from "./strip.mjs";

export const NORMAL_HOW =
  "Normal builds compile the same case files after bench/lib/strip.mjs deletes the `@slots` decorators and the " +
  '`import { slots } from "ts-slots"` line (found with the TypeScript parser, cut out in place so line numbers ' +
  "stay the same; nothing else changes), with the same compiler and settings as the route's slots builds: the same " +
  "tspc and tsconfig minus the plugin entry, or the same esbuild call without the rewrite.";

/** Makes dist/ if a fresh clone has not built it yet (same command as `npm run build`). */
export async function ensurePluginBuilt(log) {
  if (existsSync(TRANSFORMER) && existsSync(RUNTIME) && existsSync(TEXT_REWRITER)) return;
  log(`bench: ${relative(ROOT, TRANSFORMER)} missing; running tsc -p tsconfig.build.json (npm run build)`);
  const r = await run(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
    cwd: ROOT,
  });
  if (!existsSync(TRANSFORMER) || !existsSync(TEXT_REWRITER)) {
    throw new Error(`bench: could not build the plugin (exit ${r.code}):\n${r.stdout}${r.stderr}`);
  }
}

/** bench/builds/node_modules/ts-slots -> the repo, so `ts-slots` resolves for tsc and at run time. */
export function linkPackage() {
  const dir = join(BUILDS, "node_modules");
  const link = join(dir, "ts-slots");
  mkdirSync(dir, { recursive: true });
  try {
    lstatSync(link);
    return;
  } catch {
    symlinkSync(ROOT, link, "dir");
  }
}

/** The plugin's options of a slots build: none for the default variant, which the build's NODE_ENV resolves. */
export const pluginOptions = (config) => (config.seal === "default" ? {} : { seal: config.seal });

/** The environment a build runs its compiler in: NODE_ENV as the variant says (production for the default). */
export const buildEnv = (config) => {
  const env = { ...process.env };
  delete env.NODE_ENV;
  return config.nodeEnv ? { ...env, NODE_ENV: config.nodeEnv } : env;
};

export function tsconfigFor(config, { include = ["src/*.ts"] } = {}) {
  const compilerOptions = {
    target: "ES2022",
    module: "commonjs",
    moduleResolution: "node10",
    ignoreDeprecations: "6.0",
    lib: ["ES2022"],
    types: [],
    strict: true,
    useDefineForClassFields: config.udf,
    rootDir: "src",
    outDir: "out",
    skipLibCheck: true,
    noEmitOnError: true,
  };
  if (config.seal) compilerOptions.plugins = [{ transform: TRANSFORMER, ...pluginOptions(config) }];
  return { compilerOptions, include };
}

/** Writes the sources for one build: stripped for normal builds, verbatim for slots builds. */
export function writeSources(srcDir, caseNames, variant) {
  rmSync(srcDir, { recursive: true, force: true });
  mkdirSync(srcDir, { recursive: true });
  const stripped = {};
  for (const name of caseNames) {
    const source = readFileSync(join(CASES_DIR, `${name}.ts`), "utf8");
    if (variant === "normal") {
      const { code, removed } = stripSlotsMarker(source, `${name}.ts`);
      writeFileSync(join(srcDir, `${name}.ts`), code);
      stripped[name] = removed;
    } else {
      writeFileSync(join(srcDir, `${name}.ts`), source);
    }
  }
  return stripped;
}

export async function compile(dir, tsconfigName = "tsconfig.json", env = undefined) {
  const r = await run(process.execPath, [TSPC, "-p", join(dir, tsconfigName)], { cwd: dir, env, timeoutMs: 600_000 });
  return r;
}

async function buildWithTspc(config, dir, caseNames) {
  const stripped = writeSources(join(dir, "src"), caseNames, config.variant);
  rmSync(join(dir, "out"), { recursive: true, force: true });
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfigFor(config), null, 2) + "\n");
  const r = await compile(dir, "tsconfig.json", buildEnv(config));
  const missing = caseNames.filter((n) => !existsSync(join(dir, "out", `${n}.js`)));
  if (r.code !== 0 || missing.length) {
    throw new Error(
      `bench: tspc failed for build ${config.id} (exit ${r.code}${missing.length ? `, missing ${missing.join(", ")}` : ""}):\n` +
        `${r.stdout}${r.stderr}`.trim(),
    );
  }
  return {
    ...config,
    dir: relative(ROOT, dir),
    compiler: `tspc (ts-patch) -p ${relative(ROOT, join(dir, "tsconfig.json"))}`,
    plugin: config.seal ? { transform: relative(ROOT, TRANSFORMER), ...pluginOptions(config), ...(config.nodeEnv ? { NODE_ENV: config.nodeEnv } : {}) } : null,
    stripped,
    compileMs: Math.round(r.ms),
  };
}

/**
 * The esbuild route's folder also gets the tsconfig its settings stand for (no plugin entry), so that anything
 * looking for the nearest tsconfig.json finds this build's semantics rather than the repository's own.
 */
async function buildWithEsbuildRoute(config, dir, caseNames) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfigFor({ ...config, seal: null }), null, 2) + "\n");
  return buildWithEsbuild(config, dir, caseNames);
}

/** Builds every configuration for the given cases; two builds at a time (builds are not timed). */
export async function makeBuilds(configs, caseNames, progress) {
  linkPackage();
  progress.phaseStart("compile builds", configs.length);
  const results = [];
  const queue = [...configs];
  const worker = async () => {
    while (queue.length) {
      const config = queue.shift();
      const dir = join(BUILDS, config.id);
      const info = await (config.route === "esbuild" ? buildWithEsbuildRoute : buildWithTspc)(config, dir, caseNames);
      writeFileSync(join(dir, "BUILD.json"), JSON.stringify(info, null, 2) + "\n");
      results.push(info);
      progress.step(config.id);
    }
  };
  await Promise.all([worker(), worker()]);
  return configs.map((c) => results.find((r) => r.id === c.id));
}

export function modulePath(configId, caseName, ext = ".js") {
  return join(BUILDS, configId, "out", `${caseName}${ext}`);
}
