/**
 * Manifest parsers: which file names each parser reads, and one entry point for the engine.
 * Everything here is pure (text in, data out); reading files is the engine's job.
 */
import type { ManifestParser, ManifestResult } from './types';
import { basename, errorMessage } from './util';
import { isNpmLockFile, parseNpmLockFile, parsePackageJson, parsePnpmWorkspace } from './npm';
import { isRequirementsFile, parsePipfile, parsePyproject, parseRequirements, parseSetupCfg } from './python';
import { parsePom } from './maven';
import { isVersionCatalog, parseVersionCatalogManifest, resolveGradleCatalogs, type VersionCatalog } from './gradle';
import { readGroovyGradle } from './gradle-groovy';
import { readGradleKts } from './gradle-kts';
import { readSbt } from './sbt';
import { parseGoMod, parseGoWork } from './go';
import { parseGemfileLock, readGemfile, readGemspec } from './ruby';
import { readSetupPy } from './setup-py';
import { isEggRequires, isPythonMetadata, parseEggRequires, parsePythonMetadata } from './python-metadata';
import { parseComposerJson } from './composer';
import { parseDirectoryPackagesProps, parseMsbuildProject, parsePackagesConfig } from './dotnet';
import { parseCargoToml } from './cargo';
import { readCodeManifest, type CodeManifest, type ManifestSyntax } from './code';

export type * from './types';
export { parsePackageJson, parseNpmLockFile, parsePnpmWorkspace } from './npm';
export { parseRequirements, parsePyproject, parsePipfile, parseSetupCfg, isRequirementsFile } from './python';
export { parsePom } from './maven';
export { parseVersionCatalog, parseVersionCatalogManifest, resolveGradleCatalogs, gradleCatalogCandidates, type VersionCatalog } from './gradle';
export { parseGoMod, parseGoWork } from './go';
export { parseGemfileLock } from './ruby';
export { parseEggRequires, parsePythonMetadata } from './python-metadata';
export { parseComposerJson } from './composer';
export { parseMsbuildProject, parseDirectoryPackagesProps, parsePackagesConfig } from './dotnet';
export { parseCargoToml } from './cargo';
export { parsePep508 } from './util';
export { useManifestSyntax, unreadCodeManifest, unparsable, type CodeManifest } from './code';

const SETUP_PY: CodeManifest = { grammar: 'python', read: readSetupPy };
const GEMFILE: CodeManifest = { grammar: 'ruby', read: readGemfile };
const GEMSPEC: CodeManifest = { grammar: 'ruby', read: readGemspec };
const GRADLE_KTS: CodeManifest = { grammar: 'kotlin', read: readGradleKts };
const SBT: CodeManifest = { grammar: 'scala', read: readSbt };

/** Parses a setup.py through the Python grammar (see `readSetupPy`); needs a {@link ManifestSyntax}. */
export const parseSetupPy: ManifestParser = (path, text) => readCodeManifest(path, text, SETUP_PY);
/** Parses a Gemfile through the Ruby grammar (see `readGemfile`). */
export const parseGemfile: ManifestParser = (path, text) => readCodeManifest(path, text, GEMFILE);
/** Parses a gemspec through the Ruby grammar (see `readGemspec`). */
export const parseGemspec: ManifestParser = (path, text) => readCodeManifest(path, text, GEMSPEC);
/** Parses an sbt file through the Scala grammar (see `readSbt`). */
export const parseSbt: ManifestParser = (path, text) => readCodeManifest(path, text, SBT);

/**
 * Parses a Gradle build script: `*.gradle.kts` through the Kotlin grammar (`readGradleKts`),
 * Groovy `*.gradle` from tokens (`readGroovyGradle`); `libs.x` references resolve through
 * `catalogs` (see {@link resolveGradleCatalogs}).
 */
export function parseGradle(path: string, text: string, catalogs?: VersionCatalog | VersionCatalog[]): ManifestResult {
  const r = isKts(path) ? readCodeManifest(path, text, GRADLE_KTS) : readGroovyGradle(path, text);
  return resolveGradleCatalogs(r, catalogs ? [catalogs].flat() : []);
}

/** Parses settings.gradle(.kts): includes as workspaces, `rootProject.name`, settings plugins. */
export function parseGradleSettings(path: string, text: string): ManifestResult {
  return resolveGradleCatalogs(isKts(path) ? readCodeManifest(path, text, GRADLE_KTS) : readGroovyGradle(path, text, true));
}

const base = (p: string) => basename(p).toLowerCase();
const isGradleSettings = (p: string) => /^settings\.gradle(\.kts)?$/.test(base(p));
const isGradle = (p: string) => /\.gradle(\.kts)?$/.test(base(p));
const isKts = (p: string) => base(p).endsWith('.kts');

/**
 * Manifest parsers in match order; the first entry whose `match` accepts a workspace-relative
 * POSIX path reads it: text manifests with `parse`, manifests that are code with their grammar
 * (`code`). File names are compared case-insensitively.
 */
export const MANIFEST_PARSERS: Array<{ match: (path: string) => boolean; parse: ManifestParser; code?: CodeManifest }> = [
  { match: (p) => base(p) === 'package.json', parse: parsePackageJson },
  { match: isNpmLockFile, parse: parseNpmLockFile },
  { match: (p) => base(p) === 'pnpm-workspace.yaml', parse: parsePnpmWorkspace },
  { match: isEggRequires, parse: parseEggRequires },
  { match: isPythonMetadata, parse: parsePythonMetadata },
  { match: isRequirementsFile, parse: parseRequirements },
  { match: (p) => base(p) === 'pyproject.toml', parse: parsePyproject },
  { match: (p) => base(p) === 'pipfile', parse: parsePipfile },
  { match: (p) => base(p) === 'setup.cfg', parse: parseSetupCfg },
  { match: (p) => base(p) === 'setup.py', parse: parseSetupPy, code: SETUP_PY },
  { match: (p) => base(p) === 'pom.xml', parse: parsePom },
  { match: (p) => isGradle(p) && isKts(p), parse: (p, t) => readCodeManifest(p, t, GRADLE_KTS), code: GRADLE_KTS },
  { match: (p) => isGradle(p) && isGradleSettings(p), parse: (p, t) => readGroovyGradle(p, t, true) },
  { match: isGradle, parse: (p, t) => readGroovyGradle(p, t) },
  { match: isVersionCatalog, parse: parseVersionCatalogManifest },
  { match: (p) => base(p).endsWith('.sbt'), parse: parseSbt, code: SBT },
  { match: (p) => base(p) === 'go.mod', parse: parseGoMod },
  { match: (p) => base(p) === 'go.work', parse: parseGoWork },
  { match: (p) => base(p) === 'gemfile', parse: parseGemfile, code: GEMFILE },
  { match: (p) => base(p) === 'gemfile.lock', parse: parseGemfileLock },
  { match: (p) => base(p).endsWith('.gemspec') && base(p).length > '.gemspec'.length, parse: parseGemspec, code: GEMSPEC },
  { match: (p) => base(p) === 'composer.json', parse: parseComposerJson },
  { match: (p) => /\.(cs|fs|vb)proj$/.test(base(p)) || base(p) === 'directory.build.props', parse: parseMsbuildProject },
  { match: (p) => base(p) === 'directory.packages.props', parse: parseDirectoryPackagesProps },
  { match: (p) => base(p) === 'packages.config', parse: parsePackagesConfig },
  { match: (p) => base(p) === 'cargo.toml', parse: parseCargoToml },
];

/** True when some parser in {@link MANIFEST_PARSERS} reads `path`. */
export function isManifestPath(path: string): boolean {
  return MANIFEST_PARSERS.some((e) => e.match(path));
}

/**
 * For a manifest that is code (setup.py, Gemfile, *.gemspec, *.gradle.kts, *.sbt): the grammar
 * that parses it and the reader of that grammar's `manifest` query matches, so a per-file pass
 * can read it from the tree it parses anyway. Undefined for other files.
 */
export function codeManifest(path: string): CodeManifest | undefined {
  return MANIFEST_PARSERS.find((e) => e.match(path))?.code;
}

/** Extra inputs for {@link parseManifest}. */
export interface ParseManifestOptions {
  /**
   * Version catalogs for Gradle scripts (see `gradleCatalogCandidates` for where to look and
   * `parseVersionCatalog` to read one); `libs.x` references resolve through them.
   */
  gradleCatalogs?: VersionCatalog[];
  /** Tree-sitter access for manifests that are code; defaults to the one set by `useManifestSyntax`. */
  syntax?: ManifestSyntax;
}

/**
 * Parses `text` as the manifest at workspace-relative POSIX `path`, choosing the parser by
 * file name. Returns undefined when no parser reads that file name. Never throws: a parser
 * failure becomes a warning on an empty result.
 */
export function parseManifest(path: string, text: string, options?: ParseManifestOptions): ManifestResult | undefined {
  const entry = MANIFEST_PARSERS.find((e) => e.match(path));
  if (!entry) return undefined;
  try {
    const result = entry.code ? readCodeManifest(path, text, entry.code, options?.syntax) : entry.parse(path, text);
    return isGradle(path) ? resolveGradleCatalogs(result, options?.gradleCatalogs) : result;
  } catch (e) {
    return { path, kind: basename(path), dependencies: [], warnings: [`parser failed: ${errorMessage(e)}`] };
  }
}
