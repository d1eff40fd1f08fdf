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
  // The name runs to the first `<` (trimmed below): one pass, where /^(.*?)\s*</ retried every split of a blank run.
  const m = /^([^<\n\r\u2028\u2029]*)<([^>]*)>\s*(\d+)?/.exec(s);
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

/** One entry that differs between two trees: its name and, on each side, its kind and oid (absent on the side that lacks it). */
export interface TreeChange {
  name: string;
  a?: { kind: TreeEntry['kind']; oid: string };
  b?: { kind: TreeEntry['kind']; oid: string };
}

/** Kind of a tree entry from its octal mode bytes at [from, to). */
function kindOf(data: Uint8Array, from: number, to: number): TreeEntry['kind'] {
  const len = to - from;
  // 40000 (or 040000) is a folder, 160000 a submodule; every other mode is a file or symlink.
  if ((len === 5 && data[from] === 0x34) || (len === 6 && data[from] === 0x30 && data[from + 1] === 0x34)) return 'tree';
  if (len === 6 && data[from] === 0x31 && data[from + 1] === 0x36) return 'commit';
  return 'blob';
}

/**
 * The entries that differ between two tree objects' contents (either may be undefined: an
 * absent tree), without parsing the entries they share: both trees are walked side by side in
 * git's entry order (names compared byte by byte, a folder's name as if it ended in '/'), and an
 * entry whose name and 20-byte oid are equal on both sides is skipped before any string is made.
 * A name that is a file on one side and a folder on the other comes out as two changes.
 * Throws GitObjectError('corrupt') for a truncated entry.
 */
export function diffTrees(a: Uint8Array | undefined, b: Uint8Array | undefined): TreeChange[] {
  const out: TreeChange[] = [];
  const A = a ?? new Uint8Array(0);
  const B = b ?? new Uint8Array(0);
  // Cursor over one tree: [mode, name) and the oid at `oid`, `next` the following entry.
  interface Cur { at: number; sp: number; nul: number; oid: number; next: number; kind: TreeEntry['kind'] }
  const read = (d: Uint8Array, at: number): Cur | undefined => {
    if (at >= d.length) return undefined;
    const sp = d.indexOf(0x20, at);
    const nul = sp < 0 ? -1 : d.indexOf(0, sp);
    if (sp < 0 || nul < 0 || nul + 21 > d.length) throw new GitObjectError('corrupt', 'a tree entry is truncated');
    return { at, sp, nul, oid: nul + 1, next: nul + 21, kind: kindOf(d, at, sp) };
  };
  const name = (d: Uint8Array, c: Cur) => (asciiOnly(d, c.sp + 1, c.nul) ? ascii(d, c.sp + 1, c.nul) : utf8.decode(d.subarray(c.sp + 1, c.nul)));
  const side = (d: Uint8Array, c: Cur) => ({ kind: c.kind, oid: hexOid(d, c.oid) });
  // git's order: bytes of the name, then '/' for a folder (or the end of the name for anything else).
  const compare = (x: Cur, y: Cur): number => {
    const lx = x.nul - x.sp - 1;
    const ly = y.nul - y.sp - 1;
    const n = Math.min(lx, ly);
    for (let i = 0; i < n; i++) {
      const d = A[x.sp + 1 + i] - B[y.sp + 1 + i];
      if (d) return d;
    }
    const cx = lx > n ? A[x.sp + 1 + n] : x.kind === 'tree' ? 0x2f : 0;
    const cy = ly > n ? B[y.sp + 1 + n] : y.kind === 'tree' ? 0x2f : 0;
    return cx - cy;
  };
  let x = read(A, 0);
  let y = read(B, 0);
  while (x || y) {
    const order = !x ? 1 : !y ? -1 : compare(x, y);
    if (order === 0) {
      let same = x!.kind === y!.kind;
      for (let i = 0; same && i < 20; i++) same = A[x!.oid + i] === B[y!.oid + i];
      if (!same) out.push({ name: name(A, x!), a: side(A, x!), b: side(B, y!) });
      x = read(A, x!.next);
      y = read(B, y!.next);
    } else if (order < 0) {
      out.push({ name: name(A, x!), a: side(A, x!) });
      x = read(A, x!.next);
    } else {
      out.push({ name: name(B, y!), b: side(B, y!) });
      y = read(B, y!.next);
    }
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
