/**
 * Renderers of one {@link AnalysisResult}: a terminal summary, Markdown, and an HTML document for
 * the report webview. Everything derived from workspace text is made safe (src/core/escape.ts):
 * controls and bidirectional overrides are shown as escapes in every format, Markdown values
 * are escaped where they would change the rendering, and HTML is escaped.
 */
import type { AnalysisResult, Confidence, Evidence, Level, NextStep, SkillResult, SkillStatus } from './types';
import { personalCounts, personalLabel, personLine } from './profile';
import { SHOWN_STEPS, readinessLine } from './guidance';
import { escapeControls, escapeHtml, htmlText, md, mdCell, mdCode, safeStrings } from './escape';

export { escapeHtml } from './escape';
import { categoryShort, radarModel, techCategoryLabel } from './radar';

/** Status marks shared by the text and Markdown renderers. */
export const STATUS_MARK: Record<SkillStatus, string> = {
  demonstrated: '✔',
  partial: '◐',
  missing: '✘',
  'not-observable': '·',
};

/** Human words for statuses. */
export const STATUS_LABEL: Record<SkillStatus, string> = {
  demonstrated: 'demonstrated',
  partial: 'partial',
  missing: 'missing',
  'not-observable': 'not observable in code',
};

/** How a technology shows up: `used in 3 files`, `declared`, `configured` or `transitive only`. */
export function technologyUse(t: { usedInFiles: number; declared: boolean; transitive?: boolean }): string {
  if (t.usedInFiles) return `used in ${t.usedInFiles} file${t.usedInFiles === 1 ? '' : 's'}`;
  if (t.transitive) return 'transitive only';
  return t.declared ? 'declared' : 'configured';
}

/** Short location of evidence: `path:line` or `path`. */
export function where(e: Evidence): string {
  return e.line ? `${e.path}:${e.line}` : e.path;
}

/** A step's level, with "next level" when it is above the target. */
export function stepLevel(st: NextStep): string {
  return st.aboveTarget ? `${st.level}, next level` : st.level;
}

const LEVEL_ORDER: Level[] = ['entry', 'mid', 'senior'];
const STATE_WORD = { met: 'met', 'not-yet': 'not yet', 'n/a': 'n/a' } as const;

/** A skill's level expectations in one line: `entry met · mid not yet · senior n/a`. */
export function levelsLine(s: SkillResult): string {
  return s.levels ? LEVEL_ORDER.map((l) => `${l} ${STATE_WORD[s.levels![l]]}`).join(' · ') : '';
}

/** Counts of skills by status, plus the number of observable skills ("14/40" uses these). */
export function summaryCounts(r: AnalysisResult): { demonstrated: number; partial: number; missing: number; observable: number } {
  const observable = r.skills.filter((s) => s.status !== 'not-observable' && !s.optional);
  return {
    demonstrated: observable.filter((s) => s.status === 'demonstrated').length,
    partial: observable.filter((s) => s.status === 'partial').length,
    missing: observable.filter((s) => s.status === 'missing').length,
    observable: observable.length,
  };
}

/**
 * Skills grouped by catalog category, in catalog order; skills code can never show are grouped
 * last. Optional skills (not gaps here: other languages, frontend for a backend role) are left out.
 */
export function byCategory(skills: SkillResult[]): [string, SkillResult[]][] {
  const map = new Map<string, SkillResult[]>();
  for (const s of skills) {
    if (s.optional) continue;
    const key = s.observable === 'no' ? NOT_OBSERVABLE_GROUP : s.category;
    (map.get(key) ?? map.set(key, []).get(key)!).push(s);
  }
  const entries = [...map.entries()];
  entries.sort((a, b) => Number(a[0] === NOT_OBSERVABLE_GROUP) - Number(b[0] === NOT_OBSERVABLE_GROUP));
  return entries;
}

/** Group name for skills that code cannot show. */
export const NOT_OBSERVABLE_GROUP = 'Not observable in code';

/** Short description of a skill's support, e.g. "3 signals" or "missing". */
export function skillDescription(s: SkillResult): string {
  if (s.status === 'not-observable') return s.observable === 'no' ? 'guidance only' : 'not visible in this folder';
  if (s.status === 'missing') return s.optional ? 'not used here' : s.aboveTarget ? 'next level' : 'missing';
  const n = s.evidence.length;
  return `${s.status === 'partial' ? 'partial · ' : ''}${n} signal${n === 1 ? '' : 's'}${s.confidence ? ` · ${CONFIDENCE_LABEL[s.confidence]}` : ''}`;
}

/** Words for the strongest kind of evidence behind a status (`skills[].confidence`). */
export const CONFIDENCE_LABEL: Record<Confidence, string> = {
  declared: 'declared only',
  imported: 'imported',
  'used-in-code': 'used in code',
  tested: 'tested',
  'enforced-in-ci': 'enforced in CI',
};

const ANSI = { green: '\x1b[32m', yellow: '\x1b[33m', red: '\x1b[31m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/**
 * Renders the terminal summary. `color` adds ANSI colours (for TTYs); `steps` is the whole ranking
 * (guidance `rankSteps`), of which the first are `r.nextSteps`: it only adds to the "more" count.
 * Every string of the result has its controls, bidirectional overrides and newlines made visible
 * first, so no workspace text can move the cursor, retitle the terminal or fake a line of the report.
 */
export function renderText(result: AnalysisResult, opts: { color?: boolean; evidencePerSkill?: number; steps?: NextStep[] } = {}): string {
  const r = safeStrings(result);
  const c = (code: keyof typeof ANSI, s: string) => (opts.color ? `${ANSI[code]}${s}${ANSI.reset}` : s);
  const statusColor: Record<SkillStatus, keyof typeof ANSI> = { demonstrated: 'green', partial: 'yellow', missing: 'red', 'not-observable': 'dim' };
  const n = summaryCounts(r);
  const out: string[] = [];
  out.push(c('bold', `Skill Radar — ${r.root}`));
  out.push(
    `${r.stats.files} files, ${r.stats.parsedFiles} parsed, ${r.stats.durationMs} ms · target: ${r.target.level} ${r.target.role} · ` +
      `skills demonstrated ${n.demonstrated}/${n.observable}, partial ${n.partial}, missing ${n.missing}`,
  );
  if (r.languages.length) out.push(`Languages: ${r.languages.map((l) => `${l.name} (${l.files} files, ${l.lines} lines)`).join(', ')}`);
  if (r.noSource) out.push(c('yellow', `No source code here: ${r.noSource.reason}.`));
  const today = new Date().toISOString().slice(0, 10);
  if (r.person) {
    const mine = personalCounts(r, today);
    out.push(`You: ${personLine(r.person)} · ${mine.current} skills shown by your commits${mine.earlier ? ` (+${mine.earlier} earlier)` : ''}`);
    if (r.person.alsoNamed?.length) out.push(c('dim', `  not counted as you: ${r.person.alsoNamed.map((a) => `${a.name} <${a.email}> (${a.commits} commits)`).join(', ')} (add with --author)`));
  }
  out.push('');
  out.push(c('bold', 'Technologies'));
  const cats = new Map<string, string[]>();
  for (const t of r.technologies) {
    const use = technologyUse(t);
    (cats.get(t.category) ?? cats.set(t.category, []).get(t.category)!).push(`${t.name} ${c('dim', `(${use}; ${where(t.evidence[0])})`)}`);
  }
  for (const [cat, names] of cats) out.push(`  ${cat}: ${names.join(', ')}`);
  if (!r.technologies.length) out.push('  none detected');
  if (r.architecture) out.push(`  architecture hint: ${r.architecture.style} (${r.architecture.reasons.join('; ')})`);
  if (r.components.length > 1) {
    out.push('');
    out.push(c('bold', `Components (${r.components.length})`));
    const names = new Map(r.technologies.map((t) => [t.id, t.name]));
    for (const comp of r.components) {
      const main = comp.technologies.map((id) => names.get(id) ?? id).slice(0, 8);
      out.push(`  ${comp.path || '(root)'} ${c('dim', `[${comp.manifests.map((m) => m.slice(m.lastIndexOf('/') + 1)).join(', ') || 'no manifest'}]`)}: ${main.join(', ')}${comp.technologies.length > 8 ? ', …' : ''}`);
    }
  }
  out.push('');
  out.push(c('bold', 'Skills'));
  const per = opts.evidencePerSkill ?? 2;
  for (const [cat, skills] of byCategory(r.skills)) {
    out.push(c('bold', `  ${cat}`));
    for (const s of skills) {
      const mark = c(statusColor[s.status], STATUS_MARK[s.status]);
      const tag = s.aboveTarget && s.status !== 'demonstrated' && s.status !== 'not-observable' ? c('dim', ' [next level]') : '';
      const you = r.person && s.status !== 'not-observable' ? c(s.personal?.status === 'authored' ? 'green' : 'dim', ` · you: ${personalLabel(s.personal, r.person.halfLifeMonths, today)}`) : '';
      out.push(`    ${mark} ${s.name} ${c('dim', `— ${skillDescription(s)}`)}${you}${tag}`);
      if (s.status === 'not-observable') continue;
      for (const e of s.evidence.slice(0, per)) out.push(c('dim', `        ${where(e)}  ${e.detail}`));
    }
  }
  out.push('');
  out.push(c('bold', `Next steps for ${r.target.level} ${r.target.role}`) + c('dim', ` — ${readinessLine(r.readiness)}`));
  out.push(c('dim', `  written for ${r.backend.label}${r.backend.reasons.length ? ` (${r.backend.reasons.join('; ')})` : ''}`));
  const steps = safeStrings(opts.steps ?? r.nextSteps);
  if (!steps.length) out.push('  none: every expectation up to your target level shows in this code');
  steps.slice(0, SHOWN_STEPS).forEach((st, i) => {
    out.push(`  ${i + 1}. ${st.text} ${c('dim', `[${st.name} · ${stepLevel(st)}]`)}`);
    out.push(c('dim', `     why: ${st.why}`));
    if (st.buildsOn.length) out.push(c('dim', `     builds on: ${st.buildsOn.map((e) => `${where(e)} ${e.detail}`).join('; ')}`));
    // Nothing found is not the same as not done: say what was looked for.
    const searched = st.kind === 'start' ? r.skills.find((s) => s.id === st.skill)?.searched : undefined;
    if (searched) out.push(c('dim', `     searched: ${searched}`));
    out.push(c('dim', `     learn: ${st.learn}`));
  });
  if (steps.length > SHOWN_STEPS) out.push(c('dim', `  … ${steps.length - SHOWN_STEPS} more (see --format markdown or json)`));
  if (r.stats.skipped.length || r.warnings.length) {
    out.push('');
    out.push(c('dim', `Skipped ${r.stats.skipped.length} file(s); ${r.warnings.length} warning(s).`));
    for (const w of r.warnings.slice(0, 5)) out.push(c('dim', `  ! ${w}`));
  }
  return out.join('\n') + '\n';
}

/**
 * A practice's figures as one short line: `test to source ratio 2:13 (0.15) · cases per test file 3.5`.
 * camelCase keys become words; `summary` (already a sentence) wins when present; at most `max` items.
 */
export function formatFigures(figures: Record<string, number | string> | undefined, max = 6): string {
  if (!figures) return '';
  if (typeof figures.summary === 'string') return figures.summary;
  return Object.entries(figures)
    .slice(0, max)
    .map(([k, v]) => `${k === k.toUpperCase() ? k : k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/\./g, ' ').toLowerCase()} ${v}`)
    .join(' · ');
}

/** Escapes workspace text for Markdown prose (see {@link md}). */
export const escapeMarkdown = md;

/**
 * Renders a Markdown report; `steps` is the whole ranking (guidance `rankSteps`) for "More next
 * steps", else `r.nextSteps`. Values go through `md` (prose), `mdCell` (table cells) and `mdCode`
 * (paths in code spans); every string of the result has its controls and newlines made visible
 * first, so a value can never end its line and start a heading, a link or an image.
 */
export function renderMarkdown(result: AnalysisResult, opts: { steps?: NextStep[] } = {}): string {
  const r = safeStrings(result);
  const steps = safeStrings(opts.steps ?? r.nextSteps);
  const n = summaryCounts(r);
  const out: string[] = [];
  out.push(`# Skill Radar report`);
  out.push('');
  out.push(`Workspace: ${mdCode(r.root)} · target **${r.target.level} ${r.target.role}** · ${n.demonstrated}/${n.observable} skills demonstrated, ${n.partial} partial, ${n.missing} missing.`);
  out.push('');
  if (r.noSource) {
    out.push(`> **No source code here**: ${md(r.noSource.reason)}.`);
    out.push('');
  }
  const today = new Date().toISOString().slice(0, 10);
  if (r.person) {
    const mine = personalCounts(r, today);
    out.push(`You: ${md(personLine(r.person))} · **${mine.current}** skills shown by your commits${mine.earlier ? ` (+${mine.earlier} earlier)` : ''}.`);
    out.push('');
  }
  out.push(`## Next steps for ${r.target.level} ${r.target.role}`);
  out.push('');
  out.push(`${md(readinessLine(r.readiness))} · written for ${md(r.backend.label)}`);
  out.push('');
  if (!steps.length) out.push('None: every expectation up to your target level shows in this code.');
  steps.slice(0, SHOWN_STEPS).forEach((st, i) => {
    out.push(`${i + 1}. **${md(st.text)}** (${md(st.name)}, ${stepLevel(st)})`);
    out.push(`   - why: ${md(st.why)}`);
    if (st.buildsOn.length) out.push(`   - builds on: ${st.buildsOn.map((e) => `${mdCode(where(e))} ${md(e.detail)}`).join('; ')}`);
    out.push(`   - learn: <${st.learn}>`);
  });
  if (steps.length > SHOWN_STEPS) {
    out.push('');
    out.push('### More next steps');
    out.push('');
    for (const st of steps.slice(SHOWN_STEPS)) out.push(`- ${md(st.text)} (${md(st.name)}, ${stepLevel(st)}) — <${st.learn}>`);
  }
  out.push('');
  out.push('## Skills');
  for (const [cat, skills] of byCategory(r.skills)) {
    out.push('');
    out.push(`### ${md(cat)}`);
    out.push('');
    if (r.person) {
      // Both lenses side by side: what the repository shows, and what your commits show of it.
      out.push('| Skill | Repository | You | Evidence |');
      out.push('|---|---|---|---|');
      for (const s of skills) {
        const p = s.personal;
        const you = s.status === 'not-observable' ? '—' : `${personalLabel(p, r.person.halfLifeMonths, today)}${p && p.status !== 'none' ? ` (${p.files} file${p.files === 1 ? '' : 's'}, ${p.lastShown})` : ''}`;
        const ev = (p?.evidence?.length ? p.evidence : s.evidence).slice(0, 2).map((e) => mdCode(where(e), { cell: true })).join(', ');
        out.push(`| ${STATUS_MARK[s.status]} ${mdCell(s.name)} | ${STATUS_LABEL[s.status]}${s.confidence ? ` (${CONFIDENCE_LABEL[s.confidence]})` : ''} · ${s.level} | ${mdCell(you)} | ${ev} |`);
      }
      continue;
    }
    for (const s of skills) {
      out.push(`- ${STATUS_MARK[s.status]} **${md(s.name)}** — ${STATUS_LABEL[s.status]}${s.confidence ? ` (${CONFIDENCE_LABEL[s.confidence]})` : ''} · ${s.level}${s.levels ? ` · ${levelsLine(s)}` : ''}`);
      for (const e of s.evidence.slice(0, 5)) out.push(`  - ${mdCode(where(e))} ${md(e.detail)}`);
      if (s.suggestions[0]) out.push(`  - next: ${md(s.suggestions[0])}`);
    }
  }
  out.push('');
  out.push('## Technologies');
  out.push('');
  out.push('| Technology | Category | Use | Evidence |');
  out.push('|---|---|---|---|');
  for (const t of r.technologies) {
    const use = technologyUse(t);
    out.push(`| ${mdCell(t.name)} | ${mdCell(techCategoryLabel(t.category))} | ${use} | ${mdCode(where(t.evidence[0]), { cell: true })} ${mdCell(t.evidence[0].detail)} |`);
  }
  out.push('');
  out.push('## Practices');
  out.push('');
  for (const p of r.practices) {
    const figures = formatFigures(p.figures);
    out.push(`- ${p.negative ? '⚠' : '✔'} **${md(p.name)}**${p.count !== undefined ? ` (${p.count})` : ''}: ${p.evidence.slice(0, 3).map((e) => mdCode(where(e))).join(', ')}${figures ? ` — ${md(figures)}` : ''}`);
  }
  if (r.absentPractices.length) {
    out.push('');
    out.push('## Practices not found');
    out.push('');
    for (const p of r.absentPractices) out.push(`- **${md(p.name)}**: ${md(p.searched)}`);
  }
  // Safety net for a value someone forgot to pass through md(): no raw control reaches the file.
  return escapeControls(out.join('\n') + '\n', { keepNewlines: true });
}


/** What kind of thing a piece of evidence points at: a file to open, a folder, the git history, or one commit. */
export type EvidenceKind = 'file' | 'folder' | 'history' | 'commit';

/**
 * Classifies evidence without touching the disk: commits by their `commit <hash>` detail, the
 * git folder by its path, folders by an empty path or a detail naming a folder. Everything else
 * is a file (the extension still checks before opening).
 */
export function evidenceKind(e: Evidence): EvidenceKind {
  if (/^(merge )?commit [0-9a-f]{7,40}\b/.test(e.detail)) return 'commit';
  if (e.path === '.git' || e.path.endsWith('/.git') || /(^|\/)\.git\//.test(e.path)) return 'history';
  if (e.path === '' || (e.line === undefined && /\bfolder\b/i.test(e.detail))) return 'folder';
  return 'file';
}

/** `src/routes/orders.ts` → { name: 'orders.ts', folder: 'src/routes' }; '' is the workspace root. */
export function splitPath(path: string): { name: string; folder: string } {
  const i = path.lastIndexOf('/');
  return i < 0 ? { name: path, folder: '' } : { name: path.slice(i + 1), folder: path.slice(0, i) };
}

/** Options of {@link renderHtml}. */
export interface HtmlOptions {
  /** The webview's `cspSource` (allowed for styles and images). */
  cspSource: string;
  /** A fresh random nonce (from `crypto`): the only scripts and styles that run carry it. */
  nonce: string;
  title?: string;
  /** URI of the bundled webview script (dist/webview/main.js) that draws the chart and runs filters; omitted in tests. */
  scriptUri?: string;
  /** Skill id to open and scroll to once loaded. */
  reveal?: string;
  /** Skill ids the user marked "not relevant to me" (left out of the next steps). */
  dismissed?: ReadonlySet<string>;
  /** The whole next-step ranking (guidance `rankSteps`) for "more next steps"; default `r.nextSteps`. */
  steps?: NextStep[];
}

const STATUS_ORDER: SkillStatus[] = ['demonstrated', 'partial', 'missing', 'not-observable'];
const STATUS_FILTER_LABEL: Record<SkillStatus, string> = { demonstrated: 'Demonstrated', partial: 'Partial', missing: 'Missing', 'not-observable': 'Not observable' };

/** A stable HTML id fragment for a category or skill name. */
function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}

/**
 * Renders the report webview's document: a sticky side panel with the radar chart, headline and
 * table of contents; a sticky toolbar (search, status and category filters, expand/collapse all);
 * next steps, the stack, every skill by category, technologies and practices. Workspace text is
 * escaped; the CSP allows only the nonce'd script and style and no remote content. Evidence links
 * carry `data-path`, `data-line` (1-based), `data-column`/`data-end-column` (0-based) that the
 * script posts back to open the file.
 */
export function renderHtml(r: AnalysisResult, opts: HtmlOptions): string {
  // Element content shows controls as escapes; attributes the script reads back round-trip exactly.
  const e = htmlText;
  const a = escapeHtml;
  const n = summaryCounts(r);
  const model = radarModel(r, opts.dismissed);
  const nonce = e(opts.nonce);
  const evidenceItem = (ev: Evidence) => {
    const kind = evidenceKind(ev);
    const { name, folder } = splitPath(ev.path);
    if (kind === 'commit' || kind === 'history') {
      return `<span class="ev-static" title="${e(ev.path)}">${kind === 'commit' ? 'commit' : 'git history'}</span> <span class="detail">${e(ev.detail)}</span>`;
    }
    const label = kind === 'folder' ? `${name || 'workspace root'}/` : `${name}${ev.line ? `:${ev.line}` : ''}`;
    const data = `data-path="${a(ev.path)}" data-line="${ev.line ?? 0}"${ev.column !== undefined ? ` data-column="${ev.column}"` : ''}${ev.endColumn !== undefined ? ` data-end-column="${ev.endColumn}"` : ''}`;
    return `<a href="#" class="ev" ${data} title="${e(where(ev))}">${e(label)}</a>${folder ? ` <span class="folder">${e(folder)}</span>` : ''} <span class="detail">${e(ev.detail)}</span>`;
  };
  const evidenceList = (list: Evidence[], first = 12) => {
    if (!list.length) return '';
    const head = list.slice(0, first).map((ev) => `<li>${evidenceItem(ev)}</li>`).join('');
    const rest = list.slice(first);
    return `<ul class="evidence">${head}</ul>${rest.length ? `<details class="more"><summary>${rest.length} more</summary><ul class="evidence">${rest.map((ev) => `<li>${evidenceItem(ev)}</li>`).join('')}</ul></details>` : ''}`;
  };
  const today = new Date().toISOString().slice(0, 10);
  // The personal lens as a second column: what your own commits show of each skill.
  const youCell = (s: SkillResult) => {
    if (!r.person || s.status === 'not-observable') return '';
    const p = s.personal;
    const label = personalLabel(p, r.person.halfLifeMonths, today);
    return `<span class="you you-${p?.status ?? 'none'}">You: ${e(label)}${p && p.status !== 'none' ? ` · ${p.files} file${p.files === 1 ? '' : 's'} · ${e(p.lastShown ?? '')}` : ''}</span>`;
  };
  const yourEvidence = (s: SkillResult) => (r.person && s.personal?.evidence?.length ? `<p class="you-ev">Yours:</p>${evidenceList(s.personal.evidence, 8)}` : '');
  const skillRow = (s: SkillResult) => `
      <details class="skill st-${s.status}" id="skill-${e(s.id)}" data-status="${s.status}">
        <summary><span class="mark" aria-hidden="true">${STATUS_MARK[s.status]}</span><strong>${e(s.name)}</strong><span class="pill">${e(STATUS_LABEL[s.status])}</span><span class="meta">${e(s.level)}${s.aboveTarget && s.status !== 'demonstrated' ? ' · next level' : ''}${s.status !== 'not-observable' ? ` · ${e(skillDescription(s))}` : ''}</span>${youCell(s)}</summary>
        <div class="body">
          <p>${e(s.summary)}</p>
          ${s.signals.length ? `<p class="signals">${s.signals.map((x) => e(x)).join(' · ')}</p>` : ''}
          ${yourEvidence(s)}
          ${evidenceList(s.evidence)}
          ${s.levels ? `<p class="levels">Levels: ${e(levelsLine(s))}</p>` : ''}
          ${s.searched && s.status !== 'demonstrated' ? `<p class="searched"><b>Searched:</b> ${e(s.searched)}</p>` : ''}
          ${s.suggestions.length && s.status !== 'demonstrated' ? `<div class="next"><b>Next steps</b><ul>${s.suggestions.slice(0, 3).map((x) => `<li>${e(x)}</li>`).join('')}</ul></div>` : ''}
          <p class="sources">Sources: ${s.sources.map((src) => `${e(src.title)}, “${e(src.section)}”`).join('; ')}</p>
        </div>
      </details>`;
  const byId = new Map(r.skills.map((s) => [s.id, s]));
  const groups = byCategory(r.skills);
  const catMeter = (skills: SkillResult[]) => {
    const obs = skills.filter((s) => s.status !== 'not-observable');
    return obs.length ? `${obs.filter((s) => s.status === 'demonstrated').length}/${obs.length}` : 'guidance';
  };
  const techs = [...r.technologies].sort((a, b) => techCategoryLabel(a.category).localeCompare(techCategoryLabel(b.category)) || a.name.localeCompare(b.name));
  const stepItem = (st: NextStep) => `<li class="step st-${byId.get(st.skill)?.status ?? 'missing'}">
        <strong>${e(st.text)}</strong><br><a href="#skill-${e(st.skill)}" class="skill-link">${e(st.name)}</a> <span class="meta">${e(stepLevel(st))} · ${e(categoryShort(byId.get(st.skill)?.category ?? ''))}</span>
        <div class="why">${e(st.why)}</div>
        ${st.buildsOn.length ? `<div class="builds">Builds on: ${st.buildsOn.map(evidenceItem).join(' · ')}</div>` : ''}
        ${/^https:\/\//.test(st.learn) ? `<div class="learn">Learn: <a href="${e(st.learn)}">${e(st.learn)}</a></div>` : ''}
      </li>`;
  const dismissed = opts.dismissed ?? new Set<string>();
  const steps = (opts.steps ?? r.nextSteps).filter((st) => !dismissed.has(st.skill));
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${opts.cspSource} data:; style-src ${opts.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${e(opts.title ?? 'Skill Radar Report')}</title>
<style nonce="${nonce}">${REPORT_CSS}</style></head>
<body data-page="report"${opts.reveal ? ` data-reveal="${a(opts.reveal)}"` : ''}>
<div class="layout">
  <aside class="side" aria-label="Summary">
    <h1>Skill Radar</h1>
    <p class="headline">${e(model.headline)}</p>
    <p class="muted">${e(r.root)}<br>${r.stats.files} files · target ${e(r.target.level)} ${e(r.target.role)}</p>
    ${r.person ? `<p class="you-line">You: ${e(personLine(r.person))}${r.person.commits ? ` · <b>${personalCounts(r, today).current}</b> skills your commits show` : ''}</p>` : ''}
    ${model.empty ? `<p class="empty"><strong>No source code here</strong>: ${e(r.noSource?.reason ?? 'no source files or manifests were found')}. Nothing here is a gap.</p>` : `<div class="chart"><canvas id="radar" role="img" data-model="${a(JSON.stringify(model))}"></canvas></div>`}
    <p class="counts"><span class="st-demonstrated"><span class="mark">${STATUS_MARK.demonstrated}</span> ${n.demonstrated} demonstrated</span> <span class="st-partial"><span class="mark">${STATUS_MARK.partial}</span> ${n.partial} partial</span> <span class="st-missing"><span class="mark">${STATUS_MARK.missing}</span> ${n.missing} missing</span> <span class="muted">of ${n.observable} code can show</span></p>
    <nav class="toc" aria-label="Contents"><ul>
      <li><a href="#next">Next steps</a></li>
      <li><a href="#stack">Stack</a></li>
      ${groups.map(([cat, skills]) => `<li><a href="#cat-${slug(cat)}">${e(cat)}</a><span class="meter">${catMeter(skills)}</span></li>`).join('')}
      <li><a href="#technologies">Technologies</a><span class="meter">${r.technologies.length}</span></li>
      <li><a href="#practices">Practices</a><span class="meter">${r.practices.length}</span></li>
    </ul></nav>
  </aside>
  <main>
    <div class="toolbar filters" role="search">
      <input id="q" type="search" placeholder="Search skills, evidence, advice" aria-label="Search skills">
      <span class="statuses">${STATUS_ORDER.map((s) => `<label class="st-${s}"><input type="checkbox" data-status="${s}" checked><span class="mark">${STATUS_MARK[s]}</span> ${STATUS_FILTER_LABEL[s]}</label>`).join('')}</span>
      <select id="cat" aria-label="Category"><option value="">All categories</option>${groups.map(([cat]) => `<option value="${e(cat)}">${e(cat)}</option>`).join('')}</select>
      <button type="button" data-cmd="expand">Expand all</button><button type="button" data-cmd="collapse">Collapse all</button>
      <span id="count" class="muted" aria-live="polite">${r.skills.filter((s) => !s.optional).length} skills</span>
    </div>
    <section id="next" data-unfiltered>
      <h2>Next steps <span class="muted">for ${e(r.target.level)} · ${e(r.target.role)}</span></h2>
      ${r.backend?.label ? `<p class="muted">Written for ${e(r.backend.label)}</p>` : ''}
      ${steps.length ? `<ol class="steps">${steps.slice(0, SHOWN_STEPS).map(stepItem).join('')}</ol>` : '<p>Every expectation up to your target level shows in this code.</p>'}
      ${steps.length > SHOWN_STEPS ? `<details class="more"><summary>${steps.length - SHOWN_STEPS} more next steps</summary><ol class="steps" start="${SHOWN_STEPS + 1}">${steps.slice(SHOWN_STEPS).map(stepItem).join('')}</ol></details>` : ''}
    </section>
    <section id="stack" data-unfiltered>
      <h2>Stack</h2>
      ${model.stack.length ? `<p class="chips">${model.stack.map((c) => `<span class="chip">${e(c.name)}</span>`).join('')}${model.moreStack ? `<a class="chip more" href="#technologies">+${model.moreStack} more</a>` : ''}</p>` : '<p class="muted">No technologies detected.</p>'}
      ${r.languages.length ? `<p class="muted">Languages: ${r.languages.map((l) => `${e(l.name)} (${l.files} files, ${l.lines} lines)`).join(', ')}</p>` : ''}
      ${r.architecture ? `<p class="muted">Architecture: ${e(r.architecture.style)} (${r.architecture.reasons.map((x) => e(x)).join('; ')})</p>` : ''}
    </section>
    <h2 id="skills">Skills</h2>
    ${groups.map(([cat, skills]) => `<section class="category" id="cat-${slug(cat)}" data-category="${e(cat)}"><h3>${e(cat)} <span class="meter">${catMeter(skills)}</span></h3>${skills.map(skillRow).join('')}</section>`).join('\n')}
    <p id="no-match" class="muted" hidden>No skill matches these filters. <a href="#" data-cmd="clear">Clear filters</a></p>
    <section id="technologies" data-unfiltered>
      <h2>Technologies</h2>
      ${techs.length ? `<table class="tech"><thead><tr><th>Technology</th><th>Category</th><th>Use</th><th>Where</th></tr></thead><tbody>
      ${techs.map((t) => `<tr><td>${e(t.name)}</td><td class="nowrap">${e(techCategoryLabel(t.category))}</td><td class="nowrap">${technologyUse(t)}</td><td>${t.evidence[0] ? evidenceItem(t.evidence[0]) : ''}</td></tr>`).join('\n')}
      </tbody></table>` : '<p class="muted">No technologies detected.</p>'}
    </section>
    <section id="practices" data-unfiltered>
      <h2>Practices</h2>
      <ul class="practices">${r.practices.map((p) => `<li class="${p.negative ? 'risk' : ''}"><span class="mark" aria-hidden="true">${p.negative ? '⚠' : '✔'}</span> <strong>${e(p.name)}</strong>${p.negative ? ' <span class="pill risk">risk</span>' : ''}${p.count !== undefined ? ` <span class="muted">(${p.count})</span>` : ''}${p.figures ? `<br><span class="figures">${e(formatFigures(p.figures))}</span>` : ''}${evidenceList(p.evidence, 3)}</li>`).join('')}</ul>
      ${r.absentPractices.length ? `<h3>Not found</h3><p class="muted">Not found is not the same as not done: each line says what was looked for.</p><ul class="absent">${r.absentPractices.map((p) => `<li>${e(p.name)} <span class="searched">— ${e(p.searched)}</span></li>`).join('')}</ul>` : ''}
    </section>
  </main>
</div>
${opts.scriptUri ? `<script nonce="${nonce}" src="${a(opts.scriptUri)}"></script>` : ''}
</body></html>`;
}

const REPORT_CSS = `
  :root { color-scheme: light dark; }
  [hidden] { display: none !important; }
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); margin: 0; line-height: 1.45; }
  a { color: var(--vscode-textLink-foreground); text-decoration: none; } a:hover { text-decoration: underline; }
  a:focus-visible, button:focus-visible, summary:focus-visible, input:focus-visible, select:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
  .layout { display: grid; grid-template-columns: minmax(260px, 320px) minmax(0, 1fr); }
  .side { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto; box-sizing: border-box; padding: 12px 16px 16px 20px; border-right: 1px solid var(--vscode-panel-border, transparent); }
  main { padding: 0 24px 48px 20px; min-width: 0; }
  h1 { font-size: 1.35em; margin: .3em 0 .2em; font-weight: 600; }
  h2 { font-size: 1.2em; font-weight: 600; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); padding-bottom: .2em; margin: 1.4em 0 .6em; scroll-margin-top: 56px; }
  h3 { font-size: 1.05em; font-weight: 600; margin: 1.1em 0 .3em; }
  section { scroll-margin-top: 56px; }
  .headline { font-size: 1.1em; font-weight: 600; margin: .2em 0; }
  .muted, .meta, .detail, .sources, .searched, .folder, .figures, .signals { color: var(--vscode-descriptionForeground); }
  .chart { position: relative; height: 250px; margin: 8px 0; }
  .counts { display: flex; flex-wrap: wrap; gap: 2px 12px; margin: 4px 0 8px; }
  .toc ul { list-style: none; margin: 8px 0 0; padding: 0; border-top: 1px solid var(--vscode-panel-border, transparent); padding-top: 6px; }
  .toc li { display: flex; justify-content: space-between; gap: 8px; padding: 1px 0; }
  .toc .meter, h3 .meter { color: var(--vscode-descriptionForeground); font-variant-numeric: tabular-nums; font-weight: normal; }
  .toolbar { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; padding: 10px 0; background: var(--vscode-editor-background); border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); }
  .toolbar input[type=search] { flex: 1 1 14em; min-width: 10em; }
  input[type=search], select { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, var(--vscode-panel-border, transparent)); padding: 3px 6px; font: inherit; border-radius: 2px; }
  .statuses { display: inline-flex; flex-wrap: wrap; gap: 2px 10px; } .statuses label { white-space: nowrap; cursor: pointer; }
  button { font: inherit; color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid var(--vscode-button-border, transparent); padding: 3px 10px; border-radius: 2px; cursor: pointer; }
  button:hover { background: var(--vscode-button-secondaryHoverBackground); }
  .mark { display: inline-block; width: 1.2em; text-align: center; }
  .st-demonstrated .mark { color: var(--vscode-testing-iconPassed, #3fb950); }
  .st-partial .mark { color: var(--vscode-editorWarning-foreground, #d29922); }
  .st-missing .mark { color: var(--vscode-editorError-foreground, #f85149); }
  .st-not-observable .mark { color: var(--vscode-descriptionForeground); }
  details.skill { margin: 2px 0; border-radius: 4px; border: 1px solid transparent; scroll-margin-top: 60px; }
  details.skill > summary { cursor: pointer; padding: 4px 6px; list-style-position: outside; margin-left: 14px; }
  details.skill[open] { background: var(--vscode-editorWidget-background); border-color: var(--vscode-widget-border, transparent); }
  details.skill.flash { outline: 2px solid var(--vscode-focusBorder); }
  details.skill .body { padding: 0 12px 8px 34px; }
  .pill { display: inline-block; margin-left: 8px; padding: 0 6px; border-radius: 9px; font-size: .85em; border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, currentColor)); color: var(--vscode-descriptionForeground); }
  .pill.risk { color: var(--vscode-editorWarning-foreground); border-color: currentColor; }
  .meta { margin-left: 8px; font-size: .9em; }
  ul.evidence { margin: 4px 0; padding-left: 1.2em; } ul.evidence li { margin: 1px 0; overflow-wrap: anywhere; }
  a.ev { font-family: var(--vscode-editor-font-family); }
  .ev-static { font-family: var(--vscode-editor-font-family); color: var(--vscode-descriptionForeground); }
  .folder { font-family: var(--vscode-editor-font-family); font-size: .9em; }
  .next ul { margin: 2px 0 4px; padding-left: 1.2em; }
  ol.steps { padding-left: 1.4em; } ol.steps li { margin: 0 0 10px; } .why, .builds, .learn { color: var(--vscode-descriptionForeground); font-size: .95em; }
  .chips { display: flex; flex-wrap: wrap; gap: 6px; }
  .chip { display: inline-block; padding: 1px 8px; border-radius: 10px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); border: 1px solid var(--vscode-contrastBorder, transparent); }
  table.tech { border-collapse: collapse; width: 100%; }
  table.tech th, table.tech td { text-align: left; vertical-align: top; padding: 4px 10px 4px 0; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent)); }
  table.tech th { font-weight: 600; white-space: nowrap; }
  table.tech td:first-child { min-width: 9em; } table.tech td:last-child { overflow-wrap: anywhere; }
  .nowrap { white-space: nowrap; }
  ul.practices, ul.absent { padding-left: 0; list-style: none; } ul.practices > li { margin: 0 0 8px; }
  li.risk .mark { color: var(--vscode-editorWarning-foreground); }
  .you { margin-left: 8px; font-size: .85em; padding: 0 6px; border-radius: 3px; border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, currentColor)); }
  .you-authored { color: var(--vscode-testing-iconPassed, #3fb950); } .you-touched { color: var(--vscode-editorWarning-foreground, #d29922); }
  .you-none, .you-ev { color: var(--vscode-descriptionForeground); } .you-ev { margin: 4px 0 0; } .you-line { margin: 4px 0; }
  .empty { padding: 8px; border: 1px dashed var(--vscode-panel-border, currentColor); }
  @media (max-width: 820px) { .layout { grid-template-columns: 1fr; } .side { position: static; max-height: none; border-right: 0; } }
`;
