// One-line suppressions: `// ts-slots-expect-error TSS1006 -- why` silences the named codes on the next line, the way
// `// @ts-expect-error` and `// eslint-disable-next-line` do. Applied by `checkFile` (index.ts) to what the rule
// engine found, so that every route (tspc, the source rewrite, `ts-slots check`, the editor, the audit) honours the
// same comments. A directive that names no code, an unknown code or no reason is reported (TSS1016) and silences
// nothing; a code it names that is not reported on that line is reported too (TSS1015), where the route sees the
// whole program (a one-file mode cannot tell a problem it cannot see from one that is not there).
import type * as ts from "typescript";
import { ProblemCode, problemLabel, type SlotsProblem } from "../diagnostics";

/** The directive's name, after `//`. */
export const suppressionDirective = "ts-slots-expect-error";

/**
 * The codes the rule engine reports at a line of a source file, and so the codes a comment can silence. The others
 * are about the configuration (TSS9xxx), the build mode (TSS1012: the placeholders of a one-file build) or a bug.
 */
export const suppressibleCodes: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  ProblemCode.DeleteFromSlots,
  ProblemCode.ElementWrite,
  ProblemCode.ReflectiveAdd,
  ProblemCode.IndexSignature,
  ProblemCode.DeclareField,
  ProblemCode.CastWrite,
  ProblemCode.BaseShape,
  ProblemCode.MethodWrite,
  ProblemCode.NotAClass,
  ProblemCode.UnsupportedForm,
  ProblemCode.PrototypePatch,
  ProblemCode.EscapeToAny,
]);

interface NamedCode {
  code: ProblemCode;
  /** Where `TSSnnnn` is written in the comment, for the unused report. */
  start: number;
  length: number;
}

/** A well-formed directive, written on `line` (0-based): the codes it silences on the next line of code. */
interface Suppression {
  line: number;
  codes: NamedCode[];
}

interface Scanned {
  suppressions: Suppression[];
  malformed: SlotsProblem[];
}

/**
 * A line that is only a `//` comment starting with `ts-slots-<word>` (an optional `@` before it): the directive or a
 * near miss of it. Like the directives users know, it stands on a line of its own, above the line it is about.
 */
const candidatePattern = /^[ \t]*\/\/[ \t]*@?ts-slots-([A-Za-z-]*)([^\r\n]*)/gm;

const literalKinds = (kind: typeof ts.SyntaxKind): readonly ts.SyntaxKind[] => [
  kind.StringLiteral,
  kind.NoSubstitutionTemplateLiteral,
  kind.TemplateHead,
  kind.TemplateMiddle,
  kind.TemplateTail,
  kind.RegularExpressionLiteral,
  kind.JsxText,
];

/** Whether `position` is in trivia (a comment) rather than inside a literal whose text merely looks like one. */
function isInComment(file: ts.SourceFile, position: number, tsApi: typeof ts): boolean {
  const literals = literalKinds(tsApi.SyntaxKind);
  let inLiteral = false;
  // Children come in source order: stop at the first one that starts after the position (a truthy return).
  const visit = (node: ts.Node): boolean => {
    if (node.pos > position) return true;
    if (position < node.getStart(file) || position >= node.end) return false;
    if (literals.includes(node.kind)) inLiteral = true;
    else tsApi.forEachChild(node, visit);
    return true;
  };
  tsApi.forEachChild(file, visit);
  return !inLiteral;
}

function malformed(file: ts.SourceFile, start: number, length: number, message: string): SlotsProblem {
  return { code: ProblemCode.MalformedSuppression, severity: "error", message, location: { file, start, length } };
}

const usage = `Write \`// ${suppressionDirective} TSS1006 -- the reason\` on the line before the one to silence (several codes: \`TSS1006, TSS1001\`).`;

/** One directive's text after its name: its codes and its reason, or why it is not a directive ts-slots can honour. */
function parseDirective(file: ts.SourceFile, start: number, word: string, rest: string, restStart: number): Suppression | SlotsProblem {
  const whole = rest.length + (restStart - start);
  if (word !== "expect-error") {
    return malformed(file, start, whole, `\`ts-slots-${word}\` is not a ts-slots directive, so it silences nothing. ${usage}`);
  }
  const separator = rest.indexOf("--");
  const codesText = separator === -1 ? rest : rest.slice(0, separator);
  const reason = separator === -1 ? "" : rest.slice(separator + 2).trim();
  const codes: NamedCode[] = [];
  const tokenPattern = /[^\s,]+/g;
  for (let match = tokenPattern.exec(codesText); match; match = tokenPattern.exec(codesText)) {
    const token = match[0];
    const tokenStart = restStart + match.index;
    const number = /^TSS(\d{4})$/i.exec(token);
    const code = number ? (Number(number[1]) as ProblemCode) : undefined;
    if (code === undefined || !suppressibleCodes.has(code)) {
      const known = code !== undefined && (Object.values(ProblemCode) as number[]).includes(code);
      const why = known
        ? `${token.toUpperCase()} is not reported at a line of code, so a comment cannot silence it (see its section in docs/diagnostics.md).`
        : `\`${token}\` is not a ts-slots code that a comment can silence (${[...suppressibleCodes].map(problemLabel).join(", ")}).`;
      return malformed(file, tokenStart, token.length, `${why} This ${suppressionDirective} silences nothing. ${usage}`);
    }
    codes.push({ code, start: tokenStart, length: token.length });
  }
  if (codes.length === 0) return malformed(file, start, whole, `This ${suppressionDirective} names no code, so it silences nothing. ${usage}`);
  if (!reason) return malformed(file, start, whole, `This ${suppressionDirective} gives no reason, so it silences nothing: say why after \`--\`. ${usage}`);
  return { line: file.getLineAndCharacterOfPosition(start).line, codes };
}

/** Every `ts-slots-…` line comment of the file, parsed. Files that never mention the directive cost one `includes`. */
function scan(file: ts.SourceFile, tsApi: typeof ts): Scanned {
  const found: Scanned = { suppressions: [], malformed: [] };
  const text = file.text;
  if (!text.includes("ts-slots-")) return found;
  candidatePattern.lastIndex = 0;
  for (let match = candidatePattern.exec(text); match; match = candidatePattern.exec(text)) {
    if (!isInComment(file, match.index, tsApi)) continue;
    const restStart = match.index + match[0].length - match[2].length;
    const nameStart = match.index + match[0].indexOf("ts-slots-");
    const parsed = parseDirective(file, nameStart, match[1], match[2], restStart);
    if ("codes" in parsed) found.suppressions.push(parsed);
    else found.malformed.push(parsed);
  }
  return found;
}

export interface SuppressionSettings {
  /**
   * Report named codes no problem matched (TSS1015). Only where the route sees the whole program: a one-file mode may
   * miss a problem that needs types from another file.
   */
  reportUnused: boolean;
  /** Codes the route did not look for (review codes in a build): never reported unused. */
  notLookedFor: ReadonlySet<ProblemCode>;
}

/**
 * The directives that apply to a line: those on the lines above it, up to the first line that holds code. Blank and
 * `//` lines in between are skipped, as TypeScript does for `// @ts-expect-error`.
 */
function directivesAbove(line: number, file: ts.SourceFile, byLine: ReadonlyMap<number, readonly Suppression[]>): Suppression[] {
  const starts = file.getLineStarts();
  const found: Suppression[] = [];
  for (let above = line - 1; above >= 0; above--) {
    found.push(...(byLine.get(above) ?? []));
    const text = file.text.slice(starts[above], starts[above + 1] ?? file.text.length).trim();
    if (text !== "" && !text.startsWith("//")) break;
  }
  return found;
}

function lineOf(problem: SlotsProblem, file: ts.SourceFile): number | undefined {
  if (problem.node) return problem.node.getSourceFile() === file ? file.getLineAndCharacterOfPosition(problem.node.getStart(file)).line : undefined;
  if (problem.location?.file === file) return file.getLineAndCharacterOfPosition(problem.location.start).line;
  return undefined;
}

/** The problems left once the file's directives have silenced theirs, plus the directives' own problems. */
export function applySuppressions(problems: readonly SlotsProblem[], file: ts.SourceFile, tsApi: typeof ts, settings: SuppressionSettings): SlotsProblem[] {
  const { suppressions, malformed: malformedDirectives } = scan(file, tsApi);
  if (suppressions.length === 0) return malformedDirectives.length === 0 ? [...problems] : [...problems, ...malformedDirectives];
  const byLine = new Map<number, Suppression[]>();
  for (const suppression of suppressions) byLine.set(suppression.line, [...(byLine.get(suppression.line) ?? []), suppression]);
  const used = new Set<NamedCode>();
  const kept = problems.filter((problem) => {
    const line = lineOf(problem, file);
    const named = line === undefined ? [] : directivesAbove(line, file, byLine).flatMap((suppression) => suppression.codes.filter((entry) => entry.code === problem.code));
    named.forEach((entry) => used.add(entry));
    return named.length === 0;
  });
  const unused = settings.reportUnused
    ? suppressions.flatMap((suppression) =>
        suppression.codes
          .filter((entry) => !used.has(entry) && !settings.notLookedFor.has(entry.code))
          .map(
            (entry): SlotsProblem => ({
              code: ProblemCode.UnusedSuppression,
              severity: "error",
              message: `${problemLabel(entry.code)} is not reported on the next line, so this ${suppressionDirective} silences nothing: remove it (or the code from it).`,
              location: { file, start: entry.start, length: entry.length },
            }),
          ),
      )
    : [];
  return [...kept, ...malformedDirectives, ...unused];
}
