// The tsserver plugin (`"plugins": [{ "name": "ts-slots/language-service" }]` in tsconfig): shows the editor the
// diagnostics the build reports, from the same code (`checkFile`, `parseOptions`, `toDiagnostic`). It decorates
// `getSemanticDiagnostics` and `getCompilerOptionsDiagnostics` and leaves every other service untouched.
// Problems of the configuration (TSS9001/9002 options, TSS9004 `{ "transform": "ts-slots" }`) are compiler-options
// diagnostics at their place in the tsconfig, which tsserver sends in its `configFileDiag` event (editors show them
// in tsconfig.json), and are also pinned to the start of every file, where an editor without that event sees them.
import * as path from "path";
import type * as ts from "typescript";
import { packageRootMessage } from "../runtime/tsPatchEntry";
import { checkFile } from "../transformer/core/checks";
import { ProblemCode, toDiagnostic, type SlotsProblem } from "../transformer/core/diagnostics";
import { parseOptions } from "../transformer/core/options";
import { hasPackageRootEntry, locateOptionProblems, locatePackageRootEntry, pluginEntryFor } from "../transformer/host/optionPositions";

/** The transformer this plugin belongs to: the module a project's ts-slots plugin entry resolves to. */
const transformerModule = path.join(__dirname, "..", "transformer", "index.js");

/** Whether a `compilerOptions.plugins` entry names the ts-slots transformer (`ts-slots/transformer` or a path into it). */
function isTransformerEntry(entry: unknown): entry is Readonly<Record<string, unknown>> {
  if (typeof entry !== "object" || entry === null || !("transform" in entry)) return false;
  const transform = entry.transform;
  return typeof transform === "string" && /(^|[\\/])ts-slots[\\/](dist[\\/])?transformer([\\/]index(\.js)?)?$/.test(transform);
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

    /** The file's ts-slots diagnostics, and the configuration's pinned to the file's start. */
    const slotsDiagnostics = (fileName: string): ts.Diagnostic[] => {
      const program = service.getProgram();
      const file = program?.getSourceFile(fileName);
      if (!program || !file || file.isDeclarationFile) return [];
      const problems = checkFile(file, program.getTypeChecker(), tsApi, { compilerOptions: program.getCompilerOptions() });
      const pinned = configuration().map((problem) => ({ ...toDiagnostic({ ...problem, location: undefined }, tsApi), file, start: 0, length: 0 }));
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
