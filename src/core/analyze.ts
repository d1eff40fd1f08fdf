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
import { QUERY_PURPOSES } from './captures';
import { parseManifests } from './manifest-scan';
import { PRACTICE_DETECTORS, architectureHint, runPracticeDetectors } from './practices/index';
import { readCompose, readDockerfiles } from './practices/containers';
import { evaluateSkills } from './skills';
import { readGitFacts } from './practices/git';
import { configValues, Mailmap, resolveIdentity, type ConfigText } from './git/identity';
import { personalLens } from './git/personal';
import { applyTarget, backendProfile, withLevels } from './guidance';

/** Options of {@link analyzeWorkspace}. */
export interface AnalyzeOptions {
  /** Shown as `root` in the result (an absolute path or a URI string). */
  rootLabel: string;
  knowledge: Knowledge;
  /** A ready tree-sitter host; when absent, source is not parsed (manifests and files still are). */
  treeSitter?: TreeSitterHost;
  level?: Level;
  role?: 'backend' | 'fullstack';
  /** Largest file read, in bytes (default 1 MiB). */
  maxFileBytes?: number;
  /** Extra folder names to exclude. */
  excludeDirs?: string[];
  /** Clock in ms since the epoch (injected for tests). */
  now?: () => number;
  /** Called between phases, e.g. to report progress; `phase` is a short label. */
  onProgress?: (phase: string) => void;
  /**
   * Per-file results kept between scans of the same folder: a file whose size and mtime are
   * unchanged is neither read nor parsed again. Pass the same object to each rescan.
   */
  parseCache?: ParseCache;
  /** Checked between files; when it returns true the scan stops with an Error('cancelled'). */
  isCancelled?: () => boolean;
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
  /** Texts of the user's global git config files, highest precedence first (~/.gitconfig, then $XDG_CONFIG_HOME/git/config). */
  globalConfig?: () => Promise<ConfigText[]>;
  /** Months after which a personal finding's weight halves (default 12). */
  halfLifeMonths?: number;
}

/** Paths that are generated or vendored: counted as files but neither parsed nor counted as code. */
const GENERATED = [
  /(^|\/)(generated|gen|__generated__|third_party|thirdparty|external|built)\//,
  // Front-end libraries copied into static folders (static/js/libs/jquery.js) are not the project's code.
  /(^|\/)(static|public|assets|wwwroot)\/(.*\/)?(libs?|vendors?|third-party)\//,
  /\.d\.[cm]?ts$/,
  /\.min\.(js|css)$/, /\.bundle\.js$/, /[._-]pb2(_grpc)?\.py$/, /\.pb\.go$/, /_grpc\.pb\.go$/, /\.g\.cs$/, /\.designer\.cs$/i,
  /(^|\/)(package-lock\.json|yarn\.lock|pnpm-lock\.yaml)$/,
];

/** A line this long (characters) in a file of under 5 lines means minified/generated text. */
const MINIFIED_LINE = 1000;
/** A line this long (characters) anywhere means a bundle or generated file. */
const BUNDLE_LINE = 4000;

/** True for generated or vendored paths (see {@link GENERATED}). */
export function isGenerated(path: string): boolean {
  return GENERATED.some((r) => r.test(path));
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
interface ParsedEntry {
  size: number;
  mtimeMs: number;
  /** Non-blank lines. */
  lines: number;
  minified: boolean;
  matches?: Record<string, QueryMatch[]>;
}

/** A cache of per-file parse results between scans; entries of deleted files are dropped. */
export class ParseCache {
  private entries = new Map<string, ParsedEntry>();
  /** Hits in the last scan (for tests and the output channel). */
  hits = 0;

  /** The entry for a file when its size and mtime still match. */
  get(f: WorkspaceFile): ParsedEntry | undefined {
    const e = this.entries.get(f.path);
    if (e && f.mtimeMs !== undefined && e.mtimeMs === f.mtimeMs && e.size === f.size) {
      this.hits++;
      return e;
    }
    return undefined;
  }

  set(f: WorkspaceFile, e: Omit<ParsedEntry, 'size' | 'mtimeMs'>): void {
    if (f.mtimeMs !== undefined) this.entries.set(f.path, { ...e, size: f.size, mtimeMs: f.mtimeMs });
  }

  /** Keeps only the given paths (called after enumeration). */
  retain(paths: Set<string>): void {
    this.hits = 0;
    for (const p of [...this.entries.keys()]) if (!paths.has(p)) this.entries.delete(p);
  }
}

class Collector {
  readonly techs = new Map<string, TechnologyFinding>();
  readonly practices = new Map<string, PracticeFinding>();
  private readonly usedFiles = new Map<string, Set<string>>();

  constructor(private readonly k: Knowledge) {}

  tech(id: string, ev: Evidence, how: 'declared' | 'import' | 'file'): void {
    const def = this.k.techById.get(id);
    if (!def) return;
    let t = this.techs.get(id);
    if (!t) {
      t = { id, name: def.name, category: def.category, evidence: [], declared: false, usedInFiles: 0, components: [] };
      this.techs.set(id, t);
    }
    if (!t.evidence.some((e) => e.path === ev.path && e.line === ev.line && e.detail === ev.detail)) t.evidence.push(ev);
    if (how === 'declared') t.declared = true;
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
          if (!this.techs.has(imp)) {
            this.tech(imp, { ...t.evidence[0], detail: `implied by ${t.name}: ${t.evidence[0]?.detail ?? ''}` }, 'file');
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
  const progress = opts.onProgress ?? (() => undefined);
  const checkCancel = () => {
    if (opts.isCancelled?.()) throw new Error('cancelled');
  };
  progress('listing files');
  const en = await enumerateFiles(source, { excludeDirs: opts.excludeDirs });
  const warnings = [...en.warnings];
  const skipped = en.skipped;
  const files: WorkspaceFile[] = en.files;
  const sizes = new Map(files.map((f) => [f.path, f.size]));
  const reader = new TextReader(source, sizes, skipped, opts.maxFileBytes);
  reader.noteUnreadable(files);
  const c = new Collector(k);

  // Languages of files.
  const languageDefs = new Map<string, LanguageDef>();
  for (const f of files) {
    const lang = languageOf(f.path, k.languages);
    if (lang && !isGenerated(f.path)) {
      f.language = lang.id;
      languageDefs.set(f.path, lang);
    }
  }

  // Manifests.
  progress('reading manifests');
  const manifests: ManifestResult[] = await parseManifests(files.map((f) => f.path), (p) => reader.read(p), (w) => warnings.push(w));
  for (const m of manifests) {
    for (const d of m.dependencies) {
      const index = d.gradlePlugin ? k.gradlePlugins : k.packages.get(d.ecosystem);
      if (!index) continue;
      const what = d.gradlePlugin ? 'Gradle plugin' : d.scope === 'plugin' ? 'build plugin' : `${d.scope === 'prod' ? '' : d.scope + ' '}dependency`;
      for (const id of index.lookup(d.name)) c.tech(id, { path: m.path, line: d.line, detail: `${what} ${d.name}${d.version ? ' ' + d.version : ''}`.trim() }, 'declared');
      // Features and extras (`sqlx[postgres]`, `celery[redis]`) can name a technology of their own.
      for (const f of d.features ?? []) {
        for (const id of index.lookup(`${d.name}[${f}]`)) c.tech(id, { path: m.path, line: d.line, detail: `${what} ${d.name} with feature ${f}` }, 'declared');
      }
    }
  }

  // The project's own module paths (go.mod `module`): imports under them are not third-party use.
  const ownModules = manifests.filter((m) => m.kind === 'go.mod' && m.name).map((m) => m.name!);
  const isOwnImport = (lang: string, src: string) => lang === 'go' && ownModules.some((mod) => src === mod || src.startsWith(mod + '/'));

  // Source files: tree-sitter queries, language stats.
  progress('parsing source');
  const langStats = new Map<string, LanguageStat>();
  const parsed: ParsedFile[] = [];
  let parsedFiles = 0;
  const cache = opts.parseCache;
  cache?.retain(new Set(files.map((f) => f.path)));
  for (const f of files) {
    if (!f.language) continue;
    checkCancel();
    const def = languageDefs.get(f.path)!;
    let entry = cache?.get(f);
    if (!entry || (def.grammar && opts.treeSitter && !entry.matches)) {
      const text = await reader.read(f.path);
      if (text === undefined) continue;
      const lines = text.split('\n');
      const minified = lines.some((l) => l.length >= BUNDLE_LINE) || (lines.length < 5 && lines.some((l) => l.length >= MINIFIED_LINE));
      let matches: Record<string, QueryMatch[]> | undefined;
      if (!minified && def.grammar && opts.treeSitter) {
        try {
          matches = await opts.treeSitter.run(def.grammar, text, QUERY_PURPOSES);
        } catch (e) {
          warnings.push(`${f.path}: could not be parsed (${(e as Error).message})`);
        }
      }
      entry = { size: f.size, mtimeMs: f.mtimeMs ?? 0, lines: lines.filter((l) => l.trim()).length, minified, ...(matches ? { matches } : {}) };
      cache?.set(f, entry);
    }
    if (entry.minified) continue;
    let st = langStats.get(def.id);
    if (!st) langStats.set(def.id, (st = { id: def.id, name: def.name, files: 0, lines: 0, evidence: [] }));
    st.files++;
    st.lines += entry.lines;
    if (st.evidence.length < 5) st.evidence.push({ path: f.path, detail: `${def.name} source` });
    const matches = entry.matches;
    if (!matches) continue;
    parsedFiles++;
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
  if (opts.treeSitter) for (const p of opts.treeSitter.problems.splice(0)) warnings.push(p);

  // File-name rules, content rules and container images.
  progress('matching files');
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
  for (const f of files) {
    const candidates = [...(byBase.get(basename(f.path)) ?? []), ...(byExt.get(extname(f.path)) ?? []), ...generic];
    for (const r of candidates) if (r.test(f.path)) c.tech(r.techId, { path: f.path, detail: `file ${basename(f.path)}` }, 'file');
    for (const r of k.contentRules) {
      if (!r.test(f.path)) continue;
      const text = await reader.read(f.path);
      if (text === undefined) continue;
      const m = r.pattern.exec(text);
      if (m) {
        // The line of the first non-blank character, so a pattern that may start at a newline reports the right line.
        const lead = m[0].length - m[0].trimStart().length;
        const line = text.slice(0, m.index + lead).split('\n').length;
        c.tech(r.techId, { path: f.path, line, detail: `${basename(f.path)}: ${m[0].trim().slice(0, 80)}` }, 'file');
      }
    }
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
  };

  // Container images (Dockerfile FROM, Compose `image:`), read through the containers detector's
  // memoised parsers so each file is parsed once per scan.
  const image = (ref: string, path: string, line: number) => {
    const name = imageName(ref);
    if (!name) return;
    const ids = new Set([...k.images.lookup(name), ...k.images.lookup(name.slice(name.lastIndexOf('/') + 1))]);
    for (const id of ids) c.tech(id, { path, line, detail: `container image ${ref.trim()}` }, 'declared');
  };
  for (const d of await readDockerfiles(ctx)) for (const st of d.stages) if (!st.internal) image(st.image, d.path, st.line);
  for (const svc of (await readCompose(ctx)).services) if (svc.image) image(svc.image, svc.file, svc.imageLine ?? svc.line ?? 1);
  for (const id of c.techs.keys()) techIds.add(id);

  // Practice detectors.
  progress('detecting practices');
  await runPracticeDetectors(ctx, PRACTICE_DETECTORS, checkCancel);
  c.closeImplies();

  // Components (folders with a manifest) and per-component technologies.
  const components = buildComponents(manifests, c.techs);

  const technologies = [...c.techs.values()].sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name));
  for (const t of technologies) t.evidence.sort(byLocation);
  const practices = [...c.practices.values()].sort((a, b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name));
  const languages = [...langStats.values()].sort((a, b) => b.lines - a.lines);
  const level = opts.level ?? 'mid';
  const role = opts.role ?? 'backend';
  progress('mapping skills');
  const skills = evaluateSkills(k, { technologies, practices, languages }, { level, role });
  const architecture = architectureHint(practices);
  const person = opts.personal?.enabled === false ? undefined : await personalPass(ctx, opts, { skills, technologies, practices, languages, files, warnings, now: now() });
  reader.clear();
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
    const configText = await ctx.source.readFile(`${gitdir}/config`).then((b) => new TextDecoder().decode(b), () => '');
    const global = opts.personal?.globalConfig ? await opts.personal.globalConfig().catch(() => []) : [];
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
        name: basename(opts.rootLabel.replace(/[\\/]+$/, '')) || opts.rootLabel,
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
