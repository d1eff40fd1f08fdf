/**
 * The cross-session cache of per-file facts: one file per scanned folder in a cache folder (the
 * extension's global storage, or the CLI's `--cache DIR`), holding each source file's facts keyed by
 * path, size and mtime, under a version of the knowledge and parser code. A cache of another version,
 * or one that cannot be read, is ignored; writes are atomic (temp file + rename) and never fail a scan.
 */
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { ParseCache, type CachedFacts } from '../core/analyze';

/** Bumped when the shape of {@link CachedFacts} changes. */
const FORMAT = 1;

/** Files whose content decides the facts: language and grammar tables, and every query. */
async function knowledgeFiles(dataDir: string): Promise<string[]> {
  const out = [path.join(dataDir, 'languages.json'), path.join(dataDir, 'grammars.json')];
  const queries = path.join(dataDir, 'queries');
  for (const lang of (await fs.readdir(queries).catch(() => [] as string[])).sort()) {
    for (const f of (await fs.readdir(path.join(queries, lang)).catch(() => [] as string[])).sort()) out.push(path.join(queries, lang, f));
  }
  return out;
}

/**
 * Version of per-file facts: a hash of the data that decides them (languages, grammars, queries)
 * and of the parser code (`codeFile`, the bundled parse worker, when given). A hex string.
 */
export async function factsVersion(dataDir: string, codeFile?: string): Promise<string> {
  const h = createHash('sha256').update(`format ${FORMAT}\n`);
  for (const f of [...(await knowledgeFiles(dataDir)), ...(codeFile ? [codeFile] : [])]) {
    h.update(path.relative(dataDir, f)).update('\0');
    h.update(await fs.readFile(f).catch(() => Buffer.alloc(0)));
  }
  return h.digest('hex').slice(0, 24);
}

/** The cache file of a folder inside `cacheDir`. */
export function cacheFile(cacheDir: string, folder: string): string {
  return path.join(cacheDir, `facts-${createHash('sha256').update(folder).digest('hex').slice(0, 20)}.bin`);
}

interface Stored {
  format: number;
  version: string;
  folder: string;
  entries: [string, CachedFacts][];
}

/** Loads a folder's cached facts; an empty cache when there is none, it is unreadable, or of another version. */
export async function loadFactsCache(cacheDir: string, folder: string, version: string): Promise<ParseCache> {
  try {
    const stored = v8.deserialize(await fs.readFile(cacheFile(cacheDir, folder))) as Stored;
    if (stored?.format === FORMAT && stored.version === version && stored.folder === folder && Array.isArray(stored.entries)) {
      return ParseCache.fromEntries(stored.entries);
    }
  } catch {
    // No cache yet, or a damaged one: start empty.
  }
  return new ParseCache();
}

/**
 * Saves a folder's facts when they changed since they were loaded or last saved. Resolves to a
 * warning text when the cache could not be written (the scan's result is unaffected), else undefined.
 */
export async function saveFactsCache(cacheDir: string, folder: string, version: string, cache: ParseCache): Promise<string | undefined> {
  if (!cache.dirty) return undefined;
  const file = cacheFile(cacheDir, folder);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fs.mkdir(cacheDir, { recursive: true });
    const stored: Stored = { format: FORMAT, version, folder, entries: cache.entries() };
    await fs.writeFile(tmp, v8.serialize(stored));
    await fs.rename(tmp, file);
    cache.markSaved();
    return undefined;
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    return `the scan cache could not be saved in ${cacheDir} (${(e as Error).message})`;
  }
}

/** The file of a folder's last result inside `cacheDir`. */
export function resultFile(cacheDir: string, folder: string): string {
  return path.join(cacheDir, `result-${createHash('sha256').update(folder).digest('hex').slice(0, 20)}.bin`);
}

interface StoredResult<T> {
  format: number;
  version: string;
  folder: string;
  value: T;
}

/**
 * Saves a folder's last result (any structured-clonable value) under `version` (the engine's data
 * and code). Resolves to a warning text when it could not be written, else undefined; never throws.
 */
export async function saveLastResult<T>(cacheDir: string, folder: string, version: string, value: T): Promise<string | undefined> {
  const file = resultFile(cacheDir, folder);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fs.mkdir(cacheDir, { recursive: true });
    const stored: StoredResult<T> = { format: FORMAT, version, folder, value };
    await fs.writeFile(tmp, v8.serialize(stored));
    await fs.rename(tmp, file);
    return undefined;
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    return `the last result could not be saved in ${cacheDir} (${(e as Error).message})`;
  }
}

/** A folder's last result saved under the same `version`, or undefined (none, unreadable, another version). */
export async function loadLastResult<T>(cacheDir: string, folder: string, version: string): Promise<T | undefined> {
  try {
    const stored = v8.deserialize(await fs.readFile(resultFile(cacheDir, folder))) as StoredResult<T>;
    if (stored?.format === FORMAT && stored.version === version && stored.folder === folder) return stored.value;
  } catch {
    // None yet, or damaged: nothing to show before the scan.
  }
  return undefined;
}
