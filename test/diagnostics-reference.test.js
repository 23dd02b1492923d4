// @ts-check
// docs/diagnostics.md against the message table: every code in transformer/core/diagnostics.ts has a section (what it
// means, why, the fix, an example), no section names a code that does not exist, every message points at its section,
// and the page ships in the package so that the pointer resolves in node_modules/ts-slots.
"use strict";
const fs = require("fs");
const path = require("path");
const ts = require("typescript");
const { repoRoot } = require("./helpers/project");
const { ProblemCode, toDiagnostic, toReport } = require("../dist/transformer/core/diagnostics");

const page = fs.readFileSync(path.join(repoRoot, "docs/diagnostics.md"), "utf8");

/** The page's `## TSSnnnn` sections, by code: the anchor GitHub and editors derive from such a heading is `#tssnnnn`. */
function sections() {
  const found = new Map();
  const parts = page.split(/^## /m).slice(1);
  for (const part of parts) {
    const heading = part.slice(0, part.indexOf("\n")).trim();
    if (/^TSS\d{4}$/.test(heading)) found.set(heading, part);
  }
  return found;
}

const codes = Object.values(ProblemCode).map((code) => `TSS${code}`);

test("every code of the message table has a section, and every section a code", () => {
  const documented = [...sections().keys()];
  expect(codes.filter((code) => !documented.includes(code))).toEqual([]);
  expect(documented.filter((code) => !codes.includes(code))).toEqual([]);
});

test.each(codes)("%s: says what it means, why, the fix, and shows an example", (code) => {
  const section = sections().get(code) ?? "";
  for (const part of ["**What.**", "**Why.**", "**Fix.**"]) expect({ code, part, present: section.includes(part) }).toEqual({ code, part, present: true });
  expect(section).toMatch(/\n```(ts|json|sh|text)\n[\s\S]+?\n```/);
});

test("every message ends with the pointer to its own section", () => {
  const file = ts.createSourceFile("/p/a.ts", "delete p.x;\n", ts.ScriptTarget.Latest, true);
  for (const code of Object.values(ProblemCode)) {
    const problem = { code, severity: /** @type {const} */ ("error"), message: "something went wrong.", node: file.statements[0] };
    const text = ts.flattenDiagnosticMessageText(toDiagnostic(problem, ts).messageText, "\n");
    expect(text).toBe(`ts-slots TSS${code}: something went wrong. (see ts-slots docs/diagnostics.md#tss${code})`);
    expect(toReport(problem, ts, "/p").text).toBe(`a.ts(1,1): error TS${990000 + code}: ${text}`);
  }
});

test("the page is in the published package (package.json files), where the pointer leads", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
  expect(manifest.files).toContain("docs");
});
