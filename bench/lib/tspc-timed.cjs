// tspc-timed: runs ts-patch's tspc in this process and, on exit, writes this process's CPU time (user + system,
// main and helper threads) as JSON to the file named by TS_SLOTS_CPU_OUT. Used by compile-cost.mjs.
const { writeFileSync } = require("node:fs");
const { join } = require("node:path");

const outFile = process.env.TS_SLOTS_CPU_OUT;
process.on("exit", (code) => {
  const { user, system } = process.cpuUsage();
  if (outFile) writeFileSync(outFile, JSON.stringify({ code, cpuMs: (user + system) / 1000 }));
});
require(join(__dirname, "../../node_modules/ts-patch/compiler/tsc"));
