/**
 * Who "you" are in a repository's history, read and never executed: `user.name`/`user.email`
 * from the repository's config and the user's global config files (their text is handed in by
 * the host), `.mailmap` aliases, explicit `--author` patterns or the `skillRadar.identities`
 * setting. Also the one rule for bot authors, shared with the team metrics.
 */
import type * as Git from 'isomorphic-git';
import { before } from '../strings';

/** isomorphic-git, loaded when a repository is first read (start-up on a folder without git pays nothing). */
const isoGit = (): typeof Git => require('isomorphic-git') as typeof Git;

/** A config file's text and where it came from (for messages). */
export interface ConfigText {
  /** Shown to the user, e.g. `~/.gitconfig`. */
  label: string;
  text: string;
}

/** What identifies "you", and how it was decided (shown so the user can correct it). */
export interface Identity {
  /** Lower-case emails that are you. */
  emails: string[];
  /** Exact names that are you (used only when no email is known or a name was given explicitly). */
  names: string[];
  /** git --author style patterns, matched case-insensitively against `Name <email>`. */
  patterns: string[];
  /** e.g. "user.email in .git/config" or "--author". */
  source: string;
}

/** A plain-object fs holding one file, so isomorphic-git's config parser reads text we pass in. */
function oneFileFs(text: string): Git.PromiseFsClient {
  const missing = async (p: unknown) => {
    throw Object.assign(new Error(`ENOENT: ${String(p)}`), { code: 'ENOENT' });
  };
  return {
    promises: {
      readFile: async (p: unknown, o?: unknown) => {
        if (p !== '/g/config') return missing(p);
        const enc = typeof o === 'string' ? o : (o as { encoding?: string } | undefined)?.encoding;
        return enc ? text : new TextEncoder().encode(text);
      },
      writeFile: missing, unlink: missing, readdir: missing, mkdir: missing, rmdir: missing,
      stat: missing, lstat: missing, readlink: missing, symlink: missing, chmod: missing,
    },
  };
}

/**
 * Values of a key (`user.email`, `remote.origin.url`) in git config text, last one last.
 * Parsed by isomorphic-git's config reader, never by running git; a malformed file yields [].
 */
export async function configValues(text: string, key: string): Promise<string[]> {
  try {
    const values = await isoGit().getConfigAll({ fs: oneFileFs(text), dir: '/', gitdir: '/g', path: key });
    return values.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  } catch {
    return [];
  }
}

/**
 * Decides who you are. Explicit patterns (`--author`, the identities setting) win; otherwise
 * user.email and user.name with git's precedence: the repository's config, then ~/.gitconfig,
 * then $XDG_CONFIG_HOME/git/config (pass `global` in that order). Undefined when nothing says.
 */
export async function resolveIdentity(opts: { explicit?: string[]; explicitLabel?: string; repoConfig?: ConfigText; global?: ConfigText[] }): Promise<Identity | undefined> {
  const explicit = (opts.explicit ?? []).map((s) => s.trim()).filter(Boolean);
  if (explicit.length) {
    return { emails: [], names: [], patterns: explicit, source: opts.explicitLabel ?? '--author' };
  }
  const files = [opts.repoConfig, ...(opts.global ?? [])].filter((f): f is ConfigText => !!f);
  let email: { value: string; from: string } | undefined;
  let name: { value: string; from: string } | undefined;
  for (const f of files) {
    if (!email) {
      const v = (await configValues(f.text, 'user.email')).pop();
      if (v) email = { value: v, from: f.label };
    }
    if (!name) {
      const v = (await configValues(f.text, 'user.name')).pop();
      if (v) name = { value: v, from: f.label };
    }
  }
  if (email) return { emails: [email.value.toLowerCase()], names: [], patterns: [], source: `user.email in ${email.from}` };
  if (name) return { emails: [], names: [name.value], patterns: [], source: `user.name in ${name.from}` };
  return undefined;
}

/**
 * The `name <email>` pairs of a .mailmap line, in order: each name runs from the end of the previous
 * pair to the next `<`, its email to the next `>` (both trimmed, email lower-cased). One pass with
 * indexOf, where a /([^<]*)<([^>]*)>/g search restarted at every character of a line with no `>`.
 */
function nameEmailPairs(line: string): { name: string; email: string }[] {
  const out: { name: string; email: string }[] = [];
  for (let from = 0; ; ) {
    const lt = line.indexOf('<', from);
    const gt = lt < 0 ? -1 : line.indexOf('>', lt + 1);
    if (gt < 0) return out;
    out.push({ name: line.slice(from, lt).trim(), email: line.slice(lt + 1, gt).trim().toLowerCase() });
    from = gt + 1;
  }
}

/** A `.mailmap`: commit identities mapped to one canonical name and email (git's four line forms). */
export class Mailmap {
  private byEmail = new Map<string, { name?: string; email?: string }>();
  private byNameEmail = new Map<string, { name?: string; email?: string }>();

  /** Parses .mailmap text; malformed lines are skipped. */
  static parse(text: string): Mailmap {
    const m = new Mailmap();
    for (const raw of text.split(/\r?\n/)) {
      const line = before(raw, '#').trim();
      if (!line) continue;
      // Proper Name <proper@email> Commit Name <commit@email>, or fewer of those parts.
      const parts = nameEmailPairs(line);
      if (!parts.length) continue;
      if (parts.length === 1) {
        if (parts[0].name) m.byEmail.set(parts[0].email, { name: parts[0].name });
        continue;
      }
      const [proper, commit] = parts;
      const to = { ...(proper.name ? { name: proper.name } : {}), ...(proper.email ? { email: proper.email } : {}) };
      if (commit.name) m.byNameEmail.set(`${commit.name.toLowerCase()}\u0000${commit.email}`, to);
      else m.byEmail.set(commit.email, { ...m.byEmail.get(commit.email), ...to });
    }
    return m;
  }

  /** The canonical identity of a commit's author (emails lower-cased). */
  canonical(name: string, email: string): { name: string; email: string } {
    const e = email.toLowerCase();
    const hit = this.byNameEmail.get(`${name.toLowerCase()}\u0000${e}`) ?? this.byEmail.get(e);
    return { name: hit?.name ?? name, email: hit?.email ?? e };
  }
}

/** `Name <email>` pairs from `Co-authored-by:` trailers of a commit message. */
export function coAuthors(message: string): { name: string; email: string }[] {
  const out: { name: string; email: string }[] = [];
  for (const m of message.matchAll(/^[ \t]*co-authored-by:([^<\n\r\u2028\u2029]*)<([^>\n\r\u2028\u2029]+)>/gim)) out.push({ name: m[1].trim(), email: m[2].trim() });
  return out;
}

// Bot accounts of hosting platforms, dependency updaters, release and CI tools.
const BOT_RE = /\[bot\]|(^|[^a-z])bot@|^(dependabot|renovate|greenkeeper|snyk|github-actions|gitlab-bot|semantic-release|allcontributors|imgbot|pre-commit-ci|codecov|deepsource|mergify|pyup|scala-steward|weblate|transifex|crowdin|copilot)\b|noreply@(github|gitlab)\.com$|^actions@github\.com$/i;

/**
 * True for commits written by automation (Dependabot, Renovate, `github-actions[bot]`, release
 * bots, translation platforms). The one rule used by both the personal lens and team metrics.
 */
export function isBotAuthor(name: string, email: string): boolean {
  return BOT_RE.test(name) || BOT_RE.test(email) || /\bbot$/i.test(name.trim());
}

function patternTester(p: string): (s: string) => boolean {
  try {
    const re = new RegExp(p, 'i');
    return (s) => re.test(s);
  } catch {
    const low = p.toLowerCase();
    return (s) => s.toLowerCase().includes(low);
  }
}

/** Decides whether a commit author (or co-author) is you, through the mailmap. */
export class IdentityMatcher {
  private readonly emails: Set<string>;
  private readonly names: Set<string>;
  private readonly tests: ((s: string) => boolean)[];

  constructor(
    readonly identity: Identity,
    private readonly mailmap: Mailmap = new Mailmap(),
  ) {
    // An alias of your configured email in the mailmap resolves to the same canonical email.
    this.emails = new Set(identity.emails.flatMap((e) => [e, mailmap.canonical('', e).email]));
    this.names = new Set(identity.names.map((n) => n.toLowerCase()));
    this.tests = identity.patterns.map(patternTester);
  }

  /** True when `name <email>` (raw or through the mailmap) is you. */
  matches(name: string, email: string): boolean {
    const c = this.mailmap.canonical(name, email);
    const e = email.toLowerCase();
    if (this.emails.has(e) || this.emails.has(c.email)) return true;
    if (this.names.size && (this.names.has(name.toLowerCase()) || this.names.has(c.name.toLowerCase()))) return true;
    if (this.tests.length) {
      const raw = `${name} <${email}>`;
      const canon = `${c.name} <${c.email}>`;
      return this.tests.some((t) => t(raw) || t(canon));
    }
    return false;
  }

  /** The canonical form of an author, for counting people rather than aliases. */
  canonical(name: string, email: string): { name: string; email: string } {
    return this.mailmap.canonical(name, email);
  }
}
