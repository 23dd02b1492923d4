// @ts-check
// The plugin-off program for the core tests: bench/lib/strip.cjs, the one "normal build" source maker (the same
// source with the `@slots` decorators and their `ts-slots` imports cut out, nothing else changed).
"use strict";
const { stripSlotsMarker } = require("../../bench/lib/strip.cjs");

function withoutSlots(source) {
  return stripSlotsMarker(source).code;
}

module.exports = { withoutSlots };
