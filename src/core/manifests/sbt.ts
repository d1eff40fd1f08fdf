/**
 * sbt build definitions: `build.sbt` (and any `*.sbt`) dependencies written with the `%` DSL,
 * and `addSbtPlugin(...)` in `project/plugins.sbt`. Read from tokens, never evaluated.
 */
import type { DependencyDecl, DependencyScope, ManifestResult } from './types';
import { tokenize, type Tok } from './lexer';
import { emptyResult, normalizeText } from './util';

const CROSS = new Set(['%', '%%', '%%%']);

function isStrOrId(t: Tok | undefined): t is Tok {
  return !!t && (t.k === 'str' || t.k === 'id');
}

/** Scope named by a configuration after the version: `% Test`, `% "test"`, `% "it,test"`. */
function sbtScope(t: Tok | undefined): DependencyScope | undefined {
  if (!t) return undefined;
  const v = t.v.toLowerCase();
  if (v === 'integrationtest' || /(^|[,;\s])(test|it)($|[,;\s-])/.test(v)) return 'test';
  if (v === 'provided' || v === 'compile' || v === 'runtime') return 'prod';
  return undefined;
}

/**
 * Parses an sbt file. `"g" %% "a" % "v"` and `"g" % "a" % "v"` (also `%%%`, and inside
 * `Seq(...)`) give a dependency named `g:a` — without any Scala version suffix for `%%` — in
 * ecosystem maven; a version given as an identifier is kept as written. A trailing
 * `% Test` / `% "test"` gives scope test. Coordinates inside `addSbtPlugin(...)` have scope
 * plugin, inside `addCompilerPlugin(...)`/`compilerPlugin(...)` scope build. `project.in(file("x"))`
 * and `project in file("x")` folders become workspaces. Every entry has its 1-based line.
 */
export function parseSbt(path: string, text: string): ManifestResult {
  const result = emptyResult(path, path.toLowerCase().endsWith('plugins.sbt') ? 'plugins.sbt' : 'build.sbt');
  const toks = tokenize(normalizeText(text));
  const ws: string[] = [];
  // Ranges of addSbtPlugin(...) / compilerPlugin(...) arguments, as [start, end, scope].
  const ranges: Array<[number, number, DependencyScope]> = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.k === 'id' && toks[i + 1]?.v === '(') {
      if (t.v === 'addSbtPlugin') ranges.push([i, toks[i + 1].end ?? toks.length, 'plugin']);
      else if (t.v === 'addCompilerPlugin' || t.v === 'compilerPlugin') ranges.push([i, toks[i + 1].end ?? toks.length, 'build']);
      else if (t.v === 'file' && toks[i + 2]?.k === 'str' && (toks[i - 1]?.v === 'in' || (toks[i - 1]?.v === '(' && toks[i - 2]?.v === 'in'))) {
        const dir = toks[i + 2].v.replace(/^\.\//, '').replace(/\/+$/, '');
        if (dir && dir !== '.' && !ws.includes(dir)) ws.push(dir);
      }
    }
  }
  // Coordinates are visited in token order, so one forward pointer over the ranges suffices.
  let ri = 0;
  const rangeScope = (i: number): DependencyScope | undefined => {
    while (ri < ranges.length && ranges[ri][1] <= i) ri++;
    return ri < ranges.length && ranges[ri][0] < i ? ranges[ri][2] : undefined;
  };

  for (let i = 0; i + 2 < toks.length; i++) {
    const g = toks[i];
    const op = toks[i + 1];
    const a = toks[i + 2];
    if (g.k !== 'str' || op.k !== 'op' || !CROSS.has(op.v) || a.k !== 'str') continue;
    if (toks[i - 1]?.k === 'op' && CROSS.has(toks[i - 1].v)) continue; // middle of a longer chain
    let k = i + 3;
    let version: string | undefined;
    let scope: DependencyScope | undefined;
    if (toks[k]?.k === 'op' && toks[k].v === '%' && isStrOrId(toks[k + 1])) {
      version = toks[k + 1].v;
      k += 2;
      if (toks[k]?.k === 'op' && toks[k].v === '%' && isStrOrId(toks[k + 1])) scope = sbtScope(toks[k + 1]);
    }
    const dep: DependencyDecl = {
      ecosystem: 'maven',
      name: `${g.v}:${a.v}`,
      scope: rangeScope(i) ?? scope ?? 'prod',
      line: g.line,
    };
    if (version) dep.version = version;
    result.dependencies.push(dep);
    i = k - 1;
  }
  if (ws.length) result.workspaces = ws;
  return result;
}
