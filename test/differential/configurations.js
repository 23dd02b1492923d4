// The compiler configurations the differential test runs every generated program in: target ES2020 or ES2022,
// `useDefineForClassFields` true or false, standard or experimental (legacy) decorators.
"use strict";

const targets = ["ES2020", "ES2022"];
const fieldSemantics = [
  ["define", true],
  ["assign", false],
];
const decoratorFlavours = [
  ["std", false],
  ["legacy", true],
];

const configurations = [];
for (const target of targets) {
  for (const [semantics, useDefineForClassFields] of fieldSemantics) {
    for (const [flavour, experimentalDecorators] of decoratorFlavours) {
      configurations.push({
        id: `${target.toLowerCase()}-${semantics}-${flavour}`,
        target,
        useDefineForClassFields,
        experimentalDecorators,
      });
    }
  }
}

/**
 * How TypeScript emits instance fields in a configuration (the transformer's own notion, restated here):
 * `native` class fields (ES2022 + define), `define` (Object.defineProperty after super), `assign` (this.x = ...).
 */
function fieldModeOf(configuration) {
  if (!configuration.useDefineForClassFields) return "assign";
  return configuration.target === "ES2022" ? "native" : "define";
}

/** The four used by `npm test`: every value of every axis, each field mode, both decorator flavours. */
const sampleConfigurationIds = ["es2022-define-std", "es2022-assign-legacy", "es2020-define-legacy", "es2020-assign-std"];

function configurationById(id) {
  const found = configurations.find((configuration) => configuration.id === id);
  if (!found) throw new Error(`unknown configuration ${id}; known: ${configurations.map((c) => c.id).join(", ")}`);
  return found;
}

module.exports = { configurations, fieldModeOf, sampleConfigurationIds, configurationById };
