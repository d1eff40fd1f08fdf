/**
 * .NET: MSBuild project files (*.csproj, *.fsproj, *.vbproj, Directory.Build.props),
 * central package management (Directory.Packages.props) and legacy packages.config.
 * NuGet ids keep their spelling; matching is case-insensitive downstream.
 */
import type { DependencyDecl, DependencyScope, ManifestResult } from './types';
import { KeyedQueues, basename, emptyResult } from './util';
import { asArray, readXml, textOf, type XmlDoc } from './xml-util';

type El = Record<string, unknown>;

/** Collects every element named `tag` anywhere under `node` (ItemGroups, Choose/When...). */
function collect(node: unknown, tag: string, out: El[] = [], depth = 0): El[] {
  if (!node || typeof node !== 'object' || depth > 64) return out;
  if (Array.isArray(node)) {
    for (const n of node) collect(n, tag, out, depth + 1);
    return out;
  }
  for (const [k, v] of Object.entries(node as El)) {
    if (k.startsWith('@_') || k === '#text') continue;
    if (k === tag) for (const e of asArray<El>(v)) out.push(e && typeof e === 'object' ? e : ({ '#text': e } as El));
    collect(v, tag, out, depth + 1);
  }
  return out;
}

/**
 * Line finder for attribute-identified elements: the start tags `<tag ... attr="value"`, in
 * document order, keyed by lowercase tag and value. Each lookup consumes one occurrence.
 */
class TagLines {
  private readonly map = new KeyedQueues<number>();
  constructor(doc: XmlDoc, tags: string[], attrs: string[]) {
    const re = new RegExp(`<(${tags.join('|')})\\b[^<>]*`, 'g');
    const attrRe = new RegExp(`\\b(?:${attrs.join('|')})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    for (const m of doc.scan.matchAll(re)) {
      const a = attrRe.exec(m[0]);
      if (!a) continue;
      const key = `${m[1].toLowerCase()}|${(a[1] ?? a[2]).trim().toLowerCase()}`;
      this.map.push(key, doc.lines.lineAt((m.index ?? 0) + a.index));
    }
  }
  take(tag: string, value: string): number {
    return this.map.take(`${tag.toLowerCase()}|${value.trim().toLowerCase()}`) ?? 1;
  }
}

const TEST_PACKAGE = /^(xunit|xunit\.v3|nunit|mstest\.testframework|mstest|microsoft\.net\.test\.sdk)$/i;

/**
 * Parses an MSBuild project (*.csproj, *.fsproj, *.vbproj, Directory.Build.props).
 * `<Project Sdk="Microsoft.NET.Sdk.Web">`, `<Sdk Name="...">` and `<Import Sdk="...">`
 * are reported as dependencies named by the SDK (scope build); `<PackageReference
 * Include="X" Version="1"/>` (version attribute, child element or VersionOverride) as prod,
 * dev when `PrivateAssets="all"`, and test for every reference of a test project
 * (`<IsTestProject>true` or a reference to xunit, NUnit, MSTest or Microsoft.NET.Test.Sdk);
 * `<FrameworkReference Include="Microsoft.AspNetCore.App"/>` as build. Ecosystem nuget,
 * 1-based line of the element's `Include`. Malformed XML → warning.
 */
export function parseMsbuildProject(path: string, text: string): ManifestResult {
  const base = basename(path);
  const ext = /\.(csproj|fsproj|vbproj)$/i.exec(base)?.[1]?.toLowerCase();
  const result = emptyResult(path, ext ? `.${ext}` : base);
  const doc = readXml(result, text);
  if (!doc) return result;
  const project = doc.data.Project as El | undefined;
  if (!project || typeof project !== 'object') return result;
  const tags = new TagLines(doc, ['PackageReference', 'FrameworkReference', 'GlobalPackageReference'], ['Include']);

  // SDK names with the lines where they are written, consumed in document order.
  const sdkLines = new KeyedQueues<number>();
  for (const m of doc.scan.matchAll(/\bSdk\s*=\s*"([^"]*)"|<Sdk\b[^<>]*\bName\s*=\s*"([^"]*)"/g)) {
    for (const s of (m[1] ?? m[2]).split(';')) {
      const key = s.trim().split('/')[0].toLowerCase();
      if (key) sdkLines.push(key, doc.lines.lineAt(m.index ?? 0));
    }
  }
  const sdks: string[] = [];
  const projSdk = typeof project['@_Sdk'] === 'string' ? (project['@_Sdk'] as string) : '';
  for (const s of projSdk.split(';')) if (s.trim()) sdks.push(s.trim().split('/')[0]);
  for (const e of collect(project, 'Sdk')) if (typeof e['@_Name'] === 'string') sdks.push(e['@_Name'] as string);
  for (const e of collect(project, 'Import')) if (typeof e['@_Sdk'] === 'string') sdks.push((e['@_Sdk'] as string).split('/')[0]);
  for (const name of sdks) {
    const line = sdkLines.take(name.toLowerCase()) ?? 1;
    result.dependencies.push({ ecosystem: 'nuget', name, scope: 'build', line });
  }

  const refs = collect(project, 'PackageReference').filter((e) => typeof e['@_Include'] === 'string');
  const isTest =
    collect(project, 'IsTestProject').some((e) => textOf(e)?.toLowerCase() === 'true') ||
    refs.some((e) => TEST_PACKAGE.test((e['@_Include'] as string).trim()));
  for (const e of refs) {
    const name = (e['@_Include'] as string).trim();
    const privateAll = (textOf(e['@_PrivateAssets']) ?? textOf(e.PrivateAssets))?.toLowerCase() === 'all';
    const scope: DependencyScope = isTest ? 'test' : privateAll ? 'dev' : 'prod';
    const dep: DependencyDecl = { ecosystem: 'nuget', name, scope, line: tags.take('PackageReference', name) };
    const version = textOf(e['@_Version']) ?? textOf(e.Version) ?? textOf(e['@_VersionOverride']);
    if (version) dep.version = version;
    result.dependencies.push(dep);
  }
  for (const e of collect(project, 'GlobalPackageReference')) {
    if (typeof e['@_Include'] !== 'string') continue;
    const name = e['@_Include'].trim();
    const dep: DependencyDecl = { ecosystem: 'nuget', name, scope: 'dev', line: tags.take('GlobalPackageReference', name) };
    const version = textOf(e['@_Version']);
    if (version) dep.version = version;
    result.dependencies.push(dep);
  }
  for (const e of collect(project, 'FrameworkReference')) {
    if (typeof e['@_Include'] !== 'string') continue;
    const name = e['@_Include'].trim();
    result.dependencies.push({ ecosystem: 'nuget', name, scope: 'build', line: tags.take('FrameworkReference', name) });
  }
  result.dependencies.sort((a, b) => a.line - b.line);
  return result;
}

/**
 * Parses Directory.Packages.props (central package management): each
 * `<PackageVersion Include="X" Version="1"/>` is a dependency (scope prod) and each
 * `<GlobalPackageReference>` one with scope dev; 1-based line of the element. Malformed XML → warning.
 */
export function parseDirectoryPackagesProps(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'Directory.Packages.props');
  const doc = readXml(result, text);
  if (!doc) return result;
  const tags = new TagLines(doc, ['PackageVersion', 'GlobalPackageReference'], ['Include']);
  for (const [tag, scope] of [['PackageVersion', 'prod'], ['GlobalPackageReference', 'dev']] as const) {
    for (const e of collect(doc.data, tag)) {
      if (typeof e['@_Include'] !== 'string') continue;
      const name = e['@_Include'].trim();
      const dep: DependencyDecl = { ecosystem: 'nuget', name, scope, line: tags.take(tag, name) };
      const version = textOf(e['@_Version']) ?? textOf(e.Version);
      if (version) dep.version = version;
      result.dependencies.push(dep);
    }
  }
  result.dependencies.sort((a, b) => a.line - b.line);
  return result;
}

/**
 * Parses a legacy packages.config: `<package id="X" version="1"/>` entries (scope prod, dev
 * when `developmentDependency="true"`), 1-based line of each element. Malformed XML → warning.
 */
export function parsePackagesConfig(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'packages.config');
  const doc = readXml(result, text);
  if (!doc) return result;
  const tags = new TagLines(doc, ['package'], ['id']);
  for (const e of collect(doc.data, 'package')) {
    if (typeof e['@_id'] !== 'string') continue;
    const name = e['@_id'].trim();
    const dev = textOf(e['@_developmentDependency'])?.toLowerCase() === 'true';
    const dep: DependencyDecl = { ecosystem: 'nuget', name, scope: dev ? 'dev' : 'prod', line: tags.take('package', name) };
    const version = textOf(e['@_version']);
    if (version) dep.version = version;
    result.dependencies.push(dep);
  }
  return result;
}
