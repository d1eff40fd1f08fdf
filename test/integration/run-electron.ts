// Integration tier, @vscode/test-electron route: for contributors with internet access
// and for hosted CI (it downloads VS Code from Microsoft, which these build machines
// cannot reach; there the code-server route, run-code-server.mjs, runs the same suite).
//
// Usage: npx tsx test/integration/run-electron.ts   (VSCODE_VERSION=1.100.3 to pin;
// needs `node esbuild.js` first, and an X display or xvfb-run on Linux)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..', '..');

async function main(): Promise<number> {
  // Same compiled suite as the code-server route (build.mjs is ESM, so run it as a step).
  const build = spawnSync(process.execPath, [path.join(__dirname, 'build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) return 1;

  // A scratch copy of the fixture: the watcher test creates and deletes files in it.
  const fixture = path.join(ROOT, 'test', 'fixtures', 'node-ts-service');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skill-radar-it-'));
  const workspace = path.join(tmp, 'node-ts-service');
  fs.cpSync(fixture, workspace, { recursive: true });

  try {
    await runTests({
      version: process.env.VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust',
        '--skip-welcome', '--skip-release-notes', '--user-data-dir', path.join(tmp, 'user-data')],
    });
    return 0;
  } catch (err) {
    console.error(`integration (electron): ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
