// @ts-check
// Runs inside a child `node --allow-natives-syntax` on one compiled fixture and prints, as JSON, what its instances
// are: sealed or not, what adding and deleting does, whether they share one hidden class, and the fixture's own
// description (compared between the plugin-on and plugin-off builds). `--each` probes several files in one process.
"use strict";
const path = require("path");
const { pathToFileURL } = require("url");

const haveSameMap = new Function("a", "b", "return %HaveSameMap(a, b)");
// A field's representation change (Smi to double) deprecates the old map; V8 moves objects off it lazily, on their
// next access. Migrating first compares shapes, not that transient state.
const migrate = new Function("o", "%TryMigrateInstance(o)");

function outcome(action) {
  try {
    action();
    return "ok";
  } catch (error) {
    return error && error.constructor ? error.constructor.name : String(error);
  }
}

function allSameMap(objects) {
  objects.forEach(migrate);
  return objects.every((object) => haveSameMap(objects[0], object));
}

function probeGroup(group) {
  const instances = group.make();
  const result = {
    name: group.name,
    expectSealed: group.sealed,
    expectKeys: group.keys,
    count: instances.length,
    sealed: instances.map((o) => Object.isSealed(o)),
    keys: instances.map((o) => Object.keys(o)),
    sameMap: allSameMap(instances),
    add: group.make().map((o) => outcome(() => { o.__stray = 1; })),
  };
  if (group.slot) {
    result.delete = group.make().map((o) => outcome(() => { delete o[group.slot]; }));
  }
  if (group.numeric) {
    // Doubles written into every instance, then fresh instances: all must still share one map.
    const written = group.make();
    for (const o of written) for (const field of group.numeric) o[field] = o[field] + 0.25;
    const fresh = group.make();
    result.numericSameMap = allSameMap([...written, ...fresh]);
    result.numericValues = written.map((o) => group.numeric.map((field) => o[field]));
  }
  return result;
}

async function probeFile(file, esm) {
  const mod = esm ? await import(pathToFileURL(file).href) : require(file);
  return { groups: mod.groups.map(probeGroup), describe: mod.describe ? mod.describe() : null };
}

/** `probe.js --each <esm|cjs> <file>...`: many fixtures in one process (one start-up), a report or an error per file. */
async function probeEach(files, esm) {
  const reports = {};
  for (const file of files) {
    try {
      reports[file] = await probeFile(path.resolve(file), esm);
    } catch (error) {
      reports[file] = { error: `${error && error.stack ? error.stack : error}` };
    }
  }
  return reports;
}

async function main() {
  const [first, ...rest] = process.argv.slice(2);
  const report = first === "--each" ? await probeEach(rest.slice(1), rest[0] === "esm") : await probeFile(path.resolve(first), rest[0] === "esm");
  process.stdout.write(JSON.stringify(report));
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
