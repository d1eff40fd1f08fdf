/**
 * Shared shapes of the Skill Radar engine. Everything here is plain data so that the CLI, the
 * tree, the hovers and the report can all render one {@link AnalysisResult} (and one error
 * class, {@link FileRefusedError}, that every FileSource throws the same way).
 */

/** Kind of a directory entry as reported by a {@link FileSource}. */
export type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

/** One entry of a directory listing. `name` is a single path segment. */
export interface DirEntry {
  name: string;
  kind: EntryKind;
}

/** Options of {@link FileSource.readFile}. */
export interface ReadOptions {
  /** Refuse (without reading it) a file larger than this many bytes, and stop reading one that grows past it. */
  maxBytes?: number;
}

/** What {@link FileSource.stat} reports. `size` in bytes, `mtimeMs` in ms since the epoch. */
export interface EntryStat {
  size: number;
  kind: EntryKind;
  mtimeMs?: number;
  /** For kind 'other': what it is ('FIFO', 'socket', 'character device', 'block device'). */
  special?: string;
}

/**
 * Read-only access to a workspace, and the one guarded way the engine reads it. All paths are
 * workspace-relative and POSIX-style ('' is the root, 'src/app.ts' a file); a path with an empty,
 * `.` or `..` segment is refused. The extension implements it over `vscode.workspace.fs`, the CLI
 * over Node's `fs`. Every method:
 * - refuses an entry whose real path (symlinks resolved) is outside the workspace root, with a
 *   {@link FileRefusedError} whose message is "points outside the workspace";
 * - rejects with an Error when the entry cannot be read; the engine turns such errors into
 *   skipped-file records.
 * `readFile` and `readRange` also refuse anything but a regular file (FIFOs, sockets and devices
 * are never opened, so nothing can block) and `readFile` applies `maxBytes` before reading.
 * Create one per scan: implementations may remember which folders they have checked.
 */
export interface FileSource {
  /** Lists a directory. */
  readDir(relPath: string): Promise<DirEntry[]>;
  /** Size, kind and (when known) modification time of an entry; symlinks inside the workspace are followed (a loop rejects). */
  stat(relPath: string): Promise<EntryStat>;
  /** Whole contents of a regular file, at most `opts.maxBytes` bytes (larger files are refused with code 'too-large'). */
  readFile(relPath: string, opts?: ReadOptions): Promise<Uint8Array>;
  /**
   * Optional: `length` bytes of a regular file from byte `offset` (fewer only at the end of the
   * file). Git packs are read this way, so a large history is never loaded whole.
   */
  readRange?(relPath: string, offset: number, length: number): Promise<Uint8Array>;
  /** Canonical identity of a directory (e.g. its real path) used to break symlink loops; optional. */
  realPath?(relPath: string): Promise<string>;
}

/** Why a {@link FileSource} refused an entry without reading it. */
export type RefusalCode = 'outside' | 'special' | 'too-large' | 'bad-path';

/**
 * Thrown by a {@link FileSource} for entries it will not read: `message` is the reason shown in
 * `stats.skipped` ("points outside the workspace", "not a regular file (FIFO)", "too large (2 MB > 1 MB)").
 */
export class FileRefusedError extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'FileRefusedError';
  }
}

/** Where a finding comes from. `line` is 1-based; `column`/`endColumn` are 0-based on that line. */
export interface Evidence {
  path: string;
  line?: number;
  column?: number;
  endColumn?: number;
  /** What matched, e.g. `dependency org.postgresql:postgresql` or `import express`. */
  detail: string;
}

/** Technology categories, see docs/data-format.md. */
export type TechCategory = string;

/** A technology found in the workspace. */
export interface TechnologyFinding {
  id: string;
  name: string;
  category: TechCategory;
  evidence: Evidence[];
  /** True when a manifest declares it (lock-file entries and indirect requirements do not count). */
  declared: boolean;
  /**
   * True when the only evidence is transitive: lock-file entries, go.mod `// indirect`
   * requirements, pip-compile `# via other-package` lines. A transitive finding is low confidence
   * and never demonstrates a skill on its own.
   */
  transitive?: boolean;
  /**
   * True when something beyond a manifest line shows it: a configuration file, a container
   * image, or a detector (pipelines, Dockerfiles, manifests of Kubernetes, Terraform). A
   * technology that is declared and neither imported nor configured is "declared, not used".
   */
  configured?: boolean;
  /** Number of distinct source files whose imports use it. */
  usedInFiles: number;
  /** Components (manifest folders, '' = root) where it was found. */
  components: string[];
  /** The personal lens: how many of its evidence files are yours (present when {@link AnalysisResult.person} is). */
  personal?: PersonalFinding;
}

/** A practice found in the workspace (tests, CI, Docker hygiene, ...). */
export interface PracticeFinding {
  id: string;
  name: string;
  group: string;
  /** A count where counting makes sense (test cases, endpoints, commits), else undefined. */
  count?: number;
  /** True for risks such as a committed .env file. */
  negative: boolean;
  evidence: Evidence[];
  /** Extra figures for reports, e.g. { GET: 4, POST: 2 }. */
  figures?: Record<string, number | string>;
}

/** Lines and files per language. */
export interface LanguageStat {
  id: string;
  name: string;
  files: number;
  /** Non-blank lines. */
  lines: number;
  /** A few example files as evidence. */
  evidence: Evidence[];
  /**
   * JavaScript/TypeScript only: files and non-blank lines that run in the browser (Stimulus
   * controllers, app/javascript, a Vite/webpack frontend), part of `files`/`lines`. Browser code is
   * front-end work, not Node.js on the server.
   */
  browserFiles?: number;
  browserLines?: number;
  /**
   * JavaScript/TypeScript only: up to 5 files that do not run in the browser (server code, tools),
   * the evidence of the `language:<id>-server` reference (Node.js work).
   */
  serverEvidence?: Evidence[];
}

/**
 * The strongest kind of evidence behind a status, weakest first: `declared` (a manifest line),
 * `imported` (code imports it), `used-in-code` (code or configuration uses it), `tested` (tests
 * exercise it), `enforced-in-ci` (a pipeline runs it).
 */
export type Confidence = 'declared' | 'imported' | 'used-in-code' | 'tested' | 'enforced-in-ci';

/** How far the workspace shows a skill; `not-observable` is never a gap. */
export type SkillStatus = 'demonstrated' | 'partial' | 'missing' | 'not-observable';
/** Experience level of a skill or target (from 004_2cef861f518bf391.txt where it places the skill). */
export type Level = 'entry' | 'mid' | 'senior';

/** Whether the workspace shows a skill's expectation at one level; `n/a` when the catalog sets none there or code cannot show it. */
export type LevelState = 'met' | 'not-yet' | 'n/a';

/** A skill's expectation at each level (data/guidance), judged from this workspace. */
export type SkillLevels = Record<Level, LevelState>;

/**
 * One next step a mentor would give (src/core/guidance.ts): what to do, for which skill and level,
 * why now, the evidence it builds on and one official documentation link. Steps are ordered best
 * first; `score` is in 0..1.
 */
export interface NextStep {
  /** Skill id (data/skills.json). */
  skill: string;
  /** Skill name, for rendering. */
  name: string;
  /** The level whose expectation this step works toward (above the target: "next level"). */
  level: Level;
  /** The step itself, in the primary backend stack's terms. */
  text: string;
  /** One line: the level expectation and its source (document and section, or judgement). */
  why: string;
  /** Workspace evidence the step builds on (click to open); may be empty for a first step. */
  buildsOn: Evidence[];
  /** Official documentation of the technology involved (never fetched). */
  learn: string;
  /** Ranking score, 0..1. */
  score: number;
  /** `start`: nothing of it yet; `increment`: builds on what is there; `fix`: removes a risk the scan found. */
  kind: 'start' | 'increment' | 'fix';
  /** The expectation at `level`, in a sentence. */
  expectation: string;
  /** True when `level` is above the target level. */
  aboveTarget: boolean;
}

/** How the guidance sees the workspace: the primary backend stack and what kind of codebase it is. */
export interface BackendProfile {
  /** Primary backend stack id (`python`, `java`, `node`, ...), absent when no backend code is found. */
  stack?: string;
  /** Framework flavour of that stack (`django`, `spring`, `rails`, ...), when one is used. */
  framework?: string;
  /** Other backend stacks with framework or route evidence. */
  otherStacks: string[];
  archetype: Archetype;
  /**
   * False for a service (JSON API, web app, worker) with nothing to deploy: no entry point, container
   * or server configuration (a reusable Django app, a Rails engine); its steps leave deployment out.
   * Absent when the archetype is not a service or something deployable was found.
   */
  deployable?: false;
  /** For display: "Python (FastAPI) · JSON API". */
  label: string;
  /** Why: e.g. "FastAPI used in 12 files", "14 routes in Python files". */
  reasons: string[];
}

/** What kind of codebase a workspace is, as far as guidance cares. */
export type Archetype = 'json-api' | 'web-app' | 'worker' | 'library' | 'cli' | 'tutorial';

/** "ready for mid: 18 of 25 core mid expectations shown". */
export interface Readiness {
  level: Level;
  /** Core expectations at that level the workspace shows. */
  met: number;
  /** Core expectations at that level code can show here. */
  total: number;
}

/** One catalog skill evaluated against the workspace. */
export interface SkillResult {
  id: string;
  name: string;
  category: string;
  status: SkillStatus;
  /** From the catalog: whether code can show this skill at all (`no`: guidance only). */
  observable: 'code' | 'partial' | 'no';
  level: Level;
  summary: string;
  /** Evidence that supports the status (empty when missing): only rows that support this skill. */
  evidence: Evidence[];
  /** For demonstrated and partial skills: the strongest kind of evidence behind the status. */
  confidence?: Confidence;
  /** Human-readable reasons, e.g. "Express detected", "12 test cases". */
  signals: string[];
  /** For gaps: concrete next steps for the detected stack, most specific first. */
  suggestions: string[];
  /** For gaps: what was looked for, so "not detected" never reads as "not done"; for skills this workspace cannot show, why. */
  searched?: string;
  /** True when the skill is above the target level (shown as "next level", not a failure). */
  aboveTarget: boolean;
  /** True for a missing skill that is not a gap for this person: another language, or frontend work for a backend role. */
  optional: boolean;
  sources: { document: string; title: string; section: string }[];
  /** The personal lens: what your own commits show of this skill (present when {@link AnalysisResult.person} is). */
  personal?: PersonalFinding;
  /** The skill's expectation at each level, judged from this workspace (data/guidance). */
  levels?: SkillLevels;
}

/**
 * Your part in a skill's (or technology's) evidence, from diffing only your own commits against
 * their parents: `authored` when your commits added the evidence lines (or most of an evidence
 * file; a dependency line alone only counts as touched), `touched` when a commit of yours changed
 * an evidence file, else `none`.
 */
export interface PersonalFinding {
  status: 'authored' | 'touched' | 'none';
  /** Evidence files that are yours: authored, or touched when the status is `touched`. */
  files: number;
  /** Date (YYYY-MM-DD, UTC) of your latest commit behind the status. */
  lastShown?: string;
  /** Date of your earliest commit behind the status. */
  firstShown?: string;
  /**
   * 0..1: 1 for authored (0.3 for touched, 0 for none), halved for every `person.halfLifeMonths`
   * since `lastShown`.
   */
  weight: number;
  /** Your authored evidence (at most 25, the skill's cited evidence first), for reports and the profile. */
  evidence?: Evidence[];
  /** Skills only: technologies the skill's rules name whose evidence you authored, e.g. ["Express", "Prisma"]. */
  technologies?: string[];
  /** Technologies only: of the source files importing it (`usedInFiles`), how many you authored the import of. */
  usedInFiles?: number;
}

/** Who "you" were taken to be in the repository's history, and how much of it is yours. */
export interface PersonSummary {
  /** Author names of your commits, most commits first. */
  names: string[];
  /** Author emails of your commits, most commits first. */
  emails: string[];
  /** Your non-merge commits on HEAD (authored, or co-authored through a Co-authored-by trailer); bots never count. */
  commits: number;
  /** Commits read on HEAD (all authors, merges included; at most 5,000). */
  totalCommits: number;
  /** People (mailmap-joined, bots left out) with non-merge commits among those read, you included. */
  authors?: number;
  /** Dates (YYYY-MM-DD, UTC) of your first and latest commit. */
  firstCommit?: string;
  lastCommit?: string;
  /** How the identity was chosen: "user.email in .git/config", "--author", "skillRadar.identities", ... */
  identitySource: string;
  /** Your commits that were not credited: merges, and mass reformat/rename/import commits. */
  excluded: { merges: number; bulk: number };
  /** Half-life of the decay of `personal.weight`, in months. */
  halfLifeMonths: number;
  /** True when the history goes past the commits read. */
  truncated?: boolean;
  /** Other authors with one of your names but another email (not counted as you; add them with --author). */
  alsoNamed?: { name: string; email: string; commits: number }[];
  /** Web address of the repository (from a known host's remote url, credentials removed) and the HEAD commit. */
  repository?: { name: string; webUrl?: string; head?: string };
  /**
   * Next steps through the You lens (at most 7, best first): in a team repository, working on the
   * part of this codebase that already does X ranks before adding X. Absent when nobody else commits
   * here or you have no commits; `nextSteps` of the result are always the repository's.
   */
  nextSteps?: NextStep[];
}

/** A file the scan passed over, with the reason ("binary", "too large (3 MB > 1 MB)", ...). */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** A folder with its own manifest (monorepo component). '' is the workspace root. */
export interface Component {
  path: string;
  manifests: string[];
  technologies: string[];
}

/** The whole outcome of one scan. This is the JSON contract (schemaVersion 1). */
export interface AnalysisResult {
  schemaVersion: 1;
  root: string;
  target: { level: Level; role: 'backend' | 'fullstack' };
  stats: {
    files: number;
    parsedFiles: number;
    bytes: number;
    durationMs: number;
    skipped: SkippedFile[];
  };
  languages: LanguageStat[];
  technologies: TechnologyFinding[];
  practices: PracticeFinding[];
  skills: SkillResult[];
  /** Practices that were looked for and not found, each with what was searched (negative ones omitted). */
  absentPractices: { id: string; name: string; group: string; searched: string }[];
  components: Component[];
  /** Problems that did not stop the scan (malformed manifests, unreadable folders). */
  warnings: string[];
  /** Architecture hint with reasons, when one can be stated. */
  architecture?: { style: string; reasons: string[] };
  /**
   * Present only when the folder holds no source code (an empty folder, or only documents, data
   * and configuration): `reason` says so in words a face can show instead of a list of gaps;
   * `files` counts the files that were there. Skills nothing was found for are then
   * `not-observable` with that reason, never missing.
   */
  noSource?: { reason: string; files: number };
  /** The personal lens: who you were taken to be (absent without history or an identity). */
  person?: PersonSummary;
  /** Next steps for the target, best first, 3 to 7 entries when the catalog has that many open expectations. */
  nextSteps: NextStep[];
  /** Core expectations at the target level that the workspace shows. */
  readiness: Readiness;
  /** The primary backend stack and archetype the next steps are written for. */
  backend: BackendProfile;
}
