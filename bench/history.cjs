// Generates a realistic multi-author git history with isomorphic-git (never the git binary):
// an Express + TypeScript service of ~40 modules grown over COMMITS commits by 12 people and
// 2 bots, with merges and a mass reformat, packed into one pack file like a clone.
// Usage: node bench/history.cjs DIR [COMMITS]  (default 3200). Prints the HEAD oid.
const fs = require('fs');
const path = require('path');
const git = require('isomorphic-git');

const PEOPLE = [
  ['Ada Quinn', 'ada@acme.example', 12],
  ['Bob Stone', 'bob@acme.example', 20],
  ['Carol Diaz', 'carol@acme.example', 14],
  ['Dan Wu', 'dan@acme.example', 8],
  ['Eve Laine', 'eve@acme.example', 10],
  ['Femi Ade', 'femi@acme.example', 6],
  ['Gus Park', 'gus@acme.example', 5],
  ['Hana Sato', 'hana@acme.example', 5],
  ['Ivan Petrov', 'ivan@acme.example', 4],
  ['Jo March', 'jo@acme.example', 4],
  ['Kim Lee', 'kim@acme.example', 3],
  ['Lu Chen', 'lu@acme.example', 3],
  ['dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com', 5],
  ['renovate[bot]', 'bot@renovateapp.com', 1],
];
const MODULES = ['orders', 'users', 'billing', 'invoices', 'carts', 'products', 'stock', 'shipping', 'returns', 'reviews', 'coupons', 'payments', 'refunds', 'search', 'reports', 'audit', 'tenants', 'teams', 'roles', 'sessions', 'tokens', 'webhooks', 'events', 'emails', 'sms', 'files', 'images', 'tags', 'notes', 'tasks', 'projects', 'boards', 'comments', 'likes', 'feeds', 'metrics', 'alerts', 'jobs', 'queues', 'exports'];

// A small deterministic random generator, so every run builds the same history.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const weighted = () => {
  const total = PEOPLE.reduce((n, p) => n + p[2], 0);
  let r = rand() * total;
  for (const p of PEOPLE) if ((r -= p[2]) < 0) return p;
  return PEOPLE[0];
};

function route(mod, n, indent = '  ') {
  const lines = [`import { Router } from 'express';`, `import { z } from 'zod';`, `import { db } from '../db';`, '', `export const ${mod}Router = Router();`, ''];
  for (let i = 0; i < n; i++) {
    const verb = ['get', 'post', 'put', 'delete'][i % 4];
    lines.push(`${mod}Router.${verb}('/${mod}/${i}', async (req, res) => {`);
    if (verb === 'post' || verb === 'put') lines.push(`${indent}const body = z.object({ name: z.string(), v${i}: z.number() }).parse(req.body);`, `${indent}res.json(await db.${mod}.upsert(body));`);
    else lines.push(`${indent}res.json(await db.${mod}.find${i}(req.params));`);
    lines.push('});', '');
  }
  return lines.join('\n');
}

function test(mod, n) {
  const lines = [`import request from 'supertest';`, `import { describe, it, expect } from 'vitest';`, `import { app } from '../src/app';`, '', `describe('${mod}', () => {`];
  for (let i = 0; i < n; i++) lines.push(`  it('handles ${mod} case ${i}', async () => {`, `    const res = await request(app).get('/${mod}/${i * 4}');`, `    expect(res.status).toBe(200);`, '  });', '');
  lines.push('});', '');
  return lines.join('\n');
}

async function main() {
  const dir = path.resolve(process.argv[2] || '/tmp/skill-radar-history');
  const commits = Number(process.argv[3] || 3200);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  await git.init({ fs, dir, defaultBranch: 'main' });
  await git.setConfig({ fs, dir, path: 'remote.origin.url', value: 'git@github.com:acme/shop-api.git' });
  const files = new Map(); // path → text
  const sizes = new Map(); // module → number of routes
  files.set('package.json', JSON.stringify({ name: 'shop-api', dependencies: { express: '^4.18.0', zod: '^3.22.0', pg: '^8.11.0' }, devDependencies: { vitest: '^1.0.0', supertest: '^6.3.0', typescript: '^5.4.0' } }, null, 2) + '\n');
  files.set('src/app.ts', `import express from 'express';\n\nexport const app = express();\napp.use(express.json());\n`);
  files.set('src/db.ts', `import { Pool } from 'pg';\n\nexport const pool = new Pool();\nexport const db: any = {};\n`);
  files.set('Dockerfile', 'FROM node:20-alpine AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\nFROM node:20-alpine\nCOPY --from=build /app/dist ./dist\nUSER node\nCMD ["node", "dist/app.js"]\n');
  files.set('.github/workflows/ci.yml', 'name: ci\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm test\n');
  const all = new Set();
  const blobOf = new Map(); // text → oid (identical content is stored once, as git does)
  const writeBlob = async (text) => {
    let oid = blobOf.get(text);
    if (!oid) {
      oid = await git.writeBlob({ fs, dir, blob: Buffer.from(text) });
      blobOf.set(text, oid);
      all.add(oid);
    }
    return oid;
  };
  const treeCache = new Map();
  async function writeTree(prefix) {
    const entries = new Map();
    for (const [p, text] of files) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) entries.set(rest, { mode: '100644', path: rest, oid: await writeBlob(text), type: 'blob' });
      else if (!entries.has(rest.slice(0, slash))) entries.set(rest.slice(0, slash), { mode: '040000', path: rest.slice(0, slash), oid: await writeTree(prefix + rest.slice(0, slash) + '/'), type: 'tree' });
    }
    const tree = [...entries.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
    const key = JSON.stringify(tree);
    let oid = treeCache.get(key);
    if (!oid) {
      oid = await git.writeTree({ fs, dir, tree });
      treeCache.set(key, oid);
      all.add(oid);
    }
    return oid;
  }
  let t = Date.parse('2018-01-08T09:00:00Z') / 1000;
  const step = Math.floor((Date.parse('2026-10-01T00:00:00Z') / 1000 - t) / commits);
  let head;
  let side; // a feature branch tip waiting to be merged
  for (let i = 0; i < commits; i++) {
    t += step + Math.floor(rand() * 3600);
    let who = weighted();
    // Ada leaves for two years and comes back, like real teams.
    if (who[0] === 'Ada Quinn' && t > Date.parse('2021-06-01') / 1000 && t < Date.parse('2023-06-01') / 1000) who = PEOPLE[1];
    let message;
    if (who[0].includes('[bot]')) {
      const dep = pick(['express', 'zod', 'pg', 'vitest', 'supertest', 'typescript']);
      const pkg = JSON.parse(files.get('package.json'));
      const group = pkg.dependencies[dep] ? pkg.dependencies : pkg.devDependencies;
      group[dep] = `^${1 + Math.floor(rand() * 9)}.${Math.floor(rand() * 20)}.${i % 10}`;
      files.set('package.json', JSON.stringify(pkg, null, 2) + '\n');
      message = `chore(deps): bump ${dep} to ${group[dep].slice(1)}`;
    } else if (i === Math.floor(commits * 0.6)) {
      // One mass reformat: every route file re-indented.
      for (const m of sizes.keys()) files.set(`src/routes/${m}.ts`, route(m, sizes.get(m), '    '));
      message = 'style: reformat with prettier';
    } else {
      const mod = MODULES[Math.floor(rand() * Math.min(MODULES.length, 3 + i / 40))];
      const n = (sizes.get(mod) ?? 0) + 1;
      sizes.set(mod, n);
      files.set(`src/routes/${mod}.ts`, route(mod, n));
      if (rand() < 0.5) files.set(`tests/${mod}.test.ts`, test(mod, Math.ceil(n / 2)));
      if (rand() < 0.1) files.set(`docs/${mod}.md`, `# ${mod}\n\n${'Notes on the endpoints.\n'.repeat(1 + (n % 5))}`);
      message = `${pick(['feat', 'fix', 'refactor', 'test'])}(${mod}): ${pick(['add', 'handle', 'validate', 'cover', 'speed up'])} ${mod} route ${n}${rand() < 0.15 ? `\n\nCo-authored-by: ${weighted()[0]} <${weighted()[1]}>` : ''}`;
    }
    const tree = await writeTree('');
    const sig = { name: who[0], email: who[1], timestamp: t, timezoneOffset: 0 };
    const parents = head ? [head] : [];
    if (side && i % 50 === 0) parents.push(side);
    const oid = await git.writeCommit({ fs, dir, commit: { message: parents.length > 1 ? `Merge branch 'feature/${i}'` : message, tree, parent: parents, author: sig, committer: sig } });
    all.add(oid);
    if (i % 50 === 25) side = oid; // this commit also stands for a branch merged later
    head = oid;
  }
  await git.writeRef({ fs, dir, ref: 'refs/heads/main', value: head, force: true });
  // Pack everything into one pack, as a clone has it, and drop the loose objects.
  const { filename } = await git.packObjects({ fs, dir, oids: [...all], write: true });
  await git.indexPack({ fs, dir, filepath: `.git/objects/pack/${filename}` });
  for (const d of fs.readdirSync(path.join(dir, '.git/objects'))) if (/^[0-9a-f]{2}$/.test(d)) fs.rmSync(path.join(dir, '.git/objects', d), { recursive: true });
  for (const [p, text] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), text);
  }
  console.log(head);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
