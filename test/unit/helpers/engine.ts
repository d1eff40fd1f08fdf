/** One shared engine for the unit tests (loading grammars once keeps the suite fast). */
import * as path from 'path';
import { createEngine, type Engine, type EngineLayout } from '../../../src/node/engine';

export const REPO = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(REPO, 'test/fixtures');

/** Layout over the source checkout: data/ and node_modules grammars. */
export const SOURCE_LAYOUT: EngineLayout = {
  dataDir: path.join(REPO, 'data'),
  grammars: { kind: 'node_modules', dir: path.join(REPO, 'node_modules') },
  runtimeWasmPath: path.join(REPO, 'node_modules/web-tree-sitter/tree-sitter.wasm'),
};

let shared: Promise<Engine> | undefined;

/** The engine over the source checkout, created on first use. */
export function engine(): Promise<Engine> {
  shared ??= createEngine(SOURCE_LAYOUT);
  return shared;
}
