/**
 * Browser-side script of Skill Radar's webviews (bundled with Chart.js into dist/webview/main.js;
 * no CDN, loaded under a nonce-only CSP). Two pages use it:
 * - the sidebar's radar view (`body[data-page=radar]`): built here from the model the extension
 *   posts, with textContent only, so nothing from the workspace is ever parsed as HTML;
 * - the report (`body[data-page=report]`): server-rendered and escaped by src/core/report.ts;
 *   this script draws its chart and runs its filters, search, expand/collapse and links.
 * Colours come from the theme's CSS variables and the chart is redrawn when the theme changes.
 */
import { Chart, Filler, Legend, LineElement, PointElement, RadarController, RadialLinearScale, Tooltip } from 'chart.js';
import type { RadarModel } from '../core/radar';

Chart.register(RadarController, RadialLinearScale, PointElement, LineElement, Filler, Tooltip, Legend);

interface VsCodeApi {
  postMessage(msg: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let chart: Chart<'radar'> | undefined;
let model: RadarModel | undefined;

// ---- colours ------------------------------------------------------------------------

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim() || getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

const probe = document.createElement('canvas').getContext('2d');
/** Any CSS colour with the given alpha, as rgba(). */
function withAlpha(color: string, alpha: number): string {
  if (!probe) return color;
  probe.fillStyle = '#000';
  probe.fillStyle = color;
  const c = String(probe.fillStyle);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (hex) return `rgba(${parseInt(hex[1], 16)}, ${parseInt(hex[2], 16)}, ${parseInt(hex[3], 16)}, ${alpha})`;
  const rgba = /^rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(c);
  return rgba ? `rgba(${rgba[1]}, ${rgba[2]}, ${rgba[3]}, ${alpha})` : color;
}

function themeColors() {
  const hc = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  const fg = cssVar('--vscode-foreground', '#cccccc');
  return {
    hc,
    fg,
    muted: cssVar('--vscode-descriptionForeground', fg),
    grid: hc ? cssVar('--vscode-contrastBorder', fg) : withAlpha(fg, 0.18),
    repo: cssVar('--vscode-charts-blue', '#3794ff'),
    you: cssVar('--vscode-charts-orange', '#d18616'),
    font: cssVar('--vscode-font-family', 'sans-serif'),
    fontSize: parseFloat(cssVar('--vscode-font-size', '13')) || 13,
  };
}

// ---- the chart ----------------------------------------------------------------------

function chartConfig(m: RadarModel) {
  const c = themeColors();
  const series = (label: string, data: number[], color: string) => ({
    label,
    data,
    borderColor: color,
    backgroundColor: withAlpha(color, c.hc ? 0.08 : 0.22),
    borderWidth: c.hc ? 2.5 : 2,
    pointBackgroundColor: color,
    pointBorderColor: color,
    pointRadius: 2.5,
    pointHoverRadius: 4,
    fill: true,
  });
  const datasets = [series('This repository', m.axes.map((a) => a.score), c.repo)];
  if (m.hasYou) datasets.push(series('You', m.axes.map((a) => a.you ?? 0), c.you));
  return {
    type: 'radar' as const,
    // Two-word labels go on two lines so the chart keeps its size in a 290 px sidebar.
    data: { labels: m.axes.map((a) => (a.label.length > 10 && a.label.includes(' ') ? a.label.split(' ') : a.label)), datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false as const,
      layout: { padding: 2 },
      scales: {
        r: {
          min: 0,
          max: 100,
          ticks: { display: false, stepSize: 25 },
          grid: { color: c.grid },
          angleLines: { color: c.grid },
          pointLabels: { color: c.fg, font: { family: c.font, size: Math.max(10, c.fontSize - 2) } },
        },
      },
      plugins: {
        legend: { display: m.hasYou, labels: { color: c.fg, boxWidth: 10, font: { family: c.font } } },
        tooltip: {
          callbacks: {
            title: (items: { dataIndex: number }[]) => m.axes[items[0].dataIndex]?.category ?? '',
            label: (item: { dataIndex: number; datasetIndex: number }) => {
              const a = m.axes[item.dataIndex];
              if (item.datasetIndex === 1) return `You: ${a.you ?? 0}%`;
              return `${a.demonstrated} of ${a.expected} shown${a.partial ? `, ${a.partial} partial` : ''}`;
            },
          },
        },
      },
    },
  };
}

/** Draws (or redraws) the radar into `canvas`; marks it `data-drawn` for tests. */
function drawChart(canvas: HTMLCanvasElement, m: RadarModel): void {
  chart?.destroy();
  chart = undefined;
  canvas.setAttribute('aria-label', `Radar of skill categories for ${m.target.level}: ` + m.axes.map((a) => `${a.category} ${a.demonstrated} of ${a.expected}`).join(', '));
  if (!m.axes.length) return;
  chart = new Chart(canvas, chartConfig(m) as never);
  canvas.dataset.drawn = String(m.axes.length);
  canvas.dataset.theme = ['vscode-high-contrast-light', 'vscode-high-contrast', 'vscode-dark', 'vscode-light'].find((c) => document.body.classList.contains(c)) ?? '';
}

function redrawForTheme(): void {
  const canvas = document.getElementById('radar') as HTMLCanvasElement | null;
  if (canvas && model) drawChart(canvas, model);
}

// VS Code swaps body classes and the CSS variables on <html> when the theme changes.
const themeObserver = new MutationObserver(() => redrawForTheme());
themeObserver.observe(document.body, { attributes: true, attributeFilter: ['class'] });
themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });

// ---- the sidebar view ---------------------------------------------------------------

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(label: string, msg: unknown, cls = 'link'): HTMLButtonElement {
  const b = el('button', cls, label);
  b.type = 'button';
  b.addEventListener('click', () => vscode.postMessage(msg));
  return b;
}

function renderRadarView(m: RadarModel | undefined, state: string): void {
  const app = document.getElementById('app');
  if (!app) return;
  app.replaceChildren();
  if (!m) {
    app.append(el('p', 'muted', state === 'error' ? 'The last scan failed. See the Skill Radar output.' : 'Scanning the workspace…'));
    return;
  }
  if (m.empty) {
    app.append(el('p', 'headline', 'No source code found'));
    app.append(el('p', 'muted', 'Skill Radar reads manifests and source files. Open a project folder, or add code and rescan.'));
    return;
  }
  app.append(el('p', 'headline', m.headline));

  const box = el('div', 'chart');
  const canvas = el('canvas');
  canvas.id = 'radar';
  canvas.setAttribute('role', 'img');
  box.append(canvas);
  app.append(box);

  if (m.stack.length) {
    const chips = el('div', 'chips');
    chips.setAttribute('aria-label', 'Detected stack');
    for (const c of m.stack) {
      const chip = el('span', `chip chip-${c.category}`, c.name);
      chip.title = c.category === 'language' ? 'Language' : c.category;
      chips.append(chip);
    }
    if (m.moreStack) chips.append(el('span', 'chip more', `+${m.moreStack}`));
    app.append(chips);
  }

  const steps = el('div', 'steps');
  steps.append(el('h2', '', 'Next steps'));
  if (!m.nextSteps.length) steps.append(el('p', 'muted', 'No gaps at your target level: every expectation code can show is shown.'));
  const list = el('ol');
  for (const s of m.nextSteps) {
    const li = el('li');
    const b = button(s.skillName, { type: 'showSkill', id: s.skillId }, 'link step-skill');
    b.title = 'Open this skill in the report';
    li.append(b, el('div', 'step-text', s.text));
    list.append(li);
  }
  steps.append(list);
  app.append(steps);
  const actions = el('div', 'actions');
  actions.append(button('Open report', { type: 'showReport' }, 'primary'));
  app.append(actions);
  drawChart(canvas, m);
}

// ---- the report ---------------------------------------------------------------------

function setupReport(): void {
  const canvas = document.getElementById('radar') as HTMLCanvasElement | null;
  if (canvas?.dataset.model) {
    try {
      model = JSON.parse(canvas.dataset.model) as RadarModel;
      drawChart(canvas, model);
    } catch {
      /* a broken model leaves the textual summary */
    }
  }
  document.addEventListener('click', (ev) => {
    const t = ev.target as Element | null;
    const a = t?.closest?.('a.ev') as HTMLAnchorElement | null;
    if (a) {
      ev.preventDefault();
      const d = a.dataset;
      vscode.postMessage({ type: 'open', path: d.path, line: Number(d.line) || 0, column: d.column ? Number(d.column) : undefined, endColumn: d.endColumn ? Number(d.endColumn) : undefined });
      return;
    }
    const cmd = t?.closest?.('[data-cmd]') as HTMLElement | null;
    if (cmd) {
      ev.preventDefault();
      const c = cmd.dataset.cmd;
      if (c === 'expand' || c === 'collapse') {
        for (const d of document.querySelectorAll<HTMLDetailsElement>('details.skill')) if (!d.hidden) d.open = c === 'expand';
      } else if (c === 'clear') {
        clearFilters();
      } else if (c) vscode.postMessage({ type: c, id: cmd.dataset.id });
    }
  });
  for (const input of document.querySelectorAll<HTMLInputElement>('.filters input, .filters select')) {
    input.addEventListener('input', applyFilters);
    input.addEventListener('change', applyFilters);
  }
  const reveal = document.body.dataset.reveal;
  if (reveal) revealSkill(reveal);
}

function clearFilters(): void {
  for (const c of document.querySelectorAll<HTMLInputElement>('.filters input[type=checkbox]')) c.checked = true;
  const q = document.getElementById('q') as HTMLInputElement | null;
  if (q) q.value = '';
  const cat = document.getElementById('cat') as HTMLSelectElement | null;
  if (cat) cat.value = '';
  applyFilters();
}

function applyFilters(): void {
  const statuses = new Set([...document.querySelectorAll<HTMLInputElement>('.filters input[data-status]')].filter((c) => c.checked).map((c) => c.dataset.status));
  const cat = (document.getElementById('cat') as HTMLSelectElement | null)?.value ?? '';
  const q = ((document.getElementById('q') as HTMLInputElement | null)?.value ?? '').trim().toLowerCase();
  let shown = 0;
  let total = 0;
  for (const section of document.querySelectorAll<HTMLElement>('section.category')) {
    let visible = 0;
    const inCat = !cat || section.dataset.category === cat;
    for (const d of section.querySelectorAll<HTMLDetailsElement>('details.skill')) {
      total++;
      const ok = inCat && statuses.has(d.dataset.status) && (!q || (d.textContent ?? '').toLowerCase().includes(q));
      d.hidden = !ok;
      if (ok) {
        visible++;
        if (q) d.open = true;
      }
    }
    section.hidden = visible === 0;
    shown += visible;
  }
  const filtered = shown !== total;
  for (const other of document.querySelectorAll<HTMLElement>('[data-unfiltered]')) other.hidden = filtered;
  const count = document.getElementById('count');
  if (count) count.textContent = filtered ? `${shown} of ${total} skills shown` : `${total} skills`;
  const empty = document.getElementById('no-match');
  if (empty) empty.hidden = shown > 0;
}

function revealSkill(id: string): void {
  const d = document.getElementById(`skill-${id}`) as HTMLDetailsElement | null;
  if (!d) return;
  if (d.hidden) clearFilters();
  d.open = true;
  d.scrollIntoView({ block: 'start' });
  d.classList.remove('flash');
  void d.offsetWidth;
  d.classList.add('flash');
  d.querySelector('summary')?.focus();
}

window.addEventListener('message', (ev: MessageEvent) => {
  const msg = ev.data as { type?: string; model?: RadarModel; state?: string; id?: string };
  if (msg?.type === 'model') {
    model = msg.model;
    renderRadarView(model, msg.state ?? '');
  } else if (msg?.type === 'reveal' && msg.id) {
    revealSkill(msg.id);
  }
});

if (document.body.dataset.page === 'report') setupReport();
else {
  const app = document.getElementById('app');
  const initial = app?.dataset.model;
  if (initial) {
    try {
      model = JSON.parse(initial) as RadarModel;
    } catch {
      model = undefined;
    }
  }
  renderRadarView(model, app?.dataset.state ?? '');
  vscode.postMessage({ type: 'ready' });
}
