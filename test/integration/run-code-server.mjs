#!/usr/bin/env node
// Integration tier, code-server route (runs on machines without Microsoft's download
// servers, CI included). It installs the Skill Radar vsix and a test-only runner
// extension (runner-ext/) into code-server, opens a copy of the fixture in headless
// Chromium (the extension host only starts once a window connects), and waits for the
// runner to write the mocha results to SKILL_RADAR_TEST_RESULTS.
//
// Usage: node test/integration/run-code-server.mjs
// Assumes `node esbuild.js --production` has run; packages dist/skill-radar.vsix if stale.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cs from '../../scripts/lib/code-server.mjs';
import { buildSuite } from './build.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TAG = 'integration';
const RESULTS_FILE = path.join(cs.RESULTS_DIR, 'integration-results.json');
const TIMEOUT_MS = Number(process.env.SKILL_RADAR_INTEGRATION_TIMEOUT_MS || 240_000);

function packageRunner(tmp) {
  // Packaged from a copy so nothing is written into the repository.
  const dir = path.join(tmp, 'runner-ext');
  fs.cpSync(path.join(HERE, 'runner-ext'), dir, { recursive: true });
  return cs.vscePackage(dir, path.join(tmp, 'skill-radar-test-runner.vsix'),
    ['--skip-license', '--allow-missing-repository']);
}

/** A scratch copy of the fixture: the watcher test creates and deletes files in it. */
function copyFixture(tmp) {
  const src = cs.fixtureFolder();
  const dest = path.join(tmp, path.basename(src));
  fs.cpSync(src, dest, { recursive: true });
  return dest;
}

function printResults(r) {
  const line = (t) => {
    const mark = t.state === 'passed' ? '  ✓' : t.state === 'pending' ? '  -' : '  ✗';
    const ms = t.durationMs ? ` (${t.durationMs} ms)` : '';
    return `${mark} ${t.fullTitle}${ms}`;
  };
  console.log(`\nmocha results from the extension host (VS Code ${r.vscodeVersion ?? '?'}):`);
  for (const t of r.tests) console.log(line(t));
  for (const t of r.tests.filter((x) => x.state === 'failed')) {
    console.log(`\n  FAILED: ${t.fullTitle}\n    ${String(t.error).split('\n').slice(0, 12).join('\n    ')}`);
  }
  console.log(`\nintegration: ${r.passed} passed, ${r.failed} failed` + (r.pending ? `, ${r.pending} pending` : ''));
}

async function main() {
  const t0 = Date.now();
  const missing = cs.missingPrerequisite();
  if (missing) return cs.reportSkip('integration', missing);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skill-radar-it-'));
  const index = await buildSuite();
  const runnerVsix = packageRunner(tmp);
  const vsix = process.env.SKILL_RADAR_VSIX || cs.ensureExtensionVsix();
  const folder = copyFixture(tmp);
  fs.mkdirSync(cs.RESULTS_DIR, { recursive: true });
  fs.rmSync(RESULTS_FILE, { force: true });

  const profile = cs.makeProfile('skill-radar-it');
  cs.installExtensions(profile, [vsix, runnerVsix]);
  const server = await cs.startCodeServer(profile, {
    folder,
    logFile: path.join(cs.RESULTS_DIR, 'integration-code-server.log'),
    env: { SKILL_RADAR_TEST_INDEX: index, SKILL_RADAR_TEST_RESULTS: RESULTS_FILE },
  });
  cs.log(TAG, `code-server on port ${server.port}, fixture copy ${folder}`);
  const browser = await cs.launchChromium();
  await cs.openWorkbench(browser, server.url);
  cs.log(TAG, `workbench loaded after ${((Date.now() - t0) / 1000).toFixed(1)} s; waiting for the suite`);

  let results;
  try {
    results = await cs.waitFor('the results file', () => {
      if (server.child.exitCode !== null) throw new Error('code-server exited');
      return fs.existsSync(RESULTS_FILE) && JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8'));
    }, { timeoutMs: TIMEOUT_MS, intervalMs: 500 });
  } catch (e) {
    console.error(`integration: ${e.message}`);
    for (const f of cs.extensionHostLogs(profile)) console.error(`\n--- ${f}\n${cs.tail(f, 60)}`);
    console.error(`\n--- code-server log\n${cs.tail(server.logFile, 30)}`);
    console.log('\nintegration: 0 passed, 1 failed');
    return 1;
  }
  printResults(results);
  cs.log(TAG, `finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  fs.rmSync(tmp, { recursive: true, force: true });
  return results.failed > 0 || results.passed === 0 ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`integration: setup failed: ${e.stack || e}`);
  console.log('\nintegration: 0 passed, 1 failed');
} finally {
  await cs.cleanup();
}
process.exit(code);
