/**
 * Security practices: dependency-update automation, SAST, security policy, committed .env files,
 * SQL built from strings (and its parameterised counterpart), password hashing, security headers,
 * CSRF protection, input validation, authentication and authorization. Values of .env files are
 * never read into evidence.
 */
import type { Evidence } from '../types';
import type { DetectorContext, PracticeDetector, QueryMatch } from './types';
import { readPipelines } from './ci';
import { isTestFile } from './testing';
import { isMigrationPath } from './data';
import { nonConstantValues, unwrapSql } from './sql-values';
import { baseName, clip, findAll, findFirst, isVendored, languageOf, memo, memoOnText, readSafe, sourceFiles, techEvidence, techsOf, techsPresent, runSteps } from './util';

const ENV_FILE = /^\.env(\.[\w.-]+)?$|^[\w-]+\.env$/i;
const ENV_SAFE = /(example|sample|template|dist|defaults?|schema|tpl|spec|ci|test\.example)$/i;

/** True for environment files that usually hold real values (.env, .env.production, prod.env); false for .env.example and kin. */
export function isCommittedEnvName(path: string): boolean {
  const b = baseName(path);
  if (!ENV_FILE.test(b)) return false;
  return !ENV_SAFE.test(b.replace(/\.env$/i, ''));
}

async function detectAutomation(ctx: DetectorContext): Promise<void> {
  const upd: Evidence[] = [];
  for (const f of ctx.files) {
    if (/^\.github\/dependabot\.ya?ml$/.test(f.path)) {
      const text = (await readSafe(ctx, f.path)) ?? '';
      const ecos = findAll(text, /package-ecosystem:\s*["']?([\w-]+)/m).map((h) => h.match[1]);
      upd.push({ path: f.path, line: 1, detail: `Dependabot version updates${ecos.length ? ` for ${ecos.join(', ')}` : ''}` });
    } else if (/^(\.github\/|\.gitlab\/)?(renovate\.json5?|\.renovaterc(\.json5?)?)$/.test(f.path)) {
      upd.push({ path: f.path, line: 1, detail: 'Renovate configuration' });
    }
  }
  if (ctx.files.some((f) => f.path === 'package.json')) {
    const hit = findFirst((await readSafe(ctx, 'package.json')) ?? '', /^[ \t]*"renovate"\s*:\s*\{/m);
    if (hit) upd.push({ path: 'package.json', line: hit.line, detail: 'Renovate configuration in package.json' });
  }
  if (upd.length) ctx.report('dependency-updates', upd, { count: upd.length, figures: { tools: [...new Set(upd.map((e) => (/Dependabot/.test(e.detail) ? 'Dependabot' : 'Renovate')))].join(', ') } });

  const sast: Evidence[] = [];
  const tools = new Set<string>();
  for (const f of ctx.files) {
    let tool: string | undefined;
    if (/^\.github\/codeql\/|(^|\/)codeql-config\.ya?ml$/.test(f.path)) tool = 'CodeQL';
    else if (/^\.?semgrep(\.ya?ml)?$|^\.semgrep\/.+\.ya?ml$/.test(f.path)) tool = 'Semgrep';
    else if (/^sonar-project\.properties$|^\.sonarcloud\.properties$|^sonar\.properties$/.test(f.path)) tool = 'Sonar';
    else if (/^\.snyk$/.test(f.path)) tool = 'Snyk';
    else if (/^\.bandit$|^bandit\.ya?ml$/.test(f.path)) tool = 'Bandit';
    else if (/^\.gitleaks\.toml$/.test(f.path)) tool = 'gitleaks';
    if (tool) {
      tools.add(tool);
      sast.push({ path: f.path, line: 1, detail: `${tool} configuration` });
    }
  }
  for (const p of await readPipelines(ctx)) {
    for (const s of p.steps) {
      const k = s.kinds.find((x) => x.kind === 'security');
      if (k && /CodeQL|Snyk|Semgrep|Sonar|security scan|Python security|Go security|Ruby security|Trivy|secret/.test(k.what)) {
        tools.add(k.what);
        sast.push({ path: s.path, line: s.line, detail: `${k.what} in CI: ${s.text}` });
      }
    }
  }
  for (const id of techsPresent(ctx, ['bandit', 'semgrep', 'sonarqube', 'snyk', 'brakeman', 'gosec', 'trivy', 'gitleaks', 'detect-secrets', 'owasp-dependency-check', 'safety', 'codeclimate'])) {
    tools.add(id);
    sast.push(...techEvidence(ctx, id));
  }
  if (sast.length) ctx.report('sast', sast.slice(0, 20), { count: tools.size, figures: { tools: [...tools].join(', ') } });

  const policy = ctx.files.filter((f) => /^(\.github\/|docs\/)?security(\.(md|txt|rst|adoc))?$/i.test(f.path) || /^\.well-known\/security\.txt$/.test(f.path));
  if (policy.length) ctx.report('security-policy', policy.map((f) => ({ path: f.path, line: 1, detail: 'security policy (how to report vulnerabilities)' })), { count: policy.length });

  const envs = ctx.files.filter((f) => isCommittedEnvName(f.path) && !isVendored(f.path));
  if (envs.length) {
    const evidence: Evidence[] = [];
    for (const f of envs) {
      // Count variables only; never copy a value or even a key into the evidence.
      const text = (await readSafe(ctx, f.path)) ?? '';
      const vars = findAll(text, /^[ \t]*(export\s+)?[A-Za-z_][\w.]*\s*=/m).length;
      evidence.push({ path: f.path, line: 1, detail: `committed environment file (${vars} variable(s)); keep it out of version control and commit a .env.example without values` });
    }
    ctx.report('committed-env', evidence, { count: envs.length });
  }
}

/** How to pass values as parameters, per language. */
export const SQL_FIX: Record<string, string> = {
  javascript: "pass values as parameters: pool.query('SELECT * FROM users WHERE id = $1', [id])",
  typescript: "pass values as parameters: pool.query('SELECT * FROM users WHERE id = $1', [id])",
  tsx: "pass values as parameters: pool.query('SELECT * FROM users WHERE id = $1', [id])",
  python: "pass values as parameters: cursor.execute('SELECT * FROM users WHERE id = %s', (user_id,))",
  java: 'pass values as parameters: conn.prepareStatement("SELECT * FROM users WHERE id = ?") then ps.setLong(1, id)',
  kotlin: 'pass values as parameters: conn.prepareStatement("SELECT * FROM users WHERE id = ?") then ps.setLong(1, id)',
  scala: 'pass values as parameters: sql"SELECT * FROM users WHERE id = $id" (Doobie/Slick bind it) or a PreparedStatement with ?',
  go: 'pass values as parameters: db.Query("SELECT * FROM users WHERE id = $1", id)',
  csharp: 'pass values as parameters: new SqlCommand("SELECT * FROM users WHERE id = @id", conn) with cmd.Parameters.AddWithValue("@id", id)',
  php: 'pass values as parameters: $stmt = $pdo->prepare("SELECT * FROM users WHERE id = ?"); $stmt->execute([$id])',
  ruby: 'pass values as parameters: User.where("id = ?", id) or conn.exec_params("SELECT * FROM users WHERE id = $1", [id])',
  rust: 'pass values as parameters: sqlx::query("SELECT * FROM users WHERE id = $1").bind(id)',
};

const SQL_STATEMENT = /\b(INSERT\s+INTO|UPDATE\s+[\w."`\[\]]+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX)|DROP\s+TABLE|ALTER\s+TABLE|WHERE\s)/i;
/**
 * SQL words in a text (case-insensitive): a statement head, WHERE, or SELECT with a FROM after it.
 * SELECT…FROM is two searches (the first SELECT decides: a FROM after a later one is after it too),
 * so a text of many SELECTs without FROM stays linear.
 */
const SQL_WORDS = {
  test(s: string): boolean {
    if (SQL_STATEMENT.test(s)) return true;
    const select = /\bSELECT\s/i.exec(s);
    return !!select && /\bFROM/i.test(s.slice(select.index + select[0].length));
  },
};
const PLACEHOLDER = /\$\d+|\?|%s|%\(\w+\)s|(^|[\s(=,])[:@]\w+/;

/** How a SQL argument was built, or undefined when it is a plain literal. */
export function sqlBuiltBy(arg: string, language: string): string | undefined {
  const a = arg.trim();
  if (/^f["']|^f"""|^rf["']|^fr["']/i.test(a) && /\{[^{}]+\}/.test(a)) return 'an f-string';
  if (/^`[^$]*(?:\$+[^{$][^$]*)*\$+\{[^`]*`/.test(a)) return 'a template literal';
  if (/^\$@?"/.test(a) && /\{[^{}]+\}/.test(a)) return 'string interpolation';
  // Interpolation must sit inside the opening literal: `"... " . $id` is concatenation.
  if (language === 'ruby' && /^"(?:[^"\\]|\\.)*#\{/.test(a)) return 'string interpolation';
  if (language === 'php' && /^"(?:[^"\\]|\\.)*(\$[A-Za-z_]|\{\$)/.test(a)) return 'string interpolation';
  if (language === 'scala' && /^s"(?:[^"\\]|\\.)*\$/.test(a)) return 'string interpolation';
  if (language === 'kotlin' && /^"(?:[^"\\]|\\.)*\$\{?\w/.test(a)) return 'string templates';
  if (/\.format\s*\(|String\.format\s*\(|fmt\.Sprintf\s*\(|sprintf\s*\(|string\.Format\s*\(/.test(a)) return 'string formatting';
  if (/["'`]\s*%\s*[(\w]/.test(a) && language === 'python') return '%-formatting';
  if (/["'`)]\s*\+\s*[\w$(]|[\w$)\]]\s*\+\s*["'`]/.test(a)) return 'concatenation';
  if (language === 'php' && /["']\s*\.\s*\$|\$\w+\s*\.\s*["']/.test(a)) return 'concatenation';
  if (language === 'go' && /["`]\s*\+\s*\w/.test(a)) return 'concatenation';
  return undefined;
}

const CALL_RE = /(?:\bDB::|\bnew\s+)(select|statement|insert|update|delete|unprepared|SqlCommand|NpgsqlCommand|MySqlCommand|SqliteCommand|OracleCommand)\s*\(|(?:\.|->|\b)(query|queryRaw|execute|executemany|exec|raw|prepare|prepareStatement|executeQuery|executeUpdate|createQuery|createNativeQuery|Query|QueryRow|QueryContext|QueryRowContext|Exec|ExecContext|FromSqlRaw|ExecuteSqlRaw|FromSqlInterpolated|SqlQuery|find_by_sql|select_all|exec_query|\$queryRawUnsafe|\$executeRawUnsafe|queryForObject|queryForList|queryForMap|unsafe|sql|selectRaw|whereRaw|orderByRaw|havingRaw)\s*(?:<[^<>()]*>\s*)?\(/g;

/** ActiveRecord query methods whose first argument is an SQL fragment. */
const AR_CALL_RE = /\.(where|rewhere|having|order|reorder|group|joins|pluck|select|exists\?|update_all|delete_all|find_by|count_by_sql)\s*\(/g;

/** Extracts the text of the first argument after an opening parenthesis (strings and nesting aware). */
export function firstArgument(text: string, open: number): { arg: string; hasMore: boolean } | undefined {
  let depth = 0;
  let i = open;
  const start = open;
  let quote: string | undefined;
  for (; i < text.length && i - start < 2000; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (text.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = undefined;
      }
      continue;
    }
    if (text.startsWith('"""', i) || text.startsWith("'''", i)) {
      quote = text.slice(i, i + 3);
      i += 2;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return { arg: text.slice(start, i), hasMore: false };
      depth--;
    } else if (c === ',' && depth === 0) return { arg: text.slice(start, i), hasMore: true };
  }
  return undefined;
}

interface SqlFinding {
  path: string;
  line: number;
  column?: number;
  call: string;
  how?: string;
  parameterised: boolean;
  language: string;
  /** The variable the SQL was built into before the call, when it was. */
  via?: string;
  /** The building expression as written (the call's argument or the value built into the variable). */
  arg?: string;
  /** 1-based line where `arg` starts. */
  argLine?: number;
  /** The values interpolated that are not constants (filled in by readSqlCalls). */
  values?: string[];
  /** The source line that shows the building (trimmed), for the evidence row. */
  code?: string;
  /** True for SQL built in a migration or a schema command (a note, never a risk). */
  migration?: boolean;
  /** True for SQL built in a developer's command-line script (a risk, ranked after application code). */
  commandLine?: boolean;
}

/** Maps an offset of `text` to its 1-based line (binary search over the line starts). */
function lineIndex(text: string): (idx: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (idx) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= idx) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** How far above its query call a variable may be built (about one function body). */
const VARIABLE_WINDOW = 15;

/** Scans one source text for query calls; runs on every source file and adds what the tree-sitter `sql` matches missed. */
export function scanSqlText(path: string, language: string, text: string): SqlFinding[] {
  const out: SqlFinding[] = [];
  const lineOf = lineIndex(text);
  // Assignments in text order, with how the value was built when it is SQL built from strings
  // (`const q = "SELECT ..." + id`); any other assignment to the name ends that SQL's reach.
  const assigned = new Map<string, { line: number; how?: string; rhs: string }[]>();
  // A keyword is followed by whitespace, a bare name follows the boundary directly: each start is O(1) in a run of spaces.
  for (const m of text.matchAll(/(?:^|[\s;])(?:(?:const|let|var|val|String|string|final\s+String)\s+|\$)?\$?(\w+)\s*:?=(?![=>~])\s*([^\n;]{1,400})/g)) {
    const rhs = m[2];
    const how = SQL_WORDS.test(rhs) ? sqlBuiltBy(rhs, language) : undefined;
    // The match may start on the newline before the assignment; count from the variable itself.
    const list = assigned.get(m[1]) ?? [];
    list.push({ line: lineOf((m.index ?? 0) + m[0].indexOf(m[1])), how, rhs });
    assigned.set(m[1], list);
  }
  // The last assignment to a name before a call, when it built SQL at most VARIABLE_WINDOW lines above.
  const builtBefore = (name: string, line: number): { line: number; how: string; rhs: string } | undefined => {
    const last = assigned.get(name)?.filter((a) => a.line <= line).pop();
    return last?.how !== undefined && line - last.line <= VARIABLE_WINDOW ? { line: last.line, how: last.how, rhs: last.rhs } : undefined;
  };
  if (language === 'ruby') {
    // ActiveRecord conditions take SQL fragments without SELECT/WHERE words: where("title = '#{x}'").
    for (const m of text.matchAll(AR_CALL_RE)) {
      const got = firstArgument(text, (m.index ?? 0) + m[0].length);
      if (!got) continue;
      const arg = got.arg.trim();
      const line = lineOf((m.index ?? 0) + m[0].indexOf(m[1]));
      if (/^"[\s\S]*#\{/.test(arg) || /^["'][\s\S]*["']\s*\+/.test(arg)) out.push({ path, line, call: m[1], how: /#\{/.test(arg) ? 'string interpolation' : 'concatenation', parameterised: false, language, arg, argLine: line });
      else if (/^["'][^"'?]*\?[^"']*["']$/.test(arg) && got.hasMore) out.push({ path, line, call: m[1], parameterised: true, language });
    }
  }
  for (const m of text.matchAll(CALL_RE)) {
    const open = (m.index ?? 0) + m[0].length;
    let got = firstArgument(text, open);
    if (!got) continue;
    // Go and .NET pass a context first: db.Query(ctx, query, args...).
    if (got.hasMore && /^(ctx|c|context|r\.Context\(\)|req\.Context\(\)|context\.\w+\(\)|cancellationToken|ct)$/.test(got.arg.trim())) {
      const next = text.indexOf(',', open + got.arg.length) + 1;
      got = next > 0 ? firstArgument(text, next) : undefined;
      if (!got) continue;
    }
    const arg = got.arg.trim();
    const line = lineOf(m.index ?? 0);
    const bare = arg.replace(/^\$/, '');
    const fromVar = /^\$?\w+$/.test(arg) ? builtBefore(bare, line) : undefined;
    if (fromVar) {
      out.push({ path, line, call: m[1] ?? m[2], how: `${fromVar.how} (line ${fromVar.line})`, parameterised: false, language, via: bare, arg: fromVar.rhs, argLine: fromVar.line });
      continue;
    }
    if (!SQL_WORDS.test(arg)) continue;
    const how = sqlBuiltBy(arg, language);
    const call = m[1] ?? m[2];
    if (how) out.push({ path, line, call, how, parameterised: false, language, arg, argLine: lineOf(open) });
    else if (PLACEHOLDER.test(arg) && (got.hasMore || /prepare|Command$/i.test(call))) out.push({ path, line, call, parameterised: true, language });
  }
  return out;
}

/**
 * How a captured SQL argument was built. The `sql` queries only capture building shapes, and the
 * engine hands string literals over unquoted, so the node type and interpolation markers decide
 * when the text no longer shows its quotes.
 */
export function capturedBuild(text: string, nodeType: string, language: string): string | undefined {
  const how = sqlBuiltBy(text, language);
  if (how) return how;
  if (/template/i.test(nodeType) && /\$\{/.test(text)) return 'a template literal';
  if (/string|encapsed|heredoc/i.test(nodeType)) {
    if (language === 'ruby' && /#\{/.test(text)) return 'string interpolation';
    if (language === 'python' && /\{[^{}\s]+\}/.test(text)) return 'an f-string';
    if (language === 'php' && /\$[A-Za-z_]|\{\$/.test(text)) return 'string interpolation';
    if ((language === 'kotlin' || language === 'scala') && /\$\{?[A-Za-z_]/.test(text)) return 'string templates';
    if (/interpol/i.test(nodeType)) return 'string interpolation';
  }
  if (/binary|additive|concat/i.test(nodeType)) return /%/.test(text) && !/\+/.test(text) ? '%-formatting' : 'concatenation';
  if (/call|invocation|macro/i.test(nodeType)) return 'string formatting';
  if (/(interpol|format|f_string)/i.test(nodeType)) return 'string building';
  return undefined;
}

type Capture = QueryMatch['captures'][string];

/** The method a `@sql.call` capture calls: `pool.query(...)` → query, `cmd.CommandText = q` → CommandText. */
function callName(call: Capture | undefined): string {
  const head = (call?.text ?? '').split('(')[0];
  const assigned = call && /assign/i.test(call.nodeType) ? /^(?:[\s\S]*?[^\w$])?([\w$]+)\s*=(?![=>])/.exec(head) : null;
  if (assigned) return assigned[1];
  return /^(?:[\s\S]*[^\w$?])?([\w$?]+)\s*(?:<[^<>]*>\s*)?\($/.exec(head + '(')?.[1] ?? head.split(/[.>]/).pop() ?? 'query';
}

function fromCaptures(path: string, language: string, m: QueryMatch): SqlFinding | undefined {
  // Assignments and calls with a bare variable are paired by sqlThroughVariables.
  if (m.captures['sql.assign'] || m.captures['sql.var']) return undefined;
  const call = m.captures['sql.call'];
  const arg = m.captures['sql.arg'];
  const at = arg ?? call;
  if (!at) return undefined;
  const name = callName(call);
  const how = arg ? capturedBuild(arg.text, arg.nodeType, language) : 'string building';
  if (how) return { path, line: at.line, column: at.column, call: name, how, parameterised: false, language, arg: arg?.text, argLine: arg?.line };
  if (arg && PLACEHOLDER.test(arg.text)) return { path, line: at.line, column: at.column, call: name, parameterised: true, language };
  return undefined;
}

/** What an appended piece of SQL reads like (`sql += " AND name = '" + x + "'"` names no SELECT or WHERE). */
const SQL_FRAGMENT = /\b(AND|OR)\s+[\w."`]+\s*(=|<>|!=|<|>|LIKE\b|IN\b)|\bORDER\s+BY\b|\bLIMIT\s|\bVALUES\s*\(/i;
/** ActiveRecord methods that take an SQL fragment (conditions carry no SQL keywords). */
const AR_FRAGMENT_METHODS = /^(where|rewhere|not|having|order|reorder|group|joins|from|select|pluck|exists\?|update_all|delete_all|count_by_sql)$/;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Query calls whose SQL argument is a variable (`@sql.var`), paired with the string built into
 * that variable (`@sql.assign`) at most {@link VARIABLE_WINDOW} lines above in the same file. The
 * last building assignment before the call counts; a plain reassignment of the variable between
 * the two (seen in `text`, when given) breaks the pair. Variables holding plain literals are
 * never captured, so `pool.query(q, [id])` with a literal `q` is not a risk.
 */
export function sqlThroughVariables(path: string, language: string, matches: readonly QueryMatch[], text?: string): SqlFinding[] {
  const built: { name: string; line: number; column: number; lastLine: number; how: string; sql: boolean; text: string; textLine: number }[] = [];
  for (const m of matches) {
    const name = m.captures['sql.assign'];
    const arg = m.captures['sql.arg'];
    if (!name || !arg) continue;
    const how = capturedBuild(arg.text, arg.nodeType, language);
    if (!how) continue;
    const sql = SQL_WORDS.test(arg.text) || SQL_FRAGMENT.test(arg.text);
    built.push({ name: name.text, line: name.line, column: name.column, lastLine: arg.line + arg.text.split('\n').length - 1, how, sql, text: arg.text, textLine: arg.line });
  }
  if (!built.length) return [];
  const lines = text?.split('\n');
  const out: SqlFinding[] = [];
  const seen = new Set<string>();
  for (const m of matches) {
    const v = m.captures['sql.var'];
    if (!v || seen.has(`${v.line}:${v.column}`)) continue;
    const before = built.filter((b) => b.name === v.text && (b.line < v.line || (b.line === v.line && b.column < v.column)) && v.line - b.line <= VARIABLE_WINDOW);
    if (!before.length) continue;
    const last = before.reduce((a, b) => (b.line > a.line || (b.line === a.line && b.column > a.column) ? b : a));
    const call = callName(m.captures['sql.call']);
    // An append (`sql += ...`) continues the string of an earlier building, so any of them may show it is SQL.
    if (!before.some((b) => b.sql) && !(language === 'ruby' && AR_FRAGMENT_METHODS.test(call))) continue;
    if (lines) {
      const reassigned = new RegExp(`(^|[^\\w$.>])${escapeRe(v.text)}\\s*(:=|=(?![=>~]))`);
      if (lines.slice(last.lastLine, v.line - 1).some((l) => reassigned.test(l))) continue;
    }
    seen.add(`${v.line}:${v.column}`);
    // Appends (`sql += ...`) each add values: all the buildings of the name before the call count.
    const text = before.map((b) => b.text).join(' + ');
    out.push({ path, line: v.line, column: v.column, call, how: `${last.how} (line ${last.line})`, parameterised: false, language, via: v.text, arg: text, argLine: last.textLine });
  }
  return out;
}

/** SQL calls of the workspace: tree-sitter `sql` matches where present, a text scan otherwise. */
export function readSqlCalls(ctx: DetectorContext): Promise<SqlFinding[]> {
  return memo(ctx, 'security.sql', async () => {
    const out: SqlFinding[] = [];
    const queried = new Set<string>();
    for (const pf of ctx.parsed) {
      const matches = pf.matches.sql;
      if (!matches) continue;
      queried.add(pf.path);
      for (const m of matches) {
        const f = fromCaptures(pf.path, pf.language, m);
        if (f) out.push(f);
      }
      if (matches.some((m) => m.captures['sql.var']) && matches.some((m) => m.captures['sql.assign'])) {
        out.push(...sqlThroughVariables(pf.path, pf.language, matches, await readSafe(ctx, pf.path)));
      }
    }
    const seen = new Set(out.map((f) => `${f.path}:${f.line}`));
    for (const f of sourceFiles(ctx)) {
      const lang = languageOf(f)!;
      if (/(^|\/)(test|tests|spec|__tests__)\//.test(f.path)) continue;
      const text = await readSafe(ctx, f.path);
      if (!text || !memoOnText(text, `sql-words/${lang}`, () => SQL_WORDS.test(text) || (lang === 'ruby' && new RegExp(AR_CALL_RE.source).test(text)))) continue;
      // Where the sql queries ran their findings come first; the text scan adds what they missed
      // (a call a few lines from a captured one is the same call seen from another node).
      const captured = out.filter((o) => o.path === f.path);
      for (const kept of memoOnText(text, `sql-text/${lang}/${f.path}`, () => scanSqlText(f.path, lang, text))) {
        const found = { ...kept };
        if (captured.some((c) => c.parameterised === found.parameterised && Math.abs(c.line - found.line) <= 3)) continue;
        if (seen.has(`${found.path}:${found.line}`)) continue;
        seen.add(`${found.path}:${found.line}`);
        out.push(found);
      }
    }
    return settleSqlFindings(ctx, out);
  });
}

/** SQL that only changes the schema: its interpolated names are identifiers, not values. */
const DDL_ONLY = /^[\s`'"(]*(SHOW\s+(INDEX|INDEXES|KEYS|COLUMNS|FULL\s+COLUMNS|CREATE\s+TABLE|TABLE\s+STATUS)\b|DESCRIBE\b|ALTER\s+TABLE|CREATE\s+(UNIQUE\s+)?(TABLE|INDEX|VIEW|SCHEMA|DATABASE)|DROP\s+(TABLE|INDEX|VIEW|SCHEMA|DATABASE)|TRUNCATE\b|PRAGMA\b|VACUUM\b|ANALYZE\b|REINDEX\b|COMMENT\s+ON\b|GRANT\b)/i;

/** Capture texts this long were clipped by the engine (MAX_CAPTURE_TEXT, 300 characters, less quotes). */
const CLIPPED_CAPTURE = 296;

/** Test code and its helpers: SQL they build only ever runs against a throwaway database. */
/** A developer's command-line script: under cli/, scripts/, bin/ or tools/, reading its command-line arguments. */
const COMMAND_LINE_PATH = /(^|\/)(cli|scripts?|bin|tools)\//;
const READS_ARGV = /\bargv\b|\bARGV\b|\bos\.Args\b|\byargs\b|\bcommander\b|\bargparse\b|\bOptionParser\b/;

const TEST_HELPER_PATH = /(^|\/)(tests?|spec|specs|__tests__|testutils?|testhelpers?|test_?helpers?|testing|testdata|fixtures|factories|seeders?|seeds|spec\/support|test\/support)\//i;

/**
 * Decides which string-built SQL is a risk: only SQL into which a non-constant value is
 * interpolated. Constant pieces (column lists, table names, placeholder lists) are safe (and count
 * as parameterised when the SQL binds its values); test code is left out; a migration's dynamic
 * SQL is kept apart as a note (`migration: true`). Each risk gets the line of code that shows it.
 */
async function settleSqlFindings(ctx: DetectorContext, found: SqlFinding[]): Promise<SqlFinding[]> {
  const out: SqlFinding[] = [];
  for (const f of found) {
    if (f.parameterised) {
      out.push(f);
      continue;
    }
    if (TEST_HELPER_PATH.test(f.path) || isTestFile(f.path)) continue;
    const text = await readSafe(ctx, f.path);
    if (f.arg !== undefined) {
      // A capture longer than the engine keeps ends mid-expression: its last piece
      // (`$this->dbi->escapeStr`) is a fragment, not a value seen in the code.
      const clipped = f.arg.split(' + ').filter((piece) => piece.length >= CLIPPED_CAPTURE).map((piece) => piece.trimEnd());
      const values = nonConstantValues(f.arg, f.language, text).filter((v) => !clipped.some((piece) => piece.endsWith(v.trim())));
      if (!values.length) {
        if (PLACEHOLDER.test(f.arg)) out.push({ ...f, parameterised: true, how: undefined });
        continue;
      }
      f.values = values;
    }
    const lines = text ? memoOnText(text, 'lines', () => text.split('\n')) : [];
    const from = (f.argLine ?? f.line) - 1;
    const probe = f.values?.[0];
    let at = from;
    if (probe) for (let i = from; i < Math.min(lines.length, from + 12); i++) if (lines[i]?.includes(probe)) { at = i; break; }
    f.code = clip(lines[at] ?? lines[f.line - 1] ?? '', 110);
    // Schema commands (ALTER/CREATE/DROP/PRAGMA/TRUNCATE) take identifiers that cannot be bound;
    // like a migration's dynamic SQL they are a note, never a risk.
    if (isMigrationPath(f.path) || DDL_ONLY.test(unwrapSql(f.arg ?? f.code ?? ''))) out.push({ ...f, migration: true });
    else out.push(text && COMMAND_LINE_PATH.test(f.path) && READS_ARGV.test(text) ? { ...f, commandLine: true } : f);
  }
  return out;
}

async function detectSql(ctx: DetectorContext): Promise<void> {
  const calls = await readSqlCalls(ctx);
  // Application code first, a developer's command-line scripts after it (the step cites the first row).
  const risky = calls.filter((c) => !c.parameterised && !c.migration).sort((a, b) => Number(!!a.commandLine) - Number(!!b.commandLine));
  const commandLine = risky.filter((c) => c.commandLine).length;
  const migrations = calls.filter((c) => !c.parameterised && c.migration);
  if (risky.length) {
    ctx.report(
      'sql-injection-risk',
      risky.slice(0, 30).map((c) => ({
        path: c.path,
        line: c.line,
        column: c.column,
        detail: `SQL built by ${c.how} is passed to ${c.call}()${c.via ? ` in variable ${c.via}` : ''}${c.values?.length ? `, with ${c.values.slice(0, 3).map((v) => clip(v, 40)).join(', ')} in it` : ''}${c.commandLine ? ' (a command-line script)' : ''}${c.code ? `: ${c.code}` : ''}`,
      })),
      {
        count: risky.length,
        ...(migrations.length || commandLine ? { figures: { ...(migrations.length ? { migrationsWithDynamicSql: migrations.length } : {}), ...(commandLine ? { inCommandLineScripts: commandLine } : {}) } } : {}),
      },
    );
  }
  const safe = calls.filter((c) => c.parameterised);
  if (safe.length) {
    ctx.report('parameterised-queries', safe.slice(0, 20).map((c) => ({ path: c.path, line: c.line, column: c.column, detail: `${c.call}() with placeholders and separate values` })), {
      count: safe.length,
      figures: { parameterised: safe.length, builtFromStrings: risky.length, ...(migrations.length ? { migrationsWithDynamicSql: `${migrations.length} (a note, not a risk: ${migrations.slice(0, 3).map((m) => `${m.path}:${m.line}`).join(', ')})` } : {}) },
    });
  }
}

interface CodeSignal {
  practice: string;
  techs: string[];
  /** A technology category that also counts (when the engine tells categories). */
  category?: string;
  code: RegExp;
  /** Lines matching this are not evidence (e.g. `csrf().disable()`). */
  exclude?: RegExp;
  label: string;
}

const CODE_SIGNALS: CodeSignal[] = [
  {
    practice: 'password-hashing',
    techs: ['bcrypt', 'argon2', 'passlib', 'pwdlib', 'scrypt'],
    // Framework defaults hash too: Django's auth hashers, pwdlib/passlib, ASP.NET Core Identity,
    // Laravel's 'hashed' cast and Hash::, has_secure_password and Devise, Spring Security encoders.
    code: /\b(password|passwords|pwd)\.(hash|compare|verify)\s*\(|\b(hashPassword|verifyPassword|hash_password|verify_password)\s*\(|\bPasswordHash\s*(\(|\.recommended\s*\()|\bpassword_hash\.(hash|verify)\s*\(|^[ \t]*PASSWORD_HASHERS\s*=|\.objects\.create_(super)?user\s*\(|\bcheck_password\s*\(|\bAdd(Default)?Identity(Core)?\s*<|\bI?PasswordHasher<|\b(userManager|_userManager|UserManager)\.(CreateAsync|CheckPasswordAsync)\s*\(|['"]password['"]\s*=>\s*['"]hashed['"]|\bHash::(make|check|needsRehash)\s*\(|^[ \t]*devise\s[^\n\r\u2028\u2029]*:database_authenticatable|\bPasswordEncoderFactories\.createDelegatingPasswordEncoder\s*\(|\bpasswordEncoder\.(encode|matches)\s*\(|\bPasswordEncoder\s+\w+\s*\(|\bBCryptPasswordEncoder\b|\bArgon2PasswordEncoder\b|\bPbkdf2PasswordEncoder\b|\bbcrypt\.(hash|compare|hashpw|checkpw|gensalt|GenerateFromPassword|CompareHashAndPassword)|\bargon2\.(hash|verify)|\bPasswordHasher\b|\bgenerate_password_hash\s*\(|\bcheck_password_hash\s*\(|\bmake_password\s*\(|\.set_password\s*\(|\bpassword_hash\s*\(\s*\$|\bpassword_verify\s*\(|\bPASSWORD_(BCRYPT|ARGON2)|\bBCrypt\.Net|\bhas_secure_password\b|\bCryptContext\s*\(|\bscrypt(Sync)?\s*\(|\bpbkdf2(Sync)?\s*\(/m,
    label: 'password hashing',
  },
  {
    practice: 'security-headers',
    techs: ['helmet', 'flask-talisman', 'django-csp', 'secure-headers'],
    code: /\bhelmet\s*\(|\bTalisman\s*\(|django\.middleware\.security\.SecurityMiddleware|\bSECURE_HSTS_SECONDS\b|Content-Security-Policy|Strict-Transport-Security|X-Content-Type-Options|\.headers\s*\(\s*\w+\s*->\s*\w+\s*\.\s*(contentSecurityPolicy|frameOptions|httpStrictTransportSecurity)|\bUseHsts\s*\(|\bUseSecurityHeaders\b|\bsecure_headers\b|\bSecureHeaders\b/,
    label: 'security headers',
  },
  {
    practice: 'data-encryption',
    techs: [],
    // Symmetric encryption of stored data or secrets (Node-RED encrypts its credentials file with AES).
    code: /\bcreateCipheriv\s*\(|\bcreateDecipheriv\s*\(|\bFernet\s*\(|\bAESGCM\s*\(|\bChaCha20Poly1305\s*\(|\bCipher\.getInstance\s*\(\s*"(AES|ChaCha20)|\bAes(Gcm|Ccm)?\.Create\s*\(|\bnew\s+Aes(Gcm|Ccm)\s*\(|\baes\.NewCipher\s*\(|\bcipher\.NewGCM\s*\(|\bsecretbox\.Seal\s*\(|\bopenssl_encrypt\s*\(|\bsodium_crypto_(secretbox|aead_\w+_encrypt)\s*\(|\bCrypt::encrypt(String)?\s*\(|\bActiveSupport::MessageEncryptor\.new\b|^[ \t]*encrypts\s+:\w+|\bAes256Gcm::new\b|\bXChaCha20Poly1305::new\b|\bChaCha20Poly1305::new\b/m,
    label: 'encryption',
  },
  {
    practice: 'csrf-protection',
    techs: ['csurf'],
    code: /CsrfViewMiddleware|@csrf_protect|\bCSRFProtect\s*\(|\bcsurf\s*\(|\bdoubleCsrf\s*\(|\blusca\.csrf|\.csrf\s*\(\s*(?:\w+\s*)?->\s*\w+\s*\.\s*csrfTokenRepository|\bCsrfTokenRepository\b|\bValidateAntiForgeryToken\b|\bAutoValidateAntiforgeryToken\b|\bprotect_from_forgery\b|\bVerifyCsrfToken\b|@csrf\b|\bcsrf\.Protect\s*\(|csrf_token\s*\(\)/,
    exclude: /disable|exempt|skip_forgery_protection|except\s*=/i,
    label: 'CSRF protection',
  },
  {
    practice: 'input-validation',
    techs: ['ajv', 'attrs-cattrs', 'bean-validation', 'cerberus', 'class-validator', 'data-annotations', 'dry-validation', 'express-validator', 'fluentvalidation', 'garde', 'go-playground-validator', 'io-ts', 'joi', 'jsonschema-python', 'marshmallow', 'ozzo-validation', 'pydantic', 'respect-validation', 'superstruct', 'symfony-validator', 'typebox', 'valibot', 'validator-js', 'validator-rust', 'voluptuous', 'wtforms', 'yup', 'zod'],
    category: 'validation',
    // Framework defaults validate too: Laravel FormRequest rules(), Django forms and DRF
    // serializers, Pydantic/SQLModel fields with constraints, Bean Validation, Rails validates and
    // strong parameters.
    code: /\bextends\s+FormRequest\b|\bclass\s+\w+\s*\([^()\n]*?\b(forms\.\w*Form|serializers\.\w*Serializer|ModelSerializer|BaseModel|SQLModel|Schema|ma\.Schema|FlaskForm)\b[^()\n]*\)?|\bField\s*\([^()\n]*\b(min_length|max_length|gt|ge|lt|le|pattern|regex|max_digits)\s*=|:\s*(EmailStr|HttpUrl|conint|constr)\b|\bparams\.(require\(:\w+\)\.permit|expect)\s*\(|\bvalidates_\w+_of\b|#\[validate\(|\[(StringLength|Range|EmailAddress|RegularExpression|MaxLength|MinLength)\s*\(|@Valid\b|@Validated\b|@NotBlank\b|@NotNull\b|@Size\s*\(|@Email\b|\[Required\]|ModelState\.IsValid|\bz\.object\s*\(|\.safeParse\s*\(|\bJoi\.object\s*\(|\byup\.object\s*\(|@Is(String|Email|Int|NotEmpty|Optional)\s*\(|\$request->validate\s*\(|\$request->validated\s*\(|Validator::make\s*\(|(validate|binding):"required|\bvalidates\s+:\w+|\bbody\s*\(\s*['"]\w+['"]\s*\)\s*\.\s*is|\bAbstractValidator<|\bAddValidatorsFromAssembly\w*\s*(<|\()|\bRuleFor\s*\(/,
    label: 'input validation',
  },
  {
    practice: 'authentication',
    techs: ['apache-shiro', 'aspnet-core-identity', 'auth0', 'authlib', 'better-auth', 'devise', 'django-allauth', 'djangorestframework-simplejwt', 'express-session', 'flask-jwt-extended', 'flask-login', 'flask-security', 'jwt', 'keycloak', 'laravel-fortify', 'laravel-sanctum', 'lucia', 'next-auth', 'oauth', 'okta', 'passport', 'spring-security', 'supertokens', 'symfony-security', 'totp-2fa', 'webauthn'],
    code: /\bpassport\.authenticate\s*\(|\bjwt\.(sign|verify|decode)\s*\(|@login_required|\blogin_required\b|\bLoginManager\s*\(|\bAddAuthentication\s*\(|\bUseAuthentication\s*\(|\bAddJwtBearer\s*\(|\[Authorize\]|\bSecurityFilterChain\b|\.(formLogin|oauth2Login|httpBasic|oauth2ResourceServer)\s*\(|\bauthenticate_user!|\bbefore_action\s+:authenticate|\bOAuth2PasswordBearer\s*\(|\bHTTPBearer\s*\(|\bget_current_user\b|\bgetServerSession\s*\(|\bAuth::(attempt|user|check)\b|\bauth:sanctum\b|\bverifyToken\s*\(|\brequireAuth\b|\bjwt\.Parse(WithClaims)?\s*\(|\bAuthGuard\s*\(|['"]WWW-Authenticate['"]|\b(def|function)\s+(login|authenticate|sign_in|signIn|check_credentials|checkCredentials|verify_credentials)\s*\(\s*(self\s*,\s*)?\$?\w+\s*(:\s*\w+\s*)?,\s*\$?(password|passwd|pass|pw)\b/,
    label: 'authentication',
  },
  {
    practice: 'authorization',
    techs: ['casbin', 'pundit', 'cancancan', 'spatie-permission'],
    // Denying access is authorization whatever the framework: FastAPI dependencies raising 403,
    // Django permission mixins, Pundit/CanCanCan, Doorkeeper scopes, Laravel gates and policies,
    // [Authorize], Spring @PreAuthorize, guards returning 403 (Go, Rust, Express).
    code: /\bHTTPException\s*\(\s*status_code\s*=\s*(403|status\.HTTP_403_FORBIDDEN)|\bHTTP_403_FORBIDDEN\b|\b(PermissionRequired|UserPassesTest|AccessMixin)Mixin\b|\bPermissionRequiredMixin\b|\bhas_perms?\s*\(|\braise\s+PermissionDenied\b|^[ \t]*(authorize|policy_scope)\b\s*(?:\(\s*)?@?\w+|\binclude\s+Pundit\b|\bverify_(authorized|policy_scoped)\b|\bload_and_authorize_resource\b|\bauthorize_resource\b|^[ \t]*can(not)?\s+:\w+|\bdoorkeeper_authorize!\s*:\w+|\$this->authorize(Resource)?\s*\(|['"]can:\w+|\bclass\s+\w+Policy\s*<\s*ApplicationPolicy\b|\buse\s+HandlesAuthorization\b|\[Authorize\]|\bRequire(Role|Claim|Assertion)\s*\(|\bForbid\s*\(\s*\)|\bAccessDeniedException\b|\bhttp\.StatusForbidden\b|\bStatusCode::FORBIDDEN\b|\bHttpResponse::Forbidden\s*\(|\bStatus::Forbidden\b|\bres\.(status|sendStatus)\s*\(\s*403\s*\)|\bForbiddenException\b|^[ \t]*impl\b[^\n\r\u2028\u2029]*?FromRequest(?:Parts)?[ \t]*(?:<[^<>\n]*>[ \t]*)?for[ \t]+\w*(Admin|Owner|Role|Staff|Moderator)\w*|@PreAuthorize\s*\(|@PostAuthorize\s*\(|@Secured\s*\(|@RolesAllowed\s*\(|\bhasRole\s*\(|\bhasAuthority\s*\(|\bhasAnyRole\s*\(|\[Authorize\s*\(\s*(Roles|Policy)\s*=|\bAddAuthorization\s*\(|\bRequireAuthorization\s*\(|@permission_required|\bpermission_classes\b|\bhas_permission\s*\(|\bhas_object_permission\s*\(|@user_passes_test|\bauthorize!|\bcan\?\s*\(?:|\bGate::(allows|denies|define)|->can\s*\(\s*['"]|\bauthorize\s*\(\s*['"]|@Roles\s*\(|\bRolesGuard\b|\benforcer\.enforce\s*\(|\bcheckPermission\s*\(|\brequireRole\s*\(|\bhasPermission\s*\(|\.role\s*[!=]==?\s*['"](admin|owner|manager)|\b(def|function)\s+(authorization|check_access|checkAccess|has_access|hasAccess|can_access|canAccess|check_permissions?|checkPermissions?)\s*\(\s*(self\s*,\s*)?\$?\w*(user|identity|principal|subject|login)/m,
    label: 'authorization',
  },
];

async function detectCodeSignals(ctx: DetectorContext): Promise<void> {
  const found = new Map<string, Evidence[]>(CODE_SIGNALS.map((s) => [s.practice, []]));
  for (const f of sourceFiles(ctx)) {
    if (/(^|\/)(test|tests|spec|__tests__)\/|\.(test|spec)\.\w+$|_test\.go$|Tests?\.(java|kt|cs)$/.test(f.path)) continue;
    const text = await readSafe(ctx, f.path);
    if (!text) continue;
    // The file's own sites of each signal, kept with its text between scans.
    const sites = memoOnText(text, `security-signals/${f.path}`, () =>
      CODE_SIGNALS.map((s) => {
        const out: Evidence[] = [];
        for (const h of findAll(text, s.code, 5)) {
          if (s.exclude && s.exclude.test(h.lineText)) continue;
          if (/^[ \t]*(\/\/|#|\*|--)/.test(h.lineText)) continue;
          out.push({ path: f.path, line: h.line, column: h.column, endColumn: h.endColumn, detail: `${s.label}: ${clip(h.match[0], 60)}` });
        }
        return out;
      }),
    );
    CODE_SIGNALS.forEach((s, si) => {
      const list = found.get(s.practice)!;
      if (list.length < 20) for (const e of sites[si]) list.push({ ...e });
    });
  }
  // Settings files (Django settings.py are source; Spring/ASP.NET config is in code above).
  for (const s of CODE_SIGNALS) {
    const evidence = found.get(s.practice)!;
    const techs = s.category ? techsOf(ctx, [s.category], s.techs) : techsPresent(ctx, s.techs);
    for (const t of techs) evidence.push(...techEvidence(ctx, t).map((e) => ({ ...e, detail: `${e.detail} (${s.label} library ${t})` })));
    if (evidence.length) ctx.report(s.practice, evidence.slice(0, 25), { count: evidence.length, figures: { libraries: techs.join(', ') || 'none', codeSites: evidence.length - techs.length } });
  }
}

/** Dependency updates, SAST, security policy, committed .env, SQL injection risk, web protections, auth. */
export const detectSecurity: PracticeDetector = async (ctx) => {
  await runSteps(ctx, 'security', [detectAutomation, detectSql, detectCodeSignals]);
};
