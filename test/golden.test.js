// @ts-check
// Golden files: the JavaScript the plugin emits for every core fixture in a representative set of configurations,
// pinned under fixtures/golden/<configuration>/. Regenerate on purpose only: `npm run golden`.
"use strict";
const fs = require("fs");
const path = require("path");
const { repoRoot, configurations, compileOnlyConfigurations, makeProject, compile, readTree } = require("./helpers/project");
const { coreFixtures } = require("./helpers/fixtures");

const goldenDir = path.join(repoRoot, "fixtures/golden");
const update = process.env.UPDATE_GOLDEN === "1";
const pinned = [...configurations.filter((c) => ["es2022-define-standard", "es2022-assign-legacy", "es2015-define-legacy"].includes(c.id)), ...compileOnlyConfigurations];

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
    const folder = path.join(goldenDir, configuration.id);
    if (update) {
      fs.rmSync(folder, { recursive: true, force: true });
      fs.mkdirSync(folder, { recursive: true });
      for (const [name, text] of Object.entries(emitted)) fs.writeFileSync(path.join(folder, name), text);
    }
    const golden = readTree(folder);
    expect(Object.keys(emitted).sort()).toEqual(Object.keys(golden).sort());
    for (const [name, text] of Object.entries(emitted)) expect({ name, text }).toEqual({ name, text: golden[name] });
  });
});
