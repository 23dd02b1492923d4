// @ts-check
// The tests are type-checked against the sources: tsconfig.test.json checks test/ (JavaScript with `// @ts-check`),
// whose `require("../dist/...")` resolve to the declarations tsconfig.build.json emits from the sources (the global
// setup rebuilds dist/ when a source is newer). A renamed export or a changed option type fails here, in seconds,
// instead of at run time in whichever suite uses it. Same as `npm run typecheck:tests`.
"use strict";
const path = require("path");
const { spawnSync } = require("child_process");

const repoRoot = path.resolve(__dirname, "..");
/** The repository's own TypeScript, not whatever `tsc` is on the PATH. */
const tsc = path.join(path.dirname(require.resolve("typescript/package.json")), "bin", "tsc");

test("tsc -p tsconfig.test.json reports no error", () => {
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.test.json", "--pretty", "false"], { cwd: repoRoot, encoding: "utf8", timeout: 110000 });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? `\n${result.error.message}` : ""}`;
  const errors = output.split("\n").filter((line) => / error TS\d+:/.test(line));
  // The whole output on failure, so the report names every file, line and message.
  expect({ status: result.status, errors, output: errors.length > 0 || result.status !== 0 ? output : "" }).toEqual({ status: 0, errors: [], output: "" });
});
