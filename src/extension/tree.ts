/**
 * The Skills sidebar: a TreeDataProvider over the latest analysis of each workspace folder,
 * laid out to read at the default sidebar width (about 290 px). Rows, top to bottom:
 * the detected stack, next steps (step rows, not a second copy of the skills), one row per
 * category with a codicon and a compact meter, and skills dismissed as "not relevant to me".
 * A filter shows either the gaps for the target or everything. Evidence rows are the file name
 * and line (the folder and what matched as the description), with the file's own icon.
 */
import * as vscode from 'vscode';
import type { AnalysisResult, Component, Evidence, NextStep, SkillResult, SkillStatus, TechnologyFinding } from '../core/types';
import { byCategory, evidenceKind, levelsLine, NOT_OBSERVABLE_GROUP, skillDescription, splitPath, stepLevel, STATUS_LABEL, technologyUse, where, type EvidenceKind } from '../core/report';
import { categoryShort, isEmptyResult, stackOf, techCategoryLabel } from '../core/radar';
import { readinessLine, SHOWN_STEPS } from '../core/guidance';
import { componentOf } from '../core/analyze';
import { isDated, personalCounts, personalLabel, personLine } from '../core/profile';
import { COMMANDS } from './commands';
import { markdownText } from './markdown';

/** Latest analysis of one workspace folder, with the whole next-step ranking for its target. */
export interface FolderResult {
  folder: vscode.WorkspaceFolder;
  result: AnalysisResult;
  /** Every next step, best first (guidance `rankSteps`); the first are `result.nextSteps`. */
  steps: NextStep[];
  /** The You lens's ranking (guidance `rankSteps` with lens 'you'), when it differs: a team repository with commits of yours. */
  yourSteps?: NextStep[];
}

/** What the tree shows: the gaps for the target level only, or every skill. */
export type TreeFilter = 'gaps' | 'all';

/** What the tree shows: what the repository demonstrates, or what your own commits show of it. */
export type Lens = 'repository' | 'you';

/** View state the tree reads (owned by the extension: lens, filter mode and dismissed skills). */
export interface TreeState {
  lens(): Lens;
  filter(): TreeFilter;
  dismissed(folder: vscode.WorkspaceFolder): ReadonlySet<string>;
}

/** Arguments of the evidence commands: folder URI string, workspace-relative path, 1-based line, 0-based columns. */
export interface EvidenceTarget {
  folder: string;
  path: string;
  line?: number;
  column?: number;
  endColumn?: number;
}

export type Node =
  | { kind: 'folder'; folder: FolderResult }
  | { kind: 'stack'; folder: FolderResult }
  | { kind: 'steps'; folder: FolderResult; steps: NextStep[] }
  | { kind: 'moreSteps'; folder: FolderResult; steps: NextStep[] }
  | { kind: 'step'; folder: FolderResult; step: NextStep; index: number }
  | { kind: 'link'; label: string; url: string }
  | { kind: 'category'; folder: FolderResult; label: string; skills: SkillResult[]; all: SkillResult[] }
  | { kind: 'skill'; folder: FolderResult; skill: SkillResult; dismissed: boolean }
  | { kind: 'dismissedGroup'; folder: FolderResult; skills: SkillResult[] }
  | { kind: 'dismissedSkill'; folder: FolderResult; skill: SkillResult }
  | { kind: 'evidence'; folder: FolderResult; evidence: Evidence; evidenceKind: EvidenceKind | 'missing'; source?: string }
  | { kind: 'components'; folder: FolderResult }
  | { kind: 'component'; folder: FolderResult; component: Component }
  | { kind: 'technology'; folder: FolderResult; tech: TechnologyFinding; component?: string }
  | { kind: 'note'; folder: FolderResult; skill: SkillResult; label: string; description?: string; tooltip: string; icon: string; contextValue: string }
  | { kind: 'person'; folder: FolderResult };

const STATUS_ICONS: Record<SkillStatus, vscode.ThemeIcon> = {
  demonstrated: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  partial: new vscode.ThemeIcon('color-mode', new vscode.ThemeColor('editorWarning.foreground')),
  missing: new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('errorForeground')),
  'not-observable': new vscode.ThemeIcon('eye-closed', new vscode.ThemeColor('descriptionForeground')),
};

/** A codicon per skill category (data/skills.json `category`). */
export const CATEGORY_ICONS: Record<string, string> = {
  'Programming languages': 'code',
  'Frameworks and server-side': 'server-process',
  'Databases and data': 'database',
  APIs: 'plug',
  Security: 'shield',
  'Version control and collaboration': 'git-merge',
  'Testing and debugging': 'beaker',
  'CI/CD and DevOps': 'rocket',
  'Containers, servers and deployment': 'package',
  'Cloud and serverless': 'cloud',
  'Architecture and design': 'layers',
  'Data structures and algorithms': 'symbol-structure',
  'Frontend fundamentals': 'browser',
  'Demonstrating skills': 'mortar-board',
  'Development tools': 'tools',
  'Soft skills': 'organization',
  [NOT_OBSERVABLE_GROUP]: 'eye-closed',
};

/** A codicon per technology category (data/technologies `category`). */
const TECH_ICONS: Record<string, string> = {
  framework: 'server-process', 'web-server': 'server', database: 'database', orm: 'database', migration: 'history', cache: 'zap',
  messaging: 'mail', api: 'plug', 'api-docs': 'book', auth: 'key', security: 'shield', validation: 'check-all',
  'test-framework': 'beaker', 'test-tool': 'beaker', 'test-e2e': 'beaker', 'test-load': 'dashboard', coverage: 'pie-chart',
  ci: 'rocket', container: 'package', orchestration: 'server-environment', cloud: 'cloud', 'cloud-service': 'cloud',
  serverless: 'zap', iac: 'file-code', linter: 'checklist', formatter: 'whitespace', logging: 'output', observability: 'pulse',
  'build-tool': 'tools', bundler: 'tools', 'package-manager': 'package', frontend: 'browser', 'template-engine': 'file-code',
  'dev-environment': 'vm', library: 'library', saas: 'globe',
};

/** Evidence rows listed under one skill before "more in the report". */
const EVIDENCE_PER_SKILL = 25;

/**
 * Five-dot meter of a category: ● for the demonstrated share, ◐ for the partial share, ○ for the rest,
 * each rounded to whole dots, so the full dots never claim more than the "d/n" count beside them
 * (a category with 0 of 3 demonstrated and 3 partial reads ◐◐◐◐◐ 0/3, not ●●◐○○ 0/3).
 * Returns '' when total is 0.
 */
export function meter(demonstrated: number, partial: number, total: number): string {
  if (!total) return '';
  const full = Math.round((5 * demonstrated) / total);
  const half = Math.min(5, Math.round((5 * (demonstrated + partial)) / total)) - full;
  return '●'.repeat(full) + '◐'.repeat(half) + '○'.repeat(5 - full - half);
}

/** True for a skill that counts as a gap at the target: missing or partial, at or below the level, expected here. */
export function isTargetGap(s: SkillResult): boolean {
  return (s.status === 'missing' || s.status === 'partial') && !s.aboveTarget && !s.optional;
}

/** Provides the Skills tree. Call {@link SkillTreeProvider.refresh} after each scan or state change. */
export class SkillTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Kinds of evidence paths, by folder URI + path (a stat per path, refreshed with each scan). */
  private kinds = new Map<string, Promise<EvidenceKind | 'missing'>>();
  /** Lines of evidence files, read when their rows are first listed (for the tooltip's matched line). */
  private lines = new Map<string, Promise<string[] | undefined>>();

  constructor(private readonly results: () => FolderResult[], private readonly state: TreeState) {}

  /** Re-renders the whole tree. */
  refresh(): void {
    this.kinds.clear();
    this.lines.clear();
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const all = this.results();
      if (all.length === 1) return isEmptyResult(all[0].result) ? [] : this.folderChildren(all[0]);
      return all.map((folder) => ({ kind: 'folder', folder }));
    }
    switch (node.kind) {
      case 'folder':
        return isEmptyResult(node.folder.result) ? [] : this.folderChildren(node.folder);
      case 'stack': {
        const r = node.folder.result;
        const rows: Node[] = stackTechnologies(r).map((tech) => ({ kind: 'technology', folder: node.folder, tech }));
        if (r.components.length > 1) rows.push({ kind: 'components', folder: node.folder });
        return rows;
      }
      case 'steps': {
        const head: Node[] = node.steps.slice(0, SHOWN_STEPS).map((step, index) => ({ kind: 'step', folder: node.folder, step, index }));
        return node.steps.length > SHOWN_STEPS ? [...head, { kind: 'moreSteps', folder: node.folder, steps: node.steps.slice(SHOWN_STEPS) }] : head;
      }
      case 'moreSteps':
        return node.steps.map((step, i) => ({ kind: 'step', folder: node.folder, step, index: SHOWN_STEPS + i }));
      case 'step': {
        // Why now, the evidence it builds on, and where to learn: a step reads whole when expanded.
        const st = node.step;
        const skill = node.folder.result.skills.find((x) => x.id === st.skill);
        const rows: Node[] = skill ? [{ kind: 'note', folder: node.folder, skill, label: st.why, tooltip: st.why, icon: 'info', contextValue: 'why' }] : [];
        rows.push(...(await this.evidenceRows(node.folder, st.buildsOn)));
        if (/^https:\/\//.test(st.learn)) rows.push({ kind: 'link', label: `Learn: ${st.learn}`, url: st.learn });
        return rows;
      }
      case 'category': {
        const dismissed = this.state.dismissed(node.folder.folder);
        return node.skills.map((skill) => ({ kind: 'skill', folder: node.folder, skill, dismissed: dismissed.has(skill.id) }));
      }
      case 'dismissedGroup':
        return node.skills.map((skill) => ({ kind: 'dismissedSkill', folder: node.folder, skill }));
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
      case 'technology': {
        const comps = node.folder.result.components.map((c) => c.path);
        return this.evidenceRows(node.folder, node.tech.evidence.filter((e) => node.component === undefined || componentOf(e.path, comps) === node.component));
      }
      default:
        return [];
    }
  }

  private folderChildren(folder: FolderResult): Node[] {
    const r = folder.result;
    const dismissed = this.state.dismissed(folder.folder);
    const gapsOnly = this.state.filter() === 'gaps';
    const rows: Node[] = [];
    if (r.technologies.length || r.languages.length) rows.push({ kind: 'stack', folder });
    // "Work on the part of this codebase that already does X" is advice to you, never the repository's.
    const ranking = this.state.lens() === 'you' && folder.yourSteps ? folder.yourSteps : folder.steps;
    const steps = ranking.filter((st) => !dismissed.has(st.skill));
    if (steps.length) rows.push({ kind: 'steps', folder, steps });
    for (const [label, all] of byCategory(r.skills)) {
      const skills = gapsOnly ? all.filter((s) => isTargetGap(s) && !dismissed.has(s.id)) : all;
      // In the gaps view a category with nothing to close is left out entirely.
      if (!skills.length) continue;
      rows.push({ kind: 'category', folder, label, skills, all });
    }
    const gone = r.skills.filter((s) => dismissed.has(s.id));
    if (gone.length) rows.push({ kind: 'dismissedGroup', folder, skills: gone });
    // The You lens starts with who you were taken to be (click to correct it).
    return this.state.lens() === 'you' ? [{ kind: 'person', folder }, ...rows] : rows;
  }

  private async skillChildren(folder: FolderResult, s: SkillResult): Promise<Node[]> {
    if (this.state.lens() === 'you' && folder.result.person) {
      // Your evidence first; then what the repository shows, so "not yours" never reads as "missing".
      const mine = await this.evidenceRows(folder, s.personal?.evidence ?? []);
      const repo = `Repository: ${STATUS_LABEL[s.status]}${s.status === 'demonstrated' || s.status === 'partial' ? ` · ${skillDescription(s)}` : ''}`;
      return [...mine, { kind: 'note', folder, skill: s, label: repo, tooltip: `${repo}. Switch to the Repository lens for all of its evidence.`, icon: 'repo', contextValue: 'repositoryStatus' }];
    }
    const rows: Node[] = await this.evidenceRows(folder, s.evidence.slice(0, EVIDENCE_PER_SKILL));
    if (s.evidence.length > EVIDENCE_PER_SKILL) {
      const more = s.evidence.length - EVIDENCE_PER_SKILL;
      rows.push({ kind: 'note', folder, skill: s, label: `${more} more in the report`, tooltip: `Open the report at ${s.name} to see all ${s.evidence.length} evidence rows.`, icon: 'ellipsis', contextValue: 'more' });
    }
    if (s.searched && s.status !== 'demonstrated') {
      rows.push({ kind: 'note', folder, skill: s, label: 'Searched', description: s.searched, tooltip: s.searched, icon: 'search', contextValue: 'searched' });
    }
    if (s.status !== 'demonstrated') {
      for (const text of s.suggestions.slice(0, 3)) rows.push({ kind: 'note', folder, skill: s, label: text, tooltip: text, icon: 'lightbulb', contextValue: 'suggestion' });
    }
    if (s.status === 'not-observable' && !s.suggestions.length) {
      rows.push({ kind: 'note', folder, skill: s, label: s.summary, tooltip: s.summary, icon: 'info', contextValue: 'guidance' });
    }
    return rows;
  }

  private async evidenceRows(folder: FolderResult, list: Evidence[]): Promise<Node[]> {
    return Promise.all(
      list.map(async (evidence) => {
        const evidenceKind = await this.kindOf(folder, evidence);
        const source = evidenceKind === 'file' && evidence.line ? (await this.fileLines(folder, evidence.path))?.[evidence.line - 1] : undefined;
        return { kind: 'evidence' as const, folder, evidence, evidenceKind, source };
      }),
    );
  }

  /** The lines of an evidence file (files over 1 MB are not read), cached until the next refresh. */
  private fileLines(folder: FolderResult, relPath: string): Promise<string[] | undefined> {
    const key = `${folder.folder.uri.toString()}\n${relPath}`;
    let p = this.lines.get(key);
    if (!p) {
      const uri = evidenceUri(folder.folder.uri, relPath);
      p = uri ? readLines(uri) : Promise.resolve(undefined);
      this.lines.set(key, p);
    }
    return p;
  }

  /** File, folder, git history or commit; a stat tells files from folders and finds missing paths. */
  private kindOf(folder: FolderResult, e: Evidence): Promise<EvidenceKind | 'missing'> {
    const guess = evidenceKind(e);
    if (guess === 'commit' || guess === 'history') return Promise.resolve(guess);
    const key = `${folder.folder.uri.toString()}\n${e.path}`;
    let p = this.kinds.get(key);
    if (!p) {
      const uri = evidenceUri(folder.folder.uri, e.path);
      p = !uri
        ? Promise.resolve('missing' as const)
        : Promise.resolve(vscode.workspace.fs.stat(uri)).then(
            (st) => (st.type & vscode.FileType.Directory ? 'folder' : 'file') as EvidenceKind,
            () => 'missing' as const,
          );
      this.kinds.set(key, p);
    }
    return p;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const folderKey = () => ('folder' in node ? node.folder.folder.uri.toString() : '');
    switch (node.kind) {
      case 'folder': {
        const item = new vscode.TreeItem(node.folder.folder.name, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = vscode.ThemeIcon.Folder;
        item.resourceUri = node.folder.folder.uri;
        const r = node.folder.result;
        const d = r.skills.filter((s) => s.status === 'demonstrated').length;
        item.description = isEmptyResult(r) ? 'no source found' : `${d} skills demonstrated`;
        item.contextValue = 'folder';
        item.id = `${folderKey()}#folder`;
        return item;
      }
      case 'stack': {
        const { chips, more } = stackOf(node.folder.result, 6);
        const item = new vscode.TreeItem('Stack', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = chips.map((c) => c.name).join(' · ') + (more ? ` +${more}` : '');
        item.iconPath = new vscode.ThemeIcon('library');
        item.tooltip = stackTooltip(node.folder.result);
        item.contextValue = 'stack';
        item.id = `${folderKey()}#stack`;
        item.accessibilityInformation = { label: `Stack: ${chips.map((c) => c.name).join(', ')}${more ? ` and ${more} more` : ''}`, role: 'treeitem' };
        return item;
      }
      case 'steps': {
        const r = node.folder.result;
        const item = new vscode.TreeItem('Next steps', vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${r.target.level} · ${r.target.role} · ${r.readiness.met}/${r.readiness.total} core`;
        item.tooltip = `${readinessLine(r.readiness)}\nWritten for ${r.backend.label}${r.backend.reasons.length ? ` (${r.backend.reasons.join('; ')})` : ''}`;
        item.iconPath = new vscode.ThemeIcon('target');
        item.contextValue = 'nextSteps';
        item.id = `${folderKey()}#next-steps`;
        return item;
      }
      case 'moreSteps': {
        const item = new vscode.TreeItem('More next steps', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${node.steps.length}`;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.contextValue = 'moreSteps';
        item.id = `${folderKey()}#more-steps`;
        return item;
      }
      case 'step': {
        // The step itself is the label (the action reads first); the skill and level follow. Click opens the
        // skill in the report, where the whole text reads; the twistie shows why, evidence and a link.
        const st = node.step;
        const item = new vscode.TreeItem(st.text, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${st.name} · ${stepLevel(st)}`;
        item.iconPath = new vscode.ThemeIcon(st.kind === 'fix' ? 'warning' : st.kind === 'increment' ? 'arrow-up' : 'lightbulb', new vscode.ThemeColor(st.kind === 'fix' ? 'editorWarning.foreground' : 'editorLightBulb.foreground'));
        item.contextValue = `nextStep.${st.kind}`;
        item.id = `${folderKey()}#step-${st.skill}-${st.level}`;
        item.accessibilityInformation = { label: `Step ${node.index + 1}: ${st.text}. ${st.name}, ${stepLevel(st)}.`, role: 'treeitem' };
        const md = new vscode.MarkdownString();
        md.appendMarkdown(`**${markdownText(st.text)}**\n\n${markdownText(`${st.name} · ${stepLevel(st)}`)}\n\n${markdownText(st.why)}`);
        if (st.buildsOn.length) md.appendMarkdown('\n\n' + markdownText(`Builds on: ${st.buildsOn.map((e) => `${where(e)} ${e.detail}`).join('; ')}`));
        md.appendMarkdown('\n\n_Enter or click opens this skill in the report._');
        item.tooltip = md;
        item.command = { command: COMMANDS.showSkill, title: 'Show in Report', arguments: [folderKey(), st.skill] };
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
      case 'category': {
        const gapsOnly = this.state.filter() === 'gaps';
        // The short name reads at the default width; the catalog's full name is in the tooltip.
        const item = new vscode.TreeItem(node.label === NOT_OBSERVABLE_GROUP ? node.label : categoryShort(node.label), vscode.TreeItemCollapsibleState.Collapsed);
        const observable = node.all.filter((s) => s.status !== 'not-observable');
        const d = observable.filter((s) => s.status === 'demonstrated').length;
        const p = observable.filter((s) => s.status === 'partial').length;
        const you = this.state.lens() === 'you' && node.folder.result.person;
        const yours = observable.filter((s) => s.status === 'demonstrated' && s.personal?.status === 'authored').length;
        if (gapsOnly) item.description = `${node.skills.length} gap${node.skills.length === 1 ? '' : 's'}`;
        else if (!observable.length) item.description = 'guidance';
        else if (you) item.description = `yours ${yours}/${observable.length}`;
        else item.description = `${meter(d, p, observable.length)} ${d}/${observable.length}`;
        item.iconPath = new vscode.ThemeIcon(CATEGORY_ICONS[node.label] ?? 'symbol-namespace');
        item.contextValue = 'category';
        // The lens is part of the id, so switching lenses does not carry expansion state across.
        item.id = `${folderKey()}#${this.state.lens()}#cat#${node.label}`;
        item.tooltip = observable.length ? `${node.label}: ${d} of ${observable.length} demonstrated${p ? `, ${p} partial` : ''}` : `${node.label}: code cannot show these; guidance only`;
        item.accessibilityInformation = { label: `${categoryShort(node.label)}, ${gapsOnly ? item.description : observable.length ? `${d} of ${observable.length} demonstrated` : 'guidance only'}`, role: 'treeitem' };
        return item;
      }
      case 'skill': {
        const s = node.skill;
        const hasChildren = s.evidence.length > 0 || s.suggestions.length > 0 || !!s.searched || s.status === 'not-observable';
        const item = new vscode.TreeItem(s.name, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.description = skillDescription(s) + (node.dismissed ? ' · dismissed' : '');
        item.iconPath = STATUS_ICONS[s.status];
        // Screen readers hear the status the icon shows.
        item.accessibilityInformation = { label: `${s.name}, ${STATUS_LABEL[s.status]}, ${item.description}`, role: 'treeitem' };
        item.contextValue = `skill.${s.status}${isTargetGap(s) && !node.dismissed ? '.gap' : ''}`;
        item.id = `${folderKey()}#${this.state.lens()}#skill#${s.id}`;
        const md = skillTooltip(s);
        item.tooltip = md;
        const person = node.folder.result.person;
        if (this.state.lens() === 'you' && person && s.status !== 'not-observable') {
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
          md.appendMarkdown('\n\n' + markdownText(`You: ${label}${p?.lastShown ? `, last shown ${p.lastShown}` : ''}${p?.technologies?.length ? `, with ${p.technologies.join(', ')}` : ''}.`));
        }
        return item;
      }
      case 'dismissedGroup': {
        const item = new vscode.TreeItem('Dismissed', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${node.skills.length} not relevant to you`;
        item.iconPath = new vscode.ThemeIcon('archive');
        item.tooltip = 'Skills you marked "Not relevant to me". They are left out of next steps and the gaps filter; right-click one to restore it.';
        item.contextValue = 'dismissedGroup';
        item.id = `${folderKey()}#dismissed`;
        return item;
      }
      case 'dismissedSkill': {
        const s = node.skill;
        const item = new vscode.TreeItem(s.name, vscode.TreeItemCollapsibleState.None);
        item.description = categoryShort(s.category);
        item.iconPath = new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('descriptionForeground'));
        item.tooltip = `${s.name}: dismissed. Right-click and choose Restore to count it as a gap again.`;
        item.contextValue = 'skill.dismissed';
        item.id = `${folderKey()}#dismissed#${s.id}`;
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
        item.description = `${techCategoryLabel(t.category)} · ${technologyUse(t)}`;
        item.iconPath = new vscode.ThemeIcon(TECH_ICONS[t.category] ?? 'symbol-misc');
        item.contextValue = 'technology';
        return item;
      }
      case 'evidence':
        return evidenceItem(node.folder, node.evidence, node.evidenceKind, node.source);
      case 'person':
        return personItem(node.folder.result);
      case 'note': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        if (node.description) item.description = node.description;
        const md = new vscode.MarkdownString();
        md.appendMarkdown(markdownText(node.tooltip));
        md.appendMarkdown('\n\n_Enter or click opens this skill in the report._');
        item.tooltip = md;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.contextValue = node.contextValue;
        item.command = { command: COMMANDS.showSkill, title: 'Show in Report', arguments: [node.folder.folder.uri.toString(), node.skill.id] };
        item.accessibilityInformation = { label: node.description ? `${node.label}: ${node.description}` : node.label, role: 'treeitem' };
        return item;
      }
    }
  }

}

/** Technologies for the Stack row: the main ones first (as the chips), then the rest by category. */
function stackTechnologies(r: AnalysisResult): TechnologyFinding[] {
  const { chips } = stackOf(r, Number.MAX_SAFE_INTEGER);
  const order = new Map(chips.map((c, i) => [c.id, i]));
  return [...r.technologies].sort((a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9) || techCategoryLabel(a.category).localeCompare(techCategoryLabel(b.category)) || a.name.localeCompare(b.name));
}

function stackTooltip(r: AnalysisResult): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  if (r.languages.length) md.appendMarkdown(`**Languages:** ${r.languages.map((l) => `${markdownText(l.name)} (${l.files} files)`).join(', ')}\n\n`);
  const cats = new Map<string, string[]>();
  for (const t of r.technologies) (cats.get(t.category) ?? cats.set(t.category, []).get(t.category)!).push(t.name);
  for (const [cat, names] of cats) md.appendMarkdown(`**${markdownText(techCategoryLabel(cat))}:** ${names.map(markdownText).join(', ')}  \n`);
  return md;
}

function skillTooltip(s: SkillResult): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${markdownText(s.name)}** · ${STATUS_LABEL[s.status]} · level ${s.level}${s.aboveTarget ? ' (next level)' : ''}\n\n`);
  md.appendMarkdown(markdownText(s.summary));
  if (s.signals.length) md.appendMarkdown('\n\n' + markdownText(`Signals: ${s.signals.join('; ')}`));
  if (s.levels) md.appendMarkdown('\n\n' + markdownText(`Levels: ${levelsLine(s)}`));
  if (s.searched && s.status !== 'demonstrated') md.appendMarkdown('\n\n' + markdownText(`Searched: ${s.searched}`));
  md.appendMarkdown('\n\n' + markdownText(`Sources: ${s.sources.map((x) => `${x.title}, ${x.section}`).join('; ')}`));
  return md;
}

/** The URI of workspace-relative evidence, or undefined when the path leaves the folder. */
export function evidenceUri(root: vscode.Uri, relPath: string): vscode.Uri | undefined {
  if (relPath === '') return root;
  const parts = relPath.split('/');
  if (relPath.startsWith('/') || parts.some((p) => p === '..')) return undefined;
  return vscode.Uri.joinPath(root, ...parts);
}

function evidenceItem(folder: FolderResult, e: Evidence, kind: EvidenceKind | 'missing', source?: string): vscode.TreeItem {
  const root = folder.folder.uri;
  const { name, folder: dir } = splitPath(e.path);
  const target: EvidenceTarget = { folder: root.toString(), path: e.path, line: e.line, column: e.column, endColumn: e.endColumn };
  let item: vscode.TreeItem;
  switch (kind) {
    case 'commit': {
      const hash = /commit ([0-9a-f]{7,40})/.exec(e.detail)?.[1] ?? '';
      item = new vscode.TreeItem(`commit ${hash}`, vscode.TreeItemCollapsibleState.None);
      item.description = e.detail.replace(/^(merge )?commit [0-9a-f]+:?\s*/, '');
      item.iconPath = new vscode.ThemeIcon('git-commit');
      item.tooltip = e.detail;
      item.contextValue = 'evidence.commit';
      item.command = { command: COMMANDS.showCommit, title: 'Show Commit', arguments: [target, e.detail] };
      break;
    }
    case 'history': {
      item = new vscode.TreeItem('git history', vscode.TreeItemCollapsibleState.None);
      item.description = e.detail;
      item.iconPath = new vscode.ThemeIcon('source-control');
      item.tooltip = `${e.detail}\n(read from ${e.path}; nothing was run)`;
      item.contextValue = 'evidence.history';
      item.command = { command: 'workbench.view.scm', title: 'Open Source Control' };
      break;
    }
    case 'folder': {
      item = new vscode.TreeItem(`${name || folder.folder.name}/`, vscode.TreeItemCollapsibleState.None);
      item.description = [dir, e.detail].filter(Boolean).join(' · ');
      item.resourceUri = evidenceUri(root, e.path);
      item.iconPath = vscode.ThemeIcon.Folder;
      item.tooltip = `${e.path || folder.folder.name}/\n${e.detail}`;
      item.contextValue = 'evidence.folder';
      item.command = { command: COMMANDS.revealEvidence, title: 'Reveal in Explorer', arguments: [target] };
      break;
    }
    default: {
      item = new vscode.TreeItem(e.line ? `${name}:${e.line}` : name, vscode.TreeItemCollapsibleState.None);
      item.description = [dir, e.detail].filter(Boolean).join(' · ');
      item.tooltip = evidenceTooltip(e, source);
      if (kind === 'missing') {
        item.iconPath = new vscode.ThemeIcon('warning');
        item.contextValue = 'evidence.missing';
        item.tooltip = `${where(e)} is no longer there (moved or deleted since the scan).\n${e.detail}`;
      } else {
        item.resourceUri = evidenceUri(root, e.path);
        item.iconPath = vscode.ThemeIcon.File;
        item.contextValue = 'evidence.file';
        item.command = { command: COMMANDS.openEvidence, title: 'Open Evidence', arguments: [target] };
      }
    }
  }
  item.accessibilityInformation = { label: `${typeof item.label === 'string' ? item.label : e.path}, ${item.description ?? ''}`, role: 'treeitem' };
  return item;
}

function evidenceTooltip(e: Evidence, line: string | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${markdownText(where(e))}**\n\n`);
  const shown = line?.trim();
  if (shown) {
    // One line as a code span (a fenced block waits for tokenization and may show nothing in a tree tooltip).
    const clipped = shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
    const tick = '`'.repeat(Math.max(1, ...[...clipped.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    md.appendMarkdown(`${tick} ${clipped.replace(/[\u0000-\u001f]+/g, ' ')} ${tick}\n\n`);
  }
  md.appendMarkdown(markdownText(e.detail));
  return md;
}

/** Reads a file's lines, or undefined when it is over 1 MB or unreadable. */
async function readLines(uri: vscode.Uri): Promise<string[] | undefined> {
  try {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText().split(/\r?\n/);
    const st = await vscode.workspace.fs.stat(uri);
    if (st.size > 1024 * 1024) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).split(/\r?\n/);
  } catch {
    return undefined;
  }
}

/** The identity row at the top of the You lens: who you were taken to be, with a click to correct it. */
function personItem(r: AnalysisResult): vscode.TreeItem {
  const command = { command: COMMANDS.setIdentity, title: 'Set Your Git Identity' };
  const p = r.person;
  if (!p) {
    const why = 'No git history or no identity here: set user.email in git config, or skillRadar.identities. Click to set it.';
    return noteItem('You: no identity or no history', why, command);
  }
  const counts = personalCounts(r, new Date().toISOString().slice(0, 10));
  const also = p.alsoNamed?.length ? `\nNot counted as you: ${p.alsoNamed.map((a) => `${a.name} <${a.email}> (${a.commits} commits)`).join(', ')}` : '';
  const tooltip = `${personLine(p)}\nNames: ${p.names.join(', ') || '—'}\nEmails: ${p.emails.join(', ') || '—'}\nNot credited: ${p.excluded.merges} merges, ${p.excluded.bulk} reformat/rename/import commits${also}\nClick to change who you are.`;
  const who = p.commits ? `You: ${p.names[0] ?? p.emails[0]}${p.emails[0] ? ` <${p.emails[0]}>` : ''}` : `You: no commits by ${p.emails[0] ?? p.names[0] ?? 'this identity'}`;
  const label = `${who} · ${counts.current} skills${counts.earlier ? ` (+${counts.earlier} earlier)` : ''}`;
  return noteItem(label, tooltip, command);
}

function noteItem(label: string, tooltip: string, command: vscode.Command): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.tooltip = tooltip;
  item.iconPath = new vscode.ThemeIcon('account');
  item.contextValue = 'person';
  item.command = command;
  return item;
}

/** Icons of the You lens: yours (current), yours long ago, touched, not yours (never an error colour: not a gap). */
function personalIcon(p: SkillResult['personal'], halfLife: number, today: string): vscode.ThemeIcon {
  if (p?.status === 'authored') return isDated(p, halfLife, today) ? new vscode.ThemeIcon('history', new vscode.ThemeColor('descriptionForeground')) : new vscode.ThemeIcon('account', new vscode.ThemeColor('testing.iconPassed'));
  if (p?.status === 'touched') return new vscode.ThemeIcon('edit', new vscode.ThemeColor('editorWarning.foreground'));
  return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('descriptionForeground'));
}
