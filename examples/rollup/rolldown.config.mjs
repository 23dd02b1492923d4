// Rolldown compiles TypeScript itself (Oxc): ts-slots/rolldown only has to rewrite the @slots classes before that.
import { defineConfig } from "rolldown";
import slots from "ts-slots/rolldown";

export default defineConfig({
  input: "src/main.ts",
  // `strict: true`: Rolldown writes CommonJS without "use strict" by default, and only strict code throws on a write
  // to a sealed object (sloppy code ignores it silently).
  output: { file: "dist/rolldown/main.js", format: "cjs", sourcemap: true, strict: true },
  // As in rollup.config.mjs: packages and built-ins stay require() calls.
  external: (id) => !id.startsWith(".") && !id.startsWith("/") && !id.startsWith("\0"),
  plugins: [slots()],
});
