/**
 * The personal lens in the next steps. In a team repository (other people commit here too) a
 * skill the codebase already shows but your commits do not is best learned on that code: "work on
 * the part of this codebase that already does X" ranks above "add X". Pure: reads a finished
 * {@link AnalysisResult} with `person` and `skills[].personal`; used by guidance.ts.
 */
import type { AnalysisResult, Evidence, Level, SkillResult } from '../types';
import type { Knowledge } from '../knowledge';
import { describeEvidence } from '../profile';

/** A step candidate as guidance ranks it (the fields this module reads or sets). */
interface Candidate {
  skill: string;
  name: string;
  level: Level;
  text: string;
  why: string;
  buildsOn: Evidence[];
  learn: string;
  score: number;
  kind: 'start' | 'increment' | 'fix';
  expectation: string;
  aboveTarget: boolean;
  factors: { levelFit: number; fit: number; confidence: number; leverage: number; core: number; weight: number; stack: number };
  weak: boolean;
}

const RANK: Record<Level, number> = { entry: 0, mid: 1, senior: 2 };
/** "Add X" steps rank this much lower in a team repository, where existing code is the better teacher. */
const START_IN_TEAM = 0.85;
/** "Work on the part that already does X" for a skill the team shows and you do not. */
const JOIN_BOOST = 1.2;

/** True when others commit here too and you have commits: a team repository from your point of view. */
export function isTeamRepository(r: AnalysisResult): boolean {
  const p = r.person;
  return !!p && p.commits > 0 && (p.authors ?? 0) >= 2;
}

/** True when the repository shows the skill and your own commits do not (none, or only touched). */
function notYetYours(s: SkillResult): boolean {
  return (s.status === 'demonstrated' || s.status === 'partial') && !!s.personal && s.personal.status !== 'authored';
}

/** "Work on the part of this codebase that already does this: …; you have changed none of it. Pair …". */
function joinText(s: SkillResult): string {
  const ev = s.evidence.filter((e) => !/^(import |(dev |test )?dependency )/.test(e.detail));
  const what = describeEvidence(ev.length ? ev : s.evidence);
  const files = [...new Set((ev.length ? ev : s.evidence).map((e) => e.path))];
  const where = files.length === 1 ? files[0] : `${files.length} files such as ${files[0]}`;
  const yours = s.personal?.status === 'touched' ? 'you have only touched it, not written it' : 'you have changed none of it';
  return `Work on the part of this codebase that already does this: ${what ? `${what} in ` : ''}${where}; ${yours}. Pair with its authors on the next change there before adding anything new.`;
}

/**
 * The personal preference for guidance's ranking: `adjust` rewrites and re-scores a candidate,
 * `candidate` adds a step for a skill the team shows and you do not when guidance has none for it.
 * Undefined outside a team repository (the ranking is then the repository's).
 */
export function personalGuidance(k: Knowledge, r: AnalysisResult, target: { level: Level }): { adjust(c: Candidate, s: SkillResult): Candidate; candidate(s: SkillResult): Candidate | undefined } | undefined {
  if (!isTeamRepository(r)) return undefined;
  const round = (n: number) => Math.round(Math.min(1, n) * 1000) / 1000;
  return {
    adjust(c, s) {
      if (notYetYours(s) && c.kind !== 'fix') {
        return { ...c, text: joinText(s), kind: 'increment', buildsOn: s.evidence.slice(0, 3), score: round(c.score * JOIN_BOOST) };
      }
      if (c.kind === 'start') return { ...c, score: round(c.score * START_IN_TEAM) };
      return c;
    },
    candidate(s) {
      if (!notYetYours(s) || s.optional || s.observable === 'no') return undefined;
      const g = k.guidance.skills.get(s.id);
      const def = k.skills.find((d) => d.id === s.id);
      if (!def) return undefined;
      const d = RANK[def.level] - RANK[target.level];
      const levelFit = d === 0 ? 1 : d === -1 ? 0.8 : d === -2 ? 0.6 : d === 1 ? 0.3 : 0;
      if (!levelFit) return undefined;
      const exp = g?.levels[target.level] ?? g?.levels[def.level];
      const factors = { levelFit, fit: g ? Math.max(...Object.values(g.fit)) : 0.6, confidence: def.observable === 'code' ? 1 : 0.75, leverage: 1.25, core: exp?.core ? 1.15 : 1, weight: 1, stack: 1 };
      const raw = Object.values(factors).reduce((a, b) => a * b, 1) * JOIN_BOOST;
      return {
        skill: s.id,
        name: s.name,
        level: def.level,
        text: joinText(s),
        why: `The team's code shows ${s.name} and your commits here do not yet: real code your team maintains is the quickest place to learn it${exp ? ` (${exp.expect.replace(/\.$/, '')})` : ''}.`,
        buildsOn: s.evidence.slice(0, 3),
        learn: k.guidance.stacks.find((x) => x.id === r.backend?.stack)?.docs ?? '',
        score: round(raw / (1.25 * 1.15 * 1.5)),
        kind: 'increment',
        expectation: exp?.expect ?? def.summary,
        aboveTarget: d > 0,
        factors,
        weak: g?.signal === 'weak' || def.observable !== 'code',
      };
    },
  };
}
