// Integration tier, @vscode/test-electron route: for contributors with internet access
// and for hosted CI (it downloads VS Code from Microsoft, which these build machines
// cannot reach; there run-code-server.mjs runs the same suite inside code-server).
// Like that route it runs twice: on a single folder, then on a multi-root workspace.
//
// Usage: npx tsx test/integration/run-electron.ts   (VSCODE_VERSION=1.100.3 to pin;
// needs `node esbuild.js` first, and an X display or xvfb-run on Linux)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');

async function main(): Promise<number> {
  // Same compiled suite as the code-server route (build.mjs is ESM, so run it as a step).
  const build = spawnSync(process.execPath, [path.join(__dirname, 'build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) return 1;

  // Scratch copies of the fixtures: the watcher test creates and deletes files.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skill-radar-it-'));
  const copy = (name: string, into: string): string => {
    const dest = path.join(tmp, into, name);
    fs.cpSync(path.join(FIXTURES, name), dest, { recursive: true });
    return dest;
  };
  const single = copy('node-ts-service', 'single');
  const workspace = path.join(tmp, 'multi', 'fixtures.code-workspace');
  const folders = [copy('node-ts-service', 'multi'), copy('python-service', 'multi')];
  fs.writeFileSync(workspace, JSON.stringify({ folders: folders.map((p) => ({ path: p })) }, null, 2));

  let failed = 0;
  try {
    for (const [name, target] of [['single-folder', single], ['multi-root', workspace]]) {
      try {
        await runTests({
          version: process.env.VSCODE_VERSION || 'stable',
          extensionDevelopmentPath: ROOT,
          extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'suite', 'index.js'),
          launchArgs: [target, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome',
            '--skip-release-notes', '--user-data-dir', path.join(tmp, `user-data-${name}`)],
        });
      } catch (err) {
        failed++;
        console.error(`integration (electron, ${name}): ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

main().then((code) => process.exit(code));
