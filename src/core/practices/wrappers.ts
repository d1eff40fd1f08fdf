/**
 * What a CI command really runs. Pipelines often call a wrapper instead of the tool: a Makefile
 * target (`make ci`), a shell script (`bash scripts/test.sh`), a package-manager script
 * (`npm run ci`, `composer test`, `poetry run poe test`, `hatch run test`, `pdm run test`), a task
 * runner (`tox -e py312`, `nox -s tests`, `just test`, `task test`). The resolver reads those
 * definitions from the workspace as text (never running anything) and expands a command into the
 * lines it stands for, each with the file and 1-based line it was read from.
 */
import { parse as parseToml } from 'smol-toml';
import type { DetectorContext } from './types';
import { baseName, dirName, isVendored, memo, readSafe } from './util';
import picomatch from 'picomatch';

/** One command line a wrapper stands for. `line` is 1-based in `path`. */
export interface ResolvedLine {
  path: string;
  line: number;
  /** The command as written there (trimmed). */
  text: string;
  /** The wrapper chain that led here, e.g. `make ci → make test`. */
  via: string;
}

interface Definition {
  path: string;
  /** Command lines with their 1-based lines. */
  lines: { line: number; text: string }[];
}

/** Deepest wrapper nesting followed (make → script → npm script → tool). */
const MAX_DEPTH = 5;
/** Most lines one expansion returns. */
const MAX_LINES = 200;

const SCRIPT_FILE = /\.(sh|bash)$|(^|\/)(scripts?|bin|ci|\.ci|tools)\/[\w-]+$/;
const DEFINITION_FILE = /(^|\/)(GNUmakefile|[Mm]akefile|[\w.-]+\.mk|package\.json|composer\.json|pyproject\.toml|tox\.ini|noxfile\.py|[Jj]ustfile|\.justfile|Taskfile\.ya?ml|Rakefile)$/;

/** Reads the wrapper definitions of a workspace and expands commands through them. */
export class CommandResolver {
  private readonly make = new Map<string, Map<string, { deps: string[]; def: Definition }>>();
  private readonly makeVars = new Map<string, Map<string, string>>();
  private readonly makeDefault = new Map<string, string>();
  private readonly npm = new Map<string, Map<string, Definition>>();
  private readonly composer = new Map<string, Map<string, Definition>>();
  private readonly pyTasks = new Map<string, Map<string, Definition>>();
  private readonly tox = new Map<string, { envs: Map<string, Definition>; envlist: string[] }>();
  private readonly nox = new Map<string, Map<string, Definition>>();
  private readonly just = new Map<string, Map<string, Definition>>();
  private readonly scripts = new Map<string, Definition>();
  private readonly rakeDefault = new Map<string, { path: string; line: number; text: string } | undefined>();

  /** `files`: workspace-relative path → text of every definition file and script. */
  constructor(files: Map<string, string>) {
    for (const [path, text] of files) {
      const b = baseName(path);
      const dir = dirName(path);
      try {
        if (/^(GNUmakefile|[Mm]akefile)$|\.mk$/.test(b)) this.readMakefile(dir, path, text);
        else if (b === 'package.json') this.readScriptsJson(this.npm, dir, path, text, 'scripts');
        else if (b === 'composer.json') this.readScriptsJson(this.composer, dir, path, text, 'scripts');
        else if (b === 'pyproject.toml') this.readPyproject(dir, path, text);
        else if (b === 'tox.ini') this.readTox(dir, path, text);
        else if (b === 'noxfile.py') this.readNox(dir, path, text);
        else if (/^\.?[Jj]ustfile$/.test(b)) this.readJustfile(dir, path, text);
        else if (b === 'Rakefile') this.rakeDefault.set(dir, rakeDefaultTask(path, text));
        if (SCRIPT_FILE.test(path) && !DEFINITION_FILE.test(path)) this.scripts.set(path, { path, lines: shellLines(text) });
      } catch {
        // A definition that cannot be read is simply not followed.
      }
    }
  }

  /**
   * The lines `command` stands for when it calls a wrapper, expanded recursively; empty when it
   * calls no known wrapper. `cwd` is the workspace-relative folder the command runs in ('' = root).
   */
  expand(command: string, cwd = ''): ResolvedLine[] {
    const out: ResolvedLine[] = [];
    this.expandInto(command, cwd, 0, new Set(), '', out);
    return out.slice(0, MAX_LINES);
  }

  private expandInto(command: string, cwd: string, depth: number, seen: Set<string>, via: string, out: ResolvedLine[]): void {
    if (depth >= MAX_DEPTH || out.length >= MAX_LINES) return;
    for (const segment of splitSegments(command)) {
      for (const call of this.calls(segment, cwd)) {
        const key = `${call.kind}:${call.folder}:${call.name}`;
        if (seen.has(key)) continue;
        const next = new Set(seen).add(key);
        const chain = `${via}${via ? ' → ' : ''}${call.label}`;
        for (const l of call.lines) {
          if (out.length >= MAX_LINES) return;
          out.push({ path: l.path, line: l.line, text: l.text, via: chain });
          this.expandInto(l.text, call.folder, depth + 1, next, chain, out);
        }
      }
    }
  }

  /** The wrapper calls in one shell segment, with the lines each one stands for. */
  private calls(segment: string, cwd: string): { kind: string; folder: string; name: string; label: string; lines: { path: string; line: number; text: string }[] }[] {
    let s = segment.trim().replace(/^(?:[A-Z_][A-Z0-9_]*=\S*\s+)+/, '');
    // Commands run inside a container or a package-manager environment: look at what they run.
    s = s.replace(/^(?:docker(?:-|\s+)compose(?:\s+-f\s+\S+)*\s+(?:exec|run)(?:\s+(?:-T|--rm|-d|--no-deps|-e\s+\S+|--env\s+\S+|-w\s+\S+|--workdir\s+\S+|--user\s+\S+))*\s+[\w.-]+\s+)/, '');
    s = s.replace(/^(?:(?:poetry|uv|pipenv|rye)\s+run\s+)/, '');
    s = s.replace(/^(?:bundle\s+exec\s+)/, '');
    const words = s.split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    const out: ReturnType<CommandResolver['calls']> = [];
    const head = words[0].replace(/^\$\(MAKE\)$|^\$\{MAKE\}$/, 'make');

    if (head === 'make' || head === 'gmake') {
      let dir = cwd;
      let file: string | undefined;
      const targets: string[] = [];
      for (let i = 1; i < words.length; i++) {
        const w = words[i];
        if (w === '-C' || w === '--directory') dir = joinRel(cwd, words[++i] ?? '');
        else if (w === '-f' || w === '--file' || w === '--makefile') file = words[++i];
        else if (w.startsWith('-') || w.includes('=')) continue;
        else targets.push(w);
      }
      const folder = file ? joinRel(dir, dirName(file)) : dir;
      if (!this.make.has(folder)) return [];
      if (!targets.length) {
        const d = this.makeDefault.get(folder);
        if (d) targets.push(d);
      }
      for (const t of targets) {
        const lines = this.makeTarget(folder, t, new Set());
        if (lines.length) out.push({ kind: 'make', folder, name: t, label: `make ${t}`, lines });
      }
      return out;
    }

    const pm = /^(npm|pnpm|yarn|bun)$/.exec(head);
    if (pm) {
      let i = 1;
      if (words[i] === 'run' || words[i] === 'run-script') i++;
      else if (pm[1] === 'npm' && !['test', 't', 'start', 'stop', 'restart'].includes(words[i] ?? '')) return [];
      let name = words[i] === 't' ? 'test' : words[i];
      while (name && name.startsWith('-')) name = words[++i];
      if (!name) return [];
      const folder = this.folderWith(this.npm, cwd);
      const def = folder !== undefined ? this.npm.get(folder)?.get(name) : undefined;
      if (def) out.push({ kind: 'npm', folder: folder!, name, label: `${pm[1]} ${name === 'test' && pm[1] === 'npm' ? 'test' : `run ${name}`}`, lines: def.lines.map((l) => ({ path: def.path, ...l })) });
      return out;
    }
    if (head === 'npm-run-all' || head === 'run-s' || head === 'run-p') {
      const folder = this.folderWith(this.npm, cwd);
      const scripts = folder !== undefined ? this.npm.get(folder)! : undefined;
      if (!scripts) return [];
      for (const pattern of words.slice(1).filter((w) => !w.startsWith('-'))) {
        // npm-run-all's globs: `*` stays within one `:`-separated part of a script name, `**` crosses them.
        const matches = picomatch(pattern.replace(/:/g, '/'));
        for (const [name, def] of scripts) if (matches(name.replace(/:/g, '/'))) out.push({ kind: 'npm', folder: folder!, name, label: `${head} ${name}`, lines: def.lines.map((l) => ({ path: def.path, ...l })) });
      }
      return out;
    }

    if (head === 'composer' || (head === '@composer' && words.length > 1)) {
      let i = 1;
      if (words[i] === 'run' || words[i] === 'run-script') i++;
      const name = words[i];
      const folder = this.folderWith(this.composer, cwd);
      const def = name && folder !== undefined ? this.composer.get(folder)?.get(name) : undefined;
      if (def) out.push({ kind: 'composer', folder: folder!, name, label: `composer ${name}`, lines: def.lines.map((l) => ({ path: def.path, ...l })) });
      return out;
    }
    if (/^@[\w:-]+$/.test(head) && head !== '@php') {
      // A composer script calling another one (`"ci": ["@lint", "@test"]`).
      const folder = this.folderWith(this.composer, cwd);
      const def = folder !== undefined ? this.composer.get(folder)?.get(head.slice(1)) : undefined;
      if (def) out.push({ kind: 'composer', folder: folder!, name: head.slice(1), label: `composer ${head.slice(1)}`, lines: def.lines.map((l) => ({ path: def.path, ...l })) });
      return out;
    }

    if (/^(poe|task|pdm|hatch)$/.test(head)) {
      let i = 1;
      if ((head === 'pdm' || head === 'hatch') && words[i] === 'run') i++;
      else if (head === 'pdm' || head === 'hatch') return [];
      let name = words[i];
      if (!name) return [];
      if (head === 'hatch' && name.includes(':')) name = name.slice(name.indexOf(':') + 1);
      const folder = this.folderWith(this.pyTasks, cwd);
      const def = folder !== undefined ? this.pyTasks.get(folder)?.get(`${head === 'task' ? 'taskipy' : head}:${name}`) ?? this.pyTasks.get(folder)?.get(`any:${name}`) : undefined;
      if (def) out.push({ kind: head, folder: folder!, name, label: `${head} ${head === 'pdm' || head === 'hatch' ? 'run ' : ''}${name}`, lines: def.lines.map((l) => ({ path: def.path, ...l })) });
      return out;
    }

    if (head === 'tox' || (head === 'python' && words[1] === '-m' && words[2] === 'tox')) {
      const folder = this.folderWith(this.tox, cwd);
      const tox = folder !== undefined ? this.tox.get(folder) : undefined;
      if (!tox) return [];
      const eIdx = words.findIndex((w) => w === '-e' || w === '--env' || w.startsWith('-e'));
      const envArg = eIdx >= 0 ? (words[eIdx] === '-e' || words[eIdx] === '--env' ? words[eIdx + 1] : words[eIdx].slice(2)) : undefined;
      const envs = envArg ? envArg.split(',') : tox.envlist.length ? tox.envlist : ['testenv'];
      for (const env of envs) {
        const def = tox.envs.get(env) ?? (/^(py|pypy)\d*|^\{?py/.test(env) || env === 'testenv' ? tox.envs.get('') : undefined);
        if (def) out.push({ kind: 'tox', folder: folder!, name: env, label: `tox -e ${env}`, lines: def.lines.map((l) => ({ path: def.path, ...l })) });
      }
      return out;
    }
    if (head === 'nox' || (head === 'python' && words[1] === '-m' && words[2] === 'nox')) {
      const folder = this.folderWith(this.nox, cwd);
      const sessions = folder !== undefined ? this.nox.get(folder) : undefined;
      if (!sessions) return [];
      const sIdx = words.findIndex((w) => w === '-s' || w === '--session' || w === '--sessions');
      const names = sIdx >= 0 ? words.slice(sIdx + 1).filter((w) => !w.startsWith('-')) : [...sessions.keys()];
      for (const n of names) {
        const def = sessions.get(n.split(/[-(]/, 1)[0]);
        if (def) out.push({ kind: 'nox', folder: folder!, name: n, label: `nox -s ${n}`, lines: def.lines.map((l) => ({ path: def.path, ...l })) });
      }
      return out;
    }
    if (head === 'just') {
      const name = words.slice(1).find((w) => !w.startsWith('-'));
      const folder = this.folderWith(this.just, cwd);
      const def = name && folder !== undefined ? this.just.get(folder)?.get(name) : undefined;
      if (def) out.push({ kind: 'just', folder: folder!, name: name!, label: `just ${name}`, lines: def.lines.map((l) => ({ path: def.path, ...l })) });
      return out;
    }
    if (head === 'rake' && words.length === 1) {
      // `bundle exec rake` with no task runs the default task (the tests in a Rails app).
      const folder = this.folderWith(this.rakeDefault, cwd);
      const d = folder !== undefined ? this.rakeDefault.get(folder) : undefined;
      if (d) out.push({ kind: 'rake', folder: folder!, name: 'default', label: 'rake (default task)', lines: [d] });
      return out;
    }

    // Shell scripts: `bash scripts/test.sh`, `./scripts/ci`, `sh -c ...` is left alone.
    const scriptWord = /^(bash|sh|zsh|source|\.)$/.test(head) ? words.slice(1).find((w) => !w.startsWith('-')) : head;
    if (scriptWord && /[/.]/.test(scriptWord) && !/^https?:/.test(scriptWord)) {
      const path = this.findScript(scriptWord, cwd);
      if (path) {
        const def = this.scripts.get(path)!;
        out.push({ kind: 'script', folder: dirName(path).replace(/(^|\/)(scripts?|bin|ci|\.ci|tools)$/, ''), name: path, label: path, lines: def.lines.map((l) => ({ path, ...l })) });
      }
    }
    return out;
  }

  private makeTarget(folder: string, target: string, seen: Set<string>): { path: string; line: number; text: string }[] {
    const rules = this.make.get(folder);
    const rule = rules?.get(target);
    if (!rule || seen.has(target) || seen.size > 20) return [];
    seen.add(target);
    const vars = this.makeVars.get(folder) ?? new Map();
    const out: { path: string; line: number; text: string }[] = [];
    for (const dep of rule.deps) out.push(...this.makeTarget(folder, dep, seen));
    for (const l of rule.def.lines) out.push({ path: rule.def.path, line: l.line, text: substituteMakeVars(l.text, vars) });
    return out;
  }

  /** The nearest folder at or above `cwd` that has definitions in `map`. */
  private folderWith<T>(map: Map<string, T>, cwd: string): string | undefined {
    let dir = cwd;
    for (;;) {
      if (map.has(dir)) return dir;
      if (!dir) return undefined;
      dir = dirName(dir);
    }
  }

  private findScript(word: string, cwd: string): string | undefined {
    const rel = word.replace(/^\.\//, '').replace(/^\$\{?\w+\}?\//, '');
    for (const candidate of [joinRel(cwd, rel), rel]) if (this.scripts.has(candidate)) return candidate;
    // A script run inside a container or from another folder: the only workspace file ending in that path.
    const matches = [...this.scripts.keys()].filter((p) => p.endsWith(`/${rel}`));
    return matches.length === 1 ? matches[0] : undefined;
  }

  private readMakefile(dir: string, path: string, text: string): void {
    const rules = this.make.get(dir) ?? new Map();
    const vars = this.makeVars.get(dir) ?? new Map<string, string>();
    this.make.set(dir, rules);
    this.makeVars.set(dir, vars);
    const lines = text.split(/\r?\n/);
    let current: { deps: string[]; def: Definition }[] = [];
    for (let i = 0; i < lines.length; i++) {
      let raw = lines[i];
      while (raw.endsWith('\\') && i + 1 < lines.length) raw = raw.slice(0, -1) + ' ' + lines[++i].trim();
      if (raw.startsWith('\t')) {
        const cmd = raw.trim().replace(/^[@+-]+/, '').trim();
        if (cmd && !cmd.startsWith('#') && !/^(echo|printf)\b/.test(cmd)) for (const r of current) r.def.lines.push({ line: i + 1, text: cmd });
        continue;
      }
      const assign = /^([A-Za-z_][\w.]*)\s*(\?=|:=|::=|\+=|=)(.*)$/.exec(raw);
      if (assign) {
        if (!vars.has(assign[1]) || assign[2] !== '?=') vars.set(assign[1], assign[3].trim());
        current = [];
        continue;
      }
      // Targets up to the first colon, then prerequisites and an optional `; recipe` (`:=` is not a rule).
      const rule = /^([^\s:#=][^:#=]*)(::?)([^;#]*)(?:;(.*))?$/.exec(raw);
      if (rule && !rule[3].startsWith('=') && !raw.startsWith(' ')) {
        const targets = rule[1].split(/\s+/).filter(Boolean);
        const deps = rule[3].split(/\s+/).filter((d) => d && !d.includes('$') && !d.includes('%'));
        current = [];
        for (const t of targets) {
          if (t.startsWith('.')) continue;
          if (!this.makeDefault.has(dir) && !t.includes('%') && !t.includes('$')) this.makeDefault.set(dir, t);
          const entry = { deps, def: { path, lines: rule[4]?.trim() ? [{ line: i + 1, text: rule[4].trim() }] : [] } };
          rules.set(t, entry);
          current.push(entry);
        }
        continue;
      }
      if (raw.trim() && !raw.trim().startsWith('#')) current = [];
    }
  }

  private readScriptsJson(into: Map<string, Map<string, Definition>>, dir: string, path: string, text: string, key: string): void {
    const json = JSON.parse(text) as Record<string, unknown>;
    const scripts = json[key];
    if (!scripts || typeof scripts !== 'object') return;
    const map = new Map<string, Definition>();
    const lines = text.split(/\r?\n/);
    for (const [name, value] of Object.entries(scripts as Record<string, unknown>)) {
      const cmds = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
      const at = lineOfJsonKey(lines, name);
      map.set(name, { path, lines: cmds.map((c) => ({ line: Array.isArray(value) ? lineOfText(lines, c, at) : at, text: c.replace(/^@php\s+/, '') })) });
    }
    into.set(dir, map);
  }

  private readPyproject(dir: string, path: string, text: string): void {
    const doc = parseToml(text) as Record<string, unknown>;
    const tool = (doc.tool ?? {}) as Record<string, unknown>;
    const lines = text.split(/\r?\n/);
    const map = this.pyTasks.get(dir) ?? new Map<string, Definition>();
    const add = (runner: string, name: string, value: unknown) => {
      const cmds: string[] = [];
      const collect = (v: unknown): void => {
        if (typeof v === 'string') cmds.push(v);
        else if (Array.isArray(v)) v.forEach(collect);
        else if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          for (const k of ['cmd', 'shell', 'call', 'sequence', 'composite']) if (k in o) collect(o[k]);
        }
      };
      collect(value);
      if (!cmds.length) return;
      const at = lineOfTomlKey(lines, name);
      const def = { path, lines: cmds.map((c) => ({ line: lineOfText(lines, c, at), text: c.replace(/\{args\}/g, '').trim() })) };
      map.set(`${runner}:${name}`, def);
      if (!map.has(`any:${name}`)) map.set(`any:${name}`, def);
    };
    const poe = (tool.poe as Record<string, unknown> | undefined)?.tasks;
    if (poe && typeof poe === 'object') for (const [n, v] of Object.entries(poe)) add('poe', n, v);
    const taskipy = (tool.taskipy as Record<string, unknown> | undefined)?.tasks;
    if (taskipy && typeof taskipy === 'object') for (const [n, v] of Object.entries(taskipy)) add('taskipy', n, v);
    const pdm = (tool.pdm as Record<string, unknown> | undefined)?.scripts;
    if (pdm && typeof pdm === 'object') for (const [n, v] of Object.entries(pdm)) if (n !== '_') add('pdm', n, v);
    const envs = ((tool.hatch as Record<string, unknown> | undefined)?.envs ?? {}) as Record<string, Record<string, unknown>>;
    for (const env of Object.values(envs)) {
      const scripts = env?.scripts;
      if (scripts && typeof scripts === 'object') for (const [n, v] of Object.entries(scripts)) add('hatch', n, v);
    }
    if (map.size) this.pyTasks.set(dir, map);
  }

  private readTox(dir: string, path: string, text: string): void {
    const envs = new Map<string, Definition>();
    let envlist: string[] = [];
    let section = '';
    let key = '';
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i];
      const sec = /^\[([^\]]+)\]/.exec(raw);
      if (sec) {
        section = sec[1].trim();
        key = '';
        continue;
      }
      const kv = /^([\w-]+)\s*=(.*)$/.exec(raw);
      if (kv) {
        key = kv[1];
        if ((section === 'tox' || section === 'tox:tox') && key === 'envlist') envlist = kv[2].split(/[\s,]+/).filter(Boolean);
        if (key === 'commands' && kv[2].trim()) addToxLine(envs, section, path, i + 1, kv[2].trim());
        continue;
      }
      if (/^\s+\S/.test(raw) && !raw.trim().startsWith('#')) {
        if (key === 'commands') addToxLine(envs, section, path, i + 1, raw.trim());
        if (key === 'envlist' && (section === 'tox' || section === 'tox:tox')) envlist.push(...raw.trim().split(/[\s,]+/).filter(Boolean));
      }
    }
    this.tox.set(dir, { envs, envlist });
  }

  private readNox(dir: string, path: string, text: string): void {
    const sessions = new Map<string, Definition>();
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      if (!/^@nox\.session\b/.test(lines[i])) continue;
      let j = i + 1;
      while (j < lines.length && /^@/.test(lines[j])) j++;
      const def = /^def\s+(\w+)\s*\(/.exec(lines[j] ?? '');
      if (!def) continue;
      const body: { line: number; text: string }[] = [];
      for (let k = j + 1; k < lines.length && (/^\s/.test(lines[k]) || !lines[k].trim()); k++) {
        const run = /session\.run\s*\(([^]+)/.exec(lines[k]);
        if (run) body.push({ line: k + 1, text: [...run[1].matchAll(/["']([^"']+)["']/g)].map((m) => m[1]).join(' ') });
      }
      sessions.set(def[1], { path, lines: body });
    }
    this.nox.set(dir, sessions);
  }

  private readJustfile(dir: string, path: string, text: string): void {
    const recipes = new Map<string, Definition>();
    let current: Definition | undefined;
    text.split(/\r?\n/).forEach((raw, i) => {
      const head = /^@?([\w-]+)(?:\s[^:=]*)?:(.*)$/.exec(raw);
      if (head && !head[2].startsWith('=') && !/^\s/.test(raw)) {
        current = { path, lines: [] };
        recipes.set(head[1], current);
        for (const dep of head[2].split(/\s+/).filter((d) => /^[\w-]+$/.test(d))) current.lines.push({ line: i + 1, text: `just ${dep}` });
      } else if (current && /^\s+\S/.test(raw)) {
        const cmd = raw.trim().replace(/^@/, '');
        if (!cmd.startsWith('#')) current.lines.push({ line: i + 1, text: cmd });
      } else if (raw.trim()) current = undefined;
    });
    this.just.set(dir, recipes);
  }
}

/** `text` without tox's `{posargs...}` substitutions (each to the next `}`), in one pass. */
function withoutPosargs(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const at = text.indexOf('{posargs', from);
    const end = at < 0 ? -1 : text.indexOf('}', at + 8);
    if (end < 0) return out + text.slice(from);
    out += text.slice(from, at);
    from = end + 1;
  }
}

function addToxLine(envs: Map<string, Definition>, section: string, path: string, line: number, text: string): void {
  const env = section === 'testenv' ? '' : section.startsWith('testenv:') ? section.slice('testenv:'.length) : undefined;
  if (env === undefined) return;
  const def = envs.get(env) ?? { path, lines: [] };
  def.lines.push({ line, text: withoutPosargs(text).replace(/^-\s*/, '').trim() });
  envs.set(env, def);
}

/** The command a Rakefile's default task runs, when it names its tests (or the file is a Rails app's). */
function rakeDefaultTask(path: string, text: string): { path: string; line: number; text: string } | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*task\s+(?:default:|:default\s*=>)(.+)$/.exec(lines[i]);
    if (m) return { path, line: i + 1, text: `rake ${m[1].replace(/[[\]:%w()]/g, ' ').replace(/\s+/g, ' ').trim()}` };
  }
  const rails = lines.findIndex((l) => /Rails\.application\.load_tasks|require_relative\s+["']config\/application["']/.test(l));
  // A Rails app's default rake task runs its test suite.
  return rails >= 0 ? { path, line: rails + 1, text: 'rails test' } : undefined;
}

/** Command lines of a shell script (comments, echo and blank lines dropped; continuations joined). */
function shellLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let raw = lines[i];
    while (raw.endsWith('\\') && i + 1 < lines.length) raw = raw.slice(0, -1) + ' ' + lines[++i].trim();
    const t = raw.trim();
    if (!t || t.startsWith('#') || /^(echo|printf|set|export\s+\w+=|cd|if|then|fi|else|do|done|for|while|esac|case|function|\}|\{)\b/.test(t)) continue;
    out.push({ line: start + 1, text: t });
  }
  return out;
}

/** Splits a shell line at `&&`, `||`, `;` and pipes (quotes are not taken apart: good enough for classification). */
function splitSegments(command: string): string[] {
  const parts = command.split(/&&|\|\||;|\|/);
  // Blanks next to a separator go (as /\s*(?:&&|…)\s*/ took them, without retrying every blank of a run).
  return parts.map((p, i) => (i > 0 ? p.trimStart() : p)).map((p, i) => (i < parts.length - 1 ? p.trimEnd() : p)).filter(Boolean);
}

function substituteMakeVars(text: string, vars: Map<string, string>): string {
  return text.replace(/\$[({](\w+)[)}]/g, (m, name: string) => (name === 'MAKE' ? 'make' : vars.get(name) ?? m));
}

function joinRel(dir: string, rel: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function lineOfJsonKey(lines: string[], key: string): number {
  const needle = JSON.stringify(key);
  const i = lines.findIndex((l) => l.includes(`${needle}:`) || l.includes(`${needle} :`));
  return i >= 0 ? i + 1 : 1;
}

function lineOfTomlKey(lines: string[], key: string): number {
  // `key =`, `"key" =` or `'key' =` after leading blanks, read with string operations.
  const isKeyLine = (l: string): boolean => {
    let rest = l.trimStart();
    if (rest.startsWith('"') || rest.startsWith("'")) rest = rest.slice(1);
    if (!rest.startsWith(key)) return false;
    rest = rest.slice(key.length);
    if (rest.startsWith('"') || rest.startsWith("'")) rest = rest.slice(1);
    return rest.trimStart().startsWith('=');
  };
  const i = lines.findIndex(isKeyLine);
  return i >= 0 ? i + 1 : 1;
}

/** The line (1-based) at or after `from` that contains `text`, else `from`. */
function lineOfText(lines: string[], text: string, from: number): number {
  const probe = text.slice(0, 40);
  for (let i = Math.max(0, from - 1); i < lines.length && i < from + 60; i++) if (lines[i].includes(probe)) return i + 1;
  return from;
}

/** The wrapper resolver of a scan, built once from the workspace's definition files and scripts. */
export function readCommandResolver(ctx: DetectorContext): Promise<CommandResolver> {
  return memo(ctx, 'ci.wrappers', async () => {
    const texts = new Map<string, string>();
    let n = 0;
    for (const f of ctx.files) {
      if (isVendored(f.path) || f.size > 512 * 1024) continue;
      if (!DEFINITION_FILE.test(f.path) && !(SCRIPT_FILE.test(f.path) && f.size < 64 * 1024)) continue;
      if (++n > 400) break;
      const text = await readSafe(ctx, f.path);
      if (text !== undefined) texts.set(f.path, text);
    }
    return new CommandResolver(texts);
  });
}
