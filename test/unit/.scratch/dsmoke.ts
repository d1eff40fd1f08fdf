import { makeContext } from '../helpers/ctx';
import { detectDocs } from '../../../src/core/practices/docs';
import { detectSecurity } from '../../../src/core/practices/security';
(async () => {
  for (const d of ['node-ts-service', 'python-service']) {
    const ctx = makeContext('test/fixtures/' + d, { technologies: ['helmet', 'bcrypt', 'zod', 'jwt', 'eslint', 'prettier'] }); await detectDocs(ctx); await detectSecurity(ctx);
    for (const r of ctx.reported.values()) console.log(d, r.id, r.count, JSON.stringify(r.figures), '\n   ', r.evidence.map(e => `${e.path}:${e.line} ${e.detail}`).join('\n    '));
    console.log(ctx.warnings);
  }
})();
