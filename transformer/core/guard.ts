// Seal mode "guard": the helper each emitted file carries inline (no run-time import), and the names it defines.
//
// Instead of `Object.seal` per construction (a C++ call), one guard object, a Proxy whose only trap is `set`, sits at
// the top of a `@slots` class's prototype chain, just below `Object.prototype`. Slots are own properties from
// construction (define semantics), so only the assignment of a property an instance does not have walks the chain up
// to the guard, which throws when the receiver's own class is a guarded `@slots` class and the property is none of
// its slots, in sloppy code too. A slot may still be created by assignment where a compiler after the source rewrite
// lowers fields (esbuild's `__publicField` assigns a key not yet `in` the object): allowed, through the slow path.
// Anything else (plain subclasses, a class's prototype) gets the ordinary assignment. The guard and the guarded
// prototypes with their slot keys are shared by every file and copy of the helper through one symbol on `globalThis`.
//
// A derived class whose base is not a guarded `@slots` class cannot have the guard at the top of its own chain
// (putting a proxy between it and its base makes every inherited member read go through the proxy, about 100x
// slower): the helper marks such a class, and its constructor seals as seal mode "always" does.

/** The helper's function: called once per class, from a static block, with the class. */
export const guardFunctionName = "__slotsGuard";

/** The symbol key under which an unguarded class names itself: the constructor seals when `new.target` is that class. */
export const unguardedKeyName = "__slotsUnguarded";

/**
 * The helper's text, the same in both emitters: one line per statement, each ending in `;`, `{` or `}` and without
 * comments, so that the source rewrite can join the lines into one.
 */
export const guardHelperText = [
  `var ${unguardedKeyName} = Symbol.for("ts-slots.unguarded");`,
  `function ${guardFunctionName}(C, keys) {`,
  `  var key = Symbol.for("ts-slots.guard.v1"), state = globalThis[key];`,
  `  if (!state) {`,
  `    var slotKeys = new WeakMap();`,
  `    var guard = new Proxy({}, { set: function (target, property, value, receiver) {`,
  `      var declared = slotKeys.get(Object.getPrototypeOf(receiver));`,
  `      if (declared && !declared.has(property)) throw new TypeError("Cannot add property " + String(property) + ", object is not extensible");`,
  `      return Reflect.set(target, property, value, receiver);`,
  `    } });`,
  `    state = { guard: guard, slotKeys: slotKeys };`,
  `    Object.defineProperty(globalThis, key, { value: state });`,
  `  }`,
  `  var prototype = C.prototype, parent = Object.getPrototypeOf(prototype), inherited = state.slotKeys.get(parent);`,
  `  if (parent === Object.prototype) Object.setPrototypeOf(prototype, state.guard);`,
  `  else if (!inherited) return void Object.defineProperty(C, ${unguardedKeyName}, { value: C });`,
  `  state.slotKeys.set(prototype, new Set(inherited ? Array.from(inherited).concat(keys) : keys));`,
  `}`,
].join("\n");
