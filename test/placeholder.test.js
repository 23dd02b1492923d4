// @ts-check
// A slot's placeholder: the zero of its type (fast fraction updates), or `undefined` where the user asks for it with
// `/** @slotsPlaceholder undefined */` (a slot that mostly holds integers: no boxed double per instance after a
// fraction appears anywhere; docs/seal-modes.md). Under define semantics a slot the constructor sets first starts
// `undefined` as in the normal build unless the program updates it in place with a possible fraction
// (core/inPlaceWrites.ts) or the user pins its zero (`/** @slotsPlaceholder zero */`). Compiled by tspc with the plugin and by the source rewrite + esbuild, run in a child node:
// the placeholder written, one hidden class, the values the normal build gives.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { makeProject, compile } = require("./helpers/project");
const { textConfigurations, bareDirectory, buildFiles, rewriterFor } = require("./helpers/text");

const program = `
import { slots } from "ts-slots";
@slots
export class Cell {
  /** @slotsPlaceholder undefined */
  row: number;
  // @slotsPlaceholder undefined
  col: number;
  weight: number;
  visits: number;
  label: string;
  /** @slotsPlaceholder zero */
  energy: number;
  constructor(row: number, col: number) {
    this.row = row;
    this.col = col;
    this.weight = row / 2;
    this.visits = 0;
    this.label = "";
    this.energy = col;
  }
}
const sameMap = new Function("a", "b", "return %HaveSameMap(a, b)") as (a: object, b: object) => boolean;
const migrate = new Function("o", "%TryMigrateInstance(o)") as (o: object) => void;
const cells = [new Cell(1, 2), new Cell(3, 4), new Cell(0.5, 7)];
cells[1].row += 0.25;
cells[2].weight *= 1.5;
cells[0].visits++;
cells[0].visits += 2;
cells[1].label = "b";
cells.forEach(migrate);
console.log(JSON.stringify({ values: cells.map((c) => [c.row, c.col, c.weight, c.visits, c.label, c.energy]), oneMap: cells.every((c) => sameMap(cells[0], c)) }));
`;

const expected = { values: [[1, 2, 0.5, 3, "", 2], [3.25, 4, 1.5, 0, "b", 4], [0.5, 7, 0.375, 0, "", 7]], oneMap: true };

function runProgram(file) {
  const result = spawnSync(process.execPath, ["--allow-natives-syntax", file], { cwd: path.dirname(file), encoding: "utf8" });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout);
}

/** The first value of each slot: the field declaration's initialiser (`row;` has none: undefined). */
function placeholders(code, names = ["row", "col", "weight", "visits", "label", "energy"]) {
  return names.map((name) => {
    const declared = new RegExp(`^\\s*(?:this\\.)?${name}(?::[^=;]*)?(?: = ([^;]+))?;$`, "m").exec(code);
    return declared ? (declared[1] ?? "void 0") : "missing";
  });
}

test("tspc, define semantics: the tagged slots start undefined, the fraction-updated and the pinned one at 0", () => {
  const dir = makeProject({ files: { "main.ts": program }, compilerOptions: { target: "ES2022" }, plugin: { seal: "always" }, name: "placeholder" });
  expect(compile(dir)).toEqual({ status: 0, output: "" });
  const emitted = fs.readFileSync(path.join(dir, "out/main.js"), "utf8");
  expect(placeholders(emitted)).toEqual(["void 0", "void 0", "0", "void 0", "void 0", "0"]);
  expect(runProgram(path.join(dir, "out/main.js"))).toEqual(expected);
});

describe.each(textConfigurations)("source rewrite + esbuild, $id", (configuration) => {
  test("the tagged slots start undefined, the fraction-updated and the pinned one at 0", () => {
    const dir = bareDirectory(`placeholder-${configuration.id}`);
    const built = buildFiles({ "main.ts": program }, { dir, configuration, rewriter: rewriterFor(configuration, { seal: "always" }) });
    expect(built["main.ts"].rewritten.problems).toEqual([]);
    // Under assign semantics this constructor assigns every slot before anything can read it: no placeholders at all.
    const written = configuration.fieldMode === "assign" ? ["void 0", "void 0", "void 0", "void 0", "void 0", "void 0"] : ["void 0", "void 0", "0", "void 0", "void 0", "0"];
    expect(placeholders(built["main.ts"].rewritten.code)).toEqual(written);
    expect(runProgram(path.join(dir, "main.js"))).toEqual(expected);
  });
});

test("tspc, define semantics: a slot another file updates in place starts at 0, matched by the receiver's type", () => {
  const files = {
    "body.ts": [
      `import { slots } from "ts-slots";`,
      `@slots`,
      `export class Body {`,
      `  x: number;`,
      `  y: number;`,
      `  z: number;`,
      `  w: number;`,
      `  steps: number;`,
      `  constructor(x: number) {`,
      `    this.x = x;`,
      `    this.y = x;`,
      `    this.z = x;`,
      `    this.w = x;`,
      `    this.steps = 0;`,
      `  }`,
      `}`,
    ].join("\n"),
    "main.ts": [
      `import { Body } from "./body";`,
      `interface Moving { steps: number; w: number }`,
      `function spin(m: Moving) { m.w *= 0.5; }`,
      `class Other { y = 0; }`,
      `const other = new Other();`,
      `const bodies = [new Body(1), new Body(2)];`,
      `const loose: any = bodies[0];`,
      `for (const body of bodies) for (let i = 0; i < 3; i++) {`,
      `  body.x += 0.5;`,
      `  body.steps++;`,
      `  other.y += 0.25;`,
      `}`,
      `loose.z /= 2;`,
      `spin(bodies[1]);`,
      `const sameMap = new Function("a", "b", "return %HaveSameMap(a, b)") as (a: object, b: object) => boolean;`,
      `console.log(JSON.stringify({ values: bodies.map((b) => [b.x, b.y, b.z, b.w, b.steps]), oneMap: sameMap(bodies[0], bodies[1]) }));`,
    ].join("\n"),
  };
  const dir = makeProject({ files, compilerOptions: { target: "ES2022" }, plugin: { seal: "always" }, name: "placeholder-program" });
  expect(compile(dir)).toEqual({ status: 0, output: "" });
  // x: a Body updated with fractions; y: only another class's y is; z: through `any`, w: through an interface, either
  // of which may be a Body.
  expect(placeholders(fs.readFileSync(path.join(dir, "out/body.js"), "utf8"), ["x", "y", "z", "w", "steps"])).toEqual(["0", "void 0", "0", "0", "void 0"]);
  expect(runProgram(path.join(dir, "out/main.js"))).toEqual({ values: [[2.5, 1, 0.5, 1, 3], [3.5, 2, 2, 1, 3]], oneMap: true });
});

describe("which writes keep a number slot's 0 (core/inPlaceWrites.ts, on TypeScript's parser)", () => {
  const ts = require("typescript");
  const { fractionWrittenNames } = require("../dist/transformer/core/inPlaceWrites");
  const namesIn = (code) => [...fractionWrittenNames(ts.createSourceFile("probe.ts", code, ts.ScriptTarget.Latest, true), ts)].sort();

  test("fractions, unknown values and destructuring count; integers, non-numbers and construction do not", () => {
    const code = [
      "class A {",
      "  constructor(v: number) { this.built = v / 3; this['alsoBuilt'] = v; const later = () => { this.byArrow = v; }; }",
      "  m(o: any, v: number, s: string) {",
      "    o.plain = v; o.halved /= 2; o.scaled *= v; o['quoted'] = v; o.powered **= 2;",
      "    o.counter++; --o.down; o.step += 1; o.mask |= v; o.shifted = v >> 1; o.len = s.length; o.pick = v ? 1 : 2;",
      "    o.text = 'a'; o.flag = true; o.obj = {}; o.none = undefined; o.made = new Map();",
      "    o.either = v ? 1 : 0.5; o.grow += v; ({ a: o.fromObject } = o); [o.fromArray] = [v];",
      "  }",
      "}",
    ].join("\n");
    expect(namesIn(code)).toEqual(["byArrow", "either", "fromArray", "fromObject", "grow", "halved", "plain", "powered", "quoted", "scaled"]);
  });
});
