/**
 * XML helpers for pom.xml and MSBuild files: fast-xml-parser gives the structure and, with
 * `captureMetaData` (and a text node for every element, so that leaves carry it too), where each
 * element starts, so every dependency gets the line it is written on from the parse itself.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ManifestResult } from './types';
import { lineIndex, errorMessage, normalizeText, warn } from './util';

/** Parsed XML and where its elements are. */
export interface XmlDoc {
  /** fast-xml-parser output; attributes as `@_name`, every element's text as `#text`, all values strings. */
  data: Record<string, unknown>;
  /**
   * 1-based line of element `el` (an object of `data`): of its first `<child>` element or its
   * `attr="..."` attribute when one is named and written in it, else of its start tag.
   * 1 when the parser recorded no position.
   */
  lineOf(el: unknown, name?: { child?: string; attr?: string }): number;
}

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

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
      alwaysCreateTextNode: true,
    });
    const data = parser.parse(t) as Record<string, unknown>;
    const lineOf = (el: unknown, name: { child?: string; attr?: string } = {}) => {
      const child = name.child ? asArray((el as Record<string, unknown>)[name.child])[0] : undefined;
      const start = ((child ?? el) as Record<symbol, { startIndex?: number } | undefined> | null)?.[META]?.startIndex;
      if (start === undefined) return 1;
      // An attribute is looked for in the start tag only (`attr` is one of our own attribute names).
      const tag = name.attr ? t.slice(start, t.indexOf('>', start) >>> 0) : '';
      return lineAt(start + Math.max(name.attr ? tag.search(new RegExp(`\\s${name.attr}\\s*=`)) : 0, 0));
    };
    return { data: data && typeof data === 'object' ? data : {}, lineOf };
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
