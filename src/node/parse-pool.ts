/**
 * A pool of parse workers sized to the cores: computes per-file facts (src/core/facts.ts) in
 * parallel. Each worker keeps up to {@link PIPELINE} files in flight so it never waits for the next
 * message. Grammars have an affinity: a language with little source goes to one worker only, so its
 * queries are compiled once; a language with a lot of source is spread over several workers.
 * Workers are started on first use and freed by {@link ParsePool.dispose}; a worker that dies
 * fails only the files it held (they become scan warnings) and is replaced on the next file.
 */
import { Worker } from 'worker_threads';
import * as os from 'os';
import type { FactsProvider, FileFacts } from '../core/facts';
import type { ParseReply, ParseRequest, ParseWorkerData } from './parse-protocol';

/** Files sent to one worker before it answers. */
const PIPELINE = 2;
/** Source bytes of one grammar worth compiling its queries in one more worker. */
const SPLIT_BYTES = 512 * 1024;

interface Task {
  id: number;
  msg: ParseRequest;
  grammar: string | undefined;
  resolve(f: FileFacts): void;
  reject(e: Error): void;
  /** Sent again once after its worker died (the file that killed it fails the second time). */
  retried?: boolean;
}

interface Slot {
  worker?: Worker;
  inflight: Map<number, Task>;
  /** Planned bytes (affinity balancing). */
  load: number;
}

/** Options of {@link ParsePool}. */
export interface ParsePoolOptions {
  /** Absolute path of the bundled parse worker (dist/parse-worker.js). */
  workerFile: string;
  data: ParseWorkerData;
  /** Workers (default: the machine's available parallelism). */
  size?: number;
  /** execArgv of the workers (e.g. a TypeScript loader in tests). */
  execArgv?: string[];
}

/** Default pool size: one worker per core the process may use, at least 1. */
export function defaultPoolSize(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** Parse workers behind the {@link FactsProvider} interface. */
export class ParsePool implements FactsProvider {
  private readonly slots: Slot[];
  private readonly queue: Task[] = [];
  private readonly problems: string[] = [];
  private readonly affinity = new Map<string, number[]>();
  private nextId = 1;
  private disposed = false;

  constructor(private readonly opts: ParsePoolOptions) {
    this.slots = Array.from({ length: Math.max(1, opts.size ?? defaultPoolSize()) }, () => ({ inflight: new Map(), load: 0 }));
  }

  get size(): number {
    return this.slots.length;
  }

  /** True once a worker was started (a scan that finds it false may parse a little source in process instead). */
  get started(): boolean {
    return this.slots.some((s) => s.worker);
  }

  /**
   * Tells the pool how many source bytes each grammar has in the coming scan: assigns grammars
   * to workers and has them load those grammars and compile their queries before files arrive.
   */
  plan(bytesByGrammar: ReadonlyMap<string, number>): void {
    this.affinity.clear();
    for (const s of this.slots) s.load = 0;
    const order = [...bytesByGrammar.entries()].sort((a, b) => b[1] - a[1]);
    for (const [grammar, bytes] of order) {
      const k = Math.min(this.slots.length, Math.max(1, Math.ceil(bytes / SPLIT_BYTES)));
      const chosen = this.slots.map((s, i) => [s.load, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, k).map(([, i]) => i);
      for (const i of chosen) this.slots[i].load += bytes / k;
      this.affinity.set(grammar, chosen);
    }
    const per = new Map<number, string[]>();
    for (const [g, idx] of this.affinity) for (const i of idx) (per.get(i) ?? per.set(i, []).get(i)!).push(g);
    for (const [i, grammars] of per) {
      const slot = this.slots[i];
      const task: Task = { id: this.nextId++, grammar: undefined, msg: { type: 'prepare', id: 0, grammars }, resolve: () => undefined, reject: () => undefined };
      task.msg.id = task.id;
      this.send(slot, task);
    }
  }

  compute(text: string, grammar: string | undefined): Promise<FileFacts> {
    if (this.disposed) return Promise.reject(new Error('parse pool disposed'));
    return new Promise<FileFacts>((resolve, reject) => {
      const id = this.nextId++;
      this.queue.push({ id, grammar, msg: { type: 'facts', id, text, grammar }, resolve, reject });
      this.pump();
    });
  }

  takeProblems(): string[] {
    return this.problems.splice(0);
  }

  /** Terminates the workers; pending files are rejected. */
  dispose(): void {
    this.disposed = true;
    for (const s of this.slots) {
      this.fail(s, new Error('parse pool disposed'));
      void s.worker?.terminate();
      s.worker = undefined;
    }
    for (const t of this.queue.splice(0)) t.reject(new Error('parse pool disposed'));
  }

  private pump(): void {
    for (let qi = 0; qi < this.queue.length; ) {
      const t = this.queue[qi];
      const allowed = (t.grammar && this.affinity.get(t.grammar)) || this.slots.map((_, i) => i);
      let best: Slot | undefined;
      for (const i of allowed) {
        const s = this.slots[i];
        if (s.inflight.size < PIPELINE && (!best || s.inflight.size < best.inflight.size)) best = s;
      }
      if (!best) {
        qi++;
        continue;
      }
      this.queue.splice(qi, 1);
      this.send(best, t);
    }
  }

  private send(slot: Slot, t: Task): void {
    const w = slot.worker ?? this.spawn(slot);
    slot.inflight.set(t.id, t);
    w.ref();
    w.postMessage(t.msg);
  }

  private spawn(slot: Slot): Worker {
    const w = new Worker(this.opts.workerFile, { workerData: this.opts.data, ...(this.opts.execArgv ? { execArgv: this.opts.execArgv } : {}) });
    slot.worker = w;
    w.on('message', (r: ParseReply) => {
      const t = slot.inflight.get(r.id);
      if (r.problems?.length) this.problems.push(...r.problems);
      if (!t) return;
      slot.inflight.delete(r.id);
      if (r.facts) t.resolve(r.facts);
      else t.reject(new Error(r.error ?? 'no result'));
      if (!slot.inflight.size) w.unref();
      this.pump();
    });
    const died = (e: Error) => {
      if (slot.worker !== w) return;
      slot.worker = undefined;
      if (!this.disposed) this.problems.push(`a parse worker stopped: ${e.message}`);
      this.fail(slot, e);
      this.pump();
    };
    w.on('error', died);
    w.on('exit', (code) => died(new Error(`exit code ${code}`)));
    return w;
  }

  private fail(slot: Slot, e: Error): void {
    for (const t of slot.inflight.values()) {
      if (!this.disposed && !t.retried && t.msg.type === 'facts') {
        t.retried = true;
        this.queue.unshift(t);
      } else t.reject(e);
    }
    slot.inflight.clear();
  }
}
