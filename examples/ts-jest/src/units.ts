/** A type from another module: only a compilation with type information knows it is a number. */
export type Meters = number;
