/**
 * Next steps a mentor would give: a pure function over a finished {@link AnalysisResult}, the
 * knowledge and a target (level and role). Every face (tree, report, Markdown, JSON, hover, CLI)
 * renders the steps computed here, and a target change re-ranks the last analysis without a rescan
 * ({@link applyTarget}).
 *
 * The pipeline: {@link backendProfile} finds the primary backend stack (from frameworks, routes and
 * servers, never from lines of code) and the kind of codebase; {@link evaluateLevels} judges each
 * skill's expectation per level (data/guidance); {@link rankSteps} turns the lowest open expectation
 * of every skill into a step in that stack's words, skipping what is already done, and ranks by level
 * fit, relevance, confidence and leverage.
 */
import { before } from './strings';
import type {
  AnalysisResult, Archetype, BackendProfile, Evidence, Level, NextStep, Readiness, SkillLevels, SkillResult,
} from './types';
import type { GuidanceStack, Knowledge, LevelExpectation, SkillDef, SkillGuidance, StepText, StepVariant } from './knowledge';
import { evalRef, FRONTEND_CATEGORY, targetFlags, type Facts, type Target } from './skills';
import { languageOf } from './analyze';
import { isTeamRepository, personalGuidance } from './git/personal-steps';
import { REUSABLE } from './guidance-data';

/** Levels from lowest to highest. */
export const LEVELS: readonly Level[] = ['entry', 'mid', 'senior'];
const RANK: Record<Level, number> = { entry: 0, mid: 1, senior: 2 };
/** Steps in `nextSteps` of the JSON contract. */
export const MAX_NEXT_STEPS = 7;
/** Steps the faces show before "more". */
export const SHOWN_STEPS = 5;
/** Practices whose evidence is a server's routes. */
const ROUTE_PRACTICES = ['rest-endpoints', 'graphql-api', 'grpc-api', 'websocket-api'];
/** Technology ecosystems (data/technologies) → backend stack; `jvm` is split by source language. */
const ECOSYSTEM_STACK: Record<string, string> = { node: 'node', python: 'python', go: 'go', dotnet: 'dotnet', ruby: 'ruby', php: 'php', rust: 'rust' };
const JVM_LANGUAGES = ['java', 'kotlin', 'scala'];

/** A candidate step before ranking, with what the ranking used (for issue 10's lens and for tests). */
export interface StepCandidate extends NextStep {
  /** Factors the score is the product of (before normalisation). */
  factors: { levelFit: number; fit: number; confidence: number; leverage: number; core: number; weight: number; stack: number };
  topic?: string;
  /** Code shows the skill only faintly: never among the first {@link SHOWN_STEPS}. */
  weak: boolean;
}

/**
 * Adjusts a candidate before ranking (a lens, e.g. "work on the part of the codebase that already
 * does X" for a person): returns the candidate changed (score, text, buildsOn) or undefined to drop it.
 */
export type StepAdjuster = (step: StepCandidate, ctx: { result: AnalysisResult; skill: SkillResult }) => StepCandidate | undefined;

/** Options of {@link rankSteps} and {@link applyTarget}. */
export interface GuidanceOptions {
  /** Applied in order to every candidate before sorting. */
  adjust?: StepAdjuster[];
  /**
   * Whose next steps: the repository's (default), or yours through the personal lens, where in a
   * team repository "work on the part of this codebase that already does X" ranks before "add X".
   */
  lens?: 'repository' | 'you';
}

// ---------------------------------------------------------------------------------------------
// Evidence references

/** Findings as guidance evaluates them: the rule facts plus the kind of codebase (for `archetype:` refs). */
interface GuidanceFacts extends Facts {
  archetype?: Archetype;
  deployable?: false;
}

/** The findings of a result as rule facts (with its archetype when the backend profile is known). */
export function factsOf(r: Pick<AnalysisResult, 'technologies' | 'practices' | 'languages'> & { backend?: BackendProfile }): Facts {
  return {
    technologies: r.technologies, practices: r.practices, languages: r.languages,
    ...(r.backend ? { archetype: r.backend.archetype, ...(r.backend.deployable === false ? { deployable: false } : {}) } : {}),
  } as GuidanceFacts;
}

/** Databases that run inside the process or the tests (H2, SQLite, ...): named last when a real server is also used. */
const EMBEDDED_DATABASES = new Set(['h2', 'hsqldb', 'derby', 'sqlite']);

/**
 * One alternative of a guidance ref: `practice:x`, or `practice:x~login,password` which holds only
 * when some of its evidence mentions one of the words (case-insensitive). Returns the matching evidence.
 */
function evalAlternative(alt: string, facts: Facts): { ok: boolean; evidence: Evidence[] } {
  if (alt === `archetype:${REUSABLE}`) return { ok: (facts as GuidanceFacts).deployable === false, evidence: [] };
  if (alt.startsWith('archetype:')) return { ok: (facts as GuidanceFacts).archetype === alt.slice('archetype:'.length), evidence: [] };
  const [base, words] = alt.split('~');
  const o = evalRef(base, facts);
  if (!o.ok || !words) return o;
  const list = words.split(',');
  // `^word` matches the start of the evidence detail (`^post` for POST routes), a plain word anywhere.
  const hit = (d: string, w: string) => (w.startsWith('^') ? d.startsWith(w.slice(1)) : d.includes(w));
  // Outside test practices, a mock server's routes or a fixture's queries are not the service's own.
  const own = base.includes('test') ? o.evidence : o.evidence.filter((e) => !TEST_SUPPORT_PATH.test(e.path));
  const evidence = own.filter((e) => list.some((w) => hit(e.detail.toLowerCase(), w)));
  return { ok: evidence.length > 0, evidence };
}

/** True when the ref holds; `a|b` holds when either does; a leading `!` negates it. */
function holds(ref: string, facts: Facts): boolean {
  if (ref.startsWith('!')) return !holds(ref.slice(1), facts);
  return ref.split('|').some((r) => evalAlternative(r, facts).ok);
}

function groupsHold(groups: string[][], facts: Facts): boolean {
  return groups.some((g) => g.every((ref) => holds(ref, facts)));
}

// ---------------------------------------------------------------------------------------------
// Backend profile

/**
 * The primary backend stack, its framework flavour and the kind of codebase. The stack comes from
 * backend frameworks (declared and imported), routes and servers; lines of code decide only when
 * none of those exists (a library). Pure; `r.skills` is not read.
 */
export function backendProfile(k: Knowledge, r: Pick<AnalysisResult, 'technologies' | 'practices' | 'languages'>): BackendProfile {
  const score = new Map<string, number>();
  const why = new Map<string, string[]>();
  const add = (stack: string | undefined, n: number, reason?: string) => {
    if (!stack || n <= 0) return;
    score.set(stack, (score.get(stack) ?? 0) + n);
    if (reason) (why.get(stack) ?? why.set(stack, []).get(stack)!).push(reason);
  };
  const linesOf = (id: string) => r.languages.find((l) => l.id === id)?.lines ?? 0;
  const stackOfPath = (p: string) => languageOf(p, k.languages)?.stack;
  /** JVM technologies belong to the JVM language their code is written in (else the one with most lines). */
  const jvmStack = (ev: Evidence[]) => {
    const counts = new Map<string, number>();
    for (const e of ev) {
      if (e.path.endsWith('.kts')) continue;
      const lang = languageOf(e.path, k.languages)?.id;
      if (lang && JVM_LANGUAGES.includes(lang)) counts.set(lang, (counts.get(lang) ?? 0) + 1);
    }
    const pick = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? [...JVM_LANGUAGES].sort((a, b) => linesOf(b) - linesOf(a))[0];
    return linesOf(pick) || counts.size ? pick : undefined;
  };
  const stackOfTech = (id: string, ev: Evidence[]) => {
    const eco = k.techById.get(id)?.ecosystems?.[0];
    if (!eco) return undefined;
    return eco === 'jvm' ? jvmStack(ev) : ECOSYSTEM_STACK[eco];
  };

  const frameworks: { id: string; name: string; stack: string; weight: number }[] = [];
  for (const t of r.technologies) {
    if (t.category !== 'framework' && t.category !== 'web-server') continue;
    const own = t.evidence.filter((e) => !e.detail.startsWith('implied by'));
    const stack = stackOfTech(t.id, own.length ? own : t.evidence);
    if (!stack) continue;
    if (t.category === 'web-server') {
      add(stack, 1, `${t.name} server`);
      continue;
    }
    let weight = (t.declared ? 3 : 0) + Math.min(t.usedInFiles, 20) * 0.5 + (own.some((e) => !/^(import |.*dependency )/.test(e.detail)) ? 1 : 0);
    if (!own.length) weight = 1; // implied by another framework of the same stack (Spring Boot → Spring MVC)
    if (k.guidance.archetypes.fullstackFrameworks.includes(t.id)) weight /= 2;
    frameworks.push({ id: t.id, name: t.name, stack, weight });
    add(stack, weight, t.usedInFiles ? `${t.name} used in ${t.usedInFiles} file${t.usedInFiles === 1 ? '' : 's'}` : `${t.name} ${t.declared ? 'declared' : 'configured'}`);
  }
  const routesByStack = new Map<string, number>();
  for (const p of r.practices.filter((x) => ROUTE_PRACTICES.includes(x.id))) {
    for (const e of p.evidence) {
      const st = stackOfPath(e.path) ?? (e.path.endsWith('routes.rb') ? 'ruby' : undefined);
      if (st) routesByStack.set(st, (routesByStack.get(st) ?? 0) + 1);
    }
  }
  for (const [st, n] of routesByStack) add(st, Math.min(n, 20) * 0.5, `${n} route${n === 1 ? '' : 's'} in ${k.guidance.stacks.find((s) => s.id === st)?.name ?? st} files`);

  let stack: string | undefined;
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1]);
  const reasons: string[] = [];
  if (ranked.length) {
    stack = ranked[0][0];
    reasons.push(...(why.get(stack) ?? []).slice(0, 3));
  } else {
    // No framework, route or server: a library or tool; its main language decides.
    // Browser JavaScript (Stimulus controllers, a React bundle) is not server code.
    const serverLines = (l: (typeof r.languages)[number]) => l.lines - (l.browserLines ?? 0);
    const main = [...r.languages].filter((l) => k.languages.find((d) => d.id === l.id)?.stack && serverLines(l) > 0).sort((a, b) => serverLines(b) - serverLines(a))[0];
    if (main) {
      stack = k.languages.find((d) => d.id === main.id)!.stack;
      reasons.push(`no backend framework or routes; most code is ${main.name} (${serverLines(main)} lines)`);
    }
  }
  const stackDef = k.guidance.stacks.find((s) => s.id === stack);
  const framework = stackDef ? flavourOf(stackDef, frameworks.filter((f) => f.stack === stack)) : undefined;
  const otherStacks = ranked.slice(1).filter(([, n]) => n >= 2).map(([s]) => s);
  const archetype = archetypeOf(k, r, stack, routesByStack);
  const fwName = stackDef?.frameworks.find((f) => f.flavour === framework)?.name;
  // A service with no entry point, container or server configuration is reused by others, not deployed.
  const deployPractices = k.guidance.archetypes.deployPractices;
  const undeployed = SERVICE_ARCHETYPES.includes(archetype) && !!deployPractices && !r.practices.some((p) => deployPractices.includes(p.id));
  if (undeployed) reasons.push('no entry point, container or server configuration to deploy: a reusable app');
  const label = `${stackDef ? `${stackDef.name}${fwName ? ` (${fwName})` : ''}` : 'no backend stack found'} · ${ARCHETYPE_LABEL[archetype]}${undeployed ? ' (reusable, nothing to deploy)' : ''}`;
  return { ...(stack ? { stack } : {}), ...(framework ? { framework } : {}), otherStacks, archetype, ...(undeployed ? { deployable: false as const } : {}), label, reasons };
}

/** Kinds of codebase that run as a service (and so are deployed, unless the codebase is a reusable app). */
const SERVICE_ARCHETYPES: Archetype[] = ['json-api', 'web-app', 'worker'];

/** Words for the kinds of codebase. */
export const ARCHETYPE_LABEL: Record<Archetype, string> = {
  'json-api': 'JSON API',
  'web-app': 'server-rendered web app',
  worker: 'background worker',
  library: 'library',
  cli: 'command-line tool',
  tutorial: 'tutorial-sized project',
};

function flavourOf(stack: GuidanceStack, frameworks: { id: string; weight: number }[]): string | undefined {
  for (const f of [...frameworks].sort((a, b) => b.weight - a.weight)) {
    const flavour = stack.frameworks.find((x) => x.techs.includes(f.id));
    if (flavour) return flavour.flavour;
  }
  return undefined;
}

function archetypeOf(
  k: Knowledge,
  r: Pick<AnalysisResult, 'technologies' | 'practices' | 'languages'>,
  stack: string | undefined,
  routesByStack: Map<string, number>,
): Archetype {
  const rules = k.guidance.archetypes;
  const stackLangs = k.languages.filter((l) => l.stack && l.stack === stack).map((l) => l.id);
  const code = r.languages.filter((l) => stackLangs.includes(l.id));
  const lines = code.reduce((n, l) => n + l.lines, 0);
  const files = code.reduce((n, l) => n + l.files, 0);
  const has = (id: string) => r.practices.some((p) => p.id === id);
  const testCases = r.practices.find((p) => p.id === 'test-cases')?.count ?? 0;
  const practices = [testCases >= 5, has('ci-pipeline'), has('dockerfile'), has('db-migrations')].filter(Boolean).length;
  if (lines < rules.tutorialLines && files <= rules.tutorialFiles && practices <= 1 && testCases < 5) return 'tutorial';
  const routes = stack ? routesByStack.get(stack) ?? 0 : [...routesByStack.values()].reduce((a, b) => a + b, 0);
  if (routes > 0) {
    // Each route's handler says what it answers with (issue 9's detectors): pages or JSON.
    const count = (id: string) => r.practices.find((p) => p.id === id)?.count ?? 0;
    const pages = count('server-rendered-pages');
    const json = count('json-endpoints');
    // Many templates mean pages, even when the handlers also answer JSON to their own front end.
    const templateFiles = count('frontend-templates');
    if (templateFiles >= 20 && templateFiles * 2 >= routes) return 'web-app';
    if (pages || json) return pages >= json ? 'web-app' : 'json-api';
    const templates = r.technologies
      .filter((t) => t.category === 'template-engine')
      .reduce((n, t) => n + t.usedInFiles + t.evidence.filter((e) => !/^(import |.*dependency |implied by)/.test(e.detail)).length, 0);
    return templates >= 3 && templates * 4 >= routes ? 'web-app' : 'json-api';
  }
  if (has('messaging')) return 'worker';
  if (r.technologies.some((t) => rules.cliTechs.includes(t.id) && (t.usedInFiles > 0 || t.declared))) return 'cli';
  return 'library';
}

// ---------------------------------------------------------------------------------------------
// Levels

/**
 * Each skill's expectation per level: `met` when the level's rule holds, `not-yet` when it does
 * not, `n/a` when the catalog sets no expectation there or the workspace cannot show the skill (not
 * observable here, or another language's track with no code in it). Target-independent.
 */
export function evaluateLevels(k: Knowledge, facts: Facts, skills: SkillResult[]): Map<string, SkillLevels> {
  const out = new Map<string, SkillLevels>();
  for (const s of skills) {
    const g = k.guidance.skills.get(s.id);
    const def = k.skills.find((d) => d.id === s.id);
    const none = !g || s.status === 'not-observable' || (def?.tracks !== undefined && s.status === 'missing');
    const levels = {} as SkillLevels;
    for (const l of LEVELS) {
      const exp = g?.levels[l];
      levels[l] = none || !exp ? 'n/a' : groupsHold(exp.when, facts) ? 'met' : 'not-yet';
    }
    out.set(s.id, levels);
  }
  return out;
}

/** The result with `skills[].levels` filled in (a new object; the input is not changed). */
export function withLevels(k: Knowledge, r: AnalysisResult): AnalysisResult {
  const levels = evaluateLevels(k, factsOf(r), r.skills);
  return { ...r, skills: r.skills.map((s) => ({ ...s, levels: levels.get(s.id)! })) };
}

/** Core expectations at the target level that the workspace shows (skills optional for the target are left out). */
export function readiness(k: Knowledge, r: AnalysisResult, level: Level): Readiness {
  let met = 0;
  let total = 0;
  for (const s of r.skills) {
    const exp = k.guidance.skills.get(s.id)?.levels[level];
    const state = s.levels?.[level];
    if (!exp?.core || s.optional || !state || state === 'n/a') continue;
    total++;
    if (state === 'met') met++;
  }
  return { level, met, total };
}

/** "ready for mid: 18 of 25 core mid expectations shown". */
export function readinessLine(r: Readiness): string {
  return `ready for ${r.level}: ${r.met} of ${r.total} core ${r.level} expectations shown`;
}

// ---------------------------------------------------------------------------------------------
// Steps

/** The stack whose words a skill's steps use: a language track's own stack, else the primary one. */
function stackFor(k: Knowledge, def: SkillDef, profile: BackendProfile): { stack?: string; framework?: string } {
  if (def.tracks) {
    const st = k.languages.find((l) => l.id === def.tracks)?.stack;
    return { stack: st, ...(st === profile.stack && profile.framework ? { framework: profile.framework } : {}) };
  }
  return { stack: profile.stack, framework: profile.framework };
}

/** The text of a variant for a stack: `stack/flavour`, then `stack`, then `any`; without a stack, `generic`, then `any`. */
function textFor(v: StepVariant, stack: string | undefined, framework: string | undefined): { text: StepText; specific: boolean } | undefined {
  const keys = stack ? [...(framework ? [`${stack}/${framework}`] : []), stack, 'any'] : ['generic', 'any'];
  for (const key of keys) {
    const t = v.text[key];
    if (t) return { text: t, specific: key !== 'any' && key !== 'generic' };
  }
  return undefined;
}

/** Routes a step should not be about (health checks, metrics): they go last among a ref's evidence. */
const PLUMBING_ROUTE = /^(GET|HEAD|ANY) \S*\/(health|healthz|healthcheck|health-check|ready|readyz|live|livez|ping|status|metrics|version)\b/i;

/** Evidence of an in-process or test-only database (H2, SQLite, ...): named after the real server's. */
const EMBEDDED_EVIDENCE = /\b(h2database|h2|hsqldb|derby|sqlite3?)\b/i;

/** Folders that hold an API's own routes (`api/`, `apis/`, `rest/`). */
const API_PATH = /(^|\/)(api|apis|rest)(\/|$)/i;

/** Test doubles and fixtures: their routes and queries are not the service's own. */
const TEST_SUPPORT_PATH = /(^|\/)(mocks?|fakes?|stubs?|testdata|test|tests|__tests__|spec|fixtures?|examples?|mock\w*|fake\w*)\/|_test\.go$|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)test_[^/]*\.py$|_spec\.rb$|Tests?\.(java|kt|cs|php|scala)$/i;

/** Evidence of the refs that hold, in ref order, at most `max` rows; the primary stack's own code first. */
function evidenceOf(refs: string[] | undefined, facts: Facts, max: number, inStack?: (path: string) => boolean): Evidence[] {
  const out: Evidence[] = [];
  for (const alternatives of refs ?? []) {
    const o = alternatives.split('|').map((r) => evalAlternative(r, facts)).find((x) => x.ok);
    if (!o) continue;
    // Order: the primary stack's own code, outside test support, API folders first, plumbing routes last.
    const last = (e: Evidence) =>
      Number(PLUMBING_ROUTE.test(e.detail) || EMBEDDED_EVIDENCE.test(e.detail)) * 2 + Number(TEST_SUPPORT_PATH.test(e.path)) * 2 +
      Number(inStack ? !inStack(e.path) : false) * 4 + Number(!API_PATH.test(e.path)) * 0.5;
    const testRef = alternatives.includes('test');
    const rows = [...o.evidence].filter((e) => testRef || !TEST_SUPPORT_PATH.test(e.path)).sort((a, b) => last(a) - last(b));
    for (const e of rows) {
      if (out.length >= max) return out;
      if (!out.some((x) => x.path === e.path && x.line === e.line && x.detail === e.detail)) out.push(e);
    }
  }
  return out;
}

/** Fills `{evidence}` (path:line), `{detail}` (what matched there), `{count}` and `{tech}` from what the step builds on. */
function fill(text: string, v: StepVariant, facts: Facts, buildsOn: Evidence[]): string {
  const refs = [...(v.after ?? []), ...(v.on ?? [])];
  const first = buildsOn[0];
  const alternatives = refs.flatMap((ref) => ref.split('|')).map((ref) => before(ref, '~'));
  const practice = alternatives.map((ref) => /^practice:([a-z0-9-]+)/.exec(ref)?.[1]).map((id) => facts.practices.find((p) => p.id === id)).find((p) => p?.count !== undefined);
  const tech = alternatives.map((ref) => /^tech:([a-z0-9-]+)/.exec(ref)?.[1]).map((id) => facts.technologies.find((t) => t.id === id)).find(Boolean)
    ?? alternatives
      .map((ref) => /^category:([a-z0-9-]+)/.exec(ref)?.[1])
      .map((c) => facts.technologies.filter((t) => t.category === c).sort((a, b) => Number(EMBEDDED_DATABASES.has(a.id)) - Number(EMBEDDED_DATABASES.has(b.id)))[0])
      .find(Boolean);
  let out = (first ? text : text.replace(/ \(\{evidence\}\)/g, ''))
    .replace(/\{evidence\}/g, first ? (first.line ? `${first.path}:${first.line}` : first.path) : 'the existing code')
    .replace(/\{detail\}/g, first ? first.detail.slice(0, 80) : 'it')
    .replace(/\{tech\}/g, tech?.name ?? 'it');
  const count = practice?.count;
  // "{count} unit tests" with a count of one reads "1 unit test".
  if (count === undefined) return out.replace(/\b(the )?\{count\}/g, 'the');
  return out.replace(/\{count\}((?: [A-Za-z-]+)? [a-z]+s\b)?/g, (_m, noun: string | undefined) => `${count}${noun ? (count === 1 ? noun.slice(0, -1) : noun) : ''}`);
}

/**
 * Step texts name npm's commands; a Node project locked by Yarn or pnpm alone (yarn.lock or
 * pnpm-lock.yaml, no package-lock.json) reads them in its own package manager's words.
 */
function inPackageManager(text: string, facts: Facts): string {
  if (!/\bnpm\b/.test(text)) return text;
  const has = (id: string) => facts.technologies.some((t) => t.id === id && !t.transitive);
  if (has('npm') || has('yarn') === has('pnpm')) return text;
  const pm = has('pnpm') ? 'pnpm' : 'yarn';
  const frozen = `${pm} install --frozen-lockfile`;
  return text
    .replace(/\bnpm ci \(or pnpm install --frozen-lockfile\)/g, frozen)
    .replace(/\bnpm ci --omit=dev\b/g, pm === 'yarn' ? `${frozen} --production` : `${frozen} --prod`)
    .replace(/\bnpm ci\b/g, frozen)
    .replace(/\bnpm audit --audit-level=high\b/g, pm === 'yarn' ? 'yarn audit --level high' : 'pnpm audit --audit-level high')
    .replace(/\bnpm (run|test|audit)\b/g, `${pm} $1`)
    .replace(/\bthe npm cache\b/g, `the ${pm} cache`);
}

/** Resolves a learning link: the URL itself, or the docs of the first listed technology (`a|b|c`) the workspace uses, else of the first. */
function learnUrl(k: Knowledge, learn: string, facts: Facts): string {
  if (learn.startsWith('https://')) return learn;
  const ids = learn.split('|');
  const used = ids.find((id) => facts.technologies.some((t) => t.id === id)) ?? ids[0];
  return k.techById.get(used)?.docs ?? '';
}

/** "Mid expectation: … — “Testing”, 8 In-Demand Backend Developer Skills to Master (level by judgement after …)". */
function whyLine(k: Knowledge, level: Level, exp: LevelExpectation): string {
  const title = k.sources.find((d) => d.document === exp.source.document)?.title ?? exp.source.document;
  const basis = exp.basis === 'document' ? '' : ` (level by our judgement${exp.ladder ? `, after ${exp.ladder}` : ''})`;
  return `${level[0].toUpperCase()}${level.slice(1)} expectation: ${exp.expect.replace(/\.$/, '')} — “${exp.source.section}”, ${title}${basis}.`;
}

/** How well the open level fits the target; 0 drops the step. */
function levelFit(level: Level, target: Level, core: boolean, missing: boolean): number {
  const d = RANK[level] - RANK[target];
  if (d === 0) return 1;
  if (d === -1) return 0.8;
  if (d === -2) return core && missing ? 0.6 : 0;
  if (d === 1) return 0.3;
  return 0;
}

/**
 * True for a `practice:` ref whose every row is in a developer's command-line script (the
 * detector's `inCommandLineScripts` figure equals its count): a fix there is real but less urgent
 * than one in application code, so its step ranks at half weight (Ghost's core/cli/timetravel.js).
 */
function onlyInCommandLineScripts(r: AnalysisResult): (ref: string) => boolean {
  return (ref) => {
    const p = ref.startsWith('practice:') ? r.practices.find((x) => x.id === ref.slice('practice:'.length)) : undefined;
    const n = p?.figures?.inCommandLineScripts;
    return !!p && typeof n === 'number' && n > 0 && n === p.count;
  };
}

/** Highest product of the factors, so that scores land in 0..1. */
const MAX_SCORE = 1.25 * 1.15 * 1.5;

/** The candidate for one skill: its lowest open level, in the first variant that is not moot. */
function candidateFor(k: Knowledge, r: AnalysisResult, s: SkillResult, g: SkillGuidance, target: Target, profile: BackendProfile, facts: Facts): StepCandidate | undefined {
  if (s.status === 'not-observable' || s.optional || !s.levels) return undefined;
  // Frontend work is a step only for a fullstack target.
  if (target.role === 'backend' && s.category === FRONTEND_CATEGORY) return undefined;
  const level = LEVELS.find((l) => s.levels![l] === 'not-yet');
  if (!level) return undefined;
  const exp = g.levels[level]!;
  const fitLevel = levelFit(level, target.level, !!exp.core, s.status === 'missing');
  if (!fitLevel) return undefined;
  const def = k.skills.find((d) => d.id === s.id)!;
  const { stack, framework } = stackFor(k, def, profile);
  // A path in a language of another stack (a frontend's JavaScript beside a PHP app) is cited last.
  const inStack = (path: string) => {
    const lang = languageOf(path, k.languages);
    return !lang?.stack || lang.stack === stack;
  };
  for (const v of exp.steps) {
    if (v.after?.length && !v.after.every((ref) => holds(ref, facts))) continue;
    if (v.unless?.some((ref) => holds(ref, facts))) continue;
    const found = textFor(v, stack, framework);
    if (!found || found.text.unless?.some((ref) => holds(ref, facts))) continue;
    // `archetype:` refs choose the wording; only evidence refs are something the step builds on.
    const builds = v.after?.filter((ref) => !ref.startsWith('archetype:')) ?? [];
    const afterEv = evidenceOf(builds, facts, 3, inStack);
    let buildsOn = afterEv.length ? afterEv : evidenceOf(v.on, facts, 3, inStack);
    if (!buildsOn.length) buildsOn = s.evidence.filter((e) => /test/.test(s.id) || !TEST_SUPPORT_PATH.test(e.path)).slice(0, 2);
    const onShare = v.on?.length ? v.on.filter((ref) => holds(ref, facts)).length / v.on.length : 0;
    const factors = {
      levelFit: fitLevel,
      // Running a deployed service is a library's concern only: a reusable app is deployed by its users.
      fit: profile.deployable === false && k.guidance.archetypes.deploySkills?.includes(s.id) ? g.fit.library : g.fit[profile.archetype],
      confidence: def.observable === 'code' ? 1 : 0.75,
      leverage: builds.length ? 1.25 : 1 + 0.15 * onShare,
      core: exp.core ? 1.15 : 1,
      weight: (v.weight ?? 1) * (v.kind === 'fix' && builds.every(onlyInCommandLineScripts(r)) && builds.length ? 0.5 : 1),
      // A language track other than the primary stack's (a frontend's TypeScript beside a Python API) matters less.
      stack: (found.specific ? 1 : 0.8) * (def.tracks && stack !== profile.stack ? 0.5 : 1),
    };
    const raw = Object.values(factors).reduce((a, b) => a * b, 1);
    const anyLevelMet = LEVELS.some((l) => s.levels![l] === 'met');
    return {
      skill: s.id,
      name: s.name,
      level,
      text: inPackageManager(fill(found.text.text, v, facts, buildsOn), facts),
      why: whyLine(k, level, exp),
      buildsOn,
      learn: learnUrl(k, found.text.learn, facts),
      score: Math.round((raw / MAX_SCORE) * 1000) / 1000,
      kind: v.kind === 'fix' ? 'fix' : builds.length || s.status !== 'missing' || anyLevelMet ? 'increment' : 'start',
      expectation: exp.expect,
      aboveTarget: RANK[level] > RANK[target.level],
      factors,
      ...(v.topic ? { topic: v.topic } : {}),
      weak: g.signal === 'weak',
    };
  }
  return undefined;
}

/**
 * Every next step for the target, best first: one per skill (its lowest open level), ranked by
 * score; steps of the same topic are kept once; skills code shows only faintly never rank in the
 * first {@link SHOWN_STEPS}. `r` needs `skills[].levels` (see {@link withLevels}) and `backend`.
 */
export function rankSteps(k: Knowledge, r: AnalysisResult, target: Target, opts: GuidanceOptions = {}): StepCandidate[] {
  const candidates = candidateSteps(k, r, target, opts);
  const topics = new Set<string>();
  const unique = candidates.filter((c) => {
    if (!c.topic) return true;
    if (topics.has(c.topic)) return false;
    topics.add(c.topic);
    return true;
  });
  const strong = unique.filter((c) => !c.weak);
  const head = strong.slice(0, SHOWN_STEPS);
  const rest = unique.filter((c) => !head.includes(c));
  return [...head, ...rest];
}

/** Every skill's candidate step, sorted by score (before topics are de-duplicated). */
export function candidateSteps(k: Knowledge, r: AnalysisResult, target: Target, opts: GuidanceOptions = {}): StepCandidate[] {
  const profile = r.backend ?? backendProfile(k, r);
  const facts = factsOf({ ...r, backend: profile });
  const order = new Map(k.skills.map((s, i) => [s.id, i]));
  const anchor = anchorEvidence(k, r, profile);
  const candidates: StepCandidate[] = [];
  // Issue 10's lens: in a team repository, the part of the codebase that already does X before "add X".
  const personal = opts.lens === 'you' ? personalGuidance(k, r, target) : undefined;
  for (const s of r.skills) {
    const g = k.guidance.skills.get(s.id);
    let c: StepCandidate | undefined = g ? candidateFor(k, r, s, g, target, profile, facts) : undefined;
    // A first step still applies to some code: point at the main framework (or the main language's code).
    if (c && !c.buildsOn.length && anchor) c = { ...c, buildsOn: [anchor] };
    if (personal) c = c ? (personal.adjust(c, s) as StepCandidate) : (personal.candidate(s) as StepCandidate | undefined);
    for (const adjust of opts.adjust ?? []) if (c) c = adjust(c, { result: r, skill: s });
    if (c) candidates.push(c);
  }
  candidates.sort((a, b) => b.score - a.score || Number(b.kind === 'fix') - Number(a.kind === 'fix') || order.get(a.skill)! - order.get(b.skill)!);
  return candidates;
}

/**
 * The code a step with no evidence of its own applies to: the primary stack's main framework
 * (its manifest entry or first import), else a file of the primary stack's main language.
 */
function anchorEvidence(k: Knowledge, r: AnalysisResult, profile: BackendProfile): Evidence | undefined {
  const stack = k.guidance.stacks.find((x) => x.id === profile.stack);
  const flavour = stack?.frameworks.find((f) => f.flavour === profile.framework);
  const fw = r.technologies.find((t) => t.category === 'framework' && (flavour ? flavour.techs.includes(t.id) : true) && k.techById.get(t.id)?.ecosystems?.some((e) => (ECOSYSTEM_STACK[e] ?? (e === 'jvm' ? 'jvm' : '')) === profile.stack || (e === 'jvm' && JVM_LANGUAGES.includes(profile.stack ?? ''))));
  const ev = fw?.evidence.find((e) => !e.detail.startsWith('implied by'));
  if (ev) return ev;
  const lang = r.languages.find((l) => k.languages.find((d) => d.id === l.id)?.stack === profile.stack);
  return lang?.evidence[0];
}

/** A candidate as the JSON contract's NextStep (ranking internals dropped). */
export function toNextStep(c: StepCandidate): NextStep {
  const { factors: _f, topic: _t, weak: _w, ...step } = c;
  return step;
}

/**
 * The result for another target without rescanning: target flags on every skill, next steps,
 * readiness and each skill's `suggestions` (the text of its step, if it has one). `r` may come from
 * any scan; levels and the backend profile are computed when missing. Pure: `r` is not changed.
 */
export function applyTarget(k: Knowledge, r: AnalysisResult, target: Target, opts: GuidanceOptions = {}): AnalysisResult {
  const defs = new Map(k.skills.map((d) => [d.id, d]));
  let base: AnalysisResult = {
    ...r,
    target: { level: target.level, role: target.role },
    skills: r.skills.map((s) => {
      const def = defs.get(s.id);
      return def ? { ...s, ...targetFlags(def, s.status, target) } : s;
    }),
  };
  if (base.skills.some((s) => !s.levels)) base = withLevels(k, base);
  if (!r.backend) base.backend = backendProfile(k, base);
  const ranked = rankSteps(k, base, target, opts);
  // A skill's suggestion is its own step, even when a step of another skill says the same and ranks first.
  const bySkill = new Map<string, string>();
  for (const c of candidateSteps(k, base, target, opts)) if (!bySkill.has(c.skill)) bySkill.set(c.skill, c.text);
  // The You lens's ranking, only where it differs from the repository's (a team repository with commits of yours).
  const person = base.person && isTeamRepository(base) ? { ...base.person, nextSteps: rankSteps(k, base, target, { ...opts, lens: 'you' }).slice(0, MAX_NEXT_STEPS).map(toNextStep) } : base.person && { ...base.person, nextSteps: undefined };
  return {
    ...base,
    ...(person ? { person: stripUndefined(person) } : {}),
    skills: base.skills.map((s) => ({ ...s, suggestions: bySkill.has(s.id) ? [bySkill.get(s.id)!] : [] })),
    nextSteps: ranked.slice(0, MAX_NEXT_STEPS).map(toNextStep),
    readiness: readiness(k, base, target.level),
  };
}

/** The object without its undefined fields (so JSON and deep equality do not see them). */
function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
