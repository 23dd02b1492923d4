// cli/lsp/index.ts — owns starting `ts-slots lsp --stdio`: one connection over this process's stdin and stdout, served
// by cli/lsp/server.ts until the client says `exit`.
import { createConnection } from "vscode-languageserver/node";
import { startServer } from "./server";

export function runLanguageServer(cwd: string): void {
  // Streams given explicitly: no transport is guessed from process.argv.
  startServer(createConnection(process.stdin, process.stdout), { cwd });
}
