import { slots } from "ts-slots";

type Count = number;

@slots
export class Vec {
  x: number;
  y: number;
  length!: number;
  label?: string;
  constructor(x: number, y: number) {
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
  hits!: Count;
  constructor(x: number, y: number, public id: number) {
    super(x, y);
  }
}
