import { slots } from "ts-slots";
import { slots as sealed } from "./reexport";
import type { Meters } from "./units";

/** Needs type information twice: the decorator comes through ./reexport, the field's type from ./units. */
@sealed
export class Track {
  distance!: Meters;
  laps!: number;
}

/** `@slots` itself, but a field typed in another module: only the type checker knows its placeholder is 0. */
@slots
export class Leg {
  distance!: Meters;
  laps!: number;
}
