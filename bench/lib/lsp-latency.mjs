// lsp-latency: how long `ts-slots lsp --stdio` takes from an edit to its diagnostics, on a generated project of 2,000
// `@slots` classes (40 files of 50, plus one file that uses a class). A real LSP client (vscode-languageserver-protocol)
// drives the published bundle (packages/cli/dist/index.js) over stdio, as an editor does, and times, in the one
// server process:
//   cold   open both files -> the first diagnostics (the program of the whole project is built)
//   local  an edit of the open use.ts that adds or removes `delete p.label0` -> use.ts's diagnostics of that version
//   cross  an edit of the open m0.ts that removes or restores `@slots` on C0_0 -> use.ts's diagnostics change
// Each time includes the server's debounce (cli/lsp/server.ts `defaultDebounceMs`), as an editor sees it.
// Run alone: `npm run build && node bench/lib/lsp-latency.mjs [--classes 2000] [--runs 40] [--json]`.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const require = createRequire(import.meta.url);
const rpc = require("vscode-languageserver-protocol/node");
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BUNDLE = join(ROOT, "packages", "cli", "dist", "index.js");
const PER_FILE = 50;

function classFile(fileIndex) {
  const lines = ['import { slots } from "ts-slots";', ""];
  for (let k = 0; k < PER_FILE; k++) {
    const id = `C${fileIndex}_${k}`;
    const base = k % 5 === 4 ? `C${fileIndex}_${k - 1}` : null;
    lines.push("@slots", `export class ${id}${base ? ` extends ${base}` : ""} {`);
    lines.push(`  count${k}: number;`, `  label${k}: string | undefined;`, `  enabled${k}: boolean;`, `  tags${k}: readonly string[] = [];`);
    lines.push("  constructor(count: number, label: string) {");
    if (base) lines.push("    super(count, label);");
    lines.push(`    this.count${k} = count;`, `    this.label${k} = label;`, `    this.enabled${k} = count > 0;`, "  }");
    lines.push(`  describe${k}(): string {`, `    return String(this.label${k}) + ":" + String(this.count${k});`, "  }", "}", "");
  }
  return lines.join("\n");
}

const useText = (misuse) =>
  `import { C0_0 } from "./m0";\n\nexport function forget(p: C0_0): void {\n  ${misuse ? "delete p.label0;" : "p.label0 = undefined;"}\n}\n`;

function writeProject(classes) {
  const dir = mkdtempSync(join(tmpdir(), "ts-slots-lsp-latency-"));
  const files = Math.ceil(classes / PER_FILE);
  mkdirSync(join(dir, "src"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", "ts-slots"), "dir");
  for (let f = 0; f < files; f++) writeFileSync(join(dir, "src", `m${f}.ts`), classFile(f));
  writeFileSync(join(dir, "src", "use.ts"), useText(false));
  const compilerOptions = { target: "ES2022", module: "commonjs", moduleResolution: "node10", strict: true, types: [], lib: ["ES2022"], skipLibCheck: true, noEmit: true, ignoreDeprecations: "6.0" };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["src"] }, null, 2));
  return { dir, files, classes: files * PER_FILE };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (ms) => Math.round(ms * 10) / 10;
  return { n: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), min: round(sorted[0]), max: round(sorted[sorted.length - 1]) };
}

export async function measureLspLatency({ classes = 2000, runs = 40 } = {}) {
  const project = writeProject(classes);
  const child = spawn(process.execPath, [BUNDLE, "lsp", "--stdio"], { cwd: project.dir, stdio: ["pipe", "pipe", "inherit"] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiters = [];
  connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
    for (const waiter of waiters.filter((candidate) => candidate.uri === params.uri && candidate.predicate(params))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(params);
    }
  });
  connection.listen();
  const next = (uri, predicate) => new Promise((resolve) => waiters.push({ uri, predicate, resolve }));
  const useUri = pathToFileURL(join(project.dir, "src", "use.ts")).href;
  const classUri = pathToFileURL(join(project.dir, "src", "m0.ts")).href;
  const classText = readFileSync(join(project.dir, "src", "m0.ts"), "utf8");
  const versions = { [useUri]: 1, [classUri]: 1 };
  const change = (uri, text) => {
    versions[uri] += 1;
    void connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: versions[uri] }, contentChanges: [{ text }] });
    return versions[uri];
  };
  try {
    await connection.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(project.dir).href, capabilities: {}, workspaceFolders: null });
    await connection.sendNotification(rpc.InitializedNotification.type, {});

    let started = performance.now();
    const first = next(useUri, () => true);
    void connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri: classUri, languageId: "typescript", version: 1, text: classText } });
    void connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri: useUri, languageId: "typescript", version: 1, text: useText(false) } });
    await first;
    const cold = performance.now() - started;

    const local = [];
    for (let run = 0; run < runs; run++) {
      const misuse = run % 2 === 0;
      started = performance.now();
      const expected = versions[useUri] + 1;
      const published = next(useUri, (p) => p.version === expected);
      change(useUri, useText(misuse));
      const { diagnostics } = await published;
      local.push(performance.now() - started);
      if ((diagnostics.length > 0) !== misuse) throw new Error(`use.ts: expected ${misuse ? "a" : "no"} TSS1001, got ${JSON.stringify(diagnostics)}`);
    }

    // use.ts now holds the misuse: removing @slots from C0_0 clears it, restoring it brings it back.
    const misuseVersion = versions[useUri] + 1;
    const misused = next(useUri, (p) => p.version === misuseVersion && p.diagnostics.length === 1);
    change(useUri, useText(true));
    await misused;
    const cross = [];
    for (let run = 0; run < runs; run++) {
      const sealed = run % 2 === 1;
      const text = sealed ? classText : classText.replace("@slots\nexport class C0_0 ", "export class C0_0 ");
      started = performance.now();
      const published = next(useUri, (p) => p.diagnostics.length === (sealed ? 1 : 0));
      change(classUri, text);
      await published;
      cross.push(performance.now() - started);
    }
    await connection.sendRequest(rpc.ShutdownRequest.type);
    await connection.sendNotification(rpc.ExitNotification.type);
    return { classes: project.classes, files: project.files + 1, runs, coldMs: Math.round(cold), local: stats(local), cross: stats(cross), load: loadavg().map((value) => Math.round(value * 100) / 100), cpus: cpus().length };
  } finally {
    connection.dispose();
    child.kill();
    rmSync(project.dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { classes: { type: "string" }, runs: { type: "string" }, json: { type: "boolean" } } });
  const result = await measureLspLatency({ classes: Number(values.classes ?? 2000), runs: Number(values.runs ?? 40) });
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(`ts-slots lsp: ${result.classes} @slots classes in ${result.files} files, ${result.runs} edits each (load ${result.load.join(" ")} on ${result.cpus} cores)`);
    console.log(`  open -> first diagnostics: ${result.coldMs} ms`);
    console.log(`  edit in the file          : p50 ${result.local.p50} ms, p95 ${result.local.p95} ms (min ${result.local.min}, max ${result.local.max})`);
    console.log(`  edit in another open file : p50 ${result.cross.p50} ms, p95 ${result.cross.p95} ms (min ${result.cross.min}, max ${result.cross.max})`);
  }
}
