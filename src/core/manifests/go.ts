/**
 * Go modules: go.mod (require lines and blocks, tool directives) and go.work (use → workspaces).
 */
import type { DependencyDecl, ManifestResult } from './types';
import { emptyResult, normalizeText } from './util';

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
  for (let i = 0; i < lines.length; i++) {
    const { code, indirect } = splitComment(lines[i]);
    if (!code) continue;
    if (block) {
      if (code === ')') {
        block = undefined;
        continue;
      }
      addDirective(result, block, code.split(/\s+/), indirect, i + 1);
      continue;
    }
    const open = /^(\w+)\s*\($/.exec(code);
    if (open) {
      block = open[1];
      continue;
    }
    const words = code.split(/\s+/);
    const verb = words[0];
    if (verb === 'module' && words[1]) result.name = unquote(words[1]);
    else addDirective(result, verb, words.slice(1), indirect, i + 1);
  }
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
