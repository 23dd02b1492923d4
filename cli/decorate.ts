// cli/decorate.ts — owns the edit `add` makes to a file: where `@slots` goes on each class, the one ts-slots import
// (merged into an existing one, in the file's own style), and the text edits with a map from edited positions back to
// the user's text. `add --write` writes it; the audit (cli/audit/engine.ts) checks exactly it in memory.
import { ts } from "ts-morph";

/** An edit as positions only: `remove` characters at `pos` of the original text replaced by `insert` characters. */
export interface TextEdit {
  pos: number;
  remove: number;
  insert: number;
}

/** Where a position of the edited text was in the original text (a position inside inserted text maps to the edit). */
export function originalPosition(edits: readonly TextEdit[], edited: number): number {
  let shift = 0;
  for (const edit of [...edits].sort((a, b) => a.pos - b.pos)) {
    if (edited < edit.pos + shift) break;
    if (edited < edit.pos + shift + edit.insert) return edit.pos;
    shift += edit.insert - edit.remove;
  }
  return edited - shift;
}

interface Edit {
  pos: number;
  /** Characters removed at pos. */
  remove: number;
  text: string;
  /** At equal positions, the higher order is applied first, so it ends up after the others. */
  order: number;
}

const PACKAGE = "ts-slots";


function lineStartOf(text: string, pos: number): number {
  const i = text.lastIndexOf("\n", pos - 1);
  return i + 1;
}

function indentAt(text: string, pos: number): string | undefined {
  const prefix = text.slice(lineStartOf(text, pos), pos);
  return /^[ \t]*$/.test(prefix) ? prefix : undefined;
}

function lineOf(sf: ts.SourceFile, pos: number): number {
  return sf.getLineAndCharacterOfPosition(pos).line;
}

interface ImportPlan {
  /** How the decorator is written in this file: `slots`, an alias, or `ns.slots`. */
  decorator: string;
  edits: Edit[];
}

/** How the file gets the `slots` binding: reuse an import, merge into one, or add one. */
function planImport(sf: ts.SourceFile, nl: string): ImportPlan {
  const text = sf.text;
  const imports = sf.statements.filter(ts.isImportDeclaration);
  const ours = imports.filter((d) => ts.isStringLiteral(d.moduleSpecifier) && d.moduleSpecifier.text === PACKAGE);

  // Already imported as a value: `import { slots }`, `import { slots as s }`, `import * as ns`.
  for (const d of ours) {
    const clause = d.importClause;
    if (!clause || clause.isTypeOnly) continue;
    const b = clause.namedBindings;
    if (b && ts.isNamedImports(b)) {
      const el = b.elements.find((e) => !e.isTypeOnly && (e.propertyName ?? e.name).text === "slots");
      if (el) return { decorator: el.name.text, edits: [] };
    }
  }
  for (const d of ours) {
    const b = d.importClause?.namedBindings;
    if (d.importClause && !d.importClause.isTypeOnly && b && ts.isNamespaceImport(b)) return { decorator: `${b.name.text}.slots`, edits: [] };
  }

  const mergeInto = (named: ts.NamedImports, order: number): Edit[] => {
    const els = named.elements;
    if (!els.length) return [{ pos: named.getStart(sf), remove: named.getWidth(sf), text: "{ slots }", order }];
    const last = els[els.length - 1];
    const multiline = lineOf(sf, els[0].getStart(sf)) !== lineOf(sf, named.getStart(sf));
    const indent = indentAt(text, last.getStart(sf)) ?? "  ";
    if (els.hasTrailingComma) {
      const comma = text.indexOf(",", last.end) + 1;
      return [{ pos: comma, remove: 0, text: multiline ? `${nl}${indent}slots,` : " slots,", order }];
    }
    return [{ pos: last.end, remove: 0, text: multiline ? `,${nl}${indent}slots` : ", slots", order }];
  };

  // Merge into an existing value import: `import { other } from "ts-slots"`, `import def from "ts-slots"`.
  for (const d of ours) {
    const clause = d.importClause;
    if (!clause || clause.isTypeOnly) continue;
    const b = clause.namedBindings;
    if (b && ts.isNamedImports(b)) return { decorator: "slots", edits: mergeInto(b, 0) };
    if (!b && clause.name) return { decorator: "slots", edits: [{ pos: clause.name.end, remove: 0, text: ", { slots }", order: 0 }] };
  }
  // `import type { A } from "ts-slots"` becomes `import { type A, slots } from "ts-slots"`.
  for (const d of ours) {
    const clause = d.importClause;
    const b = clause?.namedBindings;
    if (!clause || !clause.isTypeOnly || clause.name || !b || !ts.isNamedImports(b)) continue;
    // The `type` keyword opens the import clause: `import type { ... }`.
    const typePos = clause.getStart(sf);
    const typeLen = /^type\s+/.exec(text.slice(typePos, b.getStart(sf)))?.[0].length ?? 0;
    if (!typeLen) continue;
    const edits: Edit[] = [{ pos: typePos, remove: typeLen, text: "", order: 0 }];
    let hasSlots = false;
    for (const e of b.elements) {
      if ((e.propertyName ?? e.name).text === "slots") {
        hasSlots = true;
        continue;
      }
      if (!e.isTypeOnly) edits.push({ pos: e.getStart(sf), remove: 0, text: "type ", order: 0 });
    }
    if (!hasSlots) edits.push(...mergeInto(b, 0));
    const kept = b.elements.find((e) => (e.propertyName ?? e.name).text === "slots");
    return { decorator: kept ? kept.name.text : "slots", edits };
  }
  // `import "ts-slots"` becomes `import { slots } from "ts-slots"`.
  for (const d of ours) {
    if (d.importClause) continue;
    return { decorator: "slots", edits: [{ pos: d.moduleSpecifier.getStart(sf), remove: 0, text: "{ slots } from ", order: 0 }] };
  }

  // A new import, in the file's own quote and semicolon style.
  const spec = sf.statements
    .map((s) => (ts.isImportDeclaration(s) || ts.isExportDeclaration(s) ? s.moduleSpecifier : undefined))
    .find((s): s is ts.Expression => s !== undefined && ts.isStringLiteral(s));
  const quoted = spec ?? firstStringLiteral(sf);
  const quote = quoted && text[quoted.getStart(sf)] === "'" ? "'" : '"';
  const statementsWithSemicolons = sf.statements.filter((s) => ts.isExpressionStatement(s) || ts.isVariableStatement(s));
  // A file of classes only: its field declarations show whether it writes semicolons.
  const fields = sf.statements.filter(ts.isClassDeclaration).flatMap((c) => c.members.filter(ts.isPropertyDeclaration));
  const styleSource: readonly ts.Node[] = imports.length ? imports : statementsWithSemicolons.length ? statementsWithSemicolons : fields;
  const semi = styleSource.length && !styleSource.some((s) => s.getText(sf).trimEnd().endsWith(";")) ? "" : ";";
  const line = `import { slots } from ${quote}${PACKAGE}${quote}${semi}`;
  const anyImports = sf.statements.filter((s) => ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s));
  if (anyImports.length) {
    return { decorator: "slots", edits: [{ pos: anyImports[anyImports.length - 1].end, remove: 0, text: `${nl}${line}`, order: 0 }] };
  }
  // No imports: after the directive prologue, else after detached header comments, else at the very top.
  const statements = sf.statements;
  let i = 0;
  while (i < statements.length && ts.isExpressionStatement(statements[i]) && ts.isStringLiteral((statements[i] as ts.ExpressionStatement).expression)) i++;
  if (i > 0) return { decorator: "slots", edits: [{ pos: statements[i - 1].end, remove: 0, text: `${nl}${line}`, order: 0 }] };
  const first = statements[0];
  const comments = ts.getLeadingCommentRanges(text, first.getFullStart()) ?? [];
  let afterDetached = -1;
  comments.forEach((c, k) => {
    const next = k + 1 < comments.length ? comments[k + 1].pos : first.getStart(sf);
    if ((text.slice(c.end, next).match(/\n/g) ?? []).length >= 2) afterDetached = c.end;
  });
  // Licence headers and file pragmas stay first: the import goes below them.
  let header = 0;
  while (header < comments.length && isHeaderComment(text.slice(comments[header].pos, comments[header].end))) header++;
  if (header > 0 && afterDetached < comments[header - 1].end) {
    return { decorator: "slots", edits: [{ pos: comments[header - 1].end, remove: 0, text: `${nl}${line}${nl}`, order: 0 }] };
  }
  if (afterDetached >= 0) return { decorator: "slots", edits: [{ pos: afterDetached, remove: 0, text: `${nl}${nl}${line}`, order: 0 }] };
  const top = comments.length ? comments[0].pos : first.getStart(sf);
  return { decorator: "slots", edits: [{ pos: top, remove: 0, text: `${line}${nl}${nl}`, order: 0 }] };
}

/** A comment that must stay at the top of its file: a licence (`/*!`, `@license`, `@preserve`) or a file pragma. */
function isHeaderComment(comment: string): boolean {
  return /^\/\*!/.test(comment) || /@(license|preserve|copyright)\b|@ts-(nocheck|check)\b|\b(istanbul|c8) ignore\b|eslint-disable\b|@jsx/i.test(comment);
}

/** The file's first string literal, whose quote a new import copies when the file has no import to copy. */
function firstStringLiteral(sf: ts.SourceFile): ts.StringLiteral | undefined {
  const visit = (node: ts.Node): ts.StringLiteral | undefined => (ts.isStringLiteral(node) ? node : ts.forEachChild(node, visit));
  return visit(sf);
}

/** Whether `slots` is already bound in the file to something other than ts-slots' decorator. */
function slotsNameTaken(sf: ts.SourceFile, checker: ts.TypeChecker): boolean {
  const s = checker
    .getSymbolsInScope(sf, ts.SymbolFlags.Value | ts.SymbolFlags.Alias)
    .find((x) => x.getName() === "slots");
  if (!s) return false;
  return !(s.declarations ?? []).every((d) => {
    if (!ts.isImportSpecifier(d)) return false;
    const mod = d.parent.parent.parent.moduleSpecifier;
    return ts.isStringLiteral(mod) && mod.text === PACKAGE;
  });
}

/** `// @ts-expect-error` or `// @ts-ignore`: TypeScript applies it to the next line that is not blank or a `//` comment. */
const lineDirective = /^\/\/\s*@ts-(expect-error|ignore)\b/;

/**
 * Where `@slots` goes: above the class's first decorator or keyword, after its JSDoc and licence comments, but above
 * a `// @ts-expect-error`/`// @ts-ignore` run that ends at the class line, so the directive still covers the line it
 * was written for (below it, it would cover the decorator: TS2578, and the error it suppressed comes back).
 */
function decoratorPosition(sf: ts.SourceFile, decl: ts.ClassDeclaration): number {
  const decorators = ts.getDecorators(decl) ?? [];
  const start = decorators.length ? decorators[0].getStart(sf) : decl.getStart(sf);
  const text = sf.text;
  const comments = ts.getLeadingCommentRanges(text, decorators.length ? decorators[0].getFullStart() : decl.getFullStart()) ?? [];
  // The trailing run of `//` comments, each on its own line, directly above the class line.
  let pos = start;
  for (let k = comments.length - 1; k >= 0; k--) {
    const comment = comments[k];
    const between = text.slice(comment.end, k === comments.length - 1 ? start : comments[k + 1].pos);
    const ownLine = /^[ \t]*$/.test(text.slice(lineStartOf(text, comment.pos), comment.pos));
    if (comment.kind !== ts.SyntaxKind.SingleLineCommentTrivia || !ownLine || /\S/.test(between)) break;
    if (lineDirective.test(text.slice(comment.pos, comment.end))) pos = comment.pos;
  }
  return pos;
}

function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.pos - a.pos || b.order - a.order);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.pos) + e.text + out.slice(e.pos + e.remove);
  return out;
}

/** Why `add` cannot decorate classes of this file at all, when it cannot. */
export const slotsNameTakenReason = "the name `slots` is already declared in this file by something other than ts-slots";

/**
 * The text of `sf` with `@slots` on each of `decls` and the one ts-slots import it needs: exactly what `add --write`
 * writes, and what the audit's engine checks in memory before it calls a class safe.
 */
export function decorateFile(
  sf: ts.SourceFile,
  decls: readonly ts.ClassDeclaration[],
  checker: ts.TypeChecker,
): { text: string; edits: readonly TextEdit[] } | { skip: string } {
  const text = sf.text;
  const nl = text.includes("\r\n") ? "\r\n" : "\n";
  const plan = planImport(sf, nl);
  if (plan.decorator === "slots" && plan.edits.length && slotsNameTaken(sf, checker)) return { skip: slotsNameTakenReason };
  const edits: Edit[] = [...plan.edits];
  for (const decl of decls) {
    const pos = decoratorPosition(sf, decl);
    const indent = indentAt(text, pos);
    edits.push({ pos, remove: 0, text: indent === undefined ? `@${plan.decorator} ` : `@${plan.decorator}${nl}${indent}`, order: 1 });
  }
  return { text: applyEdits(text, edits), edits: edits.map(({ pos, remove, text: inserted }) => ({ pos, remove, insert: inserted.length })) };
}

