// @ts-check
// The README's quick start, run as written: its code blocks are read from README.md (so the README cannot drift from
// what works), the files are written into a fresh folder, the shell lines are run one by one with the registry's
// current TypeScript, and the program's output must be the README's `text` block. The one substitution: `ts-slots`
// and `@ts-slots/cli` in the install line are the packages packed from this repository, as they would be published.
// (With TypeScript 7 the Vite plugin's rewrite needs @ts-slots/cli's TypeScript 6 API: without it the build stops at
// TSS9005, so a quick start that forgets it fails here.)
"use strict";
const fs = require("fs");
const path = require("path");
const { repoRoot } = require("./helpers/project");
const { packTarball } = require("./ecosystem/pack");
const { makeRoot, cleanup } = require("./ecosystem/sandbox");
const { run } = require("./ecosystem/run");

/** The fenced blocks of the quick-start section, up to the expected output (the ts-patch lines after it are not run). */
function quickStartBlocks(readme) {
  const section = readme.slice(readme.indexOf("## Quick start"), readme.indexOf("\n## ", readme.indexOf("## Quick start") + 1));
  const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, language, body]) => ({ language, body }));
  const outputIndex = blocks.findIndex((block) => block.language === "text");
  if (outputIndex < 0) throw new Error("the quick start has no ```text block with the program's output");
  return blocks.slice(0, outputIndex + 1);
}

/** A file block names its path in its first line: `// tsconfig.json`. */
function fileOf(block) {
  const [first, ...rest] = block.body.split("\n");
  const match = /^\/\/ (\S+)$/.exec(first);
  return match ? { name: match[1], text: rest.join("\n") } : undefined;
}

/** Shell lines without their comments. */
function commandsOf(block) {
  return block.body
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter(Boolean);
}

/** An install line with this repository's packages as their tarballs (the registry's versions would be stale). */
function withTarballs(command, tarball, cliTarball) {
  return command.replace(/(?<=\s)ts-slots(?=\s|$)/, tarball).replace(/(?<=\s)@ts-slots\/cli(?=\s|$)/, cliTarball);
}

describe("the README's quick start, copied line by line", () => {
  let root;
  let steps;
  let cwd;
  const transcript = [];

  beforeAll(() => {
    const { tarball, cliTarball } = packTarball();
    root = makeRoot("quickstart");
    cwd = root;
    steps = quickStartBlocks(fs.readFileSync(path.join(repoRoot, "README.md"), "utf8"));
    for (const block of steps) {
      if (block.language === "text") continue;
      const file = fileOf(block);
      if (file) {
        fs.mkdirSync(path.dirname(path.join(cwd, file.name)), { recursive: true });
        fs.writeFileSync(path.join(cwd, file.name), file.text);
        continue;
      }
      for (const command of commandsOf(block)) {
        // `mkdir particles && cd particles`: the folder is made here, later lines run inside it.
        const cd = /^mkdir (\S+) && cd \1$/.exec(command);
        if (cd) {
          cwd = path.join(cwd, cd[1]);
          fs.mkdirSync(cwd, { recursive: true });
          continue;
        }
        const line = /^npm install\b/.test(command) ? withTarballs(command, tarball, cliTarball) : command;
        const result = run("bash", ["-c", line], { cwd, timeout: 8 * 60 * 1000 });
        transcript.push({ command, status: result.status, stdout: result.stdout, output: result.output });
        if (result.status !== 0) break;
      }
    }
  }, 15 * 60 * 1000);

  afterAll(() => cleanup(root));

  test("every command succeeds", () => {
    const failed = transcript.find((step) => step.status !== 0);
    expect(failed ? `${failed.command}\n${failed.output}` : "all passed").toBe("all passed");
    expect(transcript.map((step) => step.command)).toEqual(steps.filter((block) => block.language === "sh").flatMap(commandsOf).filter((command) => !/^mkdir /.test(command)));
  });

  // ts-slots must not put a `tsc` of its own on the project's PATH: a hoisted second `typescript` package once did, and
  // the quick start's `npx tsc` then type-checked with TypeScript 6.
  test("`npx tsc` is the registry's current TypeScript, 7 or later, which has no transformer API", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(cwd, "node_modules/typescript/package.json"), "utf8"));
    expect(Number(manifest.version.split(".")[0])).toBeGreaterThanOrEqual(7);
    const version = run("npx", ["tsc", "--version"], { cwd });
    expect(version.stdout.trim()).toBe(`Version ${manifest.version}`);
  });

  test("the program prints exactly what the README shows", () => {
    const expected = steps.find((block) => block.language === "text").body;
    expect(transcript[transcript.length - 1].stdout).toBe(expected);
  });

  test("the built program carries no ts-slots runtime and no decorator", () => {
    const built = fs.readFileSync(path.join(cwd, "dist/main.js"), "utf8");
    expect(built).not.toMatch(/ts-slots|@slots|__decorate|__esDecorate/);
    // `vite build --mode development`: the default seal mode, "development", seals a development build.
    expect(built).toMatch(/Object\.seal\(this\)/);
  });

  // A misuse in a file that declares no @slots class and only imports one. The README's src/main.ts does
  // not export Particle, so the project gets a second @slots class of its own (src/particle.ts) and a file that only
  // imports it (src/misuse.ts); then the README's build lines run again, as written, and must stop at
  // `npx ts-slots check`, which names src/misuse.ts at the line and column of the `delete`.
  test("the same build lines fail at `npx ts-slots check` on a misuse in a file that only imports a @slots class", () => {
    const buildLines = commandsOf(steps.filter((block) => block.language === "sh").find((block) => commandsOf(block).includes("npx ts-slots check")));
    expect(buildLines.slice(0, 2)).toEqual(["npx tsc", "npx ts-slots check"]);
    const added = {
      "src/particle.ts": `import { slots } from "ts-slots";\n\n@slots\nexport class Point {\n  label?: string;\n  constructor(public x: number, public y: number) {}\n}\n`,
      "src/misuse.ts": `import { Point } from "./particle";\n\nconst p = new Point(1, 2);\ndelete p.label;\nconsole.log(p);\n`,
    };
    const lines = added["src/misuse.ts"].split("\n");
    const line = lines.findIndex((text) => text.startsWith("delete ")) + 1;
    const column = lines[line - 1].indexOf("delete") + 1;
    for (const [name, text] of Object.entries(added)) fs.writeFileSync(path.join(cwd, name), text);
    const ran = [];
    try {
      for (const command of buildLines) {
        const result = run("bash", ["-c", command], { cwd, timeout: 8 * 60 * 1000 });
        ran.push({ command, status: result.status, output: result.output });
        if (result.status !== 0) break;
      }
    } finally {
      for (const name of Object.keys(added)) fs.rmSync(path.join(cwd, name));
    }
    // tsc accepts the delete (the slot is optional); the check fails, and nothing after it runs.
    expect(ran.map(({ command, status }) => ({ command, failed: status !== 0 }))).toEqual([
      { command: "npx tsc", failed: false },
      { command: "npx ts-slots check", failed: true },
    ]);
    const check = ran[1].output;
    const at = new RegExp(`^src/misuse\\.ts(:${line}:${column}|\\(${line},${column}\\))[: ].*TSS1001`, "m");
    expect(check).toMatch(at);
    expect(check.match(/TSS1001/g)).toHaveLength(1);
  }, 10 * 60 * 1000);
});
