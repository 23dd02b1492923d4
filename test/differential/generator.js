// The generator of random, valid TypeScript programs made of classes, for the differential test of the plugin.
//
// A program is a model (classes with members and constructor statements, then main statements) that renders to one
// TypeScript file. Every element of the model names what it `provides` (a class, a field, a method, an instance) and
// what it `uses`, so the minimiser can drop an element together with everything that depends on it.
//
// Validity is by construction: the generator tracks, statement by statement, which fields are definitely assigned
// (TS2564, TS2565), where `super(...)` may go (TS2401, TS17009), what initialisers may reference (TS2729), which
// modifiers combine (TS1243, TS1276) and what the configuration allows (TS2612 under useDefineForClassFields, no
// decorators on class expressions with experimentalDecorators). The runner still type-checks every program without
// the plugin and treats any diagnostic as a generator bug.
//
// The generator also keeps the comparison sharp: a value read from a field that may not be assigned yet is only ever
// recorded directly (`__fld`, `__snap`), never computed with, so the contract's one allowed value difference (the
// placeholder where plain TypeScript reads undefined) cannot spread into other values. Records carry the set of
// fields the generator knows to be definitely assigned; for those no difference at all is allowed.
"use strict";
const { Random, hash32 } = require("./random");
const { fieldModeOf } = require("./configurations");
const { header, epilogue } = require("./prelude");

/** Field types: their TypeScript spelling, the contract's placeholder (encoded as `__enc` does) and whether they admit undefined. */
const TYPES = {
  num: { ts: "number", zero: "n:0" },
  str: { ts: "string", zero: 's:""' },
  bool: { ts: "boolean", zero: "b:false" },
  big: { ts: "bigint", zero: "big:0" },
  lit: { ts: '"x" | "y"', zero: 's:""' },
  color: { ts: "Color", zero: "n:0" },
  numNull: { ts: "number | null", zero: "n:0" },
  box: { ts: "Box", zero: "u" },
  arr: { ts: "number[]", zero: "u" },
  numU: { ts: "number | undefined", zero: "u", admitsUndefined: true },
  strU: { ts: "string | undefined", zero: "u", admitsUndefined: true },
  unk: { ts: "unknown", zero: "u", admitsUndefined: true },
  any: { ts: "any", zero: "u", admitsUndefined: true },
  // The type parameter of a generic class, `T extends number`: its placeholder is its constraint's zero.
  gen: { ts: "T", zero: "n:0" },
};

const FIELD_TYPE_WEIGHTS = [
  ["num", 6],
  ["str", 3],
  ["bool", 3],
  ["big", 1],
  ["lit", 1],
  ["color", 1],
  ["numNull", 1],
  ["box", 2],
  ["arr", 1],
  ["numU", 2],
  ["strU", 1],
  ["unk", 1],
  ["any", 1],
];

const NUMBERS = ["0", "1", "2", "3", "7", "-1", "2.5", "42"];
const STRINGS = ['"a"', '"bc"', '""', '"x y"'];
/** A constructor throws when a number parameter has this value; nothing the generator computes reaches it. */
const THROW_TRIGGER = "1313";

/** Feature switches: `exclude` lists generator features to leave out (see known.js), by name as `allows()` uses them. */
const defaultFeatures = { exclude: [] };

/** Whether a field is, or redeclares (at any depth), a field of a `@slots` class. */
function isSlotOfChain(field) {
  for (let f = field; f; f = f.redeclares) if (f.owner && f.owner.slots) return true;
  return false;
}

function uniq(items) {
  return [...new Set(items)];
}

class ProgramGenerator {
  constructor(seed, configuration, features = defaultFeatures) {
    this.seed = seed;
    this.configuration = configuration;
    this.mode = fieldModeOf(configuration);
    this.r = new Random(hash32(`${seed}/${configuration.id}`));
    this.exclude = new Set(features.exclude ?? []);
    this.classes = [];
    this.counter = 0;
  }

  allows(feature) {
    return !this.exclude.has(feature);
  }

  tag(prefix) {
    return `${prefix}#${this.counter++}`;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Expressions. A context says what an expression may reference: `params` [{name, type, id}], `fields` (the
  // accessible field metas), `assigned` (names definitely assigned), `thisOk`.

  literal(type) {
    const r = this.r;
    switch (type) {
      case "num":
        return r.pick(NUMBERS);
      case "str":
        return r.pick(STRINGS);
      case "bool":
        return r.pick(["true", "false"]);
      case "big":
        return r.pick(["0n", "1n", "7n"]);
      case "lit":
        return r.pick(['"x"', '"y"']);
      case "color":
        return r.pick(["Color.Red", "Color.Green"]);
      case "numNull":
        return r.chance(0.2) ? "null" : r.pick(NUMBERS);
      case "box":
        return `{ v: ${r.pick(NUMBERS)} }`;
      case "arr":
        return `[${r.pick(NUMBERS)}, ${r.pick(NUMBERS)}]`;
      case "numU":
        return r.chance(0.3) ? "undefined" : r.pick(NUMBERS);
      case "strU":
        return r.chance(0.3) ? "undefined" : r.pick(STRINGS);
      case "unk":
      case "any":
        return r.chance(0.5) ? r.pick(NUMBERS) : r.pick(STRINGS);
      case "gen":
        return `(${r.pick(NUMBERS)} as T)`;
      default:
        throw new Error(`no literal for ${type}`);
    }
  }

  /** Field reads that give a value of `type` and are the same in both builds whatever the field's state. */
  fieldSources(type, ctx) {
    if (!ctx.thisOk) return [];
    const out = [];
    for (const field of ctx.fields) {
      // TypeScript only counts direct assignments for required fields (TS2565), not writes by called methods.
      const known = field.form === "req" && ctx.tsAssigned ? ctx.tsAssigned : ctx.assigned;
      const assigned = known.has(field.name) && !field.optional;
      if (field.form === "req" && !assigned && ctx.tsAssigned) continue;
      // A direct read of an assigned field depends on the statements that assigned it (for the minimiser).
      const providers = assigned && ctx.assignedBy ? [...(ctx.assignedBy.get(field.name) || [])] : [];
      const use = (text) => out.push({ text, uses: [field.id, ...providers] });
      const ft = field.type;
      if (assigned && ft === type && !["unk", "any"].includes(type)) use(field.ref);
      if (type === "num") {
        // Only types whose placeholder is undefined: \`?? 5\` then gives the same number in both builds.
        if (ft === "numU" || (field.optional && ft === "num")) use(`(${field.ref} ?? 5)`);
        if (ft === "numNull" && assigned) use(`(${field.ref} ?? 5)`);
        if (ft === "box") use(assigned ? `${field.ref}.v` : `(${field.ref}?.v ?? 6)`);
        if (ft === "arr") use(assigned ? `${field.ref}.length` : `(${field.ref}?.length ?? 4)`);
        if (ft === "color" && assigned) use(`(${field.ref} + 0)`);
      }
      if (type === "str") {
        if (ft === "strU" || (field.optional && (ft === "str" || ft === "lit"))) use(`(${field.ref} ?? "d")`);
        if (ft === "lit" && assigned) use(field.ref);
      }
      if (type === "bool" && field.optional && ft === "bool") use(`(${field.ref} ?? true)`);
    }
    return out;
  }

  expr(type, ctx, depth = 0) {
    const r = this.r;
    const candidates = [];
    const params = ctx.params.filter((param) => param.type === type);
    for (const param of params) candidates.push({ text: param.name, uses: [param.id] });
    candidates.push(...this.fieldSources(type, ctx));
    const leaf = () => (candidates.length > 0 && r.chance(0.7) ? r.pick(candidates) : { text: this.literal(type), uses: [] });
    if (depth >= 2 || r.chance(0.5)) return leaf();
    const sub = (t) => this.expr(t, ctx, depth + 1);
    const join = (parts, f) => ({ text: f(...parts.map((part) => part.text)), uses: parts.flatMap((part) => part.uses) });
    switch (type) {
      case "num":
        return r.pick([
          () => join([sub("num"), sub("num")], (a, b) => `(${a} + ${b})`),
          () => join([sub("num")], (a) => `(${a} * 2)`),
          () => join([sub("str")], (a) => `${a}.length`),
        ])();
      case "str":
        return r.pick([
          () => join([sub("str")], (a) => `(${a} + "!")`),
          () => join([sub("num")], (a) => `\`n\${${a}}\``),
        ])();
      case "bool":
        return r.pick([() => join([sub("num")], (a) => `(${a} > 2)`), () => join([sub("bool")], (a) => `!${a}`)])();
      case "big":
        return join([sub("big")], (a) => `(${a} + 1n)`);
      case "box":
        return join([sub("num")], (a) => `{ v: ${a} }`);
      case "arr":
        return join([sub("num")], (a) => `[${a}]`);
      case "numU":
      case "numNull":
      case "unk":
      case "any":
        return r.chance(0.7) ? sub("num") : leaf();
      case "strU":
        return r.chance(0.7) ? sub("str") : leaf();
      default:
        return leaf();
    }
  }

  /** A condition: on a parameter when there is one, else on the deterministic `__coin()`. */
  condition(ctx) {
    const r = this.r;
    const options = [{ text: "__coin()", uses: [] }];
    for (const param of ctx.params) {
      if (param.type === "num") options.push({ text: `${param.name} ${r.pick([">", "<", "==="])} ${r.pick(["0", "2", "7"])}`, uses: [param.id] });
      if (param.type === "bool") options.push({ text: r.pick([param.name, `!${param.name}`]), uses: [param.id] });
      if (param.type === "str") options.push({ text: `${param.name}.length > 1`, uses: [param.id] });
    }
    return r.pick(options);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Classes.

  /** Fields visible from a subclass (public/protected, not #private), nearest declaration first. */
  inheritedFields(cls) {
    const out = [];
    const seen = new Set();
    for (let c = cls.baseClass; c; c = c.baseClass) {
      for (const field of c.allFields) {
        if (field.access === "#" || field.access === "private" || field.type === "gen" || seen.has(field.name)) continue;
        seen.add(field.name);
        out.push(field);
      }
    }
    return out;
  }

  /** Fields a class's own code can use: its own, then inherited ones it does not redeclare. */
  accessibleFields(cls) {
    const own = cls.allFields;
    const names = new Set(own.map((field) => field.name));
    return [...own, ...this.inheritedFields(cls).filter((field) => !names.has(field.name))];
  }

  /** The parameters `new C(...)` takes: the nearest explicit constructor's. */
  signatureOf(cls) {
    for (let c = cls; c; c = c.baseClass) if (c.ctor) return c.ctor.params;
    return [];
  }

  /** Whether a field certainly exists on a finished instance in both builds (so writing it later adds nothing). */
  existsAfterConstruction(field) {
    if (field.access === "#" || field.accessor) return true;
    if (field.owner.slots) return true;
    if (this.mode !== "assign") return true;
    return field.owner.guaranteed.has(field.name);
  }

  genClass(k) {
    const r = this.r;
    const name = `C${k}`;
    const baseClass = k > 0 && r.chance(0.65) ? r.pick(this.classes) : null;
    const standard = !this.configuration.experimentalDecorators;
    const isExpression = standard && this.allows("classExpression") && r.chance(0.12);
    const cls = {
      kind: "class",
      id: `class:${name}`,
      name,
      k,
      baseClass,
      base: baseClass ? baseClass.name : null,
      slots: r.chance(0.6),
      expression: isExpression,
      abstract: !isExpression && this.allows("abstractClass") && r.chance(0.08),
      generic: !isExpression && this.allows("genericClass") && r.chance(0.12),
      baseGeneric: Boolean(baseClass && baseClass.generic),
      decorators: [],
      members: [],
      ctor: null,
      allFields: [],
      methods: [],
      statics: [],
      guaranteed: new Set(),
      definitelyAssigned: new Set(),
      uses: baseClass ? [baseClass.id] : [],
      provides: [`class:${name}`],
    };
    if (this.allows("classDecorator") && r.chance(0.12)) cls.decorators.push(r.chance(0.5) ? "before" : "after");
    const derived = baseClass !== null;
    const nestedSuper = derived && this.allows("nestedSuper") && r.chance(0.25);
    cls.nestedSuper = nestedSuper;
    // Where a nested super(...) sits: both branches of an if/else, a `try` block (TypeScript's own lowering finds it
    // there), a plain block, or inside an expression.
    cls.superStyle = nestedSuper
      ? r.weighted([
          ["ifElse", 4],
          ["try", this.allows("superInTry") ? 2 : 0],
          ["block", this.allows("superInBlock") ? 1 : 0],
          ["expression", this.allows("superInExpression") ? 1 : 0],
        ])
      : null;
    // Native class fields allow parameter properties beside a super(...) in a `try` block (TypeScript writes them right
    // after the call); in a plain block or a branch TypeScript itself writes them before the call (a ReferenceError).
    const paramsBesideNestedSuper = nestedSuper && cls.superStyle === "try" && this.mode === "native" && this.allows("superInTryParameterProperties");
    this.current = cls;

    // Statics first (they may be referenced by initialisers and constructors). Static code refers to the class as
    // `this` or by name; a class expression's static code cannot use its name (not bound yet).
    if (r.chance(0.4)) {
      const staticName = `c${k}s0`;
      const decorated = this.allows("memberDecorator") && r.chance(0.1) ? "@mark " : "";
      const self = () => (this.allows("staticThis") && (isExpression || r.chance(0.5)) ? "this" : isExpression ? null : name);
      cls.statics.push({ name: staticName, type: "num" });
      cls.members.push({ kind: "static", id: `${name}.${staticName}`, text: `${decorated}static ${staticName} = ${r.pick(["0", "1", "5"])};`, uses: [], provides: [`${name}.${staticName}`] });
      // TypeScript itself emits `(void 0)` for `this` in a static block of a class with experimental decorators
      // below ES2022 (plain tsc, decorator kept): such a program is broken as written, so it uses the class name.
      const legacyDecoratedLowered = this.configuration.experimentalDecorators && this.configuration.target === "ES2020" && (cls.slots || cls.decorators.length > 0);
      const blockSelf = legacyDecoratedLowered ? (isExpression ? null : name) : self();
      if (blockSelf && r.chance(0.3)) {
        cls.members.push({ kind: "staticBlock", id: this.tag(`${name}.sblock`), text: `static { ${blockSelf}.${staticName} += 10; }`, uses: [`${name}.${staticName}`], provides: [] });
      }
      // TS2816: no `this` in a static property initialiser of a class with experimental decorators.
      const legacyDecorated = this.configuration.experimentalDecorators && (cls.slots || cls.decorators.length > 0);
      const initSelf = legacyDecorated ? (isExpression ? null : name) : self();
      if (initSelf && r.chance(0.2)) {
        const derivedName = `c${k}s1`;
        cls.statics.push({ name: derivedName, type: "num" });
        cls.members.push({ kind: "static", id: `${name}.${derivedName}`, text: `static ${derivedName}: number = ${initSelf}.${staticName} + 1;`, uses: [`${name}.${staticName}`], provides: [`${name}.${derivedName}`] });
      }
      if (r.chance(0.4)) {
        const methodName = `c${k}sm`;
        cls.members.push({
          kind: "staticMethod",
          id: `${name}.${methodName}`,
          text: `static ${methodName}(k: number): number { return this.${staticName} + k; }`,
          uses: [`${name}.${staticName}`],
          provides: [`${name}.${methodName}`],
        });
        cls.staticMethod = methodName;
      }
    }

    // Parameter properties and plain parameters.
    const params = [];
    const optionalParams = [];
    if (!nestedSuper || paramsBesideNestedSuper) {
      const count = r.weighted([
        [0, 5],
        [1, 3],
        [2, 2],
      ]);
      for (let j = 0; j < count; j++) {
        const type = r.weighted(FIELD_TYPE_WEIGHTS);
        const access = r.weighted([
          ["public", 4],
          ["private", 2],
          ["protected", 1],
          ["readonly", 2],
          ["public readonly", 1],
        ]);
        const fieldName = `c${k}p${j}`;
        const tail = r.weighted([
          ["plain", 6],
          ["optional", TYPES[type].admitsUndefined ? 0 : 1],
          ["default", 2],
        ]);
        const optional = tail === "optional";
        const defaultValue = tail === "default" ? ` = ${this.literal(type)}` : "";
        const field = {
          id: `${name}.${fieldName}`,
          name: fieldName,
          key: fieldName,
          owner: cls,
          type,
          optional,
          readonly: access.includes("readonly"),
          access: access.includes("private") ? "private" : access.includes("protected") ? "protected" : "public",
          accessor: false,
          ref: `this.${fieldName}`,
          form: "param",
          zero: optional ? "u" : TYPES[type].zero,
          parameter: true,
        };
        const param = {
          kind: "param",
          id: `param:${name}.${fieldName}`,
          name: fieldName,
          type,
          optional: optional || tail === "default",
          text: `${access} ${fieldName}${optional ? "?" : ""}: ${TYPES[type].ts}${defaultValue}`,
          field,
          uses: [],
          provides: [`param:${name}.${fieldName}`, field.id],
        };
        (param.optional ? optionalParams : params).push(param);
      }
    }
    const plainCount = r.weighted([
      [0, 3],
      [1, 4],
      [2, 3],
    ]);
    for (let j = 0; j < plainCount; j++) {
      const type = r.pick(["num", "num", "str", "bool"]);
      const paramName = `${type[0]}${k}${j}`;
      const param = { kind: "param", id: `param:${name}.${paramName}`, name: paramName, type, text: `${paramName}: ${TYPES[type].ts}`, uses: [], provides: [`param:${name}.${paramName}`] };
      params.push(param);
    }
    const allParams = [...r.shuffle(params), ...optionalParams];
    const parameterFields = allParams.filter((param) => param.field).map((param) => param.field);

    // Fields.
    // TypeScript itself defines fields before a nested super(...) with lowered define semantics (a run-time
    // ReferenceError in plain TypeScript), so such classes get no fields there.
    const fieldCount = nestedSuper && this.mode === "define" ? 0 : r.int(cls.generic ? 1 : 0, 5);
    const fields = [];
    // A redeclared inherited field is chosen first so that no initialiser reads it before its redeclaration (TS2729).
    const redeclared = derived && this.allows("redeclare") && !(nestedSuper && this.mode === "define") && r.chance(0.25) ? this.genRedeclaration(cls, nestedSuper) : null;
    cls.redeclaredNames = new Set(redeclared ? [redeclared.name] : []);
    for (let j = 0; j < fieldCount; j++) fields.push(this.genField(cls, j, nestedSuper, parameterFields, fields));
    if (redeclared) fields.splice(r.int(0, fields.length), 0, redeclared);
    cls.allFields = [...parameterFields, ...fields];
    const needsCtor = nestedSuper || allParams.length > 0 || fields.some((field) => field.form === "req");
    // Guaranteed after construction: initialised, parameter properties, required; plus the base's.
    cls.guaranteed = new Set([...(baseClass ? baseClass.guaranteed : []), ...cls.allFields.filter((f) => ["init", "param", "req"].includes(f.form) && !f.optional).map((f) => f.name)]);
    for (const field of fields) if (field.redeclares && field.redeclares.owner.guaranteed.has(field.name) && field.form === "def") cls.guaranteed.add(field.name);

    // Methods, getters and setters (bodies use only guaranteed fields or undefined-safe reads).
    this.genMethods(cls);

    // Hook: a method the constructor calls, which subclasses may override.
    const hookBase = this.hookFromChain(cls);
    if (hookBase && this.allows("hookOverride") && r.chance(0.4)) this.genHookOverride(cls, hookBase);
    else if (!hookBase && r.chance(0.25)) {
      cls.hook = `c${k}h`;
      cls.members.push({ kind: "method", id: `${name}.${cls.hook}`, text: `${cls.hook}(): void { __val("${name}.${cls.hook}", 0); }`, uses: [], provides: [`${name}.${cls.hook}`] });
    }

    // Field declarations go in declaration order, other members interleaved.
    const memberOrder = [...cls.members];
    cls.members = [];
    const fieldMembers = fields.map((field) => ({ kind: "field", id: field.id, text: field.text, field, uses: field.uses, provides: [field.id] }));
    let fi = 0;
    let mi = 0;
    while (fi < fieldMembers.length || mi < memberOrder.length) {
      if (mi >= memberOrder.length || (fi < fieldMembers.length && r.chance(0.6))) cls.members.push(fieldMembers[fi++]);
      else cls.members.push(memberOrder[mi++]);
    }

    if (needsCtor || r.chance(0.55)) {
      cls.ctor = this.genConstructor(cls, allParams);
      cls.ctorPosition = r.int(0, cls.members.length);
    } else {
      cls.definitelyAssigned = new Set([...(baseClass ? baseClass.definitelyAssigned : []), ...cls.guaranteed]);
      cls.assignedBy = baseClass ? baseClass.assignedBy : new Map();
    }
    this.classes.push(cls);
    return cls;
  }

  genField(cls, j, nestedSuper, parameterFields, earlier) {
    const r = this.r;
    const k = cls.k;
    // A #private field makes TypeScript require a root-level super(...) (TS2401).
    if (cls.generic && j === 0) return this.genGenericField(cls, j);
    const isPrivate = !nestedSuper && this.allows("privateField") && r.chance(0.15);
    // TypeScript initialises lowered accessor storage before a nested super(...) (a run-time ReferenceError in plain
    // TypeScript below ES2022): accessors in such classes only where the storage is a native #private field.
    const accessorOk = !nestedSuper || (this.configuration.target === "ES2022" && this.allows("nestedSuperAccessor"));
    const isAccessor = !isPrivate && accessorOk && this.allows("accessorField") && r.chance(0.12);
    const type = r.weighted(FIELD_TYPE_WEIGHTS);
    const admitsUndefined = Boolean(TYPES[type].admitsUndefined);
    const forms = [
      ["init", nestedSuper ? 0 : 5],
      ["opt", isAccessor ? 0 : 2],
      ["def", 3],
      ["req", admitsUndefined ? 0 : 3],
      ["maybe", admitsUndefined ? 2 : 0],
    ];
    const form = r.weighted(forms);
    const readonly = !isAccessor && r.chance(0.2);
    const access = isPrivate ? "#" : r.weighted([["public", 7], ["protected", 1], ["private", 1]]);
    const name = isPrivate ? `#c${k}q${j}` : isAccessor ? `c${k}a${j}` : `c${k}f${j}`;
    const field = {
      id: `${cls.name}.${name}`,
      name,
      key: isPrivate || isAccessor ? null : name,
      owner: cls,
      type,
      optional: form === "opt",
      readonly,
      access,
      accessor: isAccessor,
      ref: `this.${name}`,
      form,
      zero: form === "opt" ? "u" : TYPES[type].zero,
      uses: [],
    };
    let initializer = "";
    if (form === "init") {
      const ctx = {
        params: [],
        fields: this.initializerSources(cls, parameterFields, earlier, isPrivate || isAccessor),
        assigned: new Set(),
        thisOk: true,
      };
      for (const source of ctx.fields) ctx.assigned.add(source.name);
      const value = this.expr(type, ctx);
      initializer = ` = ${value.text}`;
      field.uses = value.uses;
    }
    const modifiers = [];
    if (access === "protected" || access === "private") modifiers.push(access);
    if (readonly) modifiers.push("readonly");
    if (isAccessor) modifiers.push("accessor");
    // TypeScript runs standard member decorators' instance initialisers before a nested super(...): not with those.
    const decorated = !isPrivate && !nestedSuper && this.allows("memberDecorator") && r.chance(0.06) ? "@mark " : "";
    const mark = form === "opt" ? "?" : form === "def" ? "!" : "";
    // A quoted name (still read as this.name) exercises string-literal property names.
    const quotedOk = this.allows("quotedName") && (!nestedSuper || this.allows("nestedSuperQuotedName"));
    const declaredName = !isPrivate && !isAccessor && quotedOk && r.chance(0.08) ? `"${name}"` : name;
    field.text = `${decorated}${modifiers.length ? modifiers.join(" ") + " " : ""}${declaredName}${mark}: ${TYPES[type].ts}${initializer};`;
    return field;
  }

  /** The first field of a generic class `C<T extends number>`: `t!: T` or `t?: T`, never inherited or written by methods. */
  genGenericField(cls, j) {
    const optional = this.r.chance(0.3);
    const name = `c${cls.k}t${j}`;
    return {
      id: `${cls.name}.${name}`,
      name,
      key: name,
      owner: cls,
      type: "gen",
      optional,
      readonly: false,
      access: "public",
      accessor: false,
      ref: `this.${name}`,
      form: optional ? "opt" : "def",
      zero: optional ? "u" : TYPES.gen.zero,
      uses: [],
      text: `${name}${optional ? "?" : "!"}: T;`,
    };
  }

  /**
   * What a field initialiser may read: earlier initialised fields of the class, the base's guaranteed fields, and
   * (except with native class fields, TS2729) parameter properties. Only fields that hold their value by then.
   */
  initializerSources(cls, parameterFields, earlier, privateLike) {
    const sources = [];
    for (const field of this.inheritedFields(cls)) {
      if (cls.baseClass.guaranteed.has(field.name) && !field.optional && !cls.redeclaredNames.has(field.name)) sources.push(field);
    }
    // With ES2022, #private fields (and accessor storage) are native class fields even when public fields are assigned
    // in the constructor (useDefineForClassFields false): they are initialised before parameter properties and before
    // public fields, which TypeScript does not report. Their initialisers read only what exists by then.
    const nativePrivate = privateLike && this.configuration.target === "ES2022";
    if (this.mode !== "native" && !nativePrivate) for (const field of parameterFields) if (!field.optional) sources.push(field);
    for (const field of earlier) {
      if (field.form !== "init" || field.optional) continue;
      if (nativePrivate && this.mode === "assign" && !(field.access === "#" || field.accessor)) continue;
      sources.push(field);
    }
    return sources;
  }

  /** A subclass field that redeclares an inherited one: with an initialiser, `declare`, or (assign mode only) `!`. */
  genRedeclaration(cls, nestedSuper) {
    const r = this.r;
    const candidates = this.inheritedFields(cls).filter((field) => !field.accessor && !field.parameter && field.access !== "private" && !field.optional && field.type !== "any" && field.type !== "unk");
    if (candidates.length === 0) return null;
    const base = r.pick(candidates);
    const forms = [
      ["init", nestedSuper ? 0 : 3],
      ["declare", 2],
      ["def", this.mode === "assign" && this.allows("redeclareDefinite") ? 3 : 0],
    ];
    const form = r.weighted(forms);
    if (!form) return null;
    const modifiers = [];
    if (base.access === "protected") modifiers.push("protected");
    if (base.readonly) modifiers.push("readonly");
    if (form === "declare") modifiers.unshift("declare");
    let initializer = "";
    let uses = [base.id];
    if (form === "init") {
      const value = this.expr(base.type, { params: [], fields: [], assigned: new Set(), thisOk: false });
      initializer = ` = ${value.text}`;
      uses = uses.concat(value.uses);
    }
    const field = {
      id: `${cls.name}.${base.name}`,
      name: base.name,
      key: form === "declare" ? null : base.name,
      owner: cls,
      type: base.type,
      optional: false,
      readonly: base.readonly,
      access: base.access,
      accessor: false,
      ref: `this.${base.name}`,
      form: form === "declare" ? "declare" : form,
      zero: TYPES[base.type].zero,
      redeclares: base,
      declared: form === "declare",
      uses,
    };
    field.text = `${modifiers.length ? modifiers.join(" ") + " " : ""}${base.name}${form === "def" ? "!" : ""}: ${TYPES[base.type].ts}${initializer};`;
    return field;
  }

  hookFromChain(cls) {
    for (let c = cls.baseClass; c; c = c.baseClass) if (c.hook) return c;
    return null;
  }

  /** An override of an ancestor's hook: it writes this class's own fields, possibly during the base constructor. */
  genHookOverride(cls, hookOwner) {
    const r = this.r;
    const writable = cls.allFields.filter(
      (field) =>
        !field.readonly &&
        field.access !== "#" &&
        !field.accessor &&
        !field.declared &&
        !["unk", "any", "gen"].includes(field.type) &&
        // A slot's placeholder can replace what this writes; a redeclared field may be a slot of a class above.
        (this.allows("hookWritesSlots") || !isSlotOfChain(field)),
    );
    if (writable.length === 0) return;
    const targets = r.shuffle(writable).slice(0, r.int(1, 2));
    const statements = targets.map((field) => `${field.ref} = ${this.literal(field.type)};`);
    cls.hook = hookOwner.hook;
    cls.hookWrites = targets.map((field) => field.name);
    cls.members.push({
      kind: "method",
      id: `${cls.name}.${cls.hook}`,
      text: `${r.chance(0.5) ? "override " : ""}${cls.hook}(): void { ${statements.join(" ")} __val("${cls.name}.${cls.hook}", 1); }`,
      uses: [`${hookOwner.name}.${hookOwner.hook}`, ...targets.map((field) => field.id)],
      provides: [`${cls.name}.${cls.hook}`],
      // Fields this override writes, possibly while the superclass constructor runs: they exist from then on.
      writes: targets.map((field) => field.name),
    });
    cls.hookOverride = true;
  }

  genMethods(cls) {
    const r = this.r;
    const k = cls.k;
    const fields = this.accessibleFields(cls).filter((field) => !field.declared);
    const guaranteedCtx = { params: [{ name: "k", type: "num", id: "local" }], fields, assigned: cls.guaranteed, thisOk: true };
    const count = r.int(0, 3);
    for (let j = 0; j < count; j++) {
      const name = `c${k}m${j}`;
      const decorated = !cls.nestedSuper && this.allows("memberDecorator") && r.chance(0.06) ? "@mark " : "";
      const numeric = fields.filter((f) => f.type === "num" && !f.readonly && !f.optional && cls.guaranteed.has(f.name));
      const writable = fields.filter((f) => !f.readonly && !["unk", "any", "gen"].includes(f.type));
      const kind = r.weighted([
        ["rmw", numeric.length ? 3 : 0],
        ["read", 3],
        ["write", writable.length ? 3 : 0],
        ["throw", 1],
      ]);
      let text;
      let reads = [];
      let writes = [];
      let uses = [];
      let returns = "num";
      if (kind === "rmw") {
        const f = r.pick(numeric);
        text = `${name}(k: number): number { ${f.ref} = ${f.ref} + k; return ${f.ref} * 2; }`;
        reads = [f.name];
        writes = [f.name];
        uses = [f.id];
      } else if (kind === "write") {
        const f = r.pick(writable);
        text = `${name}(v: ${TYPES[f.type].ts}${f.optional ? " | undefined" : ""}): void { ${f.ref} = v; }`;
        writes = [f.name];
        uses = [f.id];
        returns = "void";
        const method = { name, kind: "write", reads, writes, uses, argType: f.type, owner: cls, postSafe: this.existsAfterConstruction(f) };
        cls.methods.push(method);
        cls.members.push({ kind: "method", id: `${cls.name}.${name}`, text: decorated + text, uses, provides: [`${cls.name}.${name}`] });
        continue;
      } else if (kind === "throw") {
        text = `${name}(k: number): number { if (k > 5) throw new TypeError("${name}"); return k * 3; }`;
      } else {
        const type = r.pick(["num", "str", "bool"]);
        const value = this.expr(type, guaranteedCtx);
        text = `${name}(k: number): ${TYPES[type].ts} { return ${value.text}; }`;
        uses = value.uses.filter((use) => use !== "local");
        reads = fields.filter((f) => uses.includes(f.id)).map((f) => f.name);
        returns = type;
      }
      cls.methods.push({ name, kind, reads, writes, uses, owner: cls, returns, postSafe: writes.every((w) => this.existsAfterConstruction(fields.find((f) => f.name === w))) });
      cls.members.push({ kind: "method", id: `${cls.name}.${name}`, text: decorated + text, uses, provides: [`${cls.name}.${name}`] });
    }
    // An accessor pair over one field, or a lone getter.
    if (r.chance(0.35)) {
      const name = `c${k}g0`;
      const candidates = fields.filter((f) => !f.readonly && f.type === "num" && !f.optional && cls.guaranteed.has(f.name));
      const value = this.expr("num", { ...guaranteedCtx, params: [] });
      const getter = { kind: "getter", id: `${cls.name}.${name}`, text: `get ${name}(): number { return ${value.text}; }`, uses: value.uses, provides: [`${cls.name}.${name}`] };
      cls.members.push(getter);
      cls.getter = { name, owner: cls };
      if (candidates.length > 0 && r.chance(0.6)) {
        const f = r.pick(candidates);
        cls.members.push({ kind: "setter", id: `${cls.name}.${name}:set`, text: `set ${name}(v: number) { ${f.ref} = v; }`, uses: [getter.id, f.id], provides: [`${cls.name}.${name}:set`] });
        cls.setter = { name, field: f, owner: cls, postSafe: this.existsAfterConstruction(f) };
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Constructors.

  genConstructor(cls, params) {
    const r = this.r;
    const derived = cls.baseClass !== null;
    const ctor = { params, pre: [], superCall: null, body: [] };
    const ctx = {
      params: params.filter((param) => !param.field).map((param) => ({ name: param.name, type: param.type, id: param.id })),
      fields: this.accessibleFields(cls).filter((field) => !field.declared),
      assigned: new Set(),
      tsAssigned: new Set(),
      // name -> ids of the statements that assign it: what reads relying on the assignment depend on.
      assignedBy: new Map(cls.baseClass ? [...cls.baseClass.assignedBy].map(([name, ids]) => [name, new Set(ids)]) : []),
      thisOk: !derived,
    };
    // Parameter properties are plain parameters too.
    for (const param of params) if (param.field && !param.optional) ctx.params.push({ name: param.name, type: param.type, id: param.id });

    if (derived) {
      const baseSignature = this.signatureOf(cls.baseClass);
      const superArgs = () => {
        const args = [];
        const uses = [cls.baseClass.id];
        for (const param of baseSignature) {
          if (param.optional && r.chance(0.4)) break;
          const value = this.expr(param.type, ctx);
          args.push(value.text);
          uses.push(...value.uses);
        }
        return { text: `super(${args.join(", ")})`, uses };
      };
      const style = cls.nestedSuper ? "nested" : r.weighted([["first", 6], ["afterLocals", 2]]);
      if (style === "afterLocals") {
        const local = `k${cls.k}`;
        const value = this.expr("num", ctx);
        ctor.pre.push({ id: this.tag(`${cls.name}.pre`), text: `const ${local}: number = ${value.text};`, uses: value.uses, provides: [`local:${cls.name}.${local}`] });
        ctx.params.push({ name: local, type: "num", id: `local:${cls.name}.${local}` });
      }
      if (style === "nested" && cls.superStyle !== "ifElse") {
        const call = superArgs();
        const tag = this.tag(`${cls.name}.super`);
        const text = {
          try: `try { ${call.text}; } finally { __val("${tag}", 1); }`,
          block: `{ ${call.text}; }`,
          expression: `__val("${tag}", typeof ${call.text});`,
        }[cls.superStyle];
        ctor.superCall = { id: tag, text, uses: call.uses, essential: true };
      } else if (style === "nested") {
        const condition = this.condition(ctx);
        const a = superArgs();
        const b = superArgs();
        ctor.superCall = { id: this.tag(`${cls.name}.super`), text: `if (${condition.text}) { ${a.text}; } else { ${b.text}; }`, uses: uniq([...condition.uses, ...a.uses, ...b.uses]), essential: true };
      } else {
        const call = superArgs();
        ctor.superCall = { id: this.tag(`${cls.name}.super`), text: `${call.text};`, uses: call.uses, essential: true };
      }
      ctx.thisOk = true;
    }
    // Right after super(...): the base's definitely assigned fields, then parameter properties and initialisers.
    if (cls.baseClass) for (const name of cls.baseClass.definitelyAssigned) ctx.assigned.add(name);
    for (const field of cls.allFields) if ((field.form === "param" || field.form === "init") && !field.optional) ctx.assigned.add(field.name);
    for (const field of cls.allFields) if (field.form === "declare") ctx.assigned.delete(field.name);
    // A redeclared `!` field keeps the base's value in plain TypeScript (assign mode): still assigned.

    // The sets of definitely assigned names at every exit (early returns, the end): their intersection is what a
    // finished instance certainly has.
    const state = { exits: [] };
    const required = r.shuffle(cls.allFields.filter((field) => field.form === "req"));
    // Phase 1: every required field is assigned before any early return (TS2564).
    for (const field of required) {
      const extra = r.int(0, 1);
      for (let i = 0; i < extra; i++) this.pushStatement(cls, ctor, ctx, state, false);
      const statement = this.assignment(field, ctx, cls);
      ctor.body.push(statement);
      ctx.assigned.add(field.name);
      ctx.tsAssigned.add(field.name);
      this.assignedBy(ctx, field.name, statement.id);
    }
    // Phase 2: anything, early returns included.
    const more = r.int(0, 6);
    for (let i = 0; i < more; i++) this.pushStatement(cls, ctor, ctx, state, true);
    state.exits.push(new Set(ctx.assigned));
    const [first, ...rest] = state.exits;
    cls.definitelyAssigned = new Set([...first].filter((name) => rest.every((exit) => exit.has(name))));
    for (const name of cls.guaranteed) cls.definitelyAssigned.add(name);
    cls.assignedBy = ctx.assignedBy;
    return ctor;
  }

  assignedBy(ctx, name, id) {
    if (!ctx.assignedBy.has(name)) ctx.assignedBy.set(name, new Set());
    ctx.assignedBy.get(name).add(id);
  }

  assignment(field, ctx, cls) {
    const value = this.expr(field.type, ctx);
    return { id: this.tag(`${cls.name}.set`), text: `${field.ref} = ${value.text};`, uses: uniq([field.id, ...value.uses]) };
  }

  /** Fields of a class (own, not `declare`) in the order the probe reads them. */
  probedFields(cls) {
    return cls.allFields.filter((field) => !field.declared);
  }

  daList(names, fields) {
    const wanted = fields.map((field) => field.name).filter((name) => names.has(name));
    return `[${uniq(wanted).map((name) => JSON.stringify(name)).join(", ")}]`;
  }

  pushStatement(cls, ctor, ctx, state, mayReturn) {
    const r = this.r;
    const own = cls.allFields.filter((field) => !field.declared);
    // Own fields, readonly ones included (assignable in the constructor); inherited ones that are not readonly.
    const ownWritable = own;
    const inheritedWritable = this.inheritedFields(cls).filter((field) => !field.readonly && !field.accessor && !field.declared);
    const writable = [...ownWritable, ...inheritedWritable];
    const methods = this.chainMethods(cls);
    const callable = methods.filter((method) => method.reads.every((name) => ctx.assigned.has(name)));
    const numParam = ctx.params.find((param) => param.type === "num" && !param.id.startsWith("local:"));
    const kind = r.weighted([
      ["assign", writable.length ? 4 : 0],
      ["condAssign", writable.length ? 3 : 0],
      ["earlyReturn", mayReturn && this.allows("earlyReturn") ? 1.5 : 0],
      ["probe", 2],
      ["snap", 2],
      ["read", own.length ? 2 : 0],
      ["call", callable.length ? 1.5 : 0],
      ["static", cls.statics.length ? 1 : 0],
      ["setter", cls.setter ? 1 : 0],
      ["throw", numParam && !cls.throws ? 0.5 : 0],
      ["hook", cls.hook ? 1 : 0],
      ["newTarget", 0.3],
      ["shadowName", this.allows("shadowName") ? 0.4 : 0],
    ]);
    const push = (text, uses = []) => {
      const id = this.tag(`${cls.name}.s`);
      ctor.body.push({ id, text, uses: uniq(uses) });
      return id;
    };
    switch (kind) {
      case "assign": {
        const field = r.pick(writable);
        const statement = this.assignment(field, ctx, cls);
        ctor.body.push(statement);
        ctx.assigned.add(field.name);
        ctx.tsAssigned.add(field.name);
        this.assignedBy(ctx, field.name, statement.id);
        break;
      }
      case "condAssign": {
        const field = r.pick(writable);
        const condition = this.condition(ctx);
        const then = this.assignment(field, ctx, cls);
        if (r.chance(0.4)) {
          const other = r.pick(writable);
          const otherwise = this.assignment(other, ctx, cls);
          const id = push(`if (${condition.text}) { ${then.text} } else { ${otherwise.text} }`, [...condition.uses, ...then.uses, ...otherwise.uses]);
          if (other.name === field.name) {
            ctx.assigned.add(field.name);
            ctx.tsAssigned.add(field.name);
            this.assignedBy(ctx, field.name, id);
          }
        } else push(`if (${condition.text}) ${then.text}`, [...condition.uses, ...then.uses]);
        break;
      }
      case "earlyReturn": {
        const condition = this.condition(ctx);
        if (writable.length && r.chance(0.4)) {
          const field = r.pick(writable);
          const then = this.assignment(field, ctx, cls);
          const exit = new Set(ctx.assigned);
          exit.add(field.name);
          state.exits.push(exit);
          const id = push(`if (${condition.text}) { ${then.text} return; }`, [...condition.uses, ...then.uses]);
          this.assignedBy(ctx, field.name, id);
        } else {
          state.exits.push(new Set(ctx.assigned));
          push(`if (${condition.text}) return${r.chance(0.2) ? " this" : ""};`, condition.uses);
        }
        break;
      }
      case "probe": {
        const target = r.chance(0.7) || !cls.baseClass ? cls : r.pick(this.chain(cls).slice(1));
        const tag = this.tag(`${cls.name}.ctor.probe${target.name}`);
        push(`this.__probe_${target.name}(${JSON.stringify(tag)}, ${this.daList(ctx.assigned, this.probedFields(target))});`, [target.id]);
        break;
      }
      case "snap": {
        const tag = this.tag(`${cls.name}.ctor.snap`);
        const keyed = this.chain(cls).flatMap((c) => this.probedFields(c)).filter((field) => field.key);
        push(`__snap(${JSON.stringify(tag)}, this, ${this.daList(ctx.assigned, keyed)}, "${cls.name}");`);
        break;
      }
      case "read": {
        // A direct read; TypeScript rejects reading a required field before its assignment (TS2565).
        const readable = own.filter((field) => field.form !== "req" || ctx.tsAssigned.has(field.name));
        if (readable.length === 0) break;
        const field = r.pick(readable);
        const tag = this.tag(`${cls.name}.ctor.read`);
        push(`__fld(${JSON.stringify(tag)}, "${cls.name}", "${field.name}", ${field.ref}, ${ctx.assigned.has(field.name)});`, [field.id]);
        break;
      }
      case "call": {
        const method = r.pick(callable);
        const tag = this.tag(`${cls.name}.ctor.call`);
        const readProviders = method.reads.flatMap((name) => [...(ctx.assignedBy.get(name) || [])]);
        let id;
        if (method.kind === "write") {
          const value = this.expr(method.argType, ctx);
          id = push(`this.${method.name}(${value.text});`, [`${method.owner.name}.${method.name}`, ...value.uses, ...readProviders]);
        } else {
          id = push(`__try(${JSON.stringify(tag)}, () => this.${method.name}(${r.pick(["1", "2", "9"])}));`, [`${method.owner.name}.${method.name}`, ...readProviders]);
        }
        for (const name of method.writes) {
          ctx.assigned.add(name);
          this.assignedBy(ctx, name, id);
        }
        break;
      }
      case "static": {
        const s = r.pick(cls.statics);
        push(`${cls.name}.${s.name} += 1;`, [`${cls.name}.${s.name}`]);
        break;
      }
      case "setter": {
        const value = this.expr("num", ctx);
        const id = push(`this.${cls.setter.name} = ${value.text};`, [`${cls.name}.${cls.setter.name}:set`, ...value.uses]);
        ctx.assigned.add(cls.setter.field.name);
        this.assignedBy(ctx, cls.setter.field.name, id);
        break;
      }
      case "throw": {
        cls.throws = numParam.name;
        push(`if (${numParam.name} === ${THROW_TRIGGER}) throw new RangeError("${cls.name}");`, [numParam.id]);
        break;
      }
      case "hook": {
        push(`this.${cls.hook}();`, [`${cls.name}.${cls.hook}`]);
        break;
      }
      case "newTarget": {
        push(`__val(${JSON.stringify(this.tag(`${cls.name}.nt`))}, new.target === ${cls.name});`);
        break;
      }
      case "shadowName": {
        // A local named like the class, in a block of the constructor: the seal and the slot code must not name the
        // class (conformance's privateNameNestedClassNameConflict.ts found a build that did).
        const tag = this.tag(`${cls.name}.shadow`);
        const local = r.chance(0.5) ? r.pick(["1", "2"]) : `class { ${r.pick(["k = 1;", ""])} }`;
        push(`{ const ${cls.name} = ${local}; __val(${JSON.stringify(tag)}, typeof ${cls.name}); }`);
        break;
      }
    }
  }

  chain(cls) {
    const out = [];
    for (let c = cls; c; c = c.baseClass) out.push(c);
    return out;
  }

  chainMethods(cls) {
    const seen = new Set();
    const out = [];
    for (const c of this.chain(cls)) {
      for (const method of c.methods) {
        if (seen.has(method.name)) continue;
        seen.add(method.name);
        out.push(method);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Main section.

  argsFor(cls, trigger) {
    const r = this.r;
    const signature = this.signatureOf(cls);
    const args = [];
    for (const param of signature) {
      if (param.optional && r.chance(0.4)) break;
      if (trigger && param.name === trigger) args.push(THROW_TRIGGER);
      else args.push(this.literal(param.type));
    }
    return args.join(", ");
  }

  genMain() {
    const r = this.r;
    const main = [];
    const instances = [];
    let n = 0;
    for (const cls of this.classes) {
      if (cls.abstract) continue;
      const count = r.weighted([
        [0, 1],
        [1, 5],
        [2, 2],
      ]);
      for (let j = 0; j < count; j++) {
        const name = `i${n++}`;
        const id = `inst:${name}`;
        main.push({ id: `${id}:new`, text: `const ${name} = new ${cls.name}(${this.argsFor(cls)});`, uses: [cls.id], provides: [id] });
        instances.push({ name, id, cls });
        main.push(this.snapInstance(name, id, cls, `${name}.new`));
        for (const c of this.chain(cls)) {
          main.push({ id: this.tag(`${name}.probe`), text: `${name}.__probe_${c.name}("${name}.${c.name}", ${this.daList(cls.definitelyAssigned, this.probedFields(c))});`, uses: [id, c.id] });
        }
      }
      if (cls.throws && cls.ctor) {
        main.push({ id: this.tag(`${cls.name}.throws`), text: `__try("new ${cls.name} throws", () => { new ${cls.name}(${this.argsFor(cls, cls.throws)}); return "constructed"; });`, uses: [cls.id] });
      }
    }
    const operations = r.int(0, 8);
    for (let i = 0; i < operations && instances.length > 0; i++) {
      const instance = r.pick(instances);
      const chain = this.chain(instance.cls);
      // Only methods whose writes hit properties every finished instance has (a sealed one refuses additions).
      const methods = this.chainMethods(instance.cls).filter((method) => method.postSafe);
      const publicGetter = chain.find((c) => c.getter);
      // (Setters over public fields only: a historical restriction kept so that seeds keep their programs.)
      const setterOwner = chain.find((c) => c.setter && c.setter.postSafe && c.setter.field.access === "public");
      const staticOwner = chain.find((c) => c.statics.length);
      const kind = r.weighted([
        ["method", methods.length ? 4 : 0],
        ["getter", publicGetter ? 2 : 0],
        ["setter", setterOwner ? 1.5 : 0],
        ["static", staticOwner ? 1 : 0],
        ["staticMethod", chain.some((c) => c.staticMethod) ? 0.5 : 0],
        ["snap", 1],
      ]);
      const tag = this.tag(`${instance.name}.op`);
      switch (kind) {
        case "method": {
          const method = r.pick(methods);
          const uses = [instance.id, `${method.owner.name}.${method.name}`];
          if (method.kind === "write") {
            const arg = this.literal(method.argType);
            main.push({ id: tag, text: `__try("${tag}", () => ${instance.name}.${method.name}(${arg}));`, uses });
          } else main.push({ id: tag, text: `__try("${tag}", () => ${instance.name}.${method.name}(${r.pick(["1", "3", "8"])}));`, uses });
          break;
        }
        case "getter":
          main.push({ id: tag, text: `__val("${tag}", ${instance.name}.${publicGetter.getter.name});`, uses: [instance.id, `${publicGetter.name}.${publicGetter.getter.name}`] });
          break;
        case "setter":
          main.push({ id: tag, text: `${instance.name}.${setterOwner.setter.name} = ${r.pick(NUMBERS)};`, uses: [instance.id, `${setterOwner.name}.${setterOwner.setter.name}:set`] });
          break;
        case "static": {
          const s = staticOwner.statics[0];
          main.push({ id: tag, text: `__val("${tag}", ${staticOwner.name}.${s.name});`, uses: [staticOwner.id, `${staticOwner.name}.${s.name}`] });
          break;
        }
        case "staticMethod": {
          const owner = chain.find((c) => c.staticMethod);
          main.push({ id: tag, text: `__val("${tag}", ${owner.name}.${owner.staticMethod}(2));`, uses: [owner.id, `${owner.name}.${owner.staticMethod}`] });
          break;
        }
        case "snap":
          main.push(this.snapInstance(instance.name, instance.id, instance.cls, tag));
          break;
      }
    }
    for (const instance of instances) main.push(this.snapInstance(instance.name, instance.id, instance.cls, `${instance.name}.end`));
    for (const instance of instances) {
      const keyed = this.chain(instance.cls).flatMap((c) => this.probedFields(c)).filter((field) => field.key);
      const key = keyed.length ? r.pick(keyed).key : "absent";
      main.push({ id: this.tag(`${instance.name}.mut`), text: `__mut("${instance.name}", ${instance.name}, "${key}");`, uses: [instance.id] });
    }
    return main;
  }

  snapInstance(name, id, cls, tag) {
    const keyed = this.chain(cls).flatMap((c) => this.probedFields(c)).filter((field) => field.key);
    return { id: this.tag(`${name}.snap`), text: `__snap("${tag}", ${name}, ${this.daList(cls.definitelyAssigned, keyed)}, "");`, uses: [id] };
  }

  generate() {
    const count = this.r.weighted([
      [1, 2],
      [2, 4],
      [3, 4],
      [4, 3],
      [5, 2],
    ]);
    for (let k = 0; k < count; k++) this.genClass(k);
    const main = this.genMain();
    return {
      seed: this.seed,
      configuration: this.configuration.id,
      classes: this.classes.map((cls) => serialiseClass(cls)),
      main,
    };
  }
}

/** The class model without generator-only state (what render and the minimiser need). */
function serialiseClass(cls) {
  return {
    kind: "class",
    id: cls.id,
    name: cls.name,
    base: cls.base,
    slots: cls.slots,
    expression: cls.expression,
    abstract: cls.abstract,
    generic: cls.generic,
    baseGeneric: cls.baseGeneric,
    decorators: cls.decorators,
    members: cls.members.map((member) =>
      member.field ? { ...member, field: fieldSchema(member.field) } : member,
    ),
    ctor: cls.ctor
      ? {
          params: cls.ctor.params.map((param) => ({ ...param, field: param.field ? fieldSchema(param.field) : undefined })),
          pre: cls.ctor.pre,
          superCall: cls.ctor.superCall,
          body: cls.ctor.body,
        }
      : null,
    ctorPosition: cls.ctorPosition ?? 0,
    uses: cls.uses,
    provides: cls.provides,
  };
}

function fieldSchema(field) {
  return { name: field.name, key: field.key, zero: field.zero, ref: field.ref, declared: Boolean(field.declared) };
}

// -----------------------------------------------------------------------------------------------------------------
// Rendering.

function renderProbe(cls) {
  const fields = [
    ...(cls.ctor ? cls.ctor.params.filter((param) => param.field && !param.deleted).map((param) => param.field) : []),
    ...cls.members.filter((member) => member.kind === "field" && !member.deleted && !member.field.declared).map((member) => member.field),
  ];
  const reads = fields.map((field) => `__fld(tag, "${cls.name}", "${field.name}", ${field.ref}, da.includes("${field.name}"));`);
  return `__probe_${cls.name}(tag: string, da: string[]): void { ${reads.join(" ")} }`;
}

function schemaOf(program) {
  const classes = {};
  for (const cls of program.classes) {
    if (cls.deleted) continue;
    const params = cls.ctor ? cls.ctor.params.filter((param) => param.field && !param.deleted).map((param) => param.field) : [];
    const fields = cls.members.filter((member) => member.kind === "field" && !member.deleted).map((member) => member.field);
    const early = cls.members.filter((member) => member.writes && !member.deleted).flatMap((member) => member.writes);
    classes[cls.name] = {
      base: cls.base,
      slots: cls.slots,
      expression: cls.expression,
      early,
      // Slots in the contract's order: parameter properties, then fields in declaration order.
      fields: [...params, ...fields].filter((field) => !field.declared).map((field) => [field.name, field.zero, field.key !== null]),
    };
  }
  return { classes };
}

function indent(text, depth) {
  return `${"  ".repeat(depth)}${text}`;
}

function renderClass(cls) {
  const lines = [];
  const decorators = [];
  if (cls.decorators.includes("before")) decorators.push("@mark");
  if (cls.slots) decorators.push("@slots");
  if (cls.decorators.includes("after")) decorators.push("@mark");
  const heritage = cls.base ? ` extends ${cls.base}${cls.baseGeneric ? "<number>" : ""}` : "";
  const typeParameters = cls.generic ? "<T extends number>" : "";
  const members = cls.members.filter((member) => !member.deleted).map((member) => member.text);
  if (cls.ctor) {
    const params = cls.ctor.params.filter((param) => !param.deleted).map((param) => param.text);
    const body = [...cls.ctor.pre, ...(cls.ctor.superCall ? [cls.ctor.superCall] : []), ...cls.ctor.body].filter((stmt) => !stmt.deleted);
    const ctorLines = [`constructor(${params.join(", ")}) {`, ...body.map((stmt) => indent(stmt.text, 1)), "}"];
    const at = Math.min(cls.ctorPosition, members.length);
    members.splice(at, 0, ctorLines.join("\n  "));
  }
  members.push(renderProbe(cls));
  const body = members.map((member) => indent(member, 1)).join("\n");
  if (cls.expression) {
    lines.push(`const ${cls.name} = ${decorators.join(" ")}${decorators.length ? " " : ""}class${heritage} {`, body, "};");
  } else {
    lines.push(...decorators, `${cls.abstract ? "abstract " : ""}class ${cls.name}${typeParameters}${heritage} {`, body, "}");
  }
  return lines.join("\n");
}

/**
 * The program's TypeScript text. `ignoreDefinitelyAssigned` (used by the minimiser, whose deletions can make the
 * generator's definitely-assigned claims stale) makes the program void those claims, so that the comparator then
 * allows the placeholder difference wherever the contract could.
 */
function render(program, { ignoreDefinitelyAssigned = false } = {}) {
  const parts = [
    `// differential program: seed ${program.seed}, configuration ${program.configuration}`,
    // What the build does not own: a licence header, a coverage pragma and a directive prologue above the ts-slots
    // import, which the rewrite removes (the output must keep them, and stay a module).
    "/*! licence header of a differential program */\n/* istanbul ignore file */\n\"use strict\";",
    header,
    ...(ignoreDefinitelyAssigned ? ["__ignoreDefinitelyAssigned(); // minimised: definitely-assigned claims below may be stale"] : []),
    `const __schema = ${JSON.stringify(schemaOf(program))};`,
    ...program.classes.filter((cls) => !cls.deleted).map((cls) => `${renderClass(cls)}\n__register(${cls.name}, "${cls.name}");`),
    ...program.main.filter((stmt) => !stmt.deleted).map((stmt) => stmt.text),
    epilogue,
  ];
  return parts.join("\n");
}

function generate(seed, configuration, features) {
  return new ProgramGenerator(seed, configuration, features).generate();
}

module.exports = { generate, render, schemaOf, TYPES, THROW_TRIGGER };
