/**
 * PHP: composer.json `require` and `require-dev`.
 */
import type { ManifestResult } from './types';
import { addJsonDeps, jsonString, parseJsonDoc, warnJsonErrors } from './npm';
import { emptyResult, warn } from './util';

/** Composer platform packages (the PHP runtime and its extensions), not libraries. */
function isPlatform(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'php' || n === 'php-64bit' || n === 'hhvm' || n === 'composer' || n.startsWith('ext-') || n.startsWith('lib-') || /^composer-(plugin|runtime)-api$/.test(n);
}

/**
 * Parses a composer.json: `require` (prod) and `require-dev` (dev) with the 1-based line of each
 * package name; platform requirements (`php`, `ext-*`, `lib-*`, composer APIs) are skipped.
 * `name` becomes the result's name. Malformed JSON yields a warning and what could be recovered.
 */
export function parseComposerJson(path: string, text: string): ManifestResult {
  const result = emptyResult(path, 'composer.json');
  const doc = parseJsonDoc(text);
  warnJsonErrors(result, doc);
  if (!doc.root || doc.root.type !== 'object') {
    if (doc.errors.length === 0 && !doc.failure) warn(result, 'composer.json is not a JSON object');
    return result;
  }
  const name = jsonString(doc.root, 'name');
  if (name) result.name = name;
  addJsonDeps(result, doc, 'composer.json', 'composer', isPlatform);
  return result;
}
