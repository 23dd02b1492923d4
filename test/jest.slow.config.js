// @ts-check
// `npm run test:slow`: the suites that need the npm registry or minutes of CPU (test/tiers.js).
"use strict";
const path = require("path");
const { slow, testMatchOf } = require("./tiers");

module.exports = {
  rootDir: path.join(__dirname, ".."),
  testEnvironment: "node",
  testMatch: testMatchOf(slow),
  globalSetup: "<rootDir>/test/global-setup.js",
  testTimeout: 300000,
  maxWorkers: 2,
};
