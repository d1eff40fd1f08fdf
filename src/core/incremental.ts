/**
 * What a scan keeps in memory for the next scan of the same folder, so a rescan after a save costs
 * about what the saved file costs: the file list (re-stated only for the paths a watcher reports),
 * file texts with the regex hits found in them, file-rule and content-rule matches per file, and
 * git history keyed by the repository's HEAD and refs. Everything is keyed by a file's size and
 * mtime (or the git state), so a stale entry is never used; nothing here is persisted.
 */
import type { FileSource, SkippedFile } from './types';
import type { WorkspaceFile } from './practices/types';
import type { Enumeration } from './files';
import { registerHitMemo, releaseHitMemo } from './practices/util';

/** Most characters of text kept between scans (the rest is read again when asked for). */
const TEXT_BUDGET = 48 * 1024 * 1024;

interface TextEntry {
  size: number;
  mtimeMs: number;
  text: string;
}

/** A technology matched by a content rule in one file: where and what. */
export interface ContentHit {
  techId: string;
  line: number;
  detail: string;
}

/** The enumeration of the last scan, kept pristine (scans mutate their own copies). */
interface KeptEnumeration {
  files: WorkspaceFile[];
  skipped: SkippedFile[];
  warnings: string[];
  excluded: Enumeration['excluded'];
}

/**
 * In-memory state of one folder between scans (see the module comment). Made by the engine on
 * the first scan with a {@link import('./analyze').ParseCache}; {@link LiveState.reset} drops it all
 * when the settings that shape a scan (size cap, excludes, knowledge) change.
 */
export class LiveState {
  private texts = new Map<string, TextEntry>();
  private textChars = 0;
  /** path → ids of file-name rules that match it (rules depend on the path only). */
  readonly fileRules = new Map<string, string[]>();
  /** path → content-rule hits, valid for that size and mtime. */
  private readonly contentHits = new Map<string, { size: number; mtimeMs: number; hits: ContentHit[] }>();
  private enumeration: KeptEnumeration | undefined;
  private readonly acrossScans = new Map<string, { key: string; value: unknown; warnings: string[] }>();
  /** What the state was built for (settings and knowledge); a different key resets it. */
  private shape: unknown;

  /** Counters of the last scan (for tests and the bench): texts served without reading, files re-stated. */
  textsReused = 0;
  restated = 0;
  enumerationReused = false;

  /** Drops everything when `shape` (compared by identity of its parts) differs from the last scan's. */
  prepare(shape: readonly unknown[]): void {
    const prev = this.shape as readonly unknown[] | undefined;
    if (!prev || prev.length !== shape.length || prev.some((x, i) => x !== shape[i])) this.reset();
    this.shape = shape;
    this.textsReused = 0;
    this.restated = 0;
    this.enumerationReused = false;
  }

  /** Forgets everything (texts, rule matches, the file list, git). */
  reset(): void {
    for (const e of this.texts.values()) releaseHitMemo(e.text);
    this.texts.clear();
    this.textChars = 0;
    this.fileRules.clear();
    this.contentHits.clear();
    this.enumeration = undefined;
    this.acrossScans.clear();
  }

  /**
   * The file list for this scan: the last scan's, with the `changed` paths stated again, when every
   * changed path was listed before, is still a regular file and is no `.gitignore`; otherwise
   * undefined (the caller enumerates and then calls {@link LiveState.keepEnumeration}).
   * Returned objects are fresh copies the scan may change.
   */
  async reuseEnumeration(source: FileSource, changed: readonly string[] | undefined): Promise<Enumeration | undefined> {
    const kept = this.enumeration;
    if (!kept || !changed) return undefined;
    const index = new Map(kept.files.map((f, i) => [f.path, i]));
    const files = kept.files.slice();
    for (const p of new Set(changed)) {
      const i = index.get(p);
      if (i === undefined || /(^|\/)\.gitignore$/.test(p)) return undefined;
      let st;
      try {
        st = await source.stat(p);
      } catch {
        return undefined;
      }
      if (st.kind !== 'file') return undefined;
      files[i] = st.mtimeMs === undefined ? { path: p, size: st.size } : { path: p, size: st.size, mtimeMs: st.mtimeMs };
      this.restated++;
    }
    this.keepEnumeration({ files, skipped: kept.skipped, warnings: kept.warnings, excluded: kept.excluded });
    this.enumerationReused = true;
    return copyEnumeration(this.enumeration!);
  }

  /** Remembers a fresh enumeration (before the scan changes its copies). */
  keepEnumeration(en: Enumeration): Enumeration {
    this.enumeration = { files: en.files.map((f) => plain(f)), skipped: en.skipped.map((s) => ({ ...s })), warnings: en.warnings.slice(), excluded: en.excluded };
    return copyEnumeration(this.enumeration);
  }

  /** Drops what is kept for paths no longer listed. */
  retain(paths: ReadonlySet<string>): void {
    for (const [p, e] of this.texts) {
      if (paths.has(p)) continue;
      this.dropText(p, e);
    }
    for (const p of this.fileRules.keys()) if (!paths.has(p)) this.fileRules.delete(p);
    for (const p of this.contentHits.keys()) if (!paths.has(p)) this.contentHits.delete(p);
  }

  /**
   * A file's text: the kept one when its size and mtime are unchanged, else `load()`'s (kept for
   * the next scan when the file has an mtime, within the text budget). Undefined texts (binary,
   * unreadable) are never kept, so their skip reasons are recorded again by each scan. `onReused`
   * is called when the kept text is returned.
   */
  async text(f: WorkspaceFile | undefined, load: () => Promise<string | undefined>, onReused?: () => void): Promise<string | undefined> {
    if (!f || f.mtimeMs === undefined) return load();
    const e = this.texts.get(f.path);
    if (e && e.size === f.size && e.mtimeMs === f.mtimeMs) {
      this.textsReused++;
      onReused?.();
      return e.text;
    }
    const text = await load();
    const again = this.texts.get(f.path);
    if (again) this.dropText(f.path, again);
    if (text !== undefined && text.length <= TEXT_BUDGET / 8) {
      this.texts.set(f.path, { size: f.size, mtimeMs: f.mtimeMs, text });
      this.textChars += text.length;
      registerHitMemo(text);
      for (const [p, old] of this.texts) {
        if (this.textChars <= TEXT_BUDGET) break;
        this.dropText(p, old);
      }
    }
    return text;
  }

  private dropText(path: string, e: TextEntry): void {
    this.texts.delete(path);
    this.textChars -= e.text.length;
    releaseHitMemo(e.text);
  }

  /** Content-rule hits kept for a file of this size and mtime, if any. */
  contentHitsOf(f: WorkspaceFile): ContentHit[] | undefined {
    const e = this.contentHits.get(f.path);
    return e && f.mtimeMs !== undefined && e.size === f.size && e.mtimeMs === f.mtimeMs ? e.hits : undefined;
  }

  setContentHits(f: WorkspaceFile, hits: ContentHit[]): void {
    if (f.mtimeMs !== undefined) this.contentHits.set(f.path, { size: f.size, mtimeMs: f.mtimeMs, hits });
  }

  /**
   * A value computed once per `key` across scans (e.g. git history per HEAD and refs state): the
   * kept value when `key()` is the same as last time, else `compute(warn)`'s. Warnings given while
   * computing are given again on each reuse. An undefined key always computes.
   */
  async across<T>(name: string, key: () => Promise<string | undefined>, compute: (warn: (m: string) => void) => Promise<T>, warn: (m: string) => void): Promise<T> {
    const k = await key().catch(() => undefined);
    const kept = this.acrossScans.get(name);
    if (k !== undefined && kept && kept.key === k) {
      for (const w of kept.warnings) warn(w);
      return kept.value as T;
    }
    const warnings: string[] = [];
    const value = await compute((m) => {
      warnings.push(m);
      warn(m);
    });
    if (k !== undefined) this.acrossScans.set(name, { key: k, value, warnings });
    else this.acrossScans.delete(name);
    return value;
  }
}

function plain(f: WorkspaceFile): WorkspaceFile {
  return f.mtimeMs === undefined ? { path: f.path, size: f.size } : { path: f.path, size: f.size, mtimeMs: f.mtimeMs };
}

function copyEnumeration(k: KeptEnumeration): Enumeration {
  return { files: k.files.map((f) => plain(f)), skipped: k.skipped.map((s) => ({ ...s })), warnings: k.warnings.slice(), excluded: k.excluded };
}
