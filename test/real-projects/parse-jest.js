// @ts-check
// test/real-projects/parse-jest.js — owns reading jest's --json report into the trial's counts and failed test names.
"use strict";
const fs = require("fs");
const path = require("path");

/** @param {{stdout: string, stderr: string}} _r @param {string} report */
function parseJest(_r, report) {
  if (!fs.existsSync(report)) return { passed: 0, failed: 0, failedTests: ["(no report: the run crashed)"], crashed: true };
  const j = JSON.parse(fs.readFileSync(report, "utf8"));
  /** @type {string[]} */
  const failedTests = [];
  for (const file of j.testResults ?? []) {
    const failedHere = (file.assertionResults ?? []).filter((/** @type {any} */ a) => a.status === "failed");
    if (file.status === "failed" && !failedHere.length) failedTests.push(`${path.basename(file.name)}: ${(file.message ?? "").replace(/\s+/g, " ").slice(0, 200)}`);
    for (const a of failedHere) failedTests.push(`${path.basename(file.name)} > ${a.fullName}: ${String((a.failureMessages ?? [""])[0]).split("\n")[0].slice(0, 200)}`);
  }
  return { passed: j.numPassedTests, failed: Math.max(j.numFailedTests, failedTests.length), failedTests };
}

module.exports = { parseJest };
