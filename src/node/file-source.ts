/**
 * A {@link FileSource} over Node's `fs`, rooted at an absolute folder. Used by the CLI, the
 * tests and the extension (for local folders). Paths passed in are workspace-relative POSIX.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type { DirEntry, EntryKind, FileSource } from '../core/types';

function kindOf(d: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryKind {
  if (d.isSymbolicLink()) return 'symlink';
  if (d.isDirectory()) return 'dir';
  if (d.isFile()) return 'file';
  return 'other';
}

/** Open handles for ranged reads (git packs), closed after this long unused (ms). */
const HANDLE_IDLE_MS = 2000;

/** Creates a FileSource rooted at `root` (absolute path). */
export function nodeFileSource(root: string): FileSource {
  const abs = (rel: string) => (rel ? path.join(root, ...rel.split('/')) : root);
  // Ranged reads of one pack come in thousands: keep its handle open while they last.
  const handles = new Map<string, { handle: Promise<fs.FileHandle>; timer?: NodeJS.Timeout }>();
  const handleFor = (file: string) => {
    let h = handles.get(file);
    if (!h) {
      h = { handle: fs.open(file, 'r') };
      handles.set(file, h);
      h.handle.catch(() => handles.delete(file));
    }
    if (h.timer) clearTimeout(h.timer);
    const entry = h;
    entry.timer = setTimeout(() => {
      handles.delete(file);
      void entry.handle.then((x) => x.close(), () => undefined);
    }, HANDLE_IDLE_MS);
    entry.timer.unref?.();
    return entry.handle;
  };
  return {
    async readDir(rel: string): Promise<DirEntry[]> {
      const entries = await fs.readdir(abs(rel), { withFileTypes: true });
      return entries.map((d) => ({ name: d.name, kind: kindOf(d) }));
    },
    async stat(rel: string) {
      const st = await fs.stat(abs(rel));
      return { size: st.size, kind: st.isDirectory() ? 'dir' : st.isFile() ? 'file' : ('other' as EntryKind), mtimeMs: st.mtimeMs };
    },
    async readFile(rel: string): Promise<Uint8Array> {
      return fs.readFile(abs(rel));
    },
    async readRange(rel: string, offset: number, length: number): Promise<Uint8Array> {
      const handle = await handleFor(abs(rel));
      const buf = Buffer.allocUnsafe(length);
      const { bytesRead } = await handle.read(buf, 0, length, offset);
      return bytesRead < length ? buf.subarray(0, bytesRead) : buf;
    },
    async realPath(rel: string): Promise<string> {
      return fs.realpath(abs(rel));
    },
  };
}
