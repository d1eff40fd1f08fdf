/**
 * Small helpers shared by the practice detectors: path tests, line lookup, YAML with line
 * numbers, per-scan memoisation and technology evidence.
 */
import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, isPair } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { Evidence } from '../types';
import type { DetectorContext, WorkspaceFile } from './types';

/** Last segment of a POSIX path. */
export function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Folder part of a POSIX path ('' for files at the root). */
export function dirName(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/** Joins a folder and a name without producing a leading slash for the root. */
export function joinPath(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** 1-based line of a character offset in `text`. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** One regex hit with its position: 1-based line, 0-based columns on that line. */
export interface TextHit {
  line: number;
  column: number;
  endColumn: number;
  match: RegExpExecArray;
  /** Whole text of the matched line (trimmed). */
  lineText: string;
}

let lastText: string | undefined;
let lastStarts: number[] = [];

/** Offsets where each line of `text` starts (0 first); the last text's result is reused. */
function lineStarts(text: string): number[] {
  if (text === lastText) return lastStarts;
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  lastText = text;
  lastStarts = starts;
  return starts;
}

/**
 * All hits of a regex in `text` (the regex is cloned with the `g` flag), each with its line.
 * `max` stops early on huge files.
 */
export function findAll(text: string, re: RegExp, max = 10_000): TextHit[] {
  const memo = memoOf(text);
  if (!memo) return findAllNow(text, re, max);
  let keys = patternKeys.get(re);
  if (!keys) patternKeys.set(re, (keys = new Map()));
  let key = keys.get(max);
  if (!key) keys.set(max, (key = `${max}/${re.flags}/${re.source}`));
  let hits = memo.hits.get(key) as TextHit[] | undefined;
  if (!hits) memo.hits.set(key, (hits = findAllNow(text, re, max)));
  return hits.slice();
}

/**
 * `fn()`, computed once per `key` for a text the engine keeps between scans (else every time).
 * For pure per-file work of a detector (a function of the text and of what `key` names), so a
 * rescan redoes it only for the files that changed. Callers must not change the value returned.
 */
export function memoOnText<T>(text: string, key: string, fn: () => T): T {
  const memo = memoOf(text);
  if (!memo) return fn();
  const k = `\0${key}`;
  if (memo.hits.has(k)) return memo.hits.get(k) as T;
  const v = fn();
  memo.hits.set(k, v);
  return v;
}

/**
 * Texts the engine keeps between scans (src/core/incremental.ts), each with the hits found in it
 * so far by pattern: a rescan runs a detector's regex only over the texts that changed. Hits are a
 * pure function of the text and the pattern, so texts with equal contents share one memo.
 */
const hitMemos = new Map<string, { refs: number; hits: Map<string, unknown> }>();
let lastMemoText: string | undefined;
let lastMemo: { refs: number; hits: Map<string, unknown> } | undefined;

/** The memo of a kept text; detectors ask for one text many times in a row, so the last one is remembered. */
function memoOf(text: string): { refs: number; hits: Map<string, unknown> } | undefined {
  if (text === lastMemoText) return lastMemo;
  const m = hitMemos.get(text);
  lastMemoText = text;
  lastMemo = m;
  return m;
}

/** One key string per pattern object, so memo lookups hash a long pattern source once. */
const patternKeys = new WeakMap<RegExp, Map<number, string>>();

/** Starts memoising {@link findAll} over `text` (counted: call {@link releaseHitMemo} once per call). */
export function registerHitMemo(text: string): void {
  const m = hitMemos.get(text);
  if (m) m.refs++;
  else hitMemos.set(text, { refs: 1, hits: new Map() });
  lastMemoText = lastMemo = undefined;
}

/** Undoes one {@link registerHitMemo}; the memo goes with the last one. */
export function releaseHitMemo(text: string): void {
  const m = hitMemos.get(text);
  if (m && --m.refs <= 0) hitMemos.delete(text);
  lastMemoText = lastMemo = undefined;
}

function findAllNow(text: string, re: RegExp, max: number): TextHit[] {
  const flags = re.flags.includes('g') ? re.flags : re.flags + 'g';
  const rx = new RegExp(re.source, flags);
  const hits: TextHit[] = [];
  let m: RegExpExecArray | null = rx.exec(text);
  if (!m) return hits;
  rx.lastIndex = 0;
  // Line starts computed once per text (detectors scan one text with many patterns) so each hit is O(log n).
  const starts = lineStarts(text);
  while ((m = rx.exec(text)) && hits.length < max) {
    if (m[0].length === 0) rx.lastIndex++;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= m.index) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo];
    const lineEnd = text.indexOf('\n', lineStart);
    const lineText = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    const column = m.index - lineStart;
    hits.push({
      line: lo + 1,
      column,
      endColumn: Math.min(lineText.length, column + m[0].length),
      match: m,
      lineText: lineText.trim(),
    });
  }
  return hits;
}

/** First hit of a regex, or undefined. */
export function findFirst(text: string, re: RegExp): TextHit | undefined {
  return findAll(text, re, 1)[0];
}

/** Evidence for a text hit. */
export function hitEvidence(path: string, hit: TextHit, detail: string): Evidence {
  return { path, line: hit.line, column: hit.column, endColumn: hit.endColumn, detail };
}

/** Shortens a string for evidence details. */
export function clip(s: string, n = 100): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

/** Files whose path satisfies the predicate. */
export function filesWhere(ctx: DetectorContext, pred: (path: string, file: WorkspaceFile) => boolean): WorkspaceFile[] {
  return ctx.files.filter((f) => pred(f.path, f));
}

/** True when any file has exactly this path (case-insensitive). */
export function hasFile(ctx: DetectorContext, path: string): boolean {
  const p = path.toLowerCase();
  return ctx.files.some((f) => f.path.toLowerCase() === p);
}

/** Folders that are vendored or generated and never count as the author's work. */
const VENDOR_RE = /(^|\/)(node_modules|vendor|bower_components|\.venv|venv|site-packages|dist|build|target|out|\.next|\.nuxt|coverage|__pycache__|\.gradle|\.terraform|Pods|third_party)\//;

/** A JVM source root: below it, `out`, `build`, `dist` and `target` are package names (hexagonal adapter/out). */
const JVM_SOURCE_ROOT = /^(.*?(?:^|\/)src\/(?:main|test)\/(?:java|kotlin|scala|groovy)\/)/;

/** True for paths inside vendored or build-output folders. */
export function isVendored(path: string): boolean {
  let v = vendoredPaths.get(path);
  if (v === undefined) {
    const root = JVM_SOURCE_ROOT.exec(path)?.[1];
    v = root ? VENDOR_RE.test(root) : VENDOR_RE.test(path);
    // Detectors ask once per file each; the answer depends on the path alone.
    if (vendoredPaths.size >= 250_000) vendoredPaths.clear();
    vendoredPaths.set(path, v);
  }
  return v;
}

const vendoredPaths = new Map<string, boolean>();

/** YAML file parsed into documents with a line counter. */
export interface YamlFile {
  docs: Document.Parsed[];
  lc: LineCounter;
  text: string;
}

/**
 * Parses every document of a YAML text. Returns undefined (after ctx.warn when `warn` is set)
 * if the first document has errors; later broken documents are dropped.
 */
export function parseYaml(ctx: DetectorContext, path: string, text: string, warn = true): YamlFile | undefined {
  const lc = new LineCounter();
  let docs: Document.Parsed[];
  try {
    const all = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false });
    docs = Array.isArray(all) ? all : [];
  } catch (e) {
    if (warn) ctx.warn(`${path}: unreadable YAML (${(e as Error).message})`);
    return undefined;
  }
  const good = docs.filter((d) => d.errors.length === 0);
  if (docs.length > 0 && docs[0].errors.length > 0) {
    if (warn) ctx.warn(`${path}: malformed YAML (${clip(docs[0].errors[0].message, 120)})`);
    if (good.length === 0) return undefined;
  }
  return { docs: good, lc, text };
}

/** 1-based line where a YAML node starts (undefined for synthetic nodes). */
export function nodeLine(node: unknown, lc: LineCounter): number | undefined {
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  return range ? lc.linePos(range[0]).line : undefined;
}

/** Plain JS value of a YAML node (never throws). */
export function toJs(node: unknown): unknown {
  try {
    if (node && typeof (node as { toJSON?: unknown }).toJSON === 'function') return (node as { toJSON(): unknown }).toJSON();
  } catch {
    /* fall through */
  }
  return isScalar(node) ? node.value : undefined;
}

/** Value node for `key` in a YAML map node, if any. */
export function mapGet(node: unknown, key: string): YamlNode | undefined {
  if (!isMap(node)) return undefined;
  for (const item of node.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return item.value as YamlNode;
  }
  return undefined;
}

/** Pair (key node + value node) entries of a YAML map node. */
export function mapEntries(node: unknown): { key: string; keyNode: YamlNode; value: YamlNode | null }[] {
  if (!isMap(node)) return [];
  const out: { key: string; keyNode: YamlNode; value: YamlNode | null }[] = [];
  for (const item of node.items) {
    if (isPair(item) && isScalar(item.key)) out.push({ key: String(item.key.value), keyNode: item.key, value: (item.value ?? null) as YamlNode | null });
  }
  return out;
}

/** Items of a YAML sequence node. */
export function seqItems(node: unknown): YamlNode[] {
  return isSeq(node) ? (node.items as YamlNode[]) : [];
}

/** Memoises one computation per scan (keyed by the context object). */
const memoStore = new WeakMap<DetectorContext, Map<string, Promise<unknown>>>();

/** Runs `fn` once per context and key; later callers share the promise. */
export function memo<T>(ctx: DetectorContext, key: string, fn: () => Promise<T>): Promise<T> {
  let m = memoStore.get(ctx);
  if (!m) memoStore.set(ctx, (m = new Map()));
  let p = m.get(key) as Promise<T> | undefined;
  if (!p) m.set(key, (p = fn()));
  return p;
}

/** Reads a file as text; undefined when unreadable. Never throws. */
export async function readSafe(ctx: DetectorContext, path: string): Promise<string | undefined> {
  try {
    return await ctx.readText(path);
  } catch {
    return undefined;
  }
}

/** Technology ids (from `ids`) that the scan detected. */
export function techsPresent(ctx: DetectorContext, ids: readonly string[]): string[] {
  return ids.filter((id) => ctx.technologies.has(id));
}

/**
 * Detected technologies that are listed in `ids` or, when the engine tells categories, belong to
 * one of `categories` (minus `except`).
 */
export function techsOf(ctx: DetectorContext, categories: readonly string[], ids: readonly string[] = [], except: readonly string[] = []): string[] {
  const out = new Set(techsPresent(ctx, ids));
  if (ctx.technologyCategory) {
    for (const id of ctx.technologies) {
      const c = ctx.technologyCategory(id);
      if (c && categories.includes(c)) out.add(id);
    }
  }
  for (const e of except) out.delete(e);
  return [...out];
}

/**
 * Evidence for a detected technology. Uses the engine's `technologyEvidence` when it offers one,
 * else the manifest line of a dependency whose name matches `packageHints`, else a bare note.
 */
export function techEvidence(ctx: DetectorContext, techId: string, packageHints: readonly string[] = []): Evidence[] {
  // A lock-file line says nothing the direct declaration does not: keep the project's own rows.
  const fromEngine = ctx.technologyEvidence?.(techId)?.filter((e) => !e.detail.startsWith('transitive dependency'));
  if (fromEngine && fromEngine.length) return fromEngine.slice(0, 3);
  const hints = [techId, ...packageHints].map((h) => h.toLowerCase());
  for (const m of ctx.manifests) {
    for (const d of m.dependencies) {
      const name = d.name.toLowerCase();
      if (hints.some((h) => name === h || (h.endsWith('*') && name.startsWith(h.slice(0, -1))) || name.endsWith(':' + h) || name.endsWith('/' + h))) {
        return [{ path: m.path, line: d.line, detail: `dependency ${d.name}` }];
      }
    }
  }
  return [{ path: '', detail: `technology ${techId} detected` }];
}

/** Evidence list for every present technology in `ids`. */
export function techsEvidence(ctx: DetectorContext, ids: readonly string[], hints: Record<string, readonly string[]> = {}): Evidence[] {
  return techsPresent(ctx, ids).flatMap((id) => techEvidence(ctx, id, hints[id] ?? []).map((e) => ({ ...e, detail: e.detail.includes(id) ? e.detail : `${e.detail} (${id})` })));
}

/** Source-code languages whose files the code heuristics read. */
export const CODE_LANGUAGES = new Set([
  'javascript', 'typescript', 'tsx', 'python', 'java', 'kotlin', 'scala', 'go', 'csharp', 'ruby', 'php', 'rust',
]);

/** Language of a file: the engine's id, else a guess from the extension. */
export function languageOf(f: WorkspaceFile): string | undefined {
  if (f.language) return f.language;
  const ext = f.path.slice(f.path.lastIndexOf('.') + 1).toLowerCase();
  return EXT_LANG[ext];
}

const EXT_LANG: Record<string, string> = {
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript', ts: 'typescript', mts: 'typescript', cts: 'typescript',
  tsx: 'tsx', py: 'python', java: 'java', kt: 'kotlin', kts: 'kotlin', scala: 'scala', go: 'go', cs: 'csharp', rb: 'ruby',
  php: 'php', rs: 'rust', groovy: 'groovy',
};

/** Source files of the workspace (own code, not vendored), capped to keep scans fast. */
export function sourceFiles(ctx: DetectorContext, max = 3000): WorkspaceFile[] {
  // Asked for by most detectors: listed once per scan (per context and cap), a copy each time.
  let byMax = sourceLists.get(ctx);
  if (!byMax) sourceLists.set(ctx, (byMax = new Map()));
  let list = byMax.get(max);
  if (!list) byMax.set(max, (list = listSourceFiles(ctx, max)));
  return list.slice();
}

const sourceLists = new WeakMap<DetectorContext, Map<number, WorkspaceFile[]>>();

function listSourceFiles(ctx: DetectorContext, max: number): WorkspaceFile[] {
  const out: WorkspaceFile[] = [];
  for (const f of ctx.files) {
    const lang = languageOf(f);
    // Hidden folders (.github, .teamcity, .devcontainer) hold tooling, not the application.
    if (f.generated || !lang || !CODE_LANGUAGES.has(lang) || isVendored(f.path) || /\.min\.js$|\.d\.ts$|(^|\/)\.[^/]+\//.test(f.path)) continue;
    out.push(f);
    if (out.length >= max) break;
  }
  return out;
}

/** Adds a value to a count map. */
export function bump(m: Record<string, number>, key: string, by = 1): void {
  m[key] = (m[key] ?? 0) + by;
}

/** Formats `{a: 2, b: 1}` as "a 2, b 1" (largest first). */
export function formatCounts(m: Record<string, number>): string {
  return Object.entries(m)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** A rule that recognises a configuration file by path and, optionally, by content. */
export interface ConfigFileRule {
  file: RegExp;
  /** When set, the file must contain this (for shared files such as pyproject.toml). */
  content?: RegExp;
  /**
   * When set, the file must also contain this anywhere (a second condition that need not share a
   * line with `content`, read without a lookaround that rescans the file from every line).
   */
  also?: RegExp;
}

const NO_RULES: readonly ConfigFileRule[] = [];
const configRuleHits = new WeakMap<readonly ConfigFileRule[], Map<string, readonly ConfigFileRule[]>>();

/**
 * Finds the files that match each rule (vendored files excluded), in file order. Each hit carries
 * the 1-based line of the content match (1 when the rule has no content pattern).
 */
export async function matchConfigFiles<R extends ConfigFileRule>(ctx: DetectorContext, rules: readonly R[]): Promise<{ rule: R; path: string; line: number }[]> {
  const hits: { rule: R; path: string; line: number }[] = [];
  // Which rules a path matches depends on the path alone: kept per rule list across scans.
  let byPath = configRuleHits.get(rules);
  if (!byPath || byPath.size > 400_000) configRuleHits.set(rules, (byPath = new Map()));
  for (const f of ctx.files) {
    let matching = byPath.get(f.path);
    if (!matching) {
      matching = isVendored(f.path) ? NO_RULES : rules.filter((r) => r.file.test(f.path));
      if (!matching.length) matching = NO_RULES;
      byPath.set(f.path, matching);
    }
    for (const r of matching as R[]) {
      let line = 1;
      if (r.content) {
        const hit = findFirst((await readSafe(ctx, f.path)) ?? '', r.content);
        if (!hit || (r.also && !r.also.test((await readSafe(ctx, f.path)) ?? ''))) continue;
        line = hit.line;
      }
      hits.push({ rule: r, path: f.path, line });
    }
  }
  return hits;
}

/**
 * Runs detector steps in turn; a step that throws becomes a warning prefixed with `label`, so one
 * failing check never loses the others. `beforeEach` runs before every step (e.g. a cancel check,
 * whose error is not caught).
 */
export async function runSteps(
  ctx: DetectorContext,
  label: string,
  steps: readonly ((ctx: DetectorContext) => Promise<void>)[],
  beforeEach?: () => void,
): Promise<void> {
  for (const step of steps) {
    beforeEach?.();
    try {
      await step(ctx);
    } catch (e) {
      ctx.warn(`${label}: ${(e as Error).message}`);
    }
  }
}
