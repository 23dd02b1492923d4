// The differential pipeline for one program text in one configuration and route: build it normally (decorator
// stripped, no plugin) and with the plugin, run both, compare. Batched: many programs are compiled in this process and
// run in one child process per batch. Two routes (emitters): "tspc", the ts-patch transformer inside TypeScript, and
// "text", the source rewrite (`ts-slots/rewrite`) followed by esbuild (text-route.js).
"use strict";
const path = require("path");
const { spawnSync } = require("child_process");
const { compileText, stripSlots, slotsTraces } = require("./compile");
const { withTypeDeclarations, esbuildCompile, rewriteProgram } = require("./text-route");
const { compareOutputs } = require("./compare");
const { runOne } = require("./run-child");
const { leadingCreatedFields } = require("./contract");
const { fieldModeOf, guardsIn } = require("./configurations");

const runChild = path.join(__dirname, "run-child.js");
const RUN_TIMEOUT_MS = 5000;

/**
 * Compiles both builds. Returns `{ verdict, ... }` where verdict is "invalid" (the generated program does not compile
 * cleanly: a generator bug), "fail" (the plugin build crashed, reported a diagnostic during emit, or left ts-slots
 * in its output), or "compiled" with both JavaScript outputs.
 *
 * The program as written (with `@slots`) is type-checked once, in the plugin build: ts-patch applies the plugin only
 * when emitting, so those diagnostics are TypeScript's verdict on the input, and any of them makes the program
 * invalid. Whatever is reported during emit comes from the plugin and is a failure. The normal build compiles the
 * same source minus the decorators and their import, which cannot add a type error; `fullCheck` type-checks it too.
 * @param {any} text
 * @param {any} configuration
 * @param {{ fullCheck?: boolean, emitter?: string, tamper?: (output: string) => string, inputCheck?: boolean }} [options]
 */
function buildBoth(text, configuration, { fullCheck = false, emitter = "tspc", tamper, inputCheck = true } = {}) {
  if (emitter === "text") return buildBothText(text, configuration, { tamper, inputCheck });
  if (emitter !== "tspc") throw new Error(`unknown emitter ${emitter}`);
  const slots = compileText(text, configuration, { plugin: true });
  if (slots.crash) return { verdict: "fail", category: "transformer:crash", message: slots.crash };
  if (slots.inputDiagnostics.length > 0) return { verdict: "invalid", category: "generator:diagnostic", message: slots.inputDiagnostics.join("\n") };
  if (slots.emitDiagnostics.length > 0) return { verdict: "fail", category: "transformer:diagnostic", message: slots.emitDiagnostics.join("\n") };
  if (!slots.js) return { verdict: "fail", category: "transformer:no-output", message: "the plugin build emitted no JavaScript" };
  const traces = slotsTraces(slots.js);
  if (traces.length > 0) return { verdict: "fail", category: "contract:traces", message: `the plugin build's output still contains ${traces.join(", ")}` };
  const normal = compileText(stripSlots(text), configuration, { plugin: false, check: fullCheck });
  if (normal.crash) return { verdict: "invalid", category: "generator:compiler-crash", message: normal.crash };
  if (normal.diagnostics.length > 0) return { verdict: "invalid", category: "generator:diagnostic-normal-build", message: normal.diagnostics.join("\n") };
  let slotsJs = slots.js;
  if (tamper) slotsJs = tamper(slotsJs);
  return { verdict: "compiled", normalJs: normal.js, slotsJs };
}

/**
 * The text route. The program (with its helper types declared in the file: text-route.js) is type-checked by
 * TypeScript as written, the text route's verdict on its input: any diagnostic makes it invalid (`inputCheck: false`
 * skips that for a text the tspc route type-checks in the same configuration, as the fixture replay does). The plugin build is
 * the rewrite's output through esbuild; any rewrite problem (error or warning), crash, wrong class count, trace of
 * ts-slots or syntax error it leaves is a failure, and so is esbuild rejecting the rewritten source while it accepts
 * the normal one. The normal build is the stripped program through the same esbuild settings; esbuild rejecting it
 * is an esbuild limitation the generator must keep away from (known.js), reported as an invalid program.
 * @param {any} program
 * @param {any} configuration
 * @param {{ tamper?: (output: string) => string, inputCheck?: boolean }} [options]
 */
function buildBothText(program, configuration, { tamper, inputCheck = true } = {}) {
  const text = withTypeDeclarations(program);
  if (inputCheck) {
    const checked = compileText(text, configuration, { plugin: false, emit: false });
    if (checked.crash) return { verdict: "invalid", category: "generator:compiler-crash", message: checked.crash };
    if (checked.inputDiagnostics.length > 0) return { verdict: "invalid", category: "generator:diagnostic", message: checked.inputDiagnostics.join("\n") };
  }
  const normal = esbuildCompile(stripSlots(text), configuration);
  if (normal.error) return { verdict: "invalid", category: "generator:esbuild-rejects-normal-build", message: normal.error };
  const rewritten = rewriteProgram(text, configuration, { tamper });
  if (rewritten.failure) return { verdict: "fail", ...rewritten.failure };
  const slots = esbuildCompile(rewritten.code, configuration);
  if (slots.error) return { verdict: "fail", category: "rewrite:esbuild-rejects", message: `esbuild rejects the rewritten source (it accepts the normal one):\n${slots.error}` };
  const traces = slotsTraces(slots.js);
  if (traces.length > 0) return { verdict: "fail", category: "contract:traces", message: `the plugin build's output still contains ${traces.join(", ")}` };
  return { verdict: "compiled", normalJs: normal.js, slotsJs: slots.js, rewritten: rewritten.rewritten };
}

/** Runs JavaScript outputs `[{ id, js }]` in a child process; returns a Map id -> { stdout, error }. */
function runInChild(programs) {
  const input = JSON.stringify({ programs, timeout: RUN_TIMEOUT_MS });
  const result = spawnSync(process.execPath, [runChild], { input, encoding: "utf8", maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`the run child failed (status ${result.status}): ${result.stderr}`);
  return new Map(JSON.parse(result.stdout).map((entry) => [entry.id, entry]));
}

function parseOutput(run) {
  if (run.error) return { error: run.error };
  try {
    return { value: JSON.parse(run.stdout.trim().split("\n").pop()) };
  } catch (error) {
    return { error: `unparseable output: ${run.stdout.slice(0, 400)}` };
  }
}

/** The verdict from the two runs of one program; `contract` is what contract.js derives from its source. */
function judge(normalRun, slotsRun, contract = {}) {
  const normal = parseOutput(normalRun);
  if (normal.error) return { verdict: "invalid", category: "generator:run-crash", message: normal.error };
  const slots = parseOutput(slotsRun);
  if (slots.error) return { verdict: "fail", category: "run:crash", message: `the plugin build threw while the normal build did not:\n${slots.error}` };
  const { failures, allowed } = compareOutputs(normal.value, slots.value, contract);
  if (failures.length > 0) {
    return { verdict: "fail", category: failures[0].category, message: failures.map((f) => `${f.category}: ${f.message}`).join("\n"), failures, allowed };
  }
  return { verdict: "pass", allowed, records: normal.value.log.length };
}

/**
 * Checks many programs: `items` are `{ text, configuration }`; returns one result per item (same order), each
 * `{ verdict: "pass" | "fail" | "invalid", category?, message?, allowed? }`. `inProcess` runs the outputs in this
 * process's own V8 contexts instead of a child (used by the minimiser, which checks one candidate at a time);
 * `fullCheck` also type-checks the normal build (tspc route); `emitter` is the route ("tspc" or "text"); `tamper`
 * (the self-checks) edits the plugin build's output: the rewritten source in the text route, the JavaScript in tspc.
 * @param {any[]} items
 * @param {{ inProcess?: boolean, fullCheck?: boolean, emitter?: string, tamper?: (output: string) => string, inputCheck?: boolean }} [options]
 */
function checkMany(items, { inProcess = false, fullCheck = false, emitter = "tspc", tamper, inputCheck = true } = {}) {
  const built = items.map((item) => buildBoth(item.text, item.configuration, { fullCheck, emitter, tamper, inputCheck }));
  const programs = [];
  built.forEach((build, index) => {
    if (build.verdict !== "compiled") return;
    programs.push({ id: `${index}:normal`, js: build.normalJs }, { id: `${index}:slots`, js: build.slotsJs });
  });
  const runs = inProcess
    ? new Map(programs.map((program) => [program.id, runOne(program.js, RUN_TIMEOUT_MS)]))
    : programs.length > 0
      ? runInChild(programs)
      : new Map();
  return built.map((build, index) => {
    if (build.verdict !== "compiled") return build;
    const result = judge(runs.get(`${index}:normal`), runs.get(`${index}:slots`), contractOf(items[index].text, items[index].configuration, emitter));
    return { ...result, normalJs: build.normalJs, slotsJs: build.slotsJs, rewritten: build.rewritten };
  });
}

/**
 * The contract's facts about a program that its output does not carry (see contract.js), and whether the route puts
 * seal mode "guard" in place (then a @slots class whose whole chain is @slots is guarded, not sealed).
 */
function contractOf(text, configuration, emitter = "tspc") {
  return { leading: fieldModeOf(configuration) === "assign" ? leadingCreatedFields(text) : {}, guard: guardsIn(configuration, emitter) };
}

function checkOne(text, configuration, options) {
  return checkMany([{ text, configuration }], options)[0];
}

module.exports = { checkMany, checkOne, buildBoth, judge, contractOf, RUN_TIMEOUT_MS };
