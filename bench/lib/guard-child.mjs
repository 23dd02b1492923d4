// guard-child: inspects one compiled case from one build in a fresh `node --allow-natives-syntax` and reports what
// it does, by running it: whether the run-time @slots decorator ran, sealed or not, whether adding a property
// throws, own-property counts, distinct maps per class, and a behaviour fingerprint (what the constructors store
// before a field exists, and what every instance owns after build()) that the parent compares across builds.
// Usage: node --allow-natives-syntax guard-child.mjs '<spec json>'   spec: { module, n }   (CommonJS or ESM)
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const spec = JSON.parse(process.argv[2]);
const require = createRequire(spec.module);

// The run-time fallback decorator, loaded first and wrapped, so that every call of it is counted, whether the case
// reaches it by require() or by import (an ES module importing CommonJS gets the exports of the cached module).
let decoratorCalls = 0;
let runtimeResolved = null;
try {
  runtimeResolved = require.resolve("ts-slots");
  const runtime = require(runtimeResolved);
  const original = runtime.slots;
  runtime.slots = function countedSlots(...args) {
    decoratorCalls++;
    return original.apply(this, args);
  };
} catch {
  // No ts-slots next to the build: nothing can decorate at run time.
}

const mod = /\.mjs$/.test(spec.module) ? await import(pathToFileURL(spec.module).href) : require(spec.module);
const haveSameMap = new Function("a", "b", "return %HaveSameMap(a, b);");
const migrate = new Function("o", "return %TryMigrateInstance(o);");

const nulls = (size) => {
  const a = [];
  for (let i = 0; i < size; i++) a.push(null);
  return a;
};

const out = nulls(spec.n);
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

// Adding an undeclared property: must throw (strict-mode module code) where the seal mode rejects additions.
const probe = (o) => {
  try {
    o.__tsSlotsGuardProbe = 1;
  } catch (e) {
    return { threw: true, typeError: e instanceof TypeError, error: String(e && e.message) };
  }
  return { threw: false, added: Object.prototype.hasOwnProperty.call(o, "__tsSlotsGuardProbe") };
};
const probes = [out[0], out[out.length >> 1], out[out.length - 1]].map(probe);

/** A value's kind in a fingerprint: its type, and for the type's zero value which one. */
const kind = (v) => (v === 0 || v === "" || v === false || v === null ? `${typeof v}:zero` : v === undefined ? "undefined" : typeof v);

/**
 * The behaviour fingerprint of a few fresh instances: every store that reaches the prototype chain because the
 * property does not exist yet (key and kind, in order: assignments in constructors and later code; definitions of
 * class fields never reach it), what each instance owns when build() stores it, and what it owns after build()
 * (keys in order, kinds of values). A recorder
 * is put on top of each class's prototype chain, just below Object.prototype, after the checks above.
 */
function fingerprint(count) {
  const trace = [];
  const recorder = new Proxy(Object.create(Object.prototype), {
    set(_target, key, value, receiver) {
      trace.push(`${String(key)}=${kind(value)}`);
      return Reflect.defineProperty(receiver, key, { value, writable: true, enumerable: true, configurable: true });
    },
  });
  for (const o of out.slice(0, Math.min(out.length, 64))) {
    let top = Object.getPrototypeOf(o);
    while (top && Object.getPrototypeOf(top) !== Object.prototype && Object.getPrototypeOf(top) !== recorder) top = Object.getPrototypeOf(top);
    if (top && Object.getPrototypeOf(top) === Object.prototype) Object.setPrototypeOf(top, recorder);
  }
  const snapshot = (o) => `${o.constructor.name}{${Object.keys(o).map((k) => `${k}:${kind(o[k])}`).join(",")}}`;
  // build() hands each new instance to `out` right after constructing it: a proxy over the array sees it then,
  // before later code fills late fields in, so initial values show even where no store reaches the prototype.
  const fresh = nulls(count);
  const stored = [];
  const watched = new Proxy(fresh, {
    set(target, key, value) {
      if (value !== null && typeof value === "object") stored.push(snapshot(value));
      target[key] = value;
      return true;
    },
  });
  mod.build(mod.prepare(count), watched);
  return { trace, stored, owned: fresh.map(snapshot) };
}

const report = {
  n: out.length,
  runtimeResolved,
  decoratorCalls,
  sealed,
  ownMatchesFields,
  addThrows: probes.filter((p) => p.threw).length,
  addTypeErrors: probes.filter((p) => p.typeError).length,
  probes: probes.length,
  probeError: probes.find((p) => p.threw)?.error ?? null,
  mapsPerClass: Object.fromEntries([...byClass].map(([k, v]) => [k, v.length])),
  fingerprint: fingerprint(32),
};
process.stdout.write(JSON.stringify(report) + "\n");
