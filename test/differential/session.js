// The entry points the fuzzer and the jest test share: generate and check programs by seed, minimise a failure,
// check a program text (a fixture) in one configuration. `options.emitter` picks the route ("tspc", the default, or
// "text"); see harness.js.
"use strict";
const { configurationById } = require("./configurations");
const { generate, render } = require("./generator");
const { checkMany, checkOne } = require("./harness");
const { knownBugFeatures } = require("./known");
const { minimise } = require("./minimise");

/**
 * `exclude`: more generator features to leave out (the fuzzer's --exclude), on top of known.js's for the route
 * `emitter` ("tspc" or "text"). The program of a seed depends on the configuration and the features left out only.
 */
function programFor(configuration, seed, { includeKnown = false, exclude = [], emitter = "tspc" } = {}) {
  const features = [...(includeKnown ? [] : knownBugFeatures(configuration, emitter)), ...exclude];
  return generate(seed, configuration, { exclude: features });
}

/** Generates and checks the programs `seeds` in one configuration (by id or object). */
function checkProgramBatch(configurationOrId, seeds, options = {}) {
  const configuration = typeof configurationOrId === "string" ? configurationById(configurationOrId) : configurationOrId;
  const items = seeds.map((seed) => ({ seed, text: render(programFor(configuration, seed, options)), configuration }));
  const results = checkMany(items, options);
  return results.map((result, index) => ({ ...result, seed: items[index].seed, text: items[index].text }));
}

/** Regenerates program `seed` and minimises it while it keeps failing with `category`. */
function minimiseFailure(configurationOrId, seed, verdict, category, options = {}) {
  const configuration = typeof configurationOrId === "string" ? configurationById(configurationOrId) : configurationOrId;
  const program = programFor(configuration, seed, options);
  const { text, checks, minimised } = minimise(program, configuration, { verdict, category }, options);
  return { text, checks, minimised };
}

/** Checks a program text (generated or a fixture) in one configuration. */
function checkText(text, configurationOrId, options) {
  const configuration = typeof configurationOrId === "string" ? configurationById(configurationOrId) : configurationOrId;
  return checkOne(text, configuration, options);
}

module.exports = { programFor, checkProgramBatch, minimiseFailure, checkText };
