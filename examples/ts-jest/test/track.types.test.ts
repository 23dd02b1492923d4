// Needs type information (jest.config.js): the decorator through a re-export, a field typed in another module.
import { expect, test } from "@jest/globals";
import { Leg, Track } from "../src/track";

test("the type checker finds @slots through ./reexport and the number behind Meters", () => {
  const track = new Track();
  expect(Object.isSealed(track)).toBe(true);
  expect(track.distance).toBe(0);
  expect(track.laps).toBe(0);
});

test("a field typed in another module gets its typed placeholder", () => {
  const leg = new Leg();
  expect(Object.isSealed(leg)).toBe(true);
  expect(leg.distance).toBe(0);
});
