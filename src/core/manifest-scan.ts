/**
 * Finds and parses every manifest of a workspace, following includes (pip `-r`), resolving
 * Gradle version-catalog references, and never letting one malformed manifest stop the others.
 */
import type { ManifestResult } from './manifests/types';
import {
  codeManifest,
  gradleCatalogCandidates,
  isManifestPath,
  parseManifest,
  parseVersionCatalog,
  resolveGradleCatalogs,
  type CodeManifest,
  type VersionCatalog,
} from './manifests/index';
import { memoOnText } from './practices/util';

const manifestPaths = new Map<string, boolean>();

/**
 * Parses the manifests among `paths` (workspace-relative). `read` returns a file's text or
 * undefined; `warn` receives problems. Included files (pip `-r`) are parsed once, even when
 * they are not named like manifests. Results are in path order. Manifests that are code go to
 * `readCode` (the engine's per-file parse) when given, else to `parseManifest`.
 */
export async function parseManifests(
  paths: string[],
  read: (path: string) => Promise<string | undefined>,
  warn: (message: string) => void,
  readCode?: (path: string, text: string, code: CodeManifest) => Promise<ManifestResult>,
): Promise<ManifestResult[]> {
  const out: ManifestResult[] = [];
  const done = new Set<string>();
  const known = new Set(paths);
  const catalogs = new Map<string, VersionCatalog | undefined>();
  const catalogFor = async (buildPath: string): Promise<VersionCatalog | undefined> => {
    const candidate = gradleCatalogCandidates(buildPath).find((p) => known.has(p));
    if (!candidate) return undefined;
    if (!catalogs.has(candidate)) {
      const text = await read(candidate);
      catalogs.set(candidate, text === undefined ? undefined : parseVersionCatalog(text));
    }
    return catalogs.get(candidate);
  };
  const queue = paths.filter((p) => {
    // Whether a path names a manifest depends on the path alone: kept across scans.
    let v = manifestPaths.get(p);
    if (v === undefined) {
      if (manifestPaths.size >= 250_000) manifestPaths.clear();
      manifestPaths.set(p, (v = isManifestPath(p)));
    }
    return v;
  });
  while (queue.length) {
    const path = queue.shift()!;
    if (done.has(path)) continue;
    done.add(path);
    const text = await read(path);
    if (text === undefined) continue;
    let result: ManifestResult | undefined;
    try {
      const catalog = /\.gradle(\.kts)?$/i.test(path) ? await catalogFor(path) : undefined;
      const code = readCode && codeManifest(path);
      // A manifest without a version catalog is a function of its text: kept with it between scans.
      result = code
        ? await readCode(path, text, code)
        : catalog
          ? parseManifest(path, text, { gradleCatalogs: [catalog] })
          : memoOnText(text, `manifest/${path}`, () => parseManifest(path, text));
      if (result?.catalogRefs) resolveGradleCatalogs(result, catalog ? [catalog] : []);
    } catch (e) {
      warn(`${path}: could not be read as a manifest (${(e as Error).message})`);
      continue;
    }
    if (!result) continue;
    for (const w of result.warnings ?? []) warn(`${path}: ${w}`);
    out.push(result);
    for (const inc of result.includes ?? []) if (!done.has(inc)) queue.push(inc);
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
