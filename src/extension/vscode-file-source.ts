/**
 * A {@link FileSource} over `vscode.workspace.fs`, for workspaces that are not on the local disk
 * (remote or virtual). The guards of the Node source apply, within what this API can tell: it has
 * no real paths, so no symbolic link is followed (a link may lead anywhere on the remote machine),
 * in a folder on the way or as the entry itself; entries that are neither files nor folders are
 * never read; the size cap is applied from `stat` before reading and checked again after.
 * Local folders use the Node source, which follows links that stay inside the workspace.
 */
import * as vscode from 'vscode';
import { FileRefusedError, type DirEntry, type EntryKind, type EntryStat, type FileSource, type ReadOptions } from '../core/types';
import { formatBytes } from '../core/files';

const LINK_REFUSED = 'a symbolic link, not followed in a remote or virtual workspace (its target cannot be checked)';

function kindOf(t: vscode.FileType): EntryKind {
  if (t & vscode.FileType.SymbolicLink) return 'symlink';
  if (t & vscode.FileType.Directory) return 'dir';
  if (t & vscode.FileType.File) return 'file';
  return 'other';
}

/** Creates a FileSource rooted at a workspace folder URI. Create one per scan. */
export function vscodeFileSource(root: vscode.Uri): FileSource {
  const segments = (rel: string): string[] => {
    if (!rel) return [];
    const parts = rel.split('/');
    if (parts.some((p) => !p || p === '.' || p === '..')) throw new FileRefusedError('bad-path', `not a workspace path: ${JSON.stringify(rel.slice(0, 200))}`);
    return parts;
  };
  const uri = (parts: string[]) => (parts.length ? vscode.Uri.joinPath(root, ...parts) : root);

  /** Each folder on the way is checked once to be a real folder, not a link. */
  const folders = new Map<string, Promise<void>>();
  const checkFolders = (parts: string[]): Promise<void> => {
    if (!parts.length) return Promise.resolve();
    const key = parts.join('/');
    let p = folders.get(key);
    if (!p) {
      p = (async () => {
        await checkFolders(parts.slice(0, -1));
        const st = await vscode.workspace.fs.stat(uri(parts));
        if (st.type & vscode.FileType.SymbolicLink) throw new FileRefusedError('outside', LINK_REFUSED);
        if (!(st.type & vscode.FileType.Directory)) throw Object.assign(new Error(`ENOTDIR: not a folder: ${key}`), { code: 'ENOTDIR' });
      })();
      folders.set(key, p);
    }
    return p;
  };

  const statOf = async (rel: string): Promise<vscode.FileStat> => {
    const parts = segments(rel);
    await checkFolders(parts.slice(0, -1));
    const st = await vscode.workspace.fs.stat(uri(parts));
    if (parts.length && st.type & vscode.FileType.SymbolicLink) throw new FileRefusedError('outside', LINK_REFUSED);
    return st;
  };

  return {
    async readDir(rel: string): Promise<DirEntry[]> {
      const parts = segments(rel);
      await checkFolders(parts);
      const entries = await vscode.workspace.fs.readDirectory(uri(parts));
      return entries.map(([name, type]) => ({ name, kind: kindOf(type) }));
    },
    async stat(rel: string): Promise<EntryStat> {
      const st = await statOf(rel);
      const kind = kindOf(st.type);
      return { size: st.size, kind, mtimeMs: st.mtime, ...(kind === 'other' ? { special: 'special file' } : {}) };
    },
    async readFile(rel: string, opts: ReadOptions = {}): Promise<Uint8Array> {
      const max = opts.maxBytes ?? Infinity;
      const st = await statOf(rel);
      if (!(st.type & vscode.FileType.File)) throw new FileRefusedError('special', `not a regular file (${st.type & vscode.FileType.Directory ? 'folder' : 'special file'})`);
      if (st.size > max) throw new FileRefusedError('too-large', `too large (${formatBytes(st.size)} > ${formatBytes(max)})`);
      const bytes = await vscode.workspace.fs.readFile(uri(segments(rel)));
      if (bytes.byteLength > max) throw new FileRefusedError('too-large', `too large (over ${formatBytes(max)})`);
      return bytes;
    },
  };
}
