// Multi-root workspaces: every folder is scanned on its own and gets its own result.
// Runs when the runner opens a .code-workspace with copies of test/fixtures/node-ts-service
// and test/fixtures/python-service (an Express service and a Flask service).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

interface SkillRadarApi {
  whenIdle(): Promise<void>;
  lastResults(): Array<{ folder: string; result: { technologies: Array<{ id: string }> } }>;
}

const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;

(multiRoot ? describe : describe.skip)('Skill Radar in a multi-root workspace', function () {
  this.timeout(120_000);
  let api: SkillRadarApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<SkillRadarApi>('skill-radar.skill-radar');
    assert.ok(ext, 'extension installed');
    api = await ext.activate();
    await api.whenIdle();
  });

  function techIds(folderName: string): string[] {
    const folder = vscode.workspace.workspaceFolders!.find((f) => f.name === folderName);
    assert.ok(folder, `workspace folder ${folderName} is open`);
    const entry = api.lastResults().find((r) => r.folder === folder.uri.fsPath);
    assert.ok(entry, `a result for ${folderName}; got ${api.lastResults().map((r) => r.folder).join(', ')}`);
    return entry.result.technologies.map((t) => t.id);
  }

  it('scans every folder', () => {
    const folders = vscode.workspace.workspaceFolders!.map((f) => f.uri.fsPath).sort();
    assert.deepEqual(api.lastResults().map((r) => r.folder).sort(), folders);
  });

  it('keeps each folder\'s findings apart', () => {
    const node = techIds('node-ts-service');
    const python = techIds('python-service');
    assert.ok(node.includes('express') && !node.includes('flask'), `node-ts-service: ${node.join(', ')}`);
    assert.ok(python.includes('flask') && !python.includes('express'), `python-service: ${python.join(', ')}`);
  });
});
