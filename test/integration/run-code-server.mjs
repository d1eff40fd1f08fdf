#!/usr/bin/env node
// Integration tier, code-server route (runs on machines without Microsoft's download
// servers, CI included). It installs the Skill Radar vsix and a test-only runner
// extension (runner-ext/) into code-server, opens a workspace in headless Chromium (the
// extension host only starts once a window connects), and waits for the runner to write
// the mocha results to SKILL_RADAR_TEST_RESULTS.
//
// Three sessions, each on scratch copies of the fixtures (the watcher test writes files):
//   1. a single folder, test/fixtures/node-ts-service  (suite/extension.test.ts)
//   2. a multi-root workspace of node-ts-service + python-service  (suite/multi-root.test.ts)
//   3. a folder named team-history with a multi-author git history built by
//      test/fixtures/git/team-repo.ts with isomorphic-git  (suite/personal.test.ts)
// Each suite file skips itself in the other kinds of workspace.
//
// Usage: node test/integration/run-code-server.mjs
// Assumes `node esbuild.js --production` has run; packages dist/skill-radar.vsix if stale.
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cs from '../../scripts/lib/code-server.mjs';
import { buildSuite } from './build.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TAG = 'integration';
const TIMEOUT_MS = Number(process.env.SKILL_RADAR_INTEGRATION_TIMEOUT_MS || 180_000);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skill-radar-it-'));
const profiles = [];

function packageRunner() {
  // Packaged from a copy so nothing is written into the repository.
  const dir = path.join(tmp, 'runner-ext');
  fs.cpSync(path.join(HERE, 'runner-ext'), dir, { recursive: true });
  return cs.vscePackage(dir, path.join(tmp, 'skill-radar-test-runner.vsix'),
    ['--skip-license', '--allow-missing-repository']);
}

function copyFixture(name, into) {
  const dest = path.join(tmp, into, name);
  fs.cpSync(cs.fixtureFolder(name), dest, { recursive: true });
  return dest;
}

function sessions() {
  const single = copyFixture('node-ts-service', 'single');
  const a = copyFixture('node-ts-service', 'multi');
  const b = copyFixture('python-service', 'multi');
  const workspace = path.join(tmp, 'multi', 'fixtures.code-workspace');
  fs.writeFileSync(workspace, JSON.stringify({ folders: [{ path: a }, { path: b }] }, null, 2));
  // The personal lens needs history: built with isomorphic-git, never the git binary.
  const team = path.join(tmp, 'personal', 'team-history');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(cs.ROOT, 'test', 'fixtures', 'git', 'team-repo.ts'), team, 'now'], { cwd: cs.ROOT, stdio: 'ignore' });
  return [
    { name: 'single-folder', open: { folder: single } },
    { name: 'multi-root', open: { workspace } },
    { name: 'personal-lens', open: { folder: team } },
  ];
}

/** Runs the suite in one code-server session; resolves to the runner's results. */
async function runSession(session, vsixes, index) {
  const t0 = Date.now();
  const resultsFile = path.join(cs.RESULTS_DIR, `integration-${session.name}.json`);
  fs.rmSync(resultsFile, { force: true });
  const profile = cs.makeProfile(`skill-radar-it-${session.name}`);
  profiles.push({ profile, name: `integration-${session.name}` });
  cs.installExtensions(profile, vsixes);
  const server = await cs.startCodeServer(profile, {
    ...session.open,
    logFile: path.join(cs.RESULTS_DIR, `integration-${session.name}-code-server.log`),
    env: { SKILL_RADAR_TEST_INDEX: index, SKILL_RADAR_TEST_RESULTS: resultsFile },
  });
  const browser = await cs.launchChromium();
  await cs.openWorkbench(browser, server.url);
  cs.log(TAG, `${session.name}: workbench loaded after ${((Date.now() - t0) / 1000).toFixed(1)} s; waiting for the suite`);
  try {
    return await cs.waitFor(`the ${session.name} results file`, () => {
      if (server.child.exitCode !== null) throw new cs.FatalError('code-server exited');
      return fs.existsSync(resultsFile) && JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    }, { timeoutMs: TIMEOUT_MS, intervalMs: 500 });
  } catch (e) {
    for (const f of cs.extensionHostLogs(profile)) console.error(`\n--- ${f}\n${cs.tail(f, 60)}`);
    console.error(`\n--- code-server log\n${cs.tail(server.logFile, 30)}`);
    return { passed: 0, failed: 1, pending: 0, tests: [
      { title: e.message, fullTitle: `${session.name}: ${e.message}`, state: 'failed', error: e.message },
    ] };
  } finally {
    await cs.cleanup();
  }
}

function printResults(name, r) {
  console.log(`\n${name}: mocha results from the extension host (VS Code ${r.vscodeVersion ?? '?'}):`);
  for (const t of r.tests.filter((x) => x.state !== 'pending')) {
    const ms = t.durationMs ? ` (${t.durationMs} ms)` : '';
    console.log(`  ${t.state === 'passed' ? '✓' : '✗'} ${t.fullTitle}${ms}`);
  }
  if (r.pending) console.log(`  (${r.pending} test(s) skipped: written for the other kind of workspace)`);
  for (const t of r.tests.filter((x) => x.state === 'failed')) {
    console.log(`\n  FAILED: ${t.fullTitle}\n    ${String(t.error).split('\n').slice(0, 12).join('\n    ')}`);
  }
}

async function main() {
  const t0 = Date.now();
  const missing = cs.missingPrerequisite();
  if (missing) return cs.reportSkip('integration', missing);

  const index = await buildSuite();
  const vsixes = [process.env.SKILL_RADAR_VSIX || cs.ensureExtensionVsix(), packageRunner()];
  fs.mkdirSync(cs.RESULTS_DIR, { recursive: true });

  let passed = 0;
  let failed = 0;
  for (const session of sessions()) {
    const r = await runSession(session, vsixes, index);
    printResults(session.name, r);
    passed += r.passed;
    failed += r.failed;
  }
  console.log(`\nintegration: ${passed} passed, ${failed} failed`);
  cs.log(TAG, `finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`integration: setup failed: ${e.stack || e}`);
  console.log('\nintegration: 0 passed, 1 failed');
} finally {
  await cs.cleanup();
  for (const p of profiles) cs.keepLogsAndRemoveProfile(p.profile, p.name);
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
