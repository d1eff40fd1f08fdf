/**
 * Helpers shared by the manifest parsers: newline normalisation, offset → line mapping, POSIX
 * path arithmetic, PEP 508 / PEP 503 handling, building results, and the scopes that
 * data/manifests.json gives names. Pure functions, no I/O.
 */
import type { DependencyDecl, DependencyScope, ManifestResult } from './types';
import { LineCounter } from 'yaml';
import MEANINGS from '../../../data/manifests.json';

/** data/manifests.json, bundled: what declarations mean (see data/schemas/manifests.schema.json). */
export const MANIFEST_MEANINGS = MEANINGS as Omit<typeof MEANINGS, 'toml' | 'json'> & {
  json: Record<string, Array<{ key: string; scope: DependencyScope }>>;
  toml: Record<string, Array<{ path: string; form: 'list' | 'table'; scope: DependencyScope; byGroup?: boolean }>>;
};

const SCOPE_RULES = new Map(Object.entries(MEANINGS.scopes).map(([k, rules]) => [k, rules.map((r) => ({ scope: r.scope as DependencyScope, re: new RegExp(r.pattern) }))]));

/**
 * The scope `data/manifests.json` gives a name under `scopes[table]`: that of the first rule
 * whose pattern matches it, or any of `names`; `fallback` when none does.
 */
export function scopeFor<F extends DependencyScope | undefined>(table: keyof typeof MEANINGS.scopes, names: string | string[], fallback: F): DependencyScope | F {
  const list = [names].flat();
  return SCOPE_RULES.get(table)!.find((r) => list.some((n) => r.re.test(n)))?.scope ?? fallback;
}

/**
 * Strips a leading byte-order mark and turns CRLF and lone CR into LF, so that offsets and
 * line numbers agree with what an editor shows. Line count is unchanged.
 */
export function normalizeText(text: string): string {
  let t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (t.indexOf('\r') >= 0) t = t.replace(/\r\n?/g, '\n');
  return t;
}

/** Maps 0-based character offsets of `text` to 1-based lines (clamped to the text), through yaml's LineCounter. */
export function lineIndex(text: string): (offset: number) => number {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return (offset) => lc.linePos(offset).line;
}

/** A folder as a manifest writes it (`./libs/core/`) without its leading `./` and trailing slashes. Linear. */
export function folder(p: string): string {
  const start = p.startsWith('./') ? 2 : 0;
  let end = p.length;
  while (end > start && p[end - 1] === '/') end--;
  return p.slice(start, Math.max(start, end));
}

/** Last segment of a POSIX path. */
export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(i + 1) : path;
}

/** Folder part of a POSIX path ('' for a file at the root). */
export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(0, i) : '';
}

/**
 * Joins `rel` (POSIX or Windows separators) onto workspace-relative folder `dir` and normalises
 * `.` and `..`. Returns undefined when the result would leave the workspace or `rel` is absolute.
 */
export function joinRelative(dir: string, rel: string): string | undefined {
  const r = rel.replace(/\\/g, '/');
  if (r.startsWith('/') || /^[A-Za-z]:\//.test(r) || /^[a-z][a-z0-9+.-]*:\/\//i.test(r)) return undefined;
  const out: string[] = dir ? dir.split('/').filter((s) => s.length > 0) : [];
  for (const seg of r.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}

/** PEP 503 normalised project name: lowercase, runs of `-`, `_`, `.` become one `-`. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A PEP 508 requirement split into parts. */
export interface Pep508 {
  /** PEP 503 normalised name. */
  name: string;
  /** Version specifier as written (`>=5,<6`), without the marker; absent when none. */
  version?: string;
  extras: string[];
  /** Environment marker after `;`, when present. */
  marker?: string;
  /** Direct reference after `@`, when present. */
  url?: string;
}

const PEP508_NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*/;

/**
 * Parses one PEP 508 requirement string (`celery[redis]>=5.3 ; python_version >= "3.9"`,
 * `pkg @ https://...`). Extras and markers are split off; the name is PEP 503 normalised.
 * Returns undefined when the string does not start with a valid project name.
 */
export function parsePep508(spec: string): Pep508 | undefined {
  const m = PEP508_NAME.exec(spec);
  if (!m) return undefined;
  let rest = spec.slice(m[0].length);
  const extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return undefined;
    for (const e of rest.slice(1, close).split(',')) if (e.trim()) extras.push(e.trim());
    rest = rest.slice(close + 1).trimStart();
  }
  let marker: string | undefined;
  let url: string | undefined;
  if (rest.startsWith('@')) {
    // Direct reference: the URL ends at whitespace; a marker may follow after " ;".
    const body = rest.slice(1).trim();
    const semi = body.search(/\s;/);
    url = (semi >= 0 ? body.slice(0, semi) : body).trim();
    if (semi >= 0) marker = body.slice(semi + 2).trim() || undefined;
    return { name: normalizePythonName(m[1]), extras, url, marker };
  }
  const semi = rest.indexOf(';');
  if (semi >= 0) {
    marker = rest.slice(semi + 1).trim() || undefined;
    rest = rest.slice(0, semi);
  }
  let version = rest.trim();
  // Old-style parenthesised specifiers: "foo (>=1.0)".
  if (version.startsWith('(') && version.endsWith(')')) version = version.slice(1, -1).trim();
  if (version && !/^[<>=!~]/.test(version)) return undefined;
  return { name: normalizePythonName(m[1]), version: version || undefined, extras, marker };
}

/** `line` without its `#` comment (a `#` at the start or after white space), trimmed. Linear. */
export function stripComment(line: string): string {
  for (let i = line.indexOf('#'); i >= 0; i = line.indexOf('#', i + 1)) if (i === 0 || /\s/.test(line[i - 1])) return line.slice(0, i).trim();
  return line.trim();
}

/** Name of the project in a VCS / URL requirement's `#egg=name` fragment, PEP 503 normalised. */
export function eggName(s: string): string | undefined {
  const name = normalizePythonName(/[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(s)?.[1] ?? '');
  return name ? name.replace(/-$/, '') : undefined; // runs of - _ . are one - by now
}

/**
 * Appends one requirement string as a pypi dependency at 1-based `line`: PEP 508 (name PEP 503
 * normalised, extras as features, the specifier as version, a marker dropped), or a URL or VCS
 * reference, which counts when it names its project with `#egg=`. Local paths and archives add
 * nothing; anything else adds a warning.
 */
export function addRequirement(result: ManifestResult, spec: string, scope: DependencyScope, line: number): void {
  const s = spec.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /^(git|hg|svn|bzr)\+/i.test(s)) {
    const egg = eggName(s);
    if (egg) addDependency(result, { ecosystem: 'pypi', name: egg, scope, line });
    return;
  }
  const parsed = parsePep508(s);
  // A local path or an archive, unless it is the URL of a direct reference (`name @ url`).
  if (!parsed?.url && (/^[./\\~]/.test(s) || /\.(whl|zip|tar\.gz|tgz|tar\.bz2)$/i.test(s))) return;
  if (parsed) addDependency(result, { ecosystem: 'pypi', name: parsed.name, scope, line, version: parsed.version, features: parsed.extras });
  else warn(result, `line ${line}: not a PEP 508 requirement: ${s.slice(0, 80)}`);
}

/** An empty result for `path`, with `kind`, used as the start of every parser. */
export function emptyResult(path: string, kind: string): ManifestResult {
  return { path, kind, dependencies: [] };
}

/** Most warnings kept for one manifest: one bad file says what is wrong without flooding a scan. */
const MAX_WARNINGS = 5;

/** Appends a warning to a result, up to five per result. */
export function warn(result: Pick<ManifestResult, 'warnings'>, message: string): void {
  if ((result.warnings ??= []).length < MAX_WARNINGS) result.warnings.push(message);
}

/**
 * Appends a dependency to `result`. `version`, `features` and `gradlePlugin` are kept only when
 * they say something (a non-empty version, at least one feature, true).
 */
export function addDependency(result: ManifestResult, { version, features, gradlePlugin, ...dep }: DependencyDecl): void {
  result.dependencies.push({ ...dep, ...(version ? { version } : {}), ...(features?.length ? { features } : {}), ...(gradlePlugin ? { gradlePlugin } : {}) });
}

/** Error text of an unknown thrown value, first line only. */
export function errorMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0];
}
