/**
 * Renderers over real scans: workspace-derived text is escaped in HTML and Markdown, and the
 * text summary shows the next steps, with what was searched when nothing was found.
 */
import { strict as assert } from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderHtml, renderMarkdown, renderText, summaryCounts } from '../../src/core/report';
import { engine } from './helpers/engine';

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

  it('escapes workspace text in the HTML report and allows only the nonce script', async () => {
    const r = await (await engine()).scan(root);
    assert.ok(r.technologies.some((t) => t.id === 'express'));
    const html = renderHtml(r, { cspSource: 'vscode-resource:', nonce: 'abc123' });
    assert.ok(!html.includes('<svg onload'), 'file name markup must be escaped');
    assert.ok(html.includes('&lt;svg onload=alert(1)&gt;.js'));
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="abc123">/);
    assert.match(html, /script-src 'nonce-abc123'/);
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
