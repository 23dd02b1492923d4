// @ts-check
// audit and the build agree: on every project of fixtures/cli and on a generated 500-class project,
// `ts-slots add --write` decorates every class `audit` calls safe, the real build (ts-patch's tspc with the ts-slots
// transformer) then reports exactly the ts-slots errors a second audit reports on @slots classes (none from the
// classes add decorated: the second audit finds them @slots with nothing against them),
// and the program still runs (a class wrongly called safe would throw once sealed). Plus the escape case
// point 5: an instance handed to `function tag(o: any) { o.tagged = true }` is not called safe, and decorating it
// anyway builds cleanly and then throws, which is why it must not be.
//
// The projects are independent: two run at a time (2 cores), each case's CLI runs and build as child processes. The
// build type-checks the project's own files, not the lib declarations (`skipLibCheck`): ts-slots' errors come from the
// transformer on the project's files, and lib checking was most of each build's time.
const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { generateAuditProject } = require("./helpers/audit-project");

const ROOT = path.resolve(__dirname, "..");
const CLI = path.join(ROOT, "dist", "cli", "index.js");
const FIXTURES = path.join(ROOT, "fixtures", "cli");
const TSPC = path.join(ROOT, "node_modules", "ts-patch", "bin", "tspc.js");

/** Each case runs audit twice, add and a full tspc build: minutes on a loaded 2-core machine, waiting its turn included. */
const CASE_TIMEOUT = 15 * 60 * 1000;

/** At most `limit` of the returned function's jobs run at a time, in the order they were asked for. */
function limiter(limit) {
  let running = 0;
  /** @type {(() => void)[]} */
  const waiting = [];
  /** @template T @param {() => Promise<T>} job @returns {Promise<T>} */
  return async (job) => {
    if (running >= limit) await new Promise((resolve) => waiting.push(() => resolve(undefined)));
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
const oneOfTwo = limiter(2);

/**
 * A child process to completion, without blocking the other case.
 * @param {string[]} args
 * @param {string} cwd
 * @returns {Promise<{ status: number | null, stdout: string, stderr: string }>}
 */
function nodeAsync(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const temps = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ts-slots-agree-${name}-`));
  temps.push(dir);
  return dir;
}

/** ts-slots resolvable from the project (as after `npm install ts-slots`), so audit and build resolve `@slots` alike. */
function linkTsSlots(dir) {
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  fs.symlinkSync(ROOT, path.join(dir, "node_modules", "ts-slots"), "dir");
}

/** @param {string[]} args @param {string} cwd */
function cli(args, cwd) {
  return nodeAsync([CLI, ...args], cwd);
}

/** @param {string} dir */
async function auditJson(dir) {
  const r = await cli(["audit", "--json"], dir);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

/** Builds with the plugin; returns the ts-slots diagnostics tspc printed (`error TS99xxxx` lines). */
async function buildWithPlugin(dir) {
  fs.writeFileSync(
    path.join(dir, "tsconfig.slots.json"),
    JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { skipLibCheck: true, plugins: [{ transform: "ts-slots/transformer" }] } }, null, 2),
  );
  const r = await nodeAsync([TSPC, "-p", "tsconfig.slots.json"], dir);
  const output = `${r.stdout}${r.stderr}`;
  return { output, slotsErrors: output.split("\n").filter((line) => /error TS99\d{4}/.test(line)) };
}

/**
 * audit -> add --write -> build -> audit again. Returns the first audit, the build output and the second audit.
 * Asserts the agreement: no ts-slots error, and every class called safe is now @slots with no blocking finding.
 */
async function auditAddBuild(dir) {
  linkTsSlots(dir);
  const before = await auditJson(dir);
  const safe = before.classes.filter((c) => c.status === "safe").map((c) => `${c.file}:${c.name}`);
  const add = await cli(["add", "--write"], dir);
  expect(add.status).toBe(0);
  const build = await buildWithPlugin(dir);
  const after = await auditJson(dir);
  // The build's ts-slots errors are exactly the blocking findings the audit reports on @slots classes: none from the
  // classes add decorated, only those of classes the user had decorated already (fixtures/cli/blockers has one).
  const reported = after.classes
    .filter((c) => c.status === "slots")
    .flatMap((c) => c.findings.filter((f) => f.blocks).map((f) => `${f.file}:${f.line}:${f.column} ${f.kind}`));
  const built = build.slotsErrors.map((line) => {
    const m = /^(.*)\((\d+),(\d+)\): error TS99(\d{4}): /.exec(line);
    return m ? `${m[1]}:${m[2]}:${m[3]} TSS${m[4]}` : line;
  });
  expect(built.sort()).toEqual(reported.sort());
  const byKey = new Map(after.classes.map((c) => [`${c.file}:${c.name}`, c]));
  for (const key of safe) {
    const c = byKey.get(key);
    expect([key, c.status, c.reasons]).toEqual([key, "slots", []]);
  }
  expect(after.unattributed).toEqual([]);
  return { before, build, after, safe };
}

describe("audit's verdicts and the build's diagnostics agree", () => {
  const fixtures = fs.readdirSync(FIXTURES).filter((name) => name !== "broken" && fs.existsSync(path.join(FIXTURES, name, "tsconfig.json")));

  // The longest case first, so that the fixtures fill the other core meanwhile.
  test.concurrent("a generated 500-class project: the same, and the program still runs after the seal", () => oneOfTwo(async () => {
    const dir = tempDir("generated");
    const classes = generateAuditProject(dir, { classes: 500, seed: 1 });
    const { before, safe } = await auditAddBuild(dir);
    // Patterns the build rejects are never safe; escapes to any/unknown need review; the rest are safe unless a base says otherwise.
    const status = new Map(before.classes.map((c) => [c.name, c.status]));
    for (const c of classes) {
      const s = status.get(c.name);
      if (["none", "safeSink"].includes(c.pattern)) expect([c.name, c.pattern, s === "blocked"]).toEqual([c.name, c.pattern, false]);
      else if (c.pattern.startsWith("escape")) expect([c.name, c.pattern, s]).toEqual([c.name, c.pattern, "needs-review"]);
      else expect([c.name, c.pattern, s]).toEqual([c.name, c.pattern, "blocked"]);
    }
    expect(safe.length).toBeGreaterThan(200);
    const run = spawnSync(process.execPath, [path.join(dir, "dist", "main.js")], { cwd: dir, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^total \d+$/m);
  }), 2 * CASE_TIMEOUT);

  test.concurrent.each(fixtures)("fixtures/cli/%s: add --write of every safe class; the build then reports no ts-slots error but those audit reports on @slots classes", (name) => oneOfTwo(async () => {
    const dir = tempDir(name);
    fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
    const { safe } = await auditAddBuild(dir);
    // Every fixture but `broken` has at least one safe class, so the build really checks decorated code.
    expect(safe.length).toBeGreaterThan(0);
  }), CASE_TIMEOUT);
});

describe("escapes to any/unknown", () => {
  test("an instance passed to `tag(o: any)` needs review with the flow's place; decorating it anyway builds cleanly and then throws", async () => {
    const dir = tempDir("escapes");
    fs.cpSync(path.join(FIXTURES, "escapes"), dir, { recursive: true });
    linkTsSlots(dir);
    const doc = await auditJson(dir);
    const by = Object.fromEntries(doc.classes.map((c) => [c.name, c]));
    const flows = (name) => by[name].findings.map((f) => `${f.kind} ${f.file}:${f.line}:${f.column}`);
    expect(by.Tagged.status).toBe("needs-review");
    expect(flows("Tagged")).toEqual(["TSS1014 src/main.ts:5:5"]);
    expect(by.Tagged.findings[0].message).toContain("escapes into a parameter of `tag` typed `any`");
    expect([by.Registered.status, flows("Registered")]).toEqual(["needs-review", ["TSS1014 src/main.ts:7:19"]]);
    expect(by.Registered.findings[0].message).toContain("typed `unknown`");
    expect([by.Listed.status, flows("Listed")]).toEqual(["needs-review", ["TSS1014 src/main.ts:9:21"]]);
    expect([by.Returned.status, flows("Returned")]).toEqual(["needs-review", ["TSS1014 src/main.ts:13:10"]]);
    // console.log, JSON.stringify, String, Object.keys and template literals are known-safe sinks.
    expect([by.Logged.status, by.Typed.status]).toEqual(["safe", "safe"]);

    // Why it must not be safe: with @slots on Tagged the build is clean, and the program throws at run time.
    const named = await cli(["add", "--write", "Tagged"], dir);
    expect(named.status).toBe(0);
    expect(named.stderr).toContain("note: adding @slots to src/model.ts:2 Tagged as asked, although it needs review");
    const build = await buildWithPlugin(dir);
    expect(build.slotsErrors).toEqual([]);
    const run = spawnSync(process.execPath, [path.join(dir, "dist", "main.js")], { cwd: dir, encoding: "utf8" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/TypeError: Cannot add property tagged, object is not extensible/);
  }, CASE_TIMEOUT);
});
