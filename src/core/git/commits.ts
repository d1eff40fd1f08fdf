/**
 * Commits and trees: parsing git's object formats and walking history from a tip, newest first
 * (git log's default order: by committer date, every parent followed), over a
 * {@link GitObjectStore}.
 */
import { GitObjectError, hexOid, type GitObjectStore } from './objects';

/** Author or committer line: `Name <email> 1700000000 +0100`. `timestamp` in seconds since the epoch. */
export interface Signature {
  name: string;
  email: string;
  timestamp: number;
}

/** A parsed commit. `message` is the whole message (subject, body, trailers). */
export interface Commit {
  oid: string;
  tree: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  message: string;
}

/** One entry of a tree object. */
export interface TreeEntry {
  name: string;
  oid: string;
  /** 'tree' for folders, 'blob' for files and symlinks, 'commit' for submodules. */
  kind: 'tree' | 'blob' | 'commit';
}

const utf8 = new TextDecoder();

function signature(s: string): Signature {
  const m = /^(.*?)\s*<([^>]*)>\s*(\d+)?/.exec(s);
  if (!m) return { name: s.trim(), email: '', timestamp: 0 };
  return { name: m[1].trim(), email: m[2].trim(), timestamp: Number(m[3] ?? 0) };
}

/** Parses a commit object's content. Unknown headers (gpgsig, mergetag, encoding) are skipped. */
export function parseCommit(oid: string, data: Uint8Array): Commit {
  const text = utf8.decode(data);
  const split = text.indexOf('\n\n');
  const head = split < 0 ? text : text.slice(0, split);
  const c: Commit = { oid, tree: '', parents: [], author: signature(''), committer: signature(''), message: split < 0 ? '' : text.slice(split + 2) };
  for (const line of head.split('\n')) {
    if (line.startsWith(' ')) continue; // continuation of a multi-line header (gpgsig)
    const sp = line.indexOf(' ');
    const key = line.slice(0, sp);
    const value = line.slice(sp + 1);
    if (key === 'tree') c.tree = value.trim();
    else if (key === 'parent') c.parents.push(value.trim());
    else if (key === 'author') c.author = signature(value);
    else if (key === 'committer') c.committer = signature(value);
  }
  return c;
}

function ascii(data: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let k = from; k < to; k++) s += String.fromCharCode(data[k]);
  return s;
}

function asciiOnly(data: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (data[k] >= 0x80) return false;
  return true;
}

/** Parses a tree object: `<mode> <name>\0<20-byte oid>` repeated. */
export function parseTree(data: Uint8Array): TreeEntry[] {
  const out: TreeEntry[] = [];
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    const nul = data.indexOf(0, sp);
    if (sp < 0 || nul < 0 || nul + 21 > data.length) throw new GitObjectError('corrupt', 'a tree entry is truncated');
    const mode = ascii(data, i, sp);
    const name = asciiOnly(data, sp + 1, nul) ? ascii(data, sp + 1, nul) : utf8.decode(data.subarray(sp + 1, nul));
    const oid = hexOid(data, nul + 1);
    out.push({ name, oid, kind: mode === '40000' || mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob' });
    i = nul + 21;
  }
  return out;
}

/** Reads and parses a commit; an annotated tag is followed to its commit. */
export async function readCommit(store: GitObjectStore, oid: string): Promise<Commit> {
  let o = await store.read(oid);
  for (let hops = 0; o.type === 'tag' && hops < 10; hops++) {
    const m = /^object ([0-9a-f]{40})/.exec(utf8.decode(o.data));
    if (!m) break;
    oid = m[1];
    o = await store.read(oid);
  }
  if (o.type !== 'commit') throw new GitObjectError('corrupt', `${oid} is a ${o.type}, not a commit`);
  return parseCommit(oid, o.data);
}

/** Reads and parses a tree. */
export async function readTree(store: GitObjectStore, oid: string): Promise<TreeEntry[]> {
  const o = await store.read(oid);
  if (o.type !== 'tree') throw new GitObjectError('corrupt', `${oid} is a ${o.type}, not a tree`);
  return parseTree(o.data);
}

/** Outcome of {@link walkLog}. */
export interface LogWalk {
  /** Newest first (by committer date), at most `max`. */
  commits: Commit[];
  /** True when history goes on past `max`. */
  truncated: boolean;
  /** Parents that are not in the repository (a shallow clone): the walk stops there. */
  missing: number;
  /** Why the walk stopped early when the object store's work budget or a size cap stopped it. */
  stopped?: string;
}

/**
 * Walks history from `tip` like `git log`: a max-heap on committer date, every parent followed,
 * each commit once. Missing parents (shallow clones) end that line of history quietly; a parent
 * over the size cap or past the store's work budget ends it with `stopped` set.
 */
export async function walkLog(store: GitObjectStore, tip: string, max: number): Promise<LogWalk> {
  const seen = new Set<string>([tip]);
  const heap: Commit[] = [];
  const push = (c: Commit) => {
    heap.push(c);
    for (let i = heap.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (heap[up].committer.timestamp >= heap[i].committer.timestamp) break;
      [heap[up], heap[i]] = [heap[i], heap[up]];
      i = up;
    }
  };
  const pop = (): Commit => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l].committer.timestamp > heap[m].committer.timestamp) m = l;
        if (r < heap.length && heap[r].committer.timestamp > heap[m].committer.timestamp) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  const out: LogWalk = { commits: [], truncated: false, missing: 0 };
  push(await readCommit(store, tip));
  while (heap.length) {
    if (out.commits.length >= max) {
      out.truncated = true;
      break;
    }
    const c = pop();
    out.commits.push(c);
    for (const p of c.parents) {
      if (seen.has(p)) continue;
      seen.add(p);
      try {
        push(await readCommit(store, p));
      } catch (e) {
        if (e instanceof GitObjectError && e.code === 'missing') out.missing++;
        else if (e instanceof GitObjectError && (e.code === 'budget' || e.code === 'too-large')) {
          // Keep what was read: history so far is still true, and a note says why it ends.
          out.stopped ??= e.message;
          out.truncated = true;
        } else throw e;
      }
    }
  }
  return out;
}
