import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  MANIFEST_PARSERS,
  gradleCatalogCandidates,
  isManifestPath,
  isRequirementsFile,
  parseCargoToml,
  parseComposerJson,
  parseDirectoryPackagesProps,
  parseEggRequires,
  parseGemfile,
  parseGemfileLock,
  parseGemspec,
  parseGoMod,
  parseGoWork,
  parseGradle,
  parseGradleSettings,
  parseManifest,
  parseMsbuildProject,
  parseNpmLockFile,
  parsePackageJson,
  parsePackagesConfig,
  parsePep508,
  parsePipfile,
  parsePnpmWorkspace,
  parsePom,
  parsePyproject,
  parsePythonMetadata,
  parseRequirements,
  parseSbt,
  parseSetupCfg,
  parseSetupPy,
  parseVersionCatalog,
  parseVersionCatalogManifest,
  type ManifestResult,
} from '../../src/core/manifests';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'manifests');
const fixture = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8');

/** Compact view of a result's dependencies: "name scope line". */
const rows = (r: ManifestResult) => r.dependencies.map((d) => `${d.name} ${d.scope} ${d.line}`);
const find = (r: ManifestResult, name: string) => r.dependencies.find((d) => d.name === name);
/** Joins lines so tests can count them: line n of the text is lines[n - 1]. */
const text = (...lines: string[]) => lines.join('\n');

describe('manifests', () => {
  describe('npm package.json', () => {
    const pkg = text(
      '{', //                                          1
      '  "name": "@acme/orders-api",', //              2
      '  "private": true,', //                         3
      '  "workspaces": ["packages/*", "./apps/web/"],', // 4
      '  "dependencies": {', //                        5
      '    "express": "^4.19.2",', //                  6
      '    "@aws-sdk/client-s3": "^3.556.0",', //      7
      '    "lodash-es": "npm:lodash@^4.17.21"', //     8
      '  },', //                                       9
      '  "devDependencies": {', //                    10
      '    "typescript": "^5.4.5",', //               11
      '    "jest": "^29.7.0"', //                     12
      '  },', //                                      13
      '  "peerDependencies": { "react": ">=18" },', // 14
      '  "optionalDependencies": {', //               15
      '    "fsevents": "^2.3.3"', //                  16
      '  }', //                                       17
      '}',
    );

    it('reads every dependency kind with its scope and exact line', () => {
      const r = parsePackageJson('package.json', pkg);
      assert.equal(r.kind, 'package.json');
      assert.equal(r.name, '@acme/orders-api');
      assert.deepEqual(rows(r), [
        'express prod 6',
        '@aws-sdk/client-s3 prod 7',
        'lodash prod 8',
        'typescript dev 11',
        'jest dev 12',
        'react peer 14',
        'fsevents optional 16',
      ]);
      assert.equal(find(r, 'express')?.version, '^4.19.2');
      assert.equal(find(r, 'express')?.ecosystem, 'npm');
      assert.equal(r.warnings, undefined);
    });

    it('reports the real package behind an npm: alias', () => {
      assert.equal(find(parsePackageJson('package.json', pkg), 'lodash')?.version, '^4.17.21');
    });

    it('reads workspaces as an array or as { packages }', () => {
      assert.deepEqual(parsePackageJson('package.json', pkg).workspaces, ['packages/*', 'apps/web']);
      const yarn = parsePackageJson('package.json', '{"workspaces": {"packages": ["libs/*"], "nohoist": ["**/x"]}}');
      assert.deepEqual(yarn.workspaces, ['libs/*']);
    });

    it('keeps lines right with CRLF line ends and a byte-order mark', () => {
      const r = parsePackageJson('package.json', '\uFEFF' + pkg.replace(/\n/g, '\r\n'));
      assert.deepEqual(rows(r).slice(0, 2), ['express prod 6', '@aws-sdk/client-s3 prod 7']);
    });

    it('turns malformed JSON into a warning instead of an exception', () => {
      const r = parsePackageJson('package.json', '{\n  "dependencies": {\n    "express": "^4"\n    "pg": \n');
      assert.ok(r.warnings?.[0].startsWith('malformed JSON'), String(r.warnings));
      for (const d of r.dependencies) assert.ok(d.line >= 1);
      const arr = parsePackageJson('package.json', '[1, 2]');
      assert.deepEqual(arr.dependencies, []);
      assert.ok(arr.warnings?.length);
      assert.ok(parsePackageJson('package.json', '').warnings?.length);
    });

    it('reads lock files only as package-manager markers', () => {
      assert.equal(parseNpmLockFile('web/yarn.lock', '# yarn lockfile v1\n').kind, 'yarn.lock');
      assert.equal(parseManifest('pnpm-lock.yaml', 'lockfileVersion: 9.0')?.kind, 'pnpm-lock.yaml');
      assert.deepEqual(parseManifest('package-lock.json', '{"lockfileVersion": 3}')?.dependencies, []);
    });

    it('reads pnpm-workspace.yaml packages as workspaces', () => {
      const r = parsePnpmWorkspace('pnpm-workspace.yaml', "packages:\n  - 'apps/*'\n  - packages/**\n  - '!**/test/**'\n");
      assert.deepEqual(r.workspaces, ['apps/*', 'packages/**']);
      assert.ok(parsePnpmWorkspace('pnpm-workspace.yaml', 'packages: [unclosed').warnings?.length);
    });
  });

  describe('Python requirements files', () => {
    const req = text(
      '# Runtime dependencies', //                                    1
      '-r base.txt', //                                               2
      '--requirement=../shared/common.txt', //                        3
      '-c constraints.txt', //                                        4
      'Django==1.10.5', //                                            5
      'Flask-SQLAlchemy>=3.1  # ORM glue', //                         6
      'celery[redis,msgpack]>=5.3 ; python_version >= "3.9"', //      7
      'zope.interface', //                                            8
      'requests \\', //                                               9
      '    >=2.31 \\', //                                            10
      '    --hash=sha256:abc', //                                    11
      '-e git+https://github.com/acme/auth-lib.git@v2#egg=Acme_Auth', // 12
      '-e .', //                                                     13
      '--index-url https://pypi.example.com/simple', //              14
      'https://example.com/pkgs/thing-1.0.tar.gz', //                15
      './vendor/localpkg', //                                        16
      'my-pkg @ https://example.com/my_pkg-1.0-py3-none-any.whl', // 17
      'PyYAML (>=6.0)', //                                           18
    );

    it('normalises names (PEP 503), strips extras and markers, keeps specifiers', () => {
      const r = parseRequirements('services/api/requirements.txt', req);
      assert.deepEqual(rows(r), [
        'django prod 5',
        'flask-sqlalchemy prod 6',
        'celery prod 7',
        'zope-interface prod 8',
        'requests prod 9',
        'acme-auth prod 12',
        'my-pkg prod 17',
        'pyyaml prod 18',
      ]);
      assert.equal(find(r, 'django')?.version, '==1.10.5');
      assert.equal(find(r, 'celery')?.version, '>=5.3');
      assert.equal(find(r, 'requests')?.version, '>=2.31');
      assert.equal(find(r, 'pyyaml')?.version, '>=6.0');
      assert.equal(r.warnings, undefined);
    });

    it('returns -r / --requirement / -c includes resolved against the file folder', () => {
      const r = parseRequirements('services/api/requirements.txt', req);
      assert.deepEqual(r.includes, ['services/api/base.txt', 'services/shared/common.txt', 'services/api/constraints.txt']);
      const glued = parseRequirements('requirements/dev.txt', '-rbase.txt\n-r ../../outside.txt\n');
      assert.deepEqual(glued.includes, ['requirements/base.txt']);
    });

    it('derives the scope from the file name', () => {
      assert.equal(parseRequirements('requirements/test.txt', 'pytest').dependencies[0].scope, 'test');
      assert.equal(parseRequirements('requirements-dev.txt', 'black').dependencies[0].scope, 'dev');
      assert.equal(parseRequirements('dev-requirements.in', 'ruff').dependencies[0].scope, 'dev');
      assert.equal(parseRequirements('requirements/prod.txt', 'gunicorn').dependencies[0].scope, 'prod');
    });

    it('recognises requirement file names, and not MANIFEST.in', () => {
      for (const p of ['requirements.txt', 'api/requirements-dev.txt', 'requirements/base.txt', 'requirements/dev.in', 'requirements.in', 'dev-requirements.txt', 'constraints.txt']) {
        assert.ok(isRequirementsFile(p), p);
      }
      for (const p of ['MANIFEST.in', 'notes.txt', 'docs/requirements.md', 'config.h.in']) assert.ok(!isRequirementsFile(p), p);
    });

    it('warns about lines that are not requirements and keeps going', () => {
      const r = parseRequirements('requirements.txt', 'flask\n!!! what\nredis\n');
      assert.deepEqual(rows(r), ['flask prod 1', 'redis prod 3']);
      assert.equal(r.warnings?.length, 1);
    });

    it('parses PEP 508 strings', () => {
      assert.deepEqual(parsePep508('Celery[redis] >=5.3, <6 ; sys_platform != "win32"'), {
        name: 'celery',
        version: '>=5.3, <6',
        extras: ['redis'],
        marker: 'sys_platform != "win32"',
      });
      assert.equal(parsePep508('not a name!'), undefined);
    });
  });

  describe('pyproject.toml', () => {
    const pep621 = text(
      '[build-system]', //                                  1
      'requires = ["hatchling>=1.21"]', //                  2
      'build-backend = "hatchling.build"', //               3
      '', //                                                4
      '[project]', //                                       5
      'name = "inventory"', //                              6
      'dependencies = [', //                                7
      '    "FastAPI>=0.110",', //                           8
      '    "SQLAlchemy[asyncio]>=2.0",', //                 9
      "    'pydantic_settings',", //                       10
      ']', //                                              11
      '', //                                               12
      '[project.optional-dependencies]', //                13
      'test = ["pytest>=8", "pytest-asyncio"]', //         14
      'postgres = ["asyncpg"]', //                         15
      'dev = [', //                                        16
      '  "ruff",', //                                      17
      ']', //                                              18
      '', //                                               19
      '[dependency-groups]', //                            20
      'lint = ["mypy", {include-group = "test"}]', //      21
      '', //                                               22
      '[tool.uv]', //                                      23
      'dev-dependencies = ["pre-commit"]', //              24
    );

    it('reads PEP 621, optional groups, PEP 735 groups, uv and build-system with lines', () => {
      const r = parsePyproject('pyproject.toml', pep621);
      assert.equal(r.name, 'inventory');
      assert.deepEqual(rows(r), [
        'hatchling build 2',
        'fastapi prod 8',
        'sqlalchemy prod 9',
        'pydantic-settings prod 10',
        'pytest test 14',
        'pytest-asyncio test 14',
        'asyncpg optional 15',
        'ruff dev 17',
        'mypy dev 21',
        'pre-commit dev 24',
      ]);
      assert.equal(r.warnings, undefined);
    });

    const poetry = text(
      '[tool.poetry]', //                                            1
      'name = "billing"', //                                         2
      '', //                                                         3
      '[tool.poetry.dependencies]', //                               4
      'python = "^3.11"', //                                         5
      'Django = "^4.2"', //                                          6
      'celery = { version = "^5.3", extras = ["redis"] }', //        7
      'psycopg = { version = "^3.1", optional = true }', //          8
      '', //                                                         9
      '[tool.poetry.group.test.dependencies]', //                   10
      'pytest-django = "^4.8"', //                                  11
      '', //                                                        12
      '[tool.poetry.group.dev.dependencies]', //                    13
      'black = "*"', //                                             14
      '', //                                                        15
      '[tool.poetry.dev-dependencies]', //                          16
      'Factory_Boy = "^3.3"', //                                    17
      '', //                                                        18
      '[tool.pdm.dev-dependencies]', //                             19
      'docs = ["mkdocs"]', //                                       20
    );

    it('reads Poetry groups (skipping python), legacy dev-dependencies and PDM groups', () => {
      const r = parsePyproject('pyproject.toml', poetry);
      assert.equal(r.name, 'billing');
      assert.deepEqual(rows(r), [
        'django prod 6',
        'celery prod 7',
        'psycopg optional 8',
        'pytest-django test 11',
        'black dev 14',
        'factory-boy dev 17',
        'mkdocs dev 20',
      ]);
      assert.equal(find(r, 'black')?.version, undefined, '"*" is no version');
      assert.equal(find(r, 'celery')?.version, '^5.3');
    });

    it('gives a warning for malformed TOML', () => {
      const r = parsePyproject('pyproject.toml', '[project]\ndependencies = ["flask",\n');
      assert.deepEqual(r.dependencies, []);
      assert.match(r.warnings?.[0] ?? '', /malformed TOML/);
    });

    it('reads the Python fixture service', () => {
      const r = parseManifest('pyproject.toml', fs.readFileSync(path.join(FIXTURES, '..', 'python-service', 'pyproject.toml'), 'utf8'))!;
      assert.equal(find(r, 'flask')?.line, 13);
      assert.equal(find(r, 'pytest')?.scope, 'dev');
    });
  });

  describe('Pipfile and setup.cfg', () => {
    it('reads Pipfile packages and dev-packages', () => {
      const r = parsePipfile('Pipfile', text(
        '[[source]]', //                          1
        'url = "https://pypi.org/simple"', //     2
        '', //                                    3
        '[packages]', //                          4
        'Flask = "*"', //                         5
        'requests = {version = ">=2.31"}', //     6
        '', //                                    7
        '[dev-packages]', //                      8
        'pytest = "*"', //                        9
        '', //                                   10
        '[requires]', //                         11
        'python_version = "3.12"', //            12
      ));
      assert.deepEqual(rows(r), ['flask prod 5', 'requests prod 6', 'pytest dev 9']);
    });

    it('reads setup.cfg install_requires, extras and tests_require', () => {
      const r = parseSetupCfg('setup.cfg', text(
        '[metadata]', //                                           1
        'name = legacy-app', //                                    2
        '', //                                                     3
        '[options]', //                                            4
        'packages = find:', //                                     5
        'install_requires =', //                                   6
        '    Flask>=2.0', //                                       7
        '    importlib-metadata; python_version<"3.8"', //         8
        '    # a comment', //                                      9
        'tests_require = pytest', //                              10
        '', //                                                    11
        '[options.extras_require]', //                            12
        'redis = redis>=4', //                                    13
        'dev =', //                                               14
        '    tox', //                                             15
      ));
      assert.equal(r.name, 'legacy-app');
      assert.deepEqual(rows(r), ['flask prod 7', 'importlib-metadata prod 8', 'pytest test 10', 'redis optional 13', 'tox dev 15']);
    });
  });

  describe('setup.py', () => {
    it('reads install_requires through a module constant, extras by group, tests_require files and setup_requires', () => {
      const r = parseSetupPy('python/setup.py', fixture('python/setup.py'));
      assert.equal(r.kind, 'setup.py');
      assert.equal(r.name, 'acme-tasks');
      assert.deepEqual(rows(r), [
        'celery prod 14',
        'sqlalchemy prod 15',
        'importlib-metadata prod 16',
        'tomli prod 19', // REQUIRES.append(...) inside an if block
        'pytest test 21', // in the test extra, and in dev through TESTS_REQUIRE: the specific scope wins
        'pytest-cov test 21',
        'black dev 24',
        'mypy dev 24',
        'sphinx dev 25',
        'psycopg2-binary optional 26',
        'colorama prod 28', // ':marker' key: a conditional install requirement
        'setuptools-scm build 47',
        'wheel build 48',
      ]);
      assert.deepEqual(find(r, 'celery')?.features, ['redis']);
      assert.equal(find(r, 'celery')?.version, '>=5.3,<6');
      assert.equal(find(r, 'not-a-dependency'), undefined, 'docstring');
      // tests_require=read('requirements-test.txt'): dynamic, so the file is included instead.
      assert.deepEqual(r.includes, ['python/requirements-test.txt']);
      assert.equal(r.warnings, undefined);
    });

    it('reads dict(...) spread into setup(**kwargs), {**spread} dicts, with-open targets, += and extend, and setuptools.setup', () => {
      const r = parseSetupPy('svc/setup.py', text(
        'import setuptools', //                                          1
        'with open("requirements/base.txt") as fh:', //                  2
        '    base = fh.read().splitlines()', //                          3
        'deps = ["requests>=2.31"]', //                                  4
        'deps += ["click"]', //                                          5
        'deps.extend(["rich"])', //                                      6
        'kwargs = dict(', //                                             7
        '    name="svc",', //                                            8
        '    install_requires=deps + base,', //                          9
        "    extras_require={**TEST_EXTRAS, 'lint': ['ruff'], 'aws': ['boto3']},", // 10
        ')', //                                                         11
        "TEST_EXTRAS = {'tests': ['pytest']}", //                       12
        'setuptools.setup(**kwargs)', //                                13
      ));
      assert.equal(r.name, 'svc');
      assert.deepEqual(rows(r), ['requests prod 4', 'click prod 5', 'rich prod 6', 'ruff dev 10', 'boto3 optional 10', 'pytest test 12']);
      assert.deepEqual(r.includes, ['svc/requirements/base.txt']);
    });

    it('includes requirement files read at run time, skips other dynamic values without warnings', () => {
      const r = parseSetupPy('setup.py', text(
        'from setuptools import setup', //                                                       1
        'def reqs(name):', //                                                                    2
        '    return [l.strip() for l in open(name) if l.strip() and not l.startswith("#")]', // 3
        'setup(', //                                                                             4
        "    install_requires=[l for l in open('requirements.txt').read().splitlines()],", //   5
        "    tests_require=reqs('test-requirements.txt'),", //                                  6
        "    setup_requires=get_build_deps(),", //                                              7
        "    extras_require={'docs': reqs('docs/conf.txt')},", //                               8
        ')', //                                                                                  9
      ));
      assert.deepEqual(rows(r), []);
      assert.deepEqual(r.includes, ['requirements.txt', 'test-requirements.txt']);
      assert.equal(r.warnings, undefined);
    });

    it('reads string forms, skips URLs without #egg, and warns on strings that are not requirements', () => {
      const r = parseSetupPy('setup.py', text(
        'setup(name="x", install_requires=(', //           1
        "    r'Django>=4.2',", //                          2
        '    u"psycopg[binary]",', //                      3
        "    'https://example.com/pkg.zip',", //           4
        "    'git+https://example.com/repo.git#egg=Acme_Lib',", // 5
        "    'not a requirement!',", //                     6
        '))', //                                            7
        "# setup(install_requires=['commented'])", //       8
      ));
      assert.deepEqual(rows(r), ['django prod 2', 'psycopg prod 3', 'acme-lib prod 5']);
      assert.equal(r.warnings?.length, 1);
      assert.match(r.warnings?.[0] ?? '', /line 6/);
    });
  });

  describe('installed Python metadata', () => {
    it('reads egg-info requires.txt sections as prod, optional, dev and test', () => {
      const r = parseEggRequires('acme_tasks.egg-info/requires.txt', fixture('python/acme_tasks.egg-info/requires.txt'));
      assert.equal(r.kind, 'requires.txt');
      assert.deepEqual(rows(r), [
        'celery prod 1',
        'sqlalchemy prod 2',
        'importlib-metadata prod 5',
        'black dev 8',
        'mypy dev 9',
        'sphinx dev 12',
        'psycopg2-binary optional 15',
        'pytest test 18',
        'pytest-cov test 19',
        'pywin32 test 22',
      ]);
      assert.deepEqual(find(r, 'celery')?.features, ['redis']);
      assert.match(parseEggRequires('a.egg-info/requires.txt', '[dev\nblack\n!!\n').warnings?.join('; ') ?? '', /line 1.*line 3/);
    });

    it('reads METADATA Requires-Dist with extra markers, and Name, stopping at the description', () => {
      const r = parsePythonMetadata('acme_tasks-1.2.0.dist-info/METADATA', fixture('python/acme_tasks-1.2.0.dist-info/METADATA'));
      assert.equal(r.kind, 'METADATA');
      assert.equal(r.name, 'acme-tasks');
      assert.deepEqual(rows(r), [
        'celery prod 10',
        'sqlalchemy prod 11',
        'importlib-metadata prod 12',
        'black dev 14',
        'psycopg2-binary optional 16',
        'pytest test 18',
        'pywin32 test 19',
      ]);
      assert.equal(find(r, 'celery')?.version, '<6,>=5.3');
      assert.equal(find(r, 'not-a-header'), undefined);
    });

    it('reads PKG-INFO, also as a single-file distutils egg-info, with continuation lines', () => {
      const pkgInfo = text(
        'Metadata-Version: 1.1', //                                1
        'Name: lazr.uri', //                                       2
        'Version: 1.0.6', //                                       3
        'Description: Parses URIs.', //                            4
        '        Requires-Dist: not-a-dependency', //              5
        'Requires-Dist: setuptools', //                            6
        "Requires-Dist: zope.testrunner; 'test' == extra", //      7
        'this line is not a header', //                            8
      );
      for (const p of ['lazr.uri-1.0.6.egg-info/PKG-INFO', 'lazr.uri-1.0.6.egg-info']) {
        const r = parseManifest(p, pkgInfo)!;
        assert.equal(r.kind, 'PKG-INFO', p);
        assert.equal(r.name, 'lazr.uri');
        assert.deepEqual(rows(r), ['setuptools prod 6', 'zope-testrunner test 7']);
        assert.match(r.warnings?.[0] ?? '', /line 8: not a metadata header/);
      }
    });
  });

  describe('Maven pom.xml', () => {
    const r = parsePom('pom.xml', fixture('maven/pom.xml'));

    it('reports parent, dependencies, management, plugins and profiles with artifactId lines', () => {
      assert.equal(r.name, 'com.example:orders-service');
      assert.deepEqual(rows(r), [
        'org.springframework.boot:spring-boot-starter-parent build 9',
        'org.testcontainers:testcontainers-bom build 33',
        'org.postgresql:postgresql prod 40',
        'org.springframework.boot:spring-boot-starter-web prod 50',
        'org.springframework.boot:spring-boot-starter-data-jpa prod 54',
        'org.postgresql:postgresql prod 58',
        'org.projectlombok:lombok optional 63',
        '${project.groupId}:orders-core prod 68',
        'org.springframework.boot:spring-boot-starter-test test 73',
        'org.flywaydb:flyway-maven-plugin plugin 89',
        'org.postgresql:postgresql build 94',
        'org.springframework.boot:spring-boot-maven-plugin plugin 104',
        'org.apache.maven.plugins:maven-surefire-plugin plugin 107',
        'org.jacoco:jacoco-maven-plugin plugin 111',
        'org.testcontainers:postgresql test 126',
      ]);
    });

    it('ignores commented-out dependencies and exclusions', () => {
      assert.equal(find(r, 'com.h2database:h2'), undefined);
      assert.equal(find(r, 'org.junit.vintage:junit-vintage-engine'), undefined);
    });

    it('keeps versions and properties as written', () => {
      assert.equal(find(r, 'org.springframework.boot:spring-boot-starter-parent')?.version, '3.2.4');
      assert.equal(find(r, 'org.testcontainers:testcontainers-bom')?.version, '${testcontainers.version}');
    });

    it('reads modules, including a profile’s, as workspaces', () => {
      assert.deepEqual(r.workspaces, ['orders-api', 'orders-core', 'orders-it']);
    });

    it('warns on malformed XML without throwing', () => {
      const bad = parsePom('pom.xml', '<project>\n  <dependencies>\n    <dependency><artifactId>x</artifactId>\n  </dependencies>\n');
      assert.match(bad.warnings?.[0] ?? '', /malformed XML/);
      const none = parsePom('pom.xml', '<settings/>');
      assert.deepEqual(none.dependencies, []);
      assert.ok(none.warnings?.length);
    });
  });

  describe('Gradle', () => {
    const catalog = parseVersionCatalog(fixture('gradle-kts/gradle/libs.versions.toml'));

    it('parses a version catalog: module, group/name, strings, rich versions, bundles, plugins', () => {
      assert.deepEqual(catalog.libraries['spring.boot.starter.data.jpa'], {
        module: 'org.springframework.boot:spring-boot-starter-data-jpa',
        version: '3.2.4',
        line: 7,
      });
      assert.equal(catalog.libraries['junit.jupiter'].module, 'org.junit.jupiter:junit-jupiter');
      assert.equal(catalog.libraries['mockk'].version, '1.13.10');
      assert.equal(catalog.libraries['assertj.core'].version, '3.25.3');
      assert.deepEqual(catalog.bundles['testing'], ['junit.jupiter', 'mockk', 'assertj.core']);
      assert.deepEqual(catalog.plugins['detekt'], { id: 'io.gitlab.arturbosch.detekt', version: '1.23.6', line: 17 });
      assert.deepEqual(parseVersionCatalog('[libraries\n').libraries, {});
      assert.ok(parseVersionCatalog('[libraries\n').warnings?.length);
    });

    it('reads the Kotlin DSL: plugins, coordinates, kotlin(), platform, map form, catalog aliases and bundles', () => {
      const r = parseGradle('build.gradle.kts', fixture('gradle-kts/build.gradle.kts'), catalog);
      assert.equal(r.kind, 'build.gradle.kts');
      assert.deepEqual(rows(r), [
        'org.springframework.boot plugin 4',
        'io.spring.dependency-management plugin 5',
        'org.jetbrains.kotlin.jvm plugin 6',
        'org.jetbrains.kotlin.plugin.spring plugin 7',
        'org.flywaydb.flyway plugin 8',
        'java-library plugin 9',
        'jacoco plugin 10',
        'org.springframework.boot:spring-boot-starter-web prod 17',
        'org.springframework.boot:spring-boot-starter-data-jpa prod 18',
        'org.jetbrains.kotlin:kotlin-reflect prod 19',
        'software.amazon.awssdk:bom prod 20',
        'com.fasterxml.jackson.module:jackson-module-kotlin prod 21',
        'org.postgresql:postgresql prod 26',
        'org.projectlombok:lombok prod 27',
        'org.mapstruct:mapstruct-processor build 28',
        'org.junit.jupiter:junit-jupiter test 30',
        'io.mockk:mockk test 30',
        'org.assertj:assertj-core test 30',
        'org.jetbrains.kotlin:kotlin-test test 31',
        'org.testcontainers:postgresql test 32',
      ]);
      assert.ok(r.dependencies.slice(0, 7).every((d) => d.gradlePlugin === true && d.ecosystem === 'maven'));
      assert.equal(find(r, 'org.springframework.boot')?.version, '3.2.4');
      assert.equal(find(r, 'org.projectlombok:lombok')?.version, '1.18.32');
      assert.equal(r.warnings, undefined);
    });

    it('ignores comments, exclusions and project() references', () => {
      const r = parseGradle('build.gradle.kts', fixture('gradle-kts/build.gradle.kts'), catalog);
      assert.equal(find(r, 'com.h2database:h2'), undefined);
      assert.equal(r.dependencies.filter((d) => d.name === 'io.mockk:mockk').length, 1, 'only the bundle, not the comment');
      assert.equal(find(r, 'org.jetbrains.kotlin:kotlin-stdlib'), undefined);
      assert.ok(!r.dependencies.some((d) => d.name.includes('orders-core')));
    });

    it('reads Kotlin DSL declarations nested in constraints, if/else and when blocks, not in a declaration\'s own block', () => {
      const kts = text(
        'dependencies {', //                                                   1
        '    constraints {', //                                                2
        '        implementation("org.apache.commons:commons-text:1.11.0")', // 3
        '    }', //                                                            4
        '    if (project.hasProperty("docs")) {', //                          5
        '        runtimeOnly("org.asciidoctor:asciidoctorj:2.5.11")', //      6
        '    } else testImplementation("org.assertj:assertj-core:3.25.3")', // 7
        '    when (db) {', //                                                  8
        '        "pg" -> runtimeOnly("org.postgresql:postgresql:42.7.3")', //  9
        '    }', //                                                           10
        '    implementation("io.micrometer:micrometer-core:1.12.4") { because("metrics") }', // 11
        '}', //                                                               12
      );
      assert.deepEqual(rows(parseGradle('build.gradle.kts', kts)), [
        'org.apache.commons:commons-text prod 3',
        'org.asciidoctor:asciidoctorj prod 6',
        'org.assertj:assertj-core test 7',
        'org.postgresql:postgresql prod 9',
        'io.micrometer:micrometer-core prod 11',
      ]);
    });

    it('skips catalog references without a catalog, and warns on unknown aliases', () => {
      const without = parseGradle('build.gradle.kts', fixture('gradle-kts/build.gradle.kts'));
      assert.equal(find(without, 'org.springframework.boot:spring-boot-starter-data-jpa'), undefined);
      assert.equal(find(without, 'org.flywaydb.flyway'), undefined);
      assert.equal(find(without, 'org.springframework.boot:spring-boot-starter-web')?.line, 17);
      const unknown = parseGradle('app/build.gradle.kts', 'dependencies {\n  implementation(libs.nope.nothing)\n}\n', catalog);
      assert.match(unknown.warnings?.[0] ?? '', /line 2: unknown catalog library libs\.nope\.nothing/);
    });

    it('resolves catalogs through parseManifest options', () => {
      const r = parseManifest('build.gradle.kts', fixture('gradle-kts/build.gradle.kts'), { gradleCatalogs: [catalog] })!;
      assert.equal(find(r, 'org.flywaydb.flyway')?.line, 8);
    });

    it('reads Groovy: buildscript classpath, plugins, apply plugin, command calls, maps and continuations', () => {
      const r = parseGradle('build.gradle', fixture('gradle-groovy/build.gradle'));
      assert.equal(r.kind, 'build.gradle');
      assert.deepEqual(rows(r), [
        'org.springframework.boot:spring-boot-gradle-plugin build 6',
        'java plugin 11',
        'org.springframework.boot plugin 12',
        'com.diffplug.spotless plugin 13',
        'io.spring.dependency-management plugin 16',
        'jacoco plugin 17',
        'org.springframework.boot:spring-boot-starter-web prod 20',
        'org.springframework.boot:spring-boot-starter-security prod 21',
        'com.google.guava:guava prod 22',
        'io.jsonwebtoken:jjwt-api prod 23',
        'org.mybatis.spring.boot:mybatis-spring-boot-starter prod 26',
        'org.flywaydb:flyway-core prod 27',
        'org.projectlombok:lombok prod 28',
        'org.projectlombok:lombok build 29',
        'com.mysql:mysql-connector-j prod 30',
        'org.springframework.boot:spring-boot-starter-test test 32',
        'org.junit.platform:junit-platform-launcher test 33',
      ]);
      assert.equal(find(r, 'org.springframework.boot:spring-boot-starter-security')?.version, '${springBootVersion}');
      assert.equal(find(r, 'com.diffplug.spotless')?.version, '6.25.0');
    });

    it('uses test scope inside Kotlin Multiplatform test source sets', () => {
      const r = parseGradle('build.gradle.kts', text(
        'kotlin {', //                                                   1
        '  sourceSets {', //                                             2
        '    commonMain.dependencies {', //                              3
        '      implementation("io.ktor:ktor-client-core:2.3.10")', //    4
        '    }', //                                                      5
        '    val jvmTest by getting {', //                               6
        '      dependencies {', //                                       7
        '        implementation("io.kotest:kotest-runner-junit5:5.8.1")', // 8
        '      }', //                                                    9
        '    }', //                                                     10
        '  }', //                                                       11
        '}', //                                                         12
        'dependencies { add("implementation", "io.ktor:ktor-server-netty:2.3.10") }', // 13
      ));
      assert.deepEqual(rows(r), ['io.kotest:kotest-runner-junit5 test 8', 'io.ktor:ktor-server-netty prod 13']);
    });

    it('reads settings includes as workspaces', () => {
      const kts = parseGradleSettings('settings.gradle.kts', fixture('gradle-kts/settings.gradle.kts'));
      assert.equal(kts.name, 'orders');
      assert.deepEqual(kts.workspaces, ['orders-api', 'orders-core', 'libs/shared-kernel', 'build-logic']);
      const groovy = parseGradleSettings('settings.gradle', "rootProject.name = 'shop'\ninclude 'api', ':core',\n        ':web'\n");
      assert.deepEqual(groovy.workspaces, ['api', 'core', 'web']);
    });

    it('reads the catalog itself as a manifest, and lists where to look for it', () => {
      const r = parseVersionCatalogManifest('gradle/libs.versions.toml', fixture('gradle-kts/gradle/libs.versions.toml'));
      assert.deepEqual(rows(r), [
        'org.springframework.boot:spring-boot-starter-data-jpa prod 7',
        'org.junit.jupiter:junit-jupiter prod 8',
        'io.mockk:mockk prod 9',
        'org.assertj:assertj-core prod 10',
        'org.flywaydb.flyway plugin 16',
        'io.gitlab.arturbosch.detekt plugin 17',
      ]);
      assert.deepEqual(gradleCatalogCandidates('services/api/build.gradle.kts'), [
        'services/api/gradle/libs.versions.toml',
        'services/gradle/libs.versions.toml',
        'gradle/libs.versions.toml',
      ]);
    });

    it('survives unbalanced braces and unterminated strings', () => {
      const r = parseGradle('build.gradle', 'dependencies {\n  implementation "a:b:1\n  api(\'c:d:2\'\n');
      assert.deepEqual(rows(r), ['a:b prod 2', 'c:d prod 3']);
    });
  });

  describe('sbt', () => {
    it('reads %, %% and Seq forms, scopes and subprojects', () => {
      const r = parseSbt('build.sbt', text(
        'ThisBuild / scalaVersion := "2.13.12"', //                                     1
        'val akkaVersion = "2.8.5"', //                                                 2
        'lazy val core = (project in file("modules/core"))', //                          3
        '  .settings(', //                                                              4
        '    libraryDependencies ++= Seq(', //                                          5
        '      "com.typesafe.akka" %% "akka-http" % "10.5.3",', //                      6
        '      "com.typesafe.akka" %% "akka-actor-typed" % akkaVersion,', //            7
        '      "org.postgresql" % "postgresql" % "42.7.3",', //                         8
        '      // "com.h2database" % "h2" % "2.2.224",', //                             9
        '      "org.scalatest" %% "scalatest" % "3.2.18" % Test', //                   10
        '    )', //                                                                    11
        '  )', //                                                                      12
        'libraryDependencies += "org.typelevel" %% "cats-core" % "2.10.0"', //         13
        'addCompilerPlugin("org.typelevel" % "kind-projector" % "0.13.2" cross CrossVersion.full)', // 14
      ));
      assert.deepEqual(rows(r), [
        'com.typesafe.akka:akka-http prod 6',
        'com.typesafe.akka:akka-actor-typed prod 7',
        'org.postgresql:postgresql prod 8',
        'org.scalatest:scalatest test 10',
        'org.typelevel:cats-core prod 13',
        'org.typelevel:kind-projector build 14',
      ]);
      assert.equal(find(r, 'com.typesafe.akka:akka-actor-typed')?.version, 'akkaVersion');
      assert.deepEqual(r.workspaces, ['modules/core']);
    });

    it('reads addSbtPlugin in project/plugins.sbt', () => {
      const r = parseManifest('project/plugins.sbt', 'addSbtPlugin("com.github.sbt" % "sbt-native-packager" % "1.9.16")\naddSbtPlugin("org.scoverage" % "sbt-scoverage" % "2.0.11")\n')!;
      assert.equal(r.kind, 'plugins.sbt');
      assert.deepEqual(rows(r), ['com.github.sbt:sbt-native-packager plugin 1', 'org.scoverage:sbt-scoverage plugin 2']);
    });
  });

  describe('go.mod and go.work', () => {
    it('reads require lines and blocks, marks indirect ones, ignores replace', () => {
      const r = parseGoMod('go.mod', text(
        'module github.com/acme/orders', //                         1
        '', //                                                      2
        'go 1.22', //                                               3
        '', //                                                      4
        'require github.com/gin-gonic/gin v1.9.1', //               5
        '', //                                                      6
        'require (', //                                             7
        '\tgorm.io/gorm v1.25.9', //                                8
        '\tgithub.com/jackc/pgx/v5 v5.5.5 // indirect', //          9
        '\t// github.com/redis/go-redis/v9 v9.5.1', //             10
        ')', //                                                    11
        '', //                                                     12
        'replace github.com/acme/lib => ../lib', //                13
        'tool golang.org/x/tools/cmd/stringer', //                 14
      ));
      assert.equal(r.name, 'github.com/acme/orders');
      assert.deepEqual(rows(r), [
        'github.com/gin-gonic/gin prod 5',
        'gorm.io/gorm prod 8',
        'github.com/jackc/pgx/v5 optional 9',
        'golang.org/x/tools/cmd/stringer dev 14',
      ]);
      assert.equal(find(r, 'gorm.io/gorm')?.version, 'v1.25.9');
    });

    it('reads go.work use directives as workspaces', () => {
      assert.deepEqual(parseGoWork('go.work', 'go 1.22\n\nuse (\n\t./api\n\t./worker\n)\nuse ./tools\n').workspaces, ['api', 'worker', 'tools']);
    });
  });

  describe('Ruby', () => {
    it('reads Gemfile gems with group blocks and group options', () => {
      const r = parseGemfile('Gemfile', text(
        "source 'https://rubygems.org'", //                          1
        "ruby '3.3.0'", //                                           2
        "gem 'rails', '~> 7.1', '>= 7.1.3'", //                      3
        'gem "pg", "~> 1.5" # database', //                          4
        "gem 'sidekiq', require: false", //                          5
        "gem 'rack-mini-profiler', group: :development", //          6
        '# gem "mocha"', //                                          7
        'group :development, :test do', //                           8
        "  gem 'rspec-rails'", //                                    9
        "  platforms :mri do", //                                   10
        "    gem 'byebug'", //                                      11
        '  end', //                                                 12
        'end', //                                                   13
        'group :development do', //                                 14
        "  gem 'rubocop', require: false", //                       15
        'end', //                                                   16
        "gem 'devise'", //                                          17
      ));
      assert.deepEqual(rows(r), [
        'rails prod 3',
        'pg prod 4',
        'sidekiq prod 5',
        'rack-mini-profiler dev 6',
        'rspec-rails test 9',
        'byebug test 11',
        'rubocop dev 15',
        'devise prod 17',
      ]);
      assert.equal(find(r, 'rails')?.version, '~> 7.1, >= 7.1.3');
      assert.equal(find(r, 'sidekiq')?.version, undefined);
      assert.equal(find(r, 'mocha'), undefined);
    });

    it('reads a hand-written gemspec: receivers, parentheses, arrays, %w loops; skips comments, heredocs and interpolated names', () => {
      const r = parseGemspec('acme-client.gemspec', fixture('ruby/acme-client.gemspec'));
      assert.equal(r.kind, '.gemspec');
      assert.equal(r.name, 'acme-client');
      assert.deepEqual(rows(r), [
        'faraday prod 22',
        'faraday-retry prod 23',
        'nokogiri prod 24', // arguments continue on the next line
        'json prod 26', // a modifier `if` ends the arguments
        'rspec dev 30', // %w[rspec rubocop].each do |gem_name|
        'rubocop dev 30',
        'rake dev 33',
        'webmock dev 34',
        'vcr dev 35',
      ]);
      assert.equal(find(r, 'faraday')?.version, '>= 1.10, < 3');
      assert.equal(find(r, 'nokogiri')?.version, '~> 1.15');
      assert.equal(find(r, 'webmock')?.version, '>= 3.18, < 4');
      assert.equal(find(r, 'json')?.version, undefined);
      for (const absent of ['httparty', 'oj']) assert.equal(find(r, absent), undefined, absent);
      assert.equal(r.warnings, undefined);
    });

    it('reads a generated gemspec once, despite its add_dependency fallback branch', () => {
      const r = parseGemspec('specifications/sinatra-3.0.5.gemspec', fixture('ruby/sinatra-3.0.5.gemspec'));
      assert.equal(r.name, 'sinatra');
      assert.deepEqual(rows(r), ['mustermann prod 21', 'rack prod 22', 'rack-protection prod 23', 'tilt prod 24', 'rack-test dev 25']);
      assert.equal(find(r, 'rack')?.version, '~> 2.2, >= 2.2.4');
    });

    it('reads other receivers, %q forms, Gem::Specification.new names and shadowed loop variables', () => {
      const r = parseGemspec('x.gemspec', text(
        "Gem::Specification.new 'tiny', '0.1' do |gem|", //                  1
        "  gem.add_dependency(%q{activesupport}, '>= 7')", //                 2
        '  gem.add_development_dependency %q(minitest), %w[>=5 <6]', //       3
        "  %w[a b].each { |dep| gem.add_dependency dep }", //                 4
        "  { 'c' => '1' }.each do |dep, v|", //                               5
        '    gem.add_dependency dep, v', //                                   6
        '  end', //                                                           7
        "  gem.add_dependency 'bad name'", //                                 8
        '=begin', //                                                          9
        "  gem.add_dependency 'in-block-comment'", //                        10
        '=end', //                                                           11
        "  gem.add_runtime_dependency 'thor' # 'not-this'", //              12
        'end', //                                                            13
        '__END__', //                                                        14
        "gem.add_dependency 'after-end'", //                                15
      ));
      assert.equal(r.name, 'tiny');
      assert.deepEqual(rows(r), ['activesupport prod 2', 'minitest dev 3', 'a prod 4', 'b prod 4', 'thor prod 12']);
      assert.equal(find(r, 'minitest')?.version, '>=5, <6');
      assert.match(r.warnings?.[0] ?? '', /line 8: not a gem name/);
    });

    it('reads Gemfile.lock specs with four-space indent only', () => {
      const r = parseGemfileLock('Gemfile.lock', text(
        'GEM', //                                  1
        '  remote: https://rubygems.org/', //      2
        '  specs:', //                             3
        '    actionpack (7.1.3)', //               4
        '      rack (>= 2.2.4)', //                5
        '    pg (1.5.6)', //                       6
        '    rack (3.0.10)', //                    7
        '', //                                     8
        'PLATFORMS', //                            9
        '  x86_64-linux', //                      10
        '', //                                    11
        'DEPENDENCIES', //                        12
        '  pg (~> 1.5)', //                       13
        '  actionpack', //                        14
      ));
      assert.deepEqual(rows(r), ['actionpack prod 4', 'pg prod 6', 'rack optional 7']);
      assert.equal(find(r, 'pg')?.version, '1.5.6');
    });
  });

  describe('composer.json', () => {
    it('reads require and require-dev, skipping php and extensions', () => {
      const r = parseComposerJson('composer.json', text(
        '{', //                                      1
        '  "name": "acme/shop",', //                 2
        '  "require": {', //                         3
        '    "php": "^8.2",', //                     4
        '    "ext-pdo": "*",', //                    5
        '    "laravel/framework": "^11.0",', //      6
        '    "Guzzlehttp/Guzzle": "^7.8"', //        7
        '  },', //                                   8
        '  "require-dev": {', //                     9
        '    "phpunit/phpunit": "^11.0"', //        10
        '  }', //                                   11
        '}',
      ));
      assert.equal(r.name, 'acme/shop');
      assert.deepEqual(rows(r), ['laravel/framework prod 6', 'Guzzlehttp/Guzzle prod 7', 'phpunit/phpunit dev 10']);
      assert.ok(parseComposerJson('composer.json', '{"require": {').warnings?.length);
    });
  });

  describe('.NET', () => {
    it('reads the SDK and package references of a web project', () => {
      const r = parseMsbuildProject('src/Orders.Api/Orders.Api.csproj', fixture('dotnet/Orders.Api.csproj'));
      assert.equal(r.kind, '.csproj');
      assert.deepEqual(rows(r), [
        'Microsoft.NET.Sdk.Web build 1',
        'Microsoft.EntityFrameworkCore prod 9',
        'Npgsql.EntityFrameworkCore.PostgreSQL prod 10',
        'Serilog.AspNetCore prod 12',
        'StyleCop.Analyzers dev 15',
        'Swashbuckle.AspNetCore prod 19',
      ]);
      assert.equal(find(r, 'Serilog.AspNetCore')?.version, '8.0.1');
      assert.equal(find(r, 'Dapper'), undefined, 'commented out');
    });

    it('gives test scope to the references of a test project', () => {
      const r = parseMsbuildProject('tests/Orders.Tests.csproj', fixture('dotnet/Orders.Tests.csproj'));
      assert.deepEqual(rows(r), [
        'Microsoft.NET.Sdk build 1',
        'Microsoft.NET.Test.Sdk test 7',
        'xunit test 8',
        'Moq test 9',
        'coverlet.collector test 10',
      ]);
    });

    it('reads Directory.Packages.props and packages.config', () => {
      const props = parseDirectoryPackagesProps('Directory.Packages.props', text(
        '<Project>', //                                                                 1
        '  <ItemGroup>', //                                                             2
        '    <PackageVersion Include="Dapper" Version="2.1.35" />', //                  3
        '    <PackageVersion Include="FluentValidation" Version="11.9.0" />', //        4
        '    <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" />', // 5
        '  </ItemGroup>', //                                                            6
        '</Project>',
      ));
      assert.deepEqual(rows(props), ['Dapper prod 3', 'FluentValidation prod 4', 'Nerdbank.GitVersioning dev 5']);
      const cfg = parsePackagesConfig('packages.config', text(
        '<?xml version="1.0" encoding="utf-8"?>', //                                              1
        '<packages>', //                                                                          2
        '  <package id="Newtonsoft.Json" version="13.0.3" targetFramework="net48" />', //         3
        '  <package id="NUnit" version="3.14.0" targetFramework="net48" developmentDependency="true" />', // 4
        '</packages>',
      ));
      assert.deepEqual(rows(cfg), ['Newtonsoft.Json prod 3', 'NUnit dev 4']);
      assert.equal(find(cfg, 'Newtonsoft.Json')?.version, '13.0.3');
    });

    it('warns on malformed project XML', () => {
      const r = parseMsbuildProject('a.csproj', '<Project Sdk="Microsoft.NET.Sdk">\n<ItemGroup>\n');
      assert.match(r.warnings?.[0] ?? '', /malformed XML/);
    });
  });

  describe('Cargo.toml', () => {
    it('reads every dependency table, renames, targets and workspace members', () => {
      const r = parseCargoToml('Cargo.toml', text(
        '[package]', //                                                        1
        'name = "orders"', //                                                  2
        '', //                                                                 3
        '[workspace]', //                                                      4
        'members = ["crates/*", "./tools/cli"]', //                            5
        '', //                                                                 6
        '[dependencies]', //                                                   7
        'axum = "0.7"', //                                                     8
        'tokio = { version = "1", features = ["full"] }', //                   9
        'pg = { package = "tokio-postgres", version = "0.7" }', //            10
        'serde.workspace = true', //                                          11
        'redis = { version = "0.25", optional = true }', //                   12
        '', //                                                                13
        '[dependencies.sqlx]', //                                             14
        'version = "0.7"', //                                                 15
        '', //                                                                16
        '[dev-dependencies]', //                                              17
        'mockall = "0.12"', //                                                18
        '', //                                                                19
        '[build-dependencies]', //                                            20
        'prost-build = "0.12"', //                                            21
        '', //                                                                22
        "[target.'cfg(windows)'.dependencies]", //                            23
        'winapi = "0.3"', //                                                  24
        '', //                                                                25
        '[workspace.dependencies]', //                                        26
        'serde = { version = "1.0", features = ["derive"] }', //              27
      ));
      assert.equal(r.name, 'orders');
      assert.deepEqual(r.workspaces, ['crates/*', 'tools/cli']);
      assert.deepEqual(rows(r), [
        'axum prod 8',
        'tokio prod 9',
        'tokio-postgres prod 10',
        'serde prod 11',
        'redis optional 12',
        'sqlx prod 14',
        'mockall dev 18',
        'prost-build build 21',
        'winapi prod 24',
        'serde prod 27',
      ]);
    });

    it('warns on malformed TOML', () => {
      assert.match(parseCargoToml('Cargo.toml', '[dependencies\nserde = "1"').warnings?.[0] ?? '', /malformed TOML/);
    });
  });

  describe('line ends and byte-order marks', () => {
    it('count CRLF, lone CR and BOM texts like an editor does', () => {
      const crlf = (t: string) => '\uFEFF' + t.replace(/\n/g, '\r\n');
      assert.deepEqual(rows(parseRequirements('requirements.txt', crlf('# c\nflask\n\nredis \\\n  >=5\nDjango'))), ['flask prod 2', 'redis prod 4', 'django prod 6']);
      assert.deepEqual(rows(parseGradle('build.gradle', crlf("plugins {\n  id 'java'\n}\n/* a\n b */\ndependencies {\n  implementation 'g:a:1'\n}"))), ['java plugin 2', 'g:a prod 7']);
      assert.equal(find(parsePom('pom.xml', crlf(fixture('maven/pom.xml'))), 'org.jacoco:jacoco-maven-plugin')?.line, 111);
      assert.deepEqual(rows(parseGoMod('go.mod', 'module x\rrequire(\r  a.b/c v1.0.0\r)\r')), ['a.b/c prod 3']);
      assert.equal(find(parsePyproject('pyproject.toml', crlf('[project]\nname = "x"\ndependencies = [\n  "Flask",\n]')), 'flask')?.line, 4);
    });
  });

  describe('registry', () => {
    it('routes file names to parsers, case-insensitively where ecosystems allow it', () => {
      const kinds: Record<string, string> = {
        'package.json': 'package.json',
        'web/yarn.lock': 'yarn.lock',
        'requirements/base.txt': 'requirements.txt',
        'requirements.in': 'requirements.in',
        'svc/pyproject.toml': 'pyproject.toml',
        'Pipfile': 'Pipfile',
        'setup.cfg': 'setup.cfg',
        'api/pom.xml': 'pom.xml',
        'app/build.gradle': 'build.gradle',
        'app/build.gradle.kts': 'build.gradle.kts',
        'settings.gradle.kts': 'settings.gradle.kts',
        'gradle/libs.versions.toml': 'libs.versions.toml',
        'build.sbt': 'build.sbt',
        'go.mod': 'go.mod',
        'go.work': 'go.work',
        'Gemfile': 'Gemfile',
        'Gemfile.lock': 'Gemfile.lock',
        'composer.json': 'composer.json',
        'src/Api/Api.CSPROJ': '.csproj',
        'src/Lib/Lib.fsproj': '.fsproj',
        'Directory.Packages.props': 'Directory.Packages.props',
        'packages.config': 'packages.config',
        'Cargo.toml': 'Cargo.toml',
        'sinatra-3.0.5.gemspec': '.gemspec',
        'gems/Acme.GEMSPEC': '.gemspec',
        'setup.py': 'setup.py',
        'lib/Setup.PY': 'setup.py',
        'dist-packages/Flask-2.2.2.egg-info/requires.txt': 'requires.txt',
        'dist-packages/Flask-2.2.2.egg-info/PKG-INFO': 'PKG-INFO',
        'dist-packages/crcmod-1.7.egg-info': 'PKG-INFO',
        'dist-packages/PyYAML-6.0.dist-info/METADATA': 'METADATA',
        'x.DIST-INFO/metadata': 'METADATA',
      };
      for (const [p, kind] of Object.entries(kinds)) {
        assert.ok(isManifestPath(p), p);
        assert.equal(parseManifest(p, '')?.kind, kind, p);
      }
      for (const p of ['README.md', 'MANIFEST.in', 'src/index.ts', 'gradle.properties', 'config/libs.versions.toml', '.gemspec', 'setup.pyc',
        'requires.txt', 'docs/requires.txt', 'METADATA', 'PKG-INFO', 'x.egg-info/SOURCES.txt', 'x.dist-info/RECORD', 'x.egg-info/METADATA',
        'x.dist-info/PKG-INFO', '.egg-info']) {
        assert.equal(parseManifest(p, ''), undefined, p);
      }
      assert.ok(MANIFEST_PARSERS.length >= 20);
    });

    it('never throws on hostile input', function () {
      this.timeout(300_000); // a ceiling for a stuck parser, not a speed target (the machine is shared)
      const nasty = [
        '',
        '\uFEFF',
        '\0\0\0\u00ff\u00fe garbage',
        '{'.repeat(50000),
        '('.repeat(50000) + ']'.repeat(50000),
        '"'.repeat(30001),
        '<dependency'.repeat(20000),
        '<PackageReference Include="'.repeat(20000),
        '[' + 'a.'.repeat(20000),
        'implementation '.repeat(20000),
        '-r '.repeat(20000),
        'gem "'.repeat(20000),
        'x = """\n'.repeat(5000),
        '"a" %% "b" % '.repeat(20000),
        'require (\n' + 'a v1\n'.repeat(20000),
        ('dependencies { implementation("g:a:1") }\n').repeat(5000),
        's.add_dependency('.repeat(6000),
        's.add_dependency %q<a>.freeze, ['.repeat(6000),
        '%w[a b].each do |x|\n s.add_dependency x\n'.repeat(1500),
        '<<~EOS\n'.repeat(3000),
        '"#{'.repeat(6000),
        '=begin\n'.repeat(5000),
        'install_requires=['.repeat(6000),
        'setup(install_requires=A)\n' + 'A = A + A\n'.repeat(3000),
        'A = B + B\nB = A + A\n'.repeat(1000) + 'setup(install_requires=A, extras_require={"x": B})',
        'setup(**'.repeat(6000),
        Array.from({ length: 1000 }, (_, i) => ' '.repeat(i) + 'def f():\n').join('') + 'setup(install_requires=f())',
        'R = [' + "'x',".repeat(8000) + ']\nsetup(install_requires=R+R+R+R, extras_require={"all": R, "test": R})',
        'Requires-Dist: a ; extra == "'.repeat(4000),
        'Name: x\n' + ' continued\n'.repeat(10000),
      ];
      const paths = ['package.json', 'requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.cfg', 'pom.xml', 'build.gradle', 'build.gradle.kts',
        'settings.gradle', 'gradle/libs.versions.toml', 'build.sbt', 'go.mod', 'go.work', 'Gemfile', 'Gemfile.lock', 'composer.json',
        'a.csproj', 'Directory.Packages.props', 'packages.config', 'Cargo.toml', 'pnpm-workspace.yaml', 'a.gemspec', 'setup.py',
        'a.egg-info/requires.txt', 'a.dist-info/METADATA', 'a.egg-info/PKG-INFO'];
      // Time is printed by `npm run bench` (hostile set), never asserted: these machines are shared.
      for (const p of paths) {
        for (const input of nasty) {
          const r = parseManifest(p, input);
          assert.ok(r, p);
          for (const d of r.dependencies) assert.ok(Number.isInteger(d.line) && d.line >= 1, `${p}: line ${d.line}`);
          assert.ok(!r.warnings?.some((w) => w.startsWith('parser failed')), `${p}: ${r.warnings?.join('; ')}`);
        }
      }
    });
  });
});
