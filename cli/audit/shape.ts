// cli/audit/shape.ts — owns the audit's own findings, those that say what @slots would buy: fields a constructor
// leaves unassigned or assigns only conditionally (instances of one class end up with different shapes), numeric
// fields that start as undefined (later writes allocate heap numbers), and how many instances are created where.
// Nothing here decides whether @slots is allowed: that is the engine's (the build's checks).
import { ts } from "ts-morph";
import { hasModifier as hasModifierOf } from "../../transformer/core/slots";
import { asTsNode, asTsSyntaxKind, tsApi } from "./morphBridge";
import type { Finding, FindingKind } from "./types";

interface FieldInfo {
  name: string;
  nameNode: ts.Node;
  decl: ts.PropertyDeclaration | ts.ParameterDeclaration;
  isParameter: boolean;
  initializer: ts.Expression | undefined;
  optional: boolean;
}

interface Assignment {
  field: string;
  node: ts.Node;
  rhs: ts.Expression | undefined;
  /** Null when the assignment always runs; otherwise the construct that makes it conditional. */
  cond: string | null;
  /** Name of the method (called from the constructor) holding the assignment. */
  via: string | null;
  /** Position, in the body being walked, of the assignment or of the call that leads to it. */
  anchor: number;
}

const CONDITION_TEXT: Record<string, string> = {
  if: "inside an if",
  loop: "inside a loop",
  try: "inside a try block",
  catch: "inside a catch block",
  switch: "inside a switch",
  "&&": "on the right of &&",
  "||": "on the right of ||",
  "??": "on the right of ??",
  "?:": "in a ?: branch",
  "&&=": "through &&=",
  "||=": "through ||=",
  "??=": "through ??=",
  callback: "inside a callback",
  "early-return": "after an early return",
};

function stripParens(e: ts.Expression): ts.Expression {
  let cur = e;
  while (ts.isParenthesizedExpression(cur) || ts.isNonNullExpression(cur)) cur = cur.expression;
  return cur;
}

function isAssertion(e: ts.Expression): e is ts.AsExpression | ts.TypeAssertion | ts.SatisfiesExpression {
  return ts.isAsExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e);
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function isNullishLiteral(e: ts.Expression | undefined): boolean {
  if (!e) return false;
  const x = stripParens(e);
  if (x.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isIdentifier(x) && x.text === "undefined") return true;
  if (ts.isVoidExpression(x)) return true;
  if (isAssertion(x)) return isNullishLiteral(x.expression);
  return false;
}

function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) {
    return name.text;
  }
  if (ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

/** transformer/core/slots.ts's modifier test, on ts-morph's nodes (morphBridge.ts). */
function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return hasModifierOf(asTsNode(node), asTsSyntaxKind(kind), tsApi);
}

export interface ShapeContext {
  checker: ts.TypeChecker;
  /** TypeScript emits declared fields as class fields (`x;`), which defines them as undefined first. */
  useDefine: boolean;
  where: (node: ts.Node) => { file: string; line: number; column: number };
}

export interface ShapeOfClass {
  fields: string[];
  findings: Finding[];
}

/** Fields, and the shape and numeric findings of a class that is not @slots yet. */
export function shapeOfClass(node: ts.ClassDeclaration, context: ShapeContext): ShapeOfClass {
  const { checker, useDefine, where } = context;
  const lineOf = (n: ts.Node): number => where(n).line;
  const findings: Finding[] = [];
  const addFinding = (at: ts.Node, kind: FindingKind, category: Finding["category"], message: string, field: string): void => {
    findings.push({ kind, category, blocks: false, ...where(at), message, field });
  };
  const snippet = (n: ts.Node): string => {
    const text = n.getText().replace(/\s+/g, " ");
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  };

  function ownFields(node: ts.ClassDeclaration, ctor: ts.ConstructorDeclaration | undefined): FieldInfo[] {
    const fields: FieldInfo[] = [];
    for (const p of ctor?.parameters ?? []) {
      if (ts.isParameterPropertyDeclaration(p, ctor as ts.ConstructorDeclaration) && ts.isIdentifier(p.name)) {
        fields.push({ name: p.name.text, nameNode: p.name, decl: p, isParameter: true, initializer: undefined, optional: !!p.questionToken });
      }
    }
    for (const m of node.members) {
      if (!ts.isPropertyDeclaration(m)) continue;
      if (hasModifier(m, ts.SyntaxKind.StaticKeyword) || hasModifier(m, ts.SyntaxKind.DeclareKeyword) || hasModifier(m, ts.SyntaxKind.AbstractKeyword)) continue;
      if (hasModifier(m, ts.SyntaxKind.AccessorKeyword)) continue;
      const name = propertyNameText(m.name);
      if (name === undefined) continue;
      fields.push({
        name: ts.isPrivateIdentifier(m.name) ? `#${name}` : name,
        nameNode: m.name,
        decl: m,
        isParameter: false,
        initializer: m.initializer,
        optional: !!m.questionToken,
      });
    }
    return fields;
  }

  /** `this.x` / `this["x"]` / `this.#x` as a field name, else undefined. */
  function thisFieldName(e: ts.Expression): string | undefined {
    const t = stripParens(e);
    if (ts.isPropertyAccessExpression(t) && t.expression.kind === ts.SyntaxKind.ThisKeyword) {
      return ts.isPrivateIdentifier(t.name) ? `#${t.name.text}` : t.name.text;
    }
    if (ts.isElementAccessExpression(t) && t.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const a = stripParens(t.argumentExpression);
      if (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a) || ts.isNumericLiteral(a)) return a.text;
    }
    return undefined;
  }

  /** Targets of a (possibly destructuring) assignment's left side. */
  function assignmentTargets(left: ts.Expression): string[] {
    const l = stripParens(left);
    const direct = thisFieldName(l);
    if (direct !== undefined) return [direct];
    const out: string[] = [];
    if (ts.isArrayLiteralExpression(l)) {
      for (const el of l.elements) {
        const inner = ts.isSpreadElement(el) ? el.expression : ts.isBinaryExpression(el) ? el.left : el;
        out.push(...assignmentTargets(inner));
      }
    } else if (ts.isObjectLiteralExpression(l)) {
      for (const p of l.properties) {
        if (ts.isPropertyAssignment(p)) {
          const v = ts.isBinaryExpression(p.initializer) ? p.initializer.left : p.initializer;
          out.push(...assignmentTargets(v));
        }
      }
    }
    return out;
  }

  /**
   * Walks a constructor (or a method it calls) and records every assignment to `this.<field>` with the
   * construct that makes it conditional, following `this.method()` calls up to three levels deep.
   */
  function collectAssignments(
    cls: ts.ClassDeclaration,
    body: ts.Block,
    outerCond: string | null,
    via: string | null,
    depth: number,
    seen: Set<ts.Node>,
    out: Assignment[],
  ): void {
    const localReturns: number[] = [];
    const startIndex = out.length;
    const visit = (n: ts.Node, cond: string | null): void => {
      if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isClassDeclaration(n) || ts.isClassExpression(n)) return;
      if (ts.isArrowFunction(n)) {
        ts.forEachChild(n, (c) => visit(c, cond ?? "callback"));
        return;
      }
      if (ts.isReturnStatement(n) && cond !== "callback") localReturns.push(n.getStart());
      if (ts.isBinaryExpression(n) && isAssignmentOperator(n.operatorToken.kind)) {
        const op = n.operatorToken.kind;
        const logical =
          op === ts.SyntaxKind.AmpersandAmpersandEqualsToken ? "&&=" : op === ts.SyntaxKind.BarBarEqualsToken ? "||=" : op === ts.SyntaxKind.QuestionQuestionEqualsToken ? "??=" : null;
        for (const field of assignmentTargets(n.left)) {
          out.push({ field, node: n, rhs: op === ts.SyntaxKind.EqualsToken ? n.right : undefined, cond: cond ?? logical, via, anchor: n.getStart() });
        }
        visit(n.left, cond);
        visit(n.right, cond ?? logical);
        return;
      }
      if (ts.isBinaryExpression(n)) {
        const op = n.operatorToken.kind;
        const label =
          op === ts.SyntaxKind.AmpersandAmpersandToken ? "&&" : op === ts.SyntaxKind.BarBarToken ? "||" : op === ts.SyntaxKind.QuestionQuestionToken ? "??" : null;
        if (label) {
          visit(n.left, cond);
          visit(n.right, cond ?? label);
          return;
        }
      }
      if (ts.isIfStatement(n)) {
        visit(n.expression, cond);
        visit(n.thenStatement, cond ?? "if");
        if (n.elseStatement) visit(n.elseStatement, cond ?? "if");
        return;
      }
      if (ts.isConditionalExpression(n)) {
        visit(n.condition, cond);
        visit(n.whenTrue, cond ?? "?:");
        visit(n.whenFalse, cond ?? "?:");
        return;
      }
      if (ts.isForStatement(n)) {
        if (n.initializer) visit(n.initializer, cond);
        if (n.condition) visit(n.condition, cond);
        if (n.incrementor) visit(n.incrementor, cond ?? "loop");
        visit(n.statement, cond ?? "loop");
        return;
      }
      if (ts.isForInStatement(n) || ts.isForOfStatement(n) || ts.isWhileStatement(n)) {
        visit(n.expression, cond);
        visit(n.statement, cond ?? "loop");
        return;
      }
      if (ts.isDoStatement(n)) {
        visit(n.statement, cond); // the body runs at least once
        visit(n.expression, cond);
        return;
      }
      if (ts.isTryStatement(n)) {
        visit(n.tryBlock, cond ?? "try");
        if (n.catchClause) visit(n.catchClause, cond ?? "catch");
        if (n.finallyBlock) visit(n.finallyBlock, cond);
        return;
      }
      if (ts.isSwitchStatement(n)) {
        visit(n.expression, cond);
        visit(n.caseBlock, cond ?? "switch");
        return;
      }
      if (ts.isCallExpression(n)) {
        ts.forEachChild(n, (c) => visit(c, cond));
        const callee = stripParens(n.expression);
        if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword && depth < 3) {
          const method = cls.members.find(
            (m): m is ts.MethodDeclaration =>
              ts.isMethodDeclaration(m) && !!m.body && !hasModifier(m, ts.SyntaxKind.StaticKeyword) && propertyNameText(m.name) === callee.name.text,
          );
          if (method?.body && !seen.has(method)) {
            seen.add(method);
            const first = out.length;
            collectAssignments(cls, method.body, cond, `${callee.name.text}()`, depth + 1, seen, out);
            for (let k = first; k < out.length; k++) out[k].anchor = n.getStart();
            seen.delete(method);
          }
        }
        return;
      }
      ts.forEachChild(n, (c) => visit(c, cond));
    };
    visit(body, outerCond);
    // An assignment after a `return` that may have run is conditional too.
    for (let k = startIndex; k < out.length; k++) {
      const a = out[k];
      if (a.cond === null && localReturns.some((r) => r < a.anchor)) a.cond = "early-return";
    }
  }

  function numericField(f: FieldInfo): boolean {
    const s = checker.getSymbolAtLocation(f.nameNode);
    if (!s) return false;
    const t = checker.getTypeOfSymbolAtLocation(s, f.nameNode);
    const parts = (t.isUnion() ? t.types : [t]).filter((p) => !(p.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)));
    return parts.length > 0 && parts.every((p) => (p.flags & ts.TypeFlags.NumberLike) !== 0 && !(p.flags & ts.TypeFlags.Any));
  }

  function mayBeNullish(e: ts.Expression | undefined): boolean {
    if (!e) return false;
    if (isNullishLiteral(e)) return true;
    const t = checker.getTypeAtLocation(e);
    const parts = t.isUnion() ? t.types : [t];
    return parts.some((p) => (p.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) !== 0);
  }

    const ctor = node.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
    const fields = ownFields(node, ctor);

    const assigns: Assignment[] = [];
    if (ctor?.body) {
      collectAssignments(node, ctor.body, null, null, 0, new Set(), assigns);
    }

    // Assignments made in other methods (for the message about where an unassigned field gets its value).
    const methodAssigns = new Map<string, string[]>();
    for (const m of node.members) {
      if ((ts.isMethodDeclaration(m) || ts.isSetAccessorDeclaration(m) || ts.isGetAccessorDeclaration(m)) && m.body && !hasModifier(m, ts.SyntaxKind.StaticKeyword)) {
        const found: Assignment[] = [];
        collectAssignments(node, m.body, null, null, 3, new Set(), found);
        const mname = `${propertyNameText(m.name) ?? "[computed]"}()`;
        for (const a of found) {
          const list = methodAssigns.get(a.field) ?? [];
          if (!list.includes(mname)) list.push(mname);
          methodAssigns.set(a.field, list);
        }
      }
    }

    {
      for (const f of fields) {
        const mine = assigns.filter((a) => a.field === f.name).sort((a, b) => a.anchor - b.anchor);
        // `this.x ??= v` / `this.x ||= v` with nothing stored before always stores: the field is still undefined.
        if (mine.length && (mine[0].cond === "??=" || mine[0].cond === "||=") && f.initializer === undefined && !f.isParameter) mine[0].cond = null;
        const always = f.initializer !== undefined || f.isParameter || mine.some((a) => a.cond === null);
        if (!always) {
          if (mine.length) {
            const a = mine[0];
            const how = `${CONDITION_TEXT[a.cond ?? ""] ?? a.cond} at line ${lineOf(a.node)}${a.via ? ` in ${a.via}` : ""}`;
            addFinding(f.nameNode, "conditional-field", "shape", `\`${f.name}\` is assigned only conditionally in the constructor (${how})` +
                (useDefine ? "; until then it holds undefined" : ", so instances end up with different shapes"),
              f.name,
            );
          } else {
            const elsewhere = methodAssigns.get(f.name);
            const assignedWhere = elsewhere?.length ? `first assigned in ${elsewhere.map((m) => `\`${m}\``).join(", ")}` : "not assigned anywhere in the class";
            addFinding(f.nameNode, "unassigned-field", "shape", `\`${f.name}\` is declared but not assigned in the constructor (${assignedWhere})` +
                (useDefine ? "; it holds undefined until then" : "; instances that gain it later change hidden class"),
              f.name,
            );
          }
        }
        if (numericField(f)) {
          let why: string | undefined;
          if (f.initializer !== undefined) {
            if (isNullishLiteral(f.initializer)) why = `its initializer is \`${snippet(f.initializer)}\``;
          } else if (useDefine) {
            why = `${f.isParameter ? "the parameter property is emitted as" : "TypeScript emits"} the class field \`${f.name};\` at target ES2022+, useDefineForClassFields`;
          } else {
            const first = [...mine].sort((a, b) => a.node.getStart() - b.node.getStart())[0];
            if (first && first.rhs && mayBeNullish(first.rhs)) {
              why = `its first value, \`${snippet(first.rhs)}\` at line ${lineOf(first.node)}, may be undefined`;
            }
          }
          if (why) {
            const typeText = f.decl.type ? snippet(f.decl.type) : "number";
            addFinding(f.nameNode, "numeric-undefined", "numeric", `\`${f.name}: ${typeText}\` starts as undefined (${why}), so later non-integer writes allocate a heap number (5-8x slower updates in the bench, Node 20-24)`,
              f.name,
            );
          }
        }
      }
    }
  return { fields: fields.map((f) => f.name), findings };
}
