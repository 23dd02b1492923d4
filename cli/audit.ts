// cli/audit.ts — owns the analysis: for every class of the project, its findings (shape, numeric, outside writes, blockers) and its @slots status, as plain data.
import * as path from "path";
import { ts } from "ts-morph";
import { LoadedProject, toPosix, usesDefineForClassFields } from "./project";

export type ClassStatus = "safe" | "blocked" | "needs-review" | "slots";

/** shape/numeric: what @slots fixes; outside: writes from elsewhere; blocker: stops @slots; review: needs a human. */
export type FindingCategory = "shape" | "numeric" | "outside" | "blocker" | "review";

export type FindingKind =
  | "unassigned-field"
  | "conditional-field"
  | "numeric-undefined"
  | "added-property"
  | "dynamic-key"
  | "delete"
  | "object-assign"
  | "define-property"
  | "index-signature"
  | "mixin"
  | "prototype-reassignment"
  | "set-prototype-of"
  | "constructor-return"
  | "base-class"
  | "computed-field"
  | "other-decorator"
  | "not-a-module"
  | "javascript-file";

export interface Finding {
  kind: FindingKind;
  category: FindingCategory;
  /** True when this finding alone keeps `add` from touching the class. */
  blocks: boolean;
  file: string;
  line: number;
  column: number;
  field?: string;
  message: string;
}

export interface ClassReport {
  name: string;
  file: string;
  line: number;
  column: number;
  abstract: boolean;
  status: ClassStatus;
  /** Why the class is blocked or needs review (empty when safe). */
  reasons: string[];
  /** Own instance fields in declaration order (parameter properties first, as TypeScript emits them). */
  fields: string[];
  newSites: number;
  /** `new` sites inside loops or callbacks: likely to create many instances. */
  hotNewSites: number;
  benefit: number;
  /** Human summary of what the benefit score counts. */
  benefitWhy: string;
  findings: Finding[];
}

export interface AuditResult {
  /** tsconfig path relative to the working directory. */
  config: string;
  /** Absolute directory of the tsconfig; report paths are relative to it. */
  rootDir: string;
  target: string;
  useDefineForClassFields: boolean;
  files: number;
  classes: ClassReport[];
}

/** An audit plus the declaration behind each class report (for `add`, which edits them). */
export interface AuditRun {
  result: AuditResult;
  declarationOf: ReadonlyMap<ClassReport, ts.ClassDeclaration>;
}

export interface AuditOptions {
  cwd: string;
  onProgress?: (phase: string, done: number, total: number) => void;
}

interface FieldInfo {
  name: string;
  nameNode: ts.Node;
  decl: ts.PropertyDeclaration | ts.ParameterDeclaration;
  isParameter: boolean;
  initializer: ts.Expression | undefined;
  optional: boolean;
}

interface ClassInfo {
  node: ts.ClassDeclaration;
  sf: ts.SourceFile;
  symbol: ts.Symbol | undefined;
  report: ClassReport;
  isSlots: boolean;
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

const MUTATING_OBJECT_CALLS = new Set([
  "Object.assign",
  "Object.defineProperty",
  "Object.defineProperties",
  "Object.setPrototypeOf",
  "Reflect.defineProperty",
  "Reflect.setPrototypeOf",
  "Reflect.set",
]);

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

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []).some((m) => m.kind === kind) : false;
}

/** `Object.assign` for a callee `Object.assign` (identifiers only). */
function calleeName(call: ts.CallExpression): string | undefined {
  const c = stripParens(call.expression);
  if (ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && ts.isIdentifier(c.name)) {
    return `${c.expression.text}.${c.name.text}`;
  }
  return undefined;
}

export function audit(loaded: LoadedProject, options: AuditOptions): AuditRun {
  const { checker, sourceFiles, rootDir } = loaded;
  const useDefine = usesDefineForClassFields(loaded.compilerOptions);
  const classes: ClassInfo[] = [];
  const byNode = new Map<ts.Node, ClassInfo>();
  const bySymbol = new Map<ts.Symbol, ClassInfo>();
  const projectFiles = new Set(sourceFiles.map((sf) => sf.fileName));
  /** In-project base class of each class that extends one. */
  const baseOf = new Map<ClassInfo, ClassInfo>();

  const rel = (fileName: string): string => toPosix(path.relative(rootDir, fileName));
  const where = (node: ts.Node): { file: string; line: number; column: number } => {
    const sf = node.getSourceFile();
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return { file: rel(sf.fileName), line: line + 1, column: character + 1 };
  };
  const lineOf = (node: ts.Node): number => where(node).line;
  const addFinding = (
    info: ClassInfo,
    at: ts.Node,
    kind: FindingKind,
    category: FindingCategory,
    blocks: boolean,
    message: string,
    field?: string,
  ): void => {
    const f: Finding = { kind, category, blocks, ...where(at), message };
    if (field !== undefined) f.field = field;
    info.report.findings.push(f);
  };
  const resolveAlias = (s: ts.Symbol | undefined): ts.Symbol | undefined => {
    if (s && s.flags & ts.SymbolFlags.Alias) {
      try {
        return checker.getAliasedSymbol(s);
      } catch {
        return s;
      }
    }
    return s;
  };
  const progress = (phase: string, done: number, total: number): void => options.onProgress?.(phase, done, total);

  // ---- 1. Collect the class declarations.
  for (const sf of sourceFiles) {
    const visit = (n: ts.Node): void => {
      if (ts.isClassDeclaration(n)) {
        const symbol = n.name ? checker.getSymbolAtLocation(n.name) : checker.getTypeAtLocation(n).getSymbol();
        const at = where(n.name ?? n);
        const info: ClassInfo = {
          node: n,
          sf,
          symbol,
          isSlots: false,
          report: {
            name: n.name?.text ?? "default",
            file: at.file,
            line: at.line,
            column: at.column,
            abstract: hasModifier(n, ts.SyntaxKind.AbstractKeyword),
            status: "safe",
            reasons: [],
            fields: [],
            newSites: 0,
            hotNewSites: 0,
            benefit: 0,
            benefitWhy: "",
            findings: [],
          },
        };
        classes.push(info);
        byNode.set(n, info);
        if (symbol) bySymbol.set(symbol, info);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }

  /** The class whose constructor `expr` names (`C`, `ns.C`, an alias of C). */
  const classOfConstructorExpr = (expr: ts.Expression): ClassInfo | undefined => {
    let e = stripParens(expr);
    while (isAssertion(e)) e = stripParens(e.expression);
    if (!ts.isIdentifier(e) && !ts.isPropertyAccessExpression(e)) return undefined;
    const s = resolveAlias(checker.getSymbolAtLocation(e));
    return s ? bySymbol.get(s) : undefined;
  };

  /** Project classes whose instances a value of this type can be. */
  const classesOfType = (type: ts.Type, depth = 0): ClassInfo[] => {
    if (depth > 4 || type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return [];
    if (type.isUnionOrIntersection()) return type.types.flatMap((t) => classesOfType(t, depth + 1));
    if (type.flags & ts.TypeFlags.TypeParameter) {
      const c = checker.getBaseConstraintOfType(type);
      return c && c !== type ? classesOfType(c, depth + 1) : [];
    }
    const s = type.getSymbol();
    const info = s ? bySymbol.get(s) : undefined;
    if (!info || !s) return [];
    // `typeof C` (the constructor) carries the class symbol too: that is the static side, not an instance.
    if (checker.getTypeOfSymbol(s) === type) return [];
    return [info];
  };

  /** Nearest class whose instance `this` is at `n` (arrow functions see through). */
  const classOfThis = (n: ts.Node): ClassInfo | undefined => {
    let cur: ts.Node | undefined = n.parent;
    while (cur) {
      if (ts.isClassDeclaration(cur) || ts.isClassExpression(cur)) return byNode.get(cur);
      if (ts.isFunctionDeclaration(cur) || ts.isFunctionExpression(cur)) return undefined;
      if (
        (ts.isMethodDeclaration(cur) || ts.isGetAccessorDeclaration(cur) || ts.isSetAccessorDeclaration(cur) || ts.isPropertyDeclaration(cur)) &&
        hasModifier(cur, ts.SyntaxKind.StaticKeyword)
      ) {
        return undefined;
      }
      if (ts.isClassStaticBlockDeclaration(cur)) return undefined;
      if ((ts.isMethodDeclaration(cur) || ts.isGetAccessorDeclaration(cur) || ts.isSetAccessorDeclaration(cur)) && ts.isObjectLiteralExpression(cur.parent)) {
        return undefined;
      }
      cur = cur.parent;
    }
    return undefined;
  };

  /**
   * The classes whose instances `expr` (a write receiver) refers to, and how: "direct" for a typed reference,
   * "cast" when reached through a type assertion, "any" through a variable typed any.
   */
  const instanceClassesOf = (expr: ts.Expression, depth = 0): { classes: ClassInfo[]; via: "direct" | "cast" | "any" } => {
    const e = stripParens(expr);
    if (e.kind === ts.SyntaxKind.ThisKeyword) {
      const c = classOfThis(e);
      return { classes: c ? [c] : [], via: "direct" };
    }
    if (isAssertion(e)) {
      const inner = instanceClassesOf(e.expression, depth + 1);
      return { classes: inner.classes, via: inner.classes.length ? "cast" : inner.via };
    }
    const type = checker.getTypeAtLocation(e);
    if (type.flags & ts.TypeFlags.Any && ts.isIdentifier(e) && depth < 3) {
      const decl = resolveAlias(checker.getSymbolAtLocation(e))?.valueDeclaration;
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer) {
        const inner = instanceClassesOf(decl.initializer, depth + 1);
        return { classes: inner.classes, via: inner.classes.length ? "any" : "direct" };
      }
    }
    return { classes: classesOfType(type), via: "direct" };
  };

  /**
   * Whether writing `name` on an instance stores into something the class declares. Writing a method's name
   * creates an own property that shadows the prototype's method (which a sealed instance refuses), unless
   * `methodsOk` (for `Object.assign` sources typed `Partial<C>`, which list methods as a type artefact).
   */
  const declaresProperty = (info: ClassInfo, name: string, methodsOk = false): boolean => {
    if (!info.symbol) return true;
    const t = checker.getDeclaredTypeOfSymbol(info.symbol);
    const p = checker.getPropertyOfType(t, name);
    if (p) return methodsOk || !(p.flags & ts.SymbolFlags.Method) || (p.flags & ts.SymbolFlags.Property) !== 0;
    if (name.startsWith("#")) return true;
    return checker.getIndexInfosOfType(t).length > 0;
  };

  /** Literal key names of an element access argument, or undefined for a dynamic key. */
  const literalKeys = (arg: ts.Expression): string[] | undefined => {
    const a = stripParens(arg);
    if (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a) || ts.isNumericLiteral(a)) return [a.text];
    const t = checker.getTypeAtLocation(a);
    const parts = t.isUnion() ? t.types : [t];
    const names: string[] = [];
    for (const p of parts) {
      if (p.isStringLiteral()) names.push(p.value);
      else if (p.isNumberLiteral()) names.push(String(p.value));
      else return undefined;
    }
    return names;
  };

  const snippet = (n: ts.Node): string => {
    const text = n.getText().replace(/\s+/g, " ");
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  };

  // ---- 2. Mixin helpers: functions that mutate `param.prototype`.
  const prototypeMutators = new Map<ts.Node, { name: string; params: Set<number> }>();
  const isPrototypeMutation = (protoAccess: ts.Node): boolean => {
    const parent = protoAccess.parent;
    if (ts.isCallExpression(parent) && parent.arguments[0] === protoAccess) {
      const name = calleeName(parent);
      return name !== undefined && MUTATING_OBJECT_CALLS.has(name);
    }
    if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === protoAccess) {
      const gp = parent.parent;
      return ts.isBinaryExpression(gp) && gp.left === parent && isAssignmentOperator(gp.operatorToken.kind);
    }
    return ts.isBinaryExpression(parent) && parent.left === protoAccess && isAssignmentOperator(parent.operatorToken.kind);
  };
  sourceFiles.forEach((sf, i) => {
    progress("finding mixin helpers in files", i, sourceFiles.length);
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionLike(n) && "body" in n && n.body && n.parameters.length > 0) {
        const params = new Map<ts.Symbol, number>();
        n.parameters.forEach((p, idx) => {
          if (ts.isIdentifier(p.name)) {
            const s = checker.getSymbolAtLocation(p.name);
            if (s) params.set(s, idx);
          }
        });
        const hits = new Set<number>();
        const scan = (m: ts.Node): void => {
          if (
            ts.isPropertyAccessExpression(m) &&
            m.name.text === "prototype" &&
            ts.isIdentifier(m.expression) &&
            isPrototypeMutation(m)
          ) {
            const s = checker.getSymbolAtLocation(m.expression);
            const idx = s ? params.get(s) : undefined;
            if (idx !== undefined) hits.add(idx);
          }
          ts.forEachChild(m, scan);
        };
        ts.forEachChild(n.body, scan);
        if (hits.size) {
          let name = "(anonymous)";
          if (n.name && ts.isIdentifier(n.name)) name = n.name.text;
          else if (ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)) name = n.parent.name.text;
          prototypeMutators.set(n, { name, params: hits });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  });
  progress("finding mixin helpers in files", sourceFiles.length, sourceFiles.length);
  const mutatorOfCall = (call: ts.CallExpression): { name: string; params: Set<number> } | undefined => {
    const s = resolveAlias(checker.getSymbolAtLocation(stripParens(call.expression)));
    for (const d of s?.declarations ?? []) {
      const direct = prototypeMutators.get(d);
      if (direct) return direct;
      if (ts.isVariableDeclaration(d) && d.initializer) {
        const viaVar = prototypeMutators.get(stripParens(d.initializer));
        if (viaVar) return viaVar;
      }
    }
    return undefined;
  };

  // ---- 3. Scan every file: creation sites, outside writes, deletes, prototype changes.
  const isHotSite = (n: ts.Node): boolean => {
    let child: ts.Node = n;
    let cur: ts.Node | undefined = n.parent;
    while (cur && !ts.isSourceFile(cur)) {
      if (ts.isIterationStatement(cur, false)) {
        const init = ts.isForStatement(cur) ? cur.initializer : undefined;
        if (child !== init) return true;
      }
      if ((ts.isArrowFunction(cur) || ts.isFunctionExpression(cur)) && ts.isCallExpression(cur.parent) && cur.parent.arguments.includes(cur)) {
        return true;
      }
      child = cur;
      cur = cur.parent;
    }
    return false;
  };

  const reportWrite = (target: ts.Expression, at: ts.Node, isDelete: boolean): void => {
    const t = stripParens(target);
    if (!ts.isPropertyAccessExpression(t) && !ts.isElementAccessExpression(t)) return;
    // C.prototype = ... / C.prototype.x = ...
    if (ts.isPropertyAccessExpression(t) && t.name.text === "prototype") {
      const c = classOfConstructorExpr(t.expression);
      if (c && !isDelete) {
        addFinding(c, at, "prototype-reassignment", "blocker", true, `\`${snippet(at)}\` replaces the prototype of \`${c.report.name}\``);
      }
      return;
    }
    const recv = stripParens(t.expression);
    if (ts.isPropertyAccessExpression(recv) && recv.name.text === "prototype") {
      const c = classOfConstructorExpr(recv.expression);
      if (c) {
        addFinding(c, at, "mixin", "blocker", true, `\`${snippet(at)}\` patches \`${c.report.name}.prototype\` from outside the class body`);
      }
      return;
    }
    const { classes: targets, via } = instanceClassesOf(t.expression);
    if (!targets.length) return;
    let keys: string[] | undefined;
    if (ts.isPropertyAccessExpression(t)) keys = [ts.isPrivateIdentifier(t.name) ? `#${t.name.text}` : t.name.text];
    else keys = literalKeys(t.argumentExpression);
    const how = via === "cast" ? " (write through a type assertion)" : via === "any" ? " (write through a variable typed any)" : "";
    for (const c of new Set(targets)) {
      if (isDelete) {
        addFinding(c, at, "delete", "blocker", true, `\`${snippet(at)}\` deletes a property of a \`${c.report.name}\` instance`);
        continue;
      }
      if (!keys) {
        addFinding(c, at, "dynamic-key", "blocker", true, `\`${snippet(at)}\` writes a computed key on a \`${c.report.name}\` instance${how}`);
        continue;
      }
      const added = keys.filter((k) => !declaresProperty(c, k));
      if (added.length) {
        const inside = classOfThis(at) === c ? " inside the class" : " from outside the class";
        const methods = added.filter((k) => declaresProperty(c, k, true));
        const names = added.map((k) => `\`${k}\``).join(", ");
        const what = methods.length
          ? `as own propert${added.length === 1 ? "y" : "ies"} (${methods.map((k) => `\`${k}\``).join(", ")} would shadow a method)`
          : `, which \`${c.report.name}\` does not declare`;
        addFinding(c, at, "added-property", "outside", true, `\`${snippet(at)}\` adds ${names}${inside}${what.startsWith(",") ? what : ` ${what}`}${how}`);
      }
    }
  };

  const reportCall = (call: ts.CallExpression): void => {
    const name = calleeName(call);
    const first = call.arguments[0];
    if (name && MUTATING_OBJECT_CALLS.has(name) && first && !ts.isSpreadElement(first)) {
      const target = stripParens(first);
      // Object.xxx(C.prototype, ...) and Object.setPrototypeOf(C, ...)
      if (ts.isPropertyAccessExpression(target) && target.name.text === "prototype") {
        const c = classOfConstructorExpr(target.expression);
        if (c) {
          if (name.endsWith("setPrototypeOf")) {
            addFinding(c, call, "prototype-reassignment", "blocker", true, `\`${snippet(call)}\` changes the prototype chain of \`${c.report.name}\``);
          } else {
            addFinding(c, call, "mixin", "blocker", true, `\`${snippet(call)}\` copies members onto \`${c.report.name}.prototype\` (mixin)`);
          }
          return;
        }
      }
      const ctorClass = classOfConstructorExpr(target);
      if (ctorClass && name.endsWith("setPrototypeOf")) {
        addFinding(ctorClass, call, "prototype-reassignment", "blocker", true, `\`${snippet(call)}\` changes the base of \`${ctorClass.report.name}\``);
        return;
      }
      if (ctorClass) return; // static side: Object.assign(C, ...) adds statics, not instance fields
      const { classes: targets, via } = instanceClassesOf(target);
      for (const c of new Set(targets)) {
        const ofThis = target.kind === ts.SyntaxKind.ThisKeyword ? "`this`" : `a \`${c.report.name}\` instance`;
        if (name.endsWith("setPrototypeOf")) {
          addFinding(c, call, "set-prototype-of", "blocker", true, `\`${snippet(call)}\` changes the prototype of ${ofThis}`);
        } else if (name.endsWith("defineProperty") || name === "Object.defineProperties") {
          addFinding(c, call, "define-property", "outside", true, `\`${snippet(call)}\` defines a property on ${ofThis}`);
        } else if (name === "Reflect.set") {
          const key = call.arguments[1];
          const keys = key ? literalKeys(key) : undefined;
          const added = keys?.filter((k) => !declaresProperty(c, k));
          if (!keys) addFinding(c, call, "dynamic-key", "blocker", true, `\`${snippet(call)}\` writes a computed key on ${ofThis}`);
          else if (added && added.length) {
            addFinding(c, call, "added-property", "outside", true, `\`${snippet(call)}\` adds ${added.map((k) => `\`${k}\``).join(", ")}, which \`${c.report.name}\` does not declare`);
          }
        } else {
          // Object.assign(target, ...sources)
          const names = new Set<string>();
          let dynamic = false;
          for (const src of call.arguments.slice(1)) {
            const st = checker.getTypeAtLocation(ts.isSpreadElement(src) ? src.expression : src);
            if (ts.isSpreadElement(src) || st.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown) || checker.getIndexInfosOfType(st).length) {
              dynamic = true;
              continue;
            }
            for (const p of checker.getPropertiesOfType(st)) names.add(p.getName());
          }
          const added = [...names].filter((k) => !declaresProperty(c, k, true));
          const how = via === "cast" ? " through a type assertion" : via === "any" ? " through a variable typed any" : "";
          if (dynamic) {
            addFinding(c, call, "object-assign", "outside", true, `\`${snippet(call)}\` copies keys not known statically onto ${ofThis}${how}`);
          } else if (added.length) {
            addFinding(c, call, "object-assign", "outside", true, `\`${snippet(call)}\` adds ${added.map((k) => `\`${k}\``).join(", ")}, which \`${c.report.name}\` does not declare${how}`);
          } else if (names.size) {
            addFinding(c, call, "object-assign", "outside", false, `\`${snippet(call)}\` writes only declared members (${[...names].map((k) => `\`${k}\``).join(", ")}); fine once the fields exist from construction`);
          }
        }
      }
      return;
    }
    if (name === "Reflect.deleteProperty" && first) {
      const { classes: targets } = instanceClassesOf(first);
      for (const c of new Set(targets)) {
        addFinding(c, call, "delete", "blocker", true, `\`${snippet(call)}\` deletes a property of a \`${c.report.name}\` instance`);
      }
      return;
    }
    const mutator = mutatorOfCall(call);
    if (mutator) {
      for (const idx of mutator.params) {
        const arg = call.arguments[idx];
        const c = arg ? classOfConstructorExpr(arg) : undefined;
        if (c) {
          addFinding(c, call, "mixin", "blocker", true, `\`${mutator.name}()\` copies members onto \`${c.report.name}.prototype\` (mixin) at \`${snippet(call)}\``);
        }
      }
    }
  };

  sourceFiles.forEach((sf, i) => {
    progress("scanning files", i, sourceFiles.length);
    const visit = (n: ts.Node): void => {
      if (ts.isNewExpression(n)) {
        const c = classOfConstructorExpr(n.expression);
        if (c) {
          c.report.newSites++;
          if (isHotSite(n)) c.report.hotNewSites++;
        }
      } else if (ts.isBinaryExpression(n) && isAssignmentOperator(n.operatorToken.kind)) {
        reportWrite(n.left, n, false);
      } else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) {
        reportWrite(n.operand, n, false);
      } else if (ts.isDeleteExpression(n)) {
        reportWrite(n.expression, n, true);
      } else if (ts.isCallExpression(n)) {
        reportCall(n);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  });
  progress("scanning files", sourceFiles.length, sourceFiles.length);

  // ---- 4. Per class: fields, constructor, blockers of the declaration itself.
  classes.forEach((info, i) => {
    progress("analysing classes", i, classes.length);
    analyseClass(info);
  });
  progress("analysing classes", classes.length, classes.length);

  function isSlotsDecorator(d: ts.Decorator): boolean {
    let e = stripParens(d.expression);
    if (ts.isCallExpression(e)) e = stripParens(e.expression);
    const fromTsSlots = (id: ts.Identifier, exported: string): boolean => {
      const s = checker.getSymbolAtLocation(id);
      const decl = s?.declarations?.[0];
      if (!decl) return false;
      if (ts.isImportSpecifier(decl)) {
        const mod = decl.parent.parent.parent.moduleSpecifier;
        return ts.isStringLiteral(mod) && mod.text === "ts-slots" && (decl.propertyName ?? decl.name).text === exported;
      }
      if (ts.isNamespaceImport(decl)) {
        const mod = decl.parent.parent.moduleSpecifier;
        return exported === "*" && ts.isStringLiteral(mod) && mod.text === "ts-slots";
      }
      return false;
    };
    if (ts.isIdentifier(e)) return fromTsSlots(e, "slots");
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.name.text === "slots") return fromTsSlots(e.expression, "*");
    return false;
  }

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

  function analyseClass(info: ClassInfo): void {
    const { node, sf } = info;
    const r = info.report;
    const decorators = ts.getDecorators(node) ?? [];
    info.isSlots = decorators.some(isSlotsDecorator);
    const others = decorators.filter((d) => !isSlotsDecorator(d));
    if (others.length) {
      addFinding(info, others[0], "other-decorator", "review", false, `other class decorators (${others.map((d) => `@${snippet(d.expression)}`).join(", ")}) may replace or wrap the class`);
    }
    if (/\.(c|m)?jsx?$/.test(sf.fileName)) {
      addFinding(info, node.name ?? node, "javascript-file", "review", false, "JavaScript file: @slots needs TypeScript decorator syntax and the ts-slots transformer");
    } else if (!ts.isExternalModule(sf)) {
      addFinding(info, node.name ?? node, "not-a-module", "review", false, "file is a global script (no import/export); adding the ts-slots import would turn it into a module");
    }

    const ctor = node.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
    const fields = ownFields(node, ctor);
    r.fields = fields.map((f) => f.name);

    for (const m of node.members) {
      if (ts.isIndexSignatureDeclaration(m) && !hasModifier(m, ts.SyntaxKind.StaticKeyword)) {
        addFinding(info, m, "index-signature", "blocker", true, `index signature \`${snippet(m)}\` lets instances take any key`);
      }
      if (ts.isPropertyDeclaration(m) && ts.isComputedPropertyName(m.name) && !hasModifier(m, ts.SyntaxKind.StaticKeyword)) {
        addFinding(info, m, "computed-field", "review", false, `field with a computed name \`${snippet(m.name)}\``);
      }
    }

    // Merged interfaces add members the class body does not declare (the TypeScript mixin pattern).
    for (const d of info.symbol?.declarations ?? []) {
      if (ts.isInterfaceDeclaration(d)) {
        addFinding(info, d.name, "mixin", "blocker", true, `interface \`${d.name.text}\` merges members into the class that its body does not declare (mixin pattern)`);
      }
    }

    const assigns: Assignment[] = [];
    if (ctor?.body) {
      collectAssignments(node, ctor.body, null, null, 0, new Set(), assigns);
      const visitReturns = (n: ts.Node): void => {
        if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
        if (ts.isReturnStatement(n) && n.expression) {
          addFinding(info, n, "constructor-return", "blocker", true, `the constructor returns \`${snippet(n.expression)}\` instead of \`this\``);
        }
        ts.forEachChild(n, visitReturns);
      };
      ts.forEachChild(ctor.body, visitReturns);
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

    if (!info.isSlots) {
      for (const f of fields) {
        const mine = assigns.filter((a) => a.field === f.name).sort((a, b) => a.anchor - b.anchor);
        // `this.x ??= v` / `this.x ||= v` with nothing stored before always stores: the field is still undefined.
        if (mine.length && (mine[0].cond === "??=" || mine[0].cond === "||=") && f.initializer === undefined && !f.isParameter) mine[0].cond = null;
        const always = f.initializer !== undefined || f.isParameter || mine.some((a) => a.cond === null);
        if (!always) {
          if (mine.length) {
            const a = mine[0];
            const how = `${CONDITION_TEXT[a.cond ?? ""] ?? a.cond} at line ${lineOf(a.node)}${a.via ? ` in ${a.via}` : ""}`;
            addFinding(
              info,
              f.nameNode,
              "conditional-field",
              "shape",
              false,
              `\`${f.name}\` is assigned only conditionally in the constructor (${how})` +
                (useDefine ? "; until then it holds undefined" : ", so instances end up with different shapes"),
              f.name,
            );
          } else {
            const elsewhere = methodAssigns.get(f.name);
            const assignedWhere = elsewhere?.length ? `first assigned in ${elsewhere.map((m) => `\`${m}\``).join(", ")}` : "not assigned anywhere in the class";
            addFinding(
              info,
              f.nameNode,
              "unassigned-field",
              "shape",
              false,
              `\`${f.name}\` is declared but not assigned in the constructor (${assignedWhere})` +
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
            addFinding(
              info,
              f.nameNode,
              "numeric-undefined",
              "numeric",
              false,
              `\`${f.name}: ${typeText}\` starts as undefined (${why}), so later non-integer writes allocate a heap number (6-10x slower updates)`,
              f.name,
            );
          }
        }
      }
    }

    // Base class.
    const ext = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (ext) {
      const e = stripParens(ext.expression);
      const text = snippet(e);
      if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
        const s = resolveAlias(checker.getSymbolAtLocation(e));
        const decls = s?.declarations ?? [];
        const inProject = s ? bySymbol.get(s) : undefined;
        if (inProject) {
          baseOf.set(info, inProject);
        } else if (!decls.length) {
          addFinding(info, ext, "base-class", "review", false, `extends \`${text}\`, which cannot be resolved (unknown base)`);
        } else {
          const d = decls.find((x) => ts.isClassDeclaration(x)) ?? decls[0];
          const dsf = d.getSourceFile();
          if (dsf.isDeclarationFile) {
            addFinding(info, ext, "base-class", "review", false, `extends \`${text}\`, declared in ${path.basename(dsf.fileName)} (its fields and constructor are not visible)`);
          } else if (!projectFiles.has(dsf.fileName)) {
            addFinding(info, ext, "base-class", "review", false, `extends \`${text}\`, declared outside the project (${toPosix(path.relative(rootDir, dsf.fileName))})`);
          } else {
            addFinding(info, ext, "base-class", "review", false, `extends \`${text}\`, which is not a class declaration (class factory or mixin)`);
          }
        }
      } else {
        addFinding(info, ext, "base-class", "review", false, `extends the expression \`${text}\` (class factory or mixin); its fields are not known statically`);
      }
    }
  }

  // ---- 5. Status, with blocked/needs-review bases propagating to subclasses.
  const resolving = new Set<ClassInfo>();
  const done = new Set<ClassInfo>();
  const resolveStatus = (info: ClassInfo): void => {
    if (done.has(info) || resolving.has(info)) return;
    resolving.add(info);
    const r = info.report;
    const base = baseOf.get(info);
    if (base) {
      resolveStatus(base);
      const ext = info.node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0] ?? info.node;
      if (base.report.status === "blocked") {
        addFinding(info, ext, "base-class", "blocker", true, `base class \`${base.report.name}\` is blocked (${base.report.reasons[0] ?? "see its findings"})`);
      } else if (base.report.status === "needs-review") {
        addFinding(info, ext, "base-class", "review", false, `base class \`${base.report.name}\` needs review (${base.report.reasons[0] ?? "see its findings"})`);
      }
    }
    r.findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.kind.localeCompare(b.kind));
    const blockers = r.findings.filter((f) => f.blocks);
    const reviews = r.findings.filter((f) => f.category === "review");
    if (info.isSlots) r.status = "slots";
    else if (blockers.length) r.status = "blocked";
    else if (reviews.length) r.status = "needs-review";
    else r.status = "safe";
    const reasonOf = (f: Finding): string => `${f.kind} at ${f.file}:${f.line}`;
    r.reasons = info.isSlots ? blockers.map(reasonOf) : (blockers.length ? blockers : reviews).map(reasonOf);
    resolving.delete(info);
    done.add(info);
  };
  for (const info of classes) resolveStatus(info);

  // ---- 6. Benefit: creation sites times what @slots fixes.
  for (const info of classes) {
    const r = info.report;
    const count = (k: FindingKind): number => r.findings.filter((f) => f.kind === k).length;
    const numeric = count("numeric-undefined");
    const conditional = count("conditional-field");
    const unassigned = count("unassigned-field");
    const shapeWeight = useDefine ? 1 : 2;
    const issues = 3 * numeric + 2 * conditional + shapeWeight * unassigned;
    const sites = Math.max(1, r.newSites + 4 * r.hotNewSites);
    r.benefit = info.isSlots ? 0 : issues * sites;
    const parts = [`${r.newSites} new site${r.newSites === 1 ? "" : "s"}${r.hotNewSites ? ` (${r.hotNewSites} in loops/callbacks)` : ""}`];
    if (numeric) parts.push(`${numeric} numeric field${numeric === 1 ? "" : "s"} starting undefined`);
    if (conditional) parts.push(`${conditional} conditional field${conditional === 1 ? "" : "s"}`);
    if (unassigned) parts.push(`${unassigned} field${unassigned === 1 ? "" : "s"} not assigned in the constructor`);
    r.benefitWhy = parts.join(", ");
  }

  progress("done", 1, 1);
  const targetValue = loaded.compilerOptions.target;
  const targetName =
    targetValue === undefined
      ? "default"
      : (Object.keys(ts.ScriptTarget).find((k) => /^ES/.test(k) && (ts.ScriptTarget as unknown as Record<string, number>)[k] === targetValue) ?? String(targetValue));
  const result: AuditResult = {
    config: toPosix(path.relative(options.cwd, loaded.configPath)) || path.basename(loaded.configPath),
    rootDir,
    target: targetName,
    useDefineForClassFields: useDefine,
    files: sourceFiles.length,
    classes: classes
      .map((c) => c.report)
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.name.localeCompare(b.name)),
  };
  return { result, declarationOf: new Map(classes.map((c) => [c.report, c.node])) };
}
