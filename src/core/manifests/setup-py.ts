/**
 * Python `setup.py`, read from its tree-sitter tree (queries: data/queries/python/manifest.scm):
 * the keyword arguments of `setup(...)` and the literal values they name — lists, tuples, dicts,
 * `dict(...)`, `+` concatenation and names bound earlier in the file. Nothing is evaluated.
 */
import type { Node } from 'web-tree-sitter';
import type { DependencyDecl, DependencyScope, ManifestResult } from './types';
import { isRequirementsFile, pythonGroupScope } from './python';
import { ancestors, kids, literal, type NodeMatch } from './code';
import { addRequirement, dirname, emptyResult, joinRelative, scopeFor } from './util';

/** A string literal with the line it starts on. */
interface Lit {
  v: string;
  line: number;
}

/**
 * What an expression is known to be: a string, a list (list, tuple, set or a `+` concatenation),
 * a dict with string keys, or something only known at run time (with the string literals found
 * in it, which may name a requirements file).
 */
type Val = { t: 'str'; lit: Lit } | { t: 'list'; items: Val[] } | { t: 'dict'; entries: Array<{ key: Lit; value: Val }> } | { t: 'dyn'; strs: Lit[] };

/** A name bound by `=` / `with ... as` (`set`), `+=` / `.extend()`, `.append()` or `def`. */
interface Binding {
  name: string;
  at: number;
  op: 'set' | 'extend' | 'append' | 'def';
  value: Node;
  /** At module level (not inside a function, class or compound statement). */
  top: boolean;
}

/** Bounds that keep self-referencing or doubling constants (`A = B + B`) cheap. */
const MAX_ITEMS = 5000;
const MAX_DEPTH = 40;
/** Most string literals kept from one run-time value. */
const MAX_STRS = 64;
const DYN: Val = { t: 'dyn', strs: [] };
const OPS: Record<string, Binding['op']> = { '=': 'set', as: 'set', '+=': 'extend', extend: 'extend', append: 'append', def: 'def' };

/** Reads literal values out of expression nodes, resolving names through the file's bindings. */
class Reader {
  private readonly memo = new Map<Binding, Val>();
  private budget = MAX_ITEMS * 4;
  constructor(private readonly bindings: Map<string, Binding[]>) {}

  /** Value of expression `n`; names resolve to their bindings before offset `before`. */
  value(n: Node | null | undefined, before: number, depth = 0): Val {
    if (!n || depth > MAX_DEPTH || --this.budget < 0) return DYN;
    const d = depth + 1;
    switch (n.type) {
      case 'string': {
        const lit = literal(n);
        return lit.interp ? { t: 'dyn', strs: [lit] } : { t: 'str', lit };
      }
      case 'concatenated_string': {
        const parts = kids(n).map(literal);
        const lit = { v: parts.map((p) => p.v).join(''), line: parts[0]?.line ?? 1 };
        return parts.some((p) => p.interp) ? { t: 'dyn', strs: [lit] } : { t: 'str', lit };
      }
      case 'list':
      case 'tuple':
      case 'set':
        return { t: 'list', items: kids(n).slice(0, MAX_ITEMS).map((c) => this.value(c, before, d)) };
      case 'parenthesized_expression':
        return this.value(kids(n)[0], before, d);
      case 'dictionary':
        return { t: 'dict', entries: this.entries(kids(n), before, d) };
      case 'identifier':
        return this.resolve(n.text, before, d);
      case 'binary_operator':
        if (n.childForFieldName('operator')?.type === '+') return this.concat(n, before, d);
        break;
      case 'call': {
        const fn = n.childForFieldName('function')?.text;
        const args = kids(n.childForFieldName('arguments'));
        if (fn === 'dict') return { t: 'dict', entries: this.entries(args, before, d) };
        if ((fn === 'list' || fn === 'tuple') && args.length === 1) return this.value(args[0], before, d);
      }
    }
    return { t: 'dyn', strs: this.strings(n, before, d) };
  }

  /** Entries of a dict display or a `dict(...)` call: `'k': v`, `k=v`, and `**spread` dicts first-come. */
  private entries(items: Node[], before: number, depth: number): Array<{ key: Lit; value: Val }> {
    const out: Array<{ key: Lit; value: Val }> = [];
    for (const c of items.slice(0, MAX_ITEMS)) {
      if (c.type === 'dictionary_splat') {
        const spread = this.value(kids(c)[0], before, depth);
        if (spread.t === 'dict') out.push(...spread.entries);
        continue;
      }
      let key: Lit | undefined;
      if (c.type === 'pair') {
        const k = this.value(c.childForFieldName('key'), before, depth);
        if (k.t === 'str') key = k.lit;
      } else if (c.type === 'keyword_argument') {
        const k = c.childForFieldName('name');
        if (k) key = { v: k.text, line: k.startPosition.row + 1 };
      }
      if (key) out.push({ key, value: this.value(c.childForFieldName('value'), before, depth) });
    }
    return out.slice(0, MAX_ITEMS);
  }

  /** `a + b + c`: lists concatenate (a run-time part stays as an item); otherwise run-time. */
  private concat(n: Node, before: number, depth: number): Val {
    const parts: Node[] = [];
    let cur: Node | null = n;
    while (cur?.type === 'binary_operator' && cur.childForFieldName('operator')?.type === '+' && parts.length < MAX_ITEMS) {
      const right = cur.childForFieldName('right');
      if (right) parts.unshift(right);
      cur = cur.childForFieldName('left');
    }
    if (cur) parts.unshift(cur);
    const vals = parts.map((p) => this.value(p, before, depth));
    if (vals.some((v) => v.t === 'list')) return { t: 'list', items: vals.flatMap((v) => (v.t === 'list' ? v.items : [v])).slice(0, MAX_ITEMS) };
    return { t: 'dyn', strs: vals.flatMap((v) => strsOf(v)).slice(0, MAX_STRS) };
  }

  /** String literals of a run-time expression, and those of the names it mentions. */
  private strings(n: Node, before: number, depth: number): Lit[] {
    const out: Lit[] = [];
    for (const c of n.descendantsOfType(['string', 'identifier'])) {
      if (!c || out.length >= MAX_STRS) break;
      if (c.type === 'string') out.push(literal(c));
      else if (c.previousSibling?.type !== '.' && this.bindings.has(c.text)) out.push(...strsOf(this.resolve(c.text, before, depth)).slice(0, MAX_STRS));
    }
    return out;
  }

  /**
   * Value of `name` as bound before offset `before`: the last module-level binding or in-place
   * update (updates count at any depth, as in `if PY2: REQUIRES += [...]`), else the last earlier
   * binding at any level, else the last one anywhere (a `setup()` inside a function defined above
   * its constants).
   */
  private resolve(name: string, before: number, depth: number): Val {
    const all = this.bindings.get(name);
    if (!all || depth > MAX_DEPTH) return DYN;
    const earlier = all.filter((b) => b.at < before);
    const main = earlier.filter((b) => b.top || b.op === 'extend' || b.op === 'append');
    const pool = main.length ? main : earlier.length ? earlier : all;
    return this.bound(pool[pool.length - 1], depth);
  }

  private bound(b: Binding, depth: number): Val {
    const cached = this.memo.get(b);
    if (cached) return cached;
    this.memo.set(b, DYN); // cycle guard
    // A function's names are local: only its own string literals count.
    let v: Val = b.op === 'def' ? { t: 'dyn', strs: b.value.descendantsOfType('string').slice(0, MAX_STRS).flatMap((s) => (s ? [literal(s)] : [])) } : this.value(b.value, b.at, depth + 1);
    if (b.op === 'append') v = { t: 'list', items: [v] };
    if (b.op === 'extend' || b.op === 'append') {
      const prev = this.resolve(b.name, b.at, depth + 1);
      v = prev.t === 'list' && v.t === 'list' ? { t: 'list', items: [...prev.items, ...v.items].slice(0, MAX_ITEMS) } : { t: 'dyn', strs: [...strsOf(prev), ...strsOf(v)] };
    }
    this.memo.set(b, v);
    return v;
  }
}

/** String literals inside a value, in order. */
function strsOf(v: Val, out: Lit[] = [], depth = 0): Lit[] {
  if (depth > MAX_DEPTH || out.length > MAX_ITEMS) return out;
  if (v.t === 'str') out.push(v.lit);
  else if (v.t === 'dyn') out.push(...v.strs);
  else if (v.t === 'list') for (const x of v.items) strsOf(x, out, depth + 1);
  else for (const e of v.entries) strsOf(e.value, out, depth + 1);
  return out;
}

/** Items of a list with nested lists (`(A + B)` in parentheses) spliced in. */
function flatten(v: Val, out: Val[] = [], depth = 0): Val[] {
  if (v.t !== 'list' || depth > MAX_DEPTH) out.push(v);
  else for (const x of v.items) if (out.length < MAX_ITEMS) flatten(x, out, depth + 1);
  return out;
}

/** True for a string literal that names a requirements-like file (`requirements/base.txt`, `deps.in`). */
function looksLikeRequirementsFile(s: string): boolean {
  return /^[\w./\\-]+\.(txt|in)$/i.test(s) && !/^[a-z]+:\/\//i.test(s);
}

/**
 * Reads a Python `setup.py` from the matches of its `manifest` query. `setup(...)` (also
 * `setuptools.setup`, `distutils.core.setup`) keyword arguments give `install_requires` (prod),
 * `setup_requires` (build), `tests_require` (test) and `extras_require` (optional, or dev/test by
 * group name via `pythonGroupScope`; a `'group:marker'` key uses the group, `':marker'` is prod).
 * Values may be lists, tuples, `+` concatenations, `dict(...)` calls or names bound earlier in
 * the file (`install_requires=REQUIRES`, `+=`, `.append()`, `.extend()`), and the call may spread
 * `**kwargs` built the same way. Requirements are PEP 508 strings: names PEP 503 normalised,
 * extras kept as `features`, markers dropped; lines are those of the string literals. Values
 * computed at run time are skipped without a warning, except that string literals in them naming
 * a requirements file (`open('requirements.txt')`, `read_reqs('requirements/test.txt')`, also
 * through a `with open(...) as f` target or a helper function's own literals) become `includes`,
 * resolved against the file's folder. `name=` becomes the result's name.
 */
export function readSetupPy(path: string, matches: NodeMatch[]): ManifestResult {
  const result = emptyResult(path, 'setup.py');
  const bindings = new Map<string, Binding[]>();
  for (const m of matches) {
    const op = OPS[m['manifest.kind']?.text];
    if (!m['manifest.assign'] || !m['manifest.name'] || !op) continue;
    const name = m['manifest.name'].text;
    const list = bindings.get(name) ?? bindings.set(name, []).get(name)!;
    // Module level: not inside a block (a function, class, `if`, `with` ... body).
    const top = !ancestors(m['manifest.assign']).some((p) => p.type === 'block');
    if (list.length < 64) list.push({ name, at: m['manifest.assign'].startIndex, op, value: m['manifest.value'], top });
  }
  const reader = new Reader(bindings);
  const includes: string[] = [];
  // Only files the requirements parser reads by name: the engine routes includes by name too.
  const include = (s: string) => {
    const rel = looksLikeRequirementsFile(s) ? joinRelative(dirname(path), s) : undefined;
    if (rel && isRequirementsFile(rel) && !includes.includes(rel)) includes.push(rel);
  };
  const requirement = (lit: Lit, scope: DependencyScope) => {
    if (lit.v.trim() && !lit.v.trim().startsWith('#')) addRequirement(result, lit.v, scope, lit.line);
  };
  const addValue = (v: Val, scope: DependencyScope) => {
    if (v.t === 'str') {
      // A single string may hold several requirements, one per line.
      v.lit.v.split('\n').forEach((row, i) => requirement({ v: row.replace(/(^|\s)#.*$/, ''), line: v.lit.line + i }, scope));
    } else if (v.t === 'list') {
      for (const item of flatten(v)) {
        if (item.t === 'str') requirement(item.lit, scope);
        else if (item.t === 'dyn') item.strs.forEach((s) => include(s.v));
      }
    } else if (v.t === 'dyn') v.strs.forEach((s) => include(s.v));
  };
  const handle = (key: string, v: Val) => {
    const scope = scopeFor('setupPyKeyword', key, undefined);
    if (key === 'name' && v.t === 'str' && result.name === undefined) result.name = v.lit.v.trim();
    else if (scope) addValue(v, scope);
    else if (key === 'extras_require' && v.t === 'dyn') addValue(v, 'optional');
    else if (key === 'extras_require' && v.t === 'dict') {
      for (const e of v.entries) {
        const group = e.key.v.split(':')[0].trim();
        addValue(e.value, group ? pythonGroupScope(group, 'optional') : 'prod');
      }
    }
  };
  for (const m of matches) {
    const call = m['manifest.dependency'];
    if (!call) continue;
    for (const arg of kids(call.childForFieldName('arguments'))) {
      if (arg.type === 'keyword_argument') handle(arg.childForFieldName('name')?.text ?? '', reader.value(arg.childForFieldName('value'), call.startIndex));
      else if (arg.type === 'dictionary_splat') {
        // setup(**kwargs): the keys of a dict built as a literal or with dict(...).
        const v = reader.value(kids(arg)[0], call.startIndex);
        if (v.t === 'dict') for (const e of v.entries) handle(e.key.v, e.value);
      }
    }
  }
  if (includes.length) result.includes = includes;
  // The same literal reached twice (an `all` or `dev` extra built from the others) counts once,
  // with the most specific scope: test over dev over optional.
  const rank: Partial<Record<DependencyScope, number>> = { optional: 1, dev: 2, test: 3 };
  const byKey = new Map<string, DependencyDecl>();
  for (const dep of result.dependencies) {
    const had = byKey.get(`${dep.name}\0${dep.line}`);
    if (!had) byKey.set(`${dep.name}\0${dep.line}`, dep);
    else if ((rank[had.scope] ?? 9) < (rank[dep.scope] ?? 0)) had.scope = dep.scope;
  }
  result.dependencies = [...byKey.values()].sort((a, b) => a.line - b.line);
  return result;
}
