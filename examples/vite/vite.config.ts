// A Node program built by Vite (an SSR entry): ts-slots/vite runs before Vite's own TypeScript transform.
import { defineConfig } from "vite";
import slots from "ts-slots/vite";

export default defineConfig({
  plugins: [slots()],
  build: {
    ssr: "src/main.ts",
    outDir: "dist",
    sourcemap: true,
    minify: false,
  },
});
