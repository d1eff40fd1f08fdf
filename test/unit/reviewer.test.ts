/**
 * Statuses a reviewer would sign (issue 9): for each cause of a disputed status, a fixture that
 * looks like a real project pins the corrected status and the evidence rows behind it.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as git from 'isomorphic-git';
import type { AnalysisResult, Evidence, SkillResult, SkillStatus } from '../../src/core/types';
import { CommandResolver } from '../../src/core/practices/wrappers';
import { classifyThrough } from '../../src/core/practices/ci';
import { detectStacks } from '../../src/core/skills';
import { renderMarkdown, renderText } from '../../src/core/report';
import { engine, FIXTURES } from './helpers/engine';

const cache = new Map<string, Promise<AnalysisResult>>();

/** Scans a fixture once per run. */
function scan(name: string): Promise<AnalysisResult> {
  let p = cache.get(name);
  if (!p) {
    p = engine().then((e) => e.scan(path.join(FIXTURES, name), { now: () => Date.parse('2026-11-21T00:00:00Z') }));
    cache.set(name, p);
  }
  return p;
}

function skill(r: AnalysisResult, id: string): SkillResult {
  const s = r.skills.find((x) => x.id === id);
  assert.ok(s, `no skill ${id}`);
  return s;
}

function show(ev: Evidence[]): string {
  return ev.map((e) => `${e.path}:${e.line ?? ''} ${e.detail}`).join('\n  ');
}

/** Asserts a skill's status and returns it. */
async function status(fixture: string, id: string, expected: SkillStatus): Promise<SkillResult> {
  const s = skill(await scan(fixture), id);
  assert.equal(s.status, expected, `${fixture}: ${id} is ${s.status}; signals: ${s.signals.join('; ')}\n  ${show(s.evidence)}`);
  return s;
}

/** Asserts a row among `ev` at path (and line) whose detail matches. */
function row(ev: Evidence[], p: string, line: number | undefined, detail?: RegExp): Evidence {
  const hit = ev.find((e) => e.path === p && (line === undefined || e.line === line) && (!detail || detail.test(e.detail)));
  assert.ok(hit, `no evidence ${p}:${line ?? '*'} ${detail ?? ''} among\n  ${show(ev)}`);
  return hit;
}

function practice(r: AnalysisResult, id: string) {
  return r.practices.find((p) => p.id === id);
}

describe('statuses a reviewer would sign (issue 9)', function () {
  this.timeout(120_000);

  describe('CI runs tests through wrappers', () => {
    it('scripts/*.sh called from a step (fastapi-fullstack: uv run bash scripts/tests-start.sh → scripts/test.sh)', async () => {
      const s = await status('fastapi-fullstack', 'continuous-integration', 'demonstrated');
      row(s.evidence, '.github/workflows/test-backend.yml', 30, /Python tests: .*backend\/scripts\/test\.sh:6: coverage run --source=app -m pytest/);
    });

    it('a Makefile target that is not called test (go-orders: make ci → lint test-race)', async () => {
      const s = await status('go-orders', 'continuous-integration', 'demonstrated');
      row(s.evidence, '.github/workflows/ci.yml', 34, /Go tests: make ci \(runs make ci → Makefile:18: go test -race -coverprofile=coverage\.out \.\/\.\.\.\)/);
      const lint = practice(await scan('go-orders'), 'ci-lint');
      assert.ok(lint, 'make ci runs golangci-lint too');
      row(lint.evidence, '.github/workflows/ci.yml', 34, /make ci → Makefile:12: golangci-lint run \.\/\.\.\./);
    });

    it('npm scripts calling npm scripts, and Travis CI running npm test by default for node_js (express-catalog)', async () => {
      const s = await status('express-catalog', 'continuous-integration', 'demonstrated');
      row(s.evidence, '.github/workflows/ci.yml', 12, /JavaScript tests: npm run ci \(runs npm run ci → npm run test:cov → package\.json:15: vitest run --coverage\)/);
      row(s.evidence, '.travis.yml', 1, /Travis CI default for node_js.*npm test.*package\.json:14: vitest run/);
    });

    it('tox environments, an extensionless ci/ script and a job named for its tests (python-ingest, GitLab CI)', async () => {
      const r = await scan('python-ingest');
      const s = await status('python-ingest', 'continuous-integration', 'demonstrated');
      row(s.evidence, '.gitlab-ci.yml', 28, /job unit: Python tests: tox -e py312 \(runs tox -e py312 → tox\.ini:12: pytest --cov=ingest/);
      row(s.evidence, '.gitlab-ci.yml', 35, /job integration-tests: Python tests: ci\/run-suite tests\/integration \(runs ci\/run-suite:4: python -m pytest/);
      // `tox -e lint` is a lint step, and `pip install tox` is not a test step.
      row(practice(r, 'ci-lint')!.evidence, '.gitlab-ci.yml', 23, /tox -e lint → tox\.ini:20: ruff check src tests/);
      assert.ok(!practice(r, 'ci-runs-tests')!.evidence.some((e) => /pip install tox/.test(e.detail)), show(practice(r, 'ci-runs-tests')!.evidence));
      assert.ok(!practice(r, 'ci-runs-tests')!.evidence.some((e) => /tox -e lint/.test(e.detail)), 'tox -e lint runs no tests');
    });

    it('coverage tools and uploaders reached through wrappers are coverage evidence', async () => {
      const ff = await status('fastapi-fullstack', 'test-automation-coverage', 'demonstrated');
      const cov = practice(await scan('fastapi-fullstack'), 'test-coverage')!;
      row(cov.evidence, 'backend/scripts/test.sh', 6, /Python coverage in CI \(from \.github\/workflows\/test-backend\.yml:30 through backend\/scripts\/tests-start\.sh → backend\/scripts\/test\.sh\): coverage run/);
      row(cov.evidence, '.github/workflows/test-backend.yml', 39, /coverage report --fail-under=80/);
      assert.ok(ff.evidence.length > 0);
      await status('go-orders', 'test-automation-coverage', 'demonstrated');
      const goCov = practice(await scan('go-orders'), 'test-coverage')!;
      row(goCov.evidence, '.github/workflows/ci.yml', 35, /coverage upload in CI: uses: codecov\/codecov-action@v4/);
      row(goCov.evidence, 'Makefile', 18, /Go coverage in CI \(from \.github\/workflows\/ci\.yml:34 through make ci\)/);
      const pyCov = practice(await scan('python-ingest'), 'test-coverage')!;
      row(pyCov.evidence, 'tox.ini', 12, /from \.gitlab-ci\.yml:28 through tox -e py312/);
    });

    it('resolves composer, Poetry/taskipy, poe, hatch, pdm, nox and just wrappers (unit)', () => {
      const r = new CommandResolver(new Map([
        ['composer.json', JSON.stringify({ scripts: { test: '@php artisan test --parallel', ci: ['@lint', '@test'], lint: 'pint --test' } }, null, 2)],
        ['pyproject.toml', '[tool.taskipy.tasks]\ntest = "pytest -q"\n\n[tool.poe.tasks]\ncheck = { sequence = ["ruff check .", "pytest"] }\n\n[tool.hatch.envs.default.scripts]\ncov = "pytest --cov {args}"\n\n[tool.pdm.scripts]\nunit = { cmd = "pytest tests/unit" }\n'],
        ['noxfile.py', 'import nox\n\n@nox.session(python=["3.12"])\ndef tests(session):\n    session.install(".")\n    session.run("pytest", "-x")\n'],
        ['justfile', 'default: test\n\ntest:\n    cargo nextest run\n'],
      ]));
      const kinds = (cmd: string) => classifyThrough(cmd, r).map((k) => `${k.kind}${k.via ? ` via ${k.via}` : ''}`);
      assert.deepEqual(kinds('composer ci'), ['lint via composer ci → composer lint → composer.json:8: pint --test', 'test via composer ci → composer test → composer.json:3: artisan test --parallel']);
      assert.deepEqual(kinds('poetry run task test'), ['test via task test → pyproject.toml:2: pytest -q']);
      assert.deepEqual(kinds('uv run poe check'), ['lint via poe check → pyproject.toml:5: ruff check .', 'test via poe check → pyproject.toml:5: pytest']);
      assert.deepEqual(kinds('hatch run cov'), ['test via hatch run cov → pyproject.toml:8: pytest --cov']);
      assert.deepEqual(kinds('pdm run unit'), ['test via pdm run unit → pyproject.toml:11: pytest tests/unit']);
      assert.deepEqual(kinds('nox -s tests'), ['test via nox -s tests → noxfile.py:6: pytest -x']);
      assert.deepEqual(kinds('just'), []);
      assert.deepEqual(kinds('just test'), ['test via just test → justfile:4: cargo nextest run']);
      // A command that calls no known wrapper keeps its own classification.
      assert.deepEqual(kinds('npm run lint'), ['lint']);
      assert.deepEqual(kinds('make ci'), ['build']);
    });
  });

  describe('framework defaults count', () => {
    it('FastAPI: pwdlib hashing, 403 from a superuser dependency, Pydantic fields, a /health-check/ route', async () => {
      const r = await scan('fastapi-fullstack');
      const hashing = await status('fastapi-fullstack', 'encryption-hashing-tls', 'demonstrated');
      row(hashing.evidence, 'backend/app/core/security.py', 12, /password hashing: PasswordHash\(/);
      const authz = await status('fastapi-fullstack', 'authorization', 'demonstrated');
      row(authz.evidence, 'backend/app/api/deps.py', 47, /authorization: HTTPException\(status_code=403/);
      await status('fastapi-fullstack', 'authentication', 'demonstrated');
      const validation = await status('fastapi-fullstack', 'input-validation-injection', 'demonstrated');
      row(validation.evidence, 'backend/app/models.py', 16, /Field\(min_length=8, max_length=/);
      row(practice(r, 'health-checks')!.evidence, 'backend/app/api/routes/utils.py', 6, /health endpoint: @router\.get\("\/health-check\/"\)/);
      const security = skill(r, 'api-security');
      assert.equal(security.status, 'demonstrated', security.signals.join('; '));
    });

    it('Rails: Devise hashing, Pundit, strong parameters and validates, Rails.cache.fetch, the /up route', async () => {
      const r = await scan('rails-library');
      row((await status('rails-library', 'authentication', 'demonstrated')).evidence, 'app/models/user.rb', 2, /password hashing: devise :database_authenticatable/);
      const authz = await status('rails-library', 'authorization', 'demonstrated');
      row(authz.evidence, 'app/controllers/books_controller.rb', 12, /authorization: authorize @book/);
      const validation = practice(r, 'input-validation')!;
      row(validation.evidence, 'app/controllers/books_controller.rb', 56, /params\.require\(:book\)\.permit\(/);
      row(validation.evidence, 'app/models/book.rb', 4, /validates :title/);
      const caching = await status('rails-library', 'caching', 'demonstrated');
      row(caching.evidence, 'app/controllers/books_controller.rb', 6, /framework cache: @popular = Rails\.cache\.fetch/);
      row(practice(r, 'health-checks')!.evidence, 'config/routes.rb', 9, /rails\/health#show/);
    });

    it("Laravel: the 'hashed' cast, FormRequest rules, gates and policies, Cache::remember, the health route", async () => {
      const r = await scan('laravel-blog');
      row((await status('laravel-blog', 'encryption-hashing-tls', 'demonstrated')).evidence, 'app/Models/User.php', 23, /password hashing: 'password' => 'hashed'/);
      const authz = await status('laravel-blog', 'authorization', 'demonstrated');
      row(authz.evidence, 'app/Providers/AppServiceProvider.php', 13, /Gate::define/);
      row(authz.evidence, 'app/Http/Controllers/PostController.php', 27, /\$this->authorize\(/);
      row(practice(r, 'input-validation')!.evidence, 'app/Http/Requests/StorePostRequest.php', 8, /extends FormRequest/);
      row((await status('laravel-blog', 'caching', 'demonstrated')).evidence, 'app/Http/Controllers/PostController.php', 13, /Cache::remember/);
      row(practice(r, 'health-checks')!.evidence, 'bootstrap/app.php', 11, /health: '\/up'/);
    });

    it('Go: a guard returning 403 is authorization; reads and writes on a Redis client are caching (go-service)', async () => {
      row(practice(await scan('go-orders'), 'authorization')!.evidence, 'internal/httpapi/auth.go', 35, /http\.StatusForbidden/);
      await status('go-service', 'caching', 'demonstrated');
    });
  });

  describe('SQL risk only when a non-constant value is interpolated', () => {
    it('constant column lists, constant table names and placeholder lists are not risks; the row shows the user\'s code (go-orders)', async () => {
      const r = await scan('go-orders');
      const risk = practice(r, 'sql-injection-risk')!;
      assert.deepEqual(risk.evidence.map((e) => `${e.path}:${e.line}`), ['internal/store/report.go:15'], show(risk.evidence));
      assert.equal(
        risk.evidence[0].detail,
        `SQL built by concatenation (line 13) is passed to QueryRow() in variable sql, with region in it: sql := "SELECT region, sum(total_cents) FROM orders WHERE region = '" + region + "' GROUP BY region"`,
      );
      const bound = practice(r, 'parameterised-queries')!;
      for (const line of [47, 58, 77]) row(bound.evidence, 'internal/store/store.go', line, /with placeholders/);
      // The migration's dynamic DDL is a note, not a risk; the test helper's TRUNCATE is neither.
      assert.match(String(bound.figures?.migrationsWithDynamicSql), /^1 \(a note, not a risk: internal\/migrations\/backfill\.go:15\)/);
      assert.ok(!risk.evidence.some((e) => /migrations|testutil/.test(e.path)));
      const s = await status('go-orders', 'input-validation-injection', 'partial');
      assert.equal(s.evidence[0].path, 'internal/store/report.go');
    });

    it('a Go service whose every value is $n-bound shows no injection risk at all', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-go-bound-'));
      fs.cpSync(path.join(FIXTURES, 'go-orders'), dir, { recursive: true });
      fs.rmSync(path.join(dir, 'internal/store/report.go'));
      const r = await (await engine()).scan(dir, {});
      assert.equal(practice(r, 'sql-injection-risk'), undefined, show(practice(r, 'sql-injection-risk')?.evidence ?? []));
      const s = r.skills.find((x) => x.id === 'input-validation-injection')!;
      assert.ok(!s.signals.some((x) => x.startsWith('risk:')), s.signals.join('; '));
      assert.equal(s.status, 'partial', 'parameterised queries without request validation');
    });
  });

  describe('transitive dependencies are not the project\'s choices', () => {
    it('go.mod // indirect: Prometheus and Redis stay transitive findings and show no skill (go-orders)', async () => {
      const r = await scan('go-orders');
      for (const id of ['prometheus', 'redis']) {
        const t = r.technologies.find((x) => x.id === id)!;
        assert.ok(t, id);
        assert.equal(t.transitive, true, id);
        assert.equal(t.declared, false, id);
        assert.match(t.evidence[0].detail, /^transitive dependency .* \(\/\/ indirect\)$/);
      }
      assert.notEqual((await scan('go-orders')).skills.find((x) => x.id === 'monitoring-alerting')!.status, 'demonstrated');
      await status('go-orders', 'nosql-databases', 'missing');
      await status('go-orders', 'caching', 'missing');
    });

    it('pip-compile # via lines: cachetools (via google-auth) is no cache (python-ingest)', async () => {
      const r = await scan('python-ingest');
      const t = r.technologies.find((x) => x.id === 'cachetools')!;
      assert.equal(t.transitive, true);
      assert.equal(t.evidence[0].detail, 'transitive dependency cachetools ==5.3.3 (via google-auth)');
      await status('python-ingest', 'caching', 'missing');
      // Direct requirements (# via -r requirements.in) stay declared.
      assert.equal(r.technologies.find((x) => x.id === 'sqlalchemy')!.transitive, undefined);
    });

    it('lock-file-only gems (jwt, oauth2, bcrypt in Gemfile.lock) are transitive (rails-library)', async () => {
      const r = await scan('rails-library');
      for (const id of ['jwt', 'oauth', 'bcrypt']) assert.equal(r.technologies.find((x) => x.id === id)?.transitive, true, id);
      const auth = practice(r, 'authentication')!;
      assert.ok(!auth.evidence.some((e) => e.path === 'Gemfile.lock'), show(auth.evidence));
    });
  });

  describe('generated and vendored code is not evidence; serverless needs a real function', () => {
    const GENERATED = /\.pb\.go$|internal\/mocks\/|src\/client\/|\.gen\.ts$/;
    for (const fixture of ['go-orders', 'fastapi-fullstack']) {
      it(`${fixture}: no row anywhere points into generated files`, async () => {
        const r = await scan(fixture);
        const rows = [
          ...r.technologies.flatMap((t) => t.evidence.map((e) => `technology ${t.id}: ${e.path}`)),
          ...r.practices.flatMap((p) => p.evidence.map((e) => `practice ${p.id}: ${e.path}`)),
          ...r.skills.flatMap((s) => s.evidence.map((e) => `skill ${s.id}: ${e.path}`)),
          ...r.languages.flatMap((l) => l.evidence.map((e) => `language ${l.id}: ${e.path}`)),
        ];
        assert.deepEqual(rows.filter((x) => GENERATED.test(x.split(': ')[1])), []);
      });
    }

    it('generated files do not count as the author\'s lines', async () => {
      const go = (await scan('go-orders')).languages.find((l) => l.id === 'go')!;
      assert.equal(go.files, 9, 'the .pb.go file and the MockGen output are not counted');
      const ts = (await scan('fastapi-fullstack')).languages.find((l) => l.id === 'typescript')!;
      assert.equal(ts.files, 7, 'sdk.gen.ts, types.gen.ts and routeTree.gen.ts are not counted');
    });

    it('a functionAppScaleLimit setting, a Request( call and a cron script named handler are not serverless (express-catalog)', async () => {
      await status('express-catalog', 'serverless', 'missing');
      assert.equal(practice(await scan('express-catalog'), 'serverless-functions'), undefined);
      await status('express-catalog', 'cloud-platforms', 'demonstrated');
    });
  });

  describe('architecture: infrastructure is not a service; layered monoliths are recognised', () => {
    it('databases, proxies, mail catchers, admin tools and test runners are not services; a SPA frontend is not a backend service (fastapi-fullstack)', async () => {
      const r = await scan('fastapi-fullstack');
      assert.equal(r.architecture?.style, 'monolith');
      assert.equal(practice(r, 'multiple-services'), undefined, show(practice(r, 'multiple-services')?.evidence ?? []));
      await status('fastapi-fullstack', 'microservices', 'missing');
      const reasons = r.architecture!.reasons.join('; ');
      for (const infra of ['proxy (runs traefik:3.1)', 'db (runs postgres:17)', 'adminer (runs adminer)', 'mailcatcher', 'playwright (runs tests against the others)']) assert.ok(reasons.includes(infra), `${infra} in ${reasons}`);
      assert.match(reasons, /browser frontends, not backend services: frontend/);
    });

    it('a web process and its Sidekiq worker built from one codebase are a monolith with a worker (rails-library)', async () => {
      const r = await scan('rails-library');
      assert.equal(r.architecture?.style, 'monolith with a worker');
      assert.match(r.architecture!.reasons.join('; '), /runs as web and worker from the same code/);
      row(practice(r, 'architecture-monolith')!.evidence, 'docker-compose.yml', 2, /compose service web is built from source/);
      row(practice(r, 'architecture-monolith')!.evidence, 'docker-compose.yml', 12, /compose service worker is built from source/);
      await status('rails-library', 'microservices', 'missing');
    });

    it('Clean Architecture projects (Domain, Application, Infrastructure, Web) are a layered monolith (dotnet-clean)', async () => {
      const r = await scan('dotnet-clean');
      assert.equal(r.architecture?.style, 'monolith, Clean Architecture (one project per layer)');
      const s = await status('dotnet-clean', 'architecture-styles', 'demonstrated');
      row(s.evidence, 'src/Shop.Domain/Shop.Domain.csproj', 1, /domain layer: project Shop\.Domain\.csproj/);
      row(s.evidence, 'src/Shop.Infrastructure/Shop.Infrastructure.csproj', 1, /infrastructure layer/);
    });

    it('ports and adapters (application/port, adapter/in, adapter/out) are hexagonal; adapter/out is source, not build output (spring-hexagonal)', async () => {
      const r = await scan('spring-hexagonal');
      assert.equal(r.architecture?.style, 'monolith, hexagonal (ports and adapters)');
      const s = await status('spring-hexagonal', 'architecture-styles', 'demonstrated');
      row(s.evidence, 'src/main/java/com/acme/billing/application/port/in/IssueInvoiceUseCase.java', 1, /^ports: /);
      row(practice(r, 'integration-tests')!.evidence, 'src/test/java/com/acme/billing/adapter/out/persistence/InvoicePersistenceAdapterIT.java', 12, /testcontainers/);
    });

    it('everyday controller/service/repository folders are a hint, not a demonstrated style (java-spring-maven)', async () => {
      const r = await scan('java-spring-maven');
      assert.match(r.architecture?.style ?? '', /^monolith, layered/);
      await status('java-spring-maven', 'architecture-styles', 'partial');
    });
  });

  describe('REST API design needs JSON endpoints; form handlers are server-side rendering', () => {
    it('a Rails app of HTML forms shows server-side rendering, not REST API design (rails-library)', async () => {
      const rest = await status('rails-library', 'rest-api-design', 'missing');
      assert.match(rest.searched ?? '', /server-side rendering, not as an API/);
      const ssr = await status('rails-library', 'server-side-rendering', 'demonstrated');
      assert.ok(ssr.evidence.length > 0);
      row(practice(await scan('rails-library'), 'server-rendered-pages')!.evidence, 'config/routes.rb', 4, /ANY :books renders a page or redirects/);
    });

    it('routes/api.php answers JSON, routes/web.php renders Blade pages and redirects (laravel-blog)', async () => {
      const r = await scan('laravel-blog');
      const json = practice(r, 'json-endpoints')!;
      assert.deepEqual(json.evidence.map((e) => `${e.path}:${e.line}`), ['routes/api.php:6', 'routes/api.php:7', 'routes/api.php:8']);
      const pages = practice(r, 'server-rendered-pages')!;
      row(pages.evidence, 'routes/web.php', 11, /POST \/posts renders a page or redirects/);
      await status('laravel-blog', 'rest-api-design', 'demonstrated');
      await status('laravel-blog', 'server-side-rendering', 'demonstrated');
    });

    it('@RestController answers JSON, @Controller returning a view name renders a page (spring-hexagonal)', async () => {
      const r = await scan('spring-hexagonal');
      row(practice(r, 'json-endpoints')!.evidence, 'src/main/java/com/acme/billing/adapter/in/web/InvoiceApiController.java', 26, /POST \/api\/invoices answers JSON/);
      row(practice(r, 'server-rendered-pages')!.evidence, 'src/main/java/com/acme/billing/adapter/in/web/InvoicePageController.java', 18, /GET \/customers\/\{customer\}\/invoices renders a page/);
      await status('spring-hexagonal', 'rest-api-design', 'partial');
    });
  });

  describe('front-end work in templates counts; browser JavaScript is not Node.js', () => {
    it('ERB views, CSS and a Stimulus controller show HTML/CSS/JavaScript (rails-library)', async () => {
      const s = await status('rails-library', 'html-css-javascript', 'demonstrated');
      row(s.evidence, 'app/views/books/index.html.erb', 1, /Rails view/);
      const dotnet = practice(await scan('dotnet-clean'), 'frontend-templates')!;
      row(dotnet.evidence, 'src/Shop.Web/Views/Orders/Index.cshtml', 1, /Razor view/);
      row(practice(await scan('laravel-blog'), 'frontend-templates')!.evidence, 'resources/views/posts/index.blade.php', 1, /Blade template/);
      row(practice(await scan('spring-hexagonal'), 'frontend-templates')!.evidence, 'src/main/resources/templates/invoices/list.html', 1, /HTML template/);
    });

    it('Stimulus controllers and a React SPA are browser code: no Node.js stack (rails-library, fastapi-fullstack)', async () => {
      const k = (await engine()).knowledge;
      const rails = await scan('rails-library');
      const js = rails.languages.find((l) => l.id === 'javascript')!;
      assert.equal(js.browserLines, js.lines, 'every JavaScript line of app/javascript runs in the browser');
      assert.deepEqual(detectStacks(k, rails.languages), ['ruby']);
      const ff = await scan('fastapi-fullstack');
      assert.deepEqual(detectStacks(k, ff.languages), ['python']);
      // A Node service keeps its stack.
      assert.ok(detectStacks(k, (await scan('express-catalog')).languages).includes('node'));
    });

    it("Express pages rendered with Benchpress (NodeBB's templates.js) are server-side rendering", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-nodebb-shape-'));
      const files: Record<string, string> = {
        'package.json': JSON.stringify({ name: 'forum', dependencies: { express: '^4.14.0', benchpressjs: '^2.4.0' } }, null, 2) + '\n',
        'src/webserver.js': "const express = require('express');\nconst benchpress = require('benchpressjs');\n\nconst app = express();\napp.engine('tpl', (file, data, cb) => benchpress.__express(file, data, cb));\napp.set('view engine', 'tpl');\napp.get('/topic/:tid', (req, res) => res.render('topic', { tid: req.params.tid }));\napp.listen(4567);\n",
      };
      for (const [rel, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      }
      const r = await (await engine()).scan(dir, {});
      const s = skill(r, 'server-side-rendering');
      assert.equal(s.status, 'demonstrated', `${s.signals.join('; ')}\n  ${show(s.evidence)}`);
      row(s.evidence, 'src/webserver.js', 2, /benchpressjs/);
    });

    it("a Rails app's public/javascripts is not Node.js work, and Rails' action_cable/engine is not a WebSocket API (Redmine's shape)", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-redmine-shape-'));
      const js = Array.from({ length: 600 }, (_, i) => `function toggle${i}(el) {\n  $(el).toggleClass('open');\n  return false;\n}\n`).join('');
      const files: Record<string, string> = {
        Gemfile: "source 'https://rubygems.org'\ngem 'rails', '~> 6.1.7'\ngem 'pg', '~> 1.2'\n",
        'config/application.rb': "require_relative 'boot'\nrequire 'rails'\nrequire 'active_record/railtie'\nrequire 'action_controller/railtie'\nrequire 'action_cable/engine'\n\nmodule Tracker\n  class Application < Rails::Application\n  end\nend\n",
        'app/controllers/issues_controller.rb': 'class IssuesController < ApplicationController\n  def index\n    @issues = Issue.where(project_id: params[:project_id])\n  end\nend\n',
        'public/javascripts/application.js': js,
      };
      for (const [rel, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      }
      const r = await (await engine()).scan(dir, {});
      const lang = r.languages.find((l) => l.id === 'javascript')!;
      assert.ok(lang.lines >= 2000 && lang.browserLines === lang.lines, JSON.stringify(lang));
      const node = skill(r, 'language-javascript');
      assert.equal(node.status, 'missing', `JavaScript (Node.js) from browser files: ${show(node.evidence)}`);
      assert.equal(practice(r, 'websocket-api'), undefined, show(practice(r, 'websocket-api')?.evidence ?? []));
      const rt = skill(r, 'realtime-apis');
      assert.equal(rt.status, 'partial', `the Action Cable library alone: ${show(rt.evidence)}`);
      // Server-side JavaScript beside it still counts.
      fs.mkdirSync(path.join(dir, 'bin'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'bin/export.js'), "const fs = require('fs');\n" + js);
      assert.equal(skill(await (await engine()).scan(dir, {}), 'language-javascript').status, 'demonstrated');
    });
  });

  describe('honest unknowns', () => {
    const HISTORY_SKILLS = ['git-fundamentals', 'branching-merging', 'clean-commit-history'];

    it('an empty folder says so and shows no skill as a gap', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-empty-'));
      const r = await (await engine()).scan(dir, {});
      assert.deepEqual(r.noSource, { reason: 'this folder is empty, so no skill can be judged from it; open a folder with source code', files: 0 });
      assert.deepEqual(r.skills.filter((s) => s.status === 'missing').map((s) => s.id), []);
      assert.equal(skill(r, 'unit-testing').status, 'not-observable');
      assert.match(skill(r, 'unit-testing').searched ?? '', /this folder is empty/);
      assert.match(renderText(r), /No source code here: this folder is empty/);
    });

    it('a folder of documents only says it has no source; what it has still shows (docs-only)', async () => {
      const r = await scan('docs-only');
      assert.equal(r.noSource?.files, 6);
      assert.match(r.noSource!.reason, /^this folder holds no source code \(6 files: /);
      assert.deepEqual(r.skills.filter((s) => s.status === 'missing').map((s) => s.id), []);
      assert.notEqual(skill(r, 'documented-projects-readme').status, 'not-observable', 'the README it has still counts');
      // A folder with source never carries the flag.
      assert.equal((await scan('go-orders')).noSource, undefined);
    });

    it('a history that cannot be read makes the git skills not observable, with the reason, never missing', async () => {
      // A linked worktree: .git is a file pointing outside the workspace (as in `git worktree add`).
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-worktree-'));
      fs.cpSync(path.join(FIXTURES, 'express-catalog'), dir, { recursive: true });
      fs.writeFileSync(path.join(dir, '.git'), 'gitdir: /srv/repos/catalog.git/worktrees/feature-prices\n');
      const r = await (await engine()).scan(dir, {});
      for (const id of HISTORY_SKILLS) {
        const s = skill(r, id);
        assert.equal(s.status, 'not-observable', `${id}: ${s.status}`);
        assert.match(s.searched ?? '', /its history is not available \(a linked worktree or submodule whose history lives outside the workspace/);
      }
      // A repository without commits yet says that.
      const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-fresh-'));
      fs.cpSync(path.join(FIXTURES, 'express-catalog'), fresh, { recursive: true });
      await git.init({ fs, dir: fresh, defaultBranch: 'main' });
      const f = await (await engine()).scan(fresh, {});
      assert.equal(skill(f, 'clean-commit-history').status, 'not-observable');
      assert.match(skill(f, 'clean-commit-history').searched ?? '', /the repository has no commits yet/);
      // No repository at all keeps its own words.
      assert.match(skill(await scan('express-catalog'), 'clean-commit-history').searched ?? '', /no \.git repository/);
    });

    it('"Data structures and algorithms" is not observable from maps and sets alone (go-orders), partial from a heap (python-ingest)', async () => {
      const go = await status('go-orders', 'data-structures-algorithms', 'not-observable');
      assert.match(go.searched ?? '', /maps, sets and lists alone do not show it; not a gap/);
      const py = await status('python-ingest', 'data-structures-algorithms', 'partial');
      row(py.evidence, 'src/ingest/schedule.py', 19, /priority queues and heaps: heapq\.heappush/);
    });
  });

  describe('bots are not the team', () => {
    it('dependabot[bot], renovate[bot] and github-actions[bot] count toward no commit, author, merge or branch figure', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-bots-'));
      fs.cpSync(path.join(FIXTURES, 'express-catalog'), dir, { recursive: true });
      await git.init({ fs, dir, defaultBranch: 'main' });
      let t = Date.UTC(2025, 0, 6) / 1000;
      const commit = async (message: string, name: string, email: string, parent?: string[]) => {
        fs.appendFileSync(path.join(dir, 'CHANGELOG.md'), `${message}\n`);
        await git.add({ fs, dir, filepath: 'CHANGELOG.md' });
        t += 3600;
        return git.commit({ fs, dir, message, author: { name, email, timestamp: t, timezoneOffset: 0 }, ...(parent ? { parent } : {}) });
      };
      const humans: [string, string][] = [['Ada', 'ada@acme.dev'], ['Grace', 'grace@acme.dev']];
      for (const subject of ['wip', 'fix', 'stuff', 'more', 'fix again', 'update']) await commit(subject, ...humans[subject.length % 2]);
      for (let i = 0; i < 30; i++) {
        await commit(`chore(deps): bump express from 4.19.${i} to 4.19.${i + 1}`, 'dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com');
        if (i % 10 === 0) await commit(`fix(deps): update dependency pino to v9.${i}`, 'renovate[bot]', '29139614+renovate[bot]@users.noreply.github.com');
      }
      const tip = await commit('docs: update changelog for 2.3.1', 'github-actions[bot]', '41898282+github-actions[bot]@users.noreply.github.com');
      await commit("Merge pull request #42 from acme/dependabot/npm_and_yarn/express-4.19.30", 'mergify[bot]', '37929162+mergify[bot]@users.noreply.github.com', [tip, tip]);
      for (const b of ['dependabot/npm_and_yarn/express-4.19.30', 'renovate/pino-9.x']) await git.branch({ fs, dir, ref: b });
      const r = await (await engine()).scan(dir, {});
      const history = practice(r, 'git-history')!;
      assert.equal(history.count, 6, 'only the six human commits count');
      assert.equal(history.figures?.authors, 2);
      assert.equal(history.figures?.botCommits, 35);
      assert.match(history.evidence[0].detail, /by 2 author\(s\).*\(35 bot commits not counted\)/);
      assert.equal(practice(r, 'conventional-commits'), undefined, 'the bots write the Conventional Commits, the people do not');
      assert.equal(practice(r, 'clean-commit-messages'), undefined);
      assert.equal(practice(r, 'merge-commits'), undefined, 'a merge by mergify[bot] is no review');
      assert.equal(practice(r, 'branching'), undefined, 'branches opened by bots are not branching');
      assert.equal(skill(r, 'clean-commit-history').status, 'missing', 'judged on the people\'s six commits');
    });
  });

  describe('evidence relevance: a skill lists only rows that support it', () => {
    it('API testing lists the API tests, not the routes it needs (node-ts-service, go-orders)', async () => {
      for (const f of ['node-ts-service', 'go-orders']) {
        const s = await status(f, 'api-testing', 'demonstrated');
        assert.ok(s.evidence.every((e) => /API tests/.test(e.detail)), `${f}:\n  ${show(s.evidence)}`);
        assert.ok(s.signals.some((x) => /^REST endpoints: \d+$/.test(x)), 'the routes it needs still show as a signal');
      }
    });

    it('design patterns list the patterns, not the classes; authorization lists the checks, not the logins', async () => {
      const dp = await status('fastapi-fullstack', 'design-patterns', 'demonstrated');
      assert.ok(dp.evidence.every((e) => !/^(classes|inheritance|interfaces and traits|methods on types):/.test(e.detail)), show(dp.evidence));
      const authz = await status('fastapi-fullstack', 'authorization', 'demonstrated');
      assert.ok(authz.evidence.every((e) => /^authorization: /.test(e.detail)), show(authz.evidence));
    });

    it('a technology\'s lock-file lines are not listed next to its own declaration (rails-library)', async () => {
      const s = skill(await scan('rails-library'), 'nosql-databases');
      assert.ok(!s.evidence.some((e) => e.path === 'Gemfile.lock'), show(s.evidence));
    });

    it('one manifest line alone is partial, "declared, not used": gem "graphql", a Mongo starter', async () => {
      const gql = await status('rails-library', 'graphql', 'partial');
      assert.equal(gql.confidence, 'declared');
      assert.ok(gql.signals.includes('GraphQL API (declared, not used)'), gql.signals.join('; '));
      row(gql.evidence, 'Gemfile', 18, /dependency graphql ~> 2\.3/);
      const mongo = await status('spring-hexagonal', 'nosql-databases', 'partial');
      assert.equal(mongo.confidence, 'declared');
      assert.deepEqual(mongo.signals, ['MongoDB (declared, not used)']);
    });
  });

  describe('confidence: the strongest kind of evidence behind each status', () => {
    it('declared < imported < used in code < tested < enforced in CI, in the JSON', async () => {
      const r = await scan('go-orders');
      assert.equal(skill(r, 'continuous-integration').confidence, 'enforced-in-ci');
      assert.equal(skill(r, 'api-testing').confidence, 'tested');
      assert.equal(skill(r, 'rest-api-design').confidence, 'tested', 'its JSON routes are called by API tests');
      assert.equal(skill(r, 'relational-databases-sql').confidence, 'used-in-code');
      assert.equal(skill(await scan('fastapi-fullstack'), 'frontend-frameworks').confidence, 'imported');
      assert.equal(skill(await scan('rails-library'), 'graphql').confidence, 'declared');
      for (const s of r.skills) {
        if (s.status === 'demonstrated' || s.status === 'partial') assert.ok(s.confidence, `${s.id} has no confidence`);
        else assert.equal(s.confidence, undefined, `${s.id} (${s.status}) has a confidence`);
      }
    });

    it('shows in the terminal text and the Markdown report', async () => {
      const r = await scan('go-orders');
      const text = renderText(r);
      assert.match(text, /✔ Continuous integration — \d+ signals · enforced in CI/);
      assert.match(text, /✔ REST API design — \d+ signals · tested/);
      const md = renderMarkdown(r);
      assert.match(md, /\*\*REST API design\*\* — demonstrated \(tested\) · /);
    });
  });

  describe('technology and practice gaps seen on real repositories', () => {
    it("Go's mgo driver is MongoDB and juju/loggo is a logging library (candid's shape)", async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-candid-shape-'));
      const files: Record<string, string> = {
        'go.mod': 'module example.com/idp\n\ngo 1.20\n\nrequire (\n\tgithub.com/juju/loggo v1.0.0\n\tgopkg.in/mgo.v2 v2.0.0-20190816093944-a6b53ec6cb22\n)\n',
        'store/mgostore/store.go': 'package mgostore\n\nimport (\n\t"github.com/juju/loggo"\n\tmgo "gopkg.in/mgo.v2"\n\t"gopkg.in/mgo.v2/bson"\n)\n\nvar logger = loggo.GetLogger("idp.store")\n\nfunc Find(db *mgo.Database, id string) (bson.M, error) {\n\tvar doc bson.M\n\terr := db.C("identities").FindId(id).One(&doc)\n\tif err != nil {\n\t\tlogger.Errorf("cannot find %s: %v", id, err)\n\t}\n\treturn doc, err\n}\n',
      };
      for (const [rel, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
      }
      const r = await (await engine()).scan(dir, {});
      const mongo = r.technologies.find((t) => t.id === 'mongodb');
      assert.ok(mongo && mongo.usedInFiles === 1, JSON.stringify(mongo));
      row(mongo.evidence, 'store/mgostore/store.go', 5);
      assert.ok(r.technologies.some((t) => t.id === 'loggo' && t.usedInFiles === 1), r.technologies.map((t) => t.id).join(', '));
      assert.notEqual(skill(r, 'nosql-databases').status, 'missing');
      assert.notEqual(skill(r, 'logging').status, 'missing');
    });

    /** Asserts a technology was found with a row at path (and line) whose detail matches. */
    async function tech(fixture: string, id: string, p: string, line?: number, detail?: RegExp): Promise<void> {
      const t = (await scan(fixture)).technologies.find((x) => x.id === id);
      assert.ok(t, `${fixture}: ${id} not found`);
      row(t.evidence, p, line, detail);
    }

    it('Node.js as a runtime (engines, .nvmrc, FROM node:) and .NET as a runtime (TargetFramework, global.json, dotnet images)', async () => {
      await tech('express-catalog', 'nodejs', 'package.json', 7, /"engines"/);
      await tech('express-catalog', 'nodejs', '.nvmrc');
      await tech('fastapi-fullstack', 'nodejs', 'frontend/Dockerfile', 1, /container image node:20/);
      await tech('dotnet-clean', 'dotnet', 'Directory.Build.props', 3, /TargetFramework/);
      await tech('dotnet-clean', 'dotnet', 'global.json');
      await tech('dotnet-clean', 'dotnet', 'Dockerfile', 6, /mcr\.microsoft\.com\/dotnet\/aspnet:8\.0/);
      // Browser JavaScript alone is no Node.js runtime.
      assert.equal((await scan('rails-library')).technologies.find((t) => t.id === 'nodejs'), undefined);
    });

    it('webjars in Maven, Laravel database drivers, Vitest through its plugins and Vite config', async () => {
      await tech('spring-hexagonal', 'bootstrap', 'pom.xml', 58, /org\.webjars\.npm:bootstrap/);
      await tech('spring-hexagonal', 'webjars', 'pom.xml');
      await tech('laravel-blog', 'mysql', 'config/database.php', 7, /DB_CONNECTION', 'mysql'/);
      await tech('laravel-blog', 'mysql', 'phpunit.xml', 17);
      await tech('laravel-blog', 'postgresql', '.github/workflows/tests.yml', 10, /db: \[mysql, pgsql/);
      await status('laravel-blog', 'relational-databases-sql', 'demonstrated');
      await tech('express-catalog', 'vitest', 'package.json', 25, /@vitest\/coverage-v8/);
      await tech('express-catalog', 'vitest', 'vite.config.mjs', 4, /test: \{/);
    });

    it('Codecov, clippy lints, Flow, Heroku, Dependabot and Renovate', async () => {
      await tech('go-orders', 'codecov', '.github/workflows/ci.yml', 35, /codecov\/codecov-action/);
      await tech('rust-fediverse', 'clippy', 'Cargo.toml', 28, /\[lints\.clippy\]/);
      await tech('rust-fediverse', 'clippy', '.github/workflows/ci.yml', 10);
      await tech('express-catalog', 'flow', 'package.json', 27, /flow-bin/);
      await tech('express-catalog', 'flow', '.flowconfig');
      await tech('express-catalog', 'flow', 'src/db.js', 1, /@flow/);
      await tech('express-catalog', 'heroku', 'Procfile');
      await tech('express-catalog', 'renovate', 'renovate.json');
      await tech('fastapi-fullstack', 'dependabot', '.github/dependabot.yml');
    });

    it('Cloud Spanner, AlloyDB, ActivityPub federation and OAuth in Rust', async () => {
      await tech('tech-zoo', 'cloud-spanner', 'go/go.mod', 7);
      await tech('tech-zoo', 'cloud-spanner', 'go/internal/gcp/ledger.go', undefined, /import cloud\.google\.com\/go\/spanner/);
      await tech('tech-zoo', 'alloydb', 'go/go.mod', 6);
      await tech('rust-fediverse', 'activitypub', 'Cargo.toml', 9);
      await tech('rust-fediverse', 'activitypub', 'src/federation.rs', 1, /import activitypub_federation/);
      await tech('rust-fediverse', 'oauth', 'src/auth.rs', undefined, /import oauth2/);
      const authz = await status('rust-fediverse', 'authorization', 'demonstrated');
      row(authz.evidence, 'src/auth.rs', 48, /StatusCode::FORBIDDEN/);
    });
  });

  describe('integration tests reach real infrastructure', () => {
    it('docker compose up before the test step makes the database tests integration tests (fastapi-fullstack)', async () => {
      const s = await status('fastapi-fullstack', 'integration-testing', 'demonstrated');
      row(s.evidence, 'backend/app/tests/crud/test_user.py', undefined, /CI starts docker compose up -d db mailcatcher \(\.github\/workflows\/test-backend\.yml:25\)/);
      const api = practice(await scan('fastapi-fullstack'), 'api-tests')!;
      assert.ok(!api.evidence.some((e) => e.path.endsWith('crud/test_user.py')), 'a CRUD test that takes no client fixture is not an API test');
    });

    it('a CI service container counts for the tests its job runs; handler tests over mocks do not (go-orders)', async () => {
      const r = await scan('go-orders');
      const it = practice(r, 'integration-tests')!;
      row(it.evidence, 'internal/store/store_test.go', 16, /pgxpool\.New/);
      assert.ok(!it.evidence.some((e) => e.path.endsWith('router_test.go')), `the router tests mock the store: ${show(it.evidence)}`);
      await status('go-orders', 'integration-testing', 'demonstrated');
    });

    it('EF Core in-memory is a stand-in, not infrastructure (dotnet-api)', async () => {
      const r = await scan('dotnet-api');
      assert.equal(practice(r, 'integration-tests'), undefined, show(practice(r, 'integration-tests')?.evidence ?? []));
      await status('dotnet-api', 'integration-testing', 'missing');
    });

    it('mocked database modules are not integration tests, even when CI starts a database (node-ts-service)', async () => {
      const r = await scan('node-ts-service');
      assert.equal(practice(r, 'integration-tests'), undefined, show(practice(r, 'integration-tests')?.evidence ?? []));
    });

    it('a database server in the pytest settings makes the repository tests integration tests; SQLite there does not', async () => {
      const files = (url: string): Record<string, string> => ({
        'pyproject.toml': '[project]\nname = "ledger"\nversion = "0.4.0"\ndependencies = ["sqlalchemy>=2.0", "psycopg[binary]>=3.1"]\n\n[project.optional-dependencies]\ntest = ["pytest>=8", "pytest-env>=1.1"]\n',
        'pytest.ini': `[pytest]\ntestpaths = tests\nenv =\n    DATABASE_URL=${url}\n`,
        'ledger/__init__.py': '',
        'ledger/db.py': 'import os\n\nfrom sqlalchemy import create_engine\nfrom sqlalchemy.orm import sessionmaker\n\nengine = create_engine(os.environ["DATABASE_URL"])\nSessionLocal = sessionmaker(bind=engine)\n',
        'ledger/repository.py': 'from sqlalchemy import select\n\nfrom ledger.models import Entry\n\n\nclass EntryRepository:\n    def __init__(self, session):\n        self.session = session\n\n    def add(self, account, cents):\n        entry = Entry(account=account, cents=cents)\n        self.session.add(entry)\n        return entry\n\n    def balance(self, account):\n        return sum(e.cents for e in self.session.scalars(select(Entry).where(Entry.account == account)))\n',
        'tests/test_repository.py': 'from ledger.db import SessionLocal\nfrom ledger.repository import EntryRepository\n\n\ndef test_balance_sums_entries():\n    with SessionLocal() as session:\n        repo = EntryRepository(session)\n        repo.add("cash", 500)\n        repo.add("cash", -200)\n        assert repo.balance("cash") == 300\n',
      });
      const write = (url: string): string => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-test-settings-'));
        for (const [rel, text] of Object.entries(files(url))) {
          fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
          fs.writeFileSync(path.join(dir, rel), text);
        }
        return dir;
      };
      const r = await (await engine()).scan(write('postgresql://ledger:ledger@localhost:5432/ledger_test'), {});
      const it = practice(r, 'integration-tests');
      assert.ok(it, `the repository test against PostgreSQL is an integration test; practices: ${r.practices.map((p) => p.id).join(', ')}`);
      row(it.evidence, 'tests/test_repository.py', undefined, /database URL in the pytest settings \(pytest\.ini:4\)/);
      const l = await (await engine()).scan(write('sqlite:///./test.db'), {});
      assert.equal(practice(l, 'integration-tests'), undefined, show(practice(l, 'integration-tests')?.evidence ?? []));
    });

    it('GitLab file-level services reach the tests under tests/ (python-ingest)', async () => {
      const it = practice(await scan('python-ingest'), 'integration-tests')!;
      row(it.evidence, 'tests/integration/test_loader.py', undefined, /metadata\.create_all\( in tests\/conftest\.py:9/);
      assert.ok(!it.evidence.some((e) => e.path === 'tests/test_models.py'), 'model validation tests touch no database');
    });
  });
});
