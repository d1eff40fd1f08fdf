/**
 * PHP: composer.json `require` and `require-dev`.
 */
import type { ManifestResult } from './types';
import { readJsonManifest } from './npm';

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
  return readJsonManifest(path, text, 'composer.json', 'composer', isPlatform).result;
}
