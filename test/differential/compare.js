// The comparator: what a program printed in the normal build (plugin off) against the slots build (plugin on).
//
// Everything must be identical except what the contract defines, and those allowances are narrow:
// 1. Placeholder: a slot of a `@slots` class that the generator does not know to be definitely assigned may hold the
//    zero value of its declared type (from the program's schema) where the normal build has undefined, or may
//    exist (holding exactly that zero) where the normal build has no such property yet.
// 2. Shape: the relative order of slot keys may differ from the normal build; the order of every other key may not.
// 3. Seal: in the slots build, a sealed instance refuses additions and slot deletions with TypeError, and its
//    properties are non-configurable. Under seal mode "guard" (where the route puts it in place), an instance of a
//    @slots class whose every ancestor is @slots is not sealed: it refuses additions with TypeError (the guard on its
//    prototype chain) and is otherwise the normal build's, deletions included.
// On top of the comparison, the slots build is checked against the contract on its own: sealed exactly when the
// instance's class is `@slots` and construction has finished, never in the normal build; every slot of a running
// `@slots` constructor's chain present, in the contract's order, whenever a snapshot is taken; and never `undefined`
// in a slot whose type's zero is not undefined (with define semantics the normal build reads undefined there too, so
// only this check sees a placeholder the plugin failed to write).
"use strict";

/**
 * `leading` (with useDefineForClassFields false; see contract.js): per `@slots` class, the fields its constructor
 * creates by leading assignments, which the contract places after the class's other slots, in assignment order.
 */
function schemaTools(schema, leading = {}, guard = false) {
  const classes = schema.classes;
  const chain = (name) => {
    const out = [];
    for (let current = name; current && classes[current]; current = classes[current].base) out.push(current);
    return out;
  };
  /** key -> zero values it may hold as a slot, for an instance whose class is `name`. */
  const slotZeros = (name) => {
    const zeros = new Map();
    for (const cls of chain(name)) {
      if (!classes[cls].slots) continue;
      for (const [field, zero, ownKey] of classes[cls].fields) {
        if (!ownKey) continue;
        if (!zeros.has(field)) zeros.set(field, new Set());
        zeros.get(field).add(zero);
      }
    }
    return zeros;
  };
  /**
   * The contract's order of slot keys for class `name`: superclass slots first, parameter properties, then fields.
   * Left out: a slot that redeclares a field of an earlier class (its key may exist since that class's constructor)
   * and a slot written by an override that a superclass constructor calls (it exists from that write on). Such an
   * override may belong to the instance's class `instance`, below `name`: its writes land before `name`'s slots.
   */
  const slotOrder = (name, instance = name) => {
    const order = [];
    const declaredBefore = new Set();
    // Written by an override the superclass constructor calls: such a key exists before any slot of its class.
    // The instance's chain holds `name`'s.
    for (const cls of chain(instance)) for (const field of classes[cls].early || []) declaredBefore.add(field);
    for (const cls of chain(name).reverse()) {
      const created = classes[cls].slots ? leading[cls] || [] : [];
      const own = classes[cls].fields.filter(([, , ownKey]) => ownKey).map(([field]) => field);
      for (const field of [...own.filter((f) => !created.includes(f)), ...created.filter((f) => own.includes(f))]) {
        if (classes[cls].slots && !declaredBefore.has(field)) order.push(field);
        declaredBefore.add(field);
      }
    }
    return order;
  };
  const zeroOf = (cls, field) => {
    const entry = classes[cls] && classes[cls].fields.find(([name]) => name === field);
    return entry ? entry[1] : undefined;
  };
  /**
   * Whether `field`, a slot of the @slots class `cls`, can never hold undefined in the slots build: its zero is not
   * undefined, nor that of any declaration of the same name in a class above or below `cls` (a redeclaration keeps
   * what the class above stored).
   */
  const neverUndefined = (cls, field) => {
    if (!classes[cls] || !classes[cls].slots) return false;
    const related = Object.keys(classes).filter((other) => chain(other).includes(cls) || chain(cls).includes(other));
    const zeros = related.flatMap((other) => classes[other].fields.filter(([name]) => name === field).map(([, zero]) => zero));
    return zeros.length > 0 && !zeros.includes("u");
  };
  /** Under seal mode "guard": whether instances of `name` are guarded (every class of its chain @slots) instead of sealed. */
  const guarded = (name) => guard && Boolean(classes[name]) && chain(name).every((cls) => classes[cls].slots);
  /** Whether a finished instance of `name` is sealed in the slots build. */
  const sealedClass = (name) => Boolean(classes[name] && classes[name].slots) && !guarded(name);
  return { classes, chain, slotZeros, slotOrder, zeroOf, neverUndefined, guarded, sealedClass };
}

function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Compares the two printed descriptions. Returns `{ failures, allowed }`: failures as `{ category, message }`,
 * and counts of the allowed differences met (to show they are exercised, and how often).
 */
function compareOutputs(plain, slots, { leading = {}, guard = false } = {}) {
  const failures = [];
  const allowed = { placeholderRead: 0, slotAbsentInNormal: 0, slotPlaceholderValue: 0, slotOrder: 0, sealRefused: 0, guardRefused: 0, classExpressionName: 0 };
  const fail = (category, message) => failures.push({ category, message });
  if (!sameJson(plain.schema, slots.schema)) {
    fail("diff:schema", "the two builds printed different schemas");
    return { failures, allowed };
  }
  const tools = schemaTools(plain.schema, leading, guard);
  const a = plain.log;
  const b = slots.log;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const p = a[i];
    const s = b[i];
    const where = `record ${i} (${p[0]} ${JSON.stringify(p[1])})`;
    if (p[0] !== s[0] || p[1] !== s[1]) {
      fail("diff:control", `${where}: the slots build recorded ${JSON.stringify(s.slice(0, 2))} instead (different control flow)`);
      return { failures, allowed };
    }
    switch (p[0]) {
      case "val":
      case "err":
        if (!sameJson(p, s)) fail(`diff:${p[0]}`, `${where}: normal ${JSON.stringify(p.slice(2))}, slots ${JSON.stringify(s.slice(2))}`);
        break;
      case "fld":
        compareField(p, s, tools, where, fail, allowed);
        break;
      case "keys":
        compareKeys(p, s, tools, where, fail, allowed);
        break;
      case "mut":
        compareMutation(p, s, tools, where, fail, allowed);
        break;
      default:
        fail("diff:unknown", `${where}: unknown record kind`);
    }
  }
  if (a.length !== b.length) {
    fail("diff:length", `the normal build recorded ${a.length} records, the slots build ${b.length}`);
  }
  return { failures, allowed };
}

function compareField(p, s, tools, where, fail, allowed) {
  const [, , cls, field, normal, definitelyAssigned] = p;
  const value = s[4];
  if (!sameJson(p.slice(0, 4), s.slice(0, 4)) || p[5] !== s[5]) {
    fail("diff:field", `${where}: records differ in shape`);
    return;
  }
  if (value === "u" && tools.neverUndefined(cls, field)) {
    fail("contract:placeholder", `${where}: slot ${cls}.${field} holds undefined with the plugin; its placeholder is ${tools.zeroOf(cls, field)}`);
    return;
  }
  if (normal === value) return;
  const isSlot = tools.classes[cls] && tools.classes[cls].slots;
  const zero = tools.zeroOf(cls, field);
  // The probe of class `cls` may read a slot that `cls` itself does not make one: a @slots superclass declared it, or
  // a @slots subclass (the instance's class) redeclared it. Either way an unassigned slot holds its placeholder.
  const slotZerosAround = Object.keys(tools.classes)
    .filter((other) => tools.chain(other).includes(cls) || tools.chain(cls).includes(other))
    .flatMap((other) => [...(tools.slotZeros(other).get(field) || [])]);
  if (!definitelyAssigned && normal === "u" && ((isSlot && value === zero) || slotZerosAround.includes(value))) {
    allowed.placeholderRead++;
    return;
  }
  fail(
    "diff:field",
    `${where}: ${cls}.${field} is ${normal} in the normal build but ${value} with the plugin` +
      (definitelyAssigned ? " (definitely assigned at this point)" : isSlot ? ` (placeholder would be ${zero})` : " (not a slot)"),
  );
}

/**
 * The run-time `name` of an object's class in both builds. One difference is explained: TypeScript's own lowering
 * below ES2022 turns `const C = class { ... }` into `(_a = class { ... }, ..., _a)`, so in plain TypeScript that
 * anonymous class is named `_a` (a TypeScript bug: JavaScript would name it C); the plugin names a @slots class
 * expression after its variable. Allowed only for a class the schema marks as an anonymous class expression, when
 * the normal build's name is a temporary (no class's name, not the variable's).
 */
function sameRuntimeName(cls, normalName, slotsName, tools, allowed) {
  if (normalName === slotsName) return true;
  // The normal build's name is a TypeScript temporary; with the plugin the class has the name JavaScript infers, or
  // another temporary (a plain class expression whose temporary's number moved because the plugin named a @slots
  // class expression before it: `_b` becomes `_a`).
  const temporary = (name) => !tools.classes[name] && name !== cls;
  if (tools.classes[cls] && tools.classes[cls].expression && temporary(normalName) && (slotsName === cls || temporary(slotsName))) {
    allowed.classExpressionName++;
    return true;
  }
  return false;
}

function compareKeys(p, s, tools, where, fail, allowed) {
  const [, , normalProto, running, normalProps, definitelyAssigned, , , normalName] = p;
  const [, , proto, sRunning, slotsProps, sDa, sealed, , slotsName] = s;
  if (normalProto !== proto || running !== sRunning || !sameJson(definitelyAssigned, sDa)) {
    fail("diff:keys", `${where}: snapshot of a ${normalProto} in ${running || "main"} vs a ${proto} in ${sRunning || "main"}`);
    return;
  }
  if (!sameRuntimeName(proto, normalName, slotsName, tools, allowed)) {
    fail("diff:name", `${where}: the class of this ${proto} is named ${JSON.stringify(normalName)} in the normal build, ${JSON.stringify(slotsName)} with the plugin`);
  }
  const zeros = tools.slotZeros(proto);
  const mayBePlaceholder = (name, value) => zeros.has(name) && !definitelyAssigned.includes(name) && zeros.get(name).has(value);
  const normal = new Map(normalProps.map(([name, value, flags]) => [name, { value, flags }]));
  const withSlots = new Map(slotsProps.map(([name, value, flags]) => [name, { value, flags }]));
  for (const [name, { value }] of normal) {
    if (!withSlots.has(name)) fail("diff:keys", `${where}: own property ${name} (${value}) exists in the normal build but not with the plugin`);
  }
  for (const [name, { value, flags }] of withSlots) {
    const other = normal.get(name);
    if (!other) {
      if (mayBePlaceholder(name, value)) allowed.slotAbsentInNormal++;
      else fail("diff:keys", `${where}: own property ${name} (${value}) exists only with the plugin` + (zeros.has(name) ? " and is not an unassigned slot holding its placeholder" : " and is not a slot"));
      continue;
    }
    if (other.value !== value) {
      if (other.value === "u" && mayBePlaceholder(name, value)) allowed.slotPlaceholderValue++;
      else fail("diff:keys", `${where}: ${name} is ${other.value} in the normal build but ${value} with the plugin` + (definitelyAssigned.includes(name) ? " (definitely assigned)" : ""));
    }
    // Enumerable, writable, data-or-accessor must agree; configurable only where the seal does not explain it.
    const strip = (f) => f.replace("c", "");
    if (strip(other.flags) !== strip(flags) || (!sealed && other.flags !== flags)) {
      fail("diff:keys", `${where}: ${name} has attributes "${other.flags}" in the normal build but "${flags}" with the plugin`);
    }
  }
  // Key order: slot keys may move (the contract fixes their order), the others keep theirs.
  const nonSlot = (props) => props.map(([name]) => name).filter((name) => !zeros.has(name));
  if (!sameJson(nonSlot(normalProps), nonSlot(slotsProps))) {
    fail("diff:order", `${where}: non-slot keys in order ${JSON.stringify(nonSlot(normalProps))} vs ${JSON.stringify(nonSlot(slotsProps))}`);
  }
  const slotNames = (props) => props.map(([name]) => name).filter((name) => zeros.has(name));
  if (!sameJson(slotNames(normalProps), slotNames(slotsProps))) allowed.slotOrder++;
  checkSnapshotContract(p, s, tools, where, fail);
}

/** The contract on the slots build alone, and the absence of any seal in the normal build. */
function checkSnapshotContract(p, s, tools, where, fail) {
  const [, , , running, , , normalSealed, normalExtensible] = p;
  const [, , proto, , props, , sealed, extensible] = s;
  if (normalSealed || !normalExtensible) fail("diff:seal", `${where}: the normal build's object is sealed or not extensible`);
  const finished = running === "";
  const expectSealed = finished && tools.sealedClass(proto);
  if (sealed !== expectSealed || extensible === expectSealed) {
    fail(
      "contract:seal",
      `${where}: a ${proto} ${finished ? "after construction" : `during ${running}'s constructor`} is ${sealed ? "sealed" : "not sealed"}` +
        `${extensible ? "" : " and not extensible"}; expected ${expectSealed ? "sealed" : "not sealed"}`,
    );
  }
  const order = tools.slotOrder(finished ? proto : running, proto);
  for (const [name, value] of props) {
    if (value !== "u" || !order.includes(name)) continue;
    const owner = tools.chain(finished ? proto : running).find((cls) => tools.classes[cls].slots && tools.classes[cls].fields.some(([field]) => field === name));
    if (owner && tools.neverUndefined(owner, name)) fail("contract:placeholder", `${where}: slot ${name} of ${owner} holds undefined with the plugin; its placeholder is ${tools.zeroOf(owner, name)}`);
  }
  const present = props.map(([name]) => name).filter((name) => order.includes(name));
  if (!sameJson(present, order)) {
    fail("contract:slots", `${where}: slots of ${finished ? proto : running} are ${JSON.stringify(present)}, the contract says ${JSON.stringify(order)}`);
  }
}

function compareMutation(p, s, tools, where, fail, allowed) {
  const [, , normalProto, key, added, deleted, normalSealed, normalName] = p;
  const [, , proto, sKey, sAdded, sDeleted, sealed, slotsName] = s;
  if (normalProto !== proto || key !== sKey) {
    fail("diff:mut", `${where}: records differ in shape`);
    return;
  }
  if (!sameRuntimeName(proto, normalName, slotsName, tools, allowed)) {
    fail("diff:name", `${where}: the class of this ${proto} is named ${JSON.stringify(normalName)} in the normal build, ${JSON.stringify(slotsName)} with the plugin`);
  }
  if (normalSealed) fail("diff:seal", `${where}: the normal build's object is sealed`);
  const expectSealed = tools.sealedClass(proto);
  if (sealed !== expectSealed) fail("contract:seal", `${where}: a finished ${proto} is ${sealed ? "" : "not "}sealed with the plugin`);
  if (tools.guarded(proto)) {
    if (sAdded !== "TypeError" || sDeleted !== deleted) {
      fail("contract:guard", `${where}: on a guarded ${proto}, adding gave ${sAdded} (must throw TypeError) and deleting ${key} gave ${sDeleted} (normal build: ${deleted})`);
    } else if (added !== sAdded) allowed.guardRefused++;
    return;
  }
  if (sealed) {
    const isSlot = tools.slotZeros(proto).has(key);
    const deleteOk = isSlot ? sDeleted === "TypeError" : sDeleted === "TypeError" || sDeleted === deleted;
    if (sAdded !== "TypeError" || !deleteOk) {
      fail("contract:seal", `${where}: on a sealed ${proto}, adding gave ${sAdded} and deleting ${key} gave ${sDeleted}; both must throw TypeError`);
    } else if (added !== sAdded || deleted !== sDeleted) allowed.sealRefused++;
    return;
  }
  if (added !== sAdded || deleted !== sDeleted) {
    fail("diff:mut", `${where}: adding/deleting gave ${added}/${deleted} in the normal build, ${sAdded}/${sDeleted} with the plugin (not sealed)`);
  }
}

module.exports = { compareOutputs, schemaTools };
