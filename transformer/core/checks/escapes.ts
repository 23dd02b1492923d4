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
// Nor is a cast to `any` whose value lands at once in a closed place (`const t: Token = x as any`), a value put in a
// binding typed open whose every use is in sight and keeps it closed (a parameter of a project function, a local:
// `bindingStaysClosed`; through further project functions: `assert(o)` calling `isValid(o)`), a member of a local
// declared without a type whose every value declares that member as a typed field (`valuesOfUntyped`), a return from
// an implementation whose overloads all declare closed types, or a property of a fresh `Object.create(...)` local
// only written to and returned as the function's declared type. A call resolved to an overload is judged at the
// implementation's parameter, and a local declared without a type evolves only under noImplicitAny. A container is
// judged where the class is held in it: `Template[]` returned by a `Generator<unknown, Template[], unknown>` is in a
// closed position though the yielded values are `unknown` (`landsOpen`, in openTypes.ts with the other type questions).
// An instance handed to a function read from a field lands in the functions stored there (storedCallbacks.ts); the
// first argument of `f.call(self)` at the `this` type `f` declares; a descriptor's `value` at the target's property;
// a push TypeScript types `any` in the arrays the receiver can hold (`pushClosed`).
import type * as ts from "typescript";
import { ProblemCode, type SlotsProblem } from "../diagnostics";
import type { CheckScope } from "./scope";
import { isValuePreserving, isWriteTarget, refersTo, usesArguments, valueParameters } from "./expressions";
import { classesHeldIn, isOpenType, landsOpen, placeTypeText, slotsClassesOf } from "./openTypes";
import { storedCallbackLandings } from "./storedCallbacks";
import { classNameOf, slotsTargetOf } from "./target";

/** Callees (as written, `owner.method` or a global function) that only read their arguments. */
const safeSinks = new Set([
  "JSON.stringify",
  "String",
  "Number",
  "Boolean",
  "isFinite",
  "isNaN",
  "Number.isFinite",
  "Number.isNaN",
  "Number.isInteger",
  "Number.isSafeInteger",
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

/**
 * Reflective writers whose target (first argument) the reflective-add check judges key by key (TSS1003). Not
 * `setPrototypeOf`: an instance given another prototype (`Object.setPrototypeOf(this, ...)`) stays a review.
 */
const judgedTargets = new Set(["Object.assign", "Object.defineProperty", "Object.defineProperties", "Reflect.set", "Reflect.defineProperty"]);

/** Owners all of whose methods are safe sinks. */
const safeOwners = new Set(["console"]);

/** Whether a call's callee is one of the known-safe sinks, declared by a declaration file (not shadowed locally). */
function isSafeSink(call: ts.CallExpression | ts.NewExpression, scope: CheckScope, checker: ts.TypeChecker, names: ReadonlySet<string> = safeSinks): boolean {
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
  if (!names.has(text) && !(names === safeSinks && safeOwners.has(text))) return false;
  const declarations = checker.getSymbolAtLocation(root)?.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => declaration.getSourceFile().isDeclarationFile);
}

/**
 * Assertion libraries whose every function and method only reads its arguments (their declaration files, found under
 * node_modules): chai, Node's `assert`, Jest's and Vitest's `expect` packages. `@types/jest` also declares `jest.spyOn`,
 * which writes to its argument, so from it only `expect` and the matchers count.
 */
const readOnlyLibraries = [/\/node_modules\/(@types\/)?chai\//, /\/node_modules\/@types\/node\/assert(\/strict)?\.d\.ts$/, /\/node_modules\/(expect|@jest\/expect|@vitest\/expect|power-assert|@types\/power-assert)\//];
const jestTypes = /\/node_modules\/@types\/jest\//;

/** Whether a call resolves to a function or method an assertion library declares (`expect(x).equal(y)`, `assert.equal`). */
function isReadOnlyLibraryCall(call: ts.CallExpression | ts.NewExpression, scope: CheckScope, checker: ts.TypeChecker): boolean {
  const { tsApi } = scope;
  const declaration = checker.getResolvedSignature(call)?.getDeclaration();
  const file = declaration?.getSourceFile();
  if (!declaration || !file?.isDeclarationFile) return false;
  const fileName = file.fileName.replace(/\\/g, "/");
  const named = (node: ts.Node): string | undefined => {
    const name = (node as ts.NamedDeclaration).name;
    return name && (tsApi.isIdentifier(name) || tsApi.isStringLiteral(name)) ? name.text : undefined;
  };
  // Their plugin helpers write (chai's `utils.addProperty(ctx, ...)`, `flag`, `use`; `expect.extend`): never a sink.
  const chain: string[] = [];
  for (let node: ts.Node | undefined = declaration; node && !tsApi.isSourceFile(node); node = node.parent) {
    const name = named(node);
    if (name) chain.push(name);
  }
  if (chain.some((name) => /util|^use$|^extend$|^add|^overwrite|^flag$|^transferFlags$|spyOn|replaceProperty|^mock/i.test(name))) return false;
  if (readOnlyLibraries.some((pattern) => pattern.test(fileName))) return true;
  if (!jestTypes.test(fileName)) return false;
  // In @types/jest: the call signature of `Expect` (`expect(x)`) and the methods of the `Matchers` interfaces.
  for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
    if (tsApi.isInterfaceDeclaration(node)) return node.name.text === "Expect" || /Matchers$/.test(node.name.text);
  }
  return false;
}

/**
 * `list.push(x)` (or `unshift`) where TypeScript types the push `any`, closed where the array keeps the instance so: a
 * local array typed `any[]` whose uses are all in sight (`localArrayStaysClosed`); a local declared without a type
 * that only ever holds typed arrays (`let p; … p = this.templates; … p.push(tpl)`), whose elements are typed closed;
 * or an array TypeScript evolves (`const args = []` under noImplicitAny), whose every read has the evolved type.
 */
function pushClosed(call: ts.CallExpression | ts.NewExpression, held: ts.Type, follow: Follow): boolean {
  const { scope, checker } = follow;
  const { tsApi } = scope;
  const callee = call.expression;
  if (!tsApi.isCallExpression(call) || !tsApi.isPropertyAccessExpression(callee) || !["push", "unshift"].includes(callee.name.text)) return false;
  const array = callee.expression;
  if (!tsApi.isIdentifier(array)) return false;
  if (localArrayStaysClosed(array, held, follow)) return true;
  const nullish = tsApi.TypeFlags.Null | tsApi.TypeFlags.Undefined;
  const values = valuesOfUntyped(array, follow, new Set())?.filter((value) => !(value.flags & nullish));
  if (values?.length && values.every((value) => closedElements(value, scope, checker))) return true;
  return evolvingArrayReadsClosed(array, follow);
}

/** An array type whose elements are typed closed. */
function closedElements(type: ts.Type, scope: CheckScope, checker: ts.TypeChecker): boolean {
  if (!checker.isArrayType(type)) return false;
  const element = checker.getTypeArguments(type as ts.TypeReference)[0];
  return element !== undefined && !isOpenType(element, scope, checker);
}

/**
 * `const args = []` under noImplicitAny: TypeScript evolves the array's type from what is pushed, and every read of
 * the array (handed on, returned, iterated) has the evolved type. Closed when each read's elements are typed closed
 * (where the array is captured by a closure TypeScript gives up and types it `any[]`: open).
 */
function evolvingArrayReadsClosed(array: ts.Identifier, follow: Follow): boolean {
  const { scope, checker } = follow;
  const { tsApi } = scope;
  const options = scope.compilerOptions;
  if (!options || !(options.noImplicitAny ?? options.strict ?? false)) return false;
  const local = followableBinding(array, follow);
  const declaration = local?.name.parent;
  if (!local || !declaration || !tsApi.isVariableDeclaration(declaration) || declaration.type) return false;
  const initial = declaration.initializer;
  if (!initial || !tsApi.isArrayLiteralExpression(initial) || initial.elements.length > 0) return false;
  const symbol = checker.getSymbolAtLocation(local.name);
  let all = true;
  const visit = (node: ts.Node): void => {
    if (!all) return;
    if (tsApi.isIdentifier(node) && node !== local.name && node.text === local.name.text && symbol && refersTo(node, symbol, checker, tsApi)) {
      const parent = node.parent;
      const pushed = tsApi.isPropertyAccessExpression(parent) && ["push", "unshift"].includes(parent.name.text) && tsApi.isCallExpression(parent.parent) && parent.parent.expression === parent;
      const stored = tsApi.isElementAccessExpression(parent) && parent.expression === node && isWriteTarget(parent, tsApi);
      all = pushed || stored || closedElements(checker.getTypeAtLocation(node), scope, checker);
      return;
    }
    tsApi.forEachChild(node, visit);
  };
  visit(local.within);
  return all;
}

const reflectApply = new Set(["Reflect.apply"]);

/**
 * `f.call(self, …)`, `f.apply(self, …)`, `f.bind(self)`, `Reflect.apply(f, self, args)`: `self` becomes the `this` of
 * `f`, typed as `f` declares it (`(this: Liquid, …) => void`); a function that declares no `this` sees it untyped
 * (`any`). Undefined for any other argument.
 */
function thisArgumentTypes(call: ts.CallExpression | ts.NewExpression, argument: ts.Expression, scope: CheckScope, checker: ts.TypeChecker): ts.Type[] | undefined {
  const { tsApi } = scope;
  const callee = call.expression;
  if (!tsApi.isCallExpression(call) || !tsApi.isPropertyAccessExpression(callee)) return undefined;
  let called: ts.Expression | undefined;
  if (call.arguments[1] === argument && isSafeSink(call, scope, checker, reflectApply)) called = call.arguments[0];
  else if (call.arguments[0] === argument && ["call", "apply", "bind"].includes(callee.name.text)) {
    const method = checker.getResolvedSignature(call)?.getDeclaration();
    const owner = method?.parent;
    if (!method || !method.getSourceFile().isDeclarationFile || !owner || !tsApi.isInterfaceDeclaration(owner) || !["CallableFunction", "Function"].includes(owner.name.text)) return undefined;
    called = callee.expression;
  }
  if (!called) return undefined;
  const signatures = checker.getTypeAtLocation(called).getCallSignatures();
  if (!signatures.length) return [checker.getAnyType()];
  return signatures.map((signature) => (signature.thisParameter ? checker.getTypeOfSymbol(signature.thisParameter) : checker.getAnyType()));
}

/** The methods of `Object.prototype` that only read their `this`. */
const objectPrototypeReaders = new Set(["toString", "toLocaleString", "valueOf", "hasOwnProperty", "propertyIsEnumerable", "isPrototypeOf"]);

/**
 * `Object.prototype.toString.call(x)`, `Object.prototype.hasOwnProperty.call(x, k)`, also through a `const` holding
 * the method (`toString.call(value)`): they read `x`.
 */
function isObjectPrototypeRead(call: ts.CallExpression | ts.NewExpression, argument: ts.Expression, scope: CheckScope, checker: ts.TypeChecker): boolean {
  const { tsApi } = scope;
  const callee = call.expression;
  if (!tsApi.isPropertyAccessExpression(callee) || callee.name.text !== "call" || call.arguments?.[0] !== argument) return false;
  let method: ts.Expression = callee.expression;
  if (tsApi.isIdentifier(method)) {
    let symbol = checker.getSymbolAtLocation(method);
    if (symbol && symbol.flags & tsApi.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol?.valueDeclaration;
    if (!declaration || !tsApi.isVariableDeclaration(declaration) || !declaration.initializer || !tsApi.isVariableDeclarationList(declaration.parent)) return false;
    if (!(declaration.parent.flags & tsApi.NodeFlags.Const)) return false;
    method = declaration.initializer;
  }
  if (!tsApi.isPropertyAccessExpression(method) || !objectPrototypeReaders.has(method.name.text)) return false;
  const prototype = method.expression;
  if (!tsApi.isPropertyAccessExpression(prototype) || prototype.name.text !== "prototype" || !tsApi.isIdentifier(prototype.expression) || prototype.expression.text !== "Object") return false;
  const declarations = checker.getSymbolAtLocation(prototype.expression)?.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => declaration.getSourceFile().isDeclarationFile);
}

/**
 * A local array typed `any[]` (`const list = []` without noImplicitAny) that an instance of type `held` is pushed on
 * or stored in: closed when every use of the array is a push, an element stored, its length, an element read that
 * keeps the instance closed, or a `for...of` whose element does. The instance is never handed on with the array, so
 * no code adds to it. An array that is exported, returned, passed on or iterated by a callback (`forEach`, `map`)
 * stays a review.
 */
function localArrayStaysClosed(array: ts.Identifier, held: ts.Type, follow: Follow): boolean {
  const local = followableBinding(array, follow);
  if (!local || follow.scope.tsApi.isParameter(local.name.parent)) return false;
  return everyUseHolds(local.name, local.within, follow, (use) => arrayUseClosed(use, held, deeper(follow)));
}

/** One use of a local array holding an instance of type `held` (see `localArrayStaysClosed`). */
function arrayUseClosed(use: ts.Identifier, held: ts.Type, follow: Follow): boolean {
  const { tsApi } = follow.scope;
  const parent = use.parent;
  if (tsApi.isPropertyAccessExpression(parent) && parent.expression === use) {
    if (["push", "unshift"].includes(parent.name.text)) return tsApi.isCallExpression(parent.parent) && parent.parent.expression === parent;
    return parent.name.text === "length" && !isWriteTarget(parent, tsApi);
  }
  if (tsApi.isElementAccessExpression(parent) && parent.expression === use) {
    // What is stored is judged where it is stored; an element read is the instance itself, followed.
    if (tsApi.isDeleteExpression(parent.parent)) return false;
    return isWriteTarget(parent, tsApi) || usedClosed(parent, held, follow);
  }
  if (tsApi.isForOfStatement(parent) && parent.expression === use && tsApi.isVariableDeclarationList(parent.initializer)) {
    const element = parent.initializer.declarations[0]?.name;
    return element !== undefined && tsApi.isIdentifier(element) && bindingStaysClosed(element, parent.statement, held, follow);
  }
  return false;
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
  while (isValuePreserving(current.parent, tsApi)) current = current.parent;
  const parent = current.parent;
  return (tsApi.isPropertyAccessExpression(parent) || tsApi.isElementAccessExpression(parent)) && parent.expression === current;
}

/**
 * The declaration of the function a call resolves to, when the project declares it with a body. A call resolved to
 * an overload runs the implementation: its body and parameters are the place, not the overload's types.
 */
function calleeInProject(call: ts.CallExpression | ts.NewExpression, checker: ts.TypeChecker, tsApi: typeof ts): ts.SignatureDeclaration | undefined {
  const declaration = checker.getResolvedSignature(call)?.getDeclaration();
  if (!declaration || declaration.getSourceFile().isDeclarationFile || !tsApi.isFunctionLike(declaration)) return undefined;
  const hasBody = (node: ts.Node): boolean => tsApi.isFunctionLike(node) && "body" in node && node.body !== undefined;
  if (hasBody(declaration)) return declaration;
  const implementation = tsApi.isConstructorDeclaration(declaration)
    ? declaration.parent.members.find((member) => tsApi.isConstructorDeclaration(member) && hasBody(member))
    : (() => {
        const name = (declaration as ts.NamedDeclaration).name;
        return (name ? checker.getSymbolAtLocation(name) : undefined)?.declarations?.find(hasBody);
      })();
  return implementation && tsApi.isFunctionLike(implementation) ? implementation : undefined;
}

/** The parameter an argument binds to (not a rest parameter, whose references are arrays; not a `this` parameter). */
function parameterOf(call: ts.CallExpression | ts.NewExpression, argument: ts.Expression, declaration: ts.SignatureDeclaration, tsApi: typeof ts): ts.ParameterDeclaration | undefined {
  const index = call.arguments?.indexOf(argument) ?? -1;
  const parameter = index < 0 ? undefined : valueParameters(declaration, tsApi)[index];
  return parameter && !parameter.dotDotDotToken ? parameter : undefined;
}

/**
 * Where an instance goes once it sits in a binding TypeScript types open (a parameter or local typed `any`, `object`,
 * `T`, or declared without a type under planck's settings): every use of such a binding is in the function (or the
 * module) that declares it, so each is judged as if the binding had the instance's own type `held`. A use keeps the
 * instance closed when it reads it (a member, a comparison, a test, `typeof`, a string, a known-safe sink), writes one
 * of its fields (`node.parent = p` on a `TreeNode`), rebinds the binding, or hands the value to a place of a closed
 * type (a typed parameter, property or return, a literal in a typed place) or to another such binding whose uses keep
 * it closed in turn. A member read that holds a @slots instance (`node.parent`) is followed the same way, since
 * through `any` it is `any` too. Anything else (a write of a name the class does not declare, `delete`, an untyped
 * return, a callee typed `any`, a library place typed open) is where code may add a property unseen.
 */
interface Follow {
  scope: CheckScope;
  checker: ts.TypeChecker;
  depth: number;
  /** Bindings being judged further up: a use that comes back to one adds nothing (its other uses decide). */
  following: Set<ts.Symbol>;
}

const followDepth = 6;

function startFollow(scope: CheckScope, checker: ts.TypeChecker): Follow {
  return { scope, checker, depth: 0, following: new Set() };
}

function deeper(follow: Follow): Follow {
  return { ...follow, depth: follow.depth + 1 };
}

/** Whether a project function's parameter keeps an instance of type `held` closed. */
function parameterStaysClosed(parameter: ts.ParameterDeclaration, declaration: ts.SignatureDeclaration, held: ts.Type, follow: Follow): boolean {
  const { tsApi } = follow.scope;
  if (!tsApi.isIdentifier(parameter.name)) return tsApi.isObjectBindingPattern(parameter.name) && parameter.name.elements.every((element) => !element.dotDotDotToken);
  const body = "body" in declaration ? declaration.body : undefined;
  // `arguments[0]` is the same value under another name.
  return body !== undefined && !usesArguments(body, tsApi) && bindingStaysClosed(parameter.name, body, held, follow);
}

/**
 * A binding whose every use can be seen: a parameter of a function with a body, or a variable that is not exported
 * (in a function, or at the top of a module), in the project's sources. With the node its uses are all inside.
 */
function followableBinding(identifier: ts.Identifier, follow: Follow): { name: ts.Identifier; within: ts.Node } | undefined {
  const { tsApi } = follow.scope;
  const declaration = follow.checker.getSymbolAtLocation(identifier)?.valueDeclaration;
  if (!declaration || declaration.getSourceFile().isDeclarationFile) return undefined;
  if (tsApi.isParameter(declaration)) {
    const body = "body" in declaration.parent ? declaration.parent.body : undefined;
    // `arguments[0]` is the same value under another name.
    if (!body || usesArguments(body, tsApi)) return undefined;
    return tsApi.isIdentifier(declaration.name) && !declaration.dotDotDotToken ? { name: declaration.name, within: body } : undefined;
  }
  if (!tsApi.isVariableDeclaration(declaration) || !tsApi.isIdentifier(declaration.name) || !tsApi.isVariableDeclarationList(declaration.parent)) return undefined;
  const statement = declaration.parent.parent;
  if (tsApi.isVariableStatement(statement) && statement.modifiers?.some((modifier) => modifier.kind === tsApi.SyntaxKind.ExportKeyword)) return undefined;
  let home: ts.Node | undefined = statement;
  while (home && !tsApi.isFunctionLike(home) && !tsApi.isSourceFile(home)) home = home.parent;
  if (!home) return undefined;
  // A script's top-level variables are globals every file sees; a module's, exported apart, are other files' to use.
  if (tsApi.isSourceFile(home)) return tsApi.isExternalModule(home) && !exportedApart(declaration.name.text, home, tsApi) ? { name: declaration.name, within: home } : undefined;
  const body = "body" in home ? home.body : undefined;
  return body ? { name: declaration.name, within: body } : undefined;
}

/** `export { name }`, `export { name as other }` or `export default name` in a module. */
function exportedApart(name: string, file: ts.SourceFile, tsApi: typeof ts): boolean {
  return file.statements.some((statement) => {
    if (tsApi.isExportAssignment(statement)) return tsApi.isIdentifier(statement.expression) && statement.expression.text === name;
    if (!tsApi.isExportDeclaration(statement) || statement.moduleSpecifier || !statement.exportClause || !tsApi.isNamedExports(statement.exportClause)) return false;
    return statement.exportClause.elements.some((element) => (element.propertyName ?? element.name).text === name);
  });
}

/** Whether every use of the binding `name` inside `within` keeps an instance of type `held` closed. */
function bindingStaysClosed(name: ts.Identifier, within: ts.Node, held: ts.Type, follow: Follow): boolean {
  // Rebinding (`cur = cur.next`, `n++`) puts another value there, judged where it comes from.
  return everyUseHolds(name, within, follow, (use) => isWriteTarget(use, follow.scope.tsApi) || usedClosed(use, held, deeper(follow)));
}

/**
 * Whether `holds` is true of every reference to the binding `name` inside `within`. A binding already being judged
 * further up holds here: its other uses decide.
 */
function everyUseHolds(name: ts.Identifier, within: ts.Node, follow: Follow, holds: (use: ts.Identifier) => boolean): boolean {
  const { scope, checker } = follow;
  const { tsApi } = scope;
  const symbol = checker.getSymbolAtLocation(name);
  if (!symbol || follow.depth > followDepth) return false;
  if (follow.following.has(symbol)) return true;
  follow.following.add(symbol);
  let all = true;
  const visit = (node: ts.Node): void => {
    if (!all) return;
    if (tsApi.isIdentifier(node) && node !== name && node.text === name.text && refersTo(node, symbol, checker, tsApi)) {
      all = holds(node);
      return;
    }
    tsApi.forEachChild(node, visit);
  };
  visit(within);
  follow.following.delete(symbol);
  return all;
}

/** A value that may be an instance of type `held`: closed where TypeScript types it closed, else judged by its use. */
function flowsClosed(value: ts.Expression, held: ts.Type, follow: Follow): boolean {
  const { scope, checker } = follow;
  if (classesHeldIn(held, scope, checker).size === 0) return true;
  if (!isOpenType(checker.getTypeAtLocation(value), scope, checker)) return true;
  return follow.depth <= followDepth && usedClosed(value, held, deeper(follow));
}

/** Whether writing `key` on an instance of `held` stores into a field it declares (or calls a setter). */
function isFieldOf(held: ts.Type, key: string, follow: Follow): boolean {
  const { checker, scope } = follow;
  const { tsApi } = scope;
  const type = checker.getNonNullableType(held);
  if (type.isUnion()) return type.types.every((part) => isFieldOf(part, key, follow));
  const property = checker.getPropertyOfType(checker.getApparentType(type), key);
  return property !== undefined && (property.flags & (tsApi.SymbolFlags.Property | tsApi.SymbolFlags.SetAccessor)) !== 0;
}

/** The key a member access names, when it names one (`o.x`, `o["x"]`, `o[0]`). */
function memberKey(access: ts.PropertyAccessExpression | ts.ElementAccessExpression, tsApi: typeof ts): string | undefined {
  if (tsApi.isPropertyAccessExpression(access)) return access.name.text;
  const key = access.argumentExpression;
  return tsApi.isStringLiteral(key) || tsApi.isNumericLiteral(key) || tsApi.isNoSubstitutionTemplateLiteral(key) ? key.text : undefined;
}

/** A member read of an instance of `held`: what it gives is followed when it may hold a @slots instance. */
function memberReadClosed(access: ts.PropertyAccessExpression | ts.ElementAccessExpression, held: ts.Type, follow: Follow): boolean {
  const { scope, checker } = follow;
  const { tsApi } = scope;
  const owner = checker.getApparentType(checker.getNonNullableType(held));
  const key = memberKey(access, tsApi);
  const property = key === undefined ? undefined : checker.getPropertyOfType(owner, key);
  // A computed key may read any member (or an element): each that may hold an instance is followed.
  const members =
    key !== undefined
      ? property
        ? [checker.getTypeOfSymbol(property)]
        : []
      : [
          ...checker.getPropertiesOfType(owner).map((each) => checker.getTypeOfSymbol(each)),
          ...checker.getIndexInfosOfType(owner).map((info) => info.type),
        ];
  const call = access.parent;
  if (tsApi.isCallExpression(call) && call.expression === access) {
    // A method call gives what the method returns; `this` inside it is the class's own, typed.
    const returned = members.flatMap((member) => member.getCallSignatures().map((signature) => signature.getReturnType()));
    return returned.every((type) => flowsClosed(call, type, follow));
  }
  return members.every((member) => flowsClosed(access, member, follow));
}

/** Whether the value at `use` (an instance of type `held`, typed open where it is) stays closed there. */
function usedClosed(use: ts.Expression, held: ts.Type, follow: Follow): boolean {
  const { scope, checker } = follow;
  const { tsApi } = scope;
  const k = tsApi.SyntaxKind;
  let current: ts.Expression = use;
  while (isValuePreserving(current.parent, tsApi)) current = current.parent as ts.Expression;
  const parent = current.parent;
  if ((tsApi.isPropertyAccessExpression(parent) || tsApi.isElementAccessExpression(parent)) && parent.expression === current) {
    if (tsApi.isDeleteExpression(parent.parent)) return false;
    if (isWriteTarget(parent, tsApi)) {
      const key = memberKey(parent, tsApi);
      return key !== undefined && isFieldOf(held, key, follow);
    }
    return memberReadClosed(parent, held, follow);
  }
  if (tsApi.isTypeOfExpression(parent) || tsApi.isTemplateSpan(parent) || tsApi.isExpressionStatement(parent) || tsApi.isVoidExpression(parent)) return true;
  if (tsApi.isPrefixUnaryExpression(parent)) return parent.operator === k.ExclamationToken;
  if (tsApi.isIfStatement(parent) || tsApi.isWhileStatement(parent) || tsApi.isDoStatement(parent)) return parent.expression === current;
  if (tsApi.isForInStatement(parent)) return parent.expression === current;
  // A loop's test, or its first or next step, whose value is dropped.
  if (tsApi.isForStatement(parent)) return true;
  if (tsApi.isConditionalExpression(parent)) return parent.condition === current || flowsClosed(parent, held, follow);
  if (tsApi.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    if (op === k.EqualsToken && parent.right === current) {
      const statement = tsApi.isExpressionStatement(parent.parent);
      return assignedClosed(parent.left, held, follow) && (statement || flowsClosed(parent, held, follow));
    }
    // The value itself may be the result: `a || v`, `v ?? b`, `c && v`.
    if (op === k.BarBarToken || op === k.QuestionQuestionToken || (op === k.AmpersandAmpersandToken && parent.right === current)) return flowsClosed(parent, held, follow);
    if (op === k.AmpersandAmpersandToken || op === k.CommaToken) return parent.left === current;
    const comparisons = [k.EqualsEqualsEqualsToken, k.ExclamationEqualsEqualsToken, k.EqualsEqualsToken, k.ExclamationEqualsToken, k.InstanceOfKeyword, k.PlusToken];
    return comparisons.includes(op) || (op === k.InKeyword && parent.right === current);
  }
  if (tsApi.isVariableDeclaration(parent) && parent.initializer === current && tsApi.isIdentifier(parent.name)) {
    if (parent.type && !isOpenType(checker.getTypeFromTypeNode(parent.type), scope, checker)) return true;
    const local = followableBinding(parent.name, follow);
    return local !== undefined && bindingStaysClosed(local.name, local.within, held, follow);
  }
  const call = callOfArgument(current, tsApi);
  if (call) return argumentClosed(call, current, held, follow);
  if (tsApi.isReturnStatement(parent) || (tsApi.isArrowFunction(parent) && parent.body === current)) return returnClosed(parent, follow);
  if (tsApi.isForOfStatement(parent) && parent.expression === current) {
    const element = checker.getIndexTypeOfType(checker.getApparentType(held), tsApi.IndexKind.Number);
    const declared = tsApi.isVariableDeclarationList(parent.initializer) ? parent.initializer.declarations[0]?.name : undefined;
    return element !== undefined && declared !== undefined && tsApi.isIdentifier(declared) && bindingStaysClosed(declared, parent.statement, element, follow);
  }
  // An element or a property of a literal: closed where the literal's place types it so.
  if (tsApi.isArrayLiteralExpression(parent) || (tsApi.isPropertyAssignment(parent) && parent.initializer === current) || tsApi.isShorthandPropertyAssignment(parent)) {
    const defined = definedPropertyType(current, scope, checker);
    if (defined) return !isOpenType(defined, scope, checker);
    const contextual = checker.getContextualType(current);
    return contextual !== undefined && !isOpenType(contextual, scope, checker);
  }
  return false;
}

/** `place = value` with an instance of type `held`: closed in a typed place, or in a binding whose uses keep it so. */
function assignedClosed(place: ts.Expression, held: ts.Type, follow: Follow): boolean {
  const { scope, checker } = follow;
  const { tsApi } = scope;
  if (!isOpenType(checker.getTypeAtLocation(place), scope, checker)) return true;
  if (tsApi.isIdentifier(place)) {
    const local = followableBinding(place, follow);
    return local !== undefined && bindingStaysClosed(local.name, local.within, held, follow);
  }
  return untypedMemberClosed(place, held, follow);
}

/**
 * `sibling.parent = x`, `nodes[i] = x` where TypeScript types the place `any` only because the receiver is a local
 * declared without a type (planck's settings): closed when every value that local can hold declares that member as a
 * field of a closed type, or, for an element of a local array, when the array keeps the instance closed.
 */
function untypedMemberClosed(place: ts.Expression, held: ts.Type, follow: Follow): boolean {
  const { scope, checker } = follow;
  const { tsApi } = scope;
  if (!tsApi.isPropertyAccessExpression(place) && !tsApi.isElementAccessExpression(place)) return false;
  const key = memberKey(place, tsApi);
  if (key === undefined) return tsApi.isIdentifier(place.expression) && localArrayStaysClosed(place.expression, held, follow);
  const owners = valuesOfUntyped(place.expression, follow, new Set());
  const nullish = tsApi.TypeFlags.Null | tsApi.TypeFlags.Undefined;
  return (
    owners !== undefined &&
    owners
      .filter((owner) => !(owner.flags & nullish))
      .every((owner) => {
        const property = checker.getPropertyOfType(checker.getApparentType(owner), key);
        return property !== undefined && isFieldOf(owner, key, follow) && !isOpenType(checker.getTypeOfSymbol(property), scope, checker);
      })
  );
}

/**
 * The types of every value an expression TypeScript types `any` can hold, where each is in sight: a local declared
 * without a type holds what its initialiser and its assignments give it (TypeScript's evolving type, which it does not
 * compute without noImplicitAny), an element of a local array what is stored in or pushed on it, `a || b` either.
 * Undefined where some value comes from elsewhere (a parameter, a call typed `any`, an array handed on).
 */
function valuesOfUntyped(expression: ts.Expression, follow: Follow, typing: Set<ts.Symbol>): ts.Type[] | undefined {
  const { scope, checker } = follow;
  const { tsApi } = scope;
  const k = tsApi.SyntaxKind;
  let value = expression;
  while (tsApi.isParenthesizedExpression(value) || tsApi.isNonNullExpression(value)) value = value.expression;
  const type = checker.getTypeAtLocation(value);
  if (!(type.flags & tsApi.TypeFlags.Any)) return isOpenType(type, scope, checker) ? undefined : [type];
  if (typing.size > followDepth) return undefined;
  if (tsApi.isBinaryExpression(value) && (value.operatorToken.kind === k.BarBarToken || value.operatorToken.kind === k.QuestionQuestionToken)) {
    return joinValues([value.left, value.right], follow, typing);
  }
  if (tsApi.isConditionalExpression(value)) return joinValues([value.whenTrue, value.whenFalse], follow, typing);
  if (tsApi.isPropertyAccessExpression(value)) {
    // `node.child` of an untyped `node`: that member of whatever `node` holds.
    const owners = valuesOfUntyped(value.expression, follow, typing);
    const key = value.name.text;
    const nullish = tsApi.TypeFlags.Null | tsApi.TypeFlags.Undefined;
    const members = owners?.filter((owner) => !(owner.flags & nullish)).map((owner) => checker.getPropertyOfType(checker.getApparentType(owner), key));
    if (!members || members.some((member) => member === undefined)) return undefined;
    const types = members.map((member) => checker.getTypeOfSymbol(member as ts.Symbol));
    return types.some((member) => isOpenType(member, scope, checker)) ? undefined : types;
  }
  const array = tsApi.isElementAccessExpression(value) && tsApi.isIdentifier(value.expression) ? value.expression : undefined;
  const binding = array ?? (tsApi.isIdentifier(value) ? value : undefined);
  const local = binding && followableBinding(binding, follow);
  if (!local || !tsApi.isVariableDeclaration(local.name.parent) || local.name.parent.type) return undefined;
  const declaration = local.name.parent;
  // A loop's variable holds what the loop gives it, not what is written in sight.
  const loop = declaration.parent.parent;
  if (tsApi.isForOfStatement(loop) || tsApi.isForInStatement(loop)) return undefined;
  const symbol = checker.getSymbolAtLocation(local.name);
  if (!symbol) return undefined;
  if (typing.has(symbol)) return [];
  typing.add(symbol);
  const sources: ts.Expression[] = [];
  let known = true;
  const initial = declaration.initializer;
  if (array) {
    if (initial && !(tsApi.isArrayLiteralExpression(initial) && initial.elements.length === 0)) known = false;
  } else if (initial) sources.push(initial);
  const name = local.name;
  const visit = (node: ts.Node): void => {
    if (!known) return;
    if (tsApi.isIdentifier(node) && node !== name && node.text === name.text && refersTo(node, symbol, checker, tsApi)) {
      const source = array ? storedInArray(node, tsApi) : assignedTo(node, tsApi);
      if (source === undefined) known = false;
      else sources.push(...source);
      return;
    }
    tsApi.forEachChild(node, visit);
  };
  visit(local.within);
  const found = known ? joinValues(sources, follow, typing) : undefined;
  typing.delete(symbol);
  return found;
}

function joinValues(sources: readonly ts.Expression[], follow: Follow, typing: Set<ts.Symbol>): ts.Type[] | undefined {
  const found: ts.Type[] = [];
  for (const source of sources) {
    const types = valuesOfUntyped(source, follow, typing);
    if (!types) return undefined;
    found.push(...types);
  }
  return found;
}

/** A use of an untyped local: what it puts there (`x = v`: [v]), [] for a read, undefined for any other write. */
function assignedTo(use: ts.Identifier, tsApi: typeof ts): ts.Expression[] | undefined {
  const parent = use.parent;
  if (tsApi.isBinaryExpression(parent) && parent.left === use && parent.operatorToken.kind === tsApi.SyntaxKind.EqualsToken) return [parent.right];
  return isWriteTarget(use, tsApi) ? undefined : [];
}

/** A use of an untyped local array: what it stores (`a[i] = v`, `a.push(v)`), [] for a read, undefined where it may take other values. */
function storedInArray(use: ts.Identifier, tsApi: typeof ts): ts.Expression[] | undefined {
  const parent = use.parent;
  if (tsApi.isElementAccessExpression(parent) && parent.expression === use) {
    const write = parent.parent;
    if (tsApi.isBinaryExpression(write) && write.left === parent && write.operatorToken.kind === tsApi.SyntaxKind.EqualsToken) return [write.right];
    return isWriteTarget(parent, tsApi) || tsApi.isDeleteExpression(write) ? undefined : [];
  }
  if (tsApi.isPropertyAccessExpression(parent) && parent.expression === use) {
    const call = parent.parent;
    if (["push", "unshift"].includes(parent.name.text) && tsApi.isCallExpression(call) && call.expression === parent) {
      return call.arguments.some((argument) => tsApi.isSpreadElement(argument)) ? undefined : [...call.arguments];
    }
    return parent.name.text === "length" && !isWriteTarget(parent, tsApi) ? [] : undefined;
  }
  if (tsApi.isForOfStatement(parent) && parent.expression === use) return [];
  return undefined;
}

/** An instance of type `held` handed to a call. */
function argumentClosed(call: ts.CallExpression | ts.NewExpression, argument: ts.Expression, held: ts.Type, follow: Follow): boolean {
  const { scope, checker } = follow;
  const { tsApi } = scope;
  if (isSafeSink(call, scope, checker) || isReadOnlyLibraryCall(call, scope, checker) || isOwnMethodThis(call, argument, scope)) return true;
  if (landsClosedInCall(call, argument, held, follow)) return true;
  const thisTypes = thisArgumentTypes(call, argument, scope, checker);
  if (thisTypes) return !thisTypes.some((type) => isOpenType(type, scope, checker));
  if (checker.getTypeAtLocation(call.expression).flags & (tsApi.TypeFlags.Any | tsApi.TypeFlags.Unknown)) return false;
  // `Object.assign(o, …)`, `Reflect.set(o, …)`: judged key by key only where the target is typed as the class.
  if (call.arguments?.[0] === argument && isSafeSink(call, scope, checker, judgedTargets)) return false;
  const declaration = calleeInProject(call, checker, tsApi);
  if (!declaration) return !openPlaceOf(argument, scope, checker);
  const parameter = parameterOf(call, argument, declaration, tsApi);
  if (!parameter) return false;
  // The body sees the implementation's parameter: typed closed, every use there is TypeScript's and the checks' to judge.
  const own = parameter.type ? checker.getTypeFromTypeNode(parameter.type) : checker.getTypeAtLocation(parameter);
  return !isOpenType(own, scope, checker) || parameterStaysClosed(parameter, declaration, held, follow);
}

/**
 * Calls whose argument lands in a place TypeScript does not type where it lands, judged where it really does: a push
 * typed `any` (`pushClosed`), `Object.prototype`'s readers, a function read from a field (`storedCallbacksClosed`).
 */
function landsClosedInCall(call: ts.CallExpression | ts.NewExpression, argument: ts.Expression, held: ts.Type, follow: Follow): boolean {
  return pushClosed(call, held, follow) || isObjectPrototypeRead(call, argument, follow.scope, follow.checker) || storedCallbacksClosed(call, argument, held, follow);
}

/**
 * An instance handed to a function read from a field (`this.handlers[name].call(this, token)`): closed when every
 * function the project's writes store there (storedCallbacks.ts) keeps it closed at the parameter it lands in.
 */
function storedCallbacksClosed(call: ts.CallExpression | ts.NewExpression, argument: ts.Expression, held: ts.Type, follow: Follow): boolean {
  const { scope, checker } = follow;
  if (!scope.tsApi.isCallExpression(call)) return false;
  const landings = storedCallbackLandings(call, argument, scope);
  return (
    landings !== undefined &&
    landings.every((landing) =>
      "type" in landing
        ? !isOpenType(landing.type, scope, checker)
        : !isOpenType(checker.getTypeAtLocation(landing.parameter), scope, checker) || parameterStaysClosed(landing.parameter, landing.fn, held, deeper(follow)),
    )
  );
}

/** A value returned (or an arrow's body): closed when the function declares a closed return type. */
function returnClosed(at: ts.Node, follow: Follow): boolean {
  const { scope, checker } = follow;
  const { tsApi } = scope;
  const seen = overloadReturnTypes(at, scope, checker);
  if (seen) return !seen.some((type) => isOpenType(type, scope, checker));
  let fn: ts.Node | undefined = tsApi.isArrowFunction(at) ? at : at.parent;
  while (fn && !tsApi.isFunctionLike(fn)) fn = fn.parent;
  if (!fn || !tsApi.isFunctionLike(fn) || !fn.type) return false;
  return !isOpenType(checker.getTypeFromTypeNode(fn.type), scope, checker);
}

/**
 * The type a generic function's own type parameter gives its parameter (`o: T` with `<T extends object>`): the call's
 * contextual type is the instantiated one (the class itself), but the body sees only `T`.
 */
function genericParameterType(parameter: ts.ParameterDeclaration, declaration: ts.SignatureDeclaration, scope: CheckScope, checker: ts.TypeChecker): ts.Type | undefined {
  const { tsApi } = scope;
  const own = declaration.typeParameters;
  if (!own?.length || !parameter.type) return undefined;
  let type = checker.getTypeFromTypeNode(parameter.type);
  if (checker.isArrayType(type)) type = checker.getTypeArguments(type as ts.TypeReference)[0] ?? type;
  if (!(type.flags & tsApi.TypeFlags.TypeParameter)) return undefined;
  const declared = type.getSymbol()?.declarations?.[0];
  return declared && own.some((typeParameter) => typeParameter === declared) ? type : undefined;
}

/** A local declared without a type or a value (`let cur;`): TypeScript's evolving type follows what is assigned. */
function isEvolvingLocal(target: ts.Expression, scope: CheckScope, checker: ts.TypeChecker): boolean {
  const { tsApi } = scope;
  // Only under noImplicitAny does the type evolve: without it `let cur;` is `any` at every read, and a write through
  // it (`cur.extra = 1`) is seen by no check.
  const options = scope.compilerOptions;
  if (!options || !(options.noImplicitAny ?? options.strict ?? false)) return false;
  if (!tsApi.isIdentifier(target)) return false;
  const declaration = checker.getSymbolAtLocation(target)?.valueDeclaration;
  if (!declaration || !tsApi.isVariableDeclaration(declaration) || declaration.type || !tsApi.isIdentifier(declaration.name)) return false;
  const value = declaration.initializer;
  return !value || value.kind === tsApi.SyntaxKind.NullKeyword || (tsApi.isIdentifier(value) && value.text === "undefined");
}

/**
 * The return types callers see when `node` is returned from an implementation with overloads: the implementation's
 * own signature (often `any`) is not callable, so a value returned there reaches callers as an overload's type.
 */
function overloadReturnTypes(node: ts.Node, scope: CheckScope, checker: ts.TypeChecker): ts.Type[] | undefined {
  const { tsApi } = scope;
  let fn: ts.Node | undefined = node.parent;
  while (fn && !tsApi.isFunctionLike(fn)) fn = fn.parent;
  if (!fn || !(tsApi.isFunctionDeclaration(fn) || tsApi.isMethodDeclaration(fn)) || !fn.body || !fn.name) return undefined;
  const overloads = (checker.getSymbolAtLocation(fn.name)?.declarations ?? []).filter(
    (declaration): declaration is ts.FunctionDeclaration | ts.MethodDeclaration => (tsApi.isFunctionDeclaration(declaration) || tsApi.isMethodDeclaration(declaration)) && !declaration.body,
  );
  if (!overloads.length) return undefined;
  return overloads.map((overload) => checker.getSignatureFromDeclaration(overload)?.getReturnType() ?? checker.getAnyType());
}

/**
 * `const obj = Object.create(C.prototype); obj.p = v; return obj;` (a clone that skips the constructor): `obj` is
 * `any`, but a new object that is only written to and then returned as the function's declared type, so `obj.p` is
 * the place that type's `p` is. Any other use of `obj` (a read, an argument, a capture that reads) keeps it open.
 */
function freshLocalPlace(target: ts.Expression, scope: CheckScope, checker: ts.TypeChecker): ts.Type | undefined {
  const { tsApi } = scope;
  if (!tsApi.isPropertyAccessExpression(target) || !tsApi.isIdentifier(target.expression)) return undefined;
  const symbol = checker.getSymbolAtLocation(target.expression);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || !tsApi.isVariableDeclaration(declaration) || declaration.type || !tsApi.isIdentifier(declaration.name)) return undefined;
  const list = declaration.parent;
  if (!tsApi.isVariableDeclarationList(list) || !(list.flags & tsApi.NodeFlags.Const)) return undefined;
  const value = declaration.initializer;
  if (!value || !tsApi.isCallExpression(value) || !isSafeSink(value, scope, checker, freshObjectMakers)) return undefined;
  let fn: ts.Node | undefined = list.parent;
  while (fn && !tsApi.isFunctionLike(fn)) fn = fn.parent;
  if (!fn || !tsApi.isFunctionLike(fn) || !fn.type || !("body" in fn) || !fn.body) return undefined;
  const owner = fn;
  const name = declaration.name;
  let fresh = true;
  const visit = (node: ts.Node): void => {
    if (!fresh) return;
    if (tsApi.isIdentifier(node) && node !== name && node.text === name.text && refersTo(node, symbol, checker, tsApi)) {
      const parent = node.parent;
      const written =
        tsApi.isPropertyAccessExpression(parent) &&
        parent.expression === node &&
        tsApi.isBinaryExpression(parent.parent) &&
        parent.parent.left === parent &&
        parent.parent.operatorToken.kind === tsApi.SyntaxKind.EqualsToken;
      let home: ts.Node | undefined = parent;
      while (home && !tsApi.isFunctionLike(home)) home = home.parent;
      fresh = written || (tsApi.isReturnStatement(parent) && home === owner);
      return;
    }
    tsApi.forEachChild(node, visit);
  };
  visit(fn.body);
  if (!fresh) return undefined;
  const returned = checker.getTypeFromTypeNode(fn.type);
  if (isOpenType(returned, scope, checker)) return undefined;
  const property = checker.getPropertyOfType(returned, target.name.text);
  return property ? checker.getTypeOfSymbol(property) : undefined;
}

/** `Object.defineProperty` and `Reflect.defineProperty`: the descriptor's `value` becomes the target's property. */
const propertyDefiners = new Set(["Object.defineProperty", "Reflect.defineProperty"]);

/**
 * `Object.defineProperty(this, "token", { value: token })`: the descriptor's `value` (typed `any`) becomes the
 * target's property `token`, so it lands where that property's declared type says, when the target's type declares
 * it as a field and the key is one known string. Undefined for any other value.
 */
function definedPropertyType(node: ts.Expression, scope: CheckScope, checker: ts.TypeChecker): ts.Type | undefined {
  const { tsApi } = scope;
  const assignment = node.parent;
  if (!tsApi.isPropertyAssignment(assignment) || assignment.initializer !== node || !tsApi.isIdentifier(assignment.name) || assignment.name.text !== "value") return undefined;
  const descriptor = assignment.parent;
  const call = descriptor.parent;
  if (!tsApi.isObjectLiteralExpression(descriptor) || !tsApi.isCallExpression(call) || call.arguments[2] !== descriptor) return undefined;
  if (!isSafeSink(call, scope, checker, propertyDefiners)) return undefined;
  const [target, keyExpression] = call.arguments;
  const key = checker.getTypeAtLocation(keyExpression);
  if (!key.isStringLiteral()) return undefined;
  const owner = checker.getTypeAtLocation(target);
  if (isOpenType(owner, scope, checker) || !isFieldOf(owner, key.value, startFollow(scope, checker))) return undefined;
  const property = checker.getPropertyOfType(checker.getApparentType(checker.getNonNullableType(owner)), key.value);
  return property ? checker.getTypeOfSymbol(property) : undefined;
}

/** TypeScript's own declarations of the language's built-ins (`lib.es2015.promise.d.ts`, …). */
const defaultLibrary = /[\\/]typescript[\\/]lib[\\/]lib\.[^\\/]*\.d\.ts$/;

/** Calls that make a new object no other code holds. */
const freshObjectMakers = new Set(["Object.create"]);

/** An open place a value goes to: words for the message and, where one type was judged, that type. */
interface OpenPlace {
  words: string;
  type?: ts.Type;
}

function typedPlace(what: string, type: ts.Type, checker: ts.TypeChecker): OpenPlace {
  return { words: `${what} typed \`${placeTypeText(type, checker)}\``, type };
}

/** Where a value at `node` goes, when that place's type admits properties no class declares. */
function openPlaceOf(node: ts.Expression, scope: CheckScope, checker: ts.TypeChecker): OpenPlace | undefined {
  const { tsApi } = scope;
  const parent = node.parent;
  if (!parent) return undefined;
  // A value chosen by `c ? a : b`, `a || b`, `a ?? b` or `c && a` (or in parentheses) goes where the whole goes.
  if (isChosenValue(node, tsApi)) return openPlaceOf(parent as ts.Expression, scope, checker);
  const call = callOfArgument(node, tsApi);
  if (call) {
    if (isSafeSink(call, scope, checker) || isOwnMethodThis(call, node, scope)) return undefined;
    const held = checker.getTypeAtLocation(node);
    if (isReadOnlyLibraryCall(call, scope, checker) || landsClosedInCall(call, node, held, startFollow(scope, checker))) return undefined;
    if (call.arguments?.[0] === node && isSafeSink(call, scope, checker, judgedTargets)) return undefined;
    const thisTypes = thisArgumentTypes(call, node, scope, checker);
    if (thisTypes) {
      const open = thisTypes.find((type) => isOpenType(type, scope, checker));
      return open ? typedPlace(`the \`this\` of \`${call.expression.getText(scope.file).split("\n")[0]}\``, open, checker) : undefined;
    }
    const calleeText = call.expression.getText(scope.file).split("\n")[0];
    const calleeType = checker.getTypeAtLocation(call.expression);
    if (calleeType.flags & (tsApi.TypeFlags.Any | tsApi.TypeFlags.Unknown)) return { words: `an argument of \`${calleeText}\`, which is typed \`any\`` };
    const declaration = calleeInProject(call, checker, tsApi);
    const parameter = declaration && parameterOf(call, node, declaration, tsApi);
    if (declaration && parameter && parameterStaysClosed(parameter, declaration, held, startFollow(scope, checker))) return undefined;
    const generic = declaration && parameter ? genericParameterType(parameter, declaration, scope, checker) : undefined;
    if (generic && isOpenType(generic, scope, checker)) return typedPlace(`a parameter of \`${calleeText}\``, generic, checker);
    if (declaration && declaration !== checker.getResolvedSignature(call)?.getDeclaration()) {
      // Resolved to an overload: the implementation's own parameter (often `any`) is where the value lands.
      const implementation = parameter ? checker.getTypeAtLocation(parameter) : undefined;
      if (!implementation) return { words: `a parameter of \`${calleeText}\` typed \`any\`` };
      if (isOpenType(implementation, scope, checker)) return typedPlace(`a parameter of \`${calleeText}\``, implementation, checker);
    }
    if (!declaration) {
      // A declared function: its own type parameters are as open in its body as in one of the project's.
      const signature = checker.getResolvedSignature(call);
      const declared = signature?.getDeclaration();
      const index = call.arguments?.indexOf(node) ?? -1;
      const declaredParameter = declared && tsApi.isFunctionLike(declared) && index >= 0 ? valueParameters(declared, tsApi)[index] : undefined;
      // Not the language's own built-ins (`Promise.resolve<T>`, `Promise.all<T>`): none adds a property to an argument
      // but the writers judged above (`Object.assign`'s target, `defineProperty`) and those typed `object`/`any`.
      const builtIn = declared !== undefined && defaultLibrary.test(declared.getSourceFile().fileName);
      const declaredGeneric = declared && declaredParameter && !declaredParameter.dotDotDotToken && !builtIn ? genericParameterType(declaredParameter, declared, scope, checker) : undefined;
      if (declaredGeneric && isOpenType(declaredGeneric, scope, checker)) return typedPlace(`a parameter of \`${calleeText}\``, declaredGeneric, checker);
    }
    const contextual = checker.getContextualType(node);
    return contextual && isOpenType(contextual, scope, checker) ? typedPlace(`a parameter of \`${calleeText}\``, contextual, checker) : undefined;
  }
  if (tsApi.isAsExpression(parent) || tsApi.isTypeAssertionExpression(parent)) {
    if (isReceiverOnly(parent, tsApi)) return undefined;
    const asserted = checker.getTypeFromTypeNode(parent.type);
    if (!isOpenType(asserted, scope, checker)) return undefined;
    // `const t: NumberToken = x as any`, `f(x as any)` with a typed parameter, `x as any as Vec2`: the `any` never
    // holds the value anywhere; it lands at once in a place of a closed type, as `x as NumberToken` would.
    let outer: ts.Expression = parent;
    let last: ts.Type = asserted;
    while (tsApi.isParenthesizedExpression(outer.parent) || tsApi.isAsExpression(outer.parent) || tsApi.isTypeAssertionExpression(outer.parent) || tsApi.isNonNullExpression(outer.parent)) {
      outer = outer.parent;
      if (tsApi.isAsExpression(outer) || tsApi.isTypeAssertionExpression(outer)) last = checker.getTypeFromTypeNode(outer.type);
    }
    if (!isOpenType(last, scope, checker)) return undefined;
    const landing = checker.getContextualType(outer);
    if (landing && !isOpenType(landing, scope, checker) && !openPlaceOf(outer, scope, checker)) return undefined;
    if (landsInClosedBinding(outer, checker.getTypeAtLocation(node), scope, checker)) return undefined;
    return { words: `a cast to \`${placeTypeText(asserted, checker)}\``, type: asserted };
  }
  const defined = definedPropertyType(node, scope, checker);
  if (defined) return isOpenType(defined, scope, checker) ? typedPlace("a property defined", defined, checker) : undefined;
  const isAssignment = tsApi.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === tsApi.SyntaxKind.EqualsToken;
  if (isAssignment && isEvolvingLocal(parent.left, scope, checker)) return undefined;
  if (isAssignment) {
    const place = freshLocalPlace(parent.left, scope, checker);
    if (place) return isOpenType(place, scope, checker) ? typedPlace("an assignment", place, checker) : undefined;
  }
  if (tsApi.isReturnStatement(parent)) {
    // An implementation's value reaches callers as the overloads' return types (`cross(v: any, w: any): any`).
    const seen = overloadReturnTypes(parent, scope, checker);
    if (seen) {
      const open = seen.find((type) => isOpenType(type, scope, checker));
      return open ? typedPlace("a return value", open, checker) : undefined;
    }
  }
  const flows =
    tsApi.isReturnStatement(parent) ||
    (tsApi.isArrowFunction(parent) && parent.body === node) ||
    tsApi.isArrayLiteralExpression(parent) ||
    (tsApi.isPropertyAssignment(parent) && parent.initializer === node) ||
    tsApi.isShorthandPropertyAssignment(parent) ||
    (tsApi.isVariableDeclaration(parent) && parent.initializer === node && parent.type !== undefined) ||
    (tsApi.isPropertyDeclaration(parent) && parent.initializer === node && parent.type !== undefined) ||
    isAssignment;
  if (!flows) return undefined;
  const contextual = checker.getContextualType(node);
  if (!contextual || !isOpenType(contextual, scope, checker)) return undefined;
  if (landsInClosedBinding(node, checker.getTypeAtLocation(node), scope, checker)) return undefined;
  if (isAssignment && untypedMemberClosed(parent.left, checker.getTypeAtLocation(node), startFollow(scope, checker))) return undefined;
  const what = tsApi.isReturnStatement(parent) || tsApi.isArrowFunction(parent) ? "a return value" : tsApi.isArrayLiteralExpression(parent) ? "an array element" : isAssignment ? "an assignment" : "a place";
  return typedPlace(what, contextual, checker);
}

function isChosenValue(node: ts.Expression, tsApi: typeof ts): boolean {
  const parent = node.parent;
  if (tsApi.isParenthesizedExpression(parent)) return true;
  if (tsApi.isConditionalExpression(parent)) return parent.whenTrue === node || parent.whenFalse === node;
  if (!tsApi.isBinaryExpression(parent)) return false;
  const op = parent.operatorToken.kind;
  const k = tsApi.SyntaxKind;
  return op === k.BarBarToken || op === k.QuestionQuestionToken || (op === k.AmpersandAmpersandToken && parent.right === node);
}

/**
 * `let sibling; sibling = parent.child2`, `const t = x as any`: the value lands in a binding whose every use is in
 * sight and keeps it closed (`bindingStaysClosed`); an assignment whose own value goes on must keep it closed there too.
 */
function landsInClosedBinding(value: ts.Expression, held: ts.Type, scope: CheckScope, checker: ts.TypeChecker): boolean {
  const { tsApi } = scope;
  const parent = value.parent;
  const assigned = tsApi.isBinaryExpression(parent) && parent.right === value && parent.operatorToken.kind === tsApi.SyntaxKind.EqualsToken;
  const binding = assigned ? parent.left : tsApi.isVariableDeclaration(parent) && parent.initializer === value ? parent.name : undefined;
  if (!binding || !tsApi.isIdentifier(binding)) return false;
  const follow = startFollow(scope, checker);
  const local = followableBinding(binding, follow);
  if (!local || !bindingStaysClosed(local.name, local.within, held, follow)) return false;
  return !assigned || tsApi.isExpressionStatement(parent.parent) || flowsClosed(parent, held, follow);
}

function isLiteral(node: ts.Node | undefined, tsApi: typeof ts): boolean {
  return node !== undefined && (tsApi.isObjectLiteralExpression(node) || tsApi.isArrayLiteralExpression(node));
}

/** The literal a value is a property, element or spread of (through parentheses and casts), or its own parent. */
function literalHolder(node: ts.Expression, tsApi: typeof ts): ts.Node {
  let current: ts.Node = node;
  while (
    tsApi.isParenthesizedExpression(current.parent) ||
    tsApi.isAsExpression(current.parent) ||
    tsApi.isSatisfiesExpression(current.parent) ||
    tsApi.isTypeAssertionExpression(current.parent)
  ) {
    current = current.parent;
  }
  const parent = current.parent;
  if ((tsApi.isPropertyAssignment(parent) && parent.initializer === current) || tsApi.isSpreadAssignment(parent)) return parent.parent;
  if (tsApi.isSpreadElement(parent)) return parent.parent;
  return parent;
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
    tsApi.isElementAccessExpression(node) ||
    // A literal carries what it holds (`{ shape: this.shape }` returned as `object`): judged at the outermost literal,
    // whose type lists every value inside, nested literals and spreads included.
    (isLiteral(node, tsApi) && !isLiteral(literalHolder(node as ts.Expression, tsApi), tsApi));
  if (!travels || !node.parent) return [];
  // An identifier that names something (a declaration, a member, a label) is no value travelling anywhere.
  if (tsApi.isIdentifier(node) && (tsApi.isPropertyAccessExpression(node.parent) && node.parent.name === node)) return [];
  // `C.prototype` is no instance: what is done to it is the prototype-patch check's (TSS1013).
  if (tsApi.isPropertyAccessExpression(node) && node.name.text === "prototype") return [];
  const expression = node as ts.Expression;
  // Position first (syntax, then the contextual type), the instance's type last: most expressions go nowhere open.
  const place = openPlaceOf(expression, scope, checker);
  if (!place) return [];
  let classes = slotsClassesOf(expression, scope, checker);
  if (isLiteral(node, tsApi)) {
    // What a value inside reports at its own place (an element of `any[]`) is not reported again at the literal.
    const inside = new Set<ts.ClassLikeDeclaration>();
    const visit = (child: ts.Node): void => {
      if (tsApi.isFunctionLike(child) || tsApi.isClassLike(child)) return;
      const travelsAlone =
        tsApi.isIdentifier(child) || child.kind === tsApi.SyntaxKind.ThisKeyword || tsApi.isCallExpression(child) || tsApi.isNewExpression(child) || tsApi.isPropertyAccessExpression(child) || tsApi.isElementAccessExpression(child);
      if (travelsAlone && isLiteral(literalHolder(child as ts.Expression, tsApi), tsApi) && openPlaceOf(child as ts.Expression, scope, checker)) {
        for (const { slotsClass } of slotsClassesOf(child as ts.Expression, scope, checker)) inside.add(slotsClass);
      }
      tsApi.forEachChild(child, visit);
    };
    tsApi.forEachChild(node, visit);
    classes = classes.filter(({ slotsClass }) => !inside.has(slotsClass));
  }
  const placeType = place.type;
  if (placeType) {
    // Judged where each class is held: a `Template[]` in `Generator<unknown, Template[], unknown>`'s return position
    // is in a closed place, though the yielded values are `unknown`. The instance itself (`this`, `new C`) always lands.
    const held = checker.getTypeAtLocation(expression);
    const itself = slotsTargetOf(expression, scope)?.slotsClass;
    classes = classes.filter(({ slotsClass }) => slotsClass === itself || landsOpen(held, placeType, slotsClass, scope, checker));
  }
  return classes.map(({ slotsClass, as }) => escapeProblem(slotsClass, as, place.words, expression));
}

function escapeProblem(slotsClass: ts.ClassLikeDeclaration, as: string | undefined, into: string, node: ts.Node): SlotsProblem {
  const name = classNameOf(slotsClass);
  const seen = as ? ` (as ${as})` : "";
  return {
    code: ProblemCode.EscapeToAny,
    severity: "review",
    message:
      `An instance of @slots class ${name}${seen} escapes into ${into}: code there may add a property to it, which a sealed instance rejects ` +
      `with a TypeError, and no check sees that write. Give that place the type ${as ?? name} (or an interface of it), or make sure nothing adds properties there.`,
    node,
    subject: slotsClass,
  };
}

/**
 * TSS1014 for callbacks: a function whose parameter is typed open (`(p: any) => { p.tag = 1 }`, or a project function
 * passed by name) given where the signature passes @slots instances in that position (`pts.forEach(...)` on a `Pt[]`,
 * a parameter typed `(c: Cb) => void`). TypeScript accepts it (`any` fits every parameter), and the instance then
 * sits in a binding typed open: no escape when that binding's every use keeps it closed (`bindingStaysClosed`).
 */
export function checkCallbackEscape(node: ts.Node, scope: CheckScope): SlotsProblem[] {
  const { tsApi, checker } = scope;
  if (!checker || scope.isolated) return [];
  const inline = tsApi.isArrowFunction(node) || tsApi.isFunctionExpression(node);
  // A project function handed on by name (`pts.forEach(tagAll)`, `items.map(this.label)`).
  const byName = !inline && (tsApi.isIdentifier(node) || tsApi.isPropertyAccessExpression(node)) && callOfArgument(node as ts.Expression, tsApi) !== undefined;
  if (!inline && !byName) return [];
  const expression = node as ts.Expression;
  const declaration = inline ? (node as ts.SignatureDeclaration) : functionDeclarationOf(expression, scope, checker);
  if (!declaration || !("body" in declaration) || !declaration.body) return [];
  // Declared open, or (a function declared apart, without noImplicitAny) not declared at all: the body sees `any`.
  const open = declaration.parameters.filter((parameter) => !parameter.dotDotDotToken && isOpenType(checker.getTypeAtLocation(parameter), scope, checker));
  if (!open.length) return [];
  const target = checker.getContextualType(expression);
  if (!target) return [];
  const signatures = (target.isUnion() ? target.types : [target]).flatMap((type) => type.getCallSignatures());
  const problems: SlotsProblem[] = [];
  for (const parameter of open) {
    const index = valueParameters(declaration, tsApi).indexOf(parameter);
    for (const signature of signatures) {
      const given = signature.parameters[index];
      if (!given) continue;
      const held = checker.getTypeOfSymbolAtLocation(given, expression);
      const classes = classesHeldIn(held, scope, checker);
      if (classes.size === 0 || parameterStaysClosed(parameter, declaration, held, startFollow(scope, checker))) continue;
      const where = inline ? parameter : expression;
      const words = `a parameter of ${inline ? "a callback" : `\`${expression.getText(scope.file)}\``} typed \`${placeTypeText(checker.getTypeAtLocation(parameter), checker)}\``;
      for (const [slotsClass, as] of classes) problems.push(escapeProblem(slotsClass, as, words, where));
      break;
    }
  }
  return problems;
}

/** The project function (with a body) an expression names: a function, a method, or a `const` holding an arrow. */
function functionDeclarationOf(expression: ts.Expression, scope: CheckScope, checker: ts.TypeChecker): ts.SignatureDeclaration | undefined {
  const { tsApi } = scope;
  let symbol = checker.getSymbolAtLocation(expression);
  if (symbol && symbol.flags & tsApi.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration;
  if (!declaration || declaration.getSourceFile().isDeclarationFile) return undefined;
  if (tsApi.isFunctionDeclaration(declaration) || tsApi.isMethodDeclaration(declaration)) return declaration;
  if (tsApi.isVariableDeclaration(declaration) && declaration.initializer && (tsApi.isArrowFunction(declaration.initializer) || tsApi.isFunctionExpression(declaration.initializer))) {
    return declaration.initializer;
  }
  return undefined;
}
