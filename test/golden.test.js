// @ts-check
// Golden files: the JavaScript the plugin emits for every core fixture in a representative set of configurations,
// pinned under fixtures/golden/<configuration>/. A file another configuration emits byte for byte as es2022-define-standard
// does is kept once, there (test/helpers/golden.js). Regenerate on purpose only: `npm run golden`.
"use strict";
const path = require("path");
const { repoRoot, configurations, compileOnlyConfigurations, makeProject, compile, readTree } = require("./helpers/project");
const { coreFixtures } = require("./helpers/fixtures");
const { expectGolden } = require("./helpers/golden");

const goldenDir = path.join(repoRoot, "fixtures/golden");
/** The configuration whose golden files the others' identical outputs are checked against (pinned first). */
const referenceId = "es2022-define-standard";
const pinned = [...configurations.filter((c) => [referenceId, "es2022-assign-legacy", "es2015-define-legacy"].includes(c.id)), ...compileOnlyConfigurations];

describe.each(pinned)("$id", (configuration) => {
  let output;
  let emitted;

  beforeAll(() => {
    const dir = makeProject({ files: coreFixtures(configuration), compilerOptions: configuration.options, esm: configuration.esm, name: `golden-${configuration.id}` });
    output = compile(dir, "tspc");
    emitted = readTree(path.join(dir, "out"));
  });

  test("compiles without a diagnostic", () => {
    expect(output).toEqual({ status: 0, output: "" });
  });

  test("emits exactly the pinned JavaScript", () => {
    const reference = configuration.id === referenceId ? undefined : path.join(goldenDir, referenceId);
    expectGolden(emitted, path.join(goldenDir, configuration.id), { reference });
  });
});
