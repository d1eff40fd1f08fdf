/**
 * Dependencies that are not the project's own choice: entries only a lock file lists, go.mod
 * requirements marked `// indirect`, and pip-compile lines whose `# via` names other packages
 * (not `-r requirements.in`). They are kept as low-confidence "transitive" findings and never
 * demonstrate a skill on their own.
 */
import type { DependencyDecl, ManifestResult } from './manifests/types';

/** Lock files: they list every resolved package, direct or not. */
export const LOCK_MANIFEST = /(^|\/)(Gemfile\.lock|composer\.lock|poetry\.lock|Pipfile\.lock|uv\.lock|pdm\.lock|Cargo\.lock|go\.sum|packages\.lock\.json|gradle\.lockfile|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?)$/i;

/**
 * Why `d` (declared in `m`, whose text is `text`) is a transitive dependency, e.g.
 * `lock file entry`, `// indirect` or `via kombu`; undefined when the project declares it itself.
 */
export function transitiveReason(m: ManifestResult, d: DependencyDecl, text: string | undefined): string | undefined {
  if (LOCK_MANIFEST.test(m.path)) return 'lock file entry';
  if (m.kind === 'go.mod' && d.scope === 'optional') return '// indirect';
  if (/^requirements/.test(m.kind) && text) {
    const via = pipCompileVia(text, d.line);
    if (via && !via.some((v) => /^-[rc]\b/.test(v))) return `via ${via.slice(0, 3).join(', ')}${via.length > 3 ? ', …' : ''}`;
  }
  return undefined;
}

/**
 * The `# via` list pip-compile writes under (or beside) the requirement on 1-based `line`:
 * `# via -r requirements.in`, `# via httpx`, or a `# via` header followed by `#   name` lines.
 * Undefined when the line has no `# via`.
 */
export function pipCompileVia(text: string, line: number): string[] | undefined {
  const lines = text.split(/\r?\n/);
  const own = /#\s*via\s([^]+)/.exec(lines[line - 1] ?? '');
  if (own) return [own[1].trim()];
  const out: string[] = [];
  let seen = false;
  for (let i = line; i < lines.length; i++) {
    const l = lines[i].trim();
    if (!l.startsWith('#')) break;
    const head = /^#\s*via\b(.*)$/.exec(l);
    if (head) {
      seen = true;
      if (head[1].trim()) out.push(head[1].trim());
      continue;
    }
    if (seen) {
      const item = /^#\s+(\S.*)$/.exec(l);
      if (item) out.push(item[1].trim());
    }
  }
  return seen ? out : undefined;
}
