/**
 * The scan worker (worker_threads): runs the whole engine (enumeration, manifests, the parse pool,
 * detectors, skills) off the extension host's thread and posts back progress and one result per
 * scan. Keeps each folder's per-file facts in memory between scans, so a rescan after a save only
 * re-derives what changed, and persists them to the cross-session cache when asked.
 * Messages: src/node/scan-protocol.ts.
 */
import { parentPort, threadId, workerData } from 'worker_threads';
import type { AnalysisResult, FileSource } from '../core/types';
import { analyzeWorkspace, ParseCache, type ScanProfile } from '../core/analyze';
import { createEngine, IN_PROCESS_BELOW_BYTES, type Engine, type EngineLayout } from './engine';
import { loadFactsCache, saveFactsCache } from './facts-cache';
import { readGlobalGitConfig } from './git-config';
import type { FromScanWorker, FsOp, ToScanWorker } from './scan-protocol';

const port = parentPort!;
const layout = (workerData as { layout: EngineLayout }).layout;
let engine: Promise<Engine> | undefined;
const caches = new Map<string, ParseCache>();
const cancelled = new Set<number>();
/** Per folder key: why the facts cache could not be saved after the last scan (told with the next result). */
const unsavedCache = new Map<string, string>();
const fsWaiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
let nextReq = 1;
/** Scans run one at a time, in order. */
let chain: Promise<void> = Promise.resolve();

const post = (m: FromScanWorker) => port.postMessage(m);

port.on('message', (m: ToScanWorker) => {
  if (m.type === 'cancel') cancelled.add(m.id);
  else if (m.type === 'forget') caches.delete(m.key);
  else if (m.type === 'fs-reply') {
    const w = fsWaiting.get(m.req);
    fsWaiting.delete(m.req);
    if (m.error !== undefined) w?.reject(new Error(m.error));
    else w?.resolve(m.value);
  } else if (m.type === 'scan') chain = chain.then(() => scan(m));
});

/** A FileSource whose calls are served by the client (for folders the worker cannot read itself). */
function proxySource(id: number): FileSource {
  const ask = <T>(op: FsOp, path: string) =>
    new Promise<T>((resolve, reject) => {
      const req = nextReq++;
      fsWaiting.set(req, { resolve: resolve as (v: unknown) => void, reject });
      post({ type: 'fs', id, req, op, path });
    });
  return {
    readDir: (p) => ask('readDir', p),
    stat: (p) => ask('stat', p),
    readFile: (p) => ask('readFile', p),
  };
}

/** Most characters (as JSON) of the items in one `result-part` message. */
const PART_CHARS = 32 * 1024;

/**
 * Posts a result in parts: its arrays in batches of about {@link PART_CHARS}, then the rest. A
 * structured clone is deserialised in one piece on the receiving thread, and the receiver here is
 * the extension host: many small messages keep each of its blocks short.
 */
function postResult(id: number, result: AnalysisResult, profile: ScanProfile, hits: number): void {
  const send = (field: string, items: unknown[]) => {
    let batch: unknown[] = [];
    let chars = 0;
    for (const item of items) {
      const n = JSON.stringify(item)?.length ?? 0;
      if (batch.length && chars + n > PART_CHARS) {
        post({ type: 'result-part', id, field, items: batch });
        batch = [];
        chars = 0;
      }
      batch.push(item);
      chars += n;
    }
    if (batch.length) post({ type: 'result-part', id, field, items: batch });
  };
  const shell: Record<string, unknown> = { ...result, stats: { ...result.stats, skipped: [] } };
  for (const [field, value] of Object.entries(result)) {
    if (!Array.isArray(value)) continue;
    send(field, value);
    shell[field] = [];
  }
  send('stats.skipped', result.stats.skipped);
  post({ type: 'result', id, result: shell as unknown as AnalysisResult, profile, hits, threadId });
}

async function scan(m: Extract<ToScanWorker, { type: 'scan' }>): Promise<void> {
  try {
    engine ??= createEngine(layout);
    const e = await engine;
    let cache = caches.get(m.key);
    if (!cache) {
      cache = m.cacheDir ? await loadFactsCache(m.cacheDir, m.key, await e.ensureFactsVersion()) : new ParseCache();
      caches.set(m.key, cache);
    }
    const profile: ScanProfile = { phases: {}, parsedBytes: 0, computed: 0, reused: 0 };
    let lastPost = 0;
    const opts = {
      ...m.settings,
      rootLabel: m.rootLabel,
      parseCache: cache,
      changed: m.changed,
      profile,
      isCancelled: () => cancelled.has(m.id),
      onProgress: (phase: string, done?: number, total?: number) => {
        // At most ~10 progress messages a second: the client's thread is the editor's.
        const t = Date.now();
        if (done !== undefined && done !== total && t - lastPost < 100) return;
        lastPost = t;
        post({ type: 'progress', id: m.id, phase, done, total });
      },
    };
    const result = m.folder
      ? await e.scan(m.folder, opts)
      : await analyzeWorkspace(proxySource(m.id), {
          knowledge: e.knowledge,
          treeSitter: e.treeSitter,
          facts: e.pool,
          inProcessBelowBytes: IN_PROCESS_BELOW_BYTES,
          ...opts,
          personal: { globalConfig: (repo) => readGlobalGitConfig(process.env, undefined, repo), ...opts.personal },
        });
    // A cache that could not be saved after the last scan is told with this one.
    const unsaved = unsavedCache.get(m.key);
    unsavedCache.delete(m.key);
    if (unsaved) result.warnings.push(unsaved);
    delete profile.parsedList;
    postResult(m.id, result, profile, cache.hits);
    // Saved after the result is posted, so a rescan's answer never waits on writing the cache.
    if (m.cacheDir) {
      const problem = await saveFactsCache(m.cacheDir, m.key, await e.ensureFactsVersion(), cache);
      if (problem) unsavedCache.set(m.key, problem);
    }
  } catch (err) {
    post({ type: 'error', id: m.id, message: (err as Error).message, cancelled: cancelled.has(m.id) });
  } finally {
    cancelled.delete(m.id);
  }
}
