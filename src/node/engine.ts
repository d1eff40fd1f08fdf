/**
 * Node wiring of the engine, shared by the CLI, the extension and the tests: reads data/ and
 * the grammar wasm files from disk and runs {@link analyzeWorkspace} over a local folder.
 */
import { promises as fs, existsSync } from 'fs';
import * as path from 'path';
import { loadKnowledge, type Knowledge } from '../core/knowledge';
import { TreeSitterHost, type GrammarInfo } from '../core/treesitter';
import { analyzeWorkspace, type AnalyzeOptions } from '../core/analyze';
import type { AnalysisResult } from '../core/types';
import { nodeFileSource } from './file-source';
import { ParsePool, defaultPoolSize } from './parse-pool';
import { factsVersion, loadFactsCache, saveFactsCache } from './facts-cache';
import { readGlobalGitConfig } from './git-config';
import { inflateSync } from 'zlib';
import { createHash } from 'crypto';
import { GitObjectStore } from '../core/git/objects';

// Node's native zlib inflates git objects several times faster than the pure-JavaScript default.
// maxOutputLength keeps the store's budget: zlib stops with a RangeError instead of inflating a bomb.
GitObjectStore.defaultInflate = (d, size, maxBytes) => {
  const limit = size ?? maxBytes;
  return inflateSync(d, {
    ...(size !== undefined ? { chunkSize: Math.max(64, size + 16) } : {}),
    ...(limit !== undefined && Number.isFinite(limit) ? { maxOutputLength: Math.max(1, limit) } : {}),
  });
};

/** Where the engine's files are on disk. */
export interface EngineLayout {
  /** The data/ folder (technologies, skills, queries, schemas). */
  dataDir: string;
  /**
   * Where grammar wasm files are: `dist/grammars` of a bundle (flat, by file name), or the
   * `node_modules` of a source checkout (each grammar at `<package>/<path>` from data/grammars.json).
   */
  grammars: { kind: 'bundle'; dir: string } | { kind: 'node_modules'; dir: string };
  /** web-tree-sitter's runtime tree-sitter.wasm. */
  runtimeWasmPath: string;
  /** The bundled parse worker (dist/parse-worker.js), when there is one: scans then parse in a pool of workers. */
  parseWorker?: string;
  /**
   * A file holding the {@link knowledgeDigest} of a data/ that passed the JSON Schema checks at
   * build time (dist/knowledge.digest): while data/ still has that digest, loading skips them.
   */
  knowledgeDigest?: string;
}

/**
 * Finds the layout next to a bundle in dist/ (dist/grammars, dist/tree-sitter.wasm, ../data),
 * falling back to the source checkout (node_modules) when run from TypeScript sources.
 * `baseDir` is the folder of the running script.
 */
export function defaultLayout(baseDir: string): EngineLayout {
  const candidates = [path.resolve(baseDir, '..'), path.resolve(baseDir, '../..'), path.resolve(baseDir, '../../..')];
  const root = candidates.find((c) => existsSync(path.join(c, 'data', 'skills.json')) || existsSync(path.join(c, 'data', 'languages.json'))) ?? candidates[0];
  const dist = path.join(root, 'dist');
  const bundled = existsSync(path.join(dist, 'tree-sitter.wasm'));
  return {
    dataDir: path.join(root, 'data'),
    grammars: bundled ? { kind: 'bundle', dir: path.join(dist, 'grammars') } : { kind: 'node_modules', dir: path.join(root, 'node_modules') },
    runtimeWasmPath: bundled ? path.join(dist, 'tree-sitter.wasm') : path.join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'),
    ...(bundled && existsSync(path.join(dist, 'parse-worker.js')) ? { parseWorker: path.join(dist, 'parse-worker.js') } : {}),
    ...(bundled ? { knowledgeDigest: path.join(dist, 'knowledge.digest') } : {}),
  };
}

/** The JSON files of a data/ folder: path relative to it (forward slashes) → text. */
async function readDataJson(dataDir: string): Promise<Map<string, string>> {
  const names = (await fs.readdir(dataDir, { recursive: true })).map((n) => String(n).split(path.sep).join('/')).filter((n) => n.endsWith('.json')).sort();
  const texts = await Promise.all(names.map((n) => fs.readFile(path.join(dataDir, n), 'utf8')));
  return new Map(names.map((n, i) => [n, texts[i]]));
}

/** A hex sha-256 over the names and contents of data/'s JSON files (see EngineLayout.knowledgeDigest). */
export function knowledgeDigest(json: ReadonlyMap<string, string>): string {
  const h = createHash('sha256');
  for (const [name, text] of json) h.update(name).update('\0').update(text).update('\0');
  return h.digest('hex');
}

/**
 * Loads data/ with every JSON Schema check (throws KnowledgeError when invalid) and writes its
 * digest to `out`: the build's stamp that lets later loads of the same data skip the checks.
 */
export async function stampKnowledge(dataDir: string, out: string): Promise<void> {
  const json = await readDataJson(dataDir);
  await loadKnowledge(dataReader(dataDir, json));
  await fs.writeFile(out, knowledgeDigest(json) + '\n');
}

function dataReader(dataDir: string, json: ReadonlyMap<string, string>) {
  return {
    read: async (rel: string) => json.get(rel) ?? fs.readFile(path.join(dataDir, rel), 'utf8'),
    list: async (rel: string) => (await fs.readdir(path.join(dataDir, rel))).sort(),
  };
}

/**
 * Version of what a whole result depends on: data/'s JSON (the catalog) and the per-file facts
 * (queries and parser code). Computed without loading the engine, for a result saved last session.
 */
export async function resultVersion(layout: EngineLayout): Promise<string> {
  const [json, facts] = await Promise.all([readDataJson(layout.dataDir), factsVersion(layout.dataDir, layout.parseWorker)]);
  return `${knowledgeDigest(json).slice(0, 24)}-${facts}`;
}

/**
 * Loads data/, validating it unless the layout's stamp says this very data passed validation
 * when it was built. Throws KnowledgeError when invalid.
 */
async function loadLayoutKnowledge(layout: EngineLayout): Promise<Knowledge> {
  const json = await readDataJson(layout.dataDir);
  const stamp = layout.knowledgeDigest ? await fs.readFile(layout.knowledgeDigest, 'utf8').catch(() => '') : '';
  const validated = !!stamp && stamp.trim() === knowledgeDigest(json);
  return loadKnowledge(dataReader(layout.dataDir, json), { validate: !validated });
}

/** Absolute path of a grammar's wasm (by file name) in a layout. Throws for an unknown grammar. */
export function grammarFile(layout: EngineLayout, grammars: GrammarInfo[], wasm: string): string {
  if (layout.grammars.kind === 'bundle') return path.join(layout.grammars.dir, wasm);
  const g = grammars.find((x) => x.wasm === wasm);
  if (!g) throw new Error(`no grammar ships ${wasm}`);
  return path.join(layout.grammars.dir, g.package, g.path);
}

/** A loaded engine: knowledge plus a parse pool (or an in-process tree-sitter host), reusable across scans. */
export interface Engine {
  knowledge: Knowledge;
  /**
   * The calling thread's host: parses source when there is no pool, and always the manifests that
   * are code (setup.py, Gemfile, *.gradle.kts), whose readers walk the tree here.
   */
  treeSitter: TreeSitterHost;
  /** The parse workers, when the engine has them: source files are parsed there. */
  pool?: ParsePool;
  layout: EngineLayout;
  /**
   * Version of the per-file facts (data, queries and parser code): the cross-session cache key.
   * Empty until {@link Engine.ensureFactsVersion} (or a scan with a cache folder) computed it.
   */
  factsVersion: string;
  /** Computes {@link Engine.factsVersion} once (hashing data/ and the parse worker) and returns it. */
  ensureFactsVersion(): Promise<string>;
  /**
   * Scans an absolute folder path. With `cacheDir` (and no `parseCache`), per-file facts are
   * loaded from and saved to that folder across sessions. Rejects when the folder cannot be listed.
   */
  scan(folder: string, opts?: Partial<AnalyzeOptions> & { cacheDir?: string }): Promise<AnalysisResult>;
  dispose(): void;
}

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /**
   * Parse workers: a count, or true for one per core. Default: a pool when the layout has a bundled
   * parse worker, else parsing on the calling thread. `false` forces the calling thread.
   */
  workers?: number | boolean;
  /** Extra execArgv of the workers (tests running TypeScript sources pass a loader). */
  workerExecArgv?: string[];
  /** A parse worker script, overriding the layout's. */
  parseWorker?: string;
  /**
   * A scan with fewer source bytes than this to parse, while no parse worker runs yet, parses on
   * the calling thread instead of starting workers (see AnalyzeOptions.inProcessBelowBytes).
   * Default {@link IN_PROCESS_BELOW_BYTES}; 0 always uses the workers.
   */
  inProcessBelowBytes?: number;
}

/** Default of {@link EngineOptions.inProcessBelowBytes}: 128 KiB of source, about what two workers' start-up costs. */
export const IN_PROCESS_BELOW_BYTES = 128 * 1024;

/** Loads data/ (validated; throws KnowledgeError when invalid) and starts tree-sitter (a pool or an in-process host). */
export async function createEngine(layout: EngineLayout, options: EngineOptions = {}): Promise<Engine> {
  const knowledge = await loadLayoutKnowledge(layout);
  const workerFile = options.parseWorker ?? layout.parseWorker;
  const size = options.workers === true ? defaultPoolSize() : typeof options.workers === 'number' ? options.workers : workerFile ? defaultPoolSize() : 0;
  const grammarPaths = Object.fromEntries(knowledge.grammars.map((g) => [g.wasm, grammarFile(layout, knowledge.grammars, g.wasm)]));
  const queriesDir = path.join(layout.dataDir, 'queries');
  const pool =
    options.workers !== false && size > 0 && workerFile
      ? new ParsePool({
          workerFile,
          size,
          execArgv: options.workerExecArgv,
          data: { runtimeWasmPath: layout.runtimeWasmPath, grammars: knowledge.grammars, grammarPaths, queriesDir },
        })
      : undefined;
  // Grammars load and queries compile on first use, so with a pool this host costs only the runtime.
  const treeSitter = await TreeSitterHost.create({
    runtimeWasmPath: layout.runtimeWasmPath,
    grammars: knowledge.grammars,
    loadGrammar: (file) => fs.readFile(grammarPaths[file]),
    loadQuery: async (dir, purpose) => {
      const p = path.join(queriesDir, dir, `${purpose}.scm`);
      return existsSync(p) ? fs.readFile(p, 'utf8') : undefined;
    },
  });
  let versioning: Promise<string> | undefined;
  const engine: Engine = {
    knowledge,
    treeSitter,
    pool,
    layout,
    factsVersion: '',
    // Only a cache needs it; the bundled parse worker holds the per-file pass, so its bytes are part
    // of the version (not the override tests pass).
    ensureFactsVersion: async () => {
      if (engine.factsVersion) return engine.factsVersion;
      versioning ??= factsVersion(layout.dataDir, layout.parseWorker);
      const v = await versioning;
      engine.factsVersion ||= v;
      return engine.factsVersion;
    },
    scan: async (folder, opts = {}) => {
      const { cacheDir, ...rest } = opts;
      if (cacheDir) await engine.ensureFactsVersion();
      const parseCache = rest.parseCache ?? (cacheDir ? await loadFactsCache(cacheDir, folder, engine.factsVersion) : undefined);
      const result = await analyzeWorkspace(nodeFileSource(folder), {
        rootLabel: folder,
        knowledge,
        treeSitter,
        facts: pool,
        inProcessBelowBytes: options.inProcessBelowBytes ?? IN_PROCESS_BELOW_BYTES,
        ...rest,
        parseCache,
        personal: { globalConfig: (repo) => readGlobalGitConfig(process.env, undefined, repo), ...rest.personal },
      });
      if (cacheDir && parseCache) {
        const problem = await saveFactsCache(cacheDir, folder, engine.factsVersion, parseCache);
        if (problem) result.warnings.push(problem);
      }
      return result;
    },
    dispose: () => {
      treeSitter.dispose();
      pool?.dispose();
    },
  };
  return engine;
}
