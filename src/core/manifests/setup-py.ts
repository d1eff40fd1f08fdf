/**
 * Python `setup.py`, read as text: a small tokenizer and a reader for the literal shapes that
 * setup scripts use (lists, tuples, dicts, `dict(...)`, `+` concatenation and module-level
 * constants). Nothing is evaluated or executed.
 */
import type { DependencyDecl, DependencyScope, ManifestResult } from './types';
import { isRequirementsFile, pythonGroupScope } from './python';
import { LineIndex, dirname, emptyResult, joinRelative, normalizeText, normalizePythonName, parsePep508, warn } from './util';
import { CLOSE, OPEN, matchBrackets } from './lexer';

/** Token kinds: identifier (or number), string literal, operator, newline (outside brackets). */
type PyTokKind = 'id' | 'str' | 'op' | 'nl';

interface PyTok {
  k: PyTokKind;
  v: string;
  line: number;
  /** Indentation of the token when it starts a line outside brackets, else -1. */
  indent: number;
  /** f-strings are dynamic. */
  fmt?: boolean;
  /** For ( [ {: index of the matching closer (the token count when unclosed). */
  end?: number;
}

/** Tokenizes Python `text` (newline-normalised). Comments are dropped; `nl` only outside brackets. */
function tokenizePython(text: string): PyTok[] {
  const s = text;
  const lines = new LineIndex(s);
  const toks: PyTok[] = [];
  let depth = 0;
  let lineBegin = true;
  let col = 0;
  let i = 0;
  const push = (k: PyTokKind, v: string, at: number, fmt?: boolean) => {
    const t: PyTok = { k, v, line: lines.lineAt(at), indent: lineBegin && depth === 0 ? col : -1 };
    if (fmt) t.fmt = true;
    toks.push(t);
    lineBegin = false;
  };
  while (i < s.length) {
    const c = s[i];
    if (c === '\n') {
      if (depth === 0 && toks.length && toks[toks.length - 1].k !== 'nl') toks.push({ k: 'nl', v: '\n', line: lines.lineAt(i), indent: -1 });
      i++;
      lineBegin = true;
      col = 0;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f' || c === '\r') {
      if (lineBegin) col += c === '\t' ? 8 - (col % 8) : 1;
      i++;
      continue;
    }
    if (c === '\\' && s[i + 1] === '\n') {
      i += 2; // explicit line join
      continue;
    }
    if (c === '#') {
      const e = s.indexOf('\n', i);
      i = e < 0 ? s.length : e;
      continue;
    }
    const pre = c === '"' || c === "'" || STRING_PREFIX.test(c) ? /^([rRbBuUfF]{1,2})?(["'])/.exec(s.slice(i, i + 3)) : null;
    if (pre && (pre[1] === undefined || !/[A-Za-z0-9_]/.test(s[i - 1] ?? ''))) {
      const prefix = (pre[1] ?? '').toLowerCase();
      const q = pre[2];
      const start = i + (pre[1]?.length ?? 0);
      const raw = prefix.includes('r');
      const triple = s.startsWith(q.repeat(3), start);
      let j = start + (triple ? 3 : 1);
      let value = '';
      let closed = false;
      let from = j; // start of the run of plain characters not yet added to value
      while (j < s.length) {
        const d = s[j];
        if (d === '\\' && j + 1 < s.length) {
          value += s.slice(from, j) + (raw ? d + s[j + 1] : s[j + 1] === '\n' ? '' : s[j + 1]);
          j += 2;
          from = j;
          continue;
        }
        if (d === q && (!triple || s.startsWith(q.repeat(3), j))) {
          value += s.slice(from, j);
          j += triple ? 3 : 1;
          closed = true;
          break;
        }
        if (d === '\n' && !triple) break; // unterminated: stop at the line end
        j++;
      }
      if (!closed) value += s.slice(from, j);
      push('str', value, i, prefix.includes('f'));
      i = closed ? j : Math.max(j, i + 1);
      continue;
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c) || /[0-9]/.test(c)) {
      let j = i + 1;
      while (j < s.length && /[A-Za-z0-9_\u0080-\uffff]/.test(s[j])) j++;
      push('id', s.slice(i, j), i);
      i = j;
      continue;
    }
    // Two-character operators that matter here: == != <= >= += **
    const two = s.slice(i, i + 2);
    const op = ['==', '!=', '<=', '>=', '+=', '**', '->', ':='].includes(two) ? two : c;
    if (op === '(' || op === '[' || op === '{') depth++;
    else if ((op === ')' || op === ']' || op === '}') && depth > 0) depth--;
    push('op', op, i);
    i += op.length;
  }
  matchBrackets(toks);
  return toks;
}

const STRING_PREFIX = /[rRbBuUfF]/;
/** A string literal with the line it starts on. */
interface Lit {
  v: string;
  line: number;
}

/**
 * What an expression is known to be: a string, a list of values (list, tuple, set, or a `+`
 * concatenation), a dict with string keys, or something only known at run time (with the
 * string literals found in it, which may name a requirements file).
 */
type Val =
  | { t: 'str'; lit: Lit }
  | { t: 'list'; items: Val[] }
  | { t: 'dict'; entries: Array<{ key: Lit; value: Val }> }
  | { t: 'dyn'; strs: Lit[] };

/** Bounds that keep self-referencing or doubling constants (`A = B + B`) cheap. */
const MAX_ITEMS = 5000;
const MAX_DEPTH = 40;

/** A statement-start `NAME = expr`, `NAME += expr`, `NAME.extend(expr)` or `NAME.append(expr)`. */
interface Assign {
  name: string;
  at: number;
  /** `set` for `=` and `with ... as name`; `extend` for `+=` and `.extend()`; `append` for `.append()`; `def` for a function. */
  op: 'set' | 'extend' | 'append' | 'def';
  start: number;
  end: number;
  indent: number;
}

/** Reads literal values out of a token range, resolving names through earlier assignments. */
class Reader {
  private readonly memo = new Map<Assign, Val>();
  private budget = MAX_ITEMS * 4;
  constructor(
    private readonly toks: PyTok[],
    private readonly assigns: Map<string, Assign[]>,
  ) {}

  /** End (exclusive) of the expression starting at `i`: the next `,`/`:`/closer at depth 0, or `nl`. */
  exprEnd(i: number, limit: number): number {
    let j = i;
    while (j < limit) {
      const t = this.toks[j];
      if (t.k === 'nl') break;
      if (t.k === 'op') {
        if (OPEN[t.v]) {
          j = Math.min((t.end ?? limit) + 1, limit);
          continue;
        }
        if (CLOSE[t.v] || t.v === ',' || t.v === ':' || t.v === ';') break;
      }
      j++;
    }
    return j;
  }

  /** Value of the tokens [start, end). `before` is the token index names are resolved at. */
  value(start: number, end: number, before: number, depth = 0): Val {
    if (depth > MAX_DEPTH || --this.budget < 0 || start >= end) return { t: 'dyn', strs: [] };
    // Split on `+` at depth 0: concatenation of lists (or strings).
    const parts: Array<[number, number]> = [];
    let from = start;
    for (let j = start; j < end; ) {
      const t = this.toks[j];
      if (t.k === 'op' && OPEN[t.v]) {
        j = (t.end ?? end) + 1;
        continue;
      }
      if (t.k === 'op' && t.v === '+' && j > from) {
        parts.push([from, j]);
        from = j + 1;
      }
      j++;
    }
    parts.push([from, end]);
    if (parts.length > 1) {
      // Lists concatenate; a run-time part (`+ (['x'] if c else [])`) stays as a dynamic item.
      const vals = parts.map(([a, b]) => this.value(a, b, before, depth + 1));
      if (vals.some((v) => v.t === 'list')) return { t: 'list', items: capped(vals.flatMap((v) => (v.t === 'list' ? v.items : [v]))) };
      return { t: 'dyn', strs: vals.flatMap((v) => strsOf(v)) };
    }
    return this.term(start, end, before, depth);
  }

  private term(start: number, end: number, before: number, depth: number): Val {
    const toks = this.toks;
    const t = toks[start];
    // Adjacent string literals concatenate.
    if (t.k === 'str' && toks.slice(start, end).every((u) => u.k === 'str')) {
      const lit = { v: toks.slice(start, end).map((u) => u.v).join(''), line: t.line };
      return toks.slice(start, end).some((u) => u.fmt) ? { t: 'dyn', strs: [lit] } : { t: 'str', lit };
    }
    if (t.k === 'op' && OPEN[t.v] && t.end === end - 1) return this.bracket(start, before, depth);
    if (t.k === 'id' && (t.v === 'dict' || t.v === 'list' || t.v === 'tuple') && toks[start + 1]?.v === '(' && toks[start + 1].end === end - 1) {
      return t.v === 'dict' ? this.dictCall(start + 1, before, depth) : this.bracket(start + 1, before, depth, true);
    }
    if (t.k === 'id' && end === start + 1) return this.resolve(t.v, before, depth);
    // Anything else (calls, comprehensions, conditionals) is dynamic; keep its strings.
    const strs: Lit[] = [];
    for (let j = start; j < end && strs.length < 64; j++) {
      const u = toks[j];
      if (u.k === 'str') strs.push({ v: u.v, line: u.line });
      else if (u.k === 'id' && toks[j - 1]?.v !== '.' && /^[A-Za-z_]\w*$/.test(u.v) && this.assigns.has(u.v)) {
        // A name (a constant, a `with open(...) as f` target, a helper function): its strings.
        strs.push(...strsOf(this.resolve(u.v, before, depth + 1)).slice(0, 64));
      }
    }
    return { t: 'dyn', strs };
  }

  /** `[...]`, `(...)`, `{...}` at `open`; `call` for `list(...)` / `tuple(...)`. */
  private bracket(open: number, before: number, depth: number, call = false): Val {
    const toks = this.toks;
    const close = toks[open].end ?? toks.length;
    const isDict = toks[open].v === '{' && this.hasTopLevelColon(open + 1, close);
    if (call) {
      // list(X) is X.
      return this.value(open + 1, close, before, depth + 1);
    }
    const items: Val[] = [];
    const entries: Array<{ key: Lit; value: Val }> = [];
    let comprehension = false;
    for (let j = open + 1; j < close; ) {
      while (j < close && (toks[j].v === ',' || toks[j].k === 'nl')) j++;
      if (j >= close) break;
      if (isDict && toks[j].v === '**') {
        // {**BASE, 'x': [...]}: the spread dict's entries come first.
        const sEnd = this.exprEnd(j + 1, close);
        const spread = this.value(j + 1, sEnd, before, depth + 1);
        if (spread.t === 'dict') entries.push(...spread.entries.slice(0, MAX_ITEMS));
        j = Math.max(sEnd, j + 1);
      } else if (isDict) {
        const kEnd = this.exprEnd(j, close);
        const key = this.value(j, kEnd, before, depth + 1);
        if (toks[kEnd]?.v !== ':') break;
        const vEnd = this.exprEnd(kEnd + 1, close);
        const value = this.value(kEnd + 1, vEnd, before, depth + 1);
        if (key.t === 'str') entries.push({ key: key.lit, value });
        j = vEnd;
      } else {
        const e = this.exprEnd(j, close);
        if (toks.slice(j, e).some((u) => u.k === 'id' && u.v === 'for')) comprehension = true;
        items.push(this.value(j, Math.max(e, j + 1), before, depth + 1));
        j = Math.max(e, j + 1);
      }
      if (items.length + entries.length >= MAX_ITEMS) break;
    }
    if (isDict) return { t: 'dict', entries };
    if (comprehension) return { t: 'dyn', strs: items.flatMap((v) => strsOf(v)) };
    return { t: 'list', items };
  }

  /** True when `{...}` holds a dict: its first item that is not a `**spread` has a `key:`. */
  private hasTopLevelColon(from: number, to: number): boolean {
    let spread = false;
    for (let j = from; j < to; ) {
      const t = this.toks[j];
      if (t.k === 'op' && OPEN[t.v]) {
        j = (t.end ?? to) + 1;
        continue;
      }
      if (t.v === '**' && (j === from || this.toks[j - 1].v === ',')) spread = true;
      else if (t.v === ':') return true;
      else if (t.v === ',') {
        if (!spread) return false;
        spread = false;
      }
      j++;
    }
    return spread;
  }

  /** `dict(a=..., b=...)` at the `(` token. */
  private dictCall(open: number, before: number, depth: number): Val {
    const toks = this.toks;
    const close = toks[open].end ?? toks.length;
    const entries: Array<{ key: Lit; value: Val }> = [];
    for (const kw of this.keywords(open, close)) {
      entries.push({ key: { v: kw.name, line: toks[kw.at].line }, value: this.value(kw.start, kw.end, before, depth + 1) });
    }
    return { t: 'dict', entries };
  }

  /** Keyword arguments `name=expr` of the call whose `(` is at `open`, plus `**name` spreads. */
  keywords(open: number, close: number): Array<{ name: string; at: number; start: number; end: number; spread?: boolean }> {
    const toks = this.toks;
    const out: Array<{ name: string; at: number; start: number; end: number; spread?: boolean }> = [];
    for (let j = open + 1; j < close; ) {
      const t = toks[j];
      if (t.k === 'id' && toks[j + 1]?.v === '=' && (toks[j - 1]?.v === ',' || j === open + 1)) {
        const end = this.exprEnd(j + 2, close);
        out.push({ name: t.v, at: j, start: j + 2, end });
        j = Math.max(end, j + 1);
        continue;
      }
      if (t.v === '**' && (toks[j - 1]?.v === ',' || j === open + 1)) {
        const end = this.exprEnd(j + 1, close);
        out.push({ name: '', at: j, start: j + 1, end, spread: true });
        j = Math.max(end, j + 1);
        continue;
      }
      if (t.k === 'op' && OPEN[t.v]) {
        j = (t.end ?? close) + 1;
        continue;
      }
      j++;
    }
    return out;
  }

  /**
   * Value of `name` as assigned before token `before`: the last module-level assignment or
   * append (appends count at any indentation, as in `if PY2: REQUIRES += [...]`), else the last
   * earlier assignment at any level, else the last one anywhere (a `setup()` inside a function
   * defined above its constants).
   */
  resolve(name: string, before: number, depth: number): Val {
    const list = this.assigns.get(name);
    if (!list || depth > MAX_DEPTH) return { t: 'dyn', strs: [] };
    const earlier = list.filter((a) => a.at < before);
    const main = earlier.filter((a) => a.indent === 0 || a.op === 'extend' || a.op === 'append');
    const pool = main.length ? main : earlier.length ? earlier : list;
    return this.assignValue(pool[pool.length - 1], depth + 1);
  }

  private assignValue(a: Assign, depth: number): Val {
    const cached = this.memo.get(a);
    if (cached) return cached;
    this.memo.set(a, { t: 'dyn', strs: [] }); // cycle guard
    if (a.op === 'def') {
      // A function body: only its own string literals (its names are local).
      const strs: Lit[] = [];
      for (let j = a.start; j < a.end && strs.length < 64; j++) if (this.toks[j].k === 'str') strs.push({ v: this.toks[j].v, line: this.toks[j].line });
      const v: Val = { t: 'dyn', strs };
      this.memo.set(a, v);
      return v;
    }
    let v = this.value(a.start, a.end, a.at, depth);
    if (a.op === 'append') v = { t: 'list', items: [v] };
    if (a.op === 'extend' || a.op === 'append') {
      const prev = this.resolve(a.name, a.at, depth);
      if (prev.t === 'list' && v.t === 'list') v = { t: 'list', items: capped([...prev.items, ...v.items]) };
      else v = { t: 'dyn', strs: [...strsOf(prev), ...strsOf(v)] };
    }
    this.memo.set(a, v);
    return v;
  }
}

/** Items of a list with nested lists (`(A + B)` in parentheses) spliced in. */
function flatten(v: Val, out: Val[] = [], depth = 0): Val[] {
  if (v.t !== 'list' || depth > MAX_DEPTH) {
    out.push(v);
    return out;
  }
  for (const x of v.items) {
    if (out.length >= MAX_ITEMS) break;
    if (x.t === 'list') flatten(x, out, depth + 1);
    else out.push(x);
  }
  return out;
}

function capped(items: Val[]): Val[] {
  return items.length > MAX_ITEMS ? items.slice(0, MAX_ITEMS) : items;
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

/** Statement-start assignments and in-place list updates (any indentation), by name. */
function collectAssignments(toks: PyTok[]): Map<string, Assign[]> {
  const out = new Map<string, Assign[]>();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.k !== 'id' || t.indent < 0 || !/^[A-Za-z_]\w*$/.test(t.v)) continue;
    const op = toks[i + 1];
    if ((t.v === 'def' || t.v === 'with') && toks[i + 1]?.k === 'id') {
      const special = t.v === 'def' ? defBody(toks, i) : withTarget(toks, i);
      if (special) {
        const list = out.get(special.name) ?? [];
        if (list.length < 64) list.push({ name: special.name, at: i, op: t.v === 'def' ? 'def' : 'set', start: special.start, end: special.end, indent: t.indent });
        out.set(special.name, list);
      }
      continue;
    }
    if (op?.v === '.' && (toks[i + 2]?.v === 'append' || toks[i + 2]?.v === 'extend') && toks[i + 3]?.v === '(') {
      const open = toks[i + 3];
      const list = out.get(t.v) ?? [];
      const end = Math.min(open.end ?? toks.length, toks.length);
      if (list.length < 64) list.push({ name: t.v, at: i, op: toks[i + 2].v as 'append' | 'extend', start: i + 4, end, indent: t.indent });
      out.set(t.v, list);
      continue;
    }
    if (op?.k !== 'op' || (op.v !== '=' && op.v !== '+=')) continue;
    let end = i + 2;
    while (end < toks.length && toks[end].k !== 'nl') {
      const u = toks[end];
      if (u.k === 'op' && OPEN[u.v]) end = (u.end ?? toks.length) + 1;
      else if (u.v === ';') break;
      else end++;
    }
    end = Math.min(end, toks.length);
    const list = out.get(t.v) ?? [];
    if (list.length < 64) list.push({ name: t.v, at: i, op: op.v === '+=' ? 'extend' : 'set', start: i + 2, end, indent: t.indent });
    out.set(t.v, list);
  }
  return out;
}

/**
 * `def name(...):` at `i`: the function's tokens up to the next line indented no deeper than
 * the `def` (bounded), so that string literals in a helper such as `read_requirements()` can
 * name the file it reads.
 */
function defBody(toks: PyTok[], i: number): { name: string; start: number; end: number } | undefined {
  const name = toks[i + 1].v;
  const indent = toks[i].indent;
  let j = i + 2;
  const limit = Math.min(toks.length, i + 5000);
  while (j < limit && !(toks[j].indent >= 0 && toks[j].indent <= indent)) j++;
  return { name, start: i + 2, end: j };
}

/** `with open('requirements.txt') as f:` at `i`: `f` stands for the `open(...)` expression. */
function withTarget(toks: PyTok[], i: number): { name: string; start: number; end: number } | undefined {
  for (let j = i + 1; j < toks.length && j < i + 200; j++) {
    const t = toks[j];
    if (t.k === 'nl' || t.v === ':') return undefined;
    if (t.k === 'op' && OPEN[t.v]) {
      j = t.end ?? toks.length;
      continue;
    }
    if (t.k === 'id' && t.v === 'as' && toks[j + 1]?.k === 'id') return { name: toks[j + 1].v, start: i + 1, end: j };
  }
  return undefined;
}

/** Name of the project in a VCS / URL requirement's `#egg=name` fragment, PEP 503 normalised. */
function eggName(s: string): string | undefined {
  const m = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(s);
  return m ? normalizePythonName(m[1].replace(/[-_.]+$/, '')) : undefined;
}

/** True for a string literal that names a requirements-like file (`requirements/base.txt`, `deps.in`). */
function looksLikeRequirementsFile(s: string): boolean {
  return /^[\w./\\-]+\.(txt|in)$/i.test(s) && !/^[a-z]+:\/\//i.test(s);
}

const KEYWORDS: Record<string, DependencyScope> = { install_requires: 'prod', setup_requires: 'build', tests_require: 'test' };

/**
 * Parses a Python `setup.py` as text. `setup(...)` (also `setuptools.setup`) keyword arguments
 * give `install_requires` (prod), `setup_requires` (build), `tests_require` (test) and
 * `extras_require` (optional, or dev/test by group name via `pythonGroupScope`; a
 * `'group:marker'` key uses the group, `':marker'` is prod). Values may be lists, tuples,
 * `+` concatenations, `dict(...)` calls or names assigned earlier in the file
 * (`install_requires=REQUIRES` with `REQUIRES = [...]`, `+=` appends), and the call may
 * spread `**kwargs` built the same way. Requirements are PEP 508 strings: names PEP 503
 * normalised, extras kept as `features`, markers dropped; lines are those of the string
 * literals. Values computed at run time are skipped without a warning, except that string
 * literals in them naming a requirements file (`open('requirements.txt')`,
 * `read_reqs('requirements/test.txt')`, also through a `with open(...) as f` target or a helper
 * function's own literals) become `includes`, resolved against the file's folder; other file
 * names are left out, since included files are parsed by name. `name=` becomes the result's name.
 */
export function parseSetupPy(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'setup.py');
  const toks = tokenizePython(normalizeText(text));
  const assigns = collectAssignments(toks);
  const reader = new Reader(toks, assigns);
  const includes: string[] = [];
  const byKey = new Map<string, DependencyDecl>();
  let warnings = 0;

  // Only files the requirements parser reads by name: the engine routes includes by name too.
  const include = (s: string) => {
    const rel = joinRelative(dirname(path), s);
    if (rel && isRequirementsFile(rel) && !includes.includes(rel)) includes.push(rel);
  };
  const addRequirement = (lit: Lit, scope: DependencyScope) => {
    const s = lit.v.trim();
    if (!s || s.startsWith('#')) return;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^(git|hg|svn|bzr)\+/i.test(s)) {
      const egg = eggName(s);
      if (egg) push({ ecosystem: 'pypi', name: egg, scope, line: lit.line });
      return;
    }
    const parsed = parsePep508(s);
    if (!parsed) {
      if (warnings++ < 5) warn(result, `line ${lit.line}: not a PEP 508 requirement: ${s.slice(0, 80)}`);
      return;
    }
    const dep: DependencyDecl = { ecosystem: 'pypi', name: parsed.name, scope, line: lit.line };
    if (parsed.version) dep.version = parsed.version;
    if (parsed.extras.length) dep.features = parsed.extras;
    push(dep);
  };
  // The same literal reached twice (an `all` or `dev` extra built from the others) counts once,
  // with the most specific scope: test over dev over optional.
  const rank: Partial<Record<DependencyScope, number>> = { optional: 1, dev: 2, test: 3 };
  const push = (dep: DependencyDecl) => {
    const key = `${dep.name}\0${dep.line}`;
    const had = byKey.get(key);
    if (!had) {
      byKey.set(key, dep);
      result.dependencies.push(dep);
    } else if ((rank[had.scope] ?? 9) < (rank[dep.scope] ?? 0)) had.scope = dep.scope;
  };
  const addValue = (v: Val, scope: DependencyScope) => {
    if (v.t === 'str') {
      // A single string may hold several requirements, one per line.
      let line = v.lit.line;
      for (const row of v.lit.v.split('\n')) {
        addRequirement({ v: row.replace(/(^|\s)#.*$/, ''), line }, scope);
        line++;
      }
    } else if (v.t === 'list') {
      for (const item of flatten(v)) {
        if (item.t === 'str') addRequirement(item.lit, scope);
        else if (item.t === 'dyn') for (const s of item.strs) if (looksLikeRequirementsFile(s.v)) include(s.v);
      }
    } else if (v.t === 'dyn') {
      for (const s of v.strs) if (looksLikeRequirementsFile(s.v)) include(s.v);
    }
  };
  const addExtras = (v: Val) => {
    if (v.t === 'dyn') return addValue(v, 'optional');
    if (v.t !== 'dict') return;
    for (const e of v.entries) {
      const group = e.key.v.split(':')[0].trim();
      addValue(e.value, group ? pythonGroupScope(group, 'optional') : 'prod');
    }
  };
  // setup(name=..., **kwargs): a spread reads the keys of a dict built as a literal or dict(...).
  const readKeywords = (kws: ReturnType<Reader['keywords']>, before: number) => {
    for (const kw of kws) {
      const v = reader.value(kw.start, kw.end, before);
      if (!kw.spread) handle(kw.name, v);
      else if (v.t === 'dict') for (const e of v.entries) handle(e.key.v, e.value);
    }
  };
  const handle = (key: string, v: Val) => {
    if (key === 'name' && v.t === 'str' && result.name === undefined) result.name = v.lit.v.trim();
    else if (KEYWORDS[key]) addValue(v, KEYWORDS[key]);
    else if (key === 'extras_require') addExtras(v);
  };

  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.k !== 'id' || t.v !== 'setup' || toks[i + 1]?.v !== '(') continue;
    const prev = toks[i - 1];
    if (prev?.v === 'def' || (prev?.v === '.' && !/^(setuptools|core|_?setup_?tools)$/.test(toks[i - 2]?.v ?? ''))) continue;
    const open = i + 1;
    const close = toks[open].end ?? toks.length;
    readKeywords(reader.keywords(open, close), i);
    i = Math.max(i, Math.min(close, toks.length - 1));
  }
  if (includes.length) result.includes = includes;
  result.dependencies.sort((a, b) => a.line - b.line);
  return result;
}
