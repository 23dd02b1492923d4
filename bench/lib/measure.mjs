// measure: plans and runs the measuring children and collects their figures. Memory (and, in its first process per
// build, the shape count) runs one fresh node process per build and repetition, two at a time, under the headline Node
// only. Timings run one process per Node, case, metric, line and repetition, which times every build of the line with
// its rounds interleaved (so a ratio compares rounds taken seconds apart on the same process); the processes run one
// at a time, repetition-major, with the order of lines, builds and Nodes rotated in every repetition.
import { fileURLToPath } from "node:url";
import { modulePath } from "./builds.mjs";
import { OLDER_NODE_SCOPE } from "./config.mjs";
import { run, lastJsonLine } from "./spawn.mjs";

const CHILD = fileURLToPath(new URL("./measure-child.mjs", import.meta.url));
const FLAGS = { memory: ["--expose-gc"], shapes: ["--allow-natives-syntax"], construct: ["--expose-gc"], read: ["--expose-gc"], update: ["--expose-gc"] };
/** Flags of one job: a memory job that also counts shapes needs both. */
const flagsOf = (job) => [...(FLAGS[job.metric] ?? []), ...(job.spec.shapes ? FLAGS.shapes : [])];
const TIMED = new Set(["construct", "read", "update"]);

/** Whether a build of `config` is measured for case `caseName`: every case, unless the mode narrows the route. */
function measured(config, caseName, measuredCases) {
  const only = measuredCases?.[config.route];
  return !only || only.includes(caseName);
}

/** `list` rotated left by `k` (k may exceed the length). */
export function rotate(list, k) {
  if (list.length === 0) return [];
  const s = k % list.length;
  return [...list.slice(s), ...list.slice(0, s)];
}

/** Repetitions of a metric: memory is exact to the byte across processes, shapes deterministic. */
function repsOf(metric, reps, mode) {
  if (metric === "shapes") return 1;
  if (metric === "memory") return Math.min(reps, mode.memoryReps ?? reps);
  return reps;
}

/**
 * jobs: { node, caseName, metric, configId, rep, spec }. nodes: resolved Nodes, headline first; the others measure
 * OLDER_NODE_SCOPE only, mode.olderReps repetitions, and only olderCases if given. measuredCases: { route: [case
 * names] } or null (all).
 */
export function planJobs(cases, configs, mode, { quick, reps, measuredCases = null, nodes, olderCases = null }) {
  const jobs = [];
  for (let rep = 0; rep < reps; rep++) {
    for (const c of cases) {
      const n = quick ? c.quickN : c.n;
      for (const metric of c.metrics) {
        if (rep >= repsOf(metric, reps, mode)) continue;
        // Shapes are counted by the first memory process of each build, over the instances it built anyway.
        const shapesInMemory = c.metrics.includes("memory") && c.metrics.includes("shapes");
        if (metric === "shapes" && shapesInMemory) continue;
        const [warmup, rounds] = mode.rounds[metric] ?? [0, 1];
        for (const [ni, node] of rotate(nodes.map((nd, i) => [i, nd]), rep)) {
          const headline = ni === 0;
          if (!headline && (!TIMED.has(metric) || !OLDER_NODE_SCOPE.metrics.includes(metric))) continue;
          if (!headline && (rep >= (mode.olderReps ?? reps) || (olderCases && !olderCases.includes(c.name)))) continue;
          const eligible = configs.filter(
            (config) => measured(config, c.name, measuredCases) && (headline || OLDER_NODE_SCOPE.routes.includes(config.route)),
          );
          if (TIMED.has(metric)) {
            // One process per line: its builds interleaved in the same process (measure-child's timeInterleaved).
            const lines = [...new Set(eligible.map((config) => config.line))];
            for (const line of rotate(lines, rep)) {
              const group = rotate(eligible.filter((config) => config.line === line), rep);
              jobs.push({
                node: node.key,
                nodeBin: node.bin,
                caseName: c.name,
                metric,
                configId: line,
                configIds: group.map((config) => config.id),
                rep,
                spec: {
                  modules: Object.fromEntries(group.map((config) => [config.id, modulePath(config.id, c.name)])),
                  metric,
                  n,
                  warmup,
                  rounds,
                  warmupMs: mode.warmupMs,
                  roundMs: mode.roundMs,
                  ...(metric === "construct" ? { roundSize: mode.constructRound } : {}),
                },
              });
            }
            continue;
          }
          for (const config of rotate(eligible, rep)) {
            jobs.push({
              node: node.key,
              nodeBin: node.bin,
              caseName: c.name,
              metric,
              configId: config.id,
              rep,
              spec: {
                module: modulePath(config.id, c.name),
                metric,
                n,
                ...(metric === "memory" && rep === 0 && shapesInMemory ? { shapes: true } : {}),
              },
            });
          }
        }
      }
    }
  }
  return jobs;
}

async function runJob(job) {
  const r = await run(job.nodeBin, [...flagsOf(job), CHILD, JSON.stringify(job.spec)]);
  const out = lastJsonLine(r.stdout);
  if (r.code !== 0 || !out || !Number.isFinite(out.value)) {
    throw new Error(
      `bench: measuring child failed: Node ${job.node} ${job.configId} ${job.caseName} ${job.metric} (exit ${r.code})\n${r.stderr.trim()}`,
    );
  }
  return out;
}

/** Runs every job; returns raw[node][case][metric][configId] = [child result, ...]. */
export async function measureAll(jobs, { progress }) {
  const raw = {};
  const put = (job, metric, out) => {
    out.rep = job.rep;
    const byCase = (raw[job.node] ??= {});
    const byMetric = (byCase[job.caseName] ??= {});
    const byConfig = (byMetric[metric] ??= {});
    (byConfig[job.configId] ??= []).push(out);
  };
  const record = (job, out) => {
    if (out.group) {
      for (const [configId, figure] of Object.entries(out.group)) put({ ...job, configId }, job.metric, { metric: job.metric, n: out.n, node: out.node, v8: out.v8, ...figure });
      return;
    }
    const { shapes, ...rest } = out;
    put(job, job.metric, rest);
    if (shapes) put(job, "shapes", { metric: "shapes", ...shapes });
  };
  const label = (job) => `node${job.node} ${job.caseName} ${job.metric} ${job.configId} rep ${job.rep + 1}`;
  const parallel = jobs.filter((j) => !TIMED.has(j.metric));
  const timed = jobs.filter((j) => TIMED.has(j.metric));

  progress.phaseStart("memory + shapes", parallel.length);
  const queue = [...parallel];
  const worker = async () => {
    while (queue.length) {
      const job = queue.shift();
      record(job, await runJob(job));
      progress.step(label(job));
    }
  };
  await Promise.all([worker(), worker()]);

  progress.phaseStart("timings", timed.length);
  for (const job of timed) {
    record(job, await runJob(job));
    progress.step(label(job));
  }
  return raw;
}
