/**
 * Hover tips on imports and manifest entries of detected technologies. Reads only the last
 * analysis (never rescans) and renders the model from core/hover.ts as Markdown; all text from
 * the workspace or the catalog goes through appendText, so it is escaped.
 */
import * as vscode from 'vscode';
import type { AnalysisResult } from '../core/types';
import type { Knowledge } from '../core/knowledge';
import { hoverAt } from '../core/hover';
import { STATUS_LABEL, escapeMarkdown } from '../core/report';

/** Finds the analysis that covers a document: (result, workspace-relative path). */
export type ResultLookup = (uri: vscode.Uri) => { result: AnalysisResult; relPath: string } | undefined;

/** The HoverProvider registered for file-backed documents. */
export class TechnologyHoverProvider implements vscode.HoverProvider {
  constructor(private readonly lookup: ResultLookup, private readonly knowledge: () => Knowledge | undefined) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const found = this.lookup(doc.uri);
    const k = this.knowledge();
    if (!found || !k) return undefined;
    const items = hoverAt(k, found.result, found.relPath, pos.line + 1, pos.character);
    if (!items.length) return undefined;
    const md = new vscode.MarkdownString();
    md.supportThemeIcons = true;
    const list = (skills: { name: string; status: keyof typeof STATUS_LABEL }[]) => skills.map((s) => `${s.name} (${STATUS_LABEL[s.status]})`).join(', ');
    for (const h of items) {
      md.appendMarkdown('**').appendText(h.tech.name).appendMarkdown('** · ').appendText(h.tech.category).appendMarkdown('\n\n');
      if (h.description) md.appendText(h.description).appendMarkdown('\n\n');
      md.appendMarkdown('$(graph) ').appendText(h.usage).appendMarkdown('\n\n');
      if (h.countedToward.length) md.appendMarkdown('Evidence for: ').appendText(list(h.countedToward)).appendMarkdown('\n\n');
      else if (h.canCountToward.length) md.appendMarkdown('Can count toward: ').appendText(list(h.canCountToward.slice(0, 4))).appendMarkdown('\n\n');
      if (h.nextStep) {
        md.appendMarkdown('$(lightbulb) Next (').appendText(`${h.nextStep.name}, ${h.nextStep.level}`).appendMarkdown('): ').appendText(h.nextStep.text).appendMarkdown('\n\n');
        if (/^https:\/\//.test(h.nextStep.learn)) md.appendMarkdown(`[Learn: ${escapeMarkdown(h.nextStep.learn)}](${h.nextStep.learn.replace(/[()\s<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)})\n\n`);
      }
    }
    md.appendMarkdown('_Skill Radar_');
    return new vscode.Hover(md);
  }
}

