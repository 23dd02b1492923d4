// A @slots class of this project extending one of the referenced project: prints the facts as JSON.
import { slots } from "ts-slots";
import { Vec } from "../../core/dist/vec";

@slots
export class Particle extends Vec {
  mass!: number;
  constructor(x: number, y: number, public id: number) {
    super(x, y);
  }
}

const sameMap = new Function("a", "b", "return %HaveSameMap(a, b)") as (a: object, b: object) => boolean;
const migrate = new Function("o", "%TryMigrateInstance(o)") as (o: object) => void;
const particles = [new Particle(1, 2, 3), new Particle(0.5, 1.5, 4)];
particles[1].mass = 2.5;
particles.forEach(migrate);

/** What code outside the type system (a library given any object) may try: the seal makes it throw. */
const addProperty = (target: object, key: string) => ((target as Record<string, unknown>)[key] = 1);
let addThrows = false;
try {
  addProperty(particles[0], "z");
} catch (error) {
  addThrows = error instanceof TypeError;
}

console.log(
  JSON.stringify({
    vecKeys: Object.keys(new Vec(1, 2)),
    vecSealed: Object.isSealed(new Vec(1, 2)),
    particleKeys: Object.keys(particles[0]),
    particleSealed: particles.every((p) => Object.isSealed(p)),
    mass: new Particle(0, 0, 0).mass,
    addThrows,
    oneHiddenClass: sameMap(particles[0], particles[1]),
  }),
);
