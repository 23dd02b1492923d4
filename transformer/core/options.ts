// The one options parser: turns the plugin entry of `compilerOptions.plugins` (the ts-patch route), or the options
// object given to a bundler plugin or the Node loader (the source-rewrite route), into `SlotsOptions`, or problems.
import { ProblemCode, type SlotsProblem } from "./diagnostics";

export type SealMode = "always" | "never" | "development" | "guard";

/**
 * The mode when none is given: seal in development and test builds (where a stray property should fail loudly), not
 * in production builds (NODE_ENV=production when the build runs, as `vite build` sets it), where `Object.seal` would
 * make each `new` 4-8x slower (V8 has no construction fast path for it). `seal: "always"` keeps the old default.
 */
export const defaultSealMode: SealMode = "development";

/** Where placeholders' types come from in the source-rewrite route: the file alone, or a program over the tsconfig. */
export type TypeSource = "syntax" | "program";

/** Which entry the options were given to: the ts-patch transformer, or the source rewrite (bundlers, Node). */
export type OptionsRoute = "transformer" | "rewrite";

export interface SlotsOptions {
  /** The seal mode as configured. */
  seal: SealMode;
  /** Whether this compilation seals: `"development"` (the default) resolved against NODE_ENV at compile time. */
  sealsInstances: boolean;
  /**
   * `"guard"`: instead of sealing each instance, a guard at the top of the class's prototype chain refuses added
   * properties (guard.ts); classes it cannot guard seal instead.
   */
  guardsInstances: boolean;
  /** Source-rewrite route only. */
  types: TypeSource;
  /** Source-rewrite route only: the tsconfig to read, instead of the nearest one above each file. */
  tsconfig: string | undefined;
  /** Source-rewrite route only: picomatch globs of files to rewrite or to leave alone. */
  include: readonly string[];
  exclude: readonly string[];
}

export interface ParsedOptions {
  options: SlotsOptions;
  problems: SlotsProblem[];
}

const sealModes: readonly SealMode[] = ["always", "never", "development", "guard"];

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

const ownKeys: Record<OptionsRoute, readonly string[]> = {
  transformer: ["seal"],
  rewrite: ["seal", "types", "tsconfig", "include", "exclude"],
};
const typeSources: readonly TypeSource[] = ["syntax", "program"];

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

/** The nearest candidate within two edits, letter case ignored (`Always` → `always`, `sael` → `seal`). */
function closest(written: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const apart = distance(written.toLowerCase(), candidate.toLowerCase());
    if (apart <= 2 && (!best || apart < best.distance)) best = { candidate, distance: apart };
  }
  return best?.candidate;
}

/** `expected` says what the option takes; `choices`, for an option with a fixed set of values, gives the did-you-mean. */
function invalid(key: string, value: unknown, expected: string, choices: readonly string[] = []): SlotsProblem {
  const hint = typeof value === "string" ? closest(value, choices) : undefined;
  return {
    code: ProblemCode.InvalidOption,
    severity: "error",
    message: `Invalid value ${JSON.stringify(value)} for option '${key}' of ts-slots: expected ${expected}.` + (hint ? ` Did you mean "${hint}"?` : ""),
    option: { key, part: "value" },
  };
}

function globsOf(key: string, value: unknown, problems: SlotsProblem[]): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (list.every((item): item is string => typeof item === "string")) return list;
  problems.push(invalid(key, value, "a glob or a list of globs"));
  return [];
}

/** Reads the options; an invalid value falls back to the default and is reported, never thrown. */
export function parseOptions(config: Readonly<Record<string, unknown>>, env: NodeJS.ProcessEnv, route: OptionsRoute = "transformer"): ParsedOptions {
  const problems: SlotsProblem[] = [];
  const known = ownKeys[route];
  for (const key of Object.keys(config)) {
    if ((route === "transformer" && tsPatchKeys.has(key)) || known.includes(key)) continue;
    const hint = closest(key, known);
    problems.push({
      code: ProblemCode.UnknownOption,
      severity: "error",
      message:
        `Unknown option '${key}' ${route === "transformer" ? "in the ts-slots plugin entry" : "given to ts-slots"}.` +
        (hint ? ` Did you mean '${hint}'?` : "") +
        ` Known options: ${known.join(", ")}.`,
      option: { key, part: "key" },
    });
  }
  let seal: SealMode = defaultSealMode;
  if (config.seal !== undefined) {
    if (isSealMode(config.seal)) seal = config.seal;
    else problems.push(invalid("seal", config.seal, `one of ${sealModes.map((mode) => `"${mode}"`).join(", ")}`, sealModes));
  }
  let types: TypeSource = "syntax";
  if (route === "rewrite" && config.types !== undefined) {
    if (typeof config.types === "string" && (typeSources as readonly string[]).includes(config.types)) types = config.types as TypeSource;
    else problems.push(invalid("types", config.types, `one of ${typeSources.map((source) => `"${source}"`).join(", ")}`, typeSources));
  }
  let tsconfig: string | undefined;
  if (route === "rewrite" && config.tsconfig !== undefined) {
    if (typeof config.tsconfig === "string") tsconfig = config.tsconfig;
    else problems.push(invalid("tsconfig", config.tsconfig, "the path of a tsconfig.json"));
  }
  const include = route === "rewrite" ? globsOf("include", config.include, problems) : [];
  const exclude = route === "rewrite" ? globsOf("exclude", config.exclude, problems) : [];
  const sealsInstances = seal === "always" || (seal === "development" && env.NODE_ENV !== "production");
  const guardsInstances = seal === "guard";
  return { options: { seal, sealsInstances, guardsInstances, types, tsconfig, include, exclude }, problems };
}
