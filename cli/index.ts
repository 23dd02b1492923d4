#!/usr/bin/env node
// cli/index.ts — owns the command line: the commands and their options (parsed by cli/args.ts), dispatch to audit, add,
// check and lsp, output streams and exit codes.
import * as fs from "fs";
import * as path from "path";
import picomatch from "picomatch";
import { ProblemCode } from "../transformer/core/diagnostics";
import { choiceOption, closestOf, parseCommandLine, switchOption, UsageError } from "./args";
import type { ClassReport } from "./audit";
import { checkFormats, CheckSetupError, createProjectCheck, formatFindings, hasErrors, summaryOf, watchDirectory, type CheckFormat } from "./check";
import { createProgress, type Progress } from "./progress";

// audit and add load ts-morph (and the TypeScript it carries), lsp its protocol library: each command loads what it
// needs when it runs, so that `check`, `--help`, `--version` and a usage error start without them.
const auditModules = () => ({
  ...(require("./project") as typeof import("./project")),
  ...(require("./audit") as typeof import("./audit")),
  ...(require("./add") as typeof import("./add")),
  ...(require("./report") as typeof import("./report")),
});

/** 0: done (check: no ts-slots error); 1: the project cannot be loaded, `add` could not do its job, or check found errors; 2: bad command line. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** `TSS1001-1008, TSS1010-1014`: the source codes of the diagnostics table, consecutive codes joined into ranges. */
export function sourceCodeRanges(codes: readonly number[] = Object.values(ProblemCode)): string {
  const sorted = [...new Set(codes.filter((code) => code >= 1000 && code < 2000))].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const code of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && code === last[1] + 1) last[1] = code;
    else ranges.push([code, code]);
  }
  return ranges.map(([from, to]) => (from === to ? `TSS${from}` : `TSS${from}-${to}`)).join(", ");
}

const USAGE = `Usage:
  ts-slots audit [-p tsconfig.json] [--json] [--only <glob>] [--progress | --no-progress]
      Reports, for every class, fields that make instance shapes vary, numeric fields that start as
      undefined, properties added or deleted from outside, and what blocks @slots, with a summary
      ranked by likely benefit.
  ts-slots add [-p tsconfig.json] [--write] [--only <glob>] [--progress | --no-progress] [Class ...]
      Adds @slots (and one ts-slots import per file) to every class the audit calls safe, or to the
      named classes. Prints a unified diff and changes nothing unless --write is given.
  ts-slots check [-p tsconfig.json] [--watch] [--format text|json|github] [--progress | --no-progress]
      Reports the ts-slots diagnostics the build would (${sourceCodeRanges()},
      and the plugin entry's options) without emitting, with the TypeScript that ts-slots brings: works where the project's own
      typescript is 7. TypeScript's own errors are tsc's to report.
  ts-slots lsp --stdio
      A language server (LSP over stdin/stdout) for any editor, TypeScript 7's included: the diagnostics of
      check for the open files as you type, and quick fixes. See docs/editors.md.

Options:
  -p, --project <path>   tsconfig.json, or a directory holding one (default: ./tsconfig.json)
  --json                 audit: machine-readable output on stdout
  --only <glob>          audit, add: only classes in files matching the glob (relative to the tsconfig directory)
  --write                add: write the changes instead of printing the diff
  --format <format>      check: text (tsc's lines, default), json (one array of {file, line, column, code,
                         severity, message}), github (workflow commands: annotations in a GitHub Actions run)
  --watch                check: check again whenever a source or the tsconfig changes, until interrupted
  --stdio                lsp: talk LSP over stdin and stdout (the only transport)
  --progress             show progress on stderr even when it is not a terminal
  --no-progress          never show progress
  -h, --help             this text
  -v, --version          the ts-slots version

Exit codes: 0 done (check: no ts-slots error; warnings do not count), 1 the project cannot be loaded, a named class
does not exist, or check found errors, 2 bad usage.
`;

const commandOptions = {
  project: { type: "string", short: "p" },
  json: { type: "boolean" },
  write: { type: "boolean" },
  only: { type: "string" },
  format: { type: "string" },
  watch: { type: "boolean" },
  stdio: { type: "boolean" },
  // Sent by some clients (vscode-languageclient for node servers); vscode-languageserver reads it from process.argv.
  clientProcessId: { type: "string" },
  progress: { type: "boolean" },
  "no-progress": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

type Command = "audit" | "add" | "check" | "lsp";
const commands: readonly Command[] = ["audit", "add", "check", "lsp"];

/** Which command takes each option that not every command takes. */
const ownerOf: Readonly<Record<string, readonly Command[]>> = {
  json: ["audit"],
  write: ["add"],
  only: ["audit", "add"],
  format: ["check"],
  watch: ["check"],
  stdio: ["lsp"],
  clientProcessId: ["lsp"],
};

interface Args {
  command: Command | "help" | "version";
  project?: string;
  json: boolean;
  write: boolean;
  only?: string;
  format: CheckFormat;
  watch: boolean;
  stdio: boolean;
  progress: "auto" | "on" | "off";
  names: string[];
}

export function parseArgs(argv: readonly string[]): Args {
  const { values, positionals } = parseCommandLine(argv, commandOptions);
  const args: Args = {
    command: "help",
    project: values.project,
    json: values.json === true,
    write: values.write === true,
    only: values.only,
    format: "text",
    watch: values.watch === true,
    stdio: values.stdio === true,
    progress: switchOption(argv, "progress"),
    names: [],
  };
  if (values.help) return args;
  if (values.version) return { ...args, command: "version" };
  const [command, ...rest] = positionals;
  if (command === undefined || command === "help") return args;
  if (!(commands as readonly string[]).includes(command)) {
    const suggestion = closestOf(command, commands);
    throw new UsageError(`unknown command ${command}${suggestion ? ` (did you mean \`ts-slots ${suggestion}\`?)` : ""}`);
  }
  args.command = command as Command;
  for (const [option, owners] of Object.entries(ownerOf)) {
    if (values[option as keyof typeof values] !== undefined && !owners.includes(args.command)) {
      throw new UsageError(`--${option} is an option of ${owners.join(" and ")}, not ${command}`);
    }
  }
  args.format = choiceOption(values.format, "format", checkFormats, "text");
  if (command === "add") args.names = rest;
  else if (rest.length) throw new UsageError(`${command} takes no class names (got ${rest.join(" ")})`);
  return args;
}

/** The manifests that carry this CLI's version: the bundle's @ts-slots/cli, or ts-slots itself (dist/cli). */
const ownPackages = new Set(["@ts-slots/cli", "ts-slots"]);

/**
 * The version of the package this file ships in: the first package.json above it that is ts-slots' or @ts-slots/cli's
 * (the bundle sits in packages/cli/dist, the compiled file in dist/cli: their depths differ).
 */
export function version(start: string = __dirname): string {
  for (let directory = start; ; directory = path.dirname(directory)) {
    try {
      const manifest: unknown = JSON.parse(fs.readFileSync(path.join(directory, "package.json"), "utf8"));
      if (manifest && typeof manifest === "object" && "name" in manifest && "version" in manifest && typeof manifest.name === "string" && ownPackages.has(manifest.name) && typeof manifest.version === "string") {
        return manifest.version;
      }
    } catch {
      // no readable package.json here: look further up
    }
    if (path.dirname(directory) === directory) return "unknown";
  }
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

  if (args.command === "lsp") {
    if (!args.stdio) {
      io.stderr.write("ts-slots lsp: pass --stdio (the server talks LSP over stdin and stdout)\n");
      return EXIT_USAGE;
    }
    (require("./lsp") as typeof import("./lsp")).runLanguageServer(io.cwd);
    return EXIT_OK;
  }
  const progress = createProgress(io.stderr, args.progress);
  if (args.command === "check") return check(args, io, progress);
  const { loadProject, ProjectLoadError, audit, addSlots, renderJson, renderText } = auditModules();
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

/** `ts-slots check`: one run (exit 1 on a ts-slots error), or with --watch a run per change until interrupted. */
function check(args: Args, io: Io, progress: Progress): number {
  const format = args.format;
  // stdout carries only findings in the json and github formats; the summary goes to stderr there.
  const summaryStream = format === "text" ? io.stdout : io.stderr;
  let run: ReturnType<typeof createProjectCheck>;
  const round = (): number => {
    const started = performance.now();
    const result = run(progress);
    for (const warning of result.configWarnings) io.stderr.write(`ts-slots: warning: ${warning}\n`);
    io.stdout.write(formatFindings(result.findings, format));
    summaryStream.write(`${summaryOf(result, performance.now() - started)}\n`);
    return hasErrors(result) ? EXIT_FAILURE : EXIT_OK;
  };
  try {
    progress.message("loading project...");
    run = createProjectCheck(args.project, io.cwd);
    const status = round();
    if (!args.watch) return status;
  } catch (e) {
    progress.finish();
    if (e instanceof CheckSetupError) {
      io.stderr.write(`ts-slots check: ${e.message}\n`);
      return EXIT_FAILURE;
    }
    throw e;
  }
  const configPath = args.project === undefined ? io.cwd : path.resolve(io.cwd, args.project);
  const directory = fs.existsSync(configPath) && fs.statSync(configPath).isDirectory() ? configPath : path.dirname(configPath);
  summaryStream.write("ts-slots check: watching for changes\n");
  watchDirectory(directory, () => {
    try {
      round();
    } catch (e) {
      // A round that cannot load the project (a tsconfig being edited) waits for the next change.
      if (!(e instanceof CheckSetupError)) throw e;
      io.stderr.write(`ts-slots check: ${e.message}\n`);
    }
    summaryStream.write("ts-slots check: watching for changes\n");
  });
  return EXIT_OK;
}

if (require.main === module) {
  const code = main(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
  process.exitCode = code;
}
