// polymorphic: order lines whose optional fields are set only when the source data has them, so plain
// instances take up to 32 shapes; a hot loop totals them.
import { slots } from "ts-slots";

@slots
export class OrderLine {
  sku: number;
  quantity: number;
  priceCents?: number;
  discountCents?: number;
  taxCents?: number;
  giftWrap?: boolean;
  note?: string;
  constructor(sku: number, quantity: number) {
    this.sku = sku;
    this.quantity = quantity;
  }
}

export interface Input {
  notes: string[];
}

export function prepare(_n: number): Input {
  return { notes: ["fragile", "leave at door", "gift", "call first"] };
}

/** Each line carries the optional fields its (pseudo-random) source record has: 2^5 combinations. */
export function build(input: Input, out: OrderLine[]): void {
  let seed = 12345;
  for (let i = 0; i < out.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const bits = seed >>> 27;
    const line = new OrderLine(i, 1 + (i & 3));
    if (bits & 1) line.priceCents = 100 + (i & 1023);
    if (bits & 2) line.discountCents = i & 63;
    if (bits & 4) line.taxCents = (i & 255) + 1;
    if (bits & 8) line.giftWrap = true;
    if (bits & 16) line.note = input.notes[i & 3];
    out[i] = line;
  }
}

export function read(lines: OrderLine[]): number {
  let total = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const price = l.priceCents !== undefined ? l.priceCents : 0;
    const discount = l.discountCents !== undefined ? l.discountCents : 0;
    const tax = l.taxCents !== undefined ? l.taxCents : 0;
    total += (price - discount + tax) * l.quantity + (l.giftWrap ? 250 : 0) + (l.note !== undefined ? 1 : 0);
  }
  return total;
}

export function fieldCount(_o: OrderLine): number {
  return 7;
}
