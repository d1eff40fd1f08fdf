/**
 * Test helpers for practice detectors: a FileSource over Node's fs, a DetectorContext that
 * records what detectors report, and a writer for mini-workspaces in temp dirs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DirEntry, EntryKind, Evidence, FileSource } from '../../../src/core/types';
import type { DetectorContext, ParsedFile, WorkspaceFile, PracticeDetector } from '../../../src/core/practices/types';
import type { ManifestResult } from '../../../src/core/manifests/types';

/** A read-only FileSource over a folder of the real file system. */
export function nodeFileSource(root: string): FileSource {
  const abs = (rel: string) => path.join(root, ...rel.split('/').filter(Boolean));
  const kindOf = (s: fs.Stats): EntryKind => (s.isFile() ? 'file' : s.isDirectory() ? 'dir' : s.isSymbolicLink() ? 'symlink' : 'other');
  return {
    async readDir(rel: string): Promise<DirEntry[]> {
      const entries = await fs.promises.readdir(abs(rel), { withFileTypes: true });
      return entries.map((e) => ({ name: e.name, kind: e.isFile() ? 'file' : e.isDirectory() ? 'dir' : e.isSymbolicLink() ? 'symlink' : 'other' }));
    },
    async stat(rel: string) {
      const s = await fs.promises.stat(abs(rel));
      return { size: s.size, kind: kindOf(s) };
    },
    async readFile(rel: string) {
      return new Uint8Array(await fs.promises.readFile(abs(rel)));
    },
  };
}

/** What a detector run reported. */
export interface Reported {
  id: string;
  evidence: Evidence[];
  count?: number;
  figures?: Record<string, number | string>;
}

/** A DetectorContext over a folder, plus the reports it collected. */
export interface TestContext extends DetectorContext {
  reported: Map<string, Reported>;
  techs: Map<string, Evidence[]>;
  warnings: string[];
  /** The practice with this id, or undefined. */
  practice(id: string): Reported | undefined;
}

/** Options for {@link makeContext}. */
export interface ContextOptions {
  technologies?: string[];
  parsed?: ParsedFile[];
  manifests?: ManifestResult[];
  technologyEvidence?: Record<string, Evidence[]>;
  /** Technology id → category, offered to detectors as ctx.technologyCategory. */
  categories?: Record<string, string>;
}

function listFiles(root: string, rel = '', out: WorkspaceFile[] = []): WorkspaceFile[] {
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    if (e.name === '.git' || e.name === 'node_modules') continue;
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) listFiles(root, p, out);
    else if (e.isFile()) out.push({ path: p, size: fs.statSync(path.join(root, p)).size });
  }
  return out;
}

/** Builds a DetectorContext over `root` (every file but .git and node_modules enumerated). */
export function makeContext(root: string, opts: ContextOptions = {}): TestContext {
  const source = nodeFileSource(root);
  const reported = new Map<string, Reported>();
  const techs = new Map<string, Evidence[]>();
  const warnings: string[] = [];
  const cache = new Map<string, string | undefined>();
  const ctx: TestContext = {
    files: listFiles(root).sort((a, b) => a.path.localeCompare(b.path)),
    source,
    manifests: opts.manifests ?? [],
    parsed: opts.parsed ?? [],
    technologies: new Set(opts.technologies ?? []),
    technologyEvidence: opts.technologyEvidence ? (id: string) => opts.technologyEvidence?.[id] ?? [] : undefined,
    technologyCategory: opts.categories ? (id: string) => opts.categories?.[id] : undefined,
    async readText(p: string) {
      if (!cache.has(p)) {
        try {
          const buf = await fs.promises.readFile(path.join(root, p));
          cache.set(p, buf.includes(0) ? undefined : buf.toString('utf8'));
        } catch {
          cache.set(p, undefined);
        }
      }
      return cache.get(p);
    },
    report(id, evidence, o) {
      const prev = reported.get(id);
      if (prev) {
        prev.evidence.push(...evidence);
        if (o?.count !== undefined) prev.count = (prev.count ?? 0) + o.count;
        if (o?.figures) prev.figures = { ...prev.figures, ...o.figures };
      } else {
        reported.set(id, { id, evidence: [...evidence], count: o?.count, figures: o?.figures });
      }
    },
    reportTechnology(id, evidence) {
      techs.set(id, [...(techs.get(id) ?? []), ...evidence]);
    },
    warn(m) {
      warnings.push(m);
    },
    now: () => Date.UTC(2025, 0, 1),
    reported,
    techs,
    warnings,
    practice: (id) => reported.get(id),
  };
  return ctx;
}

/** Creates a temp folder holding `files` (path → contents) and returns its absolute path. */
export function writeWorkspace(files: Record<string, string>, prefix = 'sr-practices-'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
  return root;
}

/** Runs detectors over a context, failing the test if any throws. */
export async function run(ctx: DetectorContext, detectors: PracticeDetector[]): Promise<void> {
  for (const d of detectors) await d(ctx);
}
