// Bundles src/main.ts for Node with esbuild's JS API; ts-slots/esbuild rewrites the @slots classes on load.
import * as esbuild from "esbuild";
import slots from "ts-slots/esbuild";

await esbuild.build({
  entryPoints: ["src/main.ts"],
  bundle: true,
  platform: "node",
  target: "node20",
  outfile: "dist/main.js",
  sourcemap: true,
  // Packages stay require() calls: a left-over import of ts-slots would load its runtime.
  packages: "external",
  plugins: [slots()],
}).catch(() => process.exit(1)); // esbuild has printed the errors, with file and line
