/**
 * Start-up work the CLI and the scan worker skip (issue 12, "pay only for what is there"): the JSON
 * Schema checks of a data/ folder the build already validated, and globs that cannot match a path.
 * Work is asserted (what is validated, which globs could match), never time.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import picomatch from 'picomatch';
import { createEngine, knowledgeDigest, stampKnowledge, type EngineLayout } from '../../src/node/engine';
import { globLiteral, KnowledgeError } from '../../src/core/knowledge';
import { FIXTURES, REPO, SOURCE_LAYOUT } from './helpers/engine';

function copyData(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-data-'));
  fs.cpSync(path.join(REPO, 'data'), dir, { recursive: true });
  return dir;
}

/** Every file under `dir`, relative, with forward slashes. */
function walk(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p, base) : [path.relative(base, p).split(path.sep).join('/')];
  });
}

describe('start-up', function () {
  this.timeout(120_000);

  describe('the build stamp of a validated data/ folder', () => {
    let data: string;
    let stamp: string;
    beforeEach(async () => {
      data = copyData();
      stamp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sr-stamp-')), 'knowledge.digest');
      await stampKnowledge(data, stamp);
    });
    afterEach(() => fs.rmSync(data, { recursive: true, force: true }));

    const layout = (): EngineLayout => ({ ...SOURCE_LAYOUT, dataDir: data, knowledgeDigest: stamp });
    /** A schema-invalid edit that breaks no cross-reference: only the JSON Schema checks see it. */
    const breakSchema = () => {
      const file = path.join(data, 'sources.json');
      const sources = JSON.parse(fs.readFileSync(file, 'utf8'));
      sources[0].sections.push('');
      fs.writeFileSync(file, JSON.stringify(sources, null, 2));
    };

    it('stamps the digest of the data it validated', () => {
      assert.match(fs.readFileSync(stamp, 'utf8').trim(), /^[0-9a-f]{64}$/);
    });

    it('data/ still matching the stamp is loaded without the schema checks; edited data/ is validated again', async () => {
      breakSchema();
      // Edited after the stamp: the digest differs, so the checks run and find the problem.
      await assert.rejects(createEngine(layout(), { workers: false }), (e: unknown) => e instanceof KnowledgeError && e.problems.some((p) => /sources\.json/.test(p)));
      // A stamp of this very data (as a build of it would write) skips the checks: the same data loads.
      const json = new Map(walk(data).filter((f) => f.endsWith('.json')).sort().map((f) => [f, fs.readFileSync(path.join(data, f), 'utf8')] as const));
      fs.writeFileSync(stamp, knowledgeDigest(json) + '\n');
      const e = await createEngine(layout(), { workers: false });
      try {
        assert.ok(e.knowledge.sources[0].sections.includes(''));
      } finally {
        e.dispose();
      }
    });

    it('a build whose data/ does not validate writes no stamp', async () => {
      breakSchema();
      const other = path.join(path.dirname(stamp), 'other.digest');
      await assert.rejects(stampKnowledge(data, other), KnowledgeError);
      assert.equal(fs.existsSync(other), false);
    });
  });

  it('a glob matches only paths that hold its literal, so the others are never tested against it', async () => {
    const globs: string[] = [];
    for (const f of fs.readdirSync(path.join(REPO, 'data/technologies'))) {
      for (const t of JSON.parse(fs.readFileSync(path.join(REPO, 'data/technologies', f), 'utf8'))) {
        for (const g of t.match?.files ?? []) globs.push(g);
        for (const c of t.match?.content ?? []) globs.push(c.files);
      }
    }
    const paths = fs.readdirSync(FIXTURES).flatMap((d) => (fs.statSync(path.join(FIXTURES, d)).isDirectory() ? walk(path.join(FIXTURES, d)) : []));
    let matched = 0;
    for (const g of globs) {
      const literal = globLiteral(g);
      const m = picomatch(g, { dot: true });
      for (const p of paths) {
        if (!m(p)) continue;
        matched++;
        assert.ok(p.includes(literal), `${g} matches ${p}, which lacks its literal "${literal}"`);
      }
    }
    assert.ok(matched > 200, `the fixtures exercise the globs (${matched} matches)`);
    assert.equal(globLiteral('**/openapi.{yaml,yml,json}'), 'openapi.');
    assert.equal(globLiteral('{.github/workflows/*.{yml,yaml},Jenkinsfile}'), '');
    assert.equal(globLiteral('**/hasura/metadata/**'), 'hasura/metadata/');
  });
});
