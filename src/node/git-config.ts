/**
 * The user's global git config files, read as text for the personal lens (never by running
 * git): `~/.gitconfig`, then `$XDG_CONFIG_HOME/git/config` (or `~/.config/git/config`), in git's
 * precedence order, highest first. Missing or unreadable files are left out.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ConfigText } from '../core/git/identity';

/** Reads the global git config files that exist; `env` and `home` are injectable for tests. */
export async function readGlobalGitConfig(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): Promise<ConfigText[]> {
  const xdg = env.XDG_CONFIG_HOME ? path.join(env.XDG_CONFIG_HOME, 'git', 'config') : path.join(home, '.config', 'git', 'config');
  const candidates: [string, string][] = [
    [path.join(home, '.gitconfig'), '~/.gitconfig'],
    [xdg, env.XDG_CONFIG_HOME ? '$XDG_CONFIG_HOME/git/config' : '~/.config/git/config'],
  ];
  const out: ConfigText[] = [];
  for (const [file, label] of candidates) {
    try {
      const st = await fs.stat(file);
      // A config file is small; anything huge is not one.
      if (st.isFile() && st.size < 1024 * 1024) out.push({ label, text: await fs.readFile(file, 'utf8') });
    } catch {
      // absent: nothing to read
    }
  }
  return out;
}
