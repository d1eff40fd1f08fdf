/**
 * Skill statuses on the fixture workspaces: what an experienced backend reviewer would sign off
 * after reading each fixture (see its expected.json notes), plus the calibration rules the catalog
 * must keep (a health route is not monitoring, routes are not API tests, risks cap a status, ...).
 */
import { strict as assert } from 'assert';
import * as path from 'path';
import { evaluateSkills, gaps, type Facts } from '../../src/core/skills';
import type { AnalysisResult, PracticeFinding, SkillResult, SkillStatus, TechnologyFinding } from '../../src/core/types';
import { engine, FIXTURES, REPO } from './helpers/engine';

const cache = new Map<string, Promise<AnalysisResult>>();

/** Scans a fixture (or the bundled `sample`) once per run. */
function scan(name: string): Promise<AnalysisResult> {
  let p = cache.get(name);
  if (!p) {
    const dir = name === 'sample' ? path.join(REPO, 'sample') : path.join(FIXTURES, name);
    p = engine().then((e) => e.scan(dir, { now: () => Date.parse('2026-11-21T00:00:00Z') }));
    cache.set(name, p);
  }
  return p;
}

function skill(r: AnalysisResult | SkillResult[], id: string): SkillResult {
  const list = Array.isArray(r) ? r : r.skills;
  const s = list.find((x) => x.id === id);
  assert.ok(s, `no skill ${id} in the catalog`);
  return s;
}

function describeSkill(s: SkillResult): string {
  return `${s.id} is ${s.status}; signals: ${s.signals.join('; ') || 'none'}`;
}

/** An expectation a reviewer signs off: an exact status, or a status it must not reach. */
interface Expect {
  id: string;
  is?: SkillStatus;
  not?: SkillStatus;
  why: string;
}

const is = (id: string, status: SkillStatus, why: string): Expect => ({ id, is: status, why });
const not = (id: string, status: SkillStatus, why: string): Expect => ({ id, not: status, why });

const EXPECTED: Record<string, Expect[]> = {
  'node-ts-service': [
    is('rest-api-design', 'demonstrated', 'eight Express routes with zod validation and an OpenAPI file'),
    is('unit-testing', 'demonstrated', 'ten Jest cases with the database module mocked'),
    is('api-testing', 'demonstrated', 'Supertest calls the routes in process'),
    is('api-documentation', 'demonstrated', 'a hand-written openapi.yaml next to the routes'),
    is('load-testing', 'missing', 'no k6/JMeter/Gatling/Locust anywhere'),
    is('end-to-end-testing', 'missing', 'no browser or deployed-system tests'),
    is('infrastructure-as-code', 'missing', 'Kubernetes manifests are deployment config, not provisioned infrastructure'),
    is('monitoring-alerting', 'partial', 'a /health route and winston logs, but no metrics, tracing or alerting'),
    not('performance-optimization', 'demonstrated', 'a Redis container the code never calls is not an optimisation, and nothing is measured'),
    not('caching', 'demonstrated', 'Redis is provisioned in compose but the service has no cache reads or writes'),
    is('caching', 'missing', 'a Redis container that no code reads or writes is not caching'),
    is('continuous-integration', 'demonstrated', 'the CI workflow runs npm test on push and pull requests'),
    is('continuous-deployment', 'demonstrated', 'a tag-triggered workflow pushes the image and applies the Kubernetes manifests'),
    is('docker', 'demonstrated', 'multi-stage, pinned, non-root image with a HEALTHCHECK'),
    is('kubernetes', 'demonstrated', 'Deployment and Service manifests plus a Dockerfile'),
    is('api-security', 'demonstrated', 'JWT bearer middleware on the order routes plus helmet headers'),
    is('authentication', 'demonstrated', 'jwt.sign/verify and bcrypt password hashes'),
    is('input-validation-injection', 'partial', 'zod validates input, but src/db.ts:31 concatenates an email into SQL'),
    is('error-handling', 'demonstrated', 'a central Express error handler and try/catch around token checks'),
    is('logging', 'demonstrated', 'a winston JSON logger used by the app and the error handler'),
    is('language-typescript', 'partial', 'about 320 lines of TypeScript: real but small'),
    is('language-javascript', 'missing', 'a seven-line jest.config.js is not JavaScript work'),
    is('object-oriented-programming', 'missing', 'plain functions and modules, no classes'),
  ],
  'python-service': [
    is('secure-coding', 'partial', 'parameterised queries and validation, but a committed .env and an f-string query'),
    is('input-validation-injection', 'partial', 'marshmallow validation, but app/routes.py:55 passes an f-string to cursor.execute'),
    is('api-testing', 'demonstrated', 'six pytest cases through the Flask test client'),
    is('integration-testing', 'demonstrated', 'the test client runs against a real SQLAlchemy database and GitLab CI runs pytest'),
    is('unit-testing', 'partial', 'pytest is set up, but every test goes through the app and database'),
    is('continuous-integration', 'demonstrated', 'the GitLab test stage runs pytest'),
    is('docker', 'partial', 'one stage, python:latest, runs as root, no HEALTHCHECK'),
    is('messaging', 'demonstrated', 'Celery tasks queued with .delay on a Redis broker'),
    is('monitoring-alerting', 'partial', 'only a /health route'),
    not('performance-optimization', 'demonstrated', 'Redis here is the Celery broker, and nothing is measured'),
    is('caching', 'missing', 'Redis is only the Celery broker and result backend'),
    is('server-side-rendering', 'missing', "migrations/script.py.mako is Alembic's migration template, not a Mako view"),
    is('relational-databases-sql', 'demonstrated', 'PostgreSQL with Alembic migrations'),
  ],
  'java-spring-maven': [
    is('integration-testing', 'demonstrated', '@SpringBootTest with Testcontainers PostgreSQL, run by Jenkins'),
    is('unit-testing', 'demonstrated', 'nine JUnit 5 cases with Mockito'),
    is('api-testing', 'demonstrated', 'MockMvc controller tests'),
    is('api-documentation', 'demonstrated', 'springdoc-openapi generates the description from the controllers'),
    is('docker', 'demonstrated', 'multi-stage image with a non-root user'),
    is('continuous-integration', 'demonstrated', 'the Jenkinsfile runs ./mvnw verify'),
    is('continuous-deployment', 'partial', 'Jenkins builds and pushes an image on main but deploys nothing'),
    is('input-validation-injection', 'partial', 'Bean Validation, but OrderService.java:62 concatenates a request value into SQL'),
    is('monitoring-alerting', 'missing', 'no Actuator, metrics or health endpoint'),
    is('orm', 'demonstrated', 'JPA entities with Flyway migrations'),
  ],
  'java-gradle-kotlin': [
    is('unit-testing', 'demonstrated', 'six Kotest cases with MockK'),
    is('api-testing', 'partial', 'only two MockMvc tests'),
    is('monitoring-alerting', 'partial', 'Spring Boot Actuator without a Micrometer registry gives health, not metrics'),
    is('continuous-integration', 'missing', 'no pipeline in the repository'),
    is('docker', 'missing', 'no Dockerfile'),
    is('schema-design-data-modeling', 'demonstrated', 'a Flyway migration with CREATE INDEX'),
  ],
  'go-service': [
    is('unit-testing', 'demonstrated', 'six Go tests with testify'),
    is('continuous-integration', 'missing', 'a Makefile but no pipeline'),
    is('docker', 'missing', 'no Dockerfile'),
    is('orm', 'missing', 'raw pgx queries, no ORM'),
    is('input-validation-injection', 'partial', 'binding validation and $1 queries, but store.go builds SQL with fmt.Sprintf'),
    is('secure-coding', 'partial', 'gosec is enabled in golangci-lint, but nothing runs it in CI'),
    is('monitoring-alerting', 'partial', 'only a /healthz route'),
    is('error-handling', 'demonstrated', 'errors checked throughout, with a sentinel ErrNotFound mapped to 404'),
    is('caching', 'demonstrated', 'the handlers read and write task keys on a real Redis client with a TTL (handlers.go:87-88): a framework default counts (issue 9)'),
  ],
  'dotnet-api': [
    is('integration-testing', 'missing', 'the WebApplicationFactory tests swap the database for EF Core in-memory: API tests, not integration tests'),
    is('unit-testing', 'demonstrated', 'five xUnit cases on the validator and restock logic'),
    is('api-documentation', 'demonstrated', 'Swashbuckle wired with AddSwaggerGen/UseSwagger'),
    is('continuous-integration', 'demonstrated', 'azure-pipelines.yml runs dotnet test'),
    is('web-application-servers', 'demonstrated', 'web.config configures IIS with the ASP.NET Core module'),
    is('input-validation-injection', 'partial', 'FluentValidation, but ProductQueries.cs:22 interpolates into SqlCommand'),
    is('docker', 'missing', 'no Dockerfile'),
    is('monitoring-alerting', 'partial', 'a /health endpoint only'),
    is('logging', 'demonstrated', 'Serilog wired with UseSerilog and UseSerilogRequestLogging'),
    is('test-automation-coverage', 'demonstrated', 'Azure Pipelines runs dotnet test with the XPlat Code Coverage collector'),
  ],
  'ruby-rails': [
    is('api-testing', 'demonstrated', 'RSpec request specs call the article endpoints'),
    is('unit-testing', 'partial', 'three model specs'),
    is('authentication', 'demonstrated', 'Devise with authenticate_user! before actions'),
    is('messaging', 'demonstrated', 'Sidekiq background jobs'),
    is('docker', 'missing', 'the CircleCI docker executor is CI configuration, not a Dockerfile'),
    not('continuous-integration', 'missing', 'CircleCI runs rubocop and rspec'),
    is('continuous-integration', 'demonstrated', 'CircleCI runs rubocop and the ruby/rspec-test orb step'),
    is('input-validation-injection', 'partial', 'model validations, but articles_controller.rb:16 interpolates params into where()'),
    is('caching', 'missing', 'Redis is only the Sidekiq store, reached through a lock-file entry'),
    is('schema-design-data-modeling', 'demonstrated', 'Rails migrations with add_index'),
  ],
  'php-laravel': [
    is('api-testing', 'demonstrated', 'five feature tests call the API with $this->getJson/postJson'),
    is('unit-testing', 'partial', 'a single Pest unit case'),
    is('continuous-integration', 'demonstrated', 'Bitbucket Pipelines runs phpunit'),
    is('authentication', 'demonstrated', 'Sanctum guards the write routes and passwords go through Hash::make'),
    is('input-validation-injection', 'partial', '$request->validate, but UserController.php:32 concatenates an id into DB::select'),
    is('docker', 'missing', 'the pipeline image is a CI image, not a Dockerfile'),
    is('clean-code', 'demonstrated', 'PHPStan and Pint, with PHPStan in the pipeline'),
    is('continuous-deployment', 'demonstrated', 'the main-branch step is a Bitbucket production deployment over atlassian/ssh-run'),
  ],
  'rust-axum': [
    is('error-handling', 'demonstrated', 'a thiserror error type mapped to responses, and ? throughout'),
    is('unit-testing', 'demonstrated', 'six #[test]/#[tokio::test] cases'),
    is('logging', 'demonstrated', 'tracing macros on errors and startup'),
    is('input-validation-injection', 'partial', 'sqlx binds every value, but there is no request validation'),
    is('continuous-integration', 'missing', 'no pipeline'),
    is('docker', 'missing', 'no Dockerfile'),
  ],
  'scala-play': [
    is('unit-testing', 'demonstrated', 'five ScalaTest cases'),
    is('relational-databases-sql', 'missing', 'an in-memory registry, no database'),
    is('docker', 'missing', 'sbt-native-packager is declared, but there is no Dockerfile'),
  ],
  monorepo: [
    is('infrastructure-as-code', 'demonstrated', 'Terraform for S3 and Lambda, validated in CI'),
    is('cloud-platforms', 'demonstrated', 'AWS resources declared in Terraform'),
    is('serverless', 'demonstrated', 'an aws_lambda_function in Terraform'),
    is('kubernetes', 'demonstrated', 'manifests plus a Helm chart'),
    is('continuous-deployment', 'demonstrated', 'the release workflow runs helm upgrade --install'),
    is('secure-coding', 'demonstrated', 'CodeQL in CI and Dependabot'),
    is('event-driven-architecture', 'demonstrated', 'a Kafka consumer in the worker and a broker in compose'),
    is('microservices', 'partial', 'two services; a senior-level skill needs more than that'),
    is('api-documentation', 'partial', 'only the docs FastAPI serves by default; the NestJS API has no description'),
    is('collaboration-teamwork', 'demonstrated', 'PR template, issue template, CODEOWNERS and CONTRIBUTING'),
    is('software-architecture', 'demonstrated', 'an ADR for Kafka and two services'),
    is('api-testing', 'demonstrated', 'Supertest and FastAPI TestClient tests'),
  ],
  sample: [
    is('unit-testing', 'demonstrated', 'eight Vitest cases with Prisma mocked'),
    is('api-testing', 'demonstrated', 'Supertest calls every route'),
    is('api-documentation', 'demonstrated', 'an openapi.yaml for the routes'),
    is('input-validation-injection', 'demonstrated', 'zod schemas and Prisma, no SQL built from strings'),
    is('continuous-integration', 'demonstrated', 'the workflow runs npm test'),
    is('docker', 'demonstrated', 'multi-stage, non-root image with a HEALTHCHECK'),
    is('monitoring-alerting', 'partial', 'a /health route only'),
    is('error-handling', 'demonstrated', 'a central error handler that maps ZodError to 400'),
  ],
  broken: [
    is('backend-framework', 'partial', 'Flask is found, but there are no tests and one route'),
    is('docker', 'missing', 'a .dockerignore and a README sentence are not Docker'),
  ],
};

describe('skill statuses on the fixture workspaces', function () {
  this.timeout(120_000);

  for (const [fixture, expectations] of Object.entries(EXPECTED)) {
    describe(fixture, () => {
      for (const e of expectations) {
        it(`${e.id} ${e.is ? `is ${e.is}` : `is not ${e.not}`}: ${e.why}`, async () => {
          const s = skill(await scan(fixture), e.id);
          if (e.is) assert.equal(s.status, e.is, describeSkill(s));
          else assert.notEqual(s.status, e.not, describeSkill(s));
        });
      }
    });
  }

  describe('risks', () => {
    it('python-service: the committed .env is a risk on secure coding', async () => {
      const r = await scan('python-service');
      const s = skill(r, 'secure-coding');
      assert.ok(s.signals.some((x) => x.startsWith('risk:') && /environment|\.env/i.test(x)), describeSkill(s));
      assert.ok(s.evidence.some((ev) => ev.path === '.env'), 'secure-coding: .env not among the evidence');
    });

    it('python-service has no .git folder: Git fundamentals is not visible there, never a gap', async () => {
      const s = skill(await scan('python-service'), 'git-fundamentals');
      assert.equal(s.status, 'not-observable', describeSkill(s));
      assert.match(s.searched ?? '', /no \.git repository/);
    });

    it('the string-built SQL line is the first evidence of injection prevention', async () => {
      const cases: [string, string, number][] = [
        ['node-ts-service', 'src/db.ts', 31],
        ['python-service', 'app/routes.py', 55],
        ['dotnet-api', 'Api/Data/ProductQueries.cs', 22],
      ];
      for (const [fixture, file, line] of cases) {
        const s = skill(await scan(fixture), 'input-validation-injection');
        assert.ok(s.signals[0]?.startsWith('risk:'), `${fixture}: ${describeSkill(s)}`);
        assert.equal(`${s.evidence[0]?.path}:${s.evidence[0]?.line}`, `${file}:${line}`, `${fixture}: evidence starts elsewhere`);
      }
    });

    it('ruby-rails: the interpolated where() is the first evidence of injection prevention', async () => {
      const s = skill(await scan('ruby-rails'), 'input-validation-injection');
      assert.ok(s.signals[0]?.startsWith('risk:'), describeSkill(s));
      assert.equal(`${s.evidence[0]?.path}:${s.evidence[0]?.line}`, 'app/controllers/articles_controller.rb:16');
    });

    it('rust-axum binds every value, so no risk is reported', async () => {
      const s = skill(await scan('rust-axum'), 'input-validation-injection');
      assert.ok(!s.signals.some((x) => x.startsWith('risk:')), describeSkill(s));
    });
  });

  describe('rules that must hold whatever the fixture', () => {
    const ALL = [...Object.keys(EXPECTED)];

    it('a skill code cannot show (soft skills) is never a gap, never missing and has no "searched" line', async () => {
      const k = (await engine()).knowledge;
      const soft = k.skills.filter((s) => s.observable === 'no').map((s) => s.id);
      assert.ok(soft.includes('problem-solving') && soft.includes('leadership-mentoring'), 'soft skills are not marked observable: "no"');
      for (const f of ALL) {
        const r = await scan(f);
        for (const id of soft) {
          const s = skill(r, id);
          assert.equal(s.status, 'not-observable', `${f}: ${describeSkill(s)}`);
          assert.equal(s.searched, undefined, `${f}: ${id} says what was searched`);
        }
        for (const target of [{ level: 'entry', role: 'backend' }, { level: 'senior', role: 'fullstack' }] as const) {
          const again = evaluateSkills(k, factsOf(r), target);
          const listed = gaps(again).filter((g) => soft.includes(g.id));
          assert.deepEqual(listed.map((g) => g.id), [], `${f} (${target.level}/${target.role}): soft skills listed as gaps`);
        }
      }
    });

    it('every missing or partial skill says what was searched', async () => {
      for (const f of ALL) {
        for (const s of (await scan(f)).skills) {
          if (s.status !== 'missing' && s.status !== 'partial') continue;
          assert.ok(s.searched && s.searched.length > 20, `${f}: ${s.id} (${s.status}) has no "searched" message`);
        }
      }
    });

    it("a gap's suggestion is its next step in the primary stack's words, never another stack's", async () => {
      // Behaviour changed by issue 8: suggestions are no longer every stack's text concatenated.
      const s = skill(await scan('go-service'), 'continuous-integration');
      assert.equal(s.status, 'missing');
      assert.equal(s.suggestions.length, 1, s.suggestions.join(' | '));
      assert.match(s.suggestions[0], /\bgo (vet|test)\b|golangci-lint/, 'the Go next step');
      assert.doesNotMatch(s.suggestions[0], /\bnpm\b|pytest|mvn|Maven|dotnet/, 'no other stack');
    });

    it('skills above the target level are flagged, not hidden, and the flag follows the target', async () => {
      // Issue 8 moved infrastructure as code to mid (its lowest expectation); microservices stay senior.
      const r = await scan('node-ts-service');
      const iac = skill(r, 'microservices');
      assert.equal(iac.level, 'senior');
      assert.equal(iac.aboveTarget, true, 'senior microservices should be "next level" for a mid target');
      const senior = skill(evaluateSkills((await engine()).knowledge, factsOf(r), { level: 'senior', role: 'backend' }), 'microservices');
      assert.equal(senior.status, 'missing');
      assert.equal(senior.aboveTarget, false);
    });
  });

  describe('calibration: what each status needs', () => {
    /** Re-evaluates a fixture's findings after `edit`, at the default target. */
    async function evaluateWith(fixture: string, edit: (f: Facts) => void): Promise<SkillResult[]> {
      const r = await scan(fixture);
      const facts = factsOf(r);
      edit(facts);
      return evaluateSkills((await engine()).knowledge, facts, { level: 'mid', role: 'backend' });
    }

    it('monitoring: a metrics client turns a health route into monitoring, a logger does not', async () => {
      const withLogs = skill(await evaluateWith('node-ts-service', (f) => addTech(f, 'winston', 'logging')), 'monitoring-alerting');
      assert.equal(withLogs.status, 'partial', describeSkill(withLogs));
      for (const [id, category] of [['prometheus', 'observability'], ['opentelemetry', 'observability'], ['sentry', 'observability'], ['micrometer', 'observability']] as const) {
        const s = skill(await evaluateWith('java-gradle-kotlin', (f) => addTech(f, id, category)), 'monitoring-alerting');
        assert.equal(s.status, 'demonstrated', `${id}: ${describeSkill(s)}`);
      }
    });

    it('API testing: routes alone are not API tests', async () => {
      const s = skill(await evaluateWith('node-ts-service', (f) => dropPractice(f, 'integration-tests', 'api-tests', 'api-collections')), 'api-testing');
      assert.notEqual(s.status, 'demonstrated', describeSkill(s));
      const collection = skill(
        await evaluateWith('node-ts-service', (f) => {
          dropPractice(f, 'integration-tests', 'api-tests');
          addPractice(f, 'api-collections', 1);
        }),
        'api-testing',
      );
      assert.equal(collection.status, 'demonstrated', `a request collection for the routes: ${describeSkill(collection)}`);
    });

    it('unit testing: five cases demonstrate it, fewer are partial', async () => {
      const four = skill(await evaluateWith('node-ts-service', (f) => setCount(f, 'unit-tests', 4)), 'unit-testing');
      assert.equal(four.status, 'partial', describeSkill(four));
      const five = skill(await evaluateWith('node-ts-service', (f) => setCount(f, 'unit-tests', 5)), 'unit-testing');
      assert.equal(five.status, 'demonstrated', describeSkill(five));
    });

    it('continuous integration: a pipeline that runs no tests is partial', async () => {
      const s = skill(await evaluateWith('node-ts-service', (f) => dropPractice(f, 'ci-runs-tests', 'tests-in-ci')), 'continuous-integration');
      assert.equal(s.status, 'partial', describeSkill(s));
    });

    it('performance: Redis is not an optimisation until something is measured', async () => {
      const redisOnly = skill(await evaluateWith('go-service', () => undefined), 'performance-optimization');
      assert.notEqual(redisOnly.status, 'demonstrated', describeSkill(redisOnly));
      const measured = skill(await evaluateWith('go-service', (f) => addPractice(f, 'load-tests', 1)), 'performance-optimization');
      assert.equal(measured.status, 'demonstrated', describeSkill(measured));
    });

    it('risks cap a demonstrated status at partial and name themselves', async () => {
      const before = skill(await scan('monorepo'), 'secure-coding');
      assert.equal(before.status, 'demonstrated');
      const env = skill(await evaluateWith('monorepo', (f) => addPractice(f, 'committed-env', 1, true)), 'secure-coding');
      assert.equal(env.status, 'partial', describeSkill(env));
      assert.ok(env.signals[0].startsWith('risk:'), describeSkill(env));
      const sql = skill(await evaluateWith('sample', (f) => addPractice(f, 'sql-injection-risk', 1, true)), 'input-validation-injection');
      assert.equal(sql.status, 'partial', describeSkill(sql));
    });

    it('a risk never raises a status', async () => {
      const s = skill(await evaluateWith('scala-play', (f) => addPractice(f, 'committed-env', 1, true)), 'secure-coding');
      assert.equal(s.status, 'missing', describeSkill(s));
    });
  });
});

function factsOf(r: AnalysisResult): Facts {
  return {
    technologies: r.technologies.map((t) => ({ ...t })),
    practices: r.practices.map((p) => ({ ...p })),
    languages: r.languages.map((l) => ({ ...l })),
  };
}

function addTech(f: Facts, id: string, category: string): void {
  if (f.technologies.some((t) => t.id === id)) return;
  const t: TechnologyFinding = {
    id,
    name: id,
    category: category as TechnologyFinding['category'],
    evidence: [{ path: 'synthetic', detail: `dependency ${id}` }],
    declared: true,
    usedInFiles: 1,
    components: [''],
  };
  f.technologies.push(t);
}

function addPractice(f: Facts, id: string, count: number, negative = false): void {
  dropPractice(f, id);
  const p: PracticeFinding = { id, name: id, group: 'synthetic', count, negative, evidence: [{ path: 'synthetic', detail: id }] };
  f.practices.push(p);
}

function dropPractice(f: Facts, ...ids: string[]): void {
  f.practices = f.practices.filter((p) => !ids.includes(p.id));
}

function setCount(f: Facts, id: string, count: number): void {
  const p = f.practices.find((x) => x.id === id);
  assert.ok(p, `${id} not found to change`);
  p.count = count;
}

describe('hosting platform features', function () {
  this.timeout(60_000);
  it('node-ts-service: GitHub Actions workflows show a hosting platform in use (partial, no .git remote to read)', async () => {
    const s = skill(await scan('node-ts-service'), 'git-hosting-platforms');
    assert.equal(s.status, 'partial', describeSkill(s));
    assert.ok(s.evidence.some((e) => e.path.startsWith('.github/workflows/')), describeSkill(s));
  });
});
