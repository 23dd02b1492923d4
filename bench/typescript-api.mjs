// typescript-api: which TypeScript API should the type-aware source rewrite (`types: "program"`) read field types
// from? TypeScript 6's JavaScript API in this process (what transformer/host/project.ts does today), or TypeScript 7's
// own API (`typescript/unstable/sync`: a synchronous client of the native compiler, `tsgo`, running as a child process)?
//
//   node bench/typescript-api.mjs [--classes 2000] [--edits 10]
//
// It writes a project of N `@slots` classes (one per file, field types imported from units.ts) under the OS temp
// folder, installs typescript@7.0.2 into <tmp>/ts-slots-ts7 if it is not there (never into this repository), then runs
// each route in a fresh `node` process (so each one's peak memory is its own) and prints one table:
//   ts6        createProgramChecker + collectSlots from dist/ (the code the rewrite runs), per file as a bundler calls it
//   ts6-full   the whole rewrite, createSourceRewriter({ types: "program" }).rewrite(code, file), for reference
//   ts7        the same decisions through TypeScript 7's API: the file parsed with TypeScript 6 (the rewrite edits that
//              AST), field types asked for by position in one batched request per file, unions, constraints and base
//              classes asked for as the rules need them (each such ask is one round trip to tsgo)
// Both type routes must give every field the same zero kind; a difference is printed and the exit code is 1.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TS7_VERSION = "7.0.2";
const TS7_PREFIX = join(tmpdir(), "ts-slots-ts7");
const TS7_API = join(TS7_PREFIX, "node_modules/typescript/dist/api/sync/api.js");
const TS7_CLIENT = join(TS7_PREFIX, "node_modules/typescript/dist/api/sync/client.js");
const require = createRequire(import.meta.url);

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

// ---------------------------------------------------------------------------------------------------------------
// The project: units.ts declares the types (aliases of primitives, a nullable alias, a string-literal union, an enum,
// an interface, a base class); every class file imports them, as a real model layer would.

const UNITS = `export type Meters = number;
export type Seconds = number;
export type Label = string;
export type Flag = boolean;
export type Count = bigint;
export type MaybeMeters = Meters | null;
export type Mode = "idle" | "busy";
export enum Color { Red, Green, Blue }
export interface Point { x: Meters; y: Meters }
export class Entity {
  id: Meters = 0;
  tag: Label = "";
}
`;

/** Every 4th class extends Entity and narrows its `id` without an initialiser (the "inherited" rule). */
function classSource(index) {
  const name = `Thing${index}`;
  const derived = index % 4 === 0;
  return `import { slots } from "ts-slots";
import type { Meters, Seconds, Label, Flag, Count, MaybeMeters, Mode, Point } from "../units";
import { Color${derived ? ", Entity" : ""} } from "../units";

@slots
export class ${name}<T extends Seconds = Seconds>${derived ? " extends Entity" : ""} {
${derived ? "  id!: Meters;\n" : ""}  width: Meters;
  label: Label;
  visible: Flag;
  count: Count;
  offset: MaybeMeters;
  mode: Mode;
  color: Color;
  elapsed: T;
  origin: Point | undefined;
  note?: Label;
  constructor(public height: Meters, elapsed: T) {
    ${derived ? "super();\n    " : ""}this.width = height * ${index + 1};
    this.label = "${name}";
    this.visible = true;
    this.count = ${index}n;
    this.offset = null;
    this.mode = "idle";
    this.color = Color.Green;
    this.elapsed = elapsed;
    this.origin = undefined;
  }
}
`;
}

function writeProject(classes) {
  const dir = join(tmpdir(), `ts-slots-api-bench-${classes}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "src/model"), { recursive: true });
  const tsconfig = {
    compilerOptions: {
      target: "es2022",
      module: "esnext",
      moduleResolution: "bundler",
      strict: true,
      strictPropertyInitialization: false,
      noEmit: true,
      skipLibCheck: true,
      // The decorator's declarations, as an installed ts-slots would give them.
      paths: { "ts-slots": [join(ROOT, "dist/runtime/index.d.ts")] },
    },
    include: ["src"],
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  writeFileSync(join(dir, "src/units.ts"), UNITS);
  for (let index = 0; index < classes; index++) {
    writeFileSync(join(dir, `src/model/thing${String(index).padStart(5, "0")}.ts`), classSource(index));
  }
  return dir;
}

function ensureTypeScript7() {
  if (existsSync(TS7_API)) {
    const installed = JSON.parse(readFileSync(join(TS7_PREFIX, "node_modules/typescript/package.json"), "utf8")).version;
    if (installed === TS7_VERSION) return;
  }
  mkdirSync(TS7_PREFIX, { recursive: true });
  process.stderr.write(`installing typescript@${TS7_VERSION} into ${TS7_PREFIX} ...\n`);
  execFileSync("npm", ["i", "--prefix", TS7_PREFIX, "--no-audit", "--no-fund", `typescript@${TS7_VERSION}`], { stdio: "inherit" });
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers the routes share.

const now = () => performance.now();
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
};

/** Peak resident memory of a process, in MB (the kernel's high-water mark, what /usr/bin/time -v reports). */
function peakRssMb(pid = "self") {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** CPU time (user + system) a process has used so far, in s: unlike wall time, not inflated by a loaded machine. */
function cpuSeconds(pid) {
  if (pid === undefined) {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  }
  // /proc/<pid>/stat: the fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function projectFiles(dir) {
  const model = join(dir, "src/model");
  return readdirSync(model).sort().map((name) => join(model, name));
}

/** The `@slots` classes of a TypeScript 6 source file (the generated files use the plain `@slots` form). */
function slotsClassesOf(file, tsApi) {
  return file.statements.filter(
    (statement) =>
      tsApi.isClassDeclaration(statement) &&
      (tsApi.getDecorators(statement) ?? []).some((decorator) => tsApi.isIdentifier(decorator.expression) && decorator.expression.text === "slots"),
  );
}

/** A field's result as one comparable line: `model/thing00004.ts Thing4.id=number inherited`. */
function describeSlot(dir, fileName, className, fieldName, zero, inherited) {
  return `${relative(join(dir, "src"), fileName)} ${className}.${fieldName}=${zero}${inherited ? " inherited" : ""}`;
}

/** The edit a developer makes: one field's type changes; the route must see it (width becomes a string). */
const editOf = (code) => code.replace("width: Meters;", "width: Label;");

/**
 * The edit rounds every route runs: one file at a time gets `editOf` and then its own text back; `typesOf(file, code)`
 * gives that file's types (timed) and `sawEdit(result)` whether they show the edit; `beforeClock(file, code)` runs
 * first, untimed. Returns the median time and how many edits were seen.
 */
function editRounds(files, texts, typesOf, sawEdit, beforeClock = () => undefined) {
  const times = [];
  let seen = 0;
  for (let round = 0; round < option("edits", 10); round++) {
    const index = (round * 197 + 3) % files.length;
    for (const code of [editOf(texts[index]), texts[index]]) {
      beforeClock(files[index], code);
      const start = now();
      const result = typesOf(files[index], code);
      times.push(now() - start);
      if (code !== texts[index] && sawEdit(result)) seen++;
    }
  }
  return { edit: median(times), editSeen: seen };
}

// ---------------------------------------------------------------------------------------------------------------
// Route ts6: the code of transformer/host/project.ts and transformer/core/slots.ts, from dist/.

function routeTs6(dir) {
  const { createConfigLookup, createProgramChecker } = require(join(ROOT, "dist/transformer/host/project.js"));
  const { collectSlots } = require(join(ROOT, "dist/transformer/core/slots.js"));
  const { tsApi } = require(join(ROOT, "dist/transformer/host/typescript.js"));
  const files = projectFiles(dir);
  const texts = files.map((fileName) => readFileSync(fileName, "utf8"));
  const config = createConfigLookup(join(dir, "tsconfig.json"), dir)(files[0]);
  const slotsOf = (fileName, code, check) => {
    const { file, checker } = check(fileName, code, config);
    const lines = [];
    for (const node of slotsClassesOf(file, tsApi)) {
      for (const slot of collectSlots(node, checker, tsApi)) {
        lines.push(describeSlot(dir, fileName, node.name.text, slot.declaration.name.getText(file), slot.zero, slot.inherited));
      }
    }
    return lines;
  };

  const start = now();
  const cpuStart = cpuSeconds();
  const check = createProgramChecker();
  check(files[0], texts[0], config); // the language service builds the program and its checker here
  const open = now() - start;
  const openCpu = cpuSeconds() - cpuStart;
  const lines = [];
  let firstFile = NaN;
  const resolveStart = now();
  const resolveCpuStart = cpuSeconds();
  files.forEach((fileName, index) => {
    lines.push(...slotsOf(fileName, texts[index], check));
    if (index === 0) firstFile = now() - start;
  });
  const allFiles = now() - resolveStart;
  const allFilesCpu = cpuSeconds() - resolveCpuStart;

  const { edit, editSeen } = editRounds(files, texts, (fileName, code) => slotsOf(fileName, code, check), (edited) => edited.some((line) => line.includes(".width=string")));
  return { open, openCpu, firstFile, allFiles, allFilesCpu, perFile: allFiles / files.length, edit, editSeen, lines, rssNode: peakRssMb(), cpuNode: cpuSeconds() };
}

// ---------------------------------------------------------------------------------------------------------------
// Route ts6-full: the whole source rewrite in `types: "program"` mode, as the bundler plugins call it.

function routeTs6Full(dir) {
  const { createSourceRewriter } = require(join(ROOT, "dist/transformer/emit-text/index.js"));
  const files = projectFiles(dir);
  const texts = files.map((fileName) => readFileSync(fileName, "utf8"));
  const start = now();
  const cpuStart = cpuSeconds();
  const rewriter = createSourceRewriter({ types: "program", tsconfig: join(dir, "tsconfig.json") }, { cwd: dir });
  let firstFile = NaN;
  let classes = 0;
  const errors = [];
  files.forEach((fileName, index) => {
    const result = rewriter.rewrite(texts[index], fileName);
    classes += result?.classes ?? 0;
    errors.push(...(result?.problems ?? []).filter((problem) => problem.severity === "error").map((problem) => problem.text));
    if (index === 0) firstFile = now() - start;
  });
  const allFiles = now() - start;
  const allFilesCpu = cpuSeconds() - cpuStart;
  const { edit, editSeen } = editRounds(files, texts, (fileName, code) => rewriter.rewrite(code, fileName), (result) => /width: Label = ""/.test(result?.code ?? ""));
  return {
    open: NaN,
    openCpu: NaN,
    firstFile,
    allFiles,
    allFilesCpu,
    perFile: (allFiles - firstFile) / (files.length - 1),
    edit,
    editSeen,
    classes,
    errors: errors.slice(0, 5),
    rssNode: peakRssMb(),
    cpuNode: cpuSeconds(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Route ts7: TypeScript 7's API. The rewrite keeps editing a TypeScript 6 AST (TypeScript 7 has no printer of edits
// and its AST lives in another process), so each file is parsed here and tsgo is asked about positions in it.

async function routeTs7(dir) {
  const { API, TypeFlags: F, SymbolFlags } = await import(pathToFileURL(TS7_API).href);
  const { Client } = await import(pathToFileURL(TS7_CLIENT).href);
  const { tsApi } = require(join(ROOT, "dist/transformer/host/typescript.js"));
  const { zeroKindOfTypeNode } = require(join(ROOT, "dist/transformer/core/placeholder.js"));
  const { constructorOf, isInstanceField, isParameterProperty, extendsClauseOf } = require(join(ROOT, "dist/transformer/core/slots.js"));
  let requests = 0;
  for (const method of ["apiRequest", "apiRequestBinary"]) {
    const original = Client.prototype[method];
    Client.prototype[method] = function counted(...args) {
      requests++;
      return original.apply(this, args);
    };
  }
  const files = projectFiles(dir);
  const texts = files.map((fileName) => readFileSync(fileName, "utf8"));
  const tsconfig = join(dir, "tsconfig.json");

  // Type ids are stable within one snapshot's project: a zero once decided is not asked for again.
  let zeroById = new Map();
  let namesByBaseId = new Map();
  const kindOfFlags = (flags) => {
    if (flags & (F.Any | F.Unknown | F.Undefined | F.Void)) return "undefined";
    if (flags & F.Null) return "null";
    if (flags & F.NumberLike) return "number";
    if (flags & F.BooleanLike) return "boolean";
    if (flags & F.StringLike) return "string";
    if (flags & F.BigIntLike) return "bigint";
    return undefined;
  };
  // transformer/core/placeholder.ts zeroKindOfType, with TypeScript 7's flags (their numbers differ from TypeScript 6's).
  const zeroKindOfType = (type, checker) => {
    const known = zeroById.get(type.id);
    if (known) return known;
    let zero;
    if (type.flags & F.TypeParameter) {
      const constraint = checker.getBaseConstraintOfType(type);
      zero = constraint && constraint.id !== type.id ? zeroKindOfType(constraint, checker) : "undefined";
    } else {
      const members = type.flags & F.Union ? type.getTypes() : [type];
      let family;
      for (const member of members) {
        const kind = kindOfFlags(member.flags);
        if (kind === "null") continue;
        if (kind === undefined || kind === "undefined" || (family !== undefined && family !== kind)) {
          family = "undefined";
          break;
        }
        family = kind;
      }
      zero = family ?? "undefined";
    }
    zeroById.set(type.id, zero);
    return zero;
  };

  const slotsOf = (project, fileName, code) => {
    const { checker } = project;
    const file = tsApi.createSourceFile(fileName, code, tsApi.ScriptTarget.Latest, true, tsApi.ScriptKind.TS);
    const classes = slotsClassesOf(file, tsApi).map((node) => {
      const parameters = constructorOf(node, tsApi)?.parameters.filter((parameter) => isParameterProperty(parameter, tsApi)) ?? [];
      const fields = node.members.filter((member) => isInstanceField(member, tsApi));
      return { node, slots: [...parameters.map((declaration) => ({ declaration, field: false })), ...fields.map((declaration) => ({ declaration, field: true }))] };
    });
    const all = classes.flatMap((entry) => entry.slots);
    // One request for every field of the file: the type at each field's name.
    const types = checker.getTypeAtPosition(fileName, all.map((slot) => slot.declaration.name.getStart(file)));
    // The base-class rule needs the instance type of each derived class: symbol at its name, then its declared type.
    const derived = classes.filter((entry) => extendsClauseOf(entry.node, tsApi) && entry.slots.some((slot) => slot.field && !slot.declaration.initializer));
    const symbols = derived.length ? checker.getSymbolAtPosition(fileName, derived.map((entry) => entry.node.name.getStart(file))) : [];
    const baseNames = new Map();
    derived.forEach((entry, index) => {
      const symbol = symbols[index];
      const instance = symbol && symbol.flags & SymbolFlags.Class ? checker.getDeclaredTypeOfSymbol(symbol) : undefined;
      const names = new Set();
      for (const base of instance && instance.isClassOrInterface() ? checker.getBaseTypes(instance) : []) {
        let known = namesByBaseId.get(base.id);
        if (!known) namesByBaseId.set(base.id, (known = new Set(checker.getPropertiesOfType(base).map((property) => property.name))));
        for (const name of known) names.add(name);
      }
      baseNames.set(entry.node, names);
    });
    const lines = [];
    let at = 0;
    for (const { node, slots } of classes) {
      for (const { declaration, field } of slots) {
        const type = types[at++];
        let zero;
        if (declaration.questionToken) zero = "undefined";
        else if (type && (!(type.flags & F.Any) || declaration.type?.kind === tsApi.SyntaxKind.AnyKeyword)) zero = zeroKindOfType(type, checker);
        else zero = zeroKindOfTypeNode(declaration.type, tsApi);
        const name = declaration.name;
        const inherited =
          field && !declaration.initializer && (tsApi.isIdentifier(name) || tsApi.isStringLiteral(name)) && !!baseNames.get(node)?.has(name.text);
        lines.push(describeSlot(dir, fileName, node.name.text, name.getText(file), zero, inherited));
      }
    }
    return lines;
  };

  const start = now();
  const cpuStart = cpuSeconds();
  const api = new API({ cwd: dir });
  const server = api.client?.channel?.child?.pid;
  const cpuBoth = () => cpuSeconds() + (server ? cpuSeconds(server) : NaN);
  let snapshot = api.updateSnapshot({ openProjects: [tsconfig] });
  let project = snapshot.getProject(tsconfig);
  const open = now() - start;
  const openCpu = cpuBoth() - cpuStart;
  const lines = [];
  let firstFile = NaN;
  let parse = 0;
  const resolveStart = now();
  const resolveCpuStart = cpuBoth();
  files.forEach((fileName, index) => {
    lines.push(...slotsOf(project, fileName, texts[index]));
    if (index === 0) firstFile = now() - start;
  });
  const allFiles = now() - resolveStart;
  const allFilesCpu = cpuBoth() - resolveCpuStart;
  const requestsPerFile = requests / files.length;
  // What the TypeScript 6 parse alone costs in that loop (the rewrite parses each file in either route).
  const parseStart = now();
  files.forEach((fileName, index) => tsApi.createSourceFile(fileName, texts[index], tsApi.ScriptTarget.Latest, true, tsApi.ScriptKind.TS));
  parse = (now() - parseStart) / files.length;

  // A watcher saw the file change on disk: a new snapshot, the project's new program, the file's types again. The
  // file is written before the clock starts, as a watcher would see it.
  let edited;
  try {
    edited = editRounds(
      files,
      texts,
      (fileName, code) => {
        const previous = snapshot;
        snapshot = api.updateSnapshot({ fileChanges: { changed: [fileName] } });
        project = snapshot.getProject(tsconfig);
        previous.dispose();
        zeroById = new Map();
        namesByBaseId = new Map();
        return slotsOf(project, fileName, code);
      },
      (lines) => lines.some((line) => line.includes(".width=string")),
      (fileName, code) => writeFileSync(fileName, code),
    );
  } finally {
    files.forEach((fileName, index) => writeFileSync(fileName, texts[index]));
  }
  const rssServer = server ? peakRssMb(server) : NaN;
  const cpuServer = server ? cpuSeconds(server) : NaN;
  const rssNode = peakRssMb();
  api.close();
  const cpuNode = cpuSeconds();
  return { open, openCpu, firstFile, allFiles, allFilesCpu, perFile: allFiles / files.length, parse, requestsPerFile, ...edited, lines, rssNode, rssServer, cpuNode, cpuServer };
}

// ---------------------------------------------------------------------------------------------------------------
// The parent: write the project, run each route in its own process, compare, print.

const ROUTES = { ts6: routeTs6, "ts6-full": routeTs6Full, ts7: routeTs7 };

async function child(route, dir) {
  const result = await ROUTES[route](dir);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runRoute(route, dir) {
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--route", route, "--dir", dir, ...process.argv.slice(2)], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const line = run.stdout.trim().split("\n").pop();
  if (run.status !== 0 || !line?.startsWith("{")) throw new Error(`route ${route} failed (${run.status}):\n${run.stderr}`);
  return JSON.parse(line);
}

function table(rows, columns) {
  const widths = columns.map((column, index) => Math.max(column.length, ...rows.map((row) => String(row[index]).length)));
  const format = (cells) => cells.map((cell, index) => (index === 0 ? String(cell).padEnd(widths[index]) : String(cell).padStart(widths[index]))).join("  ");
  return [format(columns), ...rows.map(format)].join("\n");
}

async function main() {
  const routeAt = process.argv.indexOf("--route");
  if (routeAt > 0) return child(process.argv[routeAt + 1], process.argv[process.argv.indexOf("--dir") + 1]);
  if (!existsSync(join(ROOT, "dist/transformer/host/project.js"))) throw new Error("dist/ is missing: run `npm run build` first");
  const classes = option("classes", 2000);
  ensureTypeScript7();
  const dir = writeProject(classes);
  const results = {};
  for (const route of Object.keys(ROUTES)) results[route] = runRoute(route, dir);
  const { ts6, ts7 } = results;
  const full = results["ts6-full"];
  const ms = (value) => (value !== null && Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 0) : "-");
  const mb = (value) => (Number.isFinite(value) ? value.toFixed(0) : "-");
  const ts6Routes = [ts6, full];
  const rows = [
    ["open the project (program / snapshot), ms", ...ts6Routes.map((r) => ms(r.open)), ms(ts7.open)],
    ["  CPU time (node + tsgo), ms", ...ts6Routes.map((r) => ms(r.openCpu === null ? null : r.openCpu * 1000)), ms(ts7.openCpu * 1000)],
    ["first file's types ready (from start), ms", ...ts6Routes.map((r) => ms(r.firstFile)), ms(ts7.firstFile)],
    [`all ${classes} files' field types, ms`, ...ts6Routes.map((r) => ms(r.allFiles)), ms(ts7.allFiles)],
    ["  CPU time (node + tsgo), ms", ...ts6Routes.map((r) => ms(r.allFilesCpu * 1000)), ms(ts7.allFilesCpu * 1000)],
    ["per file, steady, ms", ...ts6Routes.map((r) => ms(r.perFile)), ms(ts7.perFile)],
    ["  of which TypeScript 6 parse, ms", "-", "-", ms(ts7.parse)],
    ["  requests to tsgo per file", "-", "-", ts7.requestsPerFile.toFixed(1)],
    ["one file edited -> its types again (median), ms", ...ts6Routes.map((r) => ms(r.edit)), ms(ts7.edit)],
    ["CPU time of the whole route, node process, s", ...ts6Routes.map((r) => r.cpuNode.toFixed(1)), ts7.cpuNode.toFixed(1)],
    ["CPU time of the whole route, tsgo process, s", "-", "-", ts7.cpuServer.toFixed(1)],
    ["peak RSS, node process, MB", ...ts6Routes.map((r) => mb(r.rssNode)), mb(ts7.rssNode)],
    ["peak RSS, tsgo process, MB", "-", "-", mb(ts7.rssServer)],
    ["peak RSS, total, MB", ...ts6Routes.map((r) => mb(r.rssNode)), mb(ts7.rssNode + ts7.rssServer)],
  ];
  const ts6Lines = new Set(ts6.lines);
  const differing = ts7.lines.filter((line) => !ts6Lines.has(line));
  const edits = option("edits", 10);
  console.log(`TypeScript API for the type-aware rewrite: ${classes} @slots classes in ${classes} files, ${ts6.lines.length} fields, types from units.ts`);
  console.log(`node ${process.version}; typescript ${require(join(ROOT, "dist/transformer/host/typescript.js")).tsApi.version} (in process) vs ${TS7_VERSION} (typescript/unstable/sync, tsgo child); ${cpus().length} cores, load ${loadavg().map((load) => load.toFixed(1)).join(" ")}\n`);
  console.log(table(rows, ["", "TS6 types", "TS6 full rewrite", "TS7 API"]));
  console.log(
    `\nzero kinds: TS7 ${differing.length === 0 && ts7.lines.length === ts6.lines.length ? "equal to" : "DIFFERENT FROM"} TS6 on ${ts6.lines.length} fields` +
      `; edits seen: TS6 ${ts6.editSeen}/${edits}, full rewrite ${full.editSeen}/${edits}, TS7 ${ts7.editSeen}/${edits}` +
      `; full rewrite: ${full.classes} classes, ${full.errors.length} errors`,
  );
  for (const line of differing.slice(0, 10)) console.log(`  TS7 differs: ${line}`);
  for (const error of full.errors) console.log(`  full rewrite error: ${error}`);
  const counts = {};
  for (const line of ts6.lines) {
    const zero = /=(\w+)/.exec(line)[1] + (line.endsWith("inherited") ? " (inherited)" : "");
    counts[zero] = (counts[zero] ?? 0) + 1;
  }
  console.log(`fields by zero: ${Object.entries(counts).map(([zero, count]) => `${zero} ${count}`).join(", ")}`);
  const sameAsTs6 = (lines) => lines.length === ts6.lines.length && lines.every((line) => ts6Lines.has(line));
  const failed = !sameAsTs6(ts7.lines) || [ts6, full, ts7].some((r) => r.editSeen !== edits);
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
