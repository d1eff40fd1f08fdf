/**
 * A {@link FileSource} over `vscode.workspace.fs`, for workspaces that are not on the local disk
 * (remote or virtual). Symlinked folders are not followed here, since there is no real path to
 * break loops with; local folders use the Node source, which follows them safely.
 */
import * as vscode from 'vscode';
import type { DirEntry, EntryKind, FileSource } from '../core/types';

function kindOf(t: vscode.FileType): EntryKind {
  if (t & vscode.FileType.SymbolicLink) return t & vscode.FileType.Directory ? 'other' : 'symlink';
  if (t & vscode.FileType.Directory) return 'dir';
  if (t & vscode.FileType.File) return 'file';
  return 'other';
}

/** Creates a FileSource rooted at a workspace folder URI. */
export function vscodeFileSource(root: vscode.Uri): FileSource {
  const uri = (rel: string) => (rel ? vscode.Uri.joinPath(root, ...rel.split('/')) : root);
  return {
    async readDir(rel: string): Promise<DirEntry[]> {
      const entries = await vscode.workspace.fs.readDirectory(uri(rel));
      return entries.map(([name, type]) => ({ name, kind: kindOf(type) }));
    },
    async stat(rel: string) {
      const st = await vscode.workspace.fs.stat(uri(rel));
      const kind: EntryKind = st.type & vscode.FileType.SymbolicLink && st.type & vscode.FileType.Directory ? 'other' : kindOf(st.type);
      return { size: st.size, kind, mtimeMs: st.mtime };
    },
    readFile: async (rel: string) => vscode.workspace.fs.readFile(uri(rel)),
  };
}
