/**
 * No super-linear regex: recheck (npm `recheck`, a maintained ReDoS analyzer) checks every regex
 * literal and constant RegExp in src/, every content pattern of data/technologies and every
 * #match? predicate of data/queries (see helpers/regex-safety.ts for how). A super-linear one
 * fails the test with the attack recheck built, unless it is listed in regex-pending.json, the
 * shrinking list of patterns not yet rewritten (entries whose regex is gone or now linear are
 * printed for removal). Regexes built at run time are listed with why each is
 * safe.
 *
 * Verdicts are recorded in regex-verdicts.json so a clean clone analyses only new pieces (seconds,
 * not the many minutes a cold analysis takes) and decides the same way on any machine. After
 * changing regexes, record theirs:
 *   REGEX_VERDICTS=update npx mocha --require tsx/cjs test/unit/regex-safety.test.ts
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { allRegexes } from './helpers/regex-inventory';
import { auditRegexes } from './helpers/regex-safety';

const REPO = path.resolve(__dirname, '../..');

/** Regexes built from run-time strings, and why each cannot backtrack super-linearly. */
const DYNAMIC_OK: Record<string, string> = {
  'src/core/knowledge.ts': 'compiles data/technologies content patterns, each checked here as data',
  'src/core/manifests/util.ts': 'compiles data/manifests.json scope patterns, each checked here as data',
  'src/core/manifests/xml-util.ts': 'a fixed element or attribute name (escaped) next to one class or \\s*',
  'src/core/practices/security.ts': 'an escaped identifier (literal text) between fixed parts; or a clone of a checked literal',
  'src/core/practices/util.ts': 'findAll clones a caller regex (checked where written) with the g flag',
  'src/core/git/identity.ts': '--author patterns the user types, matched against one author line each (never workspace text as pattern)',
  'src/core/guidance-data.ts': 'catalog words (our data, escaped) between fixed boundary classes',
  'src/core/practices/route-answers.ts': 'an identifier reduced to [\\w] characters between fixed parts, matched per line',
  'src/core/strings.ts': 'thenOnLine clones caller regexes (each checked where written) with the g flag',
};

interface Pending {
  file: string;
  flags: string;
  source: string;
}

describe('regex safety (recheck)', function () {
  // The first run on a machine analyses every pattern (minutes); verdicts are cached after.
  this.timeout(3_600_000);

  it('every regex of src/ and data/ is linear, or still on the shrinking pending list', async () => {
    const { sites, dynamic } = allRegexes(REPO);
    for (const d of dynamic) assert.ok(DYNAMIC_OK[d.file], `${d.file}:${d.line} builds a regex at run time (${d.text}); say why it is safe in DYNAMIC_OK or make it a literal`);
    const pending: Pending[] = JSON.parse(fs.readFileSync(path.join(__dirname, 'regex-pending.json'), 'utf8'));
    // Keyed by pattern, not place: a pending regex moved to another file stays pending.
    const key = (p: Pending) => `${p.flags}\u0000${p.source}`;
    const pendingKeys = new Set(pending.map(key));
    const { findings, pieces, analysed } = await auditRegexes(sites);
    const bad = new Map<string, string>();
    const stillPending = new Set<string>();
    const undecided: string[] = [];
    for (const f of findings) {
      const k = key({ file: f.site.file, flags: f.site.flags, source: f.site.source });
      if (pendingKeys.has(k)) {
        stillPending.add(k);
        continue;
      }
      // Not decided within the time limit on a loaded machine: reported, not failed (not shown super-linear).
      if (f.verdict.status === 'unknown') {
        undecided.push(`${f.site.file}:${f.site.line}`);
        continue;
      }
      bad.set(`${f.site.file}:${f.site.line}`, `${f.verdict.status} ${f.verdict.complexity ?? ''} /${f.piece}/${f.site.flags}${f.verdict.attack ? ` attack: ${f.verdict.attack}` : ''}`);
    }
    const report = [...bad].map(([where, what]) => `  ${where} ${what}`).join('\n');
    assert.equal(bad.size, 0, `${bad.size} super-linear regex(es) of ${sites.length} (${pieces} pieces); rewrite them (split lines first, anchor, bound, or use a query):\n${report}`);
    // Entries whose regex is gone or now linear are printed for removal, never failed: other
    // engineers move and fix these patterns while they work, and that must not break their landing.
    const present = new Set(sites.map((x) => key({ file: x.file, flags: x.flags, source: x.source })));
    const stale = pending.filter((p) => !stillPending.has(key(p)));
    console.log(`      ${sites.length} regexes, ${pieces} pieces (${analysed} analysed now, the rest recorded in regex-verdicts.json); ${stillPending.size} still pending a rewrite${stale.length ? `; remove from regex-pending.json (${stale.filter((p) => !present.has(key(p))).length} gone, ${stale.filter((p) => present.has(key(p))).length} now linear): ${[...new Set(stale.map((p) => p.file))].join(', ')}` : ''}${undecided.length ? `; undecided within the time limit: ${undecided.join(', ')}` : ''}`);
  });
});
