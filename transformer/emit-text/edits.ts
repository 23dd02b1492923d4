// Emitter 2, the source text: writes a class plan (../plan.ts) as edits of the TypeScript source, so that whichever
// compiler comes next (esbuild, Oxc, swc, TypeScript 7, Node's type stripping) emits the slots itself. The edits are
// data (positions in the original text and what to put there); index.ts applies them with magic-string, which also
// makes the source map. The rewritten text must be valid syntax with the plan's run-time meaning; it is never
// type-checked, so nothing here writes types.
import type * as ts from "typescript";
import { prologueLength, rootSuperIndex } from "../core/constructor";
import { guardFunctionName, guardHelperText, unguardedKeyName } from "../core/guard";
import { isSlotsImport, unusedSlotsBindings } from "../core/imports";
import type { ZeroKind } from "../core/placeholder";
import type { ClassPlan, SealTarget, SlotValue } from "../core/plan";
import { isInstanceField } from "../core/slots";

export type TextEdit =
  /** Text put at `at`; `after: true` binds it to the text before the position (it stays where that text goes). */
  | { kind: "insert"; at: number; text: string; after: boolean }
  | { kind: "remove"; start: number; end: number }
  | { kind: "replace"; start: number; end: number; text: string };

const insertAfter = (at: number, text: string): TextEdit => ({ kind: "insert", at, text, after: true });
const insertBefore = (at: number, text: string): TextEdit => ({ kind: "insert", at, text, after: false });

function zeroText(zero: ZeroKind): string {
  switch (zero) {
    case "number":
      return "0";
    case "boolean":
      return "false";
    case "string":
      return '""';
    case "bigint":
      return "0n";
    case "undefined":
      return "void 0";
  }
}

function valueText(value: SlotValue): string {
  if (value.kind === "zero") return zeroText(value.zero);
  const key = JSON.stringify(value.key);
  return `Object.prototype.hasOwnProperty.call(this, ${key}) ? this[${key}] : ${zeroText(value.zero)}`;
}

function thisAssignmentText(key: string, value: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `this.${key} = ${value}` : `this[${JSON.stringify(key)}] = ${value}`;
}

/** Identifiers spelled anywhere in the file: a generated name must be none of them. */
function freshName(base: string, file: ts.SourceFile): string {
  const taken = new Set(file.text.match(/[A-Za-z_$][\w$]*/g) ?? []);
  for (let index = 1; ; index++) if (!taken.has(`${base}_${index}`)) return `${base}_${index}`;
}

function sealNameText(target: SealTarget, file: ts.SourceFile): string {
  switch (target.kind) {
    case "declared":
      return target.name.text;
    case "inferred":
      return target.text;
    case "generated":
      return freshName(target.base, file);
  }
}

/** What the seal compares `new.target` with: the class, or under seal mode "guard" the class the helper left unguarded. */
function sealedClassText(plan: ClassPlan, name: string): string {
  return plan.guard ? `${name}[${unguardedKeyName}]` : name;
}

function sealText(sealed: string): string {
  return `if (new.target === ${sealed}) Object.seal(this);`;
}

/** `static { __slotsGuard(this, ["x"]); }` as the first member: the guard is in place before any instance can be made. */
function guardBlockEdit(plan: ClassPlan): TextEdit[] {
  const keys = `[${plan.guardKeys.map((key) => JSON.stringify(key)).join(", ")}]`;
  return plan.guard ? [insertAfter(plan.node.members.pos, ` static { ${guardFunctionName}(this, ${keys}); }`)] : [];
}

/**
 * Where the file's code starts: at its first statement after the directive prologue, after the comments before it
 * (a `#!` line, `/// <reference>` directives, `// @ts-nocheck` and JSX pragmas must stay first to mean anything).
 */
function codeStart(file: ts.SourceFile, tsApi: typeof ts): number {
  const prologue = prologueLength(file.statements, tsApi);
  const first = file.statements[prologue];
  if (first) return first.getStart(file);
  return prologue > 0 ? file.statements[prologue - 1].end : file.end;
}

/**
 * The guard helper (../guard.ts), once per file that has a guarded class: the output imports no run-time. On one line,
 * before the first statement's own text, so that every line keeps its number (for a runner that ignores source maps).
 */
function guardHelperEdits(plans: readonly ClassPlan[], file: ts.SourceFile, tsApi: typeof ts): TextEdit[] {
  if (!plans.some((plan) => plan.guard)) return [];
  const oneLine = guardHelperText
    .split("\n")
    .map((line) => line.trim())
    .join(" ");
  return [insertAfter(codeStart(file, tsApi), `${oneLine} `)];
}

/** The decorator's text and the blanks after it on its line: the line itself stays, so later lines keep their numbers. */
function decoratorRemoval(decorator: ts.Decorator, file: ts.SourceFile): TextEdit {
  let end = decorator.end;
  while (end < file.text.length && (file.text[end] === " " || file.text[end] === "\t")) end++;
  return { kind: "remove", start: decorator.getStart(file), end };
}

/** Where `class` stands in a class declaration or expression: an anonymous class's name goes right after it. */
function classKeywordEnd(node: ts.ClassLikeDeclaration, file: ts.SourceFile, tsApi: typeof ts): number {
  const keyword = node.getChildren(file).find((child) => child.kind === tsApi.SyntaxKind.ClassKeyword);
  if (!keyword) throw new Error("class keyword not found");
  return keyword.end;
}

/** The whitespace that starts the line `position` is on, for statements written on lines of their own. */
function indentationAt(position: number, file: ts.SourceFile): string {
  const lineStart = file.text.lastIndexOf("\n", position - 1) + 1;
  return /^[ \t]*/.exec(file.text.slice(lineStart))?.[0] ?? "";
}

function endsWithSemicolon(node: ts.Node, file: ts.SourceFile): boolean {
  return file.text[node.end - 1] === ";";
}

/** `= value` after a field's name and type; a definite-assignment `!` cannot stand beside an initialiser. */
function initialiserEdits(field: ts.PropertyDeclaration, value: SlotValue, file: ts.SourceFile): TextEdit[] {
  const edits: TextEdit[] = [];
  if (field.exclamationToken) edits.push({ kind: "remove", start: field.exclamationToken.getStart(file), end: field.exclamationToken.end });
  const after = field.type ?? field.questionToken ?? field.exclamationToken ?? field.name;
  // A field without `;` before a line starting with `[`, `(` or `*` would fuse with it once it has an initialiser.
  edits.push(insertAfter(after.end, ` = ${valueText(value)}${endsWithSemicolon(field, file) ? "" : ";"}`));
  return edits;
}

/** `public x: number` becomes `x: number`: its field is declared in the class body instead. */
function parameterModifierRemovals(parameter: ts.ParameterDeclaration, file: ts.SourceFile, tsApi: typeof ts): TextEdit[] {
  const modifiers = parameter.modifiers ?? [];
  return modifiers.flatMap((modifier, index): TextEdit[] => {
    if (tsApi.isDecorator(modifier)) return [];
    const next = modifiers[index + 1] ?? parameter.dotDotDotToken ?? parameter.name;
    return [{ kind: "remove", start: modifier.getStart(file), end: next.getStart(file) }];
  });
}

/** Where the slot statements of a constructor go: after the root `super(...)`, or after the directive prologue. */
function slotStatementsPosition(body: ts.Block, isDerived: boolean, tsApi: typeof ts): number | undefined {
  const statements = body.statements;
  if (isDerived) return statements[rootSuperIndex(statements, tsApi)]?.end;
  const prologue = prologueLength(statements, tsApi);
  return prologue > 0 ? statements[prologue - 1].end : body.getStart() + 1;
}

/** The nodes of a constructor body that belong to it, not to nested functions or classes (arrows share `this`). */
function constructorOwnNodes(body: ts.Block, tsApi: typeof ts, enterArrows: boolean): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (tsApi.isClassLike(node) || (tsApi.isFunctionLike(node) && !(enterArrows && tsApi.isArrowFunction(node)))) return;
    found.push(node);
    tsApi.forEachChild(node, visit);
  };
  tsApi.forEachChild(body, visit);
  return found;
}

function constructorEdits(plan: ClassPlan, seal: string | undefined, file: ts.SourceFile, tsApi: typeof ts): TextEdit[] {
  const body = plan.constructor?.body;
  if (!plan.constructor || !body) return [];
  const edits: TextEdit[] = [];
  const first = body.statements[0];
  const indent = first ? indentationAt(first.getStart(file), file) : `${indentationAt(body.getStart(file), file)}  `;
  for (const field of plan.parameterFields) edits.push(...parameterModifierRemovals(field.declaration, file, tsApi));
  if (plan.parameterFields.length > 0) {
    const at = slotStatementsPosition(body, plan.isDerived, tsApi);
    const statements = plan.parameterFields.map((field) => `\n${indent}${thisAssignmentText(field.name, field.name)};`).join("");
    if (at !== undefined) edits.push(insertAfter(at, statements));
  }
  if (plan.nestedSuperFields.length > 0) {
    const expressions = plan.nestedSuperFields.map((field) => {
      const value = valueText(field.value);
      return field.defines
        ? `Object.defineProperty(this, ${JSON.stringify(field.key)}, { enumerable: true, configurable: true, writable: true, value: ${value} })`
        : thisAssignmentText(field.key, value);
    });
    for (const node of constructorOwnNodes(body, tsApi, true)) {
      if (!tsApi.isCallExpression(node) || node.expression.kind !== tsApi.SyntaxKind.SuperKeyword) continue;
      edits.push(insertBefore(node.getStart(file), "("), insertAfter(node.end, `, ${expressions.join(", ")}, this)`));
    }
    for (const field of plan.nestedSuperFields) edits.push({ kind: "remove", start: field.declaration.getStart(file), end: field.declaration.end });
  }
  if (seal !== undefined) {
    // `return;` and `return this;` leave with this instance: sealed first. `return other;` discards it.
    for (const node of constructorOwnNodes(body, tsApi, false)) {
      if (!tsApi.isReturnStatement(node) || (node.expression && node.expression.kind !== tsApi.SyntaxKind.ThisKeyword)) continue;
      edits.push(insertBefore(node.getStart(file), `{ ${sealText(seal)} `), insertAfter(node.end, " }"));
    }
    const last = body.statements[body.statements.length - 1];
    edits.push(
      last
        ? insertAfter(last.end, `\n${indent}${sealText(seal)}`)
        : insertAfter(body.getStart(file) + 1, `\n${indent}${sealText(seal)}\n${indentationAt(body.end - 1, file)}`),
    );
  }
  return edits;
}

/** `mass = 0;` for each parameter property, where TypeScript declares them: before the first instance field. */
function parameterFieldEdits(plan: ClassPlan, file: ts.SourceFile, tsApi: typeof ts): TextEdit[] {
  if (plan.parameterFields.length === 0) return [];
  const fields = plan.parameterFields.map((field) => `${field.name} = ${zeroText(field.zero)};`);
  const firstField = plan.node.members.find((member) => isInstanceField(member, tsApi));
  if (firstField) {
    const indent = indentationAt(firstField.getStart(file), file);
    return [insertBefore(firstField.getStart(file), fields.map((field) => `${field}\n${indent}`).join(""))];
  }
  return [insertAfter(plan.node.members.pos, fields.map((field) => ` ${field}`).join(""))];
}

function synthesisedConstructorEdit(plan: ClassPlan, seal: string | undefined, file: ts.SourceFile): TextEdit[] {
  if (!plan.synthesisesConstructor) return [];
  const body = [...(plan.isDerived ? ["super(...args);"] : []), ...(seal !== undefined ? [sealText(seal)] : [])].join(" ");
  const constructor = plan.isDerived ? `constructor(...args) { ${body} }` : `constructor() { ${body} }`;
  const last = plan.node.members[plan.node.members.length - 1];
  if (last) return [insertAfter(last.end, `\n${indentationAt(last.getStart(file), file)}${constructor}`)];
  return [insertAfter(plan.node.members.pos, ` ${constructor} `)];
}

/** Whether anything of the class runs while it is being defined: decorators, static code, computed member names. */
function definitionRunsCode(plan: ClassPlan, tsApi: typeof ts): boolean {
  const removed = new Set<ts.Node>(plan.uses.map((use) => use.decorator));
  const decorated = (node: ts.Node) => tsApi.canHaveDecorators(node) && (tsApi.getDecorators(node) ?? []).some((decorator) => !removed.has(decorator));
  return (
    decorated(plan.node) ||
    plan.node.members.some(
      (member) =>
        decorated(member) ||
        tsApi.isClassStaticBlockDeclaration(member) ||
        (member.name !== undefined && tsApi.isComputedPropertyName(member.name)) ||
        (tsApi.isPropertyDeclaration(member) && member.initializer !== undefined && tsApi.getModifiers(member)?.some((modifier) => modifier.kind === tsApi.SyntaxKind.StaticKeyword)),
    )
  );
}

/**
 * Whether the seal of an anonymous class can name the variable it is assigned to rather than give the class that
 * name: compilers downstream rename a class name that shadows its variable (esbuild: `const Pair = class Pair2`),
 * which changes `Pair.name`. Only a `const` always holds the class, and only once it is initialised: so no instance
 * may be made while the class is being defined.
 */
function sealsThroughVariable(plan: ClassPlan, tsApi: typeof ts): boolean {
  return plan.seal?.kind === "inferred" && plan.seal.constant && !definitionRunsCode(plan, tsApi);
}

/** Every edit that writes one class plan into the source. */
export function classEdits(plan: ClassPlan, file: ts.SourceFile, tsApi: typeof ts): TextEdit[] {
  const name = plan.seal ? sealNameText(plan.seal, file) : undefined;
  const seal = name !== undefined ? sealedClassText(plan, name) : undefined;
  const edits: TextEdit[] = plan.uses.map((use) => decoratorRemoval(use.decorator, file));
  if (plan.seal && plan.seal.kind !== "declared" && name !== undefined && !sealsThroughVariable(plan, tsApi)) {
    edits.push(insertAfter(classKeywordEnd(plan.node, file, tsApi), ` ${name}`));
  }
  edits.push(...guardBlockEdit(plan));
  for (const [field, value] of plan.initialisers) {
    if (!plan.nestedSuperFields.some((moved) => moved.declaration === field)) edits.push(...initialiserEdits(field, value, file));
  }
  edits.push(...parameterFieldEdits(plan, file, tsApi), ...constructorEdits(plan, seal, file, tsApi), ...synthesisedConstructorEdit(plan, seal, file));
  return edits;
}

/**
 * The file-level edits: the `ts-slots` imports without the bindings only the removed decorators used (a whole import
 * if nothing is left), and in their stead the guard helper where a class takes the guard.
 */
export function importEdits(plans: readonly ClassPlan[], file: ts.SourceFile, tsApi: typeof ts): TextEdit[] {
  return [...guardHelperEdits(plans, file, tsApi), ...slotsImportEdits(plans, file, tsApi)];
}

function slotsImportEdits(plans: readonly ClassPlan[], file: ts.SourceFile, tsApi: typeof ts): TextEdit[] {
  const removed = new Set(plans.flatMap((plan) => plan.uses.map((use) => use.decorator)));
  const localNames = new Set(plans.flatMap((plan) => plan.uses.map((use) => use.localName)));
  const unused = unusedSlotsBindings(file, localNames, removed, tsApi);
  if (unused.size === 0) return [];
  return file.statements.flatMap((statement): TextEdit[] => {
    if (!isSlotsImport(statement, tsApi)) return [];
    const clause = statement.importClause;
    const bindings = clause?.namedBindings;
    if (!clause || !bindings) return [];
    const remaining = tsApi.isNamespaceImport(bindings)
      ? unused.has(bindings.name.text) ? [] : undefined
      : bindings.elements.filter((element) => !unused.has(element.name.text));
    if (remaining === undefined || (!tsApi.isNamespaceImport(bindings) && remaining.length === bindings.elements.length)) return [];
    if (remaining.length > 0) {
      return [{ kind: "replace", start: bindings.getStart(file), end: bindings.end, text: `{ ${remaining.map((element) => element.getText(file)).join(", ")} }` }];
    }
    // `import Default, { slots } from "ts-slots"` keeps its default import; otherwise the import goes.
    if (clause.name) return [{ kind: "remove", start: clause.name.end, end: bindings.end }];
    return [{ kind: "remove", start: statement.getStart(file), end: statement.end }];
  });
}

