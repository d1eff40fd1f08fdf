/**
 * XML helpers for pom.xml and MSBuild files: fast-xml-parser for the structure (it gives no
 * positions), plus a linear scan of the text that locates elements so every dependency gets
 * the line it is written on.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ManifestResult } from './types';
import { LineIndex, errorMessage, normalizeText, warn } from './util';

/** Parsed XML with the text used for locating elements (comments blanked, newlines kept). */
export interface XmlDoc {
  /** fast-xml-parser output; attributes as `@_name`, text as `#text`, all values strings. */
  data: Record<string, unknown>;
  /** The text with comments and CDATA replaced by spaces (same offsets and lines). */
  scan: string;
  lines: LineIndex;
}

/** Replaces `<!-- ... -->` comments with spaces, keeping newlines so offsets and lines stay put. */
export function blankComments(text: string): string {
  let out = '';
  let pos = 0;
  for (;;) {
    const start = text.indexOf('<!--', pos);
    if (start < 0) break;
    const endAt = text.indexOf('-->', start + 4);
    const end = endAt < 0 ? text.length : endAt + 3;
    out += text.slice(pos, start) + text.slice(start, end).replace(/[^\n]/g, ' ');
    pos = end;
  }
  return out + text.slice(pos);
}

/**
 * Parses XML text. Well-formedness problems become a warning (with the validator's line);
 * the parser's best effort is still returned. Undefined only when nothing could be parsed.
 */
export function readXml(result: ManifestResult, text: string): XmlDoc | undefined {
  const t = normalizeText(text);
  const scan = blankComments(t);
  const lines = new LineIndex(t);
  const valid = XMLValidator.validate(t);
  if (valid !== true) warn(result, `malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      processEntities: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
    });
    const data = parser.parse(t) as Record<string, unknown>;
    return { data: data && typeof data === 'object' ? data : {}, scan, lines };
  } catch (e) {
    if (valid === true) warn(result, `malformed XML: ${errorMessage(e)}`);
    return undefined;
  }
}

/** `x` as an array: undefined → [], a single value → [x]. */
export function asArray<T = unknown>(x: unknown): T[] {
  if (x === undefined || x === null || x === '') return [];
  return (Array.isArray(x) ? x : [x]) as T[];
}

/** Trimmed text content of an element value (string or `{ '#text': ... }`), if any. */
export function textOf(x: unknown): string | undefined {
  if (typeof x === 'string') return x.trim() || undefined;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  if (x && typeof x === 'object' && '#text' in x) return textOf((x as Record<string, unknown>)['#text']);
  return undefined;
}

/** Offsets where elements named `tag` open (`<tag>`, `<tag attr>`, `<tag/>`), in order. */
export function openTags(scan: string, tag: string): number[] {
  const out: number[] = [];
  const needle = '<' + tag;
  for (let i = scan.indexOf(needle); i >= 0; i = scan.indexOf(needle, i + needle.length)) {
    const c = scan.charAt(i + needle.length);
    if (c === '>' || c === '/' || c === ' ' || c === '\t' || c === '\n') out.push(i);
  }
  return out;
}

/** Offsets of closing tags `</tag`. */
export function closeTags(scan: string, tag: string): number[] {
  const out: number[] = [];
  const needle = '</' + tag;
  for (let i = scan.indexOf(needle); i >= 0; i = scan.indexOf(needle, i + needle.length)) {
    const c = scan.charAt(i + needle.length);
    if (c === '>' || c === ' ' || c === '\t' || c === '\n') out.push(i);
  }
  return out;
}

/** Number of values in sorted `arr` that are < `x`. */
function countBefore(arr: number[], x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Answers "is offset p inside an element named tag?" in O(log n) after one scan per tag:
 * p is inside when more such elements opened before it than closed.
 */
export class Nesting {
  private readonly cache = new Map<string, { open: number[]; close: number[] }>();
  constructor(private readonly scan: string) {}
  /** True when offset `p` lies between an opening and a closing `tag`. */
  inside(tag: string, p: number): boolean {
    let c = this.cache.get(tag);
    if (!c) {
      c = { open: openTags(this.scan, tag), close: closeTags(this.scan, tag) };
      this.cache.set(tag, c);
    }
    return countBefore(c.open, p) > countBefore(c.close, p);
  }
}

/** Text of the first `<child>...</child>` between offsets `from` and `to`, with its offset. */
export function childText(scan: string, child: string, from: number, to: number): { value: string; offset: number } | undefined {
  const open = '<' + child + '>';
  const region = scan.slice(from, to); // bounded search keeps many small elements linear
  const i = region.indexOf(open);
  if (i < 0) return undefined;
  const j = region.indexOf('</' + child, i + open.length);
  if (j < 0) return undefined;
  return { value: region.slice(i + open.length, j).trim(), offset: from + i };
}
