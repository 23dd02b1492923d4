// @ts-check
// The add-then-compile check of `ts-slots add`: `add --write` on a copy of fixtures/cli/add, then the copy compiles
// with the real ts-slots transformer (ts-patch's tspc), prints the same description of its objects as the
// unmodified project, and its safe classes' instances are now sealed. A second `add` changes nothing.
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const CLI = path.join(ROOT, "dist", "cli", "index.js");
const FIXTURES = path.join(ROOT, "fixtures", "cli");
const TSPC = path.join(ROOT, "node_modules", "ts-patch", "bin", "tspc.js");

const temps = [];

beforeAll(() => {
  for (const built of [CLI, path.join(ROOT, "dist", "transformer", "emit-ast", "index.js"), path.join(ROOT, "dist", "runtime", "index.js")]) {
    if (!fs.existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  }
});

afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function copyFixture(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ts-slots-cli-${name}-`));
  temps.push(dir);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

function run(args, cwd) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under dir (relative path -> content), node_modules and dist left out. */
function snapshot(dir) {
  const out = {};
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name === "dist") continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p).split(path.sep).join("/")] = fs.readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

describe("ts-slots add, then compile with the plugin", () => {
  function compileAndRun(dir) {
    fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
    const link = path.join(dir, "node_modules", "ts-slots");
    if (!fs.existsSync(link)) fs.symlinkSync(ROOT, link, "dir");
    fs.writeFileSync(
      path.join(dir, "tsconfig.slots.json"),
      JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { plugins: [{ transform: "ts-slots/transformer" }] } }, null, 2),
    );
    fs.rmSync(path.join(dir, "dist"), { recursive: true, force: true });
    const c = spawnSync(process.execPath, [TSPC, "-p", path.join(dir, "tsconfig.slots.json")], { cwd: dir, encoding: "utf8" });
    expect(`${c.stdout}${c.stderr}`).toBe("");
    expect(c.status).toBe(0);
    const r = spawnSync(process.execPath, [path.join(dir, "dist", "main.js")], { cwd: dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    return { described: lines.filter((l) => !l.startsWith("sealed ")), sealed: lines.filter((l) => l.startsWith("sealed ")) };
  }

  test("the copy compiles, behaves as before, and its safe classes are now sealed", () => {
    const dir = copyFixture("add");
    const original = compileAndRun(dir);
    expect(original.described).toEqual([
      "p: Point {x=4, y=6.5}",
      'c: Circle {center=Point {x=0, y=0}, name="circle", radius=2}',
      'a: Particle {charge=0, id=1, label="a", tags=["x"]}',
      "b: Particle {charge=0, id=2, tags=[]}",
      "counter: Counter {count=2, step=1}",
      "timer: Timer {elapsed=0, running=true}",
      "bag: Bag {apple=true, size=1}",
      'tagged: Tagged {extra=true, name="t"}',
      "area: 12.57",
    ]);
    expect(original.sealed).toEqual([
      "sealed p: false",
      "sealed c: false",
      "sealed a: false",
      "sealed b: false",
      "sealed counter: true",
      "sealed timer: false",
      "sealed bag: false",
      "sealed tagged: false",
    ]);

    const w = run(["add", "--write"], dir);
    expect(w.code).toBe(0);
    expect(w.stdout).toBe(
      "updated src/counter.ts: @slots Timer\nupdated src/geometry.ts: @slots Point, Shape, Circle\nupdated src/particle.ts: @slots Particle\n",
    );
    const counter = fs.readFileSync(path.join(dir, "src", "counter.ts"), "utf8");
    expect(counter.match(/from "ts-slots"/g)).toHaveLength(1);

    const slotted = compileAndRun(dir);
    expect(slotted.described).toEqual(original.described);
    expect(slotted.sealed).toEqual([
      "sealed p: true",
      "sealed c: true",
      "sealed a: true",
      "sealed b: true",
      "sealed counter: true",
      "sealed timer: true",
      "sealed bag: false",
      "sealed tagged: false",
    ]);

    const before = snapshot(dir);
    const again = run(["add", "--write"], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe("");
    expect(snapshot(dir)).toEqual(before);
    const auditRun = run(["audit", "--json"], dir);
    expect(auditRun.code).toBe(0);
    const audit = JSON.parse(auditRun.stdout);
    expect(audit.classes.map((c) => [c.name, c.status])).toEqual([
      ["Bag", "blocked"],
      ["Tagged", "blocked"],
      ["Counter", "slots"],
      ["Timer", "slots"],
      ["Point", "slots"],
      ["Shape", "slots"],
      ["Circle", "slots"],
      ["Particle", "slots"],
    ]);
  });
});
