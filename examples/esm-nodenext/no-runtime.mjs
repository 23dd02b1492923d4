// `node --import ./no-runtime.mjs`: makes importing ts-slots an error, so the program proves that the
// transformer removed every `import { slots } from "ts-slots"` from the ES module output.
import { register } from "node:module";

const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === "ts-slots" || specifier.startsWith("ts-slots/")) {
    throw new Error("the ts-slots runtime was imported by " + context.parentURL + ": the transformer did not run");
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
