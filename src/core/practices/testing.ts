/**
 * Testing practices: test cases (from tree-sitter `tests` matches, or file-name conventions and
 * line patterns where no query ran), unit / API / integration / end-to-end / load tests, coverage
 * configuration (files and CI flags), and ratios the report can show. API tests call the HTTP
 * layer; integration tests need real infrastructure underneath (a database, containers).
 */
import type { Evidence } from '../types';
import type { DetectorContext, PracticeDetector, WorkspaceFile } from './types';
import { baseName, bump, clip, dirName, findAll, findFirst, isVendored, languageOf, matchConfigFiles, memo, readSafe, sourceFiles, techEvidence, techsOf } from './util';
import type { TextHit } from './util';
import { pipelineLines, readPipelines } from './ci';
import { anyOf, before, thenOnLine, type TextTest } from '../strings';

/**
 * `dir/…file.ext` below a folder: a path with a segment matching `segment` (a whole segment), then
 * more path ending in `end`, but not ending in `except`. String checks over the segments, where
 * /(^|\\/)dir\\/(?!.*except$).+end$/ searched again from every slash.
 */
function below(segment: RegExp, end: string, except?: RegExp): TextTest {
  return {
    test(path: string): boolean {
      if (!path.endsWith(end) || (except && except.test(path))) return false;
      const parts = path.split('/');
      for (let i = 0, at = 0; i < parts.length - 1; at += parts[i].length + 1, i++) {
        if (segment.test(parts[i])) return path.length - (at + parts[i].length + 1) > end.length;
      }
      return false;
    },
  };
}

const TEST_PATHS: TextTest[] = [
  /\.(test|spec)\.[cm]?[jt]sx?$/,
  /(^|\/)__tests__\/.{1,4096}\.[cm]?[jt]sx?$/,
  /\.cy\.[jt]sx?$/,
  /\.e2e-spec\.[jt]s$/,
  /(^|\/)test_[^/]*\.py$/,
  /_test\.py$/,
  below(/^tests?$/, '.py', /(__init__|conftest)\.py$/),
  /(Test|Tests|IT|Spec|TestCase)\.(java|kt|groovy|scala)$/,
  /(^|\/)src\/(test|it|integrationTest)\/.{1,4096}\.(java|kt|groovy|scala)$/,
  /_test\.go$/,
  /(Tests?|Spec)\.cs$/,
  below(/^[\w.]+\.Tests?$/, '.cs'),
  /_(spec|test)\.rb$/,
  below(/^(spec|test)$/, '.rb', /(spec|test|rails)_helper\.rb$/),
  /Test\.php$/,
  /(^|\/)tests\/.{1,4096}\.php$/,
  /(^|\/)tests\/.{1,4096}\.rs$/,
];

/** True for files that by naming convention hold tests. */
export function isTestFile(path: string): boolean {
  let v = testPaths.get(path);
  if (v === undefined) {
    v = TEST_PATHS.some((re) => re.test(path));
    // Asked once per file by several detectors; the answer depends on the path alone.
    if (testPaths.size >= 250_000) testPaths.clear();
    testPaths.set(path, v);
  }
  return v;
}

const testPaths = new Map<string, boolean>();

const CASE_PATTERNS: Record<string, RegExp> = {
  javascript: /^[ \t]*(?:it|test|specify)(?:\.(?:only|skip|concurrent|todo|failing|each\s*\([^()]*\)|each\s*`[^`]*`))?\s*\(\s*['"`]/m,
  python: /^[ \t]*(?:async\s+)?def\s+test\w*\s*\(/m,
  java: /@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\b/m,
  groovy: /^[ \t]*def\s+["'].+["']\s*\(\s*\)/m,
  scala: /^[ \t]*(?:test|it)\s*\(\s*"|^[ \t]*"[^"]+"\s+(?:in|should|must)\s*\{/m,
  go: /^func\s+Test\w*\s*\(\s*\w+\s+\*testing\.T\s*\)/m,
  csharp: /\[(?:Fact|Theory|Test|TestMethod|TestCase|TestCaseSource)\b/m,
  ruby: /^[ \t]*(?:it|specify|scenario|example)(?:\s+(?:\(\s*)?|\(\s*)['"]|^[ \t]*def\s+test_\w+|^[ \t]*test\s+['"]/m,
  php: /function\s+test\w+\s*\(|@test\b|#\[Test\]|^[ \t]*(?:it|test)\s*\(\s*['"]/m,
  rust: /#\[(?:tokio::|actix_rt::|async_std::|sqlx::)?test\b/m,
};

function casePattern(lang: string): RegExp | undefined {
  if (lang === 'typescript' || lang === 'tsx') return CASE_PATTERNS.javascript;
  if (lang === 'kotlin') return CASE_PATTERNS.java;
  return CASE_PATTERNS[lang];
}

/** One test case. */
export interface TestCase {
  path: string;
  line: number;
  name?: string;
  language: string;
}

/**
 * Kind of a test file. `api` tests call the HTTP layer (in process or against the app) and may
 * also be `unit` (dependencies mocked or faked) or `integration` (real infrastructure underneath).
 */
export type TestKind = 'unit' | 'integration' | 'api' | 'e2e' | 'load';

/** What the workspace's tests look like, computed once per scan. */
export interface TestInventory {
  cases: TestCase[];
  testFiles: WorkspaceFile[];
  sourceFiles: number;
  /** Per test file: kinds and the marker that decided each. */
  kinds: Map<string, { kind: TestKind; marker: string; line?: number }[]>;
}

const E2E_PATH = /(^|\/)(e2e|cypress|playwright|end-to-end|acceptance|ui-tests?|features)\/|\.cy\.[jt]sx?$|\.e2e(-spec)?\.[jt]sx?$/i;
const E2E_TEXT = /from\s+['"]@playwright\/test['"]|require\(['"]@playwright\/test['"]\)|\bcy\.(visit|get)\(|from\s+['"](webdriverio|puppeteer|selenium-webdriver)['"]|require\(['"](puppeteer|selenium-webdriver)['"]\)|from\s+selenium\s+import|\bwebdriver\.(Chrome|Firefox|Remote)\b|org\.openqa\.selenium|\btype:\s*:(feature|system)\b|\bCapybara\b|\bdriven_by\b|OpenQA\.Selenium|Microsoft\.Playwright|from\s+playwright\.|\bbrowser\.url\(/;
const INTEGRATION_PATH = /(^|\/)(integration|integration[-_]tests?|it|integrationTest)\/|IT\.(java|kt)$|\.(int|integration)\.(test|spec)\.[jt]sx?$|_integration_test\.(go|py)$/i;
/** Real infrastructure under the test: containers, a database the test creates or migrates, a compose stack. */
const INFRA = new RegExp([
  String.raw`testcontainers|Testcontainers|@Container\b|\bdockertest\b|\bdocker[- ]compose\s+(-f\s+\S+\s+)?(up|run)\b|\bDockerComposeContainer\b|\bComposeContainer\b|\bDockerComposeEnvironment\b`,
  String.raw`@DataJpaTest\b|@JdbcTest\b|@DataJdbcTest\b|@DataMongoTest\b|@DataR2dbcTest\b|@DataRedisTest\b|@AutoConfigureTestDatabase\b|@QuarkusTest\b|@MicronautTest\b`,
  String.raw`@pytest\.mark\.(integration|django_db)\b|from[ \t]+django\.test[ \t]+import[ \t][^\n.]*?\b(TestCase|TransactionTestCase|LiveServerTestCase)\b|\bAPITestCase\b|\bdb\.create_all\s*\(|\bmetadata\.create_all\s*\(|\bcreate_engine\s*\(|\bsessionmaker\s*\(|\bpytest_postgresql\b`,
  String.raw`\bRefreshDatabase\b|\bDatabaseTransactions\b|\bDatabaseMigrations\b|\bLazilyRefreshDatabase\b`,
  String.raw`\bsqlx::test\b|\bPgPool::connect\s*\(|\bsql\.Open\s*\(|\bpgxpool\.New\w*\s*\(|\bpgx\.Connect\s*\(`,
  String.raw`\bAddDbContext\w*\s*<|\bUse(Sqlite|Npgsql|SqlServer|MySql)\s*\(`,
  String.raw`\bMongoMemoryServer\b|mongodb-memory-server|\bmigrate\.latest\s*\(|\bsequelize\.sync\s*\(|\bdataSource\.initialize\s*\(`,
  String.raw`\buse_transactional_fixtures\s*=\s*true|\bDatabaseCleaner\b`,
].join('|'));
/** A real server the test connects to: a local address, a server URL, a connect call with libpq settings, or the database URL from the environment. */
const REAL_SERVER = new RegExp(String.raw`\bTcpStream::connect\s*\(\s*"(127\.0\.0\.1|localhost):\d+"|["'](postgres(ql)?|mysql|mariadb|mongodb(\+srv)?|redis|amqp):\/\/(\w+(:\w*)?@)?(localhost|127\.0\.0\.1)\b|\bconnect(_raw)?\s*\(\s*["'](host|user|dbname)=\w+|\b(env::var|os\.environ(\.get)?|os\.getenv|os\.Getenv|getenv|process\.env)\W{0,3}(TEST_)?(DATABASE_URL|DB_URL|DB_HOST|PGHOST|POSTGRES_\w+|MYSQL_\w+|REDIS_URL|MONGO\w*_URL|MONGODB_URI)\b`);
/** Infrastructure markers that cannot be an in-memory stand-in: containers started by the test itself. */
const STRONG_INFRA = /testcontainers|Testcontainers|@Container\b|\bdockertest\b|\bdocker[- ]compose\s+(-f\s+\S+\s+)?(up|run)\b|\bDockerComposeContainer\b|\bComposeContainer\b|\bDockerComposeEnvironment\b/;
/**
 * The database replaced by a stand-in: EF Core's in-memory provider, an in-memory SQLite URL, a
 * mocked database module, repository or driver, or a FastAPI dependency override.
 */
const DB_STAND_IN = new RegExp([
  String.raw`\bUseInMemoryDatabase\s*\(|\bInMemory\w*(Repository|Store|Database)\b|sqlite:\/\/\/?:memory:|sqlite::memory:|Data Source=:memory:`,
  String.raw`\b(?:jest|vi)\.mock\(\s*['"][^'"]*(db|database|prisma|repository|repositories|knex|pg|mongo|mongodb|mongoose|store)['"]`,
  String.raw`\b(mock|mocker)\.patch(\.object)?\((?:\s*['"])?[^'"()]*(db|session|engine|cursor|repository|repositories|connection)\b|\bdependency_overrides\b`,
  String.raw`\bsqlmock\b|\bnew\s+Mock<\w*(DbContext|Repository|Connection)>|\bmockk<\w*Repository>|@MockBean\s+(private\s+)?\w*Repository\b|\bmock\(\s*\w*Repository(::class|\.class)`,
].join('|'));
/** A test that touches the database, directly or through fixtures named for it. */
const TOUCHES_DB = /\b(db|session|db_session|database|engine|get_db|dbsession|conn|pool|repo|repository)\b|\bSession\s*\(|\bsql\.Open\b|\bpgx(pool)?\.|\bprisma\.|\bknex\b|\wRepository\b|\bDbContext\b|\bEntityManager\b|\bFactoryBot\b|\bcreate\(:\w+|\bDB::|->assertDatabase(Has|Missing)\s*\(|\.objects\.(create|get|filter|all)\s*\(|\bgetRepository\s*\(/;

/** Booting the whole application context: heavier than a unit test even when nothing real is underneath. */
const APP_CONTEXT = /@SpringBootTest\b|\bWebApplicationFactory\b|\bnew\s+TestServer\s*\(/;
/** Data access in a test that boots the application context (Spring): the context's datasource is used. */
const DATA_ACCESS = /\wRepository\b|\bJdbcTemplate\b|\bEntityManager\b|\bDataSource\b|@Sql\b/;
/** HTTP-level tests: the app's routes are called in process or over a test server. */
const API_TEST = new RegExp([
  String.raw`from\s+['"]supertest['"]|require\(['"]supertest['"]\)|\bfastify\.inject\s*\(|\bapp\.inject\s*\(|from\s+['"]light-my-request['"]|\bchai\.request\s*\(`,
  String.raw`@WebMvcTest\b|\bMockMvc\b|@WebFluxTest\b|\bWebTestClient\b|\bTestRestTemplate\b|\bio\.restassured\b|\bRestAssured\b|\btestApplication\s*\{`,
  String.raw`\bWebApplicationFactory\b|\bTestServer\b`,
  String.raw`\.test_client\s*\(|\bTestClient\s*\(|\bAPIClient\s*\(|\bAPITestCase\b|\bself\.client\.(get|post|put|patch|delete)\s*\(|\bAsyncClient\s*\(\s*app\s*=|\bASGITransport\s*\(`,
  String.raw`\bhttptest\.New(Recorder|Server|Request)\b|\.ServeHTTP\s*\(|\bhttpexpect\.`,
  String.raw`\.oneshot\s*\(|\baxum_test::|\btest::(init_service|call_service)\b|\bTestRequest::(get|post|put|delete|default)\b`,
  String.raw`\bScalatestRouteTest\b|\bFakeRequest\s*\(`,
  String.raw`\btype:\s*:request\b|\bActionDispatch::IntegrationTest\b|\bRack::Test\b`,
  String.raw`\$this->(get|post|put|patch|delete|json|getJson|postJson|putJson|patchJson|deleteJson)\s*\(|\bWebTestCase\b|\bstatic::createClient\s*\(`,
].join('|'));
/** Shared test setup files (read as support for the tests below them, never as tests). */
const SUPPORT_FILE = /^(conftest\.py|rails_helper\.rb|spec_helper\.rb|test_helper\.rb|Pest\.php|TestCase\.php)$/;
/** Test folders whose files are HTTP-level by convention. */
const API_PATH = /(^|\/)spec\/requests\/|(^|\/)test\/integration\/.{1,4096}_test\.rb$/;
const MOCKING = anyOf(
  /jest\.mock\s*\(|vi\.mock\s*\(|sinon\.|\bunittest\.mock\b|\bfrom\s+unittest\s+import\s+mock\b|\bmocker\.|@Mock(Bean)?\b|Mockito\.|\bmockk\b|\bgomock\b|testify\/mock|\bnew Mock<|Substitute\.For<|\bdouble\(|\bmonkeypatch\.setattr|\bnock\(|\buseValue\s*:|\b[Ff]ake[A-Z]\w*|\bInMemory[A-Z]\w*/,
  // RSpec `allow(x).to receive`: the call's arguments, then `).to receive` later on the line.
  thenOnLine(/\ballow\(./, /\)\.to receive/),
);
/** Languages whose test cases are recognised by name only, and so only inside test files. */
const NAMING_ONLY_TESTS = new Set(['python', 'ruby', 'php']);

/** Names in a test that say it uses a database fixture from its support files. */
const USES_DB = /\b(db|session|db_session|database|engine)\b/;

async function inventory(ctx: DetectorContext): Promise<TestInventory> {
  return memo(ctx, 'testing.inventory', async () => {
    const cases: TestCase[] = [];
    const parsedTests = new Map<string, { line: number; name?: string }[]>();
    const queriedLanguages = new Set<string>();
    for (const pf of ctx.parsed) {
      const ms = pf.matches.tests;
      if (!ms) continue;
      queriedLanguages.add(pf.language);
      // In these languages a test is only a naming convention (`def test_x`, `function testX`), which
      // application code can share (a controller action `test_email`); the runners only collect
      // such methods from test files, so neither do we.
      if (NAMING_ONLY_TESTS.has(pf.language) && !isTestFile(pf.path)) continue;
      const list = ms
        .map((m) => ({ line: (m.captures['test.case'] ?? m.captures['test.name'])?.line ?? 0, name: m.captures['test.name']?.text.replace(/^['"`]|['"`]$/g, '') }))
        .filter((c) => c.line > 0);
      if (list.length) parsedTests.set(pf.path, list);
    }
    const srcs = sourceFiles(ctx, 20_000);
    const testFiles = srcs.filter((f) => isTestFile(f.path) || parsedTests.has(f.path));
    const kinds = new Map<string, { kind: TestKind; marker: string; line?: number }[]>();
    // Support files carry fixtures and setup for every test below them: conftest.py (pytest),
    // rails_helper/spec_helper/test_helper (Rails), Pest.php and TestCase.php (Laravel).
    const supports: { path: string; dir: string; lang: string; text: string }[] = [];
    for (const f of srcs) {
      if (SUPPORT_FILE.test(baseName(f.path))) supports.push({ path: f.path, dir: dirName(f.path), lang: languageOf(f)!, text: (await readSafe(ctx, f.path)) ?? '' });
    }
    // Real infrastructure the tests can reach without starting it themselves: a database that the
    // CI job running them starts (service container, docker compose up) or a database URL in the
    // test settings.
    const reachable = await reachableInfrastructure(ctx);
    // A Spring context test uses the test datasource when one is configured (or an embedded database is on the classpath).
    let testDatasource = ctx.technologies.has('h2') || ctx.technologies.has('hsqldb');
    for (const f of ctx.files) {
      if (!testDatasource && /(^|\/)src\/test\/resources\/application[\w-]*\.(ya?ml|properties)$/.test(f.path)) testDatasource = /datasource/i.test((await readSafe(ctx, f.path)) ?? '');
    }

    for (const f of srcs) {
      const lang = languageOf(f)!;
      const fromQuery = parsedTests.get(f.path);
      let text: string | undefined;
      if (fromQuery) {
        for (const c of fromQuery) cases.push({ path: f.path, line: c.line, name: c.name, language: lang });
      } else if (!queriedLanguages.has(lang) && (isTestFile(f.path) || lang === 'rust')) {
        const re = casePattern(lang);
        text = await readSafe(ctx, f.path);
        if (re && text) {
          for (const h of findAll(text, re, 2000)) {
            const name = /['"`]([^'"`]{1,100})['"`]/.exec(h.lineText)?.[1] ?? /(?:def|func|fn)\s+(\w+)/.exec(h.lineText)?.[1];
            cases.push({ path: f.path, line: h.line, name, language: lang });
          }
        }
      }
      if (!testFiles.includes(f) && !(lang === 'rust' && cases.some((c) => c.path === f.path))) continue;
      text ??= await readSafe(ctx, f.path);
      if (!text) continue;
      const mine = supports.filter((sp) => sp.lang === lang && (sp.dir === '' || f.path.startsWith(sp.dir + '/')));
      // The first hit of a marker in the support files, named with its file and line.
      const inSupport = (re: RegExp): { hit: TextHit; path: string } | undefined => {
        for (const sp of mine) {
          const hit = findFirst(sp.text, re);
          if (hit) return { hit, path: sp.path };
        }
        return undefined;
      };
      const marks: { kind: TestKind; marker: string; line?: number }[] = [];
      const e2eHit = findFirst(text, E2E_TEXT);
      if (E2E_PATH.test(f.path)) marks.push({ kind: 'e2e', marker: 'end-to-end test folder or name' });
      else if (e2eHit) marks.push({ kind: 'e2e', marker: clip(e2eHit.match[0], 50), line: e2eHit.line });
      if (/\bfrom\s+['"]k6(\/[\w-]+)?['"]|\bfrom\s+locust\s+import|\bextends\s+Simulation\b/.test(text)) marks.push({ kind: 'load', marker: 'load test script' });
      const browserOrLoad = marks.length > 0;
      // A pytest `client` fixture makes the tests that take it HTTP-level; Rails and Laravel
      // helpers only configure, so their HTTP words do not make every test an API test.
      const ownApi = findFirst(text, API_TEST);
      // A pytest test is HTTP-level when it takes a client fixture (`def test_x(client, ...)`), not when it imports `app`.
      const takesClient = lang === 'python' && thenOnLine(/\bdef\s+test\w*\s*\(/, /\b(client|app|api_client|async_client|test_client)\b/, ')').test(text);
      const supportApi = !ownApi && takesClient ? inSupport(API_TEST) : undefined;
      const api = !browserOrLoad && (!!ownApi || !!supportApi || API_PATH.test(f.path));
      if (api) {
        const marker = ownApi ? clip(ownApi.match[0], 50) : supportApi ? `${clip(supportApi.hit.match[0], 40)} in ${supportApi.path}:${supportApi.hit.line}` : 'request spec folder';
        marks.push({ kind: 'api', marker, line: ownApi?.line });
      }
      // Infrastructure set up in shared support files (conftest, rails_helper) counts for the tests
      // that use it: HTTP-level tests, or tests that take a database/session fixture.
      const standIn = findFirst(text, DB_STAND_IN) ?? (api || USES_DB.test(text) ? inSupport(DB_STAND_IN)?.hit : undefined);
      // With the database replaced by a stand-in, only containers the test starts itself are real.
      // A source file with inline tests (Rust's #[cfg(test)]) holds the app's own configuration too: only files that are tests by their path count here.
      const ownInfra = standIn ? findFirst(text, STRONG_INFRA) : findFirst(text, INFRA) ?? (isTestFile(f.path) ? findFirst(text, REAL_SERVER) : undefined);
      const supportInfra = !ownInfra && !standIn && (api || USES_DB.test(text)) ? inSupport(INFRA) : undefined;
      // HTTP-level tests reach the app's real database unless they mock what sits under the handlers.
      const touchesDb = !standIn && (TOUCHES_DB.test(text) || (api && !MOCKING.test(text) && !/\bNewMock\w*\(|\bgomock\b/.test(text)));
      const viaReachable = !ownInfra && !supportInfra && touchesDb && reachable.length > 0 ? reachable[0] : undefined;
      const context = findFirst(text, APP_CONTEXT);
      const contextWithData = !ownInfra && !supportInfra && context && /@SpringBootTest/.test(context.match[0]) && (DATA_ACCESS.test(text) || testDatasource);
      // The strongest marker names the row: infrastructure the test starts, then its support
      // files, then what CI or the test settings provide, then the folder name.
      if (ownInfra) marks.push({ kind: 'integration', marker: clip(ownInfra.match[0], 50), line: ownInfra.line });
      else if (supportInfra) marks.push({ kind: 'integration', marker: `${clip(supportInfra.hit.match[0], 40)} in ${supportInfra.path}:${supportInfra.hit.line}` });
      else if (viaReachable) marks.push({ kind: 'integration', marker: viaReachable.marker });
      else if (contextWithData && context) marks.push({ kind: 'integration', marker: '@SpringBootTest with a datasource', line: context.line });
      else if (INTEGRATION_PATH.test(f.path) && !standIn) marks.push({ kind: 'integration', marker: 'integration test folder or name' });
      // Unit: nothing real underneath and no whole-application boot. HTTP-level tests with their
      // dependencies mocked or faked exercise the handlers in isolation, so they count too.
      if (!marks.some((m) => m.kind !== 'api') && !context) {
        marks.push({ kind: 'unit', marker: api ? (MOCKING.test(text) ? 'HTTP handlers tested against mocks' : 'HTTP handlers tested without real infrastructure') : 'isolated test' });
      }
      kinds.set(f.path, marks);
    }
    // Test files without a case (helpers, base classes, runner config) are support code, not tests
    // of any kind, when their language's cases are found elsewhere.
    const langsWithCases = new Set(cases.map((c) => c.language));
    for (const f of testFiles) {
      const lang = languageOf(f)!;
      if (kinds.has(f.path) && langsWithCases.has(lang) && !cases.some((c) => c.path === f.path)) kinds.delete(f.path);
    }
    const testSet = new Set(testFiles.map((f) => f.path));
    const sourceCount = srcs.filter((f) => !testSet.has(f.path) && baseName(f.path) !== 'conftest.py').length;
    return { cases, testFiles, sourceFiles: sourceCount, kinds };
  });
}

/** Where the tests' database comes from, with a marker for the evidence row. */
interface Reachable {
  path: string;
  line?: number;
  marker: string;
}

/** Test settings that point the tests at a real database server (not an in-memory stand-in). */
const TEST_DB_SETTINGS: { file: RegExp; content: RegExp; also?: RegExp; what: string }[] = [
  { file: /(^|\/)\.env\.(test|testing|ci)$/, content: /^[ \t]*(DATABASE_URL|DB_URL|POSTGRES_\w+|MYSQL_\w+|DB_HOST|DB_CONNECTION)[ \t]*=[ \t]*(?=\S)(?![^\n]*(?:sqlite|:memory:))\S/m, what: 'database settings for the tests' },
  { file: /(^|\/)(pytest\.ini|tox\.ini|setup\.cfg|pyproject\.toml)$/, content: /^[ \t]*(?:D:)?(DATABASE_URL|SQLALCHEMY_DATABASE_URI|POSTGRES_SERVER|DB_URL)\s*=\s*["']?(postgres|mysql|mariadb|mongodb)/m, what: 'database URL in the pytest settings' },
  { file: /(^|\/)(settings[_/]test\w*|test_?settings|settings_ci)\.py$/, content: /django\.db\.backends\.(postgresql|mysql|oracle)|postgres(ql)?:\/\//, what: 'test settings use a database server' },
  { file: /(^|\/)config\/database\.yml$/, content: /^test:[ \t]*$/m, also: /adapter:[ \t]*(?:postgresql|mysql2|trilogy)\b/, what: 'test database in config/database.yml' },
  { file: /(^|\/)phpunit\.xml(\.dist)?$/, content: /<env\s+name="DB_CONNECTION"\s+value="(pgsql|mysql|mariadb|sqlsrv)"|<env\s+name="DB_HOST"/, what: 'PHPUnit runs against a database server' },
  { file: /(^|\/)src\/test\/resources\/application[\w-]*\.(ya?ml|properties)$/, content: /jdbc:(postgresql|mysql|mariadb|sqlserver|oracle):|jdbc:tc:/, what: 'test datasource URL' },
  { file: /(^|\/)appsettings\.(Test|Testing|CI)\.json$/, content: /"ConnectionStrings"\s*:\s*\{[^{}]*(Host=|Server=)/, what: 'test connection string' },
];

/**
 * Databases the tests can reach without starting them: infrastructure that a CI job running the
 * tests starts (service containers, `docker compose up`) and database URLs in test settings.
 */
export function reachableInfrastructure(ctx: DetectorContext): Promise<Reachable[]> {
  return memo(ctx, 'testing.reachable', async () => {
    const out: Reachable[] = [];
    for (const p of await readPipelines(ctx)) {
      const testJobs = new Set(p.steps.filter((st) => st.kinds.some((k) => k.kind === 'test')).map((st) => st.job));
      if (!testJobs.size) continue;
      for (const svc of p.services ?? []) {
        // Job-level services count for that job's tests; file-level ones (GitLab, Travis) for every job.
        if (svc.job !== undefined && !testJobs.has(svc.job) && svc.how === 'service container') continue;
        out.push({ path: svc.path, line: svc.line, marker: `${svc.how === 'service container' ? `CI service container ${svc.image}` : `CI starts ${svc.image}`} (${svc.path}${svc.line ? `:${svc.line}` : ''})` });
      }
    }
    for (const h of await matchConfigFiles(ctx, TEST_DB_SETTINGS)) {
      out.push({ path: h.path, line: h.line, marker: `${h.rule.what} (${h.path}:${h.line})` });
    }
    return out;
  });
}

/** Test cases, test kinds, coverage configuration and ratios. */
export const detectTesting: PracticeDetector = async (ctx) => {
  let inv: TestInventory;
  try {
    inv = await inventory(ctx);
  } catch (e) {
    ctx.warn(`testing: ${(e as Error).message}`);
    return;
  }
  const { cases } = inv;
  if (cases.length) {
    const perLang: Record<string, number> = {};
    const perModule: Record<string, number> = {};
    for (const c of cases) {
      bump(perLang, c.language);
      bump(perModule, dirName(c.path) || '(root)');
    }
    const files = new Set(cases.map((c) => c.path)).size;
    const figures: Record<string, string | number> = {
      testFiles: inv.testFiles.length,
      sourceFiles: inv.sourceFiles,
      testToSourceRatio: inv.sourceFiles ? `${inv.testFiles.length}:${inv.sourceFiles} (${(inv.testFiles.length / inv.sourceFiles).toFixed(2)})` : `${inv.testFiles.length}:0`,
      casesPerTestFile: (cases.length / Math.max(1, files)).toFixed(1),
    };
    for (const [l, n] of Object.entries(perLang)) figures[`cases.${l}`] = n;
    for (const [m, n] of Object.entries(perModule).sort((a, b) => b[1] - a[1]).slice(0, 8)) figures[`module.${m}`] = n;
    ctx.report('test-cases', cases.slice(0, 20).map((c) => ({ path: c.path, line: c.line, detail: `test case${c.name ? ` "${clip(c.name, 70)}"` : ''}` })), { count: cases.length, figures });
  }

  const fromFiles: Partial<Record<TestKind, { evidence: Evidence[]; cases: number; files: number }>> = {};
  const PRACTICE_OF: Record<'unit' | 'integration' | 'api', string> = { unit: 'unit-tests', integration: 'integration-tests', api: 'api-tests' };
  for (const kind of ['unit', 'integration', 'api', 'e2e', 'load'] as TestKind[]) {
    const paths = [...inv.kinds.entries()].filter(([, ms]) => ms.some((m) => m.kind === kind));
    if (!paths.length) continue;
    const n = cases.filter((c) => paths.some(([p]) => p === c.path)).length;
    const evidence: Evidence[] = paths.slice(0, 15).map(([p, ms]) => {
      const m = ms.find((x) => x.kind === kind)!;
      return { path: p, line: m.line, detail: `${kind === 'e2e' ? 'end-to-end' : kind === 'api' ? 'API' : kind} tests (${m.marker}; ${cases.filter((c) => c.path === p).length} case(s))` };
    });
    if (kind === 'e2e' || kind === 'load') {
      fromFiles[kind] = { evidence, cases: n, files: paths.length };
      continue;
    }
    ctx.report(PRACTICE_OF[kind], evidence, { count: n || paths.length, figures: { files: paths.length, cases: n } });
  }

  await detectE2eAndLoad(ctx, inv, fromFiles).catch((e) => ctx.warn(`testing: ${(e as Error).message}`));
  await detectCoverage(ctx).catch((e) => ctx.warn(`coverage: ${(e as Error).message}`));
};

const E2E_EXTRA: [RegExp, string][] = [
  [/(^|\/)cypress\.(config\.[cm]?[jt]s|json)$/, 'Cypress configuration'],
  [/(^|\/)playwright\.config\.[cm]?[jt]s$/, 'Playwright configuration'],
  [/(^|\/)wdio\.conf\.[cm]?[jt]s$/, 'WebdriverIO configuration'],
  [/(^|\/)nightwatch\.conf\.[cm]?js$/, 'Nightwatch configuration'],
  [/(^|\/)\.testcaferc\.json$/, 'TestCafe configuration'],
  [/(^|\/)\.detoxrc(\.json|\.js)?$/, 'Detox configuration'],
];
const LOAD_EXTRA: [RegExp, string][] = [
  [/\.jmx$/i, 'JMeter test plan'],
  [/(^|\/)locustfile\.py$/, 'Locust file'],
  [/(^|\/)artillery[\w.-]*\.ya?ml$|(^|\/)load[-_]?tests?\/.{1,4096}\.ya?ml$/, 'Artillery scenario'],
  [/(^|\/)(src\/(gatling|test)\/(scala|java|kotlin)\/.{1,4096}Simulation\.(scala|java|kt))$/, 'Gatling simulation'],
  [/(^|\/)(k6|load[-_]?tests?|perf|performance)\/.{1,4096}\.[jt]s$/, 'k6 script'],
];
const E2E_TECHS = ['appium', 'capybara', 'chromedp', 'cypress', 'laravel-dusk', 'nightwatch', 'playwright', 'protractor', 'puppeteer', 'robot-framework', 'selenide', 'selenium', 'testcafe', 'webdriverio'];
const LOAD_TECHS = ['artillery', 'autocannon', 'gatling', 'goose-load', 'jmeter', 'k6', 'locust', 'nbomber', 'vegeta'];
const TECH_HINTS: Record<string, string[]> = {
  playwright: ['@playwright/test', 'playwright', 'com.microsoft.playwright:*', 'microsoft.playwright'],
  selenium: ['selenium-webdriver', 'selenium', 'org.seleniumhq.selenium:*', 'selenium.webdriver'],
  webdriverio: ['webdriverio', '@wdio/cli'],
  gatling: ['io.gatling:*', 'io.gatling.highcharts:*'],
  capybara: ['capybara'],
};

async function detectE2eAndLoad(ctx: DetectorContext, inv: TestInventory, fromFiles: Partial<Record<TestKind, { evidence: Evidence[]; cases: number; files: number }>>): Promise<void> {
  for (const [id, extra, techs, kind, category] of [['e2e-tests', E2E_EXTRA, E2E_TECHS, 'e2e', 'test-e2e'], ['load-tests', LOAD_EXTRA, LOAD_TECHS, 'load', 'test-load']] as const) {
    const known = fromFiles[kind];
    const evidence: Evidence[] = [...(known?.evidence ?? [])];
    const seen = new Set(evidence.map((e) => e.path));
    for (const f of ctx.files) {
      if (isVendored(f.path)) continue;
      const hit = extra.find(([re]) => re.test(f.path));
      if (!hit) continue;
      if (hit[1] === 'k6 script') {
        const text = (await readSafe(ctx, f.path)) ?? '';
        const imp = findFirst(text, /from\s+['"]k6(\/[\w-]+)?['"]/);
        if (!imp || seen.has(f.path)) continue;
        evidence.push({ path: f.path, line: imp.line, detail: 'k6 load test script' });
        continue;
      }
      if (hit[1] === 'Artillery scenario') {
        const text = (await readSafe(ctx, f.path)) ?? '';
        if (!/^config:/m.test(text) || !/^scenarios:/m.test(text)) continue;
      }
      if (seen.has(f.path) || inv.kinds.get(f.path)?.some((k) => k.kind === kind)) continue;
      evidence.push({ path: f.path, line: 1, detail: hit[1] });
    }
    const present = techsOf(ctx, [category], techs);
    for (const t of present) evidence.push(...techEvidence(ctx, t, TECH_HINTS[t]).map((e) => ({ ...e, detail: `${e.detail} (${id === 'e2e-tests' ? 'end-to-end' : 'load'} testing tool ${t})` })));
    if (evidence.length) {
      ctx.report(id, evidence.slice(0, 15), {
        count: known?.cases || known?.files || evidence.length,
        figures: { tools: present.join(', ') || 'configuration files and scripts', files: known?.files ?? 0, cases: known?.cases ?? 0 },
      });
    }
  }
}

const COVERAGE_RULES: { file: RegExp; content?: RegExp; also?: RegExp; what: string }[] = [
  { file: /(^|\/)\.nycrc(\.(json|ya?ml))?$/, what: 'nyc configuration' },
  { file: /(^|\/)\.c8rc(\.json)?$/, what: 'c8 configuration' },
  { file: /(^|\/)jest\.config\.[cm]?[jt]s(on)?$/, content: /\b(collectCoverage|collectCoverageFrom|coverageThreshold|coverageReporters)\b/, what: 'Jest coverage settings' },
  { file: /(^|\/)vite(st)?\.config\.[cm]?[jt]s$/, content: /\bcoverage\s*:/, what: 'Vitest coverage settings' },
  { file: /(^|\/)package\.json$/, content: /"(test|coverage)[\w:-]*"\s*:\s*"[^"]*(--coverage|\bc8\s|\bnyc\s)|^[ \t]*"(nyc|c8|jest)"\s*:\s*\{[^{}]*\bcoverage/m, what: 'coverage in test script' },
  { file: /(^|\/)\.coveragerc$/, what: 'coverage.py configuration' },
  { file: /(^|\/)(pyproject\.toml|setup\.cfg|tox\.ini|pytest\.ini)$/, content: /^\[(tool\.)?coverage[:.\]]|--cov\b/m, what: 'coverage.py / pytest-cov settings' },
  { file: /(^|\/)(pom\.xml|build\.gradle(\.kts)?)$/, content: /jacoco|kover|scoverage/i, what: 'JaCoCo/Kover coverage plugin' },
  { file: /(^|\/)[^/]+\.csproj$|(^|\/)Directory\.Build\.props$/, content: /coverlet/i, what: 'coverlet coverage collector' },
  { file: /(^|\/)(coverlet\.runsettings|[^/]+\.runsettings)$/, content: /coverage/i, what: 'coverage run settings' },
  { file: /(^|\/)\.simplecov$|(^|\/)spec\/spec_helper\.rb$|(^|\/)test\/test_helper\.rb$/, content: /SimpleCov/, what: 'SimpleCov' },
  { file: /(^|\/)phpunit\.xml(\.dist)?$/, content: /<coverage\b|<source\b/, what: 'PHPUnit coverage' },
  { file: /(^|\/)(\.?codecov\.ya?ml|\.coveralls\.yml)$/, what: 'coverage reporting service configuration' },
  { file: /(^|\/)(tarpaulin\.toml|\.tarpaulin\.toml)$/, what: 'tarpaulin configuration' },
  { file: /(^|\/)Makefile$/, content: /(?:^|\s)-cover(?:profile|pkg|mode)?\b/, also: /\bgo test\b/, what: 'Go coverage in Makefile' },
];
const COVERAGE_TECHS = ['c8', 'cargo-tarpaulin', 'codecov', 'coverage-py', 'coveralls', 'coverlet', 'istanbul', 'jacoco', 'kover', 'nyc', 'scoverage', 'simplecov'];

/** Coverage flags and tools on CI lines. */
const COVERAGE_CI: [TextTest, string][] = [
  [/--collect[:\s=]+["']?(XPlat Code Coverage|Code Coverage)|\/p:CollectCoverage=true|\bcoverlet\b/i, '.NET coverage (coverlet)'],
  [anyOf(thenOnLine(/\b(jest|vitest|npm|pnpm|yarn|npx|bun)\b/, /--coverage\b/), /\b(nyc|c8)\s+\S/), 'JavaScript coverage'],
  [anyOf(thenOnLine(/\bpytest\b/, /--cov\b/), /\bcoverage\s+(run|report|xml|html|json|lcov|combine)\b/), 'Python coverage'],
  [/--fail-under\b|--cov-fail-under\b|--coverage-threshold\b/, 'coverage threshold'],
  [thenOnLine(/\bgo\s+test\b/, /\s-(cover|coverprofile|covermode|coverpkg)\b/), 'Go coverage'],
  [/\bcargo\s+(tarpaulin|llvm-cov)\b/, 'Rust coverage'],
  [/\bjacoco(:report|TestReport|TestCoverageVerification)\b|\bkover(Xml|Html)?Report\b|\bcoverageReport\b/, 'JVM coverage'],
  [anyOf(thenOnLine(/\b(phpunit|pest)\b/, /--coverage(-[\w-]+)?\b/), /XDEBUG_MODE=coverage/), 'PHP coverage'],
  [/\bcodecov(cli)?\b(?!\.ya?ml)|codecov\.io\/bash|coverallsapp\/|\bcoveralls\b|\bPublishCodeCoverageResults@/i, 'coverage upload'],
];

async function detectCoverage(ctx: DetectorContext): Promise<void> {
  const evidence: Evidence[] = [];
  for (const l of await pipelineLines(ctx)) {
    const hit = COVERAGE_CI.find(([re]) => re.test(l.text));
    if (hit) evidence.push({ path: l.path, line: l.line, detail: `${hit[1]} in CI${l.from ? ` (from ${l.from} through ${clip(l.via ?? '', 90)})` : ''}: ${clip(l.text, 120)}` });
  }
  for (const h of await matchConfigFiles(ctx, COVERAGE_RULES)) evidence.push({ path: h.path, line: h.line, detail: h.rule.what });
  const present = techsOf(ctx, ['coverage'], COVERAGE_TECHS);
  for (const t of present) evidence.push(...techEvidence(ctx, t).map((e) => ({ ...e, detail: `${e.detail} (coverage tool ${t})` })));
  if (evidence.length) ctx.report('test-coverage', evidence, { figures: { tools: present.join(', ') || [...new Set(evidence.map((e) => before(e.detail, ':')))].join(', ') } });
}

/** The test inventory (cases, files, kinds) for other detectors and the report. */
export function readTestInventory(ctx: DetectorContext): Promise<TestInventory> {
  return inventory(ctx);
}
