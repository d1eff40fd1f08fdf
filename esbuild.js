// Builds dist/extension.js, dist/cli.js and the webviews' dist/webview/main.js from one core, and copies the tree-sitter runtime
// and the grammars the engine needs into dist/. --production minifies, --watch rebuilds.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

function copyWasm() {
  const grammars = JSON.parse(fs.readFileSync(path.join(__dirname, 'data/grammars.json'), 'utf8'));
  fs.mkdirSync(path.join(__dirname, 'dist/grammars'), { recursive: true });
  fs.copyFileSync(path.join(__dirname, 'node_modules/web-tree-sitter/tree-sitter.wasm'), path.join(__dirname, 'dist/tree-sitter.wasm'));
  for (const g of grammars) {
    const from = path.join(__dirname, 'node_modules', g.package, g.path);
    if (!fs.existsSync(from)) throw new Error(`grammar ${g.id}: ${from} not found (is ${g.package} installed?)`);
    fs.copyFileSync(from, path.join(__dirname, 'dist/grammars', g.wasm));
  }
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD entry uses dynamic requires esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // An `import` of web-tree-sitter would pick its ES module build, which needs import.meta.url; use its CommonJS build.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
};

async function main() {
  copyWasm();
  const builds = [
    { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
    { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
    // Worker threads: the parse pool's workers (small: tree-sitter and the per-file pass only) and the
    // extension's scan worker (the whole engine, off the extension host's thread).
    { ...common, entryPoints: ['src/node/parse-worker.ts'], outfile: 'dist/parse-worker.js' },
    { ...common, entryPoints: ['src/node/scan-worker.ts'], outfile: 'dist/scan-worker.js' },
    // The webviews' script: Chart.js bundled in (no CDN), loaded under a nonce-only CSP.
    {
      entryPoints: ['src/webview/main.ts'],
      outfile: 'dist/webview/main.js',
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2020',
      sourcemap: !production,
      minify: production,
      logLevel: 'warning',
    },
  ];
  if (watch) {
    for (const b of builds) await (await esbuild.context(b)).watch();
    console.log('esbuild: watching');
  } else {
    await Promise.all(builds.map((b) => esbuild.build(b)));
    await stampKnowledge();
  }
}

// dist/knowledge.digest: the digest of a data/ that passed every JSON Schema check, so the CLI and the
// scan worker skip compiling the schemas at start-up while data/ is unchanged. Invalid data leaves no
// stamp: the engine then validates at start-up and reports the problems as before.
async function stampKnowledge() {
  const out = path.join(__dirname, 'dist/knowledge.digest');
  fs.rmSync(out, { force: true });
  try {
    await require('./dist/cli.js').stampKnowledge(path.join(__dirname, 'data'), out);
  } catch (e) {
    console.error(`esbuild: data/ did not validate, no knowledge stamp written: ${e.message}`);
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
