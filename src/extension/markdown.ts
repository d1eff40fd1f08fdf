/**
 * Text for VS Code MarkdownStrings (hovers, tree tooltips). `MarkdownString.appendText` turns
 * every space into `&nbsp;`, so long lines cannot wrap and break mid-word; this escapes only
 * what would change the rendering (see core escapeMarkdown) and keeps normal spaces.
 */
import { escapeMarkdown } from '../core/report';

/** Escapes text for a MarkdownString, including `$(` so it never reads as a theme icon. */
export function markdownText(s: string): string {
  return escapeMarkdown(s).replace(/\$\(/g, '\\$(');
}
