/**
 * Renderers of one {@link AnalysisResult}: a terminal summary, Markdown, and an HTML document for
 * the report webview. Everything derived from workspace text is made safe (src/core/escape.ts):
 * controls and bidirectional overrides are shown as escapes in every format, Markdown values
 * are escaped where they would change the rendering, and HTML is escaped.
 */
import type { AnalysisResult, Evidence, Level, NextStep, SkillResult, SkillStatus } from './types';
import { personalCounts, personalLabel, personLine } from './profile';
import { SHOWN_STEPS, readinessLine } from './guidance';
import { escapeControls, escapeHtml, htmlText, md, mdCell, mdCode, safeStrings } from './escape';

export { escapeHtml } from './escape';

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
  return `${s.status === 'partial' ? 'partial · ' : ''}${n} signal${n === 1 ? '' : 's'}`;
}

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
        out.push(`| ${STATUS_MARK[s.status]} ${mdCell(s.name)} | ${STATUS_LABEL[s.status]} · ${s.level} | ${mdCell(you)} | ${ev} |`);
      }
      continue;
    }
    for (const s of skills) {
      out.push(`- ${STATUS_MARK[s.status]} **${md(s.name)}** — ${STATUS_LABEL[s.status]} · ${s.level}${s.levels ? ` · ${levelsLine(s)}` : ''}`);
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
    out.push(`| ${mdCell(t.name)} | ${mdCell(t.category)} | ${use} | ${mdCode(where(t.evidence[0]), { cell: true })} ${mdCell(t.evidence[0].detail)} |`);
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

/**
 * Renders the HTML body of the report webview. `cspSource` and `nonce` come from the webview
 * (the document allows only the nonce'd script and no remote content). Evidence links carry
 * `data-path`/`data-line` that the webview script posts back to open the file. `steps` is the
 * whole ranking (guidance `rankSteps`) for "more next steps", else `r.nextSteps`.
 */
export function renderHtml(r: AnalysisResult, opts: { cspSource: string; nonce: string; title?: string; steps?: NextStep[] }): string {
  // Element content: controls and bidi overrides made visible, then escaped (src/core/escape.ts).
  const e = htmlText;
  const n = summaryCounts(r);
  const statusClass = (s: SkillStatus) => `st-${s}`;
  const evidenceLink = (ev: Evidence) =>
    `<a href="#" class="ev" data-path="${escapeHtml(ev.path)}" data-line="${ev.line ?? 1}">${e(where(ev))}</a> <span class="detail">${e(ev.detail)}</span>`;
  const today = new Date().toISOString().slice(0, 10);
  // The personal lens as a second column: what your own commits show of each skill.
  const youCell = (s: SkillResult) => {
    if (!r.person || s.status === 'not-observable') return '';
    const p = s.personal;
    const label = personalLabel(p, r.person.halfLifeMonths, today);
    return ` <span class="you you-${p?.status ?? 'none'}">You: ${e(label)}${p && p.status !== 'none' ? ` · ${p.files} file${p.files === 1 ? '' : 's'} · ${e(p.lastShown ?? '')}` : ''}</span>`;
  };
  const yourEvidence = (s: SkillResult) =>
    r.person && s.personal?.evidence?.length ? `<p class="you-ev">Yours:</p><ul class="evidence">${s.personal.evidence.slice(0, 8).map((ev) => `<li>${evidenceLink(ev)}</li>`).join('')}</ul>` : '';
  const skillRow = (s: SkillResult) => `
    <details class="skill ${statusClass(s.status)}">
      <summary><span class="mark">${STATUS_MARK[s.status]}</span> <strong>${e(s.name)}</strong>
        <span class="meta">${e(STATUS_LABEL[s.status])} · ${e(s.level)}${s.aboveTarget && s.status !== 'demonstrated' ? ' · next level' : ''}${s.optional ? ' · not expected here' : ''}</span>${youCell(s)}</summary>
      <p>${e(s.summary)}</p>
      ${yourEvidence(s)}
      ${s.evidence.length ? `<ul class="evidence">${s.evidence.map((ev) => `<li>${evidenceLink(ev)}</li>`).join('')}</ul>` : ''}
      ${s.levels ? `<p class="levels">Levels: ${e(levelsLine(s))}</p>` : ''}
      ${s.searched && s.status !== 'demonstrated' ? `<p class="searched">Searched: ${e(s.searched)}</p>` : ''}
      ${s.suggestions.length ? `<p class="next">Next: ${e(s.suggestions[0])}</p>` : ''}
      <p class="sources">Sources: ${s.sources.map((src) => `${e(src.title)} — “${e(src.section)}”`).join('; ')}</p>
    </details>`;
  const stepItem = (st: NextStep) => `<li class="step">
      <strong>${e(st.text)}</strong> <span class="meta">${e(st.name)} · ${e(stepLevel(st))}</span>
      <div class="why">${e(st.why)}</div>
      ${st.buildsOn.length ? `<div class="builds">Builds on: ${st.buildsOn.map(evidenceLink).join(' · ')}</div>` : ''}
      <div class="learn">Learn: <a href="${e(st.learn)}">${e(st.learn)}</a></div>
    </li>`;
  const steps = opts.steps ?? r.nextSteps;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${opts.cspSource} 'unsafe-inline'; script-src 'nonce-${opts.nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${e(opts.title ?? 'Skill Radar Report')}</title>
<style>
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.5em 2em; line-height: 1.45; }
  h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: .2em; margin-top: 1.6em; }
  .summary { color: var(--vscode-descriptionForeground); }
  .cards { display: flex; gap: .8em; flex-wrap: wrap; margin: 1em 0; }
  .card { border: 1px solid var(--vscode-panel-border); border-radius: 6px; padding: .6em 1em; min-width: 8em; }
  .card b { font-size: 1.6em; display: block; }
  .bar { display: flex; height: 10px; border-radius: 5px; overflow: hidden; margin: .5em 0 1em; background: var(--vscode-editorWidget-background); }
  .bar span { display: block; height: 100%; }
  .st-demonstrated .mark { color: var(--vscode-testing-iconPassed, #3fb950); }
  .bar .d { background: var(--vscode-testing-iconPassed, #3fb950); } .bar .p { background: var(--vscode-editorWarning-foreground, #d29922); } .bar .m { background: var(--vscode-editorError-foreground, #f85149); }
  .st-partial .mark { color: var(--vscode-editorWarning-foreground, #d29922); }
  .st-missing .mark { color: var(--vscode-editorError-foreground, #f85149); }
  .st-not-observable .mark { color: var(--vscode-descriptionForeground); }
  details.skill { margin: .25em 0; padding: .2em .5em; border-radius: 4px; }
  details.skill[open] { background: var(--vscode-editorWidget-background); }
  summary { cursor: pointer; } .meta, .detail, .sources, .searched { color: var(--vscode-descriptionForeground); }
  .meta { margin-left: .5em; font-size: .9em; }
  ul.evidence { margin: .2em 0; padding-left: 1.4em; } a.ev { color: var(--vscode-textLink-foreground); font-family: var(--vscode-editor-font-family); }
  table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .25em .6em; border-bottom: 1px solid var(--vscode-panel-border); }
  .figures { color: var(--vscode-descriptionForeground); font-size: .9em; }
  ol.steps { padding-left: 1.6em; } li.step { margin: .6em 0; } .why, .builds, .learn, .levels { color: var(--vscode-descriptionForeground); font-size: .92em; }
  .learn a { color: var(--vscode-textLink-foreground); }
  .you { margin-left: .8em; font-size: .9em; padding: 0 .4em; border-radius: 3px; border: 1px solid var(--vscode-panel-border); }
  .you-authored { color: var(--vscode-testing-iconPassed, #3fb950); } .you-touched { color: var(--vscode-editorWarning-foreground, #d29922); }
  .you-none, .you-ev { color: var(--vscode-descriptionForeground); } .you-ev { margin: .2em 0 0; }
</style></head>
<body>
  <h1>Skill Radar Report</h1>
  <p class="summary">${e(r.root)} · ${r.stats.files} files · target <strong class="target">${e(r.target.level)} · ${e(r.target.role)}</strong> · ${e(readinessLine(r.readiness))}</p>
  ${r.person ? `<p class="summary">You: ${e(personLine(r.person))}</p>` : ''}
  <div class="cards">
    ${r.person?.commits ? `<div class="card"><b>${personalCounts(r, today).current}</b>skills your commits show</div>` : ''}
    <div class="card"><b>${n.demonstrated}/${n.observable}</b>skills demonstrated</div>
    <div class="card"><b>${n.partial}</b>partial</div>
    <div class="card"><b>${n.missing}</b>missing</div>
    <div class="card"><b>${r.technologies.length}</b>technologies</div>
  </div>
  <div class="bar" role="img" aria-label="${n.demonstrated} demonstrated, ${n.partial} partial, ${n.missing} missing">
    <span class="d" style="width:${pct(n.demonstrated, n.observable)}%"></span><span class="p" style="width:${pct(n.partial, n.observable)}%"></span><span class="m" style="width:${pct(n.missing, n.observable)}%"></span>
  </div>
  ${r.noSource ? `<p class="summary"><strong>No source code here</strong>: ${e(r.noSource.reason)}.</p>` : ''}
  <h2 id="next-steps">Next steps</h2>
  <p class="summary">${e(readinessLine(r.readiness))} · written for ${e(r.backend.label)}</p>
  ${steps.length ? `<ol class="steps">${steps.slice(0, SHOWN_STEPS).map(stepItem).join('')}</ol>` : '<p>Every expectation up to your target level shows in this code.</p>'}
  ${steps.length > SHOWN_STEPS ? `<details class="more"><summary>${steps.length - SHOWN_STEPS} more next steps</summary><ol class="steps" start="${SHOWN_STEPS + 1}">${steps.slice(SHOWN_STEPS).map(stepItem).join('')}</ol></details>` : ''}
  <h2>Skills</h2>
  ${byCategory(r.skills).map(([cat, skills]) => `<h3>${e(cat)}</h3>${skills.map(skillRow).join('')}`).join('')}
  <h2>Technologies</h2>
  <table><thead><tr><th>Technology</th><th>Category</th><th>Use</th><th>Evidence</th></tr></thead><tbody>
  ${r.technologies.map((t) => `<tr><td>${e(t.name)}</td><td>${e(t.category)}</td><td>${technologyUse(t)}</td><td>${evidenceLink(t.evidence[0])}</td></tr>`).join('')}
  </tbody></table>
  <h2>Practices</h2>
  <ul>${r.practices.map((p) => `<li>${p.negative ? '⚠' : '✔'} ${e(p.name)}${p.count !== undefined ? ` (${p.count})` : ''}${p.evidence[0] ? ` — ${evidenceLink(p.evidence[0])}` : ''}${p.figures ? `<br><span class="figures">${e(formatFigures(p.figures))}</span>` : ''}</li>`).join('')}</ul>
  ${r.absentPractices.length ? `<h2>Practices not found</h2><p class="summary">Not found is not the same as not done: each line says what was looked for.</p><ul>${r.absentPractices.map((p) => `<li>${e(p.name)} <span class="searched">— ${e(p.searched)}</span></li>`).join('')}</ul>` : ''}
  <script nonce="${opts.nonce}">
    const vscode = acquireVsCodeApi();
    document.addEventListener('click', (ev) => {
      const a = ev.target.closest && ev.target.closest('a.ev');
      if (!a) return;
      ev.preventDefault();
      vscode.postMessage({ type: 'open', path: a.dataset.path, line: Number(a.dataset.line) });
    });
  </script>
</body></html>`;
}

function pct(a: number, total: number): string {
  return total ? ((100 * a) / total).toFixed(1) : '0';
}
