// Which classes are `@slots` classes, which types are instances of one, and what a member of such an instance is: a
// slot that can be written, or something whose write or delete the seal rejects. An instance's own class decides:
// `@slots` subclasses of anything are sealed (their slots include what the bases declare), while a plain subclass of
// a `@slots` class is not sealed (the seal runs only when `new.target` is the `@slots` class; as in Python, a subclass
// without `__slots__` gets its `__dict__` back), so its instances are not checked.
import type * as ts from "typescript";
import { importedNames, packageName, slotsDecoratorUse, type ImportedNames, type SlotsDecoratorUse } from "../decorator";
import { hasModifier, isParameterProperty } from "../slots";
import { compiledFromSlotsClass } from "./declarationSource";
import { unshadowedNames } from "./syntaxFilters";

type ClassLike = ts.ClassLikeDeclaration;

/**
 * What a key is on a `@slots` instance:
 * - `slot`: a declared instance field, parameter property or setter: writing it is what slots are for;
 * - `accessor`: a getter without setter (TypeScript itself rejects writes);
 * - `method`: a method on the prototype: writing it adds an own property;
 * - `signature`: declared only by an interface merged into the class or an intersection: no slot behind it;
 * - `missing`: not a member at all (reachable only through a cast or `any`);
 * - `unknown`: cannot be told (no declaration, or syntax only and a base class may declare it).
 */
export type MemberKind = "slot" | "accessor" | "method" | "signature" | "missing" | "unknown";

export interface SlotsLookup {
  /** ts-slots' `@slots` decorators on a node of a source file, each node resolved once (decorator.ts). */
  decoratorsOf(node: ts.HasDecorators): SlotsDecoratorUse[];
  /** Whether a class declaration carries ts-slots' `@slots` (found by what it resolves to, as the transformer does). */
  isSlotsClass(node: ClassLike): boolean;
  /** The `@slots` class of instances of `type` (its own class, generic or not), else undefined. */
  slotsClassOfType(type: ts.Type): ClassLike | undefined;
}

/** Classifies one member from its declarations. */
export function memberKindOf(declarations: readonly ts.Declaration[], tsApi: typeof ts): MemberKind {
  if (declarations.length === 0) return "unknown";
  const isSlot = (declaration: ts.Declaration): boolean =>
    (tsApi.isPropertyDeclaration(declaration) && !hasModifier(declaration, tsApi.SyntaxKind.StaticKeyword, tsApi)) ||
    (tsApi.isParameter(declaration) && isParameterProperty(declaration, tsApi)) ||
    tsApi.isSetAccessorDeclaration(declaration);
  if (declarations.some(isSlot)) return "slot";
  if (declarations.some((declaration) => tsApi.isGetAccessorDeclaration(declaration))) return "accessor";
  if (declarations.some((declaration) => tsApi.isMethodDeclaration(declaration))) return "method";
  if (declarations.some((declaration) => tsApi.isPropertySignature(declaration) || tsApi.isMethodSignature(declaration))) return "signature";
  return "unknown";
}

/**
 * `assumeSlots` makes the lookup treat one more class as a `@slots` class: how the base-class check asks "would the
 * other checks object to this plain class if it were `@slots`?".
 */
export function createSlotsLookup(checker: ts.TypeChecker | undefined, tsApi: typeof ts, assumeSlots?: ClassLike): SlotsLookup {
  const fileNames = new Map<ts.SourceFile, FileNames>();
  const slotsClasses = new Map<ClassLike, boolean>();
  const usesOf = new Map<ts.HasDecorators, SlotsDecoratorUse[]>();

  /** Per file: its ts-slots imports, the names nothing shadows, and how each such name resolved (once). */
  interface FileNames {
    names: ImportedNames;
    unshadowed: ReadonlySet<string>;
    resolved: Map<string, SlotsDecoratorUse | undefined>;
  }
  const namesOf = (file: ts.SourceFile): FileNames => {
    let found = fileNames.get(file);
    if (!found) {
      const names = importedNames(file, tsApi);
      const isImport = (statement: ts.Statement): boolean =>
        tsApi.isImportDeclaration(statement) && tsApi.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === packageName;
      found = { names, unshadowed: unshadowedNames(file, names.named, isImport), resolved: new Map() };
      fileNames.set(file, found);
    }
    return found;
  };

  /** One decorator: an identifier no declaration can shadow takes the answer of its first resolution in the file. */
  const useOf = (decorator: ts.Decorator, file: FileNames): SlotsDecoratorUse | undefined => {
    let expression: ts.Expression = decorator.expression;
    while (tsApi.isParenthesizedExpression(expression)) expression = expression.expression;
    if (!tsApi.isIdentifier(expression) || !file.unshadowed.has(expression.text)) return slotsDecoratorUse(decorator, file.names, checker, tsApi);
    const name = expression.text;
    if (file.resolved.has(name)) {
      const first = file.resolved.get(name);
      return first && { decorator, localName: first.localName };
    }
    const use = slotsDecoratorUse(decorator, file.names, checker, tsApi);
    file.resolved.set(name, use);
    return use;
  };

  const decoratorsOf = (node: ts.HasDecorators): SlotsDecoratorUse[] => {
    const known = usesOf.get(node);
    if (known) return known;
    // Most nodes carry no decorator at all: nothing to resolve or remember.
    const decorators = tsApi.getDecorators(node) ?? [];
    if (decorators.length === 0) return [];
    const file = namesOf(node.getSourceFile());
    const uses = decorators.flatMap((decorator) => useOf(decorator, file) ?? []);
    usesOf.set(node, uses);
    return uses;
  };
  const classOfTarget = new Map<ts.Type, ClassLike | undefined>();

  const isSlotsClass = (node: ClassLike): boolean => {
    if (node === assumeSlots) return true;
    const known = slotsClasses.get(node);
    if (known !== undefined) return known;
    // Declaration files have no decorators: a class there is `@slots` if the project that emitted it says so.
    const result = node.getSourceFile().isDeclarationFile ? compiledFromSlotsClass(node, tsApi) : decoratorsOf(node).length > 0;
    slotsClasses.set(node, result);
    return result;
  };

  /** A class type with its own declaration: `Box<number>` is looked at as `Box`. */
  const classTargetOf = (type: ts.Type): ts.InterfaceType | undefined => {
    const target = type.flags & tsApi.TypeFlags.Object && (type as ts.ObjectType).objectFlags & tsApi.ObjectFlags.Reference ? (type as ts.TypeReference).target : type;
    return target.isClass() ? target : undefined;
  };

  const slotsClassOfClassType = (target: ts.InterfaceType): ClassLike | undefined => {
    if (classOfTarget.has(target)) return classOfTarget.get(target);
    const declarations = (target.getSymbol()?.declarations ?? []).filter((declaration): declaration is ClassLike => tsApi.isClassLike(declaration));
    const found = declarations.find(isSlotsClass);
    classOfTarget.set(target, found);
    return found;
  };

  const slotsClassOfType = (type: ts.Type, depth = 0): ClassLike | undefined => {
    if (!checker || depth > 8) return undefined;
    if (type.flags & (tsApi.TypeFlags.Any | tsApi.TypeFlags.Unknown | tsApi.TypeFlags.Never)) return undefined;
    if (type.flags & tsApi.TypeFlags.TypeParameter) {
      // `this` inside a class is a type parameter constrained by the class; so are generic `T extends User`.
      const constraint = checker.getBaseConstraintOfType(type);
      return constraint && constraint !== type ? slotsClassOfType(constraint, depth + 1) : undefined;
    }
    if (type.isIntersection()) {
      for (const part of type.types) {
        const found = slotsClassOfType(part, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    const target = classTargetOf(type);
    return target && slotsClassOfClassType(target);
  };

  return { decoratorsOf, isSlotsClass, slotsClassOfType: (type) => slotsClassOfType(type) };
}
