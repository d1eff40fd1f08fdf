/**
 * Scans every fixture workspace under test/fixtures that has an expected.json and checks what
 * must be found (technology, file, exact 1-based line) and what the traps must not trigger.
 */
import { strict as assert } from 'assert';
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import type { AnalysisResult } from '../../src/core/types';
import { engine, FIXTURES } from './helpers/engine';

interface Expected {
  technologies: { must: { id: string; path?: string; line?: number }[]; mustNot: string[] };
}

const fixtureDirs = readdirSync(FIXTURES).filter((d) => existsSync(path.join(FIXTURES, d, 'expected.json')));
const cache = new Map<string, Promise<AnalysisResult>>();

/** Scans a fixture once per test run. */
export function scanFixture(name: string): Promise<AnalysisResult> {
  let p = cache.get(name);
  if (!p) {
    p = engine().then((e) => e.scan(path.join(FIXTURES, name), { now: () => Date.parse('2026-11-21T00:00:00Z') }));
    cache.set(name, p);
  }
  return p;
}

describe('fixture workspaces: technologies with evidence', function () {
  this.timeout(60_000);
  for (const dir of fixtureDirs) {
    const expected = JSON.parse(readFileSync(path.join(FIXTURES, dir, 'expected.json'), 'utf8')) as Expected;
    describe(dir, () => {
      for (const m of expected.technologies.must) {
        it(`finds ${m.id}${m.path ? ` in ${m.path}${m.line ? `:${m.line}` : ''}` : ''}`, async () => {
          const r = await scanFixture(dir);
          const t = r.technologies.find((x) => x.id === m.id);
          assert.ok(t, `${m.id} not detected; found: ${r.technologies.map((x) => x.id).join(', ')}`);
          if (m.path) {
            const hit = t.evidence.find((e) => e.path === m.path && (m.line === undefined || e.line === m.line));
            assert.ok(hit, `${m.id}: no evidence at ${m.path}:${m.line ?? ''}; evidence: ${t.evidence.map((e) => `${e.path}:${e.line ?? ''}`).join(', ')}`);
          }
        });
      }
      for (const id of expected.technologies.mustNot) {
        it(`does not report ${id} (trap)`, async () => {
          const r = await scanFixture(dir);
          const t = r.technologies.find((x) => x.id === id);
          assert.equal(t, undefined, `${id} wrongly detected: ${JSON.stringify(t?.evidence.slice(0, 3))}`);
        });
      }
    });
  }
});
