/**
 * The overview the radar view and the report draw (src/core/radar.ts) and the one-card hover
 * model, over real fixture scans.
 */
import { strict as assert } from 'assert';
import { promises as fs } from 'fs';
import { readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isEmptyResult, nextStepsOf, radarModel, techCategoryLabel } from '../../src/core/radar';
import { hoverCardAt, skillsReferencing } from '../../src/core/hover';
import { engine, FIXTURES } from './helpers/engine';

describe('radar model', function () {
  this.timeout(60_000);

  it('measures each category against the target level, with a headline, the stack and next steps', async () => {
    const r = await (await engine()).scan(path.join(FIXTURES, 'node-ts-service'));
    const m = radarModel(r);
    assert.equal(m.empty, false);
    assert.ok(m.axes.length >= 8, `axes: ${m.axes.map((a) => a.label).join(', ')}`);
    for (const a of m.axes) {
      assert.ok(a.expected > 0 && a.demonstrated + a.partial <= a.expected, JSON.stringify(a));
      assert.equal(a.score, Math.round((100 * (a.demonstrated + a.partial / 2)) / a.expected));
      assert.ok(a.label.length <= 15, `short label: ${a.label}`);
    }
    // Soft skills and other guidance-only skills are never an axis of "what the code shows".
    const expectedIds = r.skills.filter((s) => s.observable !== 'no' && s.status !== 'not-observable' && !s.optional && !s.aboveTarget).length;
    assert.equal(m.ready.of, expectedIds);
    assert.equal(m.headline, `Ready for mid: ${r.readiness.met} of ${r.readiness.total} core mid expectations shown`);
    const names = m.stack.map((c) => c.name);
    for (const want of ['TypeScript', 'Express', 'PostgreSQL']) assert.ok(names.includes(want), names.join());
    assert.ok(!names.includes('JavaScript'), `a 7-line jest.config.js is not the stack: ${names.join()}`);
    assert.ok(names.indexOf('Express') < names.indexOf('Docker'), 'the framework comes before the tooling');
    // The same steps, in the same order, as the engine's ranking (guidance.ts): the faces never re-rank.
    assert.deepEqual(m.nextSteps.map((st) => [st.skillId, st.text]), r.nextSteps.slice(0, 3).map((st) => [st.skill, st.text]));
    assert.equal(m.hasYou, false, 'no personal series without personal data');
  });

  it('leaves dismissed skills out of the next steps', async () => {
    const r = await (await engine()).scan(path.join(FIXTURES, 'node-ts-service'));
    const first = nextStepsOf(r)[0];
    assert.ok(first);
    assert.ok(!nextStepsOf(r, new Set([first.skillId])).some((s) => s.skillId === first.skillId));
  });

  it('draws a "you" series when skills carry personal findings', async () => {
    const r = await (await engine()).scan(path.join(FIXTURES, 'node-ts-service'));
    const person = { names: ['Ada'], emails: ['ada@example.com'], commits: 3, totalCommits: 10, identitySource: 'test', excluded: { merges: 0, bulk: 0 }, halfLifeMonths: 12 };
    const withYou = {
      ...r,
      person,
      skills: r.skills.map((s) => ({ ...s, personal: s.status === 'demonstrated' ? { status: 'authored' as const, files: 1, weight: 1 } : { status: 'none' as const, files: 0, weight: 0 } })),
    };
    const m = radarModel(withYou);
    assert.equal(m.hasYou, true);
    for (const a of m.axes) assert.equal(a.you, Math.round((100 * a.demonstrated) / a.expected));
    assert.equal(radarModel(r).hasYou, false);
  });

  it("lists the You lens's next steps in the You lens, the repository's otherwise", async () => {
    const r = await (await engine()).scan(path.join(FIXTURES, 'node-ts-service'));
    const yours = [...r.nextSteps].reverse();
    const person = { names: ['Ada'], emails: ['ada@example.com'], commits: 3, totalCommits: 10, identitySource: 'test', excluded: { merges: 0, bulk: 0 }, halfLifeMonths: 12, nextSteps: yours };
    const withYou = { ...r, person };
    assert.ok(r.nextSteps.length >= 2 && r.nextSteps[0].skill !== yours[0].skill);
    assert.deepEqual(radarModel(withYou, new Set(), 'you').nextSteps.map((s) => s.skillId), yours.slice(0, 3).map((s) => s.skill));
    assert.deepEqual(radarModel(withYou).nextSteps.map((s) => s.skillId), r.nextSteps.slice(0, 3).map((s) => s.skill));
    // Without a ranking of your own (no commits here), the You lens shows the repository's.
    assert.deepEqual(radarModel(r, new Set(), 'you').nextSteps.map((s) => s.skillId), r.nextSteps.slice(0, 3).map((s) => s.skill));
  });

  it('an empty folder is empty, not a wall of missing skills', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sr-empty-'));
    const r = await (await engine()).scan(dir);
    assert.equal(isEmptyResult(r), true);
    assert.equal(radarModel(r).empty, true);
    const nonEmpty = await (await engine()).scan(path.join(FIXTURES, 'go-service'));
    assert.equal(isEmptyResult(nonEmpty), false);
  });

  it('names technology categories in words', () => {
    assert.equal(techCategoryLabel('api-docs'), 'API documentation');
    assert.equal(techCategoryLabel('orm'), 'ORM');
    assert.equal(techCategoryLabel('some-new-thing'), 'Some new thing');
  });
});

describe('hover card', function () {
  this.timeout(60_000);

  it('one card for a manifest line with several technologies, crediting only its own skills', async () => {
    const e = await engine();
    const root = path.join(FIXTURES, 'java-gradle-kotlin');
    const r = await e.scan(root);
    const lines = readFileSync(path.join(root, 'build.gradle.kts'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('libs.spring.boot.starter.test')) + 1;
    assert.ok(line > 0);
    const onLine = r.technologies.filter((t) => t.evidence.some((ev) => ev.path === 'build.gradle.kts' && ev.line === line && !ev.detail.startsWith('implied by')));
    assert.ok(onLine.length >= 2, `several technologies on the line: ${onLine.map((t) => t.id).join()}`);
    const card = hoverCardAt(e.knowledge, r, 'build.gradle.kts', line, 10);
    assert.ok(card);
    assert.deepEqual(card.alsoOnLine, onLine.filter((t) => t !== card.tech).map((t) => t.name));
    const own = new Set(skillsReferencing(e.knowledge, card.tech));
    for (const s of card.countedToward) assert.ok(own.has(s.id), `${card.tech.id} credited with ${s.id}, which its rules do not name`);
  });

  it('picks the technology under the cursor on a source line and nothing off it', async () => {
    const e = await engine();
    const r = await e.scan(path.join(FIXTURES, 'node-ts-service'));
    const lines = readFileSync(path.join(FIXTURES, 'node-ts-service/src/app.ts'), 'utf8').split('\n');
    const line = lines.findIndex((l) => /from 'express'/.test(l));
    const card = hoverCardAt(e.knowledge, r, 'src/app.ts', line + 1, lines[line].indexOf("'express'") + 2);
    assert.equal(card?.tech.id, 'express');
    assert.ok(card.countedToward.some((s) => s.id === 'backend-framework'));
    assert.equal(hoverCardAt(e.knowledge, r, 'src/app.ts', line + 1, 0), undefined, 'the import keyword is not the module');
  });
});
