// Runs webpack.config.js and fails unless both builds succeed without bundling the ts-slots runtime: the
// transformer compiled every `@slots` away, so nothing imports the package any more.
const webpack = require("webpack");

/** Every module of a build, including those concatenated into one (production mode). */
const allModules = (modules) => modules.flatMap((module) => [module, ...allModules(module.modules ?? [])]);

webpack(require("./webpack.config.js"), (error, stats) => {
  if (error) throw error;
  let failed = stats.hasErrors();
  for (const child of stats.toJson({ all: false, errors: true, modules: true, children: true }).children) {
    const runtime = allModules(child.modules).filter((module) => /node_modules[\\/]ts-slots[\\/]/.test(module.name ?? ""));
    const ok = child.errors.length === 0 && runtime.length === 0;
    failed ||= !ok;
    console.log(`${ok ? "ok  " : "FAIL"} ${child.name}: ${child.modules.length} modules, ts-slots runtime bundled: ${runtime.length > 0}`);
    for (const problem of child.errors) console.log(problem.message);
  }
  process.exitCode = failed ? 1 : 0;
});
