/**
 * TOML manifests (pyproject.toml, Pipfile, Cargo.toml, Gradle version catalogs) read with
 * toml-eslint-parser, whose syntax tree knows where every table, key and array item starts:
 * the values come from the same parse, so positions and data always agree.
 */
import { parseTOML, getStaticTOMLValue } from 'toml-eslint-parser';
import type { Ecosystem, ManifestResult } from './types';
import { MANIFEST_MEANINGS, addDependency, addRequirement, errorMessage, normalizePythonName, normalizeText, scopeFor, warn } from './util';

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
   * `serde`), else that of its nearest written ancestor, else 1.
   */
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
  return {
    data: getStaticTOMLValue(ast) as Table,
    near: (path) => [...path.keys()].reverse().map((n) => lines.get(key(path.slice(0, n + 1)))).find((l) => l !== undefined) ?? 1,
  };
}

/**
 * Adds the dependencies a TOML manifest lists where data/manifests.json `toml[file]` says: PEP
 * 508 strings of a `list` (see `addRequirement`), or the entries of a `table`, `name = "version"`
 * or `name = { version, optional, package, features }` (`optional = true` makes a prod entry
 * optional, `package` names the real crate; for pypi the name is PEP 503 normalised and `python`
 * and a `*` version are skipped). `*` in a path takes every key there; with `byGroup` its name
 * may make the scope test or dev. Each entry has the 1-based line of its string or key.
 */
export function addTomlDependencies(result: ManifestResult, doc: TomlDoc, file: string, ecosystem: Ecosystem): void {
  for (const rule of MANIFEST_MEANINGS.toml[file]) {
    let found: Array<{ path: string[]; group?: string }> = [{ path: [] }];
    for (const seg of rule.path.split('.')) {
      const keys = (path: string[]) => Object.keys(isTable(getPath(doc.data, path)) ? (getPath(doc.data, path) as Table) : {});
      found = found.flatMap(({ path, group }) => (seg === '*' ? keys(path).map((k) => ({ path: [...path, k], group: k })) : [{ path: [...path, seg], group }]));
    }
    for (const { path, group } of found) {
      const scope = rule.byGroup && group !== undefined ? scopeFor('pythonGroup', group.toLowerCase(), rule.scope) : rule.scope;
      const value = getPath(doc.data, path);
      if (rule.form === 'list' && Array.isArray(value)) {
        value.forEach((item, i) => typeof item === 'string' && addRequirement(result, item, scope, doc.near([...path, i]))); // PEP 735 {include-group} skipped
      } else if (rule.form === 'table' && isTable(value)) {
        for (const [key, spec] of Object.entries(value)) {
          const t = isTable(spec) ? spec : {};
          const version = typeof spec === 'string' ? spec : typeof t.version === 'string' ? t.version : undefined;
          if (ecosystem === 'pypi' && key.toLowerCase() === 'python') continue;
          addDependency(result, {
            ecosystem,
            name: ecosystem === 'pypi' ? normalizePythonName(key) : typeof t.package === 'string' ? t.package : key,
            scope: t.optional === true && scope === 'prod' ? 'optional' : scope,
            line: doc.near([...path, key]),
            version: ecosystem === 'pypi' && version === '*' ? undefined : version,
            features: Array.isArray(t.features) ? t.features.filter((f): f is string => typeof f === 'string') : undefined,
          });
        }
      }
    }
  }
  result.dependencies.sort((a, b) => a.line - b.line);
}
