// twin: the run's noise, from two identical builds. The default variant built with NODE_ENV=production emits exactly
// what seal:"never" emits (checked byte for byte), yet is compiled and measured separately; their construction ratio,
// paired by process like every published ratio, would be 1.00x on a quiet machine. A run whose twins differ by more than TARGETS.twinMargin is not trusted: its
// report says so, and scripts/bench-docs.mjs refuses to put it into docs/benchmarks.md.
import { readFileSync } from "node:fs";
import { TARGETS } from "./config.mjs";
import { modulePath } from "./builds.mjs";
import { measuredLines } from "./analyse.mjs";
import { pairedRatio } from "./stats.mjs";

/** Lines (route x semantics) whose default build's output is not the seal:"never" build's, per case. */
export function twinMismatches(configs, caseNames) {
  const bad = [];
  for (const config of configs.filter((c) => c.variant === "default")) {
    for (const name of caseNames) {
      const twin = readFileSync(modulePath(`${config.line}-never`, name), "utf8");
      if (readFileSync(modulePath(config.id, name), "utf8") !== twin) bad.push(`${config.id}/${name}`);
    }
  }
  return bad;
}

/** { trusted, margin, worst: { case, line, ratio }, pairs: [...] } from the headline Node's construction figures. */
export function twinVerdict(cases, loadStart, loadEnd) {
  const pairs = [];
  for (const [name, c] of Object.entries(cases)) {
    for (const line of measuredLines(c)) {
      const a = c.figures.construct?.[`${line.key}-default`];
      const b = c.figures.construct?.[`${line.key}-never`];
      // Paired by process, as the published slots/normal ratios are: the twin's ratio is then the noise of those
      // ratios. One process can run every build 1.5x slower than the next (its heap, its code layout); that factor
      // is in both builds of the pair and cancels, as it does in every published ratio.
      const ratio = (a?.values && b?.values ? pairedRatio(a, b)?.median : undefined) ?? (a?.median && b?.median ? a.median / b.median : undefined);
      if (ratio) pairs.push({ case: name, line: line.key, ratio: Math.round(ratio * 1000) / 1000 });
    }
  }
  const worst = pairs.reduce((w, p) => (!w || Math.abs(p.ratio - 1) > Math.abs(w.ratio - 1) ? p : w), null);
  const margin = TARGETS.twinMargin;
  const trusted = worst !== null && Math.abs(worst.ratio - 1) <= margin;
  const reason = worst === null
    ? "no twin pair measured (the default and seal:\"never\" builds of one case and line): noise unknown"
    : `two identical builds (default production vs seal:"never") differ by ${worst.ratio.toFixed(2)}x at worst (${worst.case}, ${worst.line}); margin ${margin * 100}%; load average ${loadStart} -> ${loadEnd}`;
  return { trusted, margin, worst, reason, pairs };
}
