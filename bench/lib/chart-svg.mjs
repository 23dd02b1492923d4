// chart-svg: the SVG bar chart of slots/normal ratios (log scale, one group per case and metric, one bar per
// route x semantics x seal mode), written next to each Markdown report.
import { METRIC_INFO } from "./analyse.mjs";
import { LINES, SLOT_VARIANTS } from "./config.mjs";

/** [seal:always, seal:never] colours per line; further seal modes reuse the line's colour, lighter. */
const COLORS = {
  "tspc-define": ["#1f5fa8", "#8fb8e6"],
  "tspc-assign": ["#b8322a", "#f0a09a"],
  "esbuild-define": ["#1e7a3c", "#93d1a6"],
  "esbuild-assign": ["#8a5a00", "#e8c27a"],
};
const SERIES = LINES.flatMap((l) =>
  SLOT_VARIANTS.map(({ key: variant }, i) => ({
    line: l.key,
    label: `${l.routeLabel} ${l.semantics} · seal:${variant}`,
    variant,
    color: COLORS[l.key][i] ?? COLORS[l.key][0],
    opacity: i < 2 ? 1 : 0.55,
  })),
);
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function ratioChart(result) {
  const groups = [];
  for (const [name, c] of Object.entries(result.cases)) {
    for (const metric of Object.keys(c.figures)) {
      if (metric === "shapes") continue;
      groups.push({
        label: `${name} · ${METRIC_INFO[metric].label}`,
        bars: SERIES.map((s) => ({ ...s, r: c.ratios[s.line]?.[s.variant][metric]?.median ?? null })),
      });
    }
  }
  const left = 230;
  const plotW = 560;
  const right = 70;
  const barH = 7;
  const groupH = SERIES.length * (barH + 1) + 9;
  const legendRows = Math.ceil(SERIES.length / 4);
  const top = 50 + legendRows * 14;
  const width = left + plotW + right;
  const height = top + groups.length * groupH + 40;
  const lo = Math.log2(1 / 16);
  const hi = Math.log2(16);
  const xOf = (r) => left + ((Math.min(hi, Math.max(lo, Math.log2(r))) - lo) / (hi - lo)) * plotW;
  const x1 = xOf(1);
  const e = result.env.measuring;
  const parts = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11">`);
  parts.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  parts.push(`<text x="10" y="18" font-size="14" font-weight="600">ts-slots bench: slots / normal, median ratio (log scale)</text>`);
  parts.push(`<text x="10" y="34" fill="#444">${esc(`${result.date} · ${result.mode} · Node ${e.node} · V8 ${e.v8} · left of 1 = slots smaller or faster`)}</text>`);
  SERIES.forEach((s, i) => {
    const lx = 10 + (i % 4) * 210;
    const ly = 42 + Math.floor(i / 4) * 14;
    parts.push(`<rect x="${lx}" y="${ly}" width="10" height="10" fill="${s.color}" fill-opacity="${s.opacity}"/><text x="${lx + 14}" y="${ly + 9}">${esc(s.label)}</text>`);
  });
  for (let p = -4; p <= 4; p++) {
    const r = 2 ** p;
    const gx = xOf(r);
    parts.push(`<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${height - 30}" stroke="${p === 0 ? "#000" : "#ddd"}" stroke-width="${p === 0 ? 1.2 : 1}"/>`);
    parts.push(`<text x="${gx}" y="${height - 16}" text-anchor="middle" fill="#444">${p < 0 ? `1/${2 ** -p}` : r}x</text>`);
  }
  groups.forEach((g, gi) => {
    const gy = top + gi * groupH;
    if (gi % 2 === 0) parts.push(`<rect x="0" y="${gy - 3}" width="${width}" height="${groupH}" fill="#f6f6f6" opacity="0.6"/>`);
    parts.push(`<text x="${left - 8}" y="${gy + groupH / 2}" text-anchor="end">${esc(g.label)}</text>`);
    g.bars.forEach((b, bi) => {
      if (b.r == null) return;
      const by = gy + bi * (barH + 1);
      const bx = xOf(b.r);
      const [a, z] = bx < x1 ? [bx, x1] : [x1, bx];
      parts.push(`<rect x="${a.toFixed(1)}" y="${by}" width="${Math.max(1, z - a).toFixed(1)}" height="${barH}" fill="${b.color}" fill-opacity="${b.opacity}"><title>${esc(`${g.label}, ${b.label}: ${b.r.toFixed(3)}x`)}</title></rect>`);
      parts.push(`<text x="${(Math.max(bx, x1) + 3).toFixed(1)}" y="${by + barH - 0.5}" font-size="8" fill="#333">${b.r.toFixed(2)}</text>`);
    });
  });
  parts.push(`</svg>`);
  return parts.join("\n") + "\n";
}

