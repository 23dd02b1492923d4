// What every part of the transformer needs to know about the compilation it is rewriting, built once per program.
import type * as ts from "typescript";
import type { SlotsProblem } from "./diagnostics";
import type { FieldMode } from "./fieldMode";
import type { WriteSites } from "./inPlaceWrites";
import type { SlotsOptions } from "./options";

export interface SlotsContext {
  /** The TypeScript that loaded the plugin (ts-patch's `extras.ts`), never a second copy. */
  tsApi: typeof ts;
  /** Absent or unable to resolve imports in transpile-only compilations. */
  checker: ts.TypeChecker | undefined;
  options: SlotsOptions;
  fieldMode: FieldMode;
  /** Targets below ES2022: TypeScript lowers static fields and blocks out of the class body. */
  lowersStatics: boolean;
  /**
   * Give fields whose zero is `undefined` an explicit `= undefined` too. The source-text rewrite sets it: the compiler
   * after it may lower fields with either semantics, and only an initialiser creates a field under both.
   */
  explicitUndefined: boolean;
  /**
   * The in-place writes that decide a number slot's first value under define semantics (core/inPlaceWrites.ts): the
   * program's, or the file's where only it is known.
   */
  writeSites: WriteSites;
  report(problem: SlotsProblem): void;
}
