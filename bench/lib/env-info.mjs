// env-info: versions and machine facts printed in every report (parent Node, the measuring Node, V8, TS, CPU).
import { readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { ROOT } from "./config.mjs";
import { run } from "./spawn.mjs";

function pkgVersion(name) {
  try {
    return JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
  } catch {
    return null;
  }
}

/** The 1-minute load average, two decimals. */
export function loadAverage() {
  return Math.round(os.loadavg()[0] * 100) / 100;
}

export async function envInfo(nodeBin) {
  const r = await run(nodeBin, ["-p", "JSON.stringify({node: process.version, v8: process.versions.v8, arch: process.arch})"]);
  if (r.code !== 0) throw new Error(`bench: cannot run --node ${nodeBin}: ${r.stderr.trim()}`);
  const child = JSON.parse(r.stdout.trim());
  const cpus = os.cpus();
  return {
    measuring: { ...child, execPath: nodeBin },
    harness: { node: process.version, v8: process.versions.v8 },
    typescript: pkgVersion("typescript"),
    tsPatch: pkgVersion("ts-patch"),
    esbuild: pkgVersion("esbuild"),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model?.trim() ?? "unknown",
    cores: cpus.length,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    loadStart: loadAverage(),
  };
}
