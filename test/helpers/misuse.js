// @ts-check
// The one small misuse program the route tests share: a @slots class that deletes one of its slots, ts-slots error
// TSS1001 at line 8, column 5.
"use strict";

const misuseSource = [
  `import { slots } from "ts-slots";`,
  ``,
  `@slots`,
  `export class Tag {`,
  `  label?: string;`,
  ``,
  `  clear(): void {`,
  `    delete this.label;`,
  `  }`,
  `}`,
  ``,
].join("\n");

module.exports = { misuseSource };
