import { slots } from "ts-slots";

@slots
export class Vec {
  x: number;
  y: number;
  /** Computed on demand: the transformer gives it the placeholder 0 so that it exists from construction on. */
  length!: number;
  label?: string;

  constructor(x: number, y: number) {
    if (!Number.isFinite(x)) throw new RangeError(`x must be finite, got ${x}`); // thrown-in-base
    this.x = x;
    this.y = y;
  }

  norm(): number {
    this.length = Math.hypot(this.x, this.y);
    return this.length;
  }
}

@slots
export class Particle extends Vec {
  mass = 1;
  alive: boolean;

  constructor(x: number, y: number, public id: number) {
    super(x, y);
    if (id < 0) throw new RangeError(`id must not be negative, got ${id}`); // thrown-in-derived
    this.alive = true;
  }
}
