// Where a `compilerOptions.plugins` entry is written in a tsconfig file: the entries, their keys and values as nodes of
// TypeScript's own JSON syntax tree (`ts.readJsonConfigFile`), so that a diagnostic about an entry can point into the
// file. Pure: it uses only the TypeScript API it is handed and no Node module, because the runtime entry (a mistaken
// `{ "transform": "ts-slots" }`) loads it too and ends up in browser bundles of the runtime fallback.
import type * as ts from "typescript";

/** A tsconfig file as TypeScript parsed it, with where it lives. */
export interface ConfigSource {
  file: ts.TsConfigSourceFile;
  root: ts.ObjectLiteralExpression;
}

/** A span in a tsconfig file, ready for a diagnostic. */
export interface ConfigSpan {
  file: ts.SourceFile;
  start: number;
  length: number;
}

/**
 * `transform` values that load the package root (its run-time decorator) instead of `ts-slots/transformer`: the
 * slip TSS9004 reports. runtime/tsPatchEntry.ts keeps a copy of this pattern (its bundle must not grow).
 */
const packageRootTransform = /^ts-slots(\/dist\/runtime(\/index(\.js)?)?)?\/?$/;

export function isPackageRootTransform(transform: unknown): boolean {
  return typeof transform === "string" && packageRootTransform.test(transform);
}

function nameOf(property: ts.ObjectLiteralElementLike, tsApi: typeof ts): string | undefined {
  const name = property.name;
  return name && (tsApi.isStringLiteral(name) || tsApi.isIdentifier(name)) ? name.text : undefined;
}

/** The property `key` of a JSON object, the last one written (as JSON.parse and TypeScript read duplicates). */
export function propertyOf(object: ts.ObjectLiteralExpression, key: string, tsApi: typeof ts): ts.PropertyAssignment | undefined {
  const found = object.properties.filter((property): property is ts.PropertyAssignment => tsApi.isPropertyAssignment(property) && nameOf(property, tsApi) === key);
  return found[found.length - 1];
}

/** Reads and parses a tsconfig file; undefined when it cannot be read or is not a JSON object. */
export function readConfigSource(fileName: string, tsApi: typeof ts): ConfigSource | undefined {
  const file = tsApi.readJsonConfigFile(fileName, tsApi.sys.readFile);
  const statement = file.statements[0];
  const root = statement && tsApi.isExpressionStatement(statement) ? statement.expression : undefined;
  return root && tsApi.isObjectLiteralExpression(root) ? { file, root } : undefined;
}

/** The object entries of `compilerOptions.plugins`, as written in this one file (not its `extends`). */
export function pluginEntriesOf(source: ConfigSource, tsApi: typeof ts): ts.ObjectLiteralExpression[] {
  const compilerOptions = propertyOf(source.root, "compilerOptions", tsApi)?.initializer;
  if (!compilerOptions || !tsApi.isObjectLiteralExpression(compilerOptions)) return [];
  const plugins = propertyOf(compilerOptions, "plugins", tsApi)?.initializer;
  if (!plugins || !tsApi.isArrayLiteralExpression(plugins)) return [];
  return plugins.elements.filter((element): element is ts.ObjectLiteralExpression => tsApi.isObjectLiteralExpression(element));
}

/** The string value of `key` in an entry, e.g. its `transform`. */
export function stringValueOf(entry: ts.ObjectLiteralExpression, key: string, tsApi: typeof ts): string | undefined {
  const value = propertyOf(entry, key, tsApi)?.initializer;
  return value && tsApi.isStringLiteral(value) ? value.text : undefined;
}

/** The `extends` of a tsconfig file as written (a string or a list of strings). */
export function extendsOf(source: ConfigSource, tsApi: typeof ts): string[] {
  const value = propertyOf(source.root, "extends", tsApi)?.initializer;
  if (!value) return [];
  const items = tsApi.isArrayLiteralExpression(value) ? [...value.elements] : [value];
  return items.flatMap((item) => (tsApi.isStringLiteral(item) ? [item.text] : []));
}

const maxExtendsDepth = 16;

/**
 * A project's tsconfig, then the files it extends, depth first. `resolveExtends` turns an `extends` value into a file
 * name (undefined: not followed), so that this module needs no Node API.
 */
export function configChain(configPath: string, tsApi: typeof ts, resolveExtends: (specifier: string, fromFile: string) => string | undefined): ConfigSource[] {
  const chain: ConfigSource[] = [];
  const seen = new Set<string>();
  const visit = (fileName: string, depth: number): void => {
    if (seen.has(fileName) || depth > maxExtendsDepth) return;
    seen.add(fileName);
    const source = readConfigSource(fileName, tsApi);
    if (!source) return;
    chain.push(source);
    for (const specifier of extendsOf(source, tsApi)) {
      const next = resolveExtends(specifier, fileName);
      if (next) visit(next, depth + 1);
    }
  };
  visit(configPath, 0);
  return chain;
}

export function spanOf(node: ts.Node, file: ts.SourceFile): ConfigSpan {
  const start = node.getStart(file);
  return { file, start, length: node.getEnd() - start };
}
