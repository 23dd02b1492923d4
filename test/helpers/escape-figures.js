// @ts-check
// How many classes the escape check (TSS1014, transformer/core/checks/escapes.ts) moves from "safe" to "needs-review":
// each project audited twice through the built audit (dist/cli), with and without the review checks.
//   node test/helpers/escape-figures.js            fixtures/cli/*, fixtures/core (one project) and a generated 500-class project
// Prints one row per project: classes, safe without escapes, safe with, moved (safe -> needs-review).
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { generateAuditProject } = require("./audit-project");

const ROOT = path.resolve(__dirname, "..", "..");
const { audit } = require(path.join(ROOT, "dist", "cli", "audit.js"));
const { loadProject } = require(path.join(ROOT, "dist", "cli", "project.js"));

function figures(name, dir) {
  const statusOf = (review) => {
    const { result } = audit(loadProject(dir, dir), { cwd: dir, review });
    return new Map(result.classes.map((c) => [`${c.file}:${c.line}:${c.name}`, c.status]));
  };
  const without = statusOf(false);
  const withEscapes = statusOf(true);
  const safe = (statuses) => [...statuses.values()].filter((s) => s === "safe").length;
  const moved = [...without].filter(([key, s]) => s === "safe" && withEscapes.get(key) === "needs-review").map(([key]) => key);
  return { name, classes: without.size, safeWithout: safe(without), safeWith: safe(withEscapes), moved: moved.length, which: moved };
}

const temps = [];
process.on("exit", () => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function copy(from) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts-slots-figures-"));
  temps.push(dir);
  fs.cpSync(from, dir, { recursive: true });
  fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  fs.symlinkSync(ROOT, path.join(dir, "node_modules", "ts-slots"), "dir");
  return dir;
}

function main() {
  const rows = [];
  const cliFixtures = path.join(ROOT, "fixtures", "cli");
  for (const name of fs.readdirSync(cliFixtures).sort()) {
    if (name === "broken") continue;
    rows.push(figures(`fixtures/cli/${name}`, copy(path.join(cliFixtures, name))));
  }
  // fixtures/core: one file per feature, compiled together as one project.
  const core = copy(path.join(ROOT, "fixtures", "core"));
  fs.writeFileSync(
    path.join(core, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", module: "commonjs", strict: true, types: [], noEmit: true }, include: ["*.ts"] }),
  );
  rows.push(figures("fixtures/core", core));
  const generated = fs.mkdtempSync(path.join(os.tmpdir(), "ts-slots-figures-gen-"));
  temps.push(generated);
  generateAuditProject(generated, { classes: 500, seed: 1 });
  rows.push(figures("generated 500 classes (seed 1)", generated));
  for (const r of rows) {
    console.log(`${r.name.padEnd(34)} classes ${String(r.classes).padStart(4)}  safe without escapes ${String(r.safeWithout).padStart(4)}  with ${String(r.safeWith).padStart(4)}  moved to needs-review ${String(r.moved).padStart(3)}`);
    if (r.moved && r.moved <= 10) console.log(`  ${r.which.join("\n  ")}`);
  }
}

main();
