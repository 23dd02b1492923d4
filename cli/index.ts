#!/usr/bin/env node
// cli/index.ts — owns the command line: argument parsing, dispatch to audit/add, output streams and exit codes.
import * as fs from "fs";
import * as path from "path";
import picomatch from "picomatch";
import { addSlots } from "./add";
import { audit, type ClassReport } from "./audit";
import { createProgress } from "./progress";
import { loadProject, ProjectLoadError } from "./project";
import { renderJson, renderText } from "./report";

/** 0: done; 1: the project cannot be loaded (or `add` could not do its job); 2: bad command line. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const USAGE = `Usage:
  ts-slots audit [-p tsconfig.json] [--json] [--only <glob>] [--progress | --no-progress]
      Reports, for every class, fields that make instance shapes vary, numeric fields that start as
      undefined, properties added or deleted from outside, and what blocks @slots, with a summary
      ranked by likely benefit.
  ts-slots add [-p tsconfig.json] [--write] [--only <glob>] [--progress | --no-progress] [Class ...]
      Adds @slots (and one ts-slots import per file) to every class the audit calls safe, or to the
      named classes. Prints a unified diff and changes nothing unless --write is given.

Options:
  -p, --project <path>   tsconfig.json, or a directory holding one (default: ./tsconfig.json)
  --json                 audit: machine-readable output on stdout
  --only <glob>          only classes in files matching the glob (relative to the tsconfig directory)
  --write                add: write the changes instead of printing the diff
  --progress             show progress on stderr even when it is not a terminal
  --no-progress          never show progress
  -h, --help             this text
  -v, --version          the ts-slots version

Exit codes: 0 done, 1 the project cannot be loaded (or a named class does not exist), 2 bad usage.
`;

interface Args {
  command: "audit" | "add" | "help" | "version";
  project?: string;
  json: boolean;
  write: boolean;
  only?: string;
  progress: "auto" | "on" | "off";
  names: string[];
}

class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { command: "help", json: false, write: false, progress: "auto", names: [] };
  let command: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[i + 1];
      if (v === undefined || (v.startsWith("-") && v !== "-")) throw new UsageError(`${flag} needs a value`);
      i++;
      return v;
    };
    switch (flag) {
      case "-p":
      case "--project":
        args.project = value();
        break;
      case "--json":
        args.json = true;
        break;
      case "--write":
        args.write = true;
        break;
      case "--only":
        args.only = value();
        break;
      case "--progress":
        args.progress = "on";
        break;
      case "--no-progress":
        args.progress = "off";
        break;
      case "-h":
      case "--help":
        return { ...args, command: "help" };
      case "-v":
      case "--version":
        return { ...args, command: "version" };
      case "--":
        rest.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
        if (command === undefined) command = a;
        else rest.push(a);
    }
  }
  if (command === undefined) return args;
  if (command === "help") return { ...args, command: "help" };
  if (command !== "audit" && command !== "add") throw new UsageError(`unknown command ${command}`);
  args.command = command;
  if (command === "audit") {
    if (rest.length) throw new UsageError(`audit takes no class names (got ${rest.join(" ")})`);
    if (args.write) throw new UsageError("--write is an option of add, not audit");
  } else {
    if (args.json) throw new UsageError("--json is an option of audit, not add");
    args.names = rest;
  }
  return args;
}

function version(): string {
  try {
    const manifest: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));
    if (manifest && typeof manifest === "object" && "version" in manifest && typeof manifest.version === "string") return manifest.version;
  } catch {
    // fall through
  }
  return "unknown";
}

export interface Io {
  cwd: string;
  stdout: { write(s: string): boolean };
  stderr: { isTTY?: boolean; write(s: string): boolean };
}

export function main(argv: readonly string[], io: Io): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`ts-slots: ${e.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (args.command === "help") {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  if (args.command === "version") {
    io.stdout.write(`${version()}\n`);
    return EXIT_OK;
  }

  const progress = createProgress(io.stderr, args.progress);
  try {
    progress.message("loading project...");
    const loaded = loadProject(args.project, io.cwd);
    progress.finish();
    for (const w of loaded.warnings) io.stderr.write(`ts-slots: warning: ${w}\n`);
    const run = audit(loaded, { cwd: io.cwd, onProgress: (phase, done, total) => progress.update(phase, done, total) });
    progress.finish();
    const matcher = args.only !== undefined ? picomatch(args.only, { dot: true }) : undefined;
    const include = (c: ClassReport): boolean => (matcher ? matcher(c.file) : true);
    const classes = run.result.classes.filter(include);

    if (args.command === "audit") {
      io.stdout.write(args.json ? renderJson(run.result, classes) : renderText(run.result, classes, { top: 20, projectArg: args.project }));
      return EXIT_OK;
    }

    const res = addSlots(run, loaded.checker, { write: args.write, names: args.names, include });
    if (res.unknownNames.length) {
      io.stderr.write(`ts-slots add: no class named ${res.unknownNames.map((n) => `\`${n}\``).join(", ")} in ${run.result.config}${args.only !== undefined ? ` (with --only ${args.only})` : ""}\n`);
      return EXIT_FAILURE;
    }
    for (const n of res.notes) io.stderr.write(`note: ${n}\n`);
    for (const s of res.skipped) io.stderr.write(`skip ${s.file}:${s.line} ${s.name}: ${s.reason}\n`);
    const classCount = res.changed.reduce((n, f) => n + f.classes.length, 0);
    if (args.write) {
      for (const f of res.changed) io.stdout.write(`updated ${f.file}: @slots ${f.classes.join(", ")}\n`);
      io.stderr.write(
        res.changed.length
          ? `ts-slots add: added @slots to ${classCount} class${classCount === 1 ? "" : "es"} in ${res.changed.length} file${res.changed.length === 1 ? "" : "s"}\n`
          : "ts-slots add: nothing to change\n",
      );
    } else {
      for (const f of res.changed) io.stdout.write(f.patch);
      io.stderr.write(
        res.changed.length
          ? `ts-slots add: would add @slots to ${classCount} class${classCount === 1 ? "" : "es"} in ${res.changed.length} file${res.changed.length === 1 ? "" : "s"}; run again with --write to apply\n`
          : "ts-slots add: nothing to change\n",
      );
    }
    return EXIT_OK;
  } catch (e) {
    progress.finish();
    if (e instanceof ProjectLoadError) {
      io.stderr.write(`ts-slots: ${e.message}\n`);
      return EXIT_FAILURE;
    }
    throw e;
  }
}

if (require.main === module) {
  const code = main(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
  process.exitCode = code;
}
