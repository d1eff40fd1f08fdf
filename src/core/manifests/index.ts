/**
 * Manifest parsers: which file names each parser reads, and one entry point for the engine.
 * Everything here is pure (text in, data out); reading files is the engine's job.
 */
import type { ManifestParser, ManifestResult } from './types';
import { basename, errorMessage } from './util';
import { isNpmLockFile, parseNpmLockFile, parsePackageJson, parsePnpmWorkspace } from './npm';
import { isRequirementsFile, parsePipfile, parsePyproject, parseRequirements, parseSetupCfg } from './python';
import { parsePom } from './maven';
import { isVersionCatalog, parseGradle, parseGradleSettings, parseVersionCatalogManifest, type VersionCatalog } from './gradle';
import { parseSbt } from './sbt';
import { parseGoMod, parseGoWork } from './go';
import { parseGemfile, parseGemfileLock } from './ruby';
import { parseGemspec } from './gemspec';
import { parseSetupPy } from './setup-py';
import { isEggRequires, isPythonMetadata, parseEggRequires, parsePythonMetadata } from './python-metadata';
import { parseComposerJson } from './composer';
import { parseDirectoryPackagesProps, parseMsbuildProject, parsePackagesConfig } from './dotnet';
import { parseCargoToml } from './cargo';

export type * from './types';
export { parsePackageJson, parseNpmLockFile, parsePnpmWorkspace, isNpmLockFile } from './npm';
export { parseRequirements, parsePyproject, parsePipfile, parseSetupCfg, isRequirementsFile, pythonGroupScope } from './python';
export { parsePom } from './maven';
export {
  parseGradle,
  parseGradleSettings,
  parseVersionCatalog,
  parseVersionCatalogManifest,
  gradleCatalogCandidates,
  gradleConfigScope,
  catalogKey,
  isVersionCatalog,
  type VersionCatalog,
  type CatalogLibrary,
  type CatalogPlugin,
} from './gradle';
export { parseSbt } from './sbt';
export { parseGoMod, parseGoWork } from './go';
export { parseGemfile, parseGemfileLock } from './ruby';
export { parseGemspec } from './gemspec';
export { parseSetupPy } from './setup-py';
export { parseEggRequires, parsePythonMetadata, isEggRequires, isPythonMetadata } from './python-metadata';
export { parseComposerJson } from './composer';
export { parseMsbuildProject, parseDirectoryPackagesProps, parsePackagesConfig } from './dotnet';
export { parseCargoToml } from './cargo';
export { normalizePythonName, parsePep508, type Pep508 } from './util';

const base = (p: string) => basename(p).toLowerCase();
const isGradleSettings = (p: string) => /^settings\.gradle(\.kts)?$/.test(base(p));
const isGradleScript = (p: string) => /\.gradle(\.kts)?$/.test(base(p)) && !isGradleSettings(p);

/**
 * Manifest parsers in match order; the first entry whose `match` accepts a workspace-relative
 * POSIX path parses it. File names are compared case-insensitively.
 */
export const MANIFEST_PARSERS: Array<{ match: (path: string) => boolean; parse: ManifestParser }> = [
  { match: (p) => base(p) === 'package.json', parse: parsePackageJson },
  { match: isNpmLockFile, parse: parseNpmLockFile },
  { match: (p) => base(p) === 'pnpm-workspace.yaml', parse: parsePnpmWorkspace },
  { match: isEggRequires, parse: parseEggRequires },
  { match: isPythonMetadata, parse: parsePythonMetadata },
  { match: isRequirementsFile, parse: parseRequirements },
  { match: (p) => base(p) === 'pyproject.toml', parse: parsePyproject },
  { match: (p) => base(p) === 'pipfile', parse: parsePipfile },
  { match: (p) => base(p) === 'setup.cfg', parse: parseSetupCfg },
  { match: (p) => base(p) === 'setup.py', parse: parseSetupPy },
  { match: (p) => base(p) === 'pom.xml', parse: parsePom },
  { match: isGradleSettings, parse: parseGradleSettings },
  { match: isGradleScript, parse: (p, t) => parseGradle(p, t) },
  { match: isVersionCatalog, parse: parseVersionCatalogManifest },
  { match: (p) => base(p).endsWith('.sbt'), parse: parseSbt },
  { match: (p) => base(p) === 'go.mod', parse: parseGoMod },
  { match: (p) => base(p) === 'go.work', parse: parseGoWork },
  { match: (p) => base(p) === 'gemfile', parse: parseGemfile },
  { match: (p) => base(p) === 'gemfile.lock', parse: parseGemfileLock },
  { match: (p) => base(p).endsWith('.gemspec') && base(p).length > '.gemspec'.length, parse: parseGemspec },
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

/** Extra inputs for {@link parseManifest}. */
export interface ParseManifestOptions {
  /**
   * Version catalogs for Gradle scripts (see `gradleCatalogCandidates` for where to look and
   * `parseVersionCatalog` to read one); `libs.x` references resolve through them.
   */
  gradleCatalogs?: VersionCatalog[];
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
    if (isGradleScript(path) && options?.gradleCatalogs?.length) return parseGradle(path, text, options.gradleCatalogs);
    return entry.parse(path, text);
  } catch (e) {
    return { path, kind: basename(path), dependencies: [], warnings: [`parser failed: ${errorMessage(e)}`] };
  }
}
