/**
 * Unit tests for the practice detectors (src/core/practices). Mini-workspaces come from
 * test/fixtures (shared service fixtures and practices/* fixtures) or are written to temp dirs;
 * git repositories are built at test time with isomorphic-git.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as git from 'isomorphic-git';
import { makeContext, writeWorkspace, nodeFileSource, type TestContext, type ContextOptions } from './helpers/ctx';
import { PRACTICE_DETECTORS, runPracticeDetectors, architectureHint } from '../../src/core/practices';
import { detectGit, gitFsOver, isConventional, isLazySubject, locateGit, remoteHost } from '../../src/core/practices/git';
import { detectCi, classifyCommand, classifyAction, classifyOrb } from '../../src/core/practices/ci';
import { detectContainers, isPinned, parseDockerfile, isDockerfileName, isComposeName } from '../../src/core/practices/containers';
import { detectInfra } from '../../src/core/practices/infra';
import { detectTesting, isTestFile } from '../../src/core/practices/testing';
import { detectSecurity, isCommittedEnvName, sqlBuiltBy, scanSqlText, capturedBuild, sqlThroughVariables } from '../../src/core/practices/security';
import { detectDocs, guessSpdx, readmeHeadings } from '../../src/core/practices/docs';
import { detectApis, httpMethod, joinRoutePath } from '../../src/core/practices/api';
import { detectData } from '../../src/core/practices/data';
import { detectCode } from '../../src/core/practices/code';
import { detectArchitecture } from '../../src/core/practices/architecture';
import { detectEntryPoints } from '../../src/core/practices/entrypoints';
import type { PracticeDetector, QueryMatch } from '../../src/core/practices/types';
import type { PracticeFinding } from '../../src/core/types';
import { engine } from './helpers/engine';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const NODE_SVC = path.join(FIXTURES, 'node-ts-service');
const PY_SVC = path.join(FIXTURES, 'python-service');
const PRACTICES = path.join(FIXTURES, 'practices');
const fixture = (name: string) => path.join(FIXTURES, name);

async function scan(dir: string, detectors: PracticeDetector[], opts?: ContextOptions): Promise<TestContext> {
  const ctx = makeContext(dir, opts);
  for (const d of detectors) await d(ctx);
  return ctx;
}

/** Asserts a practice was reported with evidence at path (and line, when given). */
function hasEvidence(ctx: TestContext, id: string, p: string, line?: number, detail?: RegExp): void {
  const r = ctx.practice(id);
  assert.ok(r, `${id} should be reported; got ${[...ctx.reported.keys()].join(', ')}`);
  const hit = r.evidence.find((e) => e.path === p && (line === undefined || e.line === line) && (!detail || detail.test(e.detail)));
  assert.ok(hit, `${id} should have evidence ${p}:${line ?? '*'} ${detail ?? ''}; got ${JSON.stringify(r.evidence.slice(0, 8))}`);
}

function absent(ctx: TestContext, ...ids: string[]): void {
  for (const id of ids) assert.equal(ctx.practice(id), undefined, `${id} must not be reported: ${JSON.stringify(ctx.practice(id)?.evidence.slice(0, 3))}`);
}

function match(captures: Record<string, { text: string; line: number; column?: number; nodeType?: string }>): QueryMatch {
  const out: QueryMatch['captures'] = {};
  for (const [k, v] of Object.entries(captures)) out[k] = { text: v.text, line: v.line, column: v.column ?? 0, endColumn: (v.column ?? 0) + v.text.length, nodeType: v.nodeType ?? 'string' };
  return { captures: out };
}

describe('practices', function () {
  this.timeout(20_000);

  describe('data/practices.json', () => {
    const data = JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'practices.json'), 'utf8')) as { id: string; name: string; group: string; description: string; searched: string; negative: boolean }[];
    const REQUIRED = 'test-cases unit-tests integration-tests e2e-tests load-tests test-coverage tests-in-ci rest-endpoints graphql-api grpc-api websocket-api api-docs api-collections git-repository git-history branching merge-commits conventional-commits clean-commit-messages gitignore git-remote-host pr-template issue-template codeowners ci-pipeline ci-runs-tests ci-lint ci-security-scan ci-docker-build ci-on-pull-request continuous-deployment dockerfile docker-multistage docker-non-root docker-healthcheck docker-pinned-base compose-services kubernetes-manifests helm-chart kustomize load-balancing web-server-config infrastructure-as-code serverless-functions sql-ddl db-migrations db-indexes caching messaging committed-env sql-injection-risk parameterised-queries dependency-updates sast security-policy password-hashing security-headers csrf-protection input-validation authentication authorization readme readme-sections license contributing code-of-conduct changelog docs-folder adr linting formatting editorconfig git-hooks debug-config devcontainer editor-settings api-tests health-checks error-handling concurrency oop-style functional-style logging monitoring tracing multiple-services architecture-microservices architecture-event-driven architecture-serverless architecture-monolith design-patterns responsive-css typed-code data-structures'.split(' ');

    it('lists every required id once, with all fields', () => {
      const ids = data.map((d) => d.id);
      assert.equal(new Set(ids).size, ids.length, 'ids are unique');
      for (const id of REQUIRED) assert.ok(ids.includes(id), `missing ${id}`);
      for (const d of data) {
        assert.match(d.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
        for (const k of ['name', 'group', 'description', 'searched'] as const) assert.ok(typeof d[k] === 'string' && d[k].length > 2, `${d.id}.${k}`);
        assert.equal(typeof d.negative, 'boolean');
      }
    });

    it('marks only the risks as negative', () => {
      assert.deepEqual(data.filter((d) => d.negative).map((d) => d.id).sort(), ['committed-env', 'sql-injection-risk']);
    });

    it('knows every practice id the detectors report on every fixture, and reports only known CI/container/cloud technologies', async () => {
      const ids = new Set(data.map((d) => d.id));
      const techs = new Set(['docker', 'docker-compose', 'kubernetes', 'helm', 'aws', 'gcp', 'azure', 'github-actions', 'gitlab-ci', 'jenkins', 'circleci', 'azure-pipelines', 'bitbucket-pipelines', 'travis-ci', 'drone', 'woodpecker', 'buildkite', 'teamcity']);
      const dirs = [NODE_SVC, PY_SVC, ...fs.readdirSync(PRACTICES).map((d) => path.join(PRACTICES, d))];
      const seen = new Set<string>();
      for (const dir of dirs) {
        const ctx = makeContext(dir, { technologies: ['fastapi', 'redis', 'kafka', 'celery', 'playwright', 'k6', 'winston', 'opentelemetry', 'graphql', 'grpc', 'ws', 'bcrypt', 'helmet', 'csurf', 'zod', 'passport', 'casl', 'flyway', 'prettier', 'eslint', 'nyc', 'husky', 'snyk'] });
        await runPracticeDetectors(ctx);
        for (const id of ctx.reported.keys()) {
          seen.add(id);
          assert.ok(ids.has(id), `${id} (from ${path.basename(dir)}) is not in data/practices.json`);
        }
        for (const t of ctx.techs.keys()) assert.ok(techs.has(t), `unexpected technology id ${t}`);
      }
      assert.ok(seen.size >= 70, `fixtures exercise ${seen.size} practices`);
    });

    it('never imports vscode from the core', () => {
      const dir = path.join(ROOT, 'src', 'core', 'practices');
      for (const f of fs.readdirSync(dir)) assert.doesNotMatch(fs.readFileSync(path.join(dir, f), 'utf8'), /from\s+['"]vscode['"]|require\(['"]vscode['"]\)/, f);
    });
  });

  describe('git (isomorphic-git over the FileSource, never the git binary)', () => {
    const author = (ts: number, who = 'Ada') => ({ name: who, email: `${who.toLowerCase()}@example.com`, timestamp: ts, timezoneOffset: 0 });

    async function commitFile(dir: string, file: string, content: string, message: string, ts: number, who?: string, parent?: string[]): Promise<string> {
      fs.writeFileSync(path.join(dir, file), content);
      await git.add({ fs, dir, filepath: file });
      return git.commit({ fs, dir, message, author: author(ts, who), ...(parent ? { parent } : {}) });
    }

    let repo: string;
    before(async () => {
      repo = writeWorkspace({ '.gitignore': 'node_modules/\n.env\ndist/\n', 'README.md': '# demo\n' });
      await git.init({ fs, dir: repo, defaultBranch: 'main' });
      let t = Date.UTC(2024, 0, 10) / 1000;
      await commitFile(repo, 'a.txt', '1', 'feat(api): add orders endpoint', (t += 3600));
      await commitFile(repo, 'a.txt', '2', 'fix: reject empty carts', (t += 3600), 'Grace');
      const base = await commitFile(repo, 'a.txt', '3', 'docs: describe the deploy workflow', (t += 3600));
      await git.branch({ fs, dir: repo, ref: 'feature/login', checkout: true });
      const feature = await commitFile(repo, 'b.txt', 'x', 'feat(auth): add login form', (t += 3600), 'Grace');
      await git.checkout({ fs, dir: repo, ref: 'main' });
      const mainTip = await commitFile(repo, 'c.txt', 'y', 'chore(deps): bump pg to 8.11', (t += 3600));
      assert.notEqual(base, mainTip);
      await commitFile(repo, 'b.txt', 'x', "Merge branch 'feature/login'", (t += 3600), 'Ada', [mainTip, feature]);
      await commitFile(repo, 'a.txt', '4', 'test: cover the orders endpoint', (t += 3600));
      await commitFile(repo, 'a.txt', '5', 'wip', (t += 3600));
      await git.branch({ fs, dir: repo, ref: 'release/1.0' });
      await git.branch({ fs, dir: repo, ref: 'develop' });
      await git.tag({ fs, dir: repo, ref: 'v1.0.0' });
      await git.addRemote({ fs, dir: repo, remote: 'origin', url: 'https://ada:s3cr3t-token@github.com/acme/orders.git' });
      fs.mkdirSync(path.join(repo, '.git', 'refs', 'remotes', 'origin'), { recursive: true });
      fs.writeFileSync(path.join(repo, '.git', 'refs', 'remotes', 'origin', 'main'), mainTip + '\n');
    });

    it('reads history, authors and dates from a real repository', async () => {
      const ctx = await scan(repo, [detectGit]);
      assert.deepEqual(ctx.warnings, []);
      hasEvidence(ctx, 'git-repository', '.git');
      const h = ctx.practice('git-history')!;
      assert.equal(h.count, 8, 'both sides of the merge are walked');
      assert.equal(h.figures?.authors, 2);
      assert.equal(h.figures?.firstCommit, new Date(Date.UTC(2024, 0, 10, 1)).toISOString());
      assert.equal(h.figures?.lastCommit, new Date(Date.UTC(2024, 0, 10, 8)).toISOString());
    });

    it('finds the merge commit with two parents', async () => {
      const ctx = await scan(repo, [detectGit]);
      const m = ctx.practice('merge-commits')!;
      assert.equal(m.count, 1);
      assert.match(m.evidence[0].detail, /Merge branch 'feature\/login'/);
    });

    it('measures Conventional Commits and clean subjects on non-merge commits', async () => {
      const ctx = await scan(repo, [detectGit]);
      const c = ctx.practice('conventional-commits')!;
      assert.equal(c.figures?.conventional, 6);
      assert.equal(c.figures?.commits, 7);
      assert.equal(c.figures?.share, '86%');
      const clean = ctx.practice('clean-commit-messages')!;
      assert.equal(clean.figures?.oneWordSubjects, 1);
      assert.ok(Number(clean.figures?.medianSubjectLength) >= 10);
    });

    it('reports branches (local + remote), the branching strategy and tags', async () => {
      const ctx = await scan(repo, [detectGit]);
      const b = ctx.practice('branching')!;
      assert.equal(b.figures?.localBranches, 4);
      assert.equal(b.figures?.remoteBranches, 1);
      assert.equal(b.figures?.releaseBranches, 'release/1.0');
      assert.equal(b.figures?.featureBranches, 'feature/login');
      assert.equal(b.figures?.developBranch, 'develop');
      assert.equal(b.figures?.strategy, 'git-flow style');
      assert.equal(ctx.practice('git-tags')?.count, 1);
    });

    it('names the remote host and never leaks credentials', async () => {
      const ctx = await scan(repo, [detectGit]);
      const r = ctx.practice('git-remote-host')!;
      assert.equal(r.figures?.hosts, 'GitHub');
      assert.equal(r.evidence[0].path, '.git/config');
      assert.ok(r.evidence[0].line! > 0);
      assert.doesNotMatch(JSON.stringify(r), /s3cr3t|ada:/);
      hasEvidence(ctx, 'gitignore', '.gitignore', 1, /node_modules|\.env/);
    });

    it('treats a fresh `git init` as a clear state: repository, no history, no warnings', async () => {
      const dir = writeWorkspace({ 'x.txt': 'x' });
      await git.init({ fs, dir, defaultBranch: 'main' });
      const ctx = await scan(dir, [detectGit]);
      assert.deepEqual(ctx.warnings, []);
      assert.equal(ctx.practice('git-repository')?.figures?.state, 'the repository has no commits yet');
      absent(ctx, 'git-history', 'merge-commits', 'branching', 'conventional-commits', 'clean-commit-messages');
    });

    it('reports nothing (and does not fail) without a repository', async () => {
      const ctx = await scan(writeWorkspace({ 'x.txt': 'x' }), [detectGit]);
      assert.deepEqual([...ctx.reported.keys()], []);
      assert.deepEqual(ctx.warnings, []);
    });

    it('handles a .git file pointing outside the workspace (worktree/submodule)', async () => {
      const dir = writeWorkspace({ '.git': 'gitdir: /home/ada/src/orders/.git/worktrees/feature\n' });
      const ctx = await scan(dir, [detectGit]);
      assert.match(String(ctx.practice('git-repository')?.figures?.state), /worktree or submodule/);
      absent(ctx, 'git-history');
      assert.deepEqual(await locateGit(nodeFileSource(dir)), { marker: '.git', unreadable: 'a linked worktree or submodule whose history lives outside the workspace' });
    });

    it('follows a .git file whose gitdir stays inside the workspace', async () => {
      const dir = writeWorkspace({ 'x.txt': 'x' });
      await git.init({ fs, dir, gitdir: path.join(dir, 'meta', 'repo.git'), defaultBranch: 'main' });
      fs.writeFileSync(path.join(dir, '.git'), 'gitdir: meta/repo.git\n');
      await git.add({ fs, dir, gitdir: path.join(dir, 'meta', 'repo.git'), filepath: 'x.txt' });
      await git.commit({ fs, dir, gitdir: path.join(dir, 'meta', 'repo.git'), message: 'initial import of the service', author: author(1_700_000_000) });
      const ctx = await scan(dir, [detectGit]);
      assert.equal(ctx.practice('git-history')?.count, 1);
    });

    it('does not praise sloppy messages', async () => {
      const dir = writeWorkspace({});
      await git.init({ fs, dir, defaultBranch: 'main' });
      let t = 1_700_000_000;
      for (const m of ['fix', 'wip', 'stuff', 'update', 'asdf', 'fix again']) await commitFile(dir, 'a.txt', m, m, (t += 60));
      const ctx = await scan(dir, [detectGit]);
      assert.equal(ctx.practice('git-history')?.count, 6);
      absent(ctx, 'conventional-commits', 'clean-commit-messages', 'merge-commits', 'branching');
    });

    it('builds an fs whose missing files reject with ENOENT and which refuses writes', async () => {
      const gfs = gitFsOver(nodeFileSource(writeWorkspace({ 'a.txt': 'hello' })));
      assert.equal(await gfs.promises.readFile('/a.txt', 'utf8'), 'hello');
      assert.ok(Buffer.isBuffer(await gfs.promises.readFile('/a.txt')));
      await assert.rejects(gfs.promises.readFile('/missing'), (e: { code?: string }) => e.code === 'ENOENT');
      await assert.rejects(gfs.promises.stat('/nope/deeper'), (e: { code?: string }) => e.code === 'ENOENT');
      await assert.rejects(gfs.promises.writeFile('/a.txt', 'x'), (e: { code?: string }) => e.code === 'EROFS');
      assert.equal((await gfs.promises.stat('/a.txt')).isFile(), true);
    });

    it('recognises hosts, conventional subjects and lazy subjects', () => {
      assert.equal(remoteHost('git@gitlab.com:acme/app.git'), 'GitLab');
      assert.equal(remoteHost('https://bitbucket.org/acme/app.git'), 'Bitbucket');
      assert.equal(remoteHost('https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/app'), 'AWS CodeCommit');
      assert.equal(remoteHost('https://dev.azure.com/acme/app/_git/app'), 'Azure DevOps');
      assert.equal(remoteHost('/srv/git/app.git'), undefined);
      assert.ok(isConventional('feat(api)!: drop v1 routes'));
      assert.ok(!isConventional('Added stuff'));
      assert.ok(isLazySubject('fix') && isLazySubject('WIP') && isLazySubject('update.'));
      assert.ok(!isLazySubject('fix crash when the cart is empty'));
    });

    it('finds PR and issue templates and CODEOWNERS in their usual places', async () => {
      const ctx = await scan(path.join(PRACTICES, 'docs-zoo'), [detectGit]);
      hasEvidence(ctx, 'pr-template', '.github/PULL_REQUEST_TEMPLATE/default.md');
      hasEvidence(ctx, 'codeowners', '.github/CODEOWNERS', 2);
      assert.equal(ctx.practice('codeowners')?.count, 2);
      const dir = writeWorkspace({ '.gitlab/merge_request_templates/Default.md': '## Why', '.gitlab/issue_templates/Bug.md': '## Steps', 'docs/CODEOWNERS': '* @a' });
      const g = await scan(dir, [detectGit]);
      hasEvidence(g, 'pr-template', '.gitlab/merge_request_templates/Default.md');
      hasEvidence(g, 'issue-template', '.gitlab/issue_templates/Bug.md');
      hasEvidence(g, 'codeowners', 'docs/CODEOWNERS');
    });
  });

  describe('CI/CD', () => {
    it("resolves npm-run-all globs per ':' part: run-s 'test:*' runs test:unit, not test:e2e:slow's sibling build", async () => {
      const dir = writeWorkspace({
        'package.json': JSON.stringify({ name: 'svc', scripts: { test: 'run-s test:*', 'test:unit': 'mocha test/unit', 'test:e2e:slow': 'playwright test', 'build:test': 'tsc' } }, null, 2) + '\n',
        '.github/workflows/ci.yml': 'on: [pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
      });
      const ctx = await scan(dir, [detectCi]);
      hasEvidence(ctx, 'ci-runs-tests', '.github/workflows/ci.yml', 6, /mocha test\/unit/);
      const rows = ctx.practice('ci-runs-tests')!.evidence.map((e) => e.detail).join('\n');
      assert.doesNotMatch(rows, /playwright test|tsc/, rows);
    });

    it('parses every GitHub Actions workflow with step lines (node-ts-service)', async () => {
      const ctx = await scan(NODE_SVC, [detectCi]);
      assert.equal(ctx.practice('ci-pipeline')?.count, 2);
      assert.deepEqual(ctx.techs.get('github-actions')?.map((e) => e.path), ['.github/workflows/ci.yml', '.github/workflows/deploy.yml']);
      hasEvidence(ctx, 'ci-runs-tests', '.github/workflows/ci.yml', 26, /npm test/);
      hasEvidence(ctx, 'tests-in-ci', '.github/workflows/ci.yml', 26);
      hasEvidence(ctx, 'ci-lint', '.github/workflows/ci.yml', 25, /npm run lint/);
      hasEvidence(ctx, 'ci-on-pull-request', '.github/workflows/ci.yml', 6);
      hasEvidence(ctx, 'ci-docker-build', '.github/workflows/deploy.yml', 20, /docker build/);
      hasEvidence(ctx, 'ci-docker-build', '.github/workflows/deploy.yml', 22, /docker push/);
      hasEvidence(ctx, 'continuous-deployment', '.github/workflows/deploy.yml', 31, /kubectl apply/);
      assert.match(String(ctx.practice('continuous-deployment')?.figures?.triggers), /tags/);
      absent(ctx, 'ci-security-scan');
      assert.ok(!ctx.techs.has('travis-ci'), 'the README Travis badge is not CI');
    });

    it('reads GitLab CI, runs tests and lint, and never invents deployment (python-service)', async () => {
      const ctx = await scan(PY_SVC, [detectCi]);
      assert.ok(ctx.techs.has('gitlab-ci'));
      hasEvidence(ctx, 'ci-runs-tests', '.gitlab-ci.yml', 25, /pytest/);
      hasEvidence(ctx, 'ci-lint', '.gitlab-ci.yml', 18, /ruff/);
      hasEvidence(ctx, 'ci-lint', '.gitlab-ci.yml', 19, /black --check/);
      absent(ctx, 'continuous-deployment', 'ci-docker-build', 'ci-on-pull-request');
    });

    it('recognises all eleven CI systems and what their steps do (ci-zoo)', async () => {
      const ctx = await scan(path.join(PRACTICES, 'ci-zoo'), [detectCi]);
      for (const t of ['github-actions', 'gitlab-ci', 'jenkins', 'circleci', 'azure-pipelines', 'bitbucket-pipelines', 'travis-ci', 'drone', 'woodpecker', 'buildkite', 'teamcity']) assert.ok(ctx.techs.has(t), t);
      assert.ok(ctx.warnings.some((w) => w.includes('.github/workflows/broken.yml')), 'malformed workflow is a warning');
      hasEvidence(ctx, 'ci-security-scan', '.github/workflows/codeql.yml', 16, /CodeQL/);
      hasEvidence(ctx, 'ci-security-scan', '.circleci/config.yml', 15, /Snyk/);
      hasEvidence(ctx, 'ci-security-scan', '.gitlab-ci.yml', 2, /security scan/);
      hasEvidence(ctx, 'ci-security-scan', '.buildkite/pipeline.yml', 5, /Trivy/);
      hasEvidence(ctx, 'ci-runs-tests', '.gitlab-ci.yml', 11, /mvn -B verify/);
      hasEvidence(ctx, 'ci-runs-tests', 'Jenkinsfile', 13, /gradlew test/);
      hasEvidence(ctx, 'ci-runs-tests', '.circleci/config.yml', 14, /vitest/);
      hasEvidence(ctx, 'ci-runs-tests', 'azure-pipelines.yml', 9, /DotNetCoreCLI/);
      hasEvidence(ctx, 'ci-runs-tests', 'bitbucket-pipelines.yml', 8, /pytest/);
      hasEvidence(ctx, 'ci-runs-tests', '.travis.yml', 4, /rspec/);
      hasEvidence(ctx, 'ci-runs-tests', '.drone.yml', 9, /go test/);
      hasEvidence(ctx, 'ci-runs-tests', '.woodpecker/build.yml', 8, /cargo test/);
      hasEvidence(ctx, 'ci-runs-tests', '.buildkite/pipeline.yml', 3, /phpunit/);
      hasEvidence(ctx, 'ci-runs-tests', '.teamcity/settings.kts', 5, /verify/);
      hasEvidence(ctx, 'ci-lint', '.drone.yml', 8, /go vet/);
      hasEvidence(ctx, 'ci-docker-build', '.github/workflows/release.yaml', 11, /build-push-action/);
      hasEvidence(ctx, 'ci-docker-build', 'azure-pipelines.yml', 13, /buildAndPush/);
      hasEvidence(ctx, 'ci-docker-build', '.drone.yml', 11, /plugins\/docker/);
      hasEvidence(ctx, 'ci-docker-build', 'Jenkinsfile', 19, /docker\.build/);
      hasEvidence(ctx, 'continuous-deployment', '.github/workflows/release.yaml', 17, /helm upgrade/);
      hasEvidence(ctx, 'continuous-deployment', 'ci/deploy.gitlab-ci.yml', 5, /terraform apply/);
      hasEvidence(ctx, 'continuous-deployment', 'azure-pipelines.yml', 17, /AzureWebApp/);
      hasEvidence(ctx, 'continuous-deployment', 'bitbucket-pipelines.yml', 13, /aws-ecs-deploy/);
      hasEvidence(ctx, 'continuous-deployment', '.teamcity/settings.kts', 6, /kubectl apply/);
      hasEvidence(ctx, 'ci-on-pull-request', '.gitlab-ci.yml', 13);
      hasEvidence(ctx, 'ci-on-pull-request', 'azure-pipelines.yml', 4);
      hasEvidence(ctx, 'ci-on-pull-request', 'bitbucket-pipelines.yml', 3);
      hasEvidence(ctx, 'ci-on-pull-request', '.drone.yml', 17);
      assert.match(String(ctx.practice('ci-pipeline')?.figures?.triggers), /schedule/);
      // The commented-out Jenkins line is not a step.
      assert.ok(!ctx.practice('ci-runs-tests')!.evidence.some((e) => e.path === 'Jenkinsfile' && e.line === 12));
    });

    it('ignores CI badges, a .github folder without workflows and commands in prose (traps)', async () => {
      const ctx = await scan(path.join(PRACTICES, 'traps'), [detectCi]);
      assert.deepEqual([...ctx.reported.keys()], []);
      assert.deepEqual([...ctx.techs.keys()], []);
    });

    it('classifies commands and actions, skipping comments and echo', () => {
      const kinds = (c: string) => classifyCommand(c).map((k) => k.kind);
      assert.deepEqual(kinds('npm test'), ['test']);
      assert.deepEqual(kinds('./mvnw -B verify'), ['test']);
      assert.deepEqual(kinds('dotnet test --no-build'), ['test']);
      assert.deepEqual(kinds('bundle exec rspec'), ['test']);
      assert.deepEqual(kinds('echo "now run npm test"'), []);
      assert.deepEqual(kinds('# npm test'), []);
      assert.deepEqual(kinds('golangci-lint run'), ['lint']);
      assert.deepEqual(kinds('trivy image app:1'), ['security']);
      assert.deepEqual(kinds('docker buildx build --push -t x .'), ['docker']);
      assert.deepEqual(kinds('gcloud run deploy api --image x'), ['deploy']);
      assert.deepEqual(kinds('npm ci'), []);
      assert.deepEqual(kinds('npm run build'), ['build']);
      assert.deepEqual(classifyAction('github/codeql-action/analyze@v3').map((k) => k.kind), ['security']);
      assert.deepEqual(classifyAction('actions/checkout@v4'), []);
      assert.deepEqual(classifyAction('azure/setup-kubectl@v4'), []);
      assert.deepEqual(classifyAction('aws-actions/amazon-ecs-deploy-task-definition@v1').map((k) => k.kind), ['deploy']);
    });

    it('classifies CircleCI orb steps and orb jobs as tests (ruby-rails, workflow jobs)', async () => {
      const rb = await scan(fixture('ruby-rails'), [detectCi]);
      hasEvidence(rb, 'ci-runs-tests', '.circleci/config.yml', 25, /orb test step: ruby\/rspec-test/);
      hasEvidence(rb, 'tests-in-ci', '.circleci/config.yml', 25);
      hasEvidence(rb, 'ci-lint', '.circleci/config.yml', 21, /rubocop/);
      const dir = writeWorkspace({
        '.circleci/config.yml': 'version: 2.1\norbs:\n  node: circleci/node@5\n  python: circleci/python@2\nworkflows:\n  ci:\n    jobs:\n      - node/test\n      - python/test:\n          pkg-manager: pip\n      - node/install-packages\n',
      });
      const ctx = await scan(dir, [detectCi]);
      hasEvidence(ctx, 'ci-runs-tests', '.circleci/config.yml', 8, /node\/test/);
      hasEvidence(ctx, 'ci-runs-tests', '.circleci/config.yml', 9, /python\/test/);
      assert.equal(ctx.practice('ci-runs-tests')?.count, 2, 'install-packages is not a test');
      const kinds = (r: string) => classifyOrb(r).map((k) => k.kind);
      assert.deepEqual(kinds('ruby/rspec-test'), ['test']);
      assert.deepEqual(kinds('python/test'), ['test']);
      assert.deepEqual(kinds('ruby/install-deps'), []);
      assert.deepEqual(kinds('ruby/rubocop-check'), ['lint']);
      assert.deepEqual(kinds('aws-ecs/deploy-service-update'), ['deploy']);
      assert.deepEqual(kinds('checkout'), []);
    });

    it('sees deployments the CI system marks itself: Bitbucket deployment and pipes, GitLab environments, Azure deployment jobs', async () => {
      const php = await scan(fixture('php-laravel'), [detectCi]);
      hasEvidence(php, 'continuous-deployment', 'bitbucket-pipelines.yml', 23, /Bitbucket deployment to production/);
      hasEvidence(php, 'continuous-deployment', 'bitbucket-pipelines.yml', 25, /atlassian\/ssh-run/);
      assert.match(String(php.practice('continuous-deployment')?.figures?.pipelines), /bitbucket-pipelines\.yml/);
      const dir = writeWorkspace({
        '.gitlab-ci.yml': 'test:\n  script: pytest\ndeploy_prod:\n  stage: deploy\n  script: ./scripts/release.sh\n  environment:\n    name: production\nstop_review:\n  script: ./scripts/stop.sh\n  environment:\n    name: review/$CI_COMMIT_REF_SLUG\n    action: stop\n',
        'azure-pipelines.yml': 'trigger: [main]\nstages:\n  - stage: Deploy\n    jobs:\n      - deployment: DeployWeb\n        environment: staging\n        strategy:\n          runOnce:\n            deploy:\n              steps:\n                - script: ./deploy.sh\n',
      });
      const ctx = await scan(dir, [detectCi]);
      hasEvidence(ctx, 'continuous-deployment', '.gitlab-ci.yml', 6, /GitLab deployment to production/);
      hasEvidence(ctx, 'continuous-deployment', 'azure-pipelines.yml', 5, /Azure deployment job to staging/);
      assert.ok(!ctx.practice('continuous-deployment')!.evidence.some((e) => /review/.test(e.detail)), 'stopping an environment is not a deployment');
      assert.equal(ctx.practice('continuous-deployment')?.count, 2);
    });
  });

  describe('containers and orchestration', () => {
    it('reads Dockerfile hygiene with lines (node-ts-service)', async () => {
      const ctx = await scan(NODE_SVC, [detectContainers]);
      hasEvidence(ctx, 'dockerfile', 'Dockerfile', 2);
      hasEvidence(ctx, 'docker-multistage', 'Dockerfile', 10);
      hasEvidence(ctx, 'docker-non-root', 'Dockerfile', 16, /USER node/);
      hasEvidence(ctx, 'docker-healthcheck', 'Dockerfile', 18);
      hasEvidence(ctx, 'docker-pinned-base', 'Dockerfile', 2, /node:20\.11-alpine/);
      assert.equal(ctx.techs.get('docker')?.[0].line, 2);
      const compose = ctx.practice('compose-services')!;
      assert.equal(compose.count, 3);
      assert.equal(compose.figures?.services, 'api, db, cache');
      assert.equal(compose.figures?.images, 'postgres:16, redis:7');
      hasEvidence(ctx, 'compose-services', 'docker-compose.yml', 16, /postgres:16/);
      hasEvidence(ctx, 'kubernetes-manifests', 'k8s/deployment.yaml', 2, /Deployment orders-api/);
      assert.equal(ctx.techs.get('kubernetes')?.[0].path, 'k8s/deployment.yaml');
      assert.equal(ctx.techs.get('kubernetes')?.[0].line, 2);
      absent(ctx, 'load-balancing', 'helm-chart', 'kustomize');
    });

    it('does not praise python:latest running as root (python-service)', async () => {
      const ctx = await scan(PY_SVC, [detectContainers]);
      hasEvidence(ctx, 'dockerfile', 'Dockerfile', 1);
      absent(ctx, 'docker-pinned-base', 'docker-non-root', 'docker-healthcheck', 'docker-multistage', 'compose-services', 'kubernetes-manifests');
    });

    it('handles naming variants, ARG substitution, digests, distroless nonroot, USER 0 and HEALTHCHECK NONE (infra-zoo)', async () => {
      const ctx = await scan(path.join(PRACTICES, 'infra-zoo'), [detectContainers]);
      assert.equal(ctx.practice('dockerfile')?.count, 2);
      hasEvidence(ctx, 'docker-pinned-base', 'services/orders/Dockerfile', 2, /node:20\.11-slim/);
      hasEvidence(ctx, 'docker-pinned-base', 'services/billing/billing.Dockerfile', 1, /sha256/);
      hasEvidence(ctx, 'docker-non-root', 'services/orders/Dockerfile', 7, /nonroot/);
      assert.equal(ctx.practice('docker-non-root')?.count, 1, 'USER 0 is root');
      absent(ctx, 'docker-healthcheck');
      const compose = ctx.practice('compose-services')!;
      assert.equal(compose.count, 4);
      assert.equal(compose.figures?.built, 'orders, billing');
      assert.equal(compose.figures?.files, 2);
      const k8s = ctx.practice('kubernetes-manifests')!;
      assert.equal(k8s.count, 5, 'four documents of app.yaml plus the Helm template; Backstage is not Kubernetes');
      hasEvidence(ctx, 'kubernetes-manifests', 'k8s/base/app.yaml', 10, /billing/);
      hasEvidence(ctx, 'kubernetes-manifests', 'chart/templates/deployment.yaml', 2);
      assert.ok(!k8s.evidence.some((e) => e.path === 'catalog-info.yaml'));
      hasEvidence(ctx, 'load-balancing', 'k8s/base/app.yaml', 15, /LoadBalancer/);
      hasEvidence(ctx, 'load-balancing', 'k8s/base/app.yaml', 24, /Ingress/);
      hasEvidence(ctx, 'load-balancing', 'nginx/nginx.conf', 4, /upstream orders_backend/);
      hasEvidence(ctx, 'helm-chart', 'chart/Chart.yaml', 2, /orders/);
      assert.equal(ctx.techs.get('helm')?.[0].path, 'chart/Chart.yaml');
      assert.equal(ctx.practice('kustomize')?.count, 2);
    });

    it('never reports Docker from a .dockerignore, nor Kubernetes from prose or Backstage (traps)', async () => {
      const ctx = await scan(path.join(PRACTICES, 'traps'), [detectContainers]);
      assert.deepEqual([...ctx.reported.keys()], []);
      assert.deepEqual([...ctx.techs.keys()], []);
    });

    it('parses Dockerfiles robustly and knows the file names', () => {
      const d = parseDockerfile('Dockerfile', '# c\nFROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN go build \\\n  -o /app .\nFROM scratch\nCOPY --from=build /app /app\nUSER 65532:65532\nHEALTHCHECK --interval=5s \\\n  CMD ["/app","health"]\n');
      assert.deepEqual(d.stages.map((s) => [s.line, s.image, s.internal]), [[2, 'golang:1.22', false], [5, 'scratch', true]]);
      assert.deepEqual(d.stages[1].users, [{ line: 7, user: '65532:65532' }]);
      assert.equal(d.healthcheck?.line, 8);
      assert.ok(isPinned('node:20') && isPinned('ghcr.io/acme/app@sha256:0123456789abcdef0123') && isPinned('localhost:5000/app:1.2'));
      assert.ok(!isPinned('node') && !isPinned('node:latest') && !isPinned('localhost:5000/app') && !isPinned('node:${TAG}'));
      assert.ok(isDockerfileName('Dockerfile') && isDockerfileName('docker/Dockerfile.prod') && isDockerfileName('api.Dockerfile') && isDockerfileName('Containerfile'));
      assert.ok(!isDockerfileName('.dockerignore') && !isDockerfileName('Dockerfile.md'));
      assert.ok(isComposeName('docker-compose.yml') && isComposeName('compose.yaml') && isComposeName('docker-compose.prod.yaml') && isComposeName('compose.override.yml'));
      assert.ok(!isComposeName('composer.json') && !isComposeName('my-compose.yml'));
    });
  });

  describe('infrastructure, serverless and servers', () => {
    it('finds Terraform, SAM, Bicep and Ansible; serverless functions; Nginx and Procfile (infra-zoo)', async () => {
      const ctx = await scan(path.join(PRACTICES, 'infra-zoo'), [detectInfra]);
      assert.deepEqual(ctx.warnings, []);
      const iac = ctx.practice('infrastructure-as-code')!;
      for (const t of ['Terraform', 'AWS SAM', 'Bicep', 'Ansible']) assert.match(String(iac.figures?.tools), new RegExp(t));
      hasEvidence(ctx, 'infrastructure-as-code', 'template.yaml', 1, /SAM/);
      hasEvidence(ctx, 'infrastructure-as-code', 'ansible/site.yml', 2, /playbook/);
      assert.equal(ctx.techs.get('aws')?.[0].path, 'infra/main.tf');
      assert.ok(ctx.techs.has('azure'));
      hasEvidence(ctx, 'serverless-functions', 'infra/main.tf', 14, /aws_lambda_function/);
      hasEvidence(ctx, 'serverless-functions', 'template.yaml', 5, /Serverless::Function/);
      hasEvidence(ctx, 'serverless-functions', 'serverless.yml', 5, /2 function/);
      hasEvidence(ctx, 'serverless-functions', 'functions/handler.py', 4, /lambda_handler/);
      assert.equal(ctx.practice('serverless-functions')?.figures?.platforms, 'AWS');
      hasEvidence(ctx, 'web-server-config', 'nginx/nginx.conf');
      hasEvidence(ctx, 'web-server-config', 'Procfile', 1);
    });

    it('sees gunicorn started by the container (python-service)', async () => {
      const ctx = await scan(PY_SVC, [detectInfra]);
      hasEvidence(ctx, 'web-server-config', 'Dockerfile', 11, /gunicorn/);
      absent(ctx, 'infrastructure-as-code', 'serverless-functions');
    });
  });

  describe('testing', () => {
    it('counts test cases with locations and ratios (node-ts-service)', async () => {
      const ctx = await scan(NODE_SVC, [detectTesting]);
      const t = ctx.practice('test-cases')!;
      assert.equal(t.count, 10);
      hasEvidence(ctx, 'test-cases', 'tests/users.test.ts', 16, /returns ok from the health check/);
      assert.equal(t.figures?.['cases.typescript'], 10);
      assert.equal(t.figures?.['module.tests'], 10);
      assert.equal(t.figures?.testToSourceRatio, '2:8 (0.25)');
      // Supertest against a mocked database: API tests of handlers in isolation, not integration.
      hasEvidence(ctx, 'api-tests', 'tests/users.test.ts', 1, /supertest/);
      assert.equal(ctx.practice('api-tests')?.count, 10);
      hasEvidence(ctx, 'unit-tests', 'tests/users.test.ts', undefined, /mocks/);
      hasEvidence(ctx, 'test-coverage', 'jest.config.js', 6);
      hasEvidence(ctx, 'test-coverage', 'package.json', 14);
      absent(ctx, 'integration-tests', 'e2e-tests', 'load-tests');
    });

    it('classifies Rust tests that connect to a real PostgreSQL server as integration tests (rust-pg-client)', async () => {
      const ctx = await scan(path.join(PRACTICES, 'rust-pg-client'), [detectTesting]);
      hasEvidence(ctx, 'integration-tests', 'tests/test/main.rs', 7, /TcpStream::connect\("127\.0\.0\.1:5433"/);
      hasEvidence(ctx, 'integration-tests', 'tests/test/copy.rs', 5, /connect\("user=postgres/);
      assert.deepEqual(ctx.practice('unit-tests')!.evidence.map((e) => e.path), ['src/config.rs'], 'the parser tests touch nothing real');
    });

    it('classifies pytest tests against a database as integration tests (python-service)', async () => {
      const ctx = await scan(PY_SVC, [detectTesting]);
      assert.equal(ctx.practice('test-cases')?.count, 6);
      hasEvidence(ctx, 'test-cases', 'tests/test_items.py', 11, /test_health_returns_ok/);
      assert.equal(ctx.practice('integration-tests')?.count, 6);
      hasEvidence(ctx, 'integration-tests', 'tests/test_items.py', undefined, /db\.create_all\( in tests\/conftest\.py:11/);
      hasEvidence(ctx, 'api-tests', 'tests/test_items.py', undefined, /test_client\( in tests\/conftest\.py:18/);
      hasEvidence(ctx, 'test-coverage', 'pyproject.toml', 43, /pytest-cov/);
      absent(ctx, 'unit-tests', 'e2e-tests');
    });

    it('finds in-process HTTP tests in Go (httptest), Rust (tower oneshot) and Akka (ScalatestRouteTest)', async () => {
      const go = await scan(fixture('go-service'), [detectTesting]);
      hasEvidence(go, 'api-tests', 'internal/handlers/handlers_test.go', 59, /httptest\.NewRecorder/);
      hasEvidence(go, 'unit-tests', 'internal/handlers/handlers_test.go', undefined, /against mocks/);
      absent(go, 'integration-tests');
      const rust = await scan(fixture('rust-axum'), [detectTesting]);
      hasEvidence(rust, 'api-tests', 'src/main.rs', 109, /\.oneshot\(/);
      assert.equal(rust.practice('api-tests')?.count, 3);
      assert.equal(rust.practice('unit-tests')?.count, 6);
      const scala = await scan(fixture('scala-play'), [detectTesting]);
      hasEvidence(scala, 'api-tests', 'src/test/scala/com/example/inventory/ItemRoutesSpec.scala', 8, /ScalatestRouteTest/);
      assert.equal(scala.practice('api-tests')?.count, scala.practice('test-cases')?.count, 'every case of the spec goes through the routes');
    });

    it('keeps API tests apart from integration tests, which need real infrastructure', async () => {
      const java = await scan(fixture('java-spring-maven'), [detectTesting]);
      hasEvidence(java, 'api-tests', 'src/test/java/com/example/orders/controller/OrderControllerTest.java', 22, /MockMvc/);
      hasEvidence(java, 'unit-tests', 'src/test/java/com/example/orders/controller/OrderControllerTest.java', undefined, /against mocks/);
      hasEvidence(java, 'integration-tests', 'src/test/java/com/example/orders/OrdersIntegrationTest.java', 11, /testcontainers/);
      assert.deepEqual(java.practice('integration-tests')!.evidence.map((e) => e.path), ['src/test/java/com/example/orders/OrdersIntegrationTest.java']);
      assert.ok(!java.practice('unit-tests')!.evidence.some((e) => e.path.endsWith('OrdersIntegrationTest.java')));

      const net = await scan(fixture('dotnet-api'), [detectTesting]);
      hasEvidence(net, 'api-tests', 'Api.Tests/ProductsApiTests.cs', 14, /WebApplicationFactory/);
      // EF Core's in-memory provider (ProductsApiTests.cs:22) is a stand-in, not real infrastructure (issue 9).
      absent(net, 'integration-tests');
      assert.ok(!net.practice('unit-tests')!.evidence.some((e) => e.path.endsWith('ProductsApiTests.cs')), 'the whole app boots');

      const rb = await scan(fixture('ruby-rails'), [detectTesting]);
      hasEvidence(rb, 'api-tests', 'spec/requests/articles_spec.rb', 3, /type: :request/);
      hasEvidence(rb, 'integration-tests', 'spec/requests/articles_spec.rb', undefined, /use_transactional_fixtures = true in spec\/rails_helper\.rb:9/);
      assert.deepEqual(rb.practice('unit-tests')!.evidence.map((e) => e.path), ['spec/models/article_spec.rb']);

      const php = await scan(fixture('php-laravel'), [detectTesting]);
      hasEvidence(php, 'api-tests', 'tests/Feature/UserTest.php', 16, /getJson/);
      hasEvidence(php, 'integration-tests', 'tests/Feature/UserTest.php', 6, /RefreshDatabase/);
      assert.deepEqual(php.practice('unit-tests')!.evidence.map((e) => e.path), ['tests/Unit/PasswordHashingTest.php'], 'Pest.php and TestCase.php are support files');

      const dir = writeWorkspace({
        'src/test/java/a/HomeTest.java': '@SpringBootTest\n@AutoConfigureMockMvc\nclass HomeTest {\n  @Autowired MockMvc mvc;\n  @Test void home() {}\n}\n',
        'src/test/java/a/RepoTest.java': '@SpringBootTest\nclass RepoTest {\n  @Autowired OrderRepository repo;\n  @Test void saves() {}\n}\n',
        'shop/tests/test_views.py': 'from django.test import TestCase\n\nclass ItemViews(TestCase):\n    def test_list(self):\n        self.client.get("/items/")\n',
      });
      const ctx = await scan(dir, [detectTesting]);
      hasEvidence(ctx, 'api-tests', 'src/test/java/a/HomeTest.java', 4, /MockMvc/);
      hasEvidence(ctx, 'integration-tests', 'src/test/java/a/RepoTest.java', 1, /@SpringBootTest with a datasource/);
      hasEvidence(ctx, 'integration-tests', 'shop/tests/test_views.py', 1, /django\.test/);
      hasEvidence(ctx, 'api-tests', 'shop/tests/test_views.py', 5, /self\.client\.get/);
      assert.ok(!ctx.practice('integration-tests')!.evidence.some((e) => e.path.endsWith('HomeTest.java')), 'a context without data access is not integration');
      absent(ctx, 'unit-tests');
    });

    it('reads coverage flags on CI test steps, with the CI line as evidence', async () => {
      const net = await scan(fixture('dotnet-api'), [detectTesting]);
      hasEvidence(net, 'test-coverage', 'azure-pipelines.yml', 27, /\.NET coverage.*--collect "XPlat Code Coverage"/);
      const dir = writeWorkspace({
        '.github/workflows/ci.yml': 'on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx jest --coverage\n      - run: pytest --cov=app\n      - run: go test -coverprofile=cover.out ./...\n      - run: cargo tarpaulin --out Xml\n      - run: echo "remember pytest --cov"\n      # - run: go test -cover ./...\n',
      });
      const ctx = await scan(dir, [detectTesting]);
      assert.deepEqual(ctx.practice('test-coverage')?.evidence.map((e) => e.line), [6, 7, 8, 9]);
      hasEvidence(ctx, 'test-coverage', '.github/workflows/ci.yml', 8, /Go coverage in CI: go test -coverprofile/);
    });

    it('prefers tree-sitter test matches over the name conventions', async () => {
      const dir = writeWorkspace({ 'src/calc.test.ts': "it('adds', () => {});\nit('subtracts', () => {});\n", 'src/calc.ts': 'export const add = (a: number, b: number) => a + b;\n' });
      const parsed = [{ path: 'src/calc.test.ts', language: 'typescript', matches: { tests: [match({ 'test.case': { text: "it('adds')", line: 1 }, 'test.name': { text: "'adds'", line: 1 } })] } }];
      const ctx = await scan(dir, [detectTesting], { parsed });
      assert.equal(ctx.practice('test-cases')?.count, 1, 'the query result wins');
      hasEvidence(ctx, 'test-cases', 'src/calc.test.ts', 1, /"adds"/);
      hasEvidence(ctx, 'unit-tests', 'src/calc.test.ts');
    });

    it('finds tests across languages by convention', async () => {
      const dir = writeWorkspace({
        'src/test/java/com/acme/OrderServiceTest.java': 'class OrderServiceTest {\n  @Test\n  void totals() {}\n  @ParameterizedTest\n  void rounding(int x) {}\n}\n',
        'src/test/java/com/acme/OrderRepositoryIT.java': '@SpringBootTest\n@Testcontainers\nclass OrderRepositoryIT {\n  @Test\n  void saves() {}\n}\n',
        'pkg/orders/orders_test.go': 'package orders\n\nfunc TestTotal(t *testing.T) {}\nfunc TestEmpty(t *testing.T) {}\n',
        'Api.Tests/OrdersTests.cs': 'public class OrdersTests {\n  [Fact]\n  public void Totals() {}\n  [Theory]\n  public void Rounds(int x) {}\n}\n',
        'spec/order_spec.rb': "describe Order do\n  it 'totals' do\n  end\nend\n",
        'tests/OrderTest.php': "<?php\nclass OrderTest extends TestCase {\n  public function testTotals(): void {}\n}\n",
        'src/lib.rs': 'pub fn add() {}\n#[cfg(test)]\nmod tests {\n  #[test]\n  fn adds() {}\n}\n',
        'e2e/checkout.spec.ts': "import { test } from '@playwright/test';\ntest('buys a widget', async ({ page }) => {});\n",
        'playwright.config.ts': 'export default {};\n',
        'load/k6/smoke.js': "import http from 'k6/http';\nexport default function () { http.get('http://localhost'); }\n",
        'perf/plan.jmx': '<jmeterTestPlan/>\n',
      });
      const ctx = await scan(dir, [detectTesting], { technologies: ['playwright'] });
      const perLang = ctx.practice('test-cases')!.figures!;
      assert.equal(perLang['cases.java'], 3);
      assert.equal(perLang['cases.go'], 2);
      assert.equal(perLang['cases.csharp'], 2);
      assert.equal(perLang['cases.ruby'], 1);
      assert.equal(perLang['cases.php'], 1);
      assert.equal(perLang['cases.rust'], 1);
      hasEvidence(ctx, 'integration-tests', 'src/test/java/com/acme/OrderRepositoryIT.java');
      hasEvidence(ctx, 'e2e-tests', 'e2e/checkout.spec.ts');
      hasEvidence(ctx, 'e2e-tests', 'playwright.config.ts', 1);
      hasEvidence(ctx, 'load-tests', 'load/k6/smoke.js', 1, /k6/);
      hasEvidence(ctx, 'load-tests', 'perf/plan.jmx', 1, /JMeter/);
      assert.ok(!ctx.practice('unit-tests')!.evidence.some((e) => e.path.includes('OrderRepositoryIT')));
    });

    it('knows test file names', () => {
      for (const p of ['a.test.ts', 'src/__tests__/x.js', 'tests/test_api.py', 'api_test.py', 'FooTest.java', 'FooIT.kt', 'x_test.go', 'FooTests.cs', 'spec/x_spec.rb', 'tests/Feature/XTest.php', 'tests/it.rs']) assert.ok(isTestFile(p), p);
      for (const p of ['src/app.ts', 'tests/__init__.py', 'src/testing.py', 'latest.go', 'contest.rb']) assert.ok(!isTestFile(p), p);
    });
  });

  describe('security', () => {
    it('flags the concatenated query only, next to parameterised ones (node-ts-service)', async () => {
      const ctx = await scan(NODE_SVC, [detectSecurity]);
      const risk = ctx.practice('sql-injection-risk')!;
      assert.deepEqual(risk.evidence.map((e) => `${e.path}:${e.line}`), ['src/db.ts:31']);
      assert.match(risk.evidence[0].detail, /concatenation/);
      // The row shows the user's own code, never a generic example (issue 9).
      assert.match(risk.evidence[0].detail, /with email in it: const \{ rows \} = await pool\.query<UserRow>\("SELECT \* FROM users WHERE email = '" \+ email \+ "'"\);$/);
      assert.equal(ctx.practice('parameterised-queries')?.count, 6);
      hasEvidence(ctx, 'parameterised-queries', 'src/db.ts', 26);
      absent(ctx, 'committed-env');
      hasEvidence(ctx, 'password-hashing', 'src/routes/users.ts', 20, /bcrypt\.hash/);
      hasEvidence(ctx, 'security-headers', 'src/app.ts', 12, /helmet/);
      hasEvidence(ctx, 'input-validation', 'src/routes/users.ts', 15, /safeParse/);
      hasEvidence(ctx, 'authentication', 'src/middleware/auth.ts', 21, /jwt\.verify/);
      absent(ctx, 'csrf-protection', 'dependency-updates', 'security-policy');
    });

    it('reports a committed .env without its values, and the f-string query (python-service)', async () => {
      const ctx = await scan(PY_SVC, [detectSecurity]);
      const env = ctx.practice('committed-env')!;
      assert.deepEqual(env.evidence.map((e) => e.path), ['.env']);
      assert.match(env.evidence[0].detail, /committed environment file/);
      const dump = JSON.stringify([...ctx.reported.values()]);
      for (const secret of ['9f2c1e7a4b6d8e0f3a5c7b9d1e3f5a7c', 's3cr3t-pw', 'SECRET_KEY', 'DATABASE_URL']) assert.ok(!dump.includes(secret), `leaked ${secret}`);
      hasEvidence(ctx, 'sql-injection-risk', 'app/routes.py', 55, /f-string.*with name in it: cursor\.execute\(f"SELECT id, sku, name FROM items WHERE sku = '\{name\}'"\)/);
      hasEvidence(ctx, 'parameterised-queries', 'app/routes.py', 53);
      assert.equal(ctx.practice('sql-injection-risk')?.count, 1);
    });

    it('finds string-built SQL in Java, Go, PHP, C#, Ruby and Kotlin, each row quoting the code that builds it', async () => {
      const dir = writeWorkspace({
        'src/main/java/Repo.java': 'class Repo {\n  ResultSet find(String id) throws Exception {\n    return stmt.executeQuery("SELECT * FROM users WHERE id = " + id);\n  }\n  ResultSet ok(String id) throws Exception {\n    PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE id = ?");\n    return ps.executeQuery();\n  }\n}\n',
        'store/users.go': 'package store\n\nfunc Find(db *sql.DB, id string) {\n\tq := fmt.Sprintf("SELECT * FROM users WHERE id = %s", id)\n\tdb.Query(q)\n\tdb.Query("SELECT * FROM users WHERE id = $1", id)\n\tdb.QueryContext(ctx, q)\n}\n',
        'src/Users.php': '<?php\n$rows = $pdo->query("SELECT * FROM users WHERE email = \'$email\'");\n$stmt = $pdo->prepare("SELECT * FROM users WHERE id = ?");\n',
        'Data/UserStore.cs': 'class UserStore {\n  void Find(string id) {\n    var cmd = new SqlCommand($"SELECT * FROM Users WHERE Id = {id}", conn);\n    db.Database.ExecuteSqlRaw("DELETE FROM Users WHERE Id = " + id);\n  }\n}\n',
        'app/models/user.rb': 'class User\n  def self.find_by_name(name)\n    find_by_sql("SELECT * FROM users WHERE name = \'#{name}\'")\n  end\nend\n',
      });
      const ctx = await scan(dir, [detectSecurity]);
      const risks = ctx.practice('sql-injection-risk')!.evidence.map((e) => `${e.path}:${e.line}`);
      for (const r of ['src/main/java/Repo.java:3', 'store/users.go:5', 'store/users.go:7', 'src/Users.php:2', 'Data/UserStore.cs:4', 'app/models/user.rb:3']) assert.ok(risks.includes(r), `${r} in ${risks}`);
      assert.ok(!risks.includes('store/users.go:6'));
      hasEvidence(ctx, 'sql-injection-risk', 'src/main/java/Repo.java', 3, /with id in it: return stmt\.executeQuery\("SELECT \* FROM users WHERE id = " \+ id\);/);
      hasEvidence(ctx, 'sql-injection-risk', 'src/Users.php', 2, /with email in it: \$rows = \$pdo->query\("SELECT \* FROM users WHERE email = '\$email'"\);/);
      hasEvidence(ctx, 'sql-injection-risk', 'Data/UserStore.cs', 4, /with id in it: db\.Database\.ExecuteSqlRaw\("DELETE FROM Users WHERE Id = " \+ id\);/);
      hasEvidence(ctx, 'parameterised-queries', 'store/users.go', 6);
      hasEvidence(ctx, 'parameterised-queries', 'src/main/java/Repo.java', 6);
    });

    it('uses tree-sitter sql captures when the engine provides them', async () => {
      const dir = writeWorkspace({ 'src/a.ts': 'x\n' });
      const parsed = [{
        path: 'src/a.ts', language: 'typescript', matches: {
          sql: [
            match({ 'sql.call': { text: 'db.query(`SELECT * FROM t WHERE id = ${id}`)', line: 4 }, 'sql.arg': { text: '`SELECT * FROM t WHERE id = ${id}`', line: 4, column: 11, nodeType: 'template_string' } }),
            match({ 'sql.call': { text: "db.query('SELECT 1 WHERE id = $1', [id])", line: 7 }, 'sql.arg': { text: "'SELECT 1 WHERE id = $1'", line: 7 } }),
          ],
        },
      }];
      const ctx = await scan(dir, [detectSecurity], { parsed });
      const r = ctx.practice('sql-injection-risk')!;
      assert.equal(r.count, 1);
      assert.equal(r.evidence[0].line, 4);
      assert.equal(r.evidence[0].column, 11);
      assert.match(r.evidence[0].detail, /template literal.*query\(\)/);
      hasEvidence(ctx, 'parameterised-queries', 'src/a.ts', 7);
    });

    it('reads unquoted string captures from the engine (Ruby interpolation, Python f-strings) and PHP concatenation', () => {
      assert.equal(capturedBuild("title = '#{params[:name]}'", 'string', 'ruby'), 'string interpolation');
      assert.equal(capturedBuild('SELECT * FROM users WHERE id = {user_id}', 'string', 'python'), 'an f-string');
      assert.equal(capturedBuild('SELECT 1 WHERE id = $1', 'string', 'typescript'), undefined);
      assert.equal(sqlBuiltBy('"SELECT id FROM users WHERE id = " . $id . ")"', 'php'), 'concatenation');
      assert.equal(sqlBuiltBy('"SELECT id FROM users WHERE id = $id"', 'php'), 'string interpolation');
    });

    it('flags ActiveRecord conditions built by interpolation without tree-sitter, next to bound ones', async () => {
      const dir = writeWorkspace({ 'app/controllers/articles_controller.rb': 'class ArticlesController\n  def search\n    Article.where(author_name: params[:name])\n    Article.where("title = \'#{params[:name]}\'")\n    Article.where("title = ?", params[:name])\n  end\nend\n' });
      const ctx = await scan(dir, [detectSecurity]);
      assert.deepEqual(ctx.practice('sql-injection-risk')?.evidence.map((e) => e.line), [4]);
      assert.match(ctx.practice('sql-injection-risk')!.evidence[0].detail, /string interpolation.*where\(\), with params\[:name\] in it: Article\.where\("title = '#\{params\[:name\]\}'"\)$/);
      assert.deepEqual(ctx.practice('parameterised-queries')?.evidence.map((e) => e.line), [5]);
    });

    describe('the SQL trap of every fixture, through the engine and its tree-sitter sql queries', () => {
      const TRAPS: [string, string, number, number][] = [
        ['node-ts-service', 'src/db.ts', 31, 26],
        ['python-service', 'app/routes.py', 55, 53],
        ['dotnet-api', 'Api/Data/ProductQueries.cs', 22, 13],
        ['go-service', 'internal/store/store.go', 47, 38],
        ['java-spring-maven', 'src/main/java/com/example/orders/service/OrderService.java', 62, 56],
        ['php-laravel', 'app/Http/Controllers/UserController.php', 32, 31],
        ['ruby-rails', 'app/controllers/articles_controller.rb', 16, 15],
      ];
      for (const [name, file, line, neighbour] of TRAPS) {
        it(`${name}: ${file}:${line} is flagged, its parameterised neighbour on line ${neighbour} is not`, async () => {
          const r = await (await engine()).scan(fixture(name), {});
          const risk = r.practices.find((p) => p.id === 'sql-injection-risk');
          assert.deepEqual(risk?.evidence.map((e) => `${e.path}:${e.line}`), [`${file}:${line}`]);
          assert.ok(!risk!.evidence.some((e) => e.line === neighbour));
          if (name === 'go-service') assert.match(risk!.evidence[0].detail, /string formatting \(line 46\)/);
        });
      }
    });

    it('pairs SQL built into a variable with the query call that runs it, in every language with sql.assign/sql.var queries', async () => {
      const filler = Array.from({ length: 16 }, (_, i) => `  step${i}();`).join('\n');
      const dir = writeWorkspace({
        'src/orders.ts': [
          "import { pool } from './db';",
          '',
          'export async function search(status: string, id: string) {',
          '  const q = `',
          '    SELECT * FROM orders',
          "    WHERE status = '${status}'`;",
          '  const rows = await pool.query(q);',
          "  const safe = 'SELECT * FROM orders WHERE id = $1';",
          '  await pool.query(safe, [id]);',
          '  let r = "SELECT * FROM orders WHERE id = " + id;',
          "  r = 'SELECT count(*) FROM orders';",
          '  await pool.query(r);',
          '  return rows;',
          '}',
          '',
          'export async function far(id: string) {',
          '  const old = "SELECT * FROM orders WHERE id = " + id;',
          filler,
          '  return pool.query(old);',
          '}',
          '',
        ].join('\n'),
        'app/db.py': 'def find(cur, runner, name):\n    q = f"""\n        SELECT * FROM users\n        WHERE name = \'{name}\'\n    """\n    cur.execute(q)\n    cmd = f"ls {name}"\n    runner.execute(cmd)\n',
        'src/main/java/Repo.java': 'class Repo {\n  ResultSet find(Statement stmt, String status) throws Exception {\n    String sql = """\n        SELECT * FROM orders\n        WHERE status = \'%s\'\n        """.formatted(status);\n    return stmt.executeQuery(sql);\n  }\n}\n',
        'store/tasks.go': 'package store\n\nfunc (p *Postgres) Find(ctx context.Context, owner string) {\n\tquery := fmt.Sprintf(\n\t\t"SELECT * FROM tasks WHERE owner = \'%s\'", owner)\n\tp.db.Query(ctx, query)\n}\n',
        'Data/Store.cs': 'class Store {\n  void Find(SqlConnection conn, string name) {\n    var sql = $@"SELECT * FROM Users\n                 WHERE Name = \'{name}\'";\n    using var cmd = new SqlCommand(sql, conn);\n  }\n}\n',
        'src/Users.php': '<?php\nfunction find($pdo, $name) {\n    $sql = "SELECT * FROM users\n            WHERE name = \'$name\'";\n    return $pdo->query($sql);\n}\n',
        'app/models/order.rb': 'class Order\n  def self.by_status(status)\n    sql = "SELECT * FROM orders\n           WHERE status = \'#{status}\'"\n    connection.execute(sql)\n  end\nend\n',
      });
      const r = await (await engine()).scan(dir, {});
      const risk = r.practices.find((p) => p.id === 'sql-injection-risk');
      assert.deepEqual(risk?.evidence.map((e) => `${e.path}:${e.line}`).sort(), [
        'Data/Store.cs:5',
        'app/db.py:6',
        'app/models/order.rb:5',
        'src/Users.php:5',
        'src/main/java/Repo.java:7',
        'src/orders.ts:7',
        'store/tasks.go:6',
      ]);
      const ts = risk!.evidence.find((e) => e.path === 'src/orders.ts')!;
      assert.equal(ts.column, 32, 'evidence points at the variable passed to the call');
      assert.match(ts.detail, /^SQL built by a template literal \(line 4\) is passed to query\(\) in variable q, with status in it: WHERE status = '\$\{status\}'`;$/);
      assert.match(risk!.evidence.find((e) => e.path === 'store/tasks.go')!.detail, /string formatting \(line 4\).*Query\(\) in variable query, with owner in it: "SELECT \* FROM tasks WHERE owner = '%s'", owner\)$/);
      assert.match(risk!.evidence.find((e) => e.path === 'Data/Store.cs')!.detail, /string interpolation \(line 3\).*SqlCommand\(\) in variable sql/);
    });

    it('pairs a sql.var call with the last building of that name at most 15 lines above, unless the name is reassigned in between', () => {
      const name = (text: string, line: number, column = 2) => ({ text, line, column, nodeType: 'identifier' });
      const built = (v: string, line: number, value: string) => match({ 'sql.assign': name(v, line), 'sql.call': name(v, line), 'sql.arg': { text: value, line, column: 8, nodeType: 'binary_expression' } });
      const call = (v: string, line: number) => match({ 'sql.call': { text: `db.query(${v})`, line, column: 2, nodeType: 'call_expression' }, 'sql.var': name(v, line, 11) });
      const text = Array.from({ length: 40 }, () => '').join('\n').split('\n');
      text[5] = "  a = 'SELECT 1';";
      const found = sqlThroughVariables('x.js', 'javascript', [
        built('a', 2, '"SELECT * FROM t WHERE id = " + id'),
        call('a', 8), // reassigned on line 6
        built('b', 10, '"SELECT * FROM t WHERE id = " + id'),
        built('b', 12, '" AND name = \'" + name + "\'"'),
        call('b', 14),
        built('c', 15, '"Hello " + who'),
        call('c', 16), // not SQL
        call('b', 30), // 18 lines after the last building
      ], text.join('\n'));
      assert.deepEqual(found.map((f) => [f.line, f.how, f.via]), [[14, 'concatenation (line 12)', 'b']]);
    });

    it('reads dependency-update bots, security policy and committed env files (docs-zoo)', async () => {
      const ctx = await scan(path.join(PRACTICES, 'docs-zoo'), [detectSecurity]);
      hasEvidence(ctx, 'dependency-updates', '.github/dependabot.yml', 1, /pip, github-actions/);
      hasEvidence(ctx, 'security-policy', 'SECURITY.md', 1);
      hasEvidence(ctx, 'committed-env', '.env.production', 1);
      assert.ok(!JSON.stringify(ctx.practice('committed-env')).includes('not-a-real-secret'));
      assert.ok(!ctx.practice('committed-env')!.evidence.some((e) => e.path === '.env.sample'));
    });

    it('finds SAST in CI and web protections across frameworks', async () => {
      const dir = writeWorkspace({
        'renovate.json': '{ "extends": ["config:recommended"] }\n',
        '.github/workflows/sec.yml': 'on: [pull_request]\njobs:\n  s:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: returntocorp/semgrep-action@v1\n',
        'config/settings.py': "MIDDLEWARE = [\n    'django.middleware.security.SecurityMiddleware',\n    'django.middleware.csrf.CsrfViewMiddleware',\n]\n",
        'src/main/java/SecurityConfig.java': 'class SecurityConfig {\n  @PreAuthorize("hasRole(\'ADMIN\')")\n  void admin() {}\n  SecurityFilterChain chain(HttpSecurity http) { return http.csrf(c -> c.csrfTokenRepository(repo)).build(); }\n  PasswordEncoder enc() { return new BCryptPasswordEncoder(); }\n}\n',
        'web/Controllers/AdminController.cs': '[Authorize(Roles = "Admin")]\npublic class AdminController {}\n',
        'src/disabled.java': 'class X { void c(HttpSecurity http) { http.csrf().disable(); } }\n',
      });
      const ctx = await scan(dir, [detectSecurity]);
      hasEvidence(ctx, 'dependency-updates', 'renovate.json', 1, /Renovate/);
      hasEvidence(ctx, 'sast', '.github/workflows/sec.yml', 6, /Semgrep/);
      hasEvidence(ctx, 'security-headers', 'config/settings.py', 2);
      hasEvidence(ctx, 'csrf-protection', 'config/settings.py', 3);
      hasEvidence(ctx, 'csrf-protection', 'src/main/java/SecurityConfig.java', 4);
      assert.ok(!ctx.practice('csrf-protection')!.evidence.some((e) => e.path === 'src/disabled.java'), 'csrf().disable() is not protection');
      hasEvidence(ctx, 'authorization', 'src/main/java/SecurityConfig.java', 2, /PreAuthorize/);
      hasEvidence(ctx, 'authorization', 'web/Controllers/AdminController.cs', 1);
      hasEvidence(ctx, 'password-hashing', 'src/main/java/SecurityConfig.java', 5, /BCryptPasswordEncoder/);
    });

    it('names env files and string building precisely', () => {
      for (const p of ['.env', 'api/.env.local', '.env.production', 'prod.env']) assert.ok(isCommittedEnvName(p), p);
      for (const p of ['.env.example', '.env.sample', '.env.template', 'config/.env.dist', 'env.ts', '.envrc']) assert.ok(!isCommittedEnvName(p), p);
      assert.equal(sqlBuiltBy('"SELECT * FROM t WHERE a = \'" + a + "\'"', 'javascript'), 'concatenation');
      assert.equal(sqlBuiltBy("'SELECT * FROM t WHERE a = $1'", 'javascript'), undefined);
      assert.equal(sqlBuiltBy('"SELECT * FROM t WHERE a = %s" % a', 'python'), '%-formatting');
      assert.equal(sqlBuiltBy('"SELECT * FROM t WHERE a = {}".format(a)', 'python'), 'string formatting');
      assert.deepEqual(scanSqlText('a.js', 'javascript', "db.query('SELECT * FROM t');\n").length, 0, 'a constant query is neither risky nor parameterised');
    });
  });

  describe('documentation and tooling', () => {
    it('reads README sections, license and API docs (node-ts-service)', async () => {
      const ctx = await scan(NODE_SVC, [detectDocs]);
      hasEvidence(ctx, 'readme', 'README.md', 1);
      const s = ctx.practice('readme-sections')!;
      assert.equal(s.figures?.sections, 'install, usage, tests');
      hasEvidence(ctx, 'readme-sections', 'README.md', 8, /Install/);
      hasEvidence(ctx, 'readme-sections', 'README.md', 27, /Testing/);
      assert.equal(ctx.practice('license')?.figures?.spdx, 'MIT');
      hasEvidence(ctx, 'api-docs', 'openapi.yaml', 1, /OpenAPI 3/);
      hasEvidence(ctx, 'linting', '.eslintrc.json', 1);
      hasEvidence(ctx, 'formatting', '.prettierrc', 1);
      assert.ok(!ctx.practice('formatting')!.evidence.some((e) => e.path === 'package.json'), 'a prettier devDependency line is not configuration');
      absent(ctx, 'contributing', 'changelog', 'adr', 'debug-config', 'devcontainer', 'git-hooks');
    });

    it('finds what starts each codebase as a service, and nothing in a reusable app (app-entrypoint)', async () => {
      const spring = await scan(path.join(FIXTURES, 'spring-mvc-web'), [detectEntryPoints]);
      hasEvidence(spring, 'app-entrypoint', 'src/main/java/com/example/bookshelf/BookshelfApplication.java', 10, /Spring Boot/);
      const rails = await scan(path.join(FIXTURES, 'rails-library'), [detectEntryPoints]);
      hasEvidence(rails, 'app-entrypoint', 'config.ru', undefined, /Rack/);
      const node = await scan(path.join(FIXTURES, 'node-org-logger'), [detectEntryPoints]);
      hasEvidence(node, 'app-entrypoint', 'package.json', 7, /npm start/);
      hasEvidence(node, 'app-entrypoint', 'src/server.js', 18, /listens/);
      // Ghost-like: no start script, the server listens in a file of any name.
      const ghostLike = await scan(writeWorkspace({
        'package.json': '{ "name": "blog", "scripts": { "dev": "node --watch index.js" } }\n',
        'core/server/BlogServer.js': 'class BlogServer {\n  start(rootApp) {\n    this.httpServer = rootApp.listen(\n      this.port, this.host);\n  }\n}\nmodule.exports = BlogServer;\n',
        'test/server.test.js': "const app = require('express')();\napp.listen(3000);\n",
      }), [detectEntryPoints]);
      assert.deepEqual(ghostLike.practice('app-entrypoint')?.evidence.map((e) => `${e.path}:${e.line}`), ['core/server/BlogServer.js:3']);
      absent(await scan(path.join(FIXTURES, 'django-reusable-app'), [detectEntryPoints]), 'app-entrypoint');
    });

    it('takes no theme or plugin README deep in the tree for the project README (readme-nested)', async () => {
      const ctx = await scan(path.join(PRACTICES, 'readme-nested'), [detectDocs]);
      absent(ctx, 'readme', 'readme-sections');
    });

    it('finds every project file and tool in docs-zoo', async () => {
      const ctx = await scan(path.join(PRACTICES, 'docs-zoo'), [detectDocs]);
      assert.equal(ctx.practice('readme-sections')?.count, 4);
      hasEvidence(ctx, 'readme-sections', 'README.rst', 19, /HTTP API/);
      assert.equal(ctx.practice('license')?.figures?.spdx, 'Apache-2.0');
      hasEvidence(ctx, 'contributing', 'CONTRIBUTING.md');
      hasEvidence(ctx, 'code-of-conduct', '.github/CODE_OF_CONDUCT.md');
      hasEvidence(ctx, 'changelog', 'CHANGELOG.md', 1, /2 version entries/);
      hasEvidence(ctx, 'adr', 'docs/adr/0001-use-postgresql.md');
      assert.equal(ctx.practice('adr')?.count, 1, 'the ADR folder README is not a record');
      hasEvidence(ctx, 'api-docs', 'api/openapi.json', 2, /OpenAPI 3\.1\.0/);
      hasEvidence(ctx, 'api-collections', 'api/requests.http');
      hasEvidence(ctx, 'api-collections', 'postman/inventory.postman_collection.json', 1, /Postman/);
      hasEvidence(ctx, 'linting', 'pyproject.toml', 4, /Ruff/);
      hasEvidence(ctx, 'formatting', 'pyproject.toml', 7, /Black/);
      hasEvidence(ctx, 'editorconfig', '.editorconfig', 1, /3 setting/);
      assert.equal(ctx.practice('git-hooks')?.figures?.tools, 'Husky, pre-commit');
      hasEvidence(ctx, 'debug-config', '.vscode/launch.json', 4, /\(2\)/);
      hasEvidence(ctx, 'devcontainer', '.devcontainer/devcontainer.json');
      hasEvidence(ctx, 'editor-settings', '.vscode/settings.json');
    });

    it('declares a license from pyproject when there is no LICENSE file (python-service)', async () => {
      const ctx = await scan(PY_SVC, [detectDocs]);
      hasEvidence(ctx, 'license', 'pyproject.toml', 11, /Apache-2\.0/);
      assert.equal(ctx.practice('readme-sections')?.figures?.sections, 'install, tests');
      hasEvidence(ctx, 'docs-folder', 'docs');
    });

    it('uses generators from technologies and never the README prose (traps)', async () => {
      const traps = await scan(path.join(PRACTICES, 'traps'), [detectDocs]);
      absent(traps, 'api-docs', 'license', 'readme-sections', 'linting');
      const dir = writeWorkspace({ 'pom.xml': '<project>\n  <dependency><artifactId>springdoc-openapi-starter-webmvc-ui</artifactId></dependency>\n</project>\n' });
      const ctx = await scan(dir, [detectDocs], { technologies: ['springdoc'], manifests: [{ path: 'pom.xml', kind: 'pom.xml', dependencies: [{ ecosystem: 'maven', name: 'org.springdoc:springdoc-openapi-starter-webmvc-ui', scope: 'prod', line: 2 }] }] });
      hasEvidence(ctx, 'api-docs', 'pom.xml', 2, /generator/);
    });

    it('asks the engine for categories and evidence when it offers them', async () => {
      const dir = writeWorkspace({ 'src/app.py': 'print(1)\n' });
      const ctx = await scan(dir, [detectDocs, detectData, detectTesting], {
        technologies: ['new-linter', 'new-broker', 'new-e2e'],
        categories: { 'new-linter': 'linter', 'new-broker': 'messaging', 'new-e2e': 'test-e2e' },
        technologyEvidence: { 'new-linter': [{ path: 'requirements.txt', line: 3, detail: 'dependency new-linter' }] },
      });
      hasEvidence(ctx, 'linting', 'requirements.txt', 3, /new-linter/);
      assert.equal(ctx.practice('messaging')?.figures?.brokers, 'new-broker');
      assert.match(String(ctx.practice('e2e-tests')?.figures?.tools), /new-e2e/);
    });

    it('reports formatting when a linter that formats is configured or a formatter runs in CI (ruby-rails, Go, .NET)', async () => {
      const rb = await scan(fixture('ruby-rails'), [detectDocs]);
      hasEvidence(rb, 'formatting', '.rubocop.yml', 1, /RuboCop/);
      hasEvidence(rb, 'formatting', '.circleci/config.yml', 21, /RuboCop run in CI: bundle exec rubocop/);
      const dir = writeWorkspace({
        '.golangci.yml': 'linters:\n  enable:\n    - gofumpt\n    - govet\n',
        '.gitlab-ci.yml': 'fmt:\n  script:\n    - test -z "$(gofmt -l .)"\n    - dotnet format --verify-no-changes\n    # - black --check .\n',
      });
      const ctx = await scan(dir, [detectDocs]);
      hasEvidence(ctx, 'formatting', '.golangci.yml', 3, /gofmt configuration/);
      hasEvidence(ctx, 'formatting', '.gitlab-ci.yml', 3, /gofmt run in CI/);
      hasEvidence(ctx, 'formatting', '.gitlab-ci.yml', 4, /dotnet format run in CI/);
      assert.ok(!ctx.practice('formatting')!.evidence.some((e) => e.line === 5), 'a commented-out step does not run');
      const tech = await scan(writeWorkspace({ 'Gemfile': 'gem "rubocop"\n' }), [detectDocs], { technologies: ['rubocop'] });
      hasEvidence(tech, 'formatting', '', undefined, /rubocop also formats: rubocop -a/);
    });

    it("does not take Alembic's script.py.mako for Mako templates", async () => {
      const rules = (await engine()).knowledge.fileRules.filter((r) => r.techId === 'mako');
      const matches = (p: string) => rules.some((r) => r.test(p));
      assert.ok(rules.length > 0);
      for (const p of ['migrations/script.py.mako', 'alembic/script.py.mako']) assert.ok(!matches(p), p);
      for (const p of ['templates/index.html.mako', 'app/views/page.mako']) assert.ok(matches(p), p);
      const r = await (await engine()).scan(PY_SVC, {});
      assert.ok(!r.technologies.some((t) => t.id === 'mako'), 'python-service renders no Mako templates');
    });

    it('guesses SPDX ids and reads headings', () => {
      assert.equal(guessSpdx('MIT License\n\nPermission is hereby granted, free of charge, to any person'), 'MIT');
      assert.equal(guessSpdx('GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007'), 'GPL-3.0');
      assert.equal(guessSpdx('Redistribution and use in source and binary forms ... Neither the name of the copyright holder'), 'BSD-3-Clause');
      assert.equal(guessSpdx('// SPDX-License-Identifier: MPL-2.0'), 'MPL-2.0');
      assert.equal(guessSpdx('All rights reserved.'), 'unknown');
      assert.deepEqual(readmeHeadings('# T\n```\n# not a heading\n```\nUsage\n-----\n').map((h) => h.title), ['T', 'Usage']);
    });
  });

  describe('APIs and data', () => {
    it('counts REST endpoints by method from routes matches', async () => {
      const dir = writeWorkspace({ 'src/r.ts': 'x\n' });
      const r = (m: string, p: string, line: number) => match({ 'route.method': { text: m, line }, 'route.path': { text: `'${p}'`, line }, 'route.node': { text: `router.${m}('${p}')`, line } });
      const parsed = [
        { path: 'src/r.ts', language: 'typescript', matches: { routes: [r('get', '/users', 3), r('post', '/users', 9), r('get', '/users/:id', 14)] } },
        { path: 'src/C.java', language: 'java', matches: { routes: [r('@DeleteMapping', '/orders/{id}', 20)] } },
      ];
      const ctx = await scan(dir, [detectApis], { parsed });
      const rest = ctx.practice('rest-endpoints')!;
      assert.equal(rest.count, 4);
      assert.deepEqual(rest.figures, { GET: 2, POST: 1, DELETE: 1 });
      hasEvidence(ctx, 'rest-endpoints', 'src/r.ts', 9, /^POST \/users$/);
      assert.equal(httpMethod('HttpPut'), 'PUT');
      assert.equal(httpMethod('route'), 'ANY');
    });

    it('joins class prefixes and JAX-RS method paths to one route per handler (route.prefix matches)', async () => {
      const dir = writeWorkspace({ 'src/R.java': 'x\n' });
      const node = (line: number) => ({ text: '@GET ...', line, column: 4, nodeType: 'method_declaration' });
      const parsed = [{
        path: 'src/R.java', language: 'java', matches: { routes: [
          match({ 'route.prefix': { text: '"/orders"', line: 1, column: 6 }, 'route.node': node(4) }),
          match({ 'route.method': { text: 'GET', line: 4, column: 5 }, 'route.node': node(4) }),
          match({ 'route.method': { text: 'GET', line: 4, column: 5 }, 'route.path': { text: '"{id}"', line: 5, column: 10 }, 'route.node': node(4) }),
          match({ 'route.prefix': { text: '"/orders"', line: 1, column: 6 }, 'route.node': node(8) }),
          match({ 'route.method': { text: 'POST', line: 8, column: 5 }, 'route.node': node(8) }),
          match({ 'route.prefix': { text: '"/orders"', line: 1, column: 6 }, 'route.node': node(11) }),
        ] },
      }];
      const ctx = await scan(dir, [detectApis], { parsed });
      const rest = ctx.practice('rest-endpoints')!;
      assert.equal(rest.count, 2, 'a prefix alone (a sub-resource locator, a helper) is no route');
      assert.deepEqual(rest.evidence.map((e) => `${e.line} ${e.detail}`), ['4 GET /orders/{id}', '8 POST /orders']);
      assert.equal(joinRoutePath('/api/orders/', '/{id}'), '/api/orders/{id}');
      assert.equal(joinRoutePath('orders', ''), '/orders');
      assert.equal(joinRoutePath('', ':id'), ':id');
    });

    it('reads JAX-RS and Spring class prefixes and Express route chains through the engine', async () => {
      const dir = writeWorkspace({
        'src/main/java/OrderResource.java': '@Path("/orders")\npublic class OrderResource {\n    @GET\n    @Path("{id}")\n    public Order get(@PathParam("id") long id) { return null; }\n\n    @Path("{id}/lines")\n    @DELETE\n    public void clear(@PathParam("id") long id) {}\n\n    @POST\n    public void create(Order o) {}\n\n    @Path("tags")\n    public TagResource tags() { return null; }\n}\n',
        'src/main/java/CustomerController.java': '@RestController\n@RequestMapping(path = "/api/customers")\npublic class CustomerController {\n    @GetMapping\n    public List<Customer> list() { return null; }\n\n    @PutMapping("/{id}")\n    public void update() {}\n}\n',
        'src/books.js': "const router = require('express').Router();\nrouter.route('/books')\n  .get(list)\n  .post(auth, create);\nrouter.route('/books/:id').delete(remove);\n",
      });
      const r = await (await engine()).scan(dir, {});
      const rest = r.practices.find((p) => p.id === 'rest-endpoints')!;
      assert.deepEqual(rest.evidence.map((e) => `${e.path}:${e.line} ${e.detail}`).sort(), [
        'src/books.js:2 GET /books',
        'src/books.js:2 POST /books',
        'src/books.js:5 DELETE /books/:id',
        'src/main/java/CustomerController.java:4 GET /api/customers',
        'src/main/java/CustomerController.java:7 PUT /api/customers/{id}',
        'src/main/java/OrderResource.java:11 POST /orders',
        'src/main/java/OrderResource.java:3 GET /orders/{id}',
        'src/main/java/OrderResource.java:7 DELETE /orders/{id}/lines',
      ]);
      assert.equal(rest.count, 8);
    });

    it('finds GraphQL, gRPC and WebSocket APIs from files and code', async () => {
      const dir = writeWorkspace({
        'schema.graphql': 'type Query {\n  orders: [Order!]!\n}\n',
        'proto/orders.proto': 'syntax = "proto3";\n\nservice Orders {\n  rpc Get (GetRequest) returns (Order);\n}\n',
        'src/ws.ts': "import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });\n",
        'docs/notes.md': 'We might add GraphQL (type Query) later.\n',
      });
      const ctx = await scan(dir, [detectApis]);
      hasEvidence(ctx, 'graphql-api', 'schema.graphql', 1);
      hasEvidence(ctx, 'grpc-api', 'proto/orders.proto', 3, /Orders/);
      hasEvidence(ctx, 'websocket-api', 'src/ws.ts', 2);
      const none = await scan(NODE_SVC, [detectApis]);
      absent(none, 'graphql-api', 'grpc-api', 'websocket-api', 'rest-endpoints');
    });

    it('reads DDL, migrations, indexes and caching (node-ts-service)', async () => {
      const ctx = await scan(NODE_SVC, [detectData]);
      assert.equal(ctx.practice('sql-ddl')?.count, 2);
      hasEvidence(ctx, 'sql-ddl', 'migrations/001_init.sql', 8, /orders/);
      hasEvidence(ctx, 'db-indexes', 'migrations/001_init.sql', 16, /CREATE INDEX/);
      hasEvidence(ctx, 'db-migrations', 'migrations/001_init.sql');
      // The compose file runs redis:7 but no code reads or writes a cache.
      absent(ctx, 'caching', 'messaging');
    });

    it('reads ORM indexes, Alembic migrations and Celery tasks (python-service)', async () => {
      const ctx = await scan(PY_SVC, [detectData], { technologies: ['alembic', 'celery'] });
      hasEvidence(ctx, 'db-indexes', 'app/models.py', 23, /index=True/);
      hasEvidence(ctx, 'db-indexes', 'migrations/versions/1a2b3c_create_items.py', 36, /create_index/);
      hasEvidence(ctx, 'db-migrations', 'migrations/versions/1a2b3c_create_items.py');
      hasEvidence(ctx, 'db-migrations', 'alembic.ini');
      assert.ok(!ctx.practice('db-migrations')!.evidence.some((e) => e.path === 'migrations/env.py'));
      hasEvidence(ctx, 'messaging', 'app/tasks.py', 13, /celery\.task/);
      assert.equal(ctx.practice('messaging')?.figures?.taskQueues, 'celery');
    });

    it('counts caching only where the code caches: not a Celery/Sidekiq broker, a lock-file entry or an unused container', async () => {
      const go = await scan(fixture('go-service'), [detectData], { technologies: ['redis'] });
      hasEvidence(go, 'caching', 'internal/handlers/handlers.go', 87, /cache read\/write: h\.cache\.Del/);
      hasEvidence(go, 'caching', 'internal/handlers/handlers.go', 88, /h\.cache\.Set/);
      assert.equal(go.practice('caching')?.figures?.stores, 'redis');
      absent(await scan(PY_SVC, [detectData], { technologies: ['redis', 'celery'] }), 'caching');
      const lockOnly = { redis: [{ path: 'Gemfile.lock', line: 39, detail: 'optional dependency redis-client 0.22.1' }] };
      absent(await scan(fixture('ruby-rails'), [detectData], { technologies: ['redis', 'sidekiq'], technologyEvidence: lockOnly }), 'caching');
      const dir = writeWorkspace({
        'src/main/java/a/Catalog.java': 'class Catalog {\n  @Cacheable("products")\n  Product find(long id) { return repo.find(id); }\n}\n',
        'app/models/report.rb': 'class Report\n  def totals\n    Rails.cache.fetch("totals", expires_in: 5.minutes) { compute }\n  end\nend\n',
        'Api/Services/Prices.cs': 'class Prices(IMemoryCache cache) {}\n',
        'app/settings.py': 'from functools import lru_cache\n\n@lru_cache\ndef get_settings():\n    return Settings()\n',
        'app/rates.py': 'from functools import lru_cache\n\n@lru_cache(maxsize=256)\ndef exchange_rate(a, b):\n    return fetch(a, b)\n',
        'src/session.ts': 'await redis.set(`session:${id}`, data, { EX: 3600 });\n',
      });
      const ctx = await scan(dir, [detectData]);
      hasEvidence(ctx, 'caching', 'src/main/java/a/Catalog.java', 2, /cache annotation/);
      hasEvidence(ctx, 'caching', 'app/models/report.rb', 3, /Rails\.cache\.fetch/);
      hasEvidence(ctx, 'caching', 'Api/Services/Prices.cs', 1, /IMemoryCache/);
      hasEvidence(ctx, 'caching', 'app/rates.py', 3, /memoisation: @lru_cache on exchange_rate/);
      hasEvidence(ctx, 'caching', 'src/session.ts', 1, /key with a TTL/);
      assert.ok(!ctx.practice('caching')!.evidence.some((e) => e.path === 'app/settings.py'), 'a cached settings getter is a singleton');
    });
  });

  describe('code style and observability', () => {
    it('reads error handling, typing and logging (node-ts-service)', async () => {
      const ctx = await scan(NODE_SVC, [detectCode], { technologies: ['winston'] });
      hasEvidence(ctx, 'error-handling', 'src/app.ts', undefined, /central error handler/);
      assert.equal(ctx.practice('typed-code')?.figures?.tsStrict, 'yes');
      hasEvidence(ctx, 'logging', 'src/logger.ts');
      assert.match(String(ctx.practice('logging')?.figures?.summary), /library winston/);
      hasEvidence(ctx, 'health-checks', 'src/app.ts', 15, /health endpoint/);
      hasEvidence(ctx, 'health-checks', 'k8s/deployment.yaml', 25, /readinessProbe/);
      absent(ctx, 'monitoring', 'tracing', 'concurrency');
    });

    it('sees concurrency, OOP, functional style, data structures and patterns in several languages', async () => {
      const dir = writeWorkspace({
        'worker/pool.go': 'package worker\n\nfunc Run(jobs []Job) {\n\tvar wg sync.WaitGroup\n\tresults := make(chan Result)\n\tfor _, j := range jobs {\n\t\twg.Add(1)\n\t\tgo process(j, results, &wg)\n\t}\n}\n',
        'src/orders.py': 'import heapq\nfrom collections import defaultdict, deque\n\nclass OrderRepository(BaseRepository):\n    def totals(self, orders):\n        by_user = defaultdict(list)\n        return {o.id: o.total for o in orders if o.total > 0}\n\n    def queue(self):\n        return deque()\n\n    def next_due(self, heap, order):\n        heapq.heappush(heap, (order.due, order.id))\n\nclass PriceStrategy:\n    pass\n\nclass OrderFactory:\n    pass\n',
        'src/report.ts': 'export class Report {}\nexport class SalesReport extends Report {}\nexport interface Exporter {}\nconst names = users.map((u) => u.name);\nconst adults = users.filter((u) => u.age > 17);\nconst total = xs.reduce((a, b) => a + b, 0);\nconst ids = xs.map((x) => x.id);\nconst ok = xs.every((x) => x.ok);\nconst all = await Promise.all(tasks);\nconst index = new Map<string, number>();\n',
        'styles/site.css': '.grid { display: grid; }\n@media (max-width: 600px) {\n  .grid { display: block; }\n}\n',
        'src/tracing.ts': "import { trace } from '@opentelemetry/api';\nconst span = tracer.startSpan('checkout');\n",
      });
      const ctx = await scan(dir, [detectCode]);
      hasEvidence(ctx, 'concurrency', 'worker/pool.go', 8, /goroutines/);
      hasEvidence(ctx, 'concurrency', 'src/report.ts', 9, /Promise\.all/);
      hasEvidence(ctx, 'oop-style', 'src/report.ts', 2, /inheritance/);
      hasEvidence(ctx, 'functional-style', 'src/report.ts', 4);
      // defaultdict and deque are everyday collections (a figure only); a heap shows algorithmic use (issue 9).
      hasEvidence(ctx, 'data-structures', 'src/orders.py', undefined, /priority queues and heaps: heapq\.heappush/);
      assert.ok(!ctx.practice('data-structures')!.evidence.some((e) => /maps and sets/.test(e.detail)));
      hasEvidence(ctx, 'design-patterns', 'src/orders.py', 4, /repository/);
      hasEvidence(ctx, 'responsive-css', 'styles/site.css', 2);
      hasEvidence(ctx, 'tracing', 'src/tracing.ts', 1, /OpenTelemetry/);
    });

    it('counts coordinated concurrency, with plain await only as a figure', async () => {
      for (const name of ['rust-axum', 'dotnet-api']) absent(await scan(fixture(name), [detectCode]), 'concurrency');
      const dir = writeWorkspace({
        'src/a.ts': 'export async function f() {\n  const a = await one();\n  const b = await two();\n  const [c, d] = await Promise.all([three(), four()]);\n  return a + b + c + d;\n}\n',
        'Svc/Jobs.cs': 'class Jobs { async Task Run() { await Task.WhenAll(a, b); } }\n',
        'app/fetch.py': 'import asyncio\n\nasync def main():\n    await asyncio.gather(a(), b())\n',
        'src/main.rs': 'async fn run() {\n    let h = tokio::spawn(work());\n    h.await.unwrap();\n}\n',
        'lib/worker.rb': 'threads = items.map { |i| Thread.new { process(i) } }\n',
        'src/Fibers.php': '<?php\n$fiber = new Fiber(function () { Fiber::suspend(1); });\n',
        'src/main/java/a/Batch.java': 'class Batch { void run() { CompletableFuture.allOf(a, b).join(); } }\n',
      });
      const ctx = await scan(dir, [detectCode]);
      const c = ctx.practice('concurrency')!;
      assert.equal(c.count, 7, JSON.stringify(c.figures));
      assert.equal(c.figures?.['async/await'], 6);
      assert.ok(!c.evidence.some((e) => e.detail.startsWith('async/await')), 'await lines are not evidence');
      hasEvidence(ctx, 'concurrency', 'src/a.ts', 4, /parallel promises/);
      hasEvidence(ctx, 'concurrency', 'src/main.rs', 2, /tokio::spawn/);
      hasEvidence(ctx, 'concurrency', 'lib/worker.rb', 1, /Thread\.new/);
      hasEvidence(ctx, 'concurrency', 'src/Fibers.php', 2, /new Fiber/);
    });

    it('keeps health checks apart from monitoring (metrics, APM, alerting)', async () => {
      const dir = writeWorkspace({
        'src/health.ts': "router.get('/healthz', (_req, res) => res.send('ok'));\n",
        'src/main/java/a/DbHealth.java': 'class DbHealth implements HealthIndicator {}\n',
      });
      const ctx = await scan(dir, [detectCode], { technologies: ['spring-boot-actuator'] });
      hasEvidence(ctx, 'health-checks', 'src/health.ts', 1, /health endpoint/);
      hasEvidence(ctx, 'health-checks', 'src/main/java/a/DbHealth.java', 1, /health check library/);
      hasEvidence(ctx, 'health-checks', '', undefined, /spring-boot-actuator/);
      absent(ctx, 'monitoring');
      const metrics = writeWorkspace({
        'src/metrics.ts': "import client from 'prom-client';\nclient.collectDefaultMetrics();\napp.get('/metrics', handler);\n",
        'ops/alerts.yml': 'groups:\n  - name: api\n    rules:\n      - alert: HighErrorRate\n        expr: rate(errors[5m]) > 1\n',
      });
      const m = await scan(metrics, [detectCode]);
      hasEvidence(m, 'monitoring', 'src/metrics.ts', 2, /metrics/);
      hasEvidence(m, 'monitoring', 'ops/alerts.yml', 4, /alerting rules/);
      absent(m, 'health-checks');
    });

    it('reads Serilog, DI registrations and FluentValidation (dotnet-api), and rescue_from as a central handler (ruby-rails)', async () => {
      const net = await scan(fixture('dotnet-api'), [detectCode, detectSecurity]);
      hasEvidence(net, 'logging', 'Api/Program.cs', 10, /UseSerilog/);
      assert.equal(net.practice('logging')?.figures?.logger, 2, 'UseSerilog and UseSerilogRequestLogging');
      hasEvidence(net, 'design-patterns', 'Api/Program.cs', 12, /dependency injection: builder\.Services\.AddDbContext/);
      assert.equal(net.practice('design-patterns')?.figures?.['dependency injection'], 2);
      hasEvidence(net, 'input-validation', 'Api/Validation/ProductValidator.cs', 6, /AbstractValidator</);
      hasEvidence(net, 'health-checks', 'Api/Program.cs', 31);
      absent(net, 'monitoring');
      const rb = await scan(fixture('ruby-rails'), [detectCode]);
      hasEvidence(rb, 'error-handling', 'app/controllers/application_controller.rb', 2, /central error handler: rescue_from/);
    });
  });

  describe('architecture hints', () => {
    it('hints at event-driven microservices with reasons (infra-zoo)', async () => {
      const ctx = await scan(path.join(PRACTICES, 'infra-zoo'), PRACTICE_DETECTORS);
      assert.equal(ctx.practice('multiple-services')?.count, 2);
      assert.match(String(ctx.practice('architecture-microservices')?.figures?.reasons), /Compose builds 2 service\(s\): orders, billing/);
      assert.match(String(ctx.practice('architecture-event-driven')?.figures?.reasons), /bitnami\/kafka/);
      absent(ctx, 'architecture-monolith', 'architecture-serverless');
      const findings: PracticeFinding[] = [...ctx.reported.values()].map((r) => ({ id: r.id, name: r.id, group: '', negative: false, evidence: r.evidence, count: r.count, figures: r.figures }));
      const hint = architectureHint(findings)!;
      assert.equal(hint.style, 'event-driven microservices');
      assert.ok(hint.reasons.length >= 2);
    });

    it('hints at a monolith for one deployable codebase (node-ts-service)', async () => {
      const ctx = await scan(NODE_SVC, [detectArchitecture]);
      assert.match(String(ctx.practice('architecture-monolith')?.figures?.reasons), /one deployable unit/);
      absent(ctx, 'multiple-services', 'architecture-microservices', 'architecture-event-driven');
    });

    it('hints at serverless when functions replace servers', async () => {
      const dir = writeWorkspace({
        'serverless.yml': 'service: api\nprovider:\n  name: aws\nfunctions:\n  list:\n    handler: src/list.handler\n  create:\n    handler: src/create.handler\n',
        'src/list.js': 'exports.handler = async (event) => ({ statusCode: 200 });\n',
      });
      const ctx = await scan(dir, [detectInfra, detectArchitecture]);
      assert.equal(ctx.practice('serverless-functions')?.count, 3);
      assert.match(String(ctx.practice('architecture-serverless')?.figures?.reasons), /AWS/);
      absent(ctx, 'architecture-monolith');
    });
  });

  describe('robustness', () => {
    it('survives malformed YAML, binary files and odd names with warnings only', async () => {
      const dir = writeWorkspace({
        'docker-compose.yml': 'services:\n  api: [unclosed\n',
        'k8s/bad.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: x\n',
        '.github/dependabot.yml': ':::\n',
        '.gitlab-ci.yml': 'test:\n  script: [pytest\n',
        'Dockerfile': 'this is not a dockerfile\n',
        'bin/data.bin': '\u0000\u0001\u0002',
        'Chart.yaml': 'name: [\n',
        '.vscode/launch.json': '{ not json',
        'infra/x.tf': 'resource "aws_s3_bucket" "b" {\n',
      });
      const ctx = makeContext(dir);
      await runPracticeDetectors(ctx);
      assert.ok(ctx.warnings.some((w) => w.includes('docker-compose.yml')));
      assert.ok(ctx.warnings.some((w) => w.includes('.gitlab-ci.yml')));
      assert.ok(!ctx.warnings.some((w) => /practice detector .* failed/.test(w)), ctx.warnings.join('\n'));
      absent(ctx, 'dockerfile', 'compose-services');
    });

    it('runs every detector over an empty workspace without reports or warnings', async () => {
      const ctx = makeContext(writeWorkspace({}));
      await runPracticeDetectors(ctx);
      assert.deepEqual([...ctx.reported.keys()], []);
      assert.deepEqual(ctx.warnings, []);
    });
  });
});
