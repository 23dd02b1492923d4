// python-seed: runs the seed notebook's Python measurement (bench/python/seed.py) live, several fresh processes,
// or falls back to the notebook's printed figures, marked as quoted, when python3 is not on the machine.
import { join } from "node:path";
import { BENCH, SEED_QUOTED } from "./config.mjs";
import { run, lastJsonLine } from "./spawn.mjs";
import { summarize } from "./stats.mjs";

export async function pythonSeed(runs, progress) {
  const script = join(BENCH, "python/seed.py");
  const quoted = { ...SEED_QUOTED, source: "the seed notebook's printed output (quoted)" };
  progress.phaseStart("python seed", runs);
  const rows = [];
  for (let i = 0; i < runs; i++) {
    const r = await run("python3", [script], { timeoutMs: 120_000 });
    const row = r.code === 0 ? lastJsonLine(r.stdout) : null;
    if (!row) {
      progress.step("python3 unavailable");
      return { live: false, reason: r.code === -1 ? "python3 not found" : `python3 exited ${r.code}`, quoted };
    }
    rows.push(row);
    progress.step(`run ${i + 1}`);
  }
  const pick = (k) => summarize(rows.map((r) => r[k]));
  return {
    live: true,
    python: rows[0].python,
    runs,
    normalMiB: pick("normalMiB"),
    slotsMiB: pick("slotsMiB"),
    reductionPct: pick("reductionPct"),
    readSpeedup: pick("readSpeedup"),
    quoted,
  };
}
