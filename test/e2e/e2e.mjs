#!/usr/bin/env node
// End-to-end tier: the packaged extension in a real VS Code (code-server) in a real
// browser (Debian's headless Chromium via playwright-core). It clicks and looks the way
// a person would, and leaves screenshots in test-results/screenshots/.
//
// Assumes `node esbuild.js --production` has run; packages dist/skill-radar.vsix when it
// is missing or stale. Never passes silently: without Chromium or code-server it prints
// "E2E SKIPPED" and fails, unless SKILL_RADAR_ALLOW_E2E_SKIP=1.
//
// Usage: node test/e2e/e2e.mjs   (SKILL_RADAR_FIXTURE=<folder> to open another folder,
//        SKILL_RADAR_VSIX=<file> to test another package)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import * as cs from '../../scripts/lib/code-server.mjs';

const SHOTS = path.join(cs.RESULTS_DIR, 'screenshots');
const TAG = 'e2e';

// What the fixture is expected to show. The Node/TS fixture is an Express + PostgreSQL
// service; the category and skill names come from the catalog in data/.
const EXPECT = {
  category: 'APIs',
  skill: 'REST API design',
  hoverFile: 'src/app.ts',
  hoverModule: 'express',
  hoverText: 'Express',
  hoverMentions: /Evidence for:?\s*\S/i, // the skills the technology is evidence of
  reportTitle: 'Skill Radar Report',
};

const results = [];

/**
 * Runs one check and records it. `needs` names earlier checks whose failure makes this
 * one pointless: it then fails at once instead of waiting out its own timeouts.
 */
async function check(name, fn, { id, needs = [] } = {}) {
  const t0 = Date.now();
  const blocked = needs.filter((n) => !results.find((r) => r.id === n)?.ok);
  if (blocked.length) {
    const error = new Error(`not run: needs ${blocked.join(', ')}`);
    results.push({ id, name, ok: false, ms: 0, error });
    cs.log(TAG, `FAIL ${name}: ${error.message}`);
    return;
  }
  try {
    await fn();
    results.push({ id, name, ok: true, ms: Date.now() - t0 });
    cs.log(TAG, `PASS ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ id, name, ok: false, ms: Date.now() - t0, error: e });
    cs.log(TAG, `FAIL ${name}: ${e.message}`);
    await shot(`FAILED-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => {});
  }
}

let page;
let profile;
let profileName = 'e2e';
let youProfile;

async function shot(name) {
  if (!page) return;
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  cs.log(TAG, `screenshot ${path.relative(cs.ROOT, file)}`);
}

// ---- workbench helpers -------------------------------------------------------------

const sidebar = () => page.locator('#workbench\\.parts\\.sidebar');

/** Rows of the Skills tree as {label, description, level, expanded}. */
async function treeRows() {
  return sidebar().locator('.monaco-list-rows > .monaco-list-row').evaluateAll((rows) => rows.map((r) => ({
    label: (r.querySelector('.label-name')?.textContent || '').trim(),
    description: (r.querySelector('.label-description')?.textContent || '').trim(),
    aria: r.getAttribute('aria-label') || '',
    level: Number(r.getAttribute('aria-level') || 0),
    expanded: r.getAttribute('aria-expanded'),
    index: Number(r.getAttribute('data-index')),
  })));
}

function rowLocator(label) {
  return sidebar().locator('.monaco-list-rows > .monaco-list-row').filter({
    has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRe(label)}\\s*$`) }),
  }).first();
}

/**
 * Scrolls the tree until the row is rendered (the list is virtual: rows outside the
 * viewport are not in the DOM), then brings it near the top so its children show too.
 */
async function revealRow(label, { timeoutMs = 30000 } = {}) {
  const row = rowLocator(label);
  // The Skills tree's list (the radar view above it is a webview, not a list).
  const list = sidebar().locator('.monaco-list').last();
  await list.waitFor({ state: 'visible', timeout: timeoutMs });
  const box = await list.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const deadline = Date.now() + timeoutMs;
  let wentToTop = false;
  while (!(await row.count())) {
    if (Date.now() > deadline) throw new Error(`tree row "${label}" not found`);
    if (!wentToTop) {
      await page.mouse.wheel(0, -100000);
      wentToTop = true;
    } else {
      const before = await firstRenderedIndex();
      await page.mouse.wheel(0, box.height * 0.6);
      await cs.sleep(150);
      // At the bottom without finding it: start over (the tree may still be filling).
      if ((await firstRenderedIndex()) === before) wentToTop = false;
    }
    await cs.sleep(150);
  }
  const rowBox = await row.boundingBox();
  if (rowBox && rowBox.y - box.y > 60) {
    await page.mouse.wheel(0, rowBox.y - box.y - 30);
    await cs.sleep(200);
  }
  return row;
}

async function firstRenderedIndex() {
  const idx = await sidebar().locator('.monaco-list-rows > .monaco-list-row').evaluateAll(
    (rows) => Math.min(...rows.map((r) => Number(r.getAttribute('data-index')))));
  return idx;
}

/** Expands a collapsed tree row (no-op when already expanded). */
async function expandRow(label) {
  const row = await revealRow(label);
  await row.waitFor({ state: 'visible', timeout: 30000 });
  if ((await row.getAttribute('aria-expanded')) === 'false') {
    // The twistie toggles without running the row's command.
    await row.locator('.monaco-tl-twistie').click();
    await cs.waitFor(`"${label}" to expand`, async () => (await row.getAttribute('aria-expanded')) === 'true',
      { timeoutMs: 10000 });
  }
  return row;
}

/** Runs a command through the command palette (F1), choosing the row whose title is exactly `title`. */
async function runCommand(title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${title}`);
  await pickExact(title);
}

/** Picks the quick-input row labelled exactly `label` (with arrow keys, as fuzzy sorting may put others first). */
async function pickExact(label) {
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.filter({ hasText: label }).first().waitFor({ state: 'visible', timeout: 15000 });
  const labels = await rows.evaluateAll((rs) => rs.map((r) => (r.querySelector('.label-name')?.textContent || '').trim()));
  const i = labels.indexOf(label);
  if (i < 0) throw new Error(`no quick-input row "${label}" (rows: ${labels.join(' | ')})`);
  for (let k = 0; k < i; k++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

/** Opens a workspace file through Quick Open (Ctrl+P), as a user would. */
async function quickOpen(relPath) {
  const base = path.basename(relPath);
  await cs.waitFor(`Quick Open to list ${relPath}`, async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(relPath);
    // File search runs on ripgrep in the server; the first query can be slow.
    const item = page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first();
    await item.waitFor({ state: 'visible', timeout: 10000 });
    await page.keyboard.press('Enter');
    return true;
  }, { timeoutMs: 45000, intervalMs: 500 });
  await page.locator(`.tabs-container .tab.active[aria-label^="${base}"]`)
    .waitFor({ state: 'visible', timeout: 20000 });
}

/** Moves the mouse off the UI and lets tooltips fade, so pictures show no stray hovers. */
async function settle() {
  await page.mouse.move(900, 600);
  await cs.sleep(800);
}

/** Drags the sidebar's edge so long skill names and their descriptions fit in pictures. */
async function widenSidebar(width = 460) {
  const box = await sidebar().boundingBox();
  if (!box || box.width >= width) return;
  const x = box.x + box.width + 1;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- webview helpers ----------------------------------------------------------------

/**
 * The frame of a webview whose document matches `selector` (webviews live two iframes
 * deep; their content frame is the inner one). Polls until it appears.
 */
async function webviewFrame(selector, what, timeoutMs = 30000) {
  return cs.waitFor(what, async () => {
    for (const f of page.frames()) {
      if (f === page.mainFrame()) continue;
      const ok = await f.evaluate((sel) => !!document.querySelector(sel), selector).catch(() => false);
      if (ok) return f;
    }
    return null;
  }, { timeoutMs, intervalMs: 400 });
}

/** Counts painted (non-transparent) pixels of the canvas in a frame: a drawn chart has thousands. */
async function paintedPixels(frame) {
  return frame.evaluate(() => {
    const c = document.getElementById('radar');
    if (!c || !c.width) return 0;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
}

/** Switches the colour theme through the palette, as a user would. */
async function setTheme(label) {
  await runCommand('Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await input.fill(label);
  await pickExact(label);
  await cs.sleep(1200);
}

/** The kind of the active theme from the workbench's classes: 'vs', 'vs-dark', 'hc-black' or 'hc-light'. */
async function themeKind() {
  return page.locator('.monaco-workbench').evaluate((el) => ['hc-light', 'hc-black', 'vs-dark', 'vs'].find((k) => el.classList.contains(k)) || '');
}

/**
 * Where a module specifier ('express' in `from 'express'`) is drawn in an editor: found through
 * the text itself, whatever spans the tokenizer and decorations split the line into.
 */
function tokenBox(editor, mod) {
  return cs.waitFor(`the '${mod}' token on screen`, () => editor.evaluate((root, m) => {
    for (const line of root.querySelectorAll('.view-line')) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent.search(new RegExp(`['"]${m}['"]`));
        if (i < 0) continue;
        const range = document.createRange();
        range.setStart(n, i + 1);
        range.setEnd(n, i + 1 + m.length);
        const r = range.getBoundingClientRect();
        if (r.width > 0) return { x: r.x, y: r.y, width: r.width, height: r.height };
      }
    }
    return null;
  }, mod), { timeoutMs: 20000 });
}

// ---- the run -----------------------------------------------------------------------

/**
 * A scratch copy of the fixture with a committed-looking .env (and .env taken out of its
 * .gitignore), so the Problems panel has a risk with a safe quick fix. The repository's
 * fixture is never written to.
 */
function scratchFixture(tmp) {
  const src = cs.fixtureFolder();
  const dest = path.join(tmp, path.basename(src));
  fs.cpSync(src, dest, { recursive: true });
  const gi = path.join(dest, '.gitignore');
  if (fs.existsSync(gi)) fs.writeFileSync(gi, fs.readFileSync(gi, 'utf8').split('\n').filter((l) => l.trim() !== '.env').join('\n'));
  fs.writeFileSync(path.join(dest, '.env'), 'DATABASE_URL=postgres://orders:orders@localhost:5432/orders\nJWT_SECRET=change-me\n');
  return dest;
}

async function main() {
  const t0 = Date.now();
  const missing = cs.missingPrerequisite();
  if (missing) return cs.reportSkip('e2e', missing);

  fs.mkdirSync(SHOTS, { recursive: true });
  for (const f of fs.readdirSync(SHOTS)) if (f.endsWith('.png')) fs.rmSync(path.join(SHOTS, f));

  const vsix = process.env.SKILL_RADAR_VSIX || cs.ensureExtensionVsix();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skill-radar-e2e-ws-'));
  const folder = process.env.SKILL_RADAR_FIXTURE ? cs.fixtureFolder() : scratchFixture(tmp);
  cs.log(TAG, `fixture ${folder}`);

  profile = cs.makeProfile('skill-radar-e2e');
  cs.installExtensions(profile, [vsix]);
  const server = await cs.startCodeServer(profile, {
    folder, logFile: path.join(cs.RESULTS_DIR, 'e2e-code-server.log'),
  });
  cs.log(TAG, `code-server on port ${server.port}`);
  const browser = await cs.launchChromium();
  page = await cs.openWorkbench(browser, server.url);
  cs.log(TAG, `workbench loaded after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  await check('activity bar icon opens the Skill Radar view with the radar and the Skills tree', async () => {
    const icon = page.locator('.activitybar .action-item a.action-label[aria-label^="Skill Radar"]');
    await icon.waitFor({ state: 'visible', timeout: 60000 });
    await icon.click();
    await sidebar().locator('.composite.title', { hasText: /Skill Radar/i })
      .waitFor({ state: 'visible', timeout: 15000 });
    // The first scan runs in the background: wait for it to fill the tree (the welcome
    // view shows meanwhile, which has no list rows).
    await cs.waitFor('the Skills tree to fill', async () => {
      const activation = cs.extensionHostErrors(profile).find((b) => /Activating extension/.test(b));
      if (activation) throw new cs.FatalError(`the extension failed to activate:\n${activation}`);
      return (await treeRows()).length > 0;
    }, { timeoutMs: 90000, intervalMs: 500 });
    const width = (await sidebar().boundingBox()).width;
    cs.log(TAG, `sidebar width ${Math.round(width)} px (the default; never widened)`);
  }, { id: 'tree' });

  await check('the radar view draws a Chart.js radar with the headline, the stack chips and next steps', async () => {
    const frame = await webviewFrame('#radar[data-drawn]', 'the radar chart to be drawn', 60000);
    const pixels = await paintedPixels(frame);
    if (pixels < 2000) throw new Error(`the radar canvas is nearly blank (${pixels} painted pixels)`);
    const text = await frame.evaluate(() => document.body.innerText);
    if (!/Ready for mid: \d+ of \d+/.test(text)) throw new Error(`no headline for the target: ${text.slice(0, 200)}`);
    const chips = await frame.evaluate(() => [...document.querySelectorAll('.chip')].map((c) => c.textContent));
    if (!chips.includes('Express') || !chips.includes('PostgreSQL')) throw new Error(`stack chips: ${chips.join(', ')}`);
    const steps = await frame.evaluate(() => document.querySelectorAll('.steps li').length);
    if (steps < 1) throw new Error('no next steps in the radar view');
    cs.log(TAG, `radar: ${pixels} painted pixels; chips ${chips.join(', ')}; ${steps} steps`);
  }, { id: 'radar', needs: ['tree'] });

  await check('the tree reads top-down: stack first, next steps, categories with codicons and meters, no skill twice', async () => {
    const rows = await treeRows();
    if (rows[0]?.label !== 'Stack') throw new Error(`first row is "${rows[0]?.label}", expected Stack`);
    if (!/Express/.test(rows[0].description)) throw new Error(`stack row description: ${rows[0].description}`);
    if (!rows.some((r) => r.label === 'Next steps')) throw new Error('no Next steps row');
    const cat = rowLocator(EXPECT.category);
    await revealRow(EXPECT.category);
    if (!(await cat.locator('.codicon-plug').count())) throw new Error(`"${EXPECT.category}" has no category codicon`);
    const desc = (await treeRows()).find((r) => r.label === EXPECT.category).description;
    if (!/^[●◐○]{5} \d+\/\d+$/.test(desc)) throw new Error(`"${EXPECT.category}" meter reads "${desc}"`);
    // Skills appear once: the next steps are step rows (the action, then skill and level), not skill rows.
    const steps = rows.filter((r) => /^Step \d+: /.test(r.aria));
    if (!steps.length) throw new Error('next steps are not step rows');
    const skillLabels = rows.filter((r) => /, (demonstrated|partial|missing|not observable in code),/.test(r.aria)).map((r) => r.label);
    if (new Set(skillLabels).size !== skillLabels.length) throw new Error(`a skill row appears twice: ${skillLabels.join(', ')}`);
  }, { id: 'layout', needs: ['tree'] });
  await page.mouse.move(200, 600);
  await page.mouse.wheel(0, -100000);
  await settle();
  await shot('sidebar-overview');

  let evidenceLabel;
  await check(`"${EXPECT.skill}" evidence rows read at the default width: file name:line, folder and detail, file icon`, async () => {
    await expandRow(EXPECT.category);
    const skill = await revealRow(EXPECT.skill, { timeoutMs: 15000 });
    const sk = (await treeRows()).find((r) => r.label === EXPECT.skill);
    if (!/\d+ signals?/.test(sk.description)) throw new Error(`"${EXPECT.skill}" description is "${sk.description}", expected "N signals"`);
    if (!(await skill.locator('.codicon').count())) throw new Error(`"${EXPECT.skill}" has no status icon`);
    await expandRow(EXPECT.skill);
    evidenceLabel = await cs.waitFor('an evidence row', async () => {
      const rows = await treeRows();
      const i = rows.findIndex((r) => r.label === EXPECT.skill);
      const children = [];
      for (let j = i + 1; j < rows.length && rows[j].level > rows[i].level; j++) children.push(rows[j]);
      return children.find((r) => /^[\w.@-]+:\d+$/.test(r.label))?.label;
    }, { timeoutMs: 15000 });
    const row = rowLocator(evidenceLabel);
    // The label (file name and line) is whole at the default width; the description may be cut.
    const fits = await row.evaluate((r) => {
      const name = r.querySelector('.label-name');
      const box = name.getBoundingClientRect();
      const rowBox = r.getBoundingClientRect();
      return { fits: box.right <= rowBox.right && name.scrollWidth <= name.clientWidth + 1, right: box.right, rowRight: rowBox.right };
    });
    if (!fits.fits) throw new Error(`evidence label "${evidenceLabel}" is cut at the default width (${JSON.stringify(fits)})`);
    const iconClass = await row.locator('.monaco-icon-label').getAttribute('class');
    if (!/file-icon/.test(iconClass)) throw new Error(`evidence row has no file icon (${iconClass})`);
    const desc = (await treeRows()).find((r) => r.label === evidenceLabel).description;
    if (!/ · /.test(desc) && !desc) throw new Error(`evidence row has no folder/detail description`);
    cs.log(TAG, `evidence row: ${evidenceLabel} — ${desc}`);
  }, { id: 'evidence', needs: ['layout'] });
  await settle();
  await shot('sidebar');

  await check('hovering an evidence row shows the matched source line', async () => {
    const row = rowLocator(evidenceLabel);
    await row.hover();
    const tip = page.locator('.monaco-hover:not(.hidden), .workbench-hover-container').filter({ hasText: evidenceLabel.replace(/:\d+$/, '') }).first();
    await tip.waitFor({ state: 'visible', timeout: 10000 });
    // The matched source line itself (e.g. router.get('/health', ...)), not just the path and detail.
    await cs.waitFor('the matched line in the tooltip', async () => /\w+\.(get|post|put|delete|use)\(/.test(await tip.innerText()), { timeoutMs: 8000 });
    await cs.sleep(400);
    await shot('evidence-tooltip');
    await settle();
  }, { needs: ['evidence'] });

  await check('the filter toggles between "Gaps for my target" and "Everything"', async () => {
    await settle();
    const gapsButton = sidebar().locator('.action-label[aria-label="Show Gaps for My Target"]');
    await sidebar().locator('.pane-header', { hasText: 'Skills' }).hover();
    await gapsButton.click();
    await cs.waitFor('the gaps filter to apply', async () => {
      const rows = await treeRows();
      const cats = rows.filter((r) => r.level === 1 && /^\d+ gaps?$/.test(r.description));
      return cats.length > 0 && !rows.some((r) => r.label === 'Not observable in code') && !rows.some((r) => r.label === EXPECT.skill);
    }, { timeoutMs: 15000 });
    await settle();
    await shot('sidebar-gaps');
    const allButton = sidebar().locator('.action-label[aria-label="Show Everything"]');
    await sidebar().locator('.pane-header', { hasText: 'Skills' }).hover();
    await allButton.click();
    await cs.waitFor('everything again', async () => (await treeRows()).some((r) => /^[●◐○]{5} /.test(r.description)), { timeoutMs: 15000 });
  }, { needs: ['layout'] });

  await check('status bar shows "Skills N/M" and explains it', async () => {
    const item = page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: /Skills \d+\/\d+/ }).first();
    await item.waitFor({ state: 'visible', timeout: 15000 });
  }, { needs: ['tree'] });

  await check('clicking an evidence row opens the file at its line and column', async () => {
    await expandRow(EXPECT.category);
    await expandRow(EXPECT.skill);
    const [, file, line] = evidenceLabel.match(/^(.*):(\d+)$/);
    await (await revealRow(evidenceLabel)).click();
    await page.locator(`.tabs-container .tab.active[aria-label^="${path.basename(file)}"]`)
      .waitFor({ state: 'visible', timeout: 15000 });
    await cs.waitFor(`the cursor on line ${line}, past column 1`, async () => {
      const text = await page.locator('#status\\.editor\\.selection').textContent().catch(() => '');
      const m = /Ln (\d+), Col (\d+)/.exec(text || '');
      return m && m[1] === line && Number(m[2]) > 1;
    }, { timeoutMs: 10000 });
  }, { needs: ['evidence'] });

  let firstStep;
  await check('"Next steps" lists 3 to 5 steps for the target, each with why, evidence and a documentation link', async () => {
    // Collapse the tree (title-bar action) so "Next steps" is on screen again.
    await sidebar().locator('.pane-header', { hasText: 'Skills' }).hover();
    await sidebar().locator('.action-label[aria-label="Collapse All"]').first().click();
    await cs.sleep(500);
    const row = await revealRow('Next steps');
    const rows = await treeRows();
    const head = rows.find((r) => r.label === 'Next steps');
    if (!/mid · backend/.test(head.description)) throw new Error(`"Next steps" description is "${head.description}", expected the target "mid · backend"`);
    if (head.expanded !== 'true') await expandRow('Next steps');
    const kids = [];
    for (const r of await treeRows()) if (r.level === head.level + 1 && r.index > head.index) kids.push(r);
    const steps = [];
    for (const r of kids) {
      if (r.label === 'More next steps' || r.level !== head.level + 1) break;
      steps.push(r);
    }
    if (steps.length < 3 || steps.length > 5) throw new Error(`${steps.length} step rows under "Next steps": ${steps.map((r) => r.label).join(' | ')}`);
    firstStep = steps[0].label;
    cs.log(TAG, `first next step: ${firstStep}`);
    await expandRow(firstStep);
    const children = await cs.waitFor('the first step\'s why, evidence and link rows', async () => {
      const all = await treeRows();
      const i = all.findIndex((r) => r.label === firstStep);
      const c = [];
      for (let j = i + 1; j < all.length && all[j].level > all[i].level; j++) c.push(all[j]);
      return c.length >= 3 ? c : null;
    }, { timeoutMs: 15000 });
    if (!/expectation:/.test(children[0].label)) throw new Error(`first child is "${children[0].label}", expected the why line`);
    if (!children.some((r) => /^[\w./@-]+(:\d+)?$/.test(r.label))) throw new Error(`no evidence row under the step: ${children.map((r) => r.label).join(' | ')}`);
    if (!children.some((r) => /^Learn: https:\/\//.test(r.label))) throw new Error('no "Learn: https://..." row under the step');
    void row;
  }, { id: 'steps', needs: ['tree'] });
  await settle();
  await shot('next-steps');

  await check(`hovering the "${EXPECT.hoverModule}" import in ${EXPECT.hoverFile} shows one card that is not clipped`, async () => {
    await quickOpen(EXPECT.hoverFile);
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-line').first().waitFor({ state: 'visible' });
    const token = { boundingBox: () => tokenBox(editor, EXPECT.hoverModule) };
    await token.boundingBox();
    // Our part of the hover: bold technology name. (A plain hasText string would match
    // TypeScript's own "Cannot find module 'express'" diagnostic: it is case-insensitive.)
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({
      has: page.locator('strong, b', { hasText: new RegExp(`^${escapeRe(EXPECT.hoverText)}$`) }),
    });
    await cs.waitFor(`a hover with **${EXPECT.hoverText}**`, async () => {
      await page.mouse.move(10, 450);
      await cs.sleep(200);
      const box = await token.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
      await hover.first().waitFor({ state: 'visible', timeout: 4000 });
      return true;
    }, { timeoutMs: 60000, intervalMs: 500 });
    await cs.sleep(600); // let the hover's fade-in finish before the picture
    const h = hover.first();
    const text = (await h.innerText()).trim();
    cs.log(TAG, `hover: ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
    if (!EXPECT.hoverMentions.test(text)) throw new Error(`hover does not list the skills it is evidence of: ${text}`);
    const cards = (text.match(/Skill Radar/g) || []).length;
    if (cards !== 1) throw new Error(`${cards} Skill Radar cards in one hover`);
    if (text.includes('\u00a0')) throw new Error('the hover text has non-breaking spaces (appendText), so lines break mid-word');
    const clipped = await h.evaluate((el) => {
      const sc = el.querySelector('.monaco-scrollable-element') || el;
      const body = el.querySelector('.hover-contents') || el;
      return body.scrollHeight > sc.clientHeight + 2;
    });
    if (clipped) throw new Error('the hover card is clipped (it scrolls at the default size)');
    await shot('hover');
  }, { needs: ['tree'] });

  await check('code risks show in the Problems panel with source "Skill Radar"', async () => {
    await settle();
    await runCommand('Problems: Focus on Problems View');
    const panel = page.locator('#workbench\\.parts\\.panel');
    await cs.waitFor('a Skill Radar problem for .env', async () => {
      const t = await panel.innerText().catch(() => '');
      return /Committed \.env file/.test(t) && /Skill Radar/.test(t) && /SQL built from strings/.test(t);
    }, { timeoutMs: 30000 });
    await cs.sleep(400);
    await shot('problems');
  }, { id: 'problems', needs: ['tree'] });

  await check('the quick fix "Add .env to .gitignore" is offered and applied', async () => {
    await quickOpen('.env');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-line').first().click();
    await page.keyboard.press('Home');
    await cs.waitFor('the quick fix menu', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+.');
      await page.locator('.action-widget', { hasText: 'Add .env to .gitignore' }).waitFor({ state: 'visible', timeout: 4000 });
      return true;
    }, { timeoutMs: 30000, intervalMs: 500 });
    await cs.sleep(300);
    await shot('quick-fix');
    await page.keyboard.press('Enter');
    await cs.waitFor('.env in .gitignore', () => fs.readFileSync(path.join(folder, '.gitignore'), 'utf8').split(/\r?\n/).includes('.env'), { timeoutMs: 15000 });
    // The rescan that follows drops the .env risk (the file is now ignored).
    const panel = page.locator('#workbench\\.parts\\.panel');
    await cs.waitFor('the .env problem to go away', async () => !/Committed \.env file/.test(await panel.innerText().catch(() => '')), { timeoutMs: 45000 });
  }, { needs: ['problems'] });

  let reportFrame;
  await check(`"Skill Radar: Show Report" opens the report with its chart, filters and search`, async () => {
    await settle();
    await runCommand('View: Hide Panel').catch(() => {});
    await runCommand('View: Close All Editors');
    await runCommand('Skill Radar: Show Report');
    await page.locator(`.tabs-container .tab.active[aria-label*="${EXPECT.reportTitle}"]`)
      .waitFor({ state: 'visible', timeout: 20000 });
    reportFrame = await webviewFrame('body[data-page="report"] #radar[data-drawn]', 'the report chart', 30000);
    const pixels = await paintedPixels(reportFrame);
    if (pixels < 2000) throw new Error(`the report's radar is nearly blank (${pixels} painted pixels)`);
    await settle();
    await shot('report');
    // Search narrows the skills; status filters hide what is unchecked.
    await reportFrame.fill('#q', 'REST');
    await cs.waitFor('search to filter', async () => /of \d+ skills shown/.test(await reportFrame.locator('#count').innerText()), { timeoutMs: 5000 });
    const visible = await reportFrame.evaluate(() => [...document.querySelectorAll('details.skill')].filter((d) => !d.hidden).map((d) => d.querySelector('strong').textContent));
    if (!visible.includes(EXPECT.skill) || visible.some((n) => !/rest/i.test(n) && false)) throw new Error(`search "REST" shows ${visible.join(', ')}`);
    await reportFrame.fill('#q', '');
    await reportFrame.uncheck('input[data-status="demonstrated"]');
    const demo = await reportFrame.evaluate(() => [...document.querySelectorAll('details.skill[data-status="demonstrated"]')].filter((d) => !d.hidden).length);
    if (demo) throw new Error(`${demo} demonstrated skills still shown with the filter off`);
    await reportFrame.check('input[data-status="demonstrated"]');
    await reportFrame.click('[data-cmd="expand"]');
    const open = await reportFrame.evaluate(() => [...document.querySelectorAll('details.skill')].every((d) => d.open));
    if (!open) throw new Error('Expand all left some skills closed');
    await reportFrame.click('[data-cmd="collapse"]');
  }, { id: 'report', needs: ['tree'] });

  await check('an evidence link in the report opens the file beside it with the match selected', async () => {
    await reportFrame.click('a[href="#cat-apis"]');
    await reportFrame.evaluate(() => { document.getElementById('skill-rest-api-design').open = true; });
    const link = reportFrame.locator('#skill-rest-api-design a.ev[data-column]').first();
    const name = (await link.innerText()).split(':')[0];
    await link.click();
    await cs.waitFor('a second editor group with the file', async () => (await page.locator('.editor-group-container').count()) >= 2 &&
      (await page.locator(`.tabs-container .tab[aria-label^="${name}"]`).count()) > 0, { timeoutMs: 15000 });
    await cs.waitFor('a selection', async () => /selected/.test(await page.locator('#status\\.editor\\.selection').textContent().catch(() => '')), { timeoutMs: 10000 });
    await settle();
    await shot('report-beside');
  }, { needs: ['report'] });

  await check('"Skill Radar: Get Started" opens the walkthrough', async () => {
    await runCommand('View: Close All Editors');
    await runCommand('Skill Radar: Get Started');
    const page1 = page.locator('.gettingStartedContainer', { hasText: 'Get started with Skill Radar' });
    await page1.waitFor({ state: 'visible', timeout: 20000 });
    const steps = await page.locator('.gettingStartedContainer .getting-started-step').count();
    if (steps < 3 || steps > 5) throw new Error(`${steps} walkthrough steps`);
    await cs.sleep(800);
    await settle();
    await shot('walkthrough');
  }, { needs: ['tree'] });

  await check('"Set Target Level and Role" re-ranks the steps for senior in one quick pick, without a rescan', async () => {
    await settle();
    await runCommand('Skill Radar: Set Target Level and Role');
    const input = page.locator('.quick-input-widget input');
    await page.locator('.quick-input-widget', { hasText: /target level/i }).waitFor({ state: 'visible', timeout: 10000 });
    await page.locator('.quick-input-list .monaco-list-row', { hasText: /current/ }).first().waitFor({ state: 'visible', timeout: 10000 });
    await shot('target-pick');
    await input.fill('senior');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: /target role/i }).waitFor({ state: 'visible', timeout: 10000 });
    await input.fill('backend');
    await page.keyboard.press('Enter');
    await cs.waitFor('the Next steps row to say "senior · backend"', async () => {
      const head = (await treeRows()).find((r) => r.label === 'Next steps');
      return head && /senior · backend/.test(head.description);
    }, { timeoutMs: 20000 });
    await settle();
    await shot('next-steps-senior');
  }, { needs: ['steps'] });

  for (const [label, kind, name] of [['Dark Modern', 'vs-dark', 'dark'], ['Dark High Contrast', 'hc-black', 'high-contrast'], ['Light Modern', 'vs', 'light']]) {
    await check(`${label} theme: the chart redraws in the theme's colours and the views stay readable`, async () => {
      await runCommand('View: Close All Editors');
      await setTheme(label);
      await cs.waitFor(`the ${label} theme`, async () => (await themeKind()) === kind, { timeoutMs: 10000 });
      await runCommand('Skill Radar: Show Report');
      const frame = await webviewFrame(`body[data-page="report"] #radar[data-theme="${kind === 'vs' ? 'vscode-light' : kind === 'vs-dark' ? 'vscode-dark' : 'vscode-high-contrast'}"]`, `the report chart in ${label}`, 30000);
      if ((await paintedPixels(frame)) < 2000) throw new Error('blank chart');
      await webviewFrame(`body[data-page="radar"] #radar[data-theme="${kind === 'vs' ? 'vscode-light' : kind === 'vs-dark' ? 'vscode-dark' : 'vscode-high-contrast'}"]`, `the sidebar chart in ${label}`, 30000);
      await settle();
      await shot(`theme-${name}`);
    }, { needs: ['radar'] });
  }

  await personalLens(browser, vsix);

  await browser.close().catch(() => {});
  await check('no extension host errors from Skill Radar', async () => {
    const errors = [...cs.extensionHostErrors(profile), ...(youProfile ? cs.extensionHostErrors(youProfile) : [])];
    if (errors.length) throw new Error(`${errors.length} error(s) in the extension host log:\n${errors.join('\n')}`);
  });
  await cs.cleanup();
  cs.keepLogsAndRemoveProfile(profile, 'e2e');
  profile = undefined;

  // A second window on an empty folder: it must say "no source found", not 64 red gaps.
  const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
  profile = cs.makeProfile('skill-radar-e2e-empty');
  cs.installExtensions(profile, [vsix]);
  const server2 = await cs.startCodeServer(profile, { folder: empty, logFile: path.join(cs.RESULTS_DIR, 'e2e-empty-code-server.log') });
  const browser2 = await cs.launchChromium();
  page = await cs.openWorkbench(browser2, server2.url);
  await check('an empty folder shows the "no source found" welcome, not a wall of missing skills', async () => {
    const icon = page.locator('.activitybar .action-item a.action-label[aria-label^="Skill Radar"]');
    await icon.waitFor({ state: 'visible', timeout: 60000 });
    await icon.click();
    await sidebar().locator('.welcome-view-content', { hasText: 'No source code found' }).waitFor({ state: 'visible', timeout: 90000 });
    if ((await treeRows()).length) throw new Error('the tree has rows for an empty folder');
    const frame = await webviewFrame('body[data-page="radar"] #app', 'the radar view', 30000);
    await cs.waitFor('the radar view to say so', async () => /No source code found/.test(await frame.evaluate(() => document.body.innerText)), { timeoutMs: 30000 });
    const bar = await page.locator('#workbench\\.parts\\.statusbar').innerText();
    if (/Skills 0\//.test(bar)) throw new Error('the status bar reads "Skills 0/…" for an empty folder');
    await settle();
    await shot('empty-folder');
  });
  await browser2.close().catch(() => {});

  await check('no extension host errors from Skill Radar (empty folder)', async () => {
    const errors = cs.extensionHostErrors(profile);
    if (errors.length) throw new Error(`${errors.length} error(s) in the extension host log:\n${errors.join('\n')}`);
  });
  profileName = 'e2e-empty';
  fs.rmSync(tmp, { recursive: true, force: true });
  cs.log(TAG, `finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return summary();
}

/**
 * The personal lens, in a second window on a folder with a team's git history (built with
 * isomorphic-git by test/fixtures/git/team-repo.ts, dated relative to today): the status bar's two
 * counts, the Repository / You toggle in the view's title bar, a hover counting your files and
 * the report's You column, each photographed.
 */
async function personalLens(browser, vsix) {
  const team = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'skill-radar-e2e-')), 'team-history');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(cs.ROOT, 'test', 'fixtures', 'git', 'team-repo.ts'), team, 'now'], { cwd: cs.ROOT, stdio: 'ignore' });
  youProfile = cs.makeProfile('skill-radar-e2e-you');
  cs.installExtensions(youProfile, [vsix]);
  const server = await cs.startCodeServer(youProfile, { folder: team, logFile: path.join(cs.RESULTS_DIR, 'e2e-you-code-server.log') });
  await page.close().catch(() => {});
  page = await cs.openWorkbench(browser, server.url);
  cs.log(TAG, `personal lens: code-server on port ${server.port}, folder ${team}`);

  await check('team history: the Skills view fills and the status bar says "You N · Repo M / T"', async () => {
    const icon = page.locator('.activitybar .action-item a.action-label[aria-label^="Skill Radar"]');
    await icon.waitFor({ state: 'visible', timeout: 60000 });
    await icon.click();
    await cs.waitFor('the Skills tree to fill', async () => (await treeRows()).length > 0, { timeoutMs: 90000, intervalMs: 500 });
    await widenSidebar().catch(() => {});
    const status = page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: /You \d+ · Repo \d+ \/ \d+/ }).first();
    await status.waitFor({ state: 'visible', timeout: 30000 });
    cs.log(TAG, `status bar: ${(await status.innerText()).trim()}`);
  }, { id: 'you-tree' });

  await check('the Repository lens shows what the codebase demonstrates', async () => {
    await expandRow('APIs');
    await revealRow('REST API design');
    const rest = (await treeRows()).find((r) => r.label === 'REST API design');
    if (!/\d+ signals?/.test(rest.description)) throw new Error(`REST API design reads "${rest.description}"`);
    await settle();
    await shot('sidebar-repository');
  }, { id: 'you-repo', needs: ['you-tree'] });

  await check('"Show Your Skills" in the view title switches the tree to what your commits show', async () => {
    await sidebar().locator('a.action-label[aria-label="Show Your Skills"]').first().click();
    // The identity row is the tree's first row: scroll to the top to see it.
    await cs.waitFor('the identity row', async () => {
      const list = await sidebar().locator('.monaco-list').last().boundingBox();
      await page.mouse.move(list.x + list.width / 2, list.y + 40);
      await page.mouse.wheel(0, -100000);
      return (await treeRows()).some((r) => /^You: Ada <ada@example\.com>/.test(r.label));
    }, { timeoutMs: 15000 });
    await expandRow('APIs');
    await revealRow('REST API design');
    const rows = await treeRows();
    const rest = rows.find((r) => r.label === 'REST API design');
    if (!/^yours · 3 files/.test(rest.description)) throw new Error(`REST API design reads "${rest.description}" in the You lens`);
    await expandRow('Deployment').catch(() => {});
    await revealRow('APIs');
    cs.log(TAG, `You lens: ${rows.filter((r) => r.level >= 1).slice(0, 8).map((r) => `${r.label} [${r.description}]`).join('; ')}`);
    // The toggle itself now offers the way back.
    await sidebar().locator('a.action-label[aria-label="Show Repository Skills"]').first().waitFor({ state: 'visible', timeout: 10000 });
    await settle();
    await shot('sidebar-you');
  }, { id: 'you-lens', needs: ['you-tree'] });

  await check('hovering the express import says how many of its files are yours', async () => {
    await quickOpen('src/app.ts');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    const token = { boundingBox: () => tokenBox(editor, 'express') };
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ has: page.locator('strong, b', { hasText: /^Express$/ }) });
    await cs.waitFor('a hover with **Express**', async () => {
      await page.mouse.move(10, 450);
      await cs.sleep(200);
      const box = await token.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
      await hover.first().waitFor({ state: 'visible', timeout: 4000 });
      return true;
    }, { timeoutMs: 60000, intervalMs: 500 });
    const text = (await hover.first().innerText()).trim();
    cs.log(TAG, `hover: ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
    if (!/3\s+of\s+them\s+yours/.test(text)) throw new Error(`hover does not count your files: ${text}`);
    await cs.sleep(600);
    await shot('hover-you');
  }, { needs: ['you-tree'] });

  await check('the report shows the You column next to the repository status', async () => {
    await settle();
    await runCommand('Skill Radar: Show Report');
    const text = await cs.waitFor('report text with the You column', async () => {
      for (const f of page.frames().filter((fr) => fr !== page.mainFrame())) {
        const t = await f.evaluate(() => document.body?.innerText || '').catch(() => '');
        if (/You: yours/.test(t)) return t;
      }
      return null;
    }, { timeoutMs: 30000, intervalMs: 500 });
    cs.log(TAG, `report: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
    await settle();
    await shot('report-you');
  }, { needs: ['you-tree'] });
}

function summary() {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  for (const r of results.filter((x) => !x.ok)) {
    console.log(`\n  FAILED: ${r.name}\n    ${String(r.error?.stack || r.error).split('\n').slice(0, 6).join('\n    ')}`);
  }
  console.log(`\ne2e: ${passed} passed, ${failed} failed`);
  return failed || !results.length ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`e2e: setup failed: ${e.stack || e}`);
  results.push({ name: 'setup', ok: false, error: e });
  summary();
  code = 1;
} finally {
  await cs.cleanup();
  if (profile) cs.keepLogsAndRemoveProfile(profile, profileName);
  if (youProfile) cs.keepLogsAndRemoveProfile(youProfile, 'e2e-you');
}
process.exit(code);
