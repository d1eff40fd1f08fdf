/**
 * Workspace enumeration and the engine's text reads, both through the guarded {@link FileSource}:
 * nested `.gitignore` files (each capped in size) and default excludes (dependency, build and
 * virtualenv folders), symlinks that leave the workspace and special files (FIFOs, sockets,
 * devices) recorded and never opened, symlinked folders never followed (no loops, no duplicates),
 * and reads with a size cap applied before reading, binary detection and UTF-16 decoding. Every
 * entry passed over is recorded with a reason.
 */
import ignore, { type Ignore } from 'ignore';
import { FileRefusedError, type FileSource, type SkippedFile } from './types';
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

/** A `.gitignore` larger than this (bytes) is ignored with a warning: matching cost grows with its rules. */
export const GITIGNORE_MAX_BYTES = 64 * 1024;
/** Rules kept across all `.gitignore` files of a scan; files past it are ignored with a warning. */
export const GITIGNORE_MAX_RULES = 20_000;

/** Options of {@link enumerateFiles}. */
export interface EnumerateOptions {
  /** Extra folder names to exclude. */
  excludeDirs?: string[];
  /** Stop after this many files (default 50,000); the rest is reported once as a warning. */
  maxFiles?: number;
}

/** Output of {@link enumerateFiles}. */
export interface Enumeration {
  files: WorkspaceFile[];
  skipped: SkippedFile[];
  warnings: string[];
  /**
   * Why a path that was not listed would be left out (an excluded or skipped folder, a
   * `.gitignore` rule, the file limit), or undefined when enumeration would have listed it.
   * Reads of unlisted paths (pip `-r` includes, `setup.py` opens) go through it.
   */
  excluded(path: string): string | undefined;
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

/** `.gitignore` rules (non-blank, non-comment lines) in a text. */
function countRules(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t && !t.startsWith('#')) n++;
  }
  return n;
}

/** The skip reason of a read error: a refusal's own words, else "unreadable file (...)". */
export function readFailure(e: unknown, what = 'file'): string {
  if (e instanceof FileRefusedError) return e.message;
  return `unreadable ${what} (${(e as Error)?.message ?? String(e)})`;
}

/**
 * Lists the files of the workspace, depth-first, sorted by name for stable output. Work is one
 * `readDir` per folder and one `stat` per file or link, so time is linear in the entries and in
 * the depth. Never throws for workspace content: unreadable folders, links leaving the
 * workspace, special files and oversized `.gitignore` files become `skipped` or `warnings`.
 * Rejects only if the root itself cannot be listed.
 */
export async function enumerateFiles(source: FileSource, opts: EnumerateOptions = {}): Promise<Enumeration> {
  const excludedNames = new Set([...DEFAULT_EXCLUDED_DIRS, ...(opts.excludeDirs ?? [])]);
  // Build-output names inside a source root are packages (Java's adapter/out, a `build` package), not output.
  const excludedDir = (name: string, path: string) =>
    excludedNames.has(name) && !(OUTPUT_NAMES.has(name) && /(^|\/)src\/(main|test)\/(java|kotlin|scala|groovy)\//.test(`${path}/`) && !opts.excludeDirs?.includes(name));
  const maxFiles = opts.maxFiles ?? 50_000;
  const files: WorkspaceFile[] = [];
  const skipped: SkippedFile[] = [];
  const warnings: string[] = [];
  /** Scopes of every folder walked, for {@link Enumeration.excluded}. */
  const walked = new Map<string, IgnoreScope[]>();
  const skippedDirs = new Map<string, string>();
  let rules = 0;
  let stopped = false;

  const readIgnore = async (dir: string, scopes: IgnoreScope[]): Promise<IgnoreScope[]> => {
    const p = join(dir, '.gitignore');
    let text: string;
    try {
      text = new TextDecoder().decode(await source.readFile(p, { maxBytes: GITIGNORE_MAX_BYTES }));
    } catch (e) {
      const why = readFailure(e);
      warnings.push(`${p}: ${e instanceof FileRefusedError && e.code === 'too-large' ? `${why}; its rules are not applied` : `could not be read (${why})`}`);
      return scopes;
    }
    const n = countRules(text);
    if (rules + n > GITIGNORE_MAX_RULES) {
      warnings.push(`${p}: ${n} rules would pass the limit of ${GITIGNORE_MAX_RULES.toLocaleString('en-US')} for all .gitignore files; its rules are not applied`);
      return scopes;
    }
    rules += n;
    return [...scopes, { base: dir, ig: ignore().add(text) }];
  };

  const rootEntries = await source.readDir('');
  const walk = async (dir: string, entries: Awaited<ReturnType<FileSource['readDir']>>, scopes: IgnoreScope[]): Promise<void> => {
    const names = new Set(entries.map((e) => e.name));
    if (dir && looksLikeVirtualenv(names)) {
      skipped.push({ path: dir, reason: 'virtualenv folder' });
      skippedDirs.set(dir, 'virtualenv folder');
      return;
    }
    const here = names.has('.gitignore') ? await readIgnore(dir, scopes) : scopes;
    walked.set(dir, here);
    const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of sorted) {
      if (files.length >= maxFiles) {
        if (!stopped) warnings.push(`stopped after ${maxFiles.toLocaleString('en-US')} files; the rest of the workspace was not scanned`);
        stopped = true;
        return;
      }
      const path = join(dir, entry.name);
      let kind = entry.kind;
      let size = 0;
      let mtimeMs: number | undefined;
      if (kind === 'symlink' || kind === 'other') {
        try {
          const st = await source.stat(path);
          if (st.kind === 'other') {
            skipped.push({ path, reason: `not a regular file (${st.special ?? 'special file'})` });
            continue;
          }
          if (st.kind === 'dir' && entry.kind === 'symlink') {
            // Its target is inside the workspace (the source refuses others) and is scanned where it is.
            skipped.push({ path, reason: 'link to a folder in the workspace, not followed (no loops, no duplicates)' });
            skippedDirs.set(path, 'linked folder');
            continue;
          }
          kind = st.kind;
          size = st.size;
          mtimeMs = st.mtimeMs;
        } catch (e) {
          skipped.push({ path, reason: e instanceof FileRefusedError ? e.message : `unreadable link (${(e as Error).message})` });
          continue;
        }
      }
      if (kind === 'dir') {
        if (excludedDir(entry.name, path)) continue;
        // bin/ is .NET build output next to a project file; elsewhere (Rust src/bin, scripts) it is source.
        if (entry.name === 'bin' && [...names].some((n) => /\.(cs|fs|vb)proj$/i.test(n))) continue;
        if (isIgnored(here, path, true)) continue;
        let children;
        try {
          children = await source.readDir(path);
        } catch (e) {
          skipped.push({ path, reason: readFailure(e, 'folder') });
          skippedDirs.set(path, 'unreadable folder');
          continue;
        }
        await walk(path, children, here);
        if (stopped) return;
      } else if (kind === 'file') {
        if (isIgnored(here, path, false)) continue;
        if (entry.kind === 'file') {
          try {
            const st = await source.stat(path);
            if (st.kind !== 'file') {
              skipped.push({ path, reason: `not a regular file (${st.special ?? st.kind})` });
              continue;
            }
            size = st.size;
            mtimeMs = st.mtimeMs;
          } catch (e) {
            skipped.push({ path, reason: readFailure(e) });
            continue;
          }
        }
        files.push(mtimeMs === undefined ? { path, size } : { path, size, mtimeMs });
      }
    }
  };
  await walk('', rootEntries, []);

  const excluded = (path: string): string | undefined => {
    const parts = path.split('/');
    let scopes: IgnoreScope[] | undefined = walked.get('');
    for (let i = 0; i < parts.length - 1; i++) {
      const dir = parts.slice(0, i + 1).join('/');
      if (excludedDir(parts[i], dir)) return `in an excluded folder (${parts[i]})`;
      const skip = skippedDirs.get(dir);
      if (skip) return `in a skipped folder (${skip})`;
      if (scopes && isIgnored(scopes, dir, true)) return 'ignored by .gitignore';
      scopes = walked.get(dir) ?? (stopped ? undefined : scopes);
    }
    if (!scopes) return 'not scanned (file limit reached)';
    if (isIgnored(scopes, path, false)) return 'ignored by .gitignore';
    return undefined;
  };
  return { files, skipped, warnings, excluded };
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
 * Reads workspace files as text, once each, through the guarded {@link FileSource}: the size cap
 * is applied before reading, paths that enumeration left out are refused with its reason, special
 * files and links leaving the workspace are refused by the source. UTF-8 (with or without BOM) and
 * UTF-16 with a BOM are decoded; other text with NUL bytes is binary. Files passed over are added
 * to `skipped` with their reason (once per file).
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
   * @param excluded why a path that enumeration did not list is left out (see {@link Enumeration.excluded})
   */
  constructor(
    private readonly source: FileSource,
    private readonly sizes: ReadonlyMap<string, number>,
    private readonly skipped: SkippedFile[],
    private readonly maxBytes = 1024 * 1024,
    private readonly cacheBudget = 32 * 1024 * 1024,
    private readonly excluded?: (path: string) => string | undefined,
  ) {
    // Entries enumeration already passed over are not recorded twice when a read asks for them.
    for (const f of skipped) this.recorded.add(f.path);
  }

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
    if (size === undefined) {
      // Not listed by enumeration (a pip -r include, a setup.py open): the same excludes apply.
      const why = this.excluded?.(path);
      if (why) {
        this.skip(path, why);
        return undefined;
      }
    } else if (size > this.maxBytes) {
      this.skip(path, `too large (${formatBytes(size)} > ${formatBytes(this.maxBytes)})`);
      return undefined;
    }
    let bytes: Uint8Array;
    try {
      bytes = await this.source.readFile(path, { maxBytes: this.maxBytes });
    } catch (e) {
      // An unlisted path that does not exist (an optional .mailmap, a missing include) is not a skipped file.
      if (size === undefined && (e as { code?: string })?.code === 'ENOENT') return undefined;
      this.skip(path, readFailure(e));
      return undefined;
    }
    const text = decodeText(bytes);
    if (text === undefined) {
      this.skip(path, 'binary file');
      return undefined;
    }
    this.bytes += bytes.length;
    return text;
  }
}

/**
 * Decodes file bytes as text: UTF-16 LE/BE when they start with its byte-order mark, else UTF-8
 * (a UTF-8 BOM is dropped). Undefined for binary content (a NUL byte in the first 8,000 bytes of
 * non-UTF-16 data). Invalid sequences become U+FFFD.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    const body = bytes.subarray(2, 2 + ((bytes.length - 2) & ~1));
    if (le) return new TextDecoder('utf-16le').decode(body);
    // Big-endian: swap to little-endian (not every TextDecoder build has utf-16be).
    const swapped = new Uint8Array(body.length);
    for (let i = 0; i < body.length; i += 2) {
      swapped[i] = body[i + 1];
      swapped[i + 1] = body[i];
    }
    return new TextDecoder('utf-16le').decode(swapped);
  }
  if (bytes.subarray(0, 8000).includes(0)) return undefined;
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1536 → "1.5 KB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}
