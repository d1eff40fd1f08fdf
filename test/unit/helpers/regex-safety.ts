/**
 * Runs recheck (a maintained ReDoS analyzer, npm `recheck`, with its native binary when the
 * platform has one, else its pure-JavaScript build) over the engine's regexes and says which are
 * super-linear (polynomial or exponential backtracking).
 *
 * Two steps keep it fast without weakening it:
 * - A regex is checked per top-level alternative: an unanchored search of `A|B` costs at each
 *   start position at most what `A` and `B` cost there, so the union is linear when every
 *   alternative is.
 * - `\b` and `\B` are analysed as empty: an assertion only removes backtracking paths, so a regex
 *   that is linear without them is linear with them (recheck's automaton checker times out on
 *   word boundaries in long patterns). A piece flagged that way is checked again as written, and
 *   recheck's verdict on it stands (automaton first, then its seeded fuzzer, as recheck's own
 *   default does).
 * Verdicts are recorded per recheck version, flags and piece in test/unit/regex-verdicts.json
 * (committed, so a clean clone analyses only pieces added since it was written: a cold analysis of
 * every piece takes many minutes on a loaded 2-core machine, and recheck's fuzzer, used when the
 * automaton checker runs out of time, decides differently on a slower machine). New pieces are
 * analysed and cached under node_modules/.cache; `REGEX_VERDICTS=update` rewrites the committed
 * file with exactly the pieces in use.
 */
import * as fs from 'fs';
import * as path from 'path';
import { check } from 'recheck';
import type { RegexSite } from './regex-inventory';

/** recheck's answer for one piece of a regex. */
export interface Verdict {
  status: 'safe' | 'vulnerable' | 'unknown';
  complexity?: string;
  attack?: string;
  checker?: string;
}

/** A regex with a super-linear (or undecided) piece. */
export interface Finding {
  site: RegexSite;
  piece: string;
  verdict: Verdict;
}

/** Splits a regex source at its top-level `|` (outside groups and classes). */
export function topAlternatives(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cls = false;
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (cls) {
      if (c === ']') cls = false;
      continue;
    }
    if (c === '[') cls = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(src.slice(start, i));
      start = i + 1;
    }
  }
  out.push(src.slice(start));
  return out;
}

/** `\b` and `\B` removed outside character classes (inside one, `\b` is a backspace). */
export function withoutWordBoundaries(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const next = src[i + 1] ?? '';
      if (!inClass && (next === 'b' || next === 'B')) {
        i++;
        continue;
      }
      out += c + next;
      i++;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}

const REPO = path.resolve(__dirname, '../../..');
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules/recheck/package.json'), 'utf8')) as { version: string }).version;
const CACHE = path.join(REPO, 'node_modules/.cache/skill-radar', `regex-safety-v2-recheck-${VERSION}.json`);
/** The committed verdicts: `{ recheck: version, verdicts: { "<flags>/<piece>": Verdict } }`. */
export const RECORDED = path.join(REPO, 'test/unit/regex-verdicts.json');

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Recorded verdicts (only when written by this recheck version), then the local cache's. */
function loadCache(): Record<string, Verdict> {
  const recorded = readJson<{ recheck: string; verdicts: Record<string, Verdict> }>(RECORDED);
  return { ...(recorded?.recheck === VERSION ? recorded.verdicts : {}), ...(readJson<Record<string, Verdict>>(CACHE) ?? {}) };
}

/**
 * Checks every site; resolves to the pieces recheck calls vulnerable or cannot decide, with
 * counts. `timeoutMs` bounds each automaton check; an undecided piece is then fuzzed (seeded).
 */
export async function auditRegexes(
  sites: RegexSite[],
  opts: { timeoutMs?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ findings: Finding[]; pieces: number; analysed: number }> {
  const cache = loadCache();
  const pieces = new Map<string, { flags: string; piece: string; original: string; sites: RegexSite[] }>();
  for (const site of sites) {
    const flags = site.flags.replace(/[gyd]/g, '');
    for (const alt of topAlternatives(site.source)) {
      const piece = withoutWordBoundaries(alt);
      const key = `${flags}/${piece}`;
      const entry = pieces.get(key) ?? pieces.set(key, { flags, piece, original: alt, sites: [] }).get(key)!;
      if (!entry.sites.includes(site)) entry.sites.push(site);
    }
  }
  let analysed = 0;
  let done = 0;
  const findings: Finding[] = [];
  for (const [key, p] of pieces) {
    let v = cache[key];
    if (!v) {
      analysed++;
      const timeout = opts.timeoutMs ?? 10_000;
      let r = await check(p.piece, p.flags, { checker: 'automaton', timeout });
      if (r.status === 'unknown') r = await check(p.piece, p.flags, { checker: 'fuzz', timeout, randomSeed: 14 });
      // Dropping \b can only add paths, so a flagged piece that had one is checked again as written.
      if (r.status === 'vulnerable' && p.original !== p.piece) {
        let again = await check(p.original, p.flags, { checker: 'automaton', timeout });
        if (again.status === 'unknown') again = await check(p.original, p.flags, { checker: 'fuzz', timeout, randomSeed: 14 });
        if (again.status === 'safe') r = again;
      }
      v = { status: r.status, checker: r.checker ?? undefined };
      if (r.status === 'vulnerable') {
        v.complexity = r.complexity.type;
        v.attack = r.attack.pattern;
      }
      // Undecided verdicts are not cached: a quieter machine may decide them.
      if (v.status !== 'unknown') cache[key] = v;
    }
    if (v.status !== 'safe') for (const site of p.sites) findings.push({ site, piece: p.piece, verdict: v });
    opts.onProgress?.(++done, pieces.size);
  }
  fs.mkdirSync(path.dirname(CACHE), { recursive: true });
  fs.writeFileSync(CACHE, JSON.stringify(cache));
  if (process.env.REGEX_VERDICTS === 'update') {
    // One verdict a line, sorted, so a regex change shows as a one-line diff.
    const lines = [...pieces.keys()].filter((k) => cache[k]).sort().map((k) => `    ${JSON.stringify(k)}: ${JSON.stringify(cache[k])}`);
    fs.writeFileSync(RECORDED, `{\n  "recheck": ${JSON.stringify(VERSION)},\n  "verdicts": {\n${lines.join(',\n')}\n  }\n}\n`);
  }
  return { findings, pieces: pieces.size, analysed };
}
