// TSS1007 (warning): a `@slots` class whose base class ts-slots cannot vouch for. The seal freezes the shape the
// whole constructor chain built; a base that is not `@slots` may add properties later (after the seal: a TypeError)
// or differently per instance (no single shape). Told from the checker only, each with its own message: a JavaScript
// built-in (what the seal does to it was measured: builtinBases.ts; the safe ones draw nothing), a class declared in a
// declaration file, a library's or not (unless that file was compiled from a `@slots` class of a project on disk:
// project references), a base that is not a visible class (a mixin call, a computed base), or a plain base class in
// which the other checks, run as if it were `@slots`, find writes that add properties.
import * as path from "path";
import type * as ts from "typescript";
import { ProblemCode, type SlotsProblem } from "../diagnostics";
import { fieldModeOf } from "../fieldMode";
import { extendsClauseOf } from "../slots";
import { builtinConstructors, builtinVerdict } from "./builtinBases";
import { checkClassShape } from "./classShape";
import { checkElementWrite } from "./elementWrites";
import { lineOf, skipParentheses, unwrap } from "./expressions";
import { checkPropertyWrite } from "./propertyWrites";
import { checkReflectiveAdd } from "./reflectiveAdds";
import type { CheckScope, NodeCheck } from "./scope";
import { createSlotsLookup } from "./slotsTypes";
import { classNameOf, classOfThis, visibleBaseClass } from "./target";

type ClassLike = ts.ClassLikeDeclaration;

/** The member of `owner` that a node belongs to (through arrow functions and nested blocks). */
function memberOf(node: ts.Node, owner: ClassLike): ts.Node | undefined {
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    if (current.parent === owner) return current;
  }
  return undefined;
}

/** The node when it is `this.<name> = ...`, else undefined. */
function thisPropertyWritten(node: ts.Node, tsApi: typeof ts): ts.BinaryExpression & { left: ts.PropertyAccessExpression } | undefined {
  return tsApi.isBinaryExpression(node) &&
    node.operatorToken.kind === tsApi.SyntaxKind.EqualsToken &&
    tsApi.isPropertyAccessExpression(node.left) &&
    node.left.expression.kind === tsApi.SyntaxKind.ThisKeyword
    ? (node as ts.BinaryExpression & { left: ts.PropertyAccessExpression })
    : undefined;
}

/** In a JavaScript base, `this.x = v` outside the constructor for an `x` the constructor never assigns. */
function lateJavaScriptWrites(base: ClassLike, tsApi: typeof ts): ts.Node[] {
  const assignedInConstructor = new Set<string>();
  const late: ts.PropertyAccessExpression[] = [];
  const visit = (current: ts.Node): void => {
    const node = thisPropertyWritten(current, tsApi);
    if (node) {
      const member = memberOf(node, base);
      if (member && tsApi.isConstructorDeclaration(member)) assignedInConstructor.add(node.left.name.text);
      else if (member && !tsApi.isPropertyDeclaration(member)) late.push(node.left);
    }
    const rebindsThis = tsApi.isFunctionDeclaration(current) || tsApi.isFunctionExpression(current) || (tsApi.isClassLike(current) && current !== base);
    if (!rebindsThis) tsApi.forEachChild(current, visit);
  };
  visit(base);
  const declared = new Set(base.members.flatMap((member) => (member.name && tsApi.isIdentifier(member.name) ? [member.name.text] : [])));
  return late.filter((write) => !assignedInConstructor.has(write.name.text) && !declared.has(write.name.text));
}

/** Whether a write or reflective call targets `this` of `base` itself: evidence about its own instances only. */
function writesToOwnInstance(node: ts.Node, base: ClassLike, tsApi: typeof ts): boolean {
  const object =
    tsApi.isElementAccessExpression(node) || tsApi.isPropertyAccessExpression(node)
      ? node.expression
      : tsApi.isCallExpression(node)
        ? node.arguments[0]
        : undefined;
  if (!object) return false;
  const inner = unwrap(object, tsApi).inner;
  return inner.kind === tsApi.SyntaxKind.ThisKeyword && classOfThis(inner, tsApi) === base;
}

/**
 * Where a plain class adds properties to its instances: what the element-write, property-write, reflective and
 * index-signature checks report when the class is taken as `@slots`. Inside its constructor only writes whose keys
 * vary count (the instance is built the same way each time otherwise, before any seal).
 */
function lateAdditionIn(base: ClassLike, scope: CheckScope): ts.Node | undefined {
  const { tsApi } = scope;
  const asIfSlots: CheckScope = { ...scope, slots: createSlotsLookup(scope.checker, tsApi, base) };
  const checks: readonly NodeCheck[] = [checkElementWrite, checkPropertyWrite, checkReflectiveAdd];
  const indexSignature = checkClassShape(base, asIfSlots).find((problem) => problem.code === ProblemCode.IndexSignature);
  if (indexSignature?.node) return indexSignature.node;
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    const member = memberOf(node, base);
    if (!writesToOwnInstance(node, base, tsApi)) {
      tsApi.forEachChild(node, visit);
      return;
    }
    const inConstructor = member !== undefined && tsApi.isConstructorDeclaration(member);
    for (const check of checks) {
      const problem = check(node, asIfSlots).find(
        (candidate) => !inConstructor || candidate.code === ProblemCode.ReflectiveAdd || candidate.code === ProblemCode.ElementWrite,
      );
      if (problem) found = problem.node ?? node;
    }
    tsApi.forEachChild(node, visit);
  };
  visit(base);
  if (found) return found;
  return /\.[cm]?jsx?$/.test(base.getSourceFile().fileName) ? lateJavaScriptWrites(base, tsApi)[0] : undefined;
}

/**
 * Names the constructor assigns on every run that finishes: `this.<name> = ...` statements at the top of its body,
 * up to the first statement that may return early. One under an `if`, in a loop or in a callback may never run (the
 * audit round trip's seed 1900: `if (coin()) this.c0f0 = 5`, then a method's write throws on a sealed subclass).
 */
function definitelyAssignedNames(constructor: ts.ConstructorDeclaration, tsApi: typeof ts): Set<string> {
  const names = new Set<string>();
  for (const statement of constructor.body?.statements ?? []) {
    if (mayReturn(statement, tsApi)) break;
    const written = tsApi.isExpressionStatement(statement) ? thisPropertyWritten(skipParentheses(statement.expression, tsApi), tsApi) : undefined;
    if (written) names.add(written.left.name.text);
  }
  return names;
}

/** Whether a statement holds a `return` of the function it is in (not of a nested one). */
function mayReturn(node: ts.Node, tsApi: typeof ts): boolean {
  if (tsApi.isReturnStatement(node)) return true;
  if (tsApi.isFunctionLike(node) || tsApi.isClassLike(node)) return false;
  return tsApi.forEachChild(node, (child) => mayReturn(child, tsApi) || undefined) ?? false;
}

/**
 * A field a plain base declares but does not create: `declare x: T`, or, under assignment semantics
 * (useDefineForClassFields false), `x!: T` / `x?: T` without an initialiser that its constructor does not always assign. Such a
 * field is only a type until something first writes it, and on a sealed instance that first write throws.
 */
function uncreatedField(base: ClassLike, scope: CheckScope, checker: ts.TypeChecker): ts.PropertyDeclaration | undefined {
  const { tsApi } = scope;
  // A field redeclaring one the base's own base has (`declare x: Narrower`) is that ancestor's to create: the recursion
  // in baseReason judges it there.
  const next = extendsClauseOf(base, tsApi);
  const inherited = next ? checker.getTypeAtLocation(next) : undefined;
  const assign = scope.compilerOptions !== undefined && fieldModeOf(scope.compilerOptions, tsApi) === "assign";
  const constructor = base.members.find((member): member is ts.ConstructorDeclaration => tsApi.isConstructorDeclaration(member) && member.body !== undefined);
  const assigned = constructor ? definitelyAssignedNames(constructor, tsApi) : new Set<string>();
  return base.members.find((member): member is ts.PropertyDeclaration => {
    if (!tsApi.isPropertyDeclaration(member) || !tsApi.isIdentifier(member.name) || member.initializer) return false;
    const modifiers = tsApi.getModifiers(member) ?? [];
    if (modifiers.some((modifier) => modifier.kind === tsApi.SyntaxKind.StaticKeyword || modifier.kind === tsApi.SyntaxKind.AbstractKeyword)) return false;
    const declared = modifiers.some((modifier) => modifier.kind === tsApi.SyntaxKind.DeclareKeyword);
    return (declared || assign) && !assigned.has(member.name.text) && !inherited?.getProperty(member.name.text);
  });
}

/** Why a base cannot be vouched for, and what the user can do about it. */
interface BaseVerdict {
  reason: string;
  fix: string;
  /** A hazard only if code writes the property after construction: for the audit and the editor, not the build. */
  review?: boolean;
}

const defaultFix = "Make the base a @slots class, or declare every property it adds as a field.";

/** The package a declaration file belongs to, when it lies in node_modules (`@scope/name` or `name`). */
function packageOf(fileName: string): string | undefined {
  const parts = fileName.split(/[\\/]node_modules[\\/]/);
  if (parts.length < 2) return undefined;
  const [first, second] = parts[parts.length - 1].split(/[\\/]/);
  return first.startsWith("@") ? `${first}/${second}` : first;
}

/** TypeScript's own lib files (`lib.es5.d.ts`, `lib.dom.d.ts`, ...): what declares the JavaScript built-ins. */
function isDefaultLibFile(file: ts.SourceFile): boolean {
  return file.isDeclarationFile && /^lib(\.[\w-]+)*\.d\.ts$/i.test(path.basename(file.fileName));
}

/**
 * The global built-in a base names (`Array`, `Error`, ...), when nothing in the file declares that name. Told from the
 * name and where it resolves, not from the type: the source rewrite's one-file program has no lib, so there the global
 * does not resolve at all (its type is `any`), while the full program resolves it to TypeScript's lib files.
 */
function builtinBaseName(heritage: ts.ExpressionWithTypeArguments, checker: ts.TypeChecker, tsApi: typeof ts): string | undefined {
  const expression = unwrap(heritage.expression, tsApi).inner;
  if (!tsApi.isIdentifier(expression) || !builtinConstructors.has(expression.text)) return undefined;
  const symbol = checker.getSymbolAtLocation(expression);
  if (!symbol) return expression.text;
  const declarations = symbol.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => isDefaultLibFile(declaration.getSourceFile())) ? expression.text : undefined;
}

/** A base that is not a class declaration: a mixin call, or another expression computing the class. */
function invisibleBase(heritage: ts.ExpressionWithTypeArguments, text: string, tsApi: typeof ts): BaseVerdict {
  const expression = unwrap(heritage.expression, tsApi).inner;
  if (tsApi.isCallExpression(expression)) {
    return {
      reason: `its base \`${text}\` is the class a function returns (a mixin), which the type checker does not show ts-slots`,
      fix: "Nothing fails if that class adds its properties as fields or in its constructor; declare any property it adds later as a field of this class.",
    };
  }
  return {
    reason: `its base \`${text}\` is not a class declaration ts-slots can see (a value typed as a constructor, or a computed expression)`,
    fix: "Extend a class declaration, or declare every property the base adds after construction as a field of this class.",
  };
}

/** Why the base behind `heritage` cannot be vouched for, or undefined when it can (a `@slots` or a well-behaved class). */
function baseReason(heritage: ts.ExpressionWithTypeArguments, scope: CheckScope, checker: ts.TypeChecker, seen: Set<ClassLike>): BaseVerdict | undefined {
  const { tsApi, file } = scope;
  const builtin = builtinBaseName(heritage, checker, tsApi);
  if (builtin !== undefined) return builtinVerdict(builtin);
  const type = checker.getTypeAtLocation(heritage);
  // An unresolved base (transpile-only builds) is `any`: nothing can be said about it.
  if (type.flags & tsApi.TypeFlags.Any) return undefined;
  const text = heritage.expression.getText(heritage.getSourceFile());
  const symbol = type.getSymbol();
  // A JavaScript built-in (declared by TypeScript's lib files): what its instances do under the seal was measured.
  if (symbol && (symbol.declarations ?? []).some((declaration) => isDefaultLibFile(declaration.getSourceFile()))) {
    return builtinVerdict(symbol.getName());
  }
  const declarations = (symbol?.declarations ?? []).filter((declaration): declaration is ClassLike => tsApi.isClassLike(declaration));
  const base = declarations[0];
  if (!base || !visibleBaseClass(heritage, checker, tsApi, scope.isolated)) return invisibleBase(heritage, text, tsApi);
  if (declarations.some((declaration) => scope.slots.isSlotsClass(declaration))) return undefined;
  const name = classNameOf(base);
  const baseFile = base.getSourceFile();
  if (baseFile.isDeclarationFile) {
    const library = packageOf(baseFile.fileName);
    return {
      reason:
        `its base class ${name} comes from a declaration file (${path.basename(baseFile.fileName)}` +
        (library ? ` of the package ${library}` : "") +
        `), which lists its properties but not whether its code adds others after construction`,
      fix: `Check that it adds none (then the seal is safe), or keep an instance of ${name} in a field instead of extending it.`,
    };
  }
  const addition = lateAdditionIn(base, scope);
  if (addition) {
    const additionFile = addition.getSourceFile();
    const where = additionFile === file ? `line ${lineOf(addition, file)}` : `${path.basename(additionFile.fileName)}:${lineOf(addition, additionFile)}`;
    const code = addition.getText(additionFile).split("\n")[0];
    return { reason: `its base class ${name} is not @slots and adds properties its declaration does not list (${where}: \`${code}\`)`, fix: defaultFix };
  }
  const uncreated = uncreatedField(base, scope, checker);
  if (uncreated) {
    const field = uncreated.name.getText(uncreated.getSourceFile());
    return {
      reason: `its base class ${name} is not @slots and declares \`${field}\` without creating it (no initialiser, not assigned on every run of its constructor${uncreated.modifiers?.some((m) => m.kind === tsApi.SyntaxKind.DeclareKeyword) ? ", `declare`" : ", assignment semantics"}), so on a sealed instance the first write to it throws`,
      fix: `Give \`${field}\` an initialiser in ${name} (\`= undefined\` will do) or assign it in ${name}'s constructor, or make ${name} a @slots class.`,
      review: true,
    };
  }
  const next = extendsClauseOf(base, tsApi);
  if (!next || seen.has(base)) return undefined;
  seen.add(base);
  const further = baseReason(next, scope, checker, seen);
  return further && { ...further, reason: `${further.reason} (inherited through ${name})` };
}

export function checkBaseClass(node: ts.Node, scope: CheckScope): SlotsProblem[] {
  const { tsApi, checker } = scope;
  if (!checker || !tsApi.isClassLike(node) || !scope.slots.isSlotsClass(node)) return [];
  const heritage = extendsClauseOf(node, tsApi);
  if (!heritage) return [];
  const verdict = baseReason(heritage, scope, checker, new Set([node]));
  if (!verdict) return [];
  return [
    {
      code: ProblemCode.BaseShape,
      severity: verdict.review ? "review" : "warning",
      message: `The shape of @slots class ${classNameOf(node)} cannot be guaranteed: ${verdict.reason}. ${verdict.fix}`,
      node: heritage,
    },
  ];
}
