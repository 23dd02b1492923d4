// esbuild-route: the plugin route's builds. Slots builds: each case source rewritten by emitter 2
// (createSourceRewriter from dist/transformer/emit-text, exactly what the esbuild and Vite plugins run), then compiled by
// esbuild; normal builds: the stripped source through the same esbuild. Settings match the tspc builds' semantics.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import * as esbuild from "esbuild";
import { CASES_DIR, ROOT, TEXT_REWRITER } from "./config.mjs";
import { stripSlotsMarker } from "./strip.mjs";

export const ESBUILD_VERSION = esbuild.version;

/** What esbuild reads from a tsconfig, as the tspc builds' tsconfig sets it (strict also makes it emit "use strict"). */
export function esbuildOptions(config, sourcefile) {
  return {
    loader: "ts",
    format: config.format ?? "cjs",
    platform: "node",
    target: "es2022",
    sourcefile,
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: config.udf, strict: true } },
  };
}

/** Emitter 2's field mode for a semantics at target ES2022: class fields stay native with define, assigned without. */
export const fieldModeOf = (config) => (config.udf ? "native" : "assign");

/**
 * The TypeScript the esbuild step compiles for one case. `rewrite: false` is the self-test's untransformed build:
 * the marked source as it is, so only the run-time fallback decorator stands between it and a normal class.
 */
function sourceFor(config, name, fileName, rewriter) {
  const source = readFileSync(join(CASES_DIR, `${name}.ts`), "utf8");
  if (config.variant === "normal") {
    const { code, removed } = stripSlotsMarker(source, `${name}.ts`);
    return { code, stripped: removed };
  }
  if (config.rewrite === false) return { code: source, rewritten: null };
  const r = rewriter.rewrite(source, fileName);
  if (!r) throw new Error(`bench: emitter 2 found nothing to rewrite in ${name}.ts (build ${config.id})`);
  const errors = r.problems.filter((p) => p.severity === "error");
  if (errors.length) throw new Error(`bench: emitter 2 reported errors for ${name}.ts (build ${config.id}):\n${errors.map((p) => p.text).join("\n")}`);
  return { code: r.code, map: r.map.toString(), rewritten: { classes: r.classes, warnings: r.problems.map((p) => p.text) } };
}

/**
 * Builds one esbuild-route configuration into `dir` (src/ = the TypeScript esbuild compiled, out/ = its output).
 * Returns the BUILD.json facts.
 */
export async function buildWithEsbuild(config, dir, caseNames) {
  const started = process.hrtime.bigint();
  const srcDir = join(dir, "src");
  const outDir = join(dir, "out");
  for (const d of [srcDir, outDir]) {
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d, { recursive: true });
  }
  const needsRewriter = config.variant !== "normal" && config.rewrite !== false;
  const { createSourceRewriter } = needsRewriter ? createRequire(import.meta.url)(TEXT_REWRITER) : {};
  const options = config.seal === "default" ? {} : { seal: config.seal };
  const rewriter = needsRewriter ? createSourceRewriter(options, { cwd: dir, fieldMode: fieldModeOf(config), env: { NODE_ENV: config.nodeEnv ?? "" } }) : null;
  if (rewriter?.optionProblems.length) {
    throw new Error(`bench: emitter 2 rejected the options of build ${config.id}:\n${rewriter.optionProblems.map((p) => p.text).join("\n")}`);
  }
  const stripped = {};
  const rewritten = {};
  for (const name of caseNames) {
    const fileName = join(srcDir, `${name}.ts`);
    const ts = sourceFor(config, name, fileName, rewriter);
    writeFileSync(fileName, ts.code);
    if (ts.map) writeFileSync(`${fileName}.map`, ts.map);
    if (ts.stripped) stripped[name] = ts.stripped;
    if (ts.rewritten) rewritten[name] = ts.rewritten;
    const js = await esbuild.transform(ts.code, esbuildOptions(config, `${name}.ts`));
    writeFileSync(join(outDir, `${name}${config.format === "esm" ? ".mjs" : ".js"}`), js.code);
  }
  return {
    ...config,
    dir: relative(ROOT, dir),
    compiler: `esbuild ${esbuild.version} transform (${JSON.stringify(esbuildOptions(config, "<case>.ts"))})`,
    plugin: needsRewriter
      ? { rewrite: relative(ROOT, TEXT_REWRITER), options, setup: { fieldMode: fieldModeOf(config), NODE_ENV: config.nodeEnv ?? "" } }
      : null,
    stripped,
    rewritten,
    compileMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
  };
}
