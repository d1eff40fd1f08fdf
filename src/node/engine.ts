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
import { readGlobalGitConfig } from './git-config';
import { inflateSync } from 'zlib';
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
  };
}

/** Absolute path of a grammar's wasm (by file name) in a layout. Throws for an unknown grammar. */
export function grammarFile(layout: EngineLayout, grammars: GrammarInfo[], wasm: string): string {
  if (layout.grammars.kind === 'bundle') return path.join(layout.grammars.dir, wasm);
  const g = grammars.find((x) => x.wasm === wasm);
  if (!g) throw new Error(`no grammar ships ${wasm}`);
  return path.join(layout.grammars.dir, g.package, g.path);
}

/** A loaded engine: knowledge plus a tree-sitter host, reusable across scans. */
export interface Engine {
  knowledge: Knowledge;
  treeSitter: TreeSitterHost;
  layout: EngineLayout;
  /** Scans an absolute folder path. Rejects when the folder cannot be listed. */
  scan(folder: string, opts?: Partial<AnalyzeOptions>): Promise<AnalysisResult>;
  dispose(): void;
}

/** Loads data/ (validated; throws KnowledgeError when invalid) and initialises tree-sitter. */
export async function createEngine(layout: EngineLayout): Promise<Engine> {
  const knowledge = await loadKnowledge({
    read: (rel) => fs.readFile(path.join(layout.dataDir, rel), 'utf8'),
    list: async (rel) => (await fs.readdir(path.join(layout.dataDir, rel))).sort(),
  });
  const treeSitter = await TreeSitterHost.create({
    runtimeWasmPath: layout.runtimeWasmPath,
    grammars: knowledge.grammars,
    loadGrammar: (file) => fs.readFile(grammarFile(layout, knowledge.grammars, file)),
    loadQuery: async (dir, purpose) => {
      const p = path.join(layout.dataDir, 'queries', dir, `${purpose}.scm`);
      return existsSync(p) ? fs.readFile(p, 'utf8') : undefined;
    },
  });
  return {
    knowledge,
    treeSitter,
    layout,
    scan: (folder, opts = {}) =>
      analyzeWorkspace(nodeFileSource(folder), {
        rootLabel: folder,
        knowledge,
        treeSitter,
        ...opts,
        personal: { globalConfig: () => readGlobalGitConfig(), ...opts.personal },
      }),
    dispose: () => treeSitter.dispose(),
  };
}
