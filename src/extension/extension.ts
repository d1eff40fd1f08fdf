/**
 * The VS Code face: wires the engine to the radar view, the Skills tree, hovers, the report
 * webview, Problems-panel diagnostics, the status bar and a debounced rescan on file changes. Scans
 * run in a worker thread (src/node/scan-worker.ts, started on the first scan) that keeps each
 * folder's per-file facts between scans and in the extension's global storage between sessions;
 * this thread only receives results. Everything registered goes to `context.subscriptions`; the
 * tree and the radar view are registered before anything awaits.
 */
import * as vscode from 'vscode';
import * as path from 'path';
import { defaultLayout } from '../node/engine';
import { ScanClient } from '../node/scan-client';
import type { AnalysisResult, Level, NextStep } from '../core/types';
import type { Target } from '../core/skills';
import { renderHtml, renderMarkdown, summaryCounts } from '../core/report';
import { isEmptyResult, radarModel, type RadarModel } from '../core/radar';
import { COMMANDS, DISMISSED_CONTEXT, FILTER_CONTEXT, LENS_CONTEXT, RADAR_VIEW, SCANNING_CONTEXT, SKILLS_VIEW, STATE_CONTEXT, WALKTHROUGH } from './commands';
import { personalCounts, personLine, renderProfile } from '../core/profile';
import { evidenceUri, SkillTreeProvider, type EvidenceTarget, type FolderResult, type Lens, type Node, type TreeFilter } from './tree';
import { TechnologyHoverProvider } from './hover';
import type { HoverCard } from '../core/hover';
import { vscodeFileSource } from './vscode-file-source';
import { makeNonce, RadarViewProvider, type RadarMessage } from './radar-view';
import { addToGitignore, RiskCodeActions, RiskDiagnostics } from './diagnostics';
import { markdownText } from './markdown';

/** What `activate` returns, for tests and other extensions. */
export interface SkillRadarApi {
  /** Resolves when no scan is running or queued. */
  whenIdle(): Promise<void>;
  /** The latest analysis of each folder (absolute folder path or URI string). */
  lastResults(): { folder: string; result: AnalysisResult }[];
  /** The Skills tree's lens: 'repository' or 'you'. */
  lens(): Lens;
  /** The Skills tree's top two levels as shown (label, description), for tests. */
  treeRows(): Promise<{ label: string; description: string; level: number }[]>;
  /** Folder scans run since activation (a target change re-ranks without adding to it). */
  scanCount(): number;
  /** How the latest scan of each folder ran: in which thread, and how many source files it parsed or reused. */
  lastScans(): ScanInfo[];
}

/** Figures of a folder's latest scan (see {@link SkillRadarApi.lastScans}). */
export interface ScanInfo {
  folder: string;
  /** worker_threads id of the thread that scanned (0 is the extension host's own thread). */
  threadId: number;
  /** Source files parsed in this scan, and reused from earlier scans or sessions. */
  computed: number;
  reused: number;
  durationMs: number;
  /** ms from activation until this folder's first result reached the tree. */
  sinceActivationMs: number;
  /** True when the scan reused the last file list and re-derived only saved files (a rescan after a save). */
  incremental: boolean;
  /** True when the tree was first filled from the result the last session saved, before this session's scan. */
  filledFromSaved?: boolean;
}

/** Wait after the last file change before rescanning (ms): a rescan after a save re-derives only the saved files. */
const RESCAN_DEBOUNCE_MS = 500;

class Controller implements vscode.Disposable {
  /** The scan worker: enumeration, parsing and evaluation all run there, never on this thread. */
  private client: ScanClient | undefined;
  private readonly results = new Map<string, FolderResult>();
  private readonly scanInfo = new Map<string, ScanInfo>();
  private readonly activatedAt = Date.now();
  /** Cancels the scan in progress (the Cancel Scan command). */
  private scanAbort: AbortController | undefined;
  private running: Promise<void> = Promise.resolve();
  /** Folder scans started since activation. */
  private scans = 0;
  /**
   * Folders waiting to be scanned, by URI: the folder-relative paths saved in place since their
   * last scan (the worker re-derives only those), or 'all' when files may have been created,
   * deleted or renamed, or a full rescan was asked for (the folder is listed again).
   */
  private pending = new Map<string, Set<string> | 'all'>();
  private timer: NodeJS.Timeout | undefined;
  private panel: vscode.WebviewPanel | undefined;
  /** Last scan state for the views: 'scanning' | 'ready' | 'empty' | 'error' | 'noFolder'. */
  private state = 'scanning';
  readonly tree: SkillTreeProvider;
  readonly radar: RadarViewProvider;
  readonly diagnostics = new RiskDiagnostics();
  readonly status = vscode.window.createStatusBarItem('skillRadar.status', vscode.StatusBarAlignment.Left, 20);
  readonly output = vscode.window.createOutputChannel('Skill Radar');

  constructor(private readonly context: vscode.ExtensionContext) {
    this.status.command = COMMANDS.focus;
    this.status.name = 'Skill Radar';
    this.currentLens = context.workspaceState.get<Lens>(LENS_CONTEXT) === 'you' ? 'you' : 'repository';
    void vscode.commands.executeCommand('setContext', LENS_CONTEXT, this.currentLens);
    this.tree = new SkillTreeProvider(() => this.ordered(), {
      lens: () => this.currentLens,
      filter: () => this.filter(),
      dismissed: (folder) => this.dismissed(folder),
    });
    this.radar = new RadarViewProvider(context.extensionUri, () => ({ model: this.radarModel(), state: this.state }), (msg) => this.onRadarMessage(msg));
    // The views first, before anything awaits, so they never show "no data provider".
    this.view = vscode.window.createTreeView(SKILLS_VIEW, { treeDataProvider: this.tree, showCollapseAll: true });
    this.showTarget();
  }

  readonly view: vscode.TreeView<Node>;
  /** The tree's lens, remembered per workspace (workspaceState). */
  private currentLens: Lens;

  /** Switches the tree between the repository's skills and yours, and remembers it for this workspace. */
  async setLens(lens: Lens): Promise<void> {
    this.currentLens = lens;
    this.showTarget();
    await this.context.workspaceState.update(LENS_CONTEXT, lens);
    await vscode.commands.executeCommand('setContext', LENS_CONTEXT, lens);
    this.tree.refresh();
    // The radar's next steps follow the lens too.
    this.radar.update();
  }

  /** The target from the settings. */
  target(): Target {
    const cfg = vscode.workspace.getConfiguration('skillRadar');
    return { level: cfg.get<Level>('targetLevel', 'mid'), role: cfg.get<'backend' | 'fullstack'>('targetRole', 'backend') };
  }

  /**
   * A folder's result with the whole next-step ranking for its target, and in a team repository the
   * You lens's ranking (both ranked by the scan worker).
   */
  private folderResult(folder: vscode.WorkspaceFolder, result: AnalysisResult, steps: NextStep[], yourSteps?: NextStep[]): FolderResult {
    return { folder, result, steps, ...(yourSteps ? { yourSteps } : {}) };
  }

  /** Shows the lens and the target in the view's description: `mid · backend`, `You · mid · backend`. */
  private showTarget(): void {
    const t = this.target();
    this.view.description = `${this.currentLens === 'you' ? 'You · ' : ''}${t.level} · ${t.role}`;
  }

  /**
   * Re-ranks the last analysis of every folder for the current target: next steps, readiness and
   * "next level" flags change; nothing is scanned again.
   */
  retarget(): Promise<void> {
    const target = this.target();
    this.showTarget();
    // In the scan worker, which holds each folder's last result and the catalog: this thread only receives.
    this.retargeting = this.retargeting.then(async () => {
      const client = this.client;
      if (!client) return;
      for (const [key, r] of [...this.results]) {
        try {
          const { result, steps, yourSteps } = await client.retarget(key, target);
          if (this.results.get(key) === r) this.results.set(key, this.folderResult(r.folder, result, steps, yourSteps));
        } catch (e) {
          this.output.appendLine(`re-ranking ${r.folder.name} failed: ${(e as Error).message}`);
        }
      }
      this.output.appendLine(`${new Date().toISOString()} target ${target.level} · ${target.role}: next steps re-ranked without a rescan`);
      this.refreshViews();
    });
    return this.retargeting;
  }

  private retargeting: Promise<void> = Promise.resolve();

  /** The hover card at a position of a document in a scanned folder, from the scan worker. */
  async hoverCard(uri: vscode.Uri, line: number, character: number): Promise<HoverCard | undefined> {
    const found = this.lookup(uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!found || !folder || !this.client) return undefined;
    return this.client.hoverCard(folder.uri.toString(), found.relPath, line, character);
  }

  /** The tree filter, remembered across sessions (default: everything). */
  filter(): TreeFilter {
    return this.context.globalState.get<TreeFilter>('skillRadar.filter', 'all');
  }

  async setFilter(f: TreeFilter): Promise<void> {
    await this.context.globalState.update('skillRadar.filter', f);
    await vscode.commands.executeCommand('setContext', FILTER_CONTEXT, f);
    this.tree.refresh();
  }

  /** Skill ids dismissed as "not relevant to me" in a folder (kept in workspace state). */
  dismissed(folder: vscode.WorkspaceFolder): ReadonlySet<string> {
    const all = this.context.workspaceState.get<Record<string, string[]>>('skillRadar.dismissed', {});
    return new Set(all[folder.uri.toString()] ?? []);
  }

  async setDismissed(folderUri: string, skillId: string | undefined, dismissed: boolean): Promise<void> {
    const all = { ...this.context.workspaceState.get<Record<string, string[]>>('skillRadar.dismissed', {}) };
    const set = new Set(all[folderUri] ?? []);
    if (skillId === undefined) set.clear();
    else if (dismissed) set.add(skillId);
    else set.delete(skillId);
    all[folderUri] = [...set];
    await this.context.workspaceState.update('skillRadar.dismissed', all);
    await this.updateDismissedContext();
    this.refreshViews();
  }

  private async updateDismissedContext(): Promise<void> {
    const all = this.context.workspaceState.get<Record<string, string[]>>('skillRadar.dismissed', {});
    await vscode.commands.executeCommand('setContext', DISMISSED_CONTEXT, Object.values(all).some((l) => l.length > 0));
  }

  /** The radar model of the folder the report would show. */
  radarModel(): RadarModel | undefined {
    const target = this.reportFolder();
    return target ? radarModel(target.result, this.dismissed(target.folder), this.currentLens) : undefined;
  }

  private onRadarMessage(msg: RadarMessage): void {
    if (msg.type === 'showReport') void this.showReport();
    else if (msg.type === 'setTarget') void vscode.commands.executeCommand(COMMANDS.setTarget);
    else if (msg.type === 'showSkill' && typeof msg.id === 'string') {
      const target = this.reportFolder();
      if (target) void this.showReport(target.folder.uri.toString(), msg.id);
    }
  }

  /** Redraws everything that renders the results: tree, radar, diagnostics, status bar, report. */
  refreshViews(): void {
    this.tree.refresh();
    this.radar.update();
    this.diagnostics.update(this.ordered());
    this.updateStatus();
    if (this.panel) this.renderPanel();
  }

  /** Latest results in workspace-folder order. */
  ordered(): FolderResult[] {
    const folders = vscode.workspace.workspaceFolders ?? [];
    return folders.map((f) => this.results.get(f.uri.toString())).filter((r): r is FolderResult => !!r);
  }

  private getClient(): ScanClient {
    const dist = path.join(this.context.extensionPath, 'dist');
    this.client ??= new ScanClient(path.join(dist, 'scan-worker.js'), defaultLayout(dist));
    return this.client;
  }

  /** Stops the scan in progress, if any (its folders keep their previous results). */
  cancelScan(): void {
    this.scanAbort?.abort();
  }

  /** Queues a scan of the given folders (all when omitted) and returns when it has run. */
  scan(folders?: readonly vscode.WorkspaceFolder[]): Promise<void> {
    for (const f of folders ?? vscode.workspace.workspaceFolders ?? []) this.pending.set(f.uri.toString(), 'all');
    this.running = this.running.then(() => this.drain());
    return this.running;
  }

  whenIdle(): Promise<void> {
    return this.running.then(() => undefined);
  }

  private async drain(): Promise<void> {
    const all = vscode.workspace.workspaceFolders ?? [];
    const todo = all.filter((f) => this.pending.has(f.uri.toString()));
    const changes = new Map(this.pending);
    this.pending.clear();
    if (!todo.length) {
      if (!all.length) await this.setState('noFolder');
      return;
    }
    if (!this.results.size) await this.setState('scanning');
    this.scans += todo.length;
    await vscode.commands.executeCommand('setContext', SCANNING_CONTEXT, true);
    this.status.text = '$(sync~spin) Skill Radar';
    this.status.show();
    const abort = (this.scanAbort = new AbortController());
    let failed = 0;
    try {
      const client = this.getClient();
      const cfg = vscode.workspace.getConfiguration('skillRadar');
      const target = this.target();
      const cacheDir = this.context.globalStorageUri.scheme === 'file' ? this.context.globalStorageUri.fsPath : undefined;
      // A reopened workspace shows what its last session found at once, while this session's scan runs.
      if (cacheDir) await this.showSaved(client, todo, cacheDir);
      await vscode.window.withProgress({ location: { viewId: SKILLS_VIEW }, title: 'Scanning' }, async () => {
        for (const folder of todo) {
          if (abort.signal.aborted) break;
          const key = folder.uri.toString();
          const local = folder.uri.scheme === 'file';
          const saved = changes.get(key);
          try {
            const { result, steps, yourSteps, hits, profile, threadId } = await client.scan({
              key,
              ...(local ? { folder: folder.uri.fsPath } : { source: vscodeFileSource(folder.uri) }),
              rootLabel: local ? folder.uri.fsPath : key,
              cacheDir,
              ...(saved instanceof Set ? { changed: [...saved] } : {}),
              signal: abort.signal,
              settings: {
                level: target.level,
                role: target.role,
                maxFileBytes: cfg.get<number>('maxFileSizeKB', 1024) * 1024,
                excludeDirs: cfg.get<string[]>('exclude', []),
                personal: {
                  authors: cfg.get<string[]>('identities', []),
                  authorsLabel: 'skillRadar.identities',
                  halfLifeMonths: cfg.get<number>('halfLifeMonths', 12),
                },
              },
              onProgress: (phase, done, total) => this.showProgress(folder.name, phase, done, total),
            });
            this.results.set(key, this.folderResult(folder, result, steps, yourSteps));
            const first = this.scanInfo.get(key)?.sinceActivationMs ?? this.savedShown.get(key) ?? Date.now() - this.activatedAt;
            this.scanInfo.set(key, {
              folder: local ? folder.uri.fsPath : key,
              threadId,
              computed: profile.computed,
              reused: profile.reused,
              durationMs: result.stats.durationMs,
              sinceActivationMs: first,
              incremental: profile.enumerationReused ?? false,
              filledFromSaved: this.scanInfo.get(key)?.filledFromSaved ?? this.savedShown.has(key),
            });
            this.output.appendLine(
              `${new Date().toISOString()} ${profile.enumerationReused ? `rescanned ${folder.name} after ${saved instanceof Set ? saved.size : 0} saved file(s)` : `scanned ${folder.name}`} in a worker: ${result.stats.files} files in ${result.stats.durationMs} ms (${profile.computed} source files parsed, ${hits} unchanged ones reused)`,
            );
            for (const w of result.warnings) this.output.appendLine(`  ! ${w}`);
          } catch (e) {
            if ((e as Error).message === 'cancelled') {
              this.output.appendLine(`scan of ${folder.name} cancelled`);
              break;
            }
            failed++;
            this.output.appendLine(`scan of ${folder.name} failed: ${(e as Error).message}`);
            void vscode.window.showWarningMessage(`Skill Radar could not scan ${folder.name}: ${(e as Error).message}`);
          }
        }
      });
      const done = this.ordered();
      // An empty folder is not 64 failures: the views say "no source found" instead.
      await this.setState(!done.length && failed ? 'error' : !done.length ? 'ready' : done.every((f) => isEmptyResult(f.result)) ? 'empty' : 'ready');
    } catch (e) {
      this.output.appendLine(`Skill Radar failed to start: ${(e as Error).message}`);
      await this.setState('error');
      void vscode.window.showErrorMessage(`Skill Radar failed to start: ${(e as Error).message}`);
    } finally {
      if (this.scanAbort === abort) this.scanAbort = undefined;
      this.view.message = undefined;
      await vscode.commands.executeCommand('setContext', SCANNING_CONTEXT, false);
    }
    // Forget folders that were removed from the workspace.
    for (const key of [...this.results.keys()]) {
      if (!all.some((f) => f.uri.toString() === key)) {
        this.results.delete(key);
        this.scanInfo.delete(key);
        this.client?.forget(key);
      }
    }
    this.refreshViews();
  }

  /** ms after activation at which each folder's tree was filled from its saved result. */
  private readonly savedShown = new Map<string, number>();

  /** Fills the views from the results saved by the last session for folders without a result yet. */
  private async showSaved(client: ScanClient, folders: readonly vscode.WorkspaceFolder[], cacheDir: string): Promise<void> {
    let shown = 0;
    for (const folder of folders) {
      const key = folder.uri.toString();
      if (this.results.has(key) || this.savedShown.has(key)) continue;
      try {
        const { result, steps, yourSteps } = await client.saved(key, cacheDir);
        if (this.results.has(key)) continue;
        this.results.set(key, this.folderResult(folder, result, steps, yourSteps));
        this.savedShown.set(key, Date.now() - this.activatedAt);
        this.output.appendLine(`${new Date().toISOString()} showing ${folder.name} as the last session left it while it is scanned again`);
        shown++;
      } catch {
        // Nothing saved for this folder (or of another version): the scan fills it.
      }
    }
    if (!shown) return;
    const all = this.ordered();
    await this.setState(all.every((f) => isEmptyResult(f.result)) ? 'empty' : 'ready');
    this.refreshViews();
  }

  private async setState(state: string): Promise<void> {
    this.state = state;
    await vscode.commands.executeCommand('setContext', STATE_CONTEXT, state);
  }

  /** Progress in the view's message and the status bar: "Scanning api… 45% (1,234 / 2,700 source files)". */
  private showProgress(folder: string, phase: string, done?: number, total?: number): void {
    const pct = done !== undefined && total ? Math.floor((100 * done) / total) : undefined;
    const files = pct !== undefined ? ` ${pct}% (${done!.toLocaleString()} / ${total!.toLocaleString()} source files)` : ` ${phase}`;
    this.view.message = `Scanning ${folder}…${files}`;
    this.status.text = `$(sync~spin) Skill Radar${pct !== undefined ? ` ${pct}%` : ''}`;
  }

  private updateStatus(): void {
    const all = this.ordered().filter((f) => !isEmptyResult(f.result));
    if (!all.length) {
      this.status.hide();
      return;
    }
    let d = 0;
    let p = 0;
    let m = 0;
    let total = 0;
    let yours = 0;
    const people: string[] = [];
    for (const { result } of all) {
      const n = summaryCounts(result);
      d += n.demonstrated;
      p += n.partial;
      m += n.missing;
      total += n.observable;
      if (result.person?.commits) {
        yours += personalCounts(result).current;
        people.push(personLine(result.person));
      }
    }
    // Both lenses at a glance when an identity has commits here.
    this.status.text = people.length ? `$(account) You ${yours} · Repo ${d} / ${total}` : `$(checklist) Skills ${d}/${total}`;
    const tip = new vscode.MarkdownString();
    if (people.length) tip.appendMarkdown(`**You: ${yours}** skills your own commits demonstrate (${people.map((x) => markdownText(x)).join('; ')}).\n\n`);
    const model = this.radarModel();
    tip.appendMarkdown(`**Skill Radar: ${d} of ${total}**\n\n`);
    tip.appendMarkdown(`Of the ${total} skills that code can show, this workspace demonstrates ${d}; ${p} more are partial and ${m} are missing. `);
    tip.appendMarkdown('Skills that code cannot show (soft skills, for example) are not counted.\n\n');
    if (model) tip.appendMarkdown(`Target ${model.target.level} · ${model.target.role}: ${model.headline.charAt(0).toLowerCase()}${model.headline.slice(1)}.\n\n`);
    tip.appendMarkdown('Click to open the Skills view.');
    this.status.tooltip = tip;
    this.status.accessibilityInformation = { label: `Skill Radar: ${d} of ${total} skills demonstrated, ${p} partial, ${m} missing` };
    this.status.show();
  }

  /**
   * Debounced rescan of the folder containing `uri`, skipping dependency and VCS folders. `saved`
   * (a file changed in place) lets the worker re-derive that file alone; a created, deleted or
   * renamed file lists the folder again.
   */
  onFileChanged(uri: vscode.Uri, saved = false): void {
    if (/[\\/](node_modules|\.git|dist|out|target|build)[\\/]/.test(uri.path)) return;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return;
    const key = folder.uri.toString();
    const rel = path.posix.relative(folder.uri.path, uri.path);
    const had = this.pending.get(key);
    if (!saved || had === 'all' || !rel || rel.startsWith('..')) this.pending.set(key, 'all');
    else this.pending.set(key, (had ?? new Set<string>()).add(rel));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.running.then(() => this.drain());
    }, RESCAN_DEBOUNCE_MS);
  }

  lookup(uri: vscode.Uri): { result: AnalysisResult; relPath: string } | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const r = folder && this.results.get(folder.uri.toString());
    if (!r) return undefined;
    const rel = path.posix.relative(folder.uri.path, uri.path);
    return { result: r.result, relPath: rel };
  }

  api(): SkillRadarApi {
    return {
      whenIdle: () => this.whenIdle(),
      scanCount: () => this.scans,
      lastResults: () => this.ordered().map((r) => ({ folder: r.folder.uri.scheme === 'file' ? r.folder.uri.fsPath : r.folder.uri.toString(), result: r.result })),
      lens: () => this.currentLens,
      treeRows: async () => {
        const out: { label: string; description: string; level: number }[] = [];
        const text = (l: vscode.TreeItem['label']) => (typeof l === 'string' ? l : l?.label ?? '');
        for (const node of await this.tree.getChildren()) {
          const item = this.tree.getTreeItem(node);
          out.push({ label: text(item.label), description: String(item.description ?? ''), level: 1 });
          for (const child of await this.tree.getChildren(node)) {
            const c = this.tree.getTreeItem(child);
            out.push({ label: text(c.label), description: String(c.description ?? ''), level: 2 });
          }
        }
        return out;
      },
      lastScans: () => this.ordered().map((r) => this.scanInfo.get(r.folder.uri.toString())!).filter(Boolean),
    };
  }

  /** Opens the skills profile (Markdown, like a CV section) of every folder as an untitled document. */
  async exportProfile(): Promise<void> {
    if (!this.ordered().length) await this.scan();
    const results = this.ordered().map((r) => r.result);
    if (!results.some((r) => r.person?.commits)) {
      const pick = await vscode.window.showWarningMessage(
        'Skill Radar found no commits of yours in this workspace, so a profile would be empty. Set who you are in git history?',
        'Set Your Git Identity',
      );
      if (pick) await vscode.commands.executeCommand(COMMANDS.setIdentity);
      return;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderProfile(results) });
    await vscode.window.showTextDocument(doc, { preview: false });
  }

  /**
   * Lets the user correct who "you" are: keep git config's identity, add another author found
   * under your name, or type emails, names or patterns (stored in skillRadar.identities).
   */
  async setIdentity(): Promise<void> {
    const cfg = vscode.workspace.getConfiguration('skillRadar');
    const current = cfg.get<string[]>('identities', []);
    const people = this.ordered().map((r) => r.result.person).filter((p): p is NonNullable<AnalysisResult['person']> => !!p);
    type Item = vscode.QuickPickItem & { set?: string[] };
    const items: Item[] = [];
    for (const p of people) {
      items.push({ label: `$(account) ${p.names[0] ?? ''} ${p.emails.length ? `<${p.emails.join('>, <')}>` : ''}`.trim(), description: 'taken to be you now', detail: personLine(p) });
      for (const a of p.alsoNamed ?? []) {
        items.push({ label: `$(add) Also me: ${a.name} <${a.email}>`, description: `${a.commits} commit${a.commits === 1 ? '' : 's'}`, set: [...new Set([...(current.length ? current : p.emails), a.email])] });
      }
    }
    items.push({ label: '$(edit) Enter emails, names or patterns…', description: current.length ? `now: ${current.join(', ')}` : 'like git log --author', set: undefined });
    if (current.length) items.push({ label: '$(discard) Use git config (user.email) again', set: [] });
    const pick = await vscode.window.showQuickPick(items, { title: 'Skill Radar: who are you in git history?', placeHolder: 'Your commits decide the You lens, the status bar and the skills profile' });
    if (!pick) return;
    let value = pick.set;
    if (!value && pick.label.includes('Enter')) {
      const typed = await vscode.window.showInputBox({
        title: 'Skill Radar: your identities',
        prompt: 'Emails, names or git --author patterns, separated by commas',
        value: (current.length ? current : people.flatMap((p) => p.emails)).join(', '),
      });
      if (typed === undefined) return;
      value = typed.split(',').map((x) => x.trim()).filter(Boolean);
    }
    if (value) await cfg.update('identities', value, vscode.ConfigurationTarget.Workspace);
  }

  /** Opens (or reveals) the report; with `skillId`, opens that skill and scrolls to it. */
  async showReport(folderUri?: string, skillId?: string): Promise<void> {
    if (!this.ordered().length) await this.scan();
    if (folderUri) this.reportFolderUri = folderUri;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('skillRadar.report', 'Skill Radar Report', vscode.ViewColumn.Active, {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview')],
      });
      const media = (f: string) => vscode.Uri.joinPath(this.context.extensionUri, 'media', f);
      this.panel.iconPath = { light: media('report-light.svg'), dark: media('report-dark.svg') };
      this.panel.onDidDispose(() => (this.panel = undefined), null, this.context.subscriptions);
      this.panel.webview.onDidReceiveMessage((msg: { type?: string; path?: unknown; line?: unknown; column?: unknown; endColumn?: unknown; id?: unknown }) => {
        const target = this.reportFolder();
        if (!target) return;
        if (msg?.type === 'open' && typeof msg.path === 'string') {
          const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
          void openEvidence(
            { folder: target.folder.uri.toString(), path: msg.path, line: num(msg.line) || undefined, column: num(msg.column), endColumn: num(msg.endColumn) },
            { beside: true },
          );
        } else if (msg?.type === 'setTarget') void vscode.commands.executeCommand(COMMANDS.setTarget);
      }, null, this.context.subscriptions);
      this.renderPanel(skillId);
    } else if (skillId) {
      void this.panel.webview.postMessage({ type: 'reveal', id: skillId });
    } else this.renderPanel();
    this.panel.reveal();
  }

  /** The folder the report was last asked to show (a tree row's folder), if any. */
  private reportFolderUri: string | undefined;

  /**
   * Opens the report of the active folder as an untitled Markdown or JSON document (the JSON is
   * the CLI's schema-1 contract). Nothing is written to disk unless the user saves it.
   */
  async exportReport(format: 'markdown' | 'json'): Promise<void> {
    if (!this.ordered().length) await this.scan();
    const target = this.reportFolder();
    if (!target) {
      void vscode.window.showInformationMessage('Skill Radar: open a folder to get a report.');
      return;
    }
    const content = format === 'json' ? JSON.stringify(target.result, null, 2) + '\n' : renderMarkdown(target.result, { steps: target.steps });
    const doc = await vscode.workspace.openTextDocument({ language: format, content });
    await vscode.window.showTextDocument(doc, { preview: false });
  }

  /** The folder the report shows: the one last asked for, else the active editor's, else the first. */
  reportFolder(): FolderResult | undefined {
    const asked = this.reportFolderUri && this.results.get(this.reportFolderUri);
    if (asked) return asked;
    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = active && vscode.workspace.getWorkspaceFolder(active);
    return (folder && this.results.get(folder.uri.toString())) ?? this.ordered()[0];
  }

  private renderPanel(reveal?: string): void {
    const target = this.reportFolder();
    if (!this.panel || !target) return;
    this.panel.title = `Skill Radar Report${this.ordered().length > 1 ? ` — ${target.folder.name}` : ''}`;
    const script = this.panel.webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview', 'main.js'));
    this.panel.webview.html = renderHtml(target.result, {
      cspSource: this.panel.webview.cspSource,
      nonce: makeNonce(),
      title: this.panel.title,
      scriptUri: script.toString(),
      reveal,
      dismissed: this.dismissed(target.folder),
      steps: target.steps,
    });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.tree.dispose();
    this.view.dispose();
    this.radar.dispose();
    this.diagnostics.dispose();
    this.status.dispose();
    this.output.dispose();
    this.panel?.dispose();
    this.scanAbort?.abort();
    this.client?.dispose();
  }
}

/**
 * Opens workspace-relative evidence at its 1-based line, selecting the 0-based column range when
 * known. A folder is revealed in the Explorer instead; paths that escape the folder are refused
 * (evidence comes from workspace text and is never trusted as a path).
 */
async function openEvidence(t: EvidenceTarget, opts: { beside?: boolean } = {}): Promise<void> {
  const uri = evidenceUri(vscode.Uri.parse(t.folder), path.posix.normalize(t.path || '.').replace(/^\.$/, ''));
  if (!uri) return;
  try {
    const st = await vscode.workspace.fs.stat(uri);
    if (st.type & vscode.FileType.Directory) {
      await vscode.commands.executeCommand('revealInExplorer', uri);
      return;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = Math.min(Math.max(0, (t.line ?? 1) - 1), Math.max(0, doc.lineCount - 1));
    const len = doc.lineAt(line).text.length;
    const start = Math.min(t.column ?? 0, len);
    const end = t.endColumn !== undefined && t.endColumn > start ? Math.min(t.endColumn, len) : start;
    await vscode.window.showTextDocument(doc, {
      selection: new vscode.Range(line, start, line, end),
      preview: !opts.beside,
      viewColumn: opts.beside ? vscode.ViewColumn.Beside : undefined,
    });
  } catch (e) {
    void vscode.window.showWarningMessage(`Skill Radar could not open ${t.path}: ${(e as Error).message}`);
  }
}

/** Shows a commit that evidence names (read from .git, never by running git): its hash and subject, with a copy action. */
async function showCommit(detail: string): Promise<void> {
  const hash = /commit ([0-9a-f]{7,40})/.exec(detail)?.[1];
  const pick = await vscode.window.showInformationMessage(detail, ...(hash ? ['Copy Hash'] : []), 'Open Source Control');
  if (pick === 'Copy Hash' && hash) await vscode.env.clipboard.writeText(hash);
  else if (pick === 'Open Source Control') await vscode.commands.executeCommand('workbench.view.scm');
}

/** The evidence target of a tree node (for context-menu commands), if it has one. */
function targetOf(node: Node | EvidenceTarget | undefined): EvidenceTarget | undefined {
  if (!node) return undefined;
  if ('path' in node && typeof node.path === 'string' && 'folder' in node && typeof node.folder === 'string') return node;
  const n = node as Node;
  if (n.kind === 'evidence') {
    const e = n.evidence;
    return { folder: n.folder.folder.uri.toString(), path: e.path, line: e.line, column: e.column, endColumn: e.endColumn };
  }
  return undefined;
}

type Pick<T extends string> = vscode.QuickPickItem & { value: T };

/**
 * One step of the target quick pick: items with the current choice marked and active. Resolves to
 * the chosen value, 'back' (the Back button) or undefined (dismissed).
 */
function pickStep<T extends string>(
  qp: vscode.QuickPick<Pick<T>>,
  opts: { step: number; title: string; placeholder: string; items: { value: T; description: string }[]; current: T },
): Promise<T | 'back' | undefined> {
  qp.step = opts.step;
  qp.totalSteps = 2;
  qp.title = opts.title;
  qp.placeholder = opts.placeholder;
  qp.value = '';
  qp.buttons = opts.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  const items: Pick<T>[] = opts.items.map((i) => ({
    label: `${i.value === opts.current ? '$(check) ' : '$(blank) '}${i.value}`,
    description: i.value === opts.current ? `${i.description} (current)` : i.description,
    value: i.value,
  }));
  qp.items = items;
  qp.activeItems = items.filter((i) => i.value === opts.current);
  return new Promise((resolve) => {
    const subs: vscode.Disposable[] = [];
    const done = (v: T | 'back' | undefined) => {
      subs.forEach((d) => d.dispose());
      resolve(v);
    };
    subs.push(
      qp.onDidAccept(() => done(qp.selectedItems[0]?.value ?? qp.activeItems[0]?.value)),
      qp.onDidTriggerButton((b) => done(b === vscode.QuickInputButtons.Back ? 'back' : undefined)),
      qp.onDidHide(() => done(undefined)),
    );
    qp.show();
  });
}

/**
 * One multi-step quick pick (level, then role) with the current choice marked. Resolves to the
 * new target, or undefined when dismissed. Storing it re-ranks the last analysis; it never rescans.
 */
async function pickTarget(current: Target): Promise<Target | undefined> {
  const qp = vscode.window.createQuickPick<Pick<string>>();
  qp.ignoreFocusOut = false;
  try {
    let level: Level | undefined;
    for (;;) {
      if (!level) {
        const l = await pickStep(qp as vscode.QuickPick<Pick<Level>>, {
          step: 1,
          title: 'Skill Radar: target level',
          placeholder: 'Next steps are ranked for this level',
          current: current.level,
          items: [
            { value: 'entry', description: 'first backend role: the basics, used correctly in your own code' },
            { value: 'mid', description: 'owns a service: design, data, tests against real infrastructure' },
            { value: 'senior', description: 'sets the standard across services: architecture, delivery, quality gates' },
          ],
        });
        if (!l || l === 'back') return undefined;
        level = l;
      }
      const role = await pickStep(qp as vscode.QuickPick<Pick<'backend' | 'fullstack'>>, {
        step: 2,
        title: `Skill Radar: target role (level ${level})`,
        placeholder: 'Which skills count as gaps',
        current: current.role,
        items: [
          { value: 'backend', description: 'server-side skills' },
          { value: 'fullstack', description: 'also frontend fundamentals' },
        ],
      });
      if (role === 'back') {
        level = undefined;
        continue;
      }
      return role ? { level, role } : undefined;
    }
  } finally {
    qp.dispose();
  }
}

/** Asks for the target and stores it in the user settings; the configuration listener re-ranks. */
async function setTarget(c: Controller): Promise<void> {
  const current = c.target();
  const t = await pickTarget(current);
  if (!t || (t.level === current.level && t.role === current.role)) return;
  const cfg = vscode.workspace.getConfiguration('skillRadar');
  await cfg.update('targetLevel', t.level, vscode.ConfigurationTarget.Global);
  await cfg.update('targetRole', t.role, vscode.ConfigurationTarget.Global);
  await c.retarget();
}

/** Extension entry point. */
export function activate(context: vscode.ExtensionContext): SkillRadarApi {
  // The controller creates the tree view in its constructor and the radar view is registered
  // next, before anything awaits, so neither ever shows "no data provider".
  const c = new Controller(context);
  const treeView = c.view;
  context.subscriptions.push(c, vscode.window.registerWebviewViewProvider(RADAR_VIEW, c.radar));
  void vscode.commands.executeCommand('setContext', FILTER_CONTEXT, c.filter());
  const skillArg = (node: Node | undefined): { folder: string; id: string } | undefined => {
    if (!node) return undefined;
    if (node.kind === 'skill' || node.kind === 'dismissedSkill') return { folder: node.folder.folder.uri.toString(), id: node.skill.id };
    if (node.kind === 'step') return { folder: node.folder.folder.uri.toString(), id: node.step.skill };
    if (node.kind === 'note') return { folder: node.folder.folder.uri.toString(), id: node.skill.id };
    return undefined;
  };
  const evidenceCommand = (fn: (t: EvidenceTarget) => unknown) => (arg: Node | EvidenceTarget | undefined) => {
    const t = targetOf(arg ?? (treeView.selection[0] as Node | undefined));
    return t ? fn(t) : undefined;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.rescan, () => c.scan()),
    vscode.commands.registerCommand(COMMANDS.cancelScan, () => c.cancelScan()),
    vscode.commands.registerCommand(COMMANDS.showReport, () => c.showReport()),
    vscode.commands.registerCommand(COMMANDS.showSkill, (a: string | Node | undefined, id?: string) => {
      if (typeof a === 'string') return c.showReport(a, id);
      const s = skillArg(a ?? (treeView.selection[0] as Node | undefined));
      return s ? c.showReport(s.folder, s.id) : c.showReport();
    }),
    vscode.commands.registerCommand(COMMANDS.openEvidence, evidenceCommand((t) => openEvidence(t))),
    vscode.commands.registerCommand(COMMANDS.openEvidenceToSide, evidenceCommand((t) => openEvidence(t, { beside: true }))),
    vscode.commands.registerCommand(COMMANDS.revealEvidence, evidenceCommand((t) => {
      const uri = evidenceUri(vscode.Uri.parse(t.folder), t.path);
      return uri && vscode.commands.executeCommand('revealInExplorer', uri);
    })),
    vscode.commands.registerCommand(COMMANDS.copyPath, evidenceCommand((t) => {
      const uri = evidenceUri(vscode.Uri.parse(t.folder), t.path);
      return uri && vscode.env.clipboard.writeText(uri.scheme === 'file' ? uri.fsPath : uri.toString());
    })),
    vscode.commands.registerCommand(COMMANDS.copyRelativePath, evidenceCommand((t) => vscode.env.clipboard.writeText(t.path))),
    vscode.commands.registerCommand(COMMANDS.showCommit, (_t: EvidenceTarget | Node | undefined, detail?: string) => {
      const d = detail ?? ((_t as Node | undefined)?.kind === 'evidence' ? (_t as Extract<Node, { kind: 'evidence' }>).evidence.detail : undefined);
      return d ? showCommit(d) : undefined;
    }),
    vscode.commands.registerCommand(COMMANDS.focus, () => vscode.commands.executeCommand(`${SKILLS_VIEW}.focus`)),
    vscode.commands.registerCommand(COMMANDS.setTarget, () => setTarget(c)),
    vscode.commands.registerCommand(COMMANDS.openLearnLink, (url: unknown) => {
      // Only official documentation links from the catalog: https, opened in the user's browser.
      if (typeof url === 'string' && /^https:\/\//.test(url)) void vscode.env.openExternal(vscode.Uri.parse(url));
    }),
    vscode.commands.registerCommand(COMMANDS.exportMarkdown, () => c.exportReport('markdown')),
    vscode.commands.registerCommand(COMMANDS.exportJson, () => c.exportReport('json')),
    vscode.commands.registerCommand(COMMANDS.showYou, () => c.setLens('you')),
    vscode.commands.registerCommand(COMMANDS.showRepository, () => c.setLens('repository')),
    vscode.commands.registerCommand(COMMANDS.setIdentity, () => c.setIdentity()),
    vscode.commands.registerCommand(COMMANDS.exportProfile, () => c.exportProfile()),
    vscode.commands.registerCommand(COMMANDS.filterGaps, () => c.setFilter('gaps')),
    vscode.commands.registerCommand(COMMANDS.filterAll, () => c.setFilter('all')),
    vscode.commands.registerCommand(COMMANDS.dismiss, (node: Node | undefined) => {
      const s = skillArg(node ?? (treeView.selection[0] as Node | undefined));
      return s && c.setDismissed(s.folder, s.id, true);
    }),
    vscode.commands.registerCommand(COMMANDS.restore, (node: Node | undefined) => {
      const s = skillArg(node ?? (treeView.selection[0] as Node | undefined));
      return s && c.setDismissed(s.folder, s.id, false);
    }),
    vscode.commands.registerCommand(COMMANDS.restoreAll, async () => {
      for (const f of vscode.workspace.workspaceFolders ?? []) await c.setDismissed(f.uri.toString(), undefined, false);
    }),
    vscode.commands.registerCommand(COMMANDS.getStarted, () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false)),
    vscode.commands.registerCommand(COMMANDS.showLog, () => c.output.show()),
    vscode.commands.registerCommand(COMMANDS.addToGitignore, async (folder: string, pattern: string) => {
      if (await addToGitignore(folder, pattern)) {
        void vscode.window.showInformationMessage(`Added ${pattern} to .gitignore. If the file was committed before, also remove it from the repository (git rm --cached) and rotate its secrets.`);
      }
    }),
    vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-vfs' }], new TechnologyHoverProvider((u) => c.lookup(u), (u, line, character) => c.hoverCard(u, line, character))),
    vscode.languages.registerCodeActionsProvider('*', new RiskCodeActions(), { providedCodeActionKinds: RiskCodeActions.kinds }),
    vscode.workspace.onDidSaveTextDocument((d) => c.onFileChanged(d.uri, true)),
    vscode.workspace.onDidCreateFiles((e) => e.files.forEach((f) => c.onFileChanged(f))),
    vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((f) => c.onFileChanged(f))),
    vscode.workspace.onDidChangeWorkspaceFolders((e) => void c.scan(e.added)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('skillRadar.diagnostics')) c.diagnostics.update(c.ordered());
      if (!e.affectsConfiguration('skillRadar') || e.affectsConfiguration('skillRadar.diagnostics')) return;
      // The target only re-ranks the last analysis; what is scanned (size cap, excludes, identities) needs a rescan.
      const scanSettings = ['maxFileSizeKB', 'exclude', 'identities', 'halfLifeMonths'].some((s) => e.affectsConfiguration(`skillRadar.${s}`));
      if (scanSettings) void c.scan();
      else void c.retarget();
    }),
  );
  const watcher = vscode.workspace.createFileSystemWatcher('**/*');
  context.subscriptions.push(watcher, watcher.onDidCreate((u) => c.onFileChanged(u)), watcher.onDidDelete((u) => c.onFileChanged(u)), watcher.onDidChange((u) => c.onFileChanged(u, true)));
  void c.scan();
  return c.api();
}

/** Extension exit point; everything is disposed through context.subscriptions. */
export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
