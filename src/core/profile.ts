/**
 * The skills profile: a Markdown section, like a CV's, of the skills *your* commits demonstrate,
 * each with plain-language bullets built from the evidence you authored and links to the code.
 * It contains only the personal lens's findings, never the repository's totals. Several results
 * (one per checkout) merge into per-repository sections plus one skill list across them.
 */
import type { AnalysisResult, Evidence, PersonalFinding, SkillResult } from './types';
import { md, mdCode, safeStrings } from './escape';

/** `s` without a final ` (+N more in file)` and the blanks around it (linear, unlike a /\s*\(…\)\s*$/ search). */
function withoutMoreInFile(s: string): string {
  const t = s.trimEnd();
  if (!t.endsWith(' more in file)')) return s;
  const open = t.lastIndexOf('(+');
  return open >= 0 && /^\d+$/.test(t.slice(open + 2, t.length - ' more in file)'.length)) ? t.slice(0, open).trimEnd() : s;
}

/** `s` without a final parenthesised part (no `)` inside) and the blanks around it; `s` when it has none. */
function withoutTrailingParens(s: string): string {
  const t = s.trimEnd();
  if (!t.endsWith(')')) return s;
  const inner = t.slice(0, -1);
  const open = inner.indexOf('(', inner.lastIndexOf(')') + 1);
  return open < 0 ? s : t.slice(0, open).trimEnd();
}

/** Options of {@link renderProfile}. */
export interface ProfileOptions {
  /** Today as YYYY-MM-DD (injected for tests; default: the clock). */
  today?: string;
}

/** True when a finding was last shown longer ago than the half-life: "shown in 2022", not current. */
export function isDated(p: PersonalFinding, halfLifeMonths: number, today: string): boolean {
  if (!p.lastShown) return false;
  const months = (Date.parse(today) - Date.parse(p.lastShown)) / (30.4375 * 86_400_000);
  return months > halfLifeMonths;
}

/** Short label of a personal finding for the faces: "yours", "yours, shown in 2022", "touched", "not yours". */
export function personalLabel(p: PersonalFinding | undefined, halfLifeMonths: number, today: string): string {
  if (!p || p.status === 'none') return 'not yours';
  const year = p.lastShown?.slice(0, 4);
  if (p.status === 'touched') return isDated(p, halfLifeMonths, today) ? `touched, last in ${year}` : 'touched';
  return isDated(p, halfLifeMonths, today) ? `shown in ${year}` : 'yours';
}

/**
 * Skills your commits demonstrate (repository status demonstrated, yours authored): `current`
 * within the half-life (the "You 12" of the status bar), `earlier` older than it.
 */
export function personalCounts(r: AnalysisResult, today = new Date().toISOString().slice(0, 10)): { current: number; earlier: number } {
  const half = r.person?.halfLifeMonths ?? 12;
  const mine = r.skills.filter((s) => s.status === 'demonstrated' && !s.optional && s.personal?.status === 'authored');
  const earlier = mine.filter((s) => isDated(s.personal!, half, today)).length;
  return { current: mine.length - earlier, earlier };
}

/** One line on who "you" were taken to be: `Ada <ada@example.com> (user.email in .git/config) · 5 of 10 commits, 2021-03-10 to 2026-03-05`. */
export function personLine(p: NonNullable<AnalysisResult['person']>): string {
  const who = `${p.names[0] ?? ''}${p.emails[0] ? ` <${p.emails[0]}>` : ''}`.trim() || p.identitySource;
  const more = p.emails.length > 1 ? ` and ${p.emails.length - 1} more email${p.emails.length > 2 ? 's' : ''}` : '';
  const span = p.commits ? `, ${p.firstCommit} to ${p.lastCommit}` : '';
  return `${who}${more} (${p.identitySource}) · ${p.commits} of ${p.totalCommits}${p.truncated ? '+' : ''} commits${span}`;
}

/** "2024–2026" or "2025" from first and last dates. */
function years(p: PersonalFinding): string {
  const a = p.firstShown?.slice(0, 4);
  const b = p.lastShown?.slice(0, 4);
  if (!b) return '';
  return a && a !== b ? `${a}–${b}` : b;
}

const VERB: Record<string, string> = {
  Testing: 'Wrote',
  APIs: 'Built',
  Security: 'Implemented',
  'DevOps and delivery': 'Set up',
  'Containers and cloud': 'Set up',
  Architecture: 'Designed',
};

const METHOD = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ALL|ANY)\s+\S/;

interface Kind {
  key: string;
  count: number;
  extra: Set<string>;
  files: Set<string>;
  /** Lines of yours, for source files. */
  lines: number;
}

/** Groups evidence details into countable kinds: test cases, endpoints, indexes, "label: …" findings. */
function kindsOf(evidence: Evidence[]): Kind[] {
  const kinds = new Map<string, Kind>();
  const add = (key: string, e: Evidence, n = 1, extra?: string) => {
    const k = kinds.get(key) ?? kinds.set(key, { key, count: 0, extra: new Set(), files: new Set(), lines: 0 }).get(key)!;
    k.count += n;
    k.files.add(e.path);
    if (extra) k.extra.add(extra);
  };
  for (const e of evidence) {
    const d = withoutMoreInFile(e.detail);
    let m: RegExpExecArray | null;
    if (/^test case\b/i.test(d)) add('test case', e);
    else if ((m = METHOD.exec(d))) add('HTTP endpoint', e, 1, m[1]);
    else if (/^import\s/.test(d)) continue; // imports are named as technologies, not counted
    else if (/^(dev |test |optional |peer |build )?dependency\b|^build plugin\b|^Gradle plugin\b/i.test(d)) continue;
    else if ((m = /^(.+?) \((?:[^()]*; )?(\d+) case\(s\)\)/.exec(d))) add(m[1].trim(), e, Number(m[2]), 'cases');
    else if (/^CREATE (UNIQUE )?INDEX\b/i.test(d)) add('database index', e);
    else if (/^migration script\b/i.test(d)) add('migration', e);
    else if ((m = / source: (\d+) of \d+ lines yours$/.exec(d))) {
      add('source file', e);
      kinds.get('source file')!.lines += Number(m[1]);
    } else if (/^[\w#+. ]+ source$/.test(d)) continue; // example files the repository view lists
    else if ((m = /^(\d+) (merge )?commits of mine$/.exec(d))) add(m[2] ? 'merge commit' : 'commit', e, Number(m[1]));
    else if ((m = /^([^:]{3,40}): /.exec(d))) add(m[1].trim(), e);
    else {
      // "file migration.sql (migration tool prisma-migrate)" → "migration.sql".
      const short = withoutTrailingParens(d).replace(/^file /, '');
      add(short.length > 60 ? short.slice(0, 59) + '…' : short, e);
    }
  }
  return [...kinds.values()].sort((a, b) => b.count - a.count);
}

const count = (k: number, one: string, many = one + 's') => `${k} ${k === 1 ? one : many}`;

function phrase(k: Kind): string {
  if (k.extra.has('cases')) return `${k.key} (${count(k.count, 'case')})`;
  if (k.key === 'HTTP endpoint') return `${count(k.count, 'HTTP endpoint')} (${[...k.extra].join(', ')})`;
  if (k.key === 'database index') return count(k.count, 'database index', 'database indexes');
  if (k.key === 'source file') return `${k.lines.toLocaleString('en-US')} lines of code in ${count(k.count, 'source file')}`;
  if (['test case', 'migration', 'commit', 'merge commit'].includes(k.key)) return count(k.count, k.key);
  return k.count > 1 ? `${k.key} (${k.count} places)` : k.key;
}

/** A link to a file (and line) at the scanned commit on the repository's host, else relative to its root. */
function link(r: AnalysisResult, e: Evidence): string {
  const repo = r.person?.repository;
  const label = `${e.path}${e.line ? `:${e.line}` : ''}`;
  const encoded = e.path.split('/').map(encodeURIComponent).join('/');
  let url: string;
  if (repo?.webUrl && repo.head) {
    const host = new URL(repo.webUrl).hostname;
    if (host === 'gitlab.com') url = `${repo.webUrl}/-/blob/${repo.head}/${encoded}${e.line ? `#L${e.line}` : ''}`;
    else if (host === 'bitbucket.org') url = `${repo.webUrl}/src/${repo.head}/${encoded}${e.line ? `#lines-${e.line}` : ''}`;
    else if (host === 'codeberg.org') url = `${repo.webUrl}/src/commit/${repo.head}/${encoded}${e.line ? `#L${e.line}` : ''}`;
    else url = `${repo.webUrl}/blob/${repo.head}/${encoded}${e.line ? `#L${e.line}` : ''}`;
  } else url = `${encoded}${e.line ? `#L${e.line}` : ''}`;
  return `[${mdCode(label)}](${url.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
}

/** "a, b and c". */
function and(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** What a list of evidence shows, in words: "4 HTTP endpoints (GET, POST, DELETE) and API tests (3 cases)"; '' when nothing countable. */
export function describeEvidence(evidence: Evidence[]): string {
  return and(kindsOf(evidence).slice(0, 3).map(phrase));
}

/** One plain-language bullet for a skill you authored, with up to three links. */
export function skillBullet(r: AnalysisResult, s: SkillResult): string {
  const p = s.personal!;
  const ev = p.evidence ?? [];
  const files = new Set(ev.map((e) => e.path)).size;
  const kinds = kindsOf(ev).slice(0, 3).map(phrase);
  const techs = (p.technologies ?? []).slice(0, 4);
  const verb = VERB[s.category] ?? 'Wrote';
  const what = kinds.length ? `${verb} ${and(kinds)}` : techs.length ? `Wrote code using ${and(techs)}` : 'Wrote the code behind it';
  const onlyHistory = kinds.length && kindsOf(ev).every((k) => k.key === 'commit' || k.key === 'merge commit');
  const where = onlyHistory || /source file/.test(what) ? '' : ` ${files === 1 ? 'in 1 file' : `across ${files}${ev.length >= 25 ? '+' : ''} files`}`;
  const using = techs.length && kinds.length ? ` with ${and(techs)}` : '';
  const links = ev
    .filter((e, i, all) => all.findIndex((x) => x.path === e.path) === i)
    .slice(0, 3)
    .map((e) => link(r, e))
    .join(', ');
  return `- **${md(s.name)}**: ${md(what + where + using)}, ${years(p)}. ${links}`;
}

function section(r: AnalysisResult, today: string, heading: string): string[] {
  const out: string[] = [];
  const person = r.person;
  if (!person) {
    out.push(heading, '', `No identity and history to read in ${md(r.root)}: nothing here is counted as yours.`, '');
    return out;
  }
  const repoName = person.repository?.name ?? r.root;
  const where = person.repository?.webUrl ? `[${md(repoName)}](${person.repository.webUrl})` : `**${md(repoName)}**`;
  out.push(heading, '');
  if (!person.commits) {
    out.push(`No commits by ${md(person.emails[0] ?? person.names[0] ?? 'this identity')} in ${where} (identity from ${md(person.identitySource)}).`, '');
    return out;
  }
  const span = person.firstCommit === person.lastCommit ? person.lastCommit : `${person.firstCommit?.slice(0, 7)} to ${person.lastCommit?.slice(0, 7)}`;
  out.push(`${person.commits} commit${person.commits === 1 ? '' : 's'} of mine to ${where} (${span}), out of ${person.totalCommits}${person.truncated ? '+' : ''} read.`);
  out.push('');
  const mine = r.skills.filter((s) => s.personal?.status === 'authored' && (s.status === 'demonstrated' || s.status === 'partial') && s.observable !== 'no');
  const current = mine.filter((s) => s.status === 'demonstrated' && !isDated(s.personal!, person.halfLifeMonths, today));
  const earlier = mine.filter((s) => s.status === 'demonstrated' && isDated(s.personal!, person.halfLifeMonths, today));
  const partial = mine.filter((s) => s.status === 'partial');
  if (!mine.length) {
    out.push('My commits here touch files behind the detected skills but did not write their evidence.', '');
    return out;
  }
  const byCat = new Map<string, SkillResult[]>();
  for (const s of current.sort((a, b) => b.personal!.weight - a.personal!.weight)) (byCat.get(s.category) ?? byCat.set(s.category, []).get(s.category)!).push(s);
  for (const [cat, skills] of byCat) {
    out.push(`#### ${md(cat)}`, '');
    for (const s of skills) out.push(skillBullet(r, s));
    out.push('');
  }
  if (earlier.length) {
    out.push('#### Earlier work', '');
    for (const s of earlier) out.push(skillBullet(r, s).replace(/, (\d{4}(–\d{4})?)\. /, (_m, y: string) => `, shown in ${y}. `));
    out.push('');
  }
  if (partial.length) {
    const top = partial.sort((a, b) => b.personal!.files - a.personal!.files).slice(0, 8);
    out.push(`Also worked on: ${top.map((s) => `${md(s.name)} (${years(s.personal!)})`).join(', ')}${partial.length > top.length ? `, and ${partial.length - top.length} more` : ''}.`, '');
  }
  return out;
}

/**
 * Renders the profile of one or more scans (one per checkout). Throws nothing; a result without
 * `person` gets a line saying nothing there is counted as yours.
 */
export function renderProfile(input: AnalysisResult[], opts: ProfileOptions = {}): string {
  // Controls and newlines in every workspace-derived string made visible before rendering (src/core/escape.ts).
  const results = safeStrings(input);
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const people = results.map((r) => r.person).filter((p): p is NonNullable<AnalysisResult['person']> => !!p);
  const name = people.flatMap((p) => p.names)[0];
  const out: string[] = [];
  out.push(`## Skills shown in code${name ? `: ${md(name)}` : ''}`, '');
  out.push(
    `Read by Skill Radar on ${today} from my own commits only: code my commits added counts; merges, bot commits, mass reformat, rename and import commits, and generated or vendored files do not. Every line links to the code it rests on.`,
    '',
  );
  if (results.length === 1) {
    out.push(...section(results[0], today, '### ' + md(results[0].person?.repository?.name ?? results[0].root)));
    return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
  }
  // Several checkouts: one skill list across them, then a section per repository.
  const merged = new Map<string, { name: string; repos: string[]; first: string; last: string }>();
  for (const r of results) {
    for (const s of r.skills) {
      const p = s.personal;
      if (p?.status !== 'authored' || s.status !== 'demonstrated' || s.observable === 'no') continue;
      const m = merged.get(s.id) ?? merged.set(s.id, { name: s.name, repos: [], first: p.firstShown ?? '', last: p.lastShown ?? '' }).get(s.id)!;
      m.repos.push(r.person?.repository?.name ?? r.root);
      if (p.firstShown && (!m.first || p.firstShown < m.first)) m.first = p.firstShown;
      if (p.lastShown && p.lastShown > m.last) m.last = p.lastShown;
    }
  }
  out.push('### Across my projects', '');
  if (!merged.size) out.push('None of these checkouts has skills that my own commits demonstrate.');
  for (const m of [...merged.values()].sort((a, b) => b.repos.length - a.repos.length || b.last.localeCompare(a.last))) {
    const span = m.first.slice(0, 4) === m.last.slice(0, 4) ? m.last.slice(0, 4) : `${m.first.slice(0, 4)}–${m.last.slice(0, 4)}`;
    out.push(`- **${md(m.name)}**: ${m.repos.map(md).join(', ')} (${span})`);
  }
  out.push('');
  for (const r of results) out.push(...section(r, today, '### ' + md(r.person?.repository?.name ?? r.root)));
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
