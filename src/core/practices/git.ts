/**
 * Git and collaboration practices. The repository is read with isomorphic-git (pure JavaScript)
 * over the workspace's FileSource: running `git` in a workspace could trigger its hooks or
 * fsmonitor, so nothing is ever executed.
 */
import type * as Git from 'isomorphic-git';
import { FileRefusedError, type Evidence, type FileSource } from '../types';
import type { DetectorContext, PracticeDetector } from './types';
import { baseName, clip, readSafe, findAll, dirName, memo } from './util';
import { GitObjectStore } from '../git/objects';
import { gitStateKey } from '../git/state-key';
import { walkLog } from '../git/commits';
import { isBotAuthor } from '../git/identity';
import { trimEndOf, trimStartOf } from '../strings';

/**
 * The rule lines of a CODEOWNERS file (1-based): not blank, not a comment, a pattern then at least
 * one owner after a space or tab. Per line, where /^[ \t]*[^#\s][^\n]*[ \t]+@?\S+/m backtracked over
 * every blank of a long line.
 */
function codeownersRules(text: string): { line: number }[] {
  const out: { line: number }[] = [];
  text.split('\n').forEach((raw, i) => {
    const l = trimStartOf(raw, ' \t');
    if (!l || l[0] === '#' || /\s/.test(l[0])) return;
    if (/[ \t]\S/.test(l.slice(1))) out.push({ line: i + 1 });
  });
  return out;
}

/** isomorphic-git, loaded when a repository is first read (start-up on a folder without git pays nothing). */
const isoGit = (): typeof Git => require('isomorphic-git') as typeof Git;

/** Most commits walked on HEAD; bigger histories report "5000+". */
export const MAX_COMMITS = 5000;
/** Largest file under `.git` read whole (config, HEAD, refs, packed-refs), in bytes. */
export const GIT_FILE_MAX_BYTES = 32 * 1024 * 1024;
/** Largest `.git` file (the `gitdir:` pointer) and ref file read, in bytes. */
const GIT_SMALL_FILE_BYTES = 64 * 1024;

/**
 * Reads a file of the repository as text through the guarded source, capped at `maxBytes`
 * (default {@link GIT_FILE_MAX_BYTES}). Rejects like {@link FileSource.readFile}.
 */
export async function readGitFile(source: FileSource, path: string, maxBytes = GIT_FILE_MAX_BYTES): Promise<string> {
  return new TextDecoder().decode(await source.readFile(path, { maxBytes }));
}

function fsError(code: string, path: string): Error {
  const e = new Error(`${code}: ${path}`) as Error & { code: string };
  e.code = code;
  return e;
}

/** Normalises an isomorphic-git path ("/.git/HEAD", "./.git//x") to a workspace-relative one. */
function rel(p: string): string {
  const parts: string[] = [];
  for (const seg of String(p).replace(/\\/g, '/').split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function statObject(kind: string, size: number) {
  const t = new Date(0);
  return {
    size,
    mode: kind === 'dir' ? 0o40000 : 0o100644,
    type: kind === 'dir' ? 'dir' : 'file',
    isFile: () => kind === 'file',
    isDirectory: () => kind === 'dir',
    isSymbolicLink: () => false,
    ctimeMs: 0, mtimeMs: 0, ctime: t, mtime: t, dev: 0, ino: 0, uid: 0, gid: 0,
  };
}

/**
 * A read-only, promise-based `fs` for isomorphic-git built over a FileSource. Paths are taken
 * relative to the workspace root; missing entries reject with ENOENT-coded errors (which
 * isomorphic-git treats as "absent"); every write rejects with EROFS.
 */
export function gitFsOver(source: FileSource): Git.PromiseFsClient {
  const notFound = (p: string) => (e: unknown) => {
    const code = (e as { code?: string })?.code;
    throw fsError(code === 'EISDIR' || code === 'ENOTDIR' ? code : 'ENOENT', p);
  };
  const readOnly = async (p: unknown) => {
    throw fsError('EROFS', String(p));
  };
  const promises = {
    async readFile(p: unknown, opts?: unknown) {
      if (typeof p !== 'string') throw fsError('ENOENT', String(p));
      const bytes = await source.readFile(rel(p), { maxBytes: GIT_FILE_MAX_BYTES }).catch(notFound(p));
      const enc = typeof opts === 'string' ? opts : (opts as { encoding?: string } | undefined)?.encoding;
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return enc ? buf.toString(enc as BufferEncoding) : buf;
    },
    async readdir(p: unknown) {
      const entries = await source.readDir(rel(String(p))).catch(notFound(String(p)));
      return entries.map((e) => e.name);
    },
    async stat(p: unknown) {
      const s = await source.stat(rel(String(p))).catch(notFound(String(p)));
      return statObject(s.kind, s.size);
    },
    async lstat(p: unknown) {
      const s = await source.stat(rel(String(p))).catch(notFound(String(p)));
      return statObject(s.kind, s.size);
    },
    async readlink(p: unknown) {
      throw fsError('ENOENT', String(p));
    },
    writeFile: readOnly, mkdir: readOnly, rmdir: readOnly, unlink: readOnly, symlink: readOnly, chmod: readOnly,
  };
  return { promises };
}

/** Where the repository's data lives, relative to the workspace root. */
export interface GitLocation {
  /** Workspace-relative git dir ('.git' or a gitdir: target inside the workspace). */
  gitdir?: string;
  /** Path of the `.git` entry that proves a repository exists. */
  marker?: string;
  /** Why the history could not be read although a repository exists. */
  unreadable?: string;
}

/**
 * Finds the repository of the workspace root: a `.git` folder, or a `.git` file with `gitdir:`.
 * A `.git` that is a symlink leaving the workspace, a special file, or a `gitdir:` pointing
 * outside is reported as `unreadable` and never read.
 */
export async function locateGit(source: FileSource): Promise<GitLocation> {
  let st;
  try {
    st = await source.stat('.git');
  } catch (e) {
    if (e instanceof FileRefusedError) return { marker: '.git', unreadable: `.git ${e.message}` };
    return {};
  }
  if (st.kind === 'dir') return { gitdir: '.git', marker: '.git' };
  if (st.kind !== 'file') return { marker: '.git', unreadable: `.git is not a folder or a file (${st.special ?? st.kind})` };
  let text = '';
  try {
    text = await readGitFile(source, '.git', GIT_SMALL_FILE_BYTES);
  } catch (e) {
    return { marker: '.git', unreadable: `the .git file could not be read (${(e as Error).message})` };
  }
  const line = text.split('\n').find((l) => l.startsWith('gitdir:'));
  if (!line) return { marker: '.git', unreadable: 'the .git file has no gitdir: line' };
  const target = line.slice('gitdir:'.length).trim().replace(/\\/g, '/');
  // Absolute paths and paths above the root (worktrees, submodules) are outside the FileSource.
  if (target.startsWith('/') || /^[A-Za-z]:\//.test(target) || rel(target).startsWith('..') || target.split('/').filter((s) => s === '..').length > 0) {
    return { marker: '.git', unreadable: 'a linked worktree or submodule whose history lives outside the workspace' };
  }
  return { gitdir: rel(target), marker: '.git' };
}

/** One commit as the detectors need it. `timestamp` is the author date in seconds since the epoch. */
export interface CommitInfo {
  oid: string;
  subject: string;
  /** Author email, or name when the email is empty (the key team metrics count authors by). */
  author: string;
  timestamp: number;
  parents: number;
  authorName: string;
  authorEmail: string;
  /** The whole message (subject, body, trailers such as Co-authored-by). */
  message: string;
  /** Parent oids, first parent first. */
  parentOids: string[];
  /** Root tree oid. */
  tree: string;
}

/** What the repository reader found. */
export interface GitFacts {
  location: GitLocation;
  /** Commits on HEAD, newest first (at most MAX_COMMITS). */
  commits: CommitInfo[];
  truncated: boolean;
  head?: string;
  branches: string[];
  remoteBranches: string[];
  tags: string[];
  /** Why history is empty, when it is. */
  note?: string;
  /** Oid of the HEAD commit. */
  headOid?: string;
  /** The object reader the history was read with (packs streamed by ranges), for later passes of the same scan. */
  store?: GitObjectStore;
}

/**
 * Reads history, branches and tags of the workspace repository without running git, once per
 * scan (later callers with the same context share the result). Never throws: problems become
 * `note` (and a ctx.warn when unexpected).
 */
export function readGitFacts(ctx: DetectorContext): Promise<GitFacts> {
  return memo(ctx, 'git-facts', async () => {
    if (!ctx.acrossScans) return readGitFactsNow(ctx);
    // Between scans, history is read again only when HEAD, a ref or packed-refs changed; each scan gets its own object store.
    const key = async () => {
      const location = await locateGit(ctx.source);
      return location.gitdir ? await gitStateKey(ctx.source, location.gitdir) : `none ${location.unreadable ?? ''}`;
    };
    const facts = await ctx.acrossScans('git-facts', key, (warn) => readGitFactsNow({ ...ctx, warn }));
    return facts.store && facts.location.gitdir ? { ...facts, store: new GitObjectStore(ctx.source, facts.location.gitdir) } : facts;
  });
}

async function readGitFactsNow(ctx: DetectorContext): Promise<GitFacts> {
  const location = await locateGit(ctx.source);
  const facts: GitFacts = { location, commits: [], truncated: false, branches: [], remoteBranches: [], tags: [] };
  if (!location.gitdir) {
    facts.note = location.unreadable ?? 'no repository';
    return facts;
  }
  const fs = gitFsOver(ctx.source);
  const gitdir = '/' + location.gitdir;
  const dir = '/';
  try {
    facts.branches = await isoGit().listBranches({ fs, dir, gitdir });
    const remotes = await isoGit().listRemotes({ fs, dir, gitdir }).catch(() => [] as { remote: string }[]);
    for (const r of remotes) {
      const names = await isoGit().listBranches({ fs, dir, gitdir, remote: r.remote }).catch(() => [] as string[]);
      facts.remoteBranches.push(...names.filter((n) => n !== 'HEAD').map((n) => `${r.remote}/${n}`));
    }
    facts.tags = await isoGit().listTags({ fs, dir, gitdir }).catch(() => []);
  } catch (e) {
    ctx.warn(`git: could not list branches (${(e as Error).message})`);
  }
  const head = await resolveHead(ctx.source, location.gitdir);
  if (head.branch) facts.head = head.branch;
  if (!head.oid) {
    facts.note = head.problem ?? 'the repository has no commits yet';
    if (head.problem) ctx.warn(`git: ${head.problem}`);
    return facts;
  }
  const headOid = head.oid;
  facts.headOid = headOid;
  // Packs are read by byte ranges, so a large history is read however big its packs are.
  const store = new GitObjectStore(ctx.source, location.gitdir);
  facts.store = store;
  try {
    const log = await walkLog(store, headOid, MAX_COMMITS);
    facts.truncated = log.truncated;
    if (log.stopped) ctx.warn(`git: history read stopped after ${log.commits.length} commits: ${log.stopped}`);
    facts.commits = log.commits.map((c) => ({
      oid: c.oid,
      subject: (c.message.split('\n')[0] ?? '').trim(),
      author: c.author.email || c.author.name,
      timestamp: c.author.timestamp,
      parents: c.parents.length,
      authorName: c.author.name,
      authorEmail: c.author.email,
      message: c.message,
      parentOids: c.parents,
      tree: c.tree,
    }));
  } catch (e) {
    facts.note = `history could not be read (${clip((e as Error).message, 100)})`;
    ctx.warn(`git: ${facts.note}`);
  }
  return facts;
}

/** Where HEAD leads: a commit oid, the branch it names, or why it leads nowhere. */
export interface HeadInfo {
  oid?: string;
  /** Branch name (without refs/heads/) when HEAD is symbolic. */
  branch?: string;
  /** Set when HEAD is broken (garbage, a loop, an unreadable file); absent for an unborn branch ("no commits yet"). */
  problem?: string;
}

/**
 * Resolves HEAD by reading `HEAD`, loose refs and `packed-refs` as text (never by running git):
 * symbolic refs are followed at most 5 deep, a loop or garbage is named as a problem, and a branch
 * that does not exist yet is an unborn branch (no problem, no oid).
 */
export async function resolveHead(source: FileSource, gitdir: string): Promise<HeadInfo> {
  const out: HeadInfo = {};
  const chain = ['HEAD'];
  let packed: Map<string, string> | undefined;
  const packedRefs = async () => {
    if (!packed) {
      packed = new Map();
      const text = await readGitFile(source, `${gitdir}/packed-refs`).catch(() => '');
      for (const line of text.split('\n')) {
        const sp = line.indexOf(' ');
        if (sp === 40 && /^[0-9a-f]{40}$/.test(line.slice(0, 40))) packed.set(line.slice(41).trim(), line.slice(0, 40));
      }
    }
    return packed;
  };
  let ref = 'HEAD';
  for (let hop = 0; hop <= 5; hop++) {
    let text: string | undefined;
    try {
      text = (await readGitFile(source, `${gitdir}/${ref}`, GIT_SMALL_FILE_BYTES)).trim();
    } catch (e) {
      if (e instanceof FileRefusedError) return { ...out, problem: `${ref} ${e.message}` };
      if (ref === 'HEAD') return { ...out, problem: 'HEAD is missing or unreadable' };
      const oid = (await packedRefs()).get(ref);
      return oid ? { ...out, oid } : out; // a branch with no commits yet
    }
    if (/^[0-9a-f]{40}$/.test(text)) return { ...out, oid: text };
    const target = text.startsWith('ref:') ? text.slice(4).trim() : undefined;
    if (!target || !/^refs\/[^\s]+$/.test(target) || target.split('/').some((s) => !s || s === '.' || s === '..')) {
      return { ...out, problem: `${ref} is not a valid reference (${JSON.stringify(clip(text, 60))})` };
    }
    if (chain.includes(target)) return { ...out, problem: `references form a loop (${[...chain, target].join(' → ')})` };
    chain.push(target);
    if (ref === 'HEAD' && target.startsWith('refs/heads/')) out.branch = target.slice('refs/heads/'.length);
    ref = target;
  }
  return { ...out, problem: `references nest more than 5 deep (${chain.join(' → ')})` };
}

const CONVENTIONAL_RE = /^(feat|fix|docs|style|refactor|perf|test|tests|build|ci|chore|revert|release|deps|security|ops)(\([^)\n]*\))?!?: \S/i;
const LAZY_SUBJECTS = new Set(['fix', 'fixes', 'fixed', 'wip', 'update', 'updates', 'updated', 'changes', 'change', 'stuff', 'test', 'tests', 'commit', 'misc', 'minor', 'tmp', 'temp', 'asdf', 'foo', '.', '...', 'save', 'work', 'done', 'cleanup', 'refactor', 'init', 'merge', 'bugfix', 'typo']);

/** True for subjects in the Conventional Commits form `type(scope)!: description`. */
export function isConventional(subject: string): boolean {
  return CONVENTIONAL_RE.test(subject);
}

/** True for one-word or placeholder subjects such as "fix" or "wip". */
export function isLazySubject(subject: string): boolean {
  const s = trimEndOf(subject.trim().toLowerCase(), '!.');
  return s.split(/\s+/).filter(Boolean).length <= 1 || LAZY_SUBJECTS.has(s);
}

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

const iso = (ts: number) => new Date(ts * 1000).toISOString();

/** Remote hosts recognised in `.git/config` urls. */
export function remoteHost(url: string): string | undefined {
  const u = url.toLowerCase();
  if (/(^|[@/.])github\.com[:/]/.test(u)) return 'GitHub';
  if (/gitlab\./.test(u)) return 'GitLab';
  if (/bitbucket\.org|bitbucket\./.test(u)) return 'Bitbucket';
  if (/git-codecommit\.|^codecommit:/.test(u)) return 'AWS CodeCommit';
  if (/dev\.azure\.com|\.visualstudio\.com|ssh\.dev\.azure\.com/.test(u)) return 'Azure DevOps';
  if (/gitea\.|codeberg\.org/.test(u)) return 'Gitea';
  return undefined;
}

/** A url without credentials, so evidence never leaks a token. */
function safeUrl(url: string): string {
  return url.replace(/^([a-z+]+:\/\/)[^@/]*@/i, '$1').split('?')[0];
}

async function detectRemotes(ctx: DetectorContext, gitdir: string): Promise<void> {
  let text: string | undefined;
  try {
    text = await readGitFile(ctx.source, `${gitdir}/config`);
  } catch {
    return;
  }
  const evidence: Evidence[] = [];
  const hosts = new Set<string>();
  let remote: string | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const section = /^\[\s*remote\s+"([^"]+)"\s*\]/.exec(line);
    if (section) remote = section[1];
    else if (line.startsWith('[')) remote = undefined;
    const url = /^url\s*=(.+)$/.exec(line)?.[1].trim();
    if (remote && url) {
      const host = remoteHost(url);
      if (host) {
        hosts.add(host);
        evidence.push({ path: `${gitdir}/config`, line: i + 1, detail: `remote ${remote} on ${host}: ${clip(safeUrl(url), 90)}` });
      }
    }
  });
  if (evidence.length) ctx.report('git-remote-host', evidence, { figures: { hosts: [...hosts].join(', ') } });
}

async function detectHistory(ctx: DetectorContext, facts: GitFacts): Promise<void> {
  const gitdir = facts.location.gitdir ?? '.git';
  // Bots (dependabot[bot], renovate[bot], github-actions[bot], ...) are not the team: their commits
  // count toward no history, hygiene, review or collaboration figure.
  const commits = facts.commits.filter((c) => !isBotAuthor(c.authorName ?? c.author, c.authorEmail ?? c.author));
  const bots = facts.commits.length - commits.length;
  if (!commits.length) return;
  const authors = new Set(commits.map((c) => c.author.toLowerCase()));
  const stamps = commits.map((c) => c.timestamp);
  const first = Math.min(...stamps);
  const last = Math.max(...stamps);
  ctx.report(
    'git-history',
    [{ path: gitdir, detail: `${commits.length}${facts.truncated ? '+' : ''} commits on ${facts.head ?? 'HEAD'} by ${authors.size} author(s), ${iso(first).slice(0, 10)} to ${iso(last).slice(0, 10)}${bots ? ` (${bots} bot commit${bots === 1 ? '' : 's'} not counted)` : ''}` }],
    {
      count: commits.length,
      figures: {
        commits: facts.truncated ? `${MAX_COMMITS}+` : commits.length,
        authors: authors.size,
        ...(bots ? { botCommits: bots } : {}),
        firstCommit: iso(first),
        lastCommit: iso(last),
      },
    },
  );

  const merges = commits.filter((c) => c.parents > 1);
  if (merges.length) {
    ctx.report(
      'merge-commits',
      merges.slice(0, 10).map((c) => ({ path: gitdir, detail: `merge commit ${c.oid.slice(0, 7)}: ${clip(c.subject, 80)}` })),
      { count: merges.length, figures: { merges: merges.length, share: `${Math.round((100 * merges.length) / commits.length)}%` } },
    );
  }

  // Message quality is judged on the author's own commits, not on generated merge subjects.
  const own = commits.filter((c) => c.parents <= 1);
  if (own.length >= 5) {
    const conventional = own.filter((c) => isConventional(c.subject));
    const share = conventional.length / own.length;
    if (share >= 0.5) {
      ctx.report(
        'conventional-commits',
        conventional.slice(0, 5).map((c) => ({ path: gitdir, detail: `commit ${c.oid.slice(0, 7)}: ${clip(c.subject, 80)}` })),
        { count: conventional.length, figures: { share: `${Math.round(share * 100)}%`, conventional: conventional.length, commits: own.length } },
      );
    }
    const lengths = own.map((c) => c.subject.length);
    const med = median(lengths);
    const lazy = own.filter((c) => isLazySubject(c.subject));
    const long = lengths.filter((l) => l > 72).length;
    const lazyShare = lazy.length / own.length;
    if (med >= 10 && med <= 72 && lazyShare <= 0.2) {
      ctx.report(
        'clean-commit-messages',
        [{ path: gitdir, detail: `median subject ${med} characters; ${lazy.length} of ${own.length} one-word or placeholder subjects; ${long} over 72 characters` }],
        { figures: { medianSubjectLength: med, oneWordSubjects: lazy.length, longSubjects: long, commits: own.length } },
      );
    }
  }
}

const RELEASE_BRANCH = /^(release|releases|hotfix)[/-]/;
const BOT_BRANCH = /^(dependabot|renovate|snyk-|snyk\/|pre-commit-ci|allcontributors|github-actions|greenkeeper|imgbot|whitesource|mend)/i;
const FEATURE_BRANCH = /^(feature|feat|bugfix|fix|chore)[/-]/;

function detectBranches(ctx: DetectorContext, facts: GitFacts): void {
  const gitdir = facts.location.gitdir ?? '.git';
  // Branches that bots open (dependabot/..., renovate/...) are not the team's way of working.
  const all = [...facts.branches, ...facts.remoteBranches.map((b) => b.slice(b.indexOf('/') + 1))].filter((b) => !BOT_BRANCH.test(b));
  const distinct = [...new Set(all)];
  if (distinct.length >= 2) {
    const release = distinct.filter((b) => RELEASE_BRANCH.test(b));
    const feature = distinct.filter((b) => FEATURE_BRANCH.test(b));
    const develop = distinct.filter((b) => b === 'develop' || b === 'development' || b === 'dev');
    const figures: Record<string, string | number> = { localBranches: facts.branches.length, remoteBranches: facts.remoteBranches.length };
    if (release.length) figures.releaseBranches = release.slice(0, 10).join(', ');
    if (feature.length) figures.featureBranches = feature.slice(0, 10).join(', ');
    if (develop.length) figures.developBranch = develop.join(', ');
    figures.strategy = develop.length && release.length ? 'git-flow style' : feature.length ? 'feature branches' : 'several branches';
    ctx.report(
      'branching',
      [{ path: `${gitdir}/refs/heads`, detail: `${distinct.length} branches: ${clip(distinct.slice(0, 8).join(', '), 120)}` }],
      { count: distinct.length, figures },
    );
  }
  if (facts.tags.length) {
    const semver = facts.tags.filter((t) => /^v?\d+\.\d+(\.\d+)?/.test(t));
    ctx.report(
      'git-tags',
      [{ path: `${gitdir}/refs/tags`, detail: `${facts.tags.length} tag(s): ${clip(facts.tags.slice(-8).join(', '), 120)}` }],
      { count: facts.tags.length, figures: { tags: facts.tags.length, versionTags: semver.length } },
    );
  }
}

const COMMON_IGNORES: [string, RegExp][] = [
  ['.env', /^\/?\.env\b|^\*\.env|^\.env\*/],
  ['node_modules', /node_modules/],
  ['build output', /^\/?(dist|build|out|target|bin|obj)\/?$/],
  ['Python caches', /__pycache__|\*\.py[cod]|\.pyc/],
  ['virtualenv', /^\/?\.?venv\/?$|^\/?env\/?$/],
  ['logs', /\*\.log|^\/?logs?\/?$/],
  ['IDE files', /\.idea|\.vscode|\.DS_Store/],
  ['coverage', /coverage|\.coverage|htmlcov/],
];

async function detectGitignore(ctx: DetectorContext): Promise<void> {
  const files = ctx.files.filter((f) => baseName(f.path) === '.gitignore').sort((a, b) => a.path.length - b.path.length);
  if (!files.length) return;
  const evidence: Evidence[] = [];
  let rootPatterns = 0;
  const covers = new Set<string>();
  for (const f of files.slice(0, 20)) {
    const text = (await readSafe(ctx, f.path)) ?? '';
    const patterns = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const p of patterns) for (const [label, re] of COMMON_IGNORES) if (re.test(p)) covers.add(label);
    if (f.path === '.gitignore') rootPatterns = patterns.length;
    if (patterns.length) evidence.push({ path: f.path, line: 1, detail: `${patterns.length} ignore pattern(s)` });
  }
  if (!evidence.length) return;
  evidence[0] = { ...evidence[0], detail: `${evidence[0].detail}${covers.size ? `, covering ${[...covers].join(', ')}` : ''}` };
  ctx.report('gitignore', evidence, { count: files.length, figures: { files: files.length, rootPatterns, covers: [...covers].join(', ') || 'none of the usual entries' } });
}

const PR_TEMPLATE = /^(\.github\/|docs\/|\.azuredevops\/)?pull_request_template(\.md|\.txt)?$|^\.github\/pull_request_template\/[^/]+$|^\.gitlab\/merge_request_templates\/[^/]+\.md$/i;
const ISSUE_TEMPLATE = /^(\.github\/|docs\/)?issue_template(\.md|\.txt)?$|^\.github\/issue_template\/[^/]+$|^\.gitlab\/issue_templates\/[^/]+\.md$/i;
const CODEOWNERS = /^(\.github\/|docs\/|\.gitlab\/)?CODEOWNERS$/;

async function detectRepoFiles(ctx: DetectorContext): Promise<void> {
  const pr = ctx.files.filter((f) => PR_TEMPLATE.test(f.path));
  if (pr.length) ctx.report('pr-template', pr.map((f) => ({ path: f.path, line: 1, detail: 'pull/merge request template' })), { count: pr.length });
  const issues = ctx.files.filter((f) => ISSUE_TEMPLATE.test(f.path) && !/config\.ya?ml$/i.test(f.path));
  if (issues.length) ctx.report('issue-template', issues.map((f) => ({ path: f.path, line: 1, detail: `issue template ${baseName(f.path)}` })), { count: issues.length });
  const owners = ctx.files.filter((f) => CODEOWNERS.test(f.path));
  for (const f of owners) {
    const text = (await readSafe(ctx, f.path)) ?? '';
    const rules = codeownersRules(text);
    ctx.report('codeowners', [{ path: f.path, line: rules[0]?.line ?? 1, detail: `${rules.length} ownership rule(s)` }], { count: rules.length, figures: { rules: rules.length, folder: dirName(f.path) || '(root)' } });
  }
}

/** Git repository, history, branches, tags, messages, remote host and collaboration files. */
export const detectGit: PracticeDetector = async (ctx) => {
  await detectGitignore(ctx).catch((e) => ctx.warn(`gitignore: ${(e as Error).message}`));
  await detectRepoFiles(ctx).catch((e) => ctx.warn(`repository files: ${(e as Error).message}`));
  let facts: GitFacts;
  try {
    facts = await readGitFacts(ctx);
  } catch (e) {
    ctx.warn(`git: ${(e as Error).message}`);
    return;
  }
  const loc = facts.location;
  if (!loc.marker) return;
  const state = facts.commits.length
    ? `${facts.commits.length}${facts.truncated ? '+' : ''} commits`
    : facts.note ?? 'no commits';
  ctx.report('git-repository', [{ path: loc.marker, detail: `git repository (${state})` }], {
    figures: {
      state: facts.commits.length ? 'has history' : facts.note ?? 'no commits',
      ...(facts.head ? { head: facts.head } : {}),
      // Why the history-based skills cannot be judged here (they become not observable, never missing).
      ...(!facts.commits.length ? { unreadable: facts.note ?? 'no commits could be read' } : {}),
    },
  });
  if (loc.gitdir) await detectRemotes(ctx, loc.gitdir);
  await detectHistory(ctx, facts);
  detectBranches(ctx, facts);
};
