// TSS1013: the prototype of a `@slots` class patched or replaced from outside its body: a mixin that copies members
// onto `C.prototype` (`Object.assign(C.prototype, ...)`, `C.prototype.m = ...`, an `applyMixins(C, [...])`-style helper
// that writes its parameter's `prototype`), `C.prototype = ...`, or `Object.setPrototypeOf` on the class, its
// prototype or (after construction) one of its instances. Copied members run on sealed instances with `this` typed as
// another class, so no check sees what they write; a sealed instance refuses a new prototype outright.
import type * as ts from "typescript";
import { ProblemCode, type SlotsProblem } from "../diagnostics";
import { globalMethodCall, isAssignmentOperator, isWriteTarget, unwrap } from "./expressions";
import type { CheckScope } from "./scope";
import { classNameOf, isInConstructor, slotsTargetOf } from "./target";

type ClassLike = ts.ClassLikeDeclaration;

/** Calls whose first argument has members copied onto it, or its prototype replaced. */
const patchingCalls = new Set([
  "Object.assign",
  "Object.defineProperty",
  "Object.defineProperties",
  "Object.setPrototypeOf",
  "Reflect.defineProperty",
  "Reflect.set",
  "Reflect.setPrototypeOf",
]);

/** The class declaration an expression names as a value (`C`, `ns.C`, an alias), when it is a `@slots` class. */
function slotsClassNamedBy(expression: ts.Expression, scope: CheckScope): ClassLike | undefined {
  const { tsApi, checker } = scope;
  const inner = unwrap(expression, tsApi).inner;
  if (!checker || (!tsApi.isIdentifier(inner) && !tsApi.isPropertyAccessExpression(inner))) return undefined;
  let symbol = checker.getSymbolAtLocation(inner);
  if (symbol && symbol.flags & tsApi.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.declarations?.find((candidate): candidate is ClassLike => tsApi.isClassLike(candidate));
  return declaration && scope.slots.isSlotsClass(declaration) ? declaration : undefined;
}

/** `X.prototype` (through casts), answering X. */
function prototypeOwner(expression: ts.Expression, tsApi: typeof ts): ts.Expression | undefined {
  const inner = unwrap(expression, tsApi).inner;
  return tsApi.isPropertyAccessExpression(inner) && inner.name.text === "prototype" ? inner.expression : undefined;
}

/** Calls of the global Object/Reflect methods that patch their first argument: the method's name. */
function patchingCallName(call: ts.CallExpression, scope: CheckScope): string | undefined {
  const callee = globalMethodCall(call, scope);
  const name = callee && `${callee.owner}.${callee.method}`;
  return name !== undefined && patchingCalls.has(name) ? name : undefined;
}

/**
 * Where `owner.prototype` is patched at this node: the `owner` expression (`C` in `C.prototype.m = f`,
 * `Object.assign(C.prototype, ...)`, `C.prototype = p`), else undefined.
 */
function patchedPrototypeOwner(node: ts.Node, scope: CheckScope): ts.Expression | undefined {
  const { tsApi } = scope;
  if (tsApi.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind, tsApi)) {
    const left = unwrap(node.left, tsApi).inner;
    const replaced = prototypeOwner(left, tsApi);
    if (replaced) return replaced;
    if ((tsApi.isPropertyAccessExpression(left) || tsApi.isElementAccessExpression(left)) && isWriteTarget(left, tsApi)) return prototypeOwner(left.expression, tsApi);
    return undefined;
  }
  if (tsApi.isCallExpression(node) && patchingCallName(node, scope)) {
    const first = node.arguments[0];
    return first && !tsApi.isSpreadElement(first) ? prototypeOwner(first, tsApi) : undefined;
  }
  return undefined;
}

/** Per function declaration: which of its parameters have their `prototype` patched in its body (applyMixins). */
const patchedParameters = new WeakMap<ts.Node, ReadonlySet<number>>();

function parametersPatchedBy(fn: ts.SignatureDeclaration, scope: CheckScope): ReadonlySet<number> {
  const known = patchedParameters.get(fn);
  if (known) return known;
  const { tsApi, checker } = scope;
  const found = new Set<number>();
  patchedParameters.set(fn, found);
  const body = "body" in fn ? (fn.body as ts.Node | undefined) : undefined;
  if (!checker || !body) return found;
  const indexOf = new Map<ts.Symbol, number>();
  fn.parameters.forEach((parameter, index) => {
    const symbol = tsApi.isIdentifier(parameter.name) ? checker.getSymbolAtLocation(parameter.name) : undefined;
    if (symbol) indexOf.set(symbol, index);
  });
  const visit = (node: ts.Node): void => {
    const owner = patchedPrototypeOwner(node, scope);
    if (owner) {
      const symbol = tsApi.isIdentifier(unwrap(owner, tsApi).inner) ? checker.getSymbolAtLocation(unwrap(owner, tsApi).inner) : undefined;
      const index = symbol && indexOf.get(symbol);
      if (index !== undefined) found.add(index);
    }
    tsApi.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

/** The function a call calls, when it is declared in source (a function declaration, or a variable holding one). */
function calledFunction(call: ts.CallExpression, scope: CheckScope): ts.SignatureDeclaration | undefined {
  const { tsApi, checker } = scope;
  if (!checker) return undefined;
  let symbol = checker.getSymbolAtLocation(unwrap(call.expression, tsApi).inner);
  if (symbol && symbol.flags & tsApi.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  for (const declaration of symbol?.declarations ?? []) {
    if (declaration.getSourceFile().isDeclarationFile) continue;
    if (tsApi.isFunctionDeclaration(declaration) || tsApi.isMethodDeclaration(declaration)) return declaration;
    if (tsApi.isVariableDeclaration(declaration) && declaration.initializer) {
      const initializer = unwrap(declaration.initializer, tsApi).inner;
      if (tsApi.isFunctionExpression(initializer) || tsApi.isArrowFunction(initializer)) return initializer;
    }
  }
  return undefined;
}

function problem(node: ts.Node, subject: ClassLike, what: string): SlotsProblem {
  const name = classNameOf(subject);
  return {
    code: ProblemCode.PrototypePatch,
    severity: "error",
    message:
      `${what} of @slots class ${name} from outside its body. Members copied onto a prototype run on its instances with \`this\` typed as ` +
      `another class, so ts-slots cannot check what they write (anything they add throws a TypeError where the class is sealed), and a sealed instance refuses a new prototype. ` +
      `Declare the members in ${name} itself (fields for their state), or drop @slots from ${name}.`,
    node,
    subject,
  };
}

export function checkPrototypePatch(node: ts.Node, scope: CheckScope): SlotsProblem[] {
  const { tsApi } = scope;
  if (!scope.checker) return [];
  const owner = patchedPrototypeOwner(node, scope);
  const patched = owner && slotsClassNamedBy(owner, scope);
  if (patched) return [problem(node, patched, `\`${node.getText(scope.file).split("\n")[0]}\` patches the prototype`)];
  if (!tsApi.isCallExpression(node)) return [];
  const name = patchingCallName(node, scope);
  const first = node.arguments[0];
  if (name?.endsWith("setPrototypeOf") && first && !tsApi.isSpreadElement(first)) {
    const rebased = slotsClassNamedBy(first, scope);
    if (rebased) return [problem(node, rebased, `${name} changes the base`)];
    const object = unwrap(first, tsApi).inner;
    const target = slotsTargetOf(object, scope);
    if (target && !isInConstructor(object, tsApi)) return [problem(node, target.slotsClass, `${name} changes the prototype of an instance`)];
    return [];
  }
  // Only an argument that names a class can name a @slots class (slotsClassNamedBy): skip resolving the callee,
  // a checker lookup for every call of the program, when no argument does.
  const namesSomething = node.arguments.some((argument) => {
    const inner = unwrap(argument, tsApi).inner;
    return tsApi.isIdentifier(inner) || tsApi.isPropertyAccessExpression(inner);
  });
  if (!namesSomething) return [];
  const helper = calledFunction(node, scope);
  if (!helper) return [];
  const problems: SlotsProblem[] = [];
  for (const index of parametersPatchedBy(helper, scope)) {
    const argument = node.arguments[index];
    const mixedInto = argument && !tsApi.isSpreadElement(argument) ? slotsClassNamedBy(argument, scope) : undefined;
    const helperName = helper.name ? helper.name.getText() : "a helper";
    if (mixedInto) problems.push(problem(node, mixedInto, `\`${helperName}()\` copies members onto the prototype (a mixin)`));
  }
  return problems;
}
