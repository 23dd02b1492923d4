// Which files the source rewrite needs to see at all, decided from the text alone and without loading TypeScript:
// the bundler plugins and the Node loader ask it for every file, most of which never mention ts-slots.
import { packageName } from "../core/decorator";
import type { TypeSource } from "../core/options";

/** Whether a file may hold a `@slots` class: only a file that imports ts-slots can. */
export function mayContainSlots(code: string): boolean {
  return code.includes(packageName) && code.includes("@");
}

/** An `import`/`export ... from`/`require(`: how a file can reach a class another file declares. */
const importsSomething = /\bimport\b|\bfrom\s*["']|\brequire\s*\(/;

/** A relative import: the usual way a file reaches a `@slots` class of the same project. */
const importsRelative = /\bfrom\s*["']\.\.?\/|\bimport\s*\(\s*["']\.\.?\/|\brequire\s*\(\s*["']\.\.?\//;

/**
 * Whether the rewrite must see a file. One file's syntax (`types: "syntax"`) can only check the files that declare
 * `@slots` classes; a program (`types: "program"`) can also check a file that uses them, which it must import.
 * The program then decides whether an import reaches a `@slots` class (usages.ts).
 */
export function mayNeedChecks(code: string, types: TypeSource): boolean {
  return mayContainSlots(code) || (types === "program" && importsSomething.test(code));
}

/** A file that may use a `@slots` class of another file, which one file's syntax cannot check (said once per build). */
export function mayUseOtherFiles(code: string): boolean {
  return !mayContainSlots(code) && importsRelative.test(code);
}

/** The once-per-build note of `types: "syntax"`: what it does not see, and what does. */
export const syntaxModeNote =
  `ts-slots: types "syntax" (the default) checks only the files that declare @slots classes; a misuse in a file that ` +
  `imports one (e.g. \`delete p.x\`) is not seen here and throws at run time. To check every file, use ` +
  `slots({ types: "program" }) (TS_SLOTS_TYPES=program for ts-slots/register), or run \`npx ts-slots check\`.`;
