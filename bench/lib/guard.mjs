// guard: refuses to measure unless every build behaves as what it claims to be, decided by running it (never by
// reading its text). A slots build: the run-time @slots decorator never ran, every instance owns exactly its
// declared fields, one hidden class per class, and sealed / rejecting additions exactly as its seal mode promises
// (config.mjs VARIANTS). A normal build: the decorator never ran, nothing sealed, and it behaves exactly like a
// reference: the stripped source compiled by TypeScript's transpileModule with the same semantics and no plugin.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILDS, CASES_DIR, expectSealed, ROOT, VARIANTS } from "./config.mjs";
import { run, lastJsonLine } from "./spawn.mjs";
import { stripSlotsMarker } from "./strip.mjs";

const CHILD = fileURLToPath(new URL("./guard-child.mjs", import.meta.url));

export class GuardRefusal extends Error {}

/** The first difference between two behaviour fingerprints, or null when they are the same. */
export function fingerprintDifference(a, b) {
  for (const part of ["trace", "stored", "owned"]) {
    const x = a[part];
    const y = b[part];
    const n = Math.max(x.length, y.length);
    for (let i = 0; i < n; i++) {
      if (x[i] !== y[i]) {
        const what = { trace: "store before the field exists", stored: "instance as build() stores it", owned: "instance after build()" }[part];
        return `${what} #${i + 1}: ${x[i] ?? "(none)"} where the reference has ${y[i] ?? "(none)"}`;
      }
    }
  }
  return null;
}

/**
 * Problems (strings) of one inspected build against what its variant promises; [] when it is what it claims.
 * reference: the guard report of the reference normal build of the same case and semantics.
 */
export function judge(variantKey, report, reference, semantics) {
  const problems = [];
  const variant = VARIANTS.find((v) => v.key === variantKey);
  if (report.decoratorCalls > 0) {
    problems.push(`the run-time @slots decorator ran ${report.decoratorCalls} time(s): the class was not compiled by the plugin`);
  }
  if (!variant.seal) {
    if (report.sealed > 0) problems.push(`${report.sealed}/${report.n} instances are sealed`);
    if (report.addThrows > 0) problems.push("adding a property throws");
    const diff = reference ? fingerprintDifference(report.fingerprint, reference.fingerprint) : "no reference build";
    if (diff) problems.push(`behaves differently from the stripped source compiled without the plugin (${diff})`);
    return problems;
  }
  const sealed = expectSealed(variant, semantics);
  if (sealed && report.sealed !== report.n) problems.push(`only ${report.sealed}/${report.n} instances are sealed`);
  if (!sealed && report.sealed > 0) problems.push(`seal:"${variant.seal}" but ${report.sealed}/${report.n} instances are sealed`);
  if (variant.rejectsAdd && report.addTypeErrors !== report.probes) {
    problems.push(`adding a property threw a TypeError in ${report.addTypeErrors}/${report.probes} probes`);
  }
  if (!variant.rejectsAdd && report.addThrows > 0) problems.push(`seal:"${variant.seal}" but adding a property threw in ${report.addThrows}/${report.probes} probes`);
  if (report.ownMatchesFields !== report.n) {
    problems.push(`only ${report.ownMatchesFields}/${report.n} instances own exactly their declared fields`);
  }
  const maxMaps = Math.max(...Object.values(report.mapsPerClass));
  if (maxMaps !== 1) problems.push(`instances of one class have up to ${maxMaps} hidden classes (%HaveSameMap)`);
  return problems;
}

/**
 * The reference normal builds: each case's stripped source through TypeScript's transpileModule (target ES2022,
 * CommonJS, the semantics' useDefineForClassFields, no plugin), in BUILDS/reference-<semantics>/. Returns
 * { [semantics]: { [case]: path } }.
 */
export function writeReferences(semantics, caseNames) {
  const ts = createRequire(join(ROOT, "package.json"))("typescript");
  const out = {};
  for (const s of semantics) {
    const dir = join(BUILDS, `reference-${s.key}`);
    mkdirSync(dir, { recursive: true });
    out[s.key] = {};
    for (const name of caseNames) {
      const { code } = stripSlotsMarker(readFileSync(join(CASES_DIR, `${name}.ts`), "utf8"), `${name}.ts`);
      const js = ts.transpileModule(code, {
        fileName: `${name}.ts`,
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, useDefineForClassFields: s.udf, strict: true },
      }).outputText;
      writeFileSync(join(dir, `${name}.js`), js);
      out[s.key][name] = join(dir, `${name}.js`);
    }
  }
  return out;
}

/** fn over every item, two at a time (guard children are not timed); results in the items' order. */
async function inParallel(items, fn, width = 2) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

async function inspect(nodeBin, module, n) {
  const r = await run(nodeBin, ["--allow-natives-syntax", CHILD, JSON.stringify({ module, n })]);
  const report = lastJsonLine(r.stdout);
  if (r.code !== 0 || !report) return { error: `guard child failed (exit ${r.code}): ${r.stderr.trim().split("\n").slice(-3).join(" / ")}` };
  return { report };
}

/**
 * checks: [{ label, variant, semantics, module, caseName }]; references: writeReferences()'s result. Runs one guard
 * child per check (and per reference) under `nodeBin`, two at a time. Returns the reports; throws GuardRefusal listing every failure.
 */
export async function guard(checks, { nodeBin, n, progress, references }) {
  const refChecks = Object.entries(references).flatMap(([semantics, byCase]) =>
    Object.entries(byCase).map(([caseName, module]) => ({ semantics, caseName, module })),
  );
  progress.phaseStart("guard", checks.length + refChecks.length);
  const refReports = {};
  const failures = [];
  await inParallel(refChecks, async (ref) => {
    const { report, error } = await inspect(nodeBin, ref.module, n);
    if (error) failures.push(`  reference-${ref.semantics} / ${ref.caseName}: ${error}`);
    (refReports[ref.semantics] ??= {})[ref.caseName] = report ?? null;
    progress.step(`reference-${ref.semantics} ${ref.caseName}`);
  });
  const reports = await inParallel(checks, async (check) => {
    const { report, error } = await inspect(nodeBin, check.module, n);
    const reference = refReports[check.semantics]?.[check.caseName];
    const problems = error ? [error] : judge(check.variant, report, reference, check.semantics);
    // Where the plugin's output behaves like the normal build (every field assigned first thing in the constructor),
    // no run can tell them apart: said in the report rather than hidden.
    const sameAsNormal =
      report && reference && check.variant !== "normal"
        ? fingerprintDifference(report.fingerprint, reference.fingerprint) === null && report.sealed === reference.sealed && report.addThrows === reference.addThrows
        : null;
    progress.step(`${check.label} ${check.caseName}`);
    return { build: check.label, case: check.caseName, variant: check.variant, ok: problems.length === 0, problems, sameAsNormal, report };
  });
  for (const r of reports) if (r.problems.length) failures.push(`  ${r.build} / ${r.case}: ${r.problems.join("; ")}`);
  if (failures.length) {
    throw new GuardRefusal(
      `REFUSED: ${failures.length} build(s) are not what they claim to be, so no result is printed:\n${failures.join("\n")}`,
    );
  }
  return reports;
}
