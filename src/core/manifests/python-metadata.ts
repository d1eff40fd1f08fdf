/**
 * Metadata of installed Python distributions, which installed trees (Debian's
 * `dist-packages`, unpacked sdists) carry instead of requirement files:
 * `*.egg-info/requires.txt`, `*.dist-info/METADATA` and `*.egg-info/PKG-INFO` (also a
 * distutils `*.egg-info` that is a single file).
 */
import type { DependencyScope, ManifestResult } from './types';
import { pythonGroupScope } from './python';
import { addRequirement, basename, dirname, emptyResult, normalizeText, parsePep508, stripComment, warn } from './util';

/** True for `<name>.egg-info/requires.txt`. */
export function isEggRequires(path: string): boolean {
  const p = path.toLowerCase();
  return basename(p) === 'requires.txt' && basename(dirname(p)).endsWith('.egg-info');
}

/**
 * True for core-metadata files: `<name>.dist-info/METADATA`, `<name>.egg-info/PKG-INFO`, and
 * a distutils `<name>.egg-info` file (a PKG-INFO under another name).
 */
export function isPythonMetadata(path: string): boolean {
  const p = path.toLowerCase();
  const base = basename(p);
  const parent = basename(dirname(p));
  if (base === 'metadata') return parent.endsWith('.dist-info');
  if (base === 'pkg-info') return parent.endsWith('.egg-info');
  return base.endsWith('.egg-info') && base.length > '.egg-info'.length;
}

/** Scope of an extra (`[test]`, `extra == "dev"`): test/dev by name, else optional; no extra → prod. */
function extraScope(extra: string | undefined): DependencyScope {
  return extra ? pythonGroupScope(extra, 'optional') : 'prod';
}

/**
 * Parses setuptools' `*.egg-info/requires.txt`: requirement lines before any section are prod;
 * a `[extra]` section gives optional (dev or test when the extra's name says so, via
 * `pythonGroupScope`), `[extra:marker]` likewise, and `[:marker]` (conditional install
 * requirements) prod. Names PEP 503 normalised, extras kept as `features`. Lines are 1-based.
 */
export function parseEggRequires(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'requires.txt');
  let scope: DependencyScope = 'prod';
  normalizeText(text).split('\n').forEach((raw, i) => {
    const line = stripComment(raw);
    const close = line.startsWith('[') ? line.indexOf(']') : undefined;
    if (close === -1) warn(result, `line ${i + 1}: unclosed section header`);
    else if (close !== undefined) scope = extraScope(line.slice(1, close).split(':')[0].trim() || undefined);
    else if (line) addRequirement(result, line, scope, i + 1);
  });
  return result;
}

/** The extra a marker selects (`extra == "test"`, `'test' == extra`), when it names one. */
function markerExtra(marker: string | undefined): string | undefined {
  if (!marker) return undefined;
  const m = /\bextra\s*==\s*(["'])([^"'\n]{1,100})\1/.exec(marker) ?? /(["'])([^"'\n]{1,100})\1\s*==\s*extra\b/.exec(marker);
  return m?.[2].trim();
}

/**
 * Parses Python core metadata (`*.dist-info/METADATA`, `*.egg-info/PKG-INFO`): the header
 * block up to the first blank line, `Name:` as the result's name and each `Requires-Dist:`
 * as a dependency, prod unless its marker selects an extra (`extra == "x"`), which gives
 * optional, or dev/test by the extra's name. Header continuation lines are joined; the
 * description body is not read. Lines are 1-based.
 */
export function parsePythonMetadata(path: string, text: string): ManifestResult {
  const p = path.toLowerCase();
  const result = emptyResult(path, basename(p) === 'metadata' ? 'METADATA' : 'PKG-INFO');
  const lines = normalizeText(text).split('\n');
  let header: { key: string; value: string; line: number } | undefined;
  const flush = () => {
    const { key, value, line } = header ?? {};
    if (key === 'name' && result.name === undefined && value) result.name = value;
    else if (key === 'requires-dist' && value) addRequirement(result, value, extraScope(markerExtra(parsePep508(value)?.marker)), line!);
    header = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (!raw.trim()) break; // end of the headers; the body is the description
    if (/^[ \t]/.test(raw)) {
      if (header && header.value.length < 4000) header.value += ' ' + raw.trim();
      continue;
    }
    flush();
    const m = /^([A-Za-z0-9][A-Za-z0-9-]*)\s*:(.*)$/.exec(raw);
    if (m) header = { key: m[1].toLowerCase(), value: m[2].trim(), line: i + 1 };
    else warn(result, `line ${i + 1}: not a metadata header: ${raw.slice(0, 80)}`);
  }
  flush();
  return result;
}
