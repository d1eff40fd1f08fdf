#!/usr/bin/env node
// Refreshes the README's screenshots: runs the end-to-end tier (a real VS Code in headless
// Chromium, see test/e2e/e2e.mjs), then copies the pictures it took into docs/images/.
//   npm run screenshots            (build, run the e2e tier, copy)
//   npm run screenshots -- --copy  (copy the last run's pictures only)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const OUT = path.join(ROOT, 'docs', 'images');
/** The pictures the README shows, by the names the e2e tier gives them. */
const USED = ['sidebar-overview', 'sidebar', 'evidence-tooltip', 'sidebar-gaps', 'hover', 'report', 'report-beside', 'problems', 'quick-fix', 'walkthrough', 'theme-dark', 'theme-high-contrast', 'empty-folder', 'sidebar-you', 'report-you'];

if (!process.argv.includes('--copy')) {
  for (const [cmd, args] of [['node', ['esbuild.js', '--production']], ['node', ['test/e2e/e2e.mjs']]]) {
    const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`${cmd} ${args.join(' ')} failed (exit ${r.status}); screenshots not refreshed`);
      process.exit(1);
    }
  }
}
fs.mkdirSync(OUT, { recursive: true });
const missing = USED.filter((n) => !fs.existsSync(path.join(SHOTS, `${n}.png`)));
if (missing.length) {
  console.error(`missing screenshots: ${missing.join(', ')} (did the e2e tier pass?)`);
  process.exit(1);
}
for (const n of USED) fs.copyFileSync(path.join(SHOTS, `${n}.png`), path.join(OUT, `${n}.png`));
console.log(`${USED.length} screenshots copied to ${path.relative(ROOT, OUT)}/`);
