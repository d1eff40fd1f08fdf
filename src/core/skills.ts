/**
 * Skill mapping: evaluates each catalog entry's evidence rules (OR of AND-groups of references,
 * see docs/data-format.md) against what the scan found, and picks next steps for the stack.
 */
import type { Evidence, LanguageStat, Level, PracticeFinding, SkillResult, SkillStatus, TechnologyFinding } from './types';
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
}

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

/** Evaluates one evidence reference against the findings: whether it holds, its evidence and a signal. */
export function evalRef(ref: string, facts: Facts): RefOutcome {
  const r = parseRef(ref);
  if (!r) return { ok: false, evidence: [] };
  const min = r.min ?? 1;
  switch (r.kind) {
    case 'tech': {
      // A transitive dependency (lock-file entry, `// indirect`, `# via`) never shows a skill.
      const t = facts.technologies.find((x) => x.id === r.id && !x.transitive);
      return t ? { ok: true, evidence: t.evidence.slice(0, 5), signal: `${t.name} ${describeUse(t)}` } : { ok: false, evidence: [] };
    }
    case 'category': {
      const ts = facts.technologies.filter((x) => x.category === r.id && !x.transitive);
      if (ts.length < min) return { ok: false, evidence: [] };
      return { ok: true, evidence: ts.flatMap((t) => t.evidence.slice(0, 3)), signal: ts.map((t) => t.name).join(', ') };
    }
    case 'practice': {
      const p = facts.practices.find((x) => x.id === r.id);
      if (!p) return { ok: false, evidence: [] };
      const count = p.count ?? (p.evidence.length || 1);
      if (count < min) return { ok: false, evidence: [], signal: `${p.name}: ${count} (needs ${min})` };
      return { ok: true, evidence: p.evidence.slice(0, 10), signal: p.count !== undefined ? `${p.name}: ${p.count}` : p.name };
    }
    case 'language': {
      const l = facts.languages.find((x) => x.id === r.id);
      if (!l || l.lines < min) return { ok: false, evidence: [] };
      return { ok: true, evidence: l.evidence, signal: `${l.name}: ${l.files} files, ${l.lines} lines` };
    }
  }
  return { ok: false, evidence: [] };
}

function describeUse(t: TechnologyFinding): string {
  if (t.usedInFiles) return `(used in ${t.usedInFiles} file${t.usedInFiles === 1 ? '' : 's'})`;
  return t.declared ? '(declared)' : '(configured)';
}

function evalGroups(groups: string[][] | undefined, facts: Facts): { ok: boolean; evidence: Evidence[]; signals: string[] } {
  for (const group of groups ?? []) {
    const outcomes = group.map((ref) => evalRef(ref, facts));
    if (outcomes.every((o) => o.ok)) {
      return { ok: true, evidence: outcomes.flatMap((o) => o.evidence), signals: outcomes.map((o) => o.signal!).filter(Boolean) };
    }
  }
  return { ok: false, evidence: [], signals: [] };
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
  return k.skills.map((s) => {
    let status: SkillStatus;
    let evidence: Evidence[] = [];
    let signals: string[] = [];
    const unobservableHere = !!s.evidence.observableWhen && !s.evidence.observableWhen.some((ref) => evalRef(ref, facts).ok);
    let noSourceHere = false;
    if (s.observable === 'no' || unobservableHere) status = 'not-observable';
    else {
      const d = evalGroups(s.evidence.demonstrated, facts);
      if (d.ok) {
        status = 'demonstrated';
        ({ evidence, signals } = d);
      } else {
        const p = evalGroups(s.evidence.partial, facts);
        status = p.ok ? 'partial' : 'missing';
        ({ evidence, signals } = p);
      }
      // A risk found in the code (string-built SQL, a committed .env) caps the status at partial.
      for (const ref of s.evidence.risks ?? []) {
        const risk = evalRef(ref, facts);
        if (!risk.ok) continue;
        if (status === 'demonstrated') status = 'partial';
        evidence = [...risk.evidence, ...evidence];
        signals = [`risk: ${risk.signal ?? ref}`, ...signals];
      }
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
