// @ts-check
// Tests of the `ts-slots` command line (audit and add): the built CLI (dist/cli/index.js) run as a child process
// against copies of the projects under fixtures/cli/ in a temp directory.
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { applyPatch, parsePatch } = require("diff");

const ROOT = path.resolve(__dirname, "..");
const CLI = path.join(ROOT, "dist", "cli", "index.js");
const FIXTURES = path.join(ROOT, "fixtures", "cli");

const temps = [];

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
});

afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function copyFixture(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ts-slots-cli-${name}-`));
  temps.push(dir);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  // `ts-slots` resolves to this package, as in a project that installed it: the audit type-checks what `add` writes.
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  fs.symlinkSync(ROOT, path.join(dir, "node_modules", "ts-slots"), "dir");
  return dir;
}

function run(args, cwd) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function auditJson(dir, extra = []) {
  const r = run(["audit", "--json", ...extra], dir);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

const audited = new Map();
/** The JSON audit of an untouched copy of a fixture, run once per fixture. */
function auditFixture(name) {
  if (!audited.has(name)) audited.set(name, auditJson(copyFixture(name)));
  return audited.get(name);
}

/** [name, status, ["file:line kind field"]] per class, in report order. */
function compact(doc) {
  return doc.classes.map((c) => [c.name, c.status, c.findings.map((f) => `${f.file}:${f.line} ${f.kind}${f.field ? ` ${f.field}` : ""}`)]);
}

/** Every file under dir (relative path -> content), node_modules and dist left out. */
function snapshot(dir) {
  const out = {};
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name === "dist") continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p).split(path.sep).join("/")] = fs.readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

describe("ts-slots audit: findings", () => {
  test("shape and numeric findings, and the build's own diagnostics under @slots, with file, line and kind (target ES2022)", () => {
    const doc = auditFixture("findings");
    expect(doc.target).toBe("ES2022");
    expect(doc.useDefineForClassFields).toBe(true);
    expect(compact(doc)).toEqual([
      ["Vec", "safe", ["src/numeric.ts:9 numeric-undefined x", "src/numeric.ts:10 numeric-undefined y", "src/numeric.ts:12 numeric-undefined w", "src/numeric.ts:15 numeric-undefined scale"]],
      ["Meter", "safe", ["src/numeric.ts:23 numeric-undefined level"]],
      [
        "Target",
        "blocked",
        [
          "src/use.ts:5 TSS1006",
          "src/use.ts:6 TSS1014",
          "src/use.ts:8 TSS1002",
          "src/use.ts:10 TSS1002",
          "src/use.ts:11 TSS1003",
          "src/use.ts:12 TSS1003",
          "src/use.ts:13 TSS1001",
        ],
      ],
      ["Options", "safe", []],
      ["SelfAdder", "blocked", ["src/outside.ts:17 TSS1006"]],
      ["Unassigned", "safe", ["src/shape.ts:5 unassigned-field note", "src/shape.ts:6 unassigned-field tag"]],
      [
        "Conditional",
        "safe",
        [
          "src/shape.ts:15 conditional-field viaIf",
          "src/shape.ts:16 conditional-field viaLoop",
          "src/shape.ts:17 conditional-field viaTry",
          "src/shape.ts:18 conditional-field viaCatch",
          "src/shape.ts:19 conditional-field viaSwitch",
          "src/shape.ts:20 conditional-field viaAnd",
          "src/shape.ts:22 conditional-field viaCallback",
          "src/shape.ts:23 conditional-field viaAndAssign",
          "src/shape.ts:24 conditional-field afterReturn",
          "src/shape.ts:27 conditional-field viaInitIf",
        ],
      ],
      ["Walker", "blocked", ["src/use.ts:31 TSS1008"]],
    ]);
  });

  test("messages say which construct makes a field conditional and where it is first assigned", () => {
    const doc = auditFixture("findings");
    const byField = {};
    for (const c of doc.classes) for (const f of c.findings) if (f.field) byField[`${c.name}.${f.field}`] = f.message;
    expect(byField["Conditional.viaIf"]).toContain("inside an if at line 33");
    expect(byField["Conditional.viaLoop"]).toContain("inside a loop at line 34");
    expect(byField["Conditional.viaTry"]).toContain("inside a try block at line 36");
    expect(byField["Conditional.viaCatch"]).toContain("inside a catch block at line 38");
    expect(byField["Conditional.viaSwitch"]).toContain("inside a switch at line 42");
    expect(byField["Conditional.viaAnd"]).toContain("on the right of && at line 45");
    expect(byField["Conditional.viaCallback"]).toContain("inside a callback at line 49");
    expect(byField["Conditional.viaAndAssign"]).toContain("through &&= at line 51");
    expect(byField["Conditional.afterReturn"]).toContain("after an early return at line 53");
    expect(byField["Conditional.viaInitIf"]).toContain("inside an if at line 58 in init()");
    expect(byField["Unassigned.note"]).toContain("first assigned in `setNote()`");
    expect(byField["Unassigned.tag"]).toContain("not assigned anywhere in the class");
    expect(byField["Vec.x"]).toContain("TypeScript emits the class field `x;`");
    expect(byField["Vec.scale"]).toContain("the parameter property is emitted as the class field `scale;`");
    expect(byField["Vec.w"]).toContain("its initializer is `undefined`");
  });

  test("writes from outside: each is the build's own diagnostic; a variable typed any is an escape to review", () => {
    // Since the engine (cli/audit/engine.ts) the findings are what the build reports with @slots on the class, by
    // code and with the build's message; writes the build accepts (declared members through Object.assign) draw none.
    const doc = auditFixture("findings");
    const target = doc.classes.find((c) => c.name === "Target");
    expect(target.findings.filter((f) => f.blocks).map((f) => f.kind)).toEqual(["TSS1006", "TSS1002", "TSS1002", "TSS1003", "TSS1003", "TSS1001"]);
    expect(target.findings[0].message).toBe(
      "'extra' is written through a cast, but @slots class Target has no slot 'extra': this throws a TypeError at run time where the class is sealed or guarded (the default seals development and test builds), and otherwise gives the instance a shape of its own. Declare 'extra' as a field of Target and drop the cast.",
    );
    const escape = target.findings.find((f) => f.kind === "TSS1014");
    expect(escape).toMatchObject({ category: "review", blocks: false, line: 6 });
    expect(escape.message).toContain("escapes into a place typed `any`");
    const walker = doc.classes.find((c) => c.name === "Walker");
    expect(walker.findings.map((f) => [f.blocks, f.message])).toEqual([
      [
        true,
        "'walk' is a method of @slots class Walker, not a slot; assigning it adds an own property: this throws a TypeError at run time where the class is sealed or guarded (the default seals development and test builds), and otherwise gives the instance a shape of its own. Declare 'walk' as a field holding a function (`walk = () => ...`) to replace it per instance.",
      ],
    ]);
    const options = doc.classes.find((c) => c.name === "Options");
    expect(options.findings).toEqual([]);
    expect(options.newSites).toBe(2);
    expect(options.hotNewSites).toBe(1);
  });

  test("target ES2020: no class-field undefined, but explicit undefined first values and late fields are found", () => {
    const dir = copyFixture("es2020");
    const doc = auditJson(dir);
    expect(doc.useDefineForClassFields).toBe(false);
    expect(compact(doc)).toEqual([
      ["Body", "safe", ["src/body.ts:5 numeric-undefined vx", "src/body.ts:6 unassigned-field mass", "src/body.ts:8 unassigned-field cached"]],
    ]);
    const text = run(["audit"], dir);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe("");
    expect(text.stdout).toBe(
      [
        "ts-slots audit: tsconfig.json, 1 class in 1 file (1 source file; target ES2020, useDefineForClassFields off)",
        "",
        "src/body.ts:3 class Body: safe",
        "  src/body.ts:5:3 numeric-undefined: `vx: number | undefined` starts as undefined (its first value, `vx` at line 12, may be undefined), so later non-integer writes allocate a heap number (5-8x slower updates in the bench, Node 20-24)",
        "  src/body.ts:6:3 unassigned-field: `mass` is declared but not assigned in the constructor (first assigned in `weigh()`); instances that gain it later change hidden class",
        "  src/body.ts:8:3 unassigned-field: `cached` is declared but not assigned in the constructor (not assigned anywhere in the class); instances that gain it later change hidden class",
        "",
        "Summary, ranked by likely benefit:",
        "  1. Body  safe  benefit 35  src/body.ts:3  1 new site (1 in loops/callbacks), 1 numeric field starting undefined, 2 fields not assigned in the constructor",
        "",
        "1 safe candidate for @slots (1 class: 1 safe, 0 blocked, 0 need review, 0 already @slots).",
        "Next: `npx ts-slots add` shows the diff; add `--write` to apply it.",
        "",
      ].join("\n"),
    );
  });
});

describe("ts-slots audit: blockers", () => {
  test("each blocker, needs-review cases, safe abstract classes and already-@slots classes", () => {
    const doc = auditFixture("blockers");
    // Verdicts from the build's checks over the program with @slots where add would put it. Changed with the engine:
    // Impostor (the seal skips a constructor that returns another object) and Ghost (an unresolved base is `any`, on
    // which the build says nothing) are safe; Chameleon (setPrototypeOf(this, ...) takes any) needs review.
    expect(compact(doc)).toEqual([
      ["Cache", "blocked", ["src/deletes.ts:6 TSS1001"]],
      ["Settings", "blocked", ["src/dynamic-key.ts:7 TSS1002"]],
      ["Dimensions", "safe", []],
      ["Bag", "blocked", ["src/index-signature.ts:3 TSS1004"]],
      ["TaggedBag", "needs-review", ["src/index-signature.ts:8 TSS1007"]],
      ["Jumpable", "safe", []],
      ["Duckable", "safe", []],
      ["Sprite", "blocked", ["src/mixins.ts:26 TSS1013"]],
      ["Greeter", "blocked", ["src/mixins.ts:31 TSS1013"]],
      ["Base", "safe", []],
      ["Legacy", "blocked", ["src/prototype.ts:9 TSS1013"]],
      ["Rebased", "blocked", ["src/prototype.ts:14 TSS1013"]],
      ["Chameleon", "needs-review", ["src/prototype.ts:20 TSS1014"]],
      ["Impostor", "safe", []],
      ["AppError", "needs-review", ["src/review.ts:4 TSS1007"]],
      ["MyWidget", "needs-review", ["src/review.ts:8 TSS1007"]],
      ["Mixed", "needs-review", ["src/review.ts:14 TSS1007"]],
      ["Ghost", "safe", []],
      ["Decorated", "needs-review", ["src/review.ts:27 other-decorator"]],
      ["ReviewChild", "needs-review", ["src/review.ts:32 TSS1007"]],
      ["Shape", "safe", []],
      ["Square", "safe", ["src/safe.ts:10 numeric-undefined side"]],
      ["Done", "slots", []],
      ["SealedButWritten", "slots", ["src/safe.ts:31 TSS1006"]],
    ]);
    const by = Object.fromEntries(doc.classes.map((c) => [c.name, c]));
    expect(by.Shape.abstract).toBe(true);
    expect(by.AppError.findings[0].message).toContain("its base Error is a built-in");
    expect(by.MyWidget.findings[0].message).toContain("comes from a declaration file (vendor.d.ts)");
    expect(by.TaggedBag.reasons).toEqual(["TSS1007 at src/index-signature.ts:8"]);
    expect(by.TaggedBag.findings[0].message).toContain("its base class Bag is not @slots and adds properties its declaration does not list");
    expect(by.Sprite.findings[0].message).toContain("`applyMixins()` copies members onto the prototype (a mixin) of @slots class Sprite");
    expect(doc.summary).toMatchObject({ classes: 24, safe: 8, blocked: 7, needsReview: 7, slots: 2 });
    expect(doc.unattributed).toEqual([]);
  });

  test("text report: status lines, tags, ranked summary and the count of safe candidates", () => {
    const r = run(["audit"], copyFixture("blockers"));
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("ts-slots audit: tsconfig.json, 24 classes in 7 files (7 source files; target ES2022, useDefineForClassFields on)");
    expect(lines).toContain("src/index-signature.ts:2 class Bag: blocked by TSS1004 at src/index-signature.ts:3");
    expect(lines).toContain(
      "  src/index-signature.ts:3:3 TSS1004 [blocks @slots]: @slots class Bag has an index signature, but its instances hold only their slots (a sealed one rejects any other key). Remove it and declare each slot as a field (keep open-ended keys in a Map field).",
    );
    expect(lines).toContain("src/review.ts:4 class AppError: needs review: TSS1007 at src/review.ts:4");
    expect(lines).toContain("src/safe.ts:4 class Shape (abstract): safe");
    expect(lines).toContain("src/safe.ts:20 class Done: already @slots");
    expect(lines).toContain("src/safe.ts:28 class SealedButWritten: already @slots, but TSS1006 at src/safe.ts:31 will throw once sealed");
    const summary = lines.slice(lines.indexOf("Summary, ranked by likely benefit:"));
    expect(summary.slice(0, 3)).toEqual([
      "Summary, ranked by likely benefit:",
      "  1. Square  safe  benefit 15  src/safe.ts:9  1 new site (1 in loops/callbacks), 1 numeric field starting undefined",
      "  plus 21 classes with no shape or numeric findings",
    ]);
    expect(lines).toContain("8 safe candidates for @slots (24 classes: 8 safe, 7 blocked, 7 need review, 2 already @slots).");
  });

  test("ranking puts the largest benefit first", () => {
    const doc = auditFixture("add");
    expect(doc.summary.ranking.map((c) => [c.name, c.benefit])).toEqual([
      ["Point", 12],
      ["Particle", 10],
      ["Circle", 3],
      ["Timer", 0],
      ["Shape", 0],
      ["Bag", 0],
      ["Tagged", 0],
    ]);
  });

  test("--only keeps classes of matching files", () => {
    const doc = auditJson(copyFixture("blockers"), ["--only", "src/proto*.ts"]);
    expect(doc.classes.map((c) => c.name)).toEqual(["Base", "Legacy", "Rebased", "Chameleon", "Impostor"]);
  });
});

describe("ts-slots audit: what decorating breaks that only the compiler options reveal (checks TSS1020, TSS1021)", () => {
  // Found by the audit round trip (test/differential/audit-roundtrip.js); both fixtures hold the same classes.
  const blocking = (doc) => doc.classes.map((c) => [c.name, c.status, c.findings.filter((f) => f.blocks).map((f) => `${f.file}:${f.line}:${f.column} ${f.kind}`)]);

  test("experimentalDecorators + assign semantics: `this` in a static initializer (TS2816) and a slot a base constructor writes block the class", () => {
    const doc = auditFixture("hazards-legacy");
    expect(blocking(doc)).toEqual([
      ["Base", "safe", []],
      ["Derived", "blocked", ["src/order.ts:17:5 TSS1021"]],
      ["Reset", "safe", []],
      ["Unrelated", "safe", []],
      // The build's check and TypeScript's own diagnostic of the decorated file, both at the `this`.
      ["Counter", "blocked", ["src/statics.ts:4:25 TS2816", "src/statics.ts:4:25 TSS1020"]],
      ["Later", "safe", []],
      ["Lazy", "blocked", ["src/statics.ts:19:23 TS2816", "src/statics.ts:19:23 TSS1020"]],
    ]);
    const by = Object.fromEntries(doc.classes.map((c) => [c.name, c]));
    expect(by.Counter.findings.find((f) => f.kind === "TSS1020").message).toContain("(TS2816), so @slots on Counter breaks the type-check. Write Counter instead of `this`.");
    expect(by.Derived.findings.find((f) => f.blocks).message).toContain("'init' writes 'box' and runs while a base constructor runs (this.init in Base's setup)");
  });

  test("standard decorators + define semantics: neither applies, every class is safe", () => {
    const doc = auditFixture("hazards-standard");
    expect(blocking(doc).map(([name, status]) => [name, status])).toEqual(["Base", "Derived", "Reset", "Unrelated", "Counter", "Later", "Lazy"].map((name) => [name, "safe"]));
  });

  test("a hand-written @slots gets both from `ts-slots check` (the build's rule engine), not only from the audit", () => {
    const dir = copyFixture("hazards-legacy");
    for (const [file, classes] of /** @type {[string, string[]][]} */ ([["src/order.ts", ["Derived"]], ["src/statics.ts", ["Counter", "Lazy"]]])) {
      let text = fs.readFileSync(path.join(dir, file), "utf8");
      for (const name of classes) text = text.replace(`export class ${name} `, `@slots\nexport class ${name} `);
      fs.writeFileSync(path.join(dir, file), `import { slots } from "ts-slots";\n${text}`);
    }
    const r = run(["check"], dir);
    expect(r.code).toBe(1);
    const codes = [...r.stdout.matchAll(/(src\/\w+\.ts)[:(](\d+)[:,](\d+)\)?:? .*?(TSS10\d\d)/g)].map((m) => `${m[1]}:${m[2]} ${m[4]}`);
    expect(codes).toEqual(["src/order.ts:19 TSS1021", "src/statics.ts:6 TSS1020", "src/statics.ts:22 TSS1020"]);
  });
});

describe("ts-slots audit: command line", () => {
  test("progress goes to stderr only, and only when asked for outside a terminal", () => {
    const dir = copyFixture("es2020");
    const quiet = run(["audit", "--json"], dir);
    expect(quiet.stderr).toBe("");
    const loud = run(["audit", "--json", "--progress"], dir);
    expect(loud.code).toBe(0);
    expect(JSON.parse(loud.stdout).classes).toHaveLength(1);
    expect(loud.stderr).toContain("ts-slots: loading project...");
    expect(loud.stderr).toContain("ts-slots: scanning files 1/1 (100%)");
    expect(loud.stderr).toContain("ts-slots: analysing classes 1/1 (100%)");
  });

  test("-p accepts a tsconfig path or its directory", () => {
    const dir = copyFixture("es2020");
    const viaFile = run(["audit", "--json", "-p", path.join(dir, "tsconfig.json")], os.tmpdir());
    const viaDir = run(["audit", "--json", `--project=${dir}`], os.tmpdir());
    expect(viaFile.code).toBe(0);
    expect(viaDir.code).toBe(0);
    expect(JSON.parse(viaFile.stdout).classes).toEqual(JSON.parse(viaDir.stdout).classes);
  });

  test("a project that cannot be loaded: exit 1 and a clear message", () => {
    const broken = copyFixture("broken");
    const r = run(["audit"], broken);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^ts-slots: cannot load project: tsconfig\.json is not valid: tsconfig\.json:2:\d+: /);
    const missing = run(["audit", "-p", "nowhere/tsconfig.json"], broken);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("ts-slots: cannot load project: no tsconfig file at nowhere/tsconfig.json\n");
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "ts-slots-cli-empty-"));
    temps.push(empty);
    fs.writeFileSync(path.join(empty, "tsconfig.json"), '{ "include": ["src"] }');
    const none = run(["audit"], empty);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe('ts-slots: cannot load project: tsconfig.json matches no input files (check "include"/"files")\n');
  });

  test("usage errors exit 2; help and version exit 0", () => {
    const dir = copyFixture("es2020");
    expect(run(["audit", "--bogus"], dir)).toMatchObject({ code: 2, stdout: "" });
    expect(run(["frobnicate"], dir).stderr).toContain("ts-slots: unknown command frobnicate");
    expect(run(["audit", "--write"], dir).code).toBe(2);
    expect(run(["add", "--json"], dir).code).toBe(2);
    expect(run(["audit", "-p"], dir).code).toBe(2);
    const help = run(["--help"], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("ts-slots audit [-p tsconfig.json] [--json]");
    const version = run(["--version"], dir);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(require(path.join(ROOT, "package.json")).version);
  });
});

describe("ts-slots add", () => {
  test("without --write: prints the unified diff, names each skipped class, changes nothing", () => {
    const dir = copyFixture("imports");
    const before = snapshot(dir);
    const r = run(["add"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(fs.readFileSync(path.join(FIXTURES, "imports", "expected.diff"), "utf8"));
    expect(r.stderr).toBe(
      [
        "skip src/conflict.ts:3 Clash: the name `slots` is already declared in this file by something other than ts-slots",
        "skip src/script.ts:2 GlobalThing: needs review: file is a global script (no import/export); adding the ts-slots import would turn it into a module (src/script.ts:2); name the class to add it anyway",
        "ts-slots add: would add @slots to 9 classes in 9 files; run again with --write to apply",
        "",
      ].join("\n"),
    );
    expect(snapshot(dir)).toEqual(before);
  });

  test("the diff keeps formatting: merged imports, aliases, namespaces, quotes, semicolons, CRLF, headers", () => {
    const diff = fs.readFileSync(path.join(FIXTURES, "imports", "expected.diff"), "utf8");
    expect(diff).toContain("-import { type SealMode } from \"ts-slots\";\n+import { type SealMode, slots } from \"ts-slots\";\n");
    expect(diff).toContain("   type SlotsPluginOptions,\n+  slots,\n } from \"ts-slots\";\n");
    expect(diff).toContain("+@withSlots\n export class NotYet {");
    expect(diff).toContain("+@tsSlots.slots\n export class Plain {");
    expect(diff).toContain(" import { join } from './paths'\n+import { slots } from 'ts-slots'\n");
    expect(diff).toContain("+import { slots } from \"ts-slots\";\r\n");
    expect(diff).toContain("  */\n \n+import { slots } from \"ts-slots\";\n+\n /** Documented class");
    expect(diff).toContain("+  @slots\n   export class Inner {");
    expect(diff).not.toContain("AlreadyAliased\n");
    expect(diff).not.toContain("+@slots\n export class ViaNamespace");
  });

  test("--write applies exactly the printed diff, and a second run changes nothing", () => {
    const dir = copyFixture("imports");
    const before = snapshot(dir);
    const diff = run(["add"], dir).stdout;
    const w = run(["add", "--write"], dir);
    expect(w.code).toBe(0);
    expect(w.stdout.split("\n").filter(Boolean)).toHaveLength(9);
    expect(w.stdout).toContain("updated src/merge-multiline.ts: @slots Merged\n");
    const after = snapshot(dir);
    for (const patch of parsePatch(diff)) {
      const file = patch.oldFileName.replace(/^a\//, "");
      expect(applyPatch(before[file], patch)).toBe(after[file]);
    }
    const changed = Object.keys(after).filter((f) => after[f] !== before[f]);
    expect(changed.sort()).toEqual(parsePatch(diff).map((p) => p.newFileName.replace(/^b\//, "")).sort());

    const again = run(["add"], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("ts-slots add: nothing to change\n");
    const againWrite = run(["add", "--write"], dir);
    expect(againWrite.stdout).toBe("");
    expect(snapshot(dir)).toEqual(after);
    const audit = auditJson(dir);
    expect(audit.summary.safe).toBe(0); // Clash, whose file binds `slots` to something else, needs review: add cannot decorate it
    expect(audit.summary.slots).toBe(11);
  });

  test("named classes: only those; a needs-review class is added when named, a blocked one never", () => {
    const dir = copyFixture("imports");
    const r = run(["add", "--write", "GlobalThing", "Route"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("note: adding @slots to src/script.ts:2 GlobalThing as asked, although it needs review: file is a global script");
    expect(r.stdout).toBe("updated src/script.ts: @slots GlobalThing\nupdated src/single-quotes.ts: @slots Route\n");
    expect(fs.readFileSync(path.join(dir, "src", "script.ts"), "utf8")).toBe(
      // The comment touches the class, so it is taken as the class's own and the import goes above it.
      'import { slots } from "ts-slots";\n\n// A global script: no import or export, so adding an import would turn it into a module.\n@slots\nclass GlobalThing {\n  a = 1;\n}\n',
    );

    const blocked = copyFixture("add");
    const before = snapshot(blocked);
    const b = run(["add", "--write", "Bag"], blocked);
    expect(b.code).toBe(0);
    expect(b.stdout).toBe("");
    expect(b.stderr).toBe(
      "skip src/bag.ts:3 Bag: blocked: @slots class Bag has an index signature, but its instances hold only their slots (a sealed one rejects any other key). Remove it and declare each slot as a field (keep open-ended keys in a Map field). (src/bag.ts:4) (+1 more)\n" +
        "ts-slots add: nothing to change\n",
    );
    expect(snapshot(blocked)).toEqual(before);

    const unknown = run(["add", "Nope"], blocked);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe("ts-slots add: no class named `Nope` in tsconfig.json\n");
  });

  test("--only limits add to files matching the glob", () => {
    const dir = copyFixture("add");
    const r = run(["add", "--only", "src/geo*.ts"], dir);
    expect(r.code).toBe(0);
    expect(parsePatch(r.stdout).map((p) => p.newFileName)).toEqual(["b/src/geometry.ts"]);
    expect(r.stderr).toBe("ts-slots add: would add @slots to 3 classes in 1 file; run again with --write to apply\n");
  });
});

// Papercuts, each seen by a new user of the published CLI (the bundle in @ts-slots/cli).
describe("command-line papercuts", () => {
  const BUNDLE = path.join(ROOT, "packages", "cli", "dist", "index.js");

  test("`npx ts-slots --version` from an installed @ts-slots/cli prints the package's version, not `unknown`", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts-slots-cli-installed-"));
    temps.push(dir);
    // The layout npm makes: node_modules/@ts-slots/cli/{package.json,dist/index.js}, dependencies found beside it.
    const installed = path.join(dir, "node_modules", "@ts-slots", "cli");
    fs.mkdirSync(path.join(installed, "dist"), { recursive: true });
    fs.copyFileSync(path.join(ROOT, "packages", "cli", "package.json"), path.join(installed, "package.json"));
    fs.copyFileSync(BUNDLE, path.join(installed, "dist", "index.js"));
    const r = spawnSync(process.execPath, [path.join(installed, "dist", "index.js"), "--version"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") },
    });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(`${require(path.join(ROOT, "packages", "cli", "package.json")).version}\n`);
  });

  test("a mistyped command is answered with the closest one; a word near none gets no guess", () => {
    const dir = copyFixture("es2020");
    expect(run(["chekc"], dir)).toMatchObject({ code: 2, stdout: "" });
    expect(run(["chekc"], dir).stderr).toContain("ts-slots: unknown command chekc (did you mean `ts-slots check`?)");
    expect(run(["adit"], dir).stderr).toContain("(did you mean `ts-slots audit`?)");
    expect(run(["frobnicate"], dir).stderr).not.toContain("did you mean");
    expect(run(["check", "--format", "jsno"], dir).stderr).toContain('--format must be one of text, json, github (got "jsno"; did you mean json?)');
  });

  test("--help lists every source code of the diagnostics table (TSS1013 and TSS1014 too), as ranges", () => {
    const { ProblemCode } = require("../dist/transformer/core/diagnostics");
    const codes = Object.values(ProblemCode).filter((code) => code >= 1000 && code < 2000);
    const help = run(["--help"], ROOT).stdout;
    const listed = /would \(([^)]*),\s+and the plugin entry's options\)/.exec(help);
    expect(listed).not.toBeNull();
    const expanded = listed[1].split(", ").flatMap((range) => {
      const [from, to = from] = range.replace(/^TSS/, "").split("-").map(Number);
      return Array.from({ length: to - from + 1 }, (_, index) => from + index);
    });
    expect(expanded).toEqual(codes.sort((a, b) => a - b));
    expect(expanded).toEqual(expect.arrayContaining([1013, 1014]));
  });
});
