// What is known about sealing instances of a `@slots` class whose base is a JavaScript built-in (declared in
// TypeScript's default lib files): measured by running each case in Node 20, 22 and 24 (test/builtin-bases.test.js runs
// them again and fails when a verdict below stops being true). A safe built-in keeps every own property it needs from
// its constructor, before the seal, and its methods add none later, so TSS1007 stays silent for it.

/** Built-ins whose sealed subclass instances construct and work (their methods included) on Node 20 and 24. */
export const sealSafeBuiltins: readonly string[] = [
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "WeakRef",
  "FinalizationRegistry",
  "Promise",
  "Date",
  "RegExp",
  "ArrayBuffer",
  "SharedArrayBuffer",
  "DataView",
];

export const errorBuiltins: readonly string[] = ["Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError", "AggregateError"];

export const typedArrayBuiltins: readonly string[] = [
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
];

/** Every global constructor a class may extend that the verdicts below speak of, by its global name. */
export const builtinConstructors: ReadonlySet<string> = new Set([
  ...sealSafeBuiltins,
  ...errorBuiltins,
  ...typedArrayBuiltins,
  "Array",
  "Object",
  "Function",
  "Boolean",
  "Number",
  "String",
  "Symbol",
  "BigInt",
]);

/** Why a built-in base is a risk under the seal, and what to do; undefined for the seal-safe ones. */
export interface BuiltinVerdict {
  reason: string;
  fix: string;
}

export function builtinVerdict(name: string): BuiltinVerdict | undefined {
  if (sealSafeBuiltins.includes(name)) return undefined;
  if (errorBuiltins.includes(name)) {
    return {
      reason:
        `its base ${name} is a built-in: its constructor gives each instance its own \`stack\` (and \`message\`, ` +
        `\`cause\` when given) before the seal, so constructing is safe, but a property added later throws a TypeError ` +
        `(\`error.code = ...\`, \`error.name = ...\`, a \`message\` the constructor was not given, ` +
        `\`Error.captureStackTrace(error)\`)`,
      fix: `Assign such properties in the constructor, or declare them as fields (\`code = ""\`).`,
    };
  }
  if (name === "Array") {
    return {
      reason:
        `its base Array is a built-in whose sealed instances cannot grow: \`push\`, \`unshift\`, a growing \`splice\` ` +
        `or \`length\` throw a TypeError, and so do \`map\`, \`filter\`, \`slice\`, \`concat\` and \`flat\` on a ` +
        `non-empty instance (they fill a new instance of the subclass element by element)`,
      fix: `Keep the items in an array field instead of extending Array, or use seal: "never".`,
    };
  }
  if (typedArrayBuiltins.includes(name)) {
    return {
      reason:
        `its base ${name} is a built-in typed array: Node 24 refuses to seal one with elements ("Cannot seal array ` +
        `buffer views with elements"), so constructing a non-empty instance throws there (Node 20 and 22 allow it)`,
      fix: `Keep the typed array in a field instead of extending ${name}, or use seal: "never".`,
    };
  }
  return {
    reason: `its base ${name} is a built-in whose behaviour under the seal ts-slots has not measured`,
    fix: `Check that its instances gain no property after construction, or keep one in a field instead of extending ${name}.`,
  };
}
