// What ts-slots decides about one `@slots` class, apart from how it is written: its slots in order, the first value
// each slot gets, the statements its constructor gains, which fields move behind a nested `super(...)`, and what
// the seal compares `new.target` with. Both emitters read this plan and nothing else: the node-factory transformer
// (classRewrite.ts, inside a TypeScript 5/6 emit) and the source-text rewrite (text/, before any compiler).
import type * as ts from "typescript";
import { leadingFieldAssignments, rootSuperIndex } from "./constructor";
import type { SlotsContext } from "./context";
import type { SlotsDecoratorUse } from "./decorator";
import { ProblemCode, type SlotsProblem } from "./diagnostics";
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

/** What the seal compares `new.target` with. */
export type SealTarget =
  /** The class's own name. */
  | { kind: "declared"; name: ts.Identifier }
  /**
   * An anonymous class gets the name JavaScript would infer for it (`const Point = class { … }`), which names a
   * `const` that always holds this class (`constant`), or a `let`, a `var` or only a property key.
   */
  | { kind: "inferred"; text: string; constant: boolean }
  /** An anonymous class nothing names gets a fresh name built from this base. */
  | { kind: "generated"; base: "default" | "SlotsClass" };

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
  /** A derived class whose `super(...)` is not a root-level statement, lowered fields only. */
  nestedSuperFields: readonly NestedSuperField[];
  /** Undefined when this class's constructor does not seal. */
  seal: SealTarget | undefined;
  /**
   * Seal mode "guard" (guard.ts): the class calls the guard helper from a static block, and its constructor, if it
   * seals, seals only when the helper could not guard the class (a derived class whose base is not guarded).
   */
  guard: boolean;
  /** The property keys of the class's own slots, which the guard lets an instance create by assignment. */
  guardKeys: readonly string[];
  /** A constructor must be written because the class has none and one is needed (for the seal). */
  synthesisesConstructor: boolean;
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
 * When TypeScript lowers fields it writes them right after a root-level `super(...)`; a nested call (legal only if
 * no field has an initialiser) gets no fields in assign mode and fields before `super` (a ReferenceError) in define
 * mode. The plain fields then go after every `super(...)` call instead, with the mode's semantics; `#private` and
 * `accessor` fields keep their class-field emit.
 */
function nestedSuperFieldsOf(node: ClassLike, slots: readonly Slot[], context: SlotsContext): NestedSuperField[] {
  const { tsApi } = context;
  const ctor = constructorOf(node, tsApi);
  if (context.fieldMode === "native" || !ctor?.body || extendsClauseOf(node, tsApi) === undefined) return [];
  if (rootSuperIndex(ctor.body.statements, tsApi) >= 0) return [];
  // Initialisers and parameter properties make this class a TypeScript error (TS2401): leave it as TypeScript emits it.
  if (slots.some((slot) => slot.origin === "parameter" || (slot.declaration as ts.PropertyDeclaration).initializer)) return [];
  return slots.flatMap((slot): NestedSuperField[] => {
    const key = staticKey(slot.declaration.name, tsApi);
    if (key === undefined || hasModifier(slot.declaration, tsApi.SyntaxKind.AccessorKeyword, tsApi)) return [];
    return [{ declaration: slot.declaration as ts.PropertyDeclaration, key, value: slotValue(slot, context), defines: context.fieldMode === "define" }];
  });
}

/** A name a class may take: not a reserved word, nor one strict code forbids (`let`, `static`, `arguments`, ...). */
function isBindingName(name: ts.Identifier, tsApi: typeof ts): boolean {
  const K = tsApi.SyntaxKind;
  const token = tsApi.identifierToKeywordKind(name);
  const reserved =
    token !== undefined && ((token >= K.FirstReservedWord && token <= K.LastReservedWord) || (token >= K.FirstFutureReservedWord && token <= K.LastFutureReservedWord));
  return !reserved && !["arguments", "eval", "await"].includes(name.text);
}

/** The name the seal compares `new.target` with; anonymous classes get the name JavaScript would infer, if any. */
function sealTargetOf(node: ClassLike, tsApi: typeof ts): SealTarget {
  if (node.name) return { kind: "declared", name: node.name };
  const parent = node.parent;
  if (parent && (tsApi.isVariableDeclaration(parent) || tsApi.isPropertyAssignment(parent)) && tsApi.isIdentifier(parent.name) && isBindingName(parent.name, tsApi)) {
    const constant = tsApi.isVariableDeclaration(parent) && (tsApi.getCombinedNodeFlags(parent) & tsApi.NodeFlags.Const) !== 0;
    return { kind: "inferred", text: parent.name.text, constant };
  }
  return { kind: "generated", base: tsApi.isClassDeclaration(node) ? "default" : "SlotsClass" };
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
  const initialisers = new Map(
    slots
      .filter((slot) => needsInitialiser(slot, context, createdByConstructor))
      .map((slot) => [slot.declaration as ts.PropertyDeclaration, slotValue(slot, context)] as const),
  );
  // The guard only sees assignments: under assign semantics the slots themselves are created by assignment, so such
  // a class seals as in "always". A base class always takes the guard; a derived one only if its base has it.
  const guard = context.options.guardsInstances && createsSlotsByDefinition(context);
  const seals = context.options.sealsInstances || (context.options.guardsInstances && (!guard || isDerived));
  const seal = seals ? sealTargetOf(node, tsApi) : undefined;
  return {
    node,
    uses,
    isDerived,
    slots,
    constructor: ctor,
    initialisers,
    parameterFields: context.fieldMode === "native" ? parameterFieldsOf(slots, tsApi) : [],
    nestedSuperFields: nestedSuperFieldsOf(node, slots, context),
    seal,
    guard,
    guardKeys: guard ? slots.flatMap((slot) => staticKey(slot.declaration.name, tsApi) ?? []) : [],
    synthesisesConstructor: !ctor && seal !== undefined,
  };
}

/**
 * Whether a slot's first value is a placeholder: a field without an initialiser, unless (assign semantics) the
 * constructor's first statements create it. A field with an initialiser starts with that value, and a parameter
 * property with its argument (TypeScript assigns it first thing), so neither gets a placeholder to get wrong.
 */
function startsWithPlaceholder(slot: Slot, plan: ClassPlan, tsApi: typeof ts): boolean {
  if (slot.origin !== "field" || (slot.declaration as ts.PropertyDeclaration).initializer) return false;
  const declaration = slot.declaration as ts.PropertyDeclaration;
  if (plan.initialisers.has(declaration) || plan.nestedSuperFields.some((field) => field.declaration === declaration)) return true;
  const created = plan.constructor?.body ? leadingFieldAssignments(plan.constructor.body, plan.isDerived, tsApi) : new Set<string>();
  return !(tsApi.isIdentifier(declaration.name) && created.has(declaration.name.text));
}

/** One warning per slot whose type could not be resolved: its placeholder is `undefined`, never a guessed zero. */
export function unresolvedTypeProblems(plan: ClassPlan, tsApi: typeof ts): SlotsProblem[] {
  return plan.slots.flatMap((slot): SlotsProblem[] => {
    if (!slot.typeUnresolved || !slot.declaration.type || !startsWithPlaceholder(slot, plan, tsApi)) return [];
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
