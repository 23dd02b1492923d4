// @ts-check
// Golden files of seal mode "guard", beside the default mode's. Every core fixture is built through both emitters
// with the guard; a representative set is pinned, under fixtures/golden/<configuration>-guard/ and
// fixtures/golden-text/native-guard/: the fixtures whose guard output takes the guard's own paths (a guarded base
// and derived classes that seal only when unguarded, generic and abstract classes, constructors that return, nested
// and exported classes, class expressions). The others differ from the default mode's golden files only by the same
// helper and static block, and must carry them. Offline, so `npm run golden` regenerates them with the others:
// `UPDATE_GOLDEN=1 npx jest test/guard-golden.test.js`. (The guard's behaviour under Node 20 and 24 is
// test/guard.test.js, in the slow tier.)
"use strict";
const path = require("path");
const { makeProject, compile, repoRoot, configurations, readTree } = require("./helpers/project");
const { coreDir, coreFixtures } = require("./helpers/fixtures");
const { createSourceRewriter } = require("./helpers/text");
const { expectGolden } = require("./helpers/golden");

/** The fixtures pinned under the guard (by base name; `.standard` ones exist only under standard decorators). */
const guardPinned = ["inheritance", "generic-abstract", "returns-expression", "nested", "default-export", "class-expression.standard"];
const isPinned = (name) => guardPinned.includes(name.replace(/\.(js|ts)$/, ""));

/** Every output of a fixture with a @slots class carries the guard: the helper and a `__slotsGuard(` call. */
function unguarded(emitted) {
  return Object.entries(emitted)
    .filter(([name, text]) => !name.startsWith("_probe.") && !(text.includes("function __slotsGuard(C, keys)") && /__slotsGuard\((this|\w+), \[/.test(text)))
    .map(([name]) => name);
}

describe("golden files of seal mode guard", () => {
  test.each(configurations.filter((c) => ["es2022-define-standard", "es2015-define-legacy"].includes(c.id)))("tspc, $id", (configuration) => {
    const dir = makeProject({ files: coreFixtures(configuration), compilerOptions: configuration.options, plugin: { seal: "guard" }, name: `golden-guard-${configuration.id}` });
    expect(compile(dir)).toEqual({ status: 0, output: "" });
    const emitted = /** @type {Record<string, string>} */ (readTree(path.join(dir, "out")));
    const { kept } = expectGolden(emitted, path.join(repoRoot, "fixtures/golden", `${configuration.id}-guard`), {
      suffix: ".js",
      reference: path.join(repoRoot, "fixtures/golden", configuration.id),
      pinned: isPinned,
    });
    expect(kept).toBeGreaterThanOrEqual(5);
    expect(unguarded(emitted)).toEqual([]);
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
    const { kept } = expectGolden(emitted, path.join(repoRoot, "fixtures/golden-text/native-guard"), {
      suffix: ".ts",
      reference: path.join(repoRoot, "fixtures/golden-text/native"),
      pinned: isPinned,
    });
    expect(kept).toBe(guardPinned.length);
    expect(unguarded(emitted)).toEqual([]);
  });
});
