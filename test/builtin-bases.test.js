// @ts-check
// What TSS1007 says about built-in bases (transformer/core/checks/builtinBases.ts) is measured, not assumed: a `@slots`
// subclass of each built-in, compiled by tspc with the plugin (its slots and seal as users get them), constructed and
// used as programs use it, under this Node (20) and Node 24 (from the npm registry, cached in os.tmpdir()). A verdict
// that stops being true in either fails here.
"use strict";
const path = require("path");
const { spawnSync } = require("child_process");
const { makeProject, compile } = require("./helpers/project");
const { installNode } = require("./ecosystem/node");
const { sealSafeBuiltins, errorBuiltins, typedArrayBuiltins, builtinVerdict } = require("../dist/transformer/core/checks/builtinBases");

/** Constructor arguments and typical uses of the measured-safe built-ins; each use must work on a sealed instance. */
const safeUses = {
  Map: ["", ["m.set(1, 2)", "m.get(1)", "m.delete(1)", "m.clear()"]],
  Set: ["", ["m.add(1)", "m.has(1)", "m.delete(1)"]],
  WeakMap: ["", ["m.set({}, 1)"]],
  WeakSet: ["", ["m.add({})"]],
  WeakRef: ["{}", ["m.deref()"]],
  FinalizationRegistry: ["() => {}", ["m.register({}, 1)"]],
  Promise: ["(resolve: (value: number) => void) => resolve(1)", ["m.then(() => 1)", "m.catch(() => 1)", "m.finally(() => 1)"]],
  Date: ["0", ["m.setFullYear(2000)", "m.toISOString()"]],
  RegExp: ['"a", "g"', ['m.exec("aa")', 'm.test("aa")', "m.lastIndex = 0", '"aa".replace(m, "b")', '[..."aa".matchAll(m)]']],
  ArrayBuffer: ["8", ["m.slice(0, 4)"]],
  SharedArrayBuffer: ["8", ["m.slice(0, 4)"]],
  DataView: ["new ArrayBuffer(8)", ["m.setUint8(0, 1)", "m.getUint8(0)"]],
};

const errorUses = ['m.message = "later"', 'm.code = "E_LATE"', 'm.name = "Late"', "(Error as any).captureStackTrace(m)", "String(m)"];

/** The heritage clause for a built-in: TypeScript's lib declares some of them generic. */
const generics = { Map: "Map<unknown, unknown>", Set: "Set<unknown>", WeakMap: "WeakMap<object, unknown>", WeakSet: "WeakSet<object>", WeakRef: "WeakRef<object>", FinalizationRegistry: "FinalizationRegistry<unknown>", Promise: "Promise<number>", DataView: "DataView<ArrayBuffer>" };
const arrayUses = ["m[0] = 5", "m.push(4)", "m.map((x: number) => x)", "m.filter(() => true)", "m.slice()", "m.length = 0"];

/** One TypeScript program: a @slots subclass per built-in, each constructed and used; prints what threw. */
function programSource() {
  const lines = ['import { slots } from "ts-slots";', "const results: Record<string, unknown> = {};"];
  const measure = (name, base, args, uses) => {
    lines.push(`@slots class Sealed${name} extends ${base} { field = 0; }`);
    lines.push(`{
      const entry: Record<string, unknown> = {};
      results[${JSON.stringify(name)}] = entry;
      let m: any;
      try { m = new (Sealed${name} as any)(${args}); entry.construct = "ok"; } catch (error) { entry.construct = String(error); }
      if (m) {
        entry.sealed = Object.isSealed(m);
        entry.ownKeys = Reflect.ownKeys(m).map(String);
        entry.uses = ${JSON.stringify(uses)}.map((use: string, index: number) => {
          try { const value = [${uses.map((use) => `() => ${use}`).join(", ")}][index](); if (value instanceof Promise) value.catch(() => {}); return "ok"; }
          catch (error) { return String(error); }
        });
      }
    }`);
  };
  for (const [name, [args, uses]] of Object.entries(safeUses)) measure(name, generics[name] ?? name, args, uses);
  for (const name of errorBuiltins) measure(name, name, name === "AggregateError" ? "[]" : "", errorUses);
  measure("ErrorWithMessage", "Error", '"boom", { cause: 1 }', errorUses);
  measure("Array", "Array<number>", "1, 2, 3", arrayUses);
  for (const name of typedArrayBuiltins) measure(name, name, "4", ["m[0] = m[0]"]);
  lines.push("console.log(JSON.stringify(results));");
  return lines.join("\n");
}

let dir;
const runs = {};
beforeAll(async () => {
  dir = makeProject({ files: { "main.ts": programSource() }, compilerOptions: { target: "ES2022", noEmitOnError: false }, name: "builtin-bases" });
  const build = compile(dir, "tspc");
  // The build warns (TSS1007) for the risky bases; anything else would be a problem of this test's program.
  expect(build.output.split("\n").filter((line) => line && !line.includes("TSS1007"))).toEqual([]);
  const node24 = (await installNode()).node;
  for (const [label, node] of [["node20", process.execPath], ["node24", node24]]) {
    const result = spawnSync(node, [path.join(dir, "out/main.js")], { encoding: "utf8" });
    expect({ label, stderr: result.stderr }).toEqual({ label, stderr: "" });
    runs[label] = JSON.parse(result.stdout);
  }
}, 600000);

describe.each(["node20", "node24"])("%s", (label) => {
  test.each(Object.keys(safeUses))("%s: sealed at construction, and every use works (TSS1007 stays silent)", (name) => {
    const entry = runs[label][name];
    expect(entry).toMatchObject({ construct: "ok", sealed: true });
    expect(entry.uses).toEqual(safeUses[name][1].map(() => "ok"));
    expect(builtinVerdict(name)).toBeUndefined();
  });

  test.each(errorBuiltins)("%s: own `stack` from the constructor before the seal; properties added later throw", (name) => {
    const entry = runs[label][name];
    expect(entry).toMatchObject({ construct: "ok", sealed: true });
    expect(entry.ownKeys).toContain("stack");
    // message (not given), code, name, captureStackTrace: TypeError; String(error) works.
    expect(entry.uses.map((use) => use.split(":")[0])).toEqual(["TypeError", "TypeError", "TypeError", "TypeError", "ok"]);
    expect(builtinVerdict(name).reason).toContain("own `stack`");
  });

  test("Error given a message and a cause: both are own properties, so assigning message later works", () => {
    const entry = runs[label].ErrorWithMessage;
    expect(entry.ownKeys).toEqual(expect.arrayContaining(["stack", "message", "cause"]));
    expect(entry.uses.map((use) => use.split(":")[0])).toEqual(["ok", "TypeError", "TypeError", "TypeError", "ok"]);
  });

  test("Array: an element write works, growing and the species methods (map, filter, slice) throw", () => {
    const entry = runs[label].Array;
    expect(entry).toMatchObject({ construct: "ok", sealed: true });
    expect(entry.uses.map((use) => use.split(":")[0])).toEqual(["ok", "TypeError", "TypeError", "TypeError", "TypeError", "TypeError"]);
    expect(builtinVerdict("Array").reason).toContain("cannot grow");
  });

  test.each(typedArrayBuiltins)("%s: sealing a non-empty instance works on Node 20, throws on Node 24", (name) => {
    const entry = runs[label][name];
    if (label === "node20") expect(entry).toMatchObject({ construct: "ok", sealed: true });
    else expect(entry.construct).toBe("TypeError: Cannot seal array buffer views with elements");
    expect(builtinVerdict(name).reason).toContain("Node 24 refuses to seal");
  });
});

test("every built-in the verdicts name is measured above", () => {
  expect([...sealSafeBuiltins].sort()).toEqual(Object.keys(safeUses).sort());
});
