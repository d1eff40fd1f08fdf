/**
 * The personal lens: what *your* commits show. Walks the commits already read for the scan,
 * keeps yours (author or Co-authored-by, through the mailmap; never merges or bots), diffs each
 * one's tree against its first parent (no blame of the whole repository), and decides for each
 * skill's and technology's evidence whether you authored it, touched it or neither, and when.
 * Mass reformat, rename and import commits and generated or vendored files are not credited.
 */
import type { AnalysisResult, Evidence, PersonalFinding, PersonSummary, SkillResult, TechnologyFinding } from '../types';
import type { WorkspaceFile } from '../practices/types';
import { isConventional, isLazySubject, type CommitInfo, type GitFacts } from '../practices/git';
import { parseRef, type Knowledge } from '../knowledge';
import { diffTrees } from './commits';
import { GitObjectError, type GitObjectStore } from './objects';
import { coAuthors, IdentityMatcher, isBotAuthor, type Identity, type Mailmap } from './identity';
import { trimEndOf } from '../strings';

/** Options of {@link personalLens}. */
export interface PersonalOptions {
  identity: Identity;
  mailmap?: Mailmap;
  /** Months after which a finding's weight halves (default 12). */
  halfLifeMonths?: number;
  /** Now, in ms since the epoch. */
  now: number;
  /** Largest blob diffed, in bytes (default 1 MiB); larger files count as touched only. */
  maxBlobBytes?: number;
  /** Paths not credited: generated or vendored (the engine passes its own rule). */
  isGenerated?: (path: string) => boolean;
}

/** What the scan hands the personal pass. */
export interface PersonalInput {
  facts: GitFacts;
  knowledge: Knowledge;
  files: WorkspaceFile[];
  /** The workspace text of a file (evidence lines refer to it), undefined when unreadable. */
  readText(path: string): Promise<string | undefined>;
  skills: SkillResult[];
  technologies: TechnologyFinding[];
  practices: AnalysisResult['practices'];
  languages: AnalysisResult['languages'];
  /** Remote url from the repository's config, for links in the profile. */
  remoteUrl?: string;
  /** Folder name of the workspace, for the profile. */
  name: string;
}

/** Output of {@link personalLens}. */
export interface PersonalOutcome {
  person: PersonSummary;
  skills: Map<string, PersonalFinding>;
  technologies: Map<string, PersonalFinding>;
  /** Work done, for tests and the benchmark: commits diffed, trees and blobs read. */
  work: { commitsDiffed: number; treesRead: number; blobsRead: number };
}

/** A commit changing more files than this is an import or a mass change, never credited. */
const BULK_FILES = 1000;
/** From this many changed files on, a commit is checked for being a reformat or a rename. */
const BULK_CHECK_FILES = 10;
/** Most of your changes to one file that are diffed (newest first). */
const MAX_CHANGES_PER_FILE = 40;
/** Share of a file's lines that must be yours for the whole file to count as authored. */
const MAJORITY = 0.5;
/** Lines of yours that a source file needs for its language to count as authored. */
const LANGUAGE_LINES = 10;
const DAY_MS = 86_400_000;
const MONTH_MS = 30.4375 * DAY_MS;
const TOUCHED_STRENGTH = 0.3;
const EMPTY = new Uint8Array(0);

const FORMAT_SUBJECT = /\b(re-?format(ted|ting)?|prettier|black|gofmt|rustfmt|clang-format|ktlint|spotless|autopep8|isort|eslint --fix|lint fix(es)?|whitespace|indentation|code style|trailing spaces|line endings|crlf)\b/i;
const DECLARATION = /^((dev|test|optional|peer|build|runtime|compile|provided|annotation) )?(dependency|build plugin|gradle plugin)\b/i;

/** YYYY-MM-DD (UTC) of a timestamp in seconds. */
export function isoDay(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

interface Change {
  path: string;
  old?: string;
  new?: string;
  /** For an added file that moved from elsewhere in the same commit: the blob it came from. */
  from?: string;
}

interface FileChange {
  ts: number;
  old?: string;
  new?: string;
  rename: boolean;
}

interface FileYours {
  /** Latest and earliest of your commits changing the file (seconds). */
  last: number;
  first: number;
  /** Trimmed lines your commits added → latest commit (seconds) that added it. */
  added: Map<string, number>;
  /** Current non-blank lines that are yours. */
  yourLines: number;
  lines: number;
  majority: boolean;
  /** True when at least one of your changes could be diffed (not too large or binary). */
  diffed: boolean;
}

type ItemStatus = 'authored' | 'declared' | 'touched' | 'none';
/** One evidence item judged: `detail` replaces the evidence's own (repository-level) detail. */
interface Item {
  e: Evidence;
  status: ItemStatus;
  last?: number;
  first?: number;
  detail?: string;
}

/** Web address of a remote on a known host (credentials and `.git` removed), else undefined. */
export function webUrlOf(remote: string | undefined): string | undefined {
  if (!remote) return undefined;
  const r = remote.trim();
  let host: string | undefined;
  let repoPath: string | undefined;
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(r);
  const url = /^(?:https?|ssh|git):\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?\/(.+)$/.exec(r);
  if (url) [host, repoPath] = [url[1], url[2]];
  else if (scp) [host, repoPath] = [scp[1], scp[2]];
  if (!host || !repoPath) return undefined;
  host = host.toLowerCase();
  if (!/^(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)$/.test(host)) return undefined;
  repoPath = trimEndOf(repoPath.replace(/\.git\/?$/, ''), '/');
  if (!/^[\w.-]+(\/[\w.-]+)+$/.test(repoPath)) return undefined;
  return `https://${host}/${repoPath}`;
}

function multiset(lines: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

function looksBinary(data: Uint8Array): boolean {
  // git's rule: a NUL byte in the first 8,000 bytes (indexOf is a native scan).
  return data.subarray(0, 8000).indexOf(0) >= 0;
}

/**
 * The lines that differ between two texts: both texts without their common leading and trailing
 * lines. Common lines cancel out of a multiset line diff anyway, so counting only these is exact
 * and costs a character scan instead of a map operation per line.
 */
export function changedRegion(a: string, b: string): [string, string] {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === a.length && i === b.length) return ['', ''];
  i = i > 0 ? a.lastIndexOf('\n', i - 1) + 1 : 0;
  let j = 0;
  while (j < n - i && a.charCodeAt(a.length - 1 - j) === b.charCodeAt(b.length - 1 - j)) j++;
  let endA = a.length - j;
  let endB = b.length - j;
  // Widen to whole lines: the common tail may start inside the last differing line.
  const lineEnd = a.indexOf('\n', endA);
  const widen = (lineEnd < 0 ? a.length : lineEnd) - endA;
  endA += widen;
  endB += widen;
  return [a.slice(i, endA), b.slice(i, endB)];
}

/**
 * {@link changedRegion} on the UTF-8 bytes of two versions of a file: the same lines, found by
 * comparing bytes, so only the differing lines are ever decoded. Line boundaries are '\n' bytes,
 * which never occur inside a multi-byte character, so the decoded regions equal changedRegion's.
 */
export function changedBytes(a: Uint8Array, b: Uint8Array, decoder: TextDecoder = new TextDecoder()): [string, string] {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return ['', ''];
  i = i > 0 ? a.lastIndexOf(0x0a, i - 1) + 1 : 0;
  let j = 0;
  while (j < n - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  let endA = a.length - j;
  let endB = b.length - j;
  const lineEnd = a.indexOf(0x0a, endA);
  const widen = (lineEnd < 0 ? a.length : lineEnd) - endA;
  endA += widen;
  endB += widen;
  return [decoder.decode(a.subarray(i, endA)), decoder.decode(b.subarray(i, endB))];
}

/** Text with every space, quote, comma, semicolon and bracket removed: equal for a pure reformat. */
function formatFree(text: string): string {
  return text.replace(/[\s;,'"`()[\]{}]/g, '');
}

/**
 * Runs the personal pass. Never throws for repository content: unreadable objects make a file
 * count as touched only. `facts` must come from readGitFacts (commits and the object store).
 */
export async function personalLens(input: PersonalInput, opts: PersonalOptions): Promise<PersonalOutcome> {
  const { facts } = input;
  const store = facts.store as GitObjectStore;
  const gitdir = facts.location.gitdir ?? '.git';
  const matcher = new IdentityMatcher(opts.identity, opts.mailmap);
  const halfLife = opts.halfLifeMonths ?? 12;
  const maxBlob = opts.maxBlobBytes ?? 1024 * 1024;
  const generated = opts.isGenerated ?? (() => false);
  const work = { commitsDiffed: 0, treesRead: 0, blobsRead: 0 };
  const utf8 = new TextDecoder();

  // 1. Your commits: author or co-author is you (through the mailmap); merges and bots excluded.
  const mine: CommitInfo[] = [];
  const names = new Map<string, number>();
  const emails = new Map<string, number>();
  let merges = 0;
  let yourMerges = 0;
  const mergeOids: string[] = [];
  // A history has thousands of commits and a few dozen authors: each author is judged once.
  const judged = new Map<string, Map<string, { bot: boolean; you: boolean; person: string }>>();
  const judge = (name: string, email: string) => {
    const byEmail = judged.get(name) ?? judged.set(name, new Map()).get(name)!;
    let j = byEmail.get(email);
    if (!j) byEmail.set(email, (j = { bot: isBotAuthor(name, email), you: matcher.matches(name, email), person: matcher.canonical(name, email).email || name.toLowerCase() }));
    return j;
  };
  for (const c of facts.commits) {
    const author = judge(c.authorName, c.authorEmail);
    if (author.bot) continue;
    const asAuthor = author.you;
    const asCo = asAuthor ? [] : coAuthors(c.message).filter((a) => {
      const j = judge(a.name, a.email);
      return j.you && !j.bot;
    });
    if (!asAuthor && !asCo.length) continue;
    if (c.parents > 1) {
      merges++;
      if (asAuthor) {
        yourMerges++;
        mergeOids.push(c.oid);
      }
      continue;
    }
    const who = asAuthor ? [{ name: c.authorName, email: c.authorEmail }] : asCo;
    for (const w of who) {
      names.set(w.name, (names.get(w.name) ?? 0) + 1);
      emails.set(w.email.toLowerCase(), (emails.get(w.email.toLowerCase()) ?? 0) + 1);
    }
    mine.push(c);
  }

  // Authors who share one of your names under an email that is not yours: shown, never counted.
  const yourNames = new Set([...names.keys()].map((n) => n.toLowerCase()));
  const also = new Map<string, { name: string; email: string; commits: number }>();
  for (const c of facts.commits) {
    if (!yourNames.has(c.authorName.toLowerCase()) || emails.has(c.authorEmail.toLowerCase()) || judge(c.authorName, c.authorEmail).you) continue;
    const key = c.authorEmail.toLowerCase();
    const a = also.get(key) ?? also.set(key, { name: c.authorName, email: c.authorEmail, commits: 0 }).get(key)!;
    a.commits++;
  }

  // 2. Diff each of your commits against its first parent.
  const history = new Map<string, FileChange[]>();
  let bulk = 0;
  // Raw tree objects: a commit's tree is its child's parent tree, so most are read once.
  const treeCache = new Map<string, Promise<Uint8Array>>();
  const tree = (oid: string) => {
    let p = treeCache.get(oid);
    if (!p) {
      work.treesRead++;
      p = store.read(oid, { keep: false }).then((o) => {
        if (o.type !== 'tree') throw new GitObjectError('corrupt', `${oid} is a ${o.type}, not a tree`);
        return o.data;
      });
      if (treeCache.size >= 4000) treeCache.clear();
      treeCache.set(oid, p);
    }
    return p;
  };
  // A file's consecutive changes share blobs (one change's new is the next one's old): inflate once.
  // Raw bytes: only the lines that differ between two versions are ever decoded (see changedBytes).
  const raws = new Map<string, Uint8Array | undefined>();
  const raw = async (oid: string): Promise<Uint8Array | undefined> => {
    if (raws.has(oid)) return raws.get(oid);
    // Small on purpose: only neighbouring changes share blobs, and a big cache costs garbage collection.
    if (raws.size >= 64) raws.delete(raws.keys().next().value!);
    let data: Uint8Array | undefined;
    try {
      work.blobsRead++;
      const o = await store.read(oid, { keep: false });
      if (o.type === 'blob' && o.data.byteLength <= maxBlob && !looksBinary(o.data)) data = o.data;
    } catch (e) {
      if (!(e instanceof GitObjectError)) throw e;
    }
    raws.set(oid, data);
    return data;
  };
  const blob = async (oid: string): Promise<string | undefined> => {
    const data = await raw(oid);
    return data && utf8.decode(data);
  };
  // Only entries whose oids differ are looked at: an unchanged folder is skipped by its oid, unread.
  const diff = async (a: string | undefined, b: string | undefined, prefix: string, out: Change[]): Promise<void> => {
    if (out.length > BULK_FILES) return;
    const [da, db] = await Promise.all([a ? tree(a) : undefined, b ? tree(b) : undefined]);
    for (const { name, a: x, b: y } of diffTrees(da, db)) {
      const path = prefix + name;
      const xt = x?.kind === 'tree' ? x.oid : undefined;
      const yt = y?.kind === 'tree' ? y.oid : undefined;
      if (xt || yt) await diff(xt, yt, path + '/', out);
      const xb = x?.kind === 'blob' ? x.oid : undefined;
      const yb = y?.kind === 'blob' ? y.oid : undefined;
      if (xb || yb) out.push({ path, old: xb, new: yb });
    }
  };
  const byBase = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  const treeOf = new Map(facts.commits.map((c) => [c.oid, c.tree]));
  for (const c of mine) {
    const changes: Change[] = [];
    try {
      const parent = c.parentOids[0] ? treeOf.get(c.parentOids[0]) ?? (await parentTree(store, c.parentOids[0])) : undefined;
      await diff(parent, c.tree, '', changes);
    } catch (e) {
      if (e instanceof GitObjectError) continue; // a shallow or damaged history: this commit is skipped
      throw e;
    }
    work.commitsDiffed++;
    if (changes.length > BULK_FILES) {
      bulk++;
      continue;
    }
    // Files moved in this commit: an added blob that was deleted elsewhere (identical, or same name).
    const deleted = changes.filter((x) => x.old && !x.new);
    const deletedOids = new Set(deleted.map((x) => x.old!));
    const added = changes.filter((x) => x.new && !x.old);
    let pureRenames = 0;
    for (const a of added) {
      if (deletedOids.has(a.new!)) {
        a.from = a.new;
        pureRenames++;
      } else {
        const same = deleted.find((d) => byBase(d.path) === byBase(a.path));
        if (same) a.from = same.old;
      }
    }
    const kept = changes.filter((x) => x.new && !generated(x.path));
    if (kept.length >= BULK_CHECK_FILES) {
      const moved = added.filter((a) => a.from).length;
      let isBulk = moved >= 0.8 * kept.length || pureRenames >= 0.8 * kept.length;
      if (!isBulk) {
        const modified = kept.filter((x) => x.old);
        if (modified.length >= BULK_CHECK_FILES) {
          let formatOnly = 0;
          let sampled = 0;
          for (const m of modified.slice(0, 8)) {
            const [before, after] = await Promise.all([blob(m.old!), blob(m.new!)]);
            if (before === undefined || after === undefined) continue;
            sampled++;
            if (formatFree(before) === formatFree(after)) formatOnly++;
          }
          isBulk = (sampled > 0 && formatOnly >= 0.75 * sampled) || (kept.length >= 20 && FORMAT_SUBJECT.test(c.subject));
        }
      }
      if (isBulk) {
        bulk++;
        continue;
      }
    }
    for (const x of kept) {
      const list = history.get(x.path) ?? history.set(x.path, []).get(x.path)!;
      list.push({ ts: c.timestamp, old: x.old ?? x.from, new: x.new, rename: !!x.from && x.from === x.new });
    }
  }

  // 3. Per file: which of its current lines your commits added, computed on demand.
  const yoursCache = new Map<string, Promise<FileYours | undefined>>();
  const textCache = new Map<string, Promise<string[] | undefined>>();
  const currentLines = (path: string) => {
    let p = textCache.get(path);
    if (!p) textCache.set(path, (p = input.readText(path).then((t) => t?.split('\n'), () => undefined)));
    return p;
  };
  const yours = (path: string): Promise<FileYours | undefined> => {
    let p = yoursCache.get(path);
    if (!p) {
      p = (async () => {
        const changes = history.get(path);
        if (!changes?.length) return undefined;
        const y: FileYours = { last: 0, first: Infinity, added: new Map(), yourLines: 0, lines: 0, majority: false, diffed: false };
        for (const ch of changes) {
          y.last = Math.max(y.last, ch.ts);
          y.first = Math.min(y.first, ch.ts);
        }
        // Only lines the file has now can be evidence or count toward "most of the file": the diffs
        // below count just those, which keeps long histories of busy files cheap.
        const now = (await currentLines(path))?.map((l) => l.trim()).filter(Boolean) ?? [];
        const current = multiset(now);
        const counted = (text: string) => {
          const m = new Map<string, number>();
          for (const raw of text.split('\n')) {
            const line = raw.trim();
            if (line && current.has(line)) m.set(line, (m.get(line) ?? 0) + 1);
          }
          return m;
        };
        const addedCount = new Map<string, number>();
        // Current lines not yet shown to be yours: once none is left, older changes cannot add any.
        const need = new Map(current);
        let uncovered = now.length;
        for (const ch of changes.slice(0, MAX_CHANGES_PER_FILE)) {
          if (uncovered === 0 && y.diffed) break;
          if (ch.rename || !ch.new) continue;
          const after = await raw(ch.new);
          const before = ch.old ? await raw(ch.old) : EMPTY;
          if (after === undefined || before === undefined) continue;
          y.diffed = true;
          const [removedPart, addedPart] = changedBytes(before, after, utf8);
          const old = counted(removedPart);
          for (const [line, n] of counted(addedPart)) {
            const more = n - (old.get(line) ?? 0);
            if (more <= 0) continue;
            addedCount.set(line, (addedCount.get(line) ?? 0) + more);
            if (!y.added.has(line)) y.added.set(line, ch.ts);
            const left = need.get(line)!;
            if (left > 0) {
              need.set(line, Math.max(0, left - more));
              uncovered -= Math.min(left, more);
            }
          }
        }
        y.lines = now.length;
        for (const line of now) {
          const n = addedCount.get(line) ?? 0;
          if (n > 0) {
            addedCount.set(line, n - 1);
            y.yourLines++;
          }
        }
        y.majority = y.lines > 0 && y.yourLines >= MAJORITY * y.lines;
        return y;
      })();
      yoursCache.set(path, p);
    }
    return p;
  };

  const lastMine = mine.length ? Math.max(...mine.map((c) => c.timestamp)) : 0;
  const firstMine = mine.length ? Math.min(...mine.map((c) => c.timestamp)) : 0;
  const credited = mine.length - bulk;
  const inGitdir = (p: string) => p === gitdir || p.startsWith(gitdir + '/');

  // Message quality judged on your own commits, never the team's.
  const subjects = mine.map((c) => c.subject);
  const conventionalShare = subjects.length ? subjects.filter(isConventional).length / subjects.length : 0;
  const lazyShare = subjects.length ? subjects.filter(isLazySubject).length / subjects.length : 1;
  const lengths = subjects.map((x) => x.length).sort((a, b) => a - b);
  const medianLength = lengths.length ? lengths[lengths.length >> 1] : 0;
  const since = { last: lastMine, first: firstMine };
  /** Evidence in the git folder (history, messages, merges, branches): judged on your commits only. */
  const historyEvidence = (e: Evidence): { status: ItemStatus; last?: number; first?: number; detail?: string } => {
    const d = e.detail;
    let m: RegExpExecArray | null;
    if ((m = /^commit ([0-9a-f]{7,40}):/.exec(d))) {
      const oid = m[1];
      return mine.some((c) => c.oid.startsWith(oid)) && conventionalShare >= 0.5
        ? { status: 'authored', ...since, detail: `${Math.round(conventionalShare * 100)}% of my ${subjects.length} commit subjects in Conventional Commits form` }
        : { status: 'none' };
    }
    if (/^median subject/.test(d)) {
      return subjects.length >= 5 && medianLength >= 10 && medianLength <= 72 && lazyShare <= 0.2
        ? { status: 'authored', ...since, detail: `${subjects.length} commits of mine with clear subjects (median ${medianLength} characters)` }
        : { status: 'none' };
    }
    if ((m = /^merge commit ([0-9a-f]{7,40})/.exec(d))) return mergeOids.some((o) => o.startsWith(m![1])) ? { status: 'authored', ...since, detail: `${yourMerges} merge commits of mine` } : { status: 'none' };
    if (e.path.startsWith(`${gitdir}/refs/heads`)) return yourMerges ? { status: 'authored', ...since, detail: `${yourMerges} merge commits of mine` } : { status: 'none' };
    // The history itself: your own commits show you use git day to day.
    if (e.path === gitdir) return credited >= 5 ? { status: 'authored', ...since, detail: `${credited} commits of mine` } : credited ? { status: 'touched', ...since } : { status: 'none' };
    return { status: 'none' };
  };

  /** One evidence item: your status and the dates behind it. */
  const classify = async (e: Evidence): Promise<{ status: ItemStatus; last?: number; first?: number; detail?: string }> => {
    if (inGitdir(e.path)) return historyEvidence(e);
    const y = await yours(e.path);
    if (!y) return { status: 'none' };
    let authoredAt: number | undefined;
    if (e.line) {
      const text = (await currentLines(e.path))?.[e.line - 1]?.trim();
      if (text && y.added.has(text)) authoredAt = y.added.get(text);
    }
    if (authoredAt === undefined && y.majority) authoredAt = y.last;
    if (authoredAt !== undefined) return { status: DECLARATION.test(e.detail) ? 'declared' : 'authored', last: authoredAt, first: y.first };
    return { status: 'touched', last: y.last, first: y.first };
  };

  const languageFiles = new Map<string, string[]>();
  for (const f of input.files) if (f.language) (languageFiles.get(f.language) ?? languageFiles.set(f.language, []).get(f.language)!).push(f.path);
  /** Evidence for a language: your touched files of it, authored when enough of their lines are yours. */
  const languageEvidence = async (id: string): Promise<Item[]> => {
    const name = input.languages.find((l) => l.id === id)?.name ?? id;
    const touched = (languageFiles.get(id) ?? []).filter((p) => history.has(p) && !generated(p));
    touched.sort((a, b) => Math.max(...history.get(b)!.map((x) => x.ts)) - Math.max(...history.get(a)!.map((x) => x.ts)));
    const out: Item[] = [];
    for (const path of touched.slice(0, 25)) {
      const y = await yours(path);
      if (!y) continue;
      const authored = y.majority || y.yourLines >= LANGUAGE_LINES;
      out.push({ e: { path, detail: `${name} source: ${y.yourLines} of ${y.lines} lines yours` }, status: authored ? 'authored' : 'touched', last: y.last, first: y.first });
    }
    return out;
  };

  const summarise = (items: Item[], techNames: string[] = []): PersonalFinding => {
    const authored = dedupeItems(items.filter((i) => i.status === 'authored'));
    const touched = items.filter((i) => i.status === 'touched' || i.status === 'declared');
    const status = authored.length ? 'authored' : touched.length ? 'touched' : 'none';
    const behind = status === 'authored' ? authored : touched;
    if (status === 'none') return { status, files: 0, weight: 0 };
    const last = Math.max(...behind.map((i) => i.last ?? 0));
    const first = Math.min(...behind.map((i) => i.first ?? i.last ?? last));
    const ageMonths = Math.max(0, (opts.now - last * 1000) / MONTH_MS);
    const strength = status === 'authored' ? 1 : TOUCHED_STRENGTH;
    const files = new Set(behind.map((i) => i.e.path)).size;
    return {
      status,
      files,
      lastShown: isoDay(last),
      firstShown: isoDay(first),
      weight: Math.round(strength * 0.5 ** (ageMonths / halfLife) * 1000) / 1000,
      ...(authored.length ? { evidence: authored.slice(0, 25).map((i) => (i.detail ? { path: i.e.path, detail: i.detail } : i.e)) } : {}),
      ...(status === 'authored' && techNames.length ? { technologies: techNames } : {}),
    };
  };
  // One history item stands for all the repository-level evidence on the git folder.
  const dedupeItems = (items: Item[]) => items.filter((i, n) => !i.detail || items.findIndex((x) => x.detail === i.detail) === n);

  const dedupe = (ev: Evidence[]) => {
    const seen = new Set<string>();
    return ev.filter((e) => {
      const k = `${e.path}:${e.line ?? ''}:${e.detail}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  };

  // 4. Skills: the full evidence of every technology, category, practice and language their rules name.
  const skills = new Map<string, PersonalFinding>();
  const defs = new Map(input.knowledge.skills.map((s) => [s.id, s]));
  for (const s of input.skills) {
    if (s.status !== 'demonstrated' && s.status !== 'partial') {
      skills.set(s.id, { status: 'none', files: 0, weight: 0 });
      continue;
    }
    const def = defs.get(s.id);
    // The skill's own cited evidence first, so reports and the profile lead with it.
    const pool: Evidence[] = [...s.evidence];
    const languages: string[] = [];
    const techs: TechnologyFinding[] = [];
    for (const group of [...(def?.evidence.demonstrated ?? []), ...(def?.evidence.partial ?? [])]) {
      for (const ref of group) {
        const r = parseRef(ref);
        if (!r) continue;
        if (r.kind === 'tech') techs.push(...input.technologies.filter((t) => t.id === r.id));
        else if (r.kind === 'category') techs.push(...input.technologies.filter((t) => t.category === r.id));
        else if (r.kind === 'practice') pool.push(...(input.practices.find((p) => p.id === r.id && !p.negative)?.evidence ?? []));
        else if (r.kind === 'language' && !languages.includes(r.id)) languages.push(r.id);
      }
    }
    for (const t of techs) pool.push(...t.evidence.filter((e) => !e.detail.startsWith('implied by')));
    const items: Item[] = [];
    for (const e of dedupe(pool)) items.push({ e, ...(await classify(e)) });
    for (const id of languages) items.push(...(await languageEvidence(id)));
    // Technologies named by the skill's rules whose evidence you wrote (not only declared).
    const techNames: string[] = [];
    for (const t of techs) {
      if (techNames.includes(t.name)) continue;
      const paths = new Set(t.evidence.map((e) => `${e.path}:${e.line ?? ''}`));
      if (items.some((i) => i.status === 'authored' && paths.has(`${i.e.path}:${i.e.line ?? ''}`))) techNames.push(t.name);
    }
    skills.set(s.id, summarise(items, techNames));
  }

  // 5. Technologies: how many of their evidence files (imports, manifests, config) are yours.
  const technologies = new Map<string, PersonalFinding>();
  for (const t of input.technologies) {
    const items: Item[] = [];
    for (const e of t.evidence) if (!e.detail.startsWith('implied by')) items.push({ e, ...(await classify(e)) });
    const imports = new Set(items.filter((i) => i.status === 'authored' && i.e.detail.startsWith('import ')).map((i) => i.e.path));
    technologies.set(t.id, { ...summarise(items), ...(t.usedInFiles ? { usedInFiles: imports.size } : {}) });
  }

  const people = new Set<string>();
  for (const c of facts.commits) {
    const j = judge(c.authorName, c.authorEmail);
    if (c.parents <= 1 && !j.bot) people.add(j.person);
  }
  const byCount = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const webUrl = webUrlOf(input.remoteUrl);
  const person: PersonSummary = {
    names: byCount(names),
    emails: byCount(emails),
    commits: mine.length,
    totalCommits: facts.commits.length,
    authors: people.size,
    ...(mine.length ? { firstCommit: isoDay(firstMine), lastCommit: isoDay(lastMine) } : {}),
    identitySource: opts.identity.source,
    excluded: { merges, bulk },
    halfLifeMonths: halfLife,
    ...(facts.truncated ? { truncated: true } : {}),
    ...(also.size ? { alsoNamed: [...also.values()].sort((a, b) => b.commits - a.commits).slice(0, 5) } : {}),
    repository: { name: input.name, ...(webUrl ? { webUrl } : {}), ...(facts.headOid ? { head: facts.headOid } : {}) },
  };
  return { person, skills, technologies, work };
}

async function parentTree(store: GitObjectStore, oid: string): Promise<string> {
  const o = await store.read(oid);
  const m = /^tree ([0-9a-f]{40})/.exec(new TextDecoder().decode(o.data.subarray(0, 100)));
  if (!m) throw new GitObjectError('corrupt', `${oid} has no tree`);
  return m[1];
}
