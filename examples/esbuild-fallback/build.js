// Bundles src/main.ts twice with esbuild, which has no TypeScript transformer API: once with legacy decorators
// (experimentalDecorators) and once with standard decorators. Both bundles carry the ts-slots runtime.
const esbuild = require("esbuild");

for (const [name, experimentalDecorators] of [["legacy", true], ["standard", false]]) {
  const result = esbuild.buildSync({
    entryPoints: ["src/main.ts"],
    bundle: true,
    platform: "node",
    target: "es2022",
    outfile: `dist/${name}.js`,
    metafile: true,
    // `strict` (alwaysStrict) makes the bundle strict-mode code: only there do writes to a sealed object throw.
    tsconfigRaw: { compilerOptions: { strict: true, experimentalDecorators } },
  });
  const runtime = Object.keys(result.metafile.inputs).filter((input) => /node_modules[\\/]ts-slots[\\/]/.test(input));
  console.log(`${name}: bundled ${runtime.join(", ")}`);
  if (runtime.length === 0) process.exitCode = 1;
}
