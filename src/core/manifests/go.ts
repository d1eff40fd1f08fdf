/**
 * Go modules: go.mod (require lines and blocks, tool directives) and go.work (use → workspaces).
 */
import type { ManifestResult } from './types';
import { addDependency, emptyResult, folder, normalizeText, warn } from './util';

/** go.mod directives (go.dev/ref/mod#go-mod-file); others are reported as malformed lines. */
const GO_MOD_VERBS = new Set(['module', 'go', 'toolchain', 'godebug', 'require', 'replace', 'exclude', 'retract', 'tool', 'ignore']);

/** Splits a go.mod line into its code and whether its comment says `indirect`. */
function splitComment(line: string): { code: string; indirect: boolean } {
  const at = line.indexOf('//');
  if (at < 0) return { code: line.trim(), indirect: false };
  return { code: line.slice(0, at).trim(), indirect: /^\/\/\s*indirect\b/.test(line.slice(at).trim()) };
}

const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1').replace(/^`(.*)`$/, '$1');

/**
 * Parses a go.mod. `require` lines and `require ( ... )` blocks give dependencies named by
 * module path (scope prod, or optional when marked `// indirect`), with their version and
 * 1-based line; `tool` directives (Go 1.24) give scope dev; `module` becomes the result's name;
 * `replace`, `exclude` and `retract` are ignored.
 */
export function parseGoMod(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'go.mod');
  const lines = normalizeText(text).split('\n');
  let block: string | undefined;
  let blockLine = 0;
  let bad = 0;
  const malformed = (line: number, why: string) => {
    if (bad++ < 3) warn(result, `line ${line}: ${why}`);
  };
  for (let i = 0; i < lines.length; i++) {
    const { code, indirect } = splitComment(lines[i]);
    if (!code) continue;
    if (block && code === ')') {
      block = undefined;
      continue;
    }
    let words = code.split(/\s+/);
    const verb = block ?? (code.endsWith('(') ? code.slice(0, -1).trim() : words[0]);
    if (!block) {
      if (!GO_MOD_VERBS.has(verb)) malformed(i + 1, `unknown directive ${JSON.stringify(code.slice(0, 80))}`);
      if (code.endsWith('(')) [block, blockLine] = [verb, i + 1]; // an unknown one is read past too
      if (code.endsWith('(') || !GO_MOD_VERBS.has(verb)) continue;
      words = words.slice(1);
      if (verb === 'module' && words[0]) result.name = unquote(words[0]);
    }
    if (verb === 'require' && words.length !== 2) malformed(i + 1, `not a requirement (module path and version): ${JSON.stringify(code.slice(0, 80))}`);
    if (words[0] && (verb === 'require' || verb === 'tool')) {
      addDependency(result, { ecosystem: 'go', name: unquote(words[0]), scope: verb === 'tool' ? 'dev' : indirect ? 'optional' : 'prod', line: i + 1, version: verb === 'require' ? words[1] : undefined });
    }
  }
  if (block) malformed(blockLine, `"${block} (" is never closed`);
  return result;
}

/** Parses a go.work: `use ./dir` lines and `use ( ... )` blocks become workspaces. */
export function parseGoWork(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'go.work');
  const ws: string[] = [];
  let inUse = false;
  for (const raw of normalizeText(text).split('\n')) {
    const { code } = splitComment(raw);
    if (!code) continue;
    if (inUse) {
      if (code === ')') inUse = false;
      else ws.push(unquote(code));
      continue;
    }
    if (!/^use\s/.test(code)) continue;
    if (code.slice(4).trim() === '(') inUse = true;
    else ws.push(unquote(code.slice(4).trim()));
  }
  const cleaned = ws.map(folder).filter((w) => w && w !== '.');
  if (cleaned.length) result.workspaces = [...new Set(cleaned)];
  return result;
}
