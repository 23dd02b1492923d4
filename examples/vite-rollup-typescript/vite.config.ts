// A Node program built by Vite (an SSR entry) whose TypeScript is compiled by @rollup/plugin-typescript with
// ts-patch's compiler: the transformer in tsconfig.json's `plugins` runs there, as under tspc. The plugin turns
// TypeScript's diagnostics (ts-slots' among them) into build errors only with `noEmitOnError: true` (tsconfig.json);
// without it they are warnings, which Vite prints without their file and line.
import { createRequire } from "module";
import typescript from "@rollup/plugin-typescript";
import { defineConfig } from "vite";

const require = createRequire(import.meta.url);

export default defineConfig({
  plugins: [typescript({ typescript: require("ts-patch/compiler") })],
  build: {
    ssr: "src/main.ts",
    outDir: "dist",
    sourcemap: true,
    minify: false,
  },
});
