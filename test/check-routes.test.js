// @ts-check
// The checks are one rule engine shared by every route, but each route hands it a different checker: tspc a full
// program with TypeScript's lib, the source rewrite (types: "syntax") a one-file program without lib. These tests
// build the same code through both and hold them to the same findings. Each case was found by the conformance
// harness (test/conformance/run.js, repros in fixtures/conformance-repros/).
"use strict";

const fs = require("fs");
const path = require("path");
const { makeProject, compile, runNode } = require("./helpers/project");
const { loadFixture } = require("../fixtures/diagnostics/expectations");
const { createSourceRewriter } = require("../dist/transformer/emit-text");

/** tsc's `src/a.ts(3,5): warning TS991007: ...` lines of ts-slots, as { file, line, column, code, category }. */
function slotsDiagnostics(output) {
  return output.split(/\r?\n/).flatMap((line) => {
    const match = /^(.+?)\((\d+),(\d+)\): (error|warning) TS99(\d{4}): /.exec(line);
    return match ? [{ file: match[1], line: Number(match[2]), column: Number(match[3]), code: `TSS${match[5]}`, category: match[4] }] : [];
  });
}

/** The source rewrite's reports for one file of a project, in its default one-file mode. */
function rewriteReports(dir, name) {
  const file = path.join(dir, "src", name);
  const result = createSourceRewriter({}, { cwd: dir }).rewrite(fs.readFileSync(file, "utf8"), file);
  return result.problems.map(({ label, severity, line, column, message }) => ({ file: `src/${name}`, line, column, code: label, category: severity, message }));
}

const withoutMessage = ({ file, line, column, code, category }) => ({ file, line, column, code, category });
const byPlace = (a, b) => a.line - b.line || a.column - b.column;

describe("TSS1007 on built-in and mixin bases: the source rewrite warns where tspc does", () => {
  test.each(["tss1007-builtin", "tss1007-mixin"])("fixture %s: the rewrite reports each expected warning, its place and its text", (name) => {
    const fixture = loadFixture(name);
    const dir = makeProject({ files: fixture.files, name: `routes-${name}` });
    const reports = Object.keys(fixture.files).flatMap((file) => rewriteReports(dir, file));
    expect(reports.map(withoutMessage).sort(byPlace)).toEqual(fixture.expected.map(withoutMessage).sort(byPlace));
    for (const expected of fixture.expected) {
      const report = reports.find((candidate) => candidate.line === expected.line && candidate.column === expected.column);
      expect(report?.message).toContain(expected.text);
    }
  });

  const mixinConstant = [
    'import { slots } from "ts-slots";',
    "type Constructor<T> = new (...args: any[]) => T;",
    "function Tagged<T extends Constructor<{}>>(superClass: T) {",
    "  @slots",
    "  class C extends superClass {",
    '    _tag = "";',
    "  }",
    "  return C;",
    "}",
    "@slots",
    "class Base {",
    "  x = 0;",
    "}",
    "const Thing2 = Tagged(Base);",
    "@slots",
    "export class Thing3 extends Thing2 {",
    "  y = 1;",
    "}",
    "@slots",
    "export class Count extends Number {}",
    "console.log(new Thing3().y, new Count(2).valueOf());",
    "",
  ].join("\n");

  test("a constant holding a mixin's result and Number: both routes give the same warnings, and the program runs", () => {
    const dir = makeProject({ files: { "index.ts": mixinConstant }, name: "routes-mixin-constant" });
    const build = compile(dir, "tspc");
    const fromTspc = slotsDiagnostics(build.output).sort(byPlace);
    expect(fromTspc).toEqual([
      { file: "src/index.ts", line: 5, column: 19, code: "TSS1007", category: "warning" },
      { file: "src/index.ts", line: 16, column: 29, code: "TSS1007", category: "warning" },
      { file: "src/index.ts", line: 20, column: 28, code: "TSS1007", category: "warning" },
    ]);
    expect(rewriteReports(dir, "index.ts").map(withoutMessage).sort(byPlace)).toEqual(fromTspc);
    expect(build.status).toBe(0);
    expect(runNode(path.join(dir, "out/index.js"), { natives: false }).stdout).toBe("1 2\n");
  });

  test("a constant holding what a factory returns, a class of its own, is a visible base on both routes (no warning)", () => {
    const source = [
      'import { slots } from "ts-slots";',
      "class A<T> {",
      "  value!: T;",
      "}",
      "function make<W>() {",
      "  return class Inner<U> extends A<W> {};",
      "}",
      "const Made = make<number>();",
      "@slots",
      "export class S extends Made<string> {",
      '  nom = "";',
      "}",
      "",
    ].join("\n");
    const dir = makeProject({ files: { "index.ts": source }, name: "routes-factory-constant" });
    expect(slotsDiagnostics(compile(dir, "tspc").output)).toEqual([]);
    expect(rewriteReports(dir, "index.ts")).toEqual([]);
  });

  test("a class of the file that shadows a built-in's name is judged as that class, on both routes", () => {
    const source = [
      'import { slots } from "ts-slots";',
      "class Error {",
      '  message = "";',
      "}",
      "@slots",
      "export class Failure extends Error {",
      "  code = 0;",
      "}",
      "",
    ].join("\n");
    const dir = makeProject({ files: { "index.ts": source }, name: "routes-shadowed-builtin" });
    expect(slotsDiagnostics(compile(dir, "tspc").output)).toEqual([]);
    expect(rewriteReports(dir, "index.ts")).toEqual([]);
  });
});

describe("TSS1008 and members a base declares", () => {
  const castMixinBase = [
    'import { slots } from "ts-slots";',
    "type Constructor<T = {}> = new (...args: any[]) => T;",
    "interface Tagged {",
    "  _tag: string;",
    "}",
    "function Tagged<T extends Constructor>(superClass: T): T & Constructor<Tagged> {",
    "  return @slots class extends superClass {",
    '    _tag = "";',
    "  };",
    "}",
    "@slots",
    "class Base {}",
    "@slots",
    "export class Thing3 extends (Tagged(Base) as Constructor<Tagged & Base>) {",
    "  constructor(tag: string) {",
    "    super();",
    "    this._tag = tag;",
    "  }",
    "  retag(tag: string): void {",
    "    this._tag = tag;",
    "  }",
    "}",
    'const thing = new Thing3("t");',
    'thing.retag("u");',
    "console.log(thing._tag, Object.isSealed(thing));",
    "",
  ].join("\n");

  test("a field of a mixin base reached through a cast is no interface-only member: no error, and it runs sealed", () => {
    const dir = makeProject({ files: { "index.ts": castMixinBase }, name: "routes-cast-mixin-base" });
    const build = compile(dir, "tspc");
    const errors = slotsDiagnostics(build.output).filter((diagnostic) => diagnostic.category === "error");
    expect(errors).toEqual([]);
    expect(rewriteReports(dir, "index.ts").filter((report) => report.category === "error")).toEqual([]);
    expect(build.status).toBe(0);
    expect(runNode(path.join(dir, "out/index.js"), { natives: false }).stdout).toBe("u true\n");
  });

  test("a `declare` field narrowing a mixin base's field is no TSS1005, through a cast or a constant, and it runs", () => {
    const source = [
      'import { slots } from "ts-slots";',
      "type Constructor<T = {}> = new (...args: any[]) => T;",
      "interface Tagged {",
      "  _tag: string;",
      "}",
      "function Tagged<T extends Constructor>(superClass: T): T & Constructor<Tagged> {",
      "  return @slots class extends superClass {",
      '    _tag = "a";',
      "  };",
      "}",
      "@slots",
      "class Base {}",
      "@slots",
      "export class Cast extends (Tagged(Base) as Constructor<Tagged & Base>) {",
      '  declare _tag: "a" | "b";',
      "}",
      "const Mixed = Tagged(Base);",
      "@slots",
      "export class Held extends Mixed {",
      '  declare _tag: "a" | "b";',
      "}",
      'console.log(new Cast()._tag, new Held()._tag, Object.isSealed(new Held()));',
      "",
    ].join("\n");
    const dir = makeProject({ files: { "index.ts": source }, name: "routes-declare-mixin-field" });
    const build = compile(dir, "tspc");
    const fromTspc = slotsDiagnostics(build.output).sort(byPlace);
    expect(fromTspc.filter((diagnostic) => diagnostic.category === "error")).toEqual([]);
    // The same warnings on both routes: the mixin's own base, the cast and the constant.
    expect(fromTspc.map(({ line, code }) => `${line} ${code}`)).toEqual(["7 TSS1007", "14 TSS1007", "19 TSS1007"]);
    expect(rewriteReports(dir, "index.ts").map(withoutMessage).sort(byPlace)).toEqual(fromTspc);
    expect(build.status).toBe(0);
    expect(runNode(path.join(dir, "out/index.js"), { natives: false }).stdout).toBe("a a true\n");
  });

  test("a member only an interface merged into a visible base class declares is still TSS1008 on both routes", () => {
    const source = [
      'import { slots } from "ts-slots";',
      "@slots",
      "class Base {",
      "  id = 0;",
      "}",
      "interface Base {",
      "  note?: string;",
      "}",
      "@slots",
      "export class Derived extends Base {",
      "  annotate(): void {",
      '    this.note = "x";',
      "  }",
      "}",
      "",
    ].join("\n");
    const dir = makeProject({ files: { "index.ts": source }, name: "routes-merged-base-member" });
    const expected = [{ file: "src/index.ts", line: 12, column: 5, code: "TSS1008", category: "error" }];
    expect(slotsDiagnostics(compile(dir, "tspc").output)).toEqual(expected);
    const reports = rewriteReports(dir, "index.ts");
    expect(reports.map(withoutMessage)).toEqual(expected);
    expect(reports[0].message).toContain("declared only by an interface or type merged into @slots class Derived");
  });
});

describe("TSS1012 names the slot by its key", () => {
  test("a numeric and a string-literal slot name appear as written, not as 'this slot'", () => {
    const dir = makeProject({
      files: {
        "numeric.ts": 'import { slots } from "ts-slots";\n@slots\nexport class C {\n  1!: Date;\n}\n',
        "quoted.ts": 'import { slots } from "ts-slots";\n@slots\nexport class D {\n  "two words"!: Date;\n}\n',
      },
      name: "routes-numeric-slot",
    });
    const [numeric] = rewriteReports(dir, "numeric.ts");
    expect(numeric).toMatchObject({ code: "TSS1012", line: 4, column: 7 });
    expect(numeric.message).toContain("The type of slot '1' (Date) is not known here");
    const [quoted] = rewriteReports(dir, "quoted.ts");
    expect(quoted.message).toContain("The type of slot 'two words' (Date) is not known here");
  });
});

describe("TSS1021 and private names", () => {
  test("a base constructor's `this.#foo` is its own field, not the subclass's `#foo`: no report, and it runs sealed", () => {
    const source = [
      'import { slots } from "ts-slots";',
      "@slots",
      "class A {",
      "  #foo: number;",
      "  constructor() {",
      "    this.#foo = 3;",
      "  }",
      "  get a() {",
      "    return this.#foo;",
      "  }",
      "}",
      "@slots",
      "export class B extends A {",
      "  #foo: string;",
      "  constructor() {",
      "    super();",
      '    this.#foo = "s";',
      "  }",
      "  get b() {",
      "    return this.#foo;",
      "  }",
      "}",
      "const b = new B();",
      "console.log(b.a, b.b, Object.isSealed(b));",
      "",
    ].join("\n");
    // Assign semantics (useDefineForClassFields false), where TSS1021 applies.
    const dir = makeProject({ files: { "index.ts": source }, compilerOptions: { target: "ES2015" }, name: "routes-private-base-write" });
    const build = compile(dir, "tspc");
    expect(slotsDiagnostics(build.output)).toEqual([]);
    expect(rewriteReports(dir, "index.ts")).toEqual([]);
    expect(build.status).toBe(0);
    expect(runNode(path.join(dir, "out/index.js"), { natives: false }).stdout).toBe("3 s true\n");
  });
});

describe("TSS1007 on a base typed as an intersection of class types", () => {
  test("`const Mixed: typeof M1 & typeof C1` as a base: the source rewrite warns where tspc does, and the program runs", () => {
    const source = [
      'import { slots } from "ts-slots";',
      "class C1 {",
      "  a = 1;",
      "}",
      "class M1 {",
      "  p = 2;",
      "  constructor(...args: any[]) {}",
      "}",
      "const Mixed: typeof M1 & typeof C1 = M1 as any;",
      "@slots",
      "export class C2 extends Mixed {}",
      "console.log(new C2().p);",
      "",
    ].join("\n");
    const dir = makeProject({ files: { "index.ts": source }, name: "routes-intersection-base" });
    const build = compile(dir, "tspc");
    const fromTspc = slotsDiagnostics(build.output);
    expect(fromTspc).toEqual([{ file: "src/index.ts", line: 11, column: 25, code: "TSS1007", category: "warning" }]);
    expect(rewriteReports(dir, "index.ts").map(withoutMessage)).toEqual(fromTspc);
    expect(build.status).toBe(0);
    expect(runNode(path.join(dir, "out/index.js"), { natives: false }).stdout).toBe("2\n");
  });
});
