/**
 * TOML manifests (pyproject.toml, Pipfile, Cargo.toml, Gradle version catalogs) read with
 * toml-eslint-parser, whose syntax tree knows where every table, key and array item starts:
 * the values come from the same parse, so positions and data always agree.
 */
import { parseTOML, getStaticTOMLValue } from 'toml-eslint-parser';
import type { ManifestResult } from './types';
import { errorMessage, normalizeText, warn } from './util';

export type Table = Record<string, unknown>;

/** True for a TOML table (not an array, a date or a scalar). */
export function isTable(v: unknown): v is Table {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** The value at `path` below `root`, or undefined when a step is missing or not a table. */
export function getPath(root: unknown, path: string[]): unknown {
  let cur = root;
  for (const k of path) {
    if (!isTable(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** A parsed TOML document. */
export interface TomlDoc {
  data: Table;
  /**
   * 1-based line where the table, key or array item at `path` is first written (array items
   * by index; every prefix of a dotted key counts, so `serde.workspace = true` answers for
   * `serde`); undefined when the path is not written in the text.
   */
  line(path: Array<string | number>): number | undefined;
  /** Line of `path`, else of its nearest written ancestor, else 1. */
  near(path: Array<string | number>): number;
}

/** Shapes of the toml-eslint-parser nodes read here (its AST, trimmed to what we use). */
interface Located {
  type: string;
  loc: { start: { line: number } };
}
interface KeyValue extends Located {
  key: { keys: Array<{ name?: string; value?: string }> };
  value: Located & { elements?: Located[]; body?: KeyValue[] };
}

/** Deepest nesting of arrays and inline tables indexed; deeper values keep their parent's line. */
const MAX_DEPTH = 32;

/**
 * Parses TOML `text` (BOM and CRLF tolerated). Returns undefined after adding a
 * `malformed TOML: ...` warning to `result` when the text is not valid TOML.
 */
export function readToml(result: Pick<ManifestResult, 'warnings'>, text: string): TomlDoc | undefined {
  let ast: ReturnType<typeof parseTOML>;
  try {
    ast = parseTOML(normalizeText(text));
  } catch (e) {
    const line = (e as { lineNumber?: number }).lineNumber;
    warn(result as ManifestResult, `malformed TOML: ${errorMessage(e)}${line ? ` (line ${line})` : ''}`);
    return undefined;
  }
  const lines = new Map<string, number>();
  const key = (path: Array<string | number>) => path.join('\u0001');
  const mark = (path: Array<string | number>, node: Located) => {
    const k = key(path);
    if (!lines.has(k)) lines.set(k, node.loc.start.line);
  };
  const value = (path: Array<string | number>, v: KeyValue['value'], depth: number): void => {
    if (depth > MAX_DEPTH) return;
    v.elements?.forEach((e, i) => {
      mark([...path, i], e);
      value([...path, i], e as KeyValue['value'], depth + 1);
    });
    if (v.type === 'TOMLInlineTable') for (const kv of v.body ?? []) keyValue(path, kv, depth + 1);
  };
  const keyValue = (base: Array<string | number>, kv: KeyValue, depth: number) => {
    let path = base;
    for (const seg of kv.key.keys) mark((path = [...path, seg.name ?? seg.value ?? '']), kv);
    value(path, kv.value, depth);
  };
  for (const item of ast.body[0].body) {
    if (item.type === 'TOMLTable') {
      mark(item.resolvedKey, item);
      for (const kv of item.body) keyValue(item.resolvedKey, kv as unknown as KeyValue, 0);
    } else keyValue([], item as unknown as KeyValue, 0);
  }
  const line = (path: Array<string | number>) => lines.get(key(path));
  return {
    data: getStaticTOMLValue(ast) as Table,
    line,
    near(path) {
      for (let n = path.length; n > 0; n--) {
        const l = line(path.slice(0, n));
        if (l !== undefined) return l;
      }
      return 1;
    },
  };
}
