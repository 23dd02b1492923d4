// @ts-check
// A real tsserver (the repository's TypeScript) as an editor drives it: requests over stdin, responses and events from
// stdout. Shared by the language-service and routes tests.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawn } = require("child_process");
const { repoRoot } = require("./project");

/**
 * Starts tsserver in `dir`, runs `action({ request, waitForEvent })`, then stops it. `request(command, args)` resolves
 * to the response; `waitForEvent(name)` to the first event of that name (seen before or after the call).
 * Resolves to `{ result, log }`, `log` being tsserver's log file (where plugins write).
 */
async function withTsserver(dir, action) {
  const logFile = path.join(dir, "tsserver.log");
  const server = spawn(
    process.execPath,
    [path.join(repoRoot, "node_modules/typescript/lib/tsserver.js"), "--allowLocalPluginLoads", "--disableAutomaticTypingAcquisition", "--logVerbosity", "normal", "--logFile", logFile],
    { cwd: dir, stdio: ["pipe", "pipe", "pipe"] },
  );
  let buffer = Buffer.alloc(0);
  const waiting = new Map();
  const events = [];
  const eventWaiters = [];
  server.stdout.on("data", (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const text = buffer.toString("latin1");
      const header = /Content-Length: (\d+)\r\n\r\n/.exec(text);
      if (!header) break;
      const start = header.index + header[0].length;
      const length = Number(header[1]);
      if (buffer.length < start + length) break;
      const message = JSON.parse(buffer.subarray(start, start + length).toString("utf8"));
      buffer = buffer.subarray(start + length);
      if (message.type === "response") waiting.get(message.request_seq)?.(message);
      if (message.type === "event") {
        events.push(message);
        for (const waiter of eventWaiters.filter((candidate) => candidate.name === message.event)) waiter.resolve(message);
      }
    }
  });
  let seq = 0;
  const request = (command, args) =>
    new Promise((resolve) => {
      seq += 1;
      waiting.set(seq, resolve);
      server.stdin.write(`${JSON.stringify({ seq, type: "request", command, arguments: args })}\n`);
    });
  const waitForEvent = (name, timeout = 60_000) => {
    const seen = events.find((event) => event.event === name);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`tsserver sent no ${name} event in ${timeout} ms`)), timeout);
      eventWaiters.push({ name, resolve: (event) => (clearTimeout(timer), resolve(event)) });
    });
  };
  try {
    const result = await action({ request, waitForEvent });
    return { result, log: fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "" };
  } finally {
    server.kill();
  }
}

module.exports = { withTsserver };
