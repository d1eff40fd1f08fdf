/**
 * Maven pom.xml: parent, dependencies, dependencyManagement, build plugins, pluginManagement,
 * extensions, reporting plugins, profiles and modules. Names are `groupId:artifactId` as
 * written (`${project.groupId}` is left as is).
 */
import type { DependencyDecl, DependencyScope, ManifestResult } from './types';
import { KeyedQueues, emptyResult, warn } from './util';
import { Nesting, asArray, childText, closeTags, openTags, readXml, textOf, type XmlDoc } from './xml-util';

type El = Record<string, unknown>;

const DEFAULT_PLUGIN_GROUP = 'org.apache.maven.plugins';

/** Where an element sits, so parsed entries can be paired with their place in the text. */
interface Ctx {
  tag: 'parent' | 'dependency' | 'plugin' | 'extension';
  profile: boolean;
  management: boolean;
  inPlugin: boolean;
  reporting: boolean;
}

interface Block {
  line: number;
  used: boolean;
}

/** Located elements: by context+artifactId+groupId, and by context+artifactId alone. */
interface Located {
  exact: KeyedQueues<Block>;
  any: KeyedQueues<Block>;
}

function ctxKey(c: Ctx, artifactId: string): string {
  return [c.tag, c.profile, c.management, c.inPlugin, c.reporting, artifactId].join('|');
}

/** Locates every parent/dependency/plugin/extension element in the text, keyed by context. */
function locateBlocks(doc: XmlDoc): Located {
  const { scan, lines } = doc;
  const nest = new Nesting(scan);
  const located: Located = { exact: new KeyedQueues(), any: new KeyedQueues() };
  for (const tag of ['parent', 'dependency', 'plugin', 'extension'] as const) {
    const starts = openTags(scan, tag);
    const closes = closeTags(scan, tag);
    let c = 0;
    for (let k = 0; k < starts.length; k++) {
      const s = starts[k];
      while (c < closes.length && closes[c] < s) c++;
      const next = k + 1 < starts.length ? starts[k + 1] : scan.length;
      // An element ends at its closing tag, or (when unclosed) where the next one opens.
      const end = c < closes.length && closes[c] < next ? closes[c] : next;
      // The element's own ids come before any nested <exclusions> or <dependencies>.
      const nestedAt = scan.slice(s, end).search(/<(exclusions|dependencies|executions|configuration)[\s>]/);
      const ownEnd = nestedAt >= 0 ? s + nestedAt : end;
      const a = childText(scan, 'artifactId', s, ownEnd) ?? childText(scan, 'artifactId', s, end);
      if (!a) continue;
      const g = childText(scan, 'groupId', s, ownEnd);
      const ctx: Ctx = {
        tag,
        profile: nest.inside('profile', s),
        management: tag === 'plugin' ? nest.inside('pluginManagement', s) : nest.inside('dependencyManagement', s),
        inPlugin: tag === 'dependency' && nest.inside('plugin', s),
        reporting: nest.inside('reporting', s),
      };
      const block: Block = { line: lines.lineAt(a.offset), used: false };
      const key = ctxKey(ctx, a.value);
      located.exact.push(`${key}|${g?.value ?? ''}`, block);
      located.any.push(key, block);
    }
  }
  return located;
}

/** Takes the next unused block from a queue (blocks may have been used through the other index). */
function takeUnused(q: KeyedQueues<Block>, key: string): Block | undefined {
  for (let b = q.take(key); b; b = q.take(key)) if (!b.used) return b;
  return undefined;
}

function mavenScope(el: El, fallback: DependencyScope): DependencyScope {
  const s = textOf(el.scope)?.toLowerCase();
  if (textOf(el.optional) === 'true') return 'optional';
  if (s === 'test') return 'test';
  if (s === 'import') return 'build';
  return fallback;
}

/**
 * Parses a Maven pom.xml. Reports the parent (scope build), dependencies (scope from
 * `<scope>`: test → test, import → build, `<optional>true` → optional, else prod) in the
 * project, in dependencyManagement and in profiles; build plugins, pluginManagement and
 * reporting plugins (scope plugin; groupId defaults to org.apache.maven.plugins); plugin
 * dependencies and build extensions (build). `<modules>` (also in profiles) become
 * `workspaces`. Each entry carries the 1-based line of its `<artifactId>`. Malformed XML
 * yields a warning and whatever could be parsed.
 */
export function parsePom(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'pom.xml');
  const doc = readXml(result, text);
  if (!doc) return result;
  const project = doc.data.project;
  if (!project || typeof project !== 'object') {
    warn(result, 'pom.xml has no <project> element');
    return result;
  }
  const blocks = locateBlocks(doc);
  const p = project as El;
  const modules: string[] = [];

  const add = (el: El, ctx: Ctx, scope: DependencyScope, defaultGroup?: string) => {
    const artifactId = textOf(el.artifactId);
    if (!artifactId) return;
    const groupId = textOf(el.groupId) ?? defaultGroup;
    const key = ctxKey(ctx, artifactId);
    const hit =
      takeUnused(blocks.exact, `${key}|${textOf(el.groupId) ?? ''}`) ?? takeUnused(blocks.exact, `${key}|`) ?? takeUnused(blocks.any, key);
    if (hit) hit.used = true;
    const dep: DependencyDecl = {
      ecosystem: 'maven',
      name: groupId ? `${groupId}:${artifactId}` : artifactId,
      scope,
      line: hit?.line ?? 1,
    };
    const version = textOf(el.version);
    if (version) dep.version = version;
    result.dependencies.push(dep);
  };

  const base = { profile: false, management: false, inPlugin: false, reporting: false };
  const readDeps = (container: unknown, ctx: Omit<Ctx, 'tag'>, fallback: DependencyScope) => {
    for (const d of asArray<El>((container as El | undefined)?.dependency)) {
      if (d && typeof d === 'object') add(d, { ...ctx, tag: 'dependency' }, mavenScope(d, fallback));
    }
  };
  const readPlugins = (container: unknown, ctx: Omit<Ctx, 'tag'>) => {
    for (const pl of asArray<El>((container as El | undefined)?.plugin)) {
      if (!pl || typeof pl !== 'object') continue;
      add(pl, { ...ctx, tag: 'plugin' }, 'plugin', DEFAULT_PLUGIN_GROUP);
      readDeps(pl.dependencies, { ...ctx, inPlugin: true, management: false }, 'build');
    }
  };
  const readBuild = (build: unknown, ctx: Omit<Ctx, 'tag'>) => {
    if (!build || typeof build !== 'object') return;
    const b = build as El;
    readPlugins(b.plugins, ctx);
    readPlugins((b.pluginManagement as El | undefined)?.plugins, { ...ctx, management: true });
    for (const ex of asArray<El>((b.extensions as El | undefined)?.extension)) {
      if (ex && typeof ex === 'object') add(ex, { ...ctx, tag: 'extension' }, 'build');
    }
  };
  const readModules = (m: unknown) => {
    for (const mod of asArray((m as El | undefined)?.module)) {
      const s = textOf(mod)?.replace(/^\.\//, '').replace(/\/+$/, '');
      if (s && !modules.includes(s)) modules.push(s);
    }
  };

  const parent = p.parent as El | undefined;
  if (parent && typeof parent === 'object') add(parent, { ...base, tag: 'parent' }, 'build');
  const groupId = textOf(p.groupId) ?? textOf(parent?.groupId);
  const artifactId = textOf(p.artifactId);
  if (artifactId) result.name = groupId ? `${groupId}:${artifactId}` : artifactId;

  readDeps(p.dependencies, base, 'prod');
  readDeps((p.dependencyManagement as El | undefined)?.dependencies, { ...base, management: true }, 'prod');
  readBuild(p.build, base);
  readPlugins((p.reporting as El | undefined)?.plugins, { ...base, reporting: true });
  readModules(p.modules);
  for (const prof of asArray<El>((p.profiles as El | undefined)?.profile)) {
    if (!prof || typeof prof !== 'object') continue;
    const ctx = { ...base, profile: true };
    readDeps(prof.dependencies, ctx, 'prod');
    readDeps((prof.dependencyManagement as El | undefined)?.dependencies, { ...ctx, management: true }, 'prod');
    readBuild(prof.build, ctx);
    readModules(prof.modules);
  }
  if (modules.length) result.workspaces = modules;
  result.dependencies.sort((a, b) => a.line - b.line);
  return result;
}
