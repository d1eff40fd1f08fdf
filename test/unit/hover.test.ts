/** Hover content over real fixture scans: imports and manifest entries, with no rescan. */
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { hoverAt } from '../../src/core/hover';
import { engine, FIXTURES } from './helpers/engine';

describe('hover model', function () {
  this.timeout(60_000);

  it('explains an import of a detected framework at its exact columns', async () => {
    const e = await engine();
    const r = await e.scan(path.join(FIXTURES, 'node-ts-service'));
    const lines = readFileSync(path.join(FIXTURES, 'node-ts-service/src/app.ts'), 'utf8').split('\n');
    const line = lines.findIndex((l) => /from 'express'/.test(l));
    const col = lines[line].indexOf("'express'") + 2;
    const [h] = hoverAt(e.knowledge, r, 'src/app.ts', line + 1, col);
    assert.equal(h.tech.id, 'express');
    assert.match(h.usage, /^Used in \d+ files?, declared in a manifest · \d+ evidence locations?$/);
    assert.ok(h.countedToward.some((s) => s.id === 'backend-framework'), h.countedToward.map((s) => s.id).join());
    assert.deepEqual(hoverAt(e.knowledge, r, 'src/app.ts', line + 1, 0).map((x) => x.tech.id).includes('express'), false, 'the import keyword is not the module');
  });

  it('explains a manifest entry (pom.xml dependency line)', async () => {
    const e = await engine();
    const r = await e.scan(path.join(FIXTURES, 'java-spring-maven'));
    const pom = readFileSync(path.join(FIXTURES, 'java-spring-maven/pom.xml'), 'utf8').split('\n');
    const line = pom.findIndex((l) => l.includes('<artifactId>postgresql</artifactId>')) + 1;
    const ids = hoverAt(e.knowledge, r, 'pom.xml', line, 10).map((h) => h.tech.id);
    assert.ok(ids.includes('postgresql'), ids.join());
  });

  it('returns nothing where no technology has evidence', async () => {
    const e = await engine();
    const r = await e.scan(path.join(FIXTURES, 'node-ts-service'));
    assert.deepEqual(hoverAt(e.knowledge, r, 'README.md', 1, 0), []);
  });
});
