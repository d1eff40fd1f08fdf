/** Messages between a {@link ScanClient} (the extension host) and the scan worker (src/node/scan-worker.ts). */
import type { AnalysisResult, DirEntry, EntryKind, Level, NextStep } from '../core/types';
import type { HoverCard } from '../core/hover';
import type { AnalyzeOptions, ScanProfile } from '../core/analyze';

/** Settings of one scan. */
export interface ScanSettings {
  level?: Level;
  role?: 'backend' | 'fullstack';
  /** Largest file read, in bytes. */
  maxFileBytes?: number;
  excludeDirs?: string[];
  /** The personal lens's settings (the worker adds the reader of the user's global git config). */
  personal?: Omit<NonNullable<AnalyzeOptions['personal']>, 'globalConfig'>;
}

/** To the worker. */
export type ToScanWorker =
  | {
      type: 'scan';
      id: number;
      /** Key of the folder's in-memory facts (kept between scans for incremental rescans). */
      key: string;
      /** Absolute local folder, read by the worker itself; absent when the client serves the files (`fs` requests). */
      folder?: string;
      rootLabel: string;
      settings: ScanSettings;
      /** Folder of the cross-session facts cache, if any. */
      cacheDir?: string;
      /**
       * Folder-relative paths saved in place since the last scan of `key` (see AnalyzeOptions.changed);
       * absent when files may have been created, deleted or renamed (the folder is listed again).
       */
      changed?: string[];
    }
  /** Re-ranks the folder's last result for another target (no rescan); answered with a `result`. */
  | { type: 'retarget'; id: number; key: string; level: Level; role: 'backend' | 'fullstack' }
  /** The hover card at a 1-based line and 0-based character of a folder-relative path, from the folder's last result. */
  | { type: 'hover'; id: number; key: string; relPath: string; line: number; character: number }
  /**
   * The folder's result saved by the last scan with this cache folder (last session's), answered
   * with a `result`, or an `error` when there is none of this engine's version.
   */
  | { type: 'saved'; id: number; key: string; cacheDir: string }
  | { type: 'cancel'; id: number }
  | { type: 'forget'; key: string }
  | { type: 'fs-reply'; req: number; value?: unknown; error?: string };

/** File-system operations a worker may ask its client to perform (for folders that are not local). */
export type FsOp = 'readDir' | 'stat' | 'readFile' | 'realPath';

/** From the worker. */
export type FromScanWorker =
  | { type: 'progress'; id: number; phase: string; done?: number; total?: number }
  /**
   * Part of a result's array `field` (a top-level field of AnalysisResult, 'stats.skipped', 'steps' or 'yourSteps'),
   * sent before the `result` that carries everything else with those arrays empty: the client
   * deserialises each message in one go on the editor's thread, so no message is large.
   */
  | { type: 'result-part'; id: number; field: string; items: unknown[] }
  | {
      type: 'result';
      id: number;
      result: AnalysisResult;
      /** The whole next-step ranking for the result's target (guidance rankSteps), best first. */
      steps: NextStep[];
      /** In a team repository with commits of yours, the You lens's ranking. */
      yourSteps?: NextStep[];
      profile: ScanProfile;
      hits: number;
      threadId: number;
    }
  | { type: 'hover-card'; id: number; card?: HoverCard }
  | { type: 'error'; id: number; message: string; cancelled: boolean }
  | { type: 'fs'; id: number; req: number; op: FsOp; path: string };

/** Shapes of `fs-reply` values per operation. */
export type FsValue = DirEntry[] | { size: number; kind: EntryKind; mtimeMs?: number } | Uint8Array | string;
