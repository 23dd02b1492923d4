// What ts-slots decides about one `@slots` class, apart from how it is written: its slots in order, the first value
// each slot gets, where the constructor's slot code goes (after which `super(...)`), which fields move behind a
// nested `super(...)`, how the seal recognises the class (by its parent, never by name), and how the guard is handed the class. Both emitters print
// this plan and decide nothing: the node-factory transformer (emit-ast/, inside a TypeScript 5/6 emit) and the
// source-text rewrite (emit-text/, before any compiler). Where the plan cannot place code it says so with a
// positioned problem, never with different behaviour.
import type * as ts from "typescript";
import { blocksAlong, constructorReturns, leadingFieldAssignments, type ConstructorReturn, prologueLength, namesShadowedAt, superCallsOf, superStatementPath } from "./constructor";
import type { SlotsContext } from "./context";
import type { SlotsDecoratorUse } from "./decorator";
import { ProblemCode, type SlotsProblem } from "./diagnostics";
import { isFractionWritten } from "./inPlaceWrites";
import type { ZeroKind } from "./placeholder";
import { collectSlots, constructorOf, extendsClauseOf, hasModifier, type Slot } from "./slots";

export type ClassLike = ts.ClassDeclaration | ts.ClassExpression;

/** The first value of a slot. */
export type SlotValue =
  /** The zero of the slot's declared type (`0`, `false`, `""`, `0n`, or `undefined`). */
  | { kind: "zero"; zero: ZeroKind }
  /** A field redeclaring an inherited property under assignment semantics: what the base stored there, if it did, else the zero. */
  | { kind: "inherited"; key: string; zero: ZeroKind };

/** A parameter property turned into a field with its zero, assigned from the parameter in the constructor. */
export interface ParameterField {
  declaration: ts.ParameterDeclaration;
  name: string;
  zero: ZeroKind;
}

/** A field that leaves the class body and is created after every `super(...)` call instead. */
export interface NestedSuperField {
  declaration: ts.PropertyDeclaration;
  key: string;
  value: SlotValue;
  /** `Object.defineProperty` (define semantics) rather than `this.key = value` (assign semantics). */
  defines: boolean;
}

/**
 * How the seal recognises the most-derived `@slots` class without naming it or adding a member: `new.target` is this
 * class exactly when its prototype is this class's parent, `Function.prototype` for a base class, the class `super`
 * reaches (`super.constructor`) for a derived one. A name would not do: a parameter or local may shadow it, an
 * anonymous class has none (naming it changes its `name`), and a bundler lowering static fields renames a class
 * that refers to itself (esbuild: `const _C = class _C`, so `C.name` is `"_C"`). A private static brand would not
 * either: esbuild lowers it with a temporary that takes an anonymous class's inferred name (`Pair.name === "_a"`).
 */
export interface SealPlan {
  /** What `Object.getPrototypeOf(new.target)` must be for this constructor to seal. */
  parent: "Function.prototype" | "super.constructor";
  /** Seal mode "guard": seal only a class the guard helper could not guard (it sets `C[__slotsUnguarded]`). */
  unlessGuarded: boolean;
}

/** Where the constructor's slot code runs: parameter-property assignments and the fields moved out of the body. */
export type SlotCodePlacement =
  /** A base class: before the body's statement at `index`, the first after its directive prologue. */
  | { kind: "start"; index: number }
  /** Right after the `super(...)` statement at this index path into the body (through blocks and `try` blocks). */
  | { kind: "afterSuperStatement"; path: readonly number[] }
  /** Each call becomes `(super(...), <slot code>, this)`: the calls sit in expressions or branches. */
  | { kind: "afterEverySuperCall"; calls: readonly ts.CallExpression[] }
  /** Nowhere: the constructor never calls `super(...)` (it returns another object), or the placement was refused. */
  | { kind: "nowhere" };

/**
 * How the guard's static block hands the class to the helper: `this`, or the class's name where TypeScript lowers
 * `this` in the static block of a class that keeps a legacy decorator to `void 0` (below ES2022).
 */
export type GuardReceiver = "this" | "name";

export interface ClassPlan {
  node: ClassLike;
  /** The `@slots` decorators this class drops. */
  uses: readonly SlotsDecoratorUse[];
  isDerived: boolean;
  slots: readonly Slot[];
  /** The constructor with a body, if the class declares one. */
  constructor: ts.ConstructorDeclaration | undefined;
  /** Fields that get an initialiser: every slot the compiler would otherwise leave out or create late. */
  initialisers: ReadonlyMap<ts.PropertyDeclaration, SlotValue>;
  /** Native class fields only: TypeScript would declare these as fields holding `undefined` until assigned. */
  parameterFields: readonly ParameterField[];
  /** Lowered fields of a derived class whose `super(...)` TypeScript cannot find (not root-level nor in a `try`). */
  nestedSuperFields: readonly NestedSuperField[];
  /** Where the constructor's slot code (`parameterFields` assignments, `nestedSuperFields`) goes. */
  placement: SlotCodePlacement;
  /** Undefined when this class's constructor does not seal. */
  seal: SealPlan | undefined;
  /** Where the seal also runs besides the constructor's end: each of its own `return` statements (empty without a seal). */
  sealedReturns: readonly ConstructorReturn[];
  /**
   * Seal mode "guard" (guard.ts): the class calls the guard helper from a static block, and its constructor, if it
   * seals, seals only when the helper could not guard the class (a derived class whose base is not guarded).
   */
  guard: boolean;
  guardReceiver: GuardReceiver;
  /** The property keys of the class's own slots, which the guard lets an instance create by assignment. */
  guardKeys: readonly string[];
  /** A constructor must be written because the class has none and one is needed (for the seal). */
  synthesisesConstructor: boolean;
  /** What the plan could not do as asked, with its position: reported by the driver. */
  problems: readonly SlotsProblem[];
}

/** The property key of a field named by an identifier, a string or a number; undefined for `#private` and computed. */
export function staticKey(name: ts.Node, tsApi: typeof ts): string | undefined {
  if (tsApi.isIdentifier(name) || tsApi.isStringLiteral(name) || tsApi.isNumericLiteral(name)) return name.text;
  return undefined;
}

/**
 * Fields TypeScript would otherwise leave undefined (native, define) or not create at all (assign). The source-text
 * emitter writes `= undefined` too (`explicitUndefined`): the compiler downstream may lower fields either way.
 */
function needsInitialiser(slot: Slot, context: SlotsContext, createdByConstructor: ReadonlySet<string>): boolean {
  if (slot.origin !== "field" || (slot.declaration as ts.PropertyDeclaration).initializer) return false;
  // With assignment semantics such a field emits nothing: the constructor's first statements create it.
  if (context.fieldMode === "assign" && context.tsApi.isIdentifier(slot.declaration.name) && createdByConstructor.has(slot.declaration.name.text)) {
    return false;
  }
  if (context.explicitUndefined) return true;
  const isPrivate = context.tsApi.isPrivateIdentifier(slot.declaration.name);
  const createsUndefinedItself = context.fieldMode !== "assign" || isPrivate;
  return !(createsUndefinedItself && slot.zero === "undefined");
}

/**
 * The first value of a slot. A field that only redeclares an inherited property (assign semantics emit nothing for
 * it) keeps what the base class stored there, and gets its zero only where the base created nothing.
 */
function slotValue(slot: Slot, context: SlotsContext): SlotValue {
  const key = staticKey(slot.declaration.name, context.tsApi);
  if (context.fieldMode !== "assign" || !slot.inherited || key === undefined) return { kind: "zero", zero: slot.zero };
  return { kind: "inherited", key, zero: slot.zero };
}

/**
 * Under define semantics nothing can read a parameter property, or a field the constructor's first statements set,
 * before that store: its zero only chooses how V8 stores the field.
 */
function isSetFirstByConstructor(slot: Slot, context: SlotsContext, createdByConstructor: ReadonlySet<string>): boolean {
  const name = slot.declaration.name;
  if (context.fieldMode === "assign" || !context.tsApi.isIdentifier(name)) return false;
  return slot.origin === "parameter" || createdByConstructor.has(name.text);
}

/** Whether code of the program (or of the file, where only it is known) updates the slot in place with a fraction. */
function isFractionWrittenSlot(slot: Slot, context: SlotsContext): boolean {
  const name = slot.declaration.name;
  return context.tsApi.isIdentifier(name) && isFractionWritten(slot.declaration, name.text, context.writeSites, context.checker, context.tsApi);
}

/**
 * Such a slot starts `undefined`, as in the normal build, unless it is a number that code updates in place with what
 * may be a fraction (core/inPlaceWrites.ts), where `0` makes those updates write in place: elsewhere a `0` start costs
 * up to 1.3x per `new` and +16 B per field.
 */
function firstZeroOf(slot: Slot, context: SlotsContext, createdByConstructor: ReadonlySet<string>): Slot {
  if (slot.zero === "undefined" || slot.zeroPinned || !isSetFirstByConstructor(slot, context, createdByConstructor)) return slot;
  if (slot.zero === "number" && isFractionWrittenSlot(slot, context)) return slot;
  return { ...slot, zero: "undefined" };
}

/**
 * When TypeScript lowers fields it writes them right after a root-level `super(...)` or one in a `try` block; any
 * other call (legal only if no field has an initialiser) gets no fields in assign mode and fields before `super` (a
 * ReferenceError) in define mode. The plain fields then go where the plan's placement puts slot code (after the
 * call's statement in a block, or after every call), with the mode's semantics; `#private` and `accessor` fields
 * keep their class-field emit.
 */
function nestedSuperFieldsOf(node: ClassLike, slots: readonly Slot[], context: SlotsContext): NestedSuperField[] {
  const { tsApi } = context;
  const ctor = constructorOf(node, tsApi);
  if (context.fieldMode === "native" || !ctor?.body || extendsClauseOf(node, tsApi) === undefined) return [];
  if (superStatementPath(ctor.body.statements, tsApi, false)) return [];
  // Initialisers and parameter properties make this class a TypeScript error (TS2401): leave it as TypeScript emits it.
  if (slots.some((slot) => slot.origin === "parameter" || (slot.declaration as ts.PropertyDeclaration).initializer)) return [];
  return slots.flatMap((slot): NestedSuperField[] => {
    const key = staticKey(slot.declaration.name, tsApi);
    if (key === undefined || hasModifier(slot.declaration, tsApi.SyntaxKind.AccessorKeyword, tsApi)) return [];
    return [{ declaration: slot.declaration as ts.PropertyDeclaration, key, value: slotValue(slot, context), defines: context.fieldMode === "define" }];
  });
}

/** Where slot code goes in a constructor, and why it cannot go there when a name at that place shadows a parameter. */
function placementOf(node: ClassLike, isDerived: boolean, parameterNames: readonly string[], context: SlotsContext): { placement: SlotCodePlacement; problems: SlotsProblem[] } {
  const { tsApi } = context;
  const body = constructorOf(node, tsApi)?.body;
  if (!body) return { placement: { kind: "nowhere" }, problems: [] };
  if (!isDerived) {
    return { placement: { kind: "start", index: prologueLength(body.statements, tsApi) }, problems: [] };
  }
  const path = superStatementPath(body.statements, tsApi);
  const calls = superCallsOf(body, tsApi);
  const placement: SlotCodePlacement = path ? { kind: "afterSuperStatement", path } : calls.length > 0 ? { kind: "afterEverySuperCall", calls } : { kind: "nowhere" };
  // The slot code reads each parameter property's parameter by name: a local of that name where it runs would be read instead.
  const places: ts.Node[] = path ? [blocksAlong(body, path, tsApi).at(-1)!.statements[path[path.length - 1]]] : calls;
  const problems = places.flatMap((place): SlotsProblem[] => {
    const shadowed = [...namesShadowedAt(place, body, tsApi)].filter((name) => parameterNames.includes(name));
    if (shadowed.length === 0) return [];
    return [
      {
        code: ProblemCode.SlotCodePlacement,
        severity: "error",
        message:
          `ts-slots cannot assign the parameter propert${shadowed.length > 1 ? "ies" : "y"} ${shadowed.map((name) => `'${name}'`).join(", ")} after this \`super(...)\`: ` +
          `a local declared around it has the same name. Rename the local, or move \`super(...)\` out of the block or arrow function that declares it.`,
        node: place,
      },
    ];
  });
  return { placement: problems.length > 0 ? { kind: "nowhere" } : placement, problems };
}

/**
 * The returns the seal runs on. In a derived class, `return <expression>;` may run before `super(...)` (returning
 * another object is legal there), when `this` cannot be touched: it is sealed only after a root-level `super(...)`
 * statement, where `this` surely exists; elsewhere it is left as written, as `return other;` always was.
 */
function sealedReturnsOf(body: ts.Block, isDerived: boolean, tsApi: typeof ts): ConstructorReturn[] {
  const returns = constructorReturns(body, tsApi);
  if (!isDerived) return returns;
  const path = superStatementPath(body.statements, tsApi, false);
  const superEnd = path ? body.statements[path[0]].end : undefined;
  return returns.filter((exit) => !exit.sealsAfterValue || (superEnd !== undefined && exit.statement.pos >= superEnd));
}

function parameterFieldsOf(slots: readonly Slot[], tsApi: typeof ts): ParameterField[] {
  return slots.flatMap((slot) => {
    const declaration = slot.declaration;
    if (slot.origin !== "parameter" || !tsApi.isIdentifier(declaration.name)) return [];
    return [{ declaration: declaration as ts.ParameterDeclaration, name: declaration.name.text, zero: slot.zero }];
  });
}

/**
 * Whether every slot is created by definition, never by assignment, so that the guard of seal mode "guard" sees no
 * slot being created: native class fields, or TypeScript's own define lowering (`Object.defineProperty`). The source
 * rewrite (`explicitUndefined`) leaves lowering to the compiler after it, whose define helpers (esbuild's
 * `__publicField`, Babel's and swc's `_defineProperty`) assign when the key is not `in` the object yet.
 */
function createsSlotsByDefinition(context: SlotsContext): boolean {
  return context.fieldMode === "native" || (context.fieldMode === "define" && !context.explicitUndefined);
}

/** Everything ts-slots decides about a `@slots` class whose decorators are `uses`. */
export function planClass(node: ClassLike, uses: readonly SlotsDecoratorUse[], context: SlotsContext): ClassPlan {
  const { tsApi } = context;
  const slots = collectSlots(node, context.checker, tsApi);
  const isDerived = extendsClauseOf(node, tsApi) !== undefined;
  const ctor = constructorOf(node, tsApi);
  const createdByConstructor = ctor?.body ? leadingFieldAssignments(ctor.body, isDerived, tsApi) : new Set<string>();
  const firstSlots = slots.map((slot) => firstZeroOf(slot, context, createdByConstructor));
  const initialisers = new Map(
    firstSlots
      .filter((slot) => needsInitialiser(slot, context, createdByConstructor))
      .map((slot) => [slot.declaration as ts.PropertyDeclaration, slotValue(slot, context)] as const),
  );
  // The guard only sees assignments: under assign semantics the slots themselves are created by assignment, so such
  // a class seals as in "always". A base class always takes the guard; a derived one only if its base has it.
  const guard = context.options.guardsInstances && createsSlotsByDefinition(context);
  const seals = context.options.sealsInstances || (context.options.guardsInstances && (!guard || isDerived));
  const seal: SealPlan | undefined = seals ? { parent: isDerived ? "super.constructor" : "Function.prototype", unlessGuarded: guard } : undefined;
  const parameterFields = context.fieldMode === "native" ? parameterFieldsOf(firstSlots, tsApi) : [];
  const nestedSuperFields = nestedSuperFieldsOf(node, slots, context);
  const needsPlacement = parameterFields.length > 0 || nestedSuperFields.length > 0;
  const { placement, problems } = needsPlacement
    ? placementOf(node, isDerived, parameterFields.map((field) => field.name), context)
    : { placement: { kind: "nowhere" } as const, problems: [] };
  const removed = new Set<ts.Node>(uses.map((use) => use.decorator));
  const keepsDecorators = (tsApi.getDecorators(node) ?? []).some((decorator) => !removed.has(decorator));
  const plan: ClassPlan = {
    node,
    uses,
    isDerived,
    slots,
    constructor: ctor,
    initialisers,
    parameterFields,
    nestedSuperFields,
    placement,
    seal,
    sealedReturns: seal && ctor?.body ? sealedReturnsOf(ctor.body, isDerived, tsApi) : [],
    guard,
    guardReceiver: guard && context.lowersStatics && keepsDecorators && node.name ? "name" : "this",
    guardKeys: guard ? slots.flatMap((slot) => staticKey(slot.declaration.name, tsApi) ?? []) : [],
    synthesisesConstructor: !ctor && seal !== undefined,
    problems,
  };
  // A slot that would start `undefined` whatever its type is no reason to warn that its type is unknown.
  const startsUndefinedAnyway = (slot: Slot) => !slot.zeroPinned && isSetFirstByConstructor(slot, context, createdByConstructor) && !isFractionWrittenSlot(slot, context);
  const unresolved = unresolvedTypeProblems(plan, createdByConstructor, startsUndefinedAnyway, tsApi);
  return { ...plan, problems: [...problems, ...unresolved] };
}

/**
 * Whether a slot's first value is a placeholder: a field without an initialiser, unless (assign semantics) the
 * constructor's first statements create it. A field with an initialiser starts with that value, and a parameter
 * property with its argument (TypeScript assigns it first thing), so neither gets a placeholder to get wrong.
 */
function startsWithPlaceholder(slot: Slot, plan: ClassPlan, created: ReadonlySet<string>, tsApi: typeof ts): boolean {
  if (slot.origin !== "field" || (slot.declaration as ts.PropertyDeclaration).initializer) return false;
  const declaration = slot.declaration as ts.PropertyDeclaration;
  if (plan.initialisers.has(declaration) || plan.nestedSuperFields.some((field) => field.declaration === declaration)) return true;
  return !(tsApi.isIdentifier(declaration.name) && created.has(declaration.name.text));
}

/** One warning per slot whose type could not be resolved: its placeholder is `undefined`, never a guessed zero. */
function unresolvedTypeProblems(plan: ClassPlan, created: ReadonlySet<string>, startsUndefinedAnyway: (slot: Slot) => boolean, tsApi: typeof ts): SlotsProblem[] {
  return plan.slots.flatMap((slot): SlotsProblem[] => {
    if (!slot.typeUnresolved || !slot.declaration.type || !startsWithPlaceholder(slot, plan, created, tsApi) || startsUndefinedAnyway(slot)) return [];
    // `1: Date` and `"label": Date` are named by their key; `#x` and `[key]` as written.
    const name = staticKey(slot.declaration.name, tsApi) ?? slot.declaration.name.getText();
    return [
      {
        code: ProblemCode.UnresolvedSlotType,
        severity: "warning",
        message:
          `The type of slot '${name}' (${slot.declaration.type.getText()}) is not known here, so its placeholder is \`undefined\` ` +
          `instead of the zero of its type; a numeric slot then stores non-integer numbers boxed. Build with type information ` +
          `(a full program, or the bundler plugins' option \`types: "program"\`), or annotate the field with a primitive type or a type declared in this file.`,
        node: slot.declaration.type,
      },
    ];
  });
}

/**
 * Where only one file is seen (the source rewrite's `types: "syntax"`), every field typed by an import would draw
 * TSS1012: a flood that buries the warnings that matter. The build shows the first one, saying so, and no other.
 */
export function firstUnresolvedOfBuild(problem: SlotsProblem): SlotsProblem {
  return {
    ...problem,
    message:
      `${problem.message} Other fields of this build whose type this one-file mode (types: "syntax") cannot resolve, imported aliases ` +
      `and enums, are not listed one by one: types: "program" resolves them all.`,
  };
}
