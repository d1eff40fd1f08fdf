/**
 * The analysis pipeline: enumerate files → parse manifests → parse source with tree-sitter →
 * match technologies (packages, imports, files, images, content) → run practice detectors →
 * evaluate the skill catalog. Produces one {@link AnalysisResult} that every face renders.
 */
import type { AnalysisResult, Component, Evidence, FileSource, LanguageStat, Level, PracticeFinding, TechnologyFinding } from './types';
import type { DetectorContext, ParsedFile, QueryMatch, WorkspaceFile } from './practices/types';
import type { ManifestResult } from './manifests/types';
import type { Knowledge, LanguageDef } from './knowledge';
import { enumerateFiles, TextReader, basename, dirname, extname } from './files';
import { TreeSitterHost } from './treesitter';
import { MANIFEST_PURPOSE, QUERY_PURPOSES } from './captures';
import { unparsable, unreadCodeManifest, type CodeManifest } from './manifests/index';
import { BUNDLE_LINE, MINIFIED_LINE, computeFileFacts, inProcessFacts, type FactsProvider, type FileFacts } from './facts';
import { parseManifests } from './manifest-scan';
import { PRACTICE_DETECTORS, architectureHint, runPracticeDetectors } from './practices/index';
import { readCompose, readDockerfiles } from './practices/containers';
import { evaluateSkills } from './skills';
import { readGitFacts, readGitFile } from './practices/git';
import { configValues, Mailmap, resolveIdentity, type ConfigText } from './git/identity';
import { personalLens } from './git/personal';
import { applyTarget, backendProfile, withLevels } from './guidance';
import { transitiveReason } from './transitive';
import { LiveState } from './incremental';
import { before, trimEndOf } from './strings';

/** Options of {@link analyzeWorkspace}. */
export interface AnalyzeOptions {
  /** Shown as `root` in the result (an absolute path or a URI string). */
  rootLabel: string;
  knowledge: Knowledge;
  /** A ready tree-sitter host; when absent (and no `facts`), source is not parsed (manifests and files still are). */
  treeSitter?: TreeSitterHost;
  /**
   * Computes per-file facts, possibly in parallel (src/node/parse-pool.ts). Default: in process,
   * one file at a time, with `treeSitter`.
   */
  facts?: FactsProvider;
  /**
   * With `facts` a pool that has not started yet and a `treeSitter` host, a scan with fewer source
   * bytes than this to parse parses them on the calling thread: starting workers costs more than
   * the work (the 21-file sample). Default 0 (always `facts`).
   */
  inProcessBelowBytes?: number;
  level?: Level;
  role?: 'backend' | 'fullstack';
  /** Largest file read, in bytes (default 1 MiB). */
  maxFileBytes?: number;
  /** Extra folder names to exclude. */
  excludeDirs?: string[];
  /** Most files enumerated (default 200,000): memory stays bounded on giant workspaces, the rest is a warning. */
  maxFiles?: number;
  /** Clock in ms since the epoch (injected for tests). */
  now?: () => number;
  /**
   * Called between phases and, while source is parsed, after each file: `phase` is a short label,
   * `done`/`total` count the source files of the workspace (cached ones count as done at once).
   */
  onProgress?: (phase: string, done?: number, total?: number) => void;
  /** Filled with the scan's figures when given (for the bench and the output channel). */
  profile?: ScanProfile;
  /**
   * Per-file results kept between scans of the same folder: a file whose size and mtime are
   * unchanged is neither read nor parsed again. Pass the same object to each rescan.
   */
  parseCache?: ParseCache;
  /** Checked between files; when it returns true the scan stops with an Error('cancelled'). */
  isCancelled?: () => boolean;
  /**
   * Workspace-relative paths of files changed in place since the last scan with the same
   * `parseCache` (saves a file watcher reported). When given, and every one of them was listed
   * last time, the last file list is reused with only these files stated again; undefined (the
   * default, and what a created, deleted or renamed file needs) lists the workspace again.
   */
  changed?: readonly string[];
  /** The personal lens (`person`, `skills[].personal`); on by default whenever an identity is found. */
  personal?: PersonalLensOptions;
}

/** How the personal lens finds "you". All I/O outside the workspace is injected by the host. */
export interface PersonalLensOptions {
  /** false turns the pass off. */
  enabled?: boolean;
  /** git --author style patterns (CLI --author, the skillRadar.identities setting); when given, git config is not consulted. */
  authors?: string[];
  /** Where `authors` came from, shown as person.identitySource (default "--author"). */
  authorsLabel?: string;
  /**
   * Texts of the user's global git config files, highest precedence first (~/.gitconfig, then
   * $XDG_CONFIG_HOME/git/config, with their includes). `repo.gitdir` is the real path of the scanned
   * repository's git dir when the source knows it, for `includeIf "gitdir:…"`.
   */
  globalConfig?: (repo: { gitdir?: string }) => Promise<ConfigText[]>;
  /** Months after which a personal finding's weight halves (default 12). */
  halfLifeMonths?: number;
}

/** Figures of one scan: wall ms per phase (labels of {@link AnalyzeOptions.onProgress}), bytes of source parsed. */
export interface ScanProfile {
  phases: Record<string, number>;
  /** Bytes of the source files whose facts have tree-sitter matches (cached or computed). */
  parsedBytes: number;
  /** Source files whose facts were computed in this scan, and reused from the cache. */
  computed: number;
  reused: number;
  /** Files with matches: path and grammar id (for the bench's raw-parse yardstick). */
  parsedList?: { path: string; grammar: string }[];
  /** Incremental rescans: whether the last file list was reused, and texts served from memory without reading. */
  enumerationReused?: boolean;
  textsReused?: number;
}

/** Paths that are generated or vendored: counted as files but neither parsed nor counted as code. */
const GENERATED = [
  /(^|\/)(generated|gen|__generated__|third_party|thirdparty|external|built)\//,
  // Front-end libraries copied into static folders (static/js/libs/jquery.js) are not the project's code.
  /(^|\/)(static|public|assets|wwwroot)\/(.{0,4096}\/)?(libs?|vendors?|third-party)\//,
  /\.d\.[cm]?ts$/,
  /\.min\.(js|css)$/, /\.bundle\.js$/, /[._-]pb2(_grpc)?\.py$/, /\.pb\.go$/, /_grpc\.pb\.go$/, /\.g\.cs$/, /\.designer\.cs$/i,
  /(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml)$/,
  // Code generators' own file names: *.gen.ts, *_gen.go, zz_generated.*, *.generated.cs, *_pb.js, *.pb.gw.go.
  /\.gen\.[cm]?[jt]sx?$|[._]gen\.go$|(^|\/)zz_generated[\w.]*\.go$|\.generated\.\w+$|_generated\.go$|_pb\.(js|d\.ts)$|_grpc_pb\.js$|\.pb\.gw\.go$|_pb2\.pyi$|\.g\.dart$/,
];

export { hasGeneratedHead } from './facts';

/** True for generated or vendored paths (see {@link GENERATED}). */
export function isGenerated(path: string): boolean {
  return GENERATED.some((r) => r.test(path));
}

/** Folders of browser code: Rails app/javascript, Laravel resources/js, static and public assets, frontend apps. */
const BROWSER_PATH = /(^|\/)(app\/javascript|app\/assets|vendor\/assets|resources\/js|resources\/assets|static|public|assets|wwwroot|webroot|web\/static|frontend|client|webapp|src\/main\/resources\/static)\//;
/** Modules only a browser page imports. */
const BROWSER_IMPORT = /^(react-dom(\/.*)?|react-router-dom|@tanstack\/react-[\w-]+|vue|vue-router|pinia|svelte(\/.*)?|@sveltejs\/[\w-]+|@angular\/(core|common|router|forms|platform-browser)|@hotwired\/[\w-]+|stimulus|jquery|alpinejs|htmx\.org|bootstrap|@popperjs\/core|chart\.js|leaflet|preact|solid-js|lit|@mui\/[\w-]+|@chakra-ui\/[\w-]+|controllers(\/.*)?)$/;
/** Modules only server-side JavaScript imports. */
const SERVER_IMPORT = /^(node:.*|fs|path|http|https|net|child_process|crypto|os|express|fastify|koa|@nestjs\/[\w-]+|@hapi\/[\w-]+|hono|pg|mysql2?|mongoose|mongodb|@prisma\/client|knex|typeorm|sequelize|ioredis|redis|bullmq|kafkajs|amqplib)$/;

/**
 * True for JavaScript/TypeScript that runs in the browser: it imports browser-only modules and no
 * server module, or it lives in a browser-code folder and imports no server module.
 */
export function isBrowserScript(path: string, imports: readonly string[]): boolean {
  if (imports.some((i) => SERVER_IMPORT.test(i))) return false;
  return BROWSER_PATH.test(path) || imports.some((i) => BROWSER_IMPORT.test(i));
}

/** Finds the language of a path from data/languages.json (extension or exact file name). */
export function languageOf(path: string, languages: LanguageDef[]): LanguageDef | undefined {
  const base = basename(path);
  const ext = extname(path);
  return languages.find((l) => l.filenames.includes(base)) ?? (ext ? languages.find((l) => l.extensions.includes(ext)) : undefined);
}

/** Separator of module segments in import names, per language. */
const IMPORT_SEPARATOR: Record<string, string> = {
  javascript: '/', typescript: '/', go: '/', python: '.', java: '.', kotlin: '.', scala: '.', csharp: '.', ruby: '/', php: '\\', rust: '::',
};

/** Normalises a container image reference to `name` (no registry, tag or digest); undefined for build args. */
export function imageName(ref: string): string | undefined {
  let r = ref.trim();
  if (!r || r.includes('$') || r === 'scratch') return undefined;
  r = r.split('@')[0];
  const parts = r.split('/');
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) parts.shift();
  let name = parts.join('/');
  const colon = name.lastIndexOf(':');
  if (colon > 0) name = name.slice(0, colon);
  return name.replace(/^library\//, '').toLowerCase();
}

/** What a scan keeps per source file for the next scan (see {@link AnalyzeOptions.parseCache}). */
export interface CachedFacts {
  size: number;
  mtimeMs: number;
  facts: FileFacts;
}

/**
 * Per-file facts kept between scans; a file whose size and mtime are unchanged is neither read nor
 * parsed again. Entries of deleted files are dropped. {@link ParseCache.entries} and
 * {@link ParseCache.fromEntries} let a host persist it across sessions (src/node/facts-cache.ts).
 */
export class ParseCache {
  private map = new Map<string, CachedFacts>();
  /** Hits in the last scan (for tests and the output channel). */
  hits = 0;
  /** Files whose facts were computed in the last scan. */
  misses = 0;
  /** True when an entry was added or dropped since the last {@link ParseCache.markSaved}. */
  dirty = false;
  /** What is kept in memory only, for incremental rescans (see src/core/incremental.ts); never persisted. */
  readonly live = new LiveState();

  /** The entry for a file when its size and mtime still match. */
  get(f: WorkspaceFile): CachedFacts | undefined {
    const e = this.map.get(f.path);
    if (e && f.mtimeMs !== undefined && e.mtimeMs === f.mtimeMs && e.size === f.size) {
      this.hits++;
      return e;
    }
    return undefined;
  }

  set(f: WorkspaceFile, facts: FileFacts): void {
    this.misses++;
    if (f.mtimeMs === undefined) return;
    this.map.set(f.path, { size: f.size, mtimeMs: f.mtimeMs, facts });
    this.dirty = true;
  }

  /** Keeps only the given paths (called after enumeration) and resets the hit counts. */
  retain(paths: Set<string>): void {
    this.hits = 0;
    this.misses = 0;
    for (const p of [...this.map.keys()]) {
      if (!paths.has(p)) {
        this.map.delete(p);
        this.dirty = true;
      }
    }
  }

  /** Number of entries. */
  get size(): number {
    return this.map.size;
  }

  /** All entries as [path, entry] pairs (for persisting). */
  entries(): [string, CachedFacts][] {
    return [...this.map.entries()];
  }

  /** A cache holding the given entries (as returned by {@link ParseCache.entries}). */
  static fromEntries(entries: Iterable<[string, CachedFacts]>): ParseCache {
    const c = new ParseCache();
    for (const [p, e] of entries) c.map.set(p, e);
    return c;
  }

  /** Clears {@link ParseCache.dirty} after the host saved the cache. */
  markSaved(): void {
    this.dirty = false;
  }
}

/** Files read and parsed at once: enough to keep every parse worker busy while reads are pending. */
const READ_CONCURRENCY = 16;

/**
 * Runs `fn` over `items` with at most `limit` calls pending; resolves when all are done. The first
 * rejection stops new calls and rejects (after the pending ones settle).
 */
async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const lane = async () => {
    while (failed === undefined && next < items.length) {
      const i = next++;
      try {
        await fn(items[i], i);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failed !== undefined) throw failed;
}

/** How a piece of technology evidence was found. */
type TechHow = 'declared' | 'import' | 'file' | 'transitive' | 'image';

class Collector {
  readonly techs = new Map<string, TechnologyFinding>();
  readonly practices = new Map<string, PracticeFinding>();
  private readonly usedFiles = new Map<string, Set<string>>();
  /** Technologies with evidence other than transitive dependencies. */
  private readonly direct = new Set<string>();

  constructor(private readonly k: Knowledge) {}

  /** True when every piece of a technology's evidence is a transitive dependency. */
  transitiveOnly(id: string): boolean {
    return this.techs.has(id) && !this.direct.has(id);
  }

  tech(id: string, ev: Evidence, how: TechHow): void {
    const def = this.k.techById.get(id);
    if (!def) return;
    let t = this.techs.get(id);
    if (!t) {
      t = { id, name: def.name, category: def.category, evidence: [], declared: false, usedInFiles: 0, components: [] };
      this.techs.set(id, t);
    }
    if (!t.evidence.some((e) => e.path === ev.path && e.line === ev.line && e.detail === ev.detail)) t.evidence.push(ev);
    if (how !== 'transitive') this.direct.add(id);
    if (how === 'declared' || how === 'image') t.declared = true;
    if (how === 'file' || how === 'image') t.configured = true;
    if (how === 'import') {
      let s = this.usedFiles.get(id);
      if (!s) this.usedFiles.set(id, (s = new Set()));
      s.add(ev.path);
      t.usedInFiles = s.size;
    }
  }

  practice(id: string, evidence: Evidence[], opts: { count?: number; figures?: Record<string, number | string> } = {}): void {
    const def = this.k.practiceById.get(id);
    if (!def) return;
    let p = this.practices.get(id);
    if (!p) {
      p = { id, name: def.name, group: def.group, negative: !!def.negative, evidence: [] };
      this.practices.set(id, p);
    }
    for (const e of evidence) if (!p.evidence.some((x) => x.path === e.path && x.line === e.line && x.detail === e.detail)) p.evidence.push(e);
    if (opts.count !== undefined) p.count = (p.count ?? 0) + opts.count;
    if (opts.figures) p.figures = { ...(p.figures ?? {}), ...opts.figures };
  }

  /** Adds technologies implied by detected ones (transitively), citing the implying one. */
  closeImplies(): void {
    let changed = true;
    while (changed) {
      changed = false;
      for (const t of [...this.techs.values()]) {
        for (const imp of this.k.techById.get(t.id)?.implies ?? []) {
          if (!this.techs.has(imp) || (!this.transitiveOnly(t.id) && this.transitiveOnly(imp))) {
            // What a transitive dependency implies is transitive too.
            // What a transitive or declared-only technology implies is just as weak.
            const how = this.transitiveOnly(t.id) ? 'transitive' : t.configured || t.usedInFiles ? 'file' : 'declared';
            this.tech(imp, { ...t.evidence[0], detail: `implied by ${t.name}: ${t.evidence[0]?.detail ?? ''}` }, how);
            changed = true;
          }
        }
      }
    }
  }
}

/**
 * Scans a workspace and returns the analysis. Never throws for workspace content (bad files
 * become `stats.skipped` or `warnings`); rejects when the root cannot be listed or on cancel.
 */
export async function analyzeWorkspace(source: FileSource, opts: AnalyzeOptions): Promise<AnalysisResult> {
  const k = opts.knowledge;
  const now = opts.now ?? (() => Date.now());
  const started = now();
  const profile = opts.profile;
  let phase: string | undefined;
  let phaseStart = now();
  const progress = (label: string, done?: number, total?: number) => {
    if (profile && label !== phase) {
      const t = now();
      if (phase) profile.phases[phase] = (profile.phases[phase] ?? 0) + (t - phaseStart);
      phase = label;
      phaseStart = t;
    }
    opts.onProgress?.(label, done, total);
  };
  const checkCancel = () => {
    if (opts.isCancelled?.()) throw new Error('cancelled');
  };
  progress('listing files');
  // Kept state is valid only for the same knowledge and the settings that shape what is read.
  const live = opts.parseCache?.live;
  live?.prepare([k, opts.maxFileBytes ?? 0, (opts.excludeDirs ?? []).join('\0'), opts.maxFiles ?? 0, opts.rootLabel]);
  const enumerate = () => enumerateFiles(source, { excludeDirs: opts.excludeDirs, maxFiles: opts.maxFiles ?? 200_000 });
  const en = live ? ((await live.reuseEnumeration(source, opts.changed)) ?? live.keepEnumeration(await enumerate())) : await enumerate();
  const warnings = [...en.warnings];
  const skipped = en.skipped;
  const files: WorkspaceFile[] = en.files;
  const sizes = new Map(files.map((f) => [f.path, f.size]));
  const textReader = new TextReader(source, sizes, skipped, opts.maxFileBytes, undefined, en.excluded);
  textReader.noteUnreadable(files);
  live?.retain(new Set(files.map((f) => f.path)));
  // With kept state, an unchanged file's text comes from memory (and its regex hits with it).
  const fileByPath = new Map(files.map((f) => [f.path, f]));
  let reusedBytes = 0;
  const counted = new Set<string>();
  const reader = {
    read: (p: string): Promise<string | undefined> => {
      if (!live) return textReader.read(p);
      const f = fileByPath.get(p);
      // Each file's bytes count once per scan, read or served from memory.
      const load = () => {
        counted.add(p);
        return textReader.read(p);
      };
      return live.text(f, load, () => {
        if (counted.has(p)) return;
        counted.add(p);
        reusedBytes += f!.size;
      });
    },
    clear: () => textReader.clear(),
    get bytes() {
      return textReader.bytes + reusedBytes;
    },
  };
  const c = new Collector(k);

  // Languages of files.
  const languageDefs = new Map<string, LanguageDef>();
  // Folders an OpenAPI/Swagger generator wrote (they carry its marker file): all generated.
  const generatedDirs = [...new Set(files.filter((f) => /(^|\/)(\.openapi-generator-ignore|\.swagger-codegen-ignore)$|(^|\/)\.openapi-generator\//.test(f.path)).map((f) => dirname(f.path.includes('/.openapi-generator/') ? `${before(f.path, '/.openapi-generator/')}/x` : f.path)))];
  const inGeneratedDir = (p: string) => generatedDirs.some((d) => d === '' ? true : p.startsWith(d + '/'));
  for (const f of files) {
    const lang = languageOf(f.path, k.languages);
    if (isGenerated(f.path) || inGeneratedDir(f.path)) {
      if (lang) f.generated = true;
    } else if (lang) {
      f.language = lang.id;
      languageDefs.set(f.path, lang);
    }
  }

  // Manifests.
  progress('reading manifests');
  // Manifests that are code (setup.py, Gemfile, *.gradle.kts ...) are parsed once: the manifest query
  // runs on the same tree as the source queries of their language, whose matches the source pass reuses.
  const preParsed = new Map<string, Record<string, QueryMatch[]>>();
  const readCode = async (path: string, text: string, code: CodeManifest): Promise<ManifestResult> => {
    const problem = opts.treeSitter ? unparsable(text) : `the ${code.grammar} grammar is not loaded`;
    if (problem || !opts.treeSitter) return unreadCodeManifest(path, code, problem ?? '');
    // In process, the source queries run on the same tree; with parse workers the file's source pass is theirs.
    const purposes = !opts.facts && languageDefs.get(path)?.grammar === code.grammar ? QUERY_PURPOSES : [];
    try {
      const out = await opts.treeSitter.parse(code.grammar, text, purposes, { purpose: MANIFEST_PURPOSE, read: (m) => code.read(path, m), bounded: true });
      if (out && purposes.length) preParsed.set(path, out.matches);
      return out?.read ?? unreadCodeManifest(path, code, `the ${code.grammar} grammar is not loaded`);
    } catch (e) {
      return unreadCodeManifest(path, code, (e as Error).message);
    }
  };
  const manifests: ManifestResult[] = await parseManifests(files.map((f) => f.path), (p) => reader.read(p), (w) => warnings.push(w), readCode);
  for (const m of manifests) {
    // pip-compile output says which requirements are only there for another package (`# via`).
    const text = /^requirements/.test(m.kind) ? await reader.read(m.path) : undefined;
    for (const d of m.dependencies) {
      const index = d.gradlePlugin ? k.gradlePlugins : k.packages.get(d.ecosystem);
      if (!index) continue;
      const why = transitiveReason(m, d, text);
      const what = why ? 'transitive dependency' : d.gradlePlugin ? 'Gradle plugin' : d.scope === 'plugin' ? 'build plugin' : `${d.scope === 'prod' ? '' : d.scope + ' '}dependency`;
      const how = why ? 'transitive' : 'declared';
      const tail = why ? ` (${why})` : '';
      for (const id of index.lookup(d.name)) c.tech(id, { path: m.path, line: d.line, detail: `${what} ${d.name}${d.version ? ' ' + d.version : ''}${tail}`.trim() }, how);
      // Features and extras (`sqlx[postgres]`, `celery[redis]`) can name a technology of their own.
      for (const f of d.features ?? []) {
        for (const id of index.lookup(`${d.name}[${f}]`)) c.tech(id, { path: m.path, line: d.line, detail: `${what} ${d.name} with feature ${f}${tail}` }, how);
      }
    }
  }

  // The project's own module paths (go.mod `module`): imports under them are not third-party use.
  const ownModules = manifests.filter((m) => m.kind === 'go.mod' && m.name).map((m) => m.name!);
  const isOwnImport = (lang: string, src: string) => lang === 'go' && ownModules.some((mod) => src === mod || src.startsWith(mod + '/'));

  // Source files: one visit each (read, parse, query) yields its facts, computed in parallel by
  // the facts provider; cached facts of unchanged files are reused.
  progress('parsing source');
  const canParse = !!(opts.facts || opts.treeSitter);
  const langStats = new Map<string, LanguageStat>();
  const parsed: ParsedFile[] = [];
  let parsedFiles = 0;
  let parsedBytes = 0;
  const cache = opts.parseCache;
  cache?.retain(new Set(files.map((f) => f.path)));
  const sources = files.filter((f) => f.language);
  const factsOf = new Map<string, FileFacts>();
  const todo: WorkspaceFile[] = [];
  for (const f of sources) {
    const e = cache?.get(f);
    const grammar = languageDefs.get(f.path)!.grammar;
    // An entry made without a parser is redone when one is available now.
    if (e && !(grammar && canParse && !e.facts.matches && !e.facts.minified && !e.facts.parseError)) factsOf.set(f.path, e.facts);
    else todo.push(f);
  }
  const bytesByGrammar = new Map<string, number>();
  let todoBytes = 0;
  for (const f of todo) {
    const g = languageDefs.get(f.path)!.grammar;
    if (g) bytesByGrammar.set(g, (bytesByGrammar.get(g) ?? 0) + f.size);
    if (g) todoBytes += f.size;
  }
  const inProcess = !opts.facts || (!!opts.treeSitter && opts.facts.started === false && todoBytes < (opts.inProcessBelowBytes ?? 0));
  const facts = inProcess ? inProcessFacts(opts.treeSitter) : opts.facts!;
  if (canParse) facts.plan?.(bytesByGrammar);
  let done = sources.length - todo.length;
  progress('parsing source', done, sources.length);
  await forEachLimit(todo, READ_CONCURRENCY, async (f) => {
    checkCancel();
    const text = await reader.read(f.path);
    if (text === undefined) return;
    const grammar = canParse ? languageDefs.get(f.path)!.grammar : undefined;
    let ff: FileFacts;
    // A manifest that is code (setup.py, Gemfile) may already have been parsed with the source queries.
    const pre = preParsed.get(f.path);
    try {
      if (pre) {
        const base = await computeFileFacts(text, undefined, undefined);
        ff = base.minified ? base : { ...base, matches: pre };
      } else ff = await facts.compute(text, grammar);
    } catch (e) {
      ff = { ...(await computeFileFacts(text, undefined, undefined)), parseError: (e as Error).message };
    }
    cache?.set(f, ff);
    factsOf.set(f.path, ff);
    progress('parsing source', ++done, sources.length);
  });
  for (const f of sources) {
    const entry = factsOf.get(f.path);
    if (!entry) continue;
    const def = languageDefs.get(f.path)!;
    if (entry.parseError) warnings.push(`${f.path}: could not be parsed (${entry.parseError})`);
    if (entry.minified) {
      // Bundles and generated code are not the author's: no language lines, no evidence.
      f.generated = true;
      skipped.push({ path: f.path, reason: `minified or generated: a line of ${BUNDLE_LINE.toLocaleString('en-US')}+ characters (or ${MINIFIED_LINE.toLocaleString('en-US')}+ in a file under 5 lines); not parsed` });
      continue;
    }
    let st = langStats.get(def.id);
    if (!st) langStats.set(def.id, (st = { id: def.id, name: def.name, files: 0, lines: 0, evidence: [] }));
    st.files++;
    st.lines += entry.lines;
    if (st.evidence.length < 5) st.evidence.push({ path: f.path, detail: `${def.name} source` });
    const matches = entry.matches;
    // JavaScript that runs in the browser (Stimulus controllers, app/javascript, a Vite/webpack
    // frontend) is front-end work, not Node.js on the server.
    if ((def.id === 'javascript' || def.id === 'typescript') && isBrowserScript(f.path, (matches?.imports ?? []).map((m) => m.captures['import.source']?.text.trim() ?? ''))) {
      st.browserLines = (st.browserLines ?? 0) + entry.lines;
      st.browserFiles = (st.browserFiles ?? 0) + 1;
    } else if ((def.id === 'javascript' || def.id === 'typescript') && (st.serverEvidence ??= []).length < 5) {
      st.serverEvidence.push({ path: f.path, detail: `${def.name} source outside the browser` });
    }
    if (!matches) continue;
    parsedFiles++;
    parsedBytes += f.size;
    parsed.push({ path: f.path, language: def.id, matches });
    const importIdx = k.imports.get(def.id === 'typescript' ? 'javascript' : def.id);
    if (importIdx) {
      const sep = IMPORT_SEPARATOR[def.id] ?? '.';
      for (const m of matches.imports ?? []) {
        const src = m.captures['import.source'];
        if (!src || isOwnImport(def.id, src.text.trim())) continue;
        const name = m.captures['import.name'];
        // `from a.b import c` also names module a.b.c when c is a submodule (namespace packages).
        const module = name ? `${src.text.trim()}${sep}${name.text.trim()}` : src.text.trim();
        for (const id of importIdx.lookupSegments(module, sep)) {
          // The hover span covers the whole imported path when it sits on one line.
          const endColumn = name && name.line === src.line && !name.text.includes('\n') ? Math.max(src.endColumn, name.endColumn) : src.endColumn;
          c.tech(id, { path: f.path, line: src.line, column: src.column, endColumn, detail: `import ${module}` }, 'import');
        }
      }
    }
  }
  for (const p of facts.takeProblems()) warnings.push(p);
  // With parse workers, this thread's host still read the manifests that are code.
  if (opts.facts && opts.treeSitter) for (const p of opts.treeSitter.problems.splice(0)) warnings.push(p);
  if (profile) {
    profile.parsedBytes = parsedBytes;
    profile.computed = todo.length;
    profile.reused = sources.length - todo.length;
    profile.enumerationReused = live?.enumerationReused ?? false;
    profile.parsedList = parsed.map((p) => ({ path: p.path, grammar: languageDefs.get(p.path)!.grammar! }));
  }

  // File-name rules, content rules and container images.
  progress('matching files');
  // File rules: exact names, then extensions, then the rest (the order evidence is collected in).
  const byBase = new Map<string, Knowledge['fileRules']>();
  const byExt = new Map<string, Knowledge['fileRules']>();
  const generic: Knowledge['fileRules'] = [];
  for (const r of k.fileRules) {
    const last = r.glob.slice(r.glob.lastIndexOf('/') + 1);
    if (!/[*?[\]{}!]/.test(last)) (byBase.get(last) ?? byBase.set(last, []).get(last)!).push(r);
    else if (/^\*\.[A-Za-z0-9.]+$/.test(last)) {
      const ext = last.slice(last.lastIndexOf('.')).toLowerCase();
      (byExt.get(ext) ?? byExt.set(ext, []).get(ext)!).push(r);
    } else generic.push(r);
  }
  const fileCandidates = (p: string) => [...(byBase.get(basename(p)) ?? []), ...(byExt.get(extname(p)) ?? []), ...generic];
  const contentCandidates = ruleIndex(k.contentRules);
  for (const f of files) {
    // Both kinds of rule are kept per file between scans: file rules by path, content rules by size and mtime.
    let ids = live?.fileRules.get(f.path);
    if (!ids) {
      ids = fileCandidates(f.path).filter((r) => r.test(f.path)).map((r) => r.techId);
      live?.fileRules.set(f.path, ids);
    }
    for (const id of ids) c.tech(id, { path: f.path, detail: `file ${basename(f.path)}` }, 'file');
    if (f.generated) continue;
    let hits = live?.contentHitsOf(f);
    if (!hits) {
      hits = [];
      for (const r of contentCandidates(f.path)) {
        if (!r.test(f.path)) continue;
        const text = await reader.read(f.path);
        if (text === undefined) continue;
        const m = r.pattern.exec(text);
        if (m) {
          // The line of the first non-blank character, so a pattern that may start at a newline reports the right line.
          const lead = m[0].length - m[0].trimStart().length;
          const line = text.slice(0, m.index + lead).split('\n').length;
          hits.push({ techId: r.techId, line, detail: `${basename(f.path)}: ${m[0].trim().slice(0, 80)}` });
        }
      }
      live?.setContentHits(f, hits);
    }
    for (const h of hits) c.tech(h.techId, { path: f.path, line: h.line, detail: h.detail }, 'file');
  }

  const techIds = new Set<string>();
  const ctx: DetectorContext = {
    files,
    readText: (p) => reader.read(p),
    source,
    manifests,
    parsed,
    technologies: techIds,
    report: (id, ev, o) => c.practice(id, ev, o),
    reportTechnology: (id, ev) => {
      for (const e of ev) c.tech(id, e, 'file');
      techIds.add(id);
    },
    technologyEvidence: (id) => c.techs.get(id)?.evidence ?? [],
    technologyCategory: (id) => k.techById.get(id)?.category,
    warn: (m) => warnings.push(m),
    now,
    ...(live ? { acrossScans: <T>(name: string, key: () => Promise<string | undefined>, compute: (warn: (m: string) => void) => Promise<T>) => live.across(name, key, compute, (m) => warnings.push(m)) } : {}),
  };

  // Container images (Dockerfile FROM, Compose `image:`), read through the containers detector's
  // memoised parsers so each file is parsed once per scan.
  const image = (ref: string, path: string, line: number) => {
    const name = imageName(ref);
    if (!name) return;
    const ids = new Set([...k.images.lookup(name), ...k.images.lookup(name.slice(name.lastIndexOf('/') + 1))]);
    for (const id of ids) c.tech(id, { path, line, detail: `container image ${ref.trim()}` }, 'image');
  };
  for (const d of await readDockerfiles(ctx)) for (const st of d.stages) if (!st.internal) image(st.image, d.path, st.line);
  for (const svc of (await readCompose(ctx)).services) if (svc.image) image(svc.image, svc.file, svc.imageLine ?? svc.line ?? 1);
  // Detectors see only what the project chose: a transitive dependency is no evidence of a practice.
  for (const id of c.techs.keys()) if (!c.transitiveOnly(id)) techIds.add(id);

  // Practice detectors.
  progress('detecting practices');
  await runPracticeDetectors(ctx, PRACTICE_DETECTORS, checkCancel);
  c.closeImplies();

  // Components (folders with a manifest) and per-component technologies.
  const components = buildComponents(manifests, c.techs);

  for (const t of c.techs.values()) {
    if (!c.transitiveOnly(t.id)) continue;
    t.transitive = true;
    t.declared = false;
  }
  const technologies = [...c.techs.values()].sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name));
  for (const t of technologies) t.evidence.sort(byLocation);
  const practices = [...c.practices.values()].sort((a, b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name));
  const languages = [...langStats.values()].sort((a, b) => b.lines - a.lines);
  const level = opts.level ?? 'mid';
  const role = opts.role ?? 'backend';
  progress('mapping skills');
  const noSource = noSourceReason(files, languages);
  const skills = evaluateSkills(k, { technologies, practices, languages, ...(noSource ? { noSource: noSource.reason } : {}) }, { level, role });
  const architecture = architectureHint(practices);
  const person = opts.personal?.enabled === false ? undefined : await personalPass(ctx, opts, { skills, technologies, practices, languages, files, warnings, now: now() });
  reader.clear();
  if (profile) profile.textsReused = live?.textsReused ?? 0;
  progress('done');
  const result: AnalysisResult = {
    schemaVersion: 1,
    root: opts.rootLabel,
    target: { level, role },
    stats: { files: files.length, parsedFiles, bytes: reader.bytes, durationMs: Math.round(now() - started), skipped },
    languages,
    technologies,
    practices,
    skills,
    absentPractices: k.practices
      .filter((p) => !p.negative && !c.practices.has(p.id))
      .map((p) => ({ id: p.id, name: p.name, group: p.group, searched: p.searched })),
    components,
    warnings,
    ...(architecture ? { architecture } : {}),
    ...(noSource ? { noSource } : {}),
    ...(person ? { person } : {}),
    nextSteps: [],
    readiness: { level, met: 0, total: 0 },
    backend: backendProfile(k, { technologies, practices, languages }),
  };
  // Levels are facts of the scan; next steps and readiness follow the target (re-applied on a target change).
  return applyTarget(k, withLevels(k, result), { level, role });
}

/**
 * The personal lens over a finished evaluation: finds the identity, diffs its commits and sets
 * `personal` on each skill and technology. Returns the person, or undefined without history or
 * identity. Problems become warnings; the repository view never depends on this pass.
 */
async function personalPass(
  ctx: DetectorContext,
  opts: AnalyzeOptions,
  r: { skills: AnalysisResult['skills']; technologies: TechnologyFinding[]; practices: PracticeFinding[]; languages: LanguageStat[]; files: WorkspaceFile[]; warnings: string[]; now: number },
): Promise<AnalysisResult['person']> {
  try {
    const facts = await readGitFacts(ctx);
    if (!facts.commits.length || !facts.store || !facts.location.gitdir) return undefined;
    opts.onProgress?.('reading your commits');
    const gitdir = facts.location.gitdir;
    const configText = await readGitFile(ctx.source, `${gitdir}/config`).catch(() => '');
    const realGitdir = await ctx.source.realPath?.(gitdir).catch(() => undefined);
    const global = opts.personal?.globalConfig ? await opts.personal.globalConfig({ gitdir: realGitdir }).catch(() => []) : [];
    const identity = await resolveIdentity({
      explicit: opts.personal?.authors,
      explicitLabel: opts.personal?.authorsLabel,
      repoConfig: { label: `${gitdir}/config`, text: configText },
      global,
    });
    if (!identity) return undefined;
    const mailmapText = await ctx.readText('.mailmap').catch(() => undefined);
    const remoteUrl = (await configValues(configText, 'remote.origin.url'))[0];
    const lens = await personalLens(
      {
        facts,
        knowledge: opts.knowledge,
        files: r.files,
        readText: (p) => ctx.readText(p),
        skills: r.skills,
        technologies: r.technologies,
        practices: r.practices,
        languages: r.languages,
        remoteUrl,
        name: basename(trimEndOf(opts.rootLabel, '\\/')) || opts.rootLabel,
      },
      {
        identity,
        mailmap: mailmapText ? Mailmap.parse(mailmapText) : undefined,
        halfLifeMonths: opts.personal?.halfLifeMonths,
        now: r.now,
        maxBlobBytes: opts.maxFileBytes,
        isGenerated: (p) => isGenerated(p) || VENDORED.test(p),
      },
    );
    for (const s of r.skills) {
      const p = lens.skills.get(s.id);
      if (p) s.personal = p;
    }
    for (const t of r.technologies) {
      const p = lens.technologies.get(t.id);
      if (p) t.personal = p;
    }
    return lens.person;
  } catch (e) {
    if ((e as Error).message === 'cancelled') throw e;
    r.warnings.push(`personal lens: ${(e as Error).message}`);
    return undefined;
  }
}

/** Dependency and vendored folders: never credited to anyone in the personal lens. */
const VENDORED = /(^|\/)(node_modules|vendor|vendors|bower_components|third_party|thirdparty|site-packages|Pods|\.yarn)\//;

/** Languages whose files are source code (markup, styles, SQL and shell scripts are not). */
const CODE_LANGUAGE_IDS = new Set(['javascript', 'typescript', 'python', 'java', 'kotlin', 'scala', 'go', 'csharp', 'ruby', 'php', 'rust']);

/**
 * Why the workspace holds no source code to judge (an empty folder, or only documents, data and
 * configuration), or undefined when it has source. Generated and vendored code does not count.
 */
export function noSourceReason(files: WorkspaceFile[], languages: LanguageStat[]): { reason: string; files: number } | undefined {
  if (languages.some((l) => CODE_LANGUAGE_IDS.has(l.id) && l.files > 0)) return undefined;
  if (!files.length) return { reason: 'this folder is empty, so no skill can be judged from it; open a folder with source code', files: 0 };
  const kinds = [...new Set(files.map((f) => (extname(f.path) || basename(f.path)).toLowerCase()))].slice(0, 6).join(', ');
  return {
    reason: `this folder holds no source code (${files.length} file${files.length === 1 ? '' : 's'}: ${kinds}), so what it lacks cannot be judged from it; open a folder with source code`,
    files: files.length,
  };
}

/**
 * Indexes glob rules by what their last path segment can match (an exact file name, a `*.ext`, or
 * anything), so each path is tested against only the rules that could match it instead of all of
 * them. Returns path → candidate rules in their original order (a superset of the matching ones).
 */
function ruleIndex<R extends { glob: string }>(rules: readonly R[]): (path: string) => R[] {
  const byBase = new Map<string, number[]>();
  const byExt = new Map<string, number[]>();
  const generic: number[] = [];
  rules.forEach((r, i) => {
    const last = r.glob.slice(r.glob.lastIndexOf('/') + 1);
    if (!/[*?[\]{}!()+@]/.test(last)) (byBase.get(last) ?? byBase.set(last, []).get(last)!).push(i);
    else if (/^\*\.[A-Za-z0-9.]+$/.test(last)) {
      const ext = last.slice(last.lastIndexOf('.')).toLowerCase();
      (byExt.get(ext) ?? byExt.set(ext, []).get(ext)!).push(i);
    } else generic.push(i);
  });
  return (path) => {
    const a = byBase.get(basename(path));
    const b = byExt.get(extname(path));
    if (!a && !b) return generic.map((i) => rules[i]);
    return [...(a ?? []), ...(b ?? []), ...generic].sort((x, y) => x - y).map((i) => rules[i]);
  };
}

/** Declarations first, then imports, then everything else (files, images, config), each by location. */
function evidenceRank(e: Evidence): number {
  if (/\b(dependency|plugin)\b/.test(e.detail) && !e.detail.startsWith('implied by')) return 0;
  if (e.detail.startsWith('import ')) return 1;
  return 2;
}

function byLocation(a: Evidence, b: Evidence): number {
  return evidenceRank(a) - evidenceRank(b) || a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0);
}

/** The component (deepest folder among `componentPaths`, '' = root) that a workspace path belongs to. */
export function componentOf(path: string, componentPaths: readonly string[]): string {
  let best = '';
  for (const d of componentPaths) if (d.length > best.length && (path === d || path.startsWith(d + '/'))) best = d;
  return best;
}

function buildComponents(manifests: ManifestResult[], techs: Map<string, TechnologyFinding>): Component[] {
  const byDir = new Map<string, Component>();
  for (const m of manifests) {
    // Package metadata folders (foo.egg-info/, foo.dist-info/) describe the code beside them.
    const dir = dirname(m.path).replace(/(^|\/)[^/]+\.(egg|dist)-info$/i, '');
    let comp = byDir.get(dir);
    if (!comp) byDir.set(dir, (comp = { path: dir, manifests: [], technologies: [] }));
    comp.manifests.push(m.path);
  }
  if (!byDir.has('')) byDir.set('', { path: '', manifests: [], technologies: [] });
  const dirs = [...byDir.keys()];
  const owner = (p: string) => componentOf(p, dirs);
  for (const t of techs.values()) {
    const comps = new Set(t.evidence.map((e) => owner(e.path)));
    t.components = [...comps].sort();
    for (const d of comps) byDir.get(d)!.technologies.push(t.id);
  }
  return [...byDir.values()].filter((c) => c.manifests.length || c.technologies.length).sort((a, b) => a.path.localeCompare(b.path));
}
