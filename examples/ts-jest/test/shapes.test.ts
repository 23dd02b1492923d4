// What ts-slots gives @slots classes under ts-jest, with and without type information.
import { describe, expect, jest, test } from "@jest/globals";
import { Cell, Flag } from "../src/aliases";
import { Particle, Vec } from "../src/shapes";

// The transformer compiles `@slots` and its imports away: src/shapes.ts and src/aliases.ts must not load the runtime.
jest.mock("ts-slots", () => {
  throw new Error("the ts-slots runtime was loaded: the transformer did not rewrite src/shapes.ts");
});

/** What code outside the type system (a library given any object) may try: the seal makes both throw. */
const addProperty = (target: object, key: string) => ((target as Record<string, unknown>)[key] = 1);
const deleteProperty = (target: object, key: string) => delete (target as Record<string, unknown>)[key];

const sameMap = new Function("a", "b", "return %HaveSameMap(a, b)") as (a: object, b: object) => boolean;
const migrate = new Function("o", "%TryMigrateInstance(o)") as (o: object) => void;

describe("@slots under ts-jest", () => {
  test("instances are sealed: adding or deleting a property throws", () => {
    const vec = new Vec(1, 2);
    expect(Object.isSealed(vec)).toBe(true);
    expect(() => addProperty(vec, "z")).toThrow(TypeError);
    expect(() => deleteProperty(vec, "label")).toThrow(TypeError);
  });

  test("every declared field is a slot from construction on, with its typed placeholder", () => {
    const particle = new Particle(1, 2, 3);
    expect(Object.keys(particle)).toEqual(["x", "y", "length", "label", "id", "mass", "hits"]);
    expect(particle.length).toBe(0);
    expect(particle.label).toBeUndefined();
    // `Count` is declared in this file: even transpile-only resolves it.
    expect(particle.hits).toBe(0);
  });

  test("an aliased import and a namespace import of the decorator are rewritten too", () => {
    const cell = new Cell();
    const flag = new Flag();
    expect([Object.isSealed(cell), cell.value]).toEqual([true, 0]);
    expect([Object.isSealed(flag), flag.on]).toEqual([true, false]);
  });

  test("only the most-derived @slots constructor seals", () => {
    expect(Object.isSealed(new Particle(0, 0, 1))).toBe(true);
  });

  test("instances share one hidden class, also after doubles are stored", () => {
    const a = new Vec(1, 2);
    const b = new Vec(0.5, 1.5);
    b.norm();
    const c = new Vec(3, 4);
    [a, b, c].forEach(migrate);
    expect(sameMap(a, b) && sameMap(a, c)).toBe(true);
  });
});
