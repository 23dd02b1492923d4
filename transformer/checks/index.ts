// The compile-time checks of ts-slots: `checkFile` walks one source file once and asks every check family about every
// node. Shared by the transformer (the build) and the language-service plugin (the editor), so both report the same.
// A family that throws is reported once per file as an internal warning and skipped for the rest of that file: a bug
// in a check must never take the emit down.
import type * as ts from "typescript";
import { ProblemCode, type SlotsProblem } from "../diagnostics";
import { checkBaseClass } from "./baseClass";
import { checkClassShape } from "./classShape";
import { checkDecoratorUse } from "./decoratorUse";
import { checkDelete } from "./deletes";
import { checkElementWrite } from "./elementWrites";
import { checkEscape } from "./escapes";
import { checkPrototypePatch } from "./mixins";
import { checkPropertyWrite } from "./propertyWrites";
import { checkReflectiveAdd } from "./reflectiveAdds";
import { createScope, type CheckScope, type NodeCheck } from "./scope";

interface Family {
  name: string;
  check: NodeCheck;
  /** Reports only `review` problems: run when the caller asks (audit, editor), never in a build by default. */
  review?: true;
}

export interface CheckFileOptions {
  /** Also run the review families (escapes to any/unknown): what `ts-slots audit` and the editor show. */
  review?: boolean;
}

/** Every family, each a pure function node → problems. Which ones need the checker: see docs/diagnostics.md. */
const families: readonly Family[] = [
  { name: "decorator use", check: checkDecoratorUse },
  { name: "delete", check: checkDelete },
  { name: "element write", check: checkElementWrite },
  { name: "property write", check: checkPropertyWrite },
  { name: "reflective add", check: checkReflectiveAdd },
  { name: "class shape", check: checkClassShape },
  { name: "base class", check: checkBaseClass },
  { name: "prototype patch", check: checkPrototypePatch },
  { name: "escape", check: checkEscape, review: true },
];

function failureProblem(family: string, error: unknown, file: ts.SourceFile): SlotsProblem {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: ProblemCode.InternalError,
    severity: "warning",
    message: `the ${family} check failed on this file (${reason}) and was skipped; the output is not affected. Please report this with the file.`,
    node: file.statements[0] ?? file,
  };
}

/**
 * The problems ts-slots finds in a file. `checker` may be absent (syntax only): checks that need types then report
 * nothing. Never throws.
 */
export function checkFile(file: ts.SourceFile, checker: ts.TypeChecker | undefined, tsApi: typeof ts, options: CheckFileOptions = {}): SlotsProblem[] {
  // Positions and the checker need the parsed file; a file another transformer synthesised has neither.
  const source = tsApi.getParseTreeNode(file, tsApi.isSourceFile);
  if (!source || source.isDeclarationFile) return [];
  const problems: SlotsProblem[] = [];
  const failed = new Map<string, unknown>();
  const running = options.review ? families : families.filter((family) => !family.review);
  let scope: CheckScope;
  try {
    scope = createScope(source, checker, tsApi);
  } catch (error) {
    return [failureProblem("setup", error, source)];
  }
  const visit = (node: ts.Node): void => {
    for (const family of running) {
      if (failed.has(family.name)) continue;
      try {
        problems.push(...family.check(node, scope));
      } catch (error) {
        failed.set(family.name, error);
      }
    }
    tsApi.forEachChild(node, visit);
  };
  try {
    visit(source);
  } catch (error) {
    // Only a stack overflow on a pathologically deep file gets here: the families catch their own errors.
    failed.set("traversal", error);
  }
  for (const [family, error] of failed) problems.push(failureProblem(family, error, source));
  return problems;
}
