/**
 * Contract for manifest parsers. A parser reads one manifest's text (never executes anything)
 * and returns the dependencies it declares, each with the 1-based line where it is declared.
 */

/** Package ecosystems; the keys of `match.packages` in data/technologies/*.json. */
export type Ecosystem = 'npm' | 'pypi' | 'maven' | 'go' | 'rubygems' | 'composer' | 'nuget' | 'cargo';

/** How a dependency is used. `plugin` covers Maven build plugins and Gradle plugins. */
export type DependencyScope = 'prod' | 'dev' | 'test' | 'build' | 'plugin' | 'peer' | 'optional';

/** One declared dependency. */
export interface DependencyDecl {
  ecosystem: Ecosystem;
  /** Name as the ecosystem spells it: npm `@scope/pkg`, Maven `groupId:artifactId`, Go module path, NuGet id... */
  name: string;
  /** Version or range as written, when present. */
  version?: string;
  scope: DependencyScope;
  /** 1-based line of the declaration in the manifest. */
  line: number;
  /**
   * Cargo features or Python extras enabled on the dependency (`sqlx` with `postgres`,
   * `celery[redis]`). Data matches them as `name[feature]`.
   */
  features?: string[];
  /** For Gradle plugins: the plugin id (matched against `match.gradlePlugins`). */
  gradlePlugin?: boolean;
}

/** A dotted reference of a Gradle script to a version catalog, waiting for the catalog. */
export interface CatalogRef {
  /** Accessor path from the catalog's root: `['libs', 'spring', 'boot', 'web']`. */
  parts: string[];
  /** 1-based line of the reference. */
  line: number;
  scope: DependencyScope;
  /** True for `alias(libs.plugins.x)` in a `plugins {}` block. */
  plugin?: boolean;
}

/** What a parser returns. */
export interface ManifestResult {
  /** Workspace-relative path of the manifest. */
  path: string;
  /** Short kind, e.g. 'package.json', 'pom.xml', 'requirements.txt'. */
  kind: string;
  /** Name the manifest gives its own project, when it declares one: npm `name`, Go `module`,
   *  Maven `groupId:artifactId`, Cargo `[package] name`, PEP 621 / Poetry `name`. */
  name?: string;
  dependencies: DependencyDecl[];
  /** Workspace-relative globs or folders of sub-projects declared here (npm/Cargo workspaces, Maven modules). */
  workspaces?: string[];
  /** Other files this manifest includes (pip `-r other.txt`), workspace-relative; the engine parses them too. */
  includes?: string[];
  /**
   * Gradle build scripts only: version-catalog references (`libs.x.y`, `alias(libs.plugins.x)`)
   * not resolved yet; `resolveGradleCatalogs` turns them into dependencies and removes this.
   */
  catalogRefs?: CatalogRef[];
  /** Problems found (malformed file); the parser still returns what it could read. */
  warnings?: string[];
}

/**
 * A manifest parser. `path` is workspace-relative POSIX; `text` the file's contents.
 * Must not throw: malformed input yields `warnings` and whatever could be read.
 */
export type ManifestParser = (path: string, text: string) => ManifestResult;
