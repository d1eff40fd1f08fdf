// The yardstick for parse throughput: raw web-tree-sitter parsing (no queries, nothing else) of the
// same files the engine parses, in N worker threads pulling files from a shared list.
// Usage: node bench/raw-parse.mjs LIST.json N  where LIST.json is [{ abs, grammar }] and grammar is a
// wasm path. Prints one JSON line: { bytes, ms, mbPerS } (ms from the first parse to the last, after
// every worker has initialised its runtime and grammars).
import { Worker, isMainThread, parentPort, workerData } from 'worker_threads';
import { readFileSync } from 'fs';
import { fileURLToPath } from 'url';
import path from 'path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (isMainThread) {
  const list = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const n = Number(process.argv[3] ?? 2);
  const workers = Array.from({ length: n }, () => new Worker(fileURLToPath(import.meta.url), { workerData: { grammars: [...new Set(list.map((f) => f.grammar))] } }));
  await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
  let next = 0;
  let bytes = 0;
  const t0 = performance.now();
  await Promise.all(
    workers.map(
      (w) =>
        new Promise((resolve) => {
          const feed = () => {
            if (next >= list.length) return resolve(w.postMessage(null));
            w.postMessage(list[next++]);
          };
          w.on('message', (b) => {
            bytes += b;
            feed();
          });
          feed();
        }),
    ),
  );
  const ms = performance.now() - t0;
  await Promise.all(workers.map((w) => w.terminate()));
  console.log(JSON.stringify({ bytes, ms: Math.round(ms), mbPerS: +(bytes / 1048576 / (ms / 1000)).toFixed(2) }));
} else {
  const { Parser, Language } = await import(path.join(root, 'node_modules/web-tree-sitter/tree-sitter.js'));
  await Parser.init({ locateFile: () => path.join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm') });
  const langs = new Map();
  for (const g of workerData.grammars) langs.set(g, await Language.load(readFileSync(g)));
  const parser = new Parser();
  parentPort.postMessage('ready');
  parentPort.on('message', (f) => {
    if (!f) return process.exit(0);
    const buf = readFileSync(f.abs);
    parser.setLanguage(langs.get(f.grammar));
    const tree = parser.parse(buf.toString('utf8'));
    tree?.delete();
    parentPort.postMessage(buf.length);
  });
}
