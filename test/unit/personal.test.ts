/**
 * The personal lens on a multi-author history built with isomorphic-git (test/fixtures/git/team-repo.ts):
 * identity from .git/config, .mailmap aliases, Co-authored-by credit, bots, merges and a mass
 * reformat left out, dates and decay, --author, the profile text, and the object reader that
 * streams packs (deltas included) by byte ranges.
 */
import { strict as assert } from 'assert';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as pako from 'pako';
import * as git from 'isomorphic-git';
import { engine } from './helpers/engine';
import { buildTeamRepo, TEAM_DATES } from '../fixtures/git/team-repo';
import type { AnalysisResult } from '../../src/core/types';
import { renderProfile, personalLabel } from '../../src/core/profile';
import { GitObjectStore } from '../../src/core/git/objects';
import { walkLog, diffTrees, parseTree } from '../../src/core/git/commits';
import { Mailmap, IdentityMatcher, isBotAuthor, coAuthors, resolveIdentity } from '../../src/core/git/identity';
import { webUrlOf, changedRegion, changedBytes, personalLens } from '../../src/core/git/personal';
import { nodeFileSource } from '../../src/node/file-source';
import { readGlobalGitConfig } from '../../src/node/git-config';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const noGlobal = async () => [];

describe('personal lens', function () {
  this.timeout(120_000);
  let repo: string;
  let ada: AnalysisResult;

  const scan = async (opts: { authors?: string[]; halfLifeMonths?: number } = {}) =>
    (await engine()).scan(repo, { now: () => NOW, personal: { globalConfig: noGlobal, authorsLabel: '--author', ...opts } });
  const skill = (r: AnalysisResult, id: string) => {
    const s = r.skills.find((x) => x.id === id);
    assert.ok(s, `skill ${id}`);
    return s;
  };

  before(async () => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-team-'));
    await buildTeamRepo(repo);
    ada = await scan();
  });

  it('takes you from user.email in .git/config and joins your .mailmap alias', () => {
    const p = ada.person!;
    assert.equal(p.identitySource, 'user.email in .git/config');
    assert.deepEqual(p.emails, ['ada@example.com', 'ada@old-laptop.local']);
    assert.deepEqual(p.names, ['Ada', 'Ada L.']);
    // Ada: the aliased Dockerfile commit, the co-authored auth commit, API, tests, the reformat. Not the merge.
    assert.equal(p.commits, 5);
    assert.equal(p.totalCommits, 10);
    assert.deepEqual(p.excluded, { merges: 1, bulk: 1 });
    assert.equal(p.firstCommit, TEAM_DATES.adaAliasDocker);
    assert.equal(p.lastCommit, TEAM_DATES.adaReformat);
    assert.equal(p.halfLifeMonths, 12);
    assert.deepEqual(p.repository, { name: path.basename(repo), webUrl: 'https://github.com/acme/orders-service', head: p.repository!.head });
  });

  it('shows, never counts, another author who shares your name under an email that is not yours', () => {
    assert.deepEqual(ada.person!.alsoNamed, [{ name: 'Ada', email: 'ada@personal.example', commits: 1 }]);
  });

  it('credits what your commits wrote: authored with the date of your latest commit behind it', () => {
    const rest = skill(ada, 'rest-api-design');
    assert.equal(rest.status, 'demonstrated');
    assert.equal(rest.personal?.status, 'authored');
    assert.equal(rest.personal?.lastShown, TEAM_DATES.adaTests);
    assert.equal(rest.personal?.firstShown, TEAM_DATES.adaApi);
    assert.ok(rest.personal!.evidence!.some((e) => e.path === 'src/routes/orders.ts' && e.line === 13 && /POST/.test(e.detail)), JSON.stringify(rest.personal));
    assert.ok(!rest.personal!.evidence!.some((e) => e.path === 'src/routes/health.ts'), "Carol's endpoint is not Ada's");
    const tests = skill(ada, 'api-testing');
    assert.equal(tests.personal?.status, 'authored');
    assert.equal(tests.personal?.lastShown, TEAM_DATES.adaTests);
  });

  it('credits the co-author of a Co-authored-by trailer', () => {
    const auth = skill(ada, 'authentication');
    assert.equal(auth.personal?.status, 'authored');
    assert.equal(auth.personal?.lastShown, TEAM_DATES.bobAuthWithAda);
    assert.ok(auth.personal!.evidence!.every((e) => e.path === 'src/auth.ts'));
  });

  it('does not credit a mass reformat: Bob\'s data layer stays Bob\'s', () => {
    const orm = skill(ada, 'orm');
    assert.equal(orm.status, 'demonstrated');
    // Ada only declared @prisma/client in package.json (a dependency line is never authorship).
    assert.equal(orm.personal?.status, 'touched');
    assert.ok(!(orm.personal?.evidence ?? []).length);
    assert.equal(skill(ada, 'database-optimization').personal?.status, 'none');
  });

  it('decays old work: the Dockerfile from 2021 reads as shown in 2021, not as demonstrated now', () => {
    const docker = skill(ada, 'docker');
    assert.equal(docker.personal?.status, 'authored');
    assert.equal(docker.personal?.lastShown, TEAM_DATES.adaAliasDocker);
    // Five years at a 12-month half-life: 1/32 or less.
    assert.ok(docker.personal!.weight < 0.04, String(docker.personal!.weight));
    assert.equal(personalLabel(docker.personal, 12, '2026-06-01'), 'shown in 2021');
    assert.equal(personalLabel(skill(ada, 'rest-api-design').personal, 12, '2026-06-01'), 'yours');
    // A recent finding keeps most of its weight: about four months old.
    const w = skill(ada, 'rest-api-design').personal!.weight;
    assert.ok(w > 0.7 && w < 0.85, String(w));
  });

  it('counts your files among a technology\'s: Express is used in 3 files, 2 written by Ada and 1 co-authored', () => {
    const express = ada.technologies.find((t) => t.id === 'express')!;
    assert.equal(express.usedInFiles, 3);
    assert.equal(express.personal?.files, 3);
    assert.deepEqual([...new Set(express.personal!.evidence!.map((e) => e.path))].sort(), ['src/app.ts', 'src/auth.ts', 'src/routes/orders.ts']);
  });

  it('--author picks another person, and the half-life is a setting', async () => {
    const bob = await scan({ authors: ['bob@example'] });
    assert.equal(bob.person?.identitySource, '--author');
    assert.deepEqual(bob.person?.emails, ['bob@example.com']);
    assert.equal(bob.person?.commits, 2);
    assert.equal(skill(bob, 'orm').personal?.status, 'authored');
    assert.equal(skill(bob, 'orm').personal?.lastShown, TEAM_DATES.bobDb);
    assert.equal(skill(bob, 'rest-api-design').personal?.status, 'none');
    assert.equal(skill(bob, 'docker').personal?.status, 'none');
    const slow = await scan({ halfLifeMonths: 120 });
    assert.ok(skill(slow, 'docker').personal!.weight > 0.6);
    assert.equal(slow.person?.halfLifeMonths, 120);
  });

  it('never counts bots, even when a pattern names one', async () => {
    const bot = await scan({ authors: ['dependabot'] });
    assert.equal(bot.person?.commits, 0);
    assert.ok(bot.skills.every((s) => !s.personal || s.personal.status === 'none'));
  });

  it('has no person without an identity, and leaves the repository view unchanged', async () => {
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-noid-'));
    fs.cpSync(repo, bare, { recursive: true });
    fs.writeFileSync(path.join(bare, '.git', 'config'), '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:acme/orders-service.git\n');
    const r = await (await engine()).scan(bare, { now: () => NOW, personal: { globalConfig: noGlobal } });
    assert.equal(r.person, undefined);
    assert.ok(r.skills.every((s) => s.personal === undefined));
    assert.deepEqual(r.skills.map((s) => s.status), ada.skills.map((s) => s.status));
  });

  it('writes a profile of only what your commits show, with links to the code on its host', () => {
    const text = renderProfile([ada], { today: '2026-06-01' });
    assert.match(text, /^## Skills shown in code: Ada\n/);
    assert.match(text, /5 commits of mine to \[.+\]\(https:\/\/github\.com\/acme\/orders-service\) \(2021-03 to 2026-03\), out of 10 read\./);
    assert.match(text, /- \*\*REST API design\*\*: Built 4 HTTP endpoints \(GET, POST, DELETE\).* across 3 files.*, 2026\. \[`src\/app\.ts:7`\]\(https:\/\/github\.com\/acme\/orders-service\/blob\/[0-9a-f]{40}\/src\/app\.ts#L7\)/);
    assert.match(text, /- \*\*Authentication and sessions\*\*: .*2025\./);
    assert.match(text, /#### Earlier work\n\n- \*\*Containerization \(Docker\)\*\*: .*, shown in 2021\. \[`Dockerfile:1`\]/);
    assert.doesNotMatch(text, /ORMs|src\/db\.ts|health\.ts|schema\.prisma/, 'nothing Bob or Carol wrote');
    assert.doesNotMatch(text, /\b28\b|demonstrated \d+\//, 'no repository totals');
  });

  it('merges several checkouts into one profile with a section per repository', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-team2-'));
    await buildTeamRepo(other);
    const second = await (await engine()).scan(other, { now: () => NOW, personal: { globalConfig: noGlobal } });
    const text = renderProfile([ada, second], { today: '2026-06-01' });
    assert.match(text, /### Across my projects\n\n- \*\*REST API design\*\*: .+, .+ \(2026\)/);
    assert.equal(text.match(/^### /gm)?.length, 3);
  });
});

describe('git identity (read, never executed)', function () {
  this.timeout(30_000);
  it('follows git precedence: repository, then ~/.gitconfig, then XDG; explicit patterns win', async () => {
    const repoConfig = { label: '.git/config', text: '[user]\n\tname = Repo Name\n' };
    const home = { label: '~/.gitconfig', text: '[user]\n\temail = Home@Example.com\n\tname = Home Name\n' };
    const xdg = { label: '$XDG_CONFIG_HOME/git/config', text: '[user]\n\temail = xdg@example.com\n' };
    assert.deepEqual(await resolveIdentity({ repoConfig, global: [home, xdg] }), { emails: ['home@example.com'], names: [], patterns: [], source: 'user.email in ~/.gitconfig' });
    assert.equal((await resolveIdentity({ repoConfig, global: [] }))?.source, 'user.name in .git/config');
    assert.deepEqual((await resolveIdentity({ explicit: ['ada'], explicitLabel: 'skillRadar.identities', repoConfig, global: [home] }))?.patterns, ['ada']);
    assert.equal(await resolveIdentity({ global: [{ label: 'x', text: '[user\n broken' }] }), undefined);
  });

  it('reads ~/.gitconfig and $XDG_CONFIG_HOME/git/config as text', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-home-'));
    fs.writeFileSync(path.join(home, '.gitconfig'), '[user]\n\temail = a@b.c\n');
    fs.mkdirSync(path.join(home, 'xdg', 'git'), { recursive: true });
    fs.writeFileSync(path.join(home, 'xdg', 'git', 'config'), '[user]\n\temail = x@y.z\n');
    const found = await readGlobalGitConfig({ XDG_CONFIG_HOME: path.join(home, 'xdg') }, home);
    assert.deepEqual(found.map((f) => f.label), ['~/.gitconfig', '$XDG_CONFIG_HOME/git/config']);
    assert.deepEqual(await readGlobalGitConfig({}, path.join(home, 'missing')), []);
  });

  it('follows includeIf "gitdir:…" and include in the global config, only to files under home, as git orders them', async () => {
    const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sr-inc-home-')));
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sr-inc-outside-')));
    fs.writeFileSync(path.join(outside, 'evil'), '[user]\n\temail = evil@outside.example\n');
    fs.symlinkSync(path.join(outside, 'evil'), path.join(home, '.link-out'));
    fs.mkdirSync(path.join(home, '.config', 'git'), { recursive: true });
    fs.writeFileSync(path.join(home, '.gitconfig-work'), '[user]\n\temail = ada@work.example\n[include]\n\tpath = ~/.gitconfig\n');
    fs.writeFileSync(path.join(home, '.config', 'git', 'oss'), '[user]\n\temail = ada@oss.example\n');
    fs.writeFileSync(
      path.join(home, '.gitconfig'),
      [
        '[user]',
        '\temail = ada@personal.example',
        '\tname = Ada',
        '[includeIf "gitdir:~/work/"]',
        '\tpath = .gitconfig-work   # relative to this file',
        '[includeIf "gitdir/i:~/OSS/"]',
        '\tpath = "~/.config/git/oss"',
        '[include]',
        `\tpath = ${path.join(outside, 'evil')}`,
        '\tpath = ~/.link-out',
        '\tpath = //fileserver/share/gitconfig',
        '[includeIf "onbranch:main"]',
        '\tpath = ~/.gitconfig-work',
      ].join('\n') + '\n',
    );
    const identity = async (gitdir?: string) => resolveIdentity({ global: await readGlobalGitConfig({}, home, { gitdir }) });
    const work = await identity(path.join(home, 'work', 'shop', '.git'));
    assert.deepEqual(work?.emails, ['ada@work.example']);
    assert.equal(work?.source, 'user.email in ~/.gitconfig-work (via includeIf "gitdir:~/work/" in ~/.gitconfig)');
    // gitdir/i: matched without regard to case; a cycle back to ~/.gitconfig is not read twice.
    assert.deepEqual((await identity(path.join(home, 'oss', 'lib', '.git')))?.emails, ['ada@oss.example']);
    // Elsewhere (or with no known git dir) only ~/.gitconfig's own lines count; never a file outside home,
    // a link leading out of it, a network path, or a condition other than gitdir.
    for (const gitdir of [path.join(home, 'play', '.git'), undefined]) {
      const id = await identity(gitdir);
      assert.deepEqual(id?.emails, ['ada@personal.example']);
      assert.equal(id?.source, 'user.email in ~/.gitconfig');
    }
    const parts = await readGlobalGitConfig({}, home, { gitdir: path.join(home, 'work', 'x', '.git') });
    assert.ok(!parts.some((p) => /evil@outside/.test(p.text) || /outside|fileserver/.test(p.label)), JSON.stringify(parts.map((p) => p.label)));
    // A line after the include outranks the included file, as in git.
    fs.appendFileSync(path.join(home, '.gitconfig'), '[user]\n\temail = ada@last.example\n');
    assert.deepEqual((await identity(path.join(home, 'work', 'shop', '.git')))?.emails, ['ada@last.example']);
  });

  it('takes the identity of an includeIf for the scanned repository in a real scan', async () => {
    const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sr-inc-scan-')));
    fs.writeFileSync(path.join(home, '.gitconfig'), '[user]\n\temail = ada@personal.example\n[includeIf "gitdir:~/work/"]\n\tpath = ~/.gitconfig-work\n');
    fs.writeFileSync(path.join(home, '.gitconfig-work'), '[user]\n\temail = ada@work.example\n');
    const dir = path.join(home, 'work', 'shop');
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"shop","dependencies":{"express":"^4.19.2"}}\n');
    fs.writeFileSync(path.join(dir, 'src', 'app.ts'), "import express from 'express';\nexport const app = express();\napp.get('/health', (_q, r) => r.json({ ok: true }));\n");
    await git.init({ fs, dir, defaultBranch: 'main' });
    for (const f of ['package.json', 'src/app.ts']) await git.add({ fs, dir, filepath: f });
    const sig = { name: 'Ada', email: 'ada@work.example', timestamp: Date.parse('2026-05-01T10:00:00Z') / 1000, timezoneOffset: 0 };
    await git.commit({ fs, dir, message: 'Health endpoint', author: sig, committer: sig });
    const r = await (await engine()).scan(dir, { now: () => NOW, personal: { globalConfig: (repo) => readGlobalGitConfig({}, home, repo) } });
    assert.equal(r.person?.identitySource, 'user.email in ~/.gitconfig-work (via includeIf "gitdir:~/work/" in ~/.gitconfig)');
    assert.deepEqual(r.person?.emails, ['ada@work.example']);
    assert.equal(r.person?.commits, 1);
  });

  it('maps .mailmap aliases in all four forms and matches like git --author', () => {
    const mm = Mailmap.parse('# team\nAda <ada@example.com> <ada@old.local>\n<ada@example.com> Ada Work <ada@corp.example>\nGrace Hopper <grace@example.com>\nnot a mapping line\n');
    const m = new IdentityMatcher({ emails: ['ada@example.com'], names: [], patterns: [], source: 't' }, mm);
    assert.ok(m.matches('Whoever', 'ADA@old.local'));
    assert.ok(m.matches('Ada Work', 'ada@corp.example'));
    assert.ok(!m.matches('Someone Else', 'ada@corp.example'), 'the name+email form maps only that pair');
    assert.equal(mm.canonical('g', 'grace@example.com').name, 'Grace Hopper');
    const p = new IdentityMatcher({ emails: [], names: [], patterns: ['^Grace', 'hopper@'], source: 't' });
    assert.ok(p.matches('Grace H', 'g@x') && p.matches('X', 'hopper@x') && !p.matches('Ada', 'ada@x'));
    assert.ok(new IdentityMatcher({ emails: [], names: [], patterns: ['[unclosed'], source: 't' }).matches('a [unclosed b', 'e'), 'a bad regex is a substring');
  });

  it('has one bot rule and reads Co-authored-by trailers', () => {
    for (const [n, e] of [['dependabot[bot]', 'x@users.noreply.github.com'], ['renovate[bot]', 'bot@renovateapp.com'], ['github-actions', '41898282+github-actions[bot]@users.noreply.github.com'], ['Release Bot', 'release@example.com']]) assert.ok(isBotAuthor(n, e), n);
    for (const [n, e] of [['Ada', 'ada@example.com'], ['Abbott', 'abbott@example.com'], ['Robotics Team', 'robotics@example.com']]) assert.ok(!isBotAuthor(n, e), n);
    assert.deepEqual(coAuthors('fix: x\n\nCo-authored-by: Bob B <bob@x.io>\nco-authored-by:C <c@d>\nSigned-off-by: D <d@e>'), [{ name: 'Bob B', email: 'bob@x.io' }, { name: 'C', email: 'c@d' }]);
  });

  it('turns remotes on known hosts into web addresses without credentials', () => {
    assert.equal(webUrlOf('git@github.com:acme/orders.git'), 'https://github.com/acme/orders');
    assert.equal(webUrlOf('https://ada:tok@gitlab.com/group/sub/proj.git'), 'https://gitlab.com/group/sub/proj');
    assert.equal(webUrlOf('ssh://git@bitbucket.org/team/repo.git'), 'https://bitbucket.org/team/repo');
    assert.equal(webUrlOf('https://git.internal.example/acme/orders.git'), undefined);
    assert.equal(webUrlOf('/srv/git/orders.git'), undefined);
  });
});

describe('git object reader (packs streamed by byte ranges)', function () {
  this.timeout(60_000);
  const sha = (type: string, data: Buffer) => crypto.createHash('sha1').update(`${type} ${data.length}\0`).update(data).digest('hex');
  const varint = (n: number) => {
    const out: number[] = [];
    do {
      let b = n & 0x7f;
      n = Math.floor(n / 128);
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return out;
  };
  const entryHeader = (type: number, size: number) => {
    const out = [((type & 7) << 4) | (size & 15)];
    size = Math.floor(size / 16);
    while (size) {
      out[out.length - 1] |= 0x80;
      out.push(size & 0x7f);
      size = Math.floor(size / 128);
    }
    return out;
  };
  const ofsEncode = (rel: number) => {
    const bytes = [rel & 0x7f];
    while ((rel = Math.floor(rel / 128))) bytes.unshift(0x80 | (--rel & 0x7f));
    return bytes;
  };

  /** A pack with a 150 KB base blob (spanning blocks), an OFS_DELTA and a REF_DELTA of it, and its v2 index. */
  function writePack(dir: string): Record<string, Buffer> {
    const base = crypto.randomBytes(150_000);
    const ofsTarget = Buffer.concat([base.subarray(0, 70_000), Buffer.from('inserted by an ofs delta\n'), base.subarray(100_000)]);
    const refTarget = Buffer.concat([Buffer.from('ref delta prefix\n'), base.subarray(0, 1000)]);
    const copy = (off: number, len: number) => {
      const op = [0x80];
      const args: number[] = [];
      for (let i = 0; i < 4; i++) if ((off >> (8 * i)) & 0xff) { op[0] |= 1 << i; args.push((off >> (8 * i)) & 0xff); }
      for (let i = 0; i < 3; i++) if ((len >> (8 * i)) & 0xff) { op[0] |= 16 << i; args.push((len >> (8 * i)) & 0xff); }
      return [...op, ...args];
    };
    const insert = (s: string) => [s.length, ...Buffer.from(s)];
    const ofsDelta = Buffer.from([...varint(base.length), ...varint(ofsTarget.length), ...copy(0, 65536), ...copy(65536, 70_000 - 65536), ...insert('inserted by an ofs delta\n'), ...copy(100_000, 50_000)]);
    const refDelta = Buffer.from([...varint(base.length), ...varint(refTarget.length), ...insert('ref delta prefix\n'), ...copy(0, 1000)]);
    const oids = { base: sha('blob', base), ofs: sha('blob', ofsTarget), ref: sha('blob', refTarget) };
    const parts: Buffer[] = [Buffer.from('PACK'), Buffer.from([0, 0, 0, 2, 0, 0, 0, 3])];
    const offsets: Record<string, number> = {};
    let at = 12;
    const push = (b: Buffer) => {
      parts.push(b);
      at += b.length;
    };
    offsets[oids.base] = at;
    push(Buffer.concat([Buffer.from(entryHeader(3, base.length)), Buffer.from(pako.deflate(base))]));
    offsets[oids.ofs] = at;
    push(Buffer.concat([Buffer.from(entryHeader(6, ofsDelta.length)), Buffer.from(ofsEncode(offsets[oids.ofs] - offsets[oids.base])), Buffer.from(pako.deflate(ofsDelta))]));
    offsets[oids.ref] = at;
    push(Buffer.concat([Buffer.from(entryHeader(7, refDelta.length)), Buffer.from(oids.base, 'hex'), Buffer.from(pako.deflate(refDelta))]));
    const body = Buffer.concat(parts);
    const packSum = crypto.createHash('sha1').update(body).digest();
    const pack = Buffer.concat([body, packSum]);
    const sorted = Object.keys(offsets).sort();
    const fanout = Buffer.alloc(1024);
    for (let i = 0; i < 256; i++) fanout.writeUInt32BE(sorted.filter((o) => parseInt(o.slice(0, 2), 16) <= i).length, i * 4);
    const off = Buffer.alloc(4 * sorted.length);
    sorted.forEach((o, i) => off.writeUInt32BE(offsets[o], i * 4));
    const idxBody = Buffer.concat([Buffer.from([0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2]), fanout, ...sorted.map((o) => Buffer.from(o, 'hex')), Buffer.alloc(4 * sorted.length), off, packSum]);
    const idx = Buffer.concat([idxBody, crypto.createHash('sha1').update(idxBody).digest()]);
    fs.mkdirSync(path.join(dir, '.git', 'objects', 'pack'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.git', 'objects', 'pack', 'pack-test.pack'), pack);
    fs.writeFileSync(path.join(dir, '.git', 'objects', 'pack', 'pack-test.idx'), idx);
    return { [oids.base]: base, [oids.ofs]: ofsTarget, [oids.ref]: refTarget };
  }

  it('resolves OFS and REF deltas across block boundaries without reading the pack whole', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-pack-'));
    const objects = writePack(dir);
    const source = nodeFileSource(dir);
    let wholeReads = 0;
    const counting = { ...source, readFile: (p: string) => (p.endsWith('.pack') && wholeReads++, source.readFile(p)) };
    const store = new GitObjectStore(counting, '.git');
    for (const [oid, data] of Object.entries(objects)) {
      const o = await store.read(oid);
      assert.equal(o.type, 'blob');
      assert.ok(Buffer.from(o.data).equals(data), oid);
    }
    assert.equal(wholeReads, 0);
    assert.ok(store.stats.rangeReads >= 3 && store.stats.packBytesRead < 400_000, JSON.stringify(store.stats));
    // Without ranged reads the pack is read whole, within a cap.
    const { readRange: _unused, ...plain } = source;
    assert.ok(Buffer.from((await new GitObjectStore(plain, '.git').read(Object.keys(objects)[1])).data).equals(Object.values(objects)[1]));
    await assert.rejects(new GitObjectStore(plain, '.git', { maxWholePackBytes: 1000 }).read(Object.keys(objects)[0]), /cannot be read in ranges/);
    await assert.rejects(new GitObjectStore(source, '.git', { maxObjectBytes: 1000 }).read(Object.keys(objects)[0]), (e: Error & { code?: string }) => e.code === 'too-large');
    await assert.rejects(store.read('0'.repeat(40)), (e: Error & { code?: string }) => e.code === 'missing');
  });

  it('walks history like git log over a pack written by isomorphic-git, then over loose objects', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-walk-'));
    const head = await buildTeamRepo(dir);
    const expected = (await git.log({ fs, dir, ref: head })).map((c) => c.oid);
    const loose = await walkLog(new GitObjectStore(nodeFileSource(dir), '.git'), head, 100);
    assert.deepEqual(loose.commits.map((c) => c.oid), expected);
    // Pack everything, drop the loose copies: the same walk reads the pack by ranges.
    const oids: string[] = [];
    for (const d of fs.readdirSync(path.join(dir, '.git/objects'))) if (/^[0-9a-f]{2}$/.test(d)) for (const f of fs.readdirSync(path.join(dir, '.git/objects', d))) oids.push(d + f);
    const { filename } = await git.packObjects({ fs, dir, oids, write: true });
    await git.indexPack({ fs, dir, filepath: `.git/objects/pack/${filename}` });
    for (const d of fs.readdirSync(path.join(dir, '.git/objects'))) if (/^[0-9a-f]{2}$/.test(d)) fs.rmSync(path.join(dir, '.git/objects', d), { recursive: true });
    const store = new GitObjectStore(nodeFileSource(dir), '.git');
    const packed = await walkLog(store, head, 100);
    assert.deepEqual(packed.commits.map((c) => c.oid), expected);
    assert.ok(store.stats.rangeReads > 0);
    const limited = await walkLog(store, head, 4);
    assert.equal(limited.commits.length, 4);
    assert.ok(limited.truncated);
  });
});

describe('next steps through the personal lens', function () {
  this.timeout(120_000);

  it('in a team repository, the You lens prefers the part of the codebase that already does X over "add X"; the repository\'s steps never say it', async () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-team-steps-'));
    await buildTeamRepo(repo);
    const r = await (await engine()).scan(repo, { now: () => NOW, personal: { globalConfig: noGlobal } });
    assert.equal(r.person?.authors, 4, 'Ada, Bob, Carol and the other Ada; Dependabot is not a person');
    // Advice to Ada lives in the You lens only: the repository's next steps never tell "you" to pair on code.
    assert.ok(!r.nextSteps.some((s) => /^Work on the part of this codebase|you have (changed none|only touched)/.test(s.text)), JSON.stringify(r.nextSteps.map((s) => s.text.slice(0, 60))));
    assert.ok(!r.skills.some((s) => s.suggestions?.some((t) => t.startsWith('Work on the part'))), 'nor do the skills\' suggestions');
    const steps = r.person!.nextSteps!;
    const join = steps.filter((s) => s.text.startsWith('Work on the part of this codebase that already does this'));
    assert.ok(join.length >= 1, JSON.stringify(steps.map((s) => s.text.slice(0, 60))));
    for (const st of join) {
      const skill = r.skills.find((s) => s.id === st.skill)!;
      assert.ok(skill.status === 'demonstrated' || skill.status === 'partial', `${st.skill} is shown by the repository`);
      assert.notEqual(skill.personal?.status, 'authored', `${st.skill} is not Ada's yet`);
      assert.ok(st.buildsOn.length > 0);
    }
    // Bob's data layer: Ada only declared @prisma/client, so the step says she has only touched it.
    const schema = steps.find((s) => s.skill === 'schema-design-data-modeling');
    assert.match(schema?.text ?? '', /migration.* in 2 files such as prisma\/.*; you have only touched it, not written it\. Pair with its authors/);
    const firstJoin = steps.indexOf(join[0]);
    const firstStart = steps.findIndex((s) => s.kind === 'start');
    assert.ok(firstStart === -1 || firstJoin < firstStart, 'work on existing code ranks before starting something new');
  });

  it('leaves the ranking to the repository when nobody else commits there', async () => {
    const r = await (await engine()).scan(await repoOf1Author(), { now: () => NOW, personal: { globalConfig: noGlobal } });
    assert.equal(r.person?.authors, 1);
    assert.ok(!r.nextSteps!.some((s) => s.text.startsWith('Work on the part of this codebase')));
    assert.equal(r.person?.nextSteps, undefined, 'no separate You ranking when it would be the same');
  });
});

/** A small Express service whose whole history is Ada's. */
async function repoOf1Author(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-solo-'));
  const files: Record<string, string> = {
    'package.json': '{"name":"solo","dependencies":{"express":"^4.19.2"}}\n',
    'src/app.ts': "import express from 'express';\nexport const app = express();\napp.get('/health', (_q, r) => r.json({ ok: true }));\n",
  };
  for (const [f, t] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), t);
  }
  await git.init({ fs, dir, defaultBranch: 'main' });
  await git.setConfig({ fs, dir, path: 'user.email', value: 'ada@example.com' });
  for (const f of Object.keys(files)) await git.add({ fs, dir, filepath: f });
  const sig = { name: 'Ada', email: 'ada@example.com', timestamp: Date.parse('2026-05-01T10:00:00Z') / 1000, timezoneOffset: 0 };
  await git.commit({ fs, dir, message: 'Health endpoint', author: sig, committer: sig });
  return dir;
}

describe('line diff of one change', () => {
  it('counts the same added lines from the changed region as from the whole texts (2,000 generated pairs)', () => {
    const enc = new TextEncoder();
    const lines = (t: string) => t.split('\n').map((x) => x.trim()).filter(Boolean);
    const added = (a: string, b: string) => {
      const old = new Map<string, number>();
      for (const l of lines(a)) old.set(l, (old.get(l) ?? 0) + 1);
      const out = new Map<string, number>();
      for (const l of lines(b)) {
        const n = old.get(l) ?? 0;
        if (n > 0) old.set(l, n - 1);
        else out.set(l, (out.get(l) ?? 0) + 1);
      }
      return JSON.stringify([...out].sort());
    };
    const words = ['import x', 'b', '  c', 'foo()', '}', 'return 1;', '', 'é = "ü"', '  // 日本語', 'bé'];
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const gen = () => Array.from({ length: Math.floor(rnd() * 9) }, () => words[Math.floor(rnd() * words.length)]).join('\n') + (rnd() < 0.5 ? '\n' : '');
    for (let t = 0; t < 2000; t++) {
      const a = gen();
      const b = rnd() < 0.5 ? gen() : a.replace('b', 'bb') + (rnd() < 0.5 ? 'foo()\n' : '');
      const [x, y] = changedRegion(a, b);
      assert.equal(added(x, y), added(a, b), JSON.stringify({ a, b }));
      // The same on UTF-8 bytes: only the differing lines are decoded, multi-byte text included.
      const [xb, yb] = changedBytes(enc.encode(a), enc.encode(b));
      assert.equal(added(xb, yb), added(a, b), JSON.stringify({ a, b }));
    }
    assert.deepEqual(changedRegion('a\nb\nc\n', 'a\nB\nc\n'), ['b', 'B']);
  });
});

describe('tree diff of one commit (only what changed is read)', function () {
  this.timeout(60_000);
  /** A tree object's bytes from [mode, name, oid] entries, sorted like git (a folder sorts as name + '/'). */
  const treeBytes = (entries: [string, string, string][]) => {
    const key = (e: [string, string, string]) => Buffer.from(e[1] + (e[0] === '40000' ? '/' : ''));
    const sorted = [...entries].sort((a, b) => Buffer.compare(key(a), key(b)));
    return new Uint8Array(Buffer.concat(sorted.map(([mode, name, oid]) => Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(oid, 'hex')]))));
  };
  const naive = (a: Uint8Array, b: Uint8Array) => {
    const key = (e: { name: string; kind: string }) => `${e.name}${e.kind === 'tree' ? '/' : ''}`;
    const ea = new Map(parseTree(a).map((e) => [key(e), e]));
    const eb = new Map(parseTree(b).map((e) => [key(e), e]));
    const out: string[] = [];
    for (const k of new Set([...ea.keys(), ...eb.keys()])) {
      const x = ea.get(k);
      const y = eb.get(k);
      if (x && y && x.oid === y.oid) continue;
      out.push(`${k} ${x?.oid ?? '-'} ${y?.oid ?? '-'}`);
    }
    return out.sort();
  };
  const viaDiff = (a: Uint8Array, b: Uint8Array) =>
    diffTrees(a, b)
      .map((c) => `${c.name}${(c.a ?? c.b)!.kind === 'tree' && (!c.a || !c.b || c.a.kind === c.b.kind) ? '/' : ''} ${c.a?.oid ?? '-'} ${c.b?.oid ?? '-'}`)
      .sort();

  it('finds exactly the entries a full comparison finds (500 generated tree pairs: files, folders, a file that became a folder, non-ASCII names)', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const names = ['a', 'a.txt', 'a-b', 'ab', 'b', 'src', 'src.ts', 'tests', 'é', 'z', 'a0', 'x y'];
    const oid = () => crypto.createHash('sha1').update(String(rnd())).digest('hex');
    for (let t = 0; t < 500; t++) {
      const pick = () => {
        const m = new Map<string, [string, string, string]>();
        for (const n of names) if (rnd() < 0.6) m.set(n, [rnd() < 0.3 ? '40000' : rnd() < 0.1 ? '100755' : '100644', n, oid()]);
        return m;
      };
      const a = pick();
      const b = rnd() < 0.5 ? pick() : new Map([...a].map(([k, e]) => [k, rnd() < 0.2 ? ([e[0], e[1], oid()] as [string, string, string]) : e]));
      const ta = treeBytes([...a.values()]);
      const tb = treeBytes([...b.values()]);
      assert.deepEqual(viaDiff(ta, tb), naive(ta, tb), JSON.stringify({ a: [...a.values()], b: [...b.values()] }));
    }
    assert.deepEqual(diffTrees(treeBytes([['100644', 'x', 'aa'.repeat(20)]]), treeBytes([['100644', 'x', 'aa'.repeat(20)]])), []);
    assert.throws(() => diffTrees(new Uint8Array([0x31, 0x20, 0x78, 0]), undefined), /truncated/);
  });

  it('reads only the folders on the path of what a commit changed, never an unchanged sibling', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-tree-diff-'));
    await git.init({ fs, dir, defaultBranch: 'main' });
    // 30 folders of 5 files each; Ada then changes one file three folders deep, three times.
    for (let i = 0; i < 30; i++) {
      for (let j = 0; j < 5; j++) {
        const f = `pkg${i}/lib/mod/file${j}.ts`;
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), `export const v${j} = ${i};\n`);
        await git.add({ fs, dir, filepath: f });
      }
    }
    const sig = (name: string, day: number) => ({ name, email: `${name.toLowerCase()}@example.com`, timestamp: Date.parse('2026-01-01T00:00:00Z') / 1000 + day * 86400, timezoneOffset: 0 });
    await git.commit({ fs, dir, message: 'Start', author: sig('Bob', 0), committer: sig('Bob', 0) });
    for (let k = 1; k <= 3; k++) {
      fs.appendFileSync(path.join(dir, 'pkg7/lib/mod/file2.ts'), `export const w${k} = ${k};\n`);
      await git.add({ fs, dir, filepath: 'pkg7/lib/mod/file2.ts' });
      await git.commit({ fs, dir, message: `Add w${k}`, author: sig('Ada', k), committer: sig('Ada', k) });
    }
    const source = nodeFileSource(dir);
    const store = new GitObjectStore(source, '.git');
    const head = (await git.resolveRef({ fs, dir, ref: 'HEAD' })).toString();
    const log = await walkLog(store, head, 100);
    const commits = log.commits.map((c) => ({ oid: c.oid, tree: c.tree, parentOids: c.parents, parents: c.parents.length, timestamp: c.author.timestamp, authorName: c.author.name, authorEmail: c.author.email, subject: c.message.split('\n')[0], message: c.message }));
    const read0 = store.stats.objects;
    const out = await personalLens(
      {
        facts: { commits, store, location: { gitdir: '.git' } } as never,
        knowledge: { skills: [] } as never,
        files: [{ path: 'pkg7/lib/mod/file2.ts', size: 100, language: 'typescript' }] as never,
        readText: async (p) => fs.readFileSync(path.join(dir, p), 'utf8'),
        skills: [],
        technologies: [],
        practices: [],
        languages: [{ id: 'typescript', name: 'TypeScript', files: 1, lines: 4, evidence: [] }],
        name: 'tree-diff',
      },
      { identity: { emails: ['ada@example.com'], names: [], patterns: [], source: 'test' }, now: Date.parse('2026-02-01T00:00:00Z') },
    );
    assert.equal(out.person.commits, 3);
    assert.equal(out.work.commitsDiffed, 3);
    // Each commit: root, pkg7, pkg7/lib, pkg7/lib/mod on both sides; a commit's tree is the next one's
    // parent tree, so 4 + 3 × 4 = 16 trees, whatever the 29 unchanged packages hold.
    assert.equal(out.work.treesRead, 16);
    // No skill names this file as evidence here, so no blob is inflated: contents are read only where a path matters.
    assert.equal(out.work.blobsRead, 0);
    assert.equal(store.stats.objects - read0, 16, 'only those trees were read from the object store');
  });
});
