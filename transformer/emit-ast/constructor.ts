// The constructor of a `@slots` class as TypeScript nodes: the slot code where the plan places it (plan.ts), the
// seal on every normal exit, and the constructor synthesised for classes that declare none.
import type * as ts from "typescript";
import { guardFunctionName, unguardedKeyName } from "../core/guard";
import type { ConstructorReturn } from "../core/constructor";
import type { SealPlan, SlotCodePlacement } from "../core/plan";

export interface ConstructorParts {
  /** Statements that create slots, where the plan's placement says (after `super(...)`, or first in a base class). */
  slotStatements: readonly ts.Statement[];
  /** The same as expressions, for a placement after every `super(...)` call. */
  slotExpressions: readonly ts.Expression[];
  /** Makes the seal statement (a fresh node per exit), or undefined when not sealing. */
  seal: (() => ts.Statement) | undefined;
  /** The constructor's own `return` statements and how each is sealed (plan.ts `sealedReturns`). */
  sealedReturns: readonly ConstructorReturn[];
}

/**
 * `if (Object.getPrototypeOf(new.target) === Function.prototype) Object.seal(this);` (`=== super.constructor` in a
 * derived class): only the most-derived `@slots` constructor seals (plan.ts, SealPlan). Under seal mode "guard" also
 * `&& new.target[__slotsUnguarded]`, which the guard helper sets only on a class it could not guard.
 */
export function sealStatement(seal: SealPlan, factory: ts.NodeFactory, tsApi: typeof ts): ts.Statement {
  const newTarget = () => factory.createMetaProperty(tsApi.SyntaxKind.NewKeyword, factory.createIdentifier("target"));
  const objectCall = (name: string, argument: ts.Expression) =>
    factory.createCallExpression(factory.createPropertyAccessExpression(factory.createIdentifier("Object"), name), undefined, [argument]);
  const parent =
    seal.parent === "Function.prototype"
      ? factory.createPropertyAccessExpression(factory.createIdentifier("Function"), "prototype")
      : factory.createPropertyAccessExpression(factory.createSuper(), "constructor");
  const isThisClass = factory.createStrictEquality(objectCall("getPrototypeOf", newTarget()), parent);
  const condition = seal.unlessGuarded ? factory.createLogicalAnd(isThisClass, factory.createElementAccessExpression(newTarget(), factory.createIdentifier(unguardedKeyName))) : isThisClass;
  return factory.createIfStatement(condition, factory.createExpressionStatement(objectCall("seal", factory.createThis())));
}

/** `this.key = value`, or `this["key"] = value` where the key is not an identifier. */
export function thisAssignment(key: string, value: ts.Expression, factory: ts.NodeFactory): ts.Expression {
  const target = /^[A-Za-z_$][\w$]*$/.test(key)
    ? factory.createPropertyAccessExpression(factory.createThis(), key)
    : factory.createElementAccessExpression(factory.createThis(), factory.createStringLiteral(key));
  return factory.createAssignment(target, value);
}

function isFunctionBoundary(node: ts.Node, tsApi: typeof ts): boolean {
  return tsApi.isFunctionLike(node) || tsApi.isClassLike(node);
}

/**
 * Seals on every `return` the plan lists: before `return;` and `return this;`; after the value of
 * `return <expression>;` is computed, through an arrow function (it shares `this`, `new.target` and `super`):
 * `return ((returned) => { <seal> return returned; })(<expression>);`.
 */
function sealOnReturns(body: ts.Block, seal: () => ts.Statement, returns: readonly ConstructorReturn[], context: ts.TransformationContext, tsApi: typeof ts): ts.Block {
  const factory = context.factory;
  const sealsAfterValue = new Map<ts.Node, boolean>(returns.map((exit) => [exit.statement, exit.sealsAfterValue]));
  const visit = (node: ts.Node): ts.Node => {
    if (isFunctionBoundary(node, tsApi)) return node;
    const after = tsApi.isReturnStatement(node) ? sealsAfterValue.get(tsApi.getOriginalNode(node)) : undefined;
    if (after === false) return tsApi.setTextRange(factory.createBlock([seal(), node as ts.ReturnStatement], false), node);
    if (after === true) {
      const statement = node as ts.ReturnStatement;
      const returned = factory.createUniqueName("returned");
      const sealing = factory.createArrowFunction(
        undefined,
        undefined,
        [factory.createParameterDeclaration(undefined, undefined, returned)],
        undefined,
        factory.createToken(tsApi.SyntaxKind.EqualsGreaterThanToken),
        factory.createBlock([seal(), factory.createReturnStatement(returned)], false),
      );
      const value = tsApi.visitNode(statement.expression, visit, tsApi.isExpression);
      return tsApi.setTextRange(factory.createReturnStatement(factory.createCallExpression(factory.createParenthesizedExpression(sealing), undefined, value ? [value] : [])), node);
    }
    return tsApi.visitEachChild(node, visit, context);
  };
  return tsApi.visitEachChild(body, visit, context);
}

/** Replaces each of the plan's `super(...)` calls with `(super(...), <slot expressions>, this)`. */
function slotsAfterEachSuperCall(
  body: ts.Block,
  calls: ReadonlySet<ts.Node>,
  expressions: readonly ts.Expression[],
  context: ts.TransformationContext,
  tsApi: typeof ts,
): ts.Block {
  const factory = context.factory;
  const visit = (node: ts.Node): ts.Node => {
    if (isFunctionBoundary(node, tsApi) && !tsApi.isArrowFunction(node)) return node;
    const visited = tsApi.visitEachChild(node, visit, context);
    if (tsApi.isCallExpression(visited) && calls.has(tsApi.getOriginalNode(node))) {
      return factory.createParenthesizedExpression(factory.createCommaListExpression([visited, ...expressions, factory.createThis()]));
    }
    return visited;
  };
  return tsApi.visitEachChild(body, visit, context);
}

function insertAt(statements: readonly ts.Statement[], index: number, inserted: readonly ts.Statement[]): ts.Statement[] {
  return [...statements.slice(0, index), ...inserted, ...statements.slice(index)];
}

/** The statements with `inserted` right after the statement at `path` (through blocks and `try` blocks). */
function insertedAfterPath(statements: readonly ts.Statement[], path: readonly number[], inserted: readonly ts.Statement[], factory: ts.NodeFactory, tsApi: typeof ts): ts.Statement[] {
  const [index, ...rest] = path;
  if (rest.length === 0) return insertAt(statements, index + 1, inserted);
  const statement = statements[index];
  const replaced = tsApi.isTryStatement(statement)
    ? factory.updateTryStatement(statement, updatedBlock(statement.tryBlock, rest, inserted, factory, tsApi), statement.catchClause, statement.finallyBlock)
    : updatedBlock(statement as ts.Block, rest, inserted, factory, tsApi);
  return [...statements.slice(0, index), replaced, ...statements.slice(index + 1)];
}

function updatedBlock(block: ts.Block, path: readonly number[], inserted: readonly ts.Statement[], factory: ts.NodeFactory, tsApi: typeof ts): ts.Block {
  return factory.updateBlock(block, insertedAfterPath(block.statements, path, inserted, factory, tsApi));
}

/** The body of a `@slots` constructor: slot code where the plan places it, the user's statements, the seal on every exit. */
export function slotsConstructorBody(
  body: ts.Block,
  placement: SlotCodePlacement,
  parts: ConstructorParts,
  context: ts.TransformationContext,
  tsApi: typeof ts,
): ts.Block {
  const factory = context.factory;
  let block = body;
  if (placement.kind === "afterEverySuperCall" && parts.slotExpressions.length > 0) {
    block = slotsAfterEachSuperCall(block, new Set(placement.calls), parts.slotExpressions, context, tsApi);
  }
  if (parts.seal) block = sealOnReturns(block, parts.seal, parts.sealedReturns, context, tsApi);
  let statements: ts.Statement[] = [...block.statements];
  if (parts.slotStatements.length > 0) {
    if (placement.kind === "start") statements = insertAt(statements, placement.index, parts.slotStatements);
    if (placement.kind === "afterSuperStatement") statements = insertedAfterPath(statements, placement.path, parts.slotStatements, factory, tsApi);
  }
  if (parts.seal) statements.push(parts.seal());
  // A new multi-line block: `constructor(x) {}` written on one line would otherwise print its slots on that line.
  const rewritten = tsApi.setTextRange(factory.createBlock(statements, true), body);
  return tsApi.setOriginalNode(rewritten, body);
}

/** A constructor for a class that declares none: `constructor(...args) { super(...args); <seal> }`. */
export function synthesizedConstructor(isDerived: boolean, parts: ConstructorParts, factory: ts.NodeFactory, tsApi: typeof ts): ts.ConstructorDeclaration {
  const args = factory.createUniqueName("args");
  const parameters = isDerived ? [factory.createParameterDeclaration(undefined, factory.createToken(tsApi.SyntaxKind.DotDotDotToken), args)] : [];
  const superCall = isDerived
    ? [factory.createExpressionStatement(factory.createCallExpression(factory.createSuper(), undefined, [factory.createSpreadElement(args)]))]
    : [];
  const statements = [...superCall, ...parts.slotStatements, ...(parts.seal ? [parts.seal()] : [])];
  return factory.createConstructorDeclaration(undefined, parameters, factory.createBlock(statements, true));
}

/** `static { __slotsGuard(this, ["x", "y"]); }`: the guard helper, run first while the class is defined, before any instance. */
export function guardBlock(theClass: ts.Expression, keys: readonly string[], factory: ts.NodeFactory): ts.ClassStaticBlockDeclaration {
  const keyList = factory.createArrayLiteralExpression(keys.map((key) => factory.createStringLiteral(key)));
  const call = factory.createCallExpression(factory.createIdentifier(guardFunctionName), undefined, [theClass, keyList]);
  return factory.createClassStaticBlockDeclaration(factory.createBlock([factory.createExpressionStatement(call)], false));
}
