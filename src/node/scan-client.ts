/**
 * The editor side of the scan worker: starts src/node/scan-worker.ts on first use, sends it scans
 * and receives progress and results, so the calling thread (the extension host's) never parses,
 * reads or evaluates anything itself. Local folders are read by the worker; other folders (remote
 * or virtual file systems) are served through a {@link FileSource} the caller passes.
 */
import { Worker } from 'worker_threads';
import type { AnalysisResult, FileSource, Level, NextStep } from '../core/types';
import type { HoverCard } from '../core/hover';
import type { ScanProfile } from '../core/analyze';
import type { EngineLayout } from './engine';
import type { FromScanWorker, ScanSettings, ToScanWorker } from './scan-protocol';

/** One scan request of {@link ScanClient.scan}. */
export interface ScanRequest {
  /** Key of the folder's facts kept between scans (e.g. the folder URI). */
  key: string;
  /** Absolute local folder path; or `source` for folders only the caller can read. */
  folder?: string;
  source?: FileSource;
  rootLabel: string;
  settings?: ScanSettings;
  /** Cross-session cache folder (e.g. the extension's global storage). */
  cacheDir?: string;
  /**
   * Folder-relative paths (forward slashes) saved in place since the last scan of `key`: the worker
   * then states only these files again instead of listing the folder. Omit it after a file was
   * created, deleted or renamed, or when unsure: the folder is listed again.
   */
  changed?: string[];
  /** Progress: phase label, and files done / total while source is parsed. */
  onProgress?(phase: string, done?: number, total?: number): void;
  /** Aborting cancels the scan; the promise then rejects with Error('cancelled'). */
  signal?: AbortSignal;
}

/** What a finished scan returns. */
export interface ScanOutcome {
  result: AnalysisResult;
  /** The whole next-step ranking for the result's target, best first (the first are `result.nextSteps`). */
  steps: NextStep[];
  /** In a team repository with commits of yours, the You lens's ranking (guidance rankSteps with lens 'you'). */
  yourSteps?: NextStep[];
  profile: ScanProfile;
  /** Source files whose cached facts were reused. */
  hits: number;
  /** worker_threads id of the thread that ran the scan. */
  threadId: number;
}

interface Pending {
  /** The scan asked for (absent for a re-rank or a hover card). */
  req?: ScanRequest;
  /** Arrays of the result received so far in `result-part` messages, by field. */
  parts?: Map<string, unknown[]>;
  resolve(o: ScanOutcome | HoverCard | undefined): void;
  reject(e: Error): void;
}

/** A client of one scan worker. Scans queue in the worker and run one at a time. */
export class ScanClient {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** @param workerFile the bundled scan worker (dist/scan-worker.js) @param layout where the engine's files are */
  constructor(private readonly workerFile: string, private readonly layout: EngineLayout, private readonly execArgv?: string[]) {}

  /** Scans a folder in the worker. Rejects with the engine's error, Error('cancelled'), or when the worker dies. */
  scan(req: ScanRequest): Promise<ScanOutcome> {
    const id = this.nextId++;
    const w = this.start();
    return new Promise<ScanOutcome>((resolve, reject) => {
      if (req.signal?.aborted) return reject(new Error('cancelled'));
      this.pending.set(id, { req, resolve: resolve as Pending['resolve'], reject });
      req.signal?.addEventListener('abort', () => this.post({ type: 'cancel', id }), { once: true });
      w.ref();
      this.post({ type: 'scan', id, key: req.key, folder: req.folder, rootLabel: req.rootLabel, settings: req.settings ?? {}, cacheDir: req.cacheDir, ...(req.changed ? { changed: req.changed } : {}) });
    });
  }

  /**
   * Re-ranks the folder's last result for another target in the worker (statuses, readiness and
   * next steps; nothing is scanned). Rejects when the folder has no result yet or the worker died.
   */
  retarget(key: string, target: { level: Level; role: 'backend' | 'fullstack' }): Promise<ScanOutcome> {
    return this.ask<ScanOutcome>((id) => ({ type: 'retarget', id, key, level: target.level, role: target.role }));
  }

  /**
   * The hover card at a 1-based `line` and 0-based `character` of a folder-relative path, from the
   * folder's last result in the worker; undefined when no detected technology is there.
   */
  hoverCard(key: string, relPath: string, line: number, character: number): Promise<HoverCard | undefined> {
    return this.ask<HoverCard | undefined>((id) => ({ type: 'hover', id, key, relPath, line, character }));
  }

  /**
   * The folder's result saved by the last scan with `cacheDir` (a previous session's), as a scan
   * would return it (profile empty, hits 0): what a view shows while the real scan runs. Rejects
   * when there is none of this engine's version.
   */
  saved(key: string, cacheDir: string): Promise<ScanOutcome> {
    return this.ask<ScanOutcome>((id) => ({ type: 'saved', id, key, cacheDir }));
  }

  private ask<T>(message: (id: number) => ToScanWorker): Promise<T> {
    const id = this.nextId++;
    const w = this.start();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      w.ref();
      this.post(message(id));
    });
  }

  /** Drops the in-memory facts of a folder (e.g. removed from the workspace). */
  forget(key: string): void {
    if (this.worker) this.post({ type: 'forget', key });
  }

  /** Stops the worker; pending scans reject. */
  dispose(): void {
    const w = this.worker;
    this.worker = undefined;
    this.failAll(new Error('scan worker stopped'));
    void w?.terminate();
  }

  private post(m: ToScanWorker): void {
    this.worker?.postMessage(m);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.workerFile, { workerData: { layout: this.layout }, ...(this.execArgv ? { execArgv: this.execArgv } : {}) });
    this.worker = w;
    w.on('message', (m: FromScanWorker) => this.onMessage(m));
    const died = (e: Error) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.failAll(e);
    };
    w.on('error', died);
    w.on('exit', (code) => died(new Error(`scan worker exited (code ${code})`)));
    return w;
  }

  private onMessage(m: FromScanWorker): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') p.req?.onProgress?.(m.phase, m.done, m.total);
    else if (m.type === 'fs') void this.serveFs(p.req?.source, m);
    else if (m.type === 'result-part') {
      const parts = (p.parts ??= new Map());
      const list = parts.get(m.field);
      if (list) for (const item of m.items) list.push(item);
      else parts.set(m.field, m.items);
    } else {
      this.pending.delete(m.id);
      if (!this.pending.size) this.worker?.unref();
      if (m.type === 'result') {
        const result = m.result as unknown as Record<string, unknown>;
        for (const [field, items] of p.parts ?? []) {
          if (field === 'stats.skipped') m.result.stats.skipped = items as AnalysisResult['stats']['skipped'];
          else if (field === 'steps') m.steps = items as NextStep[];
          else if (field === 'yourSteps') m.yourSteps = items as NextStep[];
          else result[field] = items;
        }
        p.resolve({ result: m.result, steps: m.steps, ...(m.yourSteps ? { yourSteps: m.yourSteps } : {}), profile: m.profile, hits: m.hits, threadId: m.threadId });
      } else if (m.type === 'hover-card') p.resolve(m.card);
      else p.reject(new Error(m.cancelled ? 'cancelled' : m.message));
    }
  }

  private async serveFs(source: FileSource | undefined, m: Extract<FromScanWorker, { type: 'fs' }>): Promise<void> {
    try {
      if (!source) throw new Error('no file source for this scan');
      const fn = source[m.op]?.bind(source) as ((p: string) => Promise<unknown>) | undefined;
      if (!fn) throw new Error(`${m.op} is not supported`);
      this.post({ type: 'fs-reply', req: m.req, value: await fn(m.path) });
    } catch (e) {
      this.post({ type: 'fs-reply', req: m.req, error: (e as Error).message });
    }
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
