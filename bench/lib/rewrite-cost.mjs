// rewrite-cost: the per-file cost of emitter 2 (the plugin route's rewrite) on the compile-cost project, in
// "syntax" and in `types: "program"` mode, beside esbuild's own per-file time on the same files. Fresh processes,
// modes interleaved run by run.
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT, TEXT_REWRITER } from "./config.mjs";
import { run, lastJsonLine } from "./spawn.mjs";
import { median, summarize } from "./stats.mjs";

const CHILD = fileURLToPath(new URL("./rewrite-cost-child.mjs", import.meta.url));
export const REWRITE_MODES = ["esbuild", "syntax", "program"];

/** One process's per-file times as first file / steady per file (median of the others) / all files. */
function split(ms) {
  return { first: ms[0], steady: ms.length > 1 ? median(ms.slice(1)) : ms[0], total: ms.reduce((a, b) => a + b, 0) };
}

function summarizeRuns(children) {
  const pick = (f) => summarize(children.map(f));
  const out = {
    esbuild: {
      startMs: pick((c) => c.esbuildStartMs),
      firstMs: pick((c) => split(c.esbuildMs).first),
      steadyMs: pick((c) => split(c.esbuildMs).steady),
      totalMs: pick((c) => split(c.esbuildMs).total),
    },
  };
  if (children[0].rewriteMs) {
    out.rewrite = {
      loadMs: pick((c) => c.loadMs),
      setupMs: pick((c) => c.setupMs),
      firstMs: pick((c) => split(c.rewriteMs).first),
      // The first file as a build pays it: createSourceRewriter + the first rewrite() (in program mode, the program).
      firstFileMs: pick((c) => c.setupMs + split(c.rewriteMs).first),
      steadyMs: pick((c) => split(c.rewriteMs).steady),
      totalMs: pick((c) => split(c.rewriteMs).total),
      steadyCpuMs: pick((c) => split(c.rewriteCpuMs).steady),
    };
    out.classes = children[0].classes;
    out.problems = children[0].warnings;
  }
  return out;
}

/**
 * project: the compile-cost result ({ dir, files, classes }). Returns per-mode summaries (ms) and the ratios to
 * esbuild alone (steady per-file medians): rewrite / esbuild, and rewrite + esbuild on its output / esbuild.
 */
export async function rewriteCost({ project, runs, progress }) {
  const dir = join(ROOT, project.dir);
  const spec = {
    srcDir: join(dir, "src-marked"),
    files: project.files,
    cwd: dir,
    tsconfig: join(dir, "tsconfig.marked.json"),
    rewriter: TEXT_REWRITER,
  };
  progress.phaseStart("rewrite cost", runs * REWRITE_MODES.length);
  const children = Object.fromEntries(REWRITE_MODES.map((m) => [m, []]));
  for (let r = 0; r < runs; r++) {
    for (const mode of REWRITE_MODES) {
      const res = await run(process.execPath, [CHILD, JSON.stringify({ ...spec, mode })], { cwd: dir, timeoutMs: 600_000 });
      const out = lastJsonLine(res.stdout);
      if (res.code !== 0 || !out) throw new Error(`bench: rewrite-cost child (${mode}) failed (exit ${res.code}):\n${res.stderr.trim()}`);
      if (mode !== "esbuild" && out.classes !== project.classes) {
        throw new Error(`bench: emitter 2 (${mode}) rewrote ${out.classes} of the project's ${project.classes} @slots classes`);
      }
      children[mode].push(out);
      progress.step(`${mode} run ${r + 1}`);
    }
  }
  const modes = Object.fromEntries(REWRITE_MODES.map((m) => [m, summarizeRuns(children[m])]));
  const alone = modes.esbuild.esbuild.steadyMs.median;
  const ratios = {};
  for (const m of ["syntax", "program"]) {
    const rewrite = modes[m].rewrite.steadyMs.median;
    const route = rewrite + modes[m].esbuild.steadyMs.median;
    ratios[m] = { rewriteVsEsbuild: rewrite / alone, routeVsEsbuild: route / alone, routeSteadyMs: route };
  }
  return {
    dir: relative(ROOT, dir),
    files: project.files,
    classes: project.classes,
    classesPerFile: project.classes / project.files,
    runs,
    esbuildAloneSource: "src-marked (the same files, no rewrite)",
    modes,
    ratios,
  };
}
