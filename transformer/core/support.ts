// Which TypeScript versions the transformer runs under, and the message for the others.
import { ProblemCode, type SlotsProblem } from "./diagnostics";

export const supportedRange = ">=5.0 <7.0";

/** A problem when `version` is outside 5.x-6.x, else undefined. */
export function supportProblem(version: string): SlotsProblem | undefined {
  const major = Number(version.split(".")[0]);
  if (major === 5 || major === 6) return undefined;
  return {
    code: ProblemCode.UnsupportedTypeScript,
    severity: "error",
    message:
      `the ts-slots transformer runs inside TypeScript ${supportedRange} only; this compilation uses TypeScript ${version}, ` +
      `so no class was rewritten. Build with a ts-slots bundler plugin instead (ts-slots/vite, /rollup, /esbuild, ` +
      `/webpack, /rspack) or \`node --import ts-slots/register\`, which rewrite the source for any compiler, or install ` +
      `typescript@6 for this route (README: "Use it with").`,
  };
}
