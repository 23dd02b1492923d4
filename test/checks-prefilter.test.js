// @ts-check
// The syntactic pre-filters of the checks and the rewrite (transformer/core/checks/syntaxFilters.ts) only skip work whose
// answer syntax proves. Each case below is one a careless pre-filter would get wrong, built by ts-patch's tspc with
// the real plugin: `this` that is not the enclosing class's instance (an explicit `this` parameter), a write to a
// slot the class declares itself next to one it does not, writes in files with no `@` at all, `@slots` classes deep
// inside undecorated code (rewritten and sealed: run by node), `@` only in comments and strings, and a local `slots`
// that shadows the import (one resolution per file must not answer for it).
"use strict";
const fs = require("fs");
const path = require("path");
const { makeProject, compile, runNode } = require("./helpers/project");
const { diagnosticCodeBase } = require("../dist/transformer/core/diagnostics");

const files = {
  "shapes.ts": `import { slots } from "ts-slots";

@slots
export class Other {
  tag = 0;
  m(): void {}
}

@slots
export class Host {
  m: () => void = () => {};
  count = 0;
  set size(value: number) {
    this.count = value;
  }
  rebind(this: Other): void {
    this.m = () => {}; // TSS1008
  }
  setOwn(): void {
    this.m = () => {};
    this["count"] = 1;
    this["m"] = () => {};
    this.size = 2;
    const later = (): void => {
      this.count = 3;
    };
    later();
  }
  addOwn(): void {
    this["extra"] = 1; // TSS1002
    (this as any).extra = 1; // TSS1006
  }
}

export interface Host {
  merged(): void;
}
`,
  // No \`@\` in this file, no import of ts-slots: the write checks still run here.
  "users.ts": `import { Host, Other } from "./shapes";

export function patch(other: Other, host: Host): void {
  other.m = () => {}; // TSS1008
  host.merged = () => {}; // TSS1008
  host.m = () => {};
  other.tag = 1;
}
`,
  // \`@slots\` classes only deep inside undecorated code, and \`@\` in a comment and a string: "@slots".
  "nested.ts": `import { slots } from "ts-slots";

const label = "@slots in a string";

export class Factory {
  make(): { x: number } {
    const build = () => {
      return new (@slots class Point {
        x = 0;
        label = label;
      })();
    };
    return build();
  }
}

export function deep(): { y: number } {
  function inner() {
    @slots
    class Pair {
      y = 1;
      z = 2;
    }
    return new Pair();
  }
  return inner();
}
`,
  "mistaken.ts": `import { slots } from "ts-slots";

export class Outer {
  mistaken(): void {
    class Inner {
      @slots method(): void {} // TSS1010
    }
    void Inner;
  }
}
`,
  // A local \`slots\` shadows the import in one function: its \`@slots\` is not ts-slots' and must stay as written.
  "shadow.ts": `import { slots } from "ts-slots";

@slots
export class Kept {
  a = 0;
}

export function shadowed(): object {
  const slots = <C>(value: C, _context?: unknown): C => value;
  @slots
  class Open {
    b = 0;
  }
  return new Open();
}
`,
  "main.ts": `import { Factory, deep } from "./nested";
import { Kept, shadowed } from "./shadow";

const outcomes: string[] = [];
for (const instance of [new Factory().make(), deep(), new Kept(), shadowed()] as object[]) {
  try {
    (instance as { added?: number }).added = 1;
    outcomes.push("open");
  } catch (error) {
    outcomes.push(error instanceof TypeError ? "sealed" : "other");
  }
}
console.log(JSON.stringify(outcomes));
`,
};

/** `// TSSxxxx` markers: the file and line where each ts-slots diagnostic is expected. */
function expectedDiagnostics() {
  return Object.entries(files)
    .flatMap(([file, text]) =>
      text.split("\n").flatMap((line, index) => [...line.matchAll(/\/\/ (TSS\d{4})/g)].map((match) => `src/${file}:${index + 1} ${match[1]}`)),
    )
    .sort();
}

function actualDiagnostics(output) {
  return output
    .split(/\r?\n/)
    .flatMap((line) => {
      const match = /^(.+?)\((\d+),\d+\): (?:error|warning) TS(\d+): /.exec(line);
      if (!match || Number(match[3]) < diagnosticCodeBase) return [];
      return [`${match[1].replace(/\\/g, "/")}:${match[2]} TSS${Number(match[3]) - diagnosticCodeBase}`];
    })
    .sort();
}

describe("pre-filters skip only what syntax proves", () => {
  let dir;
  let build;
  beforeAll(() => {
    dir = makeProject({ files, name: "prefilter", compilerOptions: { noEmitOnError: false } });
    build = compile(dir, "tspc");
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("every ts-slots diagnostic is reported where expected, and no other", () => {
    expect(actualDiagnostics(build.output)).toEqual(expectedDiagnostics());
  });

  test("@slots classes nested in undecorated code are rewritten and sealed; a shadowed @slots is left alone", () => {
    const nested = fs.readFileSync(path.join(dir, "out/nested.js"), "utf8");
    expect(nested).not.toMatch(/require\("ts-slots"\)/);
    expect(nested).toMatch(/Object\.seal\(this\)/);
    const run = runNode(path.join(dir, "out/main.js"), { natives: false });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual(["sealed", "sealed", "sealed", "open"]);
  });
});
