// What every check needs about the file it looks at: the file, the checker (absent when only syntax is known), the
// TypeScript API, and the one `SlotsLookup` that knows which classes are `@slots` classes, shared so it caches once.
import type * as ts from "typescript";
import type { SlotsProblem } from "../diagnostics";
import { createSlotsLookup, type SlotsLookup } from "./slotsTypes";

export interface CheckScope {
  file: ts.SourceFile;
  /** Absent when only syntax is available: checks then decide what syntax alone can and skip the rest. */
  checker: ts.TypeChecker | undefined;
  tsApi: typeof ts;
  slots: SlotsLookup;
}

/** One check family: a pure function from a node to the problems found at that node (not in its children). */
export type NodeCheck = (node: ts.Node, scope: CheckScope) => SlotsProblem[];

export function createScope(file: ts.SourceFile, checker: ts.TypeChecker | undefined, tsApi: typeof ts): CheckScope {
  return { file, checker, tsApi, slots: createSlotsLookup(checker, tsApi) };
}
