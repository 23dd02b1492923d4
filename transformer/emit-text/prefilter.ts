// Which files the source rewrite needs to see at all, decided from the text alone and without loading TypeScript:
// the bundler plugins and the Node loader ask it for every file, most of which never mention ts-slots.
import { packageName } from "../core/decorator";

/** Whether a file may hold a `@slots` class: only a file that imports ts-slots can. */
export function mayContainSlots(code: string): boolean {
  return code.includes(packageName) && code.includes("@");
}
