// The one place where ts-slots problems become TypeScript diagnostics: the stable codes, their messages, and the
// conversion. Everything else in the transformer describes a problem as data (`SlotsProblem`) and hands it here.
import type * as ts from "typescript";

/**
 * Stable problem codes. Printed as `TSS<code>` in the message and carried as `990000 + code` in
 * `Diagnostic.code` (TypeScript's own codes stay below 100000), so `error TS991010` is `TSS1010`.
 */
export const ProblemCode = {
  /** `@slots` on a method, property, accessor or parameter. */
  NotAClass: 1010,
  /** `@slots` in a form the transformer cannot rewrite, e.g. called as a factory. */
  UnsupportedForm: 1011,
  /** An unknown plugin option. */
  UnknownOption: 9001,
  /** A plugin option with a value it cannot take. */
  InvalidOption: 9002,
  /** The transformer was loaded by a TypeScript outside the supported range. */
  UnsupportedTypeScript: 9003,
  /** The transformer failed on a class: a bug, reported instead of crashing the build. */
  InternalError: 9099,
} as const;
export type ProblemCode = (typeof ProblemCode)[keyof typeof ProblemCode];

export type Severity = "error" | "warning";

/** A problem as data: what went wrong, where, and how bad. */
export interface SlotsProblem {
  code: ProblemCode;
  severity: Severity;
  message: string;
  /** The offending node; absent for problems of the configuration. */
  node?: ts.Node;
}

export const diagnosticCodeBase = 990000;

export function problemLabel(code: ProblemCode): string {
  return `TSS${code}`;
}

/** Converts a problem into a diagnostic positioned at its node (or a global one). */
export function toDiagnostic(problem: SlotsProblem, tsApi: typeof ts): ts.Diagnostic {
  const file = problem.node?.getSourceFile();
  const start = problem.node && file ? problem.node.getStart(file) : undefined;
  return {
    category: problem.severity === "error" ? tsApi.DiagnosticCategory.Error : tsApi.DiagnosticCategory.Warning,
    code: diagnosticCodeBase + problem.code,
    messageText: `ts-slots ${problemLabel(problem.code)}: ${problem.message}`,
    file,
    start,
    length: problem.node && file && start !== undefined ? problem.node.getEnd() - start : undefined,
    source: "ts-slots",
  };
}
