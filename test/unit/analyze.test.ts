/** The pipeline on real inputs: rescans reuse unchanged files, bad files never lose the scan. */
import { strict as assert } from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeWorkspace, ParseCache } from '../../src/core/analyze';
import { nodeFileSource } from '../../src/node/file-source';
import { engine, FIXTURES } from './helpers/engine';

async function copyDir(from: string, to: string): Promise<void> {
  await fs.cp(from, to, { recursive: true });
}

describe('analysis pipeline', function () {
  this.timeout(60_000);

  it('reuses unchanged files on a rescan and re-parses a changed one', async () => {
    const e = await engine();
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sr-cache-'));
    await copyDir(path.join(FIXTURES, 'python-service'), root);
    const cache = new ParseCache();
    const scan = () => analyzeWorkspace(nodeFileSource(root), { rootLabel: root, knowledge: e.knowledge, treeSitter: e.treeSitter, parseCache: cache });
    const first = await scan();
    assert.equal(cache.hits, 0);
    const second = await scan();
    assert.equal(cache.hits, first.languages.reduce((n, l) => n + l.files, 0), 'every source file comes from the cache');
    assert.deepEqual(second.technologies.map((t) => t.id), first.technologies.map((t) => t.id));
    assert.deepEqual(second.skills.map((s) => s.status), first.skills.map((s) => s.status));

    // Add a FastAPI import to an existing module: the rescan must see it.
    const routes = path.join(root, 'app', 'routes.py');
    await fs.writeFile(routes, 'from fastapi import FastAPI\n' + (await fs.readFile(routes, 'utf8')));
    const later = new Date(Date.now() + 5000);
    await fs.utimes(routes, later, later);
    const third = await scan();
    assert.equal(cache.hits, second.languages.reduce((n, l) => n + l.files, 0) - 1);
    const fastapi = third.technologies.find((t) => t.id === 'fastapi');
    assert.ok(fastapi?.evidence.some((ev) => ev.path === 'app/routes.py' && ev.line === 1), JSON.stringify(fastapi));
  });

  it('keeps scanning past broken files and reports each problem', async () => {
    const r = await (await engine()).scan(path.join(FIXTURES, 'broken'));
    assert.ok(r.technologies.some((t) => t.id === 'flask'));
    assert.ok(r.warnings.some((w) => /^package\.json: /.test(w)), r.warnings.join('\n'));
    assert.ok(r.warnings.some((w) => /^pom\.xml: /.test(w)), r.warnings.join('\n'));
    assert.ok(r.warnings.some((w) => /^pyproject\.toml: /.test(w)), r.warnings.join('\n'));
    const reasons = Object.fromEntries(r.stats.skipped.map((s) => [s.path, s.reason]));
    assert.equal(reasons['data.bin'], 'binary file');
    assert.match(reasons['static/app.min.js'] ?? '', /^too large/);
    assert.ok(r.languages.some((l) => l.id === 'python' && l.files >= 2), 'the odd-named Python file is read too');
  });
});
