/**
 * .NET: MSBuild project files (*.csproj, *.fsproj, *.vbproj, Directory.Build.props),
 * central package management (Directory.Packages.props) and legacy packages.config.
 * NuGet ids keep their spelling; matching is case-insensitive downstream.
 */
import type { DependencyDecl, DependencyScope, ManifestResult } from './types';
import { basename, emptyResult } from './util';
import { asArray, readXml, textOf } from './xml-util';

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
  // SDKs: <Project Sdk="A;B/1.0">, <Sdk Name="..."/>, <Import Sdk="..."/>, at the line of their attribute.
  const sdk = (el: El, attr: string) => {
    for (const s of typeof el[`@_${attr}`] === 'string' ? (el[`@_${attr}`] as string).split(';') : []) {
      if (s.trim()) result.dependencies.push({ ecosystem: 'nuget', name: s.trim().split('/')[0], scope: 'build', line: doc.lineOf(el, { attr }) });
    }
  };
  sdk(project, 'Sdk');
  for (const e of collect(project, 'Sdk')) sdk(e, 'Name');
  for (const e of collect(project, 'Import')) sdk(e, 'Sdk');
  const line = (e: El, attr = 'Include') => doc.lineOf(e, { attr });

  const refs = collect(project, 'PackageReference').filter((e) => typeof e['@_Include'] === 'string');
  const isTest =
    collect(project, 'IsTestProject').some((e) => textOf(e)?.toLowerCase() === 'true') ||
    refs.some((e) => TEST_PACKAGE.test((e['@_Include'] as string).trim()));
  for (const e of refs) {
    const name = (e['@_Include'] as string).trim();
    const privateAll = (textOf(e['@_PrivateAssets']) ?? textOf(e.PrivateAssets))?.toLowerCase() === 'all';
    const scope: DependencyScope = isTest ? 'test' : privateAll ? 'dev' : 'prod';
    const dep: DependencyDecl = { ecosystem: 'nuget', name, scope, line: line(e) };
    const version = textOf(e['@_Version']) ?? textOf(e.Version) ?? textOf(e['@_VersionOverride']);
    if (version) dep.version = version;
    result.dependencies.push(dep);
  }
  for (const e of collect(project, 'GlobalPackageReference')) {
    if (typeof e['@_Include'] !== 'string') continue;
    const name = e['@_Include'].trim();
    const dep: DependencyDecl = { ecosystem: 'nuget', name, scope: 'dev', line: line(e) };
    const version = textOf(e['@_Version']);
    if (version) dep.version = version;
    result.dependencies.push(dep);
  }
  for (const e of collect(project, 'FrameworkReference')) {
    if (typeof e['@_Include'] !== 'string') continue;
    const name = e['@_Include'].trim();
    result.dependencies.push({ ecosystem: 'nuget', name, scope: 'build', line: line(e) });
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
  for (const [tag, scope] of [['PackageVersion', 'prod'], ['GlobalPackageReference', 'dev']] as const) {
    for (const e of collect(doc.data, tag)) {
      if (typeof e['@_Include'] !== 'string') continue;
      const name = e['@_Include'].trim();
      const dep: DependencyDecl = { ecosystem: 'nuget', name, scope, line: doc.lineOf(e, { attr: 'Include' }) };
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
  for (const e of collect(doc.data, 'package')) {
    if (typeof e['@_id'] !== 'string') continue;
    const name = e['@_id'].trim();
    const dev = textOf(e['@_developmentDependency'])?.toLowerCase() === 'true';
    const dep: DependencyDecl = { ecosystem: 'nuget', name, scope: dev ? 'dev' : 'prod', line: doc.lineOf(e, { attr: 'id' }) };
    const version = textOf(e['@_version']);
    if (version) dep.version = version;
    result.dependencies.push(dep);
  }
  return result;
}
