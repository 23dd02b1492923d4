// packages/vscode/extension.js — the VS Code extension: starts `ts-slots lsp --stdio` (the workspace's @ts-slots/cli,
// see server.js) with vscode-languageclient for TypeScript files, so ts-slots diagnostics and quick fixes show under
// TypeScript 7 too (its language server loads no tsserver plugins).
"use strict";
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");
const { serverModule } = require("./server");

/** @type {LanguageClient | undefined} */
let client;

function createClient() {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  const configured = vscode.workspace.getConfiguration("tsSlots").get("server.path");
  const server = serverModule(folder, configured);
  if ("error" in server) {
    void vscode.window.showWarningMessage(server.error);
    return undefined;
  }
  const run = { module: server.module, args: server.args, transport: TransportKind.stdio, options: { cwd: folder } };
  return new LanguageClient(
    "tsSlots",
    "ts-slots",
    { run, debug: run },
    {
      documentSelector: [
        { scheme: "file", language: "typescript" },
        { scheme: "file", language: "typescriptreact" },
      ],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{tsconfig*.json,*.ts,*.tsx,*.mts,*.cts}") },
    },
  );
}

async function activate(context) {
  client = createClient();
  if (client) await client.start();
  context.subscriptions.push(
    vscode.commands.registerCommand("tsSlots.restartServer", async () => {
      if (client) await client.stop();
      client = createClient();
      if (client) await client.start();
    }),
  );
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
