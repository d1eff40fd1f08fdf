/**
 * A parse worker (worker_threads): owns one web-tree-sitter host and computes per-file facts
 * (src/core/facts.ts) for the texts its {@link ParsePool} sends. Grammars are loaded and queries
 * compiled the first time a file of that grammar arrives (or when the pool asks it to prepare one).
 * Messages in: {@link ParseRequest}; out: {@link ParseReply}.
 */
import { parentPort, workerData } from 'worker_threads';
import { promises as fs, existsSync } from 'fs';
import * as path from 'path';
import { TreeSitterHost } from '../core/treesitter';
import { computeFileFacts } from '../core/facts';
import { QUERY_PURPOSES } from '../core/captures';
import type { ParseReply, ParseRequest, ParseWorkerData } from './parse-protocol';

const data = workerData as ParseWorkerData;

const host = TreeSitterHost.create({
  runtimeWasmPath: data.runtimeWasmPath,
  grammars: data.grammars,
  loadGrammar: (wasm) => fs.readFile(data.grammarPaths[wasm]),
  loadQuery: async (dir, purpose) => {
    const p = path.join(data.queriesDir, dir, `${purpose}.scm`);
    return existsSync(p) ? fs.readFile(p, 'utf8') : undefined;
  },
});

/** Messages are handled one at a time, in order: the host has one parser. */
let chain: Promise<void> = Promise.resolve();

parentPort!.on('message', (msg: ParseRequest) => {
  chain = chain.then(() => handle(msg));
});

async function handle(msg: ParseRequest): Promise<void> {
  let reply: ParseReply;
  try {
    const h = await host;
    if (msg.type === 'prepare') {
      for (const g of msg.grammars) await h.prepare([g], QUERY_PURPOSES);
      reply = { id: msg.id, problems: h.problems.splice(0) };
    } else {
      const facts = await computeFileFacts(msg.text, msg.grammar, h);
      reply = { id: msg.id, facts, problems: h.problems.splice(0) };
    }
  } catch (e) {
    reply = { id: msg.id, error: (e as Error).message };
  }
  parentPort!.postMessage(reply);
}
