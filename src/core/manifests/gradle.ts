/**
 * Gradle: version catalogs (gradle/libs.versions.toml) and what a build script's declarations
 * mean, shared by the Kotlin DSL reader (gradle-kts.ts, from the tree-sitter tree) and the Groovy
 * reader (gradle-groovy.ts, from tokens). Catalog aliases used in build files
 * (`libs.spring.boot.web`, `libs.bundles.x`, `alias(libs.plugins.x)`) are kept as
 * {@link CatalogRef}s until {@link resolveGradleCatalogs} resolves them through a {@link VersionCatalog}.
 */
import type { CatalogRef, DependencyScope, ManifestResult } from './types';
import { isTable, readToml, type Table } from './toml';
import { MANIFEST_MEANINGS, addDependency, basename, dirname, emptyResult, scopeFor, warn } from './util';

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
  const table = (key: string) => Object.entries(doc && isTable(doc.data[key]) ? doc.data[key] : {});
  const versions = Object.fromEntries(table('versions'));
  const version = (v: unknown, depth = 0): string | undefined =>
    typeof v === 'string' ? v : !isTable(v) || depth > 2 ? undefined : typeof v.ref === 'string' ? version(versions[v.ref], depth + 1) : ['strictly', 'require', 'prefer'].map((k) => v[k]).find((x): x is string => typeof x === 'string');
  for (const [alias, spec] of table('libraries')) {
    const line = doc!.near(['libraries', alias]);
    const t = isTable(spec) ? spec : {};
    const [group, artifact, v] = typeof spec === 'string' ? spec.split(':') : [t.group, t.name];
    const module = typeof t.module === 'string' ? t.module : typeof group === 'string' && typeof artifact === 'string' ? `${group}:${artifact}` : undefined;
    const ver = typeof spec === 'string' ? String(v ?? '') || undefined : version(t.version);
    if (module) catalog.libraries[catalogKey(alias)] = ver ? { module, version: ver, line } : { module, line };
    else (catalog.warnings ??= []).push(`line ${line}: library '${alias}' has no module`);
  }
  for (const [alias, spec] of table('plugins')) {
    const [id, ...rest] = typeof spec === 'string' ? spec.split(':') : isTable(spec) && typeof spec.id === 'string' ? [spec.id] : [];
    const ver = typeof spec === 'string' ? rest.join(':') || undefined : isTable(spec) ? version(spec.version) : undefined;
    const line = doc!.near(['plugins', alias]);
    if (id) catalog.plugins[catalogKey(alias)] = ver ? { id, version: ver, line } : { id, line };
  }
  for (const [alias, list] of table('bundles')) {
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
  for (const lib of Object.values(catalog.libraries)) addDependency(result, { ecosystem: 'maven', name: lib.module, scope: 'prod', line: lib.line, version: lib.version });
  for (const pl of Object.values(catalog.plugins)) addDependency(result, { ecosystem: 'maven', name: pl.id, scope: 'plugin', line: pl.line, version: pl.version, gradlePlugin: true });
  result.dependencies.sort((a, b) => a.line - b.line);
  return result;
}

/** Words that open a statement inside `dependencies {}` but name no configuration (data/manifests.json). */
const NOT_CONFIG = new Set(MANIFEST_MEANINGS.gradleNotConfigurations);

/**
 * Splits a `g:a[:v[:classifier]][@ext]` coordinate; undefined when it is not one. A version cut
 * short inside `${...}` (a GString whose expression quotes again) is left out.
 */
function coordinate(s: string): { name: string; version?: string } | undefined {
  const v = s.trim().replace(/@[A-Za-z0-9]+$/, '');
  if (v.startsWith(':') || /\s/.test(v)) return undefined;
  const parts = v.split(':');
  if (parts.length < 2 || parts.length > 4 || !parts[0] || !parts[1]) return undefined;
  if (/[/\\]/.test(parts[0]) || /[/\\]/.test(parts[1])) return undefined;
  const version = parts[2] ?? '';
  return { name: `${parts[0]}:${parts[1]}`, version: version.lastIndexOf('${') > version.lastIndexOf('}') ? undefined : version || undefined };
}

/**
 * One argument of a dependency declaration, as both readers see it: a string (a coordinate),
 * `kotlin("x", "v")`, a dotted reference (`libs.x.y`, kept for catalog resolution), or a named
 * argument of the map form (`group: 'g'`, `group = "g"`). Lines are 1-based.
 */
export type GradleArg =
  | { k: 'str'; v: string; line: number }
  | { k: 'kotlin'; v: string; version?: string; line: number }
  | { k: 'ref'; parts: string[]; line: number }
  | { k: 'named'; name: string; v: string; line: number };

/**
 * Adds the declaration `config(args)` of a `dependencies {}` block: string coordinates
 * `'g:a:v'` → name `g:a`; the map form `group`/`name`/`version`; `kotlin("stdlib")` →
 * `org.jetbrains.kotlin:kotlin-stdlib`; dotted references as pending catalog references. Scope
 * from the configuration (data/manifests.json), test inside a block written for tests (`hintTest`).
 * Returns false, adding nothing, for statements that are not configurations (`exclude`, `if` ...).
 */
export function addGradleDependency(result: ManifestResult, config: string, args: GradleArg[], hintTest: boolean): boolean {
  if (NOT_CONFIG.has(config)) return false;
  const scope = hintTest ? 'test' : scopeFor('gradleConfiguration', config, 'prod');
  const map: Record<string, { v: string; line: number }> = {};
  for (const a of args) {
    if (a.k === 'named') map[a.name] ??= a;
    else if (a.k === 'kotlin') addDependency(result, { ecosystem: 'maven', name: `org.jetbrains.kotlin:kotlin-${a.v}`, version: a.version, scope, line: a.line });
    else if (a.k === 'ref') (result.catalogRefs ??= []).push({ parts: a.parts, line: a.line, scope });
    else {
      const c = coordinate(a.v);
      if (c) addDependency(result, { ecosystem: 'maven', name: c.name, version: c.version, scope, line: a.line });
    }
  }
  if (map.group && map.name) addDependency(result, { ecosystem: 'maven', name: `${map.group.v}:${map.name.v}`, version: map.version?.v, scope, line: map.group.line });
  return true;
}

/**
 * Adds a Gradle plugin (scope plugin, `gradlePlugin: true`, name = plugin id): `id` as written
 * (`kotlin("jvm")` arrives as `org.jetbrains.kotlin.jvm`), or `alias` (`libs.plugins.x`) kept
 * as a pending catalog reference.
 */
export function addGradlePlugin(result: ManifestResult, p: { id?: string; alias?: string[]; version?: string; line: number }): void {
  if (p.alias) (result.catalogRefs ??= []).push({ parts: p.alias, line: p.line, scope: 'plugin', plugin: true });
  else if (p.id) addDependency(result, { ecosystem: 'maven', name: p.id, version: p.version, scope: 'plugin', line: p.line, gradlePlugin: true });
}

/**
 * Resolves a build script's pending catalog references through `catalogs` (matched by accessor
 * root, `libs`): libraries and bundles become dependencies with the reference's scope and line,
 * `alias(libs.plugins.x)` a Gradle plugin; `libs.versions.*` are ignored. Unknown aliases of a
 * known catalog give a warning; references to no known catalog are dropped. Returns `result`,
 * its dependencies sorted by line.
 */
export function resolveGradleCatalogs(result: ManifestResult, catalogs: VersionCatalog[] = []): ManifestResult {
  for (const ref of result.catalogRefs ?? []) resolveRef(result, ref, catalogs.find((c) => c.name === ref.parts[0]));
  delete result.catalogRefs;
  result.dependencies.sort((a, b) => a.line - b.line);
  return result;
}

function resolveRef(result: ManifestResult, { parts, line, scope, plugin }: CatalogRef, cat: VersionCatalog | undefined): void {
  const [head, ...rest] = parts.slice(1);
  const key = rest.join('.').toLowerCase();
  // `alias(...)` names a plugin, any other reference a library or bundle; `libs.versions.*` nothing.
  if (!cat || !head || head === 'versions' || (head === 'plugins') !== !!plugin) return;
  const kind = plugin ? 'plugin' : head === 'bundles' ? 'bundle' : 'library';
  const found = plugin ? [cat.plugins[key]] : kind === 'bundle' ? cat.bundles[key]?.map((k) => cat.libraries[k]) : [cat.libraries[parts.slice(1).join('.').toLowerCase()]];
  if (!found || (kind !== 'bundle' && !found[0])) warn(result, `line ${line}: unknown catalog ${kind} ${parts.join('.')}`);
  for (const f of found ?? []) if (f) addDependency(result, { ecosystem: 'maven', name: 'id' in f ? f.id : f.module, version: f.version, scope, line, gradlePlugin: plugin });
}
