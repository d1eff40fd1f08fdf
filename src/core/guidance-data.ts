/**
 * Cross-checks of the guidance knowledge (data/guidance): every reference, source section,
 * learning link and text key must resolve. Called by the knowledge loader after schema validation;
 * returns problems as strings (the loader throws them together as a KnowledgeError).
 */
import { before } from './strings';
import type { GuidanceData, SkillDef, SourceDoc, StepVariant, TechnologyDef } from './knowledge';
import type { Level } from './types';

/** The sections of 004_2cef861f518bf391.txt that place skills at a level. */
export const LEVEL_SECTIONS: Record<Level, string> = {
  entry: '1. Entry-level Backend Developer Skills',
  mid: '2. Mid-level backend Developer Skills',
  senior: '3. Senior backend developer Skills',
};
/** The seed document with level paragraphs. */
export const LEVEL_DOCUMENT = '004_2cef861f518bf391.txt';

/** Kinds of codebase a guidance ref may name: `archetype:web-app` holds when the workspace is one. */
export const ARCHETYPES = ['json-api', 'web-app', 'worker', 'library', 'cli', 'tutorial'] as const;

/** `archetype:reusable` holds for a service with nothing to deploy (a reusable app, `deployable: false`). */
export const REUSABLE = 'reusable';

/** What is wrong with a guidance ref alternative (an evidence ref, or `archetype:<kind>`). */
function guidanceRefProblem(ref: string, ctx: GuidanceCheckContext): string | undefined {
  const m = /^archetype:(.+)$/.exec(ref);
  if (m) return (ARCHETYPES as readonly string[]).includes(m[1]) || m[1] === REUSABLE ? undefined : `unknown archetype ${m[1]}`;
  return ctx.refProblem(ref);
}

/** Placeholders a step text may use; each needs evidence to fill it (`after` or `on` refs). */
export const PLACEHOLDERS = ['{evidence}', '{detail}', '{count}', '{tech}'] as const;

/** What the checks need from the rest of the knowledge. */
export interface GuidanceCheckContext {
  skills: SkillDef[];
  techById: Map<string, TechnologyDef>;
  sources: SourceDoc[];
  /** What is wrong with an evidence reference, or undefined when it resolves. */
  refProblem(ref: string): string | undefined;
}

/** Problems in data/guidance (empty when everything resolves). */
export function checkGuidance(g: GuidanceData, ctx: GuidanceCheckContext): string[] {
  const problems: string[] = [];
  const stackIds = new Set<string>();
  const textKeys = new Set(['generic', 'any']);
  for (const st of g.stacks) {
    if (stackIds.has(st.id)) problems.push(`guidance stack ${st.id} is defined twice`);
    stackIds.add(st.id);
    textKeys.add(st.id);
    for (const f of st.frameworks) {
      if (textKeys.has(`${st.id}/${f.flavour}`)) problems.push(`guidance stack ${st.id}: flavour ${f.flavour} is defined twice`);
      textKeys.add(`${st.id}/${f.flavour}`);
      for (const t of f.techs) if (!ctx.techById.has(t)) problems.push(`guidance stack ${st.id}/${f.flavour}: unknown technology ${t}`);
    }
  }
  const skillById = new Map(ctx.skills.map((s) => [s.id, s]));
  // A learning link is an https URL, or technology ids separated by | (the first one the workspace uses is linked).
  const learnProblem = (learn: string): string | undefined => {
    if (/^https:\/\/\S+$/.test(learn)) return undefined;
    for (const id of learn.split('|')) {
      const t = ctx.techById.get(id);
      if (!t) return `learning link ${id} is neither an https URL nor a technology id`;
      if (!t.docs?.startsWith('https://')) return `technology ${id} has no https docs URL to link`;
    }
    return undefined;
  };
  for (const entry of g.skills.values()) {
    const where = `guidance ${entry.skill}`;
    const skill = skillById.get(entry.skill);
    if (!skill) {
      problems.push(`${where}: unknown skill`);
      continue;
    }
    if (skill.observable === 'no') problems.push(`${where}: code cannot show this skill, so it gets no level expectations`);
    const levels = Object.entries(entry.levels) as [Level, NonNullable<(typeof entry.levels)[Level]>][];
    if (!levels.length) problems.push(`${where}: no level has an expectation`);
    for (const [level, exp] of levels) {
      const at = `${where} (${level})`;
      // In `when`, a leading ! negates a ref: the expectation needs it absent (e.g. no SQL built from strings).
      for (const ref of exp.when.flat().flatMap((r) => r.replace(/^!/, '').split('|')).map((r) => before(r, '~'))) {
        const p = guidanceRefProblem(ref, ctx);
        if (p) problems.push(`${at}: ${p}`);
      }
      if (exp.when.some((g) => g.every((r) => r.startsWith('!')))) problems.push(`${at}: a "when" group needs at least one ref that must hold`);
      const doc = ctx.sources.find((d) => d.document === exp.source.document);
      if (!doc) problems.push(`${at}: unknown source document ${exp.source.document}`);
      else if (!doc.sections.includes(exp.source.section)) problems.push(`${at}: section "${exp.source.section}" is not in ${exp.source.document}`);
      if (exp.basis === 'document' && (exp.source.document !== LEVEL_DOCUMENT || exp.source.section !== LEVEL_SECTIONS[level])) {
        problems.push(`${at}: a level placed by the document must cite "${LEVEL_SECTIONS[level]}" in ${LEVEL_DOCUMENT}`);
      }
      if (exp.basis === 'document' && exp.ladder) problems.push(`${at}: a ladder is named only for judgement`);
      if (!exp.steps.some((v) => !v.after?.length)) problems.push(`${at}: needs a step that does not depend on existing evidence (no "after")`);
      exp.steps.forEach((v, i) => problems.push(...variantProblems(v, `${at} step ${i + 1}`, textKeys, ctx, learnProblem)));
    }
  }
  return problems;
}

function variantProblems(
  v: StepVariant,
  at: string,
  textKeys: Set<string>,
  ctx: GuidanceCheckContext,
  learnProblem: (l: string) => string | undefined,
): string[] {
  const problems: string[] = [];
  // A ref may list alternatives, `tech:postgresql|tech:mysql`: it holds when one of them does; `~a,b`
  // after a ref keeps only evidence that mentions one of the words.
  for (const ref of [...(v.after ?? []), ...(v.unless ?? []), ...(v.on ?? [])].flatMap((r) => r.replace(/^!/, '').split('|')).map((r) => before(r, '~'))) {
    const p = guidanceRefProblem(ref, ctx);
    if (p) problems.push(`${at}: ${p}`);
  }
  const hasEvidence = !!(v.after?.length || v.on?.length);
  for (const [key, t] of Object.entries(v.text)) {
    if (!textKeys.has(key)) problems.push(`${at}: unknown text key ${key} (a stack id, stack/flavour, "any" or "generic")`);
    if (key === 'any' && !v.after?.length) problems.push(`${at}: "any" text is only for steps that build on evidence ("after")`);
    const lp = learnProblem(t.learn);
    if (lp) problems.push(`${at} [${key}]: ${lp}`);
    for (const ref of (t.unless ?? []).flatMap((r) => r.replace(/^!/, '').split('|')).map((r) => before(r, '~'))) {
      const p = guidanceRefProblem(ref, ctx);
      if (p) problems.push(`${at} [${key}]: ${p}`);
    }
    for (const ph of PLACEHOLDERS) if (t.text.includes(ph) && !hasEvidence) problems.push(`${at} [${key}]: ${ph} needs "after" or "on" evidence`);
    const stray = t.text.match(/\{[a-z]+\}/g)?.filter((x) => !(PLACEHOLDERS as readonly string[]).includes(x));
    if (stray?.length) problems.push(`${at} [${key}]: unknown placeholder ${stray.join(', ')}`);
  }
  return problems;
}

/** Text keys of a variant's texts that name a stack (`python`, `python/django`), with the stack and flavour. */
function keyParts(key: string): { stack?: string; flavour?: string } {
  if (key === 'generic' || key === 'any') return {};
  const [stack, flavour] = key.split('/');
  return { stack, flavour };
}

/** A case-sensitive whole-word matcher for a term (terms may start or end with punctuation: `@nestjs`, `Depends(`). */
function termPattern(term: string): RegExp {
  const esc = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const lead = /^[A-Za-z0-9_]/.test(term) ? '(?<![A-Za-z0-9_])' : '';
  const trail = /[A-Za-z0-9_]$/.test(term) ? '(?![A-Za-z0-9_])' : '';
  return new RegExp(`${lead}${esc}${trail}`);
}

/**
 * Step texts that name another stack's tools or frameworks, or (for a stack's shared text) a
 * framework flavour's own terms: `generic` and `any` text must name no stack term at all; a stack's
 * text only its own terms minus its flavours' (unless the step is only for workspaces without a
 * framework, `unless: category:framework`, where frameworks are the choice offered); a flavour's
 * text its stack's terms minus other flavours'.
 * Returns one line per leak.
 */
export function termLeaks(g: GuidanceData): string[] {
  const all = new Map<string, RegExp>();
  for (const s of g.stacks) for (const t of s.terms) all.set(t, termPattern(t));
  const out: string[] = [];
  for (const entry of g.skills.values()) {
    for (const [level, exp] of Object.entries(entry.levels)) {
      exp!.steps.forEach((v, i) => {
        for (const [key, t] of Object.entries(v.text)) {
          const { stack, flavour } = keyParts(key);
          const own = g.stacks.find((s) => s.id === stack);
          const allowed = new Set(own?.terms ?? []);
          for (const f of own?.frameworks ?? []) if (f.flavour !== flavour) for (const term of f.terms ?? []) allowed.delete(term);
          const mine = own?.frameworks.find((f) => f.flavour === flavour);
          for (const term of mine?.terms ?? []) allowed.add(term);
          // A step shown only where no framework is used may name the stack's frameworks as choices.
          if (v.unless?.includes('category:framework')) for (const f of own?.frameworks ?? []) for (const term of f.terms ?? []) allowed.add(term);
          for (const [term, re] of all) {
            if (allowed.has(term) || !re.test(t.text)) continue;
            out.push(`${entry.skill} ${level} step ${i + 1} [${key}] names "${term}"`);
          }
        }
      });
    }
  }
  return out;
}

/**
 * Levels whose steps lack text for a backend stack: every level of a skill needs, among its steps
 * that do not depend on existing evidence, text for each stack (a language track: for its own
 * stack) and a `generic` text. Returns one line per gap.
 */
export function missingStackText(g: GuidanceData, skills: SkillDef[], languages: { id: string; stack?: string }[]): string[] {
  const out: string[] = [];
  for (const entry of g.skills.values()) {
    const def = skills.find((s) => s.id === entry.skill);
    const track = def?.tracks ? languages.find((l) => l.id === def.tracks)?.stack : undefined;
    const stacks = track ? [track] : g.stacks.map((s) => s.id);
    for (const [level, exp] of Object.entries(entry.levels)) {
      const keys = new Set(exp!.steps.filter((v) => !v.after?.length).flatMap((v) => Object.keys(v.text)).map((k) => k.split('/')[0]));
      // A language track's steps are always in its own stack's words, so it needs no generic text.
      for (const st of track ? stacks : [...stacks, 'generic']) if (!keys.has(st)) out.push(`${entry.skill} ${level}: no text for ${st}`);
    }
  }
  return out;
}
