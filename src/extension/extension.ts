/**
 * The VS Code face: wires the engine to the Skills tree, hovers, the report webview, the status
 * bar and a debounced rescan on file changes. Scans run in a worker thread (src/node/scan-worker.ts,
 * started on the first scan) that keeps each folder's per-file facts between scans and in the
 * extension's global storage between sessions; this thread only receives results. Everything
 * registered goes to `context.subscriptions`.
 */
import * as vscode from 'vscode';
import * as path from 'path';
import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import { defaultLayout } from '../node/engine';
import { ScanClient } from '../node/scan-client';
import { loadKnowledge, type Knowledge } from '../core/knowledge';
import type { AnalysisResult, Level } from '../core/types';
import type { Target } from '../core/skills';
import { renderHtml, renderMarkdown, summaryCounts } from '../core/report';
import { applyTarget, rankSteps, readinessLine, toNextStep } from '../core/guidance';
import { COMMANDS, LENS_CONTEXT, SCANNING_CONTEXT, SKILLS_VIEW, STATE_CONTEXT } from './commands';
import { SkillTreeProvider, type FolderResult, type Lens } from './tree';
import { personalCounts, personLine, renderProfile } from '../core/profile';
import { TechnologyHoverProvider } from './hover';
import { vscodeFileSource } from './vscode-file-source';

/** What `activate` returns, for tests and other extensions. */
export interface SkillRadarApi {
  /** Resolves when no scan is running or queued. */
  whenIdle(): Promise<void>;
  /** The latest analysis of each folder (absolute folder path or URI string). */
  lastResults(): { folder: string; result: AnalysisResult }[];
  /** The Skills tree's lens: 'repository' or 'you'. */
  lens(): Lens;
  /** The Skills tree's top two levels as shown (label, description), for tests. */
  treeRows(): { label: string; description: string; level: number }[];
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
}

/** Wait after the last file change before rescanning (ms). */
const RESCAN_DEBOUNCE_MS = 1500;

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
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private panel: vscode.WebviewPanel | undefined;
  readonly tree = new SkillTreeProvider(() => this.ordered(), () => this.currentLens);
  readonly view: vscode.TreeView<unknown>;
  /** Remembered per workspace (workspaceState). */
  private currentLens: Lens;
  readonly status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 20);
  readonly output = vscode.window.createOutputChannel('Skill Radar');

  constructor(private readonly context: vscode.ExtensionContext) {
    this.status.command = COMMANDS.focus;
    this.status.name = 'Skill Radar';
    this.currentLens = context.workspaceState.get<Lens>(LENS_CONTEXT) === 'you' ? 'you' : 'repository';
    void vscode.commands.executeCommand('setContext', LENS_CONTEXT, this.currentLens);
    this.view = vscode.window.createTreeView(SKILLS_VIEW, { treeDataProvider: this.tree, showCollapseAll: true }) as vscode.TreeView<unknown>;
    this.showTarget();
  }

  /** The target from the settings. */
  target(): Target {
    const cfg = vscode.workspace.getConfiguration('skillRadar');
    return { level: cfg.get<Level>('targetLevel', 'mid'), role: cfg.get<'backend' | 'fullstack'>('targetRole', 'backend') };
  }

  /** A folder's result with the whole next-step ranking for its target. */
  private folderResult(folder: vscode.WorkspaceFolder, result: AnalysisResult, k: Knowledge): FolderResult {
    return { folder, result, steps: rankSteps(k, result, result.target).map(toNextStep) };
  }

  /** Shows the lens and the target in the view's description: `mid · backend`, `You · mid · backend`. */
  private showTarget(): void {
    const t = this.target();
    this.view.description = `${this.currentLens === 'you' ? 'You · ' : ''}${t.level} · ${t.role}`;
  }

  /** Switches the tree between the repository's skills and yours, and remembers it for this workspace. */
  async setLens(lens: Lens): Promise<void> {
    this.currentLens = lens;
    this.showTarget();
    await this.context.workspaceState.update(LENS_CONTEXT, lens);
    await vscode.commands.executeCommand('setContext', LENS_CONTEXT, lens);
    this.tree.refresh();
  }

  /**
   * Re-ranks the last analysis of every folder for the current target: next steps, readiness and
   * "next level" flags change; nothing is scanned again.
   */
  retarget(): void {
    const k = this.knowledgeNow;
    const target = this.target();
    this.showTarget();
    if (!k) return;
    for (const [key, r] of this.results) this.results.set(key, this.folderResult(r.folder, applyTarget(k, r.result, target), k));
    this.output.appendLine(`${new Date().toISOString()} target ${target.level} · ${target.role}: next steps re-ranked without a rescan`);
    this.tree.refresh();
    this.updateStatus();
    if (this.panel) this.renderPanel();
  }

  private ordered(): FolderResult[] {
    const folders = vscode.workspace.workspaceFolders ?? [];
    return folders.map((f) => this.results.get(f.uri.toString())).filter((r): r is FolderResult => !!r);
  }

  private getClient(): ScanClient {
    const dist = path.join(this.context.extensionPath, 'dist');
    this.client ??= new ScanClient(path.join(dist, 'scan-worker.js'), defaultLayout(dist));
    return this.client;
  }

  /** The catalog, for ranking next steps, re-ranking and hovers (set once loaded). */
  knowledgeNow: Knowledge | undefined;
  private knowledgeLoading: Promise<Knowledge> | undefined;

  /**
   * Loads the catalog on this thread once, without schema validation: the scan worker validates the
   * same files and fails the scan (with the KnowledgeError) when they are invalid.
   */
  private catalog(): Promise<Knowledge> {
    const data = path.join(this.context.extensionPath, 'data');
    this.knowledgeLoading ??= loadKnowledge(
      {
        read: (rel) => fs.readFile(path.join(data, rel), 'utf8'),
        list: async (rel) => (await fs.readdir(path.join(data, rel))).sort(),
      },
      { validate: false },
    ).then((k) => (this.knowledgeNow = k));
    return this.knowledgeLoading;
  }

  /** Stops the scan in progress, if any (its folders keep their previous results). */
  cancelScan(): void {
    this.scanAbort?.abort();
  }

  /** Queues a scan of the given folders (all when omitted) and returns when it has run. */
  scan(folders?: readonly vscode.WorkspaceFolder[]): Promise<void> {
    for (const f of folders ?? vscode.workspace.workspaceFolders ?? []) this.pending.add(f.uri.toString());
    this.running = this.running.then(() => this.drain());
    return this.running;
  }

  whenIdle(): Promise<void> {
    return this.running.then(() => undefined);
  }

  private async drain(): Promise<void> {
    const all = vscode.workspace.workspaceFolders ?? [];
    const todo = all.filter((f) => this.pending.has(f.uri.toString()));
    this.pending.clear();
    if (!todo.length) {
      if (!all.length) await vscode.commands.executeCommand('setContext', STATE_CONTEXT, 'noFolder');
      return;
    }
    if (!this.results.size) await vscode.commands.executeCommand('setContext', STATE_CONTEXT, 'scanning');
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
      await vscode.window.withProgress({ location: { viewId: SKILLS_VIEW }, title: 'Scanning' }, async () => {
        for (const folder of todo) {
          if (abort.signal.aborted) break;
          const key = folder.uri.toString();
          const local = folder.uri.scheme === 'file';
          try {
            const { result, hits, profile, threadId } = await client.scan({
              key,
              ...(local ? { folder: folder.uri.fsPath } : { source: vscodeFileSource(folder.uri) }),
              rootLabel: local ? folder.uri.fsPath : key,
              cacheDir,
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
            this.results.set(key, this.folderResult(folder, result, await this.catalog()));
            const first = this.scanInfo.get(key)?.sinceActivationMs ?? Date.now() - this.activatedAt;
            this.scanInfo.set(key, { folder: local ? folder.uri.fsPath : key, threadId, computed: profile.computed, reused: profile.reused, durationMs: result.stats.durationMs, sinceActivationMs: first });
            this.output.appendLine(
              `${new Date().toISOString()} scanned ${folder.name} in a worker: ${result.stats.files} files in ${result.stats.durationMs} ms (${profile.computed} source files parsed, ${hits} unchanged ones reused)`,
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
      await vscode.commands.executeCommand('setContext', STATE_CONTEXT, this.results.size || !failed ? 'ready' : 'error');
    } catch (e) {
      this.output.appendLine(`Skill Radar failed to start: ${(e as Error).message}`);
      await vscode.commands.executeCommand('setContext', STATE_CONTEXT, 'error');
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
    this.tree.refresh();
    this.updateStatus();
    if (this.panel) this.renderPanel();
  }

  /** Progress in the view's message and the status bar: "Scanning api… 45% (1,234 / 2,700 source files)". */
  private showProgress(folder: string, phase: string, done?: number, total?: number): void {
    const pct = done !== undefined && total ? Math.floor((100 * done) / total) : undefined;
    const files = pct !== undefined ? ` ${pct}% (${done!.toLocaleString()} / ${total!.toLocaleString()} source files)` : ` ${phase}`;
    this.view.message = `Scanning ${folder}…${files}`;
    this.status.text = `$(sync~spin) Skill Radar${pct !== undefined ? ` ${pct}%` : ''}`;
  }

  private updateStatus(): void {
    const all = this.ordered();
    if (!all.length) {
      this.status.hide();
      return;
    }
    let d = 0;
    let total = 0;
    let yours = 0;
    const people: string[] = [];
    for (const { result } of all) {
      const n = summaryCounts(result);
      d += n.demonstrated;
      total += n.observable;
      if (result.person?.commits) {
        yours += personalCounts(result).current;
        people.push(personLine(result.person));
      }
    }
    const first = all[0].result;
    if (people.length) {
      // Both lenses at a glance when an identity has commits here.
      this.status.text = `$(account) You ${yours} · Repo ${d} / ${total}`;
      this.status.tooltip = `Skill Radar: ${yours} skills your own commits demonstrate, ${d} of ${total} the workspace demonstrates; ${readinessLine(first.readiness)}.\nYou: ${people.join('\n')}\nClick to open the view.`;
    } else {
      this.status.text = `$(checklist) Skills ${d}/${total}`;
      this.status.tooltip = `Skill Radar: skills this workspace demonstrates; ${readinessLine(first.readiness)}. Click to open the view.`;
    }
    this.status.show();
  }

  /** Debounced rescan of the folder containing `uri`, skipping dependency and VCS folders. */
  onFileChanged(uri: vscode.Uri): void {
    if (/[\\/](node_modules|\.git|dist|out|target|build)[\\/]/.test(uri.path)) return;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return;
    this.pending.add(folder.uri.toString());
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
      treeRows: () => {
        const out: { label: string; description: string; level: number }[] = [];
        const text = (l: vscode.TreeItem['label']) => (typeof l === 'string' ? l : l?.label ?? '');
        for (const node of this.tree.getChildren()) {
          const item = this.tree.getTreeItem(node);
          out.push({ label: text(item.label), description: String(item.description ?? ''), level: 1 });
          for (const child of this.tree.getChildren(node)) {
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

  async showReport(): Promise<void> {
    if (!this.ordered().length) await this.scan();
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('skillRadar.report', 'Skill Radar Report', vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: [],
      });
      this.panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'radar.svg');
      this.panel.onDidDispose(() => (this.panel = undefined), null, this.context.subscriptions);
      this.panel.webview.onDidReceiveMessage((msg: { type?: string; path?: unknown; line?: unknown }) => {
        if (msg?.type === 'open' && typeof msg.path === 'string') {
          const target = this.reportFolder();
          if (target) void openEvidence(target.folder.uri.toString(), msg.path, Number(msg.line) || 1);
        }
      }, null, this.context.subscriptions);
    }
    this.renderPanel();
    this.panel.reveal();
  }

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

  /** The folder the report shows: the active editor's, else the first. */
  reportFolder(): FolderResult | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = active && vscode.workspace.getWorkspaceFolder(active);
    return (folder && this.results.get(folder.uri.toString())) ?? this.ordered()[0];
  }

  private renderPanel(): void {
    const target = this.reportFolder();
    if (!this.panel || !target) return;
    // A CSP nonce must be unguessable: 192 bits from the system's CSPRNG, base64 (no padding at 24 bytes).
    const nonce = randomBytes(24).toString('base64');
    this.panel.title = `Skill Radar Report${this.ordered().length > 1 ? ` — ${target.folder.name}` : ''}`;
    this.panel.webview.html = renderHtml(target.result, { cspSource: this.panel.webview.cspSource, nonce, title: this.panel.title, steps: target.steps });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.tree.dispose();
    this.view.dispose();
    this.status.dispose();
    this.output.dispose();
    this.panel?.dispose();
    this.scanAbort?.abort();
    this.client?.dispose();
  }
}

/**
 * Opens a workspace-relative evidence path at a 1-based line. Refuses paths that escape the
 * folder (evidence comes from workspace text and is never trusted as a path).
 */
async function openEvidence(folderUri: string, relPath: string, line: number): Promise<void> {
  const root = vscode.Uri.parse(folderUri);
  const norm = path.posix.normalize(relPath);
  if (norm.startsWith('..') || path.posix.isAbsolute(norm)) return;
  const uri = vscode.Uri.joinPath(root, ...norm.split('/'));
  try {
    const doc = await vscode.workspace.openTextDocument(uri);
    const pos = new vscode.Position(Math.max(0, line - 1), 0);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preview: true });
  } catch (e) {
    void vscode.window.showWarningMessage(`Skill Radar could not open ${norm}: ${(e as Error).message}`);
  }
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
  c.retarget();
}

/** Extension entry point. */
export function activate(context: vscode.ExtensionContext): SkillRadarApi {
  const c = new Controller(context);
  context.subscriptions.push(c);
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.rescan, () => c.scan()),
    vscode.commands.registerCommand(COMMANDS.cancelScan, () => c.cancelScan()),
    vscode.commands.registerCommand(COMMANDS.showReport, () => c.showReport()),
    vscode.commands.registerCommand(COMMANDS.openEvidence, (folder: string, rel: string, line: number) => openEvidence(folder, rel, line)),
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
    vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-vfs' }], new TechnologyHoverProvider((u) => c.lookup(u), () => c.knowledgeNow)),
    vscode.workspace.onDidSaveTextDocument((d) => c.onFileChanged(d.uri)),
    vscode.workspace.onDidCreateFiles((e) => e.files.forEach((f) => c.onFileChanged(f))),
    vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((f) => c.onFileChanged(f))),
    vscode.workspace.onDidChangeWorkspaceFolders((e) => void c.scan(e.added)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('skillRadar')) return;
      // The target only re-ranks the last analysis; what is scanned (size cap, excludes) needs a rescan.
      // Who you are and the half-life change the personal pass, which runs with the scan.
      const scanSettings = ['maxFileSizeKB', 'exclude', 'identities', 'halfLifeMonths'].some((s) => e.affectsConfiguration(`skillRadar.${s}`));
      if (scanSettings) void c.scan();
      else c.retarget();
    }),
  );
  const watcher = vscode.workspace.createFileSystemWatcher('**/*');
  context.subscriptions.push(watcher, watcher.onDidCreate((u) => c.onFileChanged(u)), watcher.onDidDelete((u) => c.onFileChanged(u)), watcher.onDidChange((u) => c.onFileChanged(u)));
  void c.scan();
  return c.api();
}

/** Extension exit point; everything is disposed through context.subscriptions. */
export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
