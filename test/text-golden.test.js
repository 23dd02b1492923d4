// @ts-check
// Golden files of emitter 2: the TypeScript text the source rewrite writes for every core fixture, with native class
// fields and with assignment semantics, pinned under fixtures/golden-text/<mode>/ (a file assign rewrites byte for byte
// as native does is kept once, under native/: test/helpers/golden.js). Regenerate on purpose only:
// `UPDATE_GOLDEN=1 npx jest test/text-golden.test.js`. Needs `npm run build` first.
"use strict";
const path = require("path");
const { repoRoot } = require("./helpers/project");
const { coreDir, coreFixtures } = require("./helpers/fixtures");
const { createSourceRewriter } = require("./helpers/text");
const { expectGolden } = require("./helpers/golden");

const goldenDir = path.join(repoRoot, "fixtures/golden-text");

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
    const reference = fieldMode === "native" ? undefined : path.join(goldenDir, "native");
    expectGolden(emitted, path.join(goldenDir, fieldMode), { suffix: ".ts", reference });
  });

  test("only the shared _probe.ts, which has no @slots class, is left out", () => {
    expect(Object.keys(rewritten).filter((name) => rewritten[name] === undefined)).toEqual(["_probe.ts"]);
  });
});
