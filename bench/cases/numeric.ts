// numeric: a particle system; number fields hold non-integer values and are updated in a hot loop.
import { slots } from "ts-slots";

@slots
export class Particle {
  x: number;
  y: number;
  vx: number;
  vy: number;
  mass: number;
  constructor(x: number, y: number, vx: number, vy: number, mass: number) {
    this.x = x;
    this.y = y;
    this.vx = vx;
    this.vy = vy;
    this.mass = mass;
  }
}

export interface Input {
  seed: number;
}

export function prepare(_n: number): Input {
  return { seed: 42 };
}

export function build(input: Input, out: Particle[]): void {
  let s = input.seed;
  const rnd = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  for (let i = 0; i < out.length; i++) {
    out[i] = new Particle(rnd() * 100, rnd() * 100, rnd() - 0.5, rnd() - 0.5, 0.5 + rnd());
  }
}

export function read(ps: Particle[]): number {
  let e = 0;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    e += 0.5 * p.mass * (p.vx * p.vx + p.vy * p.vy);
  }
  return e;
}

const DT = 0.016;
const G = -9.81;

/** One Euler step: four double stores per particle. */
export function update(ps: Particle[]): number {
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    p.vy += G * DT;
    p.x += p.vx * DT;
    p.y += p.vy * DT;
    if (p.y < 0) {
      p.y = -p.y;
      p.vy = -p.vy * 0.9;
    }
  }
  return ps.length > 0 ? ps[0].y : 0;
}

export function fieldCount(_o: Particle): number {
  return 5;
}

/** Fields that hold non-Smi numbers: each is a separate 16-byte HeapNumber box in V8 (both builds). */
export const doubleFields = 5;
