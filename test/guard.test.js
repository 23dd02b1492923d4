// @ts-check
// Seal mode "guard" (transformer/core/guard.ts): one program with @slots classes across two files, compiled by the real
// tspc with the plugin and by the source rewrite + esbuild, in each field semantics, run in a child
// `node --allow-natives-syntax` (Node 20, and Node 24 from the registry). Adding a property throws a TypeError in
// strict and in sloppy code where the guard is in place, a plain subclass stays open, a @slots subclass (also in
// another file) is guarded, a @slots class over a plain base seals instead, instances keep one hidden class, and
// everything else the program observes is what the plugin-off build of the same source observes.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { makeProject, compile } = require("./helpers/project");
const { withoutSlots } = require("./helpers/strip");
const { textConfigurations, bareDirectory, buildFiles, rewriterFor } = require("./helpers/text");
const { installNode } = require("./ecosystem/node");

const shapes = `
import { slots } from "ts-slots";
@slots
export class Point {
  x = 0;
  y: number;
  constructor(y: number) {
    this.y = y;
  }
  sum() {
    return this.x + this.y;
  }
}
@slots
export class Point3 extends Point {
  z = 0;
  constructor(y: number, z: number) {
    super(y);
    this.z = z;
  }
}
export class Labelled extends Point {
  label = "p";
}
export class Plain {
  b = 1;
  base() {
    return this.b;
  }
}
@slots
export class OverPlain extends Plain {
  c = 2;
}
`;

// A second file: the guard's registry is shared by the helper copies of both files.
const main = `
import { slots } from "ts-slots";
import { Point, Point3, Labelled, OverPlain } from "./shapes";
@slots
class Point4 extends Point3 {
  w: number = 4;
}
const sameMap = new Function("a", "b", "return %HaveSameMap(a, b)") as (a: object, b: object) => boolean;
// Sloppy code: a Function body without "use strict", where Object.seal fails silently.
const sloppyAdd = new Function("o", "o.extra = 1;") as (o: object) => void;
const strictAdd = (o: object) => {
  (o as Record<string, unknown>).extra = 1;
};
function outcome(add: (o: object) => void, o: object): string {
  try {
    add(o);
  } catch (error) {
    return (error as Error).constructor.name;
  }
  return Object.prototype.hasOwnProperty.call(o, "extra") ? "added" : "ignored";
}
const makers: Record<string, () => object> = {
  Point: () => new Point(1.5),
  Point3: () => new Point3(1, 2),
  Point4: () => new Point4(1, 2),
  Labelled: () => new Labelled(3),
  OverPlain: () => new OverPlain(),
};
const guard: Record<string, unknown> = {};
const common: Record<string, unknown> = {};
for (const [name, make] of Object.entries(makers)) {
  const define = (() => {
    try {
      Object.defineProperty(make(), "defined", { value: 1 });
      return "ok";
    } catch (error) {
      return (error as Error).constructor.name;
    }
  })();
  guard[name] = {
    strict: outcome(strictAdd, make()),
    sloppy: outcome(sloppyAdd, make()),
    sealed: Object.isSealed(make()),
    define,
    sameMap: sameMap(make(), make()),
  };
  const o = make() as Record<string, unknown>;
  common[name] = {
    json: JSON.stringify(o),
    keys: Object.keys(o),
    has: ["x", "nope", "toString", "sum"].map((key) => key in o),
    then: typeof o.then,
    string: String(o),
    tag: Object.prototype.toString.call(o),
    own: o.hasOwnProperty("x"),
    instance: [o instanceof Object, o instanceof Point, o instanceof Point3],
    spread: { ...o },
    assigned: Object.assign(make(), { [Object.keys(o)[0]]: 7 }),
    sum: typeof o.sum === "function" ? (o.sum as () => number)() : null,
    constructorName: (o.constructor as { name: string }).name,
  };
}
// A class's prototype is not an instance: assigning to it stays open (through a plain \`object\`, past the checks).
const setOn = (target: object, key: string) => {
  (target as Record<string, unknown>)[key] = 1;
};
const prototypeOpen = (() => {
  setOn(Point.prototype, "added");
  return Object.prototype.hasOwnProperty.call(Point.prototype, "added");
})();
common.prototypeOpen = prototypeOpen;
console.log(JSON.stringify({ guard, common }));
`;

const sources = { "shapes.ts": shapes, "main.ts": main };
const plainSources = Object.fromEntries(Object.entries(sources).map(([name, text]) => [name, withoutSlots(text)]));

/** The guard's expected outcomes where it is in place (define semantics). */
const guarded = { strict: "TypeError", sloppy: "TypeError", sealed: false, define: "ok", sameMap: true };
const open = { strict: "added", sloppy: "added", sealed: false, define: "ok", sameMap: true };
const sealed = { strict: "TypeError", sloppy: "ignored", sealed: true, define: "TypeError", sameMap: true };
const expectedGuard = {
  define: { Point: guarded, Point3: guarded, Point4: guarded, Labelled: open, OverPlain: sealed },
  // Slots created by assignment would reach the guard: every class seals instead.
  assign: { Point: sealed, Point3: sealed, Point4: sealed, Labelled: open, OverPlain: sealed },
};

let newerNode;
beforeAll(async () => {
  newerNode = (await installNode()).node;
}, 10 * 60 * 1000);

function run(node, file) {
  const result = spawnSync(node, ["--allow-natives-syntax", file], { cwd: path.dirname(file), encoding: "utf8" });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

function expectRuns(slotsMain, plainMain, semantics) {
  for (const node of [process.execPath, newerNode]) {
    const slots = run(node, slotsMain);
    const plain = run(node, plainMain);
    expect({ node, guard: slots.guard }).toEqual({ node, guard: expectedGuard[semantics] });
    expect({ node, common: slots.common }).toEqual({ node, common: plain.common });
  }
}

const tspcConfigurations = [
  { id: "es2022-native-standard", semantics: "define", options: { target: "ES2022", experimentalDecorators: false } },
  { id: "es2015-define-legacy", semantics: "define", options: { target: "ES2015", useDefineForClassFields: true, experimentalDecorators: true } },
  { id: "es2022-assign-legacy", semantics: "assign", options: { target: "ES2022", useDefineForClassFields: false, experimentalDecorators: true } },
];

describe.each(tspcConfigurations)("tspc, $id", ({ id, semantics, options }) => {
  test("guard where define semantics allow it, seal elsewhere, the rest as the plugin-off build", () => {
    const slotsDir = makeProject({ files: sources, compilerOptions: options, plugin: { seal: "guard" }, name: `guard-${id}` });
    const plainDir = makeProject({ files: plainSources, compilerOptions: options, plugin: false, name: `guard-off-${id}` });
    const compiled = compile(slotsDir);
    expect({ status: compiled.status, errors: compiled.output.split("\n").filter((line) => line.includes(" error ")) }).toEqual({ status: 0, errors: [] });
    expect(compile(plainDir, "tsc")).toEqual({ status: 0, output: "" });
    const emitted = fs.readFileSync(path.join(slotsDir, "out/shapes.js"), "utf8");
    expect(emitted).not.toMatch(/require\("ts-slots"\)/);
    expect((emitted.match(/function __slotsGuard\(/g) ?? []).length).toBe(semantics === "define" ? 1 : 0);
    expectRuns(path.join(slotsDir, "out/main.js"), path.join(plainDir, "out/main.js"), semantics);
  });
});

describe.each(textConfigurations)("source rewrite + esbuild, $id", (configuration) => {
  test("guard where define semantics allow it, seal elsewhere, the rest as the plugin-off build", () => {
    const slotsDir = bareDirectory(`guard-text-${configuration.id}`);
    const plainDir = bareDirectory(`guard-text-off-${configuration.id}`);
    const built = buildFiles(sources, { dir: slotsDir, configuration, rewriter: rewriterFor(configuration, { seal: "guard" }) });
    buildFiles(sources, { dir: plainDir, configuration, transform: withoutSlots });
    for (const file of Object.values(built)) expect(file.rewritten.problems.filter((problem) => problem.severity === "error")).toEqual([]);
    // Only native fields: a compiler that lowers fields (esbuild's \`__publicField\`) may create them by assignment.
    const semantics = configuration.fieldMode === "native" ? "define" : "assign";
    expect((built["shapes.ts"].rewritten.code.match(/function __slotsGuard\(/g) ?? []).length).toBe(semantics === "define" ? 1 : 0);
    expectRuns(path.join(slotsDir, "main.js"), path.join(plainDir, "main.js"), semantics);
  });
});

