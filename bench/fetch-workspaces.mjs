// Fetches the bench's real workspaces: published applications whose sources come from the npm
// registry (`npm pack`) or Debian packages (`apt-get download` + `dpkg -x`), unpacked into
// bench/.cache/ (git-ignored; downloaded code is never committed). Idempotent: a workspace already
// unpacked is left alone. Prints one line per workspace: name and folder.
// Usage: node bench/fetch-workspaces.mjs [--list]   (--list prints the folders without fetching)
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CACHE = path.join(here, '.cache');

/**
 * The real workspaces, 130–2,700 files each, five ecosystems. `dir` is the folder a user would open
 * (the package root for npm, the installed source tree for Debian).
 */
export const WORKSPACES = [
  { name: 'celery (Python)', kind: 'deb', pkg: 'python3-celery', version: '5.2.6-5', dir: 'usr/lib/python3/dist-packages/celery' },
  { name: 'fastify (Node)', kind: 'npm', pkg: 'fastify', version: '5.12.8', dir: 'package' },
  { name: 'mailman3 (Python)', kind: 'deb', pkg: 'mailman3', version: '3.3.8-2~deb12u2', dir: 'usr/lib/python3/dist-packages/mailman' },
  { name: 'redmine (Rails)', kind: 'deb', pkg: 'redmine', version: '5.0.4-5+deb12u1', dir: 'usr/share/redmine' },
  { name: 'phpMyAdmin (PHP+JS)', kind: 'deb', pkg: 'phpmyadmin', version: '4:5.2.1+dfsg-1+deb12u1', dir: 'usr/share/phpmyadmin' },
];

/** Folder of a workspace in the cache. */
export function workspaceDir(w) {
  return path.join(CACHE, w.pkg, w.dir);
}

function fetchOne(w) {
  const base = path.join(CACHE, w.pkg);
  const done = path.join(base, '.fetched');
  if (existsSync(done) && existsSync(workspaceDir(w))) return;
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  if (w.kind === 'npm') {
    const tgz = execFileSync('npm', ['pack', `${w.pkg}@${w.version}`, '--silent'], { cwd: base, encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync('tar', ['xzf', tgz], { cwd: base });
    rmSync(path.join(base, tgz));
  } else {
    const tryDownload = (name, version) => execFileSync('apt-get', ['download', version ? `${name}=${version}` : name], { cwd: base, stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      tryDownload(w.pkg, w.version);
    } catch {
      // The pinned version may have left the archive; the current one keeps the bench running.
      try {
        tryDownload(w.pkg);
      } catch (e) {
        throw new Error(`apt-get download ${w.pkg} failed (run "apt-get update" first?): ${String(e.stderr ?? e.message).trim()}`);
      }
    }
    const deb = readdirSync(base).find((f) => f.endsWith('.deb'));
    execFileSync('dpkg', ['-x', deb, '.'], { cwd: base });
    rmSync(path.join(base, deb));
  }
  if (!existsSync(workspaceDir(w))) throw new Error(`${w.pkg}: ${w.dir} not found in the package`);
  writeFileSync(done, new Date().toISOString() + '\n');
}

/** Fetches every workspace that is missing; returns [{ name, dir }] of those available. */
export function fetchWorkspaces({ log = (s) => process.stderr.write(s + '\n') } = {}) {
  mkdirSync(CACHE, { recursive: true });
  const out = [];
  for (const w of WORKSPACES) {
    try {
      fetchOne(w);
      out.push({ name: w.name, dir: workspaceDir(w) });
    } catch (e) {
      log(`bench: ${w.name} unavailable: ${e.message}`);
    }
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const list = process.argv.includes('--list') ? WORKSPACES.map((w) => ({ name: w.name, dir: workspaceDir(w) })) : fetchWorkspaces();
  for (const w of list) console.log(`${w.name.padEnd(24)} ${w.dir}`);
}
