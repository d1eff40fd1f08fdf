/**
 * A forgiving tokenizer for Groovy Gradle scripts, the one manifest language without a usable
 * tree-sitter grammar (see data/grammars.json). It knows comments, the string forms and
 * brackets, which is all gradle-groovy.ts needs; it is not a grammar. Linear time, never throws.
 */
import { LineIndex } from './util';

/** Token kinds: identifier, string literal (value without quotes), number, operator, newline. */
export type TokKind = 'id' | 'str' | 'num' | 'op' | 'nl';

/** One token; `line` is 1-based, `end` the index of the matching bracket for ( [ {. */
export interface Tok {
  k: TokKind;
  v: string;
  line: number;
  end?: number;
}

const OP_CHARS = '%+=:-<>!&|*?^~/@#\\';

/** Reads a quoted string starting at `i` (the quote); returns its raw value and the offset after it. */
function readString(s: string, i: number, depth = 0): { value: string; next: number } {
  const triple = s.startsWith(s[i].repeat(3), i) ? s[i].repeat(3) : undefined;
  if (triple) {
    const close = s.indexOf(triple, i + 3);
    const end = close < 0 ? s.length : close;
    return { value: s.slice(i + 3, end), next: close < 0 ? s.length : close + 3 };
  }
  const q = s[i];
  let j = i + 1;
  let value = '';
  while (j < s.length) {
    const c = s[j];
    if (c === q) return { value, next: j + 1 };
    if (c === '\n') return { value, next: j }; // unterminated: stop at the end of the line
    if (c === '\\' && j + 1 < s.length) {
      value += s[j + 1];
      j += 2;
      continue;
    }
    if (c === '$' && s[j + 1] === '{' && q === '"') {
      // Template expression: keep it verbatim, skipping nested braces and strings.
      let depth = 0;
      const start = j;
      j++;
      while (j < s.length && s[j] !== '\n') {
        const d = s[j];
        if (d === '{') depth++;
        else if (d === '}') {
          depth--;
          if (depth === 0) {
            j++;
            break;
          }
        } else if ((d === '"' || d === "'") && depth < 8) {
          const inner = readString(s, j, depth + 1);
          j = inner.next;
          continue;
        }
        j++;
      }
      value += s.slice(start, j);
      continue;
    }
    value += c;
    j++;
  }
  return { value, next: j };
}

/**
 * Tokenizes `text` (already newline-normalised). Comments are dropped (a block comment that
 * spans lines yields one `nl`); brackets get `end`, the index of their partner (or the token
 * count when unclosed).
 */
export function tokenize(text: string): Tok[] {
  const lines = new LineIndex(text);
  const toks: Tok[] = [];
  const s = text;
  let i = 0;
  const push = (k: TokKind, v: string, at: number) => {
    if (k === 'nl' && (toks.length === 0 || toks[toks.length - 1].k === 'nl')) return;
    toks.push({ k, v, line: lines.lineAt(at) });
  };
  while (i < s.length) {
    const c = s[i];
    if (c === '\n') {
      push('nl', '\n', i);
      i++;
    } else if (c === ' ' || c === '\t' || c === '\f' || c === '\v') {
      i++;
    } else if (c === '/' && s[i + 1] === '/') {
      const e = s.indexOf('\n', i);
      i = e < 0 ? s.length : e;
    } else if (c === '/' && s[i + 1] === '*') {
      const e = s.indexOf('*/', i + 2);
      const end = e < 0 ? s.length : e + 2;
      if (s.slice(i, end).includes('\n')) push('nl', '\n', i);
      i = end;
    } else if (c === '"' || c === "'") {
      const r = readString(s, i);
      toks.push({ k: 'str', v: r.value, line: lines.lineAt(i) });
      i = r.next;
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < s.length && /[A-Za-z0-9_$]/.test(s[j])) j++;
      toks.push({ k: 'id', v: s.slice(i, j), line: lines.lineAt(i) });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < s.length && /[0-9A-Za-z_.]/.test(s[j])) j++;
      toks.push({ k: 'num', v: s.slice(i, j), line: lines.lineAt(i) });
      i = j;
    } else if (OP_CHARS.includes(c)) {
      let j = i + 1;
      while (j < s.length && OP_CHARS.includes(s[j]) && !(s[j] === '/' && (s[j + 1] === '/' || s[j + 1] === '*'))) j++;
      toks.push({ k: 'op', v: s.slice(i, j), line: lines.lineAt(i) });
      i = j;
    } else {
      toks.push({ k: 'op', v: c, line: lines.lineAt(i) });
      i++;
    }
  }
  matchBrackets(toks);
  return toks;
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSE: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/**
 * Sets `end` (index of the matching closer, or `toks.length` when unclosed) on every opening
 * bracket token; a stray closer pops to its partner when there is one.
 */
function matchBrackets(toks: Tok[]): void {
  const stack: number[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.k !== 'op') continue;
    if (OPEN[t.v]) stack.push(i);
    else if (CLOSE[t.v]) {
      const want = CLOSE[t.v];
      // Look a bounded distance down the stack so hostile input stays linear.
      let at = -1;
      for (let d = stack.length - 1; d >= 0 && d >= stack.length - 64; d--) {
        if (toks[stack[d]].v === want) {
          at = d;
          break;
        }
      }
      if (at < 0) continue;
      while (stack.length > at + 1) toks[stack.pop()!].end = i;
      toks[stack.pop()!].end = i;
    }
  }
  for (const k of stack) toks[k].end = toks.length;
}
