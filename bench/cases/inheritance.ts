// inheritance: a three-level entity chain (Entity -> Component -> Sprite) with fields declared at each level.
import { slots } from "ts-slots";

@slots
export class Entity {
  id: number;
  version: number;
  constructor(id: number) {
    this.id = id;
    this.version = 1;
  }
}

@slots
export class Component extends Entity {
  name: string;
  enabled: boolean;
  constructor(id: number, name: string) {
    super(id);
    this.name = name;
    this.enabled = true;
  }
}

@slots
export class Sprite extends Component {
  x: number;
  y: number;
  layer: number;
  constructor(id: number, name: string, x: number, y: number, layer: number) {
    super(id, name);
    this.x = x;
    this.y = y;
    this.layer = layer;
  }
}

export interface Input {
  names: string[];
}

export function prepare(_n: number): Input {
  return { names: ["player", "enemy", "tree", "rock", "coin", "door", "key", "chest"] };
}

export function build(input: Input, out: Sprite[]): void {
  const names = input.names;
  for (let i = 0; i < out.length; i++) {
    out[i] = new Sprite(i, names[i & 7], i & 1023, (i >> 10) & 1023, i & 3);
  }
}

export function read(sprites: Sprite[]): number {
  let sum = 0;
  for (let i = 0; i < sprites.length; i++) {
    const s = sprites[i];
    if (s.enabled) sum += s.id + s.version + s.x + s.y + s.layer;
  }
  return sum;
}

export function fieldCount(_o: Sprite): number {
  return 7;
}
