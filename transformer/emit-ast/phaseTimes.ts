// ts-slots' own phase timers in the ts-patch route. tsc's `transformTime` holds both the checks and the rewrite of
// this plugin; when tsc is asked for its timers (`--diagnostics`, `--extendedDiagnostics`), each file's checks and
// rewrite are recorded apart as performance measures ("ts-slots checks", "ts-slots rewrite"; Node's perf_hooks, where
// tsc records its own), with the process's CPU time of the span in `detail.cpuMs`. Any perf_hooks reader (the bench's
// compile-cost, a PerformanceObserver) can sum them. Without those options nothing is recorded.
import { performance } from "perf_hooks";
import type * as ts from "typescript";

export type PhaseName = "ts-slots checks" | "ts-slots rewrite";

/** Runs `work` as part of `phase`. */
export type PhaseTimer = <T>(phase: PhaseName, work: () => T) => T;

const untimed: PhaseTimer = (_phase, work) => work();

function timed<T>(phase: PhaseName, work: () => T): T {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  try {
    return work();
  } finally {
    const cpu = process.cpuUsage(cpuStart);
    performance.measure(phase, { start, end: performance.now(), detail: { cpuMs: (cpu.user + cpu.system) / 1000 } });
  }
}

/** A timer that records when tsc's own timers are on for this program (command-line options, not typed by ts). */
export function phaseTimerFor(options: ts.CompilerOptions): PhaseTimer {
  return options["diagnostics"] === true || options["extendedDiagnostics"] === true ? timed : untimed;
}
