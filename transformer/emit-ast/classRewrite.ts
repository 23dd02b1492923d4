// Emitter 1, the node factory: writes a class plan (plan.ts) into TypeScript's tree during a TypeScript 5/6 emit.
// The decorator removed, every slot given its first value so that it exists from construction on in one fixed order,
// and the seal added to the constructor.
//
// TypeScript's own class-field lowering is kept wherever it already creates every field in a fixed order right after
// `super(...)`: the plan only gives it what it lacks (a first value for fields without an initialiser, fields for
// parameter properties in native mode, slots after a `super(...)` that is not a root-level statement).
import type * as ts from "typescript";
import type { SlotsContext } from "../core/context";
import { guardBlock, sealStatement, slotsConstructorBody, synthesizedConstructor, thisAssignment, type ConstructorParts } from "./constructor";
import { guardFunctionName, guardHelperText } from "../core/guard";
import { placeholderFor } from "../core/placeholder";
import type { ClassLike, ClassPlan, ParameterField, SlotValue } from "../core/plan";
import { hasModifier, isInstanceField, isParameterProperty } from "../core/slots";

/** The guard helper (guard.ts), written once at the top of each file that has a guarded class; scoped: never imported from tslib. */
const guardHelper: ts.EmitHelper = { name: `ts-slots:${guardFunctionName}`, scoped: true, priority: 0, text: guardHelperText };

function valueExpression(value: SlotValue, factory: ts.NodeFactory): ts.Expression {
  if (value.kind === "zero") return placeholderFor(value.zero, factory);
  const hasOwn = factory.createCallExpression(
    factory.createPropertyAccessExpression(
      factory.createPropertyAccessExpression(factory.createPropertyAccessExpression(factory.createIdentifier("Object"), "prototype"), "hasOwnProperty"),
      "call",
    ),
    undefined,
    [factory.createThis(), factory.createStringLiteral(value.key)],
  );
  const current = factory.createElementAccessExpression(factory.createThis(), factory.createStringLiteral(value.key));
  return factory.createConditionalExpression(hasOwn, undefined, current, undefined, placeholderFor(value.zero, factory));
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
function parameterFields(plan: ClassPlan, factory: ts.NodeFactory, tsApi: typeof ts): ts.PropertyDeclaration[] {
  // A native field without an initialiser is defined as `undefined`, as TypeScript's own `mass;` is.
  const initialiser = (field: ParameterField) => (field.zero === "undefined" ? undefined : placeholderFor(field.zero, factory));
  return plan.parameterFields.map((field) => tsApi.setTextRange(factory.createPropertyDeclaration(undefined, field.name, undefined, undefined, initialiser(field)), field.declaration));
}

function parameterAssignmentExpressions(plan: ClassPlan, factory: ts.NodeFactory): ts.Expression[] {
  return plan.parameterFields.map((field) => thisAssignment(field.name, factory.createIdentifier(field.name), factory));
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

function nestedSuperExpressions(plan: ClassPlan, factory: ts.NodeFactory): ts.Expression[] {
  return plan.nestedSuperFields.map((field) => {
    const value = valueExpression(field.value, factory);
    return field.defines ? definedField(field.key, value, factory) : thisAssignment(field.key, value, factory);
  });
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

/**
 * The class a plan describes, rewritten. `node` is the class as the transformation has visited it so far (its
 * nested classes already rewritten); the plan was made on its parse-tree original, so members are matched by that.
 */
export function slotsClass(plan: ClassPlan, node: ClassLike, context: SlotsContext, transformation: ts.TransformationContext): ClassLike {
  const { tsApi } = context;
  const factory = transformation.factory;
  const original = <T extends ts.Node>(member: T): ts.Node => tsApi.getOriginalNode(member);
  const removed = new Set<ts.Node>(plan.uses.map((use) => use.decorator));
  const className = node.name;
  const guardByName = plan.guardReceiver === "name" && className !== undefined;
  const nativeParameters = plan.parameterFields.length > 0;
  const seal = plan.seal;
  const slotCode = [...parameterAssignmentExpressions(plan, factory), ...nestedSuperExpressions(plan, factory)];
  const parts: ConstructorParts = {
    slotStatements: slotCode.map((expression) => factory.createExpressionStatement(expression)),
    slotExpressions: slotCode,
    seal: seal ? () => sealStatement(seal, factory, tsApi) : undefined,
    sealedReturns: plan.sealedReturns,
  };
  const moved = new Set<ts.Node>(plan.nestedSuperFields.map((field) => field.declaration));

  const rewrittenMember = (member: ts.ClassElement): ts.ClassElement => {
    const value = plan.initialisers.get(original(member) as ts.PropertyDeclaration);
    if (value) return withInitializer(member as ts.PropertyDeclaration, valueExpression(value, factory), factory);
    if (!tsApi.isConstructorDeclaration(member) || !member.body) return member;
    const parameters = nativeParameters
      ? member.parameters.map((parameter) => (isParameterProperty(parameter, tsApi) ? plainParameter(parameter, factory, tsApi) : parameter))
      : member.parameters;
    return factory.updateConstructorDeclaration(member, member.modifiers, parameters, slotsConstructorBody(member.body, plan.placement, parts, transformation, tsApi));
  };
  const members = node.members.filter((member) => !moved.has(original(member))).map(rewrittenMember);
  // Parameter-property fields go where TypeScript puts them: before the first instance field.
  const firstField = members.findIndex((member) => isInstanceField(member, tsApi));
  if (nativeParameters) members.splice(Math.max(firstField, 0), 0, ...parameterFields(plan, factory, tsApi));
  if (plan.synthesisesConstructor) {
    const afterFields = members.reduce((after, member, index) => (isInstanceField(member, tsApi) ? index + 1 : after), 0);
    members.splice(afterFields, 0, synthesizedConstructor(plan.isDerived, parts, factory, tsApi));
  }

  if (plan.guard) {
    members.unshift(guardBlock(guardByName ? factory.createIdentifier(className.text) : factory.createThis(), plan.guardKeys, factory));
    // A scoped helper cannot be requested from the transformation; on the parse tree's file it is carried into every
    // updated file node (TypeScript copies emit helpers to the nodes it makes from it) and printed at the top.
    const file = plan.node.getSourceFile();
    if (file) tsApi.addEmitHelper(file, guardHelper);
  }

  const modifiers = node.modifiers?.filter((modifier) => !(tsApi.isDecorator(modifier) && removed.has(original(modifier))));
  if (modifiers?.some((modifier) => tsApi.isDecorator(modifier))) {
    return tsApi.isClassDeclaration(node)
      ? factory.updateClassDeclaration(node, modifiers, className, node.typeParameters, node.heritageClauses, members)
      : factory.updateClassExpression(node, modifiers, className, node.typeParameters, node.heritageClauses, members);
  }
  // Without decorators left, the class must not point back to its decorated original: TypeScript's class-field
  // lowering asks the original whether a decorator transform already took over static `this` and member decorator
  // setup (below ES2022 with standard decorators), and would leave both undone.
  const classSymbol = context.lowersStatics && context.checker && plan.node.name ? context.checker.getSymbolAtLocation(plan.node.name) : undefined;
  const ownMembers =
    classSymbol && context.checker
      ? members.map((member) => staticSelfReferencesAsThis(member, classSymbol, context.checker as ts.TypeChecker, transformation, tsApi))
      : members;
  // `export default class {}` keeps its link: TypeScript names it (`default_1`) from the original wherever its module
  // or field lowering needs a name, and a fresh class would get a second, unbound name (`default_2`).
  if (tsApi.isClassDeclaration(node) && !className) {
    return factory.updateClassDeclaration(node, modifiers, className, node.typeParameters, node.heritageClauses, ownMembers);
  }
  const created = tsApi.isClassDeclaration(node)
    ? factory.createClassDeclaration(modifiers, className, node.typeParameters, node.heritageClauses, ownMembers)
    : factory.createClassExpression(modifiers, className, node.typeParameters, node.heritageClauses, ownMembers);
  return tsApi.setTextRange(created, node);
}
