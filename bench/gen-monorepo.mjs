// Generates a large monorepo for the bench: N files (default 100,000) in packages of four
// ecosystems (TypeScript services, Python services, Go services, Java/Spring services), each with a
// manifest, source that imports real frameworks, tests, and here and there a Dockerfile; plus CI
// workflows and a .gitignore at the root. Deterministic (same N, same tree). Writes OUT/.done last.
// Usage: node bench/gen-monorepo.mjs OUT [--files N]
import { mkdirSync, writeFileSync, rmSync } from 'fs';
import path from 'path';

const out = path.resolve(process.argv[2] ?? 'bench/.cache/monorepo-100k');
const n = Number(process.argv.includes('--files') ? process.argv[process.argv.indexOf('--files') + 1] : 100_000);
const PER_PACKAGE = 100;

rmSync(out, { recursive: true, force: true });
let written = 0;
const write = (rel, text) => {
  const abs = path.join(out, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
  written++;
};

write('.gitignore', 'node_modules/\ndist/\n__pycache__/\ntarget/\n');
write('README.md', '# Generated monorepo\n\nA synthetic workspace for the Skill Radar bench.\n');
write('.github/workflows/ci.yml', 'name: CI\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n');

const kinds = [
  {
    dir: 'services/ts',
    manifest: (name) => ['package.json', JSON.stringify({ name, version: '1.0.0', dependencies: { express: '^4.19.2', pg: '^8.11.0', zod: '^3.23.0' }, devDependencies: { vitest: '^1.6.0', supertest: '^7.0.0' } }, null, 2)],
    source: (i) => [
      `src/handlers/h${i}.ts`,
      `import express from 'express';\nimport { Pool } from 'pg';\nimport { z } from 'zod';\n\nconst pool = new Pool();\nconst Body${i} = z.object({ name: z.string(), size: z.number().int() });\n\nexport const router${i} = express.Router();\n\nrouter${i}.get('/items/${i}', async (_req, res) => {\n  const { rows } = await pool.query('SELECT id, name FROM items WHERE kind = $1', [${i}]);\n  res.json(rows);\n});\n\nrouter${i}.post('/items/${i}', async (req, res) => {\n  const body = Body${i}.parse(req.body);\n  try {\n    await pool.query('INSERT INTO items (name, size) VALUES ($1, $2)', [body.name, body.size]);\n    res.status(201).end();\n  } catch (err) {\n    res.status(500).json({ error: String(err) });\n  }\n});\n`,
    ],
    test: (i) => [`test/h${i}.test.ts`, `import { describe, it, expect } from 'vitest';\nimport request from 'supertest';\n\ndescribe('items ${i}', () => {\n  it('lists items', async () => {\n    expect(${i}).toBeGreaterThanOrEqual(0);\n  });\n});\n`],
  },
  {
    dir: 'services/py',
    manifest: (name) => ['requirements.txt', 'fastapi==0.110.0\nsqlalchemy==2.0.30\npydantic==2.7.0\npytest==8.2.0\n'],
    source: (i) => [
      `app/routes/r${i}.py`,
      `from fastapi import APIRouter, HTTPException\nfrom sqlalchemy import select\nfrom pydantic import BaseModel\n\nrouter = APIRouter()\n\n\nclass Item${i}(BaseModel):\n    name: str\n    size: int\n\n\n@router.get("/items/${i}")\nasync def list_items_${i}(session):\n    rows = await session.execute(select(Item${i}))\n    return rows.all()\n\n\n@router.post("/items/${i}")\nasync def create_item_${i}(item: Item${i}):\n    if item.size < 0:\n        raise HTTPException(status_code=400, detail="size")\n    return item\n`,
    ],
    test: (i) => [`tests/test_r${i}.py`, `def test_item_${i}():\n    assert ${i} >= 0\n\n\ndef test_item_${i}_name():\n    assert "item" in "item ${i}"\n`],
  },
  {
    dir: 'services/go',
    manifest: (name) => ['go.mod', `module example.com/${name}\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.10.0\n\tgithub.com/jackc/pgx/v5 v5.6.0\n)\n`],
    source: (i) => [
      `internal/h${i}/handler.go`,
      `package h${i}\n\nimport (\n\t"net/http"\n\n\t"github.com/gin-gonic/gin"\n\t"github.com/jackc/pgx/v5/pgxpool"\n)\n\ntype Handler struct{ DB *pgxpool.Pool }\n\nfunc (h *Handler) Register(r *gin.Engine) {\n\tr.GET("/items/${i}", h.list)\n}\n\nfunc (h *Handler) list(c *gin.Context) {\n\trows, err := h.DB.Query(c, "SELECT id FROM items WHERE kind = $1", ${i})\n\tif err != nil {\n\t\tc.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})\n\t\treturn\n\t}\n\tdefer rows.Close()\n\tc.JSON(http.StatusOK, gin.H{"ok": true})\n}\n`,
    ],
    test: (i) => [`internal/h${i}/handler_test.go`, `package h${i}\n\nimport "testing"\n\nfunc TestHandler${i}(t *testing.T) {\n\tif ${i} < 0 {\n\t\tt.Fatal("negative")\n\t}\n}\n`],
  },
  {
    dir: 'services/java',
    manifest: (name) => [
      'pom.xml',
      `<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>com.example</groupId>\n  <artifactId>${name}</artifactId>\n  <version>1.0.0</version>\n  <dependencies>\n    <dependency>\n      <groupId>org.springframework.boot</groupId>\n      <artifactId>spring-boot-starter-web</artifactId>\n    </dependency>\n    <dependency>\n      <groupId>org.springframework.boot</groupId>\n      <artifactId>spring-boot-starter-data-jpa</artifactId>\n    </dependency>\n    <dependency>\n      <groupId>org.junit.jupiter</groupId>\n      <artifactId>junit-jupiter</artifactId>\n      <scope>test</scope>\n    </dependency>\n  </dependencies>\n</project>\n`,
    ],
    source: (i) => [
      `src/main/java/com/example/web/Items${i}Controller.java`,
      `package com.example.web;\n\nimport java.util.List;\nimport org.springframework.web.bind.annotation.GetMapping;\nimport org.springframework.web.bind.annotation.RestController;\n\n@RestController\npublic class Items${i}Controller {\n    private final ItemRepository repository;\n\n    public Items${i}Controller(ItemRepository repository) {\n        this.repository = repository;\n    }\n\n    @GetMapping("/items/${i}")\n    public List<Item> list() {\n        return repository.findAll();\n    }\n}\n`,
    ],
    test: (i) => [`src/test/java/com/example/web/Items${i}ControllerTest.java`, `package com.example.web;\n\nimport org.junit.jupiter.api.Test;\nimport static org.junit.jupiter.api.Assertions.assertTrue;\n\nclass Items${i}ControllerTest {\n    @Test\n    void lists() {\n        assertTrue(${i} >= 0);\n    }\n}\n`],
  },
];

for (let p = 0; written < n; p++) {
  const kind = kinds[p % kinds.length];
  const name = `svc-${String(p).padStart(4, '0')}`;
  const base = `${kind.dir}/${name}`;
  const [mf, mtext] = kind.manifest(name);
  write(`${base}/${mf}`, mtext);
  if (p % 10 === 0) write(`${base}/Dockerfile`, 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "index.js"]\n');
  for (let i = 0; written < n && i < PER_PACKAGE; i++) {
    const [rel, text] = (i % 4 === 3 ? kind.test : kind.source)(i);
    write(`${base}/${rel}`, text);
  }
}
writeFileSync(path.join(out, '.done'), `${written}\n`);
console.error(`gen-monorepo: ${written} files in ${out}`);
