// Prints what the @slots classes became, one fact a line, and exits 1 if any fact is not what ts-slots promises.
import { createRequire } from "module";
import * as path from "path";
import { fileURLToPath } from "url";
import { Particle, Vec } from "./shapes";

const sameMap = new Function("a", "b", "return %HaveSameMap(a, b)") as (a: object, b: object) => boolean;
const migrate = new Function("o", "%TryMigrateInstance(o)") as (o: object) => void;
const oneHiddenClass = (...objects: object[]) => (objects.forEach(migrate), objects.every((o) => sameMap(objects[0], o)));
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
/** Where a thrown error points, through the source map (`node --enable-source-maps`): `file:line:column`. */
const thrownAt = (action: () => void) => {
  try {
    action();
  } catch (error) {
    const frame = /\((.*):(\d+):(\d+)\)/.exec(String((error as Error).stack).split("\n")[1]);
    if (!frame) return "no frame";
    const file = frame[1].startsWith("file:") ? fileURLToPath(frame[1]) : frame[1];
    return `${path.relative(process.cwd(), file)}:${frame[2]}:${frame[3]}`;
  }
  return "nothing thrown";
};
/** Node's module cache, whether this program is CommonJS or an ES module, bundled or not. */
const requireFromHere = createRequire(path.join(process.cwd(), "package.json"));

const a = new Vec(1, 2);
const b = new Vec(0.5, 1.5);
b.norm(); // a double into the slot that held 0
const p = new Particle(1, 2, 7);
const q = new Particle(2.5, 3, 8);
q.mass = 0.25;

const facts = {
  sealed: [a, b, p, q].every((o) => Object.isSealed(o)),
  // Fresh instances: in an unsealed build the add and the delete succeed, and must not change a, b, p, q.
  addThrows: throwsTypeError(() => addProperty(new Vec(9, 9), "z")),
  deleteThrows: throwsTypeError(() => deleteProperty(new Particle(9, 9, 9), "mass")),
  placeholder: new Vec(3, 4).length, // 0, not undefined
  slots: Object.keys(p),
  sameSlotsEveryInstance: JSON.stringify(Object.keys(p)) === JSON.stringify(Object.keys(q)),
  oneHiddenClass: oneHiddenClass(a, b, new Vec(5, 6)) && oneHiddenClass(p, q, new Particle(0, 0, 1)),
  // The runtime decorator would have replaced Vec with a sealing subclass of it.
  runtimeDecoratorRan: Object.getPrototypeOf(Vec) !== Function.prototype,
  // require.resolve only finds the file; the cache says whether anything loaded it.
  runtimeLoaded: requireFromHere.resolve("ts-slots") in requireFromHere.cache,
  thrownInBase: thrownAt(() => new Vec(Number.NaN, 0)),
  thrownInDerived: thrownAt(() => new Particle(0, 0, -1)),
};
// `vite build` is a production build (NODE_ENV=production): the default seal mode, "development", does not seal there.
// The slots, their order and their placeholders are the same; only the seal is left out.
const expected: Partial<typeof facts> = {
  sealed: false,
  addThrows: false,
  deleteThrows: false,
  placeholder: 0,
  sameSlotsEveryInstance: true,
  oneHiddenClass: true,
  runtimeDecoratorRan: false,
  runtimeLoaded: false,
};

let failed = false;
for (const [fact, value] of Object.entries(facts)) {
  const want = expected[fact as keyof typeof facts];
  const ok = want === undefined || want === value;
  failed ||= !ok;
  console.log(`${ok ? "ok  " : "FAIL"} ${fact}: ${JSON.stringify(value)}${ok ? "" : ` (expected ${JSON.stringify(want)})`}`);
}
console.log(JSON.stringify(facts));
process.exitCode = failed ? 1 : 0;
