/**
 * The state of a repository that its history depends on, as one string: git facts are read again
 * only when it changes (src/core/incremental.ts keeps them between scans).
 */
import type { FileSource } from '../types';
import { resolveHead } from '../practices/git';

/** Most ref files and folders looked at for {@link gitStateKey}. */
const MAX_REF_ENTRIES = 5000;

/**
 * A key that changes whenever the history a scan reads could change: HEAD's target and commit,
 * `packed-refs`, and every loose ref's name, size and mtime (branches, remotes, tags). Undefined
 * without a readable repository or when there are too many refs to list cheaply.
 */
export async function gitStateKey(source: FileSource, gitdir: string | undefined): Promise<string | undefined> {
  if (!gitdir) return undefined;
  const head = await resolveHead(source, gitdir);
  const parts: string[] = [`HEAD ${head.branch ?? ''} ${head.oid ?? ''} ${head.problem ?? ''}`];
  const stamp = async (p: string) => {
    try {
      const st = await source.stat(p);
      parts.push(`${p} ${st.kind} ${st.size} ${st.mtimeMs ?? ''}`);
      return st;
    } catch {
      parts.push(`${p} -`);
      return undefined;
    }
  };
  await stamp(`${gitdir}/packed-refs`);
  await stamp(`${gitdir}/config`);
  let seen = 0;
  const walk = async (dir: string): Promise<boolean> => {
    let entries;
    try {
      entries = await source.readDir(dir);
    } catch {
      return true;
    }
    for (const e of entries.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (++seen > MAX_REF_ENTRIES) return false;
      const p = `${dir}/${e.name}`;
      if (e.kind === 'dir') {
        if (!(await walk(p))) return false;
      } else await stamp(p);
    }
    return true;
  };
  if (!(await walk(`${gitdir}/refs`))) return undefined;
  return parts.join('\n');
}
