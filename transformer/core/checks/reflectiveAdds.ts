// TSS1003: `Object.assign`, `Object.defineProperty`, `Object.defineProperties`, `Reflect.set` and
// `Reflect.defineProperty` whose target is a `@slots` instance. An error when the keys they add are known and not all
// slots; a warning when they cannot be known (an `any` source, an index signature, a computed key).
import type * as ts from "typescript";
import { ProblemCode, type SlotsProblem } from "../diagnostics";
import { describeKeys, globalMethodCall, keysOfExpression, keysOfValue, unwrap, type PropertyKey, type StaticKeys } from "./expressions";
import type { CheckScope } from "./scope";
import type { MemberKind } from "./slotsTypes";
import { additionConsequence, classNameOf, slotsTargetOf, whereSealed } from "./target";

const writable: readonly MemberKind[] = ["slot", "accessor", "unknown"];

/** Where each reflective method takes the keys it adds from, given its arguments after the target. */
const keysOfArguments: Readonly<Record<string, (rest: readonly ts.Expression[], scope: CheckScope) => StaticKeys>> = {
  "Object.assign": (sources, scope) => unionOfKeys(sources.map((source) => keysOfValue(source, scope))),
  "Object.defineProperty": ([key], scope) => (key ? keysOfExpression(key, scope) : { known: true, keys: [] }),
  "Object.defineProperties": ([properties], scope) => (properties ? keysOfValue(properties, scope) : { known: true, keys: [] }),
  "Reflect.set": ([key], scope) => (key ? keysOfExpression(key, scope) : { known: true, keys: [] }),
  "Reflect.defineProperty": ([key], scope) => (key ? keysOfExpression(key, scope) : { known: true, keys: [] }),
};

function unionOfKeys(all: readonly StaticKeys[]): StaticKeys {
  const keys: PropertyKey[] = [];
  for (const found of all) {
    if (!found.known) return found;
    keys.push(...found.keys);
  }
  return { known: true, keys };
}

/** `C.prototype` where `C` names a class: the prototype itself, not an instance that happens to have that slot. */
function isClassPrototype(expression: ts.Expression, scope: CheckScope): boolean {
  const { tsApi, checker } = scope;
  if (!tsApi.isPropertyAccessExpression(expression) || expression.name.text !== "prototype" || !checker) return false;
  const symbol = checker.getSymbolAtLocation(expression.expression);
  const resolved = symbol && symbol.flags & tsApi.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return resolved !== undefined && (resolved.flags & tsApi.SymbolFlags.Class) !== 0;
}

export function checkReflectiveAdd(node: ts.Node, scope: CheckScope): SlotsProblem[] {
  const { tsApi } = scope;
  if (!tsApi.isCallExpression(node)) return [];
  const callee = globalMethodCall(node, scope);
  const name = callee && `${callee.owner}.${callee.method}`;
  const keysOf = name !== undefined ? keysOfArguments[name] : undefined;
  const [first, ...rest] = node.arguments;
  if (!name || !keysOf || !first || tsApi.isSpreadElement(first)) return [];
  const object = unwrap(first, tsApi).inner;
  // `C.prototype` is typed as an instance of C, but copying onto it is a prototype patch, reported once as TSS1013.
  if (isClassPrototype(object, scope)) return [];
  const target = slotsTargetOf(object, scope);
  if (!target) return [];
  const className = classNameOf(target.slotsClass);
  const consequence = callee.owner === "Reflect" ? `${whereSealed} the instance rejects it and ${name} returns false` : additionConsequence(object, tsApi);
  const keys = rest.some((argument) => tsApi.isSpreadElement(argument))
    ? { known: false as const, reason: "its arguments are spread" }
    : keysOf(rest, scope);
  if (!keys.known) {
    // The warning is for keys the checker cannot know; without resolved types nothing is known, so nothing is said.
    if (keys.unresolved) return [];
    return [
      {
        code: ProblemCode.ReflectiveAdd,
        severity: "warning",
        message:
          `${name} adds keys ts-slots cannot know to an instance of @slots class ${className} (${keys.reason}); for any key that is not ` +
          `a slot, ${consequence}. Assign the slots by name, or give the source a type that lists only slots.`,
        node,
      },
    ];
  }
  const notSlots = keys.keys.filter((key) => !writable.includes(target.kindOf(key)));
  if (notSlots.length === 0) return [];
  return [
    {
      code: ProblemCode.ReflectiveAdd,
      severity: "error",
      message:
        `${name} adds ${describeKeys(notSlots)} to an instance of @slots class ${className}, which ${notSlots.length === 1 ? "is not a slot" : "are not slots"}: ` +
        `${consequence}. Declare ${notSlots.length === 1 ? "it as a field" : "them as fields"} of ${className}, or add only slots.`,
      node,
    },
  ];
}
