import { makeContext } from '../helpers/ctx';
import { detectCi } from '../../../src/core/practices/ci';
(async () => {
  for (const d of ['node-ts-service', 'python-service']) {
    const ctx = makeContext('test/fixtures/' + d); await detectCi(ctx);
    console.log(d, JSON.stringify([...ctx.reported.values()], null, 1), [...ctx.techs.keys()], ctx.warnings);
  }
})();
