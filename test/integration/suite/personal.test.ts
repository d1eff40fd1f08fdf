// The personal lens in a real VS Code, on a folder whose git history has several authors
// (test/fixtures/git/team-repo.ts: Ada, from .git/config, wrote the orders API and its tests; Bob the
// data layer; Carol a health route; Dependabot bumps). Checks the Repository / You toggle, that
// it is remembered, the status bar's two counts and the profile export.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'skill-radar.skill-radar';

interface Row { label: string; description: string; level: number }
interface SkillRadarApi {
  whenIdle(): Promise<void>;
  lastResults(): Array<{ folder: string; result: { person?: { emails: string[]; commits: number }; skills: Array<{ id: string; personal?: { status: string } }> } }>;
  lens(): 'repository' | 'you';
  treeRows(): Promise<Row[]>;
}

const teamFolder = vscode.workspace.workspaceFolders?.length === 1 && vscode.workspace.workspaceFolders[0].uri.path.endsWith('/team-history');

(teamFolder ? describe : describe.skip)('Skill Radar personal lens in a real VS Code', function () {
  this.timeout(120_000);
  let api: SkillRadarApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<SkillRadarApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
    api = await ext.activate();
    await api.whenIdle();
  });

  it('reads who you are from the repository\'s git config', () => {
    const person = api.lastResults()[0].result.person;
    assert.ok(person, 'person is set');
    assert.deepEqual(person.emails, ['ada@example.com', 'ada@old-laptop.local']);
    assert.equal(person.commits, 5);
  });

  it('the toggle switches the tree from the repository to you and back', async () => {
    await vscode.commands.executeCommand('skillRadar.showRepositorySkills');
    assert.equal(api.lens(), 'repository');
    const repo = await api.treeRows();
    assert.ok(!repo.some((r) => r.label.startsWith('You:')), 'no identity row in the repository lens');
    // Pairing on code the team already has is advice to you: a next step of the You lens only.
    assert.ok(!repo.some((r) => r.label.startsWith('Work on the part of this codebase')), 'no personal next step in the repository lens');
    const apis = repo.find((r) => r.label === 'APIs');
    // The category meter (issue 11): five dots, then demonstrated/observable.
    assert.ok(apis && /^[●◐○]{5} \d+\/\d+$/.test(apis.description), JSON.stringify(apis));

    await vscode.commands.executeCommand('skillRadar.showYourSkills');
    assert.equal(api.lens(), 'you');
    const you = await api.treeRows();
    assert.match(you[0].label, /^You: Ada <ada@example\.com> · \d+ skills/);
    assert.ok(you.some((r) => r.label.startsWith('Work on the part of this codebase')), 'the You lens suggests working on the code that already does it');
    assert.match(you.find((r) => r.label === 'APIs')!.description, /^yours \d+\/\d+$/);
    // Skill rows (children of categories) now read as yours / shown in / touched / not yours.
    const rest = you.find((r) => r.label === 'REST API design');
    // The history is dated relative to today (test/fixtures/git/team-repo.ts): the API is months old, the Dockerfile years.
    assert.match(rest!.description, /^yours · 3 files · \d{4}-\d{2}-\d{2}$/);
    const docker = you.find((r) => r.label === 'Containerization (Docker)');
    assert.match(docker!.description, /^shown in \d{4} · 1 file/);
    const orm = you.find((r) => r.label === 'ORMs and data mappers');
    assert.match(orm!.description, /^touched/);
    assert.equal(you.find((r) => r.label === 'GraphQL APIs')!.description, 'not in this repository');

    await vscode.commands.executeCommand('skillRadar.showRepositorySkills');
    assert.deepEqual(await api.treeRows(), repo, 'back to the same repository rows');
  });

  it('exports the skills profile as a Markdown document', async () => {
    await vscode.commands.executeCommand('skillRadar.exportProfile');
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc, 'an editor opened');
    assert.equal(doc.languageId, 'markdown');
    assert.match(doc.getText(), /^## Skills shown in code: Ada\n/);
    assert.match(doc.getText(), /REST API design\*\*: Built 4 HTTP endpoints/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
