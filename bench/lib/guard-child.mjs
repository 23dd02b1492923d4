// guard-child: inspects one compiled case from one build in a fresh `node --allow-natives-syntax` and reports
// what it is: sealed or not, whether adding a property throws, own-property counts, distinct maps per class.
// Usage: node --allow-natives-syntax guard-child.mjs '<spec json>'   spec: { module, n }
import { createRequire } from "node:module";

const spec = JSON.parse(process.argv[2]);
const require = createRequire(import.meta.url);
const mod = require(spec.module);
const haveSameMap = new Function("a", "b", "return %HaveSameMap(a, b);");
const migrate = new Function("o", "return %TryMigrateInstance(o);");

const out = [];
for (let i = 0; i < spec.n; i++) out.push(null);
mod.build(mod.prepare(spec.n), out);
for (const o of out) migrate(o);

let sealed = 0;
let ownMatchesFields = 0;
const byClass = new Map();
for (const o of out) {
  if (Object.isSealed(o)) sealed++;
  if (Object.getOwnPropertyNames(o).length === mod.fieldCount(o)) ownMatchesFields++;
  const name = o.constructor.name;
  let maps = byClass.get(name);
  if (!maps) byClass.set(name, (maps = []));
  if (!maps.some((m) => haveSameMap(m, o))) maps.push(o);
}

// Adding an undeclared property: must throw (strict-mode module code) on a sealed instance.
const probe = (o) => {
  try {
    o.__tsSlotsGuardProbe = 1;
  } catch (e) {
    return { threw: true, error: String(e && e.message) };
  }
  return { threw: false, added: Object.prototype.hasOwnProperty.call(o, "__tsSlotsGuardProbe") };
};
const probes = [out[0], out[out.length >> 1], out[out.length - 1]].map(probe);

const report = {
  n: out.length,
  // The run-time fallback decorator (dist/runtime) also seals: if it was loaded, the plugin did not compile it away.
  runtimeLoaded: Object.keys(require.cache).some((k) => /[\\/]dist[\\/]runtime[\\/]/.test(k)),
  sealed,
  ownMatchesFields,
  addThrows: probes.filter((p) => p.threw).length,
  probes: probes.length,
  probeError: probes.find((p) => p.threw)?.error ?? null,
  mapsPerClass: Object.fromEntries([...byClass].map(([k, v]) => [k, v.length])),
};
process.stdout.write(JSON.stringify(report) + "\n");
