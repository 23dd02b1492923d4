// TSS1014 (review): a `@slots` instance that escapes into a place typed `any` or `unknown`: an argument whose parameter
// is `any`/`unknown` (generic type arguments erased to `any` included: `Map<string, any>.set(k, x)`), an argument of a
// callee typed `any`, a return value, an array element, an object property or a variable initialiser typed so, an
// assignment to such a place, or a cast to `any`/`unknown` whose value flows on. From there code can add a property
// without any check seeing it (`function tag(o: any) { o.tagged = true }`): the sealed instance throws a TypeError.
// Not an error (the build neither prints nor fails on it, see transformer/emit-ast/index.ts); `ts-slots audit` keeps the class
// out of "safe" for it, and the editor shows it as a suggestion.
//
// Known-safe sinks, which read their argument and never add to it: every method of `console`, `JSON.stringify`,
// `String`, `Number`, `Boolean`, `structuredClone`, `Array.isArray`, the reading `Object` functions (`is`, `keys`,
// `values`, `entries`, `getPrototypeOf`, `getOwnPropertyNames`, `getOwnPropertySymbols`, `getOwnPropertyDescriptor(s)`,
// `isFrozen`, `isSealed`, `isExtensible`), the reading `Reflect` functions (`has`, `get`, `ownKeys`, `getPrototypeOf`,
// `getOwnPropertyDescriptor`, `isExtensible`) and Node's `util.inspect`/`util.format` (declared in a .d.ts, not a local
// name), and a method bound or called on its own instance (`this.m.bind(this)`). Template literals and string concatenation give no `any` context, so they are not escapes either. A cast
// used at once as the receiver of a member access (`(x as any).slot = v`) is no escape: the write checks judge it.
import type * as ts from "typescript";
import { ProblemCode, type SlotsProblem } from "../diagnostics";
import type { CheckScope } from "./scope";
import { classNameOf, slotsTargetOf } from "./target";

/** Callees (as written, `owner.method` or a global function) that only read their arguments. */
const safeSinks = new Set([
  "JSON.stringify",
  "String",
  "Number",
  "Boolean",
  "structuredClone",
  "Array.isArray",
  "Object.is",
  "Object.keys",
  "Object.values",
  "Object.entries",
  "Object.getPrototypeOf",
  "Object.getOwnPropertyNames",
  "Object.getOwnPropertySymbols",
  "Object.getOwnPropertyDescriptor",
  "Object.getOwnPropertyDescriptors",
  "Object.isFrozen",
  "Object.isSealed",
  "Object.isExtensible",
  "Reflect.has",
  "Reflect.get",
  "Reflect.ownKeys",
  "Reflect.getPrototypeOf",
  "Reflect.getOwnPropertyDescriptor",
  "Reflect.isExtensible",
  "util.inspect",
  "util.format",
]);

/** Owners all of whose methods are safe sinks. */
const safeOwners = new Set(["console"]);

function isTopOrAny(type: ts.Type, tsApi: typeof ts): boolean {
  return (type.flags & (tsApi.TypeFlags.Any | tsApi.TypeFlags.Unknown)) !== 0;
}

/** Whether a call's callee is one of the known-safe sinks, declared by a declaration file (not shadowed locally). */
function isSafeSink(call: ts.CallExpression | ts.NewExpression, scope: CheckScope, checker: ts.TypeChecker): boolean {
  const { tsApi } = scope;
  const callee = call.expression;
  let root: ts.Expression = callee;
  let text: string;
  if (tsApi.isIdentifier(callee)) text = callee.text;
  else if (tsApi.isPropertyAccessExpression(callee) && tsApi.isIdentifier(callee.expression)) {
    root = callee.expression;
    text = `${callee.expression.text}.${callee.name.text}`;
    if (safeOwners.has(callee.expression.text)) text = callee.expression.text;
  } else return false;
  if (!safeSinks.has(text) && !safeOwners.has(text)) return false;
  const declarations = checker.getSymbolAtLocation(root)?.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => declaration.getSourceFile().isDeclarationFile);
}

/** `o.m.bind(o)`, `o.m.call(o, ...)`: the instance goes to its own method, whose writes the checks see. */
function isOwnMethodThis(call: ts.CallExpression | ts.NewExpression, argument: ts.Expression, scope: CheckScope): boolean {
  const { tsApi } = scope;
  const callee = call.expression;
  if (!tsApi.isPropertyAccessExpression(callee) || !["bind", "call", "apply"].includes(callee.name.text)) return false;
  if (call.arguments?.[0] !== argument || !tsApi.isPropertyAccessExpression(callee.expression)) return false;
  return callee.expression.expression.getText(scope.file) === argument.getText(scope.file);
}

/** The call whose argument `node` is, when it is one (spread arguments are not followed). */
function callOfArgument(node: ts.Expression, tsApi: typeof ts): ts.CallExpression | ts.NewExpression | undefined {
  const parent = node.parent;
  if ((tsApi.isCallExpression(parent) || tsApi.isNewExpression(parent)) && parent.arguments?.includes(node)) return parent;
  return undefined;
}

/** Whether a cast's value is used only as the receiver of a member access (`(x as any).y`), where the write checks see it. */
function isReceiverOnly(assertion: ts.Node, tsApi: typeof ts): boolean {
  let current = assertion;
  const seeThrough = (node: ts.Node): boolean =>
    tsApi.isParenthesizedExpression(node) || tsApi.isNonNullExpression(node) || tsApi.isAsExpression(node) || tsApi.isTypeAssertionExpression(node) || tsApi.isSatisfiesExpression(node);
  while (seeThrough(current.parent)) current = current.parent;
  const parent = current.parent;
  return (tsApi.isPropertyAccessExpression(parent) || tsApi.isElementAccessExpression(parent)) && parent.expression === current;
}

/** Where a value at `node` goes, when that place is typed `any`/`unknown`: words for the message, else undefined. */
function anyPlaceOf(node: ts.Expression, scope: CheckScope, checker: ts.TypeChecker): string | undefined {
  const { tsApi } = scope;
  const parent = node.parent;
  if (!parent) return undefined;
  const call = callOfArgument(node, tsApi);
  if (call) {
    if (isSafeSink(call, scope, checker) || isOwnMethodThis(call, node, scope)) return undefined;
    const calleeText = call.expression.getText(scope.file).split("\n")[0];
    if (isTopOrAny(checker.getTypeAtLocation(call.expression), tsApi)) return `an argument of \`${calleeText}\`, which is typed \`any\``;
    const contextual = checker.getContextualType(node);
    return contextual && isTopOrAny(contextual, tsApi)
      ? `a parameter of \`${calleeText}\` typed \`${checker.typeToString(contextual)}\``
      : undefined;
  }
  if (tsApi.isAsExpression(parent) || tsApi.isTypeAssertionExpression(parent)) {
    if (isReceiverOnly(parent, tsApi)) return undefined;
    const asserted = checker.getTypeFromTypeNode(parent.type);
    return isTopOrAny(asserted, tsApi) ? `a cast to \`${checker.typeToString(asserted)}\`` : undefined;
  }
  const flows =
    tsApi.isReturnStatement(parent) ||
    (tsApi.isArrowFunction(parent) && parent.body === node) ||
    tsApi.isArrayLiteralExpression(parent) ||
    (tsApi.isPropertyAssignment(parent) && parent.initializer === node) ||
    tsApi.isShorthandPropertyAssignment(parent) ||
    (tsApi.isVariableDeclaration(parent) && parent.initializer === node && parent.type !== undefined) ||
    (tsApi.isPropertyDeclaration(parent) && parent.initializer === node && parent.type !== undefined) ||
    (tsApi.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === tsApi.SyntaxKind.EqualsToken);
  if (!flows) return undefined;
  const contextual = checker.getContextualType(node);
  if (!contextual || !isTopOrAny(contextual, tsApi)) return undefined;
  const what = tsApi.isReturnStatement(parent) || tsApi.isArrowFunction(parent) ? "a return value" : tsApi.isArrayLiteralExpression(parent) ? "an array element" : tsApi.isBinaryExpression(parent) ? "an assignment" : "a place";
  return `${what} typed \`${checker.typeToString(contextual)}\``;
}

export function checkEscape(node: ts.Node, scope: CheckScope): SlotsProblem[] {
  const { tsApi, checker } = scope;
  if (!checker || scope.isolated) return [];
  // The forms an instance usually travels in; a literal, an operator or a template never is one.
  const travels =
    tsApi.isIdentifier(node) ||
    node.kind === tsApi.SyntaxKind.ThisKeyword ||
    tsApi.isCallExpression(node) ||
    tsApi.isNewExpression(node) ||
    tsApi.isPropertyAccessExpression(node) ||
    tsApi.isElementAccessExpression(node);
  if (!travels || !node.parent) return [];
  const expression = node as ts.Expression;
  // Position first (syntax, then the contextual type), the instance's type last: most expressions go nowhere typed any.
  const place = anyPlaceOf(expression, scope, checker);
  if (!place) return [];
  return slotsClassesOf(expression, scope, checker).map((slotsClass) => {
    const name = classNameOf(slotsClass);
    return {
      code: ProblemCode.EscapeToAny,
      severity: "review",
      message:
        `An instance of @slots class ${name} escapes into ${place}: code there may add a property to it, which the sealed instance rejects ` +
        `with a TypeError, and no check sees that write. Give that place the type ${name} (or an interface of it), or make sure nothing adds properties there.`,
      node: expression,
      subject: slotsClass,
    };
  });
}

/** Every @slots class the value may be an instance of: each member of a union escapes. */
function slotsClassesOf(expression: ts.Expression, scope: CheckScope, checker: ts.TypeChecker): ts.ClassLikeDeclaration[] {
  const first = slotsTargetOf(expression, scope)?.slotsClass;
  const type = checker.getTypeAtLocation(expression);
  const all = (type.isUnion() ? type.types : [type]).flatMap((part) => scope.slots.slotsClassOfType(part) ?? []);
  return [...new Set([...(first ? [first] : []), ...all])];
}
