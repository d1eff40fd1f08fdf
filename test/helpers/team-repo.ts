/**
 * Builds a realistic multi-author git history with isomorphic-git (never the git binary), for
 * the personal-lens tests, the VS Code tiers and manual checks: an Express + Prisma service
 * written by Ada (under two emails joined by .mailmap, old and recent commits), Bob (one commit
 * co-authored by Ada through a trailer), Carol (on a merged branch), Dependabot, a mass
 * reformat by Ada, and a second "Ada" whose email is not Ada's.
 *
 * Run directly to write one: `npx tsx test/helpers/team-repo.ts DIR [now]` (`now`: dates relative
 * to today instead of to 2026-06-01).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as git from 'isomorphic-git';

/** How many days before "now" each commit was made (so recency reads the same whenever the tests run). */
const DAYS_AGO = {
  adaAliasDocker: 1909,
  bobDb: 1886,
  bobAuthWithAda: 365,
  dependabot: 259,
  adaApi: 132,
  adaTests: 111,
  carolHealth: 101,
  adaMerge: 92,
  adaReformat: 88,
  otherAda: 61,
};

/** Dates (YYYY-MM-DD, UTC) of the commits for a given now (ms); with 2026-06-01 the Dockerfile is from 2021-03-10. */
export function teamDates(now: number): Record<keyof typeof DAYS_AGO, string> {
  const day = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  return Object.fromEntries(Object.entries(DAYS_AGO).map(([k, d]) => [k, new Date(day - d * 86_400_000).toISOString().slice(0, 10)])) as Record<keyof typeof DAYS_AGO, string>;
}

/** The dates at the unit tests' pinned now, 2026-06-01. */
export const TEAM_DATES = teamDates(Date.parse('2026-06-01T00:00:00Z'));

export const ADA = { name: 'Ada', email: 'ada@example.com' };
const ADA_OLD = { name: 'Ada L.', email: 'ada@old-laptop.local' };
const BOB = { name: 'Bob Stone', email: 'bob@example.com' };
const CAROL = { name: 'Carol Diaz', email: 'carol@example.com' };
const BOT = { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' };
const OTHER_ADA = { name: 'Ada', email: 'ada@personal.example' };

const UTILS = ['money', 'dates', 'ids', 'paging', 'errors', 'logger', 'config', 'retry', 'cache', 'strings'];

function util(name: string, indent: string): string {
  return `export function ${name}Helper(value: string): string {\n${indent}if (!value) {\n${indent}${indent}return '';\n${indent}}\n${indent}return value.trim();\n}\n`;
}

function db(indent: string): string {
  return `import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n\nexport async function findOrder(id: number) {\n${indent}return prisma.order.findUnique({ where: { id } });\n}\n`;
}

const FILES_V1: Record<string, string> = {
  '.gitignore': 'node_modules/\ndist/\n.env\n',
  'README.md': '# Orders service\n\nAn HTTP API for orders.\n\n## Usage\n\n```sh\nnpm ci && npm start\n```\n',
  'package.json': JSON.stringify({ name: 'orders-service', version: '1.0.0', dependencies: { express: '^4.18.0', '@prisma/client': '^5.0.0', zod: '^3.22.0', jsonwebtoken: '^9.0.0', bcrypt: '^5.1.0' }, devDependencies: { prisma: '^5.0.0', supertest: '^6.3.0', vitest: '^1.0.0', typescript: '^5.4.0' } }, null, 2) + '\n',
  Dockerfile: 'FROM node:20.12-alpine AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\nFROM node:20.12-alpine\nWORKDIR /app\nCOPY --from=build /app/dist ./dist\nUSER node\nHEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1\nCMD ["node", "dist/app.js"]\n',
};

const APP = `import express from 'express';\nimport { ordersRouter } from './routes/orders';\n\nexport const app = express();\napp.use(express.json());\napp.use('/orders', ordersRouter);\napp.get('/health', (_req, res) => res.json({ ok: true }));\n`;
const ORDERS = `import { Router } from 'express';\nimport { z } from 'zod';\nimport { prisma } from '../db';\n\nexport const ordersRouter = Router();\n\nconst NewOrder = z.object({ sku: z.string(), quantity: z.number().int().positive() });\n\nordersRouter.get('/', async (_req, res) => {\n  res.json(await prisma.order.findMany());\n});\n\nordersRouter.post('/', async (req, res) => {\n  const body = NewOrder.safeParse(req.body);\n  if (!body.success) return res.status(400).json(body.error);\n  res.status(201).json(await prisma.order.create({ data: body.data }));\n});\n\nordersRouter.delete('/:id', async (req, res) => {\n  await prisma.order.delete({ where: { id: Number(req.params.id) } });\n  res.status(204).end();\n});\n`;
const TESTS = `import request from 'supertest';\nimport { describe, it, expect } from 'vitest';\nimport { app } from '../src/app';\n\ndescribe('orders API', () => {\n  it('lists orders', async () => {\n    const res = await request(app).get('/orders');\n    expect(res.status).toBe(200);\n  });\n\n  it('rejects an order without a sku', async () => {\n    const res = await request(app).post('/orders').send({ quantity: 1 });\n    expect(res.status).toBe(400);\n  });\n\n  it('deletes an order', async () => {\n    const res = await request(app).delete('/orders/1');\n    expect(res.status).toBe(204);\n  });\n});\n`;
const AUTH = `import jwt from 'jsonwebtoken';\nimport bcrypt from 'bcrypt';\nimport type { Request, Response, NextFunction } from 'express';\n\nexport async function checkPassword(plain: string, hash: string): Promise<boolean> {\n  return bcrypt.compare(plain, hash);\n}\n\nexport function requireAuth(req: Request, res: Response, next: NextFunction) {\n  const token = req.headers.authorization?.replace('Bearer ', '');\n  try {\n    jwt.verify(token ?? '', process.env.JWT_SECRET ?? '');\n    next();\n  } catch {\n    res.status(401).end();\n  }\n}\n`;
const HEALTH = `import { Router } from 'express';\n\nexport const healthRouter = Router();\nhealthRouter.get('/ready', (_req, res) => res.json({ ready: true }));\n`;
const SCHEMA = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel Order {\n  id       Int    @id @default(autoincrement())\n  sku      String\n  quantity Int\n\n  @@index([sku])\n}\n';
const MIGRATION = 'CREATE TABLE "Order" (\n  "id" SERIAL PRIMARY KEY,\n  "sku" TEXT NOT NULL,\n  "quantity" INTEGER NOT NULL\n);\n\nCREATE INDEX "Order_sku_idx" ON "Order"("sku");\n';

/**
 * Writes the repository into `dir` (created when missing) and returns the oid of HEAD.
 * `.git/config` sets user.email to Ada's; `.mailmap` maps Ada's old laptop email to it.
 */
export async function buildTeamRepo(dir: string, now = Date.parse('2026-06-01T00:00:00Z')): Promise<string> {
  const dates = teamDates(now);
  fs.mkdirSync(dir, { recursive: true });
  await git.init({ fs, dir, defaultBranch: 'main' });
  await git.setConfig({ fs, dir, path: 'user.email', value: ADA.email });
  await git.setConfig({ fs, dir, path: 'user.name', value: ADA.name });
  await git.setConfig({ fs, dir, path: 'remote.origin.url', value: 'git@github.com:acme/orders-service.git' });
  const write = (files: Record<string, string>) => {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    return Object.keys(files);
  };
  const at = (day: string, hour = 10) => Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`) / 1000;
  const commit = async (who: { name: string; email: string }, day: string, message: string, files: Record<string, string>, parent?: string[]) => {
    for (const f of write(files)) await git.add({ fs, dir, filepath: f });
    const sig = { ...who, timestamp: at(day), timezoneOffset: 0 };
    return git.commit({ fs, dir, message, author: sig, committer: sig, ...(parent ? { parent } : {}) });
  };
  const utils = (indent: string) => Object.fromEntries(UTILS.map((u) => [`src/util/${u}.ts`, util(u, indent)]));

  await commit(ADA_OLD, dates.adaAliasDocker, 'Containerise the service with a multi-stage Dockerfile', FILES_V1);
  await commit(BOB, dates.bobDb, 'Add the order model, its migration and the Prisma client', {
    'src/db.ts': db('  '),
    'prisma/schema.prisma': SCHEMA,
    'prisma/migrations/20210402_init/migration.sql': MIGRATION,
    ...utils('  '),
  });
  await commit(BOB, dates.bobAuthWithAda, 'Require a bearer token on write endpoints\n\nCo-authored-by: Ada <ada@example.com>\n', { 'src/auth.ts': AUTH });
  await commit(BOT, dates.dependabot, 'chore(deps): bump express from 4.18.0 to 4.19.2', {
    'package.json': FILES_V1['package.json'].replace('^4.18.0', '^4.19.2'),
  });
  await commit(ADA, dates.adaApi, 'Orders API: list, create with validation, delete', { 'src/app.ts': APP, 'src/routes/orders.ts': ORDERS });
  const mainTip = await commit(ADA, dates.adaTests, 'Cover the orders API with supertest', { 'tests/orders.test.ts': TESTS });
  await git.branch({ fs, dir, ref: 'feature/health', checkout: true });
  const feature = await commit(CAROL, dates.carolHealth, 'Readiness endpoint for the load balancer', { 'src/routes/health.ts': HEALTH });
  await git.checkout({ fs, dir, ref: 'main' });
  await commit(ADA, dates.adaMerge, "Merge branch 'feature/health'", {}, [mainTip, feature]);
  // A whitespace-only re-indent of Bob's files: Ada must not be credited with them.
  await commit(ADA, dates.adaReformat, 'style: reformat with prettier', { 'src/db.ts': db('    '), ...utils('    ') });
  return commit(OTHER_ADA, dates.otherAda, 'Notes on the deployment', {
    'docs/deploy.md': '# Deploying\n\nBuild the image and run it behind the load balancer.\n',
    '.mailmap': `${ADA.name} <${ADA.email}> ${ADA_OLD.name} <${ADA_OLD.email}>\n`,
  });
}

if (require.main === module) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: npx tsx test/helpers/team-repo.ts DIR');
    process.exit(2);
  }
  buildTeamRepo(path.resolve(target), process.argv[3] === 'now' ? Date.now() : undefined).then((oid) => console.log(`${target}: HEAD ${oid}`));
}
