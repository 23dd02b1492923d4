// Types of the recording helpers every generated program uses. Their implementation (helpers-runtime.js) is
// installed as globals in the context each program runs in; see prelude.js for the record formats.
declare const console: { log(...args: unknown[]): void };
interface Box {
  v: number;
}
declare enum Color {
  Red = 1,
  Green = 2,
}
/** Deterministic condition: true on every third call, the same sequence in both builds. */
declare function __coin(): boolean;
/** An identity decorator usable as a class, method, field and accessor decorator in both decorator flavours. */
declare function mark(...args: any[]): void;
/** Makes every definitely-assigned claim of the program void (minimised programs, where they may be stale). */
declare function __ignoreDefinitelyAssigned(): void;
declare function __val(tag: string, value: unknown): void;
declare function __fld(tag: string, cls: string, field: string, value: unknown, definitelyAssigned: boolean): void;
declare function __snap(tag: string, object: object, definitelyAssigned: string[], running: string): void;
declare function __try(tag: string, body: () => unknown): void;
declare function __mut(tag: string, object: object, key: string): void;
declare function __print(schema: unknown): void;
/** Names a class for the records (the schema's name), whatever name it has at run time. */
declare function __register(cls: Function, name: string): void;
