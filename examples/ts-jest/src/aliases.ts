// The other spellings of the decorator that transpile-only still recognises: an alias and a namespace import.
import { slots as shaped } from "ts-slots";
import * as TS from "ts-slots";

@shaped
export class Cell {
  value!: number;
}

@TS.slots
export class Flag {
  on!: boolean;
}
