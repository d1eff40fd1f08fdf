import * as git from 'isomorphic-git';
import * as fs from 'node:fs';
import { makeContext, writeWorkspace } from '../helpers/ctx';
import { detectGit } from '../../../src/core/practices/git';
(async () => {
  const dir = writeWorkspace({ 'a.txt': '1', '.gitignore': 'node_modules/\n.env\n' });
  await git.init({ fs, dir, defaultBranch: 'main' });
  let ctx = makeContext(dir); await detectGit(ctx); console.log('fresh', [...ctx.reported.values()], ctx.warnings);
  const author = { name: 'Ada', email: 'ada@x.io', timestamp: 1700000000, timezoneOffset: 0 };
  const msgs = ['feat(api): add orders endpoint', 'fix: handle empty cart', 'wip', 'docs: explain setup', 'chore(deps): bump pg', 'test: cover orders'];
  let t = 1700000000;
  for (const m of msgs) { fs.writeFileSync(dir + '/a.txt', m); await git.add({ fs, dir, filepath: 'a.txt' }); await git.commit({ fs, dir, message: m, author: { ...author, timestamp: t += 3600 } }); }
  await git.branch({ fs, dir, ref: 'feature/login' });
  await git.tag({ fs, dir, ref: 'v1.0.0' });
  await git.setConfig({ fs, dir, path: 'remote.origin.url', value: 'https://user:tok@github.com/acme/app.git' });
  ctx = makeContext(dir); await detectGit(ctx); console.log(JSON.stringify([...ctx.reported.values()], null, 1), ctx.warnings);
})();
