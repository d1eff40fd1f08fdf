/**
 * The content of a hover tip, computed from the last analysis without any editor API: which
 * technologies have evidence at a position, what they count toward, and one next step.
 * The extension renders this model as Markdown; tests call it directly.
 */
import type { AnalysisResult, Evidence, NextStep, SkillResult, TechnologyFinding } from './types';
import { parseRef, type Knowledge } from './knowledge';
import { rankSteps, toNextStep, type StepCandidate } from './guidance';

/** One technology's hover content. */
export interface TechnologyHover {
  tech: TechnologyFinding;
  description?: string;
  /** e.g. "Used in 3 files, declared in a manifest". */
  usage: string;
  /** Skills whose evidence in this scan includes this technology's evidence. */
  countedToward: SkillResult[];
  /** Catalog skills that reference it (by id or category) but did not use its evidence here. */
  canCountToward: SkillResult[];
  /** The best-ranked next step (the same one every face shows) for one of those skills, if any. */
  nextStep?: NextStep;
}

/** Technologies whose evidence sits at (path, 1-based line, 0-based character); implied ones excluded. */
export function technologiesAt(result: AnalysisResult, relPath: string, line: number, character: number): TechnologyFinding[] {
  return result.technologies.filter((t) =>
    t.evidence.some(
      (e) =>
        e.path === relPath &&
        e.line === line &&
        (e.column === undefined || e.endColumn === undefined || (character >= e.column && character <= e.endColumn)) &&
        !e.detail.startsWith('implied by'),
    ),
  );
}

/** Ids of catalog skills that name a technology directly or (unless `directOnly`) through its category. */
export function skillsReferencing(k: Knowledge, tech: TechnologyFinding, directOnly = false): string[] {
  return k.skills
    .filter((s) =>
      [...(s.evidence.demonstrated ?? []), ...(s.evidence.partial ?? [])].some((g) =>
        g.some((ref) => {
          const r = parseRef(ref);
          return !!r && ((r.kind === 'tech' && r.id === tech.id) || (!directOnly && r.kind === 'category' && r.id === tech.category));
        }),
      ),
    )
    .map((s) => s.id);
}

const same = (a: Evidence, b: Evidence) => a.path === b.path && a.line === b.line && a.detail === b.detail;

/** Hover content for a position, or an empty list when no detected technology is there. */
export function hoverAt(k: Knowledge, result: AnalysisResult, relPath: string, line: number, character: number): TechnologyHover[] {
  const techs = technologiesAt(result, relPath, line, character);
  const ranked = techs.length ? rankSteps(k, result, result.target) : [];
  return techs.map((tech) => hoverFor(k, result, tech, ranked));
}

/** Hover content for one detected technology; `ranked` is the whole next-step ranking (guidance.rankSteps). */
function hoverFor(k: Knowledge, result: AnalysisResult, tech: TechnologyFinding, ranked: StepCandidate[], ownOnly = false): TechnologyHover {
  // The personal lens: how many of those files are yours (only when an identity has history here).
  const yours = result.person && tech.personal?.usedInFiles !== undefined ? `, ${tech.personal.usedInFiles} of them yours` : '';
  const usage = tech.usedInFiles
    ? `Used in ${tech.usedInFiles} file${tech.usedInFiles === 1 ? '' : 's'}${yours}${tech.declared ? ', declared in a manifest' : ''}`
    : tech.declared
      ? 'Declared in a manifest; no import of it was found in source'
      : 'Found in configuration';
  const refIds = skillsReferencing(k, tech);
  const countedToward = result.skills.filter((s) => s.evidence.some((e) => tech.evidence.some((te) => same(e, te))) && (!ownOnly || refIds.includes(s.id)));
  const canCountToward = result.skills.filter((s) => refIds.includes(s.id) && !countedToward.includes(s));
  const related = new Set([...countedToward, ...canCountToward].map((s) => s.id));
  const step = ranked.find((c) => related.has(c.skill));
  return {
    tech,
    description: k.techById.get(tech.id)?.description,
    usage: `${usage} · ${tech.evidence.length} evidence location${tech.evidence.length === 1 ? '' : 's'}`,
    countedToward,
    canCountToward,
    ...(step ? { nextStep: toNextStep(step) } : {}),
  };
}

/** One hover card: the technology under the cursor, its neighbours on the line, and its own skills. */
export interface HoverCard extends TechnologyHover {
  /** Other technologies with evidence on the same line (names, in order). */
  alsoOnLine: string[];
}

/**
 * The single card to show at a position: the technology whose evidence span contains the cursor
 * (the narrowest span wins), or, on a line whose evidence has no columns, the first technology on
 * it. Its `countedToward` keeps only skills whose catalog rules name this technology or its
 * category, so a manifest line that declares several technologies never credits one with its
 * neighbours' skills; its step is the best-ranked one for those skills. Undefined when no
 * detected technology is under the cursor.
 */
export function hoverCardAt(k: Knowledge, result: AnalysisResult, relPath: string, line: number, character: number): HoverCard | undefined {
  const onLine = result.technologies.filter((t) => t.evidence.some((e) => e.path === relPath && e.line === line && !e.detail.startsWith('implied by')));
  if (!onLine.length) return undefined;
  const span = (t: TechnologyFinding) => {
    let best = Infinity;
    for (const e of t.evidence) {
      if (e.path !== relPath || e.line !== line || e.detail.startsWith('implied by')) continue;
      if (e.column === undefined || e.endColumn === undefined) best = Math.min(best, 1e6);
      else if (character >= e.column && character <= e.endColumn) best = Math.min(best, e.endColumn - e.column);
    }
    return best;
  };
  const under = onLine.map((t) => ({ t, w: span(t) })).filter((x) => x.w < Infinity).sort((a, b) => a.w - b.w);
  if (!under.length) return undefined;
  const primary = under[0].t;
  const h = hoverFor(k, result, primary, rankSteps(k, result, result.target), true);
  return { ...h, alsoOnLine: onLine.filter((t) => t !== primary).map((t) => t.name) };
}
