/**
 * Gradle: build.gradle (Groovy) and build.gradle.kts (Kotlin DSL) read by a careful token-level
 * reader (not a full grammar), settings.gradle(.kts) and version catalogs
 * (gradle/libs.versions.toml). Catalog aliases used in build files (`libs.spring.boot.web`,
 * `libs.bundles.x`, `alias(libs.plugins.x)`) resolve through a {@link VersionCatalog}.
 */
import type { DependencyDecl, DependencyScope, ManifestResult } from './types';
import { tokenize, type Tok } from './lexer';
import { isTable, readToml, type Table } from './toml';
import { basename, dirname, emptyResult, normalizeText, warn } from './util';

/** A library of a version catalog. */
export interface CatalogLibrary {
  /** `group:artifact`. */
  module: string;
  version?: string;
  /** 1-based line of the alias in the catalog file. */
  line: number;
}

/** A plugin of a version catalog. */
export interface CatalogPlugin {
  id: string;
  version?: string;
  /** 1-based line of the alias in the catalog file. */
  line: number;
}

/**
 * A parsed version catalog. Keys are accessor paths: the alias with `-` and `_` turned into
 * `.` and lowercased, so `spring-boot-starter-web` is found by `libs.spring.boot.starter.web`.
 */
export interface VersionCatalog {
  /** Accessor root used in build files: `libs` for libs.versions.toml. */
  name: string;
  libraries: Record<string, CatalogLibrary>;
  plugins: Record<string, CatalogPlugin>;
  /** Bundle accessor → library accessor keys. */
  bundles: Record<string, string[]>;
  warnings?: string[];
}

/** Accessor key of a catalog alias (`spring-boot_web` → `spring.boot.web`). */
export function catalogKey(alias: string): string {
  return alias.replace(/[-_]/g, '.').toLowerCase();
}

/** True for version catalog files: `*.versions.toml` inside a folder named `gradle`. */
export function isVersionCatalog(path: string): boolean {
  const p = path.toLowerCase();
  return p.endsWith('.versions.toml') && basename(dirname(p)) === 'gradle';
}

/**
 * Workspace-relative paths where the version catalog for the Gradle file `buildPath` may be,
 * nearest first: `<dir>/gradle/libs.versions.toml` for the file's folder and each ancestor.
 * The engine takes the first that exists (Gradle reads it from the root project).
 */
export function gradleCatalogCandidates(buildPath: string): string[] {
  const out: string[] = [];
  let dir = dirname(buildPath);
  for (;;) {
    out.push(dir ? `${dir}/gradle/libs.versions.toml` : 'gradle/libs.versions.toml');
    if (!dir) break;
    dir = dirname(dir);
  }
  return out;
}

function catalogVersion(v: unknown, versions: Table, ref: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isTable(v)) {
    if (typeof v.ref === 'string') return catalogVersion(versions[v.ref], versions, undefined);
    for (const k of ['strictly', 'require', 'prefer']) if (typeof v[k] === 'string') return v[k] as string;
  }
  if (typeof ref === 'string') return catalogVersion(versions[ref], versions, undefined);
  return undefined;
}

/**
 * Parses a Gradle version catalog (TOML). `[libraries]` entries may be `"g:a:v"` strings or
 * tables with `module = "g:a"` or `group`/`name`, with `version`, `version.ref` or rich
 * versions; `[plugins]` are `"id:version"` or `{ id, version }`; `[bundles]` list library
 * aliases. `name` is the accessor root (default `libs`). Never throws: malformed TOML gives
 * an empty catalog with `warnings`.
 */
export function parseVersionCatalog(text: string, name = 'libs'): VersionCatalog {
  const catalog: VersionCatalog = { name, libraries: {}, plugins: {}, bundles: {} };
  const doc = readToml(catalog, text);
  if (!doc) return catalog;
  const { data } = doc;
  const versions = isTable(data.versions) ? data.versions : {};
  const libs = isTable(data.libraries) ? data.libraries : {};
  for (const [alias, spec] of Object.entries(libs)) {
    const line = doc.near(['libraries', alias]);
    let module: string | undefined;
    let version: string | undefined;
    if (typeof spec === 'string') {
      const parts = spec.split(':');
      if (parts.length >= 2) {
        module = `${parts[0]}:${parts[1]}`;
        version = parts[2] || undefined;
      }
    } else if (isTable(spec)) {
      if (typeof spec.module === 'string') module = spec.module;
      else if (typeof spec.group === 'string' && typeof spec.name === 'string') module = `${spec.group}:${spec.name}`;
      version = catalogVersion(spec.version, versions, undefined);
    }
    if (!module) {
      (catalog.warnings ??= []).push(`line ${line}: library '${alias}' has no module`);
      continue;
    }
    catalog.libraries[catalogKey(alias)] = version ? { module, version, line } : { module, line };
  }
  const plugins = isTable(data.plugins) ? data.plugins : {};
  for (const [alias, spec] of Object.entries(plugins)) {
    const line = doc.near(['plugins', alias]);
    let id: string | undefined;
    let version: string | undefined;
    if (typeof spec === 'string') {
      const at = spec.indexOf(':');
      id = at >= 0 ? spec.slice(0, at) : spec;
      version = at >= 0 ? spec.slice(at + 1) || undefined : undefined;
    } else if (isTable(spec) && typeof spec.id === 'string') {
      id = spec.id;
      version = catalogVersion(spec.version, versions, undefined);
    }
    if (id) catalog.plugins[catalogKey(alias)] = version ? { id, version, line } : { id, line };
  }
  const bundles = isTable(data.bundles) ? data.bundles : {};
  for (const [alias, list] of Object.entries(bundles)) {
    if (Array.isArray(list)) catalog.bundles[catalogKey(alias)] = list.filter((x): x is string => typeof x === 'string').map(catalogKey);
  }
  return catalog;
}

/**
 * A version catalog read as a manifest: each library is a dependency (scope prod, line of its
 * alias) and each plugin a Gradle plugin (scope plugin, `gradlePlugin: true`), so a project
 * whose build files only say `libs.x` is still recognised. Malformed TOML → warning.
 */
export function parseVersionCatalogManifest(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'libs.versions.toml');
  const catalog = parseVersionCatalog(text, basename(path).replace(/\.versions\.toml$/i, ''));
  for (const w of catalog.warnings ?? []) warn(result, w);
  for (const lib of Object.values(catalog.libraries)) {
    const dep: DependencyDecl = { ecosystem: 'maven', name: lib.module, scope: 'prod', line: lib.line };
    if (lib.version) dep.version = lib.version;
    result.dependencies.push(dep);
  }
  for (const pl of Object.values(catalog.plugins)) {
    const dep: DependencyDecl = { ecosystem: 'maven', name: pl.id, scope: 'plugin', line: pl.line, gradlePlugin: true };
    if (pl.version) dep.version = pl.version;
    result.dependencies.push(dep);
  }
  result.dependencies.sort((a, b) => a.line - b.line);
  return result;
}

/** Identifiers that open a statement inside `dependencies {}` but are not configurations. */
const NOT_CONFIG = new Set([
  'if', 'else', 'for', 'while', 'when', 'val', 'var', 'def', 'return', 'println', 'print', 'exclude', 'because',
  'version', 'strictly', 'require', 'prefer', 'reject', 'module', 'replacedBy', 'components', 'modules',
  'attributes', 'capabilities', 'requireCapability', 'force', 'transitive', 'artifact', 'targetConfiguration',
  'isTransitive', 'isForce', 'constraints', 'withModule', 'allVariants', 'withVariant', 'it', 'this', 'project',
  'configurations', 'files', 'fileTree',
]);

/** Scope of a Gradle configuration name, given the enclosing blocks (`hintTest` for test suites). */
export function gradleConfigScope(config: string, hintTest = false): DependencyScope {
  if (hintTest || /^test|Test$|Test[A-Z]|^androidTest|^integrationTest|^functionalTest/.test(config)) return 'test';
  if (config === 'classpath') return 'build';
  if (/^(kapt|ksp|annotationProcessor)/.test(config)) return 'build';
  if (/^(developmentOnly|testAndDevelopmentOnly)$/.test(config)) return 'dev';
  return 'prod';
}

/** Next index at or after `i` that is not a newline token. */
function skipNl(toks: Tok[], i: number): number {
  while (i < toks.length && toks[i].k === 'nl') i++;
  return i;
}

/** Reads `root.a.b.c` from `i` (the root id); stops before `.get()`/`.asProvider()`. */
function readChain(toks: Tok[], i: number): { parts: string[]; next: number } {
  const parts = [toks[i].v];
  let j = i + 1;
  while (j + 1 < toks.length && toks[j].k === 'op' && toks[j].v === '.' && toks[j + 1].k === 'id') {
    const id = toks[j + 1].v;
    if ((id === 'get' || id === 'asProvider') && toks[j + 2]?.v === '(') break;
    parts.push(id);
    j += 2;
  }
  return { parts, next: j };
}

/** Splits a `g:a[:v[:classifier]][@ext]` coordinate; undefined when it is not one. */
function coordinate(s: string): { name: string; version?: string } | undefined {
  const v = s.trim().replace(/@[A-Za-z0-9]+$/, '');
  if (v.startsWith(':') || /\s/.test(v)) return undefined;
  const parts = v.split(':');
  if (parts.length < 2 || parts.length > 4 || !parts[0] || !parts[1]) return undefined;
  if (/[/\\]/.test(parts[0]) || /[/\\]/.test(parts[1])) return undefined;
  return { name: `${parts[0]}:${parts[1]}`, version: parts[2] || undefined };
}

/** State shared by one build-file read. */
interface GradleRead {
  toks: Tok[];
  result: ManifestResult;
  catalogs: VersionCatalog[];
}

function catalogFor(r: GradleRead, root: string): VersionCatalog | undefined {
  return r.catalogs.find((c) => c.name === root);
}

/** Adds the dependencies written in argument tokens [from, to) with `scope`. */
function readArgs(r: GradleRead, from: number, to: number, scope: DependencyScope): void {
  const { toks } = r;
  const map: Record<string, { v: string; line: number }> = {};
  for (let k = from; k < to; k++) {
    const t = toks[k];
    if (t.k === 'id' && (t.v === 'group' || t.v === 'name' || t.v === 'version') && toks[k + 1]?.k === 'op' && (toks[k + 1].v === ':' || toks[k + 1].v === '=') && toks[k + 2]?.k === 'str') {
      map[t.v] = { v: toks[k + 2].v, line: t.line };
      k += 2;
      continue;
    }
    if (t.k === 'str') {
      const c = coordinate(t.v);
      if (c) push(r, { ecosystem: 'maven', name: c.name, version: c.version, scope, line: t.line });
      continue;
    }
    if (t.k === 'id' && t.v === 'kotlin' && toks[k + 1]?.v === '(') {
      const end = toks[k + 1].end ?? to;
      const strs = toks.slice(k + 2, Math.min(end, to)).filter((x) => x.k === 'str');
      if (strs[0]) push(r, { ecosystem: 'maven', name: `org.jetbrains.kotlin:kotlin-${strs[0].v}`, version: strs[1]?.v, scope, line: t.line });
      k = end;
      continue;
    }
    if (t.k === 'id' && (t.v === 'project' || t.v === 'files' || t.v === 'fileTree') && toks[k + 1]?.v === '(') {
      k = toks[k + 1].end ?? to;
      continue;
    }
    if (t.k === 'id' && toks[k + 1]?.v === '.' && (k === from || toks[k - 1].v !== '.')) {
      const chain = readChain(toks, k);
      const cat = catalogFor(r, chain.parts[0]);
      if (cat && chain.parts.length > 1) resolveCatalogRef(r, cat, chain.parts.slice(1), t.line, scope);
      k = chain.next - 1;
    }
  }
  if (map.group && map.name) {
    push(r, { ecosystem: 'maven', name: `${map.group.v}:${map.name.v}`, version: map.version?.v, scope, line: map.group.line });
  }
}

function resolveCatalogRef(r: GradleRead, cat: VersionCatalog, parts: string[], line: number, scope: DependencyScope): void {
  const head = parts[0];
  if (head === 'versions' || head === 'plugins') return;
  if (head === 'bundles') {
    const key = parts.slice(1).join('.').toLowerCase();
    const bundle = cat.bundles[key];
    if (!bundle) {
      warn(r.result, `line ${line}: unknown catalog bundle ${cat.name}.${parts.join('.')}`);
      return;
    }
    for (const libKey of bundle) {
      const lib = cat.libraries[libKey];
      if (lib) push(r, { ecosystem: 'maven', name: lib.module, version: lib.version, scope, line });
    }
    return;
  }
  const lib = cat.libraries[parts.join('.').toLowerCase()];
  if (lib) push(r, { ecosystem: 'maven', name: lib.module, version: lib.version, scope, line });
  else warn(r.result, `line ${line}: unknown catalog library ${cat.name}.${parts.join('.')}`);
}

function push(r: GradleRead, d: DependencyDecl): void {
  const dep: DependencyDecl = { ecosystem: d.ecosystem, name: d.name, scope: d.scope, line: d.line };
  if (d.version) dep.version = d.version;
  if (d.gradlePlugin) dep.gradlePlugin = true;
  r.result.dependencies.push(dep);
}

/**
 * End of a Groovy command-style argument list starting at `i`: the first newline at bracket
 * depth 0 that does not follow a comma, or a `{` / `}` / `;` at depth 0.
 */
function commandEnd(toks: Tok[], i: number, limit: number): number {
  let k = i;
  while (k < limit) {
    const t = toks[k];
    if (t.k === 'nl' && toks[k - 1]?.v !== ',') return k;
    if (t.k === 'op' && (t.v === '{' || t.v === '}' || t.v === ';')) return k;
    if (t.k === 'op' && (t.v === '(' || t.v === '[')) {
      k = (t.end ?? limit) + 1;
      continue;
    }
    k++;
  }
  return limit;
}

/** Reads the statements of a `dependencies { }` body, tokens (from, to). */
function readDependencies(r: GradleRead, from: number, to: number, hintTest: boolean): void {
  const { toks } = r;
  let j = from;
  while (j < to) {
    const t = toks[j];
    const atStatementStart = j === from || ['nl', 'op'].includes(toks[j - 1].k) && ['\n', ';', '{', '}'].includes(toks[j - 1].v);
    if (!atStatementStart || (t.k !== 'id' && t.k !== 'str')) {
      j++;
      continue;
    }
    let config = t.v;
    let argsFrom: number;
    let argsTo: number;
    let after: number;
    const next = toks[j + 1];
    if (next?.k === 'op' && next.v === '(') {
      argsFrom = j + 2;
      argsTo = Math.min(next.end ?? to, to);
      after = argsTo + 1;
      if (config === 'add' && toks[argsFrom]?.k === 'str') {
        config = toks[argsFrom].v;
        argsFrom++;
      }
    } else if (t.k === 'id' && next && (next.k === 'str' || next.k === 'id' || (next.k === 'op' && next.v === '['))) {
      argsFrom = j + 1;
      argsTo = commandEnd(toks, j + 1, to);
      after = argsTo;
    } else {
      j++;
      continue;
    }
    if (t.k === 'id' && NOT_CONFIG.has(config)) {
      j++;
      continue;
    }
    readArgs(r, argsFrom, argsTo, gradleConfigScope(config, hintTest));
    // A trailing closure configures the dependency (exclude, because, version {...}): skip it.
    const c = skipNl(toks, after);
    j = toks[c]?.k === 'op' && toks[c].v === '{' && c === after ? (toks[c].end ?? to) + 1 : after;
  }
}

/** Reads the statements of a `plugins { }` body, tokens (from, to). */
function readPlugins(r: GradleRead, from: number, to: number): void {
  const { toks } = r;
  let j = from;
  while (j < to) {
    const t = toks[j];
    const prev = toks[j - 1];
    const atStatementStart = j === from || (prev && (prev.k === 'nl' || prev.v === ';' || prev.v === '{' || prev.v === '}'));
    if (!atStatementStart || t.k !== 'id') {
      j++;
      continue;
    }
    const next = toks[j + 1];
    let id: string | undefined;
    let fromCatalog: CatalogPlugin | undefined;
    let k = j + 1;
    if ((t.v === 'id' || t.v === 'kotlin' || t.v === 'alias') && next?.v === '(') {
      const end = Math.min(next.end ?? to, to);
      if (t.v === 'alias') {
        const inner = toks[j + 2];
        if (inner?.k === 'id') {
          const chain = readChain(toks, j + 2);
          const cat = catalogFor(r, chain.parts[0]);
          if (cat && chain.parts[1] === 'plugins') {
            fromCatalog = cat.plugins[chain.parts.slice(2).join('.').toLowerCase()];
            if (!fromCatalog) warn(r.result, `line ${t.line}: unknown catalog plugin ${chain.parts.join('.')}`);
          }
        }
      } else {
        const s = toks.slice(j + 2, end).find((x) => x.k === 'str');
        if (s) id = t.v === 'kotlin' ? `org.jetbrains.kotlin.${s.v}` : s.v;
      }
      k = end + 1;
    } else if (t.v === 'id' && next?.k === 'str') {
      id = next.v;
      k = j + 2;
    } else if (!next || next.k === 'nl' || next.v === ';' || next.v === '}') {
      id = t.v; // core plugin by bare name: java, application, `java-library`
    } else {
      j++;
      continue;
    }
    // Optional `version "x"` / `.version("x")` and `apply false` after the id.
    let version: string | undefined;
    for (let m = k; m < to && toks[m].k !== 'nl' && toks[m].v !== ';' && toks[m].v !== '}'; m++) {
      if (toks[m].k === 'id' && toks[m].v === 'version') {
        const v = toks[m + 1]?.v === '(' ? toks[m + 2] : toks[m + 1];
        if (v?.k === 'str') version = v.v;
        break;
      }
    }
    if (fromCatalog) push(r, { ecosystem: 'maven', name: fromCatalog.id, version: fromCatalog.version, scope: 'plugin', line: t.line, gradlePlugin: true });
    else if (id) push(r, { ecosystem: 'maven', name: id, version, scope: 'plugin', line: t.line, gradlePlugin: true });
    j = k;
  }
}

/** Reads `apply plugin: 'x'` / `apply(plugin = "x")` at token `j`; returns true when it was one. */
function readApply(r: GradleRead, j: number): void {
  const { toks } = r;
  const args = toks[j + 1]?.v === '(' ? j + 2 : j + 1;
  const key = toks[args];
  const sep = toks[args + 1];
  const val = toks[args + 2];
  if (key?.k === 'id' && key.v === 'plugin' && sep?.k === 'op' && (sep.v === ':' || sep.v === '=') && val?.k === 'str') {
    push(r, { ecosystem: 'maven', name: val.v, scope: 'plugin', line: toks[j].line, gradlePlugin: true });
  }
}

/** Label of the block opened at token `i` (`{`): the identifiers of its statement. */
function blockLabel(toks: Tok[], i: number): string {
  const ids: string[] = [];
  for (let k = i - 1; k >= 0 && k >= i - 12; k--) {
    const t = toks[k];
    if (t.k === 'nl' || t.v === '{' || t.v === '}' || t.v === ';') break;
    if (t.k === 'id' || t.k === 'str') ids.push(t.v);
  }
  return ids.reverse().join(' ');
}

/**
 * Parses a Gradle build script, Groovy (`build.gradle`) or Kotlin DSL (`build.gradle.kts`),
 * without executing it. Reads every `dependencies {}` block (including buildscript `classpath`,
 * subprojects/allprojects and Kotlin source sets or test suites, whose `*Test` blocks give scope
 * test): string coordinates `'g:a:v'` → name `g:a`; map form `group: 'g', name: 'a'` (or `=`);
 * `platform(...)`; `kotlin("stdlib")` → `org.jetbrains.kotlin:kotlin-stdlib`; and catalog
 * references (`libs.x.y`, `libs.bundles.z`) when `catalogs` holds the catalog of that name
 * (unknown aliases give a warning; without a catalog they are skipped). Scope comes from the
 * configuration (see {@link gradleConfigScope}). `plugins {}` entries — `id("x") version "y"`,
 * `id 'x'`, `kotlin("jvm")` → `org.jetbrains.kotlin.jvm`, `alias(libs.plugins.x)`, bare core
 * plugins — and legacy `apply plugin: 'x'` become dependencies with `gradlePlugin: true`,
 * scope plugin, name = plugin id. Comments are ignored. Every entry has its 1-based line.
 */
export function parseGradle(path: string, text: string, catalogs?: VersionCatalog | VersionCatalog[]): ManifestResult {
  const kts = path.toLowerCase().endsWith('.kts');
  const result = emptyResult(path, kts ? 'build.gradle.kts' : 'build.gradle');
  const r: GradleRead = { toks: tokenize(normalizeText(text)), result, catalogs: catalogs ? (Array.isArray(catalogs) ? catalogs : [catalogs]) : [] };
  walkGradle(r);
  result.dependencies.sort((a, b) => a.line - b.line);
  return result;
}

function walkGradle(r: GradleRead, onStatement?: (j: number) => number | undefined): void {
  const { toks } = r;
  const labels: string[] = [];
  const closers: number[] = [];
  for (let j = 0; j < toks.length; j++) {
    while (closers.length && j > closers[closers.length - 1]) {
      closers.pop();
      labels.pop();
    }
    const t = toks[j];
    if (t.k === 'op' && t.v === '{') {
      labels.push(blockLabel(toks, j));
      closers.push(t.end ?? toks.length);
      continue;
    }
    if (t.k !== 'id') continue;
    const next = toks[j + 1];
    if ((t.v === 'dependencies' || t.v === 'plugins') && next?.k === 'op' && next.v === '{' && toks[j - 1]?.v !== '.') {
      const end = Math.min(next.end ?? toks.length, toks.length);
      if (t.v === 'dependencies') {
        const hintTest = labels.some((l) => /test/i.test(l));
        readDependencies(r, j + 2, end, hintTest);
      } else readPlugins(r, j + 2, end);
      j = end;
      continue;
    }
    if (t.v === 'apply' && toks[j - 1]?.v !== '.') {
      readApply(r, j);
      continue;
    }
    if (onStatement) {
      const skip = onStatement(j);
      if (skip !== undefined) j = skip;
    }
  }
}

/**
 * Parses settings.gradle / settings.gradle.kts: `include(':app', ':libs:core')` or
 * `include ':app'` become workspaces (`app`, `libs/core`), as do `includeBuild("x")` folders;
 * `rootProject.name` becomes the result's name; `plugins {}` entries (settings plugins) are
 * reported as in build files.
 */
export function parseGradleSettings(path: string, text: string): ManifestResult {
  const kts = path.toLowerCase().endsWith('.kts');
  const result = emptyResult(path, kts ? 'settings.gradle.kts' : 'settings.gradle');
  const r: GradleRead = { toks: tokenize(normalizeText(text)), result, catalogs: [] };
  const { toks } = r;
  const ws: string[] = [];
  walkGradle(r, (j) => {
    const t = toks[j];
    if ((t.v === 'include' || t.v === 'includeBuild') && toks[j - 1]?.v !== '.') {
      const paren = toks[j + 1]?.v === '(';
      const end = paren ? (toks[j + 1].end ?? toks.length) : commandEnd(toks, j + 1, toks.length);
      for (let k = j + 1; k < end; k++) {
        if (toks[k].k !== 'str') continue;
        const p = t.v === 'include' ? toks[k].v.replace(/^:/, '').replace(/:/g, '/') : toks[k].v.replace(/^\.\//, '');
        if (p && !ws.includes(p)) ws.push(p);
      }
      return end;
    }
    if (t.v === 'rootProject' && toks[j + 1]?.v === '.' && toks[j + 2]?.v === 'name' && toks[j + 4]?.k === 'str') {
      result.name = toks[j + 4].v;
    }
    return undefined;
  });
  if (ws.length) result.workspaces = ws;
  result.dependencies.sort((a, b) => a.line - b.line);
  return result;
}
