/**
 * Python manifests: requirements files (and pip-compile inputs), pyproject.toml (PEP 621,
 * PEP 735 groups, Poetry, PDM, uv, Hatch, build-system), Pipfile and setup.cfg. Names are
 * PEP 503 normalised so `Django==1.10.5` and `django` match.
 */
import type { DependencyDecl, DependencyScope, ManifestResult } from './types';
import { getPath, isTable, readToml, type TomlDoc } from './toml';
import { basename, dirname, emptyResult, joinRelative, normalizePythonName, normalizeText, parsePep508, warn } from './util';

const MAX_WARNINGS = 5;

/**
 * True for pip requirement files: `requirements*.txt` / `*requirements.txt` (any `-`, `_` or `.`
 * joined variant such as `dev-requirements.txt`), the `.in` inputs of pip-compile with such
 * names, and any `.txt` / `.in` inside a folder named `requirements`. `MANIFEST.in` and other
 * `.in` files are not requirement files.
 */
export function isRequirementsFile(path: string): boolean {
  const p = path.toLowerCase();
  const base = basename(p);
  if (!/\.(txt|in)$/.test(base)) return false;
  if (/^requirements?.*\.(txt|in)$/.test(base) || /[-_.]requirements?([-_.].*)?\.(txt|in)$/.test(base)) return true;
  if (/(^|[-_.])constraints([-_.].*)?\.txt$/.test(base)) return true;
  return basename(dirname(p)) === 'requirements';
}

/** Scope implied by a requirements file's name: test, dev (dev/lint/docs/ci) or prod. */
function scopeFromFileName(path: string): DependencyScope {
  const p = path.toLowerCase();
  const words = basename(p).replace(/\.(txt|in)$/, '');
  if (/(^|[^a-z])(test|tests|testing)([^a-z]|$)/.test(words)) return 'test';
  if (/(^|[^a-z])(dev|develop|development|lint|docs?|ci|local|tools?|typing)([^a-z]|$)/.test(words)) return 'dev';
  return 'prod';
}

/** Scope of a named dependency group (`test`, `dev`, `lint`...); `fallback` for other names. */
export function pythonGroupScope(group: string, fallback: DependencyScope): DependencyScope {
  const g = group.toLowerCase();
  if (/^(tests?|testing|pytest|unit|e2e|integration|cov|coverage)([-_.]|$)/.test(g)) return 'test';
  if (/^(dev|develop|development|lint|linting|linters?|typing|types|mypy|docs?|style|format|formatting|pre-commit|ci|tools?|check|checks)([-_.]|$)/.test(g)) return 'dev';
  return fallback;
}

/** Name of the project in a VCS / URL requirement's `#egg=name` fragment, PEP 503 normalised. */
export function eggName(s: string): string | undefined {
  const m = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(s);
  return m ? normalizePythonName(m[1].replace(/[-_.]+$/, '')) : undefined;
}

/**
 * Parses a pip requirements file (or pip-compile `.in`). Requirement lines give PEP 503
 * normalised names with extras and markers stripped and the specifier as `version`; line
 * continuations are joined and reported at their first line. `-r`/`--requirement` and
 * `-c`/`--constraint` files go to `includes`, resolved against the file's folder
 * (workspace-relative POSIX; includes leaving the workspace are dropped). `-e` / URL
 * requirements count only when they carry `#egg=name` or use `name @ url`; other options are
 * ignored. Scope comes from the file name: test when it names tests, dev for dev, lint, docs or ci, else prod.
 */
export function parseRequirements(path: string, text: string): ManifestResult {
  const kind = path.toLowerCase().endsWith('.in') ? 'requirements.in' : 'requirements.txt';
  const result = emptyResult(path, kind);
  const scope = scopeFromFileName(path);
  const dir = dirname(path);
  const physical = normalizeText(text).split('\n');
  const includes: string[] = [];
  let warnings = 0;

  for (let i = 0; i < physical.length; i++) {
    const lineNo = i + 1;
    // A backslash at the very end continues the requirement on the next line.
    const parts = [physical[i]];
    while (/\\\s*$/.test(parts[parts.length - 1]) && i + 1 < physical.length) parts.push(physical[++i]);
    const logical = parts.map((p) => p.replace(/\\\s*$/, ' ')).join('');
    const hash = logical.search(/(^|\s)#/);
    const line = (hash >= 0 ? logical.slice(0, hash) : logical).trim();
    if (!line) continue;

    if (line.startsWith('-')) {
      const opt = /^(--?[A-Za-z-]+)(?:\s*=\s*|\s+)?(.*)$/.exec(line);
      const name = opt?.[1] ?? line;
      const arg = (opt?.[2] ?? '').trim();
      // Short options may be glued to their value: -rbase.txt
      const short = /^-([rce])(\S.*)$/.exec(line);
      const flag = short ? `-${short[1]}` : name;
      const value = short ? short[2].trim() : arg;
      if (['-r', '--requirement', '-c', '--constraint'].includes(flag)) {
        const target = value.split(/\s+/)[0];
        const rel = target ? joinRelative(dir, target) : undefined;
        if (rel && !includes.includes(rel)) includes.push(rel);
      } else if (flag === '-e' || flag === '--editable') {
        const egg = eggName(value);
        if (egg) result.dependencies.push({ ecosystem: 'pypi', name: egg, scope, line: lineNo });
      }
      continue;
    }

    // Per-requirement options (--hash=..., --config-settings) follow the requirement.
    const optAt = line.search(/\s--?[A-Za-z]/);
    const req = (optAt >= 0 ? line.slice(0, optAt) : line).trim();
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(req) || /^(git|hg|svn|bzr)\+/i.test(req)) {
      const egg = eggName(req);
      if (egg) result.dependencies.push({ ecosystem: 'pypi', name: egg, scope, line: lineNo });
      continue;
    }
    const direct = /^[A-Za-z0-9][\w.-]*\s*(\[[^\]]*\])?\s*@/.test(req); // name @ url
    if (!direct && (/^[./\\~]/.test(req) || /\.(whl|zip|tar\.gz|tgz|tar\.bz2)$/i.test(req))) continue;
    const parsed = parsePep508(req);
    if (!parsed) {
      if (warnings++ < MAX_WARNINGS) warn(result, `line ${lineNo}: not a requirement: ${req.slice(0, 80)}`);
      continue;
    }
    const dep: DependencyDecl = { ecosystem: 'pypi', name: parsed.name, scope, line: lineNo };
    if (parsed.version) dep.version = parsed.version;
    if (parsed.extras.length) dep.features = parsed.extras;
    result.dependencies.push(dep);
  }
  if (includes.length) result.includes = includes;
  return result;
}

/** Appends PEP 508 strings of the array at `path` (line of each string literal). */
function addPep508Array(result: ManifestResult, doc: TomlDoc, path: string[], scope: DependencyScope): void {
  const arr = getPath(doc.data, path);
  if (!Array.isArray(arr)) return;
  for (const [i, item] of arr.entries()) {
    if (typeof item !== 'string') continue; // PEP 735 {include-group = "..."}
    const line = doc.near([...path, i]);
    const parsed = parsePep508(item);
    if (!parsed) {
      warn(result, `line ${line}: not a PEP 508 requirement: ${item.slice(0, 80)}`);
      continue;
    }
    const dep: DependencyDecl = { ecosystem: 'pypi', name: parsed.name, scope, line };
    if (parsed.version) dep.version = parsed.version;
    if (parsed.extras.length) dep.features = parsed.extras;
    result.dependencies.push(dep);
  }
}

/** Appends `name = spec` tables (Poetry, Pipfile), line of each key; `python` is skipped. */
function addKeyedTable(result: ManifestResult, doc: TomlDoc, path: string[], scope: DependencyScope): void {
  const tbl = getPath(doc.data, path);
  if (!isTable(tbl)) return;
  for (const [key, spec] of Object.entries(tbl)) {
    if (key.toLowerCase() === 'python') continue;
    let version: string | undefined;
    let s = scope;
    if (typeof spec === 'string') version = spec;
    else if (isTable(spec)) {
      if (typeof spec.version === 'string') version = spec.version;
      if (spec.optional === true && scope === 'prod') s = 'optional';
    }
    const dep: DependencyDecl = {
      ecosystem: 'pypi',
      name: normalizePythonName(key),
      scope: s,
      line: doc.near([...path, key]),
    };
    if (version !== undefined && version !== '*') dep.version = version;
    result.dependencies.push(dep);
  }
}

/**
 * Parses a pyproject.toml: `[build-system] requires` (build), PEP 621 `[project] dependencies`
 * (prod) and `optional-dependencies` (optional, or dev/test by group name), PEP 735
 * `[dependency-groups]` (dev, or test by name), Poetry `[tool.poetry.dependencies]`
 * (`python` skipped, `optional = true` → optional), `[tool.poetry.group.<g>.dependencies]`
 * and `[tool.poetry.dev-dependencies]`, PDM `[tool.pdm.dev-dependencies]`, uv
 * `[tool.uv] dev-dependencies` and Hatch `[tool.hatch.envs.<env>] dependencies`.
 * Each entry carries the 1-based line of its string or key. Malformed TOML → warning.
 */
export function parsePyproject(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'pyproject.toml');
  const doc = readToml(result, text);
  if (!doc) return result;
  const { data } = doc;
  const name = getPath(data, ['project', 'name']) ?? getPath(data, ['tool', 'poetry', 'name']);
  if (typeof name === 'string') result.name = name;

  addPep508Array(result, doc, ['build-system', 'requires'], 'build');
  addPep508Array(result, doc, ['project', 'dependencies'], 'prod');
  const optional = getPath(data, ['project', 'optional-dependencies']);
  if (isTable(optional)) {
    for (const g of Object.keys(optional)) {
      addPep508Array(result, doc, ['project', 'optional-dependencies', g], pythonGroupScope(g, 'optional'));
    }
  }
  const groups = getPath(data, ['dependency-groups']);
  if (isTable(groups)) {
    for (const g of Object.keys(groups)) addPep508Array(result, doc, ['dependency-groups', g], pythonGroupScope(g, 'dev'));
  }
  addKeyedTable(result, doc, ['tool', 'poetry', 'dependencies'], 'prod');
  addKeyedTable(result, doc, ['tool', 'poetry', 'dev-dependencies'], 'dev');
  const pgroups = getPath(data, ['tool', 'poetry', 'group']);
  if (isTable(pgroups)) {
    for (const g of Object.keys(pgroups)) {
      addKeyedTable(result, doc, ['tool', 'poetry', 'group', g, 'dependencies'], pythonGroupScope(g, 'dev'));
    }
  }
  const pdm = getPath(data, ['tool', 'pdm', 'dev-dependencies']);
  if (isTable(pdm)) {
    for (const g of Object.keys(pdm)) addPep508Array(result, doc, ['tool', 'pdm', 'dev-dependencies', g], pythonGroupScope(g, 'dev'));
  }
  addPep508Array(result, doc, ['tool', 'uv', 'dev-dependencies'], 'dev');
  const hatch = getPath(data, ['tool', 'hatch', 'envs']);
  if (isTable(hatch)) {
    for (const env of Object.keys(hatch)) {
      const scope = env === 'default' ? 'dev' : pythonGroupScope(env, 'dev');
      addPep508Array(result, doc, ['tool', 'hatch', 'envs', env, 'dependencies'], scope);
      addPep508Array(result, doc, ['tool', 'hatch', 'envs', env, 'extra-dependencies'], scope);
    }
  }
  result.dependencies.sort((a, b) => a.line - b.line);
  return result;
}

/**
 * Parses a Pipfile: `[packages]` (prod) and `[dev-packages]` (dev), `name = "spec"` or
 * `name = { version = ... }`, PEP 503 normalised, line of each key. Malformed TOML → warning.
 */
export function parsePipfile(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'Pipfile');
  const doc = readToml(result, text);
  if (!doc) return result;
  addKeyedTable(result, doc, ['packages'], 'prod');
  addKeyedTable(result, doc, ['dev-packages'], 'dev');
  return result;
}

/** One INI value with the 1-based line of each of its lines. */
interface IniValue {
  parts: Array<{ text: string; line: number }>;
}

/** Minimal INI reader (configparser style): sections, `key = value` / `key: value`, indented continuations. */
function readIni(text: string): Map<string, Map<string, IniValue>> {
  const sections = new Map<string, Map<string, IniValue>>();
  let current: Map<string, IniValue> | undefined;
  let value: IniValue | undefined;
  const lines = normalizeText(text).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const t = raw.trim();
    if (/^\s/.test(raw) && value && t && !t.startsWith('#') && !t.startsWith(';')) {
      value.parts.push({ text: t, line: i + 1 });
      continue;
    }
    if (!t || t.startsWith('#') || t.startsWith(';')) continue;
    const sec = /^\[([^\]]+)\]/.exec(t);
    if (sec) {
      const name = sec[1].trim().toLowerCase();
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      value = undefined;
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(t);
    if (kv && current) {
      value = { parts: kv[2] ? [{ text: kv[2], line: i + 1 }] : [] };
      current.set(kv[1].toLowerCase().replace(/-/g, '_'), value);
    } else value = undefined;
  }
  return sections;
}

const MARKER_WORDS = /python_version|python_full_version|sys_platform|platform_|os_name|implementation_|extra\s*==/;

/** Appends requirements of a setup.cfg list value (one per line; `;` separates same-line items). */
function addIniRequirements(result: ManifestResult, v: IniValue | undefined, scope: DependencyScope): void {
  if (!v) return;
  for (const part of v.parts) {
    const pieces = part.text.split(';');
    // "a; b" lists two requirements, "a; python_version<'3.8'" is one with a marker.
    const items = pieces.length > 1 && !pieces.slice(1).some((p) => MARKER_WORDS.test(p)) ? pieces : [part.text];
    for (const item of items) {
      const s = item.replace(/(^|\s)#.*$/, '').trim();
      if (!s) continue;
      const parsed = parsePep508(s);
      if (!parsed) continue;
      const dep: DependencyDecl = { ecosystem: 'pypi', name: parsed.name, scope, line: part.line };
      if (parsed.version) dep.version = parsed.version;
      if (parsed.extras.length) dep.features = parsed.extras;
      result.dependencies.push(dep);
    }
  }
}

/**
 * Parses a setup.cfg: `[options] install_requires` (prod), `tests_require` (test),
 * `setup_requires` (build) and `[options.extras_require]` (optional, or dev/test by name),
 * with the 1-based line of each requirement. `[metadata] name` becomes the result's name.
 */
export function parseSetupCfg(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'setup.cfg');
  const ini = readIni(text);
  const name = ini.get('metadata')?.get('name')?.parts[0]?.text;
  if (name) result.name = name;
  const options = ini.get('options');
  addIniRequirements(result, options?.get('install_requires'), 'prod');
  addIniRequirements(result, options?.get('tests_require'), 'test');
  addIniRequirements(result, options?.get('setup_requires'), 'build');
  const extras = ini.get('options.extras_require');
  if (extras) for (const [g, v] of extras) addIniRequirements(result, v, pythonGroupScope(g, 'optional'));
  result.dependencies.sort((a, b) => a.line - b.line);
  return result;
}
