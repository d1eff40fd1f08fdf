/**
 * Loads the knowledge in `data/` (technologies, practices, skills, sources, languages,
 * grammars), validates it against the JSON Schemas in `data/schemas/` with Ajv, checks the
 * cross-references between files, and builds the lookup indexes the engine uses.
 */
import type AjvClass from 'ajv';
import picomatch from 'picomatch';
import type { Ecosystem } from './manifests/types';
import type { GrammarInfo } from './treesitter';
import type { Archetype, Level } from './types';
import { checkGuidance } from './guidance-data';

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
  /** The kind of evidence this practice is: `tested` for tests, `enforced-in-ci` for pipelines; `used-in-code` when absent. */
  confidence?: 'used-in-code' | 'tested' | 'enforced-in-ci';
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
    /**
     * Refs that gate a group without supporting the skill themselves: their rows are not listed
     * under the skill (routes under "API testing", unit tests under "algorithms").
     */
    context?: string[];
  };
}

/** A step's text for one stack (data/guidance): the text, its learning link and what makes it moot there. */
export interface StepText {
  text: string;
  /**
   * The learning link: an https URL of official documentation, or technology ids separated by `|`
   * whose `docs` URL is linked (the first one the workspace uses, else the first listed).
   */
  learn: string;
  /** Refs of which any makes this text moot for this stack (the tool it names is already there). */
  unless?: string[];
}

/**
 * One way to work toward a level expectation (data/guidance). Variants are tried in order: the
 * first whose `after` refs all hold and whose `unless` refs all fail, with text for the stack, is used.
 */
export interface StepVariant {
  /** Refs that must all hold: what the step builds on (it becomes the next increment on top of them). */
  after?: string[];
  /** Refs of which any makes the step moot (already done). */
  unless?: string[];
  /** Refs whose evidence is cited when present: the code the step will touch. */
  on?: string[];
  /** `fix`: the step removes a risk the scan found (ranked first among equals). */
  kind?: 'fix';
  /** Steps with the same topic say the same thing; only the best-ranked is kept. */
  topic?: string;
  /** Mentor priority, 0.5..1.5 (default 1). */
  weight?: number;
  /**
   * Text per stack: a stack id (`python`), a framework flavour (`python/django`), `any` (for every
   * stack, allowed only on variants with `after`) or `generic` (when no backend stack is known).
   */
  text: Record<string, StepText>;
}

/** What a skill looks like at one level, how the workspace shows it, and the steps toward it. */
export interface LevelExpectation {
  /** The expectation, one sentence of our own. */
  expect: string;
  /** OR of AND-groups of refs: the workspace meets the expectation when one group holds. */
  when: string[][];
  /** `document`: placed at this level by 004's level paragraphs (then `source` is that paragraph); `judgement`: ours. */
  basis: 'document' | 'judgement';
  /** The seed document section the expectation rests on. */
  source: { document: string; section: string };
  /** For judgement: the open career ladder it leans on (see /work/shared/notes/levels.md), by name. */
  ladder?: string;
  /** Counts toward the level's readiness headline. */
  core?: boolean;
  steps: StepVariant[];
}

/** Guidance for one observable skill (data/guidance/*.json). */
export interface SkillGuidance {
  skill: string;
  /** `weak`: code shows the skill only faintly (IDE setup, algorithms, soft skills); never in the first five steps. */
  signal?: 'weak';
  /** Relevance of the skill to each kind of codebase, 0..1. */
  fit: Record<Archetype, number>;
  /** Expectations per level; an absent level is `n/a`. */
  levels: Partial<Record<Level, LevelExpectation>>;
}

/** A backend stack of data/guidance/stacks.json. */
export interface GuidanceStack {
  id: string;
  name: string;
  /** Official documentation of the language or platform. */
  docs: string;
  /**
   * Framework flavours: step text keys `stack/flavour`, chosen when one of `techs` is the main
   * framework. `terms` name the flavour: text for the stack as a whole or another flavour must not use them.
   */
  frameworks: { flavour: string; name: string; techs: string[]; terms?: string[] }[];
  /** Names that belong to this stack (frameworks, tools); text for other stacks must not mention them. */
  terms: string[];
}

/** What tells the kinds of codebase apart (data/guidance/archetypes.json). */
export interface ArchetypeRules {
  /** Technologies that make a codebase without routes a command-line tool. */
  cliTechs: string[];
  /** Frameworks that render a frontend too: half weight as backend evidence. */
  fullstackFrameworks: string[];
  /** Lines and files of backend code below which a codebase with at most one practice is tutorial-sized. */
  tutorialLines: number;
  tutorialFiles: number;
  /** Practices any of which shows that a service is deployed from the codebase (absent: every service counts as deployed). */
  deployPractices?: string[];
  /** Skills about running a deployed service, weighed as for a library when nothing is deployed. */
  deploySkills?: string[];
}

/** The guidance knowledge: stacks, archetype rules and per-skill level expectations. */
export interface GuidanceData {
  stacks: GuidanceStack[];
  archetypes: ArchetypeRules;
  skills: Map<string, SkillGuidance>;
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

/**
 * The longest run of plain characters that every path a glob matches contains verbatim (braces,
 * classes and extglob groups, which offer alternatives, are left out), or '' when there is none.
 */
export function globLiteral(glob: string): string {
  let best = '';
  let run = '';
  let depth = 0;
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '\\') {
      // An escaped character is a literal one, but keep it simple: it ends the run.
      i++;
      end();
    } else if (ch === '{' || ch === '[' || ch === '(') {
      depth++;
      end();
    } else if (ch === '}' || ch === ']' || ch === ')') {
      depth = Math.max(0, depth - 1);
      end();
    } else if (depth > 0 || ch === '*' || ch === '?' || ((ch === '+' || ch === '@' || ch === '!') && glob[i + 1] === '(')) end();
    else run += ch;
  }
  end();
  // `**/x` also matches a top-level `x`: a leading slash of a run is not required.
  return best.startsWith('/') ? best.slice(1) : best;
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
  /** Level expectations and next-step text (data/guidance). */
  guidance: GuidanceData;
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
 * cross-reference problem; rejects if a file cannot be read or is not JSON. `validate: false`
 * skips the JSON Schema checks (for a host whose scan worker validated the same files).
 */
export async function loadKnowledge(reader: DataReader, options: { validate?: boolean } = {}): Promise<Knowledge> {
  const json = async (p: string): Promise<unknown> => {
    const text = await reader.read(p);
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new KnowledgeError([`${p}: not valid JSON (${(e as Error).message})`]);
    }
  };
  // Ajv is loaded (and its schemas compiled) only by a process that validates: start-up pays nothing otherwise.
  let ajv: AjvClass | undefined;
  const problems: string[] = [];
  const validate = async <T>(file: string, schemaName: string, value: unknown): Promise<T> => {
    // A host that shows what a validating process already loaded skips compiling the schemas.
    if (options.validate === false) return value as T;
    // Each schema is read and compiled once, however many data files it validates.
    if (!ajv) {
      const Ajv = (require('ajv') as typeof import('ajv')).default;
      ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
    }
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
  // What manifest declarations mean: bundled into the manifest readers, checked here like the rest of data/.
  await validate('manifests.json', 'manifests', await json('manifests.json'));
  const stacks = await validate<GuidanceStack[]>('guidance/stacks.json', 'guidance-stacks', await json('guidance/stacks.json'));
  const archetypes = await validate<ArchetypeRules>('guidance/archetypes.json', 'guidance-archetypes', await json('guidance/archetypes.json'));
  const guidanceEntries: SkillGuidance[] = [];
  const guidanceFiles = (await reader.list('guidance/skills')).filter((f) => f.endsWith('.json')).sort();
  for (const f of guidanceFiles) {
    guidanceEntries.push(...(await validate<SkillGuidance[]>(`guidance/skills/${f}`, 'guidance', await json(`guidance/skills/${f}`))));
  }
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
  /** What is wrong with an evidence reference, or undefined when it resolves. */
  const refProblem = (ref: string): string | undefined => {
    const r = parseRef(ref);
    if (!r) return `malformed reference ${ref}`;
    if (r.kind === 'tech' && !techById.has(r.id)) return `unknown technology ${r.id}`;
    if (r.kind === 'practice' && !practiceById.has(r.id)) return `unknown practice ${r.id}`;
    if (r.kind === 'category' && !categories.has(r.id)) return `no technology has category ${r.id}`;
    if (r.kind === 'language' && !languageIds.has(r.id) && !(r.id.endsWith('-server') && languageIds.has(r.id.slice(0, -'-server'.length)))) return `unknown language ${r.id}`;
    return undefined;
  };
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
    const groupRefs = new Set([...(s.evidence.demonstrated ?? []), ...(s.evidence.partial ?? [])].flat());
    for (const ref of s.evidence.context ?? []) if (!groupRefs.has(ref)) problems.push(`skill ${s.id}: context reference ${ref} is in no evidence group`);
    for (const group of [...(s.evidence.demonstrated ?? []), ...(s.evidence.partial ?? []), ...(s.evidence.risks ?? []).map((r) => [r]), ...(s.evidence.observableWhen ?? []).map((r) => [r])]) {
      for (const ref of group) {
        const problem = refProblem(ref);
        if (problem) problems.push(`skill ${s.id}: ${problem}`);
      }
    }
    if (s.observable !== 'no' && !(s.evidence.demonstrated?.length || s.evidence.partial?.length)) {
      problems.push(`skill ${s.id}: observable in code but has no evidence rule`);
    }
  }
  for (const l of languages) if (l.grammar && !grammars.some((g) => g.id === l.grammar)) problems.push(`language ${l.id}: unknown grammar ${l.grammar}`);
  const guidance: GuidanceData = { stacks, archetypes, skills: new Map(guidanceEntries.map((g) => [g.skill, g])) };
  for (const id of [...archetypes.cliTechs, ...archetypes.fullstackFrameworks]) if (!techById.has(id)) problems.push(`guidance/archetypes.json: unknown technology ${id}`);
  for (const id of archetypes.deployPractices ?? []) {
    const problem = refProblem(`practice:${id}`);
    if (problem) problems.push(`guidance/archetypes.json: ${problem}`);
  }
  for (const id of archetypes.deploySkills ?? []) if (!skills.some((s) => s.id === id)) problems.push(`guidance/archetypes.json: unknown skill ${id}`);
  if (guidance.skills.size !== guidanceEntries.length) problems.push('a skill has guidance in two entries of data/guidance');
  problems.push(...checkGuidance(guidance, { skills, techById, sources, refProblem }));
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
  // A path is tested against the compiled glob only when it holds the glob's longest literal, and the
  // glob is compiled on first use: most paths are ruled out without running (or compiling) a pattern.
  const glob = (g: string) => {
    const literal = globLiteral(g);
    let re: RegExp | undefined;
    return (p: string) => p.includes(literal) && (re ??= picomatch.makeRe(g, { dot: true })).test(p);
  };
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
    packages, gradlePlugins, imports, images, guidance, fileRules, contentRules,
  };
}
