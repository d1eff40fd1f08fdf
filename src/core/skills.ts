/**
 * Skill mapping: evaluates each catalog entry's evidence rules (OR of AND-groups of references,
 * see docs/data-format.md) against what the scan found, and picks next steps for the stack.
 */
import type { Confidence, Evidence, LanguageStat, Level, PracticeFinding, SkillResult, SkillStatus, TechnologyFinding } from './types';
import { parseRef, type Knowledge, type SkillDef } from './knowledge';

/** Findings the rules are evaluated against. */
export interface Facts {
  technologies: TechnologyFinding[];
  practices: PracticeFinding[];
  languages: LanguageStat[];
  /** Set when the folder holds no source code: why (skills found nothing for become not-observable). */
  noSource?: string;
}

/** Target of the person using the tool. */
export interface Target {
  level: Level;
  role: 'backend' | 'fullstack';
}

const LEVEL_RANK: Record<Level, number> = { entry: 0, mid: 1, senior: 2 };
/** Most evidence rows kept per skill (the report links to technologies/practices for the rest). */
const MAX_SKILL_EVIDENCE = 25;
/** Category of frontend skills, gaps only for the fullstack role. */
export const FRONTEND_CATEGORY = 'Frontend fundamentals';

/** What one evidence reference yields. */
export interface RefOutcome {
  ok: boolean;
  evidence: Evidence[];
  signal?: string;
  /** The strongest kind of evidence behind it (see {@link CONFIDENCE_ORDER}). */
  strength?: Confidence;
  /** True when it holds only through manifest lines: technologies declared and never used. */
  declaredOnly?: boolean;
}

/**
 * Kinds of evidence, weakest first: a manifest line, an import, use in code or configuration,
 * tests that exercise it, CI that enforces it.
 */
export const CONFIDENCE_ORDER: readonly Confidence[] = ['declared', 'imported', 'used-in-code', 'tested', 'enforced-in-ci'];

/** The strongest of some confidences (undefined for none). */
export function strongest(list: readonly (Confidence | undefined)[]): Confidence | undefined {
  let best = -1;
  for (const c of list) if (c) best = Math.max(best, CONFIDENCE_ORDER.indexOf(c));
  return best < 0 ? undefined : CONFIDENCE_ORDER[best];
}

/** How strongly a technology shows: configured or run somewhere, imported by code, or only declared. */
export function techStrength(t: TechnologyFinding): Confidence {
  if (t.configured) return 'used-in-code';
  return t.usedInFiles ? 'imported' : 'declared';
}

/** An evidence row that is a manifest declaration (`dependency graphql`, `dev dependency vitest`, `build plugin ...`). */
const DECLARATION_ROW = /^(?:(?:dev|test|build|peer|optional|prod|runtime|provided|compile) )?dependency [^\s:]+(?:\s|$)|^build plugin |^Gradle plugin /;

/** Practice id → the kind of evidence it is (from data/practices.json; `used-in-code` by default). */
let practiceStrength: (id: string) => Confidence = () => 'used-in-code';

/** The stacks present, most code first (`node`, `python`, `java`, ...). */
export function detectStacks(k: Knowledge, languages: LanguageStat[]): string[] {
  const out: string[] = [];
  // Browser JavaScript is not Node.js: the node stack needs JavaScript/TypeScript outside the browser.
  const serverScript = languages.filter((l) => l.id === 'javascript' || l.id === 'typescript').reduce((n, l) => n + l.lines - (l.browserLines ?? 0), 0);
  for (const l of languages) {
    const stack = k.languages.find((d) => d.id === l.id)?.stack;
    if (stack === 'node' && serverScript < 20) continue;
    if (stack && !out.includes(stack)) out.push(stack);
  }
  return out;
}

/** Suffix of a language reference that counts only code outside the browser (`language:javascript-server`). */
export const SERVER_SUFFIX = '-server';

/** Evaluates one evidence reference against the findings: whether it holds, its evidence and a signal. */
export function evalRef(ref: string, facts: Facts): RefOutcome {
  const r = parseRef(ref);
  if (!r) return { ok: false, evidence: [] };
  const min = r.min ?? 1;
  switch (r.kind) {
    case 'tech': {
      // A transitive dependency (lock-file entry, `// indirect`, `# via`) never shows a skill.
      const t = facts.technologies.find((x) => x.id === r.id && !x.transitive);
      if (!t) return { ok: false, evidence: [] };
      const strength = techStrength(t);
      return { ok: true, evidence: ownRows(t).slice(0, 5), signal: `${t.name} ${describeUse(t)}`, strength, declaredOnly: strength === 'declared' };
    }
    case 'category': {
      const ts = facts.technologies.filter((x) => x.category === r.id && !x.transitive);
      if (ts.length < min) return { ok: false, evidence: [] };
      const strength = strongest(ts.map(techStrength))!;
      return { ok: true, evidence: ts.flatMap((t) => ownRows(t).slice(0, 3)), signal: ts.map((t) => t.name).join(', '), strength, declaredOnly: strength === 'declared' };
    }
    case 'practice': {
      const p = facts.practices.find((x) => x.id === r.id);
      if (!p) return { ok: false, evidence: [] };
      const count = p.count ?? (p.evidence.length || 1);
      if (count < min) return { ok: false, evidence: [], signal: `${p.name}: ${count} (needs ${min})` };
      // A practice whose every row is a manifest line (a GraphQL gem, a validation library) shows
      // only that something was declared.
      const declaredOnly = p.evidence.length > 0 && p.evidence.every((e) => DECLARATION_ROW.test(e.detail));
      return { ok: true, evidence: p.evidence.slice(0, 10), signal: p.count !== undefined ? `${p.name}: ${p.count}` : p.name, strength: declaredOnly ? 'declared' : practiceStrength(p.id), declaredOnly };
    }
    case 'language': {
      // `language:javascript-server`: the language's code that does not run in the browser (Node.js work).
      if (r.id.endsWith(SERVER_SUFFIX)) {
        const l = facts.languages.find((x) => x.id === r.id.slice(0, -SERVER_SUFFIX.length));
        const lines = l ? l.lines - (l.browserLines ?? 0) : 0;
        if (!l || lines < min || !l.serverEvidence?.length) return { ok: false, evidence: [] };
        return { ok: true, evidence: l.serverEvidence, signal: `${l.name} outside the browser: ${l.files - (l.browserFiles ?? 0)} files, ${lines} lines`, strength: 'used-in-code' };
      }
      const l = facts.languages.find((x) => x.id === r.id);
      if (!l || l.lines < min) return { ok: false, evidence: [] };
      return { ok: true, evidence: l.evidence, signal: `${l.name}: ${l.files} files, ${l.lines} lines`, strength: 'used-in-code' };
    }
  }
  return { ok: false, evidence: [] };
}

/** A technology's rows without its lock-file lines (the project's own declaration says it). */
function ownRows(t: TechnologyFinding): Evidence[] {
  const own = t.evidence.filter((e) => !e.detail.startsWith('transitive dependency'));
  return own.length ? own : t.evidence;
}

function describeUse(t: TechnologyFinding): string {
  if (t.usedInFiles) return `(used in ${t.usedInFiles} file${t.usedInFiles === 1 ? '' : 's'})`;
  if (t.configured) return '(configured)';
  return t.declared ? '(declared)' : '(configured)';
}

/** A holding group: the rows that support the skill, its signals and its strongest kind of evidence. */
interface GroupOutcome {
  ok: boolean;
  evidence: Evidence[];
  signals: string[];
  confidence?: Confidence;
  /**
   * Demonstrated groups only: the first group that holds only through manifest lines (a declared,
   * unused technology and nothing else), which can show no more than partial.
   */
  weak?: { evidence: Evidence[]; signals: string[] };
}

/**
 * Evaluates OR-of-AND groups. Refs listed in `context` gate a group but lend it no rows (a
 * skill lists only rows that support it: routes under API testing are context). With `strict`,
 * a group whose supporting refs hold only through declared, unused technologies does not hold.
 */
function evalGroups(groups: string[][] | undefined, facts: Facts, context: ReadonlySet<string> = new Set(), strict = false): GroupOutcome {
  let weak: GroupOutcome['weak'];
  for (const group of groups ?? []) {
    const outcomes = group.map((ref) => ({ ref, o: evalRef(ref, facts) }));
    if (!outcomes.every(({ o }) => o.ok)) continue;
    const supporting = outcomes.filter(({ ref }) => !context.has(ref));
    const shown = supporting.length ? supporting : outcomes;
    const evidence = shown.flatMap(({ o }) => o.evidence);
    const signals = outcomes.map(({ o }) => o.signal!).filter(Boolean);
    if (strict && shown.every(({ o }) => o.declaredOnly)) {
      const marked = outcomes.map(({ o }) => (o.declaredOnly && o.signal ? o.signal.replace(/( \(declared\))?$/, ' (declared, not used)') : o.signal)).filter((x): x is string => !!x);
      weak ??= { evidence, signals: marked };
      continue;
    }
    return { ok: true, evidence, signals, confidence: strongest(shown.map(({ o }) => o.strength)) };
  }
  return { ok: false, evidence: [], signals: [], ...(weak ? { weak } : {}) };
}

function dedupe(ev: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return ev.filter((e) => {
    const key = `${e.path}:${e.line ?? ''}:${e.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Evaluates every catalog skill. Status rules: `observable: "no"` → not-observable; a holding
 * `demonstrated` group → demonstrated; a holding `partial` group → partial; else missing.
 * A holding `risks` ref (a negative practice such as a committed .env) caps demonstrated at partial
 * and puts its evidence first; risks never raise a status.
 */
export function evaluateSkills(k: Knowledge, facts: Facts, target: Target): SkillResult[] {
  practiceStrength = (id) => k.practiceById.get(id)?.confidence ?? 'used-in-code';
  return k.skills.map((s) => {
    let status: SkillStatus;
    let evidence: Evidence[] = [];
    let signals: string[] = [];
    let confidence: Confidence | undefined;
    const context = new Set(s.evidence.context ?? []);
    const unobservableHere = !!s.evidence.observableWhen && !s.evidence.observableWhen.some((ref) => evalRef(ref, facts).ok);
    let noSourceHere = false;
    if (s.observable === 'no' || unobservableHere) status = 'not-observable';
    else {
      const d = evalGroups(s.evidence.demonstrated, facts, context, true);
      if (d.ok) {
        status = 'demonstrated';
        ({ evidence, signals, confidence } = d);
      } else {
        const p = evalGroups(s.evidence.partial, facts, context);
        status = p.ok ? 'partial' : 'missing';
        ({ evidence, signals, confidence } = p);
        // One manifest line alone (`gem "graphql"`, a Mongo starter) is partial: declared, not used.
        if (d.weak) {
          status = 'partial';
          evidence = p.ok ? [...evidence, ...d.weak.evidence] : d.weak.evidence;
          signals = [...new Set([...signals, ...d.weak.signals])];
          confidence = strongest([confidence, 'declared']);
        }
      }
      // A risk found in the code (string-built SQL, a committed .env) caps the status at partial.
      for (const ref of s.evidence.risks ?? []) {
        const risk = evalRef(ref, facts);
        if (!risk.ok) continue;
        if (status === 'demonstrated') status = 'partial';
        evidence = [...risk.evidence, ...evidence];
        signals = [`risk: ${risk.signal ?? ref}`, ...signals];
      }
      if (status === 'missing') confidence = undefined;
      // A folder with no source code cannot show what it lacks: nothing found is "not observable here", never a gap.
      if (status === 'missing' && facts.noSource) {
        status = 'not-observable';
        noSourceHere = true;
      }
    }
    const { aboveTarget, optional } = targetFlags(s, status, target);
    return {
      id: s.id,
      name: s.name,
      category: s.category,
      status,
      observable: s.observable,
      level: s.level,
      summary: s.summary,
      evidence: dedupe(evidence).slice(0, MAX_SKILL_EVIDENCE),
      signals: [...new Set(signals)],
      ...(confidence && (status === 'demonstrated' || status === 'partial') ? { confidence } : {}),
      // Filled by guidance (src/core/guidance.ts): the text of the skill's next step for the target.
      suggestions: [],
      ...(status === 'missing' || status === 'partial' ? { searched: s.evidence.searched } : {}),
      ...(unobservableHere ? { searched: unreadableReason(k, s, facts) ?? s.evidence.unobservableReason ?? s.evidence.searched } : {}),
      ...(noSourceHere ? { searched: facts.noSource } : {}),
      aboveTarget,
      optional,
      sources: s.sources,
    };
  });
}

/**
 * Why a skill whose `observableWhen` fails cannot be judged, when a detector of the same practice
 * group said the data was there but unreadable (`figures.unreadable` on e.g. git-repository: a
 * history that could not be read, a repository without commits). Undefined otherwise.
 */
function unreadableReason(k: Knowledge, s: SkillDef, facts: Facts): string | undefined {
  const groups = new Set((s.evidence.observableWhen ?? []).map((ref) => parseRef(ref)).filter((r) => r?.kind === 'practice').map((r) => k.practiceById.get(r!.id)?.group));
  const p = facts.practices.find((x) => typeof x.figures?.unreadable === 'string' && groups.has(k.practiceById.get(x.id)?.group));
  return p ? `the repository is here, but its history is not available (${p.figures!.unreadable}), so this skill cannot be judged from it; not a gap` : undefined;
}

/**
 * The target-dependent flags of a skill: above the target level (shown as "next level"), and
 * optional (a missing skill that is no gap for this person: another language, or frontend work
 * for a backend role). Re-applied without rescanning when the target changes.
 */
export function targetFlags(s: Pick<SkillDef, 'level' | 'tracks' | 'category'>, status: SkillStatus, target: Target): { aboveTarget: boolean; optional: boolean } {
  return {
    aboveTarget: LEVEL_RANK[s.level] > LEVEL_RANK[target.level],
    optional: status === 'missing' && (s.tracks !== undefined || (target.role === 'backend' && s.category === FRONTEND_CATEGORY)),
  };
}

/** Gaps worth closing next: missing or partial, not optional; at or below the target level first. */
export function gaps(skills: SkillResult[]): SkillResult[] {
  const order: Record<string, number> = { missing: 0, partial: 1 };
  return skills
    .filter((s) => (s.status === 'missing' || s.status === 'partial') && !s.optional)
    .sort((a, b) => Number(a.aboveTarget) - Number(b.aboveTarget) || LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || order[a.status] - order[b.status]);
}
