/**
 * Go modules: go.mod (require lines and blocks, tool directives) and go.work (use → workspaces).
 */
import type { DependencyDecl, ManifestResult } from './types';
import { emptyResult, normalizeText, warn } from './util';

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
    if (block) {
      if (code === ')') {
        block = undefined;
        continue;
      }
      const words = code.split(/\s+/);
      if (block === 'require' && words.length !== 2) malformed(i + 1, `not a requirement (module path and version): ${JSON.stringify(code.slice(0, 80))}`);
      addDirective(result, block, words, indirect, i + 1);
      continue;
    }
    if (code.endsWith('(')) {
      const verb = code.slice(0, -1).trim();
      if (GO_MOD_VERBS.has(verb)) {
        block = verb;
        blockLine = i + 1;
      } else {
        malformed(i + 1, `unknown directive ${JSON.stringify(code.slice(0, 80))}`);
        block = verb; // read past its block either way
        blockLine = i + 1;
      }
      continue;
    }
    const words = code.split(/\s+/);
    const verb = words[0];
    if (!GO_MOD_VERBS.has(verb)) {
      malformed(i + 1, `unknown directive ${JSON.stringify(code.slice(0, 80))}`);
      continue;
    }
    if (verb === 'module' && words[1]) result.name = unquote(words[1]);
    else {
      if (verb === 'require' && words.length !== 3) malformed(i + 1, `not a requirement (module path and version): ${JSON.stringify(code.slice(0, 80))}`);
      addDirective(result, verb, words.slice(1), indirect, i + 1);
    }
  }
  if (block) malformed(blockLine, `"${block} (" is never closed`);
  return result;
}

function addDirective(result: ManifestResult, verb: string, args: string[], indirect: boolean, line: number): void {
  if (!args[0]) return;
  if (verb === 'require') {
    const dep: DependencyDecl = { ecosystem: 'go', name: unquote(args[0]), scope: indirect ? 'optional' : 'prod', line };
    if (args[1]) dep.version = args[1];
    result.dependencies.push(dep);
  } else if (verb === 'tool') {
    result.dependencies.push({ ecosystem: 'go', name: unquote(args[0]), scope: 'dev', line });
  }
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
    const m = /^use\s+(.*)$/.exec(code);
    if (!m) continue;
    if (m[1].trim() === '(') inUse = true;
    else ws.push(unquote(m[1].trim()));
  }
  const cleaned = ws.map((w) => w.replace(/^\.\//, '').replace(/\/+$/, '')).filter((w) => w && w !== '.');
  if (cleaned.length) result.workspaces = [...new Set(cleaned)];
  return result;
}
