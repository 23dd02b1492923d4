// TSS1010 and TSS1011 where `@slots` itself is misused: on something that is not a class, in a form the transformer
// cannot rewrite (`@slots()`), or reached through a name it cannot follow (`const s = slots; @s`, `@ns["slots"]`).
// The first two are also reported by the transformer while it rewrites, with the same code, position and text (the
// build keeps one of each); they are found here too so that the language service reports them from this code.
import type * as ts from "typescript";
import { packageName } from "../decorator";
import { ProblemCode, type SlotsProblem } from "../diagnostics";
import type { CheckScope } from "./scope";

/** The declarations of ts-slots' `slots`, found through this file's own imports of ts-slots. */
function slotsDeclarationsImportedBy(scope: CheckScope, checker: ts.TypeChecker): Set<ts.Declaration> {
  const { tsApi, file } = scope;
  const declarations = new Set<ts.Declaration>();
  for (const statement of file.statements) {
    if (!tsApi.isImportDeclaration(statement) || !tsApi.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== packageName) continue;
    const moduleSymbol = checker.getSymbolAtLocation(statement.moduleSpecifier);
    if (!moduleSymbol) continue;
    let exported = checker.getExportsOfModule(moduleSymbol).find((symbol) => symbol.name === "slots");
    if (exported && exported.flags & tsApi.SymbolFlags.Alias) exported = checker.getAliasedSymbol(exported);
    for (const declaration of exported?.declarations ?? []) declarations.add(declaration);
  }
  return declarations;
}

/** How an expression that evaluates to `slots` is written, for the message; undefined when it is not `slots`. */
function unfollowedSlotsForm(expression: ts.Expression, scope: CheckScope): string | undefined {
  const { tsApi, checker, names, file } = scope;
  const text = expression.getText(file);
  if (tsApi.isElementAccessExpression(expression)) {
    const isNamespaceSlots =
      tsApi.isIdentifier(expression.expression) &&
      names.namespaces.has(expression.expression.text) &&
      tsApi.isStringLiteralLike(expression.argumentExpression) &&
      expression.argumentExpression.text === "slots";
    if (isNamespaceSlots) return `an element access (\`${text}\`)`;
  }
  if (!checker) return undefined;
  const slotsDeclarations = slotsDeclarationsImportedBy(scope, checker);
  if (slotsDeclarations.size === 0) return undefined;
  const declarations = checker.getTypeAtLocation(expression).getSymbol()?.declarations ?? [];
  if (!declarations.some((declaration) => slotsDeclarations.has(declaration))) return undefined;
  if (tsApi.isIdentifier(expression)) return `a local name (\`${text}\`) that is not an import of \`slots\``;
  if (tsApi.isElementAccessExpression(expression)) return `an element access (\`${text}\`)`;
  return `an expression (\`${text}\`)`;
}

/** What the decorated thing is, in the words a user would use (`a method`), never a syntax kind's name. */
function described(node: ts.Node, tsApi: typeof ts): string {
  if (tsApi.isMethodDeclaration(node)) return "a method";
  if (tsApi.isPropertyDeclaration(node)) return tsApi.getModifiers(node)?.some((modifier) => modifier.kind === tsApi.SyntaxKind.AccessorKeyword) ? "an accessor" : "a property";
  if (tsApi.isGetAccessorDeclaration(node)) return "a getter";
  if (tsApi.isSetAccessorDeclaration(node)) return "a setter";
  if (tsApi.isParameter(node)) return "a parameter";
  return "anything but a class";
}

function notAClass(node: ts.Node, decorator: ts.Decorator, tsApi: typeof ts): SlotsProblem {
  return {
    code: ProblemCode.NotAClass,
    severity: "error",
    message: `@slots can only decorate a class, not ${described(node, tsApi)}. Put it on the class declaration.`,
    node: decorator,
  };
}

export function checkDecoratorUse(node: ts.Node, scope: CheckScope): SlotsProblem[] {
  const { tsApi } = scope;
  if (!tsApi.canHaveDecorators(node)) return [];
  const decorators = tsApi.getDecorators(node) ?? [];
  if (decorators.length === 0) return [];
  const uses = scope.slots.decoratorsOf(node);
  const isClass = tsApi.isClassLike(node);
  const problems: SlotsProblem[] = [];
  if (!isClass) problems.push(...uses.map((use) => notAClass(node, use.decorator, tsApi)));
  const unsupported = uses.find((use) => use.unsupportedForm);
  if (isClass && unsupported) {
    problems.push({ code: ProblemCode.UnsupportedForm, severity: "error", message: `@slots is used as ${unsupported.unsupportedForm}.`, node: unsupported.decorator });
  }
  const recognized = new Set(uses.map((use) => use.decorator));
  for (const decorator of decorators) {
    if (recognized.has(decorator)) continue;
    let expression: ts.Expression = decorator.expression;
    while (tsApi.isParenthesizedExpression(expression)) expression = expression.expression;
    const form = unfollowedSlotsForm(expression, scope);
    if (!form) continue;
    problems.push(
      isClass
        ? {
            code: ProblemCode.UnsupportedForm,
            severity: "error",
            message:
              `@slots is used through ${form}, which the transformer cannot follow, so this class is not rewritten (only sealed at run time). ` +
              `Import it (\`import { slots } from "ts-slots"\`; aliases and namespace imports work) and write \`@slots\` or \`@ns.slots\`.`,
            node: decorator,
          }
        : notAClass(node, decorator, tsApi),
    );
  }
  return problems;
}
