// @ts-check
// A generated multi-file project for the audit's agreement test: N classes spread over modules, each used by one
// seeded pattern that the build's checks must judge (a delete, a computed-key write, a cast write, a method write,
// Object.assign, a prototype mixin, an escape to `any`, a declare field, an index signature, a late write in a base)
// or that is fine (no pattern, a safe sink). main.js runs every use, so a class wrongly called safe makes it throw
// once `add --write` has sealed it.
"use strict";
const fs = require("fs");
const path = require("path");
const { Random } = require("../differential/random");

/** Pattern -> weight. `none` and `safeSink` leave the class safe; the others block it or make it need review. */
const PATTERNS = {
  none: 40,
  safeSink: 8,
  delete: 4,
  dynamicKey: 4,
  methodElement: 3,
  castWrite: 4,
  methodWrite: 3,
  assign: 3,
  prototypeAssign: 3,
  applyMixins: 3,
  escapeParameter: 5,
  escapeReturn: 3,
  escapeArray: 3,
  declareField: 3,
  indexSignature: 3,
  lateWrite: 3,
};

const CLASSES_PER_FILE = 10;

function pickPattern(random) {
  return random.weighted(Object.entries(PATTERNS));
}

function classSource(c, classes) {
  const base = c.base === undefined ? undefined : classes[c.base];
  const lines = [`export class ${c.name}${base ? ` extends ${base.name}` : ""} {`];
  if (c.pattern === "indexSignature") lines.push("  [key: string]: unknown;");
  lines.push(`  a${c.id} = ${c.id};`, `  b${c.id}: string;`);
  if (c.pattern === "delete") lines.push(`  opt${c.id}?: number = 1;`);
  if (c.pattern === "declareField") lines.push(`  declare d${c.id}: number;`);
  lines.push("  constructor() {");
  if (base) lines.push("    super();");
  lines.push(`    this.b${c.id} = "b";`, "  }");
  lines.push(`  m${c.id}(): number {`, `    return this.a${c.id} + 1;`, "  }");
  if (c.pattern === "lateWrite") lines.push(`  late${c.id}(): void {`, `    (this as any).late${c.id}Prop = 1;`, "  }");
  lines.push("}");
  return lines.join("\n");
}

/** The statements of `use<id>()`: one instance and its pattern. */
function useSource(c) {
  const x = `x${c.id}`;
  const body = [`const ${x} = new ${c.name}();`];
  switch (c.pattern) {
    case "safeSink":
      body.push(`console.log(JSON.stringify(${x}).length > 0, String(${x}).length > 0, Object.keys(${x}).length > 0);`);
      break;
    case "delete":
      body.push(`delete ${x}.opt${c.id};`);
      break;
    case "dynamicKey":
      body.push(`const k${c.id}: string = "a${c.id}";`, `(${x} as any)[k${c.id}] = 2;`);
      break;
    case "methodElement":
      body.push(`(${x} as any)["m${c.id}"] = () => 3;`);
      break;
    case "castWrite":
      body.push(`(${x} as any).extra${c.id} = 1;`);
      break;
    case "methodWrite":
      body.push(`${x}.m${c.id} = () => 4;`);
      break;
    case "assign":
      body.push(`Object.assign(${x}, { more${c.id}: 1 });`);
      break;
    case "prototypeAssign":
      body.push(`Object.assign(${c.name}.prototype, { mixed${c.id}(): number { return 1; } });`);
      break;
    case "applyMixins":
      body.push(`applyMixins(${c.name}, [Helper]);`, `(${x} as unknown as Helper).help();`);
      break;
    case "escapeParameter":
      body.push(`tag(${x});`);
      break;
    case "escapeReturn":
      body.push(`(give${c.id}(${x}) as { given?: boolean }).given = true;`);
      break;
    case "escapeArray":
      body.push(`const list${c.id}: any[] = [${x}];`, `list${c.id}[0].listed = true;`);
      break;
    case "declareField":
      body.push(`${x}.d${c.id} = 1;`);
      break;
    case "indexSignature":
      body.push(`${x}["zz${c.id}"] = 1;`);
      break;
    case "lateWrite":
      body.push(`${x}.late${c.id}();`);
      break;
  }
  body.push(`return ${x}.m${c.id}();`);
  const helper = c.pattern === "escapeReturn" ? `function give${c.id}(value: ${c.name}): unknown {\n  return value;\n}\n` : "";
  return `${helper}export function use${c.id}(): number {\n  ${body.join("\n  ")}\n}`;
}

/**
 * Writes the project under dir (tsconfig.json, src/) and returns its classes: { name, pattern, base }.
 * Bases are earlier classes; a class extends one with probability 0.2.
 */
function generateAuditProject(dir, { classes: count = 500, seed = 1 } = {}) {
  const random = new Random(seed);
  const classes = [];
  for (let id = 0; id < count; id++) {
    const base = id > 0 && random.chance(0.2) ? random.int(0, id - 1) : undefined;
    classes.push({ id, name: `C${id}`, pattern: pickPattern(random), base, file: `m${Math.floor(id / CLASSES_PER_FILE)}` });
  }
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", module: "commonjs", strict: true, types: [], outDir: "dist", rootDir: "src" }, include: ["src"] }, null, 2),
  );
  fs.writeFileSync(
    path.join(dir, "src", "helpers.ts"),
    [
      "export function tag(o: any): void {",
      "  o.tagged = true;",
      "}",
      "export class Helper {",
      "  help(): number {",
      "    return 1;",
      "  }",
      "}",
      "export function applyMixins(target: any, sources: any[]): void {",
      "  for (const source of sources) {",
      "    for (const name of Object.getOwnPropertyNames(source.prototype)) {",
      '      if (name !== "constructor") Object.defineProperty(target.prototype, name, Object.getOwnPropertyDescriptor(source.prototype, name) as PropertyDescriptor);',
      "    }",
      "  }",
      "}",
      "",
    ].join("\n"),
  );
  const byFile = new Map();
  for (const c of classes) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
  for (const [file, members] of byFile) {
    const bases = [...new Set(members.filter((c) => c.base !== undefined && classes[c.base].file !== file).map((c) => classes[c.base]))];
    const imports = new Map();
    for (const b of bases) imports.set(b.file, [...(imports.get(b.file) ?? []), b.name]);
    const head = [...imports].map(([from, names]) => `import { ${names.join(", ")} } from "./${from}";`);
    fs.writeFileSync(path.join(dir, "src", `${file}.ts`), `${[...head, ...members.map((c) => classSource(c, classes))].join("\n\n")}\n`);
    const uses = [
      `import { applyMixins, Helper, tag } from "./helpers";`,
      `import { ${members.map((c) => c.name).join(", ")} } from "./${file}";`,
      "void applyMixins;",
      "void Helper;",
      "void tag;",
      ...members.map(useSource),
    ];
    fs.writeFileSync(path.join(dir, "src", `use-${file}.ts`), `${uses.join("\n\n")}\n`);
  }
  const main = [...byFile.keys()].map((file) => `import * as use_${file} from "./use-${file}";`);
  main.push("let total = 0;");
  for (const [file, members] of byFile) for (const c of members) main.push(`total += use_${file}.use${c.id}();`);
  main.push('console.log("total", total);');
  fs.writeFileSync(path.join(dir, "src", "main.ts"), `${main.join("\n")}\n`);
  return classes;
}

module.exports = { generateAuditProject, PATTERNS };
