// format: number and row formatting shared by the terminal table and the Markdown report.
import { measuredLines, METRIC_INFO } from "./analyse.mjs";

export function num(v) {
  if (v == null || !Number.isFinite(v)) return "-";
  const a = Math.abs(v);
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

/** A ratio (number or paired-ratio summary) as "1.23x". */
export const x = (r) => (r == null ? "-" : `${(typeof r === "number" ? r : r.median).toFixed(2)}x`);

/** A paired-ratio summary as "1.23x [1.10–1.40]". */
export const xRange = (r) => (r == null ? "-" : `${x(r)} [${r.min.toFixed(2)}–${r.max.toFixed(2)}]`);

/** The main comparison rows: one per case, metric, route and semantics, medians plus min/max. */
export function comparisonRows(cases) {
  const rows = [];
  for (const [name, c] of Object.entries(cases)) {
    for (const [metric, byConfig] of Object.entries(c.figures)) {
      for (const { key, routeLabel, semantics } of measuredLines(c)) {
        const get = (v) => byConfig[`${key}-${v}`];
        rows.push({
          case: name,
          metric,
          label: METRIC_INFO[metric].label,
          route: routeLabel,
          semantics,
          normal: get("normal"),
          always: get("always"),
          never: get("never"),
          rAlways: metric === "shapes" ? null : c.ratios[key].always[metric],
          rNever: metric === "shapes" ? null : c.ratios[key].never[metric],
          floor: metric === "memory" ? c.floor : null,
        });
      }
    }
  }
  return rows;
}

/** Pads a matrix of strings into aligned columns. */
export function columns(matrix, rightAlign = () => false) {
  const widths = matrix[0].map((_, i) => Math.max(...matrix.map((r) => String(r[i]).length)));
  return matrix.map((r) => r.map((cell, i) => (rightAlign(i) ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i]))).join("  ").trimEnd());
}
