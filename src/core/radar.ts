/**
 * The overview every face leads with: per skill category, how much of what the target level
 * expects this workspace shows (the radar chart's axes), a headline for the target, the detected
 * stack as a short list, and the first next steps. Pure data over one {@link AnalysisResult}, so
 * the sidebar's webview view, the report and tests all draw the same picture.
 */
import type { AnalysisResult, Level, NextStep, SkillResult, TechnologyFinding } from './types';
import { readinessLine } from './guidance';

/** Short names of the catalog's categories (data/skills.json `category`) for chart axes and tree rows; unknown ones keep their name. */
export const CATEGORY_SHORT: Record<string, string> = {
  'Programming languages': 'Languages',
  'Frameworks and server-side': 'Frameworks',
  'Databases and data': 'Databases',
  APIs: 'APIs',
  Security: 'Security',
  'Version control and collaboration': 'Version control',
  'Testing and debugging': 'Testing',
  'CI/CD and DevOps': 'CI/CD',
  'Containers, servers and deployment': 'Deployment',
  'Cloud and serverless': 'Cloud',
  'Architecture and design': 'Architecture',
  'Data structures and algorithms': 'Algorithms',
  'Frontend fundamentals': 'Frontend',
  'Demonstrating skills': 'Portfolio',
  'Development tools': 'Dev tools',
  'Soft skills': 'Soft skills',
};

/** Readable names of technology categories (data/technologies `category` ids). */
const TECH_CATEGORY_LABEL: Record<string, string> = {
  api: 'API',
  'api-docs': 'API documentation',
  auth: 'Authentication',
  'build-tool': 'Build tool',
  bundler: 'Bundler',
  cache: 'Cache',
  ci: 'CI',
  cloud: 'Cloud platform',
  'cloud-service': 'Cloud service',
  container: 'Containers',
  coverage: 'Coverage',
  database: 'Database',
  'dev-environment': 'Dev environment',
  formatter: 'Formatter',
  framework: 'Framework',
  frontend: 'Frontend',
  iac: 'Infrastructure as code',
  library: 'Library',
  linter: 'Linter',
  logging: 'Logging',
  messaging: 'Messaging',
  migration: 'Migrations',
  observability: 'Observability',
  orchestration: 'Orchestration',
  orm: 'ORM',
  'package-manager': 'Package manager',
  saas: 'SaaS',
  security: 'Security',
  serverless: 'Serverless',
  'template-engine': 'Templates',
  'test-e2e': 'End-to-end tests',
  'test-framework': 'Test framework',
  'test-load': 'Load tests',
  'test-tool': 'Test tool',
  validation: 'Validation',
  'web-server': 'Web server',
};

/** A technology category id as words: `api-docs` → "API documentation", unknown ids capitalised. */
export function techCategoryLabel(id: string): string {
  return TECH_CATEGORY_LABEL[id] ?? id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');
}

/** Short axis label of a skill category. */
export function categoryShort(category: string): string {
  return CATEGORY_SHORT[category] ?? category;
}

/** One axis of the radar: a skill category measured against the target level. */
export interface RadarAxis {
  category: string;
  /** Short label for the chart (see {@link CATEGORY_SHORT}). */
  label: string;
  /** Skills of this category the target expects (at or below the target level, observable in code, not optional). */
  expected: number;
  demonstrated: number;
  partial: number;
  /** 0–100: demonstrated count fully, partial half, over `expected`. */
  score: number;
  /** 0–100 for your own commits when the personal lens has data: the mean `skills[].personal.weight` (1 authored now, decaying; 0.3 touched). */
  you?: number;
}

/** One next step as the faces list it. */
export interface RadarStep {
  skillId: string;
  skillName: string;
  category: string;
  text: string;
  status: SkillResult['status'];
}

/** A technology chip of the detected stack. */
export interface StackChip {
  id: string;
  name: string;
  category: string;
}

/** The overview model. */
export interface RadarModel {
  target: { level: Level; role: string };
  /** The readiness line for the target, e.g. "Ready for mid: 18 of 25 core mid expectations shown". */
  headline: string;
  /** Expectations of the target level shown (demonstrated) and how many there are. */
  ready: { shown: number; of: number };
  axes: RadarAxis[];
  /** Languages and the main technologies, most telling first. */
  stack: StackChip[];
  /** How many stack entries were left out of `stack`. */
  moreStack: number;
  nextSteps: RadarStep[];
  /** True when the personal lens contributed a "you" series. */
  hasYou: boolean;
  /** True when the workspace holds no source and no manifests: nothing to rate. */
  empty: boolean;
}

const LEVEL_RANK: Record<Level, number> = { entry: 0, mid: 1, senior: 2 };

/** Technology categories in the order a reader checks a stack; others are not chips. */
const STACK_ORDER = ['framework', 'database', 'orm', 'cache', 'messaging', 'api', 'test-framework', 'test-e2e', 'container', 'orchestration', 'ci', 'cloud', 'iac', 'serverless'];

/**
 * True when the scan found nothing to rate: the engine's `noSource` (an empty folder, or only
 * documents, data and configuration), or no languages, technologies or manifests at all.
 */
export function isEmptyResult(r: AnalysisResult): boolean {
  if (r.noSource) return true;
  return r.languages.length === 0 && r.technologies.length === 0 && r.components.every((c) => c.manifests.length === 0);
}

/** Whether a skill counts toward the target level: observable in code, not optional, at or below the target. */
export function expectedAtTarget(s: SkillResult, level: Level): boolean {
  return s.observable !== 'no' && s.status !== 'not-observable' && !s.optional && LEVEL_RANK[s.level] <= LEVEL_RANK[level];
}

/**
 * The next steps to show, in order: the engine's ranked `nextSteps` (guidance.ts), or the
 * given whole ranking. Skills whose ids are in `dismissed` are left out. At most `max` entries.
 */
export function nextStepsOf(r: AnalysisResult, dismissed: ReadonlySet<string> = new Set(), max = 5, ranking: NextStep[] = r.nextSteps ?? []): RadarStep[] {
  const byId = new Map(r.skills.map((s) => [s.id, s]));
  const steps: RadarStep[] = [];
  for (const step of ranking) {
    const s = byId.get(step.skill);
    if (!s || dismissed.has(s.id)) continue;
    steps.push({ skillId: s.id, skillName: step.name, category: s.category, text: step.text, status: s.status });
  }
  return steps.slice(0, max);
}

/** The detected stack: languages by size, then technologies by {@link STACK_ORDER}. */
export function stackOf(r: AnalysisResult, max = 8): { chips: StackChip[]; more: number } {
  // Languages that make up a real share of the code: not a 7-line config script or a lone schema file.
  const top = Math.max(0, ...r.languages.map((l) => l.lines));
  const langs = [...r.languages]
    .filter((l) => l.lines > 0 && l.lines >= top * 0.2)
    .sort((a, b) => b.lines - a.lines)
    .slice(0, 3)
    .map((l) => ({ id: l.id, name: l.name, category: 'language' }));
  const rank = (t: TechnologyFinding) => STACK_ORDER.indexOf(t.category);
  const techs = r.technologies
    .filter((t) => rank(t) >= 0 && !t.evidence.every((e) => e.detail.startsWith('implied by')))
    .sort((a, b) => rank(a) - rank(b) || b.usedInFiles - a.usedInFiles || Number(b.declared) - Number(a.declared))
    .map((t) => ({ id: t.id, name: t.name, category: t.category }));
  const all = [...langs, ...techs];
  return { chips: all.slice(0, max), more: Math.max(0, all.length - max) };
}

/**
 * Builds the overview of one result. `dismissed`: skill ids the user marked "not relevant to me".
 * `lens` 'you' lists the You lens's next steps (`person.nextSteps`) when the result has them; the
 * repository's `nextSteps` otherwise.
 */
export function radarModel(r: AnalysisResult, dismissed: ReadonlySet<string> = new Set(), lens: 'repository' | 'you' = 'repository'): RadarModel {
  const level = r.target.level;
  const cats = new Map<string, SkillResult[]>();
  for (const s of r.skills) {
    if (!expectedAtTarget(s, level)) continue;
    (cats.get(s.category) ?? cats.set(s.category, []).get(s.category)!).push(s);
  }
  // The personal lens (present with `person`): the You series is the decayed weight of your own evidence.
  const hasYou = !!r.person && r.skills.some((s) => s.personal !== undefined);
  const axes: RadarAxis[] = [...cats.entries()].map(([category, skills]) => {
    const demonstrated = skills.filter((s) => s.status === 'demonstrated').length;
    const partial = skills.filter((s) => s.status === 'partial').length;
    const score = Math.round((100 * (demonstrated + partial / 2)) / skills.length);
    const axis: RadarAxis = { category, label: categoryShort(category), expected: skills.length, demonstrated, partial, score };
    if (hasYou) axis.you = Math.round((100 * skills.reduce((sum, s) => sum + (s.personal?.weight ?? 0), 0)) / skills.length);
    return axis;
  });
  const shown = axes.reduce((n, a) => n + a.demonstrated, 0);
  const of = axes.reduce((n, a) => n + a.expected, 0);
  // The engine's readiness (core expectations of the target level) is the headline every face shows.
  const line = r.readiness ? readinessLine(r.readiness) : `ready for ${level}: ${shown} of ${of} expectations shown`;
  const headline = line.charAt(0).toUpperCase() + line.slice(1);
  const { chips, more } = stackOf(r);
  return {
    target: { level, role: r.target.role },
    headline,
    ready: { shown, of },
    axes,
    stack: chips,
    moreStack: more,
    nextSteps: nextStepsOf(r, dismissed, 3, lens === 'you' && r.person?.nextSteps ? r.person.nextSteps : (r.nextSteps ?? [])),
    hasYou,
    empty: isEmptyResult(r),
  };
}
