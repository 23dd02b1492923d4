// guard: refuses to measure unless every slots build really is transformed (sealed or shape-only as configured,
// every declared field present, one hidden class per class, compiled away rather than decorated at run time)
// and every normal build really is plain (not sealed, no ts-slots left in the output).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { run, lastJsonLine } from "./spawn.mjs";

const CHILD = fileURLToPath(new URL("./guard-child.mjs", import.meta.url));

export class GuardRefusal extends Error {}

/** Problems (strings) of one inspected build against what its variant promises; [] when it is what it claims. */
export function judge(variant, report, emitted) {
  const problems = [];
  const maxMaps = Math.max(...Object.values(report.mapsPerClass));
  if (variant === "normal") {
    if (report.sealed > 0) problems.push(`${report.sealed}/${report.n} instances are sealed`);
    if (report.addThrows > 0) problems.push("adding a property throws");
    if (/ts-slots/.test(emitted)) problems.push("the emitted JavaScript still references ts-slots");
    return problems;
  }
  if (variant === "always") {
    if (report.sealed !== report.n) problems.push(`only ${report.sealed}/${report.n} instances are sealed`);
    if (report.addThrows !== report.probes) problems.push(`adding a property threw in ${report.addThrows}/${report.probes} probes`);
  } else if (report.sealed > 0) {
    problems.push(`seal:"never" but ${report.sealed}/${report.n} instances are sealed`);
  }
  if (report.ownMatchesFields !== report.n) {
    problems.push(`only ${report.ownMatchesFields}/${report.n} instances own exactly their declared fields`);
  }
  if (maxMaps !== 1) problems.push(`instances of one class have up to ${maxMaps} hidden classes (%HaveSameMap)`);
  if (report.runtimeLoaded) problems.push("the run-time @slots fallback was loaded: the plugin did not compile the class");
  // TypeScript's and esbuild's decorator helpers: a class still decorated at run time.
  if (/require\("ts-slots"\)|__esDecorate|__decorateElement|__decorateClass/.test(emitted)) {
    problems.push("the emitted JavaScript still contains the @slots decorator or its import");
  }
  return problems;
}

/**
 * checks: [{ label, variant, module, caseName }]. Runs one guard child per check under `nodeBin`.
 * Returns the reports; throws GuardRefusal listing every failure.
 */
export async function guard(checks, { nodeBin, n, progress }) {
  progress.phaseStart("guard", checks.length);
  const reports = [];
  const failures = [];
  for (const check of checks) {
    const r = await run(nodeBin, ["--allow-natives-syntax", CHILD, JSON.stringify({ module: check.module, n })]);
    const report = lastJsonLine(r.stdout);
    let problems;
    if (r.code !== 0 || !report) {
      problems = [`guard child failed (exit ${r.code}): ${r.stderr.trim().split("\n").slice(-3).join(" / ")}`];
    } else {
      problems = judge(check.variant, report, readFileSync(check.module, "utf8"));
    }
    reports.push({ build: check.label, case: check.caseName, variant: check.variant, ok: problems.length === 0, problems, report });
    if (problems.length) failures.push(`  ${check.label} / ${check.caseName}: ${problems.join("; ")}`);
    progress.step(`${check.label} ${check.caseName}`);
  }
  if (failures.length) {
    throw new GuardRefusal(
      `REFUSED: ${failures.length} build(s) are not what they claim to be, so no result is printed:\n${failures.join("\n")}`,
    );
  }
  return reports;
}
