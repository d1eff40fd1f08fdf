/**
 * The tree-sitter host: initialises web-tree-sitter once, loads a grammar the first time a file
 * of it arrives, compiles the `.scm` purposes asked together into one merged query (one tree walk
 * per file instead of one per purpose), and runs them over source text. Trees are deleted right
 * after use; {@link TreeSitterHost.dispose} frees parsers, queries and languages.
 */
import { Parser, Language, Query, type Node, type Tree } from 'web-tree-sitter';
import { QUERY_CAPTURES } from './captures';
import type { QueryMatch } from './practices/types';

/** One grammar of data/grammars.json. */
export interface GrammarInfo {
  id: string;
  /** File name of the grammar's wasm (found through {@link TreeSitterOptions.loadGrammar}). */
  wasm: string;
  /** npm package that ships it, and the wasm's path inside that package. */
  package: string;
  path: string;
  version: string;
  license: string;
  /** Folder under data/queries holding this grammar's `<purpose>.scm` files. */
  queries: string;
  /** Manifests that are code read through this grammar's `manifest.scm` (file names, `*` globs). */
  manifests?: string[];
  /** A provenance or adoption decision worth keeping. */
  note?: string;
}

/** How the host finds its binaries and queries; all I/O is injected. */
export interface TreeSitterOptions {
  /** Absolute path of web-tree-sitter's runtime `tree-sitter.wasm`. */
  runtimeWasmPath: string;
  /** Grammars, keyed by id. */
  grammars: GrammarInfo[];
  /** Returns the bytes of a grammar wasm by file name; rejects if missing. */
  loadGrammar(wasmFile: string): Promise<Uint8Array>;
  /** Returns query source for (query folder, purpose), or undefined when there is none. */
  loadQuery(queryDir: string, purpose: string): Promise<string | undefined>;
}

/**
 * One query match with its live nodes: capture name → the first node captured under it
 * (`_` helper captures left out). Valid only inside the callback that receives it.
 */
export type NodeMatch = Record<string, Node>;

/** Reads something from the live matches of one query purpose while its tree exists. */
export interface TreeReader<T> {
  purpose: string;
  read(matches: NodeMatch[]): T;
  /** When true, parsing and querying stop with an error past the work limits of {@link WORK_LIMITS}. */
  bounded?: boolean;
}

/**
 * Work one bounded parse (a manifest that is code) may cost, counted the same way on every
 * machine, so that whether a file is read never depends on the machine's speed. Steps are calls
 * of tree-sitter's progress callback, one per 100 parser or query-cursor operations (real
 * manifests need at most about 41 per KB). The lexer's reads catch scanners that rescan the text
 * (Ruby `=begin` lines without `=end`: 2000 times the text), which no step counts. Before the
 * queries run, nodes inside ERROR nodes and the tree's depth are bounded: a query's cost grows
 * with the square of an ERROR node's width and with the tree's depth times its size (20,000
 * lines of `(`, a 40,000-deep chain of `%`: 20 to 100 s); real manifests have a few error nodes
 * and a depth under 50. Some error recovery costs time that no count sees (Python, 20,000 lines
 * inside an unclosed `(`: 25 s in 1,200 steps), so processor time is the last resort: about 100
 * times what the largest real manifests take, so it never decides for an ordinary file.
 */
export const WORK_LIMITS = {
  /** Progress steps of the parse, and again of the queries, for a text of `chars` characters. */
  steps: (chars: number) => 2000 + Math.ceil(chars / 4),
  /** Characters the lexer may read, counted in chunks of {@link LEXER_CHUNK}. */
  lexed: (chars: number) => 65536 + 32 * chars,
  /** Nodes inside ERROR nodes. */
  errorNodes: 2000,
  /** Depth of the tree (root = 0). */
  depth: 400,
  /** Processor time of this process, ms. */
  processorMs: (chars: number) => 10_000 + Math.ceil(chars / 25),
};

/** Characters handed to the lexer per read while a bounded parse counts them. */
const LEXER_CHUNK = 1024;

/** Processor time of this process in ms where Node tells it (other processes do not count), else wall time. */
const cpuMs = typeof process !== 'undefined' && typeof process.cpuUsage === 'function' ? () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
} : () => performance.now();

/** Depth of the deepest node of `tree` (root = 0), or the first depth past `stop`. Linear in nodes. */
function depthOf(tree: Tree, stop: number): number {
  const c = tree.walk();
  let depth = 0;
  let max = 0;
  try {
    for (;;) {
      if (c.gotoFirstChild()) {
        if (++depth > stop) return depth;
        max = Math.max(max, depth);
      } else while (!c.gotoNextSibling()) if (depth-- === 0 || !c.gotoParent()) return max;
    }
  } finally {
    c.delete();
  }
}

/** What {@link TreeSitterHost.parse} returns: flattened matches by purpose, and the reader's result. */
export interface ParseOutput<T> {
  matches: Record<string, QueryMatch[]>;
  read?: T;
}

/** Longest captured text kept (characters); longer captures are cut. */
const MAX_CAPTURE_TEXT = 300;

let runtimeReady: Promise<void> | undefined;

/** `; inherits: a,b` on a query's first lines (the nvim-treesitter convention). */
const INHERITS = /^;+[ \t]*inherits:[ \t]*([\w,-][\w, \t\r-]*)$/m;

/**
 * Loads a query's source for (query folder, purpose), with the same-purpose queries of the
 * folders it inherits from (`; inherits: javascript`) prepended. Undefined when the folder has
 * no such query. Rejects on an inheritance cycle.
 */
export async function resolveQuerySource(
  loadQuery: (dir: string, purpose: string) => Promise<string | undefined>,
  dir: string,
  purpose: string,
  seen: string[] = [],
): Promise<string | undefined> {
  if (seen.includes(dir)) throw new Error(`query inheritance cycle: ${[...seen, dir].join(' -> ')}`);
  const own = await loadQuery(dir, purpose);
  if (own === undefined) return undefined;
  const head = own.split('\n').slice(0, 5).join('\n');
  const parents = INHERITS.exec(head)?.[1].split(',').map((x) => x.trim()).filter(Boolean) ?? [];
  const inherited: string[] = [];
  for (const parent of parents) {
    const src = await resolveQuerySource(loadQuery, parent, purpose, [...seen, dir]);
    if (src !== undefined) inherited.push(src);
  }
  return [...inherited, own].join('\n');
}

/** Strips one layer of string quotes from a captured literal (`'x'`, `"x"`, `` `x` ``). */
export function unquote(text: string): string {
  const m = /^(?:[rbuf]?)(['"`])([\s\S]*)\1$/.exec(text);
  return m ? m[2] : text;
}

/**
 * One web-tree-sitter parser with lazily loaded grammars and compiled queries. Not safe for
 * concurrent `run` calls (one parser); the engine parses files one after another.
 */
export class TreeSitterHost {
  private parser: Parser | undefined;
  private readonly languages = new Map<string, Promise<Language | undefined>>();
  private readonly queries = new Map<string, Query | null>();
  /** grammar + purposes → one query of all those purposes and each pattern's purpose; null when it did not compile. */
  private readonly merged = new Map<string, { query: Query; purposeOf: string[] } | null>();
  /** Grammars whose wasm has loaded, for the synchronous paths. */
  private readonly loaded = new Map<string, Language>();
  /** Problems met while loading grammars or compiling queries (shown as scan warnings). */
  readonly problems: string[] = [];

  private constructor(private readonly opts: TreeSitterOptions) {}

  /** Creates a host; initialises the runtime once per process. Rejects if the runtime wasm cannot load. */
  static async create(opts: TreeSitterOptions): Promise<TreeSitterHost> {
    runtimeReady ??= Parser.init({ locateFile: () => opts.runtimeWasmPath });
    await runtimeReady;
    const host = new TreeSitterHost(opts);
    host.parser = new Parser();
    return host;
  }

  /** Grammar ids this host knows. */
  get grammarIds(): string[] {
    return this.opts.grammars.map((g) => g.id);
  }

  private language(grammarId: string): Promise<Language | undefined> {
    let p = this.languages.get(grammarId);
    if (!p) {
      const info = this.opts.grammars.find((g) => g.id === grammarId);
      p = info
        ? this.opts
            .loadGrammar(info.wasm)
            .then((bytes) => Language.load(bytes))
            .catch((e: unknown) => {
              this.problems.push(`grammar ${grammarId} could not be loaded: ${(e as Error).message}`);
              return undefined;
            })
        : Promise.resolve(undefined);
      this.languages.set(grammarId, p);
    }
    return p;
  }

  /**
   * Compiles (once) and returns the query for a grammar and purpose; null when the grammar has
   * no such query. Throws only through {@link compileQuery} for tests that want the error.
   */
  async query(grammarId: string, purpose: string): Promise<Query | null> {
    const key = `${grammarId}/${purpose}`;
    if (this.queries.has(key)) return this.queries.get(key)!;
    const info = this.opts.grammars.find((g) => g.id === grammarId);
    const lang = await this.language(grammarId);
    let q: Query | null = null;
    if (info && lang) {
      const src = await resolveQuerySource(this.opts.loadQuery, info.queries, purpose).catch((e: Error) => {
        this.problems.push(e.message);
        return undefined;
      });
      if (src !== undefined) {
        try {
          q = new Query(lang, src);
        } catch (e) {
          this.problems.push(`query ${info.queries}/${purpose}.scm does not compile for ${grammarId}: ${(e as Error).message}`);
        }
      }
    }
    this.queries.set(key, q);
    return q;
  }

  /**
   * Compiles query source for a grammar, throwing the tree-sitter error if it is invalid.
   * Used by tests to check every `.scm` file. The caller must `delete()` the query.
   */
  async compileQuery(grammarId: string, source: string): Promise<Query> {
    const lang = await this.language(grammarId);
    if (!lang) throw new Error(`grammar ${grammarId} is not available`);
    return new Query(lang, source);
  }

  /**
   * Parses `text` with a grammar and runs the given purposes' queries.
   * Returns purpose → flattened matches (see {@link QueryMatch}); undefined when the grammar is
   * unavailable. Capture texts of string literals are unquoted; lines are 1-based.
   */
  async run(grammarId: string, text: string, purposes: readonly string[]): Promise<Record<string, QueryMatch[]> | undefined> {
    return (await this.parse(grammarId, text, purposes))?.matches;
  }

  /**
   * Parses `text` once: returns the flattened matches of `purposes` (as {@link run}) and, when
   * `reader` is given, what `reader.read` makes of the live matches of `reader.purpose` on the
   * same tree. Undefined when the grammar is unavailable. Errors thrown by the reader propagate;
   * the tree is deleted either way.
   */
  async parse<T>(grammarId: string, text: string, purposes: readonly string[], reader?: TreeReader<T>): Promise<ParseOutput<T> | undefined> {
    await this.prepare([grammarId], purposes);
    if (reader) await this.prepare([grammarId], [reader.purpose]);
    return this.parseLoaded(grammarId, text, purposes, reader);
  }

  /**
   * Loads grammars and compiles their queries for `purposes` ahead of {@link readSync} and
   * {@link parse}: several purposes become one merged query (each purpose alone when the merged
   * source does not compile, so one broken `.scm` loses only its own purpose).
   */
  async prepare(grammarIds: readonly string[], purposes: readonly string[]): Promise<void> {
    for (const id of grammarIds) {
      const lang = await this.language(id);
      if (lang) this.loaded.set(id, lang);
      if (purposes.length > 1 && (await this.mergedQuery(id, purposes))) continue;
      for (const purpose of purposes) await this.query(id, purpose);
    }
  }

  /**
   * Compiles (once) one query holding every given purpose's patterns, with the purpose of each
   * pattern found by its byte offset in the merged source. Null when the grammar has none of these
   * queries or the merged source does not compile.
   */
  private async mergedQuery(grammarId: string, purposes: readonly string[]): Promise<{ query: Query; purposeOf: string[] } | null> {
    const key = `${grammarId}\0${purposes.join(',')}`;
    if (this.merged.has(key)) return this.merged.get(key)!;
    const info = this.opts.grammars.find((g) => g.id === grammarId);
    const lang = await this.language(grammarId);
    let out: { query: Query; purposeOf: string[] } | null = null;
    if (info && lang) {
      const parts: { purpose: string; src: string }[] = [];
      for (const purpose of purposes) {
        const src = await resolveQuerySource(this.opts.loadQuery, info.queries, purpose).catch((e: Error) => {
          this.problems.push(e.message);
          return undefined;
        });
        if (src !== undefined) parts.push({ purpose, src });
      }
      const ends: { purpose: string; end: number }[] = [];
      let offset = 0;
      for (const part of parts) {
        offset += utf8Length(part.src) + 1;
        ends.push({ purpose: part.purpose, end: offset });
      }
      try {
        if (parts.length) {
          const query = new Query(lang, parts.map((x) => x.src).join('\n'));
          const purposeOf: string[] = [];
          for (let i = 0; i < query.patternCount(); i++) {
            const at = query.startIndexForPattern(i);
            purposeOf.push(ends.find((e) => at < e.end)?.purpose ?? parts[parts.length - 1].purpose);
          }
          out = { query, purposeOf };
        }
      } catch {
        out = null;
      }
    }
    this.merged.set(key, out);
    return out;
  }

  /**
   * Synchronous {@link parse} of one purpose for grammars already loaded by {@link prepare}:
   * `read` gets the live matches; returns its result, or undefined when the grammar or the
   * query is not loaded.
   */
  readSync<T>(grammarId: string, text: string, purpose: string, read: (matches: NodeMatch[]) => T, bounded?: boolean): T | undefined {
    if (!this.queries.get(`${grammarId}/${purpose}`)) return undefined;
    return this.parseLoaded(grammarId, text, [], { purpose, read, bounded })?.read;
  }

  private parseLoaded<T>(grammarId: string, text: string, purposes: readonly string[], reader?: TreeReader<T>): ParseOutput<T> | undefined {
    const lang = this.loaded.get(grammarId);
    if (!lang || !this.parser) return undefined;
    const compiled = (p: string) => this.queries.get(`${grammarId}/${p}`);
    const bound = reader?.bounded ? { steps: WORK_LIMITS.steps(text.length), lexed: WORK_LIMITS.lexed(text.length), ms: cpuMs() + WORK_LIMITS.processorMs(text.length) } : undefined;
    let steps = 0;
    let lexed = 0;
    const problem = (): string | undefined => {
      if (!bound) return undefined;
      if (steps > bound.steps) return `parsing needed more than ${bound.steps} steps`;
      if (lexed > bound.lexed) return `the lexer read more than ${bound.lexed} characters`;
      return cpuMs() > bound.ms ? `parsing took more than ${WORK_LIMITS.processorMs(text.length)} ms of processor time` : undefined;
    };
    // web-tree-sitter cancels when a progress callback returns true (its typings say void).
    const options = bound ? { progressCallback: (() => (steps++, !!problem())) as () => void } : undefined;
    // A bounded parse hands the lexer the text in counted chunks, and nothing once the count is
    // spent; reads after the parse are node texts, not counted.
    let counting = !!bound;
    const input = (i: number) => {
      const chunk = counting && lexed > bound!.lexed ? '' : text.slice(i, i + LEXER_CHUNK);
      if (counting) lexed += chunk.length;
      return chunk;
    };
    this.parser.setLanguage(lang);
    const tree = this.parser.parse(bound ? input : text, null, options);
    counting = false;
    const errorNodes = bound && tree ? tree.rootNode.descendantsOfType('ERROR').reduce((n, e) => n + (e?.descendantCount ?? 0), 0) : 0;
    const unread = bound && (problem() ?? (!tree ? 'parsing was cancelled' : undefined)
      ?? (errorNodes > WORK_LIMITS.errorNodes ? `${errorNodes} syntax nodes are errors (more than ${WORK_LIMITS.errorNodes})` : undefined)
      ?? (depthOf(tree!, WORK_LIMITS.depth) > WORK_LIMITS.depth ? `the syntax tree is deeper than ${WORK_LIMITS.depth} levels` : undefined));
    if (unread || !tree) {
      tree?.delete();
      if (unread) throw new Error(unread);
      return undefined;
    }
    steps = 0;
    try {
      const out: ParseOutput<T> = { matches: {} };
      const flatten = (m: QueryMatchRaw, purpose: string): QueryMatch => {
        const allowed = QUERY_CAPTURES[purpose] ?? [];
        const captures: QueryMatch['captures'] = {};
        const first: Record<string, Node> = {};
        for (const c of m.captures) {
          if (!allowed.includes(c.name)) continue;
          // A capture repeated in one match (a quantified `(x)* @name`) spans its first to its last node.
          if (first[c.name]) captures[c.name] = describe(c.node, first[c.name], text);
          else captures[c.name] = describe((first[c.name] = c.node));
        }
        return { captures };
      };
      const merged = purposes.length > 1 ? this.merged.get(`${grammarId}\0${purposes.join(',')}`) : undefined;
      if (merged) {
        for (const purpose of purposes) if (merged.purposeOf.includes(purpose)) out.matches[purpose] = [];
        for (const m of merged.query.matches(tree.rootNode, options)) {
          const purpose = merged.purposeOf[m.patternIndex];
          out.matches[purpose].push(flatten(m, purpose));
        }
      } else {
        for (const purpose of purposes) {
          const q = compiled(purpose);
          if (!q) continue;
          out.matches[purpose] = q.matches(tree.rootNode, options).map((m) => flatten(m, purpose));
        }
      }
      if (problem()) throw new Error(problem());
      const q = reader && compiled(reader.purpose);
      if (reader && q) {
        const matches = q.matches(tree.rootNode, options).map((m) => {
          const nodes: NodeMatch = {};
          for (const c of m.captures) if (!c.name.startsWith('_')) nodes[c.name] ??= c.node;
          return nodes;
        });
        if (problem()) throw new Error(problem());
        out.read = reader.read(matches);
      }
      return out;
    } finally {
      tree.delete();
    }
  }

  /** Frees the parser, compiled queries and loaded languages. */
  dispose(): void {
    for (const q of this.queries.values()) q?.delete();
    this.queries.clear();
    for (const m of this.merged.values()) m?.query.delete();
    this.merged.clear();
    this.parser?.delete();
    this.parser = undefined;
  }
}

/** A raw match as web-tree-sitter returns it. */
type QueryMatchRaw = ReturnType<Query['matches']>[number];

/** Bytes of a string in UTF-8 (query offsets are byte offsets). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function describe(last: Node, first: Node = last, source?: string): QueryMatch['captures'][string] {
  const node = first;
  const full = source === undefined ? node.text : source.slice(first.startIndex, last.endIndex);
  const raw = full.length > MAX_CAPTURE_TEXT ? full.slice(0, MAX_CAPTURE_TEXT) : full;
  const isString = /string|char_literal|interpreted|raw_string/.test(node.type);
  return {
    text: isString ? unquote(raw) : raw,
    line: node.startPosition.row + 1,
    column: node.startPosition.column,
    endColumn: last.endPosition.row === node.startPosition.row ? last.endPosition.column : node.startPosition.column + raw.split('\n')[0].length,
    nodeType: node.type,
  };
}
