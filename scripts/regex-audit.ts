// Prints every regex of the engine that recheck finds super-linear, with the attack it builds,
// as the regex-safety unit test checks them (per top-level alternative, \b analysed as empty).
// Usage: npx tsx scripts/regex-audit.ts
import * as path from 'path';
import { allRegexes } from '../test/unit/helpers/regex-inventory';
import { auditRegexes } from '../test/unit/helpers/regex-safety';

(async () => {
  const { sites, dynamic } = allRegexes(path.resolve(__dirname, '..'));
  const t0 = Date.now();
  const { findings, pieces, analysed } = await auditRegexes(sites, { onProgress: (d, n) => d % 50 === 0 && process.stderr.write(`${d}/${n}\n`) });
  const bad = new Map<string, typeof findings>();
  for (const f of findings) {
    const k = `${f.site.file}:${f.site.line}`;
    (bad.get(k) ?? bad.set(k, []).get(k)!).push(f);
  }
  for (const [k, fs] of bad) console.log(`${k} ${fs.map((f) => `${f.verdict.status}${f.verdict.complexity ? ' ' + f.verdict.complexity : ''} /${f.piece.slice(0, 120)}/`).join(' ; ')}`);
  console.log(`\n${sites.length} regexes (${pieces} distinct pieces, ${analysed} analysed now; ${dynamic.length} built at run time); ${bad.size} regexes super-linear or undecided; ${Date.now() - t0} ms`);
})();
