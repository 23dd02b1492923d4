// measure: plans and runs the measuring children (one fresh node process per build, metric and repetition) and
// collects their figures. Memory and shape counts run two at a time; timings run one at a time, repetition-major,
// so drift over the run hits every build alike.
import { fileURLToPath } from "node:url";
import { modulePath } from "./builds.mjs";
import { run, lastJsonLine } from "./spawn.mjs";

const CHILD = fileURLToPath(new URL("./measure-child.mjs", import.meta.url));
const FLAGS = { memory: ["--expose-gc"], shapes: ["--allow-natives-syntax"] };
const TIMED = new Set(["construct", "read", "update"]);

/** Whether a build of `config` is measured for case `caseName`: every case, unless the mode narrows the route. */
function measured(config, caseName, measuredCases) {
  const only = measuredCases?.[config.route];
  return !only || only.includes(caseName);
}

/** jobs: { caseName, metric, configId, rep, spec }. measuredCases: { route: [case names] } or null (all). */
export function planJobs(cases, configs, mode, { quick, reps, measuredCases = null }) {
  const jobs = [];
  for (let rep = 0; rep < reps; rep++) {
    for (const c of cases) {
      const n = quick ? c.quickN : c.n;
      for (const metric of c.metrics) {
        // Shape counts are deterministic: one process per build is enough (more would only repeat it).
        if (metric === "shapes" && rep > 0) continue;
        const [warmup, rounds] = mode.rounds[metric] ?? [0, 1];
        for (const config of configs) {
          if (!measured(config, c.name, measuredCases)) continue;
          jobs.push({
            caseName: c.name,
            metric,
            configId: config.id,
            rep,
            spec: {
              module: modulePath(config.id, c.name),
              metric,
              n,
              warmup,
              rounds,
              ...(metric === "construct" ? { roundSize: mode.constructRound } : {}),
            },
          });
        }
      }
    }
  }
  return jobs;
}

async function runJob(job, nodeBin) {
  const r = await run(nodeBin, [...(FLAGS[job.metric] ?? []), CHILD, JSON.stringify(job.spec)]);
  const out = lastJsonLine(r.stdout);
  if (r.code !== 0 || !out || !Number.isFinite(out.value)) {
    throw new Error(
      `bench: measuring child failed: ${job.configId} ${job.caseName} ${job.metric} (exit ${r.code})\n${r.stderr.trim()}`,
    );
  }
  return out;
}

/** Runs every job; returns raw[case][metric][configId] = [child result, ...]. */
export async function measureAll(jobs, { nodeBin, progress }) {
  const raw = {};
  const record = (job, out) => {
    out.rep = job.rep;
    const byMetric = (raw[job.caseName] ??= {});
    const byConfig = (byMetric[job.metric] ??= {});
    (byConfig[job.configId] ??= []).push(out);
  };
  const parallel = jobs.filter((j) => !TIMED.has(j.metric));
  const timed = jobs.filter((j) => TIMED.has(j.metric));

  progress.phaseStart("memory + shapes", parallel.length);
  const queue = [...parallel];
  const worker = async () => {
    while (queue.length) {
      const job = queue.shift();
      record(job, await runJob(job, nodeBin));
      progress.step(`${job.caseName} ${job.metric} ${job.configId} rep ${job.rep + 1}`);
    }
  };
  await Promise.all([worker(), worker()]);

  progress.phaseStart("timings", timed.length);
  for (const job of timed) {
    record(job, await runJob(job, nodeBin));
    progress.step(`${job.caseName} ${job.metric} ${job.configId} rep ${job.rep + 1}`);
  }
  return raw;
}
