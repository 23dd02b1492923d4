// Open places and the @slots classes a type may hold, for the escape checks (TSS1014, escapes.ts): whether a place's
// type admits properties no class declares (`isOpenType`), which @slots classes a value of a type may be an instance
// of, seen as a base class or an interface it declares (`classesHeldIn`, `slotsClassesOf`), and whether a class held
// in a value lands in an open part of a place (`landsOpen`, position by position in containers).
import type * as ts from "typescript";
import type { CheckScope } from "./scope";
import { slotsTargetOf } from "./target";

/**
 * Whether a place of this type admits properties no class declares, so that code there may add one without any check
 * seeing it: `any`, `unknown`, `object`, `{}` (an object type with no member), a string index signature
 * (`Record<string, …>`), a type parameter that is unconstrained or constrained by such a type, a union holding one,
 * or an array or container (a generic interface: `object[]`, `Map<string, any>`) of one.
 * A class's own type is never open: writes through it are the write checks' to judge.
 */
export function isOpenType(type: ts.Type, scope: CheckScope, checker: ts.TypeChecker, depth = 0): boolean {
  const { tsApi } = scope;
  if (depth > 6) return false;
  if (type.flags & (tsApi.TypeFlags.Any | tsApi.TypeFlags.Unknown | tsApi.TypeFlags.NonPrimitive)) return true;
  if (type.isUnion()) return type.types.some((part) => isOpenType(part, scope, checker, depth + 1));
  if (type.isIntersection()) return type.types.every((part) => isOpenType(part, scope, checker, depth + 1));
  if (type.flags & tsApi.TypeFlags.TypeParameter) {
    const constraint = checker.getBaseConstraintOfType(type);
    return !constraint || constraint === type || isOpenType(constraint, scope, checker, depth + 1);
  }
  if (!(type.flags & tsApi.TypeFlags.Object) || isClassInstanceType(type, tsApi)) return false;
  // The global `Object` interface admits every object, as `{}` does.
  const symbol = type.getSymbol();
  if (symbol?.name === "Object" && (symbol.declarations ?? []).every((declaration) => declaration.getSourceFile().isDeclarationFile)) return true;
  // An array or container of an open type (`object[]`, `Map<string, any>`): its elements are open places.
  if ((type as ts.ObjectType).objectFlags & tsApi.ObjectFlags.Reference && checker.getTypeArguments(type as ts.TypeReference).some((argument) => isOpenType(argument, scope, checker, depth + 1))) {
    return true;
  }
  const indexes = checker.getIndexInfosOfType(type);
  if (indexes.some((info) => info.keyType.flags & (tsApi.TypeFlags.String | tsApi.TypeFlags.Any))) return true;
  return (
    indexes.length === 0 &&
    checker.getPropertiesOfType(type).length === 0 &&
    type.getCallSignatures().length === 0 &&
    type.getConstructSignatures().length === 0
  );
}

function isClassInstanceType(type: ts.Type, tsApi: typeof ts): boolean {
  const target = (type as ts.ObjectType).objectFlags & tsApi.ObjectFlags.Reference ? (type as ts.TypeReference).target : type;
  return target.isClass();
}

/** How a place's type reads in a message. */
export function placeTypeText(type: ts.Type, checker: ts.TypeChecker): string {
  return checker.typeToString(type);
}

/** The types a value may hold instances of: union members, array and tuple elements, containers' type arguments. */
function heldTypes(type: ts.Type, scope: CheckScope, checker: ts.TypeChecker, depth = 0, found: ts.Type[] = []): ts.Type[] {
  const { tsApi } = scope;
  if (depth > 6 || found.includes(type)) return found;
  if (type.isUnion() || type.isIntersection()) {
    for (const part of type.types) heldTypes(part, scope, checker, depth + 1, found);
    return found;
  }
  if (type.flags & tsApi.TypeFlags.TypeParameter) {
    const constraint = checker.getBaseConstraintOfType(type);
    if (constraint && constraint !== type) heldTypes(constraint, scope, checker, depth + 1, found);
    return found;
  }
  if (!(type.flags & tsApi.TypeFlags.Object)) return found;
  found.push(type);
  if ((type as ts.ObjectType).objectFlags & tsApi.ObjectFlags.Reference && !isClassInstanceType(type, tsApi)) {
    for (const argument of checker.getTypeArguments(type as ts.TypeReference)) heldTypes(argument, scope, checker, depth + 1, found);
  }
  // An object literal's own type (`{ shape: Shape }`, also once widened into a local, or written as a type literal):
  // what it holds travels with it wherever it goes. Classes and interfaces are not opened: their escape is their own.
  const literalSymbol = (type.getSymbol()?.flags ?? 0) & (tsApi.SymbolFlags.ObjectLiteral | tsApi.SymbolFlags.TypeLiteral);
  if ((type as ts.ObjectType).objectFlags & tsApi.ObjectFlags.ObjectLiteral || (literalSymbol && type.getCallSignatures().length === 0)) {
    for (const property of checker.getPropertiesOfType(type)) heldTypes(checker.getTypeOfSymbol(property), scope, checker, depth + 1, found);
  }
  return found;
}

/** Per program scope: the @slots classes whose instances are assignable to a type, asked once per type. */
const subtypeCache = new WeakMap<readonly ts.ClassLikeDeclaration[], Map<ts.Type, ts.ClassLikeDeclaration[]>>();

function subtypesOf(type: ts.Type, scope: CheckScope, checker: ts.TypeChecker): readonly ts.ClassLikeDeclaration[] {
  const all = scope.slotsClasses;
  if (!all?.length) return [];
  let cache = subtypeCache.get(all);
  if (!cache) subtypeCache.set(all, (cache = new Map()));
  let found = cache.get(type);
  if (!found) {
    const symbol = type.getSymbol();
    found = all.filter((candidate) => {
      if (!checker.isTypeAssignableTo(instanceTypeOf(candidate, checker), type)) return false;
      // Seen as a base class or an interface it declares (`extends Joint`, `implements Body`), not merely as a type it
      // happens to fit: every class fits an interface of optional members or an index signature (`ScopeObject`).
      const { symbols, opaque } = declaredSupertypes(candidate, checker, scope.tsApi);
      return opaque || (symbol !== undefined && symbols.has(symbol));
    });
    cache.set(type, found);
  }
  return found;
}

/**
 * The classes and interfaces a class declares itself to be, through `extends` and `implements` and the interfaces
 * those extend. `opaque` where a heritage expression names no declaration (a mixin call): there only the types can tell.
 */
/** Per checker (symbols are a checker's own; an editor reuses a file's nodes across programs), per class. */
const supertypeCache = new WeakMap<ts.TypeChecker, WeakMap<ts.ClassLikeDeclaration, { symbols: Set<ts.Symbol>; opaque: boolean }>>();

function declaredSupertypes(declaration: ts.ClassLikeDeclaration, checker: ts.TypeChecker, tsApi: typeof ts): { symbols: Set<ts.Symbol>; opaque: boolean } {
  let byClass = supertypeCache.get(checker);
  if (!byClass) supertypeCache.set(checker, (byClass = new WeakMap()));
  const cached = byClass.get(declaration);
  if (cached) return cached;
  const symbols = new Set<ts.Symbol>();
  let opaque = false;
  const visit = (node: ts.ClassLikeDeclaration | ts.InterfaceDeclaration): void => {
    for (const clause of node.heritageClauses ?? []) {
      for (const heritage of clause.types) {
        let symbol = checker.getSymbolAtLocation(heritage.expression);
        if (symbol && symbol.flags & tsApi.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        const declarations = (symbol?.declarations ?? []).filter((d): d is ts.ClassLikeDeclaration | ts.InterfaceDeclaration => tsApi.isClassLike(d) || tsApi.isInterfaceDeclaration(d));
        if (!symbol || declarations.length === 0) {
          opaque = true;
          continue;
        }
        if (symbols.has(symbol)) continue;
        symbols.add(symbol);
        declarations.forEach(visit);
      }
    }
  };
  visit(declaration);
  const found = { symbols, opaque };
  byClass.set(declaration, found);
  return found;
}

/** The instance type of a class declaration. */
function instanceTypeOf(declaration: ts.ClassLikeDeclaration, checker: ts.TypeChecker): ts.Type {
  const symbol = declaration.name ? checker.getSymbolAtLocation(declaration.name) : undefined;
  return symbol ? checker.getDeclaredTypeOfSymbol(symbol) : checker.getTypeAtLocation(declaration);
}

/**
 * Every @slots class the value may hold an instance of, with the type it is seen as when that is not the class
 * itself: a `Joint` may be any @slots subclass of it, a `Body` any @slots class implementing it (those the program
 * scope lists), through unions, arrays and containers.
 */
export function slotsClassesOf(expression: ts.Expression, scope: CheckScope, checker: ts.TypeChecker): { slotsClass: ts.ClassLikeDeclaration; as?: string }[] {
  const found = new Map<ts.ClassLikeDeclaration, string | undefined>();
  const first = slotsTargetOf(expression, scope)?.slotsClass;
  if (first) found.set(first, undefined);
  for (const [slotsClass, as] of classesHeldIn(checker.getTypeAtLocation(expression), scope, checker)) if (!found.has(slotsClass)) found.set(slotsClass, as);
  return [...found].map(([slotsClass, as]) => ({ slotsClass, as }));
}

/** The @slots classes a value of this type may hold an instance of, each with the type it is seen as (if not itself). */
export function classesHeldIn(type: ts.Type, scope: CheckScope, checker: ts.TypeChecker): Map<ts.ClassLikeDeclaration, string | undefined> {
  const { tsApi } = scope;
  const found = new Map<ts.ClassLikeDeclaration, string | undefined>();
  for (const held of heldTypes(type, scope, checker)) {
    const own = scope.slots.slotsClassOfType(held);
    if (own && !found.has(own)) found.set(own, undefined);
    const symbol = held.getSymbol();
    if (!symbol || !(symbol.flags & (tsApi.SymbolFlags.Class | tsApi.SymbolFlags.Interface))) continue;
    for (const candidate of subtypesOf(held, scope, checker)) if (!found.has(candidate)) found.set(candidate, checker.typeToString(held));
  }
  return found;
}

/**
 * Whether an instance of `slotsClass` held somewhere in a value of type `held` lands in an open part of `place`.
 * Position by position where both are the same container (`Generator<unknown, Template[], unknown>` into
 * `Template[] | Generator<unknown, Template[], unknown>`: the `Template`s sit in the closed return position) or both
 * iterate (an array or a generator into `Iterable<T>`: what is iterated lands in `T`); an object literal into a
 * string index signature lands its values in the signature's type. Everything else is judged on the whole place, as
 * `isOpenType` does.
 */
export function landsOpen(held: ts.Type, place: ts.Type, slotsClass: ts.ClassLikeDeclaration, scope: CheckScope, checker: ts.TypeChecker, depth = 0): boolean {
  const { tsApi } = scope;
  if (depth > 6) return true;
  if (!classesHeldIn(held, scope, checker).has(slotsClass)) return false;
  if (held.isUnion()) return held.types.some((part) => landsOpen(part, place, slotsClass, scope, checker, depth + 1));
  if (place.isUnion()) {
    // The value lands in the members it fits; where it fits none (an error TypeScript reports), in all of them.
    const fits = place.types.filter((part) => checker.isTypeAssignableTo(held, part));
    return (fits.length ? fits : place.types).some((part) => landsOpen(held, part, slotsClass, scope, checker, depth + 1));
  }
  if (!(place.flags & tsApi.TypeFlags.Object) || !(held.flags & tsApi.TypeFlags.Object) || isClassInstanceType(held, tsApi)) return isOpenType(place, scope, checker);
  const heldPositions = positionsOf(held, scope, checker);
  const placePositions = positionsOf(place, scope, checker);
  if (heldPositions && placePositions && heldPositions.kind === placePositions.kind) {
    return heldPositions.types.some((part, i) => landsOpen(part, placePositions.types[i] ?? checker.getAnyType(), slotsClass, scope, checker, depth + 1));
  }
  // A `Map<K, V>` iterates `[K, V]` pairs: into `Iterable<readonly [PropertyKey, T]>` (`Object.fromEntries`, `new
  // Map(m)`) its keys and values land in the pair's positions; its iterator returns nothing.
  const pairs = mapPairsOf(held, scope, checker);
  const yielded = placePositions?.kind === "iterates" ? placePositions.types[0] : undefined;
  if (pairs && yielded && checker.isTupleType(yielded)) {
    const elements = checker.getTypeArguments(yielded as ts.TypeReference);
    return pairs.some((part, i) => landsOpen(part, elements[i] ?? checker.getAnyType(), slotsClass, scope, checker, depth + 1));
  }
  const literal = (held as ts.ObjectType).objectFlags & tsApi.ObjectFlags.ObjectLiteral;
  const index = checker.getIndexInfosOfType(place).find((info) => info.keyType.flags & tsApi.TypeFlags.String);
  if (literal && index && checker.getPropertiesOfType(place).length === 0) {
    return checker.getPropertiesOfType(held).some((property) => landsOpen(checker.getTypeOfSymbol(property), index.type, slotsClass, scope, checker, depth + 1));
  }
  return isOpenType(place, scope, checker);
}

/** The key and value types of the library's `Map` or `ReadonlyMap`. */
function mapPairsOf(type: ts.Type, scope: CheckScope, checker: ts.TypeChecker): readonly ts.Type[] | undefined {
  const { tsApi } = scope;
  if (!((type as ts.ObjectType).objectFlags & tsApi.ObjectFlags.Reference)) return undefined;
  const symbol = (type as ts.TypeReference).target.getSymbol();
  const fromLibrary = (symbol?.declarations ?? []).every((declaration) => declaration.getSourceFile().isDeclarationFile);
  if (!symbol || !fromLibrary || (symbol.name !== "Map" && symbol.name !== "ReadonlyMap")) return undefined;
  const args = checker.getTypeArguments(type as ts.TypeReference);
  return args.length >= 2 ? args.slice(0, 2) : undefined;
}

/** The library's iteration interfaces, whose type arguments are (yielded, returned, passed to `next`). */
const iterationInterfaces = new Set([
  "Iterable",
  "Iterator",
  "IterableIterator",
  "IteratorObject",
  "Generator",
  "ArrayIterator",
  "SetIterator",
  "AsyncIterable",
  "AsyncIterator",
  "AsyncIterableIterator",
  "AsyncIteratorObject",
  "AsyncGenerator",
]);

/**
 * A container's positions, comparable between two types of one kind: a generic reference's type arguments (its
 * target is the kind), or for what iterates (the library's iteration interfaces, arrays, tuples, sets) what it yields
 * and what it returns, an array's elements being what it yields.
 */
function positionsOf(type: ts.Type, scope: CheckScope, checker: ts.TypeChecker): { kind: unknown; types: readonly ts.Type[] } | undefined {
  const { tsApi } = scope;
  if (!((type as ts.ObjectType).objectFlags & tsApi.ObjectFlags.Reference)) return undefined;
  const reference = type as ts.TypeReference;
  const args = checker.getTypeArguments(reference);
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    const element = checker.isTupleType(type) ? undefined : args[0];
    return { kind: "iterates", types: [element ?? checker.getIndexTypeOfType(type, tsApi.IndexKind.Number) ?? checker.getAnyType()] };
  }
  const symbol = reference.target.getSymbol();
  const fromLibrary = (symbol?.declarations ?? []).every((declaration) => declaration.getSourceFile().isDeclarationFile);
  if (symbol && fromLibrary && (iterationInterfaces.has(symbol.name) || symbol.name === "Set" || symbol.name === "ReadonlySet")) {
    // Not the third (`TNext`): a value passed to `next` flows into the iterator, not out of it.
    return { kind: "iterates", types: args.slice(0, 2) };
  }
  return { kind: reference.target, types: args };
}
