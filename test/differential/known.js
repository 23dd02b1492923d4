// Differences the differential test found that are not (or not yet) transformer fixes: open bugs, and the
// differences the README documents. Each has a minimised fixture under fixtures/differential/ and the generator
// features that trigger it.
//
// By default the fuzzer leaves those features out in the configurations where the difference shows, so that a run
// is not drowned in one known difference and can still find others; `--include-known` generates them everywhere.
// When a bug is fixed: delete its entry here, and the fuzzer covers the feature again.
"use strict";
const { fieldModeOf } = require("./configurations");

// Fixed bugs keep their fixtures as regression tests and are generated again everywhere. What stays here are the
// differences the README documents (README, "The contract"): their fixtures assert that exactly those show.
const knownBugs = [
  {
    id: "super-write-clobbered",
    fixture: "fixtures/differential/super-write-clobbered.ts",
    summary:
      "Documented: with useDefineForClassFields false, a subclass slot without initialiser gets its placeholder right " +
      "after super(...), so a value the superclass constructor stored there through an overridden method is replaced " +
      "(define semantics would set it to undefined).",
    features: ["hookWritesSlots"],
    applies: (configuration) => fieldModeOf(configuration) === "assign",
  },
  {
    id: "leading-order-std-decorators",
    fixture: "fixtures/differential/leading-order-std-decorators.ts",
    summary:
      "Documented (README, Order): with useDefineForClassFields false and standard decorators on an instance member, " +
      "TypeScript's decorator emit creates those members first; the order is fixed but not declaration order.",
    features: ["memberDecorator"],
    applies: (configuration) => fieldModeOf(configuration) === "assign" && !configuration.experimentalDecorators,
  },
  {
    id: "esbuild-std-decorators-assign",
    fixture: "fixtures/differential/esbuild-std-decorators-assign.ts",
    summary:
      "esbuild's limitation, not ts-slots': with useDefineForClassFields false and a standard decorator on a class, " +
      "esbuild initialises every instance field it declares, those without initialiser too, to undefined (TypeScript " +
      "emits nothing for them), and in a derived class it does so before super(...): a ReferenceError when the class " +
      "is constructed (esbuild issues #3939, #4087, open in 0.28.2). The normal build itself is then wrong, so the " +
      "text route (esbuild) leaves class decorators out there; member decorators are left out there anyway " +
      "(leading-order-std-decorators).",
    features: ["classDecorator"],
    emitters: ["text"],
    applies: (configuration) => fieldModeOf(configuration) === "assign" && !configuration.experimentalDecorators,
  },
];

/**
 * The generator features to leave out in a configuration of a route (`emitter`: "tspc" or "text") because they
 * trigger a known difference there. An entry without `emitters` applies to both routes.
 */
function knownBugFeatures(configuration, emitter = "tspc") {
  return knownBugs
    .filter((bug) => (!bug.emitters || bug.emitters.includes(emitter)) && bug.applies(configuration))
    .flatMap((bug) => bug.features);
}

module.exports = { knownBugs, knownBugFeatures };
