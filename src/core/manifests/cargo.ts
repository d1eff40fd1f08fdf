/**
 * Rust: Cargo.toml dependencies of every kind, target-specific tables, workspace
 * dependencies and members.
 */
import type { DependencyDecl, DependencyScope, ManifestResult } from './types';
import { getPath, isTable, readToml } from './toml';
import { emptyResult } from './util';

const KINDS: Record<string, DependencyScope> = {
  dependencies: 'prod',
  'dev-dependencies': 'dev',
  dev_dependencies: 'dev',
  'build-dependencies': 'build',
  build_dependencies: 'build',
};

/**
 * Parses a Cargo.toml: `[dependencies]` (prod; `optional = true` → optional),
 * `[dev-dependencies]` (dev), `[build-dependencies]` (build), the same under
 * `[target.'cfg(...)'.*]`, and `[workspace.dependencies]` (prod). `foo = { package = "bar" }`
 * reports the real crate `bar`. `[workspace] members` become `workspaces`; `[package] name`
 * the result's name. Each entry carries the 1-based line of its key (or of its
 * `[dependencies.foo]` header). Malformed TOML → warning.
 */
export function parseCargoToml(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'Cargo.toml');
  const doc = readToml(result, text);
  if (!doc) return result;
  const { data } = doc;
  const pkg = isTable(data.package) ? data.package : undefined;
  if (typeof pkg?.name === 'string') result.name = pkg.name;

  const addTable = (tablePath: string[], scope: DependencyScope) => {
    const tbl = getPath(data, tablePath);
    if (!isTable(tbl)) return;
    for (const [key, spec] of Object.entries(tbl)) {
      let name = key;
      let version: string | undefined;
      let features: string[] | undefined;
      let s = scope;
      if (typeof spec === 'string') version = spec;
      else if (isTable(spec)) {
        if (typeof spec.package === 'string') name = spec.package;
        if (typeof spec.version === 'string') version = spec.version;
        if (spec.optional === true && scope === 'prod') s = 'optional';
        if (Array.isArray(spec.features)) features = spec.features.filter((f): f is string => typeof f === 'string');
      }
      const dep: DependencyDecl = { ecosystem: 'cargo', name, scope: s, line: doc.near([...tablePath, key]) };
      if (version) dep.version = version;
      if (features?.length) dep.features = features;
      result.dependencies.push(dep);
    }
  };

  for (const [kind, scope] of Object.entries(KINDS)) addTable([kind], scope);
  if (isTable(data.target)) {
    for (const cfg of Object.keys(data.target)) {
      for (const [kind, scope] of Object.entries(KINDS)) addTable(['target', cfg, kind], scope);
    }
  }
  addTable(['workspace', 'dependencies'], 'prod');
  const ws = isTable(data.workspace) ? data.workspace.members : undefined;
  if (Array.isArray(ws)) {
    const members = ws.filter((m): m is string => typeof m === 'string').map((m) => m.replace(/^\.\//, '').replace(/\/+$/, ''));
    if (members.length) result.workspaces = members;
  }
  result.dependencies.sort((a, b) => a.line - b.line);
  return result;
}
