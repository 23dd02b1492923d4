// cli/audit/types.ts — owns the audit's data model: a report per class (its verdict and findings) and the whole run.
import type { ts } from "ts-morph";

export type ClassStatus = "safe" | "blocked" | "needs-review" | "slots";

/**
 * shape/numeric: what @slots fixes (the audit's own findings); blocker: a ts-slots error the build would report with
 * @slots on the class; review: a warning or review problem of the build's checks, or a reason `add` leaves it alone.
 */
export type FindingCategory = "shape" | "numeric" | "blocker" | "review";

/** What @slots would buy (audit only). */
export type ShapeKind = "unassigned-field" | "conditional-field" | "numeric-undefined";
/** Why `add` does not touch a class by itself, beyond what the build's checks say. */
export type ReviewKind = "other-decorator" | "not-a-module" | "javascript-file" | "slots-name-taken";
/** A problem of the build's own checks (transformer/core/checks), named by its stable code: `TSS1002`. */
export type CheckKind = `TSS${number}`;
/** A TypeScript diagnostic that the file has with `@slots` on the class and has not without: `TS1238`. */
export type TypeScriptKind = `TS${number}`;
export type FindingKind = ShapeKind | ReviewKind | CheckKind | TypeScriptKind;

export interface Finding {
  kind: FindingKind;
  category: FindingCategory;
  /** True when this finding alone keeps `add` from touching the class (a ts-slots error under @slots). */
  blocks: boolean;
  file: string;
  line: number;
  column: number;
  field?: string;
  message: string;
}

export interface ClassReport {
  name: string;
  file: string;
  line: number;
  column: number;
  abstract: boolean;
  status: ClassStatus;
  /** Why the class is blocked or needs review (empty when safe). */
  reasons: string[];
  /** Own instance fields in declaration order (parameter properties first, as TypeScript emits them). */
  fields: string[];
  newSites: number;
  /** `new` sites inside loops or callbacks: likely to create many instances. */
  hotNewSites: number;
  benefit: number;
  /** Human summary of what the benefit score counts. */
  benefitWhy: string;
  findings: Finding[];
}

export interface AuditResult {
  /** tsconfig path relative to the working directory. */
  config: string;
  /** Absolute directory of the tsconfig; report paths are relative to it. */
  rootDir: string;
  target: string;
  useDefineForClassFields: boolean;
  files: number;
  /** How many times the build's checks ran over the program with @slots assumed, until no candidate drew a problem. */
  rounds: number;
  classes: ClassReport[];
  /** What keeps any decoration from type-checking in this project (the `ts-slots` import does not resolve). */
  warnings: string[];
  /** Problems of the build's checks that no class of the report is the subject of (should stay empty). */
  unattributed: Finding[];
}

/** An audit plus the declaration behind each class report (for `add`, which edits them). */
export interface AuditRun {
  result: AuditResult;
  declarationOf: ReadonlyMap<ClassReport, ts.ClassDeclaration>;
}

export interface AuditOptions {
  cwd: string;
  /** Run the review checks too (escapes to any/unknown, TSS1014); default true. False only to measure what they move. */
  review?: boolean;
  onProgress?: (phase: string, done: number, total: number) => void;
}
