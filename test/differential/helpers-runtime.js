// The recording helpers of generated programs, run inside each program's own context (so `Error`, `Object` are
// that context's). Typed by helpers.d.ts. Record formats: see prelude.js.
"use strict";

/** JavaScript source that defines the helpers as globals of the context it runs in. */
const helpersSource = `"use strict";
var __log = [];
var __flips = 0;
var Color = { Red: 1, Green: 2, 1: "Red", 2: "Green" };
function __coin() { return __flips++ % 3 === 1; }
function mark() {}
function __enc(v) {
  switch (typeof v) {
    case "undefined": return "u";
    case "number": return Object.is(v, -0) ? "n:-0" : "n:" + String(v);
    case "bigint": return "big:" + String(v);
    case "string": return "s:" + JSON.stringify(v);
    case "boolean": return "b:" + String(v);
    case "function": return "fn";
    case "symbol": return "sym";
  }
  if (v === null) return "null";
  var proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== Array.prototype) return "inst:" + String(proto && proto.constructor && proto.constructor.name);
  return "o:" + JSON.stringify(v, function (_k, x) { return x === undefined ? "(u)" : x; });
}
function __errName(e) { return e instanceof Error ? e.constructor.name : "thrown:" + __enc(e); }
function __val(tag, v) { __log.push(["val", tag, __enc(v)]); }
var __trustDa = true;
/** Minimised programs: what the generator knew to be definitely assigned may no longer hold, so claim nothing. */
function __ignoreDefinitelyAssigned() { __trustDa = false; }
function __fld(tag, cls, field, v, da) { __log.push(["fld", tag, cls, field, __enc(v), __trustDa && da]); }
var __names = new Map();
function __register(cls, name) { __names.set(cls, name); }
/** [schema name (registered), name the class has at run time] of an object's class. */
function __classOf(o) {
  var ctor = Object.getPrototypeOf(o).constructor;
  return [__names.has(ctor) ? __names.get(ctor) : "?" + ctor.name, ctor.name];
}
function __snap(tag, o, da, running) {
  var props = Object.getOwnPropertyNames(o).map(function (name) {
    var d = Object.getOwnPropertyDescriptor(o, name);
    var flags = (d.enumerable ? "e" : "") + ("value" in d ? (d.writable ? "w" : "") : "a") + (d.configurable ? "c" : "");
    return [name, "value" in d ? __enc(d.value) : "accessor", flags];
  });
  var cls = __classOf(o);
  __log.push(["keys", tag, cls[0], running, props, __trustDa ? da : [], Object.isSealed(o), Object.isExtensible(o), cls[1]]);
}
function __err(tag, e) { __log.push(["err", tag, __errName(e)]); }
function __try(tag, f) {
  try { __val(tag, f()); } catch (e) { __err(tag, e); }
}
function __mut(tag, o, key) {
  var added = "ok";
  var deleted = "ok";
  try { o.__added = 1; } catch (e) { added = __errName(e); }
  try { delete o[key]; } catch (e) { deleted = __errName(e); }
  var cls = __classOf(o);
  __log.push(["mut", tag, cls[0], key, added, deleted, Object.isSealed(o), cls[1]]);
}
function __print(schema) { console.log(JSON.stringify({ schema: schema, log: __log })); }
`;

module.exports = { helpersSource };
