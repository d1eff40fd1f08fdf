/**
 * Python manifests: requirements files (and pip-compile inputs), pyproject.toml (PEP 621,
 * PEP 735 groups, Poetry, PDM, uv, Hatch, build-system), Pipfile and setup.cfg. Names are
 * PEP 503 normalised so `Django==1.10.5` and `django` match.
 */
import type { DependencyScope, ManifestResult } from './types';
import { addTomlDependencies, getPath, readToml } from './toml';
import { addDependency, addRequirement, basename, dirname, eggName, emptyResult, joinRelative, normalizeText, parsePep508, scopeFor, stripComment } from './util';

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
  // Split at `-`, `_` and `.` (the last part is the extension): a part that says requirements or constraints.
  const parts = base.split(/[-_.]/).slice(0, -1);
  if (base.startsWith('requirement') || parts.slice(1).some((p) => p === 'requirement' || p === 'requirements')) return true;
  if (parts.includes('constraints') && base.endsWith('.txt')) return true;
  return basename(dirname(p)) === 'requirements';
}

/** Scope of a named dependency group (`test`, `dev`, `lint`...): data/manifests.json `scopes.pythonGroup`, else `fallback`. */
export function pythonGroupScope(group: string, fallback: DependencyScope): DependencyScope {
  return scopeFor('pythonGroup', group.toLowerCase(), fallback);
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
  const scope = scopeFor('requirementsFile', basename(path.toLowerCase()).replace(/\.(txt|in)$/, ''), 'prod');
  const physical = normalizeText(text).split('\n');
  const includes: string[] = [];
  for (let i = 0; i < physical.length; i++) {
    const lineNo = i + 1;
    // A backslash at the very end continues the requirement on the next line.
    const parts = [physical[i]];
    while (/\\\s*$/.test(parts[parts.length - 1]) && i + 1 < physical.length) parts.push(physical[++i]);
    const logical = parts.map((p) => p.replace(/\\\s*$/, ' ')).join('');
    const line = stripComment(logical);
    if (!line) continue;
    if (line.startsWith('-')) {
      // `-r file`, `--requirement=file`; short options may be glued to their value: `-rfile`.
      const glued = /^-[rce]\S/.test(line);
      const flag = glued ? line.slice(0, 2) : /^-[A-Za-z-]+/.exec(line)?.[0];
      const rest = line.slice(flag?.length ?? line.length).trim();
      const value = !glued && rest.startsWith('=') ? rest.slice(1).trim() : rest;
      const file = ['-r', '--requirement', '-c', '--constraint'].includes(flag ?? '') ? value.split(/\s+/)[0] : '';
      const target = file ? joinRelative(dirname(path), file) : undefined;
      if (target && !includes.includes(target)) includes.push(target);
      const egg = flag === '-e' || flag === '--editable' ? eggName(value) : undefined;
      if (egg) addDependency(result, { ecosystem: 'pypi', name: egg, scope, line: lineNo });
      continue;
    }
    // Per-requirement options (--hash=..., --config-settings) follow the requirement.
    const optAt = line.search(/\s--?[A-Za-z]/);
    addRequirement(result, optAt >= 0 ? line.slice(0, optAt) : line, scope, lineNo);
  }
  if (includes.length) result.includes = includes;
  return result;
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
  const name = doc && (getPath(doc.data, ['project', 'name']) ?? getPath(doc.data, ['tool', 'poetry', 'name']));
  if (typeof name === 'string') result.name = name;
  if (doc) addTomlDependencies(result, doc, 'pyproject.toml', 'pypi');
  return result;
}

/**
 * Parses a Pipfile: `[packages]` (prod) and `[dev-packages]` (dev), `name = "spec"` or
 * `name = { version = ... }`, PEP 503 normalised, line of each key. Malformed TOML → warning.
 */
export function parsePipfile(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'Pipfile');
  const doc = readToml(result, text);
  if (doc) addTomlDependencies(result, doc, 'Pipfile', 'pypi');
  return result;
}

/** One INI value: its lines, each with its 1-based line. */
type IniValue = Array<{ text: string; line: number }>;

/** Minimal INI reader (configparser style): sections, `key = value` / `key: value`, indented continuations. */
function readIni(text: string): Map<string, Map<string, IniValue>> {
  const sections = new Map<string, Map<string, IniValue>>();
  let current: Map<string, IniValue> | undefined;
  let value: IniValue | undefined;
  normalizeText(text).split('\n').forEach((raw, i) => {
    const t = raw.trim();
    if (!t || t.startsWith('#') || t.startsWith(';')) return;
    if (/^\s/.test(raw) && value) return void value.push({ text: t, line: i + 1 });
    const section = /^\[([^\]]+)\]/.exec(t)?.[1].trim().toLowerCase();
    const at = t.search(/[=:]/); // key = value, key: value
    value = undefined;
    if (section !== undefined) sections.set(section, (current = sections.get(section) ?? new Map()));
    else if (at > 0 && current) current.set(t.slice(0, at).trim().toLowerCase().replace(/-/g, '_'), (value = at + 1 < t.length ? [{ text: t.slice(at + 1).trim(), line: i + 1 }] : []));
  });
  return sections;
}

const MARKER_WORDS = /python_version|python_full_version|sys_platform|platform_|os_name|implementation_|extra\s*==/;

/** Appends requirements of a setup.cfg list value (one per line; `;` separates same-line items). */
function addIniRequirements(result: ManifestResult, v: IniValue | undefined, scope: DependencyScope): void {
  for (const part of v ?? []) {
    const pieces = part.text.split(';');
    // "a; b" lists two requirements, "a; python_version<'3.8'" is one with a marker.
    const items = pieces.length > 1 && !pieces.slice(1).some((p) => MARKER_WORDS.test(p)) ? pieces : [part.text];
    for (const item of items) {
      const s = stripComment(item);
      if (s && parsePep508(s)) addRequirement(result, s, scope, part.line); // other values (`file: x.txt`, `%(a)s`) are not requirements
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
  const name = ini.get('metadata')?.get('name')?.[0]?.text;
  if (name) result.name = name;
  const options = ini.get('options');
  for (const key of ['install_requires', 'tests_require', 'setup_requires']) addIniRequirements(result, options?.get(key), scopeFor('setupPyKeyword', key, 'prod'));
  const extras = ini.get('options.extras_require');
  if (extras) for (const [g, v] of extras) addIniRequirements(result, v, pythonGroupScope(g, 'optional'));
  result.dependencies.sort((a, b) => a.line - b.line);
  return result;
}
