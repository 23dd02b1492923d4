// @ts-check
// The audit's escapes (TSS1014, transformer/core/checks/escapes.ts) on fixtures/cli/escapes-wide: sound for every
// place whose type admits properties the class does not declare (any, object, {}, generic T, index signatures,
// containers, a union holding one), reached as the class itself or as a base class or interface it implements; and
// precise (an evolving local, a parameter a project function only reads, a cast write on a union are no escape).
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const CLI = path.join(ROOT, "dist", "cli", "index.js");
const FIXTURE = path.join(ROOT, "fixtures", "cli", "escapes-wide");

/** @type {string[]} */
const temps = [];

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
});

afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** @typedef {{ kind: string, file: string, line: number, message: string }} Finding */
/** @typedef {{ name: string, status: string, findings: Finding[] }} ClassReport */

/** @returns {ClassReport[]} */
function auditFixture(fixture = FIXTURE) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts-slots-escapes-"));
  temps.push(dir);
  fs.cpSync(fixture, dir, { recursive: true });
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(ROOT, path.join(dir, "node_modules", "ts-slots"), "dir");
  const r = spawnSync(process.execPath, [CLI, "audit", "--json"], { cwd: dir, encoding: "utf8" });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout).classes;
}

describe("ts-slots audit: escapes", () => {
  /** @type {ClassReport[]} */
  let classes;
  beforeAll(() => {
    classes = auditFixture();
  });
  /** @param {string} name */
  const report = (name) => {
    const found = classes.find((c) => c.name === name);
    if (!found) throw new Error(`no class ${name}`);
    return found;
  };
  /** @param {string} name */
  const escapes = (name) => report(name).findings.filter((f) => f.kind === "TSS1014").map((f) => `${f.file}:${f.line}`);

  test("an escape of a base class or an interface counts against every @slots class that can be one", () => {
    for (const name of ["Joint", "DistanceJoint", "RopeJoint"]) {
      expect([name, report(name).status, escapes(name)]).toEqual([name, "needs-review", ["src/joints.ts:28"]]);
    }
    expect(report("DistanceJoint").findings[0].message).toContain("An instance of @slots class DistanceJoint (as Joint) escapes into a parameter of `serialize` typed `any`");
    // Through an array: `Body[]` handed to `readonly object[]`.
    expect([report("Ball").status, escapes("Ball")]).toEqual(["needs-review", ["src/joints.ts:34"]]);
    // Seen as a type it declares, not one it merely fits: `Tidy` fits the open `Bag` but does not implement it.
    expect(report("Sack").findings.filter((f) => f.kind === "TSS1014").map((f) => f.message)).toEqual(expect.arrayContaining([expect.stringContaining("(as Bag)")]));
    expect([report("Tidy").status, escapes("Tidy")]).toEqual(["safe", []]);
  });

  test("object, {}, generic T (extends object or unconstrained), index signatures, containers and unions are open places", () => {
    /** @type {Record<string, [number, string]>} */
    const expected = {
      ToObject: [28, "typed `object`"],
      ToEmpty: [33, "typed `{}`"],
      ToGeneric: [38, "typed `T`"],
      ToUnconstrained: [44, "typed `T`"],
      ToIndex: [49, "typed `{ [key: string]: any; }`"],
      ToContainer: [52, "typed `object`"],
    };
    for (const [name, [line, typed]] of Object.entries(expected)) {
      expect([name, report(name).status, escapes(name)]).toEqual([name, "needs-review", [`src/places.ts:${line}`]]);
      expect(report(name).findings[0].message).toContain(typed);
    }
    // Object.assign on the union is the build's own error; the escape into `object | ToUnion` is reported beside it.
    expect(report("ToUnion").status).toBe("blocked");
    expect(escapes("ToUnion")).toContain("src/places.ts:57");
  });

  test("a container is judged where the class is held: a closed position of a partly open container is no escape, an open one is", () => {
    for (const name of ["HeldInReturn", "HeldInNext", "HeldYielded", "HeldInIndexValue"]) expect([name, report(name).status, report(name).findings]).toEqual([name, "safe", []]);
    /** @type {Record<string, number>} */
    const open = { OpenYielded: 69, OpenInReturn: 78, OpenInArray: 83, OpenInMap: 88, OpenInRecord: 93, OpenInTuple: 98 };
    for (const [name, line] of Object.entries(open)) expect([name, report(name).status, escapes(name)]).toEqual([name, "needs-review", [`src/positions.ts:${line}`]]);
  });

  test("escape: a callback whose parameter is typed any, inline or a project function by name, where the signature passes an instance", () => {
    /** @type {Record<string, [number, string]>} */
    const expected = { Walked: [8, "a parameter of a callback typed `any`"], Called: [19, "a parameter of a callback typed `any`"], Handed: [30, "a parameter of `stampAny` typed `any`"] };
    for (const [name, [line, place]] of Object.entries(expected)) {
      expect([name, report(name).status, escapes(name)]).toEqual([name, "needs-review", [`src/callbacks.ts:${line}`]]);
      expect(report(name).findings[0].message).toContain(place);
    }
    expect([report("Kept").status, report("Kept").findings]).toEqual(["safe", []]);
  });

  test("no escape: an evolving local, a parameter only read by its function, a cast write naming one member of a union", () => {
    for (const name of ["TreeNode", "Reported", "Seq", "Scalar"]) expect([name, report(name).status, report(name).findings]).toEqual([name, "safe", []]);
  });
});

describe("ts-slots audit: escapes through literals and read-only library places", () => {
  /** @type {ClassReport[]} */
  let classes;
  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts-slots-escapes-"));
    temps.push(dir);
    const fixture = path.join(ROOT, "fixtures", "cli", "escapes-literals");
    fs.cpSync(fixture, dir, { recursive: true });
    fs.mkdirSync(path.join(dir, "node_modules", "chai"), { recursive: true });
    fs.mkdirSync(path.join(dir, "node_modules", "spylib"), { recursive: true });
    fs.copyFileSync(path.join(fixture, "stubs", "chai.d.ts"), path.join(dir, "node_modules", "chai", "index.d.ts"));
    fs.copyFileSync(path.join(fixture, "stubs", "spy.d.ts"), path.join(dir, "node_modules", "spylib", "index.d.ts"));
    fs.symlinkSync(ROOT, path.join(dir, "node_modules", "ts-slots"), "dir");
    const r = spawnSync(process.execPath, [CLI, "audit", "--json"], { cwd: dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    classes = JSON.parse(r.stdout).classes;
  });
  /** @param {string} name */
  const report = (name) => {
    const found = classes.find((c) => c.name === name);
    if (!found) throw new Error(`no class ${name}`);
    return found;
  };
  /** @param {string} name */
  const escapes = (name) => report(name).findings.filter((f) => f.kind === "TSS1014").map((f) => `${f.file}:${f.line}`);

  test("escape: an instance in an object or array literal that goes to an open place escapes (planck's serializer), nested and spread", () => {
    /** @type {Record<string, [number, string]>} */
    const expected = {
      Shape: [8, "a return value typed `object`"],
      Deep: [22, "a return value typed `Record<string, unknown>`"],
      Spread: [30, "typed `{}`"],
      Aliased: [37, "a parameter of `walk` typed `any`"],
    };
    for (const [name, [line, place]] of Object.entries(expected)) {
      expect([name, report(name).status, escapes(name)]).toEqual([name, "needs-review", [`src/literals.ts:${line}`]]);
      expect(report(name).findings[0].message).toContain(place);
    }
    // The literal holds a Shape, not a Fixture; a literal typed by an interface naming the class is no open place.
    for (const name of ["Fixture", "Named"]) expect([name, report(name).status]).toEqual([name, "safe"]);
  });

  test("escape: an assertion library's expect(x).equal(y) is no escape; a library that is none is one", () => {
    expect([report("Asserted").status, report("Asserted").findings]).toEqual(["safe", []]);
    expect([report("Spied").status, escapes("Spied")]).toEqual(["needs-review", ["src/readonly.ts:29"]]);
    // Its plugin helpers write (chai's `utils.addProperty`): still an escape.
    expect([report("Extended").status, escapes("Extended")]).toEqual(["needs-review", ["src/readonly.ts:45"]]);
  });

  test("escape: push on a local any[] whose elements are only read is no escape; elements handed on are", () => {
    expect([report("Collected").status, report("Collected").findings]).toEqual(["safe", []]);
    expect([report("HandedOn").status, escapes("HandedOn")]).toEqual(["needs-review", ["src/readonly.ts:36"]]);
  });
});

describe("ts-slots audit: escapes without noImplicitAny (planck.js's settings)", () => {
  /** @type {ClassReport[]} */
  let classes;
  beforeAll(() => {
    classes = auditFixture(path.join(ROOT, "fixtures", "cli", "escapes-loose"));
  });
  /** @param {string} name */
  const report = (name) => {
    const found = classes.find((c) => c.name === name);
    if (!found) throw new Error(`no class ${name}`);
    return found;
  };
  /** @param {string} name */
  const escapes = (name) => report(name).findings.filter((f) => f.kind === "TSS1014").map((f) => `${f.file}:${f.line}`);

  test("no escape: a parameter read through the project's functions, a return behind typed overloads, an Object.create clone returned typed, a cast to any landing in a typed place", () => {
    for (const name of ["Checked", "Crossed", "Angle", "Frame", "Landed", "Point"]) expect([name, report(name).status, report(name).findings]).toEqual([name, "safe", []]);
  });

  test("escape: a chain that ends in a write, a local without a type (no evolving type here), an overload typed any, a clone handed on, an implementation that writes, a cast kept in an untyped local, a push on an array that leaves in a shorthand property", () => {
    /** @type {Record<string, [number, string]>} */
    const expected = {
      Marked: [13, "a parameter of `check` typed `any`"],
      Loose: [21, "an assignment typed `any`"],
      Leaky: [31, "a return value typed `any`"],
      Kept: [44, "an assignment typed `any`"],
      Overloaded: [63, "a parameter of `label` typed `any`"],
      CastAway: [69, "a cast to `any`"],
      Pushed: [79, "a parameter of `items.push` typed `any`"],
    };
    for (const [name, [line, place]] of Object.entries(expected)) {
      expect([name, report(name).status, escapes(name)]).toEqual([name, "needs-review", [`src/escapes.ts:${line}`]]);
      expect(report(name).findings[0].message).toContain(place);
    }
  });

  // Bindings typed `any` whose every use is in sight (planck.js's DynamicTree and createBody): src/follow.ts.
  test("no escape: an untyped local and a local array that only write fields and hand the instance to typed places, an untyped implementation parameter stored typed", () => {
    for (const name of ["Branch", "Placed"]) expect([name, report(name).status, report(name).findings]).toEqual([name, "safe", []]);
  });

  test("escape: a member read through `any` written to, a local that may hold another value, an array handed on, a loop variable, a conditional's value, a parameter also read as `arguments`, a local exported apart", () => {
    /** @type {Record<string, number>} */
    const expected = { Nested: 57, Mixed: 67, Stored: 79, Looped: 88, Chosen: 96, Argued: 107, Shared: 114 };
    for (const [name, line] of Object.entries(expected)) expect([name, report(name).status, escapes(name)]).toEqual([name, "needs-review", [`src/follow.ts:${line}`]]);
  });
});

describe("a plain base that declares a field it never creates (assignment semantics)", () => {
  /** @type {ClassReport[]} */
  let classes;
  beforeAll(() => {
    classes = auditFixture(path.join(ROOT, "fixtures", "cli", "base-uncreated"));
  });

  test("the subclass needs review (TSS1007), a base whose constructor assigns the field does not", () => {
    const track = classes.find((c) => c.name === "Track");
    const tally = classes.find((c) => c.name === "Tally");
    expect(track && track.status).not.toBe("safe");
    expect(track && track.findings.map((f) => f.kind)).toContain("TSS1007");
    expect(track && track.findings.find((f) => f.kind === "TSS1007")?.message).toContain("declares `last` without creating it");
    expect(tally && [tally.status, tally.findings]).toEqual(["safe", []]);
  });

  test("a field the base's constructor assigns only under a condition is not created (the round trip's seed 1900)", () => {
    const glimpse = classes.find((c) => c.name === "Glimpse");
    expect(glimpse && glimpse.status).toBe("needs-review");
    expect(glimpse && glimpse.findings.find((f) => f.kind === "TSS1007")?.message).toContain("declares `seen` without creating it");
  });

  test("a base `add` leaves for review (another decorator) is judged plain under its subclass", () => {
    const marked = classes.find((c) => c.name === "Marked");
    const labelled = classes.find((c) => c.name === "Labelled");
    expect(marked && [marked.status, marked.findings.map((f) => f.kind)]).toEqual(["needs-review", ["other-decorator", "unassigned-field"]]);
    expect(labelled && labelled.status).toBe("needs-review");
    expect(labelled && labelled.findings.find((f) => f.kind === "TSS1007")?.message).toContain("its base class Marked is not @slots and declares `label` without creating it");
  });
});

// Functions read from fields, `Object.defineProperty` values, pushes TypeScript types `any` (liquidjs's ParseStream,
// tokenizer and error classes; planck.js's World.publish): fixtures/cli/escapes-stored (strict, stripInternal).
describe("ts-slots audit: instances handed to stored functions and put in place", () => {
  /** @type {ClassReport[]} */
  let classes;
  beforeAll(() => {
    classes = auditFixture(path.join(ROOT, "fixtures", "cli", "escapes-stored"));
  });
  /** @param {string} name */
  const report = (name) => {
    const found = classes.find((c) => c.name === name);
    if (!found) throw new Error(`no class ${name}`);
    return found;
  };
  /** @param {string} name */
  const escapes = (name) => report(name).findings.filter((f) => f.kind === "TSS1014").map((f) => `${f.file}:${f.line}`);

  test("no escape: a private or @internal table of functions every write of which is seen and typed closed, a defineProperty value landing in a typed field, an evolving array, Object.prototype.toString.call and hasOwnProperty.call, `this` given to a function that declares it, the built-ins' generic parameters, a Map's values into pairs", () => {
    for (const name of ["Tok", "Contact", "Spot", "Arg", "Listed", "Engine", "Owned", "Awaited", "Paired"]) expect([name, report(name).status, report(name).findings]).toEqual([name, "safe", []]);
  });

  test("escape: a caller's callback typed any, a public table, a table handed on, a storing method not only called, a table written through any or under its name as a key, a key the target does not declare, a method stored by reference (a subclass may override it), a storing method's default, `this` given to listeners or a function that does not declare it (also by Reflect.apply), a Map's values into pairs typed any, a local holding the table's list handed on in a shorthand property, an argument after a `this` parameter", () => {
    /** @type {Record<string, string | string[]>} */
    const expected = {
      Tagged: "src/open.ts:14",
      Exposed: "src/open.ts:26",
      Lent: "src/open.ts:41",
      Unbound: "src/open.ts:56",
      Sneaked: "src/open.ts:71",
      Undeclared: "src/open.ts:84",
      World: "src/closed.ts:46",
      Borrowed: "src/open.ts:93",
      Marked: "src/open.ts:109",
      Assigned: "src/open.ts:118",
      Overridden: "src/open.ts:138",
      // Also the default itself, a callback typed `any` where the signature passes a `Defaulted`.
      Defaulted: ["src/open.ts:154", "src/open.ts:158"],
      Reflected: "src/open.ts:173",
      PairedOpen: "src/open.ts:182",
      Leaked: "src/open.ts:196",
    };
    for (const [name, at] of Object.entries(expected)) expect([name, report(name).status, escapes(name)]).toEqual([name, "needs-review", [at].flat()]);
  });
});

describe("ts-slots audit: pushes on a local declared without a type (planck.js's settings)", () => {
  test("closed where every value the local holds is a typed array of closed elements; open where one is `any[]`", () => {
    const classes = auditFixture(path.join(ROOT, "fixtures", "cli", "escapes-loose"));
    const report = (/** @type {string} */ name) => classes.find((c) => c.name === name);
    expect([report("Tpl")?.status, report("Tpl")?.findings]).toEqual(["safe", []]);
    expect([report("Spilled")?.status, report("Spilled")?.findings.filter((f) => f.kind === "TSS1014").map((f) => `${f.file}:${f.line}`)]).toEqual(["needs-review", ["src/stored.ts:26"]]);
  });
});
