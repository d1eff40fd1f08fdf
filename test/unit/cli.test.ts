import { strict as assert } from 'assert';
import { Writable } from 'stream';
import * as path from 'path';
import { main } from '../../src/cli/main';
import * as fs from 'fs';
import * as os from 'os';
import { FIXTURES, REPO } from './helpers/engine';
import { buildTeamRepo, teamDates } from '../fixtures/git/team-repo';

function sink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk, _enc, cb) {
      w.text += chunk.toString();
      cb();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}

async function run(...args: string[]) {
  const out = sink();
  const err = sink();
  const code = await main(args, { out, err });
  return { code, out: out.text, err: err.text };
}

describe('CLI', function () {
  this.timeout(60_000);

  it('prints one clear error line and exits 2 for a missing folder', async () => {
    const r = await run('scan', path.join(REPO, 'no/such/folder'));
    assert.equal(r.code, 2);
    assert.match(r.err, /^skill-radar: cannot scan .*no\/such\/folder: folder not found\n$/);
    assert.doesNotMatch(r.err, /\n\s+at /);
  });

  it('exits 2 with usage for a bad option value', async () => {
    const r = await run('scan', '--format', 'xml');
    assert.equal(r.code, 2);
    assert.match(r.err, /--format must be text, json or markdown/);
  });

  it('scans a file path as an error, not a crash', async () => {
    const r = await run('scan', path.join(REPO, 'package.json'));
    assert.equal(r.code, 2);
    assert.match(r.err, /not a folder/);
  });

  it('emits the JSON contract (schemaVersion 1) with evidence', async () => {
    const r = await run('scan', path.join(FIXTURES, 'node-ts-service'), '--format', 'json');
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.schemaVersion, 1);
    assert.equal(j.root, path.join(FIXTURES, 'node-ts-service'));
    for (const k of ['files', 'parsedFiles', 'bytes', 'durationMs', 'skipped']) assert.ok(k in j.stats, k);
    const express = j.technologies.find((t: { id: string }) => t.id === 'express');
    assert.equal(express.category, 'framework');
    assert.ok(express.evidence.some((e: { path: string; line: number }) => e.path === 'package.json' && e.line > 0));
    const skill = j.skills.find((s: { id: string }) => s.id === 'rest-api-design');
    assert.ok(['demonstrated', 'partial'].includes(skill.status));
    assert.ok(Array.isArray(skill.suggestions));
    assert.ok(Array.isArray(j.practices));
  });

  it('scans the bundled sample when no folder is given', async () => {
    const r = await run('scan', '--no-color');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Skill Radar — .*sample/);
    assert.match(r.out, /Next steps for mid backend/);
    assert.match(r.out, /Express/);
  });

  it('renders Markdown', async () => {
    const r = await run('scan', path.join(FIXTURES, 'python-service'), '--format', 'markdown');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^# Skill Radar report/);
    assert.match(r.out, /Flask/);
  });

  it('scans this repository into the contract with its real stack, and nothing from test data', async () => {
    const r = await run('scan', REPO, '--format', 'json');
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    const ids = new Set(j.technologies.map((t: { id: string }) => t.id));
    for (const id of ['vscode-extension-api', 'tree-sitter', 'esbuild', 'mocha', 'playwright', 'ajv']) assert.ok(ids.has(id), `${id} missing`);
    const vscodeApi = j.technologies.find((t: { id: string }) => t.id === 'vscode-extension-api');
    assert.ok(vscodeApi.evidence.some((e: { path: string; line: number }) => e.path === 'src/extension/extension.ts' && e.line > 0));
    // Fixture projects, regex strings in data/ and handlers quoted in tests are not this repository's stack.
    for (const id of ['cloudformation', 'aws', 'spring-boot', 'django', 'rails', 'laravel']) assert.ok(!ids.has(id), `${id} wrongly detected`);
    assert.ok(!j.stats.skipped.some((s: { path: string }) => s.path.startsWith('node_modules')), 'node_modules is excluded, not skipped');
  });

  describe('personal lens (--author, --format profile, profile DIR...)', () => {
    let repo: string;
    // The CLI reads the real clock: the history is dated relative to it.
    const now = Date.now();
    const dates = teamDates(now);
    before(async () => {
      repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-cli-team-'));
      await buildTeamRepo(repo, now);
    });

    it('takes --author (repeatable) over git config and says who you are in the text report', async () => {
      const r = await run('scan', repo, '--author', 'bob@example', '--author', 'carol@', '--format', 'json');
      assert.equal(r.code, 0, r.err);
      const person = JSON.parse(r.out).person;
      assert.deepEqual(person.emails.sort(), ['bob@example.com', 'carol@example.com']);
      assert.equal(person.identitySource, '--author');
      const text = await run('scan', repo, '--no-color');
      assert.match(text.out, new RegExp(`^You: Ada <ada@example\\.com> and 1 more email \\(user\\.email in \\.git/config\\) · 5 of 10 commits, ${dates.adaAliasDocker} to ${dates.adaReformat} · \\d+ skills shown by your commits`, 'm'));
      assert.match(text.out, /REST API design — .* · you: yours/);
    });

    it('writes the profile with --format profile and merges checkouts with profile DIR...', async () => {
      const one = await run('scan', repo, '--format', 'profile');
      assert.equal(one.code, 0, one.err);
      assert.match(one.out, /^## Skills shown in code: Ada\n/);
      const two = await run('profile', repo, path.join(FIXTURES, 'node-ts-service'));
      assert.equal(two.code, 0);
      assert.match(two.out, /### Across my projects/);
      assert.match(two.err, /node-ts-service: no git history or no identity/);
    });

    it('rejects a bad --half-life and a profile without folders', async () => {
      assert.equal((await run('scan', '--half-life', 'soon')).code, 2);
      const r = await run('profile');
      assert.equal(r.code, 2);
      assert.match(r.err, /profile needs at least one folder/);
    });
  });
});
