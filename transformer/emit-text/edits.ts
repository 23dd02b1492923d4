// Emitter 2, the source text: writes a class plan (../plan.ts) as edits of the TypeScript source, so that whichever
// compiler comes next (esbuild, Oxc, swc, TypeScript 7, Node's type stripping) emits the slots itself. The edits are
// data (positions in the original text and what to put there); index.ts applies them with magic-string, which also
// makes the source map. The rewritten text must be valid syntax with the plan's run-time meaning; it is never
// type-checked, so nothing here writes types.
import type * as ts from "typescript";
import { blocksAlong, prologueLength } from "../core/constructor";
import { guardFunctionName, guardHelperText, unguardedKeyName } from "../core/guard";
import { hasOtherModuleSyntax, isSlotsImport, unusedSlotsBindings } from "../core/imports";
import type { ZeroKind } from "../core/placeholder";
import type { ClassPlan, SealPlan, SlotValue } from "../core/plan";
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

/** `if (Object.getPrototypeOf(new.target) === Function.prototype) Object.seal(this);` (plan.ts, SealPlan). */
function sealText(seal: SealPlan): string {
  const isThisClass = `Object.getPrototypeOf(new.target) === ${seal.parent}`;
  const condition = seal.unlessGuarded ? `${isThisClass} && new.target[${unguardedKeyName}]` : isThisClass;
  return `if (${condition}) Object.seal(this);`;
}

/** `static { __slotsGuard(this, ["x"]); }` as the first member: the guard is in place before any instance can be made. */
function guardBlockEdit(plan: ClassPlan): TextEdit[] {
  const keys = `[${plan.guardKeys.map((key) => JSON.stringify(key)).join(", ")}]`;
  const receiver = plan.guardReceiver === "name" && plan.node.name ? plan.node.name.text : "this";
  return plan.guard ? [insertAfter(plan.node.members.pos, ` static { ${guardFunctionName}(${receiver}, ${keys}); }`)] : [];
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

/** The slot code as statements where the plan places them: after the prologue, or after a `super(...)` statement. */
function slotStatementEdits(plan: ClassPlan, body: ts.Block, code: readonly string[], file: ts.SourceFile, tsApi: typeof ts): TextEdit[] {
  const placement = plan.placement;
  if (placement.kind === "start") {
    const before = body.statements[placement.index - 1];
    const first = body.statements[placement.index] ?? before;
    const indent = first ? indentationAt(first.getStart(file), file) : `${indentationAt(body.getStart(file), file)}  `;
    return [insertAfter(before ? before.end : body.getStart(file) + 1, code.map((line) => `\n${indent}${line};`).join(""))];
  }
  if (placement.kind === "afterSuperStatement") {
    const statement = blocksAlong(body, placement.path, tsApi).at(-1)!.statements[placement.path[placement.path.length - 1]];
    const indent = indentationAt(statement.getStart(file), file);
    return [insertAfter(statement.end, code.map((line) => `\n${indent}${line};`).join(""))];
  }
  if (placement.kind === "afterEverySuperCall") {
    return placement.calls.flatMap((call) => [insertBefore(call.getStart(file), "("), insertAfter(call.end, `, ${code.join(", ")}, this)`)]);
  }
  return [];
}

function constructorEdits(plan: ClassPlan, file: ts.SourceFile, tsApi: typeof ts): TextEdit[] {
  const body = plan.constructor?.body;
  if (!plan.constructor || !body) return [];
  const edits: TextEdit[] = [];
  const first = body.statements[0];
  const indent = first ? indentationAt(first.getStart(file), file) : `${indentationAt(body.getStart(file), file)}  `;
  for (const field of plan.parameterFields) edits.push(...parameterModifierRemovals(field.declaration, file, tsApi));
  const code = [
    ...plan.parameterFields.map((field) => thisAssignmentText(field.name, field.name)),
    ...plan.nestedSuperFields.map((field) => {
      const value = valueText(field.value);
      return field.defines
        ? `Object.defineProperty(this, ${JSON.stringify(field.key)}, { enumerable: true, configurable: true, writable: true, value: ${value} })`
        : thisAssignmentText(field.key, value);
    }),
  ];
  if (code.length > 0) edits.push(...slotStatementEdits(plan, body, code, file, tsApi));
  for (const field of plan.nestedSuperFields) edits.push({ kind: "remove", start: field.declaration.getStart(file), end: field.declaration.end });
  if (plan.seal) {
    const seal = sealText(plan.seal);
    // `return;` and `return this;` leave with this instance: sealed first. `return <expression>;` is sealed once the
    // value is computed, in an arrow function that shares `this`, `new.target` and `super` (plan.ts sealedReturns).
    for (const exit of plan.sealedReturns) {
      const node = exit.statement;
      if (!exit.sealsAfterValue) {
        edits.push(insertBefore(node.getStart(file), `{ ${seal} `), insertAfter(node.end, " }"));
      } else if (node.expression) {
        edits.push(insertBefore(node.expression.getStart(file), `((returned) => { ${seal} return returned; })(`), insertAfter(node.expression.end, ")"));
      }
    }
    const last = body.statements[body.statements.length - 1];
    edits.push(
      last
        ? insertAfter(last.end, `\n${indent}${seal}`)
        : insertAfter(body.getStart(file) + 1, `\n${indent}${seal}\n${indentationAt(body.end - 1, file)}`),
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

function synthesisedConstructorEdit(plan: ClassPlan, file: ts.SourceFile): TextEdit[] {
  if (!plan.synthesisesConstructor) return [];
  const body = [...(plan.isDerived ? ["super(...args);"] : []), ...(plan.seal ? [sealText(plan.seal)] : [])].join(" ");
  const constructor = plan.isDerived ? `constructor(...args) { ${body} }` : `constructor() { ${body} }`;
  const last = plan.node.members[plan.node.members.length - 1];
  if (last) return [insertAfter(last.end, `\n${indentationAt(last.getStart(file), file)}${constructor}`)];
  return [insertAfter(plan.node.members.pos, ` ${constructor} `)];
}

/** Every edit that writes one class plan into the source. */
export function classEdits(plan: ClassPlan, file: ts.SourceFile, tsApi: typeof ts): TextEdit[] {
  const edits: TextEdit[] = plan.uses.map((use) => decoratorRemoval(use.decorator, file));
  edits.push(...guardBlockEdit(plan));
  for (const [field, value] of plan.initialisers) {
    if (!plan.nestedSuperFields.some((moved) => moved.declaration === field)) edits.push(...initialiserEdits(field, value, file));
  }
  edits.push(...parameterFieldEdits(plan, file, tsApi), ...constructorEdits(plan, file, tsApi), ...synthesisedConstructorEdit(plan, file));
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
  // The first import removed whole leaves `export {};`, where nothing else makes the file a module (imports.ts).
  let keepsModule = !hasOtherModuleSyntax(file, tsApi);
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
    if (keepsModule) {
      keepsModule = false;
      return [{ kind: "replace", start: statement.getStart(file), end: statement.end, text: "export {};" }];
    }
    return [{ kind: "remove", start: statement.getStart(file), end: statement.end }];
  });
}

