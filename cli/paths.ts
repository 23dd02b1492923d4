// cli/paths.ts — owns how the command line writes paths: with `/` on every platform. Its own module so that `check`
// and `lsp` can use it without loading cli/project.ts (ts-morph and the TypeScript it carries).
import * as path from "path";

export function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}
