import { slots } from "ts-slots";

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
  constructor(x: number, y: number, public id: number) {
    super(x, y);
  }
}

/** A plain subclass of a @slots class is not sealed, with or without the transformer. */
export class Tagged extends Vec {
  tag = "t";
}
