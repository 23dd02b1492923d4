// Runs in a child node: loads the packed transformer with an `extras.ts` that is a real TypeScript module whose
// version says otherwise (e.g. "7.0.2"), the way ts-patch would hand it over, and prints as JSON what the
// transformer reported and whether it rewrote anything.
//   node unsupported-probe.js <typescript dir> <transformer module> <version to claim>
"use strict";
const path = require("path");

const [typescriptDir, transformerPath, claimedVersion] = process.argv.slice(2);
const realTs = require(typescriptDir);
const ts = Object.create(realTs, {
  version: { value: claimedVersion, enumerable: true },
  versionMajorMinor: { value: claimedVersion.split(".").slice(0, 2).join("."), enumerable: true },
});
const transformer = require(transformerPath).default;

const source = `import { slots } from "ts-slots";
@slots
export class Vec {
  x: number;
  y?: number;
  constructor(x: number) { this.x = x; }
}
`;
const fileName = path.join(__dirname, "virtual-vec.ts");
const options = { target: realTs.ScriptTarget.ES2022, module: realTs.ModuleKind.CommonJS, experimentalDecorators: true, noLib: true, noResolve: true };
const host = realTs.createCompilerHost(options);
const getSourceFile = host.getSourceFile;
host.getSourceFile = (name, ...rest) =>
  name === fileName ? realTs.createSourceFile(name, source, realTs.ScriptTarget.ES2022, true) : getSourceFile.call(host, name, ...rest);
const program = realTs.createProgram([fileName], options, host);

function emit(before) {
  let js = "";
  program.emit(program.getSourceFile(fileName), (name, text) => (name.endsWith(".js") ? (js = text) : undefined), undefined, false, { before });
  return js;
}

const diagnostics = [];
let threw = null;
let output = "";
try {
  const factory = transformer(program, {}, { ts, addDiagnostic: (diagnostic) => diagnostics.push(diagnostic) });
  output = emit([factory]);
} catch (error) {
  threw = String(error && error.stack ? error.stack : error);
}
process.stdout.write(
  JSON.stringify({
    claimedVersion,
    threw,
    rewritten: output !== emit([]),
    diagnostics: diagnostics.map((d) => ({
      code: d.code,
      category: realTs.DiagnosticCategory[d.category],
      message: realTs.flattenDiagnosticMessageText(d.messageText, "\n"),
      file: d.file ? d.file.fileName : null,
    })),
  }),
);
