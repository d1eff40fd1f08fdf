#!/usr/bin/env node
// Runs the two tiers that need a real VS Code, one after the other, and always both:
// the integration tier (mocha inside code-server's extension host) and the end-to-end
// tier (clicks in headless Chromium). Exits non-zero if either fails or was skipped
// (unless SKILL_RADAR_ALLOW_E2E_SKIP=1). Assumes `node esbuild.js --production` has run.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, missingPrerequisite, reportSkip, ensureExtensionVsix } from './lib/code-server.mjs';

const tiers = [
  { name: 'integration', script: path.join(ROOT, 'test', 'integration', 'run-code-server.mjs') },
  { name: 'e2e', script: path.join(ROOT, 'test', 'e2e', 'e2e.mjs') },
];

const t0 = Date.now();
// Check (and set up code-server) once, so a missing browser is reported once, loudly.
const missing = missingPrerequisite();
if (missing) {
  const code = Math.max(...tiers.map((t) => reportSkip(t.name, missing)));
  process.exit(code);
}
try {
  if (!process.env.SKILL_RADAR_VSIX) ensureExtensionVsix(); // package once, before both tiers
} catch (e) {
  console.error(`real VS Code tiers: ${e.message}`);
  process.exit(1);
}

const outcomes = [];
for (const t of tiers) {
  const start = Date.now();
  console.log(`\n=== ${t.name} tier ===`);
  const r = spawnSync(process.execPath, [t.script], { stdio: 'inherit' });
  outcomes.push({ ...t, code: r.status ?? 1, seconds: (Date.now() - start) / 1000 });
}

console.log('\n=== real VS Code tiers ===');
for (const o of outcomes) {
  console.log(`${o.code === 0 ? 'PASS' : 'FAIL'}  ${o.name} (${o.seconds.toFixed(1)} s)`);
}
console.log(`total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(outcomes.some((o) => o.code !== 0) ? 1 : 0);
