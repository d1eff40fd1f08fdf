import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createEngine, type Engine } from '../../src/node/engine';
import { ScanClient } from '../../src/node/scan-client';
import { nodeFileSource } from '../../src/node/file-source';
import { cacheFile } from '../../src/node/facts-cache';
import type { ScanProfile } from '../../src/core/analyze';
import type { AnalysisResult } from '../../src/core/types';
import { applyTarget, rankSteps, toNextStep } from '../../src/core/guidance';
import { hoverCardAt } from '../../src/core/hover';
import { FIXTURES, REPO, SOURCE_LAYOUT, engine } from './helpers/engine';

/** Workers run the TypeScript sources through tsx, as the unit tier does. */
const TSX = ['--require', 'tsx/cjs'];
const PARSE_WORKER = path.join(REPO, 'src/node/parse-worker.ts');
const SCAN_WORKER = path.join(REPO, 'src/node/scan-worker.ts');

/** A result without its timing, for comparing scans. */
function comparable(r: AnalysisResult): unknown {
  return { ...r, stats: { ...r.stats, durationMs: 0 } };
}

function copyDir(from: string): string {
  const to = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-workers-'));
  fs.cpSync(from, to, { recursive: true });
  return to;
}

describe('scans in worker threads', function () {
  // A hang guard: workers load TypeScript sources through tsx here, which is slow on a busy machine.
  this.timeout(300_000);
  let pooled: Engine;
  before(async () => {
    // inProcessBelowBytes 0: the fixtures are small enough to be parsed in process otherwise.
    pooled = await createEngine(SOURCE_LAYOUT, { workers: 2, parseWorker: PARSE_WORKER, workerExecArgv: TSX, inProcessBelowBytes: 0 });
  });
  after(() => pooled.dispose());

  for (const name of ['monorepo', 'node-ts-service', 'python-service']) {
    it(`a pool of 2 parse workers gives the same analysis as parsing in process (${name})`, async () => {
      const dir = path.join(FIXTURES, name);
      const now = () => Date.parse('2026-11-21T00:00:00Z');
      const inProcess = await (await engine()).scan(dir, { now });
      const profile: ScanProfile = { phases: {}, parsedBytes: 0, computed: 0, reused: 0 };
      const parallel = await pooled.scan(dir, { now, profile });
      assert.ok(pooled.pool, 'the engine has a pool');
      assert.ok(parallel.stats.parsedFiles > 0);
      assert.equal(profile.computed, parallel.languages.reduce((n, l) => n + l.files, 0));
      assert.deepEqual(comparable(parallel), comparable(inProcess));
    });
  }

  it('a small workspace is parsed in process without starting the pool, with the same analysis (the CLI on the sample)', async () => {
    const small = await createEngine(SOURCE_LAYOUT, { workers: 2, parseWorker: PARSE_WORKER, workerExecArgv: TSX });
    try {
      const dir = path.join(FIXTURES, 'node-ts-service');
      const now = () => Date.parse('2026-11-21T00:00:00Z');
      const profile: ScanProfile = { phases: {}, parsedBytes: 0, computed: 0, reused: 0 };
      const r = await small.scan(dir, { now, profile });
      assert.ok(profile.computed > 0, 'source was parsed');
      assert.equal(small.pool?.started, false, 'no parse worker was started');
      assert.deepEqual(comparable(r), comparable(await (await engine()).scan(dir, { now })));
    } finally {
      small.dispose();
    }
  });

  it('a parse worker that cannot start fails only the parsing: files are still counted, with a warning each', async () => {
    const broken = await createEngine(SOURCE_LAYOUT, { workers: 1, parseWorker: path.join(REPO, 'no/such/worker.js'), inProcessBelowBytes: 0 });
    try {
      const r = await broken.scan(path.join(FIXTURES, 'node-ts-service'));
      assert.equal(r.stats.parsedFiles, 0);
      assert.ok(r.languages.some((l) => l.id === 'typescript' && l.files > 0), 'languages still counted');
      assert.ok(r.warnings.some((w) => /could not be parsed/.test(w)), r.warnings.join('\n'));
      assert.ok(r.technologies.some((t) => t.declared), 'manifests still read');
    } finally {
      broken.dispose();
    }
  });

  describe('cross-session cache of per-file facts', () => {
    it('a second session reuses every file, a touched file alone is parsed again, and the analysis is unchanged', async () => {
      const dir = copyDir(path.join(FIXTURES, 'node-ts-service'));
      const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-cache-'));
      const now = () => Date.parse('2026-11-21T00:00:00Z');
      const first: ScanProfile = { phases: {}, parsedBytes: 0, computed: 0, reused: 0 };
      const a = await pooled.scan(dir, { cacheDir, now, profile: first });
      assert.ok(first.computed > 0);
      assert.equal(first.reused, 0);
      assert.ok(fs.existsSync(cacheFile(cacheDir, dir)), 'cache file written');

      // A new engine is a new session: only the cache folder carries over.
      const e2 = await createEngine(SOURCE_LAYOUT, { workers: false });
      try {
        const second: ScanProfile = { phases: {}, parsedBytes: 0, computed: 0, reused: 0 };
        const b = await e2.scan(dir, { cacheDir, now, profile: second });
        assert.equal(second.computed, 0);
        assert.equal(second.reused, first.computed);
        assert.deepEqual(comparable(b), comparable(a));

        const src = a.languages.find((l) => l.id === 'typescript')!.evidence[0].path;
        const later = new Date(Date.now() + 5000);
        fs.utimesSync(path.join(dir, src), later, later);
        const third: ScanProfile = { phases: {}, parsedBytes: 0, computed: 0, reused: 0 };
        await e2.scan(dir, { cacheDir, now, profile: third });
        assert.equal(third.computed, 1);
        assert.equal(third.reused, first.computed - 1);
      } finally {
        e2.dispose();
      }
    });

    it('ignores a damaged cache file or one of another knowledge version', async () => {
      const dir = path.join(FIXTURES, 'python-service');
      const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-cache-'));
      fs.writeFileSync(cacheFile(cacheDir, dir), 'not a cache');
      const p1: ScanProfile = { phases: {}, parsedBytes: 0, computed: 0, reused: 0 };
      const r = await pooled.scan(dir, { cacheDir, profile: p1 });
      assert.ok(p1.computed > 0 && p1.reused === 0);
      assert.ok(!r.warnings.some((w) => /cache/.test(w)), r.warnings.join('\n'));
      // Same files, another version (as after a change of queries): nothing is reused.
      const other = await createEngine(SOURCE_LAYOUT, { workers: false });
      try {
        (other as { factsVersion: string }).factsVersion = 'another-version';
        const p2: ScanProfile = { phases: {}, parsedBytes: 0, computed: 0, reused: 0 };
        await other.scan(dir, { cacheDir, profile: p2 });
        assert.equal(p2.reused, 0);
      } finally {
        other.dispose();
      }
    });

    it('a cache folder that cannot be written becomes a warning, not a failed scan', async () => {
      const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sr-cache-')), 'file');
      fs.writeFileSync(blocker, 'a file where the cache folder should be');
      const r = await pooled.scan(path.join(FIXTURES, 'python-service'), { cacheDir: path.join(blocker, 'cache') });
      assert.ok(r.skills.length > 0);
      assert.ok(r.warnings.some((w) => /scan cache could not be saved/.test(w)), r.warnings.join('\n'));
    });
  });

  describe('the scan worker (the extension host only receives results)', () => {
    let client: ScanClient;
    beforeEach(() => {
      client = new ScanClient(SCAN_WORKER, SOURCE_LAYOUT, TSX);
    });
    afterEach(() => client.dispose());

    it('scans a local folder in the worker, reporting progress by files, and keeps facts for the next scan', async () => {
      const dir = path.join(FIXTURES, 'monorepo');
      const progress: [string, number | undefined, number | undefined][] = [];
      const a = await client.scan({ key: dir, folder: dir, rootLabel: dir, onProgress: (p, d, t) => progress.push([p, d, t]) });
      const inProcess = await (await engine()).scan(dir);
      assert.deepEqual(comparable({ ...a.result, stats: { ...a.result.stats } }), comparable(inProcess));
      assert.ok(progress.some(([p]) => p === 'parsing source'));
      const last = progress.filter(([, d]) => d !== undefined).pop()!;
      assert.equal(last[1], last[2], 'progress ends at all files');
      assert.equal(a.hits, 0);
      const b = await client.scan({ key: dir, folder: dir, rootLabel: dir });
      assert.equal(b.hits, a.profile.computed, 'the rescan reuses every file');
      assert.equal(b.profile.computed, 0);
    });

    it('scans a folder served by the caller (a remote or virtual file system)', async () => {
      const dir = path.join(FIXTURES, 'python-service');
      const source = nodeFileSource(dir);
      let reads = 0;
      const counted = { ...source, readFile: (p: string) => (reads++, source.readFile(p)) };
      const r = await client.scan({ key: 'vscode-vfs://x/python-service', source: counted, rootLabel: 'vscode-vfs://x/python-service' });
      assert.equal(r.result.root, 'vscode-vfs://x/python-service');
      assert.ok(reads > 0, 'files were read through the caller');
      const local = await (await engine()).scan(dir);
      assert.deepEqual(r.result.technologies, local.technologies);
      assert.deepEqual(r.result.skills, local.skills);
    });

    it('re-ranks for another target and answers hover cards in the worker, from the last result (no rescan)', async () => {
      const dir = path.join(FIXTURES, 'node-ts-service');
      const k = (await engine()).knowledge;
      const a = await client.scan({ key: dir, folder: dir, rootLabel: dir });
      assert.deepEqual(a.steps, rankSteps(k, a.result, a.result.target).map(toNextStep), 'the scan carries its whole ranking');
      assert.deepEqual(a.steps.slice(0, a.result.nextSteps.length), a.result.nextSteps);
      const senior = await client.retarget(dir, { level: 'senior', role: 'backend' });
      assert.equal(senior.result.target.level, 'senior');
      assert.equal(senior.profile.computed + senior.hits, 0, 'nothing was scanned');
      const expected = applyTarget(k, a.result, { level: 'senior', role: 'backend' });
      assert.deepEqual(senior.result, expected);
      assert.deepEqual(senior.steps, rankSteps(k, expected, expected.target).map(toNextStep));
      // A hover card on an import the scan found, as the extension's HoverProvider asks for it.
      const ev = a.result.technologies.flatMap((t) => t.evidence.map((e) => ({ t, e }))).find(({ e }) => /^import /.test(e.detail) && e.column !== undefined)!;
      assert.ok(ev, 'an import with a span');
      const card = await client.hoverCard(dir, ev.e.path, ev.e.line!, ev.e.column!);
      assert.deepEqual(card, hoverCardAt(k, expected, ev.e.path, ev.e.line!, ev.e.column!));
      assert.equal(await client.hoverCard(dir, ev.e.path, 100_000, 0), undefined);
      await assert.rejects(client.retarget('never-scanned', { level: 'mid', role: 'backend' }), /no result/);
    });

    it("a new session shows the last session's saved result before scanning (a reopened workspace)", async () => {
      const dir = path.join(FIXTURES, 'python-service');
      const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-saved-'));
      await assert.rejects(client.saved(dir, cacheDir), /no saved result/);
      const first = await client.scan({ key: dir, folder: dir, rootLabel: dir, cacheDir });
      // The worker saves after posting the result; a request queued behind the scan runs once it has.
      await client.retarget(dir, first.result.target);
      client.dispose();
      // A new worker is a new session: only the cache folder carries over.
      client = new ScanClient(SCAN_WORKER, SOURCE_LAYOUT, TSX);
      const shown = await client.saved(dir, cacheDir);
      assert.deepEqual(shown.result, first.result);
      assert.deepEqual(shown.steps, first.steps);
      assert.equal(shown.profile.computed + shown.hits, 0, 'nothing was scanned to show it');
      // Re-ranks work from it before the scan has run.
      const senior = await client.retarget(dir, { level: 'senior', role: 'backend' });
      assert.equal(senior.result.target.level, 'senior');
      // Another engine version (here: another folder key) has nothing saved.
      await assert.rejects(client.saved(dir + '-elsewhere', cacheDir), /no saved result/);
    });

    it('cancels a scan', async () => {
      const dir = path.join(FIXTURES, 'monorepo');
      const ac = new AbortController();
      const p = client.scan({ key: dir, folder: dir, rootLabel: dir, signal: ac.signal });
      ac.abort();
      await assert.rejects(p, /cancelled/);
      // The worker is still usable afterwards.
      const r = await client.scan({ key: dir, folder: dir, rootLabel: dir });
      assert.ok(r.result.skills.length > 0);
    });
  });
});
