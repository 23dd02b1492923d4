// cli/audit/hazards.ts — owns what `add --write` would break that the build's own checks (transformer/core/checks) do not
// report, found by the audit round trip (test/differential/audit-roundtrip.js):
//   - TypeScript itself rejects `this` in a static property initializer of a class decorated under
//     experimentalDecorators (TS2816): decorating such a class breaks the build;
//   - with useDefineForClassFields false, a slot without initialiser gets its placeholder right after super(...),
//     replacing a value the base constructors stored through an override (or directly): the program changes.
// Both are syntactic and conservative: they may keep a class out that would have been fine, never the reverse.
import { ts } from "ts-morph";

export interface Hazard {
  kind: "decorated-static-this" | "base-constructor-write";
  /** Where the finding points: the `this` of TS2816, the write the placeholder would undo. */
  at: ts.Node;
  message: string;
}

type Place = (node: ts.Node) => string;

/** Nodes that give `this` a new meaning for what they contain (TypeScript's "this container"), arrows excepted. */
function isThisBoundary(node: ts.Node): boolean {
  return (ts.isFunctionLike(node) && !ts.isArrowFunction(node)) || ts.isClassStaticBlockDeclaration(node) || ts.isPropertyDeclaration(node);
}

/** The first `this` of `root` that means the class `root` belongs to (not one inside a nested function or class member). */
function firstOwnThis(root: ts.Node): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (node.kind === ts.SyntaxKind.ThisKeyword) {
      found = node;
      return;
    }
    if (isThisBoundary(node)) return;
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/** TS2816: under experimentalDecorators, `this` in a static property initializer of a decorated class. */
export function staticThisHazards(decl: ts.ClassDeclaration, place: Place): Hazard[] {
  const hazards: Hazard[] = [];
  for (const member of decl.members) {
    if (!ts.isPropertyDeclaration(member) || !member.initializer) continue;
    if (!(ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static)) continue;
    const self = firstOwnThis(member.initializer);
    if (!self) continue;
    hazards.push({
      kind: "decorated-static-this",
      at: self,
      message:
        `the static initializer of \`${member.name.getText()}\` uses \`this\` (${place(self)}): with experimentalDecorators, TypeScript rejects ` +
        "`this` in a static property initializer of a decorated class (TS2816), so @slots would break the build",
    });
  }
  return hazards;
}

const memberName = (member: ts.ClassElement): string | undefined =>
  member.name && (ts.isIdentifier(member.name) || ts.isPrivateIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;

/** `this.name` (through parentheses): the name. */
function thisMemberName(node: ts.Node): string | undefined {
  if (!ts.isPropertyAccessExpression(node)) return undefined;
  let target: ts.Expression = node.expression;
  while (ts.isParenthesizedExpression(target)) target = target.expression;
  return target.kind === ts.SyntaxKind.ThisKeyword ? node.name.text : undefined;
}

/** Whether an expression is written: the left of an assignment (also inside a destructuring pattern), or ++/--. */
function isWritten(node: ts.Node): boolean {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isParenthesizedExpression(parent)) continue;
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      return parent.left === child && op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
    }
    if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
      return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
    }
    // A destructuring target: keep walking up to the assignment it is the left of.
    if (ts.isArrayLiteralExpression(parent) || ts.isSpreadElement(parent) || ts.isShorthandPropertyAssignment(parent)) continue;
    if (ts.isPropertyAssignment(parent) && parent.initializer === child) continue;
    if (ts.isObjectLiteralExpression(parent)) continue;
    return false;
  }
  return false;
}

/** Every `this.name` in `root` whose `this` is the instance (not inside a nested non-arrow function or class member). */
function thisAccesses(root: ts.Node | undefined): { name: string; node: ts.PropertyAccessExpression }[] {
  const found: { name: string; node: ts.PropertyAccessExpression }[] = [];
  const visit = (node: ts.Node): void => {
    const name = thisMemberName(node);
    if (name !== undefined) found.push({ name, node: node as ts.PropertyAccessExpression });
    if (node !== root && isThisBoundary(node)) return;
    ts.forEachChild(node, visit);
  };
  if (root) visit(root);
  return found;
}

/** The class a class extends, when it is a class declaration or expression of the program. */
function baseClassOf(decl: ts.ClassLikeDeclaration, checker: ts.TypeChecker): ts.ClassLikeDeclaration | undefined {
  const clause = decl.heritageClauses?.find((heritage) => heritage.token === ts.SyntaxKind.ExtendsKeyword);
  const expression = clause?.types[0]?.expression;
  if (!expression) return undefined;
  let symbol = checker.getSymbolAtLocation(expression);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const found = symbol?.declarations?.find(ts.isClassLike);
  if (found) return found;
  const variable = symbol?.declarations?.find(ts.isVariableDeclaration);
  return variable?.initializer && ts.isClassExpression(variable.initializer) ? variable.initializer : undefined;
}

/** What runs on `this` while the base classes construct it: their constructors and instance field initialisers. */
interface Construction {
  /** Member names reached as `this.name`, with the first place each is reached from. */
  reached: Map<string, ts.Node>;
  /** Names the construction writes as `this.name = ...`, with the write. */
  written: Map<string, ts.Node>;
}

function baseConstruction(decl: ts.ClassDeclaration, checker: ts.TypeChecker): Construction {
  const reached = new Map<string, ts.Node>();
  const written = new Map<string, ts.Node>();
  const bases: ts.ClassLikeDeclaration[] = [];
  for (let base = baseClassOf(decl, checker); base && !bases.includes(base); base = baseClassOf(base, checker)) bases.push(base);
  const pending: ts.Node[] = [];
  for (const base of bases) {
    for (const member of base.members) {
      if (ts.isConstructorDeclaration(member)) pending.push(member);
      else if (ts.isPropertyDeclaration(member) && member.initializer && !(ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static)) pending.push(member.initializer);
    }
  }
  // A base method the construction reaches runs during construction too (this.setup() calling this.init()).
  const seen = new Set<ts.Node>();
  while (pending.length) {
    const root = pending.pop() as ts.Node;
    if (seen.has(root)) continue;
    seen.add(root);
    for (const { name, node } of thisAccesses(root)) {
      if (!reached.has(name)) reached.set(name, node);
      if (isWritten(node) && !written.has(name)) written.set(name, node);
      for (const base of bases) for (const member of base.members) if (memberName(member) === name && ts.isFunctionLike(member)) pending.push(member);
    }
  }
  return { reached, written };
}

/**
 * Assign semantics only: an own slot without initialiser that the base classes' construction writes, directly or
 * through a member of this class it reaches (an override the base constructor calls, or a setter it assigns).
 */
export function baseConstructorWriteHazards(decl: ts.ClassDeclaration, checker: ts.TypeChecker, place: Place): Hazard[] {
  if (!baseClassOf(decl, checker)) return [];
  const uninitialised = new Set(
    decl.members
      .filter((member): member is ts.PropertyDeclaration => ts.isPropertyDeclaration(member) && !member.initializer)
      .filter((member) => !(ts.getCombinedModifierFlags(member) & (ts.ModifierFlags.Static | ts.ModifierFlags.Ambient | ts.ModifierFlags.Abstract)))
      .flatMap((member) => memberName(member) ?? []),
  );
  if (uninitialised.size === 0) return [];
  const construction = baseConstruction(decl, checker);
  if (construction.reached.size === 0) return [];
  const hazards: Hazard[] = [];
  for (const [field, write] of construction.written) {
    if (!uninitialised.has(field)) continue;
    hazards.push({
      kind: "base-constructor-write",
      at: write,
      message:
        `a base constructor writes \`${field}\` (${place(write)}); under @slots the slot's placeholder after super(...) would replace that ` +
        "value (useDefineForClassFields false)",
    });
  }
  // The methods and accessors of this class, with the slots each writes (also through other members it calls).
  const members = decl.members.filter((member) => ts.isFunctionLike(member) && !ts.isConstructorDeclaration(member) && memberName(member) !== undefined);
  const writesOf = new Map<string, { field: string; node: ts.Node }[]>();
  const callsOf = new Map<string, string[]>();
  for (const member of members) {
    const name = memberName(member) as string;
    const accesses = thisAccesses(member);
    writesOf.set(name, [...(writesOf.get(name) ?? []), ...accesses.filter((a) => uninitialised.has(a.name) && isWritten(a.node)).map((a) => ({ field: a.name, node: a.node }))]);
    callsOf.set(name, [...(callsOf.get(name) ?? []), ...accesses.map((a) => a.name)]);
  }
  for (const [entry, from] of construction.reached) {
    if (!writesOf.has(entry)) continue;
    // Every member this one reaches through `this.name`, itself included.
    const reachedMembers = new Set<string>([entry]);
    const queue = [entry];
    while (queue.length) for (const next of callsOf.get(queue.pop() as string) ?? []) if (writesOf.has(next) && !reachedMembers.has(next)) reachedMembers.add(next), queue.push(next);
    for (const member of reachedMembers) {
      for (const { field, node } of writesOf.get(member) ?? []) {
        hazards.push({
          kind: "base-constructor-write",
          at: node,
          message:
            `\`${member}\` writes slot \`${field}\` and runs during a base constructor (\`this.${entry}\` at ${place(from)}); under @slots the ` +
            "slot's placeholder after super(...) would replace that value (useDefineForClassFields false)",
        });
      }
    }
  }
  return hazards;
}
