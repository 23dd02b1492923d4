// cli/lsp/server.ts — owns `ts-slots lsp --stdio`: a Language Server Protocol server (vscode-languageserver) for any
// editor, TypeScript 7's included, whose own language server loads no plugins. It publishes, for every open document,
// the diagnostics `ts-slots check` reports (and TSS1014 review problems as hints), checked again shortly after each
// change across all open documents, and the ts-slots plugin entry's option problems in their tsconfig.json; it answers
// code-action requests with the fixes of transformer/core/fixes.ts.
// Positions are TypeScript's (UTF-16 offsets), which are the protocol's too.
import { fileURLToPath, pathToFileURL } from "url";
import type * as ts from "typescript";
import { CodeActionKind, DiagnosticSeverity, FileChangeType, TextDocuments, TextDocumentSyncKind, type CodeAction, type Connection, type Diagnostic, type TextEdit } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { toDiagnostic, type Severity, type SlotsProblem } from "../../transformer/core/diagnostics";
import { fixesFor, type FixEdit } from "../../transformer/core/fixes";
import { tsApi } from "../../transformer/host/typescript";
import { Workspace, type CheckedDocument } from "./workspace";

/** How long after the last change the documents are checked again: typing does not start a check per key. */
export const defaultDebounceMs = 40;

const severities: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  review: DiagnosticSeverity.Hint,
};

function rangeOf(file: ts.SourceFile, start: number, length: number): Diagnostic["range"] {
  const from = file.getLineAndCharacterOfPosition(start);
  const to = file.getLineAndCharacterOfPosition(start + length);
  return { start: { line: from.line, character: from.character }, end: { line: to.line, character: to.character } };
}

/**
 * A problem as the protocol's diagnostic: code `TSS1001`, the message of `ts-slots check`, source `ts-slots`. Without
 * a file (an option problem whose place in the tsconfig was not found) it sits at the file's start.
 */
export function toLspDiagnostic(problem: SlotsProblem, file: ts.SourceFile | undefined): Diagnostic {
  const diagnostic = toDiagnostic(problem, tsApi);
  const start = { line: 0, character: 0 };
  return {
    range: file ? rangeOf(file, diagnostic.start ?? 0, diagnostic.length ?? 0) : { start, end: start },
    severity: severities[problem.severity],
    code: `TSS${problem.code}`,
    source: "ts-slots",
    message: tsApi.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
  };
}

const uriOf = (fileName: string): string => pathToFileURL(fileName).href;
const fileNameOf = (uri: string): string | undefined => (uri.startsWith("file:") ? fileURLToPath(uri) : undefined);

function workspaceEditOf(edits: readonly FixEdit[], uriByFile: ReadonlyMap<string, string>): Record<string, TextEdit[]> {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of edits) {
    const uri = uriByFile.get(edit.file.fileName) ?? uriOf(edit.file.fileName);
    (changes[uri] ??= []).push({ range: rangeOf(edit.file, edit.start, edit.length), newText: edit.newText });
  }
  return changes;
}

const overlaps = (problemStart: number, problemEnd: number, start: number, end: number): boolean => problemStart <= end && start <= problemEnd;

/** The quick fixes of the problems of `checked` that touch offsets `[start, end]`. */
function codeActionsOf(checked: CheckedDocument, start: number, end: number, uriByFile: ReadonlyMap<string, string>): CodeAction[] {
  return checked.problems.flatMap((problem) => {
    const node = problem.node;
    if (!node || node.getSourceFile() !== checked.file) return [];
    if (!overlaps(node.getStart(checked.file), node.getEnd(), start, end)) return [];
    return fixesFor(problem, checked.checker, tsApi).map(
      (fix): CodeAction => ({
        title: fix.description,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toLspDiagnostic(problem, checked.file)],
        isPreferred: true,
        edit: { changes: workspaceEditOf(fix.edits, uriByFile) },
      }),
    );
  });
}

export interface ServerOptions {
  cwd: string;
  debounceMs?: number;
}

/** Serves one client on `connection` until it exits. */
export function startServer(connection: Connection, { cwd, debounceMs = defaultDebounceMs }: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace(cwd);
  /** The client's own URI of each open file (its spelling is the client's: percent-encoding, drive letters). */
  const uriByFile = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  /** tsconfig files last sent a non-empty list, so that a fixed option is cleared there. */
  const configsWithProblems = new Set<string>();

  const publish = (): void => {
    timer = undefined;
    let checked: CheckedDocument[];
    try {
      checked = workspace.check();
    } catch (error) {
      connection.console.error(`ts-slots: check failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return;
    }
    for (const { fileName, file, problems } of checked) {
      const uri = uriByFile.get(fileName) ?? uriOf(fileName);
      const document = documents.get(uri);
      // A problem is placed by its node, or (a suppression comment's own problem) by a location in the file.
      const diagnostics = problems
        .filter((problem) => (problem.node?.getSourceFile() ?? problem.location?.file) === file)
        .map((problem) => toLspDiagnostic(problem, file))
        // In file order, as `ts-slots check` lists them (suppression problems are found after the others).
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      // Every open document each round, empty lists included: a client learns that a file was checked and is clean.
      void connection.sendDiagnostics({ uri, version: document?.version, diagnostics });
    }
    // The plugin entry's option problems, in the tsconfig.json of the open files (cleared once fixed).
    for (const [configPath, problems] of workspace.configProblems()) {
      const uri = uriOf(configPath);
      if (problems.length === 0 && !configsWithProblems.delete(uri)) continue;
      if (problems.length > 0) configsWithProblems.add(uri);
      void connection.sendDiagnostics({ uri, diagnostics: problems.map((problem) => toLspDiagnostic(problem, problem.location?.file)) });
    }
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(publish, debounceMs);
  };

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: "ts-slots" },
  }));

  documents.onDidChangeContent(({ document }) => {
    const fileName = fileNameOf(document.uri);
    if (!fileName) return;
    uriByFile.set(fileName, document.uri);
    workspace.setText(fileName, document.getText());
    schedule();
  });
  documents.onDidClose(({ document }) => {
    const fileName = fileNameOf(document.uri);
    if (!fileName) return;
    uriByFile.delete(fileName);
    workspace.close(fileName);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    // The closed file's disk text may differ from what it held: the other open files are checked against it again.
    schedule();
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    const files = changes.map((change) => ({ fileName: fileNameOf(change.uri), type: change.type }));
    // Only a new or removed file, or a tsconfig, changes what the projects are; an edit is one file read again.
    if (files.some(({ fileName, type }) => type !== FileChangeType.Changed || (fileName !== undefined && /\.json$/.test(fileName)))) workspace.reloadConfigs();
    else for (const { fileName } of files) if (fileName) workspace.diskChanged(fileName);
    schedule();
  });

  connection.onCodeAction(({ textDocument, range }) => {
    const fileName = fileNameOf(textDocument.uri);
    const document = documents.get(textDocument.uri);
    if (!fileName || !document) return [];
    const checked = workspace.checkOne(fileName);
    if (!checked) return [];
    return codeActionsOf(checked, document.offsetAt(range.start), document.offsetAt(range.end), uriByFile);
  });

  documents.listen(connection);
  connection.listen();
}
