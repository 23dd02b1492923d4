// small-map: small-container creation, the pattern of a collections library's "new map + two inserts": a tiny
// insertion-ordered map keeps its first entries in fields before it needs arrays (as many libraries' small maps do).
import { slots } from "ts-slots";

@slots
export class SmallMap {
  size: number;
  key0: string | undefined;
  value0: number;
  key1: string | undefined;
  value1: number;
  rest: Map<string, number> | undefined;
  constructor() {
    this.size = 0;
    this.key0 = undefined;
    this.value0 = 0;
    this.key1 = undefined;
    this.value1 = 0;
    this.rest = undefined;
  }
  set(key: string, value: number): this {
    if (this.key0 === key || this.size === 0) {
      if (this.size === 0) this.size = 1;
      this.key0 = key;
      this.value0 = value;
    } else if (this.key1 === key || this.size === 1) {
      if (this.size === 1) this.size = 2;
      this.key1 = key;
      this.value1 = value;
    } else {
      const rest = (this.rest ??= new Map());
      if (!rest.has(key)) this.size++;
      rest.set(key, value);
    }
    return this;
  }
  get(key: string): number | undefined {
    if (this.key0 === key) return this.value0;
    if (this.key1 === key) return this.value1;
    return this.rest?.get(key);
  }
}

export interface Input {
  keys: string[];
}

export function prepare(_n: number): Input {
  const keys: string[] = [];
  for (let i = 0; i < 64; i++) keys.push("k" + i);
  return { keys };
}

/** A fresh map with two entries per slot of `out`: what a record-per-row loader or a router's params do. */
export function build(input: Input, out: SmallMap[]): void {
  const keys = input.keys;
  for (let i = 0; i < out.length; i++) out[i] = new SmallMap().set(keys[i & 63], i).set(keys[(i + 1) & 63], i + 1);
}

export function read(maps: SmallMap[]): number {
  let s = 0;
  for (let i = 0; i < maps.length; i++) {
    const m = maps[i];
    s += (m.get(m.key1 as string) ?? 0) - (m.get(m.key0 as string) ?? 0);
  }
  return s;
}

export function fieldCount(_o: SmallMap): number {
  return 6;
}
