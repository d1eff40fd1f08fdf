/**
 * Incremental rescans (src/core/incremental.ts): a rescan that reuses the last scan's file list,
 * texts, regex hits, rule matches and git history gives exactly the analysis a fresh scan gives,
 * while doing only the changed files' work. Work is asserted (files stated, read, parsed, git
 * objects read), never time.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as git from 'isomorphic-git';
import { analyzeWorkspace, ParseCache, type ScanProfile } from '../../src/core/analyze';
import { nodeFileSource } from '../../src/node/file-source';
import type { AnalysisResult, FileSource } from '../../src/core/types';
import { FIXTURES, engine } from './helpers/engine';

const now = () => Date.parse('2026-11-21T00:00:00Z');

/** A result without timing and byte counts (a rescan reads fewer bytes: that is the point). */
function comparable(r: AnalysisResult): unknown {
  return JSON.parse(JSON.stringify({ ...r, stats: { ...r.stats, durationMs: 0, bytes: 0 } }));
}

function copyDir(from: string): string {
  const to = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-incremental-'));
  fs.cpSync(from, to, { recursive: true });
  return to;
}

/** Appends text to a file and moves its mtime forward (a save). */
function save(dir: string, rel: string, append: string): void {
  const abs = path.join(dir, rel);
  fs.appendFileSync(abs, append);
  const t = new Date(Date.now() + 5000);
  fs.utimesSync(abs, t, t);
}

/** A FileSource that counts what it is asked to do. */
function counting(source: FileSource): FileSource & { calls: Record<string, number>; reads: string[] } {
  const calls: Record<string, number> = { readDir: 0, stat: 0, readFile: 0, readRange: 0 };
  const reads: string[] = [];
  return {
    calls,
    reads,
    readDir: (p) => (calls.readDir++, source.readDir(p)),
    stat: (p) => (calls.stat++, source.stat(p)),
    readFile: (p, o) => (calls.readFile++, reads.push(p), source.readFile(p, o)),
    readRange: source.readRange ? (p, o, l) => (calls.readRange++, reads.push(p), source.readRange!(p, o, l)) : undefined,
    realPath: source.realPath ? (p) => source.realPath!(p) : undefined,
  };
}

const profile = (): ScanProfile => ({ phases: {}, parsedBytes: 0, computed: 0, reused: 0 });

describe('incremental rescans', function () {
  this.timeout(300_000);

  const cases: { fixture: string; file: string; append: string }[] = [
    { fixture: 'node-ts-service', file: 'src/routes/orders.ts', append: "\nimport Redis from 'ioredis';\nexport const cache = new Redis();\n" },
    { fixture: 'python-service', file: 'app/routes.py', append: '\nimport redis\ncache = redis.Redis()\n' },
    { fixture: 'monorepo', file: 'packages/api/src/orders/orders.service.ts', append: "\nconst q = 'SELECT * FROM users WHERE id = ' + req.params.id;\ndb.query(q);\n" },
  ];
  for (const c of cases) {
    it(`a save re-derives only that file and gives what a fresh scan gives (${c.fixture})`, async () => {
      const e = await engine();
      const dir = copyDir(path.join(FIXTURES, c.fixture));
      assert.ok(fs.existsSync(path.join(dir, c.file)), `${c.file} exists in the fixture`);
      try {
        const cache = new ParseCache();
        const first = await e.scan(dir, { now, parseCache: cache });
        save(dir, c.file, c.append);
        const src = counting(nodeFileSource(dir));
        const p = profile();
        const again = await analyzeWorkspace(src, { rootLabel: dir, knowledge: e.knowledge, treeSitter: e.treeSitter, now, parseCache: cache, profile: p, changed: [c.file], personal: { enabled: false } });
        const fresh = await analyzeWorkspace(nodeFileSource(dir), { rootLabel: dir, knowledge: e.knowledge, treeSitter: e.treeSitter, now, personal: { enabled: false } });
        assert.deepEqual(comparable(again), comparable(fresh));
        assert.notDeepEqual(comparable(again), comparable({ ...first, person: undefined }), 'the save changed the analysis');
        // The work of a rescan: one file stated, listed folders none, one source file parsed, and
        // no file read but the saved one (git files aside).
        assert.equal(p.enumerationReused, true);
        assert.equal(src.calls.readDir, 0, 'no folder listed again');
        assert.equal(p.computed, 1, 'one file parsed');
        assert.ok((p.textsReused ?? 0) > 0, 'texts served from memory');
        assert.deepEqual(src.reads.filter((r) => !r.startsWith('.git')), [c.file]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('a rescan without a list of changes lists the workspace again and sees created and deleted files', async () => {
    const e = await engine();
    const dir = copyDir(path.join(FIXTURES, 'node-ts-service'));
    try {
      const cache = new ParseCache();
      await e.scan(dir, { now, parseCache: cache });
      fs.writeFileSync(path.join(dir, 'src/worker.py'), 'import celery\napp = celery.Celery()\n');
      fs.rmSync(path.join(dir, 'Dockerfile'), { force: true });
      // A watcher's list that names an unknown path falls back to listing, too.
      const p = profile();
      const again = await e.scan(dir, { now, parseCache: cache, profile: p, changed: ['src/worker.py'] });
      const fresh = await e.scan(dir, { now });
      assert.equal(p.enumerationReused, false);
      assert.deepEqual(comparable(again), comparable(fresh));
      assert.ok(again.technologies.some((t) => t.id === 'celery'), 'the created file is read');
      const p2 = profile();
      const third = await e.scan(dir, { now, parseCache: cache, profile: p2 });
      assert.equal(p2.enumerationReused, false);
      assert.deepEqual(comparable(third), comparable(fresh));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('git history is read again only when HEAD or a ref moves', async () => {
    const e = await engine();
    const dir = copyDir(path.join(FIXTURES, 'node-ts-service'));
    const author = (ts: number) => ({ name: 'Ada', email: 'ada@example.com', timestamp: ts, timezoneOffset: 0 });
    try {
      await git.init({ fs, dir, defaultBranch: 'main' });
      await git.add({ fs, dir, filepath: '.' });
      await git.commit({ fs, dir, message: 'feat: orders service', author: author(1_760_000_000) });
      const cache = new ParseCache();
      const scan = async (changed?: string[]) => {
        const src = counting(nodeFileSource(dir));
        const r = await analyzeWorkspace(src, { rootLabel: dir, knowledge: e.knowledge, treeSitter: e.treeSitter, now, parseCache: cache, changed, personal: { enabled: false } });
        return { r, objectReads: src.reads.filter((p) => p.startsWith('.git/objects/')).length };
      };
      const first = await scan();
      assert.ok(first.objectReads > 0, 'the first scan reads git objects');
      const history = (r: AnalysisResult) => r.practices.find((x) => x.id === 'git-history');
      assert.ok(history(first.r));
      const same = await scan([]);
      assert.equal(same.objectReads, 0, 'unchanged refs: no git object read');
      assert.deepEqual(comparable(same.r), comparable(first.r));
      fs.writeFileSync(path.join(dir, 'NOTES.md'), 'notes\n');
      await git.add({ fs, dir, filepath: 'NOTES.md' });
      await git.commit({ fs, dir, message: 'docs: notes', author: author(1_760_100_000) });
      const moved = await scan();
      assert.ok(moved.objectReads > 0, 'a new commit: history read again');
      const fresh = await analyzeWorkspace(nodeFileSource(dir), { rootLabel: dir, knowledge: e.knowledge, treeSitter: e.treeSitter, now, personal: { enabled: false } });
      assert.deepEqual(comparable(moved.r), comparable(fresh));
      assert.notDeepEqual(comparable(moved.r), comparable(first.r));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
