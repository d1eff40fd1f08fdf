/**
 * Gradle Kotlin DSL scripts (build.gradle.kts, settings.gradle.kts) read from the Kotlin
 * tree-sitter tree (queries: data/queries/kotlin/manifest.scm); what the declarations mean is
 * shared with the Groovy reader (gradle.ts). Nothing is evaluated.
 */
import type { Node } from 'web-tree-sitter';
import type { ManifestResult } from './types';
import { addGradleDependency, addGradlePlugin, type GradleArg } from './gradle';
import { addWorkspace } from './gradle-groovy';
import { ancestors, kids, lineOf, literal, type NodeMatch } from './code';
import { emptyResult } from './util';

/** Callee and value arguments of a call (`f(a)`, also `f(a) { ... }` whose lambda configures it). */
function call(n: Node | undefined): { callee: Node; args: Node[] } | undefined {
  if (n?.type !== 'call_expression') return undefined;
  const [callee, suffix] = kids(n);
  const args = kids(kids(suffix).find((c) => c.type === 'value_arguments'));
  if (callee?.type === 'call_expression' && !args.length) return call(callee);
  return callee && { callee, args };
}

/** `libs.a.b` (also `libs.a.b.get()`) as ['libs', 'a', 'b']; undefined for other expressions. */
function chain(n: Node): string[] | undefined {
  const parts: string[] = [];
  const name = (nav: Node) => kids(kids(nav)[1])[0];
  const c = call(n);
  let cur: Node | undefined = c && !c.args.length && c.callee.type === 'navigation_expression' && /^(get|asProvider)$/.test(name(c.callee)?.text ?? '') ? kids(c.callee)[0] : n;
  for (let i = 0; cur?.type === 'navigation_expression' && i < 64; i++, cur = kids(cur)[0]) {
    if (name(cur)?.type !== 'simple_identifier') return undefined;
    parts.unshift(name(cur).text);
  }
  return cur?.type === 'simple_identifier' && parts.length ? [cur.text, ...parts] : undefined;
}

/** One argument expression as the shared reader sees it. */
function arg(n: Node, out: GradleArg[], depth = 0): void {
  const line = lineOf(n);
  const parts = n.type === 'string_literal' ? undefined : chain(n);
  const c = call(n);
  const name = c?.callee.text;
  if (n.type === 'string_literal') out.push({ k: 'str', v: literal(n).v, line });
  else if (parts) out.push({ k: 'ref', parts, line });
  else if (name === 'kotlin') {
    const [v, version] = c!.args.map((a) => kids(a)[0]).filter((a) => a?.type === 'string_literal').map((a) => literal(a).v);
    if (v !== undefined) out.push({ k: 'kotlin', v, version, line });
  } else if (c && depth < 8 && !/^(project|files|fileTree)$/.test(name ?? '')) for (const a of c.args) args(a, out, depth + 1);
}

/** Value arguments `group = "g"` (named) or expressions. */
function args(valueArgument: Node, out: GradleArg[], depth = 0): void {
  const [first, second] = kids(valueArgument);
  if (first?.type === 'simple_identifier' && second?.type === 'string_literal') out.push({ k: 'named', name: first.text, v: literal(second).v, line: lineOf(first) });
  else if (first) arg(first, out, depth);
}

/** True when a block enclosing `n` is written for tests (`val jvmTest by getting {`, a test suite). */
function inTestBlock(n: Node): boolean {
  return ancestors(n).some((lambda) => {
    if (lambda.type !== 'lambda_literal') return false;
    // The names and strings of the statement the block belongs to, before its `{`.
    const statement = ancestors(lambda).find((s) => s.parent?.type === 'statements' || s.parent?.type === 'source_file') ?? lambda;
    const words = statement.descendantsOfType(['simple_identifier', 'string_content'], statement.startPosition, lambda.startPosition);
    return words.slice(0, 32).some((w) => w && /test/i.test(w.text));
  });
}

/** A `plugins {}` statement: `id("x") version "1"`, `kotlin("jvm")`, `alias(libs.plugins.x)`, `java`. */
function plugin(result: ManifestResult, statement: Node): void {
  if (statement.type === 'simple_identifier') return addGradlePlugin(result, { id: statement.text.replace(/`/g, ''), line: lineOf(statement) });
  // The first id(...), kotlin(...) or alias(...) call in it (also inside `id("x").version("1")`).
  const c = statement.descendantsOfType('call_expression').map((n) => call(n ?? undefined)).find((x) => /^(id|kotlin|alias)$/.test(x?.callee.text ?? ''));
  const how = c?.callee.text;
  const first = c && kids(c.args[0])[0];
  if (!first) return;
  const versionAt = statement.descendantsOfType('simple_identifier').find((n) => n?.text === 'version')?.endIndex ?? Infinity;
  const version = statement.descendantsOfType('string_literal').find((n) => n && n.startIndex > versionAt);
  addGradlePlugin(result, {
    id: first.type !== 'string_literal' ? undefined : how === 'kotlin' ? `org.jetbrains.kotlin.${literal(first).v}` : literal(first).v,
    alias: how === 'alias' ? chain(first) : undefined,
    version: version ? literal(version).v : undefined,
    line: lineOf(statement),
  });
}

/**
 * Reads a Kotlin DSL build or settings script from the matches of its `manifest` query: each
 * statement of a `dependencies {}` block — `implementation("g:a:v")`, `"config"("g:a:v")`,
 * `add("config", ...)`, `platform(...)`, `kotlin("reflect")`, the named form
 * `(group = "g", name = "a", version = "1")`, catalog references `libs.x.y` / `libs.bundles.z`
 * (pending until `resolveGradleCatalogs`); inside a block written for tests, scope test. `plugins {}`
 * statements and `apply(plugin = "x")` give Gradle plugins. Settings: `include(...)` and
 * `includeBuild(...)` become workspaces, `rootProject.name` the result's name. Lines are 1-based.
 */
export function readGradleKts(path: string, matches: NodeMatch[]): ManifestResult {
  const result = emptyResult(path, /(^|\/)settings\.gradle\.kts$/i.test(path) ? 'settings.gradle.kts' : 'build.gradle.kts');
  const ws: string[] = [];
  for (const m of matches) {
    const kind = m['manifest.kind'];
    const statement = m['manifest.dependency'];
    if (m['manifest.workspace'] && result.kind === 'settings.gradle.kts') addWorkspace(ws, kind.text, literal(m['manifest.workspace']).v);
    if (m['manifest.project']) result.name = literal(m['manifest.project']).v;
    if (m['manifest.name']) addGradlePlugin(result, { id: literal(m['manifest.name']).v, line: lineOf(kind) });
    if (statement && kind.text === 'plugins') plugin(result, statement);
    const c = statement && kind.text === 'dependencies' ? call(statement) : undefined;
    if (!c) continue;
    let config = c.callee.type === 'string_literal' ? literal(c.callee).v : c.callee.text;
    let argNodes = c.args;
    const head = kids(argNodes[0])[0];
    if (config === 'add' && head?.type === 'string_literal') [config, argNodes] = [literal(head).v, argNodes.slice(1)];
    const out: GradleArg[] = [];
    for (const a of argNodes) args(a, out);
    addGradleDependency(result, config, out, inTestBlock(kind));
  }
  if (ws.length) result.workspaces = ws;
  return result;
}
