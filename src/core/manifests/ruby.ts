/**
 * Ruby: Gemfile (gem lines, group blocks and options) and Gemfile.lock (resolved gems).
 */
import type { DependencyDecl, DependencyScope, ManifestResult } from './types';
import { emptyResult, normalizeText } from './util';

/** Cuts a Ruby line at a `#` comment that is outside quotes. */
function stripComment(line: string): string {
  let q: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '\\') i++;
      else if (c === q) q = undefined;
    } else if (c === '"' || c === "'") q = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}

/** Symbols and strings of a group list such as `:development, :test` or `[:test]`. */
function groupNames(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/:([A-Za-z_]\w*)|["']([A-Za-z_]\w*)["']/g)) out.push((m[1] ?? m[2]).toLowerCase());
  return out;
}

function scopeOf(groups: string[]): DependencyScope {
  if (groups.includes('test')) return 'test';
  if (groups.some((g) => g === 'development' || g === 'dev')) return 'dev';
  return 'prod';
}

/**
 * Parses a Gemfile. `gem 'name', '~> 7.1'` lines give dependencies (versions joined with
 * `, `); scope comes from enclosing `group :test do ... end` blocks or a `group:` /
 * `groups:` / `:group =>` option: test when the groups include test, dev for development,
 * else prod. Other `do ... end` blocks (platforms, source, git, path) and `if`/`unless`
 * blocks are tracked so that their `end` closes the right block. Lines are 1-based.
 */
export function parseGemfile(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'Gemfile');
  const stack: string[][] = [];
  const lines = normalizeText(text).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const code = stripComment(lines[i]).trim();
    if (!code) continue;
    if (/^end\b/.test(code)) {
      stack.pop();
      continue;
    }
    const gem = /^gem\s*\(?\s*(["'])([^"']+)\1(.*)$/.exec(code);
    if (gem) {
      const rest = gem[3];
      const versions: string[] = [];
      for (const v of rest.matchAll(/,\s*(["'])([^"']*)\1/g)) {
        const before = rest.slice(0, v.index ?? 0);
        if (/(\w+:|=>)/.test(before)) break; // options started
        versions.push(v[2]);
      }
      const opt = /(?:\bgroups?:|:groups?\s*=>)\s*(\[[^\]]*\]|:\w+|["']\w+["'])/.exec(rest);
      const groups = [...stack.flat(), ...(opt ? groupNames(opt[1]) : [])];
      const dep: DependencyDecl = { ecosystem: 'rubygems', name: gem[2], scope: scopeOf(groups), line: i + 1 };
      if (versions.length) dep.version = versions.join(', ');
      result.dependencies.push(dep);
      continue;
    }
    const grp = /^group\s*\(?(.*?)\)?\s+do\b/.exec(code);
    if (grp) {
      stack.push(groupNames(grp[1]));
      if (/\bend\s*$/.test(code)) stack.pop();
      continue;
    }
    if (/\bdo(\s*\|[^|]*\|)?\s*$/.test(code) || /^(if|unless|case|begin|while|until)\b/.test(code)) {
      stack.push([]);
    }
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
  const lines = normalizeText(text).split('\n');
  const direct = new Set<string>();
  let section = '';
  for (const line of lines) {
    if (/^[A-Z]/.test(line)) section = line.trim();
    else if (section === 'DEPENDENCIES') {
      const m = /^ {2}([^\s!(]+)/.exec(line);
      if (m) direct.add(m[1].toLowerCase());
    }
  }
  section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^[A-Z]/.test(line)) {
      section = line.trim();
      continue;
    }
    if (section !== 'GEM' && section !== 'GIT' && section !== 'PATH') continue;
    const m = /^ {4}([^\s(]+)(?: \(([^)]*)\))?\s*$/.exec(line);
    if (!m) continue;
    const name = m[1];
    const scope: DependencyScope = direct.size === 0 || direct.has(name.toLowerCase()) ? 'prod' : 'optional';
    const dep: DependencyDecl = { ecosystem: 'rubygems', name, scope, line: i + 1 };
    if (m[2]) dep.version = m[2];
    result.dependencies.push(dep);
  }
  return result;
}
