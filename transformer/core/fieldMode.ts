// How TypeScript will emit instance fields for the current compiler options, which decides how slots are written.
import type * as ts from "typescript";

/**
 * - `native`: class fields stay class fields (target >= ES2022 with useDefineForClassFields): a field without an
 *   initialiser is defined as `undefined` before the constructor body runs, parameter properties included.
 * - `define`: TypeScript lowers fields to `Object.defineProperty(this, ...)` after `super()` (target < ES2022 with
 *   useDefineForClassFields).
 * - `assign`: TypeScript lowers initialised fields to `this.x = ...` after `super()` and drops fields without an
 *   initialiser (useDefineForClassFields false).
 */
export type FieldMode = "native" | "define" | "assign";

/** The target TypeScript assumes when none is set: ES5 up to 5.x, the latest standard from 6.0. */
function defaultTarget(tsApi: typeof ts): ts.ScriptTarget {
  const major = Number(tsApi.versionMajorMinor.split(".")[0]);
  return major >= 6 ? tsApi.ScriptTarget.LatestStandard : tsApi.ScriptTarget.ES5;
}

/** Whether TypeScript moves static fields and blocks out of the class body (targets below ES2022). */
export function lowersStatics(options: ts.CompilerOptions, tsApi: typeof ts): boolean {
  return (options.target ?? defaultTarget(tsApi)) < tsApi.ScriptTarget.ES2022;
}

export function fieldModeOf(options: ts.CompilerOptions, tsApi: typeof ts): FieldMode {
  const target = options.target ?? defaultTarget(tsApi);
  const nativeFields = target >= tsApi.ScriptTarget.ES2022;
  const useDefine = options.useDefineForClassFields ?? nativeFields;
  if (!useDefine) return "assign";
  return nativeFields ? "native" : "define";
}
