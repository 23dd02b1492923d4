// Transpile-only (jest.isolated.config.js) sees one file at a time. What it cannot know, documented as tested.
import { expect, test } from "@jest/globals";
import { Leg, Track } from "../src/track";

/** What code outside the type system (a library given any object) may try: the seal makes it throw. */
const addProperty = (target: object, key: string) => ((target as Record<string, unknown>)[key] = 1);

test("a decorator imported through a local re-export falls back to the runtime: sealed, no placeholders", () => {
  const track = new Track();
  expect(Object.isSealed(track)).toBe(true);
  expect(() => addProperty(track, "extra")).toThrow(TypeError);
  // Without the transformer the fields are plain class fields: they exist, as undefined.
  expect(track.distance).toBeUndefined();
  expect(track.laps).toBeUndefined();
});

test("a field typed in another module is still a slot, but its placeholder is undefined", () => {
  const leg = new Leg();
  expect(Object.isSealed(leg)).toBe(true);
  expect(Object.keys(leg)).toEqual(["distance", "laps"]);
  expect(leg.distance).toBeUndefined();
  expect(leg.laps).toBe(0);
});
