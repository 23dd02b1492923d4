// @ts-check
// The editor side: a real `ts.LanguageService` over each diagnostics fixture, with the ts-slots plugin loaded the way
// tsserver loads it (resolved by name from the project, `init({ typescript })`, then `create(info)`), must report
// from `getSemanticDiagnostics` the same ts-slots codes, categories, positions and messages as the build. Also: a
// real tsserver process loads the plugin from tsconfig, and a failing plugin never hides TypeScript's own
// diagnostics. Needs `npm run build` first. The builds compared against are one `tspc -b` over every project here
// (test/helpers/build-all.js), and the language services share one document registry, as tsserver's projects do.
"use strict";
const fs = require("fs");
const path = require("path");
const ts = require("typescript");
const { makeProject: makeProjectDir, compile, repoRoot, bin } = require("./helpers/project");
const { buildAll } = require("./helpers/build-all");
const { withTsserver } = require("./helpers/tsserver");
const { fixtureNames, loadFixture, positionKey } = require("../fixtures/diagnostics/expectations");
const { diagnosticCodeBase } = require("../dist/transformer/core/diagnostics");

/** Projects this file made, removed after all. */
const temps = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});
function makeProject(options) {
  const dir = makeProjectDir(options);
  temps.push(dir);
  return dir;
}

const pluginName = "ts-slots/language-service";
const buildLine = /^(?:(.+?)\((\d+),(\d+)\): )?(error|warning) TS(99\d{4}): (.*)$/;

/** The build's ts-slots diagnostics in the sources (not the global ones, nor those the build places in tsconfig.json). */
function buildDiagnostics(output) {
  return output.split(/\r?\n/).flatMap((line) => {
    const match = buildLine.exec(line);
    if (!match || match[1] === undefined || match[1].endsWith(".json")) return [];
    return [{ file: match[1], line: Number(match[2]), column: Number(match[3]), category: match[4], code: `TSS${Number(match[5]) - diagnosticCodeBase}`, message: match[6] }];
  });
}

/** One registry for every language service here, as tsserver shares one between its projects: the library is parsed once. */
const documentRegistry = ts.createDocumentRegistry();

/** A language service over a project directory, as an editor would create it from its tsconfig.json. */
function languageServiceFor(dir) {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(dir, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const host = {
    getScriptFileNames: () => parsed.fileNames,
    getScriptVersion: () => "1",
    getScriptSnapshot: (fileName) => (fs.existsSync(fileName) ? ts.ScriptSnapshot.fromString(fs.readFileSync(fileName, "utf8")) : undefined),
    getCurrentDirectory: () => dir,
    getCompilationSettings: () => parsed.options,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
  };
  return { host, service: ts.createLanguageService(host, documentRegistry), fileNames: parsed.fileNames };
}

/** Loads the plugin as tsserver does: resolved by name from the project, then `init({ typescript })` and `create`. */
function withPlugin(dir, service, host) {
  const modulePath = require.resolve(pluginName, { paths: [dir] });
  const init = require(modulePath);
  const plugin = init({ typescript: ts });
  const logged = [];
  const project = { projectService: { logger: { info: (message) => logged.push(message) } } };
  const decorated = plugin.create({ languageService: service, languageServiceHost: host, project, serverHost: ts.sys, config: { name: pluginName } });
  return { decorated, modulePath, logged };
}

/** One ts-slots diagnostic of the language service, as the tests compare it: positioned, relative to its project. */
function slotsDiagnostic(diagnostic, dir) {
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return {
    file: path.relative(dir, diagnostic.file.fileName),
    line: line + 1,
    column: character + 1,
    category: ts.DiagnosticCategory[diagnostic.category].toLowerCase(),
    code: `TSS${diagnostic.code - diagnosticCodeBase}`,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
  };
}

function slotsDiagnosticsOf(service, fileNames, dir) {
  return fileNames.flatMap((fileName) =>
    service
      .getSemanticDiagnostics(fileName)
      .filter((diagnostic) => diagnostic.code >= diagnosticCodeBase)
      .map((diagnostic) => slotsDiagnostic(diagnostic, dir)),
  );
}

const byPosition = (a, b) => positionKey(a).localeCompare(positionKey(b));

/** 1-based line and column of the first `text` in a file, with the file relative to its project. */
function positionOfText(fileName, text) {
  const source = fs.readFileSync(fileName, "utf8");
  const offset = source.indexOf(text);
  if (offset < 0) throw new Error(`${text} is not in ${fileName}`);
  const before = source.slice(0, offset).split("\n");
  return { file: path.basename(fileName), line: before.length, column: before[before.length - 1].length + 1 };
}

/** Where the build and the editor put a problem of option `key` of the plugin entry: its name or its value. */
function positionInTsconfig(dir, key, part) {
  const configPath = path.join(dir, "tsconfig.json");
  const source = fs.readFileSync(configPath, "utf8");
  const keyAt = positionOfText(configPath, `"${key}"`);
  if (part === "key") return keyAt;
  const line = source.split("\n")[keyAt.line - 1];
  return { ...keyAt, column: line.indexOf(":", keyAt.column) + 3 };
}

/** The ts-slots diagnostics a (decorated) language service reports for the project's options, positioned. */
function configDiagnosticsOf(service, dir) {
  return service
    .getCompilerOptionsDiagnostics()
    .filter((diagnostic) => diagnostic.code >= diagnosticCodeBase)
    .map((diagnostic) => {
      const { file, line, column, code, category } = slotsDiagnostic(diagnostic, dir);
      return { file, line, column, code, category };
    });
}

/** The ts-slots diagnostics the build places in a tsconfig file. */
function buildConfigLines(output) {
  return output.split(/\r?\n/).flatMap((line) => {
    const match = buildLine.exec(line);
    if (!match || match[1] === undefined || !match[1].endsWith(".json")) return [];
    return [{ file: match[1], line: Number(match[2]), column: Number(match[3]), code: `TSS${Number(match[5]) - diagnosticCodeBase}`, category: match[4] }];
  });
}
const fixtures = fixtureNames().map(loadFixture);
const citizen = loadFixture("tss1001-delete");

/** A project with tss1001-delete's sources whose tsconfig carries `entry` as its only plugin. */
function projectWithPluginEntry(entry, name) {
  const dir = makeProject({ files: citizen.files, plugin: false, name });
  const configPath = path.join(dir, "tsconfig.json");
  const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
  config.compilerOptions.plugins = [entry];
  fs.writeFileSync(configPath, JSON.stringify(config, null, 2));
  return dir;
}

/** Every project the build is compared with, made and built (one `tspc -b`) before the tests: fixtures by name. */
const projects = {};
let built;
beforeAll(() => {
  for (const fixture of fixtures) {
    projects[fixture.name] = makeProject({ files: fixture.files, compilerOptions: fixture.compilerOptions, plugin: fixture.plugin, name: `ls-${fixture.name}` });
  }
  projects["option-TSS9001"] = projectWithPluginEntry({ transform: "ts-slots/transformer", sael: "always" }, "ls-options");
  projects["option-TSS9002"] = projectWithPluginEntry({ transform: "ts-slots/transformer", seal: "sometimes" }, "ls-options");
  projects["package-root"] = projectWithPluginEntry({ transform: "ts-slots" }, "ls-package-root");
  built = buildAll(bin.tspc, Object.values(projects));
}, 5 * 60 * 1000);

describe.each(fixtures.map((fixture) => [fixture.name, fixture]))("fixture %s in the language service", (_name, fixture) => {
  let dir;
  let build;
  let editor;
  let plain;
  beforeAll(() => {
    dir = projects[fixture.name];
    build = buildDiagnostics(built.outputOf(dir)).sort(byPosition);
    const { host, service, fileNames } = languageServiceFor(dir);
    plain = slotsDiagnosticsOf(service, fileNames, dir);
    const { decorated, modulePath } = withPlugin(dir, service, host);
    expect(modulePath).toBe(path.join(repoRoot, "dist/language-service/index.js"));
    const sources = fileNames.filter((fileName) => !fileName.endsWith(".d.ts"));
    editor = slotsDiagnosticsOf(decorated, sources, dir).sort(byPosition);
  });

  test("without the plugin the language service knows nothing of ts-slots", () => {
    expect(plain).toEqual([]);
  });

  test("reports the same codes, categories, positions and messages as the build", () => {
    const positioned = editor.filter((diagnostic) => !fixture.global.some((global) => global.code === diagnostic.code));
    expect(positioned).toEqual(build);
  });

  test("reports the expected diagnostics of the fixture markers", () => {
    const shape = ({ file, line, column, code, category }) => ({ file, line, column, code, category });
    const positioned = editor.filter((diagnostic) => !fixture.global.some((global) => global.code === diagnostic.code));
    expect(positioned.map(shape)).toEqual(fixture.expected.map(shape).sort(byPosition));
  });

  test("plugin option problems are pinned to the start of every file", () => {
    const sources = Object.keys(fixture.files).filter((file) => !file.endsWith(".d.ts"));
    const pinned = editor.filter((diagnostic) => fixture.global.some((global) => global.code === diagnostic.code));
    const expected = sources.flatMap((file) =>
      fixture.global.map((global) => ({ file: `src/${file}`, line: 1, column: 1, code: global.code, category: global.category })),
    );
    expect(pinned.map(({ file, line, column, code, category }) => ({ file, line, column, code, category }))).toEqual(expected.sort(byPosition));
    for (const diagnostic of pinned) expect(diagnostic.message).toContain(fixture.global.find((global) => global.code === diagnostic.code).text);
  });
});

describe("the plugin as a citizen of the language service", () => {
  const fixture = citizen;
  let dir;
  let host;
  let service;
  beforeAll(() => {
    dir = makeProject({ files: fixture.files, name: "ls-citizen" });
    ({ host, service } = languageServiceFor(dir));
  });

  test("leaves the other services as they are", () => {
    const { decorated } = withPlugin(dir, service, host);
    const fileName = path.join(dir, "src/index.ts");
    const text = fs.readFileSync(fileName, "utf8");
    const position = text.indexOf("Profile") + 1;
    expect(decorated.getQuickInfoAtPosition(fileName, position)).toEqual(service.getQuickInfoAtPosition(fileName, position));
    expect(decorated.getSyntacticDiagnostics(fileName)).toEqual(service.getSyntacticDiagnostics(fileName));
  });

  test("option problems are also compiler-options diagnostics, at the key or value in tsconfig.json where the build puts them", () => {
    for (const [plugin, code] of [
      [{ sael: "always" }, "TSS9001"],
      [{ seal: "sometimes" }, "TSS9002"],
    ]) {
      const badDir = projects[`option-${code}`];
      const bad = languageServiceFor(badDir);
      const { decorated } = withPlugin(badDir, bad.service, bad.host);
      const editor = configDiagnosticsOf(decorated, badDir);
      const build = buildConfigLines(built.outputOf(badDir));
      expect(editor).toEqual([{ ...positionInTsconfig(badDir, Object.keys(plugin)[0], code === "TSS9001" ? "key" : "value"), code, category: "error" }]);
      expect(editor).toEqual(build);
    }
  });

  test('{ "transform": "ts-slots" } (TSS9004): a compiler-options diagnostic at that value, where the build puts it, and pinned to each file', () => {
    const rootDir = projects["package-root"];
    const configPath = path.join(rootDir, "tsconfig.json");
    const project = languageServiceFor(rootDir);
    const { decorated } = withPlugin(rootDir, project.service, project.host);
    const editor = configDiagnosticsOf(decorated, rootDir);
    expect(editor).toEqual([{ ...positionOfText(configPath, '"ts-slots"'), code: "TSS9004", category: "error" }]);
    expect(editor).toEqual(buildConfigLines(built.outputOf(rootDir)));
    const pinned = slotsDiagnosticsOf(decorated, [path.join(rootDir, "src/index.ts")], rootDir).filter((diagnostic) => diagnostic.code === "TSS9004");
    expect(pinned).toMatchObject([{ file: "src/index.ts", line: 1, column: 1, category: "error" }]);
    expect(pinned[0].message).toContain('write { "transform": "ts-slots/transformer" }');
  });

  test("a failing plugin logs and returns TypeScript's own diagnostics instead of throwing", () => {
    const broken = Object.create(service);
    broken.getProgram = () => {
      throw new Error("no program today");
    };
    const { decorated, logged } = withPlugin(dir, broken, host);
    const fileName = path.join(dir, "src/index.ts");
    expect(decorated.getSemanticDiagnostics(fileName)).toEqual(service.getSemanticDiagnostics(fileName));
    expect(logged.some((message) => message.includes("no program today"))).toBe(true);
  });
});

/** Opens the fixture's index.ts in a real tsserver with `pluginEntry` in tsconfig; returns its ts-slots diagnostics. */
async function tsserverDiagnostics(fixture, pluginEntry) {
  const dir = makeProject({ files: fixture.files, name: "tsserver" });
  const configPath = path.join(dir, "tsconfig.json");
  const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
  config.compilerOptions.plugins.push({ name: pluginEntry });
  fs.writeFileSync(configPath, JSON.stringify(config, null, 2));
  const fileName = path.join(dir, "src/index.ts");
  const { result, log } = await withTsserver(dir, async ({ request }) => {
    await request("open", { file: fileName, projectRootPath: dir });
    return request("semanticDiagnosticsSync", { file: fileName });
  });
  const found = result.body
    .filter((diagnostic) => diagnostic.code >= diagnosticCodeBase)
    .map((diagnostic) => ({ line: diagnostic.start.line, column: diagnostic.start.offset, code: `TSS${diagnostic.code - diagnosticCodeBase}`, category: diagnostic.category }));
  return { found: found.sort(byPosition), log };
}

describe("a real tsserver", () => {
  const fixture = loadFixture("tss1001-delete");
  const expected = fixture.expected.map(({ line, column, code, category }) => ({ line, column, code, category })).sort(byPosition);

  test("runs the plugin from tsconfig `plugins` and reports the build's diagnostics for an open file", async () => {
    // The compiled file's own path works too (see the next test for the documented name).
    const { found, log } = await tsserverDiagnostics(fixture, "ts-slots/dist/language-service");
    expect(log).toContain("ts-slots: language-service plugin loaded");
    expect(found).toEqual(expected);
  });

  // tsserver resolves `ts-slots/language-service` to node_modules/ts-slots/language-service/package.json, whose
  // `main` points at the compiled plugin: it does not read package.json `exports`.
  test("loads it by the documented name `ts-slots/language-service`", async () => {
    const { found } = await tsserverDiagnostics(fixture, pluginName);
    expect(found).toEqual(expected);
  });

  // tsserver sends getCompilerOptionsDiagnostics in its configFileDiag event, which editors (VS Code among them) show
  // in tsconfig.json at each diagnostic's span.
  test("a misspelt option reaches the editor at its key in tsconfig.json (configFileDiag), as the build reports it", async () => {
    const dir = makeProject({ files: fixture.files, plugin: { sael: "always" }, name: "tsserver-options" });
    const configPath = path.join(dir, "tsconfig.json");
    const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
    config.compilerOptions.plugins.push({ name: pluginName });
    fs.writeFileSync(configPath, JSON.stringify(config, null, 2));
    const { result: event } = await withTsserver(dir, async ({ request, waitForEvent }) => {
      await request("open", { file: path.join(dir, "src/index.ts"), projectRootPath: dir });
      return waitForEvent("configFileDiag");
    });
    const found = event.body.diagnostics
      .filter((diagnostic) => diagnostic.code >= diagnosticCodeBase)
      .map((diagnostic) => ({ file: path.relative(dir, diagnostic.fileName), line: diagnostic.start.line, column: diagnostic.start.offset, code: `TSS${diagnostic.code - diagnosticCodeBase}`, category: diagnostic.category }));
    expect(found).toEqual([{ ...positionInTsconfig(dir, "sael", "key"), code: "TSS9001", category: "error" }]);
    expect(found).toEqual(buildConfigLines(compile(dir, "tspc").output));
  });
});

/** Applies tsserver's text changes (1-based line/offset spans) to a text, last first so earlier spans stay put. */
function applyTextChanges(text, textChanges) {
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((match) => match.index + 1)];
  const offsetOf = ({ line, offset }) => lineStarts[line - 1] + offset - 1;
  return [...textChanges]
    .sort((a, b) => offsetOf(b.start) - offsetOf(a.start))
    .reduce((current, change) => current.slice(0, offsetOf(change.start)) + change.newText + current.slice(offsetOf(change.end)), text);
}

describe("a real tsserver: the plugin's quick fixes and review suggestions", () => {
  const files = {
    "point.ts": 'import { slots } from "ts-slots";\n\n@slots\nexport class Point {\n  x = 0;\n  constructor(public label: string) {}\n}\n',
    "index.ts":
      'import { Point } from "./point";\n\nexport function forget(p: Point): void {\n  delete p.label;\n}\n\n' +
      "export function tag(p: Point): void {\n  (p as any).tagged = true;\n}\n\n" +
      "export function hide(p: Point): unknown {\n  const anything: any = p;\n  return anything;\n}\n",
  };

  test("offers the fixes `ts-slots lsp` offers (getCodeFixes), applies across files, and shows TSS1014 as a suggestion", async () => {
    const dir = makeProject({ files, name: "tsserver-fixes" });
    const configPath = path.join(dir, "tsconfig.json");
    const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
    config.compilerOptions.plugins.push({ name: pluginName });
    fs.writeFileSync(configPath, JSON.stringify(config, null, 2));
    const index = path.join(dir, "src/index.ts");
    const point = path.join(dir, "src/point.ts");
    const texts = { [index]: files["index.ts"], [point]: files["point.ts"] };
    const slotsCodes = (body) => body.filter((diagnostic) => diagnostic.code >= diagnosticCodeBase).map((diagnostic) => ({ line: diagnostic.start.line, code: `TSS${diagnostic.code - diagnosticCodeBase}`, category: diagnostic.category }));

    const { result } = await withTsserver(dir, async ({ request }) => {
      await request("open", { file: index, projectRootPath: dir });
      await request("open", { file: point, projectRootPath: dir });
      const supported = (await request("getSupportedCodeFixes", { file: index })).body;
      const before = slotsCodes((await request("semanticDiagnosticsSync", { file: index })).body);
      const suggestions = slotsCodes((await request("suggestionDiagnosticsSync", { file: index })).body);

      /** Asks for the fixes of the first diagnostic with `code`, and applies the first fix to the open files. */
      const fixFirst = async (code) => {
        const diagnostics = (await request("semanticDiagnosticsSync", { file: index })).body;
        const target = diagnostics.find((diagnostic) => diagnostic.code === diagnosticCodeBase + code);
        const fixes = (
          await request("getCodeFixes", { file: index, startLine: target.start.line, startOffset: target.start.offset, endLine: target.end.line, endOffset: target.end.offset, errorCodes: [target.code] })
        ).body;
        const [fix] = fixes;
        for (const change of fix.changes) texts[change.fileName] = applyTextChanges(texts[change.fileName], change.textChanges);
        await request("updateOpen", { changedFiles: fix.changes.map((change) => ({ fileName: change.fileName, textChanges: change.textChanges })) });
        return fixes.map(({ fixName, description }) => ({ fixName, description }));
      };
      const deleteFixes = await fixFirst(1001);
      const afterDelete = slotsCodes((await request("semanticDiagnosticsSync", { file: index })).body);
      const castFixes = await fixFirst(1006);
      const after = (await request("semanticDiagnosticsSync", { file: index })).body;
      const pointAfter = (await request("semanticDiagnosticsSync", { file: point })).body;
      return { supported, before, suggestions, deleteFixes, afterDelete, castFixes, after, pointAfter };
    });

    expect(result.supported).toEqual(expect.arrayContaining(["991001", "991002", "991005", "991006"]));
    expect(result.before).toEqual([
      { line: 4, code: "TSS1001", category: "error" },
      { line: 8, code: "TSS1006", category: "error" },
    ]);
    // Review problems are suggestions only: never among the errors and warnings.
    expect(result.suggestions).toEqual([{ line: 12, code: "TSS1014", category: "suggestion" }]);
    expect(result.deleteFixes).toEqual([{ fixName: "ts-slots-delete-to-undefined", description: "Replace 'delete p.label' with 'p.label = undefined'" }]);
    expect(result.afterDelete).toEqual([{ line: 8, code: "TSS1006", category: "error" }]);
    expect(result.castFixes).toEqual([{ fixName: "ts-slots-declare-field", description: "Declare 'tagged' as a field of Point and drop the cast" }]);
    // Both fixed files are clean for ts-slots and for TypeScript itself.
    expect(result.after).toEqual([]);
    expect(result.pointAfter).toEqual([]);
    expect(texts[index]).toContain("  p.label = undefined;\n");
    expect(texts[index]).toContain("  p.tagged = true;\n");
    expect(texts[point]).toBe('import { slots } from "ts-slots";\n\n@slots\nexport class Point {\n  tagged!: boolean;\n  x = 0;\n  constructor(public label: string | undefined) {}\n}\n');
  });
});

// The editor's review suggestions follow functions kept in a private table as the audit does (the plugin hands the
// checks the program's source files): a callback typed as the class keeps the instance closed, one typed `any` in
// another file does not.
describe("the plugin's review suggestions across the program's files", () => {
  const stream =
    'import { slots } from "ts-slots";\n\n@slots\nexport class Tok {\n  text = "";\n}\n\n' +
    "export class Stream {\n  private handlers: Record<string, (arg: any) => void> = {};\n" +
    "  on(name: string, cb: (arg: Tok) => void): this {\n    this.handlers[name] = cb;\n    return this;\n  }\n" +
    "  trigger(name: string, tok: Tok): void {\n    this.handlers[name]?.(tok);\n  }\n}\n";
  const suggestionsOf = (/** @type {string} */ listener) => {
    const dir = makeProject({ files: { "stream.ts": stream, "use.ts": `import { Stream, Tok } from "./stream";\nnew Stream().on("t", ${listener}).trigger("t", new Tok());\n` }, name: "ls-stored" });
    const { host, service } = languageServiceFor(dir);
    const { decorated } = withPlugin(dir, service, host);
    return decorated
      .getSuggestionDiagnostics(path.join(dir, "src/stream.ts"))
      .filter((diagnostic) => diagnostic.code >= diagnosticCodeBase)
      .map((diagnostic) => slotsDiagnostic(diagnostic, dir))
      .map(({ line, code }) => `${line} ${code}`);
  };

  test("no TSS1014 where every stored callback is typed as the class; one where a caller's is typed any", () => {
    expect(suggestionsOf("(t: Tok) => t.text")).toEqual([]);
    expect(suggestionsOf("(t: any) => (t.extra = 1)")).toEqual(["15 TSS1014"]);
  });
});
