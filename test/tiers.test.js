// @ts-check
// Every jest suite belongs to exactly one tier, so a new suite cannot silently run nowhere (or twice in CI).
"use strict";
const fs = require("fs");
const path = require("path");
const { fast, slow } = require("./tiers");

test("every test/*.test.js file is in exactly one tier, and every tier entry exists", () => {
  const suites = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith(".test.js"))
    .map((name) => name.replace(/\.test\.js$/, ""))
    .sort();
  const listed = [...fast, ...slow].sort();
  expect(listed).toEqual(suites);
  expect(fast.filter((name) => slow.includes(name))).toEqual([]);
});

test("npm test runs the fast tier and test:slow the slow one", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8"));
  expect(manifest.jest).toBeUndefined();
  expect(manifest.scripts.test).toBe("jest");
  expect(manifest.scripts["test:slow"]).toBe("jest --config test/jest.slow.config.js");
});
