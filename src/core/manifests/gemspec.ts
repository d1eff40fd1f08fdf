/**
 * Ruby gem specifications (`*.gemspec`), read as text through a tokenizer: nothing is
 * evaluated. The usual gem layout is a Gemfile holding only `gemspec`, with the dependencies
 * here; installed trees (Debian's rubygems-integration) ship generated gemspecs of the same shape.
 */
import type { DependencyDecl, DependencyScope, ManifestResult } from './types';
import { tokenizeRuby, type RubyTok } from './ruby-lexer';
import { emptyResult, normalizeText, warn } from './util';

const METHODS: Record<string, DependencyScope> = {
  add_dependency: 'prod',
  add_runtime_dependency: 'prod',
  add_development_dependency: 'dev',
};

/** Most arguments read from one call; keeps hostile input linear. */
const MAX_ARGS = 32;

/** A gem name as RubyGems allows it (letters, digits, `-`, `_`, `.`). */
const GEM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Index after a string's `.freeze` / `.dup` / `.to_s` suffixes (generated gemspecs write `%q<rack>.freeze`). */
function skipSuffixes(toks: RubyTok[], i: number): number {
  while (toks[i]?.v === '.' && toks[i + 1]?.k === 'id' && /^(freeze|dup|to_s|strip)$/.test(toks[i + 1].v)) i += 2;
  return i;
}

/** One argument: a literal string, an array of literal strings, a word list, or something else. */
type Arg = { kind: 'strs'; items: Array<{ v: string; line: number; interp?: boolean }> } | { kind: 'id'; name: string } | { kind: 'other' };

/**
 * Reads one argument starting at `i`; returns it and the index after it. Anything it does not
 * understand is skipped up to the next `,`, closing bracket or line end at its own depth.
 */
function readArg(toks: RubyTok[], i: number, parens: boolean): { arg: Arg; next: number } {
  const t = toks[i];
  if (t?.k === 'str') return { arg: { kind: 'strs', items: [{ v: t.v, line: t.line, interp: t.interp }] }, next: skipSuffixes(toks, i + 1) };
  if (t?.k === 'words') return { arg: { kind: 'strs', items: t.words ?? [] }, next: skipSuffixes(toks, i + 1) };
  if (t?.k === 'op' && t.v === '[') {
    const items: Array<{ v: string; line: number; interp?: boolean }> = [];
    let j = i + 1;
    while (j < toks.length && items.length < MAX_ARGS) {
      const u = toks[j];
      if (u.k === 'nl' || (u.k === 'op' && u.v === ',')) j++;
      else if (u.k === 'str') {
        items.push({ v: u.v, line: u.line, interp: u.interp });
        j = skipSuffixes(toks, j + 1);
      } else break;
    }
    if (toks[j]?.v === ']') return { arg: { kind: 'strs', items }, next: j + 1 };
    return { arg: { kind: 'other' }, next: skipOther(toks, i, parens) };
  }
  if (t?.k === 'id' && /^[a-z_]\w*$/.test(t.v) && !(toks[i + 1]?.v === '.' || toks[i + 1]?.v === '(' || toks[i + 1]?.v === '[')) {
    return { arg: { kind: 'id', name: t.v }, next: i + 1 };
  }
  return { arg: { kind: 'other' }, next: skipOther(toks, i, parens) };
}

/** Most tokens one skipped argument may span; keeps hostile input linear. */
const MAX_SKIP = 400;

/**
 * Skips an expression up to a `,` or unmatched closer at depth 0 (or a line end outside
 * parentheses), at most {@link MAX_SKIP} tokens.
 */
function skipOther(toks: RubyTok[], i: number, parens: boolean): number {
  let depth = 0;
  let j = i;
  const limit = Math.min(toks.length, i + MAX_SKIP);
  for (; j < limit; j++) {
    const u = toks[j];
    if (u.k === 'nl' && depth === 0 && !parens) break;
    if (u.k !== 'op') continue;
    if (u.v === '(' || u.v === '[' || u.v === '{') depth++;
    else if (u.v === ')' || u.v === ']' || u.v === '}') {
      if (depth === 0) break;
      depth--;
    } else if (u.v === ',' && depth === 0) break;
  }
  return j;
}

/**
 * Reads the argument list of a call whose name is at `i - 1`: `(a, b)` or the paren-less
 * `a, b` (which may continue on the next line after a trailing comma).
 */
function readArgs(toks: RubyTok[], i: number): Arg[] {
  const parens = toks[i]?.k === 'op' && toks[i].v === '(';
  let j = parens ? i + 1 : i;
  const args: Arg[] = [];
  while (j < toks.length && args.length < MAX_ARGS) {
    while (parens && toks[j]?.k === 'nl') j++;
    const t = toks[j];
    if (!t || t.k === 'nl' || (t.k === 'op' && (t.v === ')' || t.v === ']' || t.v === '}'))) break;
    if (t.k === 'id' && /^(if|unless|do|and|or|then)$/.test(t.v)) break;
    const { arg, next } = readArg(toks, j, parens);
    args.push(arg);
    j = next;
    if (toks[j]?.k === 'op' && toks[j].v === ',') {
      j++;
      while (toks[j]?.k === 'nl') j++;
    } else break;
  }
  return args;
}

/** Block parameters `|a, b|` opening at `i` (the first `|`); empty when none. */
function blockParams(toks: RubyTok[], i: number): string[] {
  if (toks[i]?.v !== '|') return [];
  const out: string[] = [];
  for (let j = i + 1; j < toks.length && j < i + 16; j++) {
    const t = toks[j];
    if (t.v === '|') return out;
    if (t.k === 'id') out.push(t.v);
    else if (t.v !== ',' && t.v !== '(' && t.v !== ')' && t.v !== '*') return out;
  }
  return out;
}

/**
 * Parses a Ruby gemspec. `add_dependency` and `add_runtime_dependency` give prod dependencies,
 * `add_development_dependency` dev ones, on any receiver (`spec.`, `s.`, `gem.`), with or
 * without parentheses, names and versions as quoted strings, `%q{}` / `%q<>` literals (with a
 * `.freeze` suffix as generated gemspecs write it), arrays or `%w[]` lists; versions are joined
 * with `, `. A simple loop `%w[a b].each { |g| s.add_dependency g }` yields each word, at the
 * word's line. A gem declared again (the if/else fallback of generated gemspecs) is reported
 * once, at its first declaration. `name = '...'` on the specification (or
 * `Gem::Specification.new 'name'`) becomes the result's name. Names built at run time are
 * skipped; nothing is evaluated. Lines are 1-based.
 */
export function parseGemspec(path: string, text: string): ManifestResult {
  const result = emptyResult(path, '.gemspec');
  const toks = tokenizeRuby(normalizeText(text));
  const seen = new Set<string>();
  /** Block variables bound to literal word lists by `%w[...].each do |v|`. */
  const bound = new Map<string, Array<{ v: string; line: number }>>();
  let skipped = 0;

  const add = (name: string, line: number, scope: DependencyScope, versions: string[]) => {
    if (!GEM_NAME.test(name)) {
      if (skipped++ < 5) warn(result, `line ${line}: not a gem name: ${name.slice(0, 80)}`);
      return;
    }
    if (seen.has(name)) return;
    seen.add(name);
    const dep: DependencyDecl = { ecosystem: 'rubygems', name, scope, line };
    if (versions.length) dep.version = versions.join(', ');
    result.dependencies.push(dep);
  };

  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    // Block parameters shadow an earlier binding of the same name.
    if ((t.v === 'do' || t.v === '{') && toks[i + 1]?.v === '|' && toks[i - 1]?.v !== 'each') for (const p of blockParams(toks, i + 1)) bound.delete(p);
    if (t.k !== 'id') continue;
    const prev = toks[i - 1];

    // Gem::Specification.new 'name', 'version' do |s|
    if (t.v === 'new' && prev?.v === '.' && toks[i - 2]?.v === 'Specification' && result.name === undefined) {
      const first = readArgs(toks, i + 1)[0];
      if (first?.kind === 'strs' && first.items.length === 1 && !first.items[0].interp) result.name = first.items[0].v;
      continue;
    }
    // spec.name = 'x'
    if (t.v === 'name' && prev?.v === '.' && toks[i + 1]?.v === '=' && !/^[=~>]$/.test(toks[i + 2]?.v ?? '') && result.name === undefined) {
      const s = toks[i + 2];
      const after = toks[skipSuffixes(toks, i + 3)];
      if (s?.k === 'str' && !s.interp && (!after || after.k === 'nl' || after.v === ';')) result.name = s.v.trim();
      continue;
    }
    // %w[a b].each do |g| / ['a', 'b'].each { |g|
    if (t.v === 'each' && prev?.v === '.') {
      const open = toks[i + 1];
      if (open?.v === 'do' || open?.v === '{') {
        const params = blockParams(toks, i + 2);
        const recv = toks[i - 2];
        let words: Array<{ v: string; line: number }> | undefined;
        if (recv?.k === 'words') words = recv.words;
        else if (recv?.v === ']') {
          // A literal array of strings: walk back to its `[`.
          const items: Array<{ v: string; line: number }> = [];
          let j = i - 3;
          for (; j >= 0 && j > i - 3 - 2 * MAX_ARGS; j--) {
            const u = toks[j];
            if (u.k === 'str' && !u.interp) items.unshift({ v: u.v, line: u.line });
            else if (u.v === '[') break;
            else if (u.v !== ',' && u.k !== 'nl' && !(u.k === 'id' && /^(freeze|dup)$/.test(u.v)) && u.v !== '.') {
              j = -1;
              break;
            }
          }
          if (j >= 0 && toks[j]?.v === '[') words = items;
        }
        for (const p of params) bound.delete(p);
        if (words && params.length === 1) bound.set(params[0], words);
      }
      continue;
    }
    const scope = METHODS[t.v];
    if (!scope || prev?.v !== '.') continue;
    const args = readArgs(toks, i + 1);
    const [first, ...rest] = args;
    if (!first) continue;
    const versions: string[] = [];
    for (const a of rest) if (a.kind === 'strs') for (const it of a.items) versions.push(it.v);
    if (first.kind === 'strs' && first.items.length >= 1) {
      const it = first.items[0];
      if (!it.interp) add(it.v.trim(), it.line, scope, versions);
    } else if (first.kind === 'id') {
      for (const w of bound.get(first.name) ?? []) add(w.v, w.line, scope, versions);
    }
  }
  return result;
}
