// The one options parser: turns the plugin entry of `compilerOptions.plugins` into `SlotsOptions`, or problems.
import { ProblemCode, type SlotsProblem } from "./diagnostics";

export type SealMode = "always" | "never" | "development";

export interface SlotsOptions {
  /** The seal mode as configured. */
  seal: SealMode;
  /** Whether this compilation seals: `"development"` resolved against NODE_ENV at compile time. */
  sealsInstances: boolean;
}

export interface ParsedOptions {
  options: SlotsOptions;
  problems: SlotsProblem[];
}

const sealModes: readonly SealMode[] = ["always", "never", "development"];

/** Keys that ts-patch itself reads from a plugin entry; they are not ours to reject. */
const tsPatchKeys = new Set([
  "transform",
  "type",
  "import",
  "isEsm",
  "after",
  "afterDeclarations",
  "transformProgram",
  "resolvePathAliases",
  "tsConfig",
  "name",
]);

const ownKeys = ["seal"] as const;

function isSealMode(value: unknown): value is SealMode {
  return typeof value === "string" && (sealModes as readonly string[]).includes(value);
}

/** Edit distance, for "did you mean": option names are short, so the quadratic table is nothing. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function closest(key: string, candidates: readonly string[]): string | undefined {
  return candidates.find((candidate) => distance(key.toLowerCase(), candidate.toLowerCase()) <= 2);
}

/** Reads the plugin entry; an invalid value falls back to the default and is reported, never thrown. */
export function parseOptions(config: Readonly<Record<string, unknown>>, env: NodeJS.ProcessEnv): ParsedOptions {
  const problems: SlotsProblem[] = [];
  for (const key of Object.keys(config)) {
    if (tsPatchKeys.has(key) || (ownKeys as readonly string[]).includes(key)) continue;
    const hint = closest(key, ownKeys);
    problems.push({
      code: ProblemCode.UnknownOption,
      severity: "error",
      message:
        `Unknown option '${key}' in the ts-slots plugin entry.` +
        (hint ? ` Did you mean '${hint}'?` : "") +
        ` Known options: ${ownKeys.join(", ")}.`,
    });
  }
  let seal: SealMode = "always";
  if (config.seal !== undefined) {
    if (isSealMode(config.seal)) {
      seal = config.seal;
    } else {
      problems.push({
        code: ProblemCode.InvalidOption,
        severity: "error",
        message: `Invalid value ${JSON.stringify(config.seal)} for option 'seal' of ts-slots: expected one of ${sealModes
          .map((mode) => `"${mode}"`)
          .join(", ")}.`,
      });
    }
  }
  const sealsInstances = seal === "always" || (seal === "development" && env.NODE_ENV !== "production");
  return { options: { seal, sealsInstances }, problems };
}
