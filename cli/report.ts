// cli/report.ts — owns rendering an audit: the text report, the JSON document, and the summary ranked by likely benefit.
import type { AuditResult, ClassReport, ClassStatus, Finding } from "./audit";

const STATUS_ORDER: Record<ClassStatus, number> = { safe: 0, "needs-review": 1, blocked: 2, slots: 3 };

/** Classes that could still gain from @slots, best first: benefit, then safe before the rest, then place. */
export function rankByBenefit(classes: readonly ClassReport[]): ClassReport[] {
  return classes
    .filter((c) => c.status !== "slots")
    .sort(
      (a, b) =>
        b.benefit - a.benefit ||
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        a.file.localeCompare(b.file) ||
        a.line - b.line,
    );
}

export interface Counts {
  classes: number;
  safe: number;
  blocked: number;
  needsReview: number;
  slots: number;
}

export function countStatuses(classes: readonly ClassReport[]): Counts {
  const n = (s: ClassStatus): number => classes.filter((c) => c.status === s).length;
  return { classes: classes.length, safe: n("safe"), blocked: n("blocked"), needsReview: n("needs-review"), slots: n("slots") };
}

function reasonList(c: ClassReport): string {
  const shown = c.reasons.slice(0, 3).join("; ");
  return c.reasons.length > 3 ? `${shown}; +${c.reasons.length - 3} more` : shown;
}

function statusText(c: ClassReport): string {
  switch (c.status) {
    case "safe":
      return "safe";
    case "slots":
      return c.reasons.length ? `already @slots, but ${reasonList(c)} will throw once sealed` : "already @slots";
    case "blocked":
      return `blocked by ${reasonList(c)}`;
    case "needs-review":
      return `needs review: ${reasonList(c)}`;
  }
}

function findingTag(f: Finding, c: ClassReport): string {
  if (f.blocks) return c.status === "slots" ? " [throws under @slots]" : " [blocks @slots]";
  if (f.category === "review") return " [needs review]";
  return "";
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export interface TextOptions {
  /** How many rows the ranked summary shows (all when undefined). */
  top?: number;
  /** The `-p` argument to repeat in the suggested `add` command. */
  projectArg?: string;
}

export function renderText(result: AuditResult, classes: readonly ClassReport[], options: TextOptions = {}): string {
  const out: string[] = [];
  const fileCount = new Set(classes.map((c) => c.file)).size;
  out.push(
    `ts-slots audit: ${result.config}, ${plural(classes.length, "class", "classes")} in ${plural(fileCount, "file")} ` +
      `(${plural(result.files, "source file")}; target ${result.target}, useDefineForClassFields ${result.useDefineForClassFields ? "on" : "off"})`,
  );
  out.push("");
  for (const c of classes) {
    out.push(`${c.file}:${c.line} class ${c.name}${c.abstract ? " (abstract)" : ""}: ${statusText(c)}`);
    for (const f of c.findings) {
      out.push(`  ${f.file}:${f.line}:${f.column} ${f.kind}${findingTag(f, c)}: ${f.message}`);
    }
  }
  if (!classes.length) out.push("(no classes)");
  for (const w of result.warnings) out.push(`warning: ${w}`);
  for (const f of result.unattributed) out.push(`${f.file}:${f.line}:${f.column} ${f.kind} (no class of the project): ${f.message}`);

  const rankedAll = rankByBenefit(classes);
  const ranked = rankedAll.filter((c) => c.benefit > 0);
  out.push("");
  out.push("Summary, ranked by likely benefit:");
  const shown = options.top === undefined ? ranked : ranked.slice(0, options.top);
  const width = (f: (c: ClassReport) => string): number => Math.max(0, ...shown.map((c) => f(c).length));
  const nameW = width((c) => c.name);
  const statusW = width((c) => c.status);
  const benefitW = width((c) => String(c.benefit));
  const placeW = width((c) => `${c.file}:${c.line}`);
  const rankW = String(shown.length).length;
  shown.forEach((c, i) => {
    out.push(
      `  ${String(i + 1).padStart(rankW)}. ${c.name.padEnd(nameW)}  ${c.status.padEnd(statusW)}  benefit ${String(c.benefit).padStart(benefitW)}  ` +
        `${`${c.file}:${c.line}`.padEnd(placeW)}  ${c.benefitWhy}`,
    );
  });
  if (shown.length < ranked.length) out.push(`  ... and ${ranked.length - shown.length} more (--json lists all)`);
  const flat = rankedAll.length - ranked.length;
  if (flat) out.push(`  ${shown.length ? "plus " : ""}${plural(flat, "class", "classes")} with no shape or numeric findings`);
  if (!rankedAll.length && classes.length) out.push("  nothing left to gain: every class is already @slots");
  const n = countStatuses(classes);
  out.push("");
  out.push(
    `${plural(n.safe, "safe candidate")} for @slots (${plural(n.classes, "class", "classes")}: ` +
      `${n.safe} safe, ${n.blocked} blocked, ${n.needsReview} need${n.needsReview === 1 ? "s" : ""} review, ${n.slots} already @slots).`,
  );
  if (n.safe > 0) {
    const p = options.projectArg !== undefined ? ` -p ${options.projectArg}` : "";
    out.push(`Next: \`npx ts-slots add${p}\` shows the diff; add \`--write\` to apply it.`);
  }
  return `${out.join("\n")}\n`;
}

export function renderJson(result: AuditResult, classes: readonly ClassReport[]): string {
  const doc = {
    version: 1,
    config: result.config,
    target: result.target,
    useDefineForClassFields: result.useDefineForClassFields,
    files: result.files,
    rounds: result.rounds,
    warnings: result.warnings,
    unattributed: result.unattributed,
    summary: {
      ...countStatuses(classes),
      ranking: rankByBenefit(classes).map((c) => ({
        name: c.name,
        file: c.file,
        line: c.line,
        status: c.status,
        benefit: c.benefit,
        why: c.benefitWhy,
      })),
    },
    classes,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
