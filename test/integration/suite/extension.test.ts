// Integration tests with the real `vscode` API, run inside an extension host on a copy of
// test/fixtures/node-ts-service (an Express + PostgreSQL service) opened as a folder. They check what the
// unit tier cannot: activation, the exported API, commands, hovers and the file watcher.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'skill-radar.skill-radar';

// The slice of the extension's API and of the CLI's JSON contract these tests rely on.
interface Evidence { path: string; line?: number; detail: string }
interface AnalysisResult {
  target: { level: string; role: string };
  nextSteps: Array<{ skill: string; level: string; text: string; learn: string }>;
  technologies: Array<{ id: string; name: string; evidence: Evidence[] }>;
  practices: Array<{ id: string; evidence: Evidence[] }>;
  skills: Array<{ id: string; name: string; category: string; status: string; evidence: Evidence[] }>;
}
interface SkillRadarApi {
  whenIdle(): Promise<void>;
  lastResults(): Array<{ folder: string; result: AnalysisResult }>;
  scanCount(): number;
  lastScans(): Array<{ folder: string; threadId: number; computed: number; reused: number; durationMs: number; sinceActivationMs: number; incremental: boolean }>;
}

const STATUSES = ['demonstrated', 'partial', 'missing', 'not-observable'];

// This file is for a single-folder workspace; multi-root.test.ts covers the other kind, and
// personal.test.ts the folder with a team's git history.
const singleFolder = vscode.workspace.workspaceFolders?.length === 1 && !vscode.workspace.workspaceFolders[0].uri.path.endsWith('/team-history');

(singleFolder ? describe : describe.skip)('Skill Radar in a real VS Code', function () {
  this.timeout(120_000);

  let api: SkillRadarApi;
  let folder: vscode.WorkspaceFolder;

  function result(): AnalysisResult {
    const entry = api.lastResults().find((r) => r.folder === folder.uri.fsPath) ?? api.lastResults()[0];
    assert.ok(entry, 'lastResults() has an entry for the open folder');
    return entry.result;
  }

  /** Polls (through whenIdle) until `pred` holds; the watcher is debounced. */
  async function eventually(what: string, pred: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 250));
      await api.whenIdle();
    }
  }

  before(async () => {
    const f = vscode.workspace.workspaceFolders?.[0];
    assert.ok(f, 'a workspace folder is open');
    folder = f;
    const ext = vscode.extensions.getExtension<SkillRadarApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
    api = await ext.activate();
    assert.ok(api && typeof api.whenIdle === 'function', 'activate() returns the API');
    await api.whenIdle();
  });

  it('scans the open folder once activated', () => {
    const entries = api.lastResults();
    assert.equal(entries.length, 1, 'one result per workspace folder');
    assert.equal(entries[0].folder, folder.uri.fsPath);
    assert.ok(result().skills.length > 0, 'skills are rated');
  });

  it('detects Express and PostgreSQL with workspace-relative evidence', () => {
    const techs = result().technologies;
    for (const id of ['express', 'postgresql']) {
      const t = techs.find((x) => x.id === id);
      assert.ok(t, `technology ${id} detected; got ${techs.map((x) => x.id).join(', ')}`);
      assert.ok(t.evidence.length > 0, `${id} has evidence`);
      for (const e of t.evidence) {
        assert.ok(!e.path.startsWith('/') && !e.path.includes('\\'), `relative POSIX path: ${e.path}`);
        if (e.line !== undefined) assert.ok(e.line >= 1, `1-based line: ${e.path}:${e.line}`);
      }
    }
    const express = techs.find((x) => x.id === 'express')!;
    assert.ok(express.evidence.some((e) => e.path === 'package.json' && e.line === 20),
      `express evidence includes package.json:20; got ${express.evidence.map((e) => `${e.path}:${e.line}`).join(', ')}`);
  });

  it('rates "rest-api-design" from evidence', () => {
    const skill = result().skills.find((s) => s.id === 'rest-api-design');
    assert.ok(skill, 'skill rest-api-design is in the catalog');
    assert.notEqual(skill.status, 'missing');
    assert.ok(skill.evidence.length > 0, 'rest-api-design carries evidence');
    for (const s of result().skills) assert.ok(STATUSES.includes(s.status), `${s.id}: status ${s.status}`);
  });

  it('registers its commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['skillRadar.rescan', 'skillRadar.showReport', 'skillRadar.exportMarkdown', 'skillRadar.exportJson', 'skillRadar.setTarget',
      'skillRadar.filterGaps', 'skillRadar.filterAll', 'skillRadar.dismiss', 'skillRadar.restore', 'skillRadar.showSkillInReport',
      'skillRadar.openEvidenceToSide', 'skillRadar.revealInExplorer', 'skillRadar.copyPath', 'skillRadar.getStarted']) {
      assert.ok(all.includes(c), `${c} registered`);
    }
  });

  it('rescans on skillRadar.rescan', async () => {
    await vscode.commands.executeCommand('skillRadar.rescan');
    await api.whenIdle();
    assert.ok(result().technologies.some((t) => t.id === 'express'), 'results are still there after a rescan');
  });

  it('opens the report panel on skillRadar.showReport', async () => {
    await vscode.commands.executeCommand('skillRadar.showReport');
    const tab = await waitForTab((t) => t.label === 'Skill Radar Report');
    assert.ok(tab.input instanceof vscode.TabInputWebview, 'the report is a webview');
  });

  it('exports the report as an untitled Markdown document and the analysis as JSON', async () => {
    await vscode.commands.executeCommand('skillRadar.exportMarkdown');
    const md = vscode.window.activeTextEditor?.document;
    assert.ok(md && md.isUntitled && md.languageId === 'markdown', `an untitled markdown editor; got ${md?.uri.toString()} ${md?.languageId}`);
    assert.match(md.getText(), /^# Skill Radar report/);
    assert.match(md.getText(), /Express/);
    await vscode.commands.executeCommand('skillRadar.exportJson');
    const json = vscode.window.activeTextEditor?.document;
    assert.ok(json && json.isUntitled && json.languageId === 'json');
    const parsed = JSON.parse(json.getText());
    assert.equal(parsed.schemaVersion, 1);
    assert.ok(parsed.technologies.some((t: { id: string }) => t.id === 'express'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a target change re-ranks the next steps without scanning again', async () => {
    const cfg = vscode.workspace.getConfiguration('skillRadar');
    await api.whenIdle();
    const scans = api.scanCount();
    const mid = result().nextSteps.map((s) => `${s.skill}:${s.level}`);
    assert.ok(mid.length >= 3, `next steps at mid: ${mid.join(', ')}`);
    try {
      await cfg.update('targetLevel', 'senior', vscode.ConfigurationTarget.Global);
      await eventually('the target is senior', () => result().target.level === 'senior', 10_000);
      const senior = result().nextSteps.map((s) => `${s.skill}:${s.level}`);
      assert.notDeepEqual(senior, mid, 'senior steps differ from mid steps');
      assert.equal(api.scanCount(), scans, 'no scan ran for the target change');
      assert.ok(result().nextSteps.every((s) => /^https:\/\//.test(s.learn)), 'every step links its documentation');
    } finally {
      await cfg.update('targetLevel', undefined, vscode.ConfigurationTarget.Global);
      await eventually('the target is back to mid', () => result().target.level === 'mid', 10_000);
    }
    assert.equal(api.scanCount(), scans, 'still no scan after resetting the target');
  });

  describe('hovers', () => {
    let doc: vscode.TextDocument;
    before(async () => {
      doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'src', 'app.ts'));
      await vscode.window.showTextDocument(doc);
    });

    it('explains the express import', async () => {
      const offset = doc.getText().indexOf("'express'");
      assert.ok(offset >= 0, "src/app.ts imports 'express'");
      const text = await hoverText(doc.uri, doc.positionAt(offset + 3));
      assert.match(text, /\*\*Express\*\*/, `hover starts with **Express**; got: ${text}`);
      const named = result().skills.filter((s) => text.includes(s.name));
      assert.ok(named.length > 0, `hover names the skills Express is evidence of; got: ${text}`);
    });

    it('says nothing about Express on a blank line', async () => {
      const line = doc.getText().split('\n').findIndex((l) => l.trim() === '');
      const text = await hoverText(doc.uri, new vscode.Position(line, 0));
      assert.doesNotMatch(text, /Express/);
    });
  });

  describe('scans in a worker thread', () => {
    const file = () => vscode.Uri.joinPath(folder.uri, 'src', 'logger.ts');
    const redis = () => result().technologies.find((t) => t.id === 'redis')?.evidence.some((e) => e.path === 'src/logger.ts');
    let original: string;

    after(async () => {
      if (original !== undefined) await vscode.workspace.fs.writeFile(file(), new TextEncoder().encode(original));
    });

    it('filled the tree from a scan that ran off the extension host thread', () => {
      const scans = api.lastScans();
      assert.equal(scans.length, 1);
      assert.ok(scans[0].threadId > 0, `scanned in a worker thread (threadId ${scans[0].threadId})`);
      assert.ok(scans[0].computed + scans[0].reused > 0, 'source files were parsed or reused');
      console.log(`      tree filled ${scans[0].sinceActivationMs} ms after activation (${scans[0].computed} files parsed, ${scans[0].reused} reused)`);
    });

    it('a save updates the tree, re-deriving only the saved file', async () => {
      const doc = await vscode.workspace.openTextDocument(file());
      original = doc.getText();
      assert.ok(!redis(), 'no Redis evidence in src/logger.ts before the edit');
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), "import Redis from 'ioredis';\n"));
      await doc.save();
      await eventually('the saved import of ioredis shows as Redis evidence', () => !!redis());
      const scan = api.lastScans()[0];
      assert.ok(scan.threadId > 0, 'the rescan ran in the worker');
      assert.equal(scan.computed, 1, `only the saved file was parsed again (${scan.computed} parsed, ${scan.reused} reused)`);
      assert.equal(scan.incremental, true, 'the rescan reused the last file list and re-derived the saved file alone');
      await editor.edit((b) => b.delete(new vscode.Range(0, 0, 1, 0)));
      await doc.save();
      await eventually('the Redis evidence is gone after undoing the edit', () => !redis());
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  });

  describe('Problems panel', () => {
    const riskDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Skill Radar');
    const envFile = () => vscode.Uri.joinPath(folder.uri, '.env');
    const gitignore = () => vscode.Uri.joinPath(folder.uri, '.gitignore');
    let ignoreBefore = '';

    before(async () => {
      ignoreBefore = new TextDecoder().decode(await vscode.workspace.fs.readFile(gitignore()));
    });
    after(async () => {
      await vscode.workspace.fs.delete(envFile()).then(undefined, () => undefined);
      await vscode.workspace.fs.writeFile(gitignore(), new TextEncoder().encode(ignoreBefore));
      await vscode.workspace.getConfiguration('skillRadar').update('diagnostics.enabled', undefined, vscode.ConfigurationTarget.Global);
    });

    it('shows string-built SQL as a Skill Radar warning at its line, linked to an explanation', () => {
      const db = vscode.Uri.joinPath(folder.uri, 'src', 'db.ts');
      const risk = result().practices.find((p) => p.id === 'sql-injection-risk');
      assert.ok(risk, 'the fixture builds SQL from strings');
      const diags = riskDiagnostics(db);
      assert.ok(diags.length > 0, 'a Skill Radar diagnostic on src/db.ts');
      assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(diags[0].range.start.line, (risk.evidence[0].line ?? 1) - 1);
      assert.match(diags[0].message, /SQL built from strings/);
      const code = diags[0].code as { value: string; target: vscode.Uri };
      assert.equal(code.value, 'sql-injection-risk');
      assert.match(code.target.toString(), /^https:\/\//);
    });

    it('turns off with skillRadar.diagnostics.enabled', async () => {
      const db = vscode.Uri.joinPath(folder.uri, 'src', 'db.ts');
      await vscode.workspace.getConfiguration('skillRadar').update('diagnostics.enabled', false, vscode.ConfigurationTarget.Global);
      await eventually('the diagnostics are cleared', () => riskDiagnostics(db).length === 0);
      await vscode.workspace.getConfiguration('skillRadar').update('diagnostics.enabled', undefined, vscode.ConfigurationTarget.Global);
      await eventually('the diagnostics are back', () => riskDiagnostics(db).length > 0);
    });

    it('offers "Add .env to .gitignore" on a committed .env and the fix writes .gitignore', async () => {
      await vscode.workspace.fs.writeFile(gitignore(), new TextEncoder().encode(ignoreBefore.split('\n').filter((l) => l.trim() !== '.env').join('\n')));
      await vscode.workspace.fs.writeFile(envFile(), new TextEncoder().encode('DATABASE_URL=postgres://u:p@localhost/db\n'));
      await eventually('a diagnostic on .env', () => riskDiagnostics(envFile()).length > 0, 45_000);
      const doc = await vscode.workspace.openTextDocument(envFile());
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 1));
      const fix = actions.find((a) => a.title === 'Add .env to .gitignore');
      assert.ok(fix?.command, `the quick fix is offered; got ${actions.map((a) => a.title).join(', ')}`);
      await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      const after = new TextDecoder().decode(await vscode.workspace.fs.readFile(gitignore()));
      assert.ok(after.split(/\r?\n/).includes('.env'), `.gitignore now lists .env:\n${after}`);
      await eventually('the .env diagnostic is gone after the rescan', () => riskDiagnostics(envFile()).length === 0, 45_000);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  });

  describe('file watcher', () => {
    const manifest = () => vscode.Uri.joinPath(folder.uri, 'requirements.txt');
    const fromManifest = () =>
      result().technologies.some((t) => t.evidence.some((e) => e.path === 'requirements.txt'));

    after(async () => {
      await vscode.workspace.fs.delete(manifest()).then(undefined, () => undefined);
    });

    it('rescans when a manifest is created and when it is deleted', async () => {
      assert.ok(!fromManifest(), 'no requirements.txt evidence before the test');
      await vscode.workspace.fs.writeFile(manifest(), new TextEncoder().encode('flask==3.0.3\nsqlalchemy==2.0.30\n'));
      await eventually('a technology is found in the new requirements.txt', fromManifest);
      await vscode.workspace.fs.delete(manifest());
      await eventually('the requirements.txt evidence is gone', () => !fromManifest());
    });
  });
});

async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n---\n');
}

async function waitForTab(pred: (t: vscode.Tab) => boolean, timeoutMs = 15_000): Promise<vscode.Tab> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(pred);
    if (tab) return tab;
    if (Date.now() > deadline) {
      const labels = vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
      assert.fail(`no matching tab; open tabs: ${labels.join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
