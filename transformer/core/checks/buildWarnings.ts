// How the build shows warnings. tsc (and so ts-patch's tspc) exits with status 2 when an emit carries any diagnostic,
// whatever its category, so a warning handed to ts-patch's `addDiagnostic` would fail the build. Warnings are
// therefore printed the way tsc prints diagnostics (`file(line,col): warning TS991007: ...`) and not added; errors
// still go through `addDiagnostic`. The language service returns both as diagnostics, where warnings do not block.
import type * as ts from "typescript";
import { toDiagnostic, type SlotsProblem } from "../diagnostics";

export function buildWarningPrinter(currentDirectory: string, tsApi: typeof ts): (problem: SlotsProblem) => void {
  const seen = new Set<string>();
  const write = (text: string): void => (tsApi.sys ? tsApi.sys.write(text) : void process.stdout.write(text));
  const host: ts.FormatDiagnosticsHost = {
    getCurrentDirectory: () => currentDirectory,
    getCanonicalFileName: (fileName) => fileName,
    getNewLine: () => tsApi.sys?.newLine ?? "\n",
  };
  return (problem) => {
    const diagnostic = toDiagnostic(problem, tsApi);
    const key = `${diagnostic.code}:${diagnostic.file?.fileName ?? ""}:${diagnostic.start ?? ""}`;
    if (seen.has(key)) return;
    seen.add(key);
    write(tsApi.formatDiagnostic(diagnostic, host));
  };
}
