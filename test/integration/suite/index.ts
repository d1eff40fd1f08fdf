// Mocha entry for the integration tier. It runs inside a VS Code extension host and is
// shared by both runners:
// - @vscode/test-electron loads it as `extensionTestsPath` and calls `run()`;
// - the code-server route's runner extension (runner-ext/) calls `runSuite()` and writes
//   the outcome to the file named by SKILL_RADAR_TEST_RESULTS.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface TestOutcome {
  title: string;
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  vscodeVersion?: string;
  tests: TestOutcome[];
}

export function runSuite(): Promise<SuiteResults> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // The build puts every compiled *.test.js next to this file.
  for (const f of fs.readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  const tests: TestOutcome[] = [];
  const started = Date.now();
  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      resolve({
        passed: tests.filter((t) => t.state === 'passed').length,
        failed: tests.filter((t) => t.state === 'failed').length,
        pending: tests.filter((t) => t.state === 'pending').length,
        durationMs: Date.now() - started,
        vscodeVersion: vscodeVersion(),
        tests,
      });
    });
    runner.on('pass', (t) => tests.push({ title: t.title, fullTitle: t.fullTitle(), state: 'passed', durationMs: t.duration }));
    runner.on('pending', (t) => tests.push({ title: t.title, fullTitle: t.fullTitle(), state: 'pending' }));
    // Also fires for failing hooks, so a broken `before` shows up as a failure.
    runner.on('fail', (t, err: Error) => tests.push({
      title: t.title, fullTitle: t.fullTitle(), state: 'failed', durationMs: t.duration,
      error: err?.stack || String(err),
    }));
  });
}

/** The @vscode/test-electron contract: resolve when all passed, reject otherwise. */
export async function run(): Promise<void> {
  const r = await runSuite();
  console.log(`integration: ${r.passed} passed, ${r.failed} failed`);
  if (r.failed > 0) throw new Error(`${r.failed} integration test(s) failed`);
}

function vscodeVersion(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('vscode') as typeof import('vscode')).version;
  } catch {
    return undefined;
  }
}
