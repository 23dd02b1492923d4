// What ts-slots promises, checked inside Vitest: the classes under test are the rewritten ones, not the fallback.
import { readFileSync } from "fs";
import { createRequire } from "module";
import * as path from "path";
import { fileURLToPath } from "url";
import { describe, expect, test } from "vitest";
import { Particle, Vec } from "../src/shapes";

const sameMap = new Function("a", "b", "return %HaveSameMap(a, b)") as (a: object, b: object) => boolean;
const migrate = new Function("o", "%TryMigrateInstance(o)") as (o: object) => void;
const oneHiddenClass = (...objects: object[]) => (objects.forEach(migrate), objects.every((o) => sameMap(objects[0], o)));

/** Where a thrown error points (Vitest maps stack traces through the source maps): `file:line`. */
function thrownAt(action: () => void): string {
  try {
    action();
  } catch (error) {
    const frame = /\((.*):(\d+):\d+\)/.exec(String((error as Error).stack).split("\n")[1]);
    if (!frame) return "no frame";
    const file = frame[1].startsWith("file:") ? fileURLToPath(frame[1]) : frame[1];
    return `${path.relative(process.cwd(), file)}:${frame[2]}`;
  }
  return "nothing thrown";
}

/** The line of src/shapes.ts that carries `marker`. */
function lineOf(marker: string): string {
  const lines = readFileSync(path.join(process.cwd(), "src/shapes.ts"), "utf8").split("\n");
  return `src/shapes.ts:${lines.findIndex((text) => text.includes(marker)) + 1}`;
}

describe("@slots classes under Vitest", () => {
  test("instances are sealed: adding and deleting throw", () => {
    const vec = new Vec(1, 2);
    const particle = new Particle(1, 2, 3);
    expect(Object.isSealed(vec) && Object.isSealed(particle)).toBe(true);
    expect(() => ((vec as unknown as Record<string, unknown>).z = 1)).toThrow(TypeError);
    expect(() => delete (particle as unknown as Record<string, unknown>).mass).toThrow(TypeError);
  });

  test("every declared field exists from construction, holding its type's zero", () => {
    const particle = new Particle(1, 2, 3);
    expect(new Vec(3, 4).length).toBe(0);
    expect(Object.keys(particle)).toEqual(["x", "y", "length", "label", "id", "mass", "alive"]);
  });

  test("all instances share one hidden class, doubles included", () => {
    const b = new Vec(0.5, 1.5);
    b.norm();
    const q = new Particle(2.5, 3, 8);
    q.mass = 0.25;
    expect(oneHiddenClass(new Vec(1, 2), b, new Vec(5, 6))).toBe(true);
    expect(oneHiddenClass(new Particle(1, 2, 7), q, new Particle(0, 0, 1))).toBe(true);
  });

  test("the ts-slots runtime is neither applied nor loaded", () => {
    const requireFromHere = createRequire(path.join(process.cwd(), "package.json"));
    expect(Object.getPrototypeOf(Vec)).toBe(Function.prototype);
    expect(requireFromHere.resolve("ts-slots") in requireFromHere.cache).toBe(false);
  });

  test("errors thrown in rewritten constructors point at their lines in src/shapes.ts", () => {
    expect(thrownAt(() => new Vec(Number.NaN, 0))).toBe(lineOf("thrown-in-base"));
    expect(thrownAt(() => new Particle(0, 0, -1))).toBe(lineOf("thrown-in-derived"));
  });
});
