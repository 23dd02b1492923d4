// Builds with `tspc -b` (full, no-op, incremental after an edit), then runs `tspc --watch` on core through three
// edits of core/src/vec.ts: a new field, a misuse of @slots, the original again. Also: a @slots base class seen
// through the referenced project's declaration file draws no TSS1007, a plain one does. Prints each step's facts as JSON
// and exits 1 if one is wrong. core/src/vec.ts is restored in every case.
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const tspc = path.join(__dirname, "node_modules/ts-patch/bin/tspc.js");
const vecFile = path.join(__dirname, "core/src/vec.ts");
const original = fs.readFileSync(vecFile, "utf8");
const withField = original.replace("  y: number;\n", "  y: number;\n  z!: number;\n");
const misused = original.replace("@slots\n", "@slots()\n");
const plain = original.replace("@slots\n", "");

const facts = {};
const problems = [];
const expect = (step, fact, actual, wanted) => {
  facts[step] = { ...facts[step], [fact]: actual };
  if (JSON.stringify(actual) !== JSON.stringify(wanted)) problems.push(`${step}.${fact}: ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
};

function build(...flags) {
  const result = spawnSync(process.execPath, [tspc, "-b", "--pretty", "false", ...flags], { cwd: __dirname, encoding: "utf8" });
  return { status: result.status, output: result.stdout + result.stderr };
}

function runApp() {
  const result = spawnSync(process.execPath, ["--allow-natives-syntax", "app/dist/main.js"], { cwd: __dirname, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`app failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** What core's compiled Vec is, from a fresh node process. */
function probeVec() {
  const script = `const { Vec } = require("./core/dist/vec.js"); const v = new Vec(1, 2);
    console.log(JSON.stringify({ keys: Object.keys(v), z: v.z, sealed: Object.isSealed(v) }));`;
  const result = spawnSync(process.execPath, ["-e", script], { cwd: __dirname, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`probe failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

const mtimes = () => ["core/dist/vec.js", "app/dist/main.js"].map((file) => fs.statSync(path.join(__dirname, file)).mtimeMs);

/** `tspc --watch` on core: resolves with the output of each finished compilation ("Found N errors"). */
function watchCore() {
  const child = spawn(process.execPath, [tspc, "--watch", "--preserveWatchOutput", "--pretty", "false", "-p", "core"], {
    cwd: __dirname,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let consumed = 0;
  let wake = () => {};
  child.stdout.on("data", (chunk) => ((output += chunk), wake()));
  child.stderr.on("data", (chunk) => ((output += chunk), wake()));
  child.on("exit", () => wake());
  const nextCycle = (timeoutMs = 60000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`tspc --watch: no compilation within ${timeoutMs} ms:\n${output}`)), timeoutMs);
      wake = () => {
        const end = output.indexOf("Watching for file changes.", consumed);
        if (end >= 0) {
          const cycle = output.slice(consumed, end);
          consumed = end + 1;
          clearTimeout(timer);
          resolve(cycle);
        } else if (child.exitCode !== null) {
          clearTimeout(timer);
          reject(new Error(`tspc --watch exited:\n${output}`));
        }
      };
      wake();
    });
  return { child, nextCycle };
}

/** Writes a file so that the watcher sees a change even within one mtime tick. */
function edit(text) {
  fs.writeFileSync(vecFile, text);
  const later = new Date(Date.now() + 2000);
  fs.utimesSync(vecFile, later, later);
}

async function main() {
  // 1. A full build of both projects, then the app.
  spawnSync(process.execPath, [tspc, "-b", "--clean"], { cwd: __dirname });
  const first = build();
  expect("build", "status", first.status, 0);
  // Reported, not required: ts-slots diagnostics (TSS codes) the build printed, warnings included.
  facts.build.diagnostics = first.output.match(/TSS\d+/g) ?? [];
  const app = runApp();
  expect("build", "app", app, {
    vecKeys: ["x", "y"],
    vecSealed: true,
    particleKeys: ["x", "y", "id", "mass"],
    particleSealed: true,
    mass: 0,
    addThrows: true,
    oneHiddenClass: true,
  });

  // 2. Nothing changed: tspc -b is a no-op and leaves the outputs alone.
  const before = mtimes();
  expect("noop", "status", build().status, 0);
  expect("noop", "outputsUntouched", mtimes().every((time, i) => time === before[i]), true);

  // 2b. The app sees Vec only through core/dist/vec.d.ts, which carries no decorator: whether Vec is @slots (no TSS1007
  // for Particle) is read from core's source, found through core's tsconfig (transformer/core/checks/declarationSource.ts).
  // With @slots taken off Vec, the same declaration file draws the warning. (--force: tsc -b does not rebuild the app
  // when core's declaration file did not change, and here it does not.)
  const declaration = () => fs.readFileSync(path.join(__dirname, "core/dist/vec.d.ts"), "utf8");
  const slotsDeclaration = declaration();
  edit(plain);
  const plainBuild = build("--force");
  expect("reference", "sameDeclarationFile", declaration() === slotsDeclaration, true);
  expect("reference", "plainBaseWarns", {
    status: plainBuild.status,
    warnings: plainBuild.output.match(/app\/src\/main\.ts\(\d+,\d+\): warning TS991007: ts-slots TSS1007: The shape of @slots class Particle cannot be guaranteed: its base class Vec comes from a declaration file \(vec\.d\.ts\)/g)?.length ?? 0,
  }, { status: 0, warnings: 1 });
  edit(original);
  expect("reference", "slotsBaseClean", (build("--force").output.match(/TSS\d+/g) ?? []), []);

  // 3. A new field in core: an incremental build re-emits core, and the app's subclass gets the new slot too.
  edit(withField);
  expect("incremental", "status", build().status, 0);
  const rebuilt = runApp();
  expect("incremental", "vecKeys", rebuilt.vecKeys, ["x", "y", "z"]);
  expect("incremental", "particleKeys", rebuilt.particleKeys, ["x", "y", "z", "id", "mass"]);
  expect("incremental", "particleSealed", rebuilt.particleSealed, true);
  edit(original);
  build();

  // 4. tspc --watch: every save re-emits core/dist/vec.js through the transformer, diagnostics included.
  const watcher = watchCore();
  try {
    const first = await watcher.nextCycle();
    expect("watch", "initial", /Found 0 errors/.test(first), true);
    edit(withField);
    const second = await watcher.nextCycle();
    expect("watch", "afterNewField", { clean: /Found 0 errors/.test(second), vec: probeVec() }, { clean: true, vec: { keys: ["x", "y", "z"], z: 0, sealed: true } });
    edit(misused);
    const third = await watcher.nextCycle();
    expect("watch", "misuseReportedOnce", (third.match(/TSS1011/g) ?? []).length, 1);
    edit(original);
    const fourth = await watcher.nextCycle();
    expect("watch", "afterRevert", { clean: /Found 0 errors/.test(fourth), vec: probeVec() }, { clean: true, vec: { keys: ["x", "y"], sealed: true } });
  } finally {
    watcher.child.kill();
  }
}

main()
  .catch((error) => problems.push(String(error && error.stack ? error.stack : error)))
  .finally(() => {
    fs.writeFileSync(vecFile, original);
    for (const [step, stepFacts] of Object.entries(facts)) console.log(`${step}: ${JSON.stringify(stepFacts)}`);
    for (const problem of problems) console.log(`FAIL ${problem}`);
    console.log(problems.length === 0 ? "ok   tspc -b, incremental rebuilds and tspc --watch" : `${problems.length} problem(s)`);
    console.log(JSON.stringify(facts));
    process.exitCode = problems.length === 0 ? 0 : 1;
  });
