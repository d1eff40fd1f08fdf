/**
 * A forgiving Ruby tokenizer for reading gemspecs as text. It knows comments (`#`,
 * `=begin`/`=end`, `__END__`), the string forms a gemspec uses (quotes, `%q{}` / `%Q()` /
 * `%()`, `%w[]` / `%i[]` word lists, heredocs, backticks), regex literals and brackets; it is
 * not a grammar and never evaluates anything. Linear time, never throws.
 */
import { LineIndex } from './util';

/** Token kinds: identifier (or constant, `@ivar`, `$global`), string, word list, operator, newline. */
export type RubyTokKind = 'id' | 'str' | 'words' | 'op' | 'nl';

/** One Ruby token; `line` is the 1-based line where it starts. */
export interface RubyTok {
  k: RubyTokKind;
  /** Identifier or operator text; a string's value (escapes resolved, `#{}` kept verbatim). */
  v: string;
  line: number;
  /** For strings: true when `#{...}` interpolation makes the value dynamic. */
  interp?: boolean;
  /** For `%w[]` / `%i[]` lists: each word with its 1-based line. */
  words?: Array<{ v: string; line: number }>;
}

const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };
const IDENT_START = /[A-Za-z_@\u0080-\uffff]/;
const IDENT_CHAR = /[A-Za-z0-9_\u0080-\uffff]/;
/** Identifiers after which `/` starts a regex rather than dividing. */
const REGEX_AFTER = new Set(['if', 'unless', 'when', 'and', 'or', 'not', 'return', 'then', 'else', 'elsif', 'while', 'until', 'in']);

/** True when the token is a value, so a following `/`, `%` or `?` is an operator. */
function isValue(t: RubyTok | undefined): boolean {
  if (!t) return false;
  if (t.k === 'str' || t.k === 'words') return true;
  if (t.k === 'id') return !REGEX_AFTER.has(t.v);
  return t.v === ')' || t.v === ']' || t.v === '}';
}

/**
 * Reads a delimited literal body starting just after its opening delimiter `open` at `i`.
 * Paired delimiters nest. Returns the raw body and the offset after the closing delimiter (the
 * text's end when unterminated).
 */
function readDelimited(s: string, i: number, open: string, escapes: boolean): { body: string; next: number; interp: boolean } {
  const close = PAIRS[open] ?? open;
  let depth = 0;
  let body = '';
  let interp = false;
  let j = i;
  while (j < s.length) {
    const c = s[j];
    if (c === '\\' && j + 1 < s.length) {
      const n = s[j + 1];
      body += escapes || n === close || n === open || n === '\\' ? n : c + n;
      j += 2;
      continue;
    }
    if (c === '#' && s[j + 1] === '{' && escapes) {
      // Interpolation: kept verbatim up to its closing brace, skipping nested strings.
      interp = true;
      const end = skipInterpolation(s, j + 2);
      body += s.slice(j, end);
      j = end;
      continue;
    }
    if (c === close && open !== close) {
      if (depth === 0) return { body, next: j + 1, interp };
      depth--;
    } else if (c === close) return { body, next: j + 1, interp };
    else if (c === open) depth++;
    body += c;
    j++;
  }
  return { body, next: s.length, interp };
}

/** Offset after the `}` closing an interpolation whose body starts at `i` (the text's end when unclosed). */
function skipInterpolation(s: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < s.length) {
    const c = s[j];
    if (c === '\\') j += 2;
    else if (c === '"' || c === "'") {
      // A nested string: its end, or the end of the line when unterminated.
      let k = j + 1;
      while (k < s.length && s[k] !== c && s[k] !== '\n') k += s[k] === '\\' ? 2 : 1;
      j = k + 1;
    } else if (c === '{') {
      depth++;
      j++;
    } else if (c === '}') {
      if (depth === 0) return j + 1;
      depth--;
      j++;
    } else j++;
  }
  return s.length;
}

/** Splits a `%w` body into words with their offsets (relative to `base`). */
function splitWords(body: string, base: number): Array<{ v: string; at: number }> {
  const out: Array<{ v: string; at: number }> = [];
  const re = /\S+/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out.push({ v: m[0], at: base + m.index });
  return out;
}

/**
 * Tokenizes Ruby `text` (already newline-normalised). Comments and heredoc bodies are dropped
 * (a heredoc yields one `str` token where it starts); consecutive newlines yield one `nl`.
 */
export function tokenizeRuby(text: string): RubyTok[] {
  const s = text;
  const lines = new LineIndex(s);
  const toks: RubyTok[] = [];
  const heredocs: Array<{ id: string; indented: boolean }> = [];
  const last = () => toks[toks.length - 1];
  const lineStart = (i: number) => i === 0 || s[i - 1] === '\n';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\n') {
      if (!toks.length || last().k !== 'nl') toks.push({ k: 'nl', v: '\n', line: lines.lineAt(i) });
      i++;
      // Heredoc bodies start on the line after their opener; skip them.
      while (heredocs.length && i < s.length) {
        const h = heredocs.shift()!;
        while (i < s.length) {
          const e = s.indexOf('\n', i);
          const end = e < 0 ? s.length : e;
          const row = s.slice(i, end);
          i = e < 0 ? s.length : e + 1;
          if ((h.indented ? row.trim() : row.replace(/\s+$/, '')) === h.id) break;
        }
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && s[i + 1] === '\n') {
      i += 2; // line continuation
      continue;
    }
    if (c === '#') {
      const e = s.indexOf('\n', i);
      i = e < 0 ? s.length : e;
      continue;
    }
    if (lineStart(i) && s.startsWith('=begin', i) && !/\w/.test(s[i + 6] ?? '')) {
      const e = s.indexOf('\n=end', i);
      if (e < 0) break;
      const eol = s.indexOf('\n', e + 1);
      i = eol < 0 ? s.length : eol;
      continue;
    }
    if (lineStart(i) && s.startsWith('__END__', i) && (s[i + 7] === undefined || s[i + 7] === '\n')) break;
    const at = lines.lineAt(i);
    if (c === '"' || c === "'" || c === '`') {
      const r = readDelimited(s, i + 1, c, c !== "'");
      toks.push({ k: 'str', v: r.body, line: at, interp: r.interp || undefined });
      i = r.next;
      continue;
    }
    if (c === '%') {
      const m = /^%([qQwWiIrsx]?)([^\w\s])/.exec(s.slice(i, i + 3));
      if (m && (m[1] || !isValue(last()))) {
        const type = m[1];
        const bodyStart = i + m[0].length;
        const r = readDelimited(s, bodyStart, m[2], type !== 'q' && type !== 'w' && type !== 'i');
        if (type === 'w' || type === 'W' || type === 'i' || type === 'I') {
          const words = splitWords(r.body, bodyStart).map((w) => ({ v: w.v, line: lines.lineAt(w.at) }));
          toks.push({ k: 'words', v: r.body, line: at, words });
        } else toks.push({ k: 'str', v: r.body, line: at, interp: (type !== 'q' && r.interp) || undefined });
        i = r.next;
        continue;
      }
    }
    if (c === '<' && s[i + 1] === '<') {
      const m = /^<<([~-]?)(["'`]?)([A-Za-z_]\w*)\2/.exec(s.slice(i, i + 80));
      if (m && (m[1] || m[2] || /^[A-Z_][A-Z0-9_]*$/.test(m[3])) && !(isValue(last()) && !m[1] && !m[2])) {
        heredocs.push({ id: m[3], indented: m[1] !== '' });
        toks.push({ k: 'str', v: '', line: at, interp: m[2] !== "'" || undefined });
        i += m[0].length;
        continue;
      }
    }
    if (c === '/' && (!isValue(last()) || (last()?.k === 'id' && s[i - 1] === ' ' && s[i + 1] !== ' '))) {
      // Regex literal: ends at an unescaped `/` (outside a character class) on the same line.
      let j = i + 1;
      let cls = false;
      while (j < s.length && s[j] !== '\n') {
        const d = s[j];
        if (d === '\\') j++;
        else if (d === '[') cls = true;
        else if (d === ']') cls = false;
        else if (d === '/' && !cls) break;
        j++;
      }
      if (s[j] === '/') {
        toks.push({ k: 'str', v: s.slice(i + 1, j), line: at });
        i = j + 1;
        while (i < s.length && /[a-z]/.test(s[i])) i++; // flags
        continue;
      }
    }
    if (c === '?' && !isValue(last()) && i + 1 < s.length && !/\s/.test(s[i + 1]) && !IDENT_CHAR.test(s[i + 2] ?? '')) {
      toks.push({ k: 'str', v: s[i + 1], line: at }); // character literal ?x
      i += 2;
      continue;
    }
    if (c === '$' && i + 1 < s.length) {
      // Globals: $LOAD_PATH, $0, and the punctuation ones ($:, $', $").
      let j = i + 1;
      if (IDENT_CHAR.test(s[j])) while (j < s.length && IDENT_CHAR.test(s[j])) j++;
      else j++;
      toks.push({ k: 'id', v: s.slice(i, j), line: at });
      i = j;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < s.length && (IDENT_CHAR.test(s[j]) || s[j] === '@')) j++;
      if ((s[j] === '?' || s[j] === '!') && s[j + 1] !== '=') j++;
      toks.push({ k: 'id', v: s.slice(i, j), line: at });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < s.length && /[0-9A-Za-z_.]/.test(s[j]) && !(s[j] === '.' && !/[0-9]/.test(s[j + 1] ?? ''))) j++;
      toks.push({ k: 'id', v: s.slice(i, j), line: at });
      i = j;
      continue;
    }
    toks.push({ k: 'op', v: c, line: at });
    i++;
  }
  return toks;
}
