/**
 * Which values a piece of string-built SQL puts into the query. SQL built from strings is only an
 * injection risk when a value that is not a constant is interpolated: a column list kept in a
 * constant, a table name from a constant, or a list of `$1, $2` placeholders is safe. This module
 * splits a building expression (concatenation, template/f-string/`#{}`/`$x` interpolation,
 * `fmt.Sprintf`/`.format`/`%`) into its interpolated values and decides, from the declarations in
 * the same file, whether each one is constant. It reads text only.
 */
import { memoOnText } from './util';

/** A value interpolated into SQL, with whether it is a constant. */
export interface SqlValue {
  /** The expression as written, e.g. `region` or `strings.Join(placeholders, ", ")`. */
  text: string;
  constant: boolean;
}

/** Splits `s` at top-level occurrences of `sep` (outside quotes and brackets). */
export function splitTop(s: string, sep: ',' | '+' | '.'): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (s.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = undefined;
      }
      continue;
    }
    if (s.startsWith('"""', i) || s.startsWith("'''", i)) {
      quote = s.slice(i, i + 3);
      i += 2;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === sep && depth === 0) {
      // PHP concatenation is ` . ` (or `now(). "`); a dot inside a name or number (`$a->b`, `1.5`) is not.
      if (sep === '.' && !/["']/.test(s[i - 1] ?? '') && !(/\s|[)\]]/.test(s[i - 1] ?? '') && /\s|["'$(]/.test(s[i + 1] ?? ''))) continue;
      // `++` and `+=` are not concatenation.
      if (sep === '+' && (s[i + 1] === '+' || s[i + 1] === '=' || s[i - 1] === '+')) continue;
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.map((p) => p.trim()).filter(Boolean);
}

/** A string literal token (with an optional f/r/b/s/$/@ prefix), whole. */
const LITERAL = /^(?:[frbuFRBU]{1,2}|s|\$@?|@\$?)?("""[\s\S]*"""|'''[\s\S]*'''|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`)$/;

/** Expressions interpolated inside one string literal's text, per language. */
function interpolations(literal: string, language: string): string[] {
  const out: string[] = [];
  const push = (re: RegExp) => {
    for (const m of literal.matchAll(re)) out.push((m[1] ?? m[2] ?? '').trim());
  };
  const prefix = /^([frbuFRBU]{1,2}|s|\$@?|@\$?)?["'`]/.exec(literal)?.[1] ?? '';
  const quoted = /^[frbuFRBU]{0,2}s?\$?@?["'`]/.test(literal);
  switch (language) {
    case 'javascript':
    case 'typescript':
    case 'tsx':
      // Bounded: an interpolation longer than 300 characters is not looked into (a run of `${` stays linear).
      if (!quoted || literal.includes('`')) push(/\$\{([^}]{0,300})\}/g);
      break;
    case 'python':
      if (!quoted || /f/i.test(prefix)) push(/(?<!\{)\{([^{}!:]+)(?:[!:][^{}]*)?\}(?!\})/g);
      break;
    case 'ruby':
      if (!quoted || literal.startsWith('"')) push(/#\{([^}]{0,300})\}/g);
      break;
    case 'php':
      if (!quoted || literal.startsWith('"')) push(/\{\$([^}]{0,300})\}|(?<!\\)\$([A-Za-z_]\w*(?:->\w+|\[[^\]]*\])*)/g);
      break;
    case 'kotlin':
    case 'scala':
      if (!quoted || literal.startsWith('"') || literal.startsWith('s"')) push(/\$\{([^}]{0,300})\}|\$([A-Za-z_]\w*)/g);
      break;
    case 'csharp':
      if (!quoted || /\$/.test(prefix)) push(/(?<!\{)\{([^{}:]+)(?::[^{}]*)?\}(?!\})/g);
      break;
    default:
      break;
  }
  return out.filter(Boolean);
}

/** Strips a wrapper call around the SQL text: SQLAlchemy `text(...)`, psycopg `sql.SQL(...)`, knex `raw(...)`. */
export function unwrapSql(arg: string): string {
  const m = /^(?:sa\.|sqlalchemy\.|sql\.)?(?:text|SQL|raw|literal_column)\s*\(([\s\S]*)\)$/.exec(arg.trim());
  return m && splitTop(m[1], ',').length === 1 ? m[1].trim() : arg;
}

const FORMAT_CALL = /^(?:fmt\.Sprintf|String\.format|string\.Format|sprintf|format!?|vsprintf)\s*\(([\s\S]*)\)\s*;?$/;
const FORMAT_HEAD = /["'`]\s*\.\s*(?:format|formatted)\s*\(/;

/**
 * `"...".format(args)` / `.formatted(args)` read with string checks (a regex with two open runs was
 * quadratic on a long argument): the receiver through its closing quote, and the text between the
 * first `.format(` after a quote and the final `)`. Undefined when `a` is not shaped so.
 */
function formatMethod(a: string): [receiver: string, args: string] | undefined {
  const t = a.trimEnd();
  if (!t.endsWith(')')) return undefined;
  const head = FORMAT_HEAD.exec(t);
  if (!head) return undefined;
  const open = head.index + head[0].length;
  return open <= t.length - 1 ? [t.slice(0, head.index + 1), t.slice(open, t.length - 1)] : undefined;
}
const PERCENT = /^((?:[frbuFRBU]{1,2})?(?:"""[\s\S]*"""|'''[\s\S]*'''|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'))\s*%\s*([\s\S]+)$/;

/**
 * The values `arg` (the SQL argument or the value built into a variable, as written) puts into
 * the query. Text without quotes is taken as the inside of one string (tree-sitter hands string
 * captures over unquoted).
 */
export function interpolatedValues(arg: string, language: string): string[] {
  const a = unwrapSql(arg.trim().replace(/;$/, ''));
  const fmt = FORMAT_CALL.exec(a);
  if (fmt) return splitTop(fmt[1], ',').slice(1);
  const method = formatMethod(a);
  if (method) return splitTop(method[1], ',');
  const pct = language === 'python' ? PERCENT.exec(a) : null;
  if (pct) {
    const rhs = pct[2].trim();
    return rhs.startsWith('(') && rhs.endsWith(')') ? splitTop(rhs.slice(1, -1), ',') : rhs.startsWith('{') ? [rhs] : [rhs];
  }
  const parts = splitTop(a, '+');
  const pieces = language === 'php' ? parts.flatMap((p) => splitTop(p, '.')) : parts;
  if (pieces.length === 1 && !LITERAL.test(pieces[0]) && !/^[frbuFRBU]{0,2}s?\$?@?["'`]/.test(pieces[0])) {
    // One unquoted piece: a string capture's inside, or a single expression.
    const inner = interpolations(pieces[0], language);
    return inner.length || /\s/.test(pieces[0]) ? inner : [pieces[0]];
  }
  const out: string[] = [];
  for (const p of pieces) {
    if (LITERAL.test(p)) out.push(...interpolations(p, language));
    else if (!/^\d+(\.\d+)?$/.test(p)) out.push(p);
  }
  return out;
}

/** Names the file declares with a constant value (string, number, or a list of literals). */
export function constantNames(text: string, language: string): Set<string> {
  const names = new Set<string>();
  // Brackets, commas, list builders and joins, one unambiguous token at a time (`[]string` is `[`, `]`, `string`).
  const literalOnly = (v: string) => /^(?:[\s,[\](){}]|\.\s*join|string|String|str|List\.of|listOf|arrayOf|new\s+String\[\]|array|Array|%w|%i|tuple|frozenset|join)*;?$/.test(withoutLiterals(v));
  const add = (name: string | undefined, value: string) => {
    if (name && literalOnly(value.trim())) names.add(name);
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    let m: RegExpExecArray | null;
    if (language === 'go') {
      if ((m = /^\s*(?:const|var)\s+(\w+)\s*(?:(?:\[\]string|string|int)\s*)?=\s*(\S.*)$/.exec(l))) add(m[1], collect(lines, i, m[2]));
      else if (/^\s*const\s*\($/.test(l)) {
        for (let j = i + 1; j < lines.length && !/^\s*\)/.test(lines[j]); j++) {
          const c = /^\s*(\w+)(?:\s+\w+)?\s*=\s*(\S.*)$/.exec(lines[j]);
          if (c) add(c[1], c[2]);
        }
      }
    } else if (language === 'javascript' || language === 'typescript' || language === 'tsx') {
      if ((m = /^\s*(?:export\s+)?const\s+(\w+)\s*(?::[^=]+)?=\s*(\S.*)$/.exec(l))) add(m[1], collect(lines, i, m[2].replace(/\bas\s+const\b/, '')));
    } else if (language === 'python') {
      if ((m = /^(?: {4}|\t)?(\w+)\s*(?::[^=]+)?=\s*(\S.*)$/.exec(l)) && (!/^\s/.test(l) || /^[A-Z][A-Z0-9_]*$/.test(m[1]))) add(m[1], collect(lines, i, m[2]));
    } else if (language === 'ruby') {
      if ((m = /^\s*([A-Z]\w*)\s*=\s*(\S.*)$/.exec(l))) add(m[1], collect(lines, i, m[2].replace(/\.freeze\s*$/, '')));
    } else if (language === 'php') {
      // The value runs to the line's end (a CR of a CRLF line is trimmed by add).
      if ((m = /\bconst\s+(\w+)\s*=\s*(\S.*)/.exec(l))) add(m[1], m[2]);
      else if ((m = /\bdefine\s*\(\s*['"](\w+)['"]\s*,\s*/.exec(l))) {
        // define('NAME', value); the value ends at the line's last `)` followed by `;`.
        const rest = l.slice(m.index + m[0].length);
        let end = -1;
        for (const c of rest.matchAll(/\)\s*;/g)) end = c.index ?? -1;
        if (end > 0) add(m[1], rest.slice(0, end));
      }
    } else if ((m = /\b(?:static\s+final|final\s+static|const\s+val|const|static\s+readonly|private\s+val|val)\s+(?:[\w<>[\]?]+\s+)?(\w+)\s*(?::\s*[\w<>[\]?]+)?\s*=\s*(.+)$/.exec(l))) {
      add(m[1], collect(lines, i, m[2]));
    }
  }
  return names;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isWord = (c: string | undefined) => c !== undefined && /\w/.test(c);
const LINE_END = /[\n\r\u2028\u2029]/;

/**
 * `v` without its string literals (`"…"` and `'…'` with backslash escapes, `` `…` `` without `${`)
 * and its numbers, as `v.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`$]*`|\b\d+(\.\d+)?\b/g, '')`
 * would give, in one left-to-right pass: an unclosed quote is remembered, so a run of quotes
 * without their closing one costs linear time instead of quadratic.
 */
export function withoutLiterals(v: string): string {
  let out = '';
  // Where the scan from an unclosed quote of each kind stopped: a later quote before it fails the same way.
  const failedAt: Record<string, number> = { '"': -1, "'": -1 };
  let i = 0;
  while (i < v.length) {
    const c = v[i];
    if ((c === '"' || c === "'") && i > failedAt[c]) {
      let j = i + 1;
      let closed = -1;
      while (j < v.length) {
        if (v[j] === '\\') {
          if (j + 1 >= v.length || LINE_END.test(v[j + 1])) break;
          j += 2;
        } else if (v[j] === c) {
          closed = j;
          break;
        } else j++;
      }
      if (closed >= 0) {
        i = closed + 1;
        continue;
      }
      failedAt[c] = j;
    } else if (c === '`') {
      let j = i + 1;
      while (j < v.length && v[j] !== '`' && v[j] !== '$') j++;
      if (v[j] === '`') {
        i = j + 1;
        continue;
      }
    } else if (isDigit(c) && !isWord(v[i - 1])) {
      let j = i;
      while (isDigit(v[j])) j++;
      let k = j;
      if (v[j] === '.' && isDigit(v[j + 1])) {
        k = j + 1;
        while (isDigit(v[k])) k++;
        if (isWord(v[k])) k = j;
      }
      if (k > j || !isWord(v[j])) {
        i = k;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

/** A declaration's value, joined with the following lines while brackets stay open (at most 20 lines). */
function collect(lines: string[], i: number, first: string): string {
  let value = first;
  let open = (value.match(/[[({]/g) ?? []).length - (value.match(/[\])}]/g) ?? []).length;
  for (let j = i + 1; open > 0 && j < lines.length && j < i + 20; j++) {
    value += ' ' + lines[j].trim();
    open += (lines[j].match(/[[({]/g) ?? []).length - (lines[j].match(/[\])}]/g) ?? []).length;
  }
  return value.replace(/;\s*$/, '');
}

const PLACEHOLDER_LITERAL = /["'](\?|%s|\$%d|\$\{?\w*\}?|:\w+|@p?\w*)[,\s]*["']/;

/** True when `expr` cannot carry outside input into the SQL. */
export function isConstantValue(expr: string, constants: Set<string>): boolean {
  const e = expr.trim().replace(/^\(|\)$/g, '').replace(/^\$/, '').replace(/^(self|this|static|cls|self::|static::)\s*(\.|->|::)\s*/, '');
  if (!e) return true;
  if (LITERAL.test(e) || /^-?\d+(\.\d+)?$/.test(e) || /^(true|false|null|nil|None)$/i.test(e)) return true;
  // UPPER_SNAKE names are constants by convention in every language (Orders.TABLE_NAME too).
  if (/(^|\.|::)[A-Z][A-Z0-9_]+$/.test(e) && !/\(/.test(e)) return true;
  // A model's table name (Rails Model.table_name, table_name inside the model, arel_table) is a constant.
  if (/^(::)?([A-Z]\w*(::\w+)*\.)?(self\.)?(class\.)?(table_name|quoted_table_name|table_name_prefix|table_name_suffix|arel_table|primary_key)\b/.test(e)) return true;
  // A data layer's table-name helper (Roundcube's $db->table_name('cache', true), getTableName()) and its NOW().
  if (/(^|->|\.|::)(table_name|tableName|getTableName|get_table_name|quoteTableName|quote_table)\s*\(/.test(e) && !/\$_(GET|POST|REQUEST|COOKIE)|\bparams\b|\brequest\b/i.test(e)) return true;
  if (/^(\$?\w+(->|\.))*now\s*\(\s*\)?$/.test(e)) return true;
  const base = /^(\w+)(?:\[[^\]]*\])?$/.exec(e);
  if (base) return constants.has(base[1]) || /^(placeholders?|qmarks?|marks|binds?|bind_?vars|bind_?params|param_?marks|in_?clause)$/i.test(base[1]);
  // Numbers and sizes.
  // A choice between constants: (args.first == true ? 'not' : '').
  const choice = e.lastIndexOf(' ? ');
  if (choice > 0) {
    const branches = e.slice(choice + 3).split(' : ');
    if (branches.length === 2 && branches.every((b) => isConstantValue(b, constants))) return true;
  }
  // A class's own name (self.class.name) is code, not input.
  if (/(?:^|\.)class\.name$/.test(e)) return true;
  // A SQL fragment the application's own condition builder returns (Redmine's Project.allowed_to_condition(user, :view_issues)):
  // SQL composed from SQL, its values are checked where the builder builds them.
  if (/^(?:[A-Z]\w*(?:::\w+)*\.)?\w+_(?:condition|conditions|clause)\s*\(/.test(e) && !/\bparams\b|\brequest\b/.test(e)) return true;
  // SQL the ORM built (ActiveRecord's relation.to_sql / .arel): its values are bound or quoted by the ORM.
  if (/\.(?:to_sql|arel)$/.test(e)) return true;
  // Schema metadata (SQLAlchemy's metadata.sorted_tables, a table's columns and primary key): identifiers, not values.
  if (/^(?:reversed|sorted|list|tuple)\s*\(([\w.]+)\)$/.test(e)) return isConstantValue(e.slice(e.indexOf('(') + 1, -1), constants);
  if (/(?:^|\.)(?:metadata\.(?:sorted_tables|tables)|__table__|__tablename__)(?:\.(?:columns|c|primary_key))?$/.test(e)) return true;
  const attr = /^(\w+)\.(?:name|fullname|key|primary_key|columns|c)$/.exec(e);
  if (attr && constants.has(attr[1])) return true;
  if (/^(int|float|len|count|Number|parseInt|parseFloat|Integer|strconv\.(Itoa|FormatInt|Quote)|Integer\.parseInt|Long\.parseLong|intval|floatval|str\(len)\s*\(/.test(e) || /\.(to_i|length|size\(\)|Count\(\)|len\(\))$/.test(e) || /^\(int\)/.test(e)) return true;
  // Identifiers quoted by the driver or the ORM.
  if (/quote_?ident|quoteIdentifier|QuoteIdentifier|escapeId|escape_identifier|pgx\.Identifier|sql\.Identifier|quote_(column|table)_name|quoteName|\.Sanitize\(\)|Quoted(Table|Column)\w*|QuoteField|\bbackquote\s*\(|escapeString|quoteString|real_escape_string|escape_string|\bquote\s*\(|sanitize_sql\w*/.test(e)) return true;
  // Placeholder lists: strings.Repeat("?,", n), ", ".join(["%s"] * len(ids)), ids.map(() => '?').join(','), implode(',', array_fill(0, n, '?')).
  if (PLACEHOLDER_LITERAL.test(e) && /\b(Repeat|repeat|join|Join|fill|map|implode|array_fill|times|\*)\b|\*/.test(e)) return true;
  // A join of a constant list: strings.Join(cols, ", "), ", ".join(COLUMNS), cols.join(", "), String.join(", ", COLS), implode(', ', $cols).
  const joined = /^(?:strings\.Join|String\.join|string\.Join|implode|join)\s*\(\s*(?:["'][^"']*["']\s*,\s*)?([\w.$]+)/.exec(e)
    ?? /^["'][^"']*["']\s*\.\s*join\s*\(\s*([\w.]+)\s*\)?$/.exec(e)
    ?? /^([\w.$]+)\s*\.\s*(?:join|joinToString|mkString)\s*\(/.exec(e);
  if (joined) return isConstantValue(joined[1], constants);
  return false;
}

/**
 * Names the file holds constant: declared constants ({@link constantNames}) and locals or fields
 * assigned only from constants (`t = TimeEntry.table_name`, `$this->table = $db->table_name('cache')`,
 * `cols = ", ".join(COLUMNS)`). Every assignment of the name must be constant: one from outside
 * input makes it a value.
 */
function fileConstants(fileText: string, language: string): Set<string> {
  const constants = constantNames(fileText, language);
  const assigned = new Map<string, boolean>();
  for (const m of fileText.matchAll(/^[ \t]*(?:(?:const|let|var|val|final[ \t]+String|String)[ \t]+)?(?:\$this->|this\.|self\.|@)?\$?(\w+)[ \t]*(:?=|\+=|<<)[ \t]*([^\n\r;]{0,199}[^\s;]);?[ \t]*$/gm)) {
    if (constants.has(m[1])) continue;
    const constant = m[2] !== '<<' && isConstantValue(chained(fileText, (m.index ?? 0) + m[0].length, m[3]), constants);
    assigned.set(m[1], (assigned.get(m[1]) ?? true) && constant);
  }
  for (const [name, constant] of assigned) if (constant) constants.add(name);
  // Loop variables over a constant collection: `for table in tables:` (Python), `tables.each do |table|` (Ruby).
  for (const m of fileText.matchAll(/^[ \t]*for[ \t]+(\w+)[ \t]+in[ \t]+([\w.()]{1,200}):/gm)) {
    if (!assigned.has(m[1]) && isConstantValue(m[2], constants)) constants.add(m[1]);
  }
  return constants;
}

/**
 * An assigned value with the method chain continued on the following lines (Ruby's
 * `subquery = Journal.joins(:details).` then `where(...).` … `to_sql`): at most 20 lines, each
 * continuing while the value ends with a dot or the next line starts with one.
 */
function chained(text: string, end: number, first: string): string {
  let value = first;
  let at = end;
  for (let n = 0; n < 20 && at < text.length; n++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) break;
    const stop = text.indexOf('\n', nl + 1);
    const next = text.slice(nl + 1, stop < 0 ? text.length : stop).trim();
    if (!next || !(value.endsWith('.') || next.startsWith('.'))) break;
    value += next;
    at = stop < 0 ? text.length : stop;
  }
  return value;
}

/**
 * The values of `arg` that are not constants; empty when every interpolated value is a constant
 * (then the building is not an injection risk).
 */
export function nonConstantValues(arg: string, language: string, fileText: string | undefined): string[] {
  const constants = fileText ? memoOnText(fileText, `constant-names/${language}`, () => fileConstants(fileText, language)) : new Set<string>();
  return interpolatedValues(arg, language).filter((v) => !isConstantValue(v, constants));
}
