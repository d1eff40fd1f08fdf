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

/** Creates a FileSource rooted at `root` (absolute path). */
export function nodeFileSource(root: string): FileSource {
  const abs = (rel: string) => (rel ? path.join(root, ...rel.split('/')) : root);
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
      const handle = await fs.open(abs(rel), 'r');
      try {
        const buf = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buf, 0, length, offset);
        return bytesRead < length ? buf.subarray(0, bytesRead) : buf;
      } finally {
        await handle.close();
      }
    },
    async realPath(rel: string): Promise<string> {
      return fs.realpath(abs(rel));
    },
  };
}
