// The fixed head and tail of every generated program. The recording helpers themselves are declared in
// helpers.d.ts (a second root file of every compilation) and implemented in helpers-runtime.js (installed in the
// context the program runs in): they are test instrumentation, identical in both builds, kept out of the program
// so that type-checking them is not paid once per compilation.
//
// Record kinds written to the log (one array each, compared index by index):
// - ["val", tag, enc]                  any value (method results, getters, statics): must be equal.
// - ["fld", tag, cls, field, enc, da]  a read of field `field` declared by class `cls`; `da` is true when the
//                                      generator knows the field is definitely assigned at that point.
// - ["keys", tag, cls, running, props, da, sealed, extensible, runtimeName]
//                                      the own properties of an object (`props`: [name, enc, flags]), its class (as
//                                      registered under its schema name), the constructor running ("" after
//                                      construction), the names the generator knows to be definitely assigned, and
//                                      the `name` its class has at run time.
// - ["err", tag, errorClassName]       a caught error.
// - ["mut", tag, cls, key, added, deleted, sealed, runtimeName]
//                                      the outcome of adding a property and deleting `key` (done last).
// Values are encoded as strings: "u", "null", "n:<number>", "big:<digits>", "s:<json>", "b:<bool>", "o:<json>",
// "inst:<class>", "fn", "sym".
"use strict";

const header = `import { slots } from "ts-slots";\n`;
const epilogue = `__print(__schema);\nexport {};\n`;

module.exports = { header, epilogue };
