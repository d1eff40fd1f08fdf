/**
 * Code risks in the Problems panel: every practice the engine reports as negative (SQL built
 * from strings that reaches a query call, a committed .env file, secrets) becomes a warning at
 * its evidence, with source "Skill Radar" and a link to an explanation. Where a safe fix exists
 * (adding a committed .env to .gitignore) a quick fix offers it. `skillRadar.diagnostics.enabled`
 * turns the whole thing off.
 */
import * as vscode from 'vscode';
import * as path from 'path';
import type { AnalysisResult, PracticeFinding } from '../core/types';
import { DIAGNOSTIC_SOURCE } from './commands';
import { evidenceUri, type FolderResult } from './tree';

/** Where each risk is explained (opened in the browser only when the user clicks the code). */
const EXPLANATIONS: Record<string, string> = {
  'sql-injection-risk': 'https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html',
  'committed-env': 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html',
};
const DEFAULT_EXPLANATION = 'https://owasp.org/www-project-top-ten/';

/** Diagnostic codes that the .gitignore quick fix applies to. */
export const GITIGNORE_FIXABLE = new Set(['committed-env']);

/** The `code` of a Skill Radar diagnostic: the practice id, linked to its explanation. */
export function diagnosticCode(practiceId: string): { value: string; target: vscode.Uri } {
  return { value: practiceId, target: vscode.Uri.parse(EXPLANATIONS[practiceId] ?? DEFAULT_EXPLANATION) };
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c ? String(c.value) : c === undefined ? undefined : String(c);
}

/** Owns the "skillRadar" DiagnosticCollection. */
export class RiskDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('skillRadar');

  /** Replaces all diagnostics with those of the given results (or clears them when disabled). */
  update(results: FolderResult[]): void {
    this.collection.clear();
    if (!vscode.workspace.getConfiguration('skillRadar').get<boolean>('diagnostics.enabled', true)) return;
    const byFile = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[] }>();
    for (const { folder, result } of results) {
      for (const p of risks(result)) {
        for (const e of p.evidence) {
          const uri = evidenceUri(folder.uri, e.path);
          if (!uri || !e.line) continue;
          const line = e.line - 1;
          const start = e.column ?? 0;
          const end = e.endColumn !== undefined && e.endColumn > start ? e.endColumn : Number.MAX_SAFE_INTEGER;
          const d = new vscode.Diagnostic(new vscode.Range(line, start, line, end), `${p.name}: ${e.detail}`, vscode.DiagnosticSeverity.Warning);
          d.source = DIAGNOSTIC_SOURCE;
          d.code = diagnosticCode(p.id);
          const key = uri.toString();
          (byFile.get(key) ?? byFile.set(key, { uri, list: [] }).get(key)!).list.push(d);
        }
      }
    }
    for (const { uri, list } of byFile.values()) this.collection.set(uri, list);
  }

  dispose(): void {
    this.collection.dispose();
  }
}

/** Negative practices of a result: the risks worth a diagnostic. */
export function risks(r: AnalysisResult): PracticeFinding[] {
  return r.practices.filter((p) => p.negative);
}

/** Quick fixes for Skill Radar diagnostics: add a committed environment file to .gitignore. */
export class RiskCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, ctx: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of ctx.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const code = codeOf(d);
      if (code && GITIGNORE_FIXABLE.has(code)) {
        const fix = gitignoreFix(doc.uri);
        if (fix) {
          fix.diagnostics = [d];
          fix.isPreferred = true;
          actions.push(fix);
        }
      }
    }
    return actions;
  }
}

/**
 * A WorkspaceEdit that appends the file (as a path relative to its workspace folder, anchored
 * with `/`) to the folder's root .gitignore, creating the file when there is none.
 */
export function gitignoreFix(file: vscode.Uri): vscode.CodeAction | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(file);
  if (!folder) return undefined;
  const rel = path.posix.relative(folder.uri.path, file.path);
  if (!rel || rel.startsWith('..')) return undefined;
  const name = path.posix.basename(rel);
  const pattern = rel === name ? name : `/${rel}`;
  const action = new vscode.CodeAction(`Add ${pattern} to .gitignore`, vscode.CodeActionKind.QuickFix);
  action.command = { command: 'skillRadar.addToGitignore', title: action.title, arguments: [folder.uri.toString(), pattern] };
  return action;
}

/**
 * Appends `pattern` to `<folder>/.gitignore` (created when missing) unless a line already says
 * it, through a WorkspaceEdit (so an open, unsaved .gitignore is respected), then saves it.
 * Returns true when the file changed.
 */
export async function addToGitignore(folderUri: string, pattern: string): Promise<boolean> {
  const uri = vscode.Uri.joinPath(vscode.Uri.parse(folderUri), '.gitignore');
  const edit = new vscode.WorkspaceEdit();
  let doc: vscode.TextDocument | undefined;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
  } catch {
    edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(`${pattern}\n`) });
  }
  if (doc) {
    const text = doc.getText();
    const lines = text.split(/\r?\n/).map((l) => l.trim());
    if (lines.includes(pattern) || lines.includes(pattern.replace(/^\//, ''))) return false;
    const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    edit.insert(uri, doc.positionAt(text.length), `${text && !text.endsWith('\n') ? eol : ''}${pattern}${eol}`);
  }
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  if (doc) await doc.save();
  return true;
}
