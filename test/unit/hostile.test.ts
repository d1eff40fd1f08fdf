/**
 * The bad-input corpus (test/hostile/workspaces.ts), generated under a temp folder and scanned
 * as the CLI does: every scan finishes, the valid files beside the hostile ones are still
 * detected, each bad file is named in `skipped` or a warning, nothing from outside the folder
 * reaches any output, text output carries no control byte, Markdown and HTML are escaped, and
 * the work is bounded: files opened (all inside the folder), bytes read, git bytes inflated and
 * file-source calls are counted and capped. Never wall time (the bench prints that). Manifest
 * and CI/YAML readers are fuzzed with fast-check (fixed seed, bounded runs).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Writable } from 'stream';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { buildHostileWorkspaces, CANARY, UNIT_SCALE, type HostileWorkspace } from '../hostile/workspaces';
import { analyzeWorkspace } from '../../src/core/analyze';
import { enumerateFiles } from '../../src/core/files';
import { GitObjectStore } from '../../src/core/git/objects';
import { parseManifest, MANIFEST_PARSERS } from '../../src/core/manifests/index';
import { readPipelines } from '../../src/core/practices/ci';
import { readCompose, readDockerfiles } from '../../src/core/practices/containers';
import type { DetectorContext } from '../../src/core/practices/types';
import { renderHtml, renderMarkdown, renderText } from '../../src/core/report';
import type { AnalysisResult, FileSource } from '../../src/core/types';
import { nodeFileSource } from '../../src/node/file-source';
import { main } from '../../src/cli/main';
import { engine } from './helpers/engine';

/** File-source calls and bytes handed to the engine. */
interface Work {
  readDir: number;
  stat: number;
  readFile: number;
  bytes: number;
}

function counting(source: FileSource, work: Work): FileSource {
  return {
    readDir: (p) => (work.readDir++, source.readDir(p)),
    stat: (p) => (work.stat++, source.stat(p)),
    readFile: async (p, o) => {
      work.readFile++;
      const b = await source.readFile(p, o);
      work.bytes += b.byteLength;
      return b;
    },
    readRange: async (p, off, len) => {
      const b = await source.readRange!(p, off, len);
      work.bytes += b.byteLength;
      return b;
    },
    realPath: source.realPath?.bind(source),
  };
}

interface Scanned {
  ws: HostileWorkspace;
  result: AnalysisResult;
  text: string;
  markdown: string;
  html: string;
  json: string;
  work: Work;
  /** Real paths the file source opened. */
  opened: string[];
  /** Bytes git objects inflated to. */
  inflated: number;
}

/** Everything C0/C1/bidi/line-separator except the newline. */
const CONTROL_BYTES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('hostile workspaces (bad-input corpus)', function () {
  this.timeout(900_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-hostile-'));
  const scanned = new Map<string, Scanned>();
  let workspaces: HostileWorkspace[] = [];

  before(async function () {
    if (process.platform === 'win32') this.skip();
    workspaces = buildHostileWorkspaces(root, UNIT_SCALE);
    const e = await engine();
    const realOpen = fs.promises.open;
    const realInflate = GitObjectStore.defaultInflate;
    let opened: string[] = [];
    let inflated = 0;
    // Spies: which real paths are opened, and how much git inflates (restored in finally).
    (fs.promises as { open: typeof fs.promises.open }).open = ((p: fs.PathLike, ...rest: unknown[]) => {
      opened.push(fs.realpathSync(String(p)));
      return (realOpen as (...a: unknown[]) => Promise<fs.promises.FileHandle>)(p, ...rest);
    }) as typeof fs.promises.open;
    GitObjectStore.defaultInflate = (d, size, max) => {
      const out = realInflate(d, size, max);
      inflated += out.byteLength;
      return out;
    };
    try {
      for (const ws of workspaces) {
        opened = [];
        inflated = 0;
        const work: Work = { readDir: 0, stat: 0, readFile: 0, bytes: 0 };
        const result = await analyzeWorkspace(counting(nodeFileSource(ws.dir), work), { rootLabel: ws.dir, knowledge: e.knowledge, treeSitter: e.treeSitter });
        scanned.set(ws.name, {
          ws,
          result,
          text: renderText(result, { color: false }),
          markdown: renderMarkdown(result),
          html: renderHtml(result, { cspSource: 'vscode-resource:', nonce: 'n0nce' }),
          json: JSON.stringify(result),
          work,
          opened: [...opened],
          inflated,
        });
      }
    } finally {
      (fs.promises as { open: typeof fs.promises.open }).open = realOpen;
      GitObjectStore.defaultInflate = realInflate;
    }
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const names = ['links-out', 'special-files', 'git-fifos', 'git-elsewhere', 'git-gitdir-out', 'git-broken-head', 'git-ref-loop', 'git-bomb', 'huge-gitignore', 'deep', 'names-and-payloads', 'entities', 'regex-inputs', 'keep-or-explain'];

  it('generates every workspace of the corpus', () => {
    assert.deepEqual(workspaces.map((w) => w.name), names);
  });

  for (const name of names) {
    describe(name, () => {
      it('finishes, detects the valid files beside the hostile ones, and names each bad file', () => {
        const s = scanned.get(name)!;
        const ids = new Set(s.result.technologies.map((t) => t.id));
        for (const id of s.ws.detects) assert.ok(ids.has(id), `${id} not detected; got ${[...ids].join(', ')}`);
        for (const [p, reason] of s.ws.skipped) {
          assert.ok(s.result.stats.skipped.some((k) => k.path === p && new RegExp(reason).test(k.reason)), `${p}: ${reason} not in ${JSON.stringify(s.result.stats.skipped)}`);
        }
        for (const w of s.ws.warnings) assert.ok(s.result.warnings.some((x) => new RegExp(w).test(x)), `no warning /${w}/ in ${JSON.stringify(s.result.warnings)}`);
        const paths = s.result.stats.skipped.map((k) => k.path);
        assert.equal(new Set(paths).size, paths.length, 'each skipped file is listed once');
      });

      it('reads nothing outside the folder and nothing from it reaches any output', () => {
        const s = scanned.get(name)!;
        const real = fs.realpathSync(s.ws.dir);
        for (const p of s.opened) assert.ok(p === real || p.startsWith(real + path.sep), `opened ${p}`);
        const outside = path.join(root, 'outside');
        for (const [format, out] of Object.entries({ text: s.text, markdown: s.markdown, html: s.html, json: s.json })) {
          assert.ok(!out.includes(CANARY), `${format} output carries the canary from outside`);
          assert.ok(!out.includes(outside), `${format} output names the outside folder`);
          assert.ok(!out.includes('/etc/passwd') && !out.includes('nest-canary'), `${format} output carries outside content`);
        }
      });

      it('prints no control byte in text output, and no Markdown or HTML structure from workspace text', () => {
        const s = scanned.get(name)!;
        assert.ok(!CONTROL_BYTES.test(s.text), `control byte in text: ${JSON.stringify(s.text.match(CONTROL_BYTES))}`);
        assert.ok(!CONTROL_BYTES.test(s.markdown), 'control byte in Markdown');
        const tokens = new MarkdownIt().parse(s.markdown, {}).flatMap((t) => [t, ...(t.children ?? [])]);
        for (const t of tokens) {
          assert.notEqual(t.type, 'image', `an image in the Markdown: ${t.content}`);
          assert.notEqual(t.type, 'html_inline', `inline HTML in the Markdown: ${t.content}`);
          assert.notEqual(t.type, 'html_block', `HTML in the Markdown: ${t.content}`);
          if (t.type === 'link_open') assert.match(String(t.attrGet('href') ?? ''), /^https:\/\/(?!attacker)/, 'a link not from the catalog');
        }
        const headings = tokens.filter((t, i, all) => all[i - 1]?.type === 'heading_open' && t.type === 'inline').map((t) => t.content);
        assert.ok(!headings.some((h) => /Injected|Heading/.test(h)), `injected heading: ${headings.join(' | ')}`);
        assert.ok(!/<img|<svg|attacker\.example"/.test(s.html.replace(/<script nonce[\s\S]*?<\/script>/, '')), 'markup from the workspace in HTML');
      });
    });
  }

  it('bounds the work: a 1.5 GB include is refused unread, git inflates within its caps, links to devices are never opened', () => {
    const keep = scanned.get('keep-or-explain')!;
    assert.ok(keep.work.bytes < 2 * 1024 * 1024, `read ${keep.work.bytes} bytes`);
    assert.ok(!keep.opened.some((p) => p.endsWith('big-requirements.txt')), 'the oversized include was opened');
    const bomb = scanned.get('git-bomb')!;
    assert.ok(bomb.inflated < 4 * 1024 * 1024, `git inflated ${bomb.inflated} bytes for a ${UNIT_SCALE.commitBomb}-byte bomb`);
    assert.ok(bomb.result.practices.some((p) => p.id === 'git-history'), 'history before the bomb is kept');
    const links = scanned.get('links-out')!;
    assert.ok(links.work.bytes < 64 * 1024, `read ${links.work.bytes} bytes`);
    const huge = scanned.get('huge-gitignore')!;
    assert.ok(huge.result.stats.files >= UNIT_SCALE.gitignoreFiles, 'files next to the ignored .gitignore are still listed');
  });

  it('enumerates a deep tree with work linear in its depth', () => {
    const deep = scanned.get('deep')!;
    assert.ok(deep.work.readDir <= UNIT_SCALE.depth + 5, `${deep.work.readDir} readDir calls for depth ${UNIT_SCALE.depth}`);
    assert.ok(deep.work.stat <= 40, `${deep.work.stat} stat calls`);
    assert.equal(deep.result.stats.files, 25);
  });

  it('says the file limit once', async () => {
    const w = await enumerateFiles(nodeFileSource(scanned.get('huge-gitignore')!.ws.dir), { maxFiles: 5 });
    assert.equal(w.files.length, 5);
    assert.equal(w.warnings.filter((x) => /stopped after/.test(x)).length, 1);
  });

  it('the CLI exits 0 with no stack trace on each hostile folder, all three formats', async () => {
    for (const name of ['links-out', 'special-files', 'git-fifos', 'names-and-payloads']) {
      for (const format of ['text', 'json', 'markdown']) {
        let out = '';
        let err = '';
        const sink = (f: (s: string) => void) => new Writable({ write: (c, _e, cb) => (f(String(c)), cb()) });
        const code = await main(['scan', scanned.get(name)!.ws.dir, '--format', format], { out: sink((s) => (out += s)), err: sink((s) => (err += s)) });
        assert.equal(code, 0, `${name} ${format}: ${err}`);
        assert.doesNotMatch(err, /\n\s+at /, 'a stack trace');
        if (format === 'text') assert.ok(!CONTROL_BYTES.test(out), `${name}: control byte in CLI text`);
      }
    }
  });
});

/** An in-memory DetectorContext over a few files, for fuzzing readers without a disk. */
function memoryContext(files: Record<string, string>): DetectorContext & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    files: Object.entries(files).map(([p, t]) => ({ path: p, size: t.length })),
    readText: async (p) => files[p],
    source: {
      readDir: async () => [],
      stat: async () => {
        throw new Error('ENOENT');
      },
      readFile: async () => {
        throw new Error('ENOENT');
      },
    },
    manifests: [],
    parsed: [],
    technologies: new Set(),
    report: () => undefined,
    reportTechnology: () => undefined,
    warn: (m) => warnings.push(m),
    now: () => 0,
    warnings,
  };
}

describe('fuzzing the manifest and CI/YAML readers (fast-check, fixed seed)', function () {
  this.timeout(600_000);
  /** Text built from tokens the readers care about, so runs reach deep into each grammar. */
  const tokens = fc.constantFrom(
    '\n', ' ', '\t', '"', "'", '[', ']', '{', '}', '(', ')', ',', ':', '=', '==', '>=', '#', '-', '- ', '\\', '<', '>', '/>', '</', '&', ';',
    'dependencies', 'require', 'gem', 'module', 'implementation', 'install_requires', '<dependency>', '<groupId>', 'FROM', 'RUN', 'steps', 'run', 'image',
    'services', 'jobs', '&a', '*a', '!!', '---', '...', '%', '\u0000', '\x1b', '\u202e', '\uFEFF', 'é', 'x', '1.0', '-r', 'a.txt',
  );
  const text = fc.array(tokens, { maxLength: 80 }).map((a) => a.join(''));

  it('every manifest parser returns a result with valid lines for any input', () => {
    const names = ['package.json', 'requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.cfg', 'setup.py', 'pom.xml', 'build.gradle', 'build.gradle.kts',
      'settings.gradle', 'gradle/libs.versions.toml', 'build.sbt', 'go.mod', 'go.work', 'Gemfile', 'Gemfile.lock', 'a.gemspec', 'composer.json', 'a.csproj',
      'Directory.Packages.props', 'packages.config', 'Cargo.toml', 'pnpm-workspace.yaml', 'a.egg-info/requires.txt', 'a.dist-info/METADATA'];
    assert.ok(names.every((n) => MANIFEST_PARSERS.some((p) => p.match(n))), 'every name has a parser');
    fc.assert(
      fc.property(fc.constantFrom(...names), text, (name, t) => {
        const r = parseManifest(name, t);
        assert.ok(r);
        for (const d of r.dependencies) assert.ok(Number.isInteger(d.line) && d.line >= 1, `${name}: line ${d.line}`);
        assert.ok(!r.warnings?.some((w) => w.startsWith('parser failed')), `${name}: ${r.warnings?.join('; ')}`);
        for (const inc of r.includes ?? []) assert.ok(!inc.split('/').includes('..') && !inc.startsWith('/'), `include leaves the workspace: ${inc}`);
      }),
      { seed: 1414, numRuns: 1500 },
    );
  });

  it('CI, Compose and Dockerfile readers never throw and only warn', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, async (a, b) => {
        const ctx = memoryContext({ '.github/workflows/ci.yml': a, '.gitlab-ci.yml': b, 'docker-compose.yml': a + b, Dockerfile: b, 'Jenkinsfile': a });
        await readPipelines(ctx);
        await readCompose(ctx);
        await readDockerfiles(ctx);
        for (const w of ctx.warnings) assert.equal(typeof w, 'string');
      }),
      { seed: 1414, numRuns: 400 },
    );
  });
});
