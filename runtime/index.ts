// The `slots` decorator users import: its types, and the run-time fallback used when no transformer rewrote the class.
//
// With the ts-slots transformer active this module is never loaded: the transformer removes `@slots` and its import
// and writes the slots and the seal into the class itself. Without it (esbuild, swc, tsx, vitest, TypeScript 7, plain
// tsc) the decorator below still seals instances of exactly the decorated class after construction, for both
// decorator flavours. It cannot pre-define slots: types are erased by then, so it does not know the fields.

// Only for ts-patch, when a tsconfig names the package root as a transformer: one diagnostic naming the fix.
export { tsPatchEntry as default } from "./tsPatchEntry";

/** Any class, abstract or not, with a public constructor. */
export type AnyClass = abstract new (...args: never[]) => object;

/**
 * What `@slots` may decorate: any class, abstract or not, whatever its constructor's visibility. A construct signature
 * type (`AnyClass`) cannot be the constraint: TypeScript refuses to assign a `protected` or `private` constructor to a
 * public one (TS1238/TS1270 on the decorator), so the type asks only for a function with a prototype, and the run-time
 * check below rejects what is no class.
 */
export type SlotsTarget = Function & { readonly prototype: object };

/**
 * How the transformer seals instances of `@slots` classes (the plugin option `seal`):
 * - `"development"` (default): seal as `"always"` unless `NODE_ENV=production` when compiling;
 * - `"always"`: seal after the most-derived `@slots` constructor;
 * - `"never"`: slots and one shape only, no per-instance `Object.seal` cost;
 * - `"guard"`: no per-instance seal; a guard object at the top of the class's prototype chain refuses added
 *   properties with a TypeError (strict and sloppy code), where fields have define semantics. Classes it cannot
 *   guard (assign semantics, a base class that is not `@slots`) seal as `"always"`.
 *
 * The run-time fallback below (no transformer) always seals: a decorator call has no options.
 */
export type SealMode = "always" | "never" | "development" | "guard";

/** The options of the ts-slots plugin entry in `compilerOptions.plugins`. */
export interface SlotsPluginOptions {
  transform: "ts-slots/transformer" | (string & {});
  seal?: SealMode;
}

/**
 * What a standard class decorator receives as its second argument. Written out rather than TypeScript's
 * `ClassDecoratorContext`, which older `lib` files lack, so that these declarations load under any TypeScript and the
 * transformer can report an unsupported version itself.
 */
export interface SlotsDecoratorContext {
  readonly kind: "class";
  readonly name: string | undefined;
}

const sealedBySlots = new WeakSet<object>();

/** The environment variable that silences the fallback's one-time notice (beside NODE_ENV=production or test). */
export const quietVariable = "TS_SLOTS_QUIET";

let fallbackNoticeShown = false;

/** Written as `process.env.NODE_ENV` so that bundlers replace it in a browser build; absent `process`: undefined. */
function nodeEnv(): string | undefined {
  try {
    return process.env.NODE_ENV;
  } catch {
    return undefined;
  }
}

function quiet(): boolean {
  try {
    return (process.env[quietVariable] ?? "") !== "";
  } catch {
    return false;
  }
}

/**
 * Reaching this decorator means no transformer rewrote the class (`npx tsx src/main.ts`, a bundler without the plugin,
 * plain tsc): instances are sealed, but slots get no placeholders and misuse is not checked. Said once per process,
 * in development only: never under NODE_ENV=production (a build on purpose) or test (runners compare output).
 */
function noticeFallback(className: string): void {
  if (fallbackNoticeShown) return;
  fallbackNoticeShown = true;
  const mode = nodeEnv();
  if (mode === "production" || mode === "test" || quiet()) return;
  if (typeof console !== "object" || typeof console.warn !== "function") return;
  console.warn(
    `ts-slots: @slots class ${className || "(anonymous)"} was not rewritten at build time, so the run-time fallback seals its ` +
      `instances but gives slots no placeholders and checks nothing. Run through ts-slots/register (node --import ts-slots/register), ` +
      `a bundler plugin (ts-slots/vite, ...) or ts-patch. Shown once, in development; ${quietVariable}=1 hides it.`,
  );
}

function describe(value: unknown): string {
  return typeof value === "function" ? `function ${value.name || "(anonymous)"}` : typeof value;
}

/**
 * Gives a class Python-`__slots__` semantics: instances are sealed after construction, so adding a property or
 * deleting one throws a `TypeError` in strict code.
 *
 * With the ts-slots transformer (`{ "transform": "ts-slots/transformer" }` in tsconfig `plugins`) the decorator is
 * compiled away: every declared field is created in the constructor with its type's zero value, in one fixed order,
 * and the instance is sealed by the most-derived `@slots` constructor. Without the transformer this function runs
 * and seals instances of exactly this class (not of plain subclasses) after construction.
 *
 * Works as a legacy (`experimentalDecorators`) and as a standard class decorator.
 */
export function slots<C extends SlotsTarget>(target: C, context?: SlotsDecoratorContext): C {
  if (typeof target !== "function") {
    throw new TypeError(`@slots can only decorate a class, not a ${describe(target)}`);
  }
  // Untyped callers (JavaScript, casts) may pass anything: check what a decorator context really is.
  const received: unknown = context;
  if (received !== undefined && (received === null || typeof received !== "object" || !("kind" in received) || received.kind !== "class")) {
    const kind = received !== null && typeof received === "object" && "kind" in received ? String(received.kind) : typeof received;
    throw new TypeError(`@slots can only decorate a class, not a ${kind}`);
  }
  if (sealedBySlots.has(target)) return target;
  noticeFallback(target.name);
  // Replacing the class with a subclass is the only run-time hook that runs after the whole constructor, early
  // returns included. The prototype check leaves alone an object that the constructor returned instead of `this`.
  const Base = target as unknown as new (...args: unknown[]) => object;
  const Sealed = class extends Base {
    constructor(...args: unknown[]) {
      super(...args);
      if (new.target === Sealed && Object.getPrototypeOf(this) === Sealed.prototype) Object.seal(this);
    }
  };
  Object.defineProperty(Sealed, "name", { value: target.name, configurable: true });
  sealedBySlots.add(Sealed);
  return Sealed as unknown as C;
}
