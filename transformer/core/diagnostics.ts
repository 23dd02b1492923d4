// The one place where ts-slots problems become TypeScript diagnostics: the stable codes, their messages, and the
// conversion. Everything else in the transformer describes a problem as data (`SlotsProblem`) and hands it here.
import type * as ts from "typescript";

/**
 * Stable problem codes. Printed as `TSS<code>` in the message and carried as `990000 + code` in
 * `Diagnostic.code` (TypeScript's own codes stay below 100000), so `error TS991010` is `TSS1010`.
 */
export const ProblemCode = {
  /** `delete` of a property of a `@slots` instance: the seal makes it throw; assign `undefined` instead. */
  DeleteFromSlots: 1001,
  /** An element write (`x[key] = v`) on a `@slots` instance whose key is not statically a slot name. */
  ElementWrite: 1002,
  /** `Object.assign`/`defineProperty`/`defineProperties`, `Reflect.set`/`defineProperty` adding non-slot keys to a `@slots` instance. */
  ReflectiveAdd: 1003,
  /** An index signature in a `@slots` class: it promises keys the sealed instance cannot take. */
  IndexSignature: 1004,
  /** A `declare` field in a `@slots` class: ambient, so it never becomes a slot. */
  DeclareField: 1005,
  /** A write through a cast (`(this as any).x = v`) to a name the `@slots` class does not declare. */
  CastWrite: 1006,
  /** A `@slots` class whose base class ts-slots cannot see or that gains properties after construction (warning). */
  BaseShape: 1007,
  /** An assignment to a method (a prototype member) of a `@slots` instance, which would add an own property. */
  MethodWrite: 1008,
  /** `@slots` on a method, property, accessor or parameter. */
  NotAClass: 1010,
  /** `@slots` in a form the transformer cannot rewrite, e.g. called as a factory. */
  UnsupportedForm: 1011,
  /** A slot whose declared type cannot be resolved where the rewrite runs (warning): its placeholder is `undefined`. */
  UnresolvedSlotType: 1012,
  /** A `@slots` class whose prototype is patched or replaced from outside its body (a mixin, `setPrototypeOf`). */
  PrototypePatch: 1013,
  /** (review) A `@slots` instance flows into a place typed `any` or `unknown`, where code may add a property to it. */
  EscapeToAny: 1014,
  /** A `// ts-slots-expect-error` naming a code that is not reported on the next line. */
  UnusedSuppression: 1015,
  /** A `// ts-slots-expect-error` without a code, with a code no comment can silence, or without a reason. */
  MalformedSuppression: 1016,
  /** A constructor where the slot code cannot go after `super(...)`: a name there shadows a parameter property. */
  SlotCodePlacement: 1030,
  /** Under experimentalDecorators, `this` in a static property initializer of a `@slots` class (TypeScript's TS2816). */
  DecoratedStaticThis: 1020,
  /** Assign semantics: a slot without initialiser that a base constructor writes; the placeholder would replace it. */
  BaseConstructorWrite: 1021,
  /** An unknown plugin option. */
  UnknownOption: 9001,
  /** A plugin option with a value it cannot take. */
  InvalidOption: 9002,
  /** The transformer was loaded by a TypeScript outside the supported range. */
  UnsupportedTypeScript: 9003,
  /** A ts-patch plugin entry that names the package root (`"transform": "ts-slots"`) instead of `ts-slots/transformer`. */
  PackageRootEntry: 9004,
  /** The source rewrite found no TypeScript compiler API (the project's typescript is 7 or absent, no @ts-slots/cli). */
  TypeScriptApiMissing: 9005,
  /** The transformer failed on a class: a bug, reported instead of crashing the build. */
  InternalError: 9099,
} as const;
export type ProblemCode = (typeof ProblemCode)[keyof typeof ProblemCode];

/**
 * `review`: something a human should look at that is not an error of the build (an instance escaping to `any`, see
 * checks/escapes.ts). The build neither prints nor counts it; the editor shows it as a suggestion; `audit` keeps the
 * class out of `safe` for it.
 */
export type Severity = "error" | "warning" | "review";

/** Which option of the plugin entry a problem is about, and whether its name or its value is wrong. */
export interface OptionSubject {
  key: string;
  part: "key" | "value";
}

/**
 * A span that no node stands for: in a file that is not a source of the program (a tsconfig file, whose nodes have no
 * parents), or in a comment of a source file (a suppression directive).
 */
export interface ProblemLocation {
  file: ts.SourceFile;
  start: number;
  length: number;
}

/** A problem as data: what went wrong, where, and how bad. */
export interface SlotsProblem {
  code: ProblemCode;
  severity: Severity;
  message: string;
  /** The offending node; absent for problems of the configuration. */
  node?: ts.Node;
  /** Problems of the configuration: the option concerned (set by the options parser). */
  option?: OptionSubject;
  /** Problems of the configuration: where the option is written, when that file could be read. */
  location?: ProblemLocation;
  /** The class the problem is about, when the check knows it (audit attributes problems to classes by it). */
  subject?: ts.ClassLikeDeclaration;
}

export const diagnosticCodeBase = 990000;

export function problemLabel(code: ProblemCode): string {
  return `TSS${code}`;
}

/**
 * Where a code is explained: its section of docs/diagnostics.md, which ships in the package. Written relative to the
 * package (no repository URL is known, and npm's page has no anchors into other files).
 */
export function referenceOf(code: ProblemCode): string {
  return `see ts-slots docs/diagnostics.md#${problemLabel(code).toLowerCase()}`;
}

/** `ts-slots TSS1001: <message> (see ts-slots docs/diagnostics.md#tss1001)`: the text every route shows. */
export function problemText(code: ProblemCode, message: string): string {
  return `ts-slots ${problemLabel(code)}: ${message} (${referenceOf(code)})`;
}

function categoryOf(severity: Severity, tsApi: typeof ts): ts.DiagnosticCategory {
  if (severity === "error") return tsApi.DiagnosticCategory.Error;
  return severity === "warning" ? tsApi.DiagnosticCategory.Warning : tsApi.DiagnosticCategory.Suggestion;
}

/** Converts a problem into a diagnostic positioned at its node or location (or a global one). */
export function toDiagnostic(problem: SlotsProblem, tsApi: typeof ts): ts.Diagnostic {
  if (!problem.node && problem.location) {
    const { file, start, length } = problem.location;
    return { ...toDiagnostic({ ...problem, location: undefined }, tsApi), file, start, length };
  }
  const file = problem.node?.getSourceFile();
  const start = problem.node && file ? problem.node.getStart(file) : undefined;
  return {
    category: categoryOf(problem.severity, tsApi),
    code: diagnosticCodeBase + problem.code,
    messageText: problemText(problem.code, problem.message),
    file,
    start,
    length: problem.node && file && start !== undefined ? problem.node.getEnd() - start : undefined,
    source: "ts-slots",
  };
}

/** A problem as the bundler plugins and the Node loader report it: the fields their channels take, and tsc's line. */
export interface ProblemReport {
  code: ProblemCode;
  /** `TSS1001` */
  label: string;
  severity: Severity;
  /** `ts-slots TSS1001: ...`, as in the diagnostic. */
  message: string;
  fileName?: string;
  /** 1-based, as editors and bundlers print them. */
  line?: number;
  column?: number;
  start?: number;
  length?: number;
  /** `src/a.ts(3,5): error TS991001: ts-slots TSS1001: ...`, exactly as tsc prints the diagnostic. */
  text: string;
}

export function toReport(problem: SlotsProblem, tsApi: typeof ts, currentDirectory: string): ProblemReport {
  const diagnostic = toDiagnostic(problem, tsApi);
  const host: ts.FormatDiagnosticsHost = {
    getCurrentDirectory: () => currentDirectory,
    getCanonicalFileName: (fileName) => fileName,
    getNewLine: () => "\n",
  };
  const position = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : undefined;
  return {
    code: problem.code,
    label: problemLabel(problem.code),
    severity: problem.severity,
    message: tsApi.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
    fileName: diagnostic.file?.fileName,
    line: position && position.line + 1,
    column: position && position.character + 1,
    start: diagnostic.start,
    length: diagnostic.length,
    text: tsApi.formatDiagnostic(diagnostic, host).trimEnd(),
  };
}
