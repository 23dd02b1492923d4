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
      `the ts-slots transformer supports TypeScript ${supportedRange}; this compilation uses TypeScript ${version}, ` +
      `so no class was rewritten. Without the transformer, \`@slots\` still seals instances at run time ` +
      `(the runtime fallback; see the README's "Runtime fallback").`,
  };
}
