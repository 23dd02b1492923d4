// vec2: the pattern of a 2D physics engine's vector class. Vectors are immutable values: every operation makes a
// new one, so a world step is allocation-heavy (`update`: two `new Vec2` per body per step). Positions start on an
// integer grid; gravity (a module constant) holds a fraction, as real engines' constants do.
import { slots } from "ts-slots";

@slots
export class Vec2 {
  x: number;
  y: number;
  constructor(x: number, y: number) {
    this.x = x;
    this.y = y;
  }
  add(other: Vec2): Vec2 {
    return new Vec2(this.x + other.x, this.y + other.y);
  }
  scale(k: number): Vec2 {
    return new Vec2(this.x * k, this.y * k);
  }
  dot(other: Vec2): number {
    return this.x * other.x + this.y * other.y;
  }
}

/** One fraction stored in a Vec2 field anywhere in the program: V8 then keeps the zero-started fields as doubles. */
const GRAVITY = new Vec2(0, -9.81);
const DT = 1 / 60;

export interface Input {
  width: number;
}

export function prepare(_n: number): Input {
  return { width: 640 };
}

/** Bodies placed on a pixel grid: integer coordinates, as a level loader or a tile map gives them. */
export function build(input: Input, out: Vec2[]): void {
  for (let i = 0; i < out.length; i++) out[i] = new Vec2(i % input.width, (i / input.width) | 0);
}

export function read(ps: Vec2[]): number {
  let s = 0;
  for (let i = 0; i < ps.length; i++) s += ps[i].dot(GRAVITY);
  return s;
}

/** One step: each body falls by gravity * dt, through two fresh vectors (the engine's `pos = pos.add(g.scale(dt))`). */
export function update(ps: Vec2[]): number {
  for (let i = 0; i < ps.length; i++) ps[i] = ps[i].add(GRAVITY.scale(DT));
  return ps.length > 0 ? ps[0].y : 0;
}

export function fieldCount(_o: Vec2): number {
  return 2;
}
