// cli/audit/run.ts — owns one audit run: the project's classes, what keeps `add` away from some of them, the
// engine's verdicts (the build's checks over the program with @slots where `add` would put it), the shape findings
// and creation sites that rank the safe ones, and the result as plain data.
import * as path from "path";
import { ts } from "ts-morph";
import { createSlotsLookup } from "../../transformer/core/checks/slotsTypes";
import { importedNames, slotsDecoratorsOf } from "../../transformer/core/decorator";
import { problemLabel } from "../../transformer/core/diagnostics";
import { fieldModeOf } from "../../transformer/core/fieldMode";
import { hasModifier } from "../../transformer/core/slots";
import { decorateFile } from "../decorate";
import { toPosix, type LoadedProject } from "../project";
import { runEngine, type PlacedProblem } from "./engine";
import { asTsChecker, asTsNode, asTsOptions, tsApi } from "./morphBridge";
import { shapeOfClass } from "./shape";
import type { AuditOptions, AuditResult, AuditRun, ClassReport, Finding, FindingKind } from "./types";

interface ClassEntry {
  decl: ts.ClassDeclaration;
  report: ClassReport;
  isSlots: boolean;
}

function classDeclarations(files: readonly ts.SourceFile[]): ts.ClassDeclaration[] {
  const found: ts.ClassDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  for (const file of files) visit(file);
  return found;
}

/** A `new` inside a loop or a callback: likely to create many instances. */
function isHotSite(n: ts.Node): boolean {
  let child: ts.Node = n;
  for (let current = n.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (ts.isIterationStatement(current, false) && !(ts.isForStatement(current) && child === current.initializer)) return true;
    if ((ts.isArrowFunction(current) || ts.isFunctionExpression(current)) && ts.isCallExpression(current.parent) && current.parent.arguments.includes(current)) {
      return true;
    }
    child = current;
  }
  return false;
}

function targetName(options: ts.CompilerOptions): string {
  if (options.target === undefined) return "default";
  const named = Object.entries(ts.ScriptTarget).find(([name, value]) => /^ES/.test(name) && value === options.target);
  return named ? named[0] : String(options.target);
}

export function audit(loaded: LoadedProject, options: AuditOptions): AuditRun {
  const { checker, sourceFiles, rootDir } = loaded;
  const progress = (phase: string, done: number, total: number): void => options.onProgress?.(phase, done, total);
  const useDefine = fieldModeOf(asTsOptions(loaded.compilerOptions), tsApi) !== "assign";
  const rel = (fileName: string): string => toPosix(path.relative(rootDir, fileName));
  const placeOf = (file: ts.SourceFile, start: number): { file: string; line: number; column: number } => {
    const { line, character } = file.getLineAndCharacterOfPosition(start);
    return { file: rel(file.fileName), line: line + 1, column: character + 1 };
  };
  const where = (node: ts.Node): { file: string; line: number; column: number } => placeOf(node.getSourceFile(), node.getStart());
  const snippet = (n: ts.Node): string => {
    const text = n.getText().replace(/\s+/g, " ");
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  };

  // ---- 1. The classes, and which are @slots already (as the build decides it).
  const lookup = createSlotsLookup(asTsChecker(checker), tsApi);
  const entries: ClassEntry[] = classDeclarations(sourceFiles).map((decl) => {
    const at = where(decl.name ?? decl);
    const report: ClassReport = {
      name: decl.name?.text ?? "default",
      ...at,
      abstract: hasModifier(asTsNode(decl), tsApi.SyntaxKind.AbstractKeyword, tsApi),
      status: "safe",
      reasons: [],
      fields: [],
      newSites: 0,
      hotNewSites: 0,
      benefit: 0,
      benefitWhy: "",
      findings: [],
    };
    return { decl, report, isSlots: lookup.isSlotsClass(asTsNode(decl)) };
  });
  const entryOf = new Map(entries.map((entry) => [entry.decl, entry]));

  // ---- 2. What keeps `add` from decorating a class by itself, beyond the build's checks.
  const review = (entry: ClassEntry, at: ts.Node, kind: FindingKind, message: string): void => {
    entry.report.findings.push({ kind, category: "review", blocks: false, ...where(at), message });
  };
  const nameTaken = new Map<ts.SourceFile, string | undefined>();
  for (const entry of entries) {
    if (entry.isSlots) continue;
    const { decl } = entry;
    const file = decl.getSourceFile();
    const names = importedNames(asTsNode(file), tsApi);
    const ours = new Set(slotsDecoratorsOf(asTsNode(decl), names, asTsChecker(checker), tsApi).map((use) => use.decorator));
    const others = (ts.getDecorators(decl) ?? []).filter((d) => !ours.has(asTsNode(d)));
    if (others.length) {
      review(entry, others[0], "other-decorator", `other class decorators (${others.map((d) => `@${snippet(d.expression)}`).join(", ")}) may replace or wrap the class`);
    }
    if (/\.(c|m)?jsx?$/.test(file.fileName)) {
      review(entry, decl.name ?? decl, "javascript-file", "JavaScript file: @slots needs TypeScript decorator syntax and the ts-slots transformer");
      continue;
    }
    if (!ts.isExternalModule(file)) {
      review(entry, decl.name ?? decl, "not-a-module", "file is a global script (no import/export); adding the ts-slots import would turn it into a module");
    }
    if (!nameTaken.has(file)) {
      const attempt = decorateFile(file, [decl], checker);
      nameTaken.set(file, "skip" in attempt ? attempt.skip : undefined);
    }
    const taken = nameTaken.get(file);
    if (taken) review(entry, decl.name ?? decl, "slots-name-taken", `${taken}, so \`add\` cannot import the decorator here`);
  }

  // ---- 3. The verdicts: the build's checks over the program with @slots on every candidate, to a fixpoint.
  // A class `add` would leave for review (another decorator, a global script) is checked with @slots too: "needs
  // review" must never hide what the build would reject once the user decorates it by name. From the second round on
  // such a class is plain, as `add` leaves it: its subclasses are judged on that base.
  const uneditable = new Set<FindingKind>(["javascript-file", "slots-name-taken"]);
  const candidates = entries
    .filter((entry) => !entry.isSlots && entry.report.findings.every((finding) => !finding.blocks && !uneditable.has(finding.kind)))
    .map((entry) => entry.decl);
  const staysPlain = new Set(entries.filter((entry) => entry.report.findings.some((finding) => finding.category === "review")).map((entry) => entry.decl));
  const engine = runEngine({ loaded, candidates, review: options.review ?? true, staysPlain, onRound: (round, done, total) => progress(`checking with @slots assumed (round ${round})`, done, total) });
  const findingOf = (placed: PlacedProblem): Finding => {
    const { problem } = placed;
    return {
      kind: problemLabel(problem.code) as FindingKind,
      category: problem.severity === "error" ? "blocker" : "review",
      blocks: problem.severity === "error",
      ...placeOf(placed.file, placed.start),
      message: problem.message,
    };
  };
  for (const [decl, problems] of engine.problemsOf) {
    const entry = entryOf.get(decl);
    if (entry) entry.report.findings.push(...problems.map(findingOf));
  }
  for (const [decl, diagnostics] of engine.diagnosticsOf) {
    const entry = entryOf.get(decl);
    if (!entry) continue;
    for (const diagnostic of diagnostics) {
      entry.report.findings.push({
        kind: `TS${diagnostic.code}`,
        category: "blocker",
        blocks: true,
        ...placeOf(diagnostic.file, diagnostic.start),
        message: `with @slots on ${entry.report.name}, TypeScript reports: ${diagnostic.message.split("\n")[0]}`,
      });
    }
  }

  // ---- 4. Creation sites.
  sourceFiles.forEach((file, i) => {
    progress("scanning files", i, sourceFiles.length);
    const visit = (n: ts.Node): void => {
      if (ts.isNewExpression(n)) {
        let symbol = checker.getSymbolAtLocation(n.expression);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        const decl = symbol?.declarations?.find(ts.isClassDeclaration);
        const entry = decl && entryOf.get(decl);
        if (entry) {
          entry.report.newSites++;
          if (isHotSite(n)) entry.report.hotNewSites++;
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(file);
  });
  progress("scanning files", sourceFiles.length, sourceFiles.length);

  // ---- 5. Fields, shape and numeric findings, status, benefit.
  entries.forEach((entry, i) => {
    progress("analysing classes", i, entries.length);
    const r = entry.report;
    const shape = shapeOfClass(entry.decl, { checker, useDefine, where });
    r.fields = shape.fields;
    if (!entry.isSlots) r.findings.push(...shape.findings);
    r.findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.kind.localeCompare(b.kind));
    const blockers = r.findings.filter((f) => f.blocks);
    const reviews = r.findings.filter((f) => f.category === "review");
    if (entry.isSlots) r.status = "slots";
    else if (blockers.length) r.status = "blocked";
    else if (reviews.length || !engine.accepted.has(entry.decl)) r.status = "needs-review";
    else r.status = "safe";
    const reasonOf = (f: Finding): string => `${f.kind} at ${f.file}:${f.line}`;
    r.reasons = entry.isSlots ? blockers.map(reasonOf) : (blockers.length ? blockers : reviews).map(reasonOf);
    const count = (k: FindingKind): number => r.findings.filter((f) => f.kind === k).length;
    const numeric = count("numeric-undefined");
    const conditional = count("conditional-field");
    const unassigned = count("unassigned-field");
    const issues = 3 * numeric + 2 * conditional + (useDefine ? 1 : 2) * unassigned;
    r.benefit = entry.isSlots ? 0 : issues * Math.max(1, r.newSites + 4 * r.hotNewSites);
    const parts = [`${r.newSites} new site${r.newSites === 1 ? "" : "s"}${r.hotNewSites ? ` (${r.hotNewSites} in loops/callbacks)` : ""}`];
    if (numeric) parts.push(`${numeric} numeric field${numeric === 1 ? "" : "s"} starting undefined`);
    if (conditional) parts.push(`${conditional} conditional field${conditional === 1 ? "" : "s"}`);
    if (unassigned) parts.push(`${unassigned} field${unassigned === 1 ? "" : "s"} not assigned in the constructor`);
    r.benefitWhy = parts.join(", ");
  });
  progress("analysing classes", entries.length, entries.length);
  progress("done", 1, 1);

  const result: AuditResult = {
    config: toPosix(path.relative(options.cwd, loaded.configPath)) || path.basename(loaded.configPath),
    rootDir,
    target: targetName(loaded.compilerOptions),
    useDefineForClassFields: useDefine,
    files: sourceFiles.length,
    rounds: engine.rounds,
    warnings: engine.warnings,
    classes: entries
      .map((entry) => entry.report)
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.name.localeCompare(b.name)),
    unattributed: engine.unattributed.map(findingOf),
  };
  return { result, declarationOf: new Map(entries.map((entry) => [entry.report, entry.decl])) };
}
