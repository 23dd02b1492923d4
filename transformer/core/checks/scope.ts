// What every check needs about the file it looks at: the file, the checker (absent when only syntax is known), the
// TypeScript API, and the one `SlotsLookup` that knows which classes are `@slots` classes, shared so it caches once.
import type * as ts from "typescript";
import { importedNames, type ImportedNames } from "../decorator";
import type { SlotsProblem } from "../diagnostics";
import { createSlotsLookup, type SlotsLookup } from "./slotsTypes";

export interface CheckScope {
  file: ts.SourceFile;
  /** Absent when only syntax is available: checks then decide what syntax alone can and skip the rest. */
  checker: ts.TypeChecker | undefined;
  tsApi: typeof ts;
  /** How this file imports `slots` from ts-slots: the transformer's syntactic fallback reads the same. */
  names: ImportedNames;
  slots: SlotsLookup;
  /** The program has no standard library (transpile-only): an `any` there says nothing about the user's types. */
  isolated: boolean;
  /** Every `@slots` class of the program, when the caller knows them: an escape of a base type counts against each. */
  slotsClasses?: readonly ts.ClassLikeDeclaration[];
  /** The program's compiler options, for the checks that depend on them (decorator flavour, field semantics). */
  compilerOptions?: ts.CompilerOptions;
  /** The project's own source files, when the caller has the program: checks that must see every use of a member. */
  sourceFiles?: readonly ts.SourceFile[];
}

/**
 * What the checks learn about one program, whatever file they look at: which classes are `@slots` classes (each
 * decorator resolved once), and whether the program has a standard library. Valid for one checker only.
 */
export interface ProgramScope {
  checker: ts.TypeChecker | undefined;
  slots: SlotsLookup;
  isolated: boolean;
  /** Every `@slots` class of the program (review checks: escapes of a base class or interface). */
  slotsClasses?: readonly ts.ClassLikeDeclaration[];
  /** The program's compiler options; checks that need them are silent without. */
  compilerOptions?: ts.CompilerOptions;
  /** The project's own source files (not declaration files); without them every use of a member is not in sight. */
  sourceFiles?: readonly ts.SourceFile[];
}

/** One check family: a pure function from a node to the problems found at that node (not in its children). */
export type NodeCheck = (node: ts.Node, scope: CheckScope) => SlotsProblem[];

/** Whether the global `Array` type is missing, as in `transpileModule`'s single-file programs (`noLib`). */
function lacksStandardLibrary(checker: ts.TypeChecker | undefined, tsApi: typeof ts): boolean {
  // `resolveName` is public API since TypeScript 5.4; older checkers have it with the same signature, but guard anyway.
  if (!checker || typeof checker.resolveName !== "function") return false;
  return checker.resolveName("Array", undefined, tsApi.SymbolFlags.Type, false) === undefined;
}

/** `files`: the program's files when the caller has them (declaration files are left out here). */
export function createProgramScope(checker: ts.TypeChecker | undefined, tsApi: typeof ts, compilerOptions?: ts.CompilerOptions, files?: readonly ts.SourceFile[]): ProgramScope {
  const sourceFiles = files?.filter((file) => !file.isDeclarationFile);
  return { checker, slots: createSlotsLookup(checker, tsApi), isolated: lacksStandardLibrary(checker, tsApi), compilerOptions, sourceFiles };
}

/** `program` must come from the same checker; without it the file gets a lookup of its own. */
export function createScope(file: ts.SourceFile, checker: ts.TypeChecker | undefined, tsApi: typeof ts, program?: ProgramScope, compilerOptions?: ts.CompilerOptions): CheckScope {
  const shared = program && program.checker === checker ? program : createProgramScope(checker, tsApi, compilerOptions);
  return {
    file,
    checker,
    tsApi,
    names: importedNames(file, tsApi),
    slots: shared.slots,
    isolated: shared.isolated,
    slotsClasses: shared.slotsClasses,
    compilerOptions: compilerOptions ?? shared.compilerOptions,
    sourceFiles: shared.sourceFiles,
  };
}
