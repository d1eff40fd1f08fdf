/**
 * Tokens of Groovy Gradle scripts, the one manifest language without a usable tree-sitter
 * grammar (see data/grammars.json). Groovy's comments, quotes, names and punctuation are
 * lexically those of JavaScript, so js-tokens reads them; which is all gradle-groovy.ts needs.
 * (A `'''` string arrives as three strings, and quotes nested in `"${...}"` end the string
 * early: neither holds a coordinate in real build scripts.) Linear time, never throws.
 */
import jsTokens, { type Token } from 'js-tokens';
import { lineIndex } from './util';

/** Token kinds: identifier, string literal (value without quotes), number, operator, newline. */
export type TokKind = 'id' | 'str' | 'num' | 'op' | 'nl';

/** One token; `line` is 1-based, `end` the index of the matching bracket for ( [ {. */
export interface Tok {
  k: TokKind;
  v: string;
  line: number;
  end?: number;
}

const KIND: Partial<Record<Token['type'], TokKind>> = {
  IdentifierName: 'id',
  StringLiteral: 'str',
  NoSubstitutionTemplate: 'str',
  NumericLiteral: 'num',
  Punctuator: 'op',
  RegularExpressionLiteral: 'op',
  Invalid: 'op',
  LineTerminatorSequence: 'nl',
};

/**
 * Tokenizes `text` (already newline-normalised). Comments and white space are dropped (a block
 * comment that spans lines yields one `nl`, and runs of `nl` are one); string values lose their
 * quotes and the backslash of escapes; brackets get `end`, the index of their partner (or the
 * token count when unclosed).
 */
export function tokenize(text: string): Tok[] {
  const lineAt = lineIndex(text);
  const toks: Tok[] = [];
  let at = 0;
  for (const t of jsTokens(text)) {
    const k = t.type === 'MultiLineComment' && t.value.includes('\n') ? 'nl' : KIND[t.type];
    const v = k === 'str' ? t.value.slice(1, 'closed' in t && t.closed ? -1 : undefined).replace(/\\(.)/g, '$1') : t.value;
    if (k && !(k === 'nl' && (toks.length === 0 || toks[toks.length - 1].k === 'nl'))) toks.push({ k, v, line: lineAt(at) });
    at += t.value.length;
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
