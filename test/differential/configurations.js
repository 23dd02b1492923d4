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
 * Seal mode "guard" (transformer/core/guard.ts) in the configurations where it does and does not take effect: define
 * semantics (native fields; ES2020 is TypeScript's own define lowering in the tspc route, esbuild's `__publicField`
 * in the text route, where classes seal instead) and assign semantics (every class seals instead). Not part of
 * `configurations` ("all"): selected by id or as `--configs guard`.
 */
const guardConfigurations = ["es2022-define-std", "es2022-define-legacy", "es2020-define-legacy", "es2020-assign-std"].map((id) => ({
  ...configurations.find((configuration) => configuration.id === id),
  id: `${id}-guard`,
  seal: "guard",
}));

/**
 * Whether a route of a configuration puts the guard in place (otherwise its @slots classes seal): only where every
 * slot is created by definition (transformer/core/plan.ts, createsSlotsByDefinition).
 */
function guardsIn(configuration, emitter) {
  if (configuration.seal !== "guard") return false;
  const mode = fieldModeOf(configuration);
  return mode === "native" || (mode === "define" && emitter === "tspc");
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

/**
 * The routes (emitters) a configuration is checked through: "tspc", the ts-patch transformer inside TypeScript, and
 * "text", the source rewrite (`ts-slots/rewrite`) followed by esbuild. A route's configuration id is the
 * configuration's id for tspc (as before there were routes) and `text:<id>` for text; both routes generate the same
 * program for a seed, except for the features known.js leaves out in one route only.
 */
const emitters = ["tspc", "text"];

function routeId(configuration, emitter) {
  return emitter === "tspc" ? configuration.id : `${emitter}:${configuration.id}`;
}

/** `text:es2022-define-std` -> { emitter: "text", configuration }; a bare id takes `defaultEmitter`. */
function parseRouteId(id, defaultEmitter = "tspc") {
  const colon = id.indexOf(":");
  const emitter = colon < 0 ? defaultEmitter : id.slice(0, colon);
  if (!emitters.includes(emitter)) throw new Error(`unknown emitter ${emitter} in ${id}; known: ${emitters.join(", ")}`);
  return { emitter, configuration: configurationById(colon < 0 ? id : id.slice(colon + 1)) };
}

function configurationById(id) {
  const known = [...configurations, ...guardConfigurations];
  const found = known.find((configuration) => configuration.id === id);
  if (!found) throw new Error(`unknown configuration ${id}; known: ${known.map((c) => c.id).join(", ")}`);
  return found;
}

module.exports = { configurations, guardConfigurations, guardsIn, fieldModeOf, sampleConfigurationIds, configurationById, emitters, routeId, parseRouteId };
