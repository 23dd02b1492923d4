// env-info: versions and machine facts printed in every report (parent Node, the measuring Node, V8, TS, CPU).
import { readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { ROOT } from "./config.mjs";

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

/** nodes: the resolved Nodes (bench/lib/nodes.mjs), headline first. */
export function envInfo(nodes) {
  const cpus = os.cpus();
  const describe = ({ key, node, v8, arch, bin, installed }) => ({ key, node, v8, arch, execPath: bin, installed });
  return {
    measuring: describe(nodes[0]),
    nodes: nodes.map(describe),
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
