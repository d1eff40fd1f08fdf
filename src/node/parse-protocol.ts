/** Messages between a {@link ParsePool} and its parse workers (src/node/parse-worker.ts). */
import type { FileFacts } from '../core/facts';
import type { GrammarInfo } from '../core/treesitter';

/** What a parse worker is started with. */
export interface ParseWorkerData {
  runtimeWasmPath: string;
  grammars: GrammarInfo[];
  /** Grammar wasm file name → absolute path. */
  grammarPaths: Record<string, string>;
  /** data/queries. */
  queriesDir: string;
}

/** To a worker: compute one file's facts, or load grammars and compile their queries ahead of files. */
export type ParseRequest = { type: 'facts'; id: number; text: string; grammar: string | undefined } | { type: 'prepare'; id: number; grammars: string[] };

/** From a worker: facts (or an error) for a request id, with grammar/query problems met meanwhile. */
export interface ParseReply {
  id: number;
  facts?: FileFacts;
  error?: string;
  problems?: string[];
}
