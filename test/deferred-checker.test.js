// @ts-check
// The rewrite's one-file mode (`types: "syntax"`) builds its program and type checker only where syntax cannot decide
// (the build-cost lever of docs/integrations.md#build-cost), and gives the same result as the checker where it does.
const os = require("os");
const path = require("path");
const { repoRoot } = require("./helpers/project");
const { oneFileProgramsBuilt } = require(path.join(repoRoot, "dist/transformer/host/project.js"));
const { createSourceRewriter } = require(path.join(repoRoot, "dist/transformer/emit-text/index.js"));

// Outside this repository: a file here would count as part of the ts-slots package (decorator.ts packageNameOf).
const outside = path.join(os.tmpdir(), "ts-slots-deferred-checker");

/** The rewrite of one file, and how many one-file programs it built. */
function rewriteCounting(code) {
  const before = oneFileProgramsBuilt();
  const result = createSourceRewriter({}, { cwd: outside }).rewrite(code, path.join(outside, "src/deferred.ts"));
  return { result, programs: oneFileProgramsBuilt() - before };
}

const header = `import { slots } from "ts-slots";\nenum Color { Red = 3, Green = 4 }\n`;

test("keyword, literal, array and initialised fields: no program, the placeholders of their types", () => {
  const { result, programs } = rewriteCounting(
    `${header}@slots\nexport class A {\n  n: number;\n  s: string;\n  b: boolean | null;\n  k: 1 | 2;\n  tags: string[];\n  c: Color = Color.Green;\n  constructor(public w: number) {}\n}\n`,
  );
  expect(programs).toBe(0);
  expect(result?.classes).toBe(1);
  expect(result?.code).toMatch(/n: number = 0;/);
  expect(result?.code).toMatch(/s: string = "";/);
  expect(result?.code).toMatch(/b: boolean \| null = false;/);
  expect(result?.code).toMatch(/k: 1 \| 2 = 0;/);
  expect(result?.code).toMatch(/tags: string\[\] = void 0;/);
});

test("a field typed with the file's own enum still asks the checker: the enum's zero, as before", () => {
  const { result, programs } = rewriteCounting(`${header}@slots\nexport class B {\n  c: Color;\n}\n`);
  expect(programs).toBe(1);
  expect(result?.code).toMatch(/c: Color = 0;/);
});

test("a local declaration that shadows the imported name is resolved by the checker: not ts-slots' @slots", () => {
  const code = `${header}export function f(slots: (c: unknown) => void) {\n  @slots\n  class C {\n    n: number;\n  }\n  return C;\n}\n`;
  const { result, programs } = rewriteCounting(code);
  expect(programs).toBe(1);
  expect(result?.classes ?? 0).toBe(0);
});
