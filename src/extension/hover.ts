/**
 * Hover tips on imports and manifest entries of detected technologies. Reads only the last
 * analysis (never rescans): an evidence row at the hovered line (and column span, for imports)
 * explains what the technology is, which skills it supports, how widely it is used, and one
 * next step from the catalog.
 */
import * as vscode from 'vscode';
import type { AnalysisResult, TechnologyFinding } from '../core/types';
import type { Knowledge } from '../core/knowledge';
import { parseRef } from '../core/knowledge';
import { pickSuggestions, detectStacks } from '../core/skills';
import { STATUS_LABEL } from '../core/report';
import { escape } from './tree';

/** Finds the analysis that covers a document: (result, workspace-relative path). */
export type ResultLookup = (uri: vscode.Uri) => { result: AnalysisResult; relPath: string } | undefined;

/** Technologies whose evidence sits at (path, 1-based line, 0-based character). */
export function technologiesAt(result: AnalysisResult, relPath: string, line: number, character: number): TechnologyFinding[] {
  return result.technologies.filter((t) =>
    t.evidence.some(
      (e) =>
        e.path === relPath &&
        e.line === line &&
        (e.column === undefined || e.endColumn === undefined || (character >= e.column && character <= e.endColumn)) &&
        !e.detail.startsWith('implied by'),
    ),
  );
}

/** Catalog skills that a technology is evidence for (directly or through its category). */
export function skillsFor(k: Knowledge, tech: TechnologyFinding): string[] {
  return k.skills
    .filter((s) =>
      [...(s.evidence.demonstrated ?? []), ...(s.evidence.partial ?? [])].some((g) =>
        g.some((ref) => {
          const r = parseRef(ref);
          return !!r && ((r.kind === 'tech' && r.id === tech.id) || (r.kind === 'category' && r.id === tech.category));
        }),
      ),
    )
    .map((s) => s.id);
}

/** The HoverProvider registered for every file-backed document. */
export class TechnologyHoverProvider implements vscode.HoverProvider {
  constructor(private readonly lookup: ResultLookup, private readonly knowledge: () => Knowledge | undefined) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const found = this.lookup(doc.uri);
    const k = this.knowledge();
    if (!found || !k) return undefined;
    const techs = technologiesAt(found.result, found.relPath, pos.line + 1, pos.character);
    if (!techs.length) return undefined;
    const md = new vscode.MarkdownString();
    md.supportThemeIcons = true;
    for (const t of techs) {
      const def = k.techById.get(t.id);
      md.appendMarkdown(`**${escape(t.name)}** · ${escape(t.category)}\n\n`);
      if (def) md.appendText(def.description).appendMarkdown('\n\n');
      const use = t.usedInFiles
        ? `Used in ${t.usedInFiles} file${t.usedInFiles === 1 ? '' : 's'}${t.declared ? ', declared in a manifest' : ''}`
        : t.declared ? 'Declared in a manifest; no import of it was found in source' : 'Found in configuration';
      md.appendMarkdown(`$(graph) `).appendText(`${use} · ${t.evidence.length} evidence location${t.evidence.length === 1 ? '' : 's'}`).appendMarkdown('\n\n');
      const skillIds = skillsFor(k, t);
      const results = found.result.skills.filter((s) => skillIds.includes(s.id));
      if (results.length) {
        md.appendMarkdown('Evidence for: ').appendText(results.map((s) => `${s.name} (${STATUS_LABEL[s.status]})`).join(', ')).appendMarkdown('\n\n');
        const gap = results.find((s) => s.status === 'partial' || s.status === 'missing');
        const def2 = gap && k.skills.find((s) => s.id === gap.id);
        const step = def2 ? pickSuggestions(def2, detectStacks(k, found.result.languages))[0] : undefined;
        if (step) md.appendMarkdown('$(lightbulb) Next: ').appendText(step).appendMarkdown('\n\n');
      }
    }
    md.appendMarkdown('_Skill Radar_');
    return new vscode.Hover(md);
  }
}
