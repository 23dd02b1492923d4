// @ts-check
// Emitter 2 (the source rewrite, `ts-slots/rewrite`) held to the core contract of emitter 1 (test/core.test.js):
// every core fixture rewritten as TypeScript text, compiled by esbuild in four configurations, and run in one child
// `node --allow-natives-syntax` per configuration: sealed, adding and deleting throw, one hidden class that doubles
// keep, the fixture's fixed key order, the same results as the normal build (the stripped source through the same
// esbuild), and no import of ts-slots left. Where emitter 1's pinned build has the same semantics
// (fixtures/golden), the probe must not tell the two emitters' instances apart. Needs `npm run build` first.
"use strict";
const fs = require("fs");
const path = require("path");
const util = require("util");
const ts = require("typescript");
const { repoRoot } = require("./helpers/project");
const { coreDir, coreFixtures, probedFixtures, probeEach } = require("./helpers/fixtures");
const { withoutSlots } = require("./helpers/strip");
const { stripSlotsMarker } = require("../bench/lib/strip.cjs");
const { textConfigurations, bareDirectory, buildFiles, rewriterFor, jsName, expectSlotsContract } = require("./helpers/text");
const { materializeGolden } = require("./helpers/golden");

/** Emitter 1's pinned JavaScript (test/golden.test.js) for the same field semantics and decorator flavour. */
const emitter1Golden = {
  "es2022-define": "es2022-define-standard",
  "es2022-assign": "es2022-assign-legacy",
  // ES2015 and ES2020 lower fields the same way (define semantics, Object.defineProperty in the constructor).
  "es2020-define": "es2015-define-legacy",
};

// class-expression.standard.ts's description includes `Pair.name`: the rewrite once wrote `const Pair = class Pair`,
// which esbuild renames (`class Pair2`), so the name differed from the normal build's (fixed in e047de4).

/** Every core fixture: a `*.standard.ts` one is compiled with standard decorators in every configuration. */
const allCoreFixtures = () => coreFixtures({ options: { experimentalDecorators: false } });

/** How many `@slots` decorators a fixture has: what the strip for the normal build finds and removes. */
const markerCount = (text) => stripSlotsMarker(text).removed.filter((removed) => removed.text.startsWith("@")).length;

/** The `import … from "ts-slots"` statements of a TypeScript text, found by the parser. */
function slotsImports(code) {
  const file = ts.createSourceFile("check.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return file.statements.filter((statement) => ts.isImportDeclaration(statement) && /** @type {import("typescript").StringLiteral} */ (statement.moduleSpecifier).text === "ts-slots").map((statement) => statement.getText(file));
}

describe.each(textConfigurations)("$id (fieldMode $fieldMode)", (configuration) => {
  const files = allCoreFixtures();
  const fixtures = probedFixtures(files);
  // The golden folders keep only what differs from the reference configuration's (test/helpers/golden.js): the
  // configuration's whole output is the two laid over each other.
  const goldenDir =
    emitter1Golden[configuration.id] &&
    materializeGolden(
      path.join(repoRoot, "fixtures/golden", emitter1Golden[configuration.id]),
      emitter1Golden[configuration.id] === "es2022-define-standard" ? undefined : path.join(repoRoot, "fixtures/golden/es2022-define-standard"),
      bareDirectory(`text-golden-${configuration.id}`),
    );
  const emitter1Fixtures = goldenDir ? fixtures.filter((fixture) => fs.existsSync(path.join(goldenDir, jsName(fixture)))) : [];
  let on;
  let off;
  let reports;

  beforeAll(() => {
    const rewriter = rewriterFor(configuration);
    on = buildFiles(files, { dir: bareDirectory(`text-on-${configuration.id}`), configuration, rewriter, sourceDir: path.relative(repoRoot, coreDir) });
    off = buildFiles(files, { dir: bareDirectory(`text-off-${configuration.id}`), configuration, transform: withoutSlots });
    const outFiles = [
      ...fixtures.map((fixture) => on[fixture].outFile),
      ...fixtures.map((fixture) => off[fixture].outFile),
      ...emitter1Fixtures.map((fixture) => path.join(goldenDir, jsName(fixture))),
    ];
    reports = probeEach(outFiles, false);
  });

  test("the rewrite rewrites every @slots class of every fixture, with no problem; the shared _probe.ts is left alone", () => {
    for (const [name, text] of Object.entries(files)) {
      const { rewritten } = on[name];
      if (name.startsWith("_")) {
        expect({ name, rewritten }).toEqual({ name, rewritten: undefined });
        continue;
      }
      expect({ name, classes: rewritten.classes, problems: rewritten.problems }).toEqual({ name, classes: markerCount(text), problems: [] });
    }
  });

  test("esbuild compiles both builds without a warning", () => {
    for (const name of Object.keys(files)) {
      expect({ name, on: on[name].warnings, off: off[name].warnings }).toEqual({ name, on: [], off: [] });
    }
  });

  test.each(fixtures)("%s: sealed, one hidden class, doubles keep it, same results as the normal build", (fixture) => {
    const withSlots = reports[on[fixture].outFile];
    expectSlotsContract(withSlots);

    const normal = reports[off[fixture].outFile];
    // Unlike tsc for ES2015 with define semantics (core.test.js), esbuild's own normal build of nested-super.ts runs:
    // it creates the fields after each `super(...)` call. So no fixture is excused here.
    expect(normal.error).toBeUndefined();
    expect(withSlots.describe).toEqual(normal.describe);
    // The stripped build is really a normal one: nothing in it is sealed.
    for (const group of normal.groups) expect({ group: group.name, sealed: group.sealed.every((sealed) => !sealed) }).toEqual({ group: group.name, sealed: true });
  });

  test("the output runs without ts-slots installed: no import of it is left", () => {
    // The builds ran in a directory without node_modules, and esbuild kept every value import (verbatimModuleSyntax),
    // so a leftover import would have failed the probe; the parser confirms it for the rewritten TypeScript itself.
    for (const fixture of fixtures) {
      expect({ fixture, error: reports[on[fixture].outFile].error }).toEqual({ fixture, error: undefined });
      expect({ fixture, imports: slotsImports(on[fixture].rewritten.code) }).toEqual({ fixture, imports: [] });
    }
  });

  if (emitter1Fixtures.length > 0) {
    test.each(emitter1Fixtures)(`%s: the probe cannot tell emitter 2 from emitter 1 (fixtures/golden/${emitter1Golden[configuration.id]})`, (fixture) => {
      const emitter1 = reports[path.join(goldenDir, jsName(fixture))];
      expect(emitter1.error).toBeUndefined();
      // Everything: sealing, add/delete outcomes, hidden-class sharing, every instance's full key order (never-assigned
      // slots included), the doubles written, and the description. The description is the program's own result: where
      // esbuild's normal build and tsc's disagree on it (esbuild names an anonymous default-exported class after its
      // file, tsc `default_1`), it is held to esbuild's normal build by the test above instead.
      const withSlots = reports[on[fixture].outFile];
      const compilersAgree = util.isDeepStrictEqual(reports[off[fixture].outFile].describe, emitter1.describe);
      expect(compilersAgree ? withSlots : { ...withSlots, describe: emitter1.describe }).toEqual(emitter1);
    });
  }
});
