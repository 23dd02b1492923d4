// cli/args.ts — owns command-line parsing for every ts-slots tool (the CLI, and offered to the bench and the fuzzer):
// node:util `parseArgs` with the option table each tool declares, its errors turned into one `UsageError` (exit 2,
// message + usage, never a stack), and the few value checks the tools share (integers, one of a list, negations).
import { parseArgs } from "node:util";

/** A bad command line: the tool prints the message and its usage and exits with status 2. */
export class UsageError extends Error {}

/** One option as node:util's parseArgs takes it. Node 20's parseArgs has no `--no-x`: declare those as booleans. */
export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** What each declared option holds: a string or boolean, a list of them with `multiple`, undefined when absent. */
export type OptionValues<T extends OptionTable> = {
  [K in keyof T]?: T[K]["type"] extends "string" ? (T[K]["multiple"] extends true ? string[] : string) : T[K]["multiple"] extends true ? boolean[] : boolean;
};

export interface CommandLine<T extends OptionTable> {
  values: OptionValues<T>;
  positionals: string[];
}

function isParseArgsError(error: unknown): error is Error {
  if (!(error instanceof Error) || !("code" in error)) return false;
  return typeof error.code === "string" && error.code.startsWith("ERR_PARSE_ARGS");
}

/**
 * Parses `argv` against `options` strictly: an unknown option, a missing value, or a positional where `positionals`
 * is false is a `UsageError`. `--` ends the options (what follows is positional).
 */
export function parseCommandLine<T extends OptionTable>(argv: readonly string[], options: T, { positionals = true }: { positionals?: boolean } = {}): CommandLine<T> {
  try {
    const parsed = parseArgs({ args: [...argv], options: { ...options }, strict: true, allowPositionals: positionals });
    return { values: parsed.values as OptionValues<T>, positionals: parsed.positionals };
  } catch (error) {
    if (isParseArgsError(error)) throw new UsageError(error.message);
    throw error;
  }
}

/** An option's value as an integer within `[min, max]`, or `fallback` when absent. */
export function integerOption(value: string | undefined, name: string, fallback: number, { min = -Infinity, max = Infinity }: { min?: number; max?: number } = {}): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < min || number > max) {
    const range = min > -Infinity && max < Infinity ? ` from ${min} to ${max}` : min > -Infinity ? ` of at least ${min}` : "";
    throw new UsageError(`--${name} must be an integer${range} (got ${JSON.stringify(value)})`);
  }
  return number;
}

/** An option's value as one of `choices`, or `fallback` when absent. */
export function choiceOption<C extends string>(value: string | undefined, name: string, choices: readonly C[], fallback: C): C {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as C;
  const suggestion = closestOf(value, choices);
  throw new UsageError(`--${name} must be one of ${choices.join(", ")} (got ${JSON.stringify(value)}${suggestion ? `; did you mean ${suggestion}?` : ""})`);
}

/** Edits (insert, delete, replace one character, swap two neighbours) that turn `a` into `b`, case-insensitively. */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const rows: number[][] = [Array.from({ length: y.length + 1 }, (_, index) => index)];
  for (let i = 1; i <= x.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= y.length; j += 1) {
      row[j] = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1);
    }
    rows.push(row);
  }
  return rows[x.length][y.length];
}

/**
 * The candidate a mistyped word most likely meant (`chekc` -> `check`): the nearest by edit distance, if it is near
 * enough to be a typo (at most a third of its length, and at least one edit allowed), else undefined.
 */
export function closestOf<C extends string>(word: string, candidates: readonly C[]): C | undefined {
  let best: { candidate: C; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(best.candidate.length / 3)) ? best.candidate : undefined;
}

/** A pair `--x` / `--no-x` (both declared as booleans): "on", "off", or "auto" when neither is given; the later wins. */
export function switchOption(argv: readonly string[], name: string): "on" | "off" | "auto" {
  let state: "on" | "off" | "auto" = "auto";
  for (const arg of argv) {
    if (arg === "--") break;
    if (arg === `--${name}`) state = "on";
    else if (arg === `--no-${name}`) state = "off";
  }
  return state;
}

/** Comma-separated and repeated values of a `multiple` string option, flattened: `--case a,b --case c`. */
export function listOption(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(",").map((item) => item.trim())).filter(Boolean);
}
