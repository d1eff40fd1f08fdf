/**
 * Maven pom.xml: parent, dependencies, dependencyManagement, build plugins, pluginManagement,
 * extensions, reporting plugins, profiles and modules. Names are `groupId:artifactId` as
 * written (`${project.groupId}` is left as is).
 */
import type { DependencyScope, ManifestResult } from './types';
import { addDependency, emptyResult, folder, scopeFor, warn } from './util';
import { asArray, readXml, textOf } from './xml-util';

type El = Record<string, unknown>;

const DEFAULT_PLUGIN_GROUP = 'org.apache.maven.plugins';

/** Scope of a `<dependency>`: `<optional>true` → optional, else by `<scope>` (data/manifests.json), else `fallback`. */
function mavenScope(el: El, fallback: DependencyScope): DependencyScope {
  return textOf(el.optional) === 'true' ? 'optional' : scopeFor('mavenScope', textOf(el.scope)?.toLowerCase() ?? '', fallback);
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
  const p = project as El;
  const modules: string[] = [];

  const add = (el: El, scope: DependencyScope, defaultGroup?: string) => {
    const artifactId = textOf(el.artifactId);
    if (!artifactId) return;
    const groupId = textOf(el.groupId) ?? defaultGroup;
    const name = groupId ? `${groupId}:${artifactId}` : artifactId;
    addDependency(result, { ecosystem: 'maven', name, scope, line: doc.lineOf(el, { child: 'artifactId' }), version: textOf(el.version) });
  };

  const readDeps = (container: unknown, fallback: DependencyScope) => {
    for (const d of asArray<El>((container as El | undefined)?.dependency)) if (d && typeof d === 'object') add(d, mavenScope(d, fallback));
  };
  const readPlugins = (container: unknown) => {
    for (const pl of asArray<El>((container as El | undefined)?.plugin)) {
      if (!pl || typeof pl !== 'object') continue;
      add(pl, 'plugin', DEFAULT_PLUGIN_GROUP);
      readDeps(pl.dependencies, 'build');
    }
  };
  const readBuild = (build: unknown) => {
    if (!build || typeof build !== 'object') return;
    const b = build as El;
    readPlugins(b.plugins);
    readPlugins((b.pluginManagement as El | undefined)?.plugins);
    for (const ex of asArray<El>((b.extensions as El | undefined)?.extension)) if (ex && typeof ex === 'object') add(ex, 'build');
  };
  const readModules = (m: unknown) => {
    for (const mod of asArray((m as El | undefined)?.module)) {
      const s = folder(textOf(mod) ?? '');
      if (s && !modules.includes(s)) modules.push(s);
    }
  };

  const parent = p.parent as El | undefined;
  if (parent && typeof parent === 'object') add(parent, 'build');
  const groupId = textOf(p.groupId) ?? textOf(parent?.groupId);
  const artifactId = textOf(p.artifactId);
  if (artifactId) result.name = groupId ? `${groupId}:${artifactId}` : artifactId;

  for (const scope of [p, ...asArray<El>((p.profiles as El | undefined)?.profile)]) {
    if (!scope || typeof scope !== 'object') continue;
    readDeps(scope.dependencies, 'prod');
    readDeps((scope.dependencyManagement as El | undefined)?.dependencies, 'prod');
    readBuild(scope.build);
    readPlugins((scope.reporting as El | undefined)?.plugins);
    readModules(scope.modules);
  }
  if (modules.length) result.workspaces = modules;
  result.dependencies.sort((a, b) => a.line - b.line);
  return result;
}
