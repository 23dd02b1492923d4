// Rollup has no TypeScript of its own: ts-slots/rollup rewrites the @slots classes first, then esbuild strips types.
import esbuild from "rollup-plugin-esbuild";
import slots from "ts-slots/rollup";

export default {
  input: "src/main.ts",
  output: { file: "dist/rollup/main.js", format: "cjs", sourcemap: true },
  // A Node program: packages and built-ins stay require() calls, so a left-over import of ts-slots would load it.
  external: (id) => !id.startsWith(".") && !id.startsWith("/") && !id.startsWith("\0"),
  plugins: [slots(), esbuild({ target: "es2022" })],
};
