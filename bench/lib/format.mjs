// format: number and row formatting shared by the terminal table and the Markdown report.
import { measuredLines, METRIC_INFO } from "./analyse.mjs";
import { SLOT_VARIANTS } from "./config.mjs";

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
          slots: Object.fromEntries(SLOT_VARIANTS.map((v) => [v.key, get(v.key)])),
          ratios: Object.fromEntries(SLOT_VARIANTS.map((v) => [v.key, metric === "shapes" ? null : c.ratios[key][v.key]?.[metric]])),
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

/**
 * The compact per-Node table: one row per case and semantics of the tspc route, construction with each seal mode and
 * (where the case has it) update with seal:always, as ratios to the normal build measured under the same Node.
 */
export function perNodeRows(cases) {
  const rows = [];
  for (const [name, c] of Object.entries(cases ?? {})) {
    for (const line of measuredLines(c).filter((l) => l.route === "tspc")) {
      rows.push({
        case: name,
        semantics: line.semantics,
        normalNs: c.figures.construct?.[`${line.key}-normal`]?.median,
        construct: Object.fromEntries(SLOT_VARIANTS.map((v) => [v.key, c.ratios[line.key][v.key]?.construct ?? null])),
        update: c.ratios[line.key].always?.update ?? null,
      });
    }
  }
  return rows;
}
