import { strict as assert } from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { enumerateFiles, TextReader } from '../../src/core/files';
import { nodeFileSource } from '../../src/node/file-source';

async function tree(files: Record<string, string | Buffer>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sr-files-'));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(root, rel);
    await fs.mkdir(path.dirname(p), { recursive: true });
    await fs.writeFile(p, content);
  }
  return root;
}

describe('workspace enumeration', () => {
  it('honours nested .gitignore files and default excludes', async () => {
    const root = await tree({
      '.gitignore': 'logs/\n*.log\n',
      'src/app.ts': 'export {}',
      'src/debug.log': 'x',
      'logs/today.txt': 'x',
      'node_modules/express/index.js': 'x',
      'packages/api/.gitignore': 'generated/\n!keep.log\n',
      'packages/api/generated/client.ts': 'x',
      'packages/api/src/index.ts': 'x',
      'target/classes/A.class': 'x',
      '.venv/pyvenv.cfg': 'home = /usr',
      'env2/pyvenv.cfg': 'home = /usr',
      'env2/lib/site.py': 'x',
    });
    const { files, skipped } = await enumerateFiles(nodeFileSource(root));
    const paths = files.map((f) => f.path);
    assert.deepEqual(paths.sort(), ['.gitignore', 'packages/api/.gitignore', 'packages/api/src/index.ts', 'src/app.ts']);
    assert.ok(skipped.some((s) => s.path === 'env2' && s.reason === 'virtualenv folder'));
  });

  it('breaks symlink loops and records them', async function () {
    if (process.platform === 'win32') this.skip();
    const root = await tree({ 'a/file.py': 'import os' });
    await fs.symlink(path.join(root, 'a'), path.join(root, 'a', 'loop'));
    await fs.symlink(path.join(root, 'missing'), path.join(root, 'dangling'));
    const { files, skipped } = await enumerateFiles(nodeFileSource(root));
    assert.deepEqual(files.map((f) => f.path), ['a/file.py']);
    assert.ok(skipped.some((s) => s.path === 'a/loop' && /loop/.test(s.reason)), JSON.stringify(skipped));
    assert.ok(skipped.some((s) => s.path === 'dangling' && /unreadable link/.test(s.reason)));
  });

  it('skips binary and oversized files with a reason, and reads odd file names', async () => {
    const root = await tree({
      'data.dat': Buffer.from([0x50, 0x4b, 0x00, 0x01, 0x02]),
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      'big.js': 'x'.repeat(5000),
      'naïve file (copy).py': 'import flask\n',
    });
    const en = await enumerateFiles(nodeFileSource(root));
    const sizes = new Map(en.files.map((f) => [f.path, f.size]));
    const reader = new TextReader(nodeFileSource(root), sizes, en.skipped, 4096);
    assert.equal(await reader.read('data.dat'), undefined);
    assert.equal(await reader.read('logo.png'), undefined);
    assert.equal(await reader.read('big.js'), undefined);
    assert.equal(await reader.read('naïve file (copy).py'), 'import flask\n');
    const reasons = Object.fromEntries(en.skipped.map((s) => [s.path, s.reason]));
    assert.equal(reasons['data.dat'], 'binary file');
    assert.equal(reasons['logo.png'], 'binary file');
    assert.match(reasons['big.js'], /^too large \(4\.9 KB > 4 KB\)$/);
  });

  it('rejects when the root folder does not exist', async () => {
    await assert.rejects(enumerateFiles(nodeFileSource(path.join(os.tmpdir(), 'sr-no-such-folder-xyz'))));
  });
});
