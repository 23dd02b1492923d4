// cli/add.ts — owns `add`: which classes get @slots (from the audit's verdicts), the unified diff, writing, and
// idempotence. The edit itself is cli/decorate.ts's.
import * as fs from "fs";
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { ts } from "ts-morph";
import type { AuditRun, ClassReport, Finding } from "./audit";
import { decorateFile, slotsNameTakenReason } from "./decorate";

export interface AddOptions {
  write: boolean;
  /** Class names given on the command line; empty means every safe class. */
  names: readonly string[];
  /** Keeps only the classes this returns true for (the `--only` glob). */
  include: (c: ClassReport) => boolean;
}

export interface SkippedClass {
  file: string;
  line: number;
  name: string;
  reason: string;
}

export interface ChangedFile {
  file: string;
  classes: string[];
  patch: string;
}

export interface AddResult {
  changed: ChangedFile[];
  skipped: SkippedClass[];
  /** Things worth saying that are not skips, e.g. a needs-review class added because it was named. */
  notes: string[];
  /** Names given on the command line that match no class of the project. */
  unknownNames: string[];
}

function describeFinding(f: Finding): string {
  return `${f.message} (${f.file}:${f.line})`;
}

export function reasonToSkip(c: ClassReport): string {
  if (c.findings.some((f) => f.kind === "slots-name-taken")) return slotsNameTakenReason;
  const blockers = c.findings.filter((f) => f.blocks);
  if (c.status === "blocked") {
    const first = blockers[0];
    return first ? `blocked: ${describeFinding(first)}${blockers.length > 1 ? ` (+${blockers.length - 1} more)` : ""}` : "blocked";
  }
  const reviews = c.findings.filter((f) => f.category === "review");
  const first = reviews[0];
  return first
    ? `needs review: ${describeFinding(first)}${reviews.length > 1 ? ` (+${reviews.length - 1} more)` : ""}; name the class to add it anyway`
    : "needs review";
}


export function addSlots(run: AuditRun, checker: ts.TypeChecker, options: AddOptions): AddResult {
  const { result } = run;
  const known = new Set(result.classes.map((c) => c.name));
  const unknownNames = options.names.filter((n) => !known.has(n));
  const res: AddResult = { changed: [], skipped: [], notes: [], unknownNames };
  if (unknownNames.length) return res;

  res.notes.push(...result.warnings);
  const named = new Set(options.names);
  const byFile = new Map<ts.SourceFile, { decl: ts.ClassDeclaration; report: ClassReport }[]>();
  for (const c of result.classes) {
    if (!options.include(c)) continue;
    if (named.size && !named.has(c.name)) continue;
    if (c.status === "slots") continue; // already done: silent, so a second run is quiet
    const decl = run.declarationOf.get(c);
    if (!decl) continue;
    const skip = (reason: string): void => {
      res.skipped.push({ file: c.file, line: c.line, name: c.name, reason });
    };
    if (c.status === "blocked") {
      skip(reasonToSkip(c));
      continue;
    }
    if (!/\.(c|m)?tsx?$/.test(decl.getSourceFile().fileName)) {
      skip("not a TypeScript file");
      continue;
    }
    if (c.status === "needs-review") {
      if (!named.has(c.name)) {
        skip(reasonToSkip(c));
        continue;
      }
      res.notes.push(`adding @slots to ${c.file}:${c.line} ${c.name} as asked, although it ${reasonToSkip(c).replace(/; name the class.*$/, "")}`);
    }
    const list = byFile.get(decl.getSourceFile()) ?? [];
    list.push({ decl, report: c });
    byFile.set(decl.getSourceFile(), list);
  }

  const files = [...byFile.keys()].sort((a, b) => a.fileName.localeCompare(b.fileName));
  for (const sf of files) {
    const entries = byFile.get(sf) ?? [];
    const relFile = entries[0].report.file;
    const decorated = decorateFile(sf, entries.map((e) => e.decl), checker);
    if ("skip" in decorated) {
      for (const { report } of entries) res.skipped.push({ file: report.file, line: report.line, name: report.name, reason: decorated.skip });
      continue;
    }
    const text = sf.text;
    const updated = decorated.text;
    if (updated === text) continue;
    const patch = createTwoFilesPatch(`a/${relFile}`, `b/${relFile}`, text, updated, undefined, undefined, {
      context: 3,
      headerOptions: FILE_HEADERS_ONLY,
    });
    res.changed.push({ file: relFile, classes: entries.map((e) => e.report.name), patch });
    if (options.write) fs.writeFileSync(sf.fileName, updated);
  }
  res.skipped.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return res;
}
