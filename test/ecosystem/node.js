// The newer Node the examples and some tests need (Node's type stripping for `ts-slots/register`: 22.18 or later;
// Vitest 5: 22.12 or later): the installer shared with the bench, scripts/node-versions.js.
"use strict";
module.exports = require("../../scripts/node-versions");
