/**
 * Manifests that are code (setup.py, Gemfile, *.gemspec, build.gradle.kts, settings.gradle.kts,
 * *.sbt) are read from their tree-sitter tree: the grammar's `data/queries/<language>/manifest.scm`
 * says where the declarations are, and a reader of that language turns the live matches into a
 * {@link ManifestResult}. Nothing is evaluated. Helpers here are shared by those readers.
 */
import type { Node } from 'web-tree-sitter';
import type { NodeMatch } from '../treesitter';
import type { ManifestResult } from './types';
import { MANIFEST_PURPOSE } from '../captures';
import { normalizeText, warn } from './util';

export type { NodeMatch };

/** Turns the `manifest` query matches of one file (workspace-relative `path`) into its result. */
export type CodeManifestReader = (path: string, matches: NodeMatch[]) => ManifestResult;

/**
 * Synchronous tree-sitter access for code manifests: parses `text` with a grammar and hands
 * `read` the live matches of the grammar's `purpose` query, or returns undefined when that
 * grammar or query is not loaded. A `TreeSitterHost` after `prepare` is one.
 */
export interface ManifestSyntax {
  readSync<T>(grammarId: string, text: string, purpose: string, read: (matches: NodeMatch[]) => T, bounded?: boolean): T | undefined;
}

let fallback: ManifestSyntax | undefined;

/** Longest code manifest parsed (characters): past the work limits, hostile text costs time in proportion to its size. */
const MAX_CHARS = 256 * 1024;

/**
 * Sets the syntax `parseManifest` uses when its caller passes none (one-off tools and tests);
 * the engine always passes its own host.
 */
export function useManifestSyntax(syntax: ManifestSyntax | undefined): void {
  fallback = syntax;
}

/** A manifest that is code: the grammar that parses it and the reader of its `manifest` query matches. */
export interface CodeManifest {
  grammar: string;
  read: CodeManifestReader;
}

/**
 * Reads a code manifest synchronously through `syntax` (else the one set by
 * {@link useManifestSyntax}), within the host's work limits (`WORK_LIMITS` of treesitter.ts).
 * Without a loaded grammar, or past a limit, the result is empty with one warning.
 */
export function readCodeManifest(path: string, text: string, code: CodeManifest, syntax = fallback): ManifestResult {
  const t = normalizeText(text);
  let problem = unparsable(t) ?? `the ${code.grammar} grammar is not loaded`;
  try {
    const result = unparsable(t) ? undefined : syntax?.readSync(code.grammar, t, MANIFEST_PURPOSE, (m) => code.read(path, m), true);
    if (result) return result;
  } catch (e) {
    problem = (e as Error).message;
  }
  return unreadCodeManifest(path, code, problem);
}

/** The empty result of a code manifest that could not be read, with one warning saying why. */
export function unreadCodeManifest(path: string, code: CodeManifest, problem: string): ManifestResult {
  const empty = code.read(path, []);
  warn(empty, `not read: ${problem}`);
  return empty;
}

/** Why `text` is not worth parsing as a hand-written manifest, or undefined: it is longer than 256K characters. */
export function unparsable(text: string): string | undefined {
  return text.length > MAX_CHARS ? `longer than ${MAX_CHARS / 1024}K characters` : undefined;
}

/** 1-based line where a node starts. */
export const lineOf = (n: Node): number => n.startPosition.row + 1;

/** Named children of a node, comments left out. */
export function kids(n: Node | null | undefined): Node[] {
  return (n?.namedChildren ?? []).filter((c): c is Node => !!c && !/comment/.test(c.type));
}

/** Ancestors of `n`, nearest first; at most `max` of them (trees of hostile input are deep). */
export function ancestors(n: Node, max = 256): Node[] {
  const out: Node[] = [];
  for (let p = n.parent; p && out.length < max; p = p.parent) out.push(p);
  return out;
}

/** A string literal: its value as written between the delimiters, line, and whether it interpolates. */
export interface Literal {
  v: string;
  line: number;
  interp: boolean;
}

/**
 * Value of a string literal node of any of our grammars: the text between its delimiters
 * (Python prefixes and quotes, Ruby `%q{}`, Kotlin and Scala quotes), escapes kept as written.
 * Interpolations (`f"{x}"`, `"#{x}"`, `"${x}"`) are kept verbatim and flag the value dynamic.
 */
export function literal(n: Node): Literal {
  const { firstChild: first, lastChild: last, text } = n;
  // Delimiters are child tokens in Python (string_start/end) and Ruby; Kotlin and Scala keep their quotes in the text.
  const delimiter = (c: Node | null, at: number) => !!c && (c.startIndex === at || c.endIndex === at) && (!c.isNamed || /^string_(start|end)$/.test(c.type));
  const quote = (bare: boolean) => (bare ? '' : (/^(?:"""|"|')/.exec(text)?.[0] ?? ''));
  const open = delimiter(first, n.startIndex) ? first!.endIndex - n.startIndex : quote(n.type === 'bare_string').length;
  const closeQuote = quote(n.type === 'bare_string');
  const close = last && last.startIndex > n.startIndex && delimiter(last, n.endIndex) ? last.startIndex - n.startIndex : text.length - (text.length >= open + closeQuote.length && text.endsWith(closeQuote) ? closeQuote.length : 0);
  return { v: text.slice(open, Math.max(open, close)), line: lineOf(n), interp: kids(n).some((c) => /interpolat/.test(c.type)) };
}
