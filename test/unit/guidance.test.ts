/**
 * Next steps (src/core/guidance.ts over data/guidance): the catalog carries text for every stack
 * and never another stack's words; on fixture workspaces the first five steps are pinned at entry
 * and at senior, differ between them, ask for nothing the fixture already has, and every face
 * renders the same steps; a target change re-ranks the last analysis without a rescan.
 */
import { strict as assert } from 'assert';
import { existsSync, readdirSync } from 'fs';
import * as path from 'path';
import { promises as fs } from 'fs';
import type { AnalysisResult, Level, NextStep } from '../../src/core/types';
import { applyTarget, backendProfile, rankSteps, readinessLine, SHOWN_STEPS, toNextStep } from '../../src/core/guidance';
import { missingStackText, termLeaks } from '../../src/core/guidance-data';
import { loadKnowledge, KnowledgeError, type DataReader, type Knowledge } from '../../src/core/knowledge';
import { renderHtml, renderMarkdown, renderText } from '../../src/core/report';
import { hoverAt } from '../../src/core/hover';
import { engine, FIXTURES, REPO } from './helpers/engine';

const cache = new Map<string, Promise<AnalysisResult>>();

/** Scans a fixture once per run, at a mid/backend target. */
function scan(name: string): Promise<AnalysisResult> {
  let p = cache.get(name);
  if (!p) {
    p = engine().then((e) => e.scan(path.join(FIXTURES, name), { now: () => Date.parse('2026-11-21T00:00:00Z') }));
    cache.set(name, p);
  }
  return p;
}

async function knowledge(): Promise<Knowledge> {
  return (await engine()).knowledge;
}

async function stepsAt(fixture: string, level: Level, role: 'backend' | 'fullstack' = 'backend'): Promise<NextStep[]> {
  return applyTarget(await knowledge(), await scan(fixture), { level, role }).nextSteps;
}

const ids = (steps: NextStep[]) => steps.slice(0, SHOWN_STEPS).map((s) => `${s.skill}:${s.level}`);

/** A case-sensitive whole-word test for a stack term (terms may begin or end with punctuation). */
function mentions(text: string, term: string): boolean {
  const esc = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const lead = /^[A-Za-z0-9_]/.test(term) ? '(?<![A-Za-z0-9_])' : '';
  const trail = /[A-Za-z0-9_]$/.test(term) ? '(?![A-Za-z0-9_])' : '';
  return new RegExp(`${lead}${esc}${trail}`).test(text);
}

/** Stacks a workspace uses: those of its languages' code and of its detected technologies. */
function stacksUsed(k: Knowledge, r: AnalysisResult): Set<string> {
  const used = new Set<string>();
  for (const l of r.languages) {
    const st = k.languages.find((d) => d.id === l.id)?.stack;
    if (st) used.add(st);
  }
  const eco: Record<string, string[]> = { jvm: ['java', 'kotlin', 'scala'], node: ['node'], python: ['python'], go: ['go'], dotnet: ['dotnet'], ruby: ['ruby'], php: ['php'], rust: ['rust'] };
  for (const t of r.technologies) {
    const e = k.techById.get(t.id)?.ecosystems;
    if (e?.length === 1) for (const st of eco[e[0]] ?? []) if (used.has(st) || e[0] !== 'jvm') used.add(st);
  }
  return used;
}

/** Terms of the stacks a workspace does not use, minus terms its own stacks share. */
function foreignTerms(k: Knowledge, used: Set<string>): string[] {
  const own = new Set(k.guidance.stacks.filter((s) => used.has(s.id)).flatMap((s) => s.terms));
  return [...new Set(k.guidance.stacks.filter((s) => !used.has(s.id)).flatMap((s) => s.terms))].filter((t) => !own.has(t));
}

describe('guidance: the catalog', function () {
  this.timeout(120_000);
  let k: Knowledge;
  before(async () => {
    k = await knowledge();
  });

  it('every skill code can show has level expectations; skills it cannot show have none', () => {
    for (const s of k.skills) {
      if (s.observable === 'no') assert.ok(!k.guidance.skills.has(s.id), `${s.id} is not observable but has guidance`);
      else assert.ok(k.guidance.skills.has(s.id), `${s.id} has no level expectations in data/guidance`);
    }
  });

  it('every level of every code-observable skill has step text for each backend stack (and a generic text)', () => {
    assert.deepEqual(missingStackText(k.guidance, k.skills, k.languages), []);
    assert.deepEqual(k.guidance.stacks.map((s) => s.id).sort(), ['dotnet', 'go', 'java', 'kotlin', 'node', 'php', 'python', 'ruby', 'rust', 'scala']);
  });

  it("no step text names another stack's tools, and a stack's shared text names none of its frameworks", () => {
    assert.deepEqual(termLeaks(k.guidance), []);
  });

  it("a skill's catalog level is its lowest expectation, with the same basis", () => {
    for (const s of k.skills) {
      const g = k.guidance.skills.get(s.id);
      if (!g) continue;
      const lowest = (['entry', 'mid', 'senior'] as const).find((l) => g.levels[l])!;
      assert.equal(s.level, lowest, `${s.id}: level ${s.level}, lowest expectation ${lowest}`);
      assert.equal(s.levelSource, g.levels[lowest]!.basis, `${s.id}: levelSource`);
    }
  });

  it('levels that read wrong are revisited: tests in CI are entry work, cloud basics are mid', () => {
    const ci = k.guidance.skills.get('continuous-integration')!;
    assert.ok(ci.levels.entry && ci.levels.mid && ci.levels.senior);
    assert.equal(k.skills.find((s) => s.id === 'continuous-integration')!.level, 'entry');
    assert.ok(k.guidance.skills.get('cloud-platforms')!.levels.mid, 'cloud basics have a mid expectation');
    assert.equal(k.skills.find((s) => s.id === 'cloud-platforms')!.level, 'mid');
    const tests = k.guidance.skills.get('unit-testing')!;
    assert.ok(tests.levels.entry && tests.levels.mid && tests.levels.senior, 'testing differs at entry, mid and senior');
  });

  it('skills code shows only faintly are marked, so they never lead', () => {
    for (const id of ['data-structures-algorithms', 'ide-setup', 'communication', 'collaboration-teamwork', 'debugging']) {
      assert.equal(k.guidance.skills.get(id)?.signal, 'weak', id);
    }
  });

  describe('validation', () => {
    const DATA = path.join(REPO, 'data');
    const disk: DataReader = { read: (rel) => fs.readFile(path.join(DATA, rel), 'utf8'), list: async (rel) => (await fs.readdir(path.join(DATA, rel))).sort() };
    const edited = (file: string, edit: (v: any) => void): DataReader => ({
      list: disk.list,
      read: async (rel) => {
        const text = await disk.read(rel);
        if (rel !== file) return text;
        const v = JSON.parse(text);
        edit(v);
        return JSON.stringify(v);
      },
    });
    const problems = async (r: DataReader) => {
      try {
        await loadKnowledge(r);
        return [];
      } catch (e) {
        if (e instanceof KnowledgeError) return e.problems;
        throw e;
      }
    };

    it('rejects a learning link that is neither an https URL nor a documented technology', async () => {
      const p = await problems(edited('guidance/skills/testing.json', (v) => (v[0].levels.entry.steps[0].text.python.learn = 'no-such-tech')));
      assert.ok(p.some((x) => /no-such-tech/.test(x)), p.join('\n'));
    });

    it('rejects a level placed by the document that does not cite its level paragraph', async () => {
      const p = await problems(edited('guidance/skills/data.json', (v) => (v[0].levels.entry.source.section = 'SQL databases')));
      assert.ok(p.some((x) => /must cite/.test(x)), p.join('\n'));
    });

    it('rejects an unknown text key, a dangling ref and "any" text on a step that builds on nothing', async () => {
      const p = await problems(
        edited('guidance/skills/testing.json', (v) => {
          v[0].levels.entry.steps[1].text.cobol = { text: 'Write the tests in COBOL for every module.', learn: 'https://example.org/' };
          v[0].levels.entry.steps[1].unless = ['practice:no-such-practice'];
          v[0].levels.mid.steps[0].text.any = { text: 'Some text that is long enough.', learn: 'https://example.org/' };
        }),
      );
      for (const re of [/unknown text key cobol/, /unknown practice no-such-practice/, /"any" text is only/]) assert.ok(p.some((x) => re.test(x)), `${re}: ${p.join('\n')}`);
    });
  });
});

describe('guidance: the primary backend stack and the kind of codebase', function () {
  this.timeout(120_000);
  const CASES: [string, string | undefined, string | undefined, string][] = [
    ['fastapi-fullstack', 'python', 'fastapi', 'json-api'],
    ['rails-library', 'ruby', 'rails', 'web-app'],
    ['spring-mvc-web', 'java', 'spring', 'web-app'],
    ['maven-tutorial', 'java', undefined, 'tutorial'],
    ['go-service', 'go', undefined, 'json-api'],
    ['rust-axum', 'rust', 'axum', 'json-api'],
    ['php-laravel', 'php', 'laravel', 'json-api'],
    ['monorepo', 'node', 'nestjs', 'json-api'],
    ['python-ingest', 'python', undefined, 'worker'],
  ];
  for (const [fixture, stack, framework, archetype] of CASES) {
    it(`${fixture}: ${stack}${framework ? `/${framework}` : ''}, ${archetype}`, async () => {
      const r = await scan(fixture);
      const p = backendProfile(await knowledge(), r);
      assert.deepEqual([p.stack, p.framework, p.archetype], [stack, framework, archetype], p.reasons.join('; '));
      assert.deepEqual(r.backend, p, 'the scan carries the same profile');
    });
  }

  it('a TypeScript frontend with more lines does not outvote the Python API that serves it', async () => {
    const r = await scan('fastapi-fullstack');
    const ts = r.languages.find((l) => l.id === 'typescript');
    assert.ok(ts, 'the fixture has a TypeScript frontend');
    assert.equal(r.backend.stack, 'python');
    assert.ok(r.backend.reasons.some((x) => /FastAPI/.test(x)), r.backend.reasons.join('; '));
  });
});

/**
 * The first five steps a mentor would give on each fixture, at entry and at senior (skill:level).
 * `has` lists what the fixture already does: no step may ask for it.
 */
const GOLDEN: Record<string, { entry: string[]; senior: string[]; has: RegExp[] }> = {
  'fastapi-fullstack': {
    entry: ['unit-testing:entry', 'error-handling:entry', 'documented-projects-readme:entry', 'api-documentation:mid', 'api-testing:mid'],
    senior: ['continuous-integration:senior', 'api-security:senior', 'authentication:senior', 'api-documentation:mid', 'api-testing:mid'],
    has: [/\bAdd (pytest|Playwright|Alembic)\b/, /Dependabot/, /Write a Dockerfile/, /Add a CI pipeline/, /Publish an OpenAPI/],
  },
  'rails-library': {
    entry: ['error-handling:entry', 'logging:entry', 'documented-projects-readme:entry', 'continuous-integration:mid', 'unit-testing:mid'],
    senior: ['api-security:senior', 'authentication:senior', 'continuous-integration:mid', 'unit-testing:mid', 'test-automation-coverage:mid'],
    has: [/Pundit|CanCanCan/, /Write a Dockerfile|Start from the Dockerfile/, /Host the repository/, /Add a CI pipeline/, /Render one page/],
  },
  'php-laravel': {
    entry: ['input-validation-injection:entry', 'unit-testing:entry', 'error-handling:entry', 'docker:entry', 'logging:entry'],
    senior: ['test-automation-coverage:senior', 'api-security:mid', 'authentication:senior', 'authorization:mid', 'integration-testing:senior'],
    has: [/Add (PHPStan|Larastan)/, /FormRequest classes/, /Sanctum/, /Add a CI pipeline/, /Hash::make/],
  },
  'rust-axum': {
    entry: ['input-validation-injection:entry', 'test-automation-coverage:entry', 'authentication:entry', 'docker:entry', 'documented-projects-readme:entry'],
    senior: ['rest-api-design:mid', 'integration-testing:mid', 'api-security:mid', 'api-documentation:mid', 'api-testing:mid'],
    has: [/thiserror/, /\bwith format!|Replace the SQL built/, /tracing macros/, /put it in migrations/],
  },
  'go-service': {
    entry: ['input-validation-injection:entry', 'test-automation-coverage:entry', 'authentication:entry', 'docker:entry', 'logging:entry'],
    senior: ['integration-testing:mid', 'rest-api-design:mid', 'api-security:mid', 'api-testing:mid', 'unit-testing:mid'],
    has: [/Add golangci-lint|add gosec/i, /numbered up\/down migrations/, /cache one expensive read/, /Write a _test\.go/],
  },
  'spring-mvc-web': {
    entry: ['error-handling:entry', 'authentication:entry', 'monitoring-alerting:entry', 'docker:entry', 'logging:entry'],
    senior: ['schema-design-data-modeling:mid', 'integration-testing:mid', 'continuous-integration:mid', 'unit-testing:mid', 'test-automation-coverage:mid'],
    has: [/add Flyway migrations/i, /Render one page/, /Add Bean Validation/, /Add a CI pipeline/, /Add JUnit/, /ProblemDetail/],
  },
  'maven-tutorial': {
    entry: ['unit-testing:entry', 'documented-projects-readme:entry', 'error-handling:entry', 'backend-framework:entry', 'test-automation-coverage:entry'],
    senior: ['clean-code:mid', 'error-handling:entry', 'backend-framework:entry', 'test-automation-coverage:entry', 'rest-api-design:entry'],
    has: [/Add JUnit/, /Write a README/, /spring-boot:run/],
  },
};

describe('guidance: the first five steps on fixture workspaces', function () {
  this.timeout(180_000);

  for (const [fixture, g] of Object.entries(GOLDEN)) {
    describe(fixture, () => {
      for (const level of ['entry', 'senior'] as const) {
        it(`pins the first five at ${level}`, async () => {
          const steps = await stepsAt(fixture, level);
          assert.deepEqual(ids(steps), g[level], steps.slice(0, 5).map((s) => s.text).join('\n'));
        });
      }

      it('differs between entry and senior', async () => {
        assert.notDeepEqual(ids(await stepsAt(fixture, 'entry')), ids(await stepsAt(fixture, 'senior')));
      });

      it("asks for nothing the fixture already has, and nothing of another stack's", async () => {
        const k = await knowledge();
        const foreign = foreignTerms(k, stacksUsed(k, await scan(fixture)));
        for (const level of ['entry', 'mid', 'senior'] as const) {
          for (const st of (await stepsAt(fixture, level)).slice(0, SHOWN_STEPS)) {
            for (const re of g.has) assert.doesNotMatch(st.text, re, `${level}: ${st.text}`);
            const leak = foreign.find((t) => mentions(st.text, t));
            assert.equal(leak, undefined, `${level}: "${st.text}" names ${leak}`);
          }
        }
      });

      it('shows no skill code cannot show, each step with why, evidence it builds on and an https link', async () => {
        const k = await knowledge();
        for (const level of ['entry', 'mid', 'senior'] as const) {
          const steps = await stepsAt(fixture, level);
          assert.ok(steps.length >= 3 && steps.length <= 7, `${level}: ${steps.length} steps`);
          for (const st of steps.slice(0, SHOWN_STEPS)) {
            const def = k.skills.find((s) => s.id === st.skill)!;
            assert.notEqual(def.observable, 'no', st.skill);
            assert.notEqual(k.guidance.skills.get(st.skill)?.signal, 'weak', `${st.skill} is a weak signal in the first five`);
            assert.match(st.why, /expectation: .+ — “.+”/, st.why);
            assert.ok(st.buildsOn.length > 0, `${st.skill}: builds on nothing`);
            assert.match(st.learn, /^https:\/\/\S+$/, st.learn);
            assert.doesNotMatch(st.text, /\{(evidence|detail|count|tech)\}/, st.text);
          }
        }
      });
    });
  }
});

describe('guidance: properties over every fixture', function () {
  this.timeout(600_000);
  const all = readdirSync(FIXTURES).filter((d) => existsSync(path.join(FIXTURES, d, 'expected.json')) || GOLDEN[d]);

  it('no step text mentions a framework or tool of a stack the workspace does not use', async () => {
    const k = await knowledge();
    const leaks: string[] = [];
    for (const fixture of all) {
      const r = await scan(fixture);
      const foreign = foreignTerms(k, stacksUsed(k, r));
      for (const level of ['entry', 'mid', 'senior'] as const) {
        for (const role of ['backend', 'fullstack'] as const) {
          const t = { level, role };
          for (const st of rankSteps(k, applyTarget(k, r, t), t)) {
            // Paths and matched text quoted from the workspace are the user's own, not advice.
            const advice = st.buildsOn.reduce((text, e) => text.split(e.path).join('').split(e.detail.slice(0, 80)).join(''), st.text);
            const leak = foreign.find((term) => mentions(advice, term));
            if (leak) leaks.push(`${fixture} ${level}/${role}: "${st.text}" names ${leak}`);
          }
        }
      }
    }
    assert.deepEqual(leaks, []);
  });

  it('a step always works toward an open expectation, and a demonstrated skill meets its lowest level', async () => {
    for (const fixture of all) {
      const r = await scan(fixture);
      for (const st of r.nextSteps) {
        const s = r.skills.find((x) => x.id === st.skill)!;
        assert.equal(s.levels?.[st.level], 'not-yet', `${fixture}: ${st.skill} ${st.level} is ${s.levels?.[st.level]}`);
      }
      for (const s of r.skills) {
        assert.ok(s.levels, `${fixture}: ${s.id} has no levels`);
        for (const v of Object.values(s.levels!)) assert.ok(['met', 'not-yet', 'n/a'].includes(v));
        const lowest = (['entry', 'mid', 'senior'] as const).find((l) => s.levels![l] !== 'n/a');
        if (s.status === 'demonstrated' && lowest) assert.equal(s.levels![lowest], 'met', `${fixture}: ${s.id} is demonstrated but its ${lowest} expectation is not met`);
        if (s.status === 'not-observable') assert.deepEqual(Object.values(s.levels!), ['n/a', 'n/a', 'n/a'], `${fixture}: ${s.id}`);
      }
    }
  });

  it('frontend steps appear only for a fullstack target', async () => {
    const k = await knowledge();
    for (const fixture of ['fastapi-fullstack', 'rails-library', 'laravel-blog']) {
      const r = await scan(fixture);
      const backend = rankSteps(k, applyTarget(k, r, { level: 'mid', role: 'backend' }), { level: 'mid', role: 'backend' });
      assert.ok(!backend.some((s) => k.skills.find((d) => d.id === s.skill)!.category === 'Frontend fundamentals'), fixture);
    }
  });
});

describe('guidance: a target change re-ranks without a rescan, and every face shows the same steps', function () {
  this.timeout(120_000);

  it('applyTarget gives what a scan at that target gives, and leaves the input alone', async () => {
    const k = await knowledge();
    const r = await scan('java-spring-maven');
    const before = JSON.stringify(r);
    const senior = applyTarget(k, r, { level: 'senior', role: 'backend' });
    assert.equal(JSON.stringify(r), before, 'the analysis is not changed');
    const scanned = await (await engine()).scan(path.join(FIXTURES, 'java-spring-maven'), { level: 'senior', now: () => Date.parse('2026-11-21T00:00:00Z') });
    assert.deepEqual(senior.nextSteps, scanned.nextSteps);
    assert.deepEqual(senior.readiness, scanned.readiness);
    assert.deepEqual(senior.target, { level: 'senior', role: 'backend' });
    assert.notDeepEqual(ids(senior.nextSteps), ids(r.nextSteps), 'mid and senior differ');
    assert.equal(senior.skills.find((s) => s.id === 'infrastructure-as-code')!.aboveTarget, false);
  });

  it('the readiness headline counts core expectations at the target level', async () => {
    const r = await scan('java-spring-maven');
    assert.equal(r.readiness.level, 'mid');
    assert.ok(r.readiness.total >= 10 && r.readiness.met <= r.readiness.total, JSON.stringify(r.readiness));
    assert.match(readinessLine(r.readiness), /^ready for mid: \d+ of \d+ core mid expectations shown$/);
  });

  it('the CLI text, Markdown and HTML show the same first five steps with their links', async () => {
    const k = await knowledge();
    const r = await scan('go-service');
    const steps = rankSteps(k, r, r.target).map(toNextStep);
    assert.deepEqual(steps.slice(0, 7), r.nextSteps, 'the JSON carries the head of the ranking');
    const text = renderText(r, { steps });
    const md = renderMarkdown(r, { steps });
    const html = renderHtml(r, { cspSource: 'x', nonce: 'n', steps });
    for (const st of r.nextSteps.slice(0, SHOWN_STEPS)) {
      assert.ok(text.includes(st.text), `text lacks ${st.text}`);
      assert.ok(md.replace(/\\(.)/g, '$1').includes(st.text), `markdown lacks ${st.text}`);
      assert.ok(html.includes(st.learn), `html lacks ${st.learn}`);
      assert.ok(text.includes(st.learn) && md.includes(st.learn));
    }
    assert.match(md, /### More next steps/);
    assert.match(html, /more next steps/);
  });

  it("the hover's next step is one of the ranked steps, for a skill the technology counts toward", async () => {
    const k = await knowledge();
    const r = await scan('go-service');
    const gin = r.technologies.find((t) => t.id === 'gin')!;
    const ev = gin.evidence.find((e) => e.line && e.column !== undefined)!;
    const [h] = hoverAt(k, r, ev.path, ev.line!, ev.column!);
    assert.ok(h?.nextStep, 'a next step on the Gin import');
    const ranked = rankSteps(k, r, r.target);
    assert.ok(ranked.some((s) => s.text === h.nextStep!.text && s.skill === h.nextStep!.skill));
    assert.ok([...h.countedToward, ...h.canCountToward].some((s) => s.id === h.nextStep!.skill));
  });
});

describe('guidance: a reusable app is not deployed by its authors', function () {
  this.timeout(180_000);

  it('a Django app without manage.py, settings or a container gets no deployment, container or health-check step (django-reusable-app)', async () => {
    const k = await knowledge();
    const r = await scan('django-reusable-app');
    assert.equal(r.backend.framework, 'django');
    assert.equal(r.backend.archetype, 'web-app');
    assert.equal(r.backend.deployable, false, r.backend.reasons.join('; '));
    assert.match(r.backend.label, /reusable/);
    const deploy = new Set(k.guidance.archetypes.deploySkills);
    for (const level of ['entry', 'mid', 'senior'] as const) {
      const steps = (await stepsAt('django-reusable-app', level)).slice(0, SHOWN_STEPS);
      assert.ok(steps.length >= 3, `${level}: ${steps.length} steps`);
      for (const st of steps) assert.ok(!deploy.has(st.skill), `${level}: ${st.skill}: ${st.text}`);
      for (const st of steps) assert.doesNotMatch(st.text, /health|Dockerfile|container image/i, `${level}: ${st.text}`);
    }
    // Sign-in and error reporting belong to the site that installs the app.
    const all = rankSteps(k, applyTarget(k, r, { level: 'senior', role: 'backend' }), { level: 'senior', role: 'backend' });
    for (const st of all) assert.doesNotMatch(st.text, /Test the sign-in paths|error tracker/, st.text);
    const readme = (await stepsAt('django-reusable-app', 'entry')).find((s) => s.skill === 'documented-projects-readme');
    assert.match(readme?.text ?? '', /a user of this library/, 'the README is written for the sites that install the app');
  });

  it('asks for no build tool a codebase already builds with (pyproject.toml in django-reusable-app, Cargo in rust-axum)', async () => {
    const k = await knowledge();
    for (const fixture of ['django-reusable-app', 'rust-axum']) {
      const r = await scan(fixture);
      const all = rankSteps(k, applyTarget(k, r, { level: 'entry', role: 'backend' }), { level: 'entry', role: 'backend' });
      for (const st of all) assert.doesNotMatch(st.text, /Describe the project in pyproject\.toml|Organise the build with Cargo/, `${fixture}: ${st.text}`);
    }
  });

  it('the same app with a manage.py is a deployable project again', async () => {
    const dir = await fs.mkdtemp(path.join(require('os').tmpdir(), 'sr-django-project-'));
    try {
      await fs.cp(path.join(FIXTURES, 'django-reusable-app'), dir, { recursive: true });
      await fs.writeFile(path.join(dir, 'manage.py'), 'import os, sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n');
      const r = await (await engine()).scan(dir, { now: () => Date.parse('2026-11-21T00:00:00Z') });
      assert.equal(r.backend.deployable, undefined);
      assert.ok(r.practices.some((p) => p.id === 'app-entrypoint' && p.evidence.some((e) => e.path === 'manage.py' && e.line === 4)));
      assert.doesNotMatch(r.backend.label, /reusable/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('guidance: a step is moot when the code shows an equivalent', function () {
  this.timeout(180_000);

  it('logging through the organisation\'s own logging package gets no "switch to pino" step (node-org-logger)', async () => {
    const k = await knowledge();
    const r = await scan('node-org-logger');
    const logging = r.practices.find((p) => p.id === 'logging')!;
    const pkg = logging.evidence.filter((e) => e.detail.startsWith('package logger'));
    assert.deepEqual(pkg.map((e) => `${e.path}:${e.line}`).sort(), ['src/db.js:2', 'src/routes/issues.js:2', 'src/routes/subscribers.js:2', 'src/server.js:2']);
    assert.ok(!pkg.some((e) => e.path === 'src/format.js'), 'a relative module is not a logging package');
    for (const level of ['entry', 'mid', 'senior'] as const) {
      const all = rankSteps(k, applyTarget(k, r, { level, role: 'backend' }), { level, role: 'backend' });
      for (const st of all) assert.doesNotMatch(st.text, /\bpino\b|\bwinston\b/, `${level}: ${st.skill}: ${st.text}`);
    }
  });
});

/** Writes a throwaway workspace (path → content) under the OS temp directory. */
async function workspace(prefix: string, files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(require('os').tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), text);
  }
  return dir;
}

/** Every ranked step text (not just the first five) of a directory at a level. */
async function allStepTexts(dir: string, level: Level): Promise<string[]> {
  const k = await knowledge();
  const r = await (await engine()).scan(dir, { now: () => Date.parse('2026-11-21T00:00:00Z') });
  return rankSteps(k, applyTarget(k, r, { level, role: 'backend' }), { level, role: 'backend' }).map((s) => s.text);
}

const EXPRESS_SERVER = [
  "const express = require('express');",
  'const app = express();',
  'app.use(express.json());',
  "app.get('/items', async (req, res) => { res.json(await store.list()); });",
  "app.post('/items', async (req, res) => { res.status(201).json(await store.add(req.body)); });",
  'app.listen(process.env.PORT || 3000);',
  '',
].join('\n');

function nodePackage(deps: Record<string, string>, devDeps: Record<string, string> = {}): string {
  return JSON.stringify({ name: 'svc', version: '1.0.0', scripts: { start: 'node src/server.js' }, dependencies: { express: '^4.19.2', ...deps }, devDependencies: devDeps }, null, 2);
}

describe('guidance: a step is moot when the code already has what it asks for (real codebases: Redmine, Ghost, NodeBB)', function () {
  this.timeout(180_000);

  it('no "Plan the move to OpenID Connect" when sign-in already has two-factor, LDAP or Passport strategies (node-ts-service variants)', async () => {
    const oidc = (texts: string[]) => texts.filter((t) => /OpenID Connect/.test(t));
    assert.equal(oidc(await allStepTexts(path.join(FIXTURES, 'node-ts-service'), 'senior')).length, 1, 'the plain fixture still gets the step');
    const pkg = JSON.parse(await fs.readFile(path.join(FIXTURES, 'node-ts-service/package.json'), 'utf8'));
    for (const extra of [{ otplib: '^12.0.1' }, { ldapjs: '^3.0.0' }, { passport: '^0.7.0', 'passport-local': '^1.0.0' }]) {
      const dir = await fs.mkdtemp(path.join(require('os').tmpdir(), 'sr-mature-auth-'));
      await fs.cp(path.join(FIXTURES, 'node-ts-service'), dir, { recursive: true });
      await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ ...pkg, dependencies: { ...pkg.dependencies, ...extra } }, null, 2));
      assert.deepEqual(oidc(await allStepTexts(dir, 'senior')), [], `with ${Object.keys(extra).join(', ')}`);
    }
  });

  it('no "Add Vitest" or "Add pytest" when the stack\'s test framework is declared (Mocha like Ghost, nose2)', async () => {
    const runner = (texts: string[]) => texts.filter((t) => /^Add (Vitest|pytest and)/.test(t));
    const node = (dev: Record<string, string>) => workspace('sr-runner-', { 'package.json': nodePackage({}, dev), 'src/server.js': EXPRESS_SERVER });
    assert.equal(runner(await allStepTexts(await node({}), 'entry')).length, 1, 'a Node service without a test framework gets the step');
    assert.deepEqual(runner(await allStepTexts(await node({ mocha: '^10.0.0', c8: '^9.0.0' }), 'entry')), []);
    const flask = ['from flask import Flask, jsonify', 'app = Flask(__name__)', '', "@app.get('/items')", 'def items():', '    return jsonify([])', ''].join('\n');
    const py = (reqs: string) => workspace('sr-runner-py-', { 'requirements.txt': reqs, 'app.py': flask });
    assert.equal(runner(await allStepTexts(await py('flask==3.0.0\n'), 'entry')).length, 1, 'a Flask app without a test framework gets the step');
    assert.deepEqual(runner(await allStepTexts(await py('flask==3.0.0\nnose2==0.14.0\n'), 'entry')), []);
  });

  it('no "Gather the hand-written SQL into Prisma" without a relational database (Redis and MongoDB like NodeBB)', async () => {
    const store = "const { MongoClient } = require('mongodb');\nconst redis = require('redis');\nconst db = new MongoClient(process.env.MONGO_URL).db();\nmodule.exports = { list: () => db.collection('items').find().toArray(), add: (x) => db.collection('items').insertOne(x) };\n";
    const dir = await workspace('sr-nosql-', { 'package.json': nodePackage({ mongodb: '^6.0.0', redis: '^4.6.0' }), 'src/server.js': EXPRESS_SERVER, 'src/store.js': store });
    for (const level of ['entry', 'senior'] as const) {
      assert.deepEqual((await allStepTexts(dir, level)).filter((t) => /hand-written SQL|JDBC code|JdbcTemplate/.test(t)), [], level);
    }
  });
});

describe('guidance: a project locked by Yarn or pnpm reads its own commands (Ghost has yarn.lock)', function () {
  this.timeout(180_000);

  it('npm ci, npm test and npm run become yarn or pnpm ones; with package-lock.json they stay npm', async () => {
    const npmWords = /\bnpm (ci|test|run|audit)\b/;
    const texts = async (lock: string) => {
      const dir = await workspace('sr-pm-', { 'package.json': nodePackage({}), 'src/server.js': EXPRESS_SERVER, [lock]: '\n' });
      return [...(await allStepTexts(dir, 'entry')), ...(await allStepTexts(dir, 'senior'))];
    };
    assert.ok((await texts('package-lock.json')).some((t) => /\bnpm ci\b/.test(t)), 'an npm project keeps npm ci');
    for (const [lock, pm] of [['yarn.lock', 'yarn'], ['pnpm-lock.yaml', 'pnpm']]) {
      const all = await texts(lock);
      assert.deepEqual(all.filter((t) => npmWords.test(t)), [], lock);
      assert.ok(all.some((t) => t.includes(`${pm} install --frozen-lockfile`)), `${lock}: ${pm} install --frozen-lockfile`);
    }
  });
});
