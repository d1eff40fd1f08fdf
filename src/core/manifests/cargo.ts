/**
 * Rust: Cargo.toml dependencies of every kind, target-specific tables, workspace
 * dependencies and members.
 */
import type { ManifestResult } from './types';
import { addTomlDependencies, isTable, readToml } from './toml';
import { emptyResult, folder } from './util';

/**
 * Parses a Cargo.toml, at the tables data/manifests.json lists: `[dependencies]` (prod;
 * `optional = true` → optional), `[dev-dependencies]` (dev), `[build-dependencies]` (build), the
 * same under `[target.'cfg(...)'.*]`, and `[workspace.dependencies]` (prod); features are kept.
 * `foo = { package = "bar" }` reports the real crate `bar`. `[workspace] members` become `workspaces`; `[package] name`
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
  addTomlDependencies(result, doc, 'Cargo.toml', 'cargo');
  const ws = isTable(data.workspace) ? data.workspace.members : undefined;
  if (Array.isArray(ws)) {
    const members = ws.filter((m): m is string => typeof m === 'string').map(folder);
    if (members.length) result.workspaces = members;
  }
  return result;
}
