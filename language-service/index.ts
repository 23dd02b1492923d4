// The tsserver plugin (`"plugins": [{ "name": "ts-slots/language-service" }]` in tsconfig): shows the editor the
// diagnostics the build reports, from the same code (`checkFile`, `parseOptions`, `toDiagnostic`). It decorates
// `getSemanticDiagnostics` and `getCompilerOptionsDiagnostics` and leaves every other service untouched.
import type * as ts from "typescript";
import { checkFile } from "../transformer/checks";
import { toDiagnostic, type SlotsProblem } from "../transformer/diagnostics";
import { parseOptions } from "../transformer/options";

/** Whether a `compilerOptions.plugins` entry is the ts-slots transformer (`ts-slots/transformer` or a path into it). */
function isTransformerEntry(entry: unknown): entry is Readonly<Record<string, unknown>> {
  if (typeof entry !== "object" || entry === null || !("transform" in entry)) return false;
  const transform = entry.transform;
  return typeof transform === "string" && /(^|[\\/])ts-slots[\\/](dist[\\/])?transformer([\\/]index(\.js)?)?$/.test(transform);
}

/** The problems of the transformer's plugin entry, as the build reports them; none when there is no entry. */
function optionProblems(options: ts.CompilerOptions): SlotsProblem[] {
  const entries: readonly unknown[] = Array.isArray(options.plugins) ? options.plugins : [];
  const entry = entries.find(isTransformerEntry);
  return entry ? parseOptions(entry, process.env).problems : [];
}

const init: ts.server.PluginModuleFactory = ({ typescript: tsApi }) => {
  const create = (info: ts.server.PluginCreateInfo): ts.LanguageService => {
    const service = info.languageService;
    const log = (message: string): void => info.project?.projectService?.logger?.info(`ts-slots: ${message}`);
    const compilerOptions = (): ts.CompilerOptions => info.languageServiceHost.getCompilationSettings();

    /** The file's ts-slots diagnostics; option problems are pinned to the file's start, where an editor shows them. */
    const slotsDiagnostics = (fileName: string): ts.Diagnostic[] => {
      const program = service.getProgram();
      const file = program?.getSourceFile(fileName);
      if (!program || !file || file.isDeclarationFile) return [];
      const problems = checkFile(file, program.getTypeChecker(), tsApi);
      const pinned = optionProblems(compilerOptions()).map((problem) => ({ ...toDiagnostic(problem, tsApi), file, start: 0, length: 0 }));
      return [...problems.map((problem) => toDiagnostic(problem, tsApi)), ...pinned];
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
    decorated.getCompilerOptionsDiagnostics = () => {
      const own = service.getCompilerOptionsDiagnostics();
      try {
        return [...own, ...optionProblems(compilerOptions()).map((problem) => toDiagnostic(problem, tsApi))];
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
