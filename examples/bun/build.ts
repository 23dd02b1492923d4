// `bun build` through the API: the same plugin in Bun.build's plugins; the bundle no longer needs ts-slots.
import slots from "ts-slots/bun";

const result = await Bun.build({ entrypoints: ["src/main.ts"], outdir: "dist", target: "bun", plugins: [slots({ types: "program" })], throw: false });
for (const log of result.logs) console.error(String(log.message ?? log));
process.exitCode = result.success ? 0 : 1;
