// @ts-check
// Differential test of the plugin: generated programs built normally and with the plugin must behave the
// same up to the contract (placeholders, slot order, seal). See the README (Differential testing) and test/differential/.
//
// - the comparator's self-check: it reports planted real differences and accepts exactly the allowed ones;
// - an end-to-end self-check: a tampered plugin build is caught;
// - the in-process compiler agrees with the real `tspc` command;
// - a fixed-seed sample of generated programs in four configurations;
// - the text route (emitter 2, `ts-slots/rewrite`, then esbuild): its own self-checks and fixed-seed sample;
// - the replay of every fixture under fixtures/differential/ in both routes (fixtures of open bugs fail until fixed).
"use strict";
const fs = require("fs");
const path = require("path");
const { makeProject, compile, runNode, repoRoot } = require("./helpers/project");
const { configurationById, sampleConfigurationIds, configurations, fieldModeOf, emitters, parseRouteId, routeId } = require("./differential/configurations");
const { compareOutputs } = require("./differential/compare");
const { buildBoth, checkMany, judge } = require("./differential/harness");
const { compileText } = require("./differential/compile");
const { runOne } = require("./differential/run-child");
const { helpersSource } = require("./differential/helpers-runtime");
const { checkProgramBatch, programFor } = require("./differential/session");
const { render, schemaOf } = require("./differential/generator");
const { knownBugs } = require("./differential/known");
const { leadingCreatedFields } = require("./differential/contract");
const { esbuildCompile, rewriteProgram, rewritePath, withTypeDeclarations, removeProjects } = require("./differential/text-route");
const { stripSlots } = require("./differential/compile");

afterAll(removeProjects);

const SAMPLE_SEEDS = Array.from({ length: 40 }, (_, i) => 1 + i);
/** The text route's sample: other seeds than the tspc route's, so that together they cover more programs. */
const TEXT_SAMPLE_SEEDS = Array.from({ length: 40 }, (_, i) => 1001 + i);
const fixtureDir = path.join(repoRoot, "fixtures/differential");

// ---------------------------------------------------------------------------------------------------------------
// The comparator on hand-made descriptions.

const schema = {
  classes: {
    S: { base: null, slots: true, expression: false, early: [], fields: [["a", "n:0", true], ["b", "b:false", true], ["#p", "s:\"\"", false]] },
    P: { base: "S", slots: false, expression: false, early: [], fields: [["c", "n:0", true]] },
    Q: { base: null, slots: false, expression: false, early: [], fields: [["q", "n:0", true]] },
  },
};
const keys = (tag, cls, props, { da = [], sealed = false, running = "" } = {}) => ["keys", tag, cls, running, props, da, sealed, !sealed, cls];
const output = (...log) => ({ schema, log });

function failuresOf(plain, slots) {
  return compareOutputs(output(...plain), output(...slots)).failures.map((failure) => failure.category);
}

describe("comparator", () => {
  test("identical descriptions pass", () => {
    const log = [["val", "m", "n:3"], ["fld", "r", "S", "a", "n:1", true], keys("s", "Q", [["q", "n:1", "ewc"]]), ["mut", "m", "Q", "q", "ok", "ok", false, "Q"]];
    expect(failuresOf(log, log)).toEqual([]);
  });

  test("reports a changed value, field, key, order, control flow and error", () => {
    expect(failuresOf([["val", "m", "n:3"]], [["val", "m", "n:4"]])).toEqual(["diff:val"]);
    expect(failuresOf([["err", "t", "RangeError"]], [["err", "t", "TypeError"]])).toEqual(["diff:err"]);
    // A slot read that differs although the generator knows it is assigned.
    expect(failuresOf([["fld", "r", "S", "a", "n:7", true]], [["fld", "r", "S", "a", "n:0", true]])).toEqual(["diff:field"]);
    // A value that is neither undefined in the normal build nor the placeholder.
    expect(failuresOf([["fld", "r", "S", "a", "n:7", false]], [["fld", "r", "S", "a", "n:0", false]])).toEqual(["diff:field"]);
    // Undefined in the normal build but not the placeholder of the declared type.
    expect(failuresOf([["fld", "r", "S", "a", "u", false]], [["fld", "r", "S", "a", "n:1", false]])).toEqual(["diff:field"]);
    // A plain class's field gets no allowance.
    expect(failuresOf([["fld", "r", "Q", "q", "u", false]], [["fld", "r", "Q", "q", "n:0", false]])).toEqual(["diff:field"]);
    // An own property the plugin build lacks, one it adds that is no slot, a changed non-slot key order.
    const seal = { sealed: true };
    expect(failuresOf([keys("s", "S", [["a", "n:1", "ewc"]])], [keys("s", "S", [], seal)])).toContain("diff:keys");
    expect(failuresOf([keys("s", "P", [["a", "n:1", "ewc"]])], [keys("s", "P", [["a", "n:1", "ewc"], ["z", "n:0", "ewc"]])])).toContain("diff:keys");
    expect(
      failuresOf([keys("s", "Q", [["q", "n:1", "ewc"], ["r", "n:1", "ewc"]])], [keys("s", "Q", [["r", "n:1", "ewc"], ["q", "n:1", "ewc"]])]),
    ).toEqual(["diff:order"]);
    // A slot present but holding the placeholder while the generator knows it is assigned.
    expect(failuresOf([keys("s", "S", [], { da: ["a"] })], [keys("s", "S", [["a", "n:0", "ew"], ["b", "b:false", "ew"]], { da: ["a"], sealed: true })])).toContain("diff:keys");
    // Different records (control flow), fewer records.
    expect(failuresOf([["val", "m", "n:3"]], [["val", "other", "n:3"]])).toEqual(["diff:control"]);
    expect(failuresOf([["val", "m", "n:3"], ["val", "k", "n:1"]], [["val", "m", "n:3"]])).toEqual(["diff:length"]);
  });

  test("checks the seal and the slot order of the plugin build against the contract", () => {
    const props = [["a", "n:0", "ew"], ["b", "b:false", "ew"]];
    // Not sealed after construction of a @slots class.
    expect(failuresOf([keys("s", "S", [])], [keys("s", "S", props.map(([n, v]) => [n, v, "ewc"]))])).toEqual(["contract:seal"]);
    // Sealed although the instance's class is a plain subclass, or during construction.
    expect(failuresOf([keys("s", "P", [])], [keys("s", "P", props, { sealed: true })])).toEqual(["contract:seal"]);
    expect(failuresOf([keys("s", "S", [], { running: "S" })], [keys("s", "S", props, { running: "S", sealed: true })])).toEqual(["contract:seal"]);
    // Slots out of the contract's order, or missing.
    expect(failuresOf([keys("s", "S", [])], [keys("s", "S", [props[1], props[0]], { sealed: true })])).toEqual(["contract:slots"]);
    expect(failuresOf([keys("s", "S", [])], [keys("s", "S", [props[0]], { sealed: true })])).toEqual(["contract:slots"]);
    // A sealed instance that accepts an addition; the normal build sealed.
    expect(failuresOf([["mut", "m", "S", "a", "ok", "ok", false, "S"]], [["mut", "m", "S", "a", "ok", "TypeError", true, "S"]])).toEqual(["contract:seal"]);
    expect(failuresOf([keys("s", "Q", [], { sealed: true })], [keys("s", "Q", [])])).toEqual(["diff:seal"]);
    // An undefined placeholder where the slot's type has a zero: seen even where the normal build reads undefined too.
    expect(failuresOf([["fld", "r", "S", "a", "u", false]], [["fld", "r", "S", "a", "u", false]])).toEqual(["contract:placeholder"]);
    expect(failuresOf([keys("s", "S", [["a", "u", "ewc"], ["b", "u", "ewc"]])], [keys("s", "S", [["a", "u", "ew"], ["b", "b:false", "ew"]], { sealed: true })])).toEqual(["contract:placeholder"]);
    // Not for a plain class's field, nor for a slot whose zero is undefined.
    expect(failuresOf([["fld", "r", "Q", "q", "u", false]], [["fld", "r", "Q", "q", "u", false]])).toEqual([]);
  });

  test("accepts exactly the contract's differences", () => {
    const result = compareOutputs(
      output(
        ["fld", "r", "S", "a", "u", false],
        ["fld", "r", "S", "#p", "u", false],
        keys("s", "P", [["c", "n:2", "ewc"]], { running: "P" }),
        keys("t", "S", [["b", "u", "ewc"], ["a", "n:1", "ewc"]]),
        ["mut", "m", "S", "a", "ok", "ok", false, "S"],
      ),
      output(
        ["fld", "r", "S", "a", "n:0", false],
        ["fld", "r", "S", "#p", "s:\"\"", false],
        keys("s", "P", [["a", "n:0", "ewc"], ["b", "b:false", "ewc"], ["c", "n:2", "ewc"]], { running: "P" }),
        keys("t", "S", [["a", "n:1", "ew"], ["b", "b:false", "ew"]], { sealed: true }),
        ["mut", "m", "S", "a", "TypeError", "TypeError", true, "S"],
      ),
    );
    expect(result.failures).toEqual([]);
    // slotOrder counts snapshots whose slot keys differ in order or presence: "s" and "t".
    expect(result.allowed).toMatchObject({ placeholderRead: 2, slotAbsentInNormal: 2, slotPlaceholderValue: 1, slotOrder: 2, sealRefused: 1 });
  });
});

describe("contract facts from the source", () => {
  test("fields created by leading inert assignments, in assignment order", () => {
    const source = `
      @slots class A { a!: number; b: string; c = 1; d?: number; constructor(x: number) { this.b = "s" + x; this.a = x * 2; this.c = 3; this.d = x; } }
      @slots class B extends A { e!: number; f!: number; constructor() { super(1); this.f = 1; this.e = this.f; } }
      @slots class C { g!: number; constructor() { __coin(); this.g = 1; } }
      class D { h!: number; constructor() { this.h = 1; } }
      const E = @slots class { i!: number; constructor() { this.i = [1].length; } };
    `;
    expect(leadingCreatedFields(source)).toEqual({ A: ["b", "a", "d"], B: ["f"], E: ["i"] });
  });

  test("the order check follows them", () => {
    const plain = output(keys("s", "S", []));
    const slotsOut = output(keys("s", "S", [["b", "b:false", "ew"], ["a", "n:0", "ew"]], { sealed: true }));
    expect(compareOutputs(plain, slotsOut).failures.map((f) => f.category)).toEqual(["contract:slots"]);
    expect(compareOutputs(plain, slotsOut, { leading: { S: ["a"] } }).failures).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The whole pipeline catches a broken plugin build.

describe("pipeline self-check", () => {
  const text = fs.readFileSync(path.join(fixtureDir, "contract-placeholders.ts"), "utf8");
  const configuration = configurationById("es2022-define-std");

  test("a tampered plugin build fails, the real one passes", () => {
    const built = buildBoth(text, configuration, { fullCheck: true });
    expect(built.verdict).toBe("compiled");
    const run = (js) => runOne(js, 5000);
    expect(judge(run(built.normalJs), run(built.slotsJs)).verdict).toBe("pass");
    // A changed field value.
    const changedValue = built.slotsJs.replace('this.text = "t";', 'this.text = "T";');
    expect(changedValue).not.toBe(built.slotsJs);
    const changed = judge(run(built.normalJs), run(changedValue));
    expect(changed.verdict).toBe("fail");
    expect(changed.message).toContain('s:"T"');
    // No seal.
    const unsealed = built.slotsJs.replace(/Object\.seal\(this\)/g, "void 0");
    expect(judge(run(built.normalJs), run(unsealed)).category).toBe("contract:seal");
    // A wrong placeholder.
    const wrongZero = built.slotsJs.replace(/flag = false;/, "flag = true;");
    expect(wrongZero).not.toBe(built.slotsJs);
    expect(judge(run(built.normalJs), run(wrongZero)).verdict).toBe("fail");
  });

  test("the in-process compiler emits what the real tspc command emits, and node runs it alike", () => {
    const program = render(programFor(configuration, 3));
    const inProcess = compileText(program, configuration, { plugin: true });
    expect(inProcess.diagnostics).toEqual([]);
    const dir = makeProject({
      files: { "main.ts": program, "helpers.d.ts": fs.readFileSync(path.join(__dirname, "differential/helpers.d.ts"), "utf8") },
      compilerOptions: {
        target: configuration.target,
        useDefineForClassFields: configuration.useDefineForClassFields,
        experimentalDecorators: configuration.experimentalDecorators,
        lib: ["ES2022"],
      },
      name: "differential-cli",
    });
    try {
      const result = compile(dir, "tspc");
      expect(result.output).toBe("");
      const cliJs = fs.readFileSync(path.join(dir, "out/main.js"), "utf8");
      expect(cliJs).toBe(inProcess.js);
      const runner = path.join(dir, "run.js");
      fs.writeFileSync(runner, `require("vm").runInThisContext(${JSON.stringify(helpersSource)});\nrequire("./out/main.js");\n`);
      const node = runNode(runner, { natives: false });
      expect(node.stderr).toBe("");
      expect(node.stdout.trim()).toBe(runOne(inProcess.js, 5000).stdout.trim());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The fixed-seed sample: SAMPLE_SEEDS programs in each of the four sample configurations.

/**
 * A sample's verdict: every program passes (a failure prints its seed and the command that reproduces it), and the
 * sample exercises the contract's differences, not only identical outputs. `configId` is as `--configs` takes it.
 */
function expectSamplePasses(results, configId) {
  const report = results
    .filter((result) => result.verdict !== "pass")
    .map(
      (result) =>
        `seed ${result.seed} (${result.verdict} ${result.category}; reproduce: npm run fuzz -- --configs ${configId} --seed ${result.seed} --runs 1)\n` +
        result.message.split("\n").slice(0, 12).join("\n"),
    );
  expect(report).toEqual([]);
  const allowed = {};
  for (const result of results) for (const [k, v] of Object.entries(result.allowed)) allowed[k] = (allowed[k] || 0) + v;
  expect(allowed.placeholderRead).toBeGreaterThan(0);
  expect(allowed.sealRefused).toBeGreaterThan(0);
}

describe("fixed-seed sample", () => {
  test.each(sampleConfigurationIds)("%s: generated programs behave the same with and without the plugin", (id) => {
    expectSamplePasses(checkProgramBatch(id, SAMPLE_SEEDS, { fullCheck: true }), id);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The text route: the rewrite (`ts-slots/rewrite`) then esbuild, against the stripped source through esbuild.

describe("text route", () => {
  const text = fs.readFileSync(path.join(fixtureDir, "contract-placeholders.ts"), "utf8");
  const configuration = configurationById("es2022-define-std");
  const judgeBuilt = (built) => judge(runOne(built.normalJs, 5000), runOne(built.slotsJs, 5000));

  test("the rewrite under test is the package's `ts-slots/rewrite`", () => {
    const dir = makeProject({ files: { "main.ts": "export {};\n" }, name: "differential-rewrite" });
    try {
      expect(require.resolve("ts-slots/rewrite", { paths: [dir] })).toBe(fs.realpathSync(rewritePath));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a planted bug in the rewritten source is caught, the real rewrite passes", () => {
    const built = buildBoth(text, configuration, { emitter: "text" });
    expect(built.verdict).toBe("compiled");
    expect(judgeBuilt(built).verdict).toBe("pass");
    // A rewrite that drops the seal.
    const unsealed = buildBoth(text, configuration, { emitter: "text", tamper: (code) => code.replace(/Object\.seal\(this\)/g, "void 0") });
    expect(unsealed.rewritten).toMatch(/Object\.seal\(this\)/);
    expect(judgeBuilt(unsealed).category).toBe("contract:seal");
    // A rewrite that writes `undefined` placeholders where the slot's type has a zero.
    const zeros = /(: (?:number|boolean|string|bigint|Color|"x" \| "y"|T)) = (?:0|false|""|0n);/g;
    expect(built.rewritten).toMatch(zeros);
    const undefinedZeros = buildBoth(text, configuration, { emitter: "text", tamper: (code) => code.replace(zeros, "$1 = void 0;") });
    expect(judgeBuilt(undefinedZeros).category).toBe("contract:placeholder");
    // With assign semantics the normal build has no such property yet: the key comparison sees it as well.
    const assign = configurationById("es2022-assign-legacy");
    const assignZeros = judgeBuilt(buildBoth(text, assign, { emitter: "text", tamper: (code) => code.replace(zeros, "$1 = void 0;") }));
    expect(assignZeros.message).toMatch(/exists only with the plugin and is not an unassigned slot holding its placeholder/);
    // A rewrite that leaves a class as written (decorator and import kept).
    const untouched = buildBoth(text, configuration, { emitter: "text", tamper: () => withTypeDeclarations(text) });
    expect(untouched).toMatchObject({ verdict: "fail", category: "contract:traces" });
  });

  test("a rewrite problem fails the program: a warning too, as TSS1012 for a type the file does not declare", () => {
    const source = (type) => `import { slots } from "ts-slots";\n@slots class Box2 { size!: ${type}; }\nexport {};\n`;
    expect(rewriteProgram(source("number"), configuration).failure).toBeUndefined();
    const unknown = rewriteProgram(source("Elsewhere"), configuration).failure;
    expect(unknown).toMatchObject({ category: "rewrite:warning" });
    expect(unknown.message).toContain("TSS1012");
    const error = rewriteProgram(`import { slots } from "ts-slots";\n@slots class Odd { [key: string]: number; }\nexport {};\n`, configuration).failure;
    expect(error).toMatchObject({ category: "rewrite:error" });
  });

  test("esbuild runs with the configuration's field semantics and decorators, in both builds", () => {
    const source = "class A { x!: number; @mark m() {} }\nconsole.log(JSON.stringify(Object.keys(new A())));\n";
    const keysOf = (id) => runOne(esbuildCompile(source, configurationById(id)).js, 5000);
    expect(keysOf("es2022-define-legacy").stdout).toBe('["x"]');
    expect(keysOf("es2020-assign-legacy").stdout).toBe("[]");
    // Standard decorators: esbuild lowers them (the output has its decorator helpers), legacy ones differently.
    expect(esbuildCompile(source, configurationById("es2022-define-std")).js).toContain("__decorateElement");
    expect(esbuildCompile(source, configurationById("es2022-define-legacy")).js).toContain("__decorateClass");
  });

  test("esbuild lowering a @slots class's static fields keeps its name, with and without keepNames (the seal names no class)", () => {
    const source = `import { slots } from "ts-slots";\n@slots class Point { x = 1; static origin = 0; }\nconsole.log(Point.name);\nexport {};\n`;
    const es2020 = configurationById("es2020-define-std");
    const rewritten = rewriteProgram(source, es2020).code;
    const nameOf = (code, keepNames) => runOne(esbuildCompile(code, es2020, { keepNames }).js, 5000).stdout;
    expect(nameOf(stripSlots(source), false)).toBe("Point");
    expect(nameOf(rewritten, false)).toBe("Point");
    expect(nameOf(rewritten, true)).toBe("Point");
  });

  test.each(sampleConfigurationIds)("text:%s: generated programs behave the same with and without the rewrite", (id) => {
    expectSamplePasses(checkProgramBatch(id, TEXT_SAMPLE_SEEDS, { emitter: "text" }), `text:${id}`);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The generator leaves out, where known.js says so, the features that show a documented difference.

/** Overrides that write a slot of a @slots class in their own class's chain: the trigger of super-write-clobbered. */
function hookWritesToSlots(schema) {
  const found = [];
  for (const [name, cls] of Object.entries(schema.classes)) {
    for (let owner = name; owner; owner = schema.classes[owner].base) {
      const ownerClass = schema.classes[owner];
      if (!ownerClass.slots) continue;
      for (const field of cls.early) if (ownerClass.fields.some(([slot]) => slot === field)) found.push(`${name} writes ${owner}.${field}`);
    }
  }
  return found;
}

describe("generator", () => {
  const seeds = Array.from({ length: 1500 }, (_, i) => 1 + i);
  const writesPerConfiguration = (id) =>
    seeds.filter((seed) => hookWritesToSlots(schemaOf(programFor(configurationById(id), seed))).length > 0).length;

  test.each(configurations.filter((c) => fieldModeOf(c) === "assign").map((c) => c.id))(
    "%s: no override writes a slot of its chain (hookWritesSlots is left out, redeclared slots included)",
    (id) => expect(writesPerConfiguration(id)).toBe(0),
  );

  test("with define semantics such overrides are generated", () => {
    expect(writesPerConfiguration("es2022-define-std")).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: every failure found becomes a program under fixtures/differential/ that must pass in its configurations.

function headerField(text, name) {
  return text.split("\n").find((l) => l.startsWith(`// ${name}:`))?.slice(name.length + 4).trim();
}

function configurationList(spec) {
  if (spec === "all") return configurations;
  if (spec === "none") return [];
  return spec.split(",").map((id) => configurationById(id.trim()));
}

/**
 * The routes a fixture must pass in: `// configurations:` for the tspc route, and for the text route too unless
 * `// text-configurations:` names its own (a list, "all" or "none").
 */
function fixtureRoutes(text, file) {
  const spec = headerField(text, "configurations");
  if (!spec) throw new Error(`${file}: no "// configurations:" line`);
  const textSpec = headerField(text, "text-configurations") ?? spec;
  return [
    ...configurationList(spec).map((configuration) => ({ emitter: "tspc", configuration })),
    ...configurationList(textSpec).map((configuration) => ({ emitter: "text", configuration })),
  ];
}

/**
 * `// documented: <ids>` and `// documented-difference: <category prefix>`: where a fixture shows a difference the
 * README documents. A bare id names the configuration in both routes, `text:<id>` in the text route only.
 */
function documentedDifference(text) {
  const ids = headerField(text, "documented");
  const routes = (ids ? ids.split(",").map((id) => id.trim()) : []).flatMap((id) =>
    id.includes(":") ? [parseRouteId(id)] : emitters.map((emitter) => parseRouteId(id, emitter)),
  );
  return { routes, category: headerField(text, "documented-difference") ?? "" };
}

describe("fixtures/differential", () => {
  const files = fs.readdirSync(fixtureDir).filter((file) => file.endsWith(".ts")).sort();

  test("every known transformer bug has its fixture", () => {
    for (const bug of knownBugs) expect(files).toContain(path.basename(bug.fixture));
  });

  /**
   * Checks a fixture in several routes, one batch (one child process) per route: `{ emitter, configuration }` ->
   * result, in order. The tspc route type-checks the fixture as written (and its normal build); the text route checks
   * it only in configurations the tspc route does not cover.
   */
  function checkRoutes(text, routes, typeChecked) {
    const results = new Map();
    for (const [emitter, inputCheck] of /** @type {[string, boolean][]} */ ([["tspc", true], ["text", true], ["text", false]])) {
      const group = routes.filter((route) => route.emitter === emitter && (emitter === "tspc" || inputCheck === !typeChecked(route.configuration)));
      if (group.length === 0) continue;
      const checked = checkMany(group.map(({ configuration }) => ({ text, configuration })), { fullCheck: true, emitter, inputCheck });
      group.forEach((route, index) => results.set(route, checked[index]));
    }
    return routes.map((route) => results.get(route));
  }

  test.each(files)("%s", (file) => {
    const text = fs.readFileSync(path.join(fixtureDir, file), "utf8");
    const routes = fixtureRoutes(text, file);
    const typeChecked = (configuration) => routes.some((route) => route.emitter === "tspc" && route.configuration === configuration);
    const problems = checkRoutes(text, routes, typeChecked).flatMap((result, index) => {
      const { emitter, configuration } = routes[index];
      return result.verdict === "pass" ? [] : [`${routeId(configuration, emitter)}: ${result.verdict} ${result.category}\n${result.message.split("\n").slice(0, 8).join("\n")}`];
    });
    expect(problems).toEqual([]);
    // A difference the README documents must show exactly where it says, and be of the documented kind (an
    // esbuild limitation shows as an invalid program: esbuild's normal build itself is wrong).
    const documented = documentedDifference(text);
    const results = checkRoutes(text, documented.routes, typeChecked);
    for (const [index, { emitter, configuration }] of documented.routes.entries()) {
      const id = routeId(configuration, emitter);
      const result = results[index];
      const expected = documented.category.startsWith("generator:") ? "invalid" : "fail";
      expect({ id, verdict: result.verdict, category: result.category.startsWith(documented.category) }).toEqual({ id, verdict: expected, category: true });
    }
  });
});
