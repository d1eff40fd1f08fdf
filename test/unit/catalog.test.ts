/**
 * The knowledge in data/: schema validation, cross-references, coverage of the skills named in
 * the five source documents, and guards that fail when an entry loses its sources. (Next steps live in
 * data/guidance since issue 8; test/unit/guidance.test.ts guards them.)
 */
import { strict as assert } from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import { loadKnowledge, KnowledgeError, type DataReader, type Knowledge } from '../../src/core/knowledge';
import { REPO } from './helpers/engine';

const DATA = path.join(REPO, 'data');
const diskReader: DataReader = {
  read: (rel) => fs.readFile(path.join(DATA, rel), 'utf8'),
  list: async (rel) => (await fs.readdir(path.join(DATA, rel))).sort(),
};

/** A reader that serves data/ with one file's JSON changed by `edit`. */
function editedReader(file: string, edit: (value: any) => void): DataReader {
  return {
    list: diskReader.list,
    read: async (rel) => {
      const text = await diskReader.read(rel);
      if (rel !== file) return text;
      const v = JSON.parse(text);
      edit(v);
      return JSON.stringify(v);
    },
  };
}

async function problemsOf(reader: DataReader): Promise<string[]> {
  try {
    await loadKnowledge(reader);
  } catch (e) {
    if (e instanceof KnowledgeError) return e.problems;
    throw e;
  }
  return [];
}

describe('knowledge data', () => {
  let k: Knowledge;
  before(async () => {
    k = await loadKnowledge(diskReader);
  });

  it('validates against the schemas with no cross-reference problems', () => {
    assert.ok(k.skills.length >= 60, `only ${k.skills.length} skills`);
    assert.ok(k.practices.length >= 60);
  });

  it('knows at least 800 technologies', () => {
    assert.ok(k.technologies.length >= 800, `only ${k.technologies.length} technologies`);
  });

  it('cites every seed document, and every cited section exists in sources.json', async () => {
    const seeds = (await fs.readdir(path.join(REPO, '..', 'shared', 'seeds')).catch(() => [])).filter((f) => f.endsWith('.txt'));
    const cited = new Set(k.skills.flatMap((s) => s.sources.map((x) => x.document)));
    for (const doc of k.sources) assert.ok(cited.has(doc.document), `${doc.document} is never cited`);
    if (seeds.length) assert.deepEqual(k.sources.map((s) => s.document).sort(), seeds.sort());
    for (const s of k.skills) for (const src of s.sources) assert.ok(k.sources.find((d) => d.document === src.document)!.sections.includes(src.section));
  });

  it('gives every observable skill a "what was searched" message and level expectations with next steps', () => {
    for (const s of k.skills) {
      if (s.observable === 'no') continue;
      assert.ok(s.evidence.searched && s.evidence.searched.length > 10, `${s.id} lacks evidence.searched`);
      assert.ok(k.guidance.skills.get(s.id)?.levels, `${s.id} has no level expectations (data/guidance)`);
    }
  });

  it('tracks each server-side language separately', () => {
    const tracked = new Set(k.skills.map((s) => s.tracks).filter(Boolean));
    for (const l of ['python', 'javascript', 'typescript', 'java', 'kotlin', 'scala', 'go', 'csharp', 'ruby', 'php', 'rust']) assert.ok(tracked.has(l), `no proficiency entry tracks ${l}`);
  });

  it('covers the skills the five documents name', () => {
    const names = k.skills.map((s) => `${s.id} ${s.name}`.toLowerCase());
    const required: [string, RegExp][] = [
      ['language depth', /error handling|concurren|depth/], ['emerging languages', /emerging|new language/],
      ['backend framework', /framework/], ['middleware', /middleware/], ['server-side rendering', /render|template|servlet/],
      ['SQL', /sql|relational/], ['schema design', /schema|model/], ['NoSQL', /nosql/], ['ORM', /orm/], ['database optimization', /optimi|index|tuning/],
      ['caching', /cach/], ['REST', /rest/], ['GraphQL', /graphql/], ['WebSockets', /websocket|real-time|realtime/], ['API security', /api security|api-security/],
      ['API documentation', /api doc|openapi|swagger/], ['authentication', /authenticat/], ['encryption', /encrypt|hash|tls/], ['injection', /injection|input validation/],
      ['secure coding', /secure coding|code analysis|audit/], ['git', /git/], ['branching', /branch/], ['code review', /review|pull request/], ['commit history', /commit/],
      ['hosting platforms', /hosting|github|gitlab/], ['unit testing', /unit test/], ['integration testing', /integration test/], ['e2e', /end-to-end|e2e/], ['load testing', /load test|performance test/],
      ['debugging', /debug/], ['profiling', /profil|performance optim/], ['CI', /continuous integration/], ['CD', /continuous deploy|continuous delivery/], ['IaC', /infrastructure as code/],
      ['monitoring', /monitor|observab|logging/], ['build tools', /build tool/], ['Docker', /container/], ['Kubernetes', /orchestrat|kubernetes/], ['web servers', /web server|application server/],
      ['load balancing', /load balanc/], ['cloud', /cloud/], ['serverless', /serverless/], ['architecture styles', /architecture|microservice/], ['messaging', /messag|event/],
      ['design patterns', /design pattern/], ['scalability', /scal/], ['clean code', /clean|maintainab/], ['DSA', /data structure|algorithm/], ['HTML/CSS/JS', /html|css/],
      ['frontend frameworks', /react|angular|vue|frontend framework/], ['responsive design', /responsive/], ['cross-browser', /browser/], ['profile/README', /profile|readme|portfolio/],
      ['open source', /open.source/], ['technical writing', /writing/], ['IDE', /ide|editor/], ['problem solving', /problem/], ['communication', /communicat/],
      ['teamwork', /collaborat|teamwork/], ['attention to detail', /detail/], ['critical thinking', /critical/], ['creativity', /creativ/], ['active listening', /listen/],
      ['time management', /time management/], ['adaptability', /adapt|lifelong|learning/], ['leadership', /leader|mentor/],
    ];
    const missing = required.filter(([, re]) => !names.some((n) => re.test(n))).map(([label]) => label);
    assert.deepEqual(missing, [], `no catalog entry for: ${missing.join(', ')}`);
  });

  it('fails validation when an entry loses its sources', async () => {
    const problems = await problemsOf(editedReader('skills.json', (skills) => (skills[0].sources = [])));
    assert.ok(problems.some((p) => /skills\.json\/0\/sources/.test(p)), problems.join('\n'));
  });

  it('fails validation on a dangling reference or an unknown source section', async () => {
    const refs = await problemsOf(editedReader('skills.json', (skills) => (skills[0].evidence.partial = [['tech:no-such-tech']])));
    assert.ok(refs.some((p) => /unknown technology no-such-tech/.test(p)), refs.join('\n'));
    const section = await problemsOf(editedReader('skills.json', (skills) => (skills[0].sources[0].section = 'A Heading Nobody Wrote')));
    assert.ok(section.some((p) => /A Heading Nobody Wrote/.test(p)), section.join('\n'));
  });

  it('rejects duplicate technology ids across files', async () => {
    const files = (await diskReader.list('technologies')).filter((f) => f.endsWith('.json'));
    const problems = await problemsOf(editedReader(`technologies/${files[0]}`, (techs) => techs.push({ ...techs[0] })));
    assert.ok(problems.some((p) => /defined twice/.test(p)), problems.join('\n'));
  });
});
