import { makeContext } from '../helpers/ctx';
import { detectContainers } from '../../../src/core/practices/containers';
(async () => {
  for (const d of ['node-ts-service', 'python-service']) {
    const ctx = makeContext('test/fixtures/' + d); await detectContainers(ctx);
    console.log(d, JSON.stringify([...ctx.reported.values()], null, 1), [...ctx.techs.entries()], ctx.warnings);
  }
})();
