// The runtime fallback: prints what the @slots classes became and exits 1 if a promised fact does not hold.
import { Particle, Tagged, Vec } from "./shapes";

/** What code outside the type system (a library given any object) may try: the seal makes both throw. */
const addProperty = (target: object, key: string) => ((target as Record<string, unknown>)[key] = 1);
const deleteProperty = (target: object, key: string) => delete (target as Record<string, unknown>)[key];
const throwsTypeError = (action: () => void) => {
  try {
    action();
    return false;
  } catch (error) {
    return error instanceof TypeError;
  }
};

const vec = new Vec(1, 2);
const particle = new Particle(1, 2, 3);
const facts = {
  sealed: Object.isSealed(vec) && Object.isSealed(particle),
  addThrows: throwsTypeError(() => addProperty(vec, "z")),
  deleteThrows: throwsTypeError(() => deleteProperty(particle, "mass")),
  plainSubclassSealed: Object.isSealed(new Tagged(0, 0)),
  instanceOf: particle instanceof Vec && particle instanceof Particle,
  className: Vec.name,
  // Only the transformer knows `length` is a number; the fallback leaves it undefined until assigned.
  placeholder: new Vec(3, 4).length,
};
const expected: Partial<typeof facts> = {
  sealed: true,
  addThrows: true,
  deleteThrows: true,
  plainSubclassSealed: false,
  instanceOf: true,
  className: "Vec",
  placeholder: undefined,
};

let failed = false;
for (const [fact, value] of Object.entries(facts)) {
  const want = expected[fact as keyof typeof facts];
  const ok = !(fact in expected) || want === value;
  failed ||= !ok;
  console.log(`${ok ? "ok  " : "FAIL"} ${fact}: ${JSON.stringify(value)}${ok ? "" : ` (expected ${JSON.stringify(want)})`}`);
}
console.log(JSON.stringify(facts));
process.exitCode = failed ? 1 : 0;
