/**
 * The bad-input corpus: generates hostile workspaces under a folder, each next to valid files
 * that must still be detected, for the unit tier (small sizes that still show the shape) and for
 * `npm run bench -- --hostile` (the sizes that hurt). Nothing here is committed as data: the
 * shapes (FIFOs, sockets, device links, links out of the folder, git object bombs) cannot live
 * in a repository anyway.
 *
 * Run directly to write them: `npx tsx test/hostile/workspaces.ts DIR [--bench]`.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { deflateSync } from 'zlib';

/** How big the hostile parts are. */
export interface Scale {
  /** Characters of a pathological line (regex inputs). */
  line: number;
  /** Lines of the oversized .gitignore, and files next to it. */
  gitignoreLines: number;
  gitignoreFiles: number;
  /** Nested folders. */
  depth: number;
  /** Bytes of the oversized git commit message (a zlib bomb: it compresses ~1000:1). */
  commitBomb: number;
  /** Sparse file size for "an include of a huge file". */
  sparse: number;
  /** JSON nesting depth. */
  jsonDepth: number;
}

export const UNIT_SCALE: Scale = { line: 20_000, gitignoreLines: 20_000, gitignoreFiles: 60, depth: 300, commitBomb: 4 << 20, sparse: 1536 << 20, jsonDepth: 100_000 };
export const BENCH_SCALE: Scale = { line: 200_000, gitignoreLines: 100_000, gitignoreFiles: 1000, depth: 1900, commitBomb: 500 << 20, sparse: 1536 << 20, jsonDepth: 100_000 };

/** A marker that exists only outside the workspaces: no output may ever contain it. */
export const CANARY = 'CANARY-OUTSIDE-7f3a9c';

/** Control and bidi payloads that must never reach a terminal raw. */
export const PAYLOAD = {
  osc52: '\x1b]52;c;ZWNobyBwd25lZA==\x07',
  title: '\x1b]0;pwned\x07',
  clear: '\x1b[2J\x1b[H',
  link: '\x1b]8;;https://attacker.example\x07click\x1b]8;;\x07',
  c1: '\u009b31m',
  bidi: '\u202egnp.exe\u202c',
};
const ALL_PAYLOAD = Object.values(PAYLOAD).join('');

/** One generated workspace: its folder and what a scan of it must show. */
export interface HostileWorkspace {
  name: string;
  dir: string;
  /** Technology ids that valid files beside the hostile ones declare. */
  detects: string[];
  /** (path, reason) pairs that must be in stats.skipped (reason as a regex source). */
  skipped: [string, string][];
  /** Regex sources that must each match one warning (each names the bad file). */
  warnings: string[];
}

function write(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function symlink(target: string, at: string): void {
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.symlinkSync(target, at);
}

function mkfifo(at: string): void {
  fs.mkdirSync(path.dirname(at), { recursive: true });
  execFileSync('mkfifo', [at]);
}

function mksocket(at: string): void {
  fs.mkdirSync(path.dirname(at), { recursive: true });
  execFileSync('python3', ['-c', 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.close()', at]);
}

/** A sparse file of `size` bytes (no disk used). */
function sparse(at: string, size: number): void {
  fs.mkdirSync(path.dirname(at), { recursive: true });
  const fd = fs.openSync(at, 'w');
  fs.ftruncateSync(fd, size);
  fs.closeSync(fd);
}

const EXPRESS_PKG = JSON.stringify({ name: 'svc', version: '1.0.0', dependencies: { express: '^4.19.2' } }, null, 2);

/** A minimal loose-object git repository writer (zlib + sha1), enough for hostile histories. */
class LooseRepo {
  constructor(readonly gitdir: string) {
    for (const d of ['objects', 'refs/heads', 'refs/tags']) fs.mkdirSync(path.join(gitdir, d), { recursive: true });
    write(path.join(gitdir, 'HEAD'), 'ref: refs/heads/main\n');
    write(path.join(gitdir, 'config'), '[core]\n\trepositoryformatversion = 0\n');
  }
  object(type: string, body: Buffer): string {
    const raw = Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]);
    const oid = createHash('sha1').update(raw).digest('hex');
    write(path.join(this.gitdir, 'objects', oid.slice(0, 2), oid.slice(2)), deflateSync(raw, { level: 9 }));
    return oid;
  }
  commit(message: string | Buffer, parent?: string, when = 1_700_000_000): string {
    const blob = this.object('blob', Buffer.from('hello\n'));
    const tree = this.object('tree', Buffer.concat([Buffer.from('100644 README.md\0'), Buffer.from(blob, 'hex')]));
    const head = `tree ${tree}\n${parent ? `parent ${parent}\n` : ''}author Dev <dev@example.com> ${when} +0000\ncommitter Dev <dev@example.com> ${when} +0000\n\n`;
    return this.object('commit', Buffer.concat([Buffer.from(head), Buffer.isBuffer(message) ? message : Buffer.from(message)]));
  }
  branch(name: string, oid: string): void {
    write(path.join(this.gitdir, 'refs/heads', name), `${oid}\n`);
  }
}

/** Writes every hostile workspace under `root` (and the canary next to it); returns them. */
export function buildHostileWorkspaces(root: string, scale: Scale = UNIT_SCALE): HostileWorkspace[] {
  fs.mkdirSync(root, { recursive: true });
  const outside = path.join(root, 'outside');
  write(path.join(outside, 'canary.txt'), `${CANARY}\n`);
  write(path.join(outside, 'requirements.txt'), `flask==3.0.0  # ${CANARY}\n`);
  write(path.join(outside, 'pkg', 'package.json'), JSON.stringify({ name: CANARY, dependencies: { 'nest-canary': '1.0.0', fastify: '4.0.0' } }));
  const other = new LooseRepo(path.join(outside, 'other-repo', '.git'));
  other.branch('main', other.commit(`feat: ${CANARY} from another repository\n`));
  const out: HostileWorkspace[] = [];
  const ws = (name: string): string => {
    const dir = path.join(root, name);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };

  // 1. Links that leave the folder, to devices and to the whole file system.
  {
    const dir = ws('links-out');
    write(path.join(dir, 'package.json'), EXPRESS_PKG);
    write(path.join(dir, 'requirements.txt'), `django==5.0\n-r deps/more.txt\n-r stdin.txt\n-c ../outside/requirements.txt\n-r linked-reqs.txt\n`);
    symlink('/', path.join(dir, 'rootfs'));
    symlink('/etc', path.join(dir, 'etc'));
    symlink('../../..', path.join(dir, 'b', 'up'));
    symlink('/dev/zero', path.join(dir, 'deps', 'more.txt'));
    symlink('/dev/stdin', path.join(dir, 'stdin.txt'));
    symlink(path.join(outside, 'requirements.txt'), path.join(dir, 'linked-reqs.txt'));
    symlink(path.join(outside, 'canary.txt'), path.join(dir, 'config.yml'));
    symlink(path.join(outside, 'pkg'), path.join(dir, 'packages', 'shared'));
    out.push({
      name: 'links-out',
      dir,
      detects: ['express', 'django'],
      skipped: [
        ['rootfs', 'points outside the workspace'],
        ['etc', 'points outside the workspace'],
        ['b/up', 'points outside the workspace'],
        ['deps/more.txt', 'points outside the workspace'],
        ['stdin.txt', 'points outside the workspace'],
        ['linked-reqs.txt', 'points outside the workspace'],
        ['config.yml', 'points outside the workspace'],
        ['packages/shared', 'points outside the workspace'],
      ],
      warnings: [],
    });
  }

  // 2. Special files where manifests, includes and setup.py opens would be read.
  {
    const dir = ws('special-files');
    write(path.join(dir, 'package.json'), EXPRESS_PKG);
    write(path.join(dir, 'requirements.txt'), 'flask==3.0.0\n-r pipe-requirements.txt\n');
    mkfifo(path.join(dir, 'pipe-requirements.txt'));
    mkfifo(path.join(dir, 'Dockerfile'));
    mkfifo(path.join(dir, 'svc', '.gitignore'));
    write(path.join(dir, 'svc', 'setup.py'), "from setuptools import setup\nsetup(name='svc', install_requires=open('requirements/base.txt').read().splitlines())\n");
    mkfifo(path.join(dir, 'svc', 'requirements', 'base.txt'));
    mksocket(path.join(dir, 'app.sock'));
    symlink('/dev/null', path.join(dir, 'null-link.txt'));
    out.push({
      name: 'special-files',
      dir,
      detects: ['express', 'flask'],
      skipped: [
        ['pipe-requirements.txt', 'not a regular file \\(FIFO\\)'],
        ['Dockerfile', 'not a regular file \\(FIFO\\)'],
        ['svc/requirements/base.txt', 'not a regular file \\(FIFO\\)'],
        ['app.sock', 'not a regular file \\(socket\\)'],
        ['null-link.txt', 'points outside the workspace'],
      ],
      warnings: ['svc/\\.gitignore.*not a regular file \\(FIFO\\)'],
    });
  }

  // 3. FIFOs inside .git where the git reader looks first.
  {
    const dir = ws('git-fifos');
    write(path.join(dir, 'package.json'), EXPRESS_PKG);
    const repo = new LooseRepo(path.join(dir, '.git'));
    repo.branch('main', repo.commit('feat: first\n'));
    fs.rmSync(path.join(dir, '.git', 'HEAD'));
    mkfifo(path.join(dir, '.git', 'HEAD'));
    fs.rmSync(path.join(dir, '.git', 'config'));
    mkfifo(path.join(dir, '.git', 'config'));
    mkfifo(path.join(dir, '.git', 'packed-refs'));
    out.push({ name: 'git-fifos', dir, detects: ['express'], skipped: [], warnings: ['HEAD not a regular file \\(FIFO\\)'] });
  }

  // 4. A .git that is another repository's (symlink), and a gitdir: file pointing out.
  {
    const dir = ws('git-elsewhere');
    write(path.join(dir, 'package.json'), EXPRESS_PKG);
    symlink(path.join(outside, 'other-repo', '.git'), path.join(dir, '.git'));
    const sub = path.join(dir, 'sub');
    write(path.join(sub, 'package.json'), EXPRESS_PKG);
    out.push({ name: 'git-elsewhere', dir, detects: ['express'], skipped: [], warnings: [] });
    const linked = ws('git-gitdir-out');
    write(path.join(linked, 'package.json'), EXPRESS_PKG);
    write(path.join(linked, '.git'), `gitdir: ${path.join(outside, 'other-repo', '.git')}\n`);
    out.push({ name: 'git-gitdir-out', dir: linked, detects: ['express'], skipped: [], warnings: [] });
  }

  // 5. A garbage HEAD and a loop of symbolic refs.
  {
    const dir = ws('git-broken-head');
    write(path.join(dir, 'package.json'), EXPRESS_PKG);
    const repo = new LooseRepo(path.join(dir, '.git'));
    repo.branch('main', repo.commit('feat: first\n'));
    write(path.join(dir, '.git', 'HEAD'), `${PAYLOAD.title}garbage\n`);
    out.push({ name: 'git-broken-head', dir, detects: ['express'], skipped: [], warnings: ['HEAD is not a valid reference'] });
    const loop = ws('git-ref-loop');
    write(path.join(loop, 'package.json'), EXPRESS_PKG);
    const r2 = new LooseRepo(path.join(loop, '.git'));
    r2.commit('feat: first\n');
    write(path.join(loop, '.git', 'refs/heads/main'), 'ref: refs/heads/other\n');
    write(path.join(loop, '.git', 'refs/heads/other'), 'ref: refs/heads/main\n');
    out.push({ name: 'git-ref-loop', dir: loop, detects: ['express'], skipped: [], warnings: ['references form a loop'] });
  }

  // 6. A git object bomb: a commit message that inflates far past the commit cap, behind real commits;
  //    and commit subjects carrying terminal escapes.
  {
    const dir = ws('git-bomb');
    write(path.join(dir, 'package.json'), EXPRESS_PKG);
    const repo = new LooseRepo(path.join(dir, '.git'));
    const bomb = repo.commit(Buffer.alloc(scale.commitBomb, 'a'), undefined, 1_600_000_000);
    let tip = repo.commit(`fix: ${PAYLOAD.osc52}${PAYLOAD.title}${PAYLOAD.clear}subject\n`, bomb, 1_700_000_000);
    for (let i = 0; i < 6; i++) tip = repo.commit(`feat: change ${i} ${'!'.repeat(Math.min(scale.line, 100_000))}\n`, tip, 1_700_000_100 + i);
    repo.branch('main', tip);
    out.push({ name: 'git-bomb', dir, detects: ['express'], skipped: [], warnings: ['git: history read stopped'] });
  }

  // 7. A huge .gitignore next to many files, and a nested .gitignore that is a link to a device.
  {
    const dir = ws('huge-gitignore');
    write(path.join(dir, 'package.json'), EXPRESS_PKG);
    const lines: string[] = [];
    for (let i = 0; i < scale.gitignoreLines; i++) lines.push(`generated-${i}/**/*.tmp`);
    write(path.join(dir, '.gitignore'), lines.join('\n') + '\n');
    for (let i = 0; i < scale.gitignoreFiles; i++) write(path.join(dir, 'src', `m${i % 20}`, `f${i}.js`), `export const v${i} = ${i};\n`);
    symlink('/dev/zero', path.join(dir, 'src', '.gitignore'));
    out.push({ name: 'huge-gitignore', dir, detects: ['express'], skipped: [], warnings: ['^\\.gitignore: too large .*its rules are not applied', 'src/\\.gitignore.*points outside the workspace'] });
  }

  // 8. Deep nesting with files at the bottom.
  {
    const dir = ws('deep');
    let p = dir;
    for (let i = 0; i < scale.depth; i++) p = path.join(p, 'd');
    write(path.join(p, 'package.json'), EXPRESS_PKG);
    for (let i = 0; i < 24; i++) write(path.join(p, `f${i}.py`), 'import os\n');
    out.push({ name: 'deep', dir, detects: ['express'], skipped: [], warnings: [] });
  }

  // 9. Controls, bidi overrides and newlines in names, versions, CI step names and route paths.
  {
    const dir = ws('names-and-payloads');
    write(path.join(dir, 'package.json'), JSON.stringify({ name: 'svc', dependencies: { express: `^4.19.2${PAYLOAD.osc52}`, [`left-pad${PAYLOAD.title}`]: '1.0.0' } }, null, 2));
    write(path.join(dir, 'requirements.txt'), `flask==3.0.0${PAYLOAD.clear}\n`);
    write(path.join(dir, `src${PAYLOAD.bidi}`, `evil${PAYLOAD.title}.js`), "const express = require('express');\nconst app = express();\n");
    write(path.join(dir, 'src', 'routes.js'), `const express = require('express');\nconst app = express();\napp.get('/x${PAYLOAD.clear}', (req, res) => res.send('ok'));\napp.get('/y\\n# Injected heading\\n![img](https://attacker.example/p.png)', (req, res) => res.send('ok'));\n`);
    write(path.join(dir, 'evil\n\n# Injected heading\n\n![x](https/attacker.example)\n[click](javascript:alert)', 'Dockerfile'), `FROM node:20${PAYLOAD.title}\nRUN npm ci\n`);
    write(path.join(dir, '.github', 'workflows', 'ci.yml'), `name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - name: "run ${PAYLOAD.osc52.replace(/\x1b/g, '\\e').replace(/\x07/g, '\\a')} tests"\n        run: npm test\n`);
    const repo = new LooseRepo(path.join(dir, '.git'));
    let tip = repo.commit(`feat: start\n`);
    for (let i = 0; i < 6; i++) tip = repo.commit(`fix: ${ALL_PAYLOAD} number ${i}\n\n# Heading\n`, tip, 1_700_000_000 + i);
    repo.branch('main', tip);
    write(path.join(dir, '.git', 'refs/heads', `feature${PAYLOAD.clear.replace(/[[\]]/g, '')}x`), `${tip}\n`);
    out.push({ name: 'names-and-payloads', dir, detects: ['express', 'flask'], skipped: [], warnings: [] });
  }

  // 10. Entity bombs and external entities; YAML alias bombs.
  {
    const dir = ws('entities');
    const laughs = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`)].join('\n');
    write(
      path.join(dir, 'pom.xml'),
      `<?xml version="1.0"?>\n<!DOCTYPE project [\n<!ENTITY xxe SYSTEM "file://${path.join(outside, 'canary.txt')}">\n${laughs}\n]>\n<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>x</groupId><artifactId>&xxe;&lol9;</artifactId><version>1</version>\n  <dependencies>\n    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>\n  </dependencies>\n</project>\n`,
    );
    write(
      path.join(dir, 'api', 'api.csproj'),
      `<!DOCTYPE Project [ <!ENTITY xxe SYSTEM "file://${path.join(outside, 'canary.txt')}"> ]>\n<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n    <PackageReference Include="Microsoft.EntityFrameworkCore" Version="8.0.0" />\n    <PackageReference Include="&xxe;" Version="1" />\n  </ItemGroup>\n</Project>\n`,
    );
    const alias = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    write(path.join(dir, '.github', 'workflows', 'bomb.yml'), `${alias}\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo *i\n`);
    write(path.join(dir, 'docker-compose.yml'), `${alias}\nservices:\n  db:\n    image: postgres:16\n`);
    out.push({ name: 'entities', dir, detects: ['spring-boot', 'ef-core'], skipped: [], warnings: [] });
  }

  // 11. Pathological inputs for line-oriented detectors (long lines under the size cap).
  {
    const dir = ws('regex-inputs');
    write(path.join(dir, 'package.json'), JSON.stringify({ name: 'svc', dependencies: { express: '^4.19.2' }, workspaces: [`packages/${'a'.repeat(scale.line)}`] }, null, 2));
    write(path.join(dir, 'Procfile'), `web: ${' '.repeat(scale.line)}x\nworker: ${'a '.repeat(scale.line / 2)}\n`);
    write(path.join(dir, 'netlify.toml'), `[build]\n  command = "${' '.repeat(scale.line)}"\n${'['.repeat(scale.line / 10)}\n`);
    write(path.join(dir, 'requirements.txt'), `flask==3.0.0\n${'a'.repeat(scale.line)}==\n-e git+https://x/${'a'.repeat(scale.line)}#egg=\n${'='.repeat(scale.line)}\n`);
    write(path.join(dir, 'app.py'), `import sqlite3\ncur.execute("SELECT ${' '.repeat(scale.line)} FROM" + x)\nq = "select" + ${'" + "'.repeat(scale.line / 10)}\n`);
    write(path.join(dir, 'pom.xml'), `<project><modules>${'<module>'.repeat(scale.line / 10)}</modules></project>\n`);
    write(path.join(dir, 'Gemfile'), `source "https://rubygems.org"\ngem "rails"\ngem ${'"'.repeat(scale.line)}\n`);
    write(path.join(dir, 'Dockerfile'), `FROM node:20\nRUN ${'\\\n'.repeat(scale.line / 20)}\n`);
    write(path.join(dir, '.github', 'workflows', 'ci.yml'), `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${'npm test && '.repeat(scale.line / 12)}\n`);
    write(path.join(dir, 'CODEOWNERS'), `${'a\t'.repeat(scale.line / 2)}\n`);
    out.push({ name: 'regex-inputs', dir, detects: ['express', 'flask'], skipped: [], warnings: [] });
  }

  // 12. Content that must be kept or explained: UTF-16, deep JSON, long lines, malformed manifests, big includes.
  {
    const dir = ws('keep-or-explain');
    write(path.join(dir, 'requirements.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('flask==3.0.0\r\n-r big-requirements.txt\r\n-r node_modules/x/requirements.txt\r\n', 'utf16le')]));
    const be = Buffer.from('{"name":"svc","dependencies":{"express":"^4.19.2"}}', 'utf16le').swap16();
    write(path.join(dir, 'package.json'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    write(path.join(dir, 'node_modules', 'x', 'requirements.txt'), 'django==5.0\n');
    sparse(path.join(dir, 'big-requirements.txt'), scale.sparse);
    write(path.join(dir, 'deep', 'package.json'), '['.repeat(scale.jsonDepth) + ']'.repeat(scale.jsonDepth));
    write(path.join(dir, 'typed', 'package.json'), JSON.stringify({ name: 'typed', dependencies: ['lodash'], devDependencies: { jest: 5 } }));
    write(path.join(dir, 'web', 'bundle.js'), `var a=${'1+'.repeat(3000)}1;\nmodule.exports = a;\n`);
    write(path.join(dir, 'rb', 'Gemfile'), 'source "https://rubygems.org"\ngem "sinatra"\ngem "rack", :git => \n');
    write(path.join(dir, 'go', 'go.mod'), 'module example.com/x\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n\tgarbage line here\n');
    write(path.join(dir, 'dock', 'Dockerfile'), 'FROM\nRUN\n');
    out.push({
      name: 'keep-or-explain',
      dir,
      detects: ['flask', 'express', 'sinatra', 'gin'],
      skipped: [
        ['big-requirements.txt', 'too large'],
        ['node_modules/x/requirements.txt', 'excluded folder \\(node_modules\\)'],
        ['web/bundle.js', 'minified or generated'],
      ],
      warnings: ['deep/package\\.json.*nesting too deep'],
    });
  }
  return out;
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: workspaces.ts DIR [--bench]');
  for (const w of buildHostileWorkspaces(path.resolve(dir), process.argv.includes('--bench') ? BENCH_SCALE : UNIT_SCALE)) console.log(w.dir);
}
