/**
 * Shared shapes of the Skill Radar engine. Everything here is plain data so that the CLI, the
 * tree, the hovers and the report can all render one {@link AnalysisResult}.
 */

/** Kind of a directory entry as reported by a {@link FileSource}. */
export type EntryKind = 'file' | 'dir' | 'symlink' | 'other';

/** One entry of a directory listing. `name` is a single path segment. */
export interface DirEntry {
  name: string;
  kind: EntryKind;
}

/**
 * Read-only access to a workspace. All paths are workspace-relative and POSIX-style
 * ('' is the root, 'src/app.ts' a file). The extension implements it over
 * `vscode.workspace.fs`, the CLI over Node's `fs`. Methods reject with an Error when the
 * entry cannot be read; the engine turns such errors into skipped-file records.
 */
export interface FileSource {
  /** Lists a directory. */
  readDir(relPath: string): Promise<DirEntry[]>;
  /** Size in bytes, kind and (when known) modification time in ms of an entry; symlinks are followed (a loop rejects). */
  stat(relPath: string): Promise<{ size: number; kind: EntryKind; mtimeMs?: number }>;
  /** Whole file contents. */
  readFile(relPath: string): Promise<Uint8Array>;
  /** Canonical identity of a directory (e.g. its real path) used to break symlink loops; optional. */
  realPath?(relPath: string): Promise<string>;
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
  /** True when a manifest declares it. */
  declared: boolean;
  /** Number of distinct source files whose imports use it. */
  usedInFiles: number;
  /** Components (manifest folders, '' = root) where it was found. */
  components: string[];
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
}

/** How far the workspace shows a skill; `not-observable` is never a gap. */
export type SkillStatus = 'demonstrated' | 'partial' | 'missing' | 'not-observable';
/** Experience level of a skill or target (from 004_2cef861f518bf391.txt where it places the skill). */
export type Level = 'entry' | 'mid' | 'senior';

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
  /** Evidence that supports the status (empty when missing). */
  evidence: Evidence[];
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
}
