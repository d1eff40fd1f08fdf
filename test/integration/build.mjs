#!/usr/bin/env node
// Compiles the integration suite (test/integration/suite/*.ts) into
// out/test/integration/suite/*.js, one CommonJS file per entry, as both runners load it:
// index.js is the mocha entry and requires the *.test.js files next to it.
// `vscode` is provided by the extension host and `mocha` is loaded from node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const SUITE_OUT = path.join(ROOT, 'out', 'test', 'integration', 'suite');
export const SUITE_INDEX = path.join(SUITE_OUT, 'index.js');

export async function buildSuite() {
  const srcDir = path.join(HERE, 'suite');
  const entryPoints = fs.readdirSync(srcDir).filter((f) => f.endsWith('.ts')).map((f) => path.join(srcDir, f));
  fs.rmSync(SUITE_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return SUITE_INDEX;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildSuite();
  console.log(`built ${path.relative(ROOT, SUITE_OUT)}`);
}
