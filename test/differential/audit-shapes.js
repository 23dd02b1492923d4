// Shapes the audit round trip adds to a generated program (test/differential/generator.js makes the program; this
// module only appends), each a way an instance reaches code that may add a property to it, which the audit must
// see: as its base class into `any`, into a generic `T extends object`, into `{}` with `Reflect.set`, into a container
// of `object`, into a local typed `any` that adds one, into a callback typed `any`, through a conditional, into a
// function read from a private table (a caller's callback typed `any`; a method stored by reference and overridden
// with a parameter typed `any`), a descriptor's value typed `any`, a push on an untyped local holding `any[]`, the
// `this` of a function that declares none (`f.call(x)`, `Reflect.apply(f, x, [])`), an argument after a `this`
// parameter; and three it must not charge, an evolving local, a local typed `any` that only reads, a table of
// functions typed as the class. The normal build records each result; a sealed instance throws (or `Reflect.set`
// returns false), so an audit that calls such a class safe fails the trip.
"use strict";

const schemaLine = /^const __schema = (.*);$/m;

/** The program's instances (`const iN = new CX(`) with their classes, in order. */
function instancesOf(text) {
  return [...text.matchAll(/^const (i\d+) = new (C\d+)\(/gm)].map((match) => ({ name: match[1], cls: match[2] }));
}

/** One snippet per shape; `base` is the instance's base class name when it has one. */
const shapes = {
  baseEscape: ({ name, base }) =>
    base &&
    `{ const __asBase: InstanceType<typeof ${base}> = ${name}; const __ser = (v: any) => { v.__sid = 1; return v.__sid; }; __try("shape.base-escape", () => __ser(__asBase)); }`,
  genericEscape: ({ name }) =>
    `{ const __ext = <T extends object>(o: T) => Object.assign(o, { __g: 1 }); __try("shape.generic-escape", () => (__ext(${name}) as any).__g); }`,
  emptyReflect: ({ name }) => `{ const __put = (o: {}) => Reflect.set(o, "__r", 1); __try("shape.reflect-set", () => __put(${name})); }`,
  container: ({ name }) =>
    `{ const __bag = new Map<string, object>(); __bag.set("k", ${name}); __try("shape.container", () => { for (const v of __bag.values()) Object.defineProperty(v, "__d", { value: 1, enumerable: true }); return __bag.size; }); }`,
  evolvingLocal: ({ name }) => `{ let __cur; __cur = ${name}; __try("shape.evolving-local", () => typeof __cur); }`,
  // A local typed `any` whose uses are all in sight: one only reads it (no charge), one adds a property (a charge).
  anyLocalRead: ({ name }) => `{ let __seen: any; __seen = ${name}; __try("shape.any-local-read", () => typeof __seen.constructor); }`,
  anyLocalWrite: ({ name }) => `{ let __o: any; __o = ${name}; __try("shape.any-local-write", () => { __o.__w = 1; return __o.__w; }); }`,
  // A callback typed `any` where the signature passes the instance (`forEach` on its array).
  callbackAny: ({ name }) => `{ const __each = [${name}]; __try("shape.callback-any", () => { __each.forEach((v: any) => { v.__cb = 1; }); return __each.length; }); }`,
  // A value chosen by a conditional goes where the whole expression goes.
  chosen: ({ name }) => `{ const __pick: any = "".length > 2 ? null : ${name}; __try("shape.chosen", () => { __pick.__c = 1; return __pick.__c; }); }`,
  // A function read from a private table (liquidjs's ParseStream): a caller's callback typed `any` that adds a
  // property is a charge; one typed as the class is none.
  storedAny: ({ name, cls }) =>
    `{ class __Hub { private table: Record<string, (arg: any) => void> = {}; on<T2 extends InstanceType<typeof ${cls}>>(n: string, cb: (arg: T2) => void): __Hub { this.table[n] = cb; return this; } fire(n: string, arg: InstanceType<typeof ${cls}>): void { this.table[n]?.(arg); } }
__try("shape.stored-any", () => { new __Hub().on("x", (v: any) => { v.__st = 1; }).fire("x", ${name}); return 1; }); }`,
  storedTyped: ({ name, cls }) =>
    `{ class __Tap { private taps: ((arg: any) => void)[] = []; add(cb: (arg: InstanceType<typeof ${cls}>) => void): void { this.taps.push(cb); } run(arg: InstanceType<typeof ${cls}>): number { for (const t of this.taps) t(arg); return this.taps.length; } }
const __tap = new __Tap(); __tap.add((v) => { void v; }); __try("shape.stored-typed", () => __tap.run(${name})); }`,
  // A descriptor's value lands in the target's property: typed `any` there, code may add to it.
  definedAny: ({ name }) =>
    `{ const __h = { slot: null as any }; Object.defineProperty(__h, "slot", { value: ${name} }); __try("shape.defined-any", () => { __h.slot.__dv = 1; return 1; }); }`,
  // A push on a local declared without a type that holds an `any[]`.
  untypedPush: ({ name }) =>
    `{ let __p; const __arr: any[] = []; __p = __arr; __try("shape.untyped-push", () => { __p.push(${name}); __arr[0].__up = 1; return 1; }); }`,
  // A method stored by reference, which a subclass overrides with a parameter typed `any`.
  storedOverride: ({ name, cls }) =>
    `{ class __Route { private route: (arg: any) => void = () => undefined; constructor() { this.route = this.handle; } handle(o: InstanceType<typeof ${cls}>): void { void o; } send(o: InstanceType<typeof ${cls}>): void { this.route(o); } }
class __Loose extends __Route { handle(o: any): void { o.__ov = 1; } }
__try("shape.stored-override", () => { new __Loose().send(${name}); return 1; }); }`,
  // `f.call(x)` with a function that declares no `this`, and an argument after a method's `this` parameter.
  thisArgAny: ({ name }) =>
    `{ const __lend = (f: () => void) => f.call(${name}); __try("shape.this-arg-any", () => { __lend(function (this: any) { this.__ta = 1; }); return 1; }); }`,
  reflectApply: ({ name }) =>
    `{ const __f: () => void = function (this: any) { this.__ra = 1; }; __try("shape.reflect-apply", () => { Reflect.apply(__f, ${name}, []); return 1; }); }`,
  afterThisParam: ({ name }) =>
    `{ class __Mark { mark(this: __Mark, o: any): number { o.__tp = 1; return o.__tp; } } __try("shape.after-this-param", () => new __Mark().mark(${name})); }`,
};
const shapeNames = Object.keys(shapes);

/**
 * The program with one shape (chosen by the seed; every sixth program keeps its text) applied to one of its
 * instances, before its last line. Programs without instances are left as they are.
 */
function withAuditShape(text, seed) {
  const instances = instancesOf(text);
  const schema = schemaLine.exec(text);
  const pick = seed % (shapeNames.length + 1);
  if (!instances.length || !schema || pick === shapeNames.length) return text;
  const classes = JSON.parse(schema[1]).classes;
  const instance = instances[Math.floor(seed / (shapeNames.length + 1)) % instances.length];
  // Prefer an instance whose class has a base for the base-typed escape.
  const chosen = shapeNames[pick] === "baseEscape" ? instances.find((i) => classes[i.cls]?.base) ?? instance : instance;
  const snippet = shapes[shapeNames[pick]]({ name: chosen.name, cls: chosen.cls, base: classes[chosen.cls]?.base ?? null });
  if (!snippet) return text;
  return text.replace(/^__print\(__schema\);$/m, () => `${snippet}\n__print(__schema);`);
}

module.exports = { withAuditShape, shapeNames };
