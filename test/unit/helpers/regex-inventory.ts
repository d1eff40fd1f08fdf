/**
 * Every regular expression the engine runs over workspace text, collected statically: regex
 * literals and `new RegExp(<constant>)` in src/ (read with the TypeScript compiler's parser),
 * content `pattern`s of data/technologies, scope patterns of data/manifests.json, and
 * `#match?`/`#not-match?` predicates of data/queries. Used by the regex-safety test and by scripts/regex-audit.mjs.
 */
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';

/** One regex and where it is written. `line` is 1-based. */
export interface RegexSite {
  file: string;
  line: number;
  source: string;
  flags: string;
}

/** A `RegExp(...)` whose pattern is computed at run time (not analysable statically). */
export interface DynamicSite {
  file: string;
  line: number;
  text: string;
}

function walkFiles(dir: string, ext: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walkFiles(p, ext, out);
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out.sort();
}

/** The constant string value of an expression, when it is one (literals, String.raw, `[...].join('|')`, `+`). */
function constantString(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === 'String.raw' && ts.isNoSubstitutionTemplateLiteral(node.template)) {
    return node.template.rawText ?? node.template.text;
  }
  if (ts.isParenthesizedExpression(node)) return constantString(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const a = constantString(node.left);
    const b = constantString(node.right);
    return a !== undefined && b !== undefined ? a + b : undefined;
  }
  if (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'join' &&
    ts.isArrayLiteralExpression(node.expression.expression)
  ) {
    const sep = node.arguments[0] ? constantString(node.arguments[0]) : ',';
    const parts = node.expression.expression.elements.map((e) => constantString(e as ts.Expression));
    if (sep === undefined || parts.some((p) => p === undefined)) return undefined;
    return parts.join(sep);
  }
  return undefined;
}

/** Regex literals and constant `RegExp(...)` constructions in the TypeScript files under `dir`. */
export function sourceRegexes(repo: string, dir = 'src'): { sites: RegexSite[]; dynamic: DynamicSite[] } {
  const sites: RegexSite[] = [];
  const dynamic: DynamicSite[] = [];
  for (const file of walkFiles(path.join(repo, dir), '.ts')) {
    const text = fs.readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const rel = path.relative(repo, file).split(path.sep).join('/');
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const lit = (node as ts.RegularExpressionLiteral).text;
        const end = lit.lastIndexOf('/');
        sites.push({ file: rel, line: lineOf(node), source: lit.slice(1, end), flags: lit.slice(end + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText(sf) === 'RegExp') {
        const [pat, flags] = node.arguments ?? [];
        const source = pat ? constantString(pat) : undefined;
        const f = flags ? constantString(flags) : '';
        if (source !== undefined && f !== undefined) sites.push({ file: rel, line: lineOf(node), source, flags: f });
        else dynamic.push({ file: rel, line: lineOf(node), text: node.getText(sf).slice(0, 120) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { sites, dynamic };
}

/** Content patterns of data/technologies (compiled with the `m` flag by the knowledge loader). */
export function dataRegexes(repo: string): RegexSite[] {
  const out: RegexSite[] = [];
  for (const file of walkFiles(path.join(repo, 'data/technologies'), '.json')) {
    const rel = path.relative(repo, file).split(path.sep).join('/');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const doc = JSON.parse(lines.join('\n')) as { technologies?: { match?: { content?: { pattern: string }[] } }[] } | { match?: { content?: { pattern: string }[] } }[];
    const techs = Array.isArray(doc) ? doc : doc.technologies ?? [];
    for (const t of techs) {
      for (const c of t.match?.content ?? []) {
        const needle = JSON.stringify(c.pattern);
        const idx = lines.findIndex((l) => l.includes(needle));
        out.push({ file: rel, line: idx + 1, source: c.pattern, flags: 'm' });
      }
    }
  }
  return out;
}

/** Scope patterns of data/manifests.json (compiled without flags by the manifest helpers), tested against names. */
export function manifestScopeRegexes(repo: string): RegexSite[] {
  const file = path.join(repo, 'data/manifests.json');
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const doc = JSON.parse(lines.join('\n')) as { scopes?: Record<string, { pattern: string }[]> };
  const out: RegexSite[] = [];
  for (const rules of Object.values(doc.scopes ?? {})) {
    for (const r of rules) {
      const needle = JSON.stringify(r.pattern);
      out.push({ file: 'data/manifests.json', line: lines.findIndex((l) => l.includes(needle)) + 1, source: r.pattern, flags: '' });
    }
  }
  return out;
}

/** `#match?` / `#not-match?` predicate patterns of the tree-sitter queries in data/queries. */
export function queryRegexes(repo: string): RegexSite[] {
  const out: RegexSite[] = [];
  for (const file of walkFiles(path.join(repo, 'data/queries'), '.scm')) {
    const rel = path.relative(repo, file).split(path.sep).join('/');
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      const m = /#(?:not-)?match\?\s+@[\w.]+\s+("(?:[^"\\]|\\.)*")/.exec(line);
      if (m) out.push({ file: rel, line: i + 1, source: JSON.parse(m[1]) as string, flags: '' });
    });
  }
  return out;
}

/** Every statically known regex of the engine. */
export function allRegexes(repo: string): { sites: RegexSite[]; dynamic: DynamicSite[] } {
  const src = sourceRegexes(repo);
  return { sites: [...src.sites, ...dataRegexes(repo), ...manifestScopeRegexes(repo), ...queryRegexes(repo)], dynamic: src.dynamic };
}
