// cli/audit/engine.ts — owns the audit's verdicts, computed by the build's own checks: every candidate class gets
// @slots in memory (the very text edits `add --write` makes, cli/add.ts decorateFile), transformer/core/checks checkFile
// runs over that hypothetical program, and every class a problem is about loses its decoration; this repeats until no
// candidate draws a problem. A class that survives is safe by construction: the build's checks, given exactly what
// `add` writes, say nothing about it.
import * as path from "path";
import { ts } from "ts-morph";
import { checkFile } from "../../transformer/core/checks";
import { createProgramScope, createScope } from "../../transformer/core/checks/scope";
import type { SlotsProblem } from "../../transformer/core/diagnostics";
import { decorateFile, originalPosition, type TextEdit } from "../decorate";
import type { LoadedProject } from "../project";
import { subjectsOf } from "./attribution";
import { asTsChecker, asTsNode, asTsOptions, fromTsNode, tsApi } from "./morphBridge";

/** A problem of the build's checks, placed in the user's (unedited) file. */
export interface PlacedProblem {
  problem: SlotsProblem;
  file: ts.SourceFile;
  /** Position in the original text of `file`. */
  start: number;
}

/** A TypeScript diagnostic that the decorated text has and the user's text has not, placed in the user's file. */
export interface NewDiagnostic {
  code: number;
  message: string;
  file: ts.SourceFile;
  /** Position in the original text of `file`. */
  start: number;
}

export interface EngineResult {
  /** TypeScript diagnostics the decoration adds, by the class they are charged to (its decoration was taken away). */
  diagnosticsOf: Map<ts.ClassDeclaration, NewDiagnostic[]>;
  /** What the project lacks for any decoration to type-check (the `ts-slots` import does not resolve). */
  warnings: string[];
  /** Problems about each class (keyed by the original declaration): those that made it lose @slots, or, for classes already @slots, those it draws. */
  problemsOf: Map<ts.ClassDeclaration, PlacedProblem[]>;
  /** Candidates that kept @slots through the last round: the build's checks accept them. */
  accepted: Set<ts.ClassDeclaration>;
  unattributed: PlacedProblem[];
  rounds: number;
}

/** The class declarations of a file in source order: the same list for a file and its decorated text. */
function classDeclarationsOf(file: ts.SourceFile): ts.ClassDeclaration[] {
  const found: ts.ClassDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

interface EditedFile {
  text: string;
  edits: readonly TextEdit[];
}

/** The project's program with some files' texts replaced; unchanged files are the loaded program's own source files. */
function programWith(loaded: LoadedProject, edited: ReadonlyMap<string, EditedFile>): ts.Program {
  const options = loaded.program.getCompilerOptions();
  const host = ts.createCompilerHost(options, true);
  const readFromDisk = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const replaced = edited.get(path.resolve(fileName));
    if (replaced) return ts.createSourceFile(fileName, replaced.text, languageVersion, true);
    return loaded.program.getSourceFile(fileName) ?? readFromDisk(fileName, languageVersion, onError, shouldCreate);
  };
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => edited.get(path.resolve(fileName))?.text ?? loaded.program.getSourceFile(fileName)?.text ?? readFile(fileName);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => loaded.program.getSourceFile(fileName) !== undefined || fileExists(fileName);
  // ts-morph keeps TypeScript's lib files in memory, not on disk: take them where the loaded program found them.
  const libFile = loaded.program.getSourceFiles().find((file) => loaded.program.isSourceFileDefaultLibrary(file));
  if (libFile) {
    const libDirectory = path.posix.dirname(libFile.fileName);
    host.getDefaultLibLocation = () => libDirectory;
    host.getDefaultLibFileName = (compilerOptions) => path.posix.join(libDirectory, ts.getDefaultLibFileName(compilerOptions));
  }
  return ts.createProgram({ rootNames: loaded.program.getRootFileNames(), options, host, oldProgram: loaded.program });
}

export interface EngineInput {
  loaded: LoadedProject;
  /** Classes `add` would decorate by itself (TypeScript, in a module, not already @slots). */
  candidates: readonly ts.ClassDeclaration[];
  /** Whether the review families run (escapes): a class they are about needs review. */
  review: boolean;
  /**
   * Candidates `add` leaves for review whatever the checks say (another decorator, a global script): @slots in the
   * first round, for their own problems, and plain after it, as `add` leaves them, so that their subclasses are judged
   * on the base they will really have (the audit round trip's seed 1900: a subclass of a plain `@mark` base).
   */
  staysPlain?: ReadonlySet<ts.ClassDeclaration>;
  onRound?: (round: number, file: number, files: number) => void;
}

/** The syntactic and semantic diagnostics of one file, as `code@start` keys with how often each occurs. */
function diagnosticsOfFile(program: ts.Program, file: ts.SourceFile): ts.Diagnostic[] {
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
}

/** A diagnostic that says the ts-slots import does not resolve: a fact about the project, not about a class. */
function isMissingPackage(diagnostic: ts.Diagnostic): boolean {
  return [2307, 2792, 7016].includes(diagnostic.code) && /['"]ts-slots['"]/.test(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
}

/**
 * The diagnostics of the decorated file that the user's file does not have (compared by code and original position,
 * counted), each charged to the innermost decorated class around it, or to every decorated class of the file when
 * none is (an error on the added import).
 */
function newDiagnostics(
  before: readonly ts.Diagnostic[],
  after: readonly ts.Diagnostic[],
  edits: readonly TextEdit[],
  original: ts.SourceFile,
  decorated: readonly ts.ClassDeclaration[],
): { diagnostic: ts.Diagnostic; start: number; classes: ts.ClassDeclaration[] }[] {
  const keyOf = (code: number, start: number): string => `${code}@${start}`;
  const remaining = new Map<string, number>();
  for (const d of before) {
    const key = keyOf(d.code, d.start ?? -1);
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  const found: { diagnostic: ts.Diagnostic; start: number; classes: ts.ClassDeclaration[] }[] = [];
  for (const d of after) {
    const start = d.start === undefined ? -1 : originalPosition(edits, d.start);
    const key = keyOf(d.code, start);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      continue;
    }
    const around = decorated.filter((decl) => decl.getSourceFile() === original && decl.getFullStart() <= start && start < decl.end);
    const innermost = around.sort((a, b) => a.end - a.getFullStart() - (b.end - b.getFullStart()))[0];
    found.push({ diagnostic: d, start, classes: innermost ? [innermost] : decorated.filter((decl) => decl.getSourceFile() === original) });
  }
  return found;
}

export function runEngine({ loaded, candidates, review, staysPlain, onRound }: EngineInput): EngineResult {
  const originalFiles = new Map(loaded.sourceFiles.map((file) => [path.resolve(file.fileName), file]));
  const originalClasses = new Map([...originalFiles].map(([fileName, file]) => [fileName, classDeclarationsOf(file)]));
  const isCandidate = new Set(candidates);

  const decorated = new Set(candidates);
  const problemsOf = new Map<ts.ClassDeclaration, PlacedProblem[]>();
  const diagnosticsOf = new Map<ts.ClassDeclaration, NewDiagnostic[]>();
  const warnings = new Set<string>();
  const diagnosticsBefore = new Map<string, ts.Diagnostic[]>();
  const unattributed: PlacedProblem[] = [];
  let rounds = 0;
  for (;;) {
    rounds++;
    const byFile = new Map<ts.SourceFile, ts.ClassDeclaration[]>();
    for (const decl of decorated) {
      const file = decl.getSourceFile();
      byFile.set(file, [...(byFile.get(file) ?? []), decl]);
    }
    const edited = new Map<string, EditedFile>();
    for (const [file, decls] of byFile) {
      const result = decorateFile(file, decls, loaded.checker);
      // A file `add` cannot edit: its classes are no candidates (the caller filters them out beforehand).
      if ("skip" in result) for (const decl of decls) decorated.delete(decl);
      else edited.set(path.resolve(file.fileName), result);
    }
    const program = programWith(loaded, edited);
    const checker = program.getTypeChecker();
    const removed = new Set<ts.ClassDeclaration>();
    const roundProblems = new Map<ts.ClassDeclaration, PlacedProblem[]>();
    const roundUnattributed: PlacedProblem[] = [];
    // Every @slots class of the hypothetical program: an escape typed as a base class or interface counts against each.
    const programScope = createProgramScope(asTsChecker(checker), tsApi, asTsOptions(program.getCompilerOptions()), program.getSourceFiles().map((file) => asTsNode(file)));
    programScope.slotsClasses = [...originalFiles.keys()].flatMap((fileName) => {
      const file = program.getSourceFile(originalFiles.get(fileName)?.fileName ?? fileName);
      return file ? classDeclarationsOf(file).map((decl) => asTsNode(decl)).filter((decl) => programScope.slots.isSlotsClass(decl)) : [];
    });
    const files = [...originalFiles.keys()];
    files.forEach((fileName, i) => {
      onRound?.(rounds, i, files.length);
      const original = originalFiles.get(fileName) as ts.SourceFile;
      const file = program.getSourceFile(original.fileName);
      if (!file) return;
      const checkedFile = asTsNode(file);
      const typedChecker = asTsChecker(checker);
      const problems = checkFile(checkedFile, typedChecker, tsApi, { review, program: programScope });
      if (problems.length === 0) return;
      const scope = createScope(checkedFile, typedChecker, tsApi, programScope);
      const classesHere = new Map<string, ts.ClassDeclaration[]>();
      const originalClassOf = (subject: ts.Node | undefined): ts.ClassDeclaration | undefined => {
        if (!subject || !ts.isClassDeclaration(subject)) return undefined;
        const subjectFile = subject.getSourceFile();
        const key = path.resolve(subjectFile.fileName);
        const originals = originalClasses.get(key);
        if (!originals) return undefined;
        if (!classesHere.has(key)) classesHere.set(key, classDeclarationsOf(subjectFile));
        const index = (classesHere.get(key) ?? []).indexOf(subject);
        return index < 0 ? undefined : originals[index];
      };
      for (const problem of problems) {
        const node = problem.node ? fromTsNode(problem.node) : undefined;
        const editedFile = edited.get(fileName);
        const hypotheticalStart = node ? node.getStart(file) : (problem.location?.start ?? 0); // a suppression comment has a span, not a node
        const placed: PlacedProblem = {
          problem,
          file: original,
          start: editedFile ? originalPosition(editedFile.edits, hypotheticalStart) : hypotheticalStart,
        };
        const subjects = subjectsOf(problem, scope).flatMap((subject) => originalClassOf(fromTsNode(subject)) ?? []);
        if (subjects.length === 0) roundUnattributed.push(placed);
        for (const subject of subjects) {
          roundProblems.set(subject, [...(roundProblems.get(subject) ?? []), placed]);
          if (decorated.has(subject)) removed.add(subject);
        }
      }
    });
    // What TypeScript itself says about the decorated files, against what it said about the user's.
    for (const [fileName, editedFile] of edited) {
      const original = originalFiles.get(fileName);
      const file = program.getSourceFile(original?.fileName ?? fileName);
      if (!original || !file) continue;
      if (!diagnosticsBefore.has(fileName)) diagnosticsBefore.set(fileName, diagnosticsOfFile(loaded.program, original));
      const decoratedHere = [...decorated].filter((decl) => decl.getSourceFile() === original);
      const found = newDiagnostics(diagnosticsBefore.get(fileName) ?? [], diagnosticsOfFile(program, file), editedFile.edits, original, decoratedHere);
      for (const { diagnostic, start, classes } of found) {
        const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
        if (isMissingPackage(diagnostic)) {
          warnings.add(`TypeScript cannot resolve the \`ts-slots\` import here (TS${diagnostic.code}): install ts-slots in the project so that what \`add\` writes type-checks`);
          continue;
        }
        for (const decl of classes) {
          diagnosticsOf.set(decl, [...(diagnosticsOf.get(decl) ?? []), { code: diagnostic.code, message, file: original, start }]);
          removed.add(decl);
        }
      }
    }
    onRound?.(rounds, files.length, files.length);
    if (rounds === 1) for (const decl of staysPlain ?? []) if (decorated.has(decl)) removed.add(decl);
    for (const [decl, problems] of roundProblems) {
      // A class keeps the problems of the round that took its decoration away; a class already @slots, the last round's.
      if (removed.has(decl) || !isCandidate.has(decl)) problemsOf.set(decl, problems);
    }
    if (removed.size === 0) {
      unattributed.push(...roundUnattributed);
      break;
    }
    for (const decl of removed) decorated.delete(decl);
  }
  return { problemsOf, diagnosticsOf, warnings: [...warnings], accepted: decorated, unattributed, rounds };
}
