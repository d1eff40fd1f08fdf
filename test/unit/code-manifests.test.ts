/**
 * Manifests that are code in the engine's pass: each is parsed once (its manifest query and, for
 * source files, the source queries on one tree), reads the same as `parseManifest`, resolves its
 * Gradle catalog, and a bad one gives one clear warning without losing the scan.
 */
import { strict as assert } from 'assert';
import { analyzeWorkspace } from '../../src/core/analyze';
import { parseManifest, useManifestSyntax, type ManifestResult } from '../../src/core/manifests';
import type { TreeSitterHost } from '../../src/core/treesitter';
import { nodeFileSource } from '../../src/node/file-source';
import { engine } from './helpers/engine';
import { writeWorkspace } from './helpers/ctx';

const FILES: Record<string, string> = {
  'svc/setup.py': 'from setuptools import setup\nREQS = ["flask>=2"]\nsetup(name="svc", install_requires=REQS + ["celery[redis]"])\n',
  'web/Gemfile': "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngroup :test do\n  gem 'rspec-rails'\nend\n",
  'web/web.gemspec': "Gem::Specification.new do |s|\n  s.name = 'web'\n  s.add_dependency 'sinatra'\nend\n",
  'jvm/build.gradle.kts': 'plugins {\n  alias(libs.plugins.flyway)\n}\ndependencies {\n  implementation(libs.spring.web)\n  testImplementation("io.mockk:mockk:1.13.10")\n}\n',
  'jvm/settings.gradle.kts': 'rootProject.name = "jvm"\ninclude(":api")\n',
  'gradle/libs.versions.toml': '[libraries]\nspring-web = "org.springframework.boot:spring-boot-starter-web:3.2.4"\n[plugins]\nflyway = "org.flywaydb.flyway:10.10.0"\n',
  'scala/build.sbt': 'libraryDependencies += "org.typelevel" %% "cats-core" % "2.10.0"\n',
  'bad/setup.py': `setup(install_requires=[\n${'(\n'.repeat(3000)}`,
};

const rows = (r: ManifestResult | undefined) => (r?.dependencies ?? []).map((d) => `${d.name} ${d.scope} ${d.line}`);

describe('manifests that are code, in the engine', function () {
  this.timeout(120_000);

  it('parses each once, reads what parseManifest reads, resolves the catalog, and warns once for a bad file', async () => {
    const e = await engine();
    const root = writeWorkspace(FILES, 'sr-code-manifests-');
    // Count every parse the engine asks of the host, by file text.
    const parses = new Map<string, number>();
    const count = (text: string) => parses.set(text, (parses.get(text) ?? 0) + 1);
    const host = Object.create(e.treeSitter) as TreeSitterHost;
    host.parse = (g, text, purposes, reader) => (count(text), e.treeSitter.parse(g, text, purposes, reader));
    host.run = (g, text, purposes) => (count(text), e.treeSitter.run(g, text, purposes));
    const result = await analyzeWorkspace(nodeFileSource(root), { rootLabel: root, knowledge: e.knowledge, treeSitter: host });

    for (const [path, text] of Object.entries(FILES)) {
      if (path.endsWith('.toml') || path.startsWith('bad/')) continue;
      assert.equal(parses.get(text), 1, `${path} parsed ${parses.get(text) ?? 0} times`);
    }
    // Python source queries ran on the manifest's tree: setup.py still counts as Python source.
    assert.ok(result.languages.some((l) => l.id === 'python' && l.files >= 1));

    const flask = result.technologies.find((t) => t.id === 'flask');
    assert.deepEqual(flask?.evidence.find((ev) => ev.path === 'svc/setup.py')?.line, 2);
    const spring = result.technologies.find((t) => t.evidence.some((ev) => ev.path === 'jvm/build.gradle.kts' && ev.line === 5));
    assert.ok(spring, 'libs.spring.web resolves through gradle/libs.versions.toml to a technology at line 5');
    assert.ok(result.technologies.some((t) => t.evidence.some((ev) => ev.path === 'jvm/build.gradle.kts' && ev.line === 2 && /flyway/.test(ev.detail ?? ''))));

    const bad = result.warnings.filter((w) => w.startsWith('bad/setup.py'));
    assert.equal(bad.length, 1, bad.join('\n'));
    assert.match(bad[0], /^bad\/setup\.py: not read: \d+ syntax nodes are errors \(more than 2000\)$/);
    assert.equal(result.warnings.filter((w) => /^(svc|web|jvm|scala)\//.test(w)).length, 0, result.warnings.join('\n'));

    // The same readers through parseManifest (the unit tier's host) agree with the engine's pass.
    const viaText = rows(parseManifest('web/Gemfile', FILES['web/Gemfile']));
    assert.deepEqual(viaText, ['rails prod 2', 'rspec-rails test 4']);
    assert.ok(result.technologies.some((t) => t.evidence.some((ev) => ev.path === 'web/Gemfile' && ev.line === 2)));
  });

  it('gives one warning, not a crash, when no grammar is loaded', async () => {
    const e = await engine();
    useManifestSyntax(undefined);
    try {
      const r = parseManifest('build.sbt', FILES['scala/build.sbt'])!;
      assert.equal(r.kind, 'build.sbt');
      assert.deepEqual(r.dependencies, []);
      assert.deepEqual(r.warnings, ['not read: the scala grammar is not loaded']);
    } finally {
      useManifestSyntax(e.treeSitter);
    }
  });

  it('stops reading hostile text at a work limit, the same on every machine, with one warning', async () => {
    const e = await engine();
    // 20,000 lines of `(`: querying that one wide ERROR node alone takes seconds.
    const r = parseManifest('build.sbt', '('.repeat(20_000).split('').join('\n'), { syntax: e.treeSitter })!;
    assert.deepEqual(r.dependencies, []);
    assert.equal(r.warnings?.length, 1);
    assert.deepEqual(r.warnings, ['not read: 20001 syntax nodes are errors (more than 2000)']);
  });
});
