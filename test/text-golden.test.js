// @ts-check
// Golden files of emitter 2: the TypeScript text the source rewrite writes for every core fixture, with native class
// fields and with assignment semantics, pinned under fixtures/golden-text/<mode>/. Regenerate on purpose only:
// `UPDATE_GOLDEN=1 npx jest test/text-golden.test.js`. Needs `npm run build` first.
"use strict";
const fs = require("fs");
const path = require("path");
const { repoRoot, readTree } = require("./helpers/project");
const { coreDir, coreFixtures } = require("./helpers/fixtures");
const { createSourceRewriter } = require("./helpers/text");

const goldenDir = path.join(repoRoot, "fixtures/golden-text");
const update = process.env.UPDATE_GOLDEN === "1";

describe.each(/** @type {import("../dist/transformer/core/fieldMode").FieldMode[]} */ (["native", "assign"]))("fieldMode %s", (fieldMode) => {
  let rewritten;

  beforeAll(() => {
    const rewriter = createSourceRewriter({}, { fieldMode, cwd: repoRoot });
    // Every fixture, the standard-decorator ones included: the rewrite reads decorators the same in both flavours.
    const files = coreFixtures({ options: { experimentalDecorators: false } });
    rewritten = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, rewriter.rewrite(text, path.join(path.relative(repoRoot, coreDir), name))]));
  });

  test("rewrites exactly the pinned TypeScript", () => {
    const emitted = Object.fromEntries(Object.entries(rewritten).flatMap(([name, result]) => (result ? [[name, result.code]] : [])));
    const folder = path.join(goldenDir, fieldMode);
    if (update) {
      fs.rmSync(folder, { recursive: true, force: true });
      fs.mkdirSync(folder, { recursive: true });
      for (const [name, text] of Object.entries(emitted)) fs.writeFileSync(path.join(folder, name), text);
    }
    const golden = readTree(folder, ".ts");
    expect(Object.keys(emitted).sort()).toEqual(Object.keys(golden).sort());
    for (const [name, text] of Object.entries(emitted)) expect({ name, text }).toEqual({ name, text: golden[name] });
  });

  test("only the shared _probe.ts, which has no @slots class, is left out", () => {
    expect(Object.keys(rewritten).filter((name) => rewritten[name] === undefined)).toEqual(["_probe.ts"]);
  });
});
