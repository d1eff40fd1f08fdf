/**
 * A {@link FileSource} over Node's `fs`, rooted at an absolute folder: the guarded read path of
 * the CLI, the tests and the extension (for local folders). Paths passed in are
 * workspace-relative POSIX.
 *
 * Guards, in order, for every entry: the path has no empty, `.` or `..` segment; each folder on
 * the way is either a real folder or a symlink whose real path is inside the root (checked once
 * per folder, so enumeration stays linear in depth); a symlink entry resolves inside the root.
 * Reads then refuse anything but a regular file before opening it (FIFOs, sockets and devices are
 * never opened), apply the size cap from `stat` before reading, open with O_NOFOLLOW|O_NONBLOCK
 * (an entry swapped for a symlink or a FIFO after the check fails instead of following or
 * blocking), check the opened file is the one checked, and stop reading at the cap.
 */
import { constants, promises as fs, type Stats } from 'fs';
import * as path from 'path';
import { FileRefusedError, type DirEntry, type EntryKind, type EntryStat, type FileSource, type ReadOptions } from '../core/types';
import { formatBytes } from '../core/files';

function kindOf(d: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryKind {
  if (d.isSymbolicLink()) return 'symlink';
  if (d.isDirectory()) return 'dir';
  if (d.isFile()) return 'file';
  return 'other';
}

/** What a special file is, for the skipped-file reason. */
function specialOf(st: Stats): string {
  if (st.isFIFO()) return 'FIFO';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isDirectory()) return 'folder';
  return 'special file';
}

/** Open handles for ranged reads (git packs), closed after this long unused (ms). */
const HANDLE_IDLE_MS = 2000;
/** O_NOFOLLOW and O_NONBLOCK where the platform has them (Windows has neither, nor FIFOs to block on). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
/** Bytes read per call while reading a file whose size we do not trust. */
const READ_CHUNK = 256 * 1024;

/** Creates a FileSource rooted at `root` (absolute path). Create one per scan. */
export function nodeFileSource(root: string): FileSource {
  let rootReal: Promise<string> | undefined;
  const realRoot = () => (rootReal ??= fs.realpath(root));
  const inside = (real: string, base: string) => real === base || real.startsWith(base.endsWith(path.sep) ? base : base + path.sep);

  const segments = (rel: string): string[] => {
    if (!rel) return [];
    const parts = rel.split('/');
    if (parts.some((p) => !p || p === '.' || p === '..' || p.includes('\0') || (path.sep === '\\' && p.includes('\\')))) {
      throw new FileRefusedError('bad-path', `not a workspace path: ${JSON.stringify(rel.slice(0, 200))}`);
    }
    return parts;
  };

  /** Real absolute path of a folder (checked inside the root), memoised per folder. */
  const folders = new Map<string, Promise<string>>();
  const folderReal = (parts: string[]): Promise<string> => {
    if (!parts.length) return realRoot();
    const key = parts.join('/');
    let p = folders.get(key);
    if (!p) {
      p = (async () => {
        const parent = await folderReal(parts.slice(0, -1));
        const here = path.join(parent, parts[parts.length - 1]);
        const lst = await fs.lstat(here);
        if (lst.isDirectory()) return here;
        if (!lst.isSymbolicLink()) throw Object.assign(new Error(`ENOTDIR: not a folder: ${key}`), { code: 'ENOTDIR' });
        const real = await fs.realpath(here);
        if (!inside(real, await realRoot())) throw new FileRefusedError('outside', 'points outside the workspace');
        return real;
      })();
      folders.set(key, p);
    }
    return p;
  };

  /** The entry's real path and its stat (symlinks followed, checked inside the root). */
  const entry = async (rel: string): Promise<{ real: string; st: Stats }> => {
    const parts = segments(rel);
    if (!parts.length) {
      const real = await realRoot();
      return { real, st: await fs.stat(real) };
    }
    const here = path.join(await folderReal(parts.slice(0, -1)), parts[parts.length - 1]);
    const lst = await fs.lstat(here);
    if (!lst.isSymbolicLink()) return { real: here, st: lst };
    const real = await fs.realpath(here);
    if (!inside(real, await realRoot())) throw new FileRefusedError('outside', 'points outside the workspace');
    return { real, st: await fs.stat(real) };
  };

  /** Opens a checked regular file without following a symlink or blocking on a FIFO swapped in since the check. */
  const openChecked = async (rel: string): Promise<{ handle: fs.FileHandle; st: Stats }> => {
    const { real, st } = await entry(rel);
    if (!st.isFile()) throw new FileRefusedError('special', `not a regular file (${specialOf(st)})`);
    const handle = await fs.open(real, OPEN_FLAGS);
    try {
      const now = await handle.stat();
      if (!now.isFile() || now.ino !== st.ino || now.dev !== st.dev) throw new FileRefusedError('special', 'changed while being read');
      return { handle, st: now };
    } catch (e) {
      await handle.close();
      throw e;
    }
  };

  // Ranged reads of one pack come in thousands: keep its handle open while they last.
  const handles = new Map<string, { handle: Promise<fs.FileHandle>; timer?: NodeJS.Timeout }>();
  const handleFor = (rel: string) => {
    let h = handles.get(rel);
    if (!h) {
      h = { handle: openChecked(rel).then((o) => o.handle) };
      handles.set(rel, h);
      h.handle.catch(() => handles.delete(rel));
    }
    if (h.timer) clearTimeout(h.timer);
    const held = h;
    held.timer = setTimeout(() => {
      handles.delete(rel);
      void held.handle.then((x) => x.close(), () => undefined);
    }, HANDLE_IDLE_MS);
    held.timer.unref?.();
    return held.handle;
  };

  return {
    async readDir(rel: string): Promise<DirEntry[]> {
      const entries = await fs.readdir(await folderReal(segments(rel)), { withFileTypes: true });
      return entries.map((d) => ({ name: d.name, kind: kindOf(d) }));
    },
    async stat(rel: string): Promise<EntryStat> {
      const { st } = await entry(rel);
      const kind: EntryKind = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
      return { size: st.size, kind, mtimeMs: st.mtimeMs, ...(kind === 'other' ? { special: specialOf(st) } : {}) };
    },
    async readFile(rel: string, opts: ReadOptions = {}): Promise<Uint8Array> {
      const max = opts.maxBytes ?? Infinity;
      const { handle, st } = await openChecked(rel);
      try {
        if (st.size > max) throw new FileRefusedError('too-large', `too large (${formatBytes(st.size)} > ${formatBytes(max)})`);
        // Read what stat promised plus one chunk: a file that grows past the cap is refused, never read on.
        const chunks: Buffer[] = [];
        let total = 0;
        for (;;) {
          const want = Math.min(Math.max(st.size - total, 0) + 1, READ_CHUNK, max === Infinity ? READ_CHUNK : max - total + 1);
          const buf = Buffer.allocUnsafe(Math.max(want, 1));
          const { bytesRead } = await handle.read(buf, 0, buf.length, total);
          if (!bytesRead) break;
          chunks.push(bytesRead < buf.length ? buf.subarray(0, bytesRead) : buf);
          total += bytesRead;
          if (total > max) throw new FileRefusedError('too-large', `too large (over ${formatBytes(max)})`);
        }
        return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
      } finally {
        await handle.close();
      }
    },
    async readRange(rel: string, offset: number, length: number): Promise<Uint8Array> {
      const handle = await handleFor(rel);
      const buf = Buffer.allocUnsafe(length);
      const { bytesRead } = await handle.read(buf, 0, length, offset);
      return bytesRead < length ? buf.subarray(0, bytesRead) : buf;
    },
    async realPath(rel: string): Promise<string> {
      return (await entry(rel)).real;
    },
  };
}
