/**
 * Finds where TOML tables, keys and string values sit in the source text. smol-toml gives the
 * values but no positions, so the parsers pair its output with this line-level scan.
 */
import { LineIndex } from './util';

const SEP = '\u0001';

/** Parses a TOML key path (`a."b.c".'d'`) at `pos`; returns the segments and the end offset. */
function readKeyPath(s: string, pos: number): { segs: string[]; end: number } | undefined {
  const segs: string[] = [];
  let i = pos;
  for (;;) {
    while (s[i] === ' ' || s[i] === '\t') i++;
    const c = s[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      let v = '';
      while (j < s.length && s[j] !== c) {
        if (c === '"' && s[j] === '\\' && j + 1 < s.length) {
          v += s[j + 1];
          j += 2;
        } else v += s[j++];
      }
      if (j >= s.length) return undefined;
      segs.push(v);
      i = j + 1;
    } else {
      const m = /^[A-Za-z0-9_-]+/.exec(s.slice(i, i + 256));
      if (!m) return undefined;
      segs.push(m[0]);
      i += m[0].length;
    }
    while (s[i] === ' ' || s[i] === '\t') i++;
    if (s[i] !== '.') return { segs, end: i };
    i++;
  }
}

/**
 * Line-level index of a TOML text: the line of each table header and of each key (every
 * prefix of a dotted key is recorded, so `tokio.workspace = true` answers for `tokio`).
 * Lines inside multi-line strings are skipped. Lines are 1-based.
 */
export class TomlLines {
  private readonly tables = new Map<string, number>();
  private readonly keys = new Map<string, number>();
  readonly index: LineIndex;

  constructor(private readonly text: string) {
    this.index = new LineIndex(text);
    const lines = text.split('\n');
    let table: string[] = [];
    let inMulti: string | undefined;
    for (let n = 0; n < lines.length; n++) {
      const line = lines[n];
      if (inMulti) {
        if (countOf(line, inMulti) % 2 === 1) inMulti = undefined;
        continue;
      }
      const t = line.trimStart();
      if (t.startsWith('[')) {
        const dbl = t.startsWith('[[');
        const kp = readKeyPath(t, dbl ? 2 : 1);
        if (kp && t.slice(kp.end).trimStart().startsWith(dbl ? ']]' : ']')) {
          table = kp.segs;
          const k = table.join(SEP);
          if (!this.tables.has(k)) this.tables.set(k, n + 1);
          continue;
        }
      }
      const kp = readKeyPath(t, 0);
      if (kp && t[kp.end] === '=') {
        let path = table;
        for (const seg of kp.segs) {
          path = [...path, seg];
          const k = path.join(SEP);
          if (!this.keys.has(k)) this.keys.set(k, n + 1);
        }
      }
      for (const q of ['"""', "'''"]) {
        if (countOf(line, q) % 2 === 1) {
          inMulti = q;
          break;
        }
      }
    }
  }

  /** 1-based line of the header `[a.b]` for table path ['a','b'], if present. */
  tableLine(path: string[]): number | undefined {
    return this.tables.get(path.join(SEP));
  }

  /** 1-based line of key `path` (table path plus key segments), if present. */
  keyLine(path: string[]): number | undefined {
    return this.keys.get(path.join(SEP));
  }

  /** Line of a key, else of its table's header, else of the table's own key, else undefined. */
  lineOf(path: string[]): number | undefined {
    return this.keyLine(path) ?? this.tableLine(path) ?? this.tableLine(path.slice(0, -1));
  }

  /**
   * 1-based line of the first string literal equal to `value` ("value" or 'value') at or after
   * line `fromLine`; undefined when absent.
   */
  findString(value: string, fromLine = 1): number | undefined {
    const from = this.index.offsetOf(fromLine);
    let best = -1;
    for (const q of ['"', "'"]) {
      const i = this.text.indexOf(q + value + q, from);
      if (i >= 0 && (best < 0 || i < best)) best = i;
    }
    if (best < 0 && value.length > 0) best = this.text.indexOf(value, from);
    return best >= 0 ? this.index.lineAt(best) : undefined;
  }
}

function countOf(s: string, sub: string): number {
  let n = 0;
  for (let i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

/**
 * Assigns lines to successive array items: each lookup starts after the previous hit, so
 * duplicate strings in one array get their own lines.
 */
export class ArrayCursor {
  private line: number;
  private misses = 0;
  constructor(
    private readonly lines: TomlLines,
    startLine: number,
  ) {
    this.line = startLine;
  }
  /** Line of the next occurrence of string `value`, or the array's start line when not found. */
  next(value: string): number {
    // A miss scans to the end of the text; after a few, stop looking so odd input stays linear.
    if (this.misses >= 3) return this.line;
    const hit = this.lines.findString(value, this.line);
    if (hit === undefined) {
      this.misses++;
      return this.line;
    }
    this.line = hit;
    return hit;
  }
}
