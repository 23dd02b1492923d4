// stats: median / min / max summaries of repeated measurements, and paired ratios between two summaries.

/** Median of a non-empty list of numbers (mean of the two middle values for an even count). */
export function median(values) {
  if (!Array.isArray(values) || values.length === 0) throw new Error("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function min(values) {
  if (values.length === 0) throw new Error("min of an empty list");
  return values.reduce((a, b) => (b < a ? b : a));
}

export function max(values) {
  if (values.length === 0) throw new Error("max of an empty list");
  return values.reduce((a, b) => (b > a ? b : a));
}

/** { median, min, max, n, values } of one figure's repetitions (each value from its own process). */
export function summarize(values) {
  return { median: median(values), min: min(values), max: max(values), n: values.length, values: [...values] };
}

/**
 * Paired ratio a/b of two summaries whose values are in repetition order: rep i of a is divided by rep i of b
 * (the processes of one repetition ran back to back) and the result summarizes those quotients. Slow drift of
 * a noisy machine then cancels instead of landing on whichever build happened to run in a quiet moment.
 */
export function pairedRatio(a, b) {
  if (!a || !b || a.values.length !== b.values.length || a.values.length === 0) return null;
  return summarize(a.values.map((v, i) => v / b.values[i]));
}
