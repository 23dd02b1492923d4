// packages/vscode/server.js — owns finding the language server the extension starts: the `ts-slots` CLI of the
// workspace (its @ts-slots/cli, the one its tasks and CI run, so editor and build agree), or the path the user set.
// Kept apart from extension.js (which needs VS Code) so that it can be tested with plain Node.
"use strict";
const fs = require("fs");
const path = require("path");

/** The CLI's entry file (`bin` of @ts-slots/cli) as the workspace at `folder` resolves it, or undefined. */
function workspaceCli(folder) {
  try {
    const manifestPath = require.resolve("@ts-slots/cli/package.json", { paths: [folder] });
    const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
    const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin && manifest.bin["ts-slots"];
    return bin ? path.join(path.dirname(manifestPath), bin) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How to start the server: `{ module, args }` for vscode-languageclient's NodeModule form (run by VS Code's own
 * Node), or `{ error }` saying what to install.
 */
function serverModule(folder, configuredPath) {
  const module = configuredPath ? path.resolve(folder, configuredPath) : workspaceCli(folder);
  if (!module || !fs.existsSync(module)) {
    return {
      error: configuredPath
        ? `ts-slots: tsSlots.server.path is ${configuredPath}, which does not exist.`
        : "ts-slots: no @ts-slots/cli in this workspace. Install it (npm install --save-dev @ts-slots/cli) and reload the window.",
    };
  }
  return { module, args: ["lsp", "--stdio"] };
}

module.exports = { serverModule, workspaceCli };
