// rewrite-cost-child: in a fresh node process, times emitter 2's rewrite() file by file over the compile-cost
// project (then esbuild on each rewritten file, as the plugin route runs them), or esbuild alone on the same marked
// files; prints exactly one JSON line. Usage: node rewrite-cost-child.mjs '<spec json>'
//   spec: { mode: "syntax" | "program" | "esbuild", srcDir, files, tsconfig, rewriter }
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { esbuildOptions } from "./esbuild-route.mjs";

const spec = JSON.parse(process.argv[2]);
const ESBUILD_CONFIG = { udf: true };
const now = () => process.hrtime.bigint();
const msSince = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

const files = Array.from({ length: spec.files }, (_, i) => {
  const fileName = join(spec.srcDir, `m${i}.ts`);
  return { fileName, code: readFileSync(fileName, "utf8") };
});

/** esbuild's service start (the first call spawns the esbuild binary), timed apart from the per-file calls. */
async function startEsbuild() {
  const t0 = now();
  const esbuild = await import("esbuild");
  await esbuild.transform("", { loader: "ts" });
  return { esbuild, startMs: msSince(t0) };
}

async function esbuildPerFile(esbuild, sources) {
  const ms = [];
  for (const { fileName, code } of sources) {
    const t0 = now();
    await esbuild.transform(code, esbuildOptions(ESBUILD_CONFIG, fileName));
    ms.push(msSince(t0));
  }
  return ms;
}

const out = { mode: spec.mode, files: files.length, node: process.version };
if (spec.mode === "esbuild") {
  const { esbuild, startMs } = await startEsbuild();
  out.esbuildStartMs = startMs;
  out.esbuildMs = await esbuildPerFile(esbuild, files);
} else {
  let t0 = now();
  const { createSourceRewriter } = createRequire(import.meta.url)(spec.rewriter);
  out.loadMs = msSince(t0);
  t0 = now();
  const options = spec.mode === "program" ? { seal: "always", types: "program", tsconfig: spec.tsconfig } : { seal: "always", types: "syntax" };
  const rewriter = createSourceRewriter(options, { cwd: spec.cwd, fieldMode: "native" });
  out.setupMs = msSince(t0);
  if (rewriter.optionProblems.length) throw new Error(rewriter.optionProblems.map((p) => p.text).join("\n"));
  out.rewriteMs = [];
  // CPU time of the same calls (user + system of this process): on a loaded machine it moves less than wall time.
  out.rewriteCpuMs = [];
  out.classes = 0;
  out.warnings = 0;
  const rewritten = [];
  for (const { fileName, code } of files) {
    t0 = now();
    const cpu0 = process.cpuUsage();
    const r = rewriter.rewrite(code, fileName);
    out.rewriteMs.push(msSince(t0));
    const cpu = process.cpuUsage(cpu0);
    out.rewriteCpuMs.push((cpu.user + cpu.system) / 1000);
    if (!r) throw new Error(`nothing rewritten in ${fileName}`);
    const errors = r.problems.filter((p) => p.severity === "error");
    if (errors.length) throw new Error(errors.map((p) => p.text).join("\n"));
    out.classes += r.classes;
    out.warnings += r.problems.length;
    rewritten.push({ fileName, code: r.code });
  }
  const { esbuild, startMs } = await startEsbuild();
  out.esbuildStartMs = startMs;
  out.esbuildMs = await esbuildPerFile(esbuild, rewritten);
}
process.stdout.write(JSON.stringify(out) + "\n");
