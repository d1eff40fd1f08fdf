/**
 * Python `setup.py`, read from its tree-sitter tree (queries: data/queries/python/manifest.scm):
 * the keyword arguments of `setup(...)` and the string literals they hold — in lists, tuples,
 * dicts, `dict(...)`, `+` concatenations and names bound earlier in the file. Nothing is evaluated.
 */
import type { Node } from 'web-tree-sitter';
import type { DependencyDecl, DependencyScope, ManifestResult } from './types';
import { isRequirementsFile, pythonGroupScope } from './python';
import { ancestors, kids, literal, type NodeMatch } from './code';
import { addRequirement, dirname, emptyResult, joinRelative, scopeFor, stripComment } from './util';

/**
 * A string literal an expression holds, with its 1-based line, the dict keys it is filed under
 * (outermost first), and `dyn` when it only feeds a value computed at run time (where it may
 * name a requirements file).
 */
interface Item {
  v: string;
  line: number;
  keys: string[];
  dyn: boolean;
}

/** What an expression is (a string, a list: list, tuple, set or `+` of lists, a dict, or a run-time value) and the literals it holds. */
interface Val {
  t: 'str' | 'list' | 'dict' | 'dyn';
  items: Item[];
}

/** A name bound by `=` / `with ... as` (`set`), `+=` / `.extend()`, `.append()` or `def`; `top` at module level. */
interface Binding {
  name: string;
  at: number;
  op: 'set' | 'extend' | 'append' | 'def';
  value: Node;
  top: boolean;
}

/** Bounds that keep self-referencing or doubling constants (`A = B + B`) cheap; MAX_STRS: literals kept from one run-time value. */
const MAX_ITEMS = 5000;
const MAX_DEPTH = 40;
const MAX_STRS = 64;
const OPS: Record<string, Binding['op']> = { '=': 'set', as: 'set', '+=': 'extend', extend: 'extend', append: 'append', def: 'def' };

const item = (n: Node): Item => {
  const { v, line, interp } = literal(n);
  return { v, line, keys: [], dyn: interp };
};
/** A run-time value holding `items` (its literals lose their keys). */
const dyn = (items: Item[]): Val => ({ t: 'dyn', items: items.slice(0, MAX_STRS).map((i) => ({ v: i.v, line: i.line, keys: [], dyn: true })) });
/** A list of `vals`: nested lists spliced in, dicts inside dropped. */
const list = (vals: Val[]): Val => ({ t: 'list', items: vals.flatMap((v) => (v.t === 'dict' ? [] : v.items)).slice(0, MAX_ITEMS) });

/** Reads the literals of expression nodes, resolving names through the file's bindings. */
class Reader {
  private readonly memo = new Map<Binding, Val>();
  private budget = MAX_ITEMS * 4;
  constructor(private readonly bindings: Map<string, Binding[]>) {}

  /** Value of expression `n`; names resolve to their bindings before offset `before`. */
  value(n: Node | null | undefined, before: number, depth = 0): Val {
    if (!n || depth > MAX_DEPTH || --this.budget < 0) return dyn([]);
    const d = depth + 1;
    const fn = n.type === 'call' ? n.childForFieldName('function')?.text : undefined;
    const args = kids(n.childForFieldName('arguments'));
    if (n.type === 'string' || n.type === 'concatenated_string') {
      const parts = n.type === 'string' ? [item(n)] : kids(n).map(item);
      const dynamic = parts.some((p) => p.dyn);
      return { t: dynamic ? 'dyn' : 'str', items: [{ v: parts.map((p) => p.v).join(''), line: parts[0]?.line ?? 1, keys: [], dyn: dynamic }] };
    }
    if (n.type === 'list' || n.type === 'tuple' || n.type === 'set') return list(kids(n).slice(0, MAX_ITEMS).map((c) => this.value(c, before, d)));
    if (n.type === 'parenthesized_expression' || ((fn === 'list' || fn === 'tuple') && args.length === 1)) return this.value(n.type === 'call' ? args[0] : kids(n)[0], before, d);
    if (n.type === 'dictionary' || fn === 'dict') return this.dict(n.type === 'call' ? args : kids(n), before, d);
    if (n.type === 'identifier') return this.resolve(n.text, before, d);
    if (n.type === 'binary_operator' && n.childForFieldName('operator')?.type === '+') {
      // `a + b + c`: lists concatenate (a run-time part stays as an item); otherwise run-time.
      const parts: Node[] = [];
      let cur: Node | null = n;
      for (; cur?.type === 'binary_operator' && cur.childForFieldName('operator')?.type === '+' && parts.length < MAX_ITEMS; cur = cur.childForFieldName('left')) parts.unshift(cur.childForFieldName('right')!);
      const vals = [cur, ...parts].map((p) => this.value(p, before, d));
      return vals.some((v) => v.t === 'list') ? list(vals) : dyn(vals.flatMap((v) => v.items));
    }
    // Run time: the string literals in it, and those of the names it mentions.
    const out: Item[] = [];
    for (const c of n.descendantsOfType(['string', 'identifier'])) {
      if (!c || out.length >= MAX_STRS) break;
      if (c.type === 'string') out.push(item(c));
      else if (c.previousSibling?.type !== '.' && this.bindings.has(c.text)) out.push(...this.resolve(c.text, before, d).items.slice(0, MAX_STRS));
    }
    return dyn(out);
  }

  /** Entries of a dict display, a `dict(...)` call or `setup(...)`'s arguments: `'k': v`, `k=v`, and `**spread` dicts. */
  dict(entries: Node[], before: number, depth: number): Val {
    const items: Item[] = [];
    for (const c of entries.slice(0, MAX_ITEMS)) {
      const spread = c.type === 'dictionary_splat' ? this.value(kids(c)[0], before, depth) : undefined;
      if (spread?.t === 'dict') items.push(...spread.items);
      const k = c.type === 'pair' ? this.value(c.childForFieldName('key'), before, depth) : undefined;
      const key = c.type === 'keyword_argument' ? c.childForFieldName('name')?.text : k?.t === 'str' ? k.items[0].v : undefined;
      if (key !== undefined) items.push(...this.value(c.childForFieldName('value'), before, depth).items.map((i) => ({ ...i, keys: [key, ...i.keys] })));
    }
    return { t: 'dict', items: items.slice(0, MAX_ITEMS) };
  }

  /**
   * Value of `name` as bound before offset `before`: the last module-level binding or in-place
   * update (updates count at any depth, as in `if PY2: REQUIRES += [...]`), else the last earlier
   * binding at any level, else the last one anywhere (a `setup()` inside a function defined above
   * its constants).
   */
  private resolve(name: string, before: number, depth: number): Val {
    const all = this.bindings.get(name);
    if (!all || depth > MAX_DEPTH) return dyn([]);
    const earlier = all.filter((b) => b.at < before);
    const main = earlier.filter((b) => b.top || b.op === 'extend' || b.op === 'append');
    const pool = main.length ? main : earlier.length ? earlier : all;
    const b = pool[pool.length - 1];
    if (this.memo.has(b)) return this.memo.get(b)!;
    this.memo.set(b, dyn([])); // cycle guard
    // A function's names are local: only its own string literals count.
    let v = b.op === 'def' ? dyn(b.value.descendantsOfType('string').flatMap((s) => (s ? [item(s)] : []))) : this.value(b.value, b.at, depth + 1);
    if (b.op === 'append') v = list([v]);
    if (b.op === 'extend' || b.op === 'append') {
      const prev = this.resolve(b.name, b.at, depth + 1);
      v = prev.t === 'list' && v.t === 'list' ? list([prev, v]) : dyn([...prev.items, ...v.items]);
    }
    this.memo.set(b, v);
    return v;
  }
}

/**
 * Reads a Python `setup.py` from the matches of its `manifest` query. `setup(...)` (also
 * `setuptools.setup`, `distutils.core.setup`) keyword arguments give `install_requires` (prod),
 * `setup_requires` (build), `tests_require` (test) and `extras_require` (optional, or dev/test by
 * group name via `pythonGroupScope`; a `'group:marker'` key uses the group, `':marker'` is prod).
 * Values may be lists, tuples, `+` concatenations, `dict(...)` calls or names bound earlier in
 * the file (`install_requires=REQUIRES`, `+=`, `.append()`, `.extend()`), and the call may spread
 * `**kwargs` built the same way. Requirements are PEP 508 strings, several to a string one per
 * line: names PEP 503 normalised, extras kept as `features`, markers dropped; lines are those of
 * the string literals. Values computed at run time are skipped without a warning, except that
 * string literals in them naming a requirements file (`open('requirements.txt')`,
 * `read_reqs('requirements/test.txt')`, also through a `with open(...) as f` target or a helper
 * function's own literals) become `includes`, resolved against the file's folder. `name=`
 * becomes the result's name.
 */
export function readSetupPy(path: string, matches: NodeMatch[]): ManifestResult {
  const result = emptyResult(path, 'setup.py');
  const bindings = new Map<string, Binding[]>();
  for (const m of matches) {
    const op = OPS[m['manifest.kind']?.text];
    if (!m['manifest.assign'] || !m['manifest.name'] || !op) continue;
    const name = m['manifest.name'].text;
    const own = bindings.get(name) ?? bindings.set(name, []).get(name)!;
    // Module level: not inside a block (a function, class, `if`, `with` ... body).
    const top = !ancestors(m['manifest.assign']).some((p) => p.type === 'block');
    if (own.length < 64) own.push({ name, at: m['manifest.assign'].startIndex, op, value: m['manifest.value'], top });
  }
  const reader = new Reader(bindings);
  const includes: string[] = [];
  for (const call of matches.map((m) => m['manifest.dependency']).filter(Boolean)) {
    for (const { v, line, keys, dyn } of reader.dict(kids(call.childForFieldName('arguments')), call.startIndex, 0).items) {
      const [key, group] = keys;
      const scope = keys.length === 1 ? scopeFor('setupPyKeyword', key, undefined) : key === 'extras_require' && keys.length === 2 ? (group.split(':')[0].trim() ? pythonGroupScope(group.split(':')[0].trim(), 'optional') : 'prod') : undefined;
      // Only files the requirements parser reads by name: the engine routes includes by name too.
      const rel = dyn && (scope || key === 'extras_require') && /^[\w./\\-]+\.(txt|in)$/i.test(v) ? joinRelative(dirname(path), v) : undefined;
      if (rel && isRequirementsFile(rel) && !includes.includes(rel)) includes.push(rel);
      else if (!dyn && key === 'name' && keys.length === 1) result.name ??= v.trim();
      else if (!dyn && scope) v.split('\n').forEach((row, i) => stripComment(row) && addRequirement(result, stripComment(row), scope, line + i));
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
