/**
 * Loads the knowledge in `data/` (technologies, practices, skills, sources, languages,
 * grammars), validates it against the JSON Schemas in `data/schemas/` with Ajv, checks the
 * cross-references between files, and builds the lookup indexes the engine uses.
 */
import Ajv from 'ajv';
import picomatch from 'picomatch';
import type { Ecosystem } from './manifests/types';
import type { GrammarInfo } from './treesitter';

/** A technology entry of data/technologies/*.json (see docs/data-format.md). */
export interface TechnologyDef {
  id: string;
  name: string;
  category: string;
  description: string;
  ecosystems?: string[];
  docs?: string;
  implies?: string[];
  match: {
    packages?: Partial<Record<Ecosystem, string[]>>;
    gradlePlugins?: string[];
    imports?: Record<string, string[]>;
    files?: string[];
    images?: string[];
    content?: { files: string; pattern: string }[];
  };
}

/** A practice entry of data/practices.json. */
export interface PracticeDef {
  id: string;
  name: string;
  group: string;
  description: string;
  searched: string;
  negative?: boolean;
}

/** A source citation: seed document file name, its title, and a heading in it. */
export interface SourceRef {
  document: string;
  title: string;
  section: string;
}

/** A skill of the catalog, data/skills.json; its `sources` name the seed documents. */
export interface SkillDef {
  id: string;
  name: string;
  category: string;
  summary: string;
  whyItMatters: string;
  sources: SourceRef[];
  level: 'entry' | 'mid' | 'senior';
  levelSource?: 'document' | 'judgement';
  observable: 'code' | 'partial' | 'no';
  tracks?: string;
  /** Rules: OR of AND-groups of refs; `risks` are refs (negative practices) that cap demonstrated at partial. */
  evidence: {
    demonstrated?: string[][];
    partial?: string[][];
    risks?: string[];
    searched?: string;
    /** Refs of which one must hold for the workspace to show this skill at all (e.g. a .git folder). */
    observableWhen?: string[];
    /** Shown instead of a gap when none of `observableWhen` holds. */
    unobservableReason?: string;
  };
  suggestions: { stack?: string; text: string }[];
}

/** A seed document of data/sources.json. */
export interface SourceDoc {
  document: string;
  title: string;
  sections: string[];
}

/** A language of data/languages.json. */
export interface LanguageDef {
  id: string;
  name: string;
  extensions: string[];
  filenames: string[];
  grammar?: string;
  stack?: string;
}

/** Reads a file under data/ by relative POSIX path, and lists a folder's file names. */
export interface DataReader {
  read(relPath: string): Promise<string>;
  list(relDir: string): Promise<string[]>;
}

/** Prefix-aware name index: exact names plus `prefix*` wildcards, compared case-insensitively. */
export class NameIndex {
  private readonly exact = new Map<string, Set<string>>();
  private readonly prefixes: [string, string][] = [];

  /** Adds a pattern (`name` or `prefix*`) for a technology id. */
  add(pattern: string, techId: string): void {
    const p = pattern.toLowerCase();
    if (p.endsWith('*')) this.prefixes.push([p.slice(0, -1), techId]);
    else {
      let set = this.exact.get(p);
      if (!set) this.exact.set(p, (set = new Set()));
      set.add(techId);
    }
  }

  /** Technology ids whose pattern equals or prefixes `name`. */
  lookup(name: string): string[] {
    const n = name.toLowerCase();
    const out = new Set(this.exact.get(n) ?? []);
    for (const [prefix, id] of this.prefixes) if (n.startsWith(prefix)) out.add(id);
    return [...out];
  }

  /**
   * Technology ids whose pattern matches `name` or one of its leading segments, where segments
   * are separated by `sep` (`.` for Python/JVM/C#, `/` for JS/Go, `::` for Rust, `\` for PHP).
   */
  lookupSegments(name: string, sep: string): string[] {
    const parts = name.split(sep);
    const out = new Set<string>();
    for (let i = 1; i <= parts.length; i++) for (const id of this.lookup(parts.slice(0, i).join(sep))) out.add(id);
    return [...out];
  }
}

/** Everything the engine knows, validated and indexed. */
export interface Knowledge {
  technologies: TechnologyDef[];
  techById: Map<string, TechnologyDef>;
  practices: PracticeDef[];
  practiceById: Map<string, PracticeDef>;
  skills: SkillDef[];
  sources: SourceDoc[];
  languages: LanguageDef[];
  grammars: GrammarInfo[];
  /** ecosystem → package-name index. */
  packages: Map<string, NameIndex>;
  gradlePlugins: NameIndex;
  /** language id → import index (typescript shares javascript's). */
  imports: Map<string, NameIndex>;
  images: NameIndex;
  /** File-name rules: a glob matcher and the technology it proves. */
  fileRules: { glob: string; test: (path: string) => boolean; techId: string }[];
  /** Content rules: files glob, regex, technology. */
  contentRules: { glob: string; test: (path: string) => boolean; pattern: RegExp; techId: string }[];
}

/** Thrown when data/ fails validation; `problems` lists every finding. */
export class KnowledgeError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid knowledge data:\n- ${problems.slice(0, 30).join('\n- ')}${problems.length > 30 ? `\n… ${problems.length - 30} more` : ''}`);
  }
}

const REF = /^(tech|category|practice|language):([a-z0-9-]+)(?:>=(\d+))?$/;

/** Parses an evidence reference such as `practice:unit-tests>=5`; undefined if malformed. */
export function parseRef(ref: string): { kind: 'tech' | 'category' | 'practice' | 'language'; id: string; min?: number } | undefined {
  const m = REF.exec(ref);
  if (!m) return undefined;
  return { kind: m[1] as 'tech', id: m[2], min: m[3] ? Number(m[3]) : undefined };
}

/**
 * Loads and validates data/. Throws {@link KnowledgeError} listing every schema or
 * cross-reference problem; rejects if a file cannot be read or is not JSON.
 */
export async function loadKnowledge(reader: DataReader): Promise<Knowledge> {
  const json = async (p: string): Promise<unknown> => {
    const text = await reader.read(p);
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new KnowledgeError([`${p}: not valid JSON (${(e as Error).message})`]);
    }
  };
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  const problems: string[] = [];
  const validate = async <T>(file: string, schemaName: string, value: unknown): Promise<T> => {
    // Each schema is read and compiled once, however many data files it validates.
    const check = ajv.getSchema(`${schemaName}.schema.json`) ?? ajv.compile((await json(`schemas/${schemaName}.schema.json`)) as object);
    if (!check(value)) {
      for (const err of check.errors ?? []) problems.push(`${file}${err.instancePath}: ${err.message}`);
    }
    return value as T;
  };

  const technologies: TechnologyDef[] = [];
  const techFiles = (await reader.list('technologies')).filter((f) => f.endsWith('.json')).sort();
  for (const f of techFiles) {
    technologies.push(...(await validate<TechnologyDef[]>(`technologies/${f}`, 'technologies', await json(`technologies/${f}`))));
  }
  const practices = await validate<PracticeDef[]>('practices.json', 'practices', await json('practices.json'));
  const skills = await validate<SkillDef[]>('skills.json', 'skills', await json('skills.json'));
  const sources = await validate<SourceDoc[]>('sources.json', 'sources', await json('sources.json'));
  const languages = await validate<LanguageDef[]>('languages.json', 'languages', await json('languages.json'));
  const grammars = await validate<GrammarInfo[]>('grammars.json', 'grammars', await json('grammars.json'));
  if (problems.length) throw new KnowledgeError(problems);

  const techById = new Map<string, TechnologyDef>();
  for (const t of technologies) {
    if (techById.has(t.id)) problems.push(`technology id ${t.id} is defined twice`);
    techById.set(t.id, t);
  }
  const practiceById = new Map<string, PracticeDef>();
  for (const p of practices) {
    if (practiceById.has(p.id)) problems.push(`practice id ${p.id} is defined twice`);
    practiceById.set(p.id, p);
  }
  const categories = new Set(technologies.map((t) => t.category));
  const languageIds = new Set(languages.map((l) => l.id));
  const skillIds = new Set<string>();
  for (const t of technologies) {
    for (const i of t.implies ?? []) if (!techById.has(i)) problems.push(`technology ${t.id} implies unknown technology ${i}`);
    for (const c of t.match.content ?? []) {
      try {
        new RegExp(c.pattern, 'm');
      } catch {
        problems.push(`technology ${t.id}: content pattern ${c.pattern} is not a valid regular expression`);
      }
    }
  }
  for (const s of skills) {
    if (skillIds.has(s.id)) problems.push(`skill id ${s.id} is defined twice`);
    skillIds.add(s.id);
    for (const src of s.sources) {
      const doc = sources.find((d) => d.document === src.document);
      if (!doc) problems.push(`skill ${s.id}: unknown source document ${src.document}`);
      else {
        if (doc.title !== src.title) problems.push(`skill ${s.id}: title "${src.title}" does not match ${src.document}`);
        if (!doc.sections.includes(src.section)) problems.push(`skill ${s.id}: section "${src.section}" is not in ${src.document}`);
      }
    }
    for (const group of [...(s.evidence.demonstrated ?? []), ...(s.evidence.partial ?? []), ...(s.evidence.risks ?? []).map((r) => [r]), ...(s.evidence.observableWhen ?? []).map((r) => [r])]) {
      for (const ref of group) {
        const r = parseRef(ref);
        if (!r) problems.push(`skill ${s.id}: malformed reference ${ref}`);
        else if (r.kind === 'tech' && !techById.has(r.id)) problems.push(`skill ${s.id}: unknown technology ${r.id}`);
        else if (r.kind === 'practice' && !practiceById.has(r.id)) problems.push(`skill ${s.id}: unknown practice ${r.id}`);
        else if (r.kind === 'category' && !categories.has(r.id)) problems.push(`skill ${s.id}: no technology has category ${r.id}`);
        else if (r.kind === 'language' && !languageIds.has(r.id)) problems.push(`skill ${s.id}: unknown language ${r.id}`);
      }
    }
    if (s.observable !== 'no' && !(s.evidence.demonstrated?.length || s.evidence.partial?.length)) {
      problems.push(`skill ${s.id}: observable in code but has no evidence rule`);
    }
  }
  for (const l of languages) if (l.grammar && !grammars.some((g) => g.id === l.grammar)) problems.push(`language ${l.id}: unknown grammar ${l.grammar}`);
  if (problems.length) throw new KnowledgeError(problems);

  const packages = new Map<string, NameIndex>();
  const imports = new Map<string, NameIndex>();
  const gradlePlugins = new NameIndex();
  const images = new NameIndex();
  const fileRules: Knowledge['fileRules'] = [];
  const contentRules: Knowledge['contentRules'] = [];
  const indexFor = (map: Map<string, NameIndex>, key: string) => {
    let idx = map.get(key);
    if (!idx) map.set(key, (idx = new NameIndex()));
    return idx;
  };
  const glob = (g: string) => picomatch(g, { dot: true });
  for (const t of technologies) {
    for (const [eco, names] of Object.entries(t.match.packages ?? {})) for (const n of names ?? []) indexFor(packages, eco).add(n, t.id);
    for (const [lang, names] of Object.entries(t.match.imports ?? {})) {
      const key = lang === 'typescript' ? 'javascript' : lang;
      for (const n of names) indexFor(imports, key).add(n, t.id);
    }
    for (const p of t.match.gradlePlugins ?? []) gradlePlugins.add(p, t.id);
    for (const i of t.match.images ?? []) images.add(i, t.id);
    for (const f of t.match.files ?? []) fileRules.push({ glob: f, test: glob(f), techId: t.id });
    for (const c of t.match.content ?? []) contentRules.push({ glob: c.files, test: glob(c.files), pattern: new RegExp(c.pattern, 'm'), techId: t.id });
  }
  return {
    technologies, techById, practices, practiceById, skills, sources, languages, grammars,
    packages, gradlePlugins, imports, images, fileRules, contentRules,
  };
}
