/**
 * Contract for practice detectors (src/core/practices/*.ts). Each detector looks at the
 * workspace through a {@link DetectorContext} and reports practices by id (ids and names live
 * in data/practices.json). Detectors never execute anything from the workspace.
 */
import type { Evidence, FileSource } from '../types';
import type { ManifestResult } from '../manifests/types';

/** A file of the workspace that survived the excludes. `size` in bytes. */
export interface WorkspaceFile {
  path: string;
  size: number;
  /** Modification time in ms since the epoch, when the file source reports it. */
  mtimeMs?: number;
  /** Language id from data/languages.json, when the file is source code. */
  language?: string;
  /**
   * True for generated or vendored code (a `*.pb.go` path, a "Code generated ... DO NOT EDIT" or
   * "@generated" head, OpenAPI client output): never evidence of the author's work.
   */
  generated?: boolean;
}

/** One tree-sitter query match, flattened: capture name → captured text and position. */
export interface QueryMatch {
  /** Capture name → { text, line (1-based), column (0-based), endColumn (0-based, exclusive) }. */
  captures: Record<string, { text: string; line: number; column: number; endColumn: number; nodeType: string }>;
}

/** Per-file results of the source queries (purposes from src/core/captures.ts). */
export interface ParsedFile {
  path: string;
  language: string;
  /** purpose → matches, e.g. parsed.matches.tests. */
  matches: Record<string, QueryMatch[]>;
}

/** What a detector may see and do. */
export interface DetectorContext {
  /** All enumerated files (excludes and .gitignore applied). */
  files: WorkspaceFile[];
  /** Reads a file as UTF-8 text; undefined when binary, too large or unreadable (recorded as skipped). Cached. */
  readText(path: string): Promise<string | undefined>;
  /** Raw access to the workspace, e.g. for the .git folder (which is excluded from `files`). */
  source: FileSource;
  /** Parsed manifests. */
  manifests: ManifestResult[];
  /** Source files with their query matches. */
  parsed: ParsedFile[];
  /** Ids of technologies detected so far (from manifests, imports, files). */
  technologies: ReadonlySet<string>;
  /**
   * Optional: evidence the engine holds for a detected technology (manifest line, import, file).
   * Detectors fall back to a manifest lookup when the engine does not provide it.
   */
  technologyEvidence?(techId: string): Evidence[];
  /**
   * Optional: the category of a technology id (data/technologies), so detectors can ask for
   * "any linter" or "any message broker" instead of keeping their own id lists.
   */
  technologyCategory?(techId: string): string | undefined;
  /** Reports a practice. Calling it again for the same id merges evidence and adds counts. */
  report(practiceId: string, evidence: Evidence[], opts?: { count?: number; figures?: Record<string, number | string> }): void;
  /** Records a technology found by a detector (e.g. Kubernetes from apiVersion+kind). */
  reportTechnology(techId: string, evidence: Evidence[]): void;
  /** A problem that did not stop the scan. */
  warn(message: string): void;
  /**
   * Optional, from an engine that keeps state between scans: `compute(warn)`'s value, reused by the
   * next scan while `key()` resolves to the same string (its warnings are given again); an
   * undefined key always computes. Git history is read once per HEAD and refs state this way.
   */
  acrossScans?<T>(name: string, key: () => Promise<string | undefined>, compute: (warn: (message: string) => void) => Promise<T>): Promise<T>;
  /** Current time in ms since the epoch (injected so tests can pin it). */
  now(): number;
}

/** A practice detector. Must not throw for bad input: use ctx.warn. */
export type PracticeDetector = (ctx: DetectorContext) => Promise<void>;
