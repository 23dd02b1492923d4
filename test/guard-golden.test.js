// @ts-check
// Golden files of seal mode "guard", beside the default mode's: every core fixture through both emitters, pinned under
// fixtures/golden/<configuration>-guard/ and fixtures/golden-text/native-guard/. Offline, so `npm run golden`
// regenerates them with the others: `UPDATE_GOLDEN=1 npx jest test/guard-golden.test.js`. (The guard's behaviour under
// Node 20 and 24 is test/guard.test.js, in the slow tier.)
"use strict";
const fs = require("fs");
const path = require("path");
const { makeProject, compile } = require("./helpers/project");

describe("golden files of seal mode guard", () => {
  const { repoRoot, configurations, readTree } = require("./helpers/project");
  const { coreDir, coreFixtures } = require("./helpers/fixtures");
  const { createSourceRewriter } = require("./helpers/text");
  const update = process.env.UPDATE_GOLDEN === "1";

  function expectPinned(emitted, folder, suffix) {
    if (update) {
      fs.rmSync(folder, { recursive: true, force: true });
      fs.mkdirSync(folder, { recursive: true });
      for (const [name, text] of Object.entries(emitted)) fs.writeFileSync(path.join(folder, name), text);
    }
    const golden = readTree(folder, suffix);
    expect(Object.keys(emitted).sort()).toEqual(Object.keys(golden).sort());
    for (const [name, text] of Object.entries(emitted)) expect({ name, text }).toEqual({ name, text: golden[name] });
  }

  test.each(configurations.filter((c) => ["es2022-define-standard", "es2015-define-legacy"].includes(c.id)))("tspc, $id", (configuration) => {
    const dir = makeProject({ files: coreFixtures(configuration), compilerOptions: configuration.options, plugin: { seal: "guard" }, name: `golden-guard-${configuration.id}` });
    expect(compile(dir)).toEqual({ status: 0, output: "" });
    expectPinned(readTree(path.join(dir, "out")), path.join(repoRoot, "fixtures/golden", `${configuration.id}-guard`), ".js");
  });

  test("source rewrite, native fields", () => {
    const rewriter = createSourceRewriter({ seal: "guard" }, { fieldMode: "native", cwd: repoRoot });
    const files = coreFixtures({ options: { experimentalDecorators: false } });
    const emitted = Object.fromEntries(
      Object.entries(files).flatMap(([name, text]) => {
        const result = rewriter.rewrite(text, path.join(path.relative(repoRoot, coreDir), name));
        return result ? [[name, result.code]] : [];
      }),
    );
    expectPinned(emitted, path.join(repoRoot, "fixtures/golden-text/native-guard"), ".ts");
  });
});
