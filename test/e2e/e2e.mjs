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
  const list = sidebar().locator('.monaco-list').first();
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

/** Runs a command through the command palette (F1), matching its title exactly. */
async function runCommand(title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${title}`);
  const item = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await item.waitFor({ state: 'visible', timeout: 15000 });
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

// ---- the run -----------------------------------------------------------------------

async function main() {
  const t0 = Date.now();
  const missing = cs.missingPrerequisite();
  if (missing) return cs.reportSkip('e2e', missing);

  fs.mkdirSync(SHOTS, { recursive: true });
  for (const f of fs.readdirSync(SHOTS)) if (f.endsWith('.png')) fs.rmSync(path.join(SHOTS, f));

  const vsix = process.env.SKILL_RADAR_VSIX || cs.ensureExtensionVsix();
  const folder = cs.fixtureFolder();
  cs.log(TAG, `fixture ${path.relative(cs.ROOT, folder) || folder}`);

  profile = cs.makeProfile('skill-radar-e2e');
  cs.installExtensions(profile, [vsix]);
  const server = await cs.startCodeServer(profile, {
    folder, logFile: path.join(cs.RESULTS_DIR, 'e2e-code-server.log'),
  });
  cs.log(TAG, `code-server on port ${server.port}`);
  const browser = await cs.launchChromium();
  page = await cs.openWorkbench(browser, server.url);
  cs.log(TAG, `workbench loaded after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  await check('activity bar icon opens the Skill Radar view with the Skills tree', async () => {
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
    await widenSidebar().catch((e) => cs.log(TAG, `could not widen the sidebar: ${e.message}`));
  }, { id: 'tree' });

  await check(`tree shows the category "${EXPECT.category}" and the skill "${EXPECT.skill}"`, async () => {
    await expandRow(EXPECT.category);
    const cat = (await treeRows()).find((r) => r.label === EXPECT.category);
    const skill = await revealRow(EXPECT.skill, { timeoutMs: 15000 });
    await skill.waitFor({ state: 'visible', timeout: 15000 });
    const sk = (await treeRows()).find((r) => r.label === EXPECT.skill);
    // data-index is the row's position in the whole tree, rendered or not.
    if (!(sk.level === cat.level + 1 && sk.index > cat.index)) {
      throw new Error(`"${EXPECT.skill}" is not a child of "${EXPECT.category}"`);
    }
    if (!/\d+ signals?/.test(sk.description)) {
      throw new Error(`"${EXPECT.skill}" description is "${sk.description}", expected "N signals"`);
    }
    if (!(await skill.locator('.codicon').count())) throw new Error(`"${EXPECT.skill}" has no status icon`);
  }, { id: 'skill', needs: ['tree'] });

  let evidenceLabel;
  await check(`expanding "${EXPECT.skill}" shows evidence rows (path:line)`, async () => {
    await expandRow(EXPECT.skill);
    evidenceLabel = await cs.waitFor('an evidence row', async () => {
      const rows = await treeRows();
      const i = rows.findIndex((r) => r.label === EXPECT.skill);
      const children = [];
      for (let j = i + 1; j < rows.length && rows[j].level > rows[i].level; j++) children.push(rows[j]);
      return children.find((r) => /^[\w./@-]+:\d+$/.test(r.label))?.label;
    }, { timeoutMs: 15000 });
    cs.log(TAG, `evidence row: ${evidenceLabel}`);
  }, { id: 'evidence', needs: ['skill'] });
  await settle();
  await shot('sidebar');

  await check('status bar shows "Skills N/M" (no history here, so no "You")', async () => {
    await page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: /Skills \d+\/\d+/ })
      .first().waitFor({ state: 'visible', timeout: 15000 });
  }, { needs: ['tree'] });

  await check('clicking an evidence row opens the file at its line', async () => {
    const [, file, line] = evidenceLabel.match(/^(.*):(\d+)$/);
    await rowLocator(evidenceLabel).click();
    await page.locator(`.tabs-container .tab.active[aria-label^="${path.basename(file)}"]`)
      .waitFor({ state: 'visible', timeout: 15000 });
    await cs.waitFor(`the cursor on line ${line}`, async () => {
      const text = await page.locator('#status\\.editor\\.selection').textContent().catch(() => '');
      return new RegExp(`Ln ${line},`).test(text || '');
    }, { timeoutMs: 10000 });
  }, { needs: ['evidence'] });

  let firstStep;
  await check('"Next steps" lists 3 to 5 steps for the target, each with why, evidence and a documentation link', async () => {
    await page.mouse.move(200, 300);
    await page.mouse.wheel(0, -100000);
    await cs.sleep(300);
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

  await check(`hovering the "${EXPECT.hoverModule}" import in ${EXPECT.hoverFile} explains it`, async () => {
    await quickOpen(EXPECT.hoverFile);
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-line').first().waitFor({ state: 'visible' });
    // The module specifier token, e.g. 'express' inside `from 'express'`.
    const token = editor.locator('.view-line span span', {
      hasText: new RegExp(`^['"]${escapeRe(EXPECT.hoverModule)}['"]$`),
    }).first();
    await token.waitFor({ state: 'visible', timeout: 15000 });
    // Our part of the hover: bold technology name. (A plain hasText string would match
    // TypeScript's own "Cannot find module 'express'" diagnostic: it is case-insensitive.)
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({
      has: page.locator('strong, b', { hasText: new RegExp(`^${escapeRe(EXPECT.hoverText)}$`) }),
    });
    // Retry: the extension may still be finishing its first scan when the file opens.
    await cs.waitFor(`a hover with **${EXPECT.hoverText}**`, async () => {
      await page.mouse.move(10, 450);
      await cs.sleep(200);
      const box = await token.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
      await hover.first().waitFor({ state: 'visible', timeout: 4000 });
      return true;
    }, { timeoutMs: 60000, intervalMs: 500 });
    const text = (await hover.first().innerText()).trim();
    cs.log(TAG, `hover: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
    if (!EXPECT.hoverMentions.test(text)) {
      throw new Error(`hover does not list the skills it is evidence of (${EXPECT.hoverMentions}): ${text}`);
    }
    await cs.sleep(600); // let the hover's fade-in finish before the picture
    await shot('hover');
  }, { needs: ['tree'] });

  await check(`"Skill Radar: Show Report" opens the "${EXPECT.reportTitle}" panel`, async () => {
    await settle();
    await runCommand('Skill Radar: Show Report');
    await page.locator(`.tabs-container .tab.active[aria-label*="${EXPECT.reportTitle}"]`)
      .waitFor({ state: 'visible', timeout: 20000 });
    // The webview body lives two iframes deep; poll every frame for the report's text.
    const text = await cs.waitFor('report text in the webview', async () => {
      for (const f of page.frames().filter((fr) => fr !== page.mainFrame())) {
        const t = await f.evaluate(() => document.body?.innerText || '').catch(() => '');
        if (t.includes(EXPECT.skill)) return t;
      }
      return null;
    }, { timeoutMs: 30000, intervalMs: 500 });
    cs.log(TAG, `report text: ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
    await settle();
    await shot('report');
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

  await personalLens(browser, vsix);

  await browser.close().catch(() => {});
  await check('no extension host errors from Skill Radar', async () => {
    const errors = [...cs.extensionHostErrors(profile), ...(youProfile ? cs.extensionHostErrors(youProfile) : [])];
    if (errors.length) throw new Error(`${errors.length} error(s) in the extension host log:\n${errors.join('\n')}`);
  });
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
    await cs.waitFor('the identity row', async () => (await treeRows()).some((r) => /^You: Ada <ada@example\.com>/.test(r.label)), { timeoutMs: 15000 });
    await expandRow('APIs');
    await revealRow('REST API design');
    const rows = await treeRows();
    const rest = rows.find((r) => r.label === 'REST API design');
    if (!/^yours · 3 files/.test(rest.description)) throw new Error(`REST API design reads "${rest.description}" in the You lens`);
    await expandRow('Containers, servers and deployment').catch(() => {});
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
    const token = editor.locator('.view-line span span', { hasText: /^['"]express['"]$/ }).first();
    await token.waitFor({ state: 'visible', timeout: 15000 });
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
  if (profile) cs.keepLogsAndRemoveProfile(profile, 'e2e');
  if (youProfile) cs.keepLogsAndRemoveProfile(youProfile, 'e2e-you');
}
process.exit(code);
