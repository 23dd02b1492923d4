// cli/audit/engine.ts — owns the audit's verdicts, computed by the build's own checks: every candidate class gets
// @slots in memory (the very text edits `add --write` makes, cli/add.ts decorateFile), transformer/core/checks checkFile
// runs over that hypothetical program, and every class a problem is about loses its decoration; this repeats until no
// candidate draws a problem. A class that survives is safe by construction: the build's checks, given exactly what
// `add` writes, say nothing about it.
import * as path from "path";
import { ts } from "ts-morph";
import type * as TS from "typescript";
import { checkFile } from "../../transformer/core/checks";
import { createScope } from "../../transformer/core/checks/scope";
import type { SlotsProblem } from "../../transformer/core/diagnostics";
import { decorateFile, originalPosition, type TextEdit } from "../add";
import type { LoadedProject } from "../project";
import { subjectsOf } from "./attribution";

/** The checks are written against the `typescript` package's types; ts-morph bundles the same API (6.x). */
const tsApi = ts as unknown as typeof TS;

/** A problem of the build's checks, placed in the user's (unedited) file. */
export interface PlacedProblem {
  problem: SlotsProblem;
  file: ts.SourceFile;
  /** Position in the original text of `file`. */
  start: number;
}

export interface EngineResult {
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
  onRound?: (round: number, file: number, files: number) => void;
}

export function runEngine({ loaded, candidates, review, onRound }: EngineInput): EngineResult {
  const originalFiles = new Map(loaded.sourceFiles.map((file) => [path.resolve(file.fileName), file]));
  const originalClasses = new Map([...originalFiles].map(([fileName, file]) => [fileName, classDeclarationsOf(file)]));
  const isCandidate = new Set(candidates);

  const decorated = new Set(candidates);
  const problemsOf = new Map<ts.ClassDeclaration, PlacedProblem[]>();
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
    const files = [...originalFiles.keys()];
    files.forEach((fileName, i) => {
      onRound?.(rounds, i, files.length);
      const original = originalFiles.get(fileName) as ts.SourceFile;
      const file = program.getSourceFile(original.fileName);
      if (!file) return;
      const checkedFile = file as unknown as TS.SourceFile;
      const typedChecker = checker as unknown as TS.TypeChecker;
      const problems = checkFile(checkedFile, typedChecker, tsApi, { review });
      if (problems.length === 0) return;
      const scope = createScope(checkedFile, typedChecker, tsApi);
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
        const node = problem.node as unknown as ts.Node | undefined;
        const editedFile = edited.get(fileName);
        const hypotheticalStart = node ? node.getStart(file) : (problem.location?.start ?? 0); // a suppression comment has a span, not a node
        const placed: PlacedProblem = {
          problem,
          file: original,
          start: editedFile ? originalPosition(editedFile.edits, hypotheticalStart) : hypotheticalStart,
        };
        const subjects = subjectsOf(problem, scope).flatMap((subject) => originalClassOf(subject as unknown as ts.Node) ?? []);
        if (subjects.length === 0) roundUnattributed.push(placed);
        for (const subject of subjects) {
          roundProblems.set(subject, [...(roundProblems.get(subject) ?? []), placed]);
          if (decorated.has(subject)) removed.add(subject);
        }
      }
    });
    onRound?.(rounds, files.length, files.length);
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
  return { problemsOf, accepted: decorated, unattributed, rounds };
}
