/**
 * The Skills sidebar: a TreeDataProvider over the latest analysis of each workspace folder.
 * Rows: (folder →) "Next steps" and categories → skills → evidence, what was searched, next steps.
 */
import * as vscode from 'vscode';
import type { AnalysisResult, Component, Evidence, NextStep, SkillResult, SkillStatus, TechnologyFinding } from '../core/types';
import { byCategory, levelsLine, skillDescription, stepLevel, STATUS_LABEL, technologyUse, where } from '../core/report';
import { isDated, personalCounts, personalLabel, personLine } from '../core/profile';
import { componentOf } from '../core/analyze';
import { readinessLine, SHOWN_STEPS } from '../core/guidance';
import { COMMANDS } from './commands';

/** Latest analysis of one workspace folder, with the whole next-step ranking for its target. */
export interface FolderResult {
  folder: vscode.WorkspaceFolder;
  result: AnalysisResult;
  /** Every next step, best first (guidance `rankSteps`); the first are `result.nextSteps`. */
  steps: NextStep[];
}

type Node =
  | { kind: 'folder'; folder: FolderResult }
  | { kind: 'group'; folder: FolderResult; label: string; skills: SkillResult[] }
  | { kind: 'steps'; folder: FolderResult }
  | { kind: 'moreSteps'; folder: FolderResult }
  | { kind: 'step'; folder: FolderResult; step: NextStep; index: number }
  | { kind: 'link'; label: string; url: string }
  | { kind: 'skill'; folder: FolderResult; skill: SkillResult }
  | { kind: 'evidence'; folder: FolderResult; evidence: Evidence }
  | { kind: 'components'; folder: FolderResult }
  | { kind: 'component'; folder: FolderResult; component: Component }
  | { kind: 'technology'; folder: FolderResult; tech: TechnologyFinding; component?: string }
  | { kind: 'note'; label: string; tooltip: string; icon: string; contextValue: string; command?: vscode.Command };

/** What the tree shows: what the repository demonstrates, or what your own commits show of it. */
export type Lens = 'repository' | 'you';

const ICONS: Record<SkillStatus, vscode.ThemeIcon> = {
  demonstrated: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  partial: new vscode.ThemeIcon('color-mode', new vscode.ThemeColor('editorWarning.foreground')),
  missing: new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('errorForeground')),
  'not-observable': new vscode.ThemeIcon('eye-closed', new vscode.ThemeColor('descriptionForeground')),
};

/** Provides the Skills tree. Call {@link SkillTreeProvider.refresh} after each scan. */
export class SkillTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly results: () => FolderResult[],
    private readonly lens: () => Lens = () => 'repository',
  ) {}

  /** Re-renders the whole tree. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const all = this.results();
      if (all.length === 1) return this.folderChildren(all[0]);
      return all.map((folder) => ({ kind: 'folder', folder }));
    }
    switch (node.kind) {
      case 'folder':
        return this.folderChildren(node.folder);
      case 'group':
        return node.skills.map((skill) => ({ kind: 'skill', folder: node.folder, skill }));
      case 'steps': {
        const steps = node.folder.steps;
        const head: Node[] = steps.slice(0, SHOWN_STEPS).map((step, index) => ({ kind: 'step', folder: node.folder, step, index }));
        return steps.length > SHOWN_STEPS ? [...head, { kind: 'moreSteps', folder: node.folder }] : head;
      }
      case 'moreSteps':
        return node.folder.steps.slice(SHOWN_STEPS).map((step, i) => ({ kind: 'step', folder: node.folder, step, index: SHOWN_STEPS + i }));
      case 'step': {
        const st = node.step;
        const rows: Node[] = [{ kind: 'note', label: st.why, tooltip: st.why, icon: 'info', contextValue: 'why' }];
        for (const evidence of st.buildsOn) rows.push({ kind: 'evidence', folder: node.folder, evidence });
        if (st.learn) rows.push({ kind: 'link', label: `Learn: ${st.learn}`, url: st.learn });
        return rows;
      }
      case 'skill':
        return this.skillChildren(node.folder, node.skill);
      case 'components':
        return node.folder.result.components.map((component) => ({ kind: 'component', folder: node.folder, component }));
      case 'component': {
        const ids = new Set(node.component.technologies);
        return node.folder.result.technologies
          .filter((t) => ids.has(t.id))
          .map((tech) => ({ kind: 'technology', folder: node.folder, tech, component: node.component.path }));
      }
      case 'technology':
        return node.tech.evidence
          .filter((e) => node.component === undefined || componentOf(e.path, node.folder.result.components.map((c) => c.path)) === node.component)
          .map((evidence) => ({ kind: 'evidence', folder: node.folder, evidence }));
      default:
        return [];
    }
  }

  private folderChildren(folder: FolderResult): Node[] {
    // byCategory leaves out skills that are not gaps here (other languages; frontend for a backend role).
    const groups: Node[] = byCategory(folder.result.skills).map(([label, skills]) => ({ kind: 'group', folder, label, skills }));
    const head: Node[] = folder.steps.length ? [{ kind: 'steps', folder }] : [];
    // A monorepo shows its components (folders with their own manifest) and what each uses.
    const tail: Node[] = folder.result.components.length > 1 ? [{ kind: 'components', folder }] : [];
    // A folder without source says so first, instead of reading as a list of gaps.
    const noSource = folder.result.noSource;
    const empty: Node[] = noSource ? [{ kind: 'note', label: noSource.files ? 'No source code in this folder: nothing here is a gap' : 'Empty folder: nothing here is a gap', tooltip: noSource.reason, icon: 'info', contextValue: 'noSource' }] : [];
    if (this.lens() === 'you') return [...empty, personRow(folder.result), ...head, ...groups, ...tail];
    return [...empty, ...head, ...groups, ...tail];
  }

  private skillChildren(folder: FolderResult, s: SkillResult): Node[] {
    if (this.lens() === 'you' && folder.result.person) {
      // Your evidence first; then what the repository shows, so "not yours" never reads as "missing".
      const mine: Node[] = (s.personal?.evidence ?? []).map((evidence) => ({ kind: 'evidence', folder, evidence }));
      const repo = `Repository: ${STATUS_LABEL[s.status]}${s.status === 'demonstrated' || s.status === 'partial' ? ` · ${skillDescription(s)}` : ''}`;
      return [...mine, { kind: 'note', label: repo, tooltip: `${repo}. Switch to the Repository lens for all of its evidence.`, icon: 'repo', contextValue: 'repositoryStatus' }];
    }
    const rows: Node[] = s.evidence.map((evidence) => ({ kind: 'evidence', folder, evidence }));
    if (s.searched && s.status !== 'demonstrated') {
      rows.push({ kind: 'note', label: `Searched: ${s.searched}`, tooltip: s.searched, icon: 'search', contextValue: 'searched' });
    }
    for (const text of s.suggestions.slice(0, 3)) rows.push({ kind: 'note', label: text, tooltip: text, icon: 'lightbulb', contextValue: 'suggestion' });
    if (s.status === 'not-observable' && !s.suggestions.length) {
      rows.push({ kind: 'note', label: s.summary, tooltip: s.summary, icon: 'info', contextValue: 'guidance' });
    }
    return rows;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'folder': {
        const item = new vscode.TreeItem(node.folder.folder.name, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = vscode.ThemeIcon.Folder;
        const d = node.folder.result.skills.filter((s) => s.status === 'demonstrated').length;
        item.description = `${d} skills demonstrated`;
        item.contextValue = 'folder';
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
        const observable = node.skills.filter((s) => s.status !== 'not-observable');
        const you = this.lens() === 'you' && node.folder.result.person;
        const yours = observable.filter((s) => s.status === 'demonstrated' && s.personal?.status === 'authored').length;
        item.description = !observable.length
          ? 'guidance'
          : you
            ? `yours ${yours}/${observable.length}`
            : `${observable.filter((s) => s.status === 'demonstrated').length}/${observable.length}`;
        item.iconPath = new vscode.ThemeIcon('symbol-folder');
        item.contextValue = 'category';
        // The lens is part of the id, so switching lenses does not carry expansion state across.
        item.id = `${node.folder.folder.uri.toString()}#${this.lens()}#${node.label}`;
        return item;
      }
      case 'steps': {
        const r = node.folder.result;
        const item = new vscode.TreeItem('Next steps', vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${r.target.level} · ${r.target.role} · ${r.readiness.met}/${r.readiness.total} core`;
        item.tooltip = `${readinessLine(r.readiness)}\nWritten for ${r.backend.label}${r.backend.reasons.length ? ` (${r.backend.reasons.join('; ')})` : ''}`;
        item.iconPath = new vscode.ThemeIcon('target');
        item.contextValue = 'nextSteps';
        item.id = `${node.folder.folder.uri.toString()}#next-steps`;
        return item;
      }
      case 'moreSteps': {
        const item = new vscode.TreeItem('More next steps', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${node.folder.steps.length - SHOWN_STEPS}`;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.contextValue = 'moreSteps';
        item.id = `${node.folder.folder.uri.toString()}#more-steps`;
        return item;
      }
      case 'step': {
        const st = node.step;
        const item = new vscode.TreeItem(st.text, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${st.name} · ${stepLevel(st)}`;
        item.iconPath = new vscode.ThemeIcon(st.kind === 'fix' ? 'warning' : st.kind === 'increment' ? 'arrow-up' : 'lightbulb');
        item.contextValue = `nextStep.${st.kind}`;
        item.id = `${node.folder.folder.uri.toString()}#step-${st.skill}-${st.level}`;
        item.accessibilityInformation = { label: `Step ${node.index + 1}: ${st.text}. ${st.name}, ${stepLevel(st)}.`, role: 'treeitem' };
        const md = new vscode.MarkdownString();
        md.appendMarkdown('**').appendText(st.text).appendMarkdown('**\n\n').appendText(st.why);
        if (st.buildsOn.length) md.appendMarkdown('\n\n').appendText(`Builds on: ${st.buildsOn.map((e) => `${where(e)} ${e.detail}`).join('; ')}`);
        md.appendMarkdown('\n\n').appendText(`Learn: ${st.learn}`);
        item.tooltip = md;
        return item;
      }
      case 'link': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.tooltip = node.url;
        item.iconPath = new vscode.ThemeIcon('link-external');
        item.contextValue = 'learnLink';
        item.command = { command: COMMANDS.openLearnLink, title: 'Open documentation', arguments: [node.url] };
        return item;
      }
      case 'skill': {
        const s = node.skill;
        const hasChildren = s.evidence.length > 0 || s.suggestions.length > 0 || !!s.searched || s.status === 'not-observable';
        const item = new vscode.TreeItem(s.name, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = skillDescription(s);
        item.iconPath = ICONS[s.status];
        // Screen readers hear the status the icon shows.
        item.accessibilityInformation = { label: `${s.name}, ${STATUS_LABEL[s.status]}, ${item.description}`, role: 'treeitem' };
        item.contextValue = `skill.${s.status}`;
        const md = new vscode.MarkdownString();
        md.appendMarkdown(`**${escape(s.name)}** — ${STATUS_LABEL[s.status]} · level ${s.level}${s.aboveTarget ? ' (next level)' : ''}\n\n`);
        md.appendText(s.summary);
        if (s.levels) md.appendMarkdown('\n\n').appendText(`Levels: ${levelsLine(s)}`);
        if (s.signals.length) md.appendMarkdown('\n\n').appendText(`Signals: ${s.signals.join('; ')}`);
        md.appendMarkdown('\n\n').appendText(`Sources: ${s.sources.map((x) => `${x.title} — ${x.section}`).join('; ')}`);
        item.tooltip = md;
        const person = node.folder.result.person;
        if (this.lens() === 'you' && person && s.status !== 'not-observable') {
          const p = s.personal;
          const today = new Date().toISOString().slice(0, 10);
          const label = personalLabel(p, person.halfLifeMonths, today);
          item.description =
            p && p.status !== 'none'
              ? `${label} · ${p.files} file${p.files === 1 ? '' : 's'} · ${p.lastShown}${s.status === 'partial' ? ' · repository partial' : ''}`
              : s.status === 'missing'
                ? 'not in this repository'
                : `${label} · repository ${STATUS_LABEL[s.status]}`;
          item.iconPath = personalIcon(p, person.halfLifeMonths, today);
          item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
          item.accessibilityInformation = { label: `${s.name}, ${label}, ${item.description}`, role: 'treeitem' };
          item.contextValue = `skill.you.${p?.status ?? 'none'}`;
          md.appendMarkdown('\n\n').appendText(`You: ${label}${p?.lastShown ? `, last shown ${p.lastShown}` : ''}${p?.technologies?.length ? `, with ${p.technologies.join(', ')}` : ''}.`);
        }
        return item;
      }
      case 'components': {
        const item = new vscode.TreeItem('Components', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${node.folder.result.components.length} with their own manifest`;
        item.iconPath = new vscode.ThemeIcon('package');
        item.contextValue = 'components';
        return item;
      }
      case 'component': {
        const comp = node.component;
        const item = new vscode.TreeItem(comp.path || '(root)', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${comp.technologies.length} technologies`;
        item.tooltip = comp.manifests.join('\n') || 'no manifest';
        item.iconPath = new vscode.ThemeIcon('folder-library');
        item.contextValue = 'component';
        return item;
      }
      case 'technology': {
        const t = node.tech;
        const item = new vscode.TreeItem(t.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${t.category} · ${technologyUse(t)}`;
        item.iconPath = new vscode.ThemeIcon('symbol-misc');
        item.contextValue = 'technology';
        return item;
      }
      case 'evidence': {
        const e = node.evidence;
        const item = new vscode.TreeItem(where(e), vscode.TreeItemCollapsibleState.None);
        item.description = e.detail;
        item.tooltip = `${where(e)}\n${e.detail}`;
        item.iconPath = new vscode.ThemeIcon('go-to-file');
        item.contextValue = 'evidence';
        item.command = { command: COMMANDS.openEvidence, title: 'Open evidence', arguments: [node.folder.folder.uri.toString(), e.path, e.line ?? 1] };
        return item;
      }
      case 'note': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.tooltip = node.tooltip;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.contextValue = node.contextValue;
        if (node.command) item.command = node.command;
        return item;
      }
    }
  }
}

/** The identity row at the top of the You lens: who you were taken to be, with a click to correct it. */
function personRow(r: AnalysisResult): Node {
  const command = { command: COMMANDS.setIdentity, title: 'Set Your Git Identity' };
  const p = r.person;
  if (!p) {
    const why = 'No git history or no identity here: set user.email in git config, or skillRadar.identities. Click to set it.';
    return { kind: 'note', label: 'You: no identity or no history', tooltip: why, icon: 'account', contextValue: 'person', command };
  }
  const counts = personalCounts(r, new Date().toISOString().slice(0, 10));
  const also = p.alsoNamed?.length ? `\nNot counted as you: ${p.alsoNamed.map((a) => `${a.name} <${a.email}> (${a.commits} commits)`).join(', ')}` : '';
  const tooltip = `${personLine(p)}\nNames: ${p.names.join(', ') || '—'}\nEmails: ${p.emails.join(', ') || '—'}\nNot credited: ${p.excluded.merges} merges, ${p.excluded.bulk} reformat/rename/import commits${also}\nClick to change who you are.`;
  const who = p.commits ? `You: ${p.names[0] ?? p.emails[0]}${p.emails[0] ? ` <${p.emails[0]}>` : ''}` : `You: no commits by ${p.emails[0] ?? p.names[0] ?? 'this identity'}`;
  const label = `${who} · ${counts.current} skills${counts.earlier ? ` (+${counts.earlier} earlier)` : ''}`;
  return { kind: 'note', label, tooltip, icon: 'account', contextValue: 'person', command };
}

/** Icons of the You lens: yours (current), yours long ago, touched, not yours (never an error colour: not a gap). */
function personalIcon(p: SkillResult['personal'], halfLife: number, today: string): vscode.ThemeIcon {
  if (p?.status === 'authored') return isDated(p, halfLife, today) ? new vscode.ThemeIcon('history', new vscode.ThemeColor('descriptionForeground')) : new vscode.ThemeIcon('account', new vscode.ThemeColor('testing.iconPassed'));
  if (p?.status === 'touched') return new vscode.ThemeIcon('edit', new vscode.ThemeColor('editorWarning.foreground'));
  return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('descriptionForeground'));
}

/** Escapes Markdown-significant characters in workspace-derived text. */
export function escape(s: string): string {
  return s.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');
}
