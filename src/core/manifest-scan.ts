/**
 * Finds and parses every manifest of a workspace, following includes (pip `-r`), and never
 * letting one malformed manifest stop the others.
 */
import type { ManifestResult } from './manifests/types';
import { parseManifest, MANIFEST_PARSERS } from './manifests/index';

/**
 * Parses the manifests among `paths` (workspace-relative). `read` returns a file's text or
 * undefined; `warn` receives problems. Included files (pip `-r`) are parsed once, even when
 * they are not named like manifests. Results are in path order.
 */
export async function parseManifests(
  paths: string[],
  read: (path: string) => Promise<string | undefined>,
  warn: (message: string) => void,
): Promise<ManifestResult[]> {
  const out: ManifestResult[] = [];
  const done = new Set<string>();
  const queue = paths.filter((p) => MANIFEST_PARSERS.some((m) => m.match(p)));
  while (queue.length) {
    const path = queue.shift()!;
    if (done.has(path)) continue;
    done.add(path);
    const text = await read(path);
    if (text === undefined) continue;
    let result: ManifestResult | undefined;
    try {
      result = parseManifest(path, text);
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
