/**
 * The user's global git config files, read as text for the personal lens (never by running
 * git): `~/.gitconfig`, then `$XDG_CONFIG_HOME/git/config` (or `~/.config/git/config`), in git's
 * precedence order, highest first. Missing or unreadable files are left out.
 *
 * `[include] path = …` and `[includeIf "gitdir:…"] path = …` (also `gitdir/i:`) are followed the
 * way git follows them (the included text counts where the directive stands, so a later line of
 * the including file still wins), but only to regular files under the user's home or config
 * folder: never a network path, a special file, a file over 1 MB, a cycle or more than 10 levels
 * deep. Other conditions (`onbranch:`, `hasconfig:`) are not followed.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import picomatch from 'picomatch';
import type { ConfigText } from '../core/git/identity';

/** A config file is small; anything larger is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;
/** git's own limit on nested includes. */
const MAX_INCLUDE_DEPTH = 10;

/** Where the repository being scanned keeps its git data, for `includeIf "gitdir:…"`. */
export interface RepositoryPlace {
  /** Absolute path of the git dir (its real path), e.g. `/home/ada/work/shop/.git`. */
  gitdir?: string;
}

/**
 * Reads the global git config files that exist, with their includes, as texts in precedence
 * order, highest first (a file's part after an include outranks the included text, which
 * outranks the part before it). `env` and `home` are injectable for tests; `repo` decides which
 * `includeIf "gitdir:…"` apply (without it, none does). Never throws.
 */
export async function readGlobalGitConfig(env: NodeJS.ProcessEnv = process.env, home = os.homedir(), repo: RepositoryPlace = {}): Promise<ConfigText[]> {
  const xdgHome = env.XDG_CONFIG_HOME ? path.resolve(env.XDG_CONFIG_HOME) : path.join(home, '.config');
  const xdg = path.join(xdgHome, 'git', 'config');
  const candidates: [string, string][] = [
    [path.join(home, '.gitconfig'), '~/.gitconfig'],
    [xdg, env.XDG_CONFIG_HOME ? '$XDG_CONFIG_HOME/git/config' : '~/.config/git/config'],
  ];
  const roots = (await Promise.all([home, xdgHome].map((r) => fs.realpath(r).catch(() => undefined)))).filter((r): r is string => !!r);
  const reader = new IncludeReader(home, roots, repo);
  const out: ConfigText[] = [];
  for (const [file, label] of candidates) {
    // Each file's parts come in file order; git's "last one wins" makes the last part the highest.
    out.push(...(await reader.read(file, label, 0, new Set())).reverse());
  }
  return out;
}

/** Follows include directives under the allowed roots. */
class IncludeReader {
  constructor(
    private readonly home: string,
    private readonly roots: string[],
    private readonly repo: RepositoryPlace,
  ) {}

  /** The parts of one file (and of what it includes) in file order; [] when it cannot be read. */
  async read(file: string, label: string, depth: number, seen: Set<string>): Promise<ConfigText[]> {
    let real: string;
    let text: string;
    try {
      real = await fs.realpath(file);
      if (seen.has(real)) return [];
      const st = await fs.stat(real);
      if (!st.isFile() || st.size >= MAX_CONFIG_BYTES) return [];
      text = await fs.readFile(real, 'utf8');
    } catch {
      return []; // absent or unreadable: nothing to read
    }
    const parts: ConfigText[] = [];
    let lines: string[] = [];
    let section: { name: string; sub?: string; header: string } | undefined;
    for (const line of text.split(/\r?\n/)) {
      lines.push(line);
      const header = sectionHeader(line);
      let keyPart = line;
      if (header) {
        section = header;
        keyPart = header.rest;
      }
      if (!section || (section.name !== 'include' && section.name !== 'includeif')) continue;
      const eq = keyPart.indexOf('=');
      if (eq < 0 || keyPart.slice(0, eq).trim().toLowerCase() !== 'path') continue;
      const value = configValue(keyPart.slice(eq + 1));
      const condition = section.name === 'include' ? '' : section.sub ?? '';
      if (!value || (section.name === 'includeif' && !this.applies(condition, path.dirname(real)))) continue;
      const target = this.resolve(value, path.dirname(real));
      if (!target || depth + 1 > MAX_INCLUDE_DEPTH) continue;
      const inside = await this.allowed(target);
      if (!inside) continue;
      parts.push({ label, text: lines.join('\n') });
      const via = condition ? `includeIf "${condition}" in ${label}` : `include in ${label}`;
      parts.push(...(await this.read(inside, `${this.show(inside)} (via ${via})`, depth + 1, new Set([...seen, real]))));
      // The rest of this file goes on in the same section.
      lines = [section.header];
    }
    parts.push({ label, text: lines.join('\n') });
    return parts;
  }

  /** True when an includeIf condition holds for the scanned repository (`gitdir:` and `gitdir/i:` only). */
  private applies(condition: string, configDir: string): boolean {
    const m = /^gitdir(\/i)?:(.+)$/.exec(condition);
    if (!m || !this.repo.gitdir) return false;
    let pattern = m[2].trim().replace(/\\/g, '/');
    // git's rules: ~/ is the home folder, ./ the including file's folder, a relative pattern
    // matches anywhere (**/ in front), and a trailing slash means everything below it.
    if (pattern.startsWith('~/')) pattern = slash(this.home) + pattern.slice(1);
    else if (pattern.startsWith('./')) pattern = slash(configDir) + pattern.slice(1);
    if (!isAbsolute(pattern)) pattern = `**/${pattern}`;
    if (pattern.endsWith('/')) pattern += '**';
    const gitdir = slash(this.repo.gitdir);
    try {
      return picomatch(pattern, { dot: true, nocase: !!m[1] })(gitdir);
    } catch {
      return false;
    }
  }

  /** The file an include path names: `~/` is home, a relative path is beside the including file; network paths are refused. */
  private resolve(value: string, configDir: string): string | undefined {
    const v = value.replace(/\\/g, '/');
    if (v.startsWith('//')) return undefined; // a network share: nothing leaves the machine
    if (v.startsWith('~/')) return path.join(this.home, v.slice(2));
    if (v.startsWith('~')) return undefined; // ~otheruser/
    return path.resolve(configDir, value);
  }

  /** The real path of `file` when it lies under the user's home or config folder, else undefined. */
  private async allowed(file: string): Promise<string | undefined> {
    try {
      const real = await fs.realpath(file);
      return this.roots.some((r) => real === r || real.startsWith(r.endsWith(path.sep) ? r : r + path.sep)) ? real : undefined;
    } catch {
      return undefined;
    }
  }

  /** `~/…` for a file under home, else the path. */
  private show(file: string): string {
    const rel = path.relative(this.home, file);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? `~/${rel.split(path.sep).join('/')}` : file;
  }
}

/**
 * A section header line (`[name]` or `[name "subsection"]`, then maybe a key on the same line):
 * its lower-case name, unescaped subsection, the header text itself and what follows it.
 */
function sectionHeader(line: string): { name: string; sub?: string; header: string; rest: string } | undefined {
  const t = line.trimStart();
  if (!t.startsWith('[')) return undefined;
  const close = t.indexOf(']');
  const quote = t.indexOf('"');
  let sub: string | undefined;
  let end = close;
  let nameEnd = close;
  if (quote >= 0 && (close < 0 || quote < close)) {
    nameEnd = quote;
    sub = '';
    let i = quote + 1;
    for (; i < t.length && t[i] !== '"'; i++) sub += t[i] === '\\' && i + 1 < t.length ? t[++i] : t[i];
    end = t.indexOf(']', i + 1);
  }
  if (end < 0) return undefined;
  const name = t.slice(1, nameEnd).trim();
  if (!name || !/^[A-Za-z0-9.-]+$/.test(name)) return undefined;
  return { name: name.toLowerCase(), sub, header: t.slice(0, end + 1), rest: t.slice(end + 1) };
}

/** A config value as git reads it: quotes removed, escapes resolved, a trailing comment dropped. */
function configValue(raw: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\\' && i + 1 < raw.length) out += { n: '\n', t: '\t', b: '\b' }[raw[++i]] ?? raw[i];
    else if (!quoted && (c === '#' || c === ';')) break;
    else out += c;
  }
  return out.trim();
}

function slash(p: string): string {
  return p.replace(/\\/g, '/');
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:\//.test(p);
}
