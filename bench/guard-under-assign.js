// Why seal mode "guard" falls back to Object.seal under useDefineForClassFields: false (assign semantics): there the
// slots are created by `this.x = ...` in the constructor, and with a guard proxy at the top of the prototype chain
// each of those first stores reaches the proxy's set trap, which must then create the slot itself. Hand-written
// classes (4 slots), CPU ns per `new`, median of 9 rounds of 1,000,000: plain, Object.seal, and such a guard.
// Run: for k in plain seal guard; do node bench/guard-under-assign.js $k; done   (any node binary)
"use strict";
const slotsOf = new WeakMap();
const guard = new Proxy(Object.create(Object.prototype), {
  set(target, key, value, receiver) {
    const keys = slotsOf.get(Object.getPrototypeOf(receiver));
    if (keys && keys.has(key)) return Reflect.defineProperty(receiver, key, { value, writable: true, enumerable: true, configurable: true });
    throw new TypeError(`Cannot add property ${String(key)}, object is not extensible`);
  },
});
function make(kind) {
  class P {
    constructor(a, b) { this.x = a; this.y = b; this.z = 0; this.w = 0; if (kind === "seal") Object.seal(this); }
  }
  if (kind === "guard") { Object.setPrototypeOf(P.prototype, guard); slotsOf.set(P.prototype, new Set(["x", "y", "z", "w"])); }
  return P;
}
const N = 1_000_000;
function time(P) {
  const reps = [];
  for (let r = 0; r < 9; r++) {
    const t = process.cpuUsage(); let o;
    for (let i = 0; i < N; i++) o = new P(i, 1.5);
    globalThis.sink = o; const u = process.cpuUsage(t); reps.push((u.user + u.system) * 1000 / N);
  }
  reps.sort((a, b) => a - b); return reps[4];
}
const kind = process.argv[2];
const P = make(kind);
const ns = time(P);
const o = new P(1, 2);
let threw = false; try { o.extra = 1; } catch { threw = true; }
console.log(JSON.stringify({ node: process.version, kind, nsPerNew: +ns.toFixed(1), addThrows: threw, keys: Object.keys(o).join() }));
