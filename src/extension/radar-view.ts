/**
 * The radar webview view above the Skills tree: headline for the target, a Chart.js radar of the
 * skill categories, the detected stack as chips and the first next steps. The page is a shell;
 * dist/webview/main.js builds it from a posted {@link RadarModel} with textContent only, so no
 * workspace text is ever parsed as HTML. The CSP allows only the nonce'd script and style.
 */
import * as vscode from 'vscode';
import { randomBytes } from 'crypto';
import type { RadarModel } from '../core/radar';
import { escapeHtml } from '../core/report';

/** Messages the view posts back to the extension. */
export type RadarMessage = { type: 'ready' } | { type: 'showReport' } | { type: 'setTarget' } | { type: 'showSkill'; id: string };

/** A fresh nonce for a webview's CSP, from the crypto module (never Math.random). */
export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

/** The WebviewViewProvider of `skillRadar.radar`. */
export class RadarViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly current: () => { model?: RadarModel; state: string },
    private readonly onMessage: (msg: RadarMessage) => void,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    view.webview.html = this.html(view.webview, vscode.Uri.joinPath(dist, 'main.js'));
    this.disposables.push(
      view.webview.onDidReceiveMessage((msg: RadarMessage) => {
        if (msg?.type === 'ready') this.update();
        else this.onMessage(msg);
      }),
      view.onDidChangeVisibility(() => {
        if (view.visible) this.update();
      }),
      view.onDidDispose(() => (this.view = undefined)),
    );
  }

  /** Sends the latest model to the view (no-op while it is not resolved). */
  update(): void {
    if (!this.view) return;
    const { model, state } = this.current();
    void this.view.webview.postMessage({ type: 'model', model, state });
    this.view.description = model ? `${model.target.level} · ${model.target.role}` : undefined;
  }

  private html(webview: vscode.Webview, script: vscode.Uri): string {
    const nonce = makeNonce();
    const { model, state } = this.current();
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${RADAR_CSS}</style></head>
<body data-page="radar">
<div id="app" data-state="${escapeHtml(state)}"${model ? ` data-model="${escapeHtml(JSON.stringify(model))}"` : ''}></div>
<script nonce="${nonce}" src="${webview.asWebviewUri(script).toString()}"></script>
</body></html>`;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

const RADAR_CSS = `
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 4px 12px 10px 20px; margin: 0; line-height: 1.4; }
  p { margin: 0; }
  .headline { font-weight: 600; margin-top: 4px; }
  .muted, .step-text { color: var(--vscode-descriptionForeground); }
  .target { font-size: .92em; }
  .chart { position: relative; height: 210px; margin: 4px -8px 6px; }
  .chips { display: flex; flex-wrap: wrap; gap: 4px; margin: 2px 0 8px; }
  .chip { padding: 0 7px; border-radius: 9px; font-size: .9em; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); border: 1px solid var(--vscode-contrastBorder, transparent); white-space: nowrap; }
  h2 { font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; margin: 8px 0 4px; color: var(--vscode-sideBarSectionHeader-foreground, var(--vscode-foreground)); }
  ol { margin: 0; padding-left: 1.3em; } li { margin: 0 0 6px; }
  .step-text { font-size: .92em; overflow-wrap: anywhere; }
  button.link { background: none; border: 0; padding: 0; font: inherit; color: var(--vscode-textLink-foreground); cursor: pointer; text-align: left; }
  button.link:hover { text-decoration: underline; }
  button.primary { font: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 4px 12px; cursor: pointer; width: 100%; }
  button.primary:hover { background: var(--vscode-button-hoverBackground); }
  button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
  .actions { margin-top: 8px; }
`;
