/**
 * Hover tips on imports and manifest entries of detected technologies: one card per hover (the
 * technology under the cursor; its neighbours on the line as one line; only the skills its own
 * evidence counts toward; one next step). Reads only the last analysis (never rescans). Text goes
 * through markdownText, which escapes without turning spaces into `&nbsp;`, so lines wrap
 * between words.
 */
import * as vscode from 'vscode';
import type { AnalysisResult } from '../core/types';
import type { HoverCard } from '../core/hover';
import { STATUS_MARK } from '../core/report';
import { techCategoryLabel } from '../core/radar';
import { markdownText } from './markdown';

/** Finds the analysis that covers a document: (result, workspace-relative path). */
export type ResultLookup = (uri: vscode.Uri) => { result: AnalysisResult; relPath: string } | undefined;

/** Skills listed on the card before "and N more". */
const MAX_SKILLS = 4;

/** The HoverProvider registered for file-backed documents. */
export class TechnologyHoverProvider implements vscode.HoverProvider {
  /**
   * @param lookup the analysis covering a document
   * @param cardAt the card at a 1-based line and 0-based character (core/hover hoverCardAt, computed
   *   where the catalog is: the scan worker), undefined when no detected technology is there
   */
  constructor(
    private readonly lookup: ResultLookup,
    private readonly cardAt: (uri: vscode.Uri, line: number, character: number) => Promise<HoverCard | undefined>,
  ) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    const found = this.lookup(doc.uri);
    if (!found) return undefined;
    // Nothing detected on this line: no need to ask the worker.
    if (!found.result.technologies.some((t) => t.evidence.some((e) => e.path === found.relPath && e.line === pos.line + 1))) return undefined;
    const card = await this.cardAt(doc.uri, pos.line + 1, pos.character).catch(() => undefined);
    if (!card) return undefined;
    const md = new vscode.MarkdownString();
    md.supportThemeIcons = true;
    md.appendMarkdown(`**${markdownText(card.tech.name)}** · ${markdownText(techCategoryLabel(card.tech.category))}\n\n`);
    if (card.description) md.appendMarkdown(`${markdownText(card.description)}\n\n`);
    md.appendMarkdown(`$(graph) ${markdownText(card.usage)}\n\n`);
    if (card.alsoOnLine.length) md.appendMarkdown(`Also on this line: ${markdownText(card.alsoOnLine.join(', '))}\n\n`);
    const skills = card.countedToward.length ? card.countedToward : card.canCountToward;
    if (skills.length) {
      const shown = skills.slice(0, MAX_SKILLS).map((s) => `${STATUS_MARK[s.status]} ${markdownText(s.name)}`).join(', ');
      const more = skills.length > MAX_SKILLS ? ` and ${skills.length - MAX_SKILLS} more` : '';
      md.appendMarkdown(`${card.countedToward.length ? 'Evidence for' : 'Can count toward'}: ${shown}${more}\n\n`);
    }
    const step = card.nextStep;
    if (step) {
      // The same best-ranked step every face shows, with its documentation link (https only, opened by the user).
      const learn = /^https:\/\//.test(step.learn) ? ` [Docs](${step.learn.replace(/[()\s<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)})` : '';
      md.appendMarkdown(`$(lightbulb) Next, ${markdownText(step.name)}${step.aboveTarget ? ' (next level)' : ''}: ${markdownText(step.text)}${learn}\n\n`);
    }
    md.appendMarkdown('_Skill Radar_');
    const span = card.tech.evidence.find((e) => e.path === found.relPath && e.line === pos.line + 1 && e.column !== undefined && e.endColumn !== undefined && pos.character >= e.column && pos.character <= e.endColumn);
    return new vscode.Hover(md, span ? new vscode.Range(pos.line, span.column!, pos.line, span.endColumn!) : undefined);
  }
}
