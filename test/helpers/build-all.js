// @ts-check
// Many small projects compiled by one `tsc -b` (or ts-patch's `tspc -b`) process instead of one `tsc -p` each: the
// build mode parses the library's declaration files once for all of them and starts TypeScript once, which makes 17
// fixture builds about ten times cheaper. What each project gets is what `tsc -p <dir>` gives it (the same emitted
// files, the same diagnostics); the output is split back per project, its paths made relative to that project as
// `tsc -p` run inside it prints them.
"use strict";
const path = require("path");
const { spawnSync } = require("child_process");

/** A line tsc starts a diagnostic with: `file(line,column): category TSnnnn: ...` (continuations are indented). */
const headerPattern = /^(.+?)\(\d+,\d+\): (error|warning|message|suggestion) TS\d+: /;

/**
 * Runs `node <compilerBin> -b <projects...> --pretty false` and returns the exit status (one for all: 0 only when every
 * project built cleanly), the whole output, and each project's lines keyed by the path given for it. A diagnostic
 * whose file lies in no project (a global one) stays in `unattributed`.
 * @param {string} compilerBin a tsc or tspc entry file
 * @param {string[]} projects project directories (each with a tsconfig.json) or tsconfig files, in distinct directories
 * @param {{ env?: NodeJS.ProcessEnv, args?: string[] }} [options] `args`: more flags for tsc (`--force`)
 */
function buildAll(compilerBin, projects, { env, args = [] } = {}) {
  const dirOf = (/** @type {string} */ project) => (project.endsWith(".json") ? path.dirname(project) : project);
  const dirs = projects.map(dirOf);
  const cwd = commonParent(dirs);
  const result = spawnSync(process.execPath, [compilerBin, "-b", ...projects, "--pretty", "false", ...args], { cwd, encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? `\n[spawn error: ${result.error.message}]` : ""}`;
  /** @type {Map<string, string[]>} */
  const lines = new Map(projects.map((project) => [project, []]));
  /** @type {string[]} */
  const unattributed = [];
  const prefixes = projects.map((project) => ({ dir: project, prefix: `${path.relative(cwd, dirOf(project)).split(path.sep).join("/")}/` }));
  /** @type {string[]} */
  let current = unattributed;
  for (const line of output.split(/\r?\n/)) {
    if (line === "") continue;
    const header = headerPattern.exec(line);
    if (header) {
      const owner = prefixes.find(({ prefix }) => header[1].startsWith(prefix));
      current = owner ? /** @type {string[]} */ (lines.get(owner.dir)) : unattributed;
      current.push(owner ? line.slice(owner.prefix.length) : line);
    } else if (/^\s/.test(line)) {
      current.push(line);
    } else {
      current = unattributed;
      unattributed.push(line);
    }
  }
  /** The project's lines joined as `tsc -p` prints them (a trailing newline when there are any). */
  const outputOf = (/** @type {string} */ project) => {
    const own = lines.get(project);
    if (!own) throw new Error(`${project} was not built`);
    return own.map((line) => `${line}\n`).join("");
  };
  return { status: result.status, output, unattributed, outputOf };
}

/** The deepest directory holding every one of `dirs`. */
function commonParent(dirs) {
  let parent = path.dirname(dirs[0]);
  const inside = (dir) => dir.startsWith(parent.endsWith(path.sep) ? parent : `${parent}${path.sep}`);
  while (!dirs.every(inside) && parent !== path.dirname(parent)) parent = path.dirname(parent);
  return parent;
}

module.exports = { buildAll };
