/**
 * The scan worker (worker_threads): runs the whole engine (enumeration, manifests, the parse pool,
 * detectors, skills) off the extension host's thread and posts back progress and one result per
 * scan. Keeps each folder's per-file facts in memory between scans, so a rescan after a save only
 * re-derives what changed, and persists them to the cross-session cache when asked.
 * Messages: src/node/scan-protocol.ts.
 */
import { parentPort, threadId, workerData } from 'worker_threads';
import type { AnalysisResult, FileSource, NextStep } from '../core/types';
import { analyzeWorkspace, ParseCache, type ScanProfile } from '../core/analyze';
import { applyTarget, rankSteps, toNextStep } from '../core/guidance';
import { hoverCardAt } from '../core/hover';
import { isTeamRepository } from '../core/git/personal-steps';
import { createEngine, IN_PROCESS_BELOW_BYTES, resultVersion, type Engine, type EngineLayout } from './engine';
import { loadFactsCache, loadLastResult, saveFactsCache, saveLastResult } from './facts-cache';
import { readGlobalGitConfig } from './git-config';
import type { FromScanWorker, FsOp, ToScanWorker } from './scan-protocol';

const port = parentPort!;
const layout = (workerData as { layout: EngineLayout }).layout;
let engine: Promise<Engine> | undefined;
const caches = new Map<string, ParseCache>();
/** Each folder's last result (as last re-ranked), for re-ranking and hover cards without a rescan. */
const lastResults = new Map<string, AnalysisResult>();
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
  else if (m.type === 'forget') {
    caches.delete(m.key);
    lastResults.delete(m.key);
  } else if (m.type === 'hover') void hover(m);
  else if (m.type === 'saved') void saved(m);
  else if (m.type === 'retarget') chain = chain.then(() => retarget(m));
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
function postResult(id: number, result: AnalysisResult, ranked: Ranked, profile: ScanProfile, hits: number): void {
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
  send('steps', ranked.steps);
  // Present (even empty) exactly when the You lens has its own ranking.
  if (ranked.yourSteps) send('yourSteps', ranked.yourSteps);
  post({ type: 'result', id, result: shell as unknown as AnalysisResult, steps: [], ...(ranked.yourSteps ? { yourSteps: [] } : {}), profile, hits, threadId });
}

interface Ranked {
  steps: NextStep[];
  yourSteps?: NextStep[];
}

/** The next-step rankings of a result for its own target: the repository's, and in a team repository the You lens's. */
async function stepsOf(result: AnalysisResult): Promise<Ranked> {
  engine ??= createEngine(layout);
  const k = (await engine).knowledge;
  const steps = rankSteps(k, result, result.target).map(toNextStep);
  return isTeamRepository(result) ? { steps, yourSteps: rankSteps(k, result, result.target, { lens: 'you' }).map(toNextStep) } : { steps };
}

async function retarget(m: Extract<ToScanWorker, { type: 'retarget' }>): Promise<void> {
  try {
    const last = lastResults.get(m.key);
    if (!last) throw new Error('no result to re-rank yet');
    engine ??= createEngine(layout);
    const result = applyTarget((await engine).knowledge, last, { level: m.level, role: m.role });
    lastResults.set(m.key, result);
    postResult(m.id, result, await stepsOf(result), { phases: {}, parsedBytes: 0, computed: 0, reused: 0 }, 0);
  } catch (err) {
    post({ type: 'error', id: m.id, message: (err as Error).message, cancelled: false });
  }
}

/** Version of saved results (data/ and the parse code), computed once without loading the engine. */
let savedVersion: Promise<string> | undefined;

/** Last session's result of a folder, so the tree fills before the engine has even loaded. */
async function saved(m: Extract<ToScanWorker, { type: 'saved' }>): Promise<void> {
  try {
    savedVersion ??= resultVersion(layout);
    const kept = await loadLastResult<{ result: AnalysisResult; ranked: Ranked }>(m.cacheDir, m.key, await savedVersion);
    if (!kept) throw new Error('no saved result');
    // Re-ranks and hover cards work from it until the scan replaces it.
    if (!lastResults.has(m.key)) lastResults.set(m.key, kept.result);
    postResult(m.id, kept.result, kept.ranked, { phases: {}, parsedBytes: 0, computed: 0, reused: 0 }, 0);
  } catch (err) {
    post({ type: 'error', id: m.id, message: (err as Error).message, cancelled: false });
  }
}

async function hover(m: Extract<ToScanWorker, { type: 'hover' }>): Promise<void> {
  try {
    const last = lastResults.get(m.key);
    engine ??= createEngine(layout);
    const k = (await engine).knowledge;
    post({ type: 'hover-card', id: m.id, card: last ? hoverCardAt(k, last, m.relPath, m.line, m.character) : undefined });
  } catch (err) {
    post({ type: 'error', id: m.id, message: (err as Error).message, cancelled: false });
  }
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
    lastResults.set(m.key, result);
    const ranked = await stepsOf(result);
    postResult(m.id, result, ranked, profile, cache.hits);
    // Saved after the result is posted, so a rescan's answer never waits on writing the cache; the
    // result itself too, for the next session to show at once.
    if (m.cacheDir) {
      const problem =
        (await saveFactsCache(m.cacheDir, m.key, await e.ensureFactsVersion(), cache)) ??
        (await saveLastResult(m.cacheDir, m.key, await (savedVersion ??= resultVersion(layout)), { result, ranked }));
      if (problem) unsavedCache.set(m.key, problem);
    }
  } catch (err) {
    post({ type: 'error', id: m.id, message: (err as Error).message, cancelled: cancelled.has(m.id) });
  } finally {
    cancelled.delete(m.id);
  }
}
