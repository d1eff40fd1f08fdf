/**
 * sbt build definitions: `build.sbt` (and any `*.sbt`) dependencies written with the `%` DSL,
 * and `addSbtPlugin(...)` in `project/plugins.sbt`, read from the Scala tree-sitter tree
 * (queries: data/queries/scala/manifest.scm). Never evaluated.
 */
import type { Node } from 'web-tree-sitter';
import type { ManifestResult } from './types';
import { ancestors, literal, type NodeMatch } from './code';
import { addDependency, emptyResult, folder, scopeFor } from './util';

/** The right side of `node % x` when `node` is the left side of such an infix, as written. */
function percentOperand(node: Node): string | undefined {
  const p = node.parent;
  if (p?.type !== 'infix_expression' || p.childForFieldName('operator')?.text !== '%' || p.childForFieldName('left')?.startIndex !== node.startIndex) return undefined;
  const right = p.childForFieldName('right');
  if (right?.type === 'string') return literal(right).v;
  return right?.type === 'identifier' ? right.text : undefined;
}

/**
 * Reads an sbt file from the matches of its `manifest` query. `"g" %% "a" % "v"` and
 * `"g" % "a" % "v"` (also `%%%`, and inside `Seq(...)`) give a dependency named `g:a` — without
 * any Scala version suffix for `%%` — in ecosystem maven; a version given as an identifier is
 * kept as written. A trailing `% Test` / `% "test"` gives scope test. Coordinates inside
 * `addSbtPlugin(...)` have scope plugin, inside `addCompilerPlugin(...)`/`compilerPlugin(...)`
 * scope build (configurations and calls: data/manifests.json). `project.in(file("x"))` and
 * `project in file("x")` folders become workspaces. Every entry has its 1-based line.
 */
export function readSbt(path: string, matches: NodeMatch[]): ManifestResult {
  const result = emptyResult(path, path.toLowerCase().endsWith('plugins.sbt') ? 'plugins.sbt' : 'build.sbt');
  const ws: string[] = [];
  for (const m of matches) {
    const dir = m['manifest.workspace'] && folder(literal(m['manifest.workspace']).v);
    if (dir && dir !== '.' && !ws.includes(dir)) ws.push(dir);
    const node = m['manifest.dependency'];
    const group = m['manifest.name'];
    if (!node || !group) continue;
    const artifact = node.childForFieldName('right');
    const version = percentOperand(node);
    const config = version !== undefined ? percentOperand(node.parent!) : undefined;
    const call = ancestors(node).find((a) => a.type === 'call_expression' && scopeFor('sbtCall', a.childForFieldName('function')?.text ?? '', undefined));
    addDependency(result, {
      ecosystem: 'maven',
      name: `${literal(group).v}:${artifact ? literal(artifact).v : ''}`,
      scope: call ? scopeFor('sbtCall', call.childForFieldName('function')!.text, 'prod') : scopeFor('sbtConfiguration', config?.toLowerCase() ?? '', 'prod'),
      line: group.startPosition.row + 1,
      version,
    });
  }
  if (ws.length) result.workspaces = ws;
  return result;
}
