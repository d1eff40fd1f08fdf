/**
 * A read-only git object database over a {@link FileSource}: loose objects and packs. Packs are
 * read by byte ranges (`FileSource.readRange`) through a small block cache, so a history whose
 * packs total gigabytes is never loaded into memory whole; only the `.idx` files are read whole.
 * Deltas (OFS and REF) are resolved with a byte-bounded cache of recent objects. Nothing is
 * executed and nothing is written.
 *
 * Budgets (a cloned repository is untrusted input): every object's inflated size is known or
 * bounded before it is inflated (pack headers and delta headers state it; loose objects inflate
 * with a cap), commits and tags have a smaller cap than trees and blobs, compressed spans are read
 * only as far as deflate could need, and each store has a work budget of objects and inflated
 * bytes after which reads fail with code 'budget'. These apply to every caller of the store (the
 * history walk and the personal pass alike).
 */
import * as pako from 'pako';
import type { FileSource } from '../types';

/** The four object kinds git stores. */
export type GitObjectType = 'commit' | 'tree' | 'blob' | 'tag';

/** One object's type and inflated content (without git's "type size\0" header). */
export interface GitObject {
  type: GitObjectType;
  data: Uint8Array;
}

/** Why an object could not be read: absent, over its byte cap, the store's work budget spent, or damaged. */
export class GitObjectError extends Error {
  constructor(
    readonly code: 'missing' | 'too-large' | 'budget' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

/** Limits and injected helpers of a {@link GitObjectStore}. Sizes are bytes. */
export interface ObjectStoreOptions {
  /** Trees and blobs larger than this (inflated) are refused with code 'too-large' (default 16 MiB). */
  maxObjectBytes?: number;
  /** Commits and tags larger than this (inflated) are refused with code 'too-large' (default 1 MiB). */
  maxCommitBytes?: number;
  /** Objects inflated (delta bases included) before reads fail with code 'budget' (default 300,000). */
  maxObjects?: number;
  /** Bytes inflated in all before reads fail with code 'budget' (default 512 MiB). */
  maxInflatedBytes?: number;
  /** A pack index (.idx, read whole) larger than this is refused with code 'too-large' (default 128 MiB). */
  maxIndexBytes?: number;
  /** Inflated objects kept for reuse as delta bases and repeated reads (default 32 MiB). */
  cacheBytes?: number;
  /** Pack bytes kept in aligned blocks (default 32 MiB of 64 KiB blocks). */
  blockCacheBytes?: number;
  /** Without `readRange`, packs up to this size are read whole; larger ones are refused (default 200 MiB). */
  maxWholePackBytes?: number;
  /** zlib inflate (default: {@link GitObjectStore.defaultInflate}); see {@link Inflate}. */
  inflate?: Inflate;
}

/**
 * zlib inflate of one object. `size` (bytes), when known, is the exact inflated size; `maxBytes`
 * is the most output allowed when it is not. Implementations throw rather than produce more than
 * `size ?? maxBytes` bytes, and stop at the end of the zlib stream.
 */
export type Inflate = (data: Uint8Array, size?: number, maxBytes?: number) => Uint8Array;

/** Most bytes zlib's deflate can emit for `n` input bytes (zlib's deflateBound plus the stream wrapper). */
export function deflateBound(n: number): number {
  return n + (n >> 12) + (n >> 14) + (n >> 25) + 13 + 6 + 64;
}

const BLOCK = 64 * 1024;
const TYPES: Record<number, GitObjectType> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
const MAX_DELTA_DEPTH = 128;
/** Thrown inside pako's onData to stop after the first chunk (see inflateHead). */
const HEAD_DONE = new Error('header read');

/** Bytes of a 40-digit hex oid. */
function oidBytes(oid: string): Uint8Array {
  const out = new Uint8Array(20);
  const nibble = (c: number) => (c <= 57 ? c - 48 : (c | 32) - 87);
  for (let i = 0; i < 20; i++) out[i] = (nibble(oid.charCodeAt(2 * i)) << 4) | nibble(oid.charCodeAt(2 * i + 1));
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 40-digit hex of 20 bytes at `at`. */
export function hexOid(bytes: Uint8Array, at = 0): string {
  let s = '';
  for (let i = at; i < at + 20; i++) s += HEX[bytes[i]];
  return s;
}

/** A byte-bounded least-recently-used map. */
class Lru<V extends { byteLength: number } | GitObject> {
  private map = new Map<string, V>();
  private bytes = 0;
  constructor(private readonly max: number) {}
  private size(v: V): number {
    return 'data' in v ? v.data.byteLength + 64 : (v as { byteLength: number }).byteLength + 64;
  }
  /** The most recently used key: hit again and again (objects of one pack block), it is not re-inserted. */
  private last?: string;
  get(k: string): V | undefined {
    const v = this.map.get(k);
    if (v !== undefined && k !== this.last) {
      this.map.delete(k);
      this.map.set(k, v);
      this.last = k;
    }
    return v;
  }
  set(k: string, v: V): void {
    const n = this.size(v);
    if (n > this.max / 4) return;
    const old = this.map.get(k);
    if (old) {
      this.bytes -= this.size(old);
      this.map.delete(k);
    }
    this.map.set(k, v);
    this.last = k;
    this.bytes += n;
    for (const [key, val] of this.map) {
      if (this.bytes <= this.max) break;
      this.map.delete(key);
      this.bytes -= this.size(val);
    }
  }
}

interface PackIndex {
  id: number;
  /** Workspace-relative path of the .pack. */
  path: string;
  size: number;
  count: number;
  idx: Uint8Array;
  view: DataView;
  /** Entry offsets sorted ascending (built on first use) to find where each entry ends. */
  sorted?: Float64Array;
  /** The whole pack, when the source cannot read ranges. */
  whole?: Uint8Array;
}

/** Reads objects of one repository. Create one per scan; it caches as it goes. */
export class GitObjectStore {
  /**
   * zlib inflate used when the options name none: pako (pure JavaScript) unless a host installs a
   * faster one (the Node wiring sets zlib.inflateSync).
   */
  static defaultInflate: Inflate = (d, size, maxBytes) => {
    const limit = size ?? maxBytes ?? Infinity;
    const inflator = new pako.Inflate({ chunkSize: size === undefined ? 16384 : Math.max(1024, size + 16) } as pako.InflateOptions);
    const chunks: Uint8Array[] = [];
    let total = 0;
    // Counted as it comes out, so a bomb stops at the limit instead of filling memory.
    inflator.onData = (chunk: pako.Data) => {
      const c = chunk as Uint8Array;
      total += c.byteLength;
      if (total > limit) throw new Error(`inflates past ${limit} bytes`);
      chunks.push(c);
    };
    inflator.push(d, true);
    if (inflator.err) throw new Error(inflator.msg || `zlib error ${inflator.err}`);
    if (chunks.length === 1) return chunks[0];
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  };

  private packs?: Promise<PackIndex[]>;
  private readonly objects: Lru<GitObject>;
  private readonly blocks: Lru<Uint8Array>;
  private readonly inflate: Inflate;
  private readonly maxObject: number;
  private readonly maxCommit: number;
  /** Objects read, objects and bytes inflated, and pack bytes fetched, for benchmarks and tests (bounded work is asserted on these). */
  readonly stats = { objects: 0, inflated: 0, inflatedBytes: 0, packBytesRead: 0, rangeReads: 0, cacheHits: 0 };

  /** `gitdir` is workspace-relative ('.git'). */
  constructor(
    private readonly source: FileSource,
    private readonly gitdir: string,
    private readonly opts: ObjectStoreOptions = {},
  ) {
    this.objects = new Lru(opts.cacheBytes ?? 32 * 1024 * 1024);
    this.blocks = new Lru(opts.blockCacheBytes ?? 32 * 1024 * 1024);
    this.inflate = opts.inflate ?? GitObjectStore.defaultInflate;
    this.maxObject = opts.maxObjectBytes ?? 16 * 1024 * 1024;
    this.maxCommit = Math.min(opts.maxCommitBytes ?? 1024 * 1024, this.maxObject);
  }

  /** The inflated-size cap of an object type. */
  private capOf(type: GitObjectType): number {
    return type === 'commit' || type === 'tag' ? this.maxCommit : this.maxObject;
  }

  /** Counts one inflation of `bytes` against the work budget; throws 'budget' once it is spent. */
  private charge(bytes: number): void {
    const maxObjects = this.opts.maxObjects ?? 300_000;
    const maxBytes = this.opts.maxInflatedBytes ?? 512 * 1024 * 1024;
    if (this.stats.inflated + 1 > maxObjects || this.stats.inflatedBytes + bytes > maxBytes) {
      throw new GitObjectError('budget', `git read budget spent (${this.stats.inflated.toLocaleString('en-US')} objects, ${Math.round(this.stats.inflatedBytes / 1048576)} MB inflated)`);
    }
    this.stats.inflated++;
    this.stats.inflatedBytes += bytes;
  }

  /**
   * Reads an object by oid (40 hex digits). Rejects with a {@link GitObjectError}: 'missing'
   * (not in any pack nor loose), 'too-large' (over its type's cap), 'budget' (the store's work
   * budget is spent) or 'corrupt'. `keep: false` leaves the object out of the store's cache (a
   * caller that keeps its own, or reads each object once); delta bases are cached either way.
   */
  async read(oid: string, opts?: { keep?: boolean }): Promise<GitObject> {
    const key = oid.toLowerCase();
    const hit = this.objects.get(key);
    if (hit) {
      this.stats.cacheHits++;
      return hit;
    }
    const obj = await this.readUncached(key);
    this.stats.objects++;
    if (opts?.keep !== false) this.objects.set(key, obj);
    return obj;
  }

  /** True when the object exists (in a pack or loose), without inflating it. */
  async has(oid: string): Promise<boolean> {
    for (const p of await this.loadPacks()) if (this.find(p, oid) >= 0) return true;
    try {
      await this.source.stat(`${this.gitdir}/objects/${oid.slice(0, 2)}/${oid.slice(2)}`);
      return true;
    } catch {
      return false;
    }
  }

  private async readUncached(oid: string, depth = 0): Promise<GitObject> {
    if (!/^[0-9a-f]{40}$/.test(oid)) throw new GitObjectError('missing', `not an object id: ${oid.slice(0, 50)}`);
    for (const p of await this.loadPacks()) {
      const i = this.find(p, oid);
      if (i >= 0) return this.readPacked(p, this.offsetOf(p, i), depth);
    }
    return this.readLoose(oid);
  }

  private async readLoose(oid: string): Promise<GitObject> {
    const path = `${this.gitdir}/objects/${oid.slice(0, 2)}/${oid.slice(2)}`;
    let raw: Uint8Array;
    try {
      raw = await this.source.readFile(path, { maxBytes: deflateBound(this.maxObject + 32) });
    } catch (e) {
      if ((e as { code?: string })?.code === 'too-large') throw new GitObjectError('too-large', `object ${oid} is over ${this.maxObject} bytes`);
      throw new GitObjectError('missing', `object ${oid} not found`);
    }
    // The header ("type size\0") comes first: inflate it alone, check the cap, then inflate the rest bounded.
    let head: Uint8Array;
    try {
      head = this.inflateHead(raw);
    } catch (e) {
      throw new GitObjectError('corrupt', `object ${oid} could not be inflated (${(e as Error).message})`);
    }
    const nul = head.indexOf(0);
    const [type, sizeText] = new TextDecoder().decode(head.subarray(0, nul < 0 ? 0 : nul)).split(' ');
    const size = Number(sizeText);
    if (nul < 0 || !['commit', 'tree', 'blob', 'tag'].includes(type) || !/^\d{1,12}$/.test(sizeText ?? '')) throw new GitObjectError('corrupt', `object ${oid} has a bad header`);
    if (size > this.capOf(type as GitObjectType)) throw new GitObjectError('too-large', `object ${oid} is ${size} bytes`);
    this.charge(size);
    let data: Uint8Array;
    try {
      data = this.inflate(raw, nul + 1 + size);
    } catch (e) {
      throw new GitObjectError('corrupt', `object ${oid} could not be inflated (${(e as Error).message})`);
    }
    if (data.byteLength !== nul + 1 + size) throw new GitObjectError('corrupt', `object ${oid} is not ${size} bytes`);
    return { type: type as GitObjectType, data: data.subarray(nul + 1) };
  }

  /** The first bytes of a zlib stream (enough for a loose object's header), inflating no more. */
  private inflateHead(raw: Uint8Array): Uint8Array {
    const inflator = new pako.Inflate({ chunkSize: 64 } as pako.InflateOptions);
    let head: Uint8Array | undefined;
    inflator.onData = (chunk: pako.Data) => {
      head ??= chunk as Uint8Array;
      // Stop after the first chunk: pako has no pause, so end the stream by throwing a marker.
      throw HEAD_DONE;
    };
    try {
      // 64 compressed bytes are more than a header needs, and keep a bomb from running.
      inflator.push(raw.subarray(0, Math.min(raw.byteLength, 256)), false);
    } catch (e) {
      if (e !== HEAD_DONE) throw e;
    }
    if (!head) throw new Error(inflator.msg || 'no data');
    return head;
  }

  private loadPacks(): Promise<PackIndex[]> {
    this.packs ??= (async () => {
      let names: string[] = [];
      try {
        names = (await this.source.readDir(`${this.gitdir}/objects/pack`)).map((e) => e.name).filter((n) => n.endsWith('.idx')).sort();
      } catch {
        return [];
      }
      const out: PackIndex[] = [];
      for (const name of names) {
        const idxPath = `${this.gitdir}/objects/pack/${name}`;
        const path = idxPath.replace(/\.idx$/, '.pack');
        let idx: Uint8Array;
        let size: number;
        try {
          idx = await this.source.readFile(idxPath, { maxBytes: this.opts.maxIndexBytes ?? 128 * 1024 * 1024 });
        } catch (e) {
          const code = (e as { code?: string })?.code;
          if (code === 'too-large' || code === 'special' || code === 'outside') throw new GitObjectError('too-large', `${idxPath}: ${(e as Error).message}`);
          continue;
        }
        try {
          const st = await this.source.stat(path);
          if (st.kind !== 'file') throw new GitObjectError('corrupt', `${path}: not a regular file`);
          size = st.size;
        } catch (e) {
          if (e instanceof GitObjectError) throw e;
          continue; // an index without its pack (an interrupted repack) is skipped
        }
        const view = new DataView(idx.buffer, idx.byteOffset, idx.byteLength);
        // Version 2 only: "\377tOc" magic, version 2, 256 fanout entries, names, CRCs, offsets.
        if (idx.byteLength < 8 + 1024 || view.getUint32(0) !== 0xff744f63 || view.getUint32(4) !== 2) {
          throw new GitObjectError('corrupt', `${idxPath}: not a version 2 pack index`);
        }
        const count = view.getUint32(8 + 255 * 4);
        if (idx.byteLength < 8 + 1024 + count * 28) throw new GitObjectError('corrupt', `${idxPath}: truncated`);
        const p: PackIndex = { id: out.length, path, size, count, idx, view };
        if (!this.source.readRange) {
          const max = this.opts.maxWholePackBytes ?? 200 * 1024 * 1024;
          if (size > max) throw new GitObjectError('too-large', `${path} is ${Math.round(size / 1048576)} MB and this folder cannot be read in ranges`);
          p.whole = await this.source.readFile(path, { maxBytes: max });
        }
        out.push(p);
      }
      return out;
    })();
    return this.packs;
  }

  /** Position of `oid` in the pack's sorted name table, or -1. */
  private find(p: PackIndex, oid: string): number {
    const want = oidBytes(oid);
    const first = want[0];
    let lo = first === 0 ? 0 : p.view.getUint32(8 + (first - 1) * 4);
    let hi = p.view.getUint32(8 + first * 4) - 1;
    const base = 8 + 1024;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = base + mid * 20;
      let cmp = 0;
      for (let i = 0; i < 20 && cmp === 0; i++) cmp = p.idx[at + i] - want[i];
      if (cmp === 0) return mid;
      if (cmp < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private offsetOf(p: PackIndex, i: number): number {
    const small = 8 + 1024 + p.count * 24;
    const v = p.view.getUint32(small + i * 4);
    if (!(v & 0x80000000)) return v;
    const large = small + p.count * 4 + (v & 0x7fffffff) * 8;
    return p.view.getUint32(large) * 2 ** 32 + p.view.getUint32(large + 4);
  }

  /** Where the entry starting at `offset` ends (the next entry, or the trailing checksum). */
  private entryEnd(p: PackIndex, offset: number): number {
    if (!p.sorted) {
      const s = new Float64Array(p.count);
      for (let i = 0; i < p.count; i++) s[i] = this.offsetOf(p, i);
      s.sort();
      p.sorted = s;
    }
    const s = p.sorted;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1 < s.length && s[lo] === offset ? s[lo + 1] : p.size - 20;
  }

  /** Bytes [start, end) of a pack, through the block cache for small spans. */
  private async bytes(p: PackIndex, start: number, end: number): Promise<Uint8Array> {
    if (end > p.size || start < 0 || end < start) throw new GitObjectError('corrupt', `${p.path}: entry outside the pack`);
    if (p.whole) return p.whole.subarray(start, end);
    const read = async (off: number, len: number) => {
      this.stats.rangeReads++;
      this.stats.packBytesRead += len;
      const b = await this.source.readRange!(p.path, off, len);
      if (b.byteLength < len) throw new GitObjectError('corrupt', `${p.path}: short read at ${off}`);
      return b;
    };
    if (end - start > 4 * BLOCK) return read(start, end - start);
    const first = Math.floor(start / BLOCK);
    const last = Math.floor((end - 1) / BLOCK);
    const parts: Uint8Array[] = [];
    for (let b = first; b <= last; b++) {
      const key = `${p.id}:${b}`;
      let block = this.blocks.get(key);
      if (!block) {
        const off = b * BLOCK;
        block = await read(off, Math.min(BLOCK, p.size - off));
        this.blocks.set(key, block);
      }
      parts.push(block);
    }
    if (parts.length === 1) return parts[0].subarray(start - first * BLOCK, end - first * BLOCK);
    const out = new Uint8Array(end - start);
    let at = 0;
    for (let i = 0; i < parts.length; i++) {
      const from = i === 0 ? start - first * BLOCK : 0;
      const to = i === parts.length - 1 ? end - last * BLOCK : parts[i].byteLength;
      out.set(parts[i].subarray(from, to), at);
      at += to - from;
    }
    return out;
  }

  private async readPacked(p: PackIndex, offset: number, depth: number): Promise<GitObject> {
    if (depth > MAX_DELTA_DEPTH) throw new GitObjectError('corrupt', `${p.path}: delta chain deeper than ${MAX_DELTA_DEPTH}`);
    // Delta bases are cached by offset (the oid is not known from an OFS_DELTA); objects read by oid are cached by read().
    const key = `@${p.id}:${offset}`;
    const hit = depth > 0 ? this.objects.get(key) : undefined;
    if (hit) return hit;
    const end = this.entryEnd(p, offset);
    const head = await this.bytes(p, offset, Math.min(end, offset + 32));
    let i = 0;
    let c = head[i++];
    const kind = (c >> 4) & 7;
    let size = c & 15;
    let shift = 4;
    while (c & 0x80) {
      c = head[i++];
      size += (c & 0x7f) * 2 ** shift;
      shift += 7;
    }
    let obj: GitObject;
    // A deflated span is never longer than deflateBound(size): read no further, whatever the next entry's offset says.
    const span = (from: number) => this.bytes(p, from, Math.min(end, from + deflateBound(size)));
    if (TYPES[kind]) {
      if (size > this.capOf(TYPES[kind])) throw new GitObjectError('too-large', `a ${TYPES[kind]} of ${size} bytes in ${p.path}`);
      this.charge(size);
      const data = this.inflateChecked(await span(offset + i), size, p.path);
      obj = { type: TYPES[kind], data };
    } else if (kind === 6 || kind === 7) {
      let base: GitObject;
      if (kind === 6) {
        // OFS_DELTA: the base is this many bytes before, in git's "offset encoding".
        c = head[i++];
        let rel = c & 0x7f;
        while (c & 0x80) {
          c = head[i++];
          rel = (rel + 1) * 128 + (c & 0x7f);
        }
        base = await this.readPacked(p, offset - rel, depth + 1);
      } else {
        const baseOid = hexOid(head, i);
        i += 20;
        base = await this.read(baseOid);
      }
      if (size > deflateBound(this.maxObject) * 2) throw new GitObjectError('too-large', `a delta of ${size} bytes in ${p.path}`);
      this.charge(size);
      const delta = this.inflateChecked(await span(offset + i), size, p.path);
      obj = { type: base.type, data: this.applyDelta(base.data, delta, p.path, this.capOf(base.type)) };
    } else {
      throw new GitObjectError('corrupt', `${p.path}: unknown entry type ${kind} at ${offset}`);
    }
    if (depth > 0) this.objects.set(key, obj);
    return obj;
  }

  private inflateChecked(data: Uint8Array, size: number, where: string): Uint8Array {
    let out: Uint8Array;
    try {
      out = this.inflate(data, size);
    } catch (e) {
      throw new GitObjectError('corrupt', `${where}: an entry could not be inflated (${(e as Error).message})`);
    }
    if (out.byteLength !== size) throw new GitObjectError('corrupt', `${where}: an entry inflated to ${out.byteLength} bytes, not ${size}`);
    return out;
  }

  /** Applies a git delta (source size, target size, then copy/insert instructions); the target may be at most `cap` bytes. */
  private applyDelta(base: Uint8Array, delta: Uint8Array, where: string, cap: number): Uint8Array {
    let i = 0;
    const varint = () => {
      let v = 0;
      let shift = 0;
      let c: number;
      do {
        c = delta[i++];
        v += (c & 0x7f) * 2 ** shift;
        shift += 7;
      } while (c & 0x80);
      return v;
    };
    const srcSize = varint();
    const dstSize = varint();
    if (srcSize !== base.byteLength) throw new GitObjectError('corrupt', `${where}: delta base size mismatch`);
    if (dstSize > cap) throw new GitObjectError('too-large', `an object of ${dstSize} bytes in ${where}`);
    this.charge(dstSize);
    const out = new Uint8Array(dstSize);
    let o = 0;
    while (i < delta.length) {
      const op = delta[i++];
      if (op & 0x80) {
        let off = 0;
        let len = 0;
        if (op & 1) off |= delta[i++];
        if (op & 2) off |= delta[i++] << 8;
        if (op & 4) off |= delta[i++] << 16;
        if (op & 8) off += delta[i++] * 2 ** 24;
        if (op & 16) len |= delta[i++];
        if (op & 32) len |= delta[i++] << 8;
        if (op & 64) len |= delta[i++] << 16;
        if (len === 0) len = 0x10000;
        if (off + len > base.byteLength || o + len > dstSize) throw new GitObjectError('corrupt', `${where}: delta copy out of range`);
        out.set(base.subarray(off, off + len), o);
        o += len;
      } else if (op) {
        if (o + op > dstSize || i + op > delta.length) throw new GitObjectError('corrupt', `${where}: delta insert out of range`);
        out.set(delta.subarray(i, i + op), o);
        i += op;
        o += op;
      } else {
        throw new GitObjectError('corrupt', `${where}: delta opcode 0`);
      }
    }
    if (o !== dstSize) throw new GitObjectError('corrupt', `${where}: delta produced ${o} of ${dstSize} bytes`);
    return out;
  }
}
