/**
 * Ruby: Gemfiles and gemspecs read from their tree-sitter tree (queries:
 * data/queries/ruby/manifest.scm), and Gemfile.lock (resolved gems, a plain text format).
 * Nothing is evaluated.
 */
import type { Node } from 'web-tree-sitter';
import type { DependencyScope, ManifestResult } from './types';
import { ancestors, kids, literal, type Literal, type NodeMatch } from './code';
import { addDependency, emptyResult, normalizeText, scopeFor, warn } from './util';

/** Most arguments read from one call; keeps hostile input linear. */
const MAX_ARGS = 32;

/**
 * The literal strings of an argument: a string (also `%q{}` and with a `.freeze` / `.dup` /
 * `.to_s` / `.strip` suffix, as generated gemspecs write it), an array of such strings or a
 * `%w[]` / `%i[]` word list; undefined for anything else.
 */
function strings(n: Node | undefined): Literal[] | undefined {
  if (!n) return undefined;
  if (n.type === 'string' || n.type === 'bare_string') return [literal(n)];
  if (n.type === 'call' && /^(freeze|dup|to_s|strip)$/.test(n.childForFieldName('method')?.text ?? '')) return strings(n.childForFieldName('receiver') ?? undefined);
  if (n.type !== 'array' && n.type !== 'string_array') return undefined;
  const items = kids(n).slice(0, MAX_ARGS).map(strings);
  return items.every((i) => i) ? items.flat() as Literal[] : undefined;
}

/** Group names in a `group` call's arguments or a `group:` option: symbols and strings, lowercased. */
function groupNames(n: Node | null | undefined): string[] {
  if (!n) return [];
  if (n.type === 'simple_symbol') return [n.text.slice(1).toLowerCase()];
  if (n.type === 'string') return [literal(n).v.toLowerCase()];
  return n.type === 'array' || n.type === 'argument_list' ? kids(n).slice(0, MAX_ARGS).flatMap(groupNames) : [];
}

/**
 * Reads a Gemfile from the matches of its `manifest` query. `gem 'name', '~> 7.1'` calls give
 * dependencies (versions joined with `, `); scope comes from enclosing `group :test do ... end`
 * blocks and a `group:` / `groups:` / `:group =>` option (data/manifests.json
 * `scopes.gemfileGroup`): test when the groups include test, dev for development, else prod. `platforms`, `source`, `git` and `path` blocks do not change
 * the scope. Lines are 1-based.
 */
export function readGemfile(path: string, matches: NodeMatch[]): ManifestResult {
  const result = emptyResult(path, 'Gemfile');
  for (const m of matches) {
    const call = m['manifest.dependency'];
    if (m['manifest.kind']?.text !== 'gem' || !call) continue;
    const [first, ...rest] = kids(call.childForFieldName('arguments')).slice(0, MAX_ARGS);
    if (first?.type !== 'string' || literal(first).interp) continue;
    const versions: string[] = [];
    const groups: string[] = [];
    let options = false;
    for (const a of rest) {
      if (a.type === 'pair') {
        options = true;
        if (/^:?groups?$/.test(a.childForFieldName('key')?.text ?? '')) groups.push(...groupNames(a.childForFieldName('value')));
      } else if (a.type === 'string' && !options) versions.push(literal(a).v);
    }
    const blocks = ancestors(call).filter((p) => p.type === 'call' && !p.childForFieldName('receiver') && p.childForFieldName('method')?.text === 'group');
    groups.push(...blocks.flatMap((p) => groupNames(p.childForFieldName('arguments'))));
    addDependency(result, { ecosystem: 'rubygems', name: literal(first).v, scope: scopeFor('gemfileGroup', groups, 'prod'), line: call.startPosition.row + 1, version: versions.join(', ') });
  }
  return result;
}

/** A gem name as RubyGems allows it (letters, digits, `-`, `_`, `.`). */
const GEM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The words a block variable stands for: `%w[a b].each do |name|` or `['a', 'b'].each { |name| }`
 * around `id` binds `name` to those words; any nearer block with a parameter of that name
 * shadows it.
 */
function boundWords(id: Node): Literal[] {
  for (const p of ancestors(id)) {
    if (p.type !== 'block' && p.type !== 'do_block') continue;
    const params = kids(p.childForFieldName('parameters')).map((c) => c.text);
    if (!params.includes(id.text)) continue;
    const loop = p.parent;
    const isEach = loop?.type === 'call' && loop.childForFieldName('method')?.text === 'each';
    return (params.length === 1 && isEach && strings(loop.childForFieldName('receiver') ?? undefined)?.filter((w) => !w.interp)) || [];
  }
  return [];
}

/**
 * Reads a gemspec from the matches of its `manifest` query. `add_dependency` and
 * `add_runtime_dependency` give prod dependencies, `add_development_dependency` dev ones, on any
 * receiver, with or without parentheses; names and versions are strings (also `%q{}` with a
 * `.freeze` suffix), arrays or `%w[]` lists, versions joined with `, `. A loop
 * `%w[a b].each { |g| s.add_dependency g }` yields each word, at the word's line. A gem declared
 * again (the if/else fallback of generated gemspecs) is reported once, at its first declaration.
 * `spec.name = '...'` (or `Gem::Specification.new 'name'`) becomes the result's name. Names built
 * at run time are skipped. Lines are 1-based.
 */
export function readGemspec(path: string, matches: NodeMatch[]): ManifestResult {
  const result = emptyResult(path, '.gemspec');
  const seen = new Set<string>();
  const add = (name: string, line: number, scope: DependencyScope, versions: string[]) => {
    if (!GEM_NAME.test(name)) {
      warn(result, `line ${line}: not a gem name: ${name.slice(0, 80)}`);
    } else if (!seen.has(name)) {
      seen.add(name);
      addDependency(result, { ecosystem: 'rubygems', name, scope, line, version: versions.join(', ') });
    }
  };
  for (const m of [...matches].sort((a, b) => (a['manifest.kind']?.startIndex ?? 0) - (b['manifest.kind']?.startIndex ?? 0))) {
    const project = strings(m['manifest.project']);
    if (project?.length === 1 && !project[0].interp) result.name ??= project[0].v.trim();
    const scope = scopeFor('gemspecMethod', m['manifest.kind']?.text ?? '', undefined);
    if (!scope || !m['manifest.dependency']) continue;
    const [first, ...rest] = kids(m['manifest.dependency'].childForFieldName('arguments')).slice(0, MAX_ARGS);
    const versions = rest.flatMap((a) => strings(a) ?? []).map((l) => l.v);
    const name = strings(first)?.[0];
    if (name && !name.interp) add(name.v.trim(), name.line, scope, versions);
    else if (first?.type === 'identifier') for (const w of boundWords(first)) add(w.v, w.line, scope, versions);
  }
  return result;
}

/**
 * Parses a Gemfile.lock. Gems listed under `specs:` of the GEM, GIT and PATH sections with a
 * four-space indent (`    rails (7.1.3)`) are reported with their resolved version; those also
 * named in DEPENDENCIES are direct (scope prod), the others transitive (scope optional). When
 * the lock has no DEPENDENCIES section every gem is prod. Lines are 1-based.
 */
export function parseGemfileLock(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'Gemfile.lock');
  const direct = new Set<string>();
  const specs: Array<{ name: string; version?: string; line: number }> = [];
  let section = '';
  normalizeText(text).split('\n').forEach((line, i) => {
    const dep = section === 'DEPENDENCIES' ? /^ {2}([^\s!(]+)/.exec(line) : undefined;
    const spec = ['GEM', 'GIT', 'PATH'].includes(section) ? /^ {4}([^\s(]+)(?: \(([^)]*)\))?\s*$/.exec(line) : undefined;
    if (/^[A-Z]/.test(line)) section = line.trim();
    else if (dep) direct.add(dep[1].toLowerCase());
    else if (spec) specs.push({ name: spec[1], version: spec[2], line: i + 1 });
  });
  for (const { name, version, line } of specs) {
    addDependency(result, { ecosystem: 'rubygems', name, scope: direct.size === 0 || direct.has(name.toLowerCase()) ? 'prod' : 'optional', line, version });
  }
  return result;
}
