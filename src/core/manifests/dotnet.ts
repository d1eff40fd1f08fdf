/**
 * .NET: MSBuild project files (*.csproj, *.fsproj, *.vbproj, Directory.Build.props),
 * central package management (Directory.Packages.props) and legacy packages.config.
 * NuGet ids keep their spelling; matching is case-insensitive downstream.
 */
import type { DependencyScope, ManifestResult } from './types';
import { addDependency, basename, emptyResult } from './util';
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
 * Adds each `<tag attr="name">` under `root` as a nuget dependency, at the line of its `attr`,
 * with `scope(element)` and the version its `Version` attribute or child (or `VersionOverride`) gives.
 */
function addItems(result: ManifestResult, doc: XmlDoc, root: unknown, tag: string, scope: (e: El) => DependencyScope, attr = 'Include'): void {
  for (const e of collect(root, tag)) {
    const name = typeof e[`@_${attr}`] === 'string' ? (e[`@_${attr}`] as string).trim() : '';
    const version = textOf(e['@_Version'] ?? e['@_version']) ?? textOf(e.Version) ?? textOf(e['@_VersionOverride']);
    if (name) addDependency(result, { ecosystem: 'nuget', name, scope: scope(e), line: doc.lineOf(e, { attr }), version });
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
  // SDKs: <Project Sdk="A;B/1.0">, <Sdk Name="..."/>, <Import Sdk="..."/>, at the line of their attribute.
  const sdk = (el: El, attr: string) => {
    for (const s of typeof el[`@_${attr}`] === 'string' ? (el[`@_${attr}`] as string).split(';') : []) {
      if (s.trim()) addDependency(result, { ecosystem: 'nuget', name: s.trim().split('/')[0], scope: 'build', line: doc.lineOf(el, { attr }) });
    }
  };
  sdk(project, 'Sdk');
  for (const e of collect(project, 'Sdk')) sdk(e, 'Name');
  for (const e of collect(project, 'Import')) sdk(e, 'Sdk');
  const refs = collect(project, 'PackageReference').filter((e) => typeof e['@_Include'] === 'string');
  const isTest =
    collect(project, 'IsTestProject').some((e) => textOf(e)?.toLowerCase() === 'true') ||
    refs.some((e) => TEST_PACKAGE.test((e['@_Include'] as string).trim()));
  const privateAll = (e: El) => (textOf(e['@_PrivateAssets']) ?? textOf(e.PrivateAssets))?.toLowerCase() === 'all';
  addItems(result, doc, project, 'PackageReference', (e) => (isTest ? 'test' : privateAll(e) ? 'dev' : 'prod'));
  addItems(result, doc, project, 'GlobalPackageReference', () => 'dev');
  addItems(result, doc, project, 'FrameworkReference', () => 'build');
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
  addItems(result, doc, doc.data, 'PackageVersion', () => 'prod');
  addItems(result, doc, doc.data, 'GlobalPackageReference', () => 'dev');
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
  if (doc) addItems(result, doc, doc.data, 'package', (e) => (textOf(e['@_developmentDependency'])?.toLowerCase() === 'true' ? 'dev' : 'prod'), 'id');
  return result;
}
