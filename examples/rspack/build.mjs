// Runs rspack.config.mjs and fails unless the build succeeds without bundling the ts-slots runtime: the plugin
// rewrote every @slots class, so nothing imports the package any more.
import { rspack } from "@rspack/core";
import config from "./rspack.config.mjs";

/** Every module of a build, including those concatenated into one (production mode). */
const allModules = (modules) => modules.flatMap((module) => [module, ...allModules(module.modules ?? [])]);

rspack(config, (error, stats) => {
  if (error) throw error;
  const { errors, warnings, modules } = stats.toJson({ all: false, errors: true, warnings: true, modules: true });
  const runtime = allModules(modules).filter((module) => /node_modules[\\/]ts-slots[\\/]/.test(module.name ?? ""));
  for (const problem of [...errors, ...warnings]) console.log(problem.message);
  console.log(`${modules.length} modules, ts-slots runtime bundled: ${runtime.length > 0}`);
  process.exitCode = errors.length === 0 && runtime.length === 0 ? 0 : 1;
});
