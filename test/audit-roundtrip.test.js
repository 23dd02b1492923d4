// @ts-check
// The audit round trip's property on a sample: programs of the differential generator without @slots -> `ts-slots audit` ->
// `ts-slots add --write` -> the build with the plugin -> run beside the normal build (test/differential/audit-roundtrip.js).
// No ts-slots error and the same behaviour but for the contract's allowances, for every program; a class whose
// instance is written from outside stays undecorated; and the harness can fail: decorating every class of those
// programs (an audit that calls everything safe) is caught. The 2,000-program run:
// `node test/differential/audit-roundtrip.js --runs 2000 --seed 1`.
"use strict";
const { roundTripBatch } = require("./differential/audit-roundtrip");
const { sampleConfigurationIds } = require("./differential/configurations");

/** 32 programs: 8 seeds in each of the four sample configurations (every field mode, both decorator flavours). */
const samples = /** @type {[string, number[]][]} */ (sampleConfigurationIds.map((id, index) => [id, Array.from({ length: 8 }, (_, seed) => 1 + index * 8 + seed)]));
/** The first two seeds of a configuration again, each with `(i0 as any).extra = 1` (withOutsideWrite). */
const writtenSeeds = (id) => samples.find(([sample]) => sample === id)[1].slice(0, 2);

/**
 * One project, one audit and one `add --write` per configuration for both sets of programs, the plain sample and the
 * programs written from outside: the CLI's runs were most of this file's time.
 */
const roundTrips = new Map();
beforeAll(() => {
  for (const [id, seeds] of samples) {
    const results = roundTripBatch(id, [...seeds, ...writtenSeeds(id).map((seed) => ({ seed, outsideWrite: true }))]);
    roundTrips.set(id, { sample: results.filter((result) => !result.outsideWrite), written: results.filter((result) => result.outsideWrite) });
  }
}, 20 * 60 * 1000);

describe("audit -> add --write -> build with the plugin -> same behaviour", () => {
  const added = [];
  test.each(samples)("%s", (id, seeds) => {
    const results = roundTrips.get(id).sample;
    expect(results.map((result) => result.seed)).toEqual(seeds);
    const failures = results.filter((result) => result.verdict !== "pass").map(({ seed, verdict, category, message, added: classes }) => ({ seed, verdict, category, classes, message }));
    expect(failures).toEqual([]);
    // add decorates exactly what the audit called safe.
    for (const result of results) expect([...result.added].sort()).toEqual([...result.safe].sort());
    added.push(...results.flatMap((result) => result.added));
  });

  test("the sample is not vacuous: add made classes @slots", () => {
    expect(added.length).toBeGreaterThan(20);
  });
});

describe("an instance written from outside its class", () => {
  // Each program gets `(i0 as any).extra = 1` (withOutsideWrite): i0's class must not become @slots.
  test("the audit keeps that class out, and the round trip passes", () => {
    const results = sampleConfigurationIds.flatMap((id) => roundTrips.get(id).written);
    expect(results).toHaveLength(2 * sampleConfigurationIds.length);
    expect(results.filter((result) => result.verdict !== "pass").map(({ seed, category, message }) => ({ seed, category, message }))).toEqual([]);
    for (const result of results) {
      const victim = /^const i0 = new (\w+)\(/m.exec(result.texts.plain);
      if (victim) expect(result.added).not.toContain(victim[1]);
    }
  });

  test("the round trip can fail: decorating every class, as an audit that calls everything safe would, is caught", () => {
    const results = sampleConfigurationIds.flatMap((id) => roundTripBatch(id, writtenSeeds(id), { decorate: "everything", outsideWrite: true }));
    const written = results.filter((result) => /^const i0 = new /m.test(result.texts.plain));
    expect(written.length).toBeGreaterThan(0);
    // Caught: a ts-slots error (TSS1006 for the write through `any`), a run that differs, or TypeScript rejecting the
    // decorated program; never a pass.
    expect(written.filter((result) => result.verdict === "pass").map(({ seed, configuration, added }) => ({ seed, configuration, added }))).toEqual([]);
  });
});
