// `npm test`: the fast tier (test/tiers.js), offline. The slow tier's configuration is test/jest.slow.config.js.
"use strict";
const { fast, testMatchOf } = require("./test/tiers");

module.exports = {
  testEnvironment: "node",
  testMatch: testMatchOf(fast),
  globalSetup: "<rootDir>/test/global-setup.js",
  testTimeout: 120000,
  maxWorkers: 2,
};
