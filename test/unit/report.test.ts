/**
 * Renderers over real scans: workspace-derived text is escaped in HTML and Markdown, the
 * Markdown export renders back to the same text (checked with markdown-it, a CommonMark
 * implementation), and the text summary shows gaps with what was searched.
 */
import { strict as assert } from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import MarkdownIt from 'markdown-it';
import { renderHtml, renderMarkdown, renderText, summaryCounts } from '../../src/core/report';
import { engine, FIXTURES } from './helpers/engine';

/** The text a reader sees once Markdown is rendered: tags dropped, entities decoded, spaces collapsed. */
function plain(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(lt|gt|quot|amp|#39|#x27);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&', '#39': "'", '#x27': "'" })[e]!)
    .replace(/\s+/g, ' ')
    .trim();
}
const norm = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();

const EVIL = '<img src=x onerror=alert(1)>';

describe('reports', function () {
  this.timeout(60_000);
  let root: string;
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'sr-report-'));
    // A dependency name and a file name carrying markup, next to a real Express dependency.
    await fs.writeFile(
      path.join(root, 'package.json'),
      JSON.stringify({ name: 'evil', dependencies: { express: '^4.19.0', [EVIL]: '1.0.0' } }, null, 2),
    );
    await fs.mkdir(path.join(root, 'src'));
    await fs.writeFile(path.join(root, 'src', '<svg onload=alert(1)>.js'), "const express = require('express');\nconst app = express();\napp.get('/x', (req, res) => res.send('ok'));\n");
  });

  // The report's one script is now the bundled chart/filter script, loaded by URI with the nonce
  // (issue 11: Chart.js bundled, strict CSP); no inline script and no 'unsafe-inline' remain.
  it('escapes workspace text in the HTML report and allows only the nonce script and style', async () => {
    const r = await (await engine()).scan(root);
    assert.ok(r.technologies.some((t) => t.id === 'express'));
    const html = renderHtml(r, { cspSource: 'vscode-resource:', nonce: 'abc123', scriptUri: 'https://file+.vscode-resource/dist/webview/main.js' });
    assert.ok(!html.includes('<svg onload'), 'file name markup must be escaped');
    assert.ok(!html.includes('<img src=x'), 'dependency name markup must be escaped');
    assert.ok(html.includes('&lt;svg onload=alert(1)&gt;.js'));
    assert.deepEqual(html.match(/<script[^>]*>/g), ['<script nonce="abc123" src="https://file+.vscode-resource/dist/webview/main.js">']);
    assert.deepEqual(html.match(/<style[^>]*>/g), ['<style nonce="abc123">']);
    assert.match(html, /script-src 'nonce-abc123';/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    assert.doesNotMatch(html, / style="/, 'no inline style attributes (the CSP would block them)');
    // The chart's model travels in an attribute: valid JSON once the attribute is unescaped.
    const attr = /data-model="([^"]*)"/.exec(html)?.[1];
    assert.ok(attr, 'the chart carries its model');
    const model = JSON.parse(attr.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    assert.ok(model.axes.length > 0 && model.axes.every((a: { score: number }) => a.score >= 0 && a.score <= 100));
  });

  it('report HTML has the navigation: table of contents, filters, search, expand/collapse, one section per category', async () => {
    const e = await engine();
    const r = await e.scan(path.join(FIXTURES, 'node-ts-service'));
    const html = renderHtml(r, { cspSource: 'x', nonce: 'n', reveal: 'rest-api-design' });
    assert.match(html, /<nav class="toc"/);
    assert.match(html, /<input id="q" type="search"/);
    for (const st of ['demonstrated', 'partial', 'missing', 'not-observable']) assert.match(html, new RegExp(`data-status="${st}" checked`));
    assert.match(html, /data-cmd="expand"/);
    assert.match(html, /data-cmd="collapse"/);
    assert.match(html, /data-reveal="rest-api-design"/);
    assert.match(html, /<details class="skill st-demonstrated" id="skill-rest-api-design"/);
    // Evidence links carry the 0-based columns of the match so the editor can select it.
    assert.match(html, /class="ev" data-path="[^"]+" data-line="\d+" data-column="\d+" data-end-column="\d+"/);
    // Technology categories read as words, not ids.
    assert.match(html, /<td class="nowrap">Test framework<\/td>/);
    assert.doesNotMatch(html, /<td class="nowrap">test-framework<\/td>/);
  });

  it('escapes Markdown-significant characters from the workspace', async () => {
    const r = await (await engine()).scan(root);
    const md = renderMarkdown(r);
    // Inside code spans markup is inert; everywhere else it must be escaped (a backslash before < makes it text).
    assert.ok(!/(?<!\\)<svg onload/.test(md.replace(/`[^`\n]*`/g, '')));
    assert.ok(md.includes('<svg onload'), 'the file is still listed, as code');
    assert.match(md, /^# Skill Radar report/);
    assert.match(md, /## Practices not found/);
  });

  it('Markdown export renders back to its own text: every name, detail and step reads as written', async () => {
    const mdit = new MarkdownIt({ html: true });
    for (const fixture of ['node-ts-service', 'python-service', 'java-spring-maven']) {
      const r = await (await engine()).scan(path.join(FIXTURES, fixture));
      const md = renderMarkdown(r);
      const text = plain(mdit.render(md));
      const expected = [
        ...r.skills.filter((s) => !s.optional).map((s) => s.name),
        ...r.skills.flatMap((s) => s.evidence.slice(0, 5).map((ev) => ev.detail)),
        ...r.skills.filter((s) => s.status !== 'demonstrated' && !s.optional).map((s) => s.suggestions[0] ?? ''),
        ...r.technologies.map((t) => t.name),
        ...r.absentPractices.map((p) => p.searched),
      ].filter(Boolean);
      for (const want of expected) assert.ok(text.includes(norm(want)), `${fixture}: rendered Markdown does not read "${want}"`);
      // Escapes only where they change rendering: a handful, not one per sentence.
      const backslashes = (md.match(/\\/g) ?? []).length;
      assert.ok(backslashes < md.split('\n').length / 10, `${fixture}: ${backslashes} backslashes in ${md.split('\n').length} lines`);
      assert.doesNotMatch(md, /\\[.\-!()#+]/, `${fixture}: ordinary punctuation is not escaped`);
    }
  });

  it('summarises statuses and lists next steps, with what was searched when nothing was found', async () => {
    const r = await (await engine()).scan(root);
    const n = summaryCounts(r);
    assert.equal(n.demonstrated + n.partial + n.missing, n.observable);
    const text = renderText(r, { color: false });
    assert.match(text, new RegExp(`skills demonstrated ${n.demonstrated}/${n.observable}`));
    assert.match(text, /Next steps for mid backend/);
    assert.match(text, /searched: /);
    assert.doesNotMatch(text, /\x1b\[/, 'no colour codes when color is off');
  });
});
