/**
 * npm ecosystem: package.json (every dependency kind, workspaces), lock files as markers, and
 * pnpm-workspace.yaml. Also the JSON helpers composer.json reuses.
 */
import { parseTree, findNodeAtLocation, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import type { Ecosystem, ManifestResult } from './types';
import { lineIndex, folder, MANIFEST_MEANINGS, addDependency, basename, emptyResult, normalizeText, warn, errorMessage } from './util';

/** A parsed JSON document with positions. */
export interface JsonDoc {
  root: Node | undefined;
  /** 1-based line of a 0-based offset. */
  lineAt: (offset: number) => number;
  errors: ParseError[];
  /** Set when the text could not be read at all (nesting deeper than the parser's stack allows). */
  failure?: string;
}

/** Deepest JSON nesting read; a manifest deeper than this is refused with a clear warning. */
export const MAX_JSON_DEPTH = 512;

/** Nesting depth of JSON text (brackets outside strings), counting no further than `stop` + 1. Linear. */
export function jsonDepth(text: string, stop = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) max = depth;
      if (max > stop) return max;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

/**
 * Parses JSON text tolerantly (jsonc-parser recovers what it can). `errors` lists syntax
 * problems with character offsets; the caller turns them into warnings.
 */
export function parseJsonDoc(text: string): JsonDoc {
  const t = normalizeText(text);
  const errors: ParseError[] = [];
  const depth = jsonDepth(t, MAX_JSON_DEPTH);
  if (depth > MAX_JSON_DEPTH) return { root: undefined, lineAt: lineIndex(t), errors: [], failure: `nesting too deep (over ${MAX_JSON_DEPTH} levels)` };
  try {
    const root = parseTree(t, errors, { allowTrailingComma: false, disallowComments: true });
    return { root, lineAt: lineIndex(t), errors };
  } catch (e) {
    // jsonc-parser recurses per nesting level: thousands of `[` exhaust the stack.
    return { root: undefined, lineAt: lineIndex(t), errors: [], failure: errorMessage(e) };
  }
}

/** Adds one warning for the first JSON syntax error of `doc`, with its 1-based line. */
export function warnJsonErrors(result: ManifestResult, doc: JsonDoc): void {
  if (doc.failure) warn(result, doc.failure.startsWith('nesting too deep') ? doc.failure : `malformed JSON: could not be read (${doc.failure})`);
  if (doc.errors.length === 0) return;
  const e = doc.errors[0];
  const more = doc.errors.length > 1 ? ` (+${doc.errors.length - 1} more)` : '';
  warn(result, `malformed JSON: ${printParseErrorCode(e.error)} at line ${doc.lineAt(e.offset)}${more}`);
}

/** String value of property `key` of object node `obj`, if it is a string. */
export function jsonString(obj: Node | undefined, key: string): string | undefined {
  const n = obj && obj.type === 'object' ? findNodeAtLocation(obj, [key]) : undefined;
  return n && n.type === 'string' ? (n.value as string) : undefined;
}

/**
 * Reads the objects data/manifests.json `json[file]` names (`dependencies`, `require-dev` ...) as
 * `name → version` entries, each a dependency with that entry's scope and the 1-based line of the
 * property name. Non-string versions (composer allows none, npm neither) are kept without a version.
 */
export function addJsonDeps(result: ManifestResult, doc: JsonDoc, file: string, ecosystem: Ecosystem, skip?: (name: string) => boolean): void {
  for (const { key, scope } of MANIFEST_MEANINGS.json[file]) {
    const obj = doc.root && doc.root.type === 'object' ? findNodeAtLocation(doc.root, [key]) : undefined;
    if (!obj) continue;
    if (obj.type !== 'object' || !obj.children) {
      warn(result, `line ${doc.lineAt(obj.offset)}: "${key}" is ${obj.type === 'array' ? 'an array' : `a ${obj.type}`}, not an object of name → version; ignored`);
      continue;
    }
    let wrong = 0;
    for (const prop of obj.children) {
      const [k, v] = prop.children ?? [];
      if (!k || k.type !== 'string') continue;
      let name = k.value as string;
      if (!name || skip?.(name)) continue;
      if (v && v.type !== 'string' && !(ecosystem === 'composer' && v.type === 'object') && wrong++ < 3) {
        warn(result, `line ${doc.lineAt(v.offset)}: "${key}" → "${name}": the version is ${v.type === 'array' || v.type === 'object' ? `an ${v.type}` : `a ${v.type}`}, not a string`);
      }
      let version = v && v.type === 'string' ? (v.value as string) : undefined;
      // npm aliases: "foo": "npm:bar@^1" installs the package bar under the name foo.
      if (ecosystem === 'npm' && version?.startsWith('npm:')) {
        const spec = version.slice(4);
        const at = spec.lastIndexOf('@');
        [name, version] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, version];
      }
      addDependency(result, { ecosystem, name, scope, line: doc.lineAt(k.offset), version });
    }
  }
}

/**
 * Reads a JSON manifest (`file`: a key of data/manifests.json `json`): its `name` and the
 * dependencies {@link addJsonDeps} finds, and `root`, its top object. Malformed JSON and a top
 * value that is not an object give a warning; the result keeps whatever could be recovered.
 */
export function readJsonManifest(path: string, text: string, file: string, ecosystem: Ecosystem, skip?: (name: string) => boolean): { result: ManifestResult; root?: Node } {
  const result = emptyResult(path, file);
  const doc = parseJsonDoc(text);
  warnJsonErrors(result, doc);
  if (!doc.root || doc.root.type !== 'object') {
    if (doc.errors.length === 0 && !doc.failure) warn(result, `${file} is not a JSON object`);
    return { result };
  }
  const name = jsonString(doc.root, 'name');
  if (name) result.name = name;
  addJsonDeps(result, doc, file, ecosystem, skip);
  return { result, root: doc.root };
}

/** Strings of an array node (non-strings skipped). */
function stringItems(n: Node | undefined): string[] {
  if (!n || n.type !== 'array' || !n.children) return [];
  return n.children.filter((c) => c.type === 'string').map((c) => c.value as string);
}

/**
 * Parses a package.json. Dependencies: `dependencies` (prod), `devDependencies` (dev),
 * `peerDependencies` (peer), `optionalDependencies` (optional), each with the 1-based line of
 * its key; `npm:` aliases report the real package. `workspaces` may be an array or
 * `{ packages: [...] }`. Malformed JSON yields a warning and whatever could be recovered.
 */
export function parsePackageJson(path: string, text: string): ManifestResult {
  const { result, root } = readJsonManifest(path, text, 'package.json', 'npm');
  const ws = root && findNodeAtLocation(root, ['workspaces']);
  const globs = ws?.type === 'array' ? stringItems(ws) : ws?.type === 'object' ? stringItems(findNodeAtLocation(ws, ['packages'])) : [];
  if (globs.length) result.workspaces = globs.map(folder);
  return result;
}

const LOCK_FILES = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb']);

/** True for npm-family lock file names (package-lock.json, yarn.lock, pnpm-lock.yaml, bun.lock). */
export function isNpmLockFile(path: string): boolean {
  return LOCK_FILES.has(basename(path).toLowerCase());
}

/**
 * A lock file read only as a marker of the package manager: the result's `kind` is the file
 * name (which tells npm, yarn, pnpm or bun) and it declares no dependencies.
 */
export function parseNpmLockFile(path: string, _text: string): ManifestResult {
  return emptyResult(path, isNpmLockFile(path) ? basename(path).toLowerCase() : basename(path));
}

/**
 * Parses pnpm-workspace.yaml: its `packages:` globs become `workspaces`. Malformed YAML
 * yields a warning; YAML warnings (unknown directives) are not printed to the console.
 */
export function parsePnpmWorkspace(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'pnpm-workspace.yaml');
  try {
    const doc = parseYaml(normalizeText(text), { maxAliasCount: 100, logLevel: 'error' }) as unknown;
    const pk = doc && typeof doc === 'object' ? (doc as Record<string, unknown>).packages : undefined;
    if (Array.isArray(pk)) {
      const globs = pk.filter((g): g is string => typeof g === 'string' && !g.startsWith('!')).map(folder);
      if (globs.length) result.workspaces = globs;
    }
  } catch (e) {
    warn(result, `malformed YAML: ${errorMessage(e)}`);
  }
  return result;
}
