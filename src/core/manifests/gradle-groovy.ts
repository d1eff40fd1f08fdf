/**
 * Groovy Gradle scripts (build.gradle, settings.gradle) read from tokens (lexer.ts). The one
 * Groovy grammar on npm with a wasm mis-parses most real build scripts (see data/grammars.json),
 * so Groovy alone keeps this reader; what declarations mean is shared with the Kotlin DSL reader
 * (gradle.ts).
 */
import type { ManifestResult } from './types';
import { tokenize, type Tok } from './lexer';
import { addGradleDependency, addGradlePlugin, type GradleArg } from './gradle';
import { emptyResult, normalizeText } from './util';

const isStatementEnd = (t: Tok | undefined) => !t || t.k === 'nl' || t.v === ';' || t.v === '{' || t.v === '}';

/** Reads `root.a.b.c` from `i` (the root id); stops before `.get()`/`.asProvider()`. */
function readChain(toks: Tok[], i: number): { parts: string[]; next: number } {
  const parts = [toks[i].v];
  let j = i + 1;
  while (toks[j]?.v === '.' && toks[j + 1]?.k === 'id') {
    const id = toks[j + 1].v;
    if ((id === 'get' || id === 'asProvider') && toks[j + 2]?.v === '(') break;
    parts.push(id);
    j += 2;
  }
  return { parts, next: j };
}

/** The arguments in tokens [from, to), for {@link addGradleDependency}. */
function readArgs(toks: Tok[], from: number, to: number): GradleArg[] {
  const args: GradleArg[] = [];
  for (let k = from; k < to; k++) {
    const t = toks[k];
    const next = toks[k + 1];
    if (t.k === 'id' && /^(group|name|version)$/.test(t.v) && (next?.v === ':' || next?.v === '=') && toks[k + 2]?.k === 'str') {
      args.push({ k: 'named', name: t.v, v: toks[k + 2].v, line: t.line });
      k += 2;
    } else if (t.k === 'str') args.push({ k: 'str', v: t.v, line: t.line });
    else if (t.k === 'id' && next?.v === '(' && /^(kotlin|project|files|fileTree)$/.test(t.v)) {
      const end = next.end ?? to;
      const strs = toks.slice(k + 2, Math.min(end, to)).filter((x) => x.k === 'str');
      if (t.v === 'kotlin' && strs[0]) args.push({ k: 'kotlin', v: strs[0].v, version: strs[1]?.v, line: t.line });
      k = end;
    } else if (t.k === 'id' && next?.v === '.' && toks[k - 1]?.v !== '.') {
      const chain = readChain(toks, k);
      if (chain.parts.length > 1) args.push({ k: 'ref', parts: chain.parts, line: t.line });
      k = chain.next - 1;
    }
  }
  return args;
}

/**
 * End of a command-style argument list starting at `i`: the first newline at bracket depth 0
 * that does not follow a comma, or a `{` / `}` / `;` at depth 0.
 */
function commandEnd(toks: Tok[], i: number, limit: number): number {
  for (let k = i; k < limit; k++) {
    const t = toks[k];
    if ((t.k === 'nl' && toks[k - 1]?.v !== ',') || (t.k === 'op' && (t.v === '{' || t.v === '}' || t.v === ';'))) return k;
    if (t.k === 'op' && (t.v === '(' || t.v === '[')) k = t.end ?? limit;
  }
  return limit;
}

/** Reads the statements of a `dependencies { }` body, tokens (from, to). */
function readDependencies(result: ManifestResult, toks: Tok[], from: number, to: number, hintTest: boolean): void {
  for (let j = from; j < to; ) {
    const t = toks[j];
    const next = toks[j + 1];
    if ((j > from && !isStatementEnd(toks[j - 1])) || (t.k !== 'id' && t.k !== 'str')) {
      j++;
      continue;
    }
    let config = t.v;
    let argsFrom = j + 1;
    let argsTo: number;
    let after: number;
    if (next?.v === '(') {
      argsFrom = j + 2;
      argsTo = Math.min(next.end ?? to, to);
      after = argsTo + 1;
      if (config === 'add' && toks[argsFrom]?.k === 'str') config = toks[argsFrom++].v;
    } else if (t.k === 'id' && next && (next.k === 'str' || next.k === 'id' || next.v === '[')) {
      argsTo = after = commandEnd(toks, j + 1, to);
    } else {
      j++;
      continue;
    }
    if (!addGradleDependency(result, config, readArgs(toks, argsFrom, argsTo), hintTest)) {
      j++; // `if (...) {`, `constraints {`: not a configuration, so read on inside it
      continue;
    }
    // A trailing closure configures the dependency (exclude, because, version {...}): skip it.
    let c = after;
    while (toks[c]?.k === 'nl') c++;
    j = toks[c]?.v === '{' && c === after ? (toks[c].end ?? to) + 1 : Math.max(after, j + 1);
  }
}

/** Reads the statements of a `plugins { }` body, tokens (from, to). */
function readPlugins(result: ManifestResult, toks: Tok[], from: number, to: number): void {
  for (let j = from; j < to; ) {
    const t = toks[j];
    const next = toks[j + 1];
    if ((j > from && !isStatementEnd(toks[j - 1])) || t.k !== 'id') {
      j++;
      continue;
    }
    const plugin: { id?: string; alias?: string[]; version?: string; line: number } = { line: t.line };
    let k = j + 1;
    if (/^(id|kotlin|alias)$/.test(t.v) && next?.v === '(') {
      const end = Math.min(next.end ?? to, to);
      if (t.v === 'alias' && toks[j + 2]?.k === 'id') plugin.alias = readChain(toks, j + 2).parts;
      const s = toks.slice(j + 2, end).find((x) => x.k === 'str');
      if (t.v !== 'alias' && s) plugin.id = t.v === 'kotlin' ? `org.jetbrains.kotlin.${s.v}` : s.v;
      k = end + 1;
    } else if (t.v === 'id' && next?.k === 'str') {
      plugin.id = next.v;
      k = j + 2;
    } else if (isStatementEnd(next)) plugin.id = t.v; // core plugin by bare name: java, application
    else {
      j++;
      continue;
    }
    // Optional `version "x"` / `.version("x")` and `apply false` after the id.
    for (let m = k; m < to && !isStatementEnd(toks[m]); m++) {
      if (toks[m].v !== 'version') continue;
      const v = toks[m + 1]?.v === '(' ? toks[m + 2] : toks[m + 1];
      if (v?.k === 'str') plugin.version = v.v;
      break;
    }
    addGradlePlugin(result, plugin);
    j = k;
  }
}

/** Label of the block opened at token `i` (`{`): the identifiers and strings of its statement. */
function blockLabel(toks: Tok[], i: number): string {
  const ids: string[] = [];
  for (let k = i - 1; k >= 0 && k >= i - 12 && !isStatementEnd(toks[k]); k--) if (toks[k].k === 'id' || toks[k].k === 'str') ids.push(toks[k].v);
  return ids.reverse().join(' ');
}

/**
 * Reads a Groovy build script (build.gradle) or, with `settings`, a settings.gradle: every
 * `dependencies {}` block (also buildscript `classpath`, subprojects/allprojects; inside a block
 * whose statement names a test, scope test) with command calls (`implementation 'g:a:v'`),
 * parenthesised calls, the map form, continuation lines and `platform(...)`; `plugins {}`
 * (`id 'x' version 'y'`, bare core plugins) and `apply plugin: 'x'`. Settings: `include 'a', ':b:c'`
 * and `includeBuild 'x'` become workspaces, `rootProject.name = 'x'` the result's name.
 * Comments are ignored; every entry has its 1-based line. Catalog references stay pending.
 */
export function readGroovyGradle(path: string, text: string, settings = false): ManifestResult {
  const result = emptyResult(path, settings ? 'settings.gradle' : 'build.gradle');
  const toks = tokenize(normalizeText(text));
  const labels: string[] = [];
  const closers: number[] = [];
  const ws: string[] = [];
  for (let j = 0; j < toks.length; j++) {
    while (closers.length && j > closers[closers.length - 1]) {
      closers.pop();
      labels.pop();
    }
    const t = toks[j];
    const next = toks[j + 1];
    if (t.v === '{' && t.k === 'op') {
      labels.push(blockLabel(toks, j));
      closers.push(t.end ?? toks.length);
    }
    if (t.k !== 'id' || toks[j - 1]?.v === '.') continue;
    if ((t.v === 'dependencies' || t.v === 'plugins') && next?.v === '{') {
      const end = Math.min(next.end ?? toks.length, toks.length);
      if (t.v === 'plugins') readPlugins(result, toks, j + 2, end);
      else readDependencies(result, toks, j + 2, end, labels.some((l) => /test/i.test(l)));
      j = end;
    } else if (t.v === 'apply') {
      const args = next?.v === '(' ? j + 2 : j + 1;
      if (toks[args]?.v === 'plugin' && /^[:=]$/.test(toks[args + 1]?.v ?? '') && toks[args + 2]?.k === 'str') addGradlePlugin(result, { id: toks[args + 2].v, line: t.line });
    } else if (settings && (t.v === 'include' || t.v === 'includeBuild')) {
      const end = next?.v === '(' ? (next.end ?? toks.length) : commandEnd(toks, j + 1, toks.length);
      for (const s of toks.slice(j + 1, end)) if (s.k === 'str') addWorkspace(ws, t.v, s.v);
      j = end;
    } else if (settings && t.v === 'rootProject' && next?.v === '.' && toks[j + 2]?.v === 'name' && toks[j + 4]?.k === 'str') result.name = toks[j + 4].v;
  }
  if (ws.length) result.workspaces = ws;
  return result;
}

/** Adds the folder of `include ':a:b'` (→ `a/b`) or `includeBuild './x'` (→ `x`) to `ws`, once. */
export function addWorkspace(ws: string[], how: string, spec: string): void {
  const p = how === 'include' ? spec.replace(/^:/, '').replace(/:/g, '/') : spec.replace(/^\.\//, '');
  if (p && !ws.includes(p)) ws.push(p);
}
