// Vitest runs its modules through Vite's plugins, so ts-slots/vite rewrites @slots classes in tests too.
import { defineConfig } from "vitest/config";
import slots from "ts-slots/vite";

export default defineConfig({
  plugins: [slots()],
  test: {
    // Only for the %HaveSameMap probe of the hidden-class test; ts-slots itself needs no flag.
    execArgv: ["--allow-natives-syntax"],
  },
});
