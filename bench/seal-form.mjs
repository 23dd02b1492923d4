// The seal's form (transformer/core/plan.ts, SealPlan): `Object.getPrototypeOf(new.target) === <parent>` against the
// former `new.target === C`, per construction, base and derived classes, native fields. Rounds interleave the forms
// so that load changes hit both; the figure is the median ns per `new`, with the load average printed beside it.
// Run: node bench/seal-form.mjs [rounds]
import os from "node:os";

class Base0 { constructor(n) { this.n = n; } }
class ByName { x = 0; y = 0; z = 0; constructor(x, y, z) { this.x = x; this.y = y; this.z = z; if (new.target === ByName) Object.seal(this); } }
class ByParent { x = 0; y = 0; z = 0; constructor(x, y, z) { this.x = x; this.y = y; this.z = z; if (Object.getPrototypeOf(new.target) === Function.prototype) Object.seal(this); } }
class DerivedByName extends Base0 { x = 0; y = 0; constructor(x, y) { super(1); this.x = x; this.y = y; if (new.target === DerivedByName) Object.seal(this); } }
class DerivedByParent extends Base0 { x = 0; y = 0; constructor(x, y) { super(1); this.x = x; this.y = y; if (Object.getPrototypeOf(new.target) === super.constructor) Object.seal(this); } }

const N = 2e6;
function construct(C) {
  let sum = 0;
  for (let i = 0; i < N; i++) sum += new C(i, 1.5, 2).x;
  return sum;
}
const forms = [ByName, ByParent, DerivedByName, DerivedByParent];
const times = new Map(forms.map((C) => [C, []]));
const rounds = Number(process.argv[2] ?? 9);
for (let round = 0; round < rounds; round++) {
  for (const C of forms) {
    const start = process.hrtime.bigint();
    construct(C);
    times.get(C).push(Number(process.hrtime.bigint() - start) / N);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
for (const C of forms) if (!Object.isSealed(new C(1, 2, 3))) throw new Error(`${C.name} does not seal`);
console.log(`load average ${os.loadavg().map((value) => value.toFixed(1)).join(" ")}; ${rounds} rounds of ${N} constructions`);
for (const [name, parent] of [["base", [ByName, ByParent]], ["derived", [DerivedByName, DerivedByParent]]]) {
  const [byName, byParent] = parent.map((C) => median(times.get(C)));
  console.log(`${name}: by name ${byName.toFixed(1)} ns/new, by parent ${byParent.toFixed(1)} ns/new, ratio ${(byParent / byName).toFixed(2)}`);
}
