// @ts-check
// Which jest suites run in which tier. `npm test` (jest.config.js) is the fast tier: offline, unit tests on in-memory
// sources and the core compile-and-run suites, a few minutes on 2 cores. `npm run test:slow` (test/jest.slow.config.js)
// is the rest: Node 22/24 binaries and packages from the npm registry, packing, every example, the fuzz samples and the
// slow CLI suites. `.ci/run` runs both. test/tiers.test.js fails when a suite is in neither tier or in both.
"use strict";

/** Offline and quick: what a maintainer runs all day. */
const fast = [
  "options",
  "runtime-fallback",
  "golden",
  "guard-golden",
  "text-golden",
  "core",
  "text",
  "text-rewrite",
  "checks-prefilter",
  "diagnostics",
  "diagnostics-reference",
  "suppressions",
  "cli-compile",
  "routes",
  "placeholder",
  "seal-default",
  "lsp",
  "tiers",
  "deferred-checker",
  "check-routes",
  "typecheck",
];

/** The network (npm registry: Node binaries, packages, packing) or minutes of CPU. */
const slow = [
  "differential",
  "cli",
  "cli-add-builds",
  "audit-escapes",
  "audit-agreement",
  "audit-roundtrip",
  "language-service",
  "guard",
  "builtin-bases",
  "plugins",
  "bench",
  "package-build",
  "examples",
  "examples-bundlers",
  "typescript-lines",
  "quickstart",
  "check",
  "bundler-routes",
];

/** jest `testMatch` entries for a tier's suites. */
const testMatchOf = (names) => names.map((name) => `<rootDir>/test/${name}.test.js`);

module.exports = { fast, slow, testMatchOf };
