/**
 * The Skills sidebar: a TreeDataProvider over the latest analysis of each workspace folder.
 * Rows: (folder →) "Next steps" and categories → skills → evidence, what was searched, next steps.
 */
import * as vscode from 'vscode';
import type { AnalysisResult, Evidence, SkillResult, SkillStatus } from '../core/types';
import { byCategory, skillDescription, STATUS_LABEL, where } from '../core/report';
import { gaps } from '../core/skills';
import { COMMANDS } from './commands';

/** Latest analysis of one workspace folder. */
export interface FolderResult {
  folder: vscode.WorkspaceFolder;
  result: AnalysisResult;
}

type Node =
  | { kind: 'folder'; folder: FolderResult }
  | { kind: 'group'; folder: FolderResult; label: string; skills: SkillResult[]; nextSteps?: boolean }
  | { kind: 'skill'; folder: FolderResult; skill: SkillResult }
  | { kind: 'evidence'; folder: FolderResult; evidence: Evidence }
  | { kind: 'note'; label: string; tooltip: string; icon: string; contextValue: string };

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

  constructor(private readonly results: () => FolderResult[]) {}

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
      case 'skill':
        return this.skillChildren(node.folder, node.skill);
      default:
        return [];
    }
  }

  private folderChildren(folder: FolderResult): Node[] {
    const next = gaps(folder.result.skills).filter((s) => !s.aboveTarget).slice(0, 5);
    // Missing skills that are not gaps here (other languages; frontend for a backend role) stay out of the tree.
    const groups: Node[] = byCategory(folder.result.skills.filter((s) => !s.optional)).map(([label, skills]) => ({ kind: 'group', folder, label, skills }));
    return next.length ? [{ kind: 'group', folder, label: 'Next steps', skills: next, nextSteps: true }, ...groups] : groups;
  }

  private skillChildren(folder: FolderResult, s: SkillResult): Node[] {
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
        const item = new vscode.TreeItem(node.label, node.nextSteps ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        const observable = node.skills.filter((s) => s.status !== 'not-observable');
        const shown = node.nextSteps ? `${node.skills.length} gaps` : observable.length ? `${observable.filter((s) => s.status === 'demonstrated').length}/${observable.length}` : 'guidance';
        item.description = shown;
        item.iconPath = new vscode.ThemeIcon(node.nextSteps ? 'target' : 'symbol-folder');
        item.contextValue = node.nextSteps ? 'nextSteps' : 'category';
        item.id = `${node.folder.folder.uri.toString()}#${node.label}`;
        return item;
      }
      case 'skill': {
        const s = node.skill;
        const hasChildren = s.evidence.length > 0 || s.suggestions.length > 0 || !!s.searched || s.status === 'not-observable';
        const item = new vscode.TreeItem(s.name, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = skillDescription(s);
        item.iconPath = ICONS[s.status];
        item.contextValue = `skill.${s.status}`;
        const md = new vscode.MarkdownString();
        md.appendMarkdown(`**${escape(s.name)}** — ${STATUS_LABEL[s.status]} · level ${s.level}${s.aboveTarget ? ' (next level)' : ''}\n\n`);
        md.appendText(s.summary);
        if (s.signals.length) md.appendMarkdown('\n\n').appendText(`Signals: ${s.signals.join('; ')}`);
        md.appendMarkdown('\n\n').appendText(`Sources: ${s.sources.map((x) => `${x.title} — ${x.section}`).join('; ')}`);
        item.tooltip = md;
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
        return item;
      }
    }
  }
}

/** Escapes Markdown-significant characters in workspace-derived text. */
export function escape(s: string): string {
  return s.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');
}
