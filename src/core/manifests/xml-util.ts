/**
 * XML helpers for pom.xml and MSBuild files: fast-xml-parser gives the structure and, with
 * `captureMetaData`, where each element starts and ends, so every dependency gets the line it
 * is written on from the parse itself.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ManifestResult } from './types';
import { lineIndex, errorMessage, normalizeText, warn } from './util';

/** Parsed XML with the text used for locating elements (comments blanked, newlines kept). */
export interface XmlDoc {
  /** fast-xml-parser output; attributes as `@_name`, text as `#text`, all values strings. */
  data: Record<string, unknown>;
  /** The text with comments and CDATA replaced by spaces (same offsets and lines). */
  scan: string;
  /**
   * 1-based line of element `el` (an object of `data`): of its `<child>` element or its
   * `attr="..."` attribute when one is named and written inside it, else of its start tag.
   * 1 when the parser recorded no position.
   */
  lineOf(el: unknown, name?: { child?: string; attr?: string }): number;
}

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

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
 * Blanks a `<!DOCTYPE ...>` declaration (with its internal subset) to spaces, keeping newlines so
 * offsets and lines stay put. Entities it declares are then never expanded or fetched: references
 * such as `&xxe;` stay as literal text. Returns the text unchanged when there is none. Linear.
 */
export function blankDoctype(text: string): { text: string; found: boolean } {
  const start = text.indexOf('<!DOCTYPE');
  if (start < 0) return { text, found: false };
  let i = start + 9;
  let depth = 0;
  let quote = '';
  for (; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '>' && depth === 0) break;
  }
  const end = Math.min(text.length, i + 1);
  return { text: text.slice(0, start) + text.slice(start, end).replace(/[^\n]/g, ' ') + text.slice(end), found: true };
}

/**
 * Parses XML text. Well-formedness problems become a warning (with the validator's line);
 * the parser's best effort is still returned. Undefined only when nothing could be parsed.
 * A DOCTYPE is read past with its entities disabled (see {@link blankDoctype}), with a warning.
 */
export function readXml(result: ManifestResult, text: string): XmlDoc | undefined {
  const doctype = blankDoctype(normalizeText(text));
  if (doctype.found) warn(result, 'has a DOCTYPE: read with entities disabled (none are expanded or fetched)');
  const t = doctype.text;
  const scan = blankComments(t);
  const lineAt = lineIndex(t);
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
      captureMetaData: true,
    });
    const data = parser.parse(t) as Record<string, unknown>;
    const lineOf = (el: unknown, name: { child?: string; attr?: string } = {}) => {
      const meta = (el as Record<symbol, { startIndex?: number; endIndex?: number } | undefined> | null)?.[META];
      const start = meta?.startIndex;
      if (start === undefined) return 1;
      // The element's own text only: up to its end, or for an attribute up to the end of its start tag.
      const end = name.attr ? scan.indexOf('>', start) : (meta?.endIndex ?? scan.length);
      const own = scan.slice(start, end < 0 ? scan.length : end);
      const at = name.child ? own.search(new RegExp(`<${name.child}[\\s>/]`)) : name.attr ? own.search(new RegExp(`\\s${name.attr}\\s*=`)) : 0;
      return lineAt(start + Math.max(at, 0));
    };
    return { data: data && typeof data === 'object' ? data : {}, scan, lineOf };
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
