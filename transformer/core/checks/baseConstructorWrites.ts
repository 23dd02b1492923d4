// TSS1021: with assign semantics (useDefineForClassFields false), a slot of a `@slots` class without an initialiser
// that its base classes' construction writes, directly (`this.box = ...` in a base constructor or field initialiser)
// or through a member of this class that construction reaches as `this.name` (an override the base constructor
// calls, a setter it assigns). The slot's placeholder is set right after `super(...)` and replaces that value: the
// program changes. Syntactic and conservative (names, not types): it may name a write that would have been fine,
// never miss one of the forms above. Needs the compiler options (`scope.compilerOptions`) and the checker.
import type * as ts from "typescript";
import { ProblemCode, type SlotsProblem } from "../diagnostics";
import { fieldModeOf } from "../fieldMode";
import { hasModifier, redeclaresInherited } from "../slots";
import { isWriteTarget } from "./expressions";
import type { CheckScope } from "./scope";
import { isThisBoundary } from "./staticThis";
import { classNameOf } from "./target";

type ClassLike = ts.ClassLikeDeclaration;

function memberName(member: ts.ClassElement, tsApi: typeof ts): string | undefined {
  const name = member.name;
  return name && (tsApi.isIdentifier(name) || tsApi.isPrivateIdentifier(name) || tsApi.isStringLiteral(name)) ? name.text : undefined;
}

/** Every `this.name` in `root` whose `this` is the instance (not inside a nested non-arrow function or class member). */
function thisAccesses(root: ts.Node | undefined, tsApi: typeof ts): { name: string; node: ts.PropertyAccessExpression }[] {
  const found: { name: string; node: ts.PropertyAccessExpression }[] = [];
  const visit = (node: ts.Node): void => {
    if (tsApi.isPropertyAccessExpression(node)) {
      let target: ts.Expression = node.expression;
      while (tsApi.isParenthesizedExpression(target)) target = target.expression;
      if (target.kind === tsApi.SyntaxKind.ThisKeyword) found.push({ name: node.name.text, node });
    }
    if (node !== root && isThisBoundary(node, tsApi)) return;
    tsApi.forEachChild(node, visit);
  };
  if (root) visit(root);
  return found;
}

/** The class a class extends, when the program declares it (a class declaration, or a variable holding a class expression). */
function baseClassOf(node: ClassLike, checker: ts.TypeChecker, tsApi: typeof ts): ClassLike | undefined {
  const clause = node.heritageClauses?.find((heritage) => heritage.token === tsApi.SyntaxKind.ExtendsKeyword);
  const expression = clause?.types[0]?.expression;
  if (!expression) return undefined;
  let symbol = checker.getSymbolAtLocation(expression);
  if (symbol && symbol.flags & tsApi.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const found = symbol?.declarations?.find((declaration): declaration is ClassLike => tsApi.isClassLike(declaration));
  if (found) return found;
  const variable = symbol?.declarations?.find(tsApi.isVariableDeclaration);
  return variable?.initializer && tsApi.isClassExpression(variable.initializer) ? variable.initializer : undefined;
}

/** What runs on `this` while the base classes construct it: names reached as `this.name`, and names written so. */
function baseConstruction(node: ClassLike, checker: ts.TypeChecker, tsApi: typeof ts): { reached: Map<string, ts.Node>; written: Map<string, ts.Node> } {
  const reached = new Map<string, ts.Node>();
  const written = new Map<string, ts.Node>();
  const bases: ClassLike[] = [];
  for (let base = baseClassOf(node, checker, tsApi); base && !bases.includes(base); base = baseClassOf(base, checker, tsApi)) bases.push(base);
  const pending: ts.Node[] = [];
  for (const base of bases) {
    for (const member of base.members) {
      if (tsApi.isConstructorDeclaration(member)) pending.push(member);
      else if (tsApi.isPropertyDeclaration(member) && member.initializer && !hasModifier(member, tsApi.SyntaxKind.StaticKeyword, tsApi)) pending.push(member.initializer);
    }
  }
  // A base method the construction reaches runs during construction too (this.setup() calling this.init()).
  const seen = new Set<ts.Node>();
  while (pending.length) {
    const root = pending.pop() as ts.Node;
    if (seen.has(root)) continue;
    seen.add(root);
    for (const { name, node: access } of thisAccesses(root, tsApi)) {
      // `this.#x` in a base names that base's own private member, never one of the subclass (private names are per class).
      const ownedByBase = tsApi.isPrivateIdentifier(access.name);
      if (!ownedByBase && !reached.has(name)) reached.set(name, access);
      if (!ownedByBase && isWriteTarget(access, tsApi) && !written.has(name)) written.set(name, access);
      for (const base of bases) for (const member of base.members) if (memberName(member, tsApi) === name && tsApi.isFunctionLike(member)) pending.push(member);
    }
  }
  return { reached, written };
}

function problemAt(node: ts.Node, subject: ClassLike, field: string, how: string): SlotsProblem {
  const name = classNameOf(subject);
  return {
    code: ProblemCode.BaseConstructorWrite,
    severity: "error",
    message:
      `${how}; with useDefineForClassFields false, the placeholder @slots gives '${field}' right after super(...) replaces that value, so ${name} ` +
      `would see a different '${field}' than without @slots. Give '${field}' its value in ${name}'s constructor after super(...), or turn on useDefineForClassFields.`,
    node,
    subject,
  };
}

export function checkBaseConstructorWrite(node: ts.Node, scope: CheckScope): SlotsProblem[] {
  const { tsApi, checker, compilerOptions } = scope;
  if (!checker || !compilerOptions || !tsApi.isClassLike(node) || fieldModeOf(compilerOptions, tsApi) !== "assign" || !scope.slots.isSlotsClass(node)) return [];
  if (!baseClassOf(node, checker, tsApi)) return [];
  const uninitialised = new Set(
    node.members
      .filter((member): member is ts.PropertyDeclaration => tsApi.isPropertyDeclaration(member) && !member.initializer)
      .filter((member) => ![tsApi.SyntaxKind.StaticKeyword, tsApi.SyntaxKind.DeclareKeyword, tsApi.SyntaxKind.AbstractKeyword].some((kind) => hasModifier(member, kind, tsApi)))
      // A redeclared inherited field gets no placeholder under assign semantics: it keeps what the base stored (plan.ts).
      .filter((member) => !redeclaresInherited(member, checker, tsApi))
      .flatMap((member) => memberName(member, tsApi) ?? []),
  );
  if (uninitialised.size === 0) return [];
  const construction = baseConstruction(node, checker, tsApi);
  if (construction.reached.size === 0) return [];
  // Where in the base classes a write or a call sits, by name (positions would not survive the audit's edits).
  const place = (at: ts.Node): string => {
    let member: ts.Node = at;
    while (member.parent && !tsApi.isClassLike(member.parent)) member = member.parent;
    const owner = member.parent && tsApi.isClassLike(member.parent) ? classNameOf(member.parent) : "a base class";
    const name = tsApi.isConstructorDeclaration(member) ? "constructor" : tsApi.isClassElement(member) ? (memberName(member, tsApi) ?? "a member") : "a member";
    return `in ${owner}'s ${name}`;
  };
  const problems: SlotsProblem[] = [];
  for (const [field, write] of construction.written) {
    if (uninitialised.has(field)) problems.push(problemAt(node.name ?? node, node, field, `A base constructor writes '${field}' (${place(write)})`));
  }
  // The methods and accessors of this class, with the slots each writes (also through other members it calls).
  const members = node.members.filter((member) => tsApi.isFunctionLike(member) && !tsApi.isConstructorDeclaration(member) && memberName(member, tsApi) !== undefined);
  const writesOf = new Map<string, { field: string; node: ts.Node }[]>();
  const callsOf = new Map<string, string[]>();
  for (const member of members) {
    const name = memberName(member, tsApi) as string;
    const accesses = thisAccesses(member, tsApi);
    writesOf.set(name, [...(writesOf.get(name) ?? []), ...accesses.filter((a) => uninitialised.has(a.name) && isWriteTarget(a.node, tsApi)).map((a) => ({ field: a.name, node: a.node }))]);
    callsOf.set(name, [...(callsOf.get(name) ?? []), ...accesses.map((a) => a.name)]);
  }
  for (const [entry, from] of construction.reached) {
    if (!writesOf.has(entry)) continue;
    const reachedMembers = new Set<string>([entry]);
    const queue = [entry];
    while (queue.length) {
      for (const next of callsOf.get(queue.pop() as string) ?? []) {
        if (writesOf.has(next) && !reachedMembers.has(next)) {
          reachedMembers.add(next);
          queue.push(next);
        }
      }
    }
    for (const member of reachedMembers) {
      for (const { field, node: write } of writesOf.get(member) ?? []) {
        problems.push(problemAt(write, node, field, `'${member}' writes '${field}' and runs while a base constructor runs (this.${entry} ${place(from)})`));
      }
    }
  }
  return problems;
}
