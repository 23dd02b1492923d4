// build-profile: where the CPU of one `vite build` goes, on the build-cost case's generated project (N @slots classes,
// the plugin in one variant): Node's CPU profile of the build process, self time summed by where the code lives
// (TypeScript, each ts-slots folder, MagicString, Vite/Rolldown, Node's module loader) and the heaviest ts-slots
// functions by inclusive time. Proportions are what to read: the absolute figures move with the machine's load.
//
//   node bench/lib/build-profile.mjs [--classes 2000] [--variant syntax|program|plain]
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "./config.mjs";
import { toolchain, writeProject } from "./build-cost.mjs";
import { run } from "./spawn.mjs";

const { values } = parseArgs({ options: { classes: { type: "string", default: "2000" }, variant: { type: "string", default: "syntax" } } });
const classes = Number(values.classes);
const variant = values.variant;
const { node, viteBin, nodeModules } = await toolchain(console.error);
const dir = join(tmpdir(), `ts-slots-build-profile-${classes}-${variant}`);
writeProject(dir, classes, variant !== "plain");
mkdirSync(join(dir, "node_modules"), { recursive: true });
symlinkSync(ROOT, join(dir, "node_modules/ts-slots"), "dir");
symlinkSync(join(nodeModules, "vite"), join(dir, "node_modules/vite"), "dir");
const env = { ...process.env, TS_SLOTS_VARIANT: variant, NODE_ENV: "production" };
// A first build fills Node's compile cache, as a user's second build finds it.
await run(node, [viteBin, "build"], { cwd: dir, env, timeoutMs: 900_000 });
const profiles = join(dir, "profiles");
const result = await run(node, ["--cpu-prof", "--cpu-prof-dir", profiles, viteBin, "build"], { cwd: dir, env, timeoutMs: 900_000 });
if (result.code !== 0) throw new Error(`vite build failed:\n${result.stderr.slice(0, 4000)}`);

/** Where a frame's code lives, for the summary. */
function placeOf(url) {
  if (/typescript\/lib\//.test(url)) return "typescript";
  if (/magic-string/.test(url)) return "magic-string";
  if (url.startsWith(`file://${ROOT}/dist/`) || url.startsWith(`${ROOT}/dist/`)) return `ts-slots ${url.replace(/.*\/dist\//, "").split("/").slice(0, -1).join("/")}`;
  if (/vite|rolldown/.test(url)) return "vite/rolldown";
  if (/^node:/.test(url)) return "node";
  return url ? "other" : "(native, GC, idle)";
}

const self = new Map();
const inclusive = new Map();
let total = 0;
for (const file of readdirSync(profiles)) {
  const profile = JSON.parse(readFileSync(join(profiles, file), "utf8"));
  const spent = new Map();
  profile.samples.forEach((id, i) => spent.set(id, (spent.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
  for (const n of profile.nodes) {
    const ms = spent.get(n.id) ?? 0;
    total += ms;
    const place = placeOf(n.callFrame.url);
    self.set(place, (self.get(place) ?? 0) + ms);
    const counted = new Set();
    for (let id = n.id; id !== undefined; id = parentOf.get(id)) {
      const frame = byId.get(id).callFrame;
      if (!placeOf(frame.url).startsWith("ts-slots")) continue;
      const key = `${frame.url.replace(/.*\/dist\//, "")} ${frame.functionName || "(anonymous)"}`;
      if (counted.has(key)) continue;
      counted.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
}
console.log(`vite build, ${classes} classes, variant ${variant}: ${Math.round(total)} ms sampled`);
console.log("self time by place:");
for (const [place, ms] of [...self].sort((a, b) => b[1] - a[1])) console.log(`${String(Math.round(ms)).padStart(7)} ms  ${place}`);
console.log("ts-slots functions by inclusive time:");
for (const [key, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${String(Math.round(ms)).padStart(7)} ms  ${key}`);
rmSync(dir, { recursive: true, force: true });
