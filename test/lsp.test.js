// @ts-check
// `ts-slots lsp --stdio` driven by a real LSP client (vscode-languageserver-protocol over the child's stdio), as an
// editor drives it: initialize, open two files, edit one so that the other's misuse appears (a class given `@slots`),
// ask for the quick fix and apply it, see the diagnostics cleared, close, shut down. The server is the published
// bundle (packages/cli/dist/index.js); its diagnostics are compared with `ts-slots check` on the same texts, and the
// fixed texts are compiled by the real tsc. Needs `npm run build` first. No network.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawn, spawnSync } = require("child_process");
const { pathToFileURL } = require("url");
const rpc = require("vscode-languageserver-protocol/node");
const { TextDocument } = require("vscode-languageserver-textdocument");
const { makeProject, repoRoot } = require("./helpers/project");

const BUNDLE = path.join(repoRoot, "packages", "cli", "dist", "index.js");
const TSC = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");

const temps = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

const pointPlain = `export class Point {
  x = 0;
  constructor(public label: string) {}
}
`;
const pointSlots = `import { slots } from "ts-slots";

@slots
export class Point {
  x = 0;
  constructor(public label: string) {}
}
`;
const use = `import { Point } from "./point";

export function forget(p: Point): void {
  delete p.label;
}
`;
const tag = `import { Point } from "./point";

export function tag(p: Point): void {
  (p as any).tagged = true;
}
`;

/**
 * Starts the server in `dir` and an LSP client on its stdio. `diagnostics(uri, predicate)` resolves to the first
 * publishDiagnostics for `uri` (already received or to come) that satisfies `predicate`.
 */
function startClient(dir) {
  const child = spawn(process.execPath, [BUNDLE, "lsp", "--stdio"], { cwd: dir, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  /** @type {{ uri: string, version?: number, diagnostics: any[] }[]} */
  const published = [];
  /** @type {{ uri: string, predicate: (p: any) => boolean, resolve: (p: any) => void }[]} */
  const waiters = [];
  connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    for (const waiter of waiters.filter((candidate) => candidate.uri === params.uri && candidate.predicate(params))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(params);
    }
  });
  connection.listen();
  /** Waits for the next publish for `uri` after this call that satisfies `predicate`. */
  const diagnostics = (uri, predicate = () => true, timeout = 120_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching publishDiagnostics for ${uri} in ${timeout} ms; got ${JSON.stringify(published.filter((p) => p.uri === uri))}\n${stderr}`)), timeout);
      waiters.push({ uri, predicate, resolve: (params) => (clearTimeout(timer), resolve(params)) });
    });
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  return { connection, diagnostics, exited, published, stderr: () => stderr, child };
}

/** The documents as the client holds them, so that edits from code actions can be applied as an editor does. */
function documentStore(connection) {
  /** @type {Map<string, TextDocument>} */
  const open = new Map();
  return {
    open(uri, text) {
      const document = TextDocument.create(uri, "typescript", 1, text);
      open.set(uri, document);
      connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "typescript", version: 1, text } });
    },
    /** Replaces the whole text (a new version), as a paste would. */
    change(uri, text) {
      const document = /** @type {TextDocument} */ (open.get(uri));
      const next = TextDocument.create(uri, "typescript", document.version + 1, text);
      open.set(uri, next);
      connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: next.version }, contentChanges: [{ text }] });
      return next.version;
    },
    /** Applies a WorkspaceEdit's `changes` as incremental changes, one didChange per document. */
    apply(edit) {
      for (const [uri, edits] of Object.entries(edit.changes)) {
        const document = open.get(uri);
        if (!document) throw new Error(`edit of a document that is not open: ${uri}`);
        this.change(uri, TextDocument.applyEdits(document, edits));
      }
    },
    text: (uri) => /** @type {TextDocument} */ (open.get(uri)).getText(),
    close(uri) {
      open.delete(uri);
      connection.sendNotification(rpc.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
  };
}

/** Every finding of `ts-slots check --format json` on the project as it is on disk. */
function checkAll(dir) {
  const result = spawnSync(process.execPath, [BUNDLE, "check", "--format", "json"], { cwd: dir, encoding: "utf8" });
  return JSON.parse(result.stdout);
}

const summary = (diagnostic) => ({ line: diagnostic.range.start.line + 1, column: diagnostic.range.start.character + 1, code: diagnostic.code, severity: diagnostic.severity, message: diagnostic.message });

/** `ts-slots check --format json` on the project as it is on disk, for one file (`all`: a run already made). */
function checkFindings(dir, file, all = checkAll(dir)) {
  return all
    .filter((finding) => finding.file === file)
    .map(({ line, column, code, severity, message }) => ({ line, column, code, severity: severity === "error" ? 1 : 2, message }));
}

describe("ts-slots lsp --stdio with a real LSP client", () => {
  test("open two files, give a class @slots in one: the other's misuse appears, as check reports it; quick fix, cleared; close; shutdown", async () => {
    const dir = makeProject({ files: { "point.ts": pointPlain, "use.ts": use, "tag.ts": tag }, plugin: false, name: "lsp" });
    temps.push(dir);
    const uri = (file) => pathToFileURL(path.join(dir, "src", file)).href;
    const client = startClient(dir);
    const { connection } = client;
    try {
      const init = await connection.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, workspaceFolders: null });
      expect(init.capabilities.codeActionProvider).toBeTruthy();
      await connection.sendNotification(rpc.InitializedNotification.type, {});
      const documents = documentStore(connection);

      // Point is a plain class: deleting from it is fine.
      const firstUse = client.diagnostics(uri("use.ts"));
      documents.open(uri("point.ts"), pointPlain);
      documents.open(uri("use.ts"), use);
      expect((await firstUse).diagnostics).toEqual([]);

      // Giving Point @slots in the editor (not on disk) makes `delete p.label` in the other open file an error.
      const afterSlots = client.diagnostics(uri("use.ts"), (p) => p.diagnostics.length > 0);
      documents.change(uri("point.ts"), pointSlots);
      const misuse = (await afterSlots).diagnostics;
      expect(misuse.map(summary)).toEqual([expect.objectContaining({ line: 4, column: 3, code: "TSS1001", severity: 1 })]);
      expect(misuse[0].source).toBe("ts-slots");
      // The same finding as `ts-slots check` on those texts.
      fs.writeFileSync(path.join(dir, "src", "point.ts"), pointSlots);
      expect(misuse.map(summary)).toEqual(checkFindings(dir, "src/use.ts"));

      // The quick fix the message names: `p.label = undefined`, and `| undefined` on the slot's type in point.ts.
      const actions = await connection.sendRequest(rpc.CodeActionRequest.type, {
        textDocument: { uri: uri("use.ts") },
        range: misuse[0].range,
        context: { diagnostics: misuse, only: [rpc.CodeActionKind.QuickFix] },
      });
      expect(actions.map((action) => action.title)).toEqual(["Replace 'delete p.label' with 'p.label = undefined'"]);
      const cleared = client.diagnostics(uri("use.ts"), (p) => p.diagnostics.length === 0);
      documents.apply(/** @type {import("vscode-languageserver-protocol").CodeAction} */ (actions[0]).edit);
      await cleared;
      expect(documents.text(uri("use.ts"))).toContain("  p.label = undefined;\n");
      expect(documents.text(uri("point.ts"))).toContain("constructor(public label: string | undefined) {}");

      // A second file: a write through a cast; the fix declares the field in Point (another file) and drops the cast.
      const castWrite = client.diagnostics(uri("tag.ts"), (p) => p.diagnostics.length > 0);
      documents.open(uri("tag.ts"), tag);
      const tagged = (await castWrite).diagnostics;
      expect(tagged.map(summary)).toEqual([expect.objectContaining({ line: 4, code: "TSS1006" })]);
      const declare = await connection.sendRequest(rpc.CodeActionRequest.type, {
        textDocument: { uri: uri("tag.ts") },
        range: { start: tagged[0].range.start, end: tagged[0].range.start },
        context: { diagnostics: tagged },
      });
      expect(declare.map((action) => action.title)).toEqual(["Declare 'tagged' as a field of Point and drop the cast"]);
      const tagCleared = client.diagnostics(uri("tag.ts"), (p) => p.diagnostics.length === 0);
      documents.apply(/** @type {import("vscode-languageserver-protocol").CodeAction} */ (declare[0]).edit);
      await tagCleared;
      expect(documents.text(uri("tag.ts"))).toContain("  p.tagged = true;\n");
      expect(documents.text(uri("point.ts"))).toContain("export class Point {\n  tagged!: boolean;\n  x = 0;");

      // The fixed texts are what the real compiler accepts, and `ts-slots check` finds nothing in them.
      for (const file of ["point.ts", "use.ts", "tag.ts"]) fs.writeFileSync(path.join(dir, "src", file), documents.text(uri(file)));
      const tsc = spawnSync(process.execPath, [TSC, "-p", dir, "--noEmit", "--pretty", "false"], { encoding: "utf8" });
      expect(tsc.stdout).toBe("");
      expect(checkFindings(dir, "src/use.ts")).toEqual([]);
      expect(checkFindings(dir, "src/tag.ts")).toEqual([]);

      // Break use.ts again, then close it: its diagnostics are cleared by the close.
      const broken = client.diagnostics(uri("use.ts"), (p) => p.diagnostics.length > 0);
      documents.change(uri("use.ts"), use);
      await broken;
      const closed = client.diagnostics(uri("use.ts"), (p) => p.diagnostics.length === 0);
      documents.close(uri("use.ts"));
      expect((await closed).version).toBeUndefined();

      await connection.sendRequest(rpc.ShutdownRequest.type);
      await connection.sendNotification(rpc.ExitNotification.type);
      expect(await client.exited).toBe(0);
      expect(client.stderr()).toBe("");
    } finally {
      connection.dispose();
      client.child.kill();
    }
  });

  test("`ts-slots lsp` without --stdio says how to start it (exit 2), and --stdio belongs to lsp only", () => {
    const run = (args) => spawnSync(process.execPath, [BUNDLE, ...args], { encoding: "utf8" });
    expect(run(["lsp"])).toMatchObject({ status: 2, stderr: "ts-slots lsp: pass --stdio (the server talks LSP over stdin and stdout)\n" });
    expect(run(["check", "--stdio"]).stderr).toContain("--stdio is an option of lsp, not check");
  });
});

describe("the VS Code extension (packages/vscode)", () => {
  const extensionDir = path.join(repoRoot, "packages", "vscode");
  const { serverModule } = require("../packages/vscode/server");

  test("its manifest activates on TypeScript files and its main file is there", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, "package.json"), "utf8"));
    expect(manifest.activationEvents).toEqual(expect.arrayContaining(["onLanguage:typescript", "onLanguage:typescriptreact"]));
    expect(fs.existsSync(path.join(extensionDir, manifest.main))).toBe(true);
    expect(Object.keys(manifest.contributes.configuration.properties)).toContain("tsSlots.server.path");
    expect(manifest.dependencies).toHaveProperty("vscode-languageclient");
  });

  test("starts the workspace's @ts-slots/cli as `lsp --stdio`, which answers initialize; says what to install when absent", async () => {
    const dir = makeProject({ files: { "a.ts": "export const a = 1;\n" }, plugin: false, name: "vscode" });
    temps.push(dir);
    // (Another directory: Node caches what it found missing for a path.)
    const bare = fs.mkdtempSync(path.join(require("os").tmpdir(), "ts-slots-vscode-bare-"));
    temps.push(bare);
    expect(serverModule(bare, "")).toEqual({ error: "ts-slots: no @ts-slots/cli in this workspace. Install it (npm install --save-dev @ts-slots/cli) and reload the window." });
    expect(serverModule(bare, "missing/cli.js")).toEqual({ error: "ts-slots: tsSlots.server.path is missing/cli.js, which does not exist." });
    fs.mkdirSync(path.join(dir, "node_modules", "@ts-slots"), { recursive: true });
    fs.symlinkSync(path.join(repoRoot, "packages", "cli"), path.join(dir, "node_modules", "@ts-slots", "cli"), "dir");
    const server = serverModule(dir, "");
    expect(server).toEqual({ module: fs.realpathSync(BUNDLE), args: ["lsp", "--stdio"] });
    // As vscode-languageclient starts a NodeModule over stdio: the module, its args, and the client's process id.
    const child = spawn(process.execPath, [server.module, ...server.args, `--clientProcessId=${process.pid}`], { cwd: dir, stdio: ["pipe", "pipe", "pipe"] });
    const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
    connection.listen();
    try {
      const init = await connection.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, workspaceFolders: null });
      expect(init.serverInfo).toEqual({ name: "ts-slots" });
      await connection.sendRequest(rpc.ShutdownRequest.type);
      await connection.sendNotification(rpc.ExitNotification.type);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});

describe("ts-slots lsp reports what ts-slots check reports", () => {
  const { fixtureNames, loadFixture } = require("../fixtures/diagnostics/expectations");

  test("every diagnostics fixture: the errors and warnings published for its open files equal check's json findings", async () => {
    const fixtures = fixtureNames().map(loadFixture);
    const projects = fixtures.map((fixture) => {
      const dir = makeProject({ files: fixture.files, compilerOptions: fixture.compilerOptions, plugin: fixture.plugin, name: `lsp-${fixture.name}` });
      temps.push(dir);
      return { fixture, dir, findings: checkAll(dir) };
    });
    // One server for every project: each file is checked in the project of its nearest tsconfig.json.
    const client = startClient(require("os").tmpdir());
    const { connection } = client;
    try {
      await connection.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
      await connection.sendNotification(rpc.InitializedNotification.type, {});
      const documents = documentStore(connection);
      // Option problems of the plugin entry go to tsconfig.json, where check places them too.
      const configs = projects.flatMap(({ fixture, dir, findings }) => {
        const expected = checkFindings(dir, "tsconfig.json", findings);
        if (expected.length === 0) return [];
        const uri = pathToFileURL(path.join(dir, "tsconfig.json")).href;
        return [{ fixture: fixture.name, expected, published: client.diagnostics(uri, (p) => p.diagnostics.length > 0, 500_000) }];
      });
      expect(configs.map(({ fixture }) => fixture)).toEqual(["tss9001-unknown-option", "tss9002-invalid-option"]);
      const opened = projects.flatMap(({ fixture, dir, findings }) =>
        // Declaration files are not checked (neither by check nor by the build).
        Object.keys(fixture.files).filter((file) => !file.endsWith(".d.ts")).map((file) => {
          const uri = pathToFileURL(path.join(dir, "src", file)).href;
          const published = client.diagnostics(uri, () => true, 500_000);
          documents.open(uri, fixture.files[file]);
          return { fixture: fixture.name, dir, findings, file: `src/${file}`, published };
        }),
      );
      let compared = 0;
      for (const { fixture, dir, findings, file, published } of opened) {
        const fromServer = (await published).diagnostics.filter((diagnostic) => diagnostic.severity <= 2).map(summary);
        expect({ fixture, file, diagnostics: fromServer }).toEqual({ fixture, file, diagnostics: checkFindings(dir, file, findings) });
        compared += fromServer.length;
      }
      for (const { fixture, expected, published } of configs) {
        expect({ fixture, diagnostics: (await published).diagnostics.map(summary) }).toEqual({ fixture, diagnostics: expected });
      }
      // The fixtures hold problems of every source code: the comparison is not of empty lists.
      expect(compared).toBeGreaterThan(fixtures.length);
      await connection.sendRequest(rpc.ShutdownRequest.type);
      await connection.sendNotification(rpc.ExitNotification.type);
    } finally {
      connection.dispose();
      client.child.kill();
    }
  }, 900_000);
});
