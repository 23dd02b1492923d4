// The audit round trip's property: for programs of the differential generator with every `@slots` taken
// off, `ts-slots audit --json` and `ts-slots add --write` (the real CLI, in a real project) decide which classes get
// `@slots`; the result is built with the plugin (ts-patch, as tspc) and run beside the normal build. It must hold:
// no ts-slots error in the build, and the same behaviour except the contract's allowed differences (compare.js).
// Failures mean the audit called a class safe that the build or the run rejects: they belong to the audit.
//
//   node test/differential/audit-roundtrip.js --runs 2000 --seed 1 [--batch 50] [--out dir]
//
// Programs cycle through the differential test's configurations (target, field semantics, decorator flavour), one
// project per configuration and batch, so that each CLI run audits many files. Needs `npm run build`.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { configurations, configurationById } = require("./configurations");
const { render } = require("./generator");
const { programFor } = require("./session");
const { checkMany } = require("./harness");
const { ts, stripSlots } = require("./compile");
const { makeProject, repoRoot } = require("../helpers/project");
const { withAuditShape } = require("./audit-shapes");

const cli = path.join(repoRoot, "dist/cli/index.js");
/**
 * The helpers' declarations as the audited project sees them. `__snap` and `__mut` take the instances as `object`,
 * a place the audit rightly counts as an escape (TSS1014); but what they do to a sealed instance is exactly what the
 * comparator allows (compare.js), so in the audited project they take a closed type every instance satisfies.
 */
const helpersDeclarations = fs
  .readFileSync(path.join(__dirname, "helpers.d.ts"), "utf8")
  .replace(/\bobject: object\b/g, "object: __Probed")
  .concat("\n/** Any class instance, as a type the audit does not count as open. */\ninterface __Probed {\n  constructor: Function;\n}\n");

/** A class carries `@slots` (the decorator as the CLI writes it), and its name as the schema knows it. */
function slotsClassNames(text) {
  const file = ts.createSourceFile("main.ts", text, ts.ScriptTarget.Latest, true);
  const names = new Set();
  const visit = (node) => {
    if (ts.isClassLike(node) && (ts.getDecorators(node) ?? []).some((decorator) => ts.isIdentifier(decorator.expression) && decorator.expression.text === "slots")) {
      const name = node.name ? node.name.text : ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : undefined;
      if (name) names.add(name);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

const schemaLine = /^const __schema = (.*);$/m;

/**
 * The program's schema says which classes are `@slots` (the comparator expects their seal, placeholders and slot
 * order, and identical behaviour from every other class): after `add`, that is whatever `add` decorated.
 */
function withSchemaOf(text) {
  const match = schemaLine.exec(text);
  if (!match) throw new Error("a generated program without its schema line");
  const schema = JSON.parse(match[1]);
  const decorated = slotsClassNames(text);
  for (const [name, cls] of Object.entries(schema.classes)) cls.slots = decorated.has(name);
  return text.replace(schemaLine, () => `const __schema = ${JSON.stringify(schema)};`);
}

function runCli(args, cwd) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`ts-slots ${args.join(" ")} failed (status ${result.status}) in ${cwd}:\n${result.stderr}`);
  return result;
}

/**
 * Adds, before the program's last line, a write of an undeclared property to its first instance `i0` from outside the
 * class (through `any`, as untyped code would): the normal build records the value, a sealed instance throws. A class
 * whose instance is written so is not safe for `@slots`; an audit that says otherwise fails the round trip. Programs
 * without `i0` are left as they are.
 */
function withOutsideWrite(text) {
  if (!/^const i0 = new /m.test(text)) return text;
  return text.replace(/^__print\(__schema\);$/m, `__try("outside.add", () => { (i0 as any).extra = 1; return (i0 as any).extra; });\n__print(__schema);`);
}

/** Decorates every class, as an audit that calls everything safe would: the harness's self-check. */
function decorateEverything(text) {
  return `import { slots } from "ts-slots";\n${text.replace(/^(abstract class |class )/gm, "@slots\n$1").replace(/=\s*class\b/g, "= @slots class")}`;
}

/**
 * One configuration, many seeds: generate, strip, audit + add in one project, then build and compare each program.
 * `decorate: "everything"` replaces audit + add by decorating every class (to show the harness catches a bad audit);
 * `outsideWrite` adds a write of an undeclared property to the instance `i0` (withOutsideWrite); `shapes` (default on)
 * adds one of the escapes of audit-shapes.js (base-typed, generic, `{}`, containers, locals typed `any`, a conditional,
 * an evolving local). A seed given
 * as `{ seed, outsideWrite }` sets `outsideWrite` for that program alone (its file is then `p<seed>w.ts`), so that
 * one project and one audit serve programs with and without the write.
 * Returns per seed `{ seed, outsideWrite, verdict, category?, message?, safe, added, texts }`.
 */
function roundTripBatch(configurationOrId, seeds, { decorate = "audit", outsideWrite = false, shapes = true } = {}) {
  const configuration = typeof configurationOrId === "string" ? configurationById(configurationOrId) : configurationOrId;
  const programs = seeds.map((entry) => {
    const { seed, outsideWrite: written = outsideWrite } = typeof entry === "number" ? { seed: entry } : entry;
    const generated = render(programFor(configuration, seed));
    const shaped = shapes ? withAuditShape(generated, seed) : generated;
    const original = written ? withOutsideWrite(shaped) : shaped;
    return { seed, outsideWrite: written, original, plain: stripSlots(original), file: `p${seed}${written ? "w" : ""}.ts` };
  });
  const files = Object.fromEntries(programs.map((program) => [program.file, program.plain]));
  files["helpers.d.ts"] = helpersDeclarations;
  const dir = makeProject({
    files,
    name: `roundtrip-${configuration.id}`,
    compilerOptions: {
      target: configuration.target,
      useDefineForClassFields: configuration.useDefineForClassFields,
      experimentalDecorators: configuration.experimentalDecorators,
      lib: ["ES2022"],
    },
  });
  try {
    let safeByFile = new Map();
    if (decorate === "audit") {
      const report = JSON.parse(runCli(["audit", "--json", "--no-progress"], dir).stdout);
      for (const cls of report.classes) {
        if (cls.status !== "safe") continue;
        const file = path.basename(cls.file);
        safeByFile.set(file, [...(safeByFile.get(file) ?? []), cls.name]);
      }
      runCli(["add", "--write", "--no-progress"], dir);
    }
    const decorated = programs.map((program) => {
      const written = fs.readFileSync(path.join(dir, "src", program.file), "utf8");
      return withSchemaOf(decorate === "audit" ? written : decorateEverything(written));
    });
    const results = checkMany(decorated.map((text) => ({ text, configuration })));
    return programs.map((program, index) => ({
      seed: program.seed,
      outsideWrite: program.outsideWrite,
      configuration: configuration.id,
      ...pick(results[index]),
      safe: safeByFile.get(program.file) ?? [],
      added: [...slotsClassNames(decorated[index])],
      texts: { original: program.original, plain: program.plain, decorated: decorated[index] },
    }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function pick(result) {
  return { verdict: result.verdict, category: result.category, message: result.message };
}

/** The seeds of a run and their configurations: seed, seed + 1, ... cycling through `configs`. */
function plan(runs, seed, configs) {
  const groups = new Map();
  for (let index = 0; index < runs; index++) {
    const configuration = configs[index % configs.length];
    if (!groups.has(configuration.id)) groups.set(configuration.id, []);
    groups.get(configuration.id).push(seed + index);
  }
  return groups;
}

function writeFailure(out, result) {
  fs.mkdirSync(out, { recursive: true });
  const base = path.join(out, `${result.configuration}-seed${result.seed}`);
  fs.writeFileSync(`${base}.plain.ts`, result.texts.plain);
  fs.writeFileSync(`${base}.decorated.ts`, result.texts.decorated);
  fs.writeFileSync(`${base}.txt`, `${result.verdict} ${result.category}\nadded @slots: ${result.added.join(", ")}\naudit safe: ${result.safe.join(", ")}\n\n${result.message}\n`);
  return base;
}

const options = {
  runs: { type: "string" },
  seed: { type: "string" },
  batch: { type: "string" },
  configs: { type: "string" },
  out: { type: "string" },
  help: { type: "boolean", short: "h" },
};
const usage = `usage: node test/differential/audit-roundtrip.js [--runs 2000] [--seed 1] [--batch 50] [--configs id,id] [--out dir]
  Generated programs without @slots -> ts-slots audit -> ts-slots add --write -> build with the plugin -> run and
  compare with the normal build. Exit 1 on any failure (written to --out, default .tmp/audit-roundtrip).`;

function main(argv) {
  const { parseCommandLine, integerOption, listOption, UsageError } = require(path.join(repoRoot, "dist/cli/args.js"));
  const { createProgress } = require(path.join(repoRoot, "dist/cli/progress.js"));
  let args;
  try {
    const { values } = parseCommandLine(argv, options, { positionals: false });
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    args = {
      runs: integerOption(values.runs, "runs", 100, { min: 1 }),
      seed: integerOption(values.seed, "seed", 1),
      batch: integerOption(values.batch, "batch", 50, { min: 1 }),
      configs: values.configs === undefined ? configurations : listOption([values.configs]).map((id) => configurationById(id)),
      out: path.resolve(values.out ?? path.join(repoRoot, ".tmp/audit-roundtrip")),
    };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`audit-roundtrip: ${error.message}\n${usage}\n`);
    return 2;
  }
  const started = Date.now();
  const progress = createProgress(process.stderr, "auto");
  const totals = { programs: 0, pass: 0, fail: 0, invalid: 0, classes: 0, safe: 0, added: 0 };
  const failures = [];
  for (const [id, seeds] of plan(args.runs, args.seed, args.configs)) {
    for (let at = 0; at < seeds.length; at += args.batch) {
      progress.update(`round trip (${id})`, totals.programs, args.runs);
      for (const result of roundTripBatch(id, seeds.slice(at, at + args.batch))) {
        totals.programs++;
        totals[result.verdict === "pass" ? "pass" : result.verdict === "invalid" ? "invalid" : "fail"]++;
        totals.safe += result.safe.length;
        totals.added += result.added.length;
        totals.classes += Object.keys(JSON.parse(schemaLine.exec(result.texts.plain)[1]).classes).length;
        if (result.verdict !== "pass") failures.push({ ...result, file: writeFailure(args.out, result) });
      }
      // One line per batch: a long run's partial result stays readable if it is stopped.
      progress.finish();
      process.stdout.write(`batch ${id} ${at}: ${totals.programs}/${args.runs} programs, ${totals.pass} pass, ${totals.fail} fail, ${totals.invalid} invalid, ${totals.added} classes made @slots, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    }
  }
  progress.finish();
  const seconds = (Date.now() - started) / 1000;
  for (const failure of failures.slice(0, 20)) {
    process.stdout.write(`${failure.verdict} ${failure.configuration} seed ${failure.seed}: ${failure.category} (${failure.file}.txt)\n  ${String(failure.message).split("\n")[0]}\n`);
  }
  process.stdout.write(
    `audit round trip: ${totals.programs} programs (seeds ${args.seed}..${args.seed + args.runs - 1}, ${args.configs.length} configurations), ` +
      `${totals.pass} pass, ${totals.fail} fail, ${totals.invalid} invalid; ${totals.classes} classes, audit called ${totals.safe} safe, ` +
      `add decorated ${totals.added}; ${seconds.toFixed(0)} s\n`,
  );
  return failures.length === 0 ? 0 : 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { roundTripBatch, withSchemaOf, slotsClassNames, withOutsideWrite };
