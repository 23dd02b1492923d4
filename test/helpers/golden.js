// @ts-check
// Golden files of the emitters, kept once: a configuration's folder holds only the files whose output differs from
// its reference configuration's (a file emitted byte for byte alike is checked against the reference's golden), and a
// configuration may pin a representative subset of the fixtures. `UPDATE_GOLDEN=1` (npm run golden) rewrites them.
"use strict";
const fs = require("fs");
const path = require("path");
const { readTree } = require("./project");

const update = process.env.UPDATE_GOLDEN === "1";

/**
 * Asserts `emitted` (file name -> text) against `folder`, or writes it there under UPDATE_GOLDEN=1.
 * - `reference`: another configuration's golden folder, checked by its own test (and written before this one). A file
 *   whose text equals the reference's golden is not kept here; a copy here fails the test, so duplicates cannot creep
 *   back.
 * - `pinned`: the names this configuration pins (default: every emitted file); the others must have no golden here.
 * @param {Record<string, string>} emitted
 * @param {string} folder
 * @param {{ suffix?: string, reference?: string, pinned?: (name: string) => boolean }} [options]
 */
function expectGolden(emitted, folder, { suffix, reference, pinned = () => true } = {}) {
  const referenceGolden = reference ? readTree(reference, suffix) : {};
  const keptHere = Object.keys(emitted).filter((name) => pinned(name) && referenceGolden[name] !== emitted[name]);
  if (update) {
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    for (const name of keptHere) fs.writeFileSync(path.join(folder, name), emitted[name]);
  }
  const golden = fs.existsSync(folder) ? readTree(folder, suffix) : {};
  // Every golden file here is one this configuration pins, and none is a copy of the reference's.
  const stray = Object.keys(golden).filter((name) => !(name in emitted) || !pinned(name));
  expect({ folder: path.basename(folder), stray }).toEqual({ folder: path.basename(folder), stray: [] });
  const copies = Object.keys(golden).filter((name) => referenceGolden[name] === golden[name]);
  expect({ folder: path.basename(folder), copiesOfReference: copies }).toEqual({ folder: path.basename(folder), copiesOfReference: [] });
  for (const name of Object.keys(emitted).filter(pinned).sort()) {
    const expected = golden[name] ?? referenceGolden[name];
    expect({ name, text: emitted[name] }).toEqual({ name, text: expected });
  }
  return { kept: Object.keys(golden).length, fromReference: Object.keys(emitted).filter((name) => pinned(name) && !(name in golden)).length };
}

/**
 * A configuration's whole golden output in one temporary folder: the reference configuration's files, overlaid with
 * the files this configuration keeps because they differ. What the emitter wrote for it, runnable as one tree (the
 * goldens require their neighbours, e.g. `./_probe.js`).
 * @param {string} folder the configuration's golden folder
 * @param {string | undefined} reference the reference configuration's golden folder (undefined: `folder` is complete)
 * @param {string} into an empty directory to write the tree into
 * @returns {string} `into`
 */
function materializeGolden(folder, reference, into) {
  fs.mkdirSync(into, { recursive: true });
  for (const source of [reference, folder]) {
    if (!source || !fs.existsSync(source)) continue;
    fs.cpSync(source, into, { recursive: true });
  }
  return into;
}

module.exports = { expectGolden, materializeGolden, update };
