import { slots } from "ts-slots";

@slots
export class Particle {
  x: number;
  y: number;
  label: string;
  tags: string[];
  constructor(public id: number) {}
}
