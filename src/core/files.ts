/**
 * Workspace enumeration: walks a {@link FileSource} honouring nested `.gitignore` files and
 * default excludes (dependency, build and virtualenv folders), breaks symlink loops, and reads
 * text with a size cap and binary detection. Every file passed over is recorded with a reason.
 */
import ignore, { type Ignore } from 'ignore';
import type { FileSource, SkippedFile } from './types';
import type { WorkspaceFile } from './practices/types';

/** Folder names never descended into (dependency caches, build output, VCS internals). */
export const DEFAULT_EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'target', 'vendor', 'bower_components',
  'venv', '.venv', 'virtualenv', '.virtualenv', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache',
  '.ruff_cache', '.gradle', '.next', '.nuxt', '.svelte-kit', '.turbo', 'coverage', '.nyc_output',
  'obj', '.terraform', '.serverless', '.cache', 'site-packages', 'Pods', '.dart_tool', '.vscode-test',
  // Test data, not the project's own stack: sample projects, recorded inputs (Go's testdata convention).
  'fixtures', '__fixtures__', 'testdata',
]);

/** File extensions treated as binary without reading them. */
const BINARY_EXTENSIONS = new Set([
  '.png', '.jpg', '.jpeg', '.gif', '.bmp', '.ico', '.webp', '.pdf', '.zip', '.gz', '.tgz', '.bz2', '.xz', '.7z',
  '.jar', '.war', '.ear', '.class', '.dll', '.exe', '.so', '.dylib', '.o', '.a', '.wasm', '.pyc', '.pyo',
  '.woff', '.woff2', '.ttf', '.otf', '.eot', '.mp3', '.mp4', '.mov', '.avi', '.sqlite', '.db', '.bin', '.lockb',
]);

/** Options of {@link enumerateFiles}. */
export interface EnumerateOptions {
  /** Extra folder names to exclude. */
  excludeDirs?: string[];
  /** Stop after this many files (default 50,000); the rest is reported as a warning. */
  maxFiles?: number;
}

/** Output of {@link enumerateFiles}. */
export interface Enumeration {
  files: WorkspaceFile[];
  skipped: SkippedFile[];
  warnings: string[];
}

interface IgnoreScope {
  /** Folder of the .gitignore, '' for the root, without trailing slash. */
  base: string;
  ig: Ignore;
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

function isIgnored(scopes: IgnoreScope[], path: string, isDir: boolean): boolean {
  for (const s of scopes) {
    const rel = s.base ? path.slice(s.base.length + 1) : path;
    if (!rel) continue;
    if (s.ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** Excluded names that are also ordinary package names inside a JVM source root (src/main/java/.../out). */
const OUTPUT_NAMES: ReadonlySet<string> = new Set(['out', 'build', 'dist', 'target']);

/** True when a folder looks like a Python virtualenv (has pyvenv.cfg). */
function looksLikeVirtualenv(names: Set<string>): boolean {
  return names.has('pyvenv.cfg');
}

/**
 * Lists the files of the workspace, depth-first, sorted by name for stable output.
 * Never throws for workspace content: unreadable folders and symlink loops become `skipped`.
 * Rejects only if the root itself cannot be listed.
 */
export async function enumerateFiles(source: FileSource, opts: EnumerateOptions = {}): Promise<Enumeration> {
  const excluded = new Set([...DEFAULT_EXCLUDED_DIRS, ...(opts.excludeDirs ?? [])]);
  const maxFiles = opts.maxFiles ?? 50_000;
  const out: Enumeration = { files: [], skipped: [], warnings: [] };
  const visitedReal = new Set<string>();

  const rootEntries = await source.readDir('');
  const walk = async (dir: string, entries: Awaited<ReturnType<FileSource['readDir']>>, scopes: IgnoreScope[]): Promise<void> => {
    const names = new Set(entries.map((e) => e.name));
    if (dir && looksLikeVirtualenv(names)) {
      out.skipped.push({ path: dir, reason: 'virtualenv folder' });
      return;
    }
    let here = scopes;
    if (names.has('.gitignore')) {
      try {
        const text = new TextDecoder().decode(await source.readFile(join(dir, '.gitignore')));
        here = [...scopes, { base: dir, ig: ignore().add(text) }];
      } catch (e) {
        out.warnings.push(`${join(dir, '.gitignore')}: could not be read (${(e as Error).message})`);
      }
    }
    const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of sorted) {
      if (out.files.length >= maxFiles) {
        out.warnings.push(`stopped after ${maxFiles} files; the rest of the workspace was not scanned`);
        return;
      }
      const path = join(dir, entry.name);
      let kind = entry.kind;
      let size = 0;
      let mtimeMs: number | undefined;
      if (kind === 'symlink' || kind === 'other') {
        try {
          const st = await source.stat(path);
          kind = st.kind;
          size = st.size;
          mtimeMs = st.mtimeMs;
        } catch (e) {
          out.skipped.push({ path, reason: `unreadable link (${(e as Error).message})` });
          continue;
        }
      }
      if (kind === 'dir') {
        // Build-output names inside a source root are packages (Java's adapter/out, a `build` package), not output.
        if (excluded.has(entry.name) && !(OUTPUT_NAMES.has(entry.name) && /(^|\/)src\/(main|test)\/(java|kotlin|scala|groovy)\//.test(`${path}/`) && !opts.excludeDirs?.includes(entry.name))) continue;
        // bin/ is .NET build output next to a project file; elsewhere (Rust src/bin, scripts) it is source.
        if (entry.name === 'bin' && [...names].some((n) => /\.(cs|fs|vb)proj$/i.test(n))) continue;
        if (isIgnored(here, path, true)) continue;
        if (source.realPath) {
          try {
            const real = await source.realPath(path);
            if (visitedReal.has(real)) {
              out.skipped.push({ path, reason: 'symlink loop or folder already scanned' });
              continue;
            }
            visitedReal.add(real);
          } catch (e) {
            out.skipped.push({ path, reason: `unreadable folder (${(e as Error).message})` });
            continue;
          }
        }
        let children;
        try {
          children = await source.readDir(path);
        } catch (e) {
          out.skipped.push({ path, reason: `unreadable folder (${(e as Error).message})` });
          continue;
        }
        await walk(path, children, here);
      } else if (kind === 'file') {
        if (isIgnored(here, path, false)) continue;
        if (entry.kind === 'file') {
          try {
            const st = await source.stat(path);
            size = st.size;
            mtimeMs = st.mtimeMs;
          } catch (e) {
            out.skipped.push({ path, reason: `unreadable file (${(e as Error).message})` });
            continue;
          }
        }
        out.files.push(mtimeMs === undefined ? { path, size } : { path, size, mtimeMs });
      }
    }
  };
  if (source.realPath) visitedReal.add(await source.realPath(''));
  await walk('', rootEntries, []);
  return out;
}

/** Extension of a path including the dot, lower-cased ('' when none). */
export function extname(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** Last path segment. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Folder part of a path ('' for a root file). */
export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * Reads workspace files as text, once each, with a size cap and binary detection.
 * Files passed over are added to `skipped` with their reason (once per file).
 */
export class TextReader {
  private readonly cache = new Map<string, Promise<string | undefined>>();
  private readonly recorded = new Set<string>();
  private readonly sizesCached = new Map<string, number>();
  private cachedBytes = 0;
  /** Total bytes read (for stats); a file evicted and read again counts again. */
  bytes = 0;

  /**
   * @param source the workspace
   * @param maxBytes largest file read, in bytes (default 1 MiB)
   * @param skipped receives the files passed over
   * @param cacheBudget most characters of text kept cached (default 32 Mi); older texts are re-read on demand
   */
  constructor(
    private readonly source: FileSource,
    private readonly sizes: ReadonlyMap<string, number>,
    private readonly skipped: SkippedFile[],
    private readonly maxBytes = 1024 * 1024,
    private readonly cacheBudget = 32 * 1024 * 1024,
  ) {}

  /** Text of a file, or undefined when it is binary, too large or unreadable. */
  read(path: string): Promise<string | undefined> {
    let p = this.cache.get(path);
    if (p) {
      // Refresh recency: Map keeps insertion order, so the first key is the least recently used.
      this.cache.delete(path);
      this.cache.set(path, p);
      return p;
    }
    p = this.load(path).then((text) => {
      if (text !== undefined) {
        this.cachedBytes += text.length;
        this.sizesCached.set(path, text.length);
        this.evict();
      }
      return text;
    });
    this.cache.set(path, p);
    return p;
  }

  /** Drops least recently used texts while the cache holds more than its budget. */
  private evict(): void {
    for (const key of this.cache.keys()) {
      if (this.cachedBytes <= this.cacheBudget) break;
      const n = this.sizesCached.get(key);
      if (n === undefined) continue; // still loading, or not text
      this.cache.delete(key);
      this.sizesCached.delete(key);
      this.cachedBytes -= n;
    }
  }

  /**
   * Records, without reading them, the files that will never be read: binary by extension, or
   * larger than the cap. Every file a scan passes over is then counted with its reason.
   */
  noteUnreadable(files: readonly { path: string; size: number }[]): void {
    for (const f of files) {
      if (BINARY_EXTENSIONS.has(extname(f.path))) this.skip(f.path, 'binary file');
      else if (f.size > this.maxBytes) this.skip(f.path, `too large (${formatBytes(f.size)} > ${formatBytes(this.maxBytes)})`);
    }
  }

  private skip(path: string, reason: string): void {
    if (this.recorded.has(path)) return;
    this.recorded.add(path);
    this.skipped.push({ path, reason });
  }

  /** Forgets cached texts (memory) while keeping the skip records. */
  clear(): void {
    this.cache.clear();
    this.sizesCached.clear();
    this.cachedBytes = 0;
  }

  private async load(path: string): Promise<string | undefined> {
    if (BINARY_EXTENSIONS.has(extname(path))) {
      this.skip(path, 'binary file');
      return undefined;
    }
    const size = this.sizes.get(path);
    if (size !== undefined && size > this.maxBytes) {
      this.skip(path, `too large (${formatBytes(size)} > ${formatBytes(this.maxBytes)})`);
      return undefined;
    }
    let bytes: Uint8Array;
    try {
      bytes = await this.source.readFile(path);
    } catch (e) {
      this.skip(path, `unreadable file (${(e as Error).message})`);
      return undefined;
    }
    if (bytes.length > this.maxBytes) {
      this.skip(path, `too large (${formatBytes(bytes.length)} > ${formatBytes(this.maxBytes)})`);
      return undefined;
    }
    const probe = bytes.subarray(0, 8000);
    if (probe.includes(0)) {
      this.skip(path, 'binary file');
      return undefined;
    }
    this.bytes += bytes.length;
    let text = new TextDecoder('utf-8').decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text;
  }
}

/** 1536 → "1.5 KB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}
