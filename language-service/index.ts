// The tsserver plugin (`"plugins": [{ "name": "ts-slots/language-service" }]` in tsconfig): shows the editor the
// diagnostics the build reports, from the same code (`checkFile`, `parseOptions`, `toDiagnostic`). It decorates
// `getSemanticDiagnostics` and `getCompilerOptionsDiagnostics`, shows TSS1014 review problems through
// `getSuggestionDiagnostics`, offers the fixes of transformer/core/fixes.ts (the ones `ts-slots lsp` offers) through
// `getCodeFixesAtPosition` and `getSupportedCodeFixes`, and leaves every other service untouched.
// Problems of the configuration (TSS9001/9002 options, TSS9004 `{ "transform": "ts-slots" }`) are compiler-options
// diagnostics at their place in the tsconfig, which tsserver sends in its `configFileDiag` event (editors show them
// in tsconfig.json), and are also pinned to the start of every file, where an editor without that event sees them.
import * as path from "path";
import type * as ts from "typescript";
import { packageRootMessage } from "../runtime/tsPatchEntry";
import { checkFile } from "../transformer/core/checks";
import { createProgramScope, type ProgramScope } from "../transformer/core/checks/scope";
import { diagnosticCodeBase, ProblemCode, toDiagnostic, type SlotsProblem } from "../transformer/core/diagnostics";
import { fixableCodes, fixesFor, type SlotsFix } from "../transformer/core/fixes";
import { parseOptions } from "../transformer/core/options";
import { hasPackageRootEntry, locateOptionProblems, locatePackageRootEntry, pluginEntryFor } from "../transformer/host/optionPositions";

/** The transformer this plugin belongs to: the module a project's ts-slots plugin entry resolves to. */
const transformerModule = path.join(__dirname, "..", "transformer", "emit-ast", "index.js");

/** Whether a `compilerOptions.plugins` entry names the ts-slots transformer (`ts-slots/transformer` or a path into it). */
function isTransformerEntry(entry: unknown): entry is Readonly<Record<string, unknown>> {
  if (typeof entry !== "object" || entry === null || !("transform" in entry)) return false;
  const transform = entry.transform;
  return typeof transform === "string" && /(^|[\\/])ts-slots[\\/](dist[\\/])?transformer([\\/]emit-ast)?([\\/]index(\.js)?)?$/.test(transform);
}

/**
 * The transformer's entry: the one that resolves to this copy's transformer, else one whose name says it is ours (the
 * editor may load the plugin from another copy of ts-slots than the project's).
 */
function transformerEntryOf(options: ts.CompilerOptions): Readonly<Record<string, unknown>> | undefined {
  const entries: readonly unknown[] = Array.isArray(options.plugins) ? options.plugins : [];
  return pluginEntryFor(options, transformerModule) ?? entries.find(isTransformerEntry);
}

/** The configuration's problems as the build reports them, at their key or value in the tsconfig where it can be read. */
function configurationProblems(options: ts.CompilerOptions, tsApi: typeof ts): SlotsProblem[] {
  const entry = transformerEntryOf(options);
  const optionProblems = entry ? locateOptionProblems(parseOptions(entry, process.env).problems, options, transformerModule, tsApi) : [];
  if (!hasPackageRootEntry(options)) return optionProblems;
  const packageRoot: SlotsProblem = { code: ProblemCode.PackageRootEntry, severity: "error", message: packageRootMessage, location: locatePackageRootEntry(options, tsApi) };
  return [...optionProblems, packageRoot];
}

function codeFixActionOf(fix: SlotsFix): ts.CodeFixAction {
  const byFile = new Map<string, ts.TextChange[]>();
  for (const edit of fix.edits) {
    const changes = byFile.get(edit.file.fileName) ?? [];
    changes.push({ span: { start: edit.start, length: edit.length }, newText: edit.newText });
    byFile.set(edit.file.fileName, changes);
  }
  return {
    fixName: fix.fixName,
    description: fix.description,
    changes: [...byFile].map(([fileName, textChanges]) => ({ fileName, textChanges })),
  };
}

const init: ts.server.PluginModuleFactory = ({ typescript: tsApi }) => {
  const create = (info: ts.server.PluginCreateInfo): ts.LanguageService => {
    const service = info.languageService;
    const log = (message: string): void => info.project?.projectService?.logger?.info(`ts-slots: ${message}`);
    // The tsconfig is read again only when the project's options change (tsserver gives a new object then).
    const problemsByOptions = new WeakMap<ts.CompilerOptions, SlotsProblem[]>();
    const configuration = (): SlotsProblem[] => {
      const options = info.languageServiceHost.getCompilationSettings();
      const known = problemsByOptions.get(options);
      if (known) return known;
      const problems = configurationProblems(options, tsApi);
      problemsByOptions.set(options, problems);
      return problems;
    };

    // What the review checks know about the whole program (its source files: every write of a field), once per checker.
    const programScopes = new WeakMap<ts.TypeChecker, ProgramScope>();
    const programScopeOf = (program: ts.Program, checker: ts.TypeChecker): ProgramScope => {
      let shared = programScopes.get(checker);
      if (!shared) {
        shared = createProgramScope(checker, tsApi, program.getCompilerOptions(), program.getSourceFiles());
        programScopes.set(checker, shared);
      }
      return shared;
    };

    // One run of the checks per file and program, shared by the diagnostics, the suggestions and the code fixes.
    const problemsByChecker = new WeakMap<ts.TypeChecker, WeakMap<ts.SourceFile, SlotsProblem[]>>();
    const problemsOf = (fileName: string): { file: ts.SourceFile; checker: ts.TypeChecker; problems: SlotsProblem[] } | undefined => {
      const program = service.getProgram();
      const file = program?.getSourceFile(fileName);
      if (!program || !file || file.isDeclarationFile) return undefined;
      const checker = program.getTypeChecker();
      let byFile = problemsByChecker.get(checker);
      if (!byFile) problemsByChecker.set(checker, (byFile = new WeakMap()));
      let problems = byFile.get(file);
      if (!problems) byFile.set(file, (problems = checkFile(file, checker, tsApi, { review: true, program: programScopeOf(program, checker), compilerOptions: program.getCompilerOptions() })));
      return { file, checker, problems };
    };

    /** The file's ts-slots diagnostics, and the configuration's pinned to the file's start. */
    const slotsDiagnostics = (fileName: string): ts.Diagnostic[] => {
      const checked = problemsOf(fileName);
      if (!checked) return [];
      const { file, problems } = checked;
      const pinned = configuration().map((problem) => ({ ...toDiagnostic({ ...problem, location: undefined }, tsApi), file, start: 0, length: 0 }));
      return [...problems.filter((problem) => problem.severity !== "review").map((problem) => toDiagnostic(problem, tsApi)), ...pinned];
    };

    /** The fixes for the ts-slots problems with one of `errorCodes` whose span touches `[start, end]`. */
    const slotsCodeFixes = (fileName: string, start: number, end: number, errorCodes: readonly number[]): ts.CodeFixAction[] => {
      const wanted = new Set(errorCodes.map((code) => code - diagnosticCodeBase));
      if (!fixableCodes.some((code) => wanted.has(code))) return [];
      const checked = problemsOf(fileName);
      if (!checked) return [];
      const { file, checker, problems } = checked;
      return problems
        .filter((problem) => wanted.has(problem.code) && problem.node !== undefined && problem.node.getStart(file) <= end && start <= problem.node.getEnd())
        .flatMap((problem) => fixesFor(problem, checker, tsApi))
        .map(codeFixActionOf);
    };

    // Delegation keeps every method of the service (and of plugins loaded before this one) as it is.
    const decorated: ts.LanguageService = Object.create(service);
    decorated.getSemanticDiagnostics = (fileName) => {
      const own = service.getSemanticDiagnostics(fileName);
      try {
        return [...own, ...slotsDiagnostics(fileName)];
      } catch (error) {
        log(`diagnostics failed for ${fileName}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return own;
      }
    };
    decorated.getSuggestionDiagnostics = (fileName) => {
      const own = service.getSuggestionDiagnostics(fileName);
      try {
        const review = problemsOf(fileName)?.problems.filter((problem) => problem.severity === "review") ?? [];
        return [...own, ...review.map((problem) => toDiagnostic(problem, tsApi) as ts.DiagnosticWithLocation)];
      } catch (error) {
        log(`suggestions failed for ${fileName}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return own;
      }
    };
    decorated.getCodeFixesAtPosition = (fileName, start, end, errorCodes, formatOptions, preferences) => {
      const own = service.getCodeFixesAtPosition(fileName, start, end, errorCodes, formatOptions, preferences);
      try {
        return [...own, ...slotsCodeFixes(fileName, start, end, errorCodes)];
      } catch (error) {
        log(`code fixes failed for ${fileName}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return own;
      }
    };
    // Editors ask only for fixes of the codes listed here (VS Code: once per file), so ours must be among them.
    // (A method of the language service since TypeScript 5.3; before, tsserver answered from a global list.)
    if (typeof service.getSupportedCodeFixes === "function") {
      decorated.getSupportedCodeFixes = (fileName) => [...service.getSupportedCodeFixes(fileName), ...fixableCodes.map((code) => String(diagnosticCodeBase + code))];
    }
    decorated.getCompilerOptionsDiagnostics = () => {
      const own = service.getCompilerOptionsDiagnostics();
      try {
        return [...own, ...configuration().map((problem) => toDiagnostic(problem, tsApi))];
      } catch (error) {
        log(`option diagnostics failed: ${error instanceof Error ? error.message : String(error)}`);
        return own;
      }
    };
    log("language-service plugin loaded");
    return decorated;
  };
  return { create };
};

export = init;
