// The rewrite of one `@slots` class: the decorator removed, every slot given its placeholder so that it exists from
// construction on in one fixed order, and the seal added to the constructor.
//
// TypeScript's own class-field lowering is kept wherever it already creates every field in a fixed order right after
// `super(...)`: the rewrite only gives it what it lacks (a placeholder for fields without an initialiser, fields for
// parameter properties in native mode, slots after a `super(...)` that is not a root-level statement).
import type * as ts from "typescript";
import type { SlotsContext } from "./context";
import {
  leadingFieldAssignments,
  rootSuperIndex,
  sealStatement,
  slotsConstructorBody,
  synthesizedConstructor,
  thisAssignment,
  type ConstructorParts,
} from "./constructor";
import { placeholderFor } from "./placeholder";
import { collectSlots, constructorOf, extendsClauseOf, hasModifier, isInstanceField, isParameterProperty, type Slot } from "./slots";

type ClassLike = ts.ClassDeclaration | ts.ClassExpression;

/** Fields TypeScript would otherwise leave undefined (native, define) or not create at all (assign). */
function needsPlaceholder(slot: Slot, context: SlotsContext, createdByConstructor: ReadonlySet<string>): boolean {
  if (slot.origin !== "field" || (slot.declaration as ts.PropertyDeclaration).initializer) return false;
  // With assignment semantics such a field emits nothing: the constructor's first statements create it.
  if (context.fieldMode === "assign" && context.tsApi.isIdentifier(slot.declaration.name) && createdByConstructor.has(slot.declaration.name.text)) {
    return false;
  }
  const isPrivate = context.tsApi.isPrivateIdentifier(slot.declaration.name);
  const createsUndefinedItself = context.fieldMode !== "assign" || isPrivate;
  return !(createsUndefinedItself && slot.zero === "undefined");
}

/**
 * The first value of a slot. A field that only redeclares an inherited property (assign semantics emit nothing for
 * it) keeps what the base class stored there, and gets its placeholder only where the base created nothing.
 */
function slotValue(slot: Slot, context: SlotsContext, factory: ts.NodeFactory): ts.Expression {
  const key = staticKey(slot.declaration.name, context.tsApi);
  if (context.fieldMode !== "assign" || !slot.inherited || key === undefined) return placeholderFor(slot.zero, factory);
  const hasOwn = factory.createCallExpression(
    factory.createPropertyAccessExpression(
      factory.createPropertyAccessExpression(factory.createPropertyAccessExpression(factory.createIdentifier("Object"), "prototype"), "hasOwnProperty"),
      "call",
    ),
    undefined,
    [factory.createThis(), factory.createStringLiteral(key)],
  );
  const current = factory.createElementAccessExpression(factory.createThis(), factory.createStringLiteral(key));
  return factory.createConditionalExpression(hasOwn, undefined, current, undefined, placeholderFor(slot.zero, factory));
}

function withInitializer(field: ts.PropertyDeclaration, initializer: ts.Expression, factory: ts.NodeFactory): ts.PropertyDeclaration {
  return factory.updatePropertyDeclaration(field, field.modifiers, field.name, undefined, field.type, initializer);
}

/** A parameter without its property modifiers (decorators stay): the field now declared in the class body instead. */
function plainParameter(parameter: ts.ParameterDeclaration, factory: ts.NodeFactory, tsApi: typeof ts): ts.ParameterDeclaration {
  const modifiers = (parameter.modifiers ?? []).filter((modifier) => tsApi.isDecorator(modifier));
  return factory.updateParameterDeclaration(
    parameter,
    modifiers,
    parameter.dotDotDotToken,
    parameter.name,
    parameter.questionToken,
    parameter.type,
    parameter.initializer,
  );
}

/**
 * In native mode TypeScript declares a parameter property as a class field holding `undefined` until the
 * constructor assigns it, which poisons numeric fields. It becomes a field with its placeholder plus an assignment.
 */
function parameterFields(slots: readonly Slot[], context: SlotsContext, factory: ts.NodeFactory): ts.PropertyDeclaration[] {
  return slots.flatMap((slot) => {
    if (slot.origin !== "parameter" || !context.tsApi.isIdentifier(slot.declaration.name)) return [];
    const field = factory.createPropertyDeclaration(undefined, slot.declaration.name.text, undefined, undefined, placeholderFor(slot.zero, factory));
    return [context.tsApi.setTextRange(field, slot.declaration)];
  });
}

function parameterAssignments(slots: readonly Slot[], context: SlotsContext, factory: ts.NodeFactory): ts.Statement[] {
  return slots.flatMap((slot) => {
    const name = slot.declaration.name;
    if (slot.origin !== "parameter" || !context.tsApi.isIdentifier(name)) return [];
    const statement = factory.createExpressionStatement(thisAssignment(name.text, factory.createIdentifier(name.text), factory));
    return [context.tsApi.setTextRange(statement, slot.declaration)];
  });
}

/** `Object.defineProperty(this, "x", { enumerable, configurable, writable, value })`: a field with define semantics. */
function definedField(key: string, value: ts.Expression, factory: ts.NodeFactory): ts.Expression {
  const attribute = (name: string, initial: ts.Expression) => factory.createPropertyAssignment(name, initial);
  return factory.createCallExpression(factory.createPropertyAccessExpression(factory.createIdentifier("Object"), "defineProperty"), undefined, [
    factory.createThis(),
    factory.createStringLiteral(key),
    factory.createObjectLiteralExpression([
      attribute("enumerable", factory.createTrue()),
      attribute("configurable", factory.createTrue()),
      attribute("writable", factory.createTrue()),
      attribute("value", value),
    ]),
  ]);
}

/** The property key of a field named by an identifier, a string or a number; undefined for `#private` and computed. */
function staticKey(name: ts.Node, tsApi: typeof ts): string | undefined {
  if (tsApi.isIdentifier(name) || tsApi.isStringLiteral(name) || tsApi.isNumericLiteral(name)) return name.text;
  return undefined;
}

/**
 * When TypeScript lowers fields it writes them right after a root-level `super(...)`; a nested call (legal only if
 * no field has an initialiser) gets no fields in assign mode and fields before `super` (a ReferenceError) in define
 * mode. The plain fields then go after every `super(...)` call instead, with the mode's semantics; `#private` and
 * `accessor` fields keep their class-field emit.
 */
function nestedSuperSlots(node: ClassLike, slots: readonly Slot[], context: SlotsContext): { fields: Set<ts.Node>; expressions: ts.Expression[] } {
  const none = { fields: new Set<ts.Node>(), expressions: [] };
  const { tsApi } = context;
  const ctor = constructorOf(node, tsApi);
  if (context.fieldMode === "native" || !ctor?.body || extendsClauseOf(node, tsApi) === undefined) return none;
  if (rootSuperIndex(ctor.body.statements, tsApi) >= 0) return none;
  // Initialisers and parameter properties make this class a TypeScript error (TS2401): leave it as TypeScript emits it.
  if (slots.some((slot) => slot.origin === "parameter" || (slot.declaration as ts.PropertyDeclaration).initializer)) return none;
  const factory = tsApi.factory;
  const fields = new Set<ts.Node>();
  const expressions: ts.Expression[] = [];
  for (const slot of slots) {
    const key = staticKey(slot.declaration.name, tsApi);
    if (key === undefined || hasModifier(slot.declaration, tsApi.SyntaxKind.AccessorKeyword, tsApi)) continue;
    const value = slotValue(slot, context, factory);
    fields.add(slot.declaration);
    expressions.push(context.fieldMode === "define" ? definedField(key, value, factory) : thisAssignment(key, value, factory));
  }
  return { fields, expressions };
}

/** The name the seal compares `new.target` with; anonymous classes get the name JavaScript would infer, if any. */
function classNameFor(node: ClassLike, factory: ts.NodeFactory, tsApi: typeof ts): ts.Identifier {
  if (node.name) return node.name;
  const parent = node.parent;
  if (parent && (tsApi.isVariableDeclaration(parent) || tsApi.isPropertyAssignment(parent)) && tsApi.isIdentifier(parent.name)) {
    return factory.createIdentifier(parent.name.text);
  }
  return factory.createUniqueName(tsApi.isClassDeclaration(node) ? "default" : "SlotsClass");
}

/** A fresh reference to the class name; a generated name is shared, as its spelling is only decided when printed. */
function classReference(name: ts.Identifier, factory: ts.NodeFactory): ts.Identifier {
  return name.pos === -1 && name.end === -1 && !name.parent ? name : factory.createIdentifier(name.text);
}

/**
 * Static code that names its own class, rewritten to `this` (the class, in a static initialiser or block). A class
 * rewritten without its decorated original loses TypeScript's record of such self-references, which its lowering
 * of statics below ES2022 needs to reach the class before its binding is initialised.
 */
function staticSelfReferencesAsThis(
  member: ts.ClassElement,
  classSymbol: ts.Symbol,
  checker: ts.TypeChecker,
  transformation: ts.TransformationContext,
  tsApi: typeof ts,
): ts.ClassElement {
  const isStaticCode = tsApi.isClassStaticBlockDeclaration(member) || (tsApi.isPropertyDeclaration(member) && hasModifier(member, tsApi.SyntaxKind.StaticKeyword, tsApi));
  if (!isStaticCode) return member;
  const visit = (node: ts.Node): ts.Node => {
    // `this` means something else inside a non-arrow function or a nested class; types are not values.
    if ((tsApi.isFunctionLike(node) && !tsApi.isArrowFunction(node)) || tsApi.isClassLike(node) || tsApi.isTypeNode(node)) return node;
    const parent = node.parent;
    const isValueReference =
      tsApi.isIdentifier(node) &&
      !(parent && tsApi.isPropertyAccessExpression(parent) && parent.name === node) &&
      !(parent && tsApi.isShorthandPropertyAssignment(parent)) &&
      checker.getSymbolAtLocation(node) === classSymbol;
    if (isValueReference) return tsApi.setTextRange(transformation.factory.createThis(), node);
    return tsApi.visitEachChild(node, visit, transformation);
  };
  if (tsApi.isClassStaticBlockDeclaration(member)) return tsApi.visitEachChild(member, visit, transformation);
  return member.initializer ? transformation.factory.updatePropertyDeclaration(member, member.modifiers, member.name, member.questionToken ?? member.exclamationToken, member.type, tsApi.visitNode(member.initializer, visit, tsApi.isExpression)) : member;
}

/** Rewrites a `@slots` class; `removed` are the `@slots` decorators to drop from it. */
export function slotsClass(
  node: ClassLike,
  removed: ReadonlySet<ts.Decorator>,
  context: SlotsContext,
  transformation: ts.TransformationContext,
): ClassLike {
  const { tsApi } = context;
  const factory = transformation.factory;
  const slots = collectSlots(node, context.checker, tsApi);
  const isDerived = extendsClauseOf(node, tsApi) !== undefined;
  const nativeParameters = context.fieldMode === "native";
  const nested = nestedSuperSlots(node, slots, context);
  const name = context.options.sealsInstances ? classNameFor(node, factory, tsApi) : node.name;
  const parts: ConstructorParts = {
    slotStatements: nativeParameters ? parameterAssignments(slots, context, factory) : [],
    slotExpressionsAfterNestedSuper: nested.expressions,
    seal: context.options.sealsInstances && name ? () => sealStatement(classReference(name, factory), factory, tsApi) : undefined,
  };
  const ctor = constructorOf(node, tsApi);
  const createdByConstructor = ctor?.body ? leadingFieldAssignments(ctor.body, isDerived, tsApi) : new Set<string>();
  const placeholders = new Map(slots.filter((slot) => needsPlaceholder(slot, context, createdByConstructor)).map((slot) => [slot.declaration, slot]));

  const rewrittenMember = (member: ts.ClassElement): ts.ClassElement => {
    const slot = placeholders.get(member as ts.PropertyDeclaration);
    if (slot) return withInitializer(member as ts.PropertyDeclaration, slotValue(slot, context, factory), factory);
    if (!tsApi.isConstructorDeclaration(member) || !member.body) return member;
    const parameters = nativeParameters
      ? member.parameters.map((parameter) => (isParameterProperty(parameter, tsApi) ? plainParameter(parameter, factory, tsApi) : parameter))
      : member.parameters;
    return factory.updateConstructorDeclaration(member, member.modifiers, parameters, slotsConstructorBody(member.body, isDerived, parts, transformation, tsApi));
  };
  const members = node.members.filter((member) => !nested.fields.has(member)).map(rewrittenMember);
  // Parameter-property fields go where TypeScript puts them: before the first instance field.
  const firstField = members.findIndex((member) => isInstanceField(member, tsApi));
  if (nativeParameters) members.splice(Math.max(firstField, 0), 0, ...parameterFields(slots, context, factory));
  if (!ctor && parts.seal) {
    const afterFields = members.reduce((after, member, index) => (isInstanceField(member, tsApi) ? index + 1 : after), 0);
    members.splice(afterFields, 0, synthesizedConstructor(isDerived, parts, factory, tsApi));
  }

  const modifiers = node.modifiers?.filter((modifier) => !(tsApi.isDecorator(modifier) && removed.has(modifier)));
  if (modifiers?.some((modifier) => tsApi.isDecorator(modifier))) {
    return tsApi.isClassDeclaration(node)
      ? factory.updateClassDeclaration(node, modifiers, name, node.typeParameters, node.heritageClauses, members)
      : factory.updateClassExpression(node, modifiers, name, node.typeParameters, node.heritageClauses, members);
  }
  // Without decorators left, the class must not point back to its decorated original: TypeScript's class-field
  // lowering asks the original whether a decorator transform already took over static `this` and member decorator
  // setup (below ES2022 with standard decorators), and would leave both undone.
  const classSymbol = context.lowersStatics && context.checker && node.name ? context.checker.getSymbolAtLocation(node.name) : undefined;
  const ownMembers =
    classSymbol && context.checker
      ? members.map((member) => staticSelfReferencesAsThis(member, classSymbol, context.checker as ts.TypeChecker, transformation, tsApi))
      : members;
  const created = tsApi.isClassDeclaration(node)
    ? factory.createClassDeclaration(modifiers, name, node.typeParameters, node.heritageClauses, ownMembers)
    : factory.createClassExpression(modifiers, name, node.typeParameters, node.heritageClauses, ownMembers);
  return tsApi.setTextRange(created, node);
}
