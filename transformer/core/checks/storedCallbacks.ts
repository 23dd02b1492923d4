// Functions read from a field, for the escape checks (TSS1014, escapes.ts): an instance handed to
// `this.handlers[name].call(this, token)`, `listeners[i](contact)` or `this.onPair(a, b)` goes to whatever function
// sits there, and the field's declared type (`Record<string, (arg: any) => void>`, `any[]`) says nothing about those.
// Where the project alone can write the field (`private`, `#name`, or `@internal` under `stripInternal`, which the
// declaration output leaves out) and every write is in sight, the functions there are exactly what those writes
// store: a function in sight (the value lands at its parameter), or a parameter of a project method (`on(name, cb)`),
// which holds what the project's callers pass (each in sight, judged the same way) and what callers outside see in
// its declared types (the overloads' `(contact: Contact) => void`: a function given there is typed by that contract).
// Any other use of the field (handed on, aliased where it may be written, written through `any`) and there is no
// answer: the escape stands.
import type * as ts from "typescript";
import { isWriteTarget, refersTo, usesArguments, valueParameters } from "./expressions";
import type { CheckScope } from "./scope";

/** Where an argument lands in one function that may be called: a parameter in sight, or a declared parameter type. */
export type Landing = { parameter: ts.ParameterDeclaration; fn: ts.SignatureDeclaration } | { type: ts.Type };

/** How deep the chain of methods handing a function on is followed (`on(cb)` calling `addListener(cb)` …). */
const handOnDepth = 4;

/**
 * Every place an argument of `call` lands, when the callee is a function read from a field whose stores are all in
 * sight; undefined where that cannot be known. The first argument of `f.call(self, …)` lands at each function's `this`.
 */
export function storedCallbackLandings(call: ts.CallExpression, argument: ts.Expression, scope: CheckScope): Landing[] | undefined {
  const { tsApi, checker } = scope;
  if (!checker || !scope.sourceFiles) return undefined;
  let index = call.arguments.indexOf(argument);
  if (index < 0 || call.arguments.slice(0, index + 1).some((each) => tsApi.isSpreadElement(each))) return undefined;
  let callee = skipParenthesesAndNonNull(call.expression, tsApi);
  if (tsApi.isPropertyAccessExpression(callee) && callee.name.text === "call") {
    // `f.call(self, a, b)`: the first argument is `this` (index -1), the rest are the parameters.
    const target = checker.getTypeAtLocation(callee.expression);
    if (!(target.flags & tsApi.TypeFlags.Any || target.getCallSignatures().length > 0)) return undefined;
    index -= 1;
    callee = skipParenthesesAndNonNull(callee.expression, tsApi);
  }
  const path = fieldPath(callee, 0, scope, new Set());
  if (!path || !onlyProjectWrites(path.declaration, scope)) return undefined;
  if (tsApi.isIdentifier(path.declaration.name) && declaredAbove(path.declaration, path.declaration.name.text, scope)) return undefined;
  const sources = storedFunctions(path.field, path.declaration, path.depth, scope);
  if (!sources) return undefined;
  const landings: Landing[] = [];
  for (const source of sources) {
    const found = landingsOf(source, index, scope, 0);
    if (!found) return undefined;
    landings.push(...found);
  }
  return landings;
}

/** expressions.ts's `skipParentheses`, and `!` too: `this.handlers[name]!(arg)` calls what the field holds. */
function skipParenthesesAndNonNull(node: ts.Expression, tsApi: typeof ts): ts.Expression {
  let current = node;
  while (tsApi.isParenthesizedExpression(current) || tsApi.isNonNullExpression(current)) current = current.expression;
  return current;
}

interface FieldPath {
  field: ts.Symbol;
  declaration: ts.PropertyDeclaration;
  /** How many element reads below the field the called value is (`this.handlers[name]`: 1). */
  depth: number;
}

/** The field a callee is read from: `this.f`, `this.f[k]`, `this.f[k][i]`, or a `const` holding one of those. */
function fieldPath(expression: ts.Expression, depth: number, scope: CheckScope, seen: Set<ts.Symbol>): FieldPath | undefined {
  const { tsApi } = scope;
  const checker = scope.checker as ts.TypeChecker;
  const node = skipParenthesesAndNonNull(expression, tsApi);
  if (tsApi.isElementAccessExpression(node)) return fieldPath(node.expression, depth + 1, scope, seen);
  if (tsApi.isPropertyAccessExpression(node)) {
    const field = checker.getSymbolAtLocation(node.name);
    const declaration = field?.valueDeclaration;
    if (!field || !declaration || !tsApi.isPropertyDeclaration(declaration) || declaration.getSourceFile().isDeclarationFile) return undefined;
    return { field, declaration, depth };
  }
  // `a && b` is `b` whenever it is callable: a falsy `a` is no function.
  if (tsApi.isBinaryExpression(node) && node.operatorToken.kind === tsApi.SyntaxKind.AmpersandAmpersandToken) return fieldPath(node.right, depth, scope, seen);
  if (!tsApi.isIdentifier(node)) return undefined;
  const symbol = checker.getSymbolAtLocation(node);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || seen.has(symbol) || !declaration || !tsApi.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
  if (!tsApi.isVariableDeclarationList(declaration.parent) || !(declaration.parent.flags & tsApi.NodeFlags.Const)) return undefined;
  seen.add(symbol);
  return fieldPath(declaration.initializer, depth, scope, seen);
}

/** A field no code outside the project can write: `private`, `#name`, or `@internal` where the declarations omit it. */
function onlyProjectWrites(declaration: ts.PropertyDeclaration, scope: CheckScope): boolean {
  const { tsApi } = scope;
  if (tsApi.isPrivateIdentifier(declaration.name)) return true;
  if (declaration.modifiers?.some((modifier) => modifier.kind === tsApi.SyntaxKind.PrivateKeyword)) return true;
  return scope.compilerOptions?.stripInternal === true && tsApi.getJSDocTags(declaration).some((tag) => tag.tagName.text === "internal");
}

/**
 * Every reference in the project's sources to a member named like `symbol`; undefined where one may be it unseen:
 * through `any` (`(o as any).handlers`), by a string (`o["handlers"]`, `Reflect.set(o, "handlers", …)`), or, for a
 * field, as an object literal's key (`Object.assign(o, { handlers })` writes it).
 */
function referencesOf(symbol: ts.Symbol, name: string, scope: CheckScope, field: boolean): ts.Node[] | undefined {
  const { tsApi } = scope;
  const checker = scope.checker as ts.TypeChecker;
  const key = symbol.declarations?.[0];
  const byMember = referenceCache.get(checker) ?? new WeakMap<ts.Node, ts.Node[] | undefined>();
  referenceCache.set(checker, byMember);
  if (key && byMember.has(key)) return byMember.get(key);
  const found: ts.Node[] = [];
  let complete = true;
  const visit = (node: ts.Node): void => {
    if (!complete) return;
    if ((tsApi.isIdentifier(node) || tsApi.isPrivateIdentifier(node)) && node.text === name) {
      const resolved = checker.getSymbolAtLocation(node);
      if (resolved && sameMember(resolved, symbol)) found.push(node);
      // `(o as any).handlers` on an untyped `o`: may be this member, and is not seen as it.
      else if (!resolved && tsApi.isPropertyAccessExpression(node.parent) && node.parent.name === node) complete = false;
      // For a field: an object literal's key (`Object.assign(o, { handlers })`), or a member of that name declared
      // elsewhere (a subclass redeclaring it writes the same property under its own symbol).
      else if (field && (tsApi.isPropertyAssignment(node.parent) || tsApi.isShorthandPropertyAssignment(node.parent) || tsApi.isClassElement(node.parent) || isParameterProperty(node.parent, tsApi)) && (node.parent as ts.NamedDeclaration).name === node) complete = false;
      return;
    }
    if (tsApi.isStringLiteralLike(node) && node.text === name) complete = false;
    tsApi.forEachChild(node, visit);
  };
  for (const file of scope.sourceFiles ?? []) if (complete) visit(file);
  const references = complete ? found : undefined;
  if (key) byMember.set(key, references);
  return references;
}

/** `constructor(private handlers: …)`: a parameter that declares a field. */
function isParameterProperty(node: ts.Node, tsApi: typeof ts): boolean {
  return tsApi.isParameter(node) && (node.modifiers ?? []).some((modifier) => modifier.kind !== tsApi.SyntaxKind.Decorator);
}

// Per checker, by the member's first declaration (a field is searched as a field, a method as a method: one each).
const referenceCache = new WeakMap<ts.TypeChecker, WeakMap<ts.Node, ts.Node[] | undefined>>();

/** The same member: a property read on an instance may resolve to a transient copy of the declared symbol. */
function sameMember(a: ts.Symbol, b: ts.Symbol): boolean {
  const declared = b.declarations ?? [];
  return a === b || (a.declarations ?? []).some((declaration) => declared.includes(declaration));
}

// Per checker: an editor's next program may reuse the field's file while another file adds a write.
const storedCache = new WeakMap<ts.TypeChecker, WeakMap<ts.PropertyDeclaration, Map<number, ts.Expression[] | undefined>>>();

/** The values every write in the project stores `depth` element reads below a field; undefined where one is not seen. */
function storedFunctions(field: ts.Symbol, declaration: ts.PropertyDeclaration, depth: number, scope: CheckScope): ts.Expression[] | undefined {
  const checker = scope.checker as ts.TypeChecker;
  const byField = storedCache.get(checker) ?? new WeakMap<ts.PropertyDeclaration, Map<number, ts.Expression[] | undefined>>();
  storedCache.set(checker, byField);
  const cached = byField.get(declaration) ?? new Map<number, ts.Expression[] | undefined>();
  byField.set(declaration, cached);
  if (cached.has(depth)) return cached.get(depth);
  const { tsApi } = scope;
  const name = declaration.name;
  const references = tsApi.isIdentifier(name) || tsApi.isPrivateIdentifier(name) ? referencesOf(field, name.text, scope, true) : undefined;
  let found: ts.Expression[] | undefined;
  if (references) {
    const stores: ts.Expression[] = [];
    const seen = new Set<ts.Symbol>();
    const known =
      (!declaration.initializer || stored(declaration.initializer, 0, depth, stores, scope)) &&
      references.every((reference) => {
        if (reference === name) return true;
        const access = reference.parent;
        return tsApi.isPropertyAccessExpression(access) && access.name === reference && storesAt(access, 0, depth, stores, scope, seen);
      });
    found = known ? stores : undefined;
  }
  cached.set(depth, found);
  return found;
}

/** `value` stored `level` reads below the field: a function source at the called depth, an empty container above it. */
function stored(value: ts.Expression, level: number, depth: number, stores: ts.Expression[], scope: CheckScope): boolean {
  const { tsApi } = scope;
  if (level === depth) {
    stores.push(value);
    return true;
  }
  const node = skipParenthesesAndNonNull(value, tsApi);
  // A fresh, empty container: what later goes into it goes through the field, where each write is seen.
  if (tsApi.isObjectLiteralExpression(node)) return node.properties.length === 0;
  if (tsApi.isArrayLiteralExpression(node)) return node.elements.length === 0;
  return node.kind === tsApi.SyntaxKind.NullKeyword || (tsApi.isIdentifier(node) && node.text === "undefined");
}

const readingMethods = new Set(["indexOf", "lastIndexOf", "includes", "forEach"]);

/**
 * What a use of the field's value (`level` element reads below it) stores there: each store is added to `stores`; false
 * where the value may be written unseen (handed on, or aliased in a way not followed). Reads of the called depth and
 * below are harmless: where a function goes once read does not change what sits in the field.
 */
function storesAt(expression: ts.Expression, level: number, depth: number, stores: ts.Expression[], scope: CheckScope, seen: Set<ts.Symbol>): boolean {
  const { tsApi } = scope;
  const k = tsApi.SyntaxKind;
  let current: ts.Expression = expression;
  while (tsApi.isParenthesizedExpression(current.parent) || tsApi.isNonNullExpression(current.parent)) current = current.parent;
  const parent = current.parent;
  if (tsApi.isBinaryExpression(parent) && parent.left === current) {
    const op = parent.operatorToken.kind;
    if (op === k.EqualsToken || op === k.QuestionQuestionEqualsToken || op === k.BarBarEqualsToken) {
      return stored(parent.right, level, depth, stores, scope) && (tsApi.isExpressionStatement(parent.parent) || storesAt(parent, level, depth, stores, scope, seen));
    }
    if (op === k.AmpersandAmpersandToken || op === k.CommaToken) return true;
  }
  if (level >= depth) {
    // A read of a stored function (or below): calling it, passing it, comparing it.
    const write = tsApi.isPrefixUnaryExpression(parent) || tsApi.isPostfixUnaryExpression(parent) || (tsApi.isBinaryExpression(parent) && parent.left === current);
    return !write;
  }
  if (tsApi.isElementAccessExpression(parent) && parent.expression === current) return storesAt(parent, level + 1, depth, stores, scope, seen);
  if (tsApi.isPropertyAccessExpression(parent) && parent.expression === current) {
    const method = parent.name.text;
    const call = parent.parent;
    const called = tsApi.isCallExpression(call) && call.expression === parent;
    if (method === "length") return !(tsApi.isBinaryExpression(call) && call.left === parent);
    if (!called) return false;
    if (method === "push" || method === "unshift") return call.arguments.every((each) => !tsApi.isSpreadElement(each) && stored(each, level + 1, depth, stores, scope));
    if (readingMethods.has(method)) return method !== "forEach" || level + 1 >= depth;
    // Removing (`splice(i, 1)`) stores nothing; what it returns, if used, is what was there.
    if (method === "splice") return call.arguments.length <= 2 && (tsApi.isExpressionStatement(call.parent) || level + 1 >= depth);
    return false;
  }
  if (tsApi.isDeleteExpression(parent) || tsApi.isExpressionStatement(parent) || tsApi.isTypeOfExpression(parent)) return true;
  if (tsApi.isPrefixUnaryExpression(parent)) return parent.operator === k.ExclamationToken;
  if (tsApi.isIfStatement(parent) || tsApi.isWhileStatement(parent)) return parent.expression === current;
  if (tsApi.isConditionalExpression(parent)) return parent.condition === current || storesAt(parent, level, depth, stores, scope, seen);
  if (tsApi.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    // The value itself may be the result: `a && v`, `v || []`, `v ?? []` (a fresh literal on the other side).
    if (op === k.AmpersandAmpersandToken || op === k.BarBarToken || op === k.QuestionQuestionToken) {
      const other = parent.left === current ? parent.right : parent.left;
      if (op === k.AmpersandAmpersandToken && parent.left === current) return true;
      return (op === k.AmpersandAmpersandToken || stored(other, level, Number.POSITIVE_INFINITY, [], scope)) && storesAt(parent, level, depth, stores, scope, seen);
    }
    return [k.EqualsEqualsEqualsToken, k.ExclamationEqualsEqualsToken, k.EqualsEqualsToken, k.ExclamationEqualsToken].includes(op);
  }
  if (tsApi.isVariableDeclaration(parent) && parent.initializer === current && tsApi.isIdentifier(parent.name)) return aliasStoresAt(parent.name, level, depth, stores, scope, seen);
  if (tsApi.isForOfStatement(parent) && parent.expression === current) {
    const declared = tsApi.isVariableDeclarationList(parent.initializer) ? parent.initializer.declarations[0]?.name : undefined;
    return declared !== undefined && tsApi.isIdentifier(declared) && (level + 1 >= depth || aliasStoresAt(declared, level + 1, depth, stores, scope, seen));
  }
  return false;
}

/** A local holding the field's value (`const listeners = this._listeners[name]`): every use of it, at the same level. */
function aliasStoresAt(name: ts.Identifier, level: number, depth: number, stores: ts.Expression[], scope: CheckScope, seen: Set<ts.Symbol>): boolean {
  const { tsApi } = scope;
  const checker = scope.checker as ts.TypeChecker;
  const symbol = checker.getSymbolAtLocation(name);
  const declaration = name.parent;
  if (!symbol || !tsApi.isVariableDeclaration(declaration) || !tsApi.isVariableDeclarationList(declaration.parent)) return false;
  if (seen.has(symbol)) return true;
  seen.add(symbol);
  const statement = declaration.parent.parent;
  let home: ts.Node | undefined = statement;
  while (home && !tsApi.isFunctionLike(home) && !tsApi.isSourceFile(home)) home = home.parent;
  // Only a function's own local: a module's may be exported and written elsewhere.
  if (!home || tsApi.isSourceFile(home)) return false;
  let all = true;
  const visit = (node: ts.Node): void => {
    if (!all) return;
    if (tsApi.isIdentifier(node) && node !== name && node.text === name.text && refersTo(node, symbol, checker, tsApi)) {
      // Rebinding the local puts another value in it, and no longer touches the field.
      const rebound = tsApi.isBinaryExpression(node.parent) && node.parent.left === node && node.parent.operatorToken.kind === tsApi.SyntaxKind.EqualsToken;
      all = rebound ? tsApi.isExpressionStatement(node.parent.parent) : storesAt(node, level, depth, stores, scope, seen);
      return;
    }
    tsApi.forEachChild(node, visit);
  };
  visit(home);
  return all;
}

/** Where the `index`-th argument lands in a function value stored in the field (or handed on to be stored). */
function landingsOf(source: ts.Expression, index: number, scope: CheckScope, hops: number): Landing[] | undefined {
  const { tsApi } = scope;
  const checker = scope.checker as ts.TypeChecker;
  const value = skipParenthesesAndNonNull(source, tsApi);
  if (tsApi.isArrowFunction(value) || tsApi.isFunctionExpression(value)) return functionLandings(value, index, scope);
  if (tsApi.isIdentifier(value) || tsApi.isPropertyAccessExpression(value)) {
    let symbol = checker.getSymbolAtLocation(value);
    if (symbol && symbol.flags & tsApi.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol?.valueDeclaration;
    if (declaration && !declaration.getSourceFile().isDeclarationFile) {
      if (tsApi.isFunctionDeclaration(declaration) && declaration.body) return functionLandings(declaration, index, scope);
      // `this.onX` may be a subclass's override, whose parameters may be typed otherwise (methods are bivariant).
      if (tsApi.isMethodDeclaration(declaration)) return undefined;
      if (tsApi.isParameter(declaration) && tsApi.isIdentifier(value)) return handedOnLandings(declaration, index, scope, hops);
    }
  }
  return typeLandings(checker.getTypeAtLocation(value), index, scope);
}

/** `index` -1 is `this`: an arrow has none of its own; a function sees it as its `this` parameter or its context types it. */
function functionLandings(fn: ts.SignatureDeclaration, index: number, scope: CheckScope): Landing[] | undefined {
  const { tsApi } = scope;
  const checker = scope.checker as ts.TypeChecker;
  if (index < 0) {
    if (tsApi.isArrowFunction(fn)) return [];
    const declared = fn.parameters[0];
    if (declared && tsApi.isIdentifier(declared.name) && declared.name.text === "this") return [{ type: declared.type ? checker.getTypeFromTypeNode(declared.type) : checker.getAnyType() }];
    const context = tsApi.isFunctionExpression(fn) ? checker.getContextualType(fn) : undefined;
    return context ? typeLandings(context, index, scope) : [{ type: checker.getAnyType() }];
  }
  const parameter = valueParameters(fn, tsApi)[index];
  if (parameter) return [{ parameter, fn }];
  // No parameter takes it: only `arguments` could.
  const body = "body" in fn ? fn.body : undefined;
  return body && usesArguments(body, tsApi) ? undefined : [];
}

/** Where an argument lands in any function of a declared type: its call signatures' parameter at `index` (-1: `this`). */
function typeLandings(type: ts.Type, index: number, scope: CheckScope): Landing[] {
  const { tsApi } = scope;
  const checker = scope.checker as ts.TypeChecker;
  const parts = type.isUnion() ? type.types : [type];
  const landings: Landing[] = [];
  for (const part of parts) {
    if (part.flags & (tsApi.TypeFlags.Undefined | tsApi.TypeFlags.Null | tsApi.TypeFlags.Void)) continue;
    const signatures = part.getCallSignatures();
    // `any`, `Function`, or a value that is no function type: whatever runs there is unknown.
    if (signatures.length === 0) return [{ type: checker.getAnyType() }];
    for (const signature of signatures) {
      if (index < 0) {
        landings.push({ type: signature.thisParameter ? checker.getTypeOfSymbol(signature.thisParameter) : checker.getAnyType() });
        continue;
      }
      const parameters = signature.getParameters();
      const last = parameters[parameters.length - 1];
      const rest = last?.valueDeclaration && tsApi.isParameter(last.valueDeclaration) && last.valueDeclaration.dotDotDotToken !== undefined;
      if (index < parameters.length - (rest ? 1 : 0)) landings.push({ type: checker.getTypeOfSymbol(parameters[index]) });
      else if (rest) landings.push({ type: checker.getAnyType() });
    }
  }
  return landings;
}

/**
 * A function stored from a parameter (`on(name, cb) { this.handlers[name] = cb }`): what callers give. Callers in
 * the project are each in sight; callers outside see the method's declared types (its overloads where it has them).
 */
function handedOnLandings(parameter: ts.ParameterDeclaration, index: number, scope: CheckScope, hops: number): Landing[] | undefined {
  const { tsApi } = scope;
  const checker = scope.checker as ts.TypeChecker;
  const fn = parameter.parent;
  if (hops >= handOnDepth || !(tsApi.isFunctionDeclaration(fn) || tsApi.isMethodDeclaration(fn)) || !fn.body || !fn.name || !tsApi.isIdentifier(fn.name)) return undefined;
  if (parameter.dotDotDotToken || !tsApi.isIdentifier(parameter.name) || reassigned(parameter.name, fn.body, scope)) return undefined;
  if (declaredAbove(fn, fn.name.text, scope)) return undefined;
  const position = valueParameters(fn, tsApi).indexOf(parameter);
  if (position < 0) return undefined;
  const symbol = checker.getSymbolAtLocation(fn.name);
  if (!symbol) return undefined;
  const overloads = (symbol.declarations ?? []).filter((declaration): declaration is ts.SignatureDeclaration => tsApi.isFunctionLike(declaration) && !("body" in declaration && declaration.body));
  const contract = overloads.length ? overloads.map((overload) => valueParameters(overload, tsApi)[position]) : [parameter];
  const landings: Landing[] = [];
  for (const declared of contract) {
    if (!declared) continue;
    const type = declared.type ? checker.getTypeFromTypeNode(declared.type) : checker.getAnyType();
    landings.push(...typeLandings(type, index, scope));
  }
  // A caller that leaves the argument out stores the default.
  if (parameter.initializer) {
    const fallback = landingsOf(parameter.initializer, index, scope, hops + 1);
    if (!fallback) return undefined;
    landings.push(...fallback);
  }
  const calls = referencesOf(symbol, fn.name.text, scope, false);
  if (!calls) return undefined;
  for (const reference of calls) {
    if ((symbol.declarations ?? []).some((declaration) => (declaration as ts.NamedDeclaration).name === reference)) continue;
    const access = tsApi.isPropertyAccessExpression(reference.parent) && reference.parent.name === reference ? reference.parent : reference;
    const call = access.parent;
    // Referenced other than called (`const f = w.on`, `w.on.bind(w)`): its callers are not all in sight.
    if (!tsApi.isCallExpression(call) || call.expression !== access) return undefined;
    if (call.arguments.slice(0, position + 1).some((each) => tsApi.isSpreadElement(each))) return undefined;
    const given = call.arguments[position];
    if (!given) continue;
    const found = landingsOf(given, index, scope, hops + 1);
    if (!found) return undefined;
    landings.push(...found);
  }
  return landings;
}

function reassigned(name: ts.Identifier, body: ts.Node, scope: CheckScope): boolean {
  const { tsApi } = scope;
  const checker = scope.checker as ts.TypeChecker;
  const symbol = checker.getSymbolAtLocation(name);
  const visit = (node: ts.Node): boolean => {
    if (symbol && tsApi.isIdentifier(node) && node.text === name.text && refersTo(node, symbol, checker, tsApi)) return isWriteTarget(node, tsApi);
    return tsApi.forEachChild(node, visit) ?? false;
  };
  return visit(body);
}

/**
 * Whether a base class or an interface the member's class declares has a member of that name: code holding the
 * instance as that type reaches the member under another symbol, which the search by symbol does not see.
 */
function declaredAbove(member: ts.Node, name: string, scope: CheckScope): boolean {
  const { tsApi } = scope;
  const checker = scope.checker as ts.TypeChecker;
  const owner = member.parent;
  if (!owner || !tsApi.isClassLike(owner)) return !tsApi.isFunctionDeclaration(member);
  return (owner.heritageClauses ?? []).some((clause) => clause.types.some((base) => checker.getPropertyOfType(checker.getTypeAtLocation(base), name) !== undefined));
}
