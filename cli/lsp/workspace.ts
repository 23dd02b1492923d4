// cli/lsp/workspace.ts — owns what the language server knows: the open documents' texts over the projects they belong
// to, and the ts-slots problems of each open document. The program is the one `ts-slots check` builds (the nearest
// tsconfig, transformer/host/project.ts's language service, the TypeScript transformer/host/typescript.ts chooses),
// with the open documents' texts instead of the disk's, so a change in one open file (a class given `@slots`) shows in
// every other. The rules are `checkFile`'s, run with `review` so that TSS1014 reaches the editor as a hint.
import * as fs from "fs";
import type * as ts from "typescript";
import { checkFile } from "../../transformer/core/checks";
import { createProgramScope, type ProgramScope } from "../../transformer/core/checks/scope";
import type { SlotsProblem } from "../../transformer/core/diagnostics";
import { optionProblems } from "../check";
import { createConfigLookup, createProgramChecker, type CheckedFile, type ProjectConfig } from "../../transformer/host/project";
import { tsApi } from "../../transformer/host/typescript";

/** One open document's problems, with the program they were found in (its checker and its source file). */
export interface CheckedDocument {
  fileName: string;
  file: ts.SourceFile;
  checker: ts.TypeChecker;
  problems: SlotsProblem[];
}

const isSource = (fileName: string): boolean => /\.[cm]?tsx?$/.test(fileName) && !/\.d\.[cm]?ts$/.test(fileName);

export class Workspace {
  private readonly texts = new Map<string, string>();
  private configOf: (fileName: string) => ProjectConfig;
  private checkers = new Map<string | undefined, ReturnType<typeof createProgramChecker>>();
  /** A tsconfig is read again only after `reloadConfigs`, which makes new config objects. */
  private readonly optionProblemsOf = new WeakMap<ProjectConfig, SlotsProblem[]>();

  constructor(private readonly cwd: string) {
    this.configOf = createConfigLookup(undefined, cwd);
  }

  /** A document opened or changed in the editor: its text replaces the disk's from now on. */
  setText(fileName: string, text: string): void {
    if (isSource(fileName)) this.texts.set(fileName, text);
  }

  /** A document closed: the disk's text counts again (the program is told at the next check). */
  close(fileName: string): void {
    if (!this.texts.delete(fileName)) return;
    const config = this.configOf(fileName);
    const disk = fs.existsSync(fileName) ? fs.readFileSync(fileName, "utf8") : "";
    this.checkerOf(config)(fileName, disk, config);
  }

  /** A file that is not open changed on disk (a save, a checkout): the program reads it again. */
  diskChanged(fileName: string): void {
    if (!isSource(fileName) || this.texts.has(fileName) || !fs.existsSync(fileName)) return;
    const config = this.configOf(fileName);
    this.checkerOf(config)(fileName, fs.readFileSync(fileName, "utf8"), config);
  }

  /** A tsconfig changed, or files came or went: projects are read again at the next check. */
  reloadConfigs(): void {
    this.configOf = createConfigLookup(undefined, this.cwd);
    this.checkers = new Map();
  }

  openFiles(): string[] {
    return [...this.texts.keys()];
  }

  private checkerOf(config: ProjectConfig): ReturnType<typeof createProgramChecker> {
    let checker = this.checkers.get(config.configPath);
    if (!checker) this.checkers.set(config.configPath, (checker = createProgramChecker()));
    return checker;
  }

  /** Every open document's problems, each project's open texts given to its program before any file is checked. */
  check(): CheckedDocument[] {
    const byConfig = new Map<ProjectConfig, string[]>();
    for (const fileName of this.texts.keys()) {
      const config = this.configOf(fileName);
      byConfig.set(config, [...(byConfig.get(config) ?? []), fileName]);
    }
    const checked: CheckedDocument[] = [];
    for (const [config, fileNames] of byConfig) {
      const checkedFile = this.checkerOf(config);
      for (const fileName of fileNames) checkedFile(fileName, this.texts.get(fileName)!, config);
      // Every text is in now: these calls change nothing, so they all see one program.
      const files = fileNames.map((fileName) => ({ fileName, ...checkedFile(fileName, this.texts.get(fileName)!, config) }));
      const program = files.length ? programScopeOf(files[0], config.options) : undefined;
      for (const { fileName, file, checker } of files) {
        checked.push({ fileName, file, checker, problems: checkFile(file, checker, tsApi, { review: true, program }) });
      }
    }
    return checked;
  }

  /**
   * The problems of the ts-slots plugin entry (TSS9001/9002) in the tsconfig of each open document, as `ts-slots check`
   * places them in that file, keyed by the tsconfig's path.
   */
  configProblems(): Map<string, SlotsProblem[]> {
    const byConfig = new Map<string, SlotsProblem[]>();
    for (const fileName of this.texts.keys()) {
      const config = this.configOf(fileName);
      if (!config.configPath || byConfig.has(config.configPath)) continue;
      let problems = this.optionProblemsOf.get(config);
      if (!problems) this.optionProblemsOf.set(config, (problems = optionProblems(config)));
      byConfig.set(config.configPath, problems);
    }
    return byConfig;
  }

  /** One open document's problems now (a code action request may come before the next check). */
  checkOne(fileName: string): CheckedDocument | undefined {
    const text = this.texts.get(fileName);
    if (text === undefined) return undefined;
    const config = this.configOf(fileName);
    const checkedFile = this.checkerOf(config);
    for (const [other, otherText] of this.texts) if (this.configOf(other) === config) checkedFile(other, otherText, config);
    const checked = checkedFile(fileName, text, config);
    const { file, checker } = checked;
    return { fileName, file, checker, problems: checkFile(file, checker, tsApi, { review: true, program: programScopeOf(checked, config.options), compilerOptions: config.options }) };
  }
}

/** What the checks know about one program: its source files too, so that every write of a field is seen (as the audit). */
function programScopeOf(checked: CheckedFile, options: ts.CompilerOptions): ProgramScope {
  return createProgramScope(checked.checker, tsApi, options, checked.programFiles?.());
}
