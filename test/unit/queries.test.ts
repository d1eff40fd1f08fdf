/**
 * Query tests: every data/queries/<dir>/<purpose>.scm compiles with every grammar that uses
 * it and only uses contract capture names; caret-marked fixtures under
 * test/fixtures/queries/<dir>/ pin what each query captures (tree-sitter `test/tags` style).
 *
 * Fixture markers are comment lines under a code line:
 *     import express from 'express';
 *     //                  ^ import.source express
 * `^` points at a column of the nearest non-blank code line above; `<-` points at the column
 * where the marker's comment starts (for captures at column 0). The capture must start on that
 * line and span that column; the optional text after the name must equal the (unquoted) capture text.
 * `!name` asserts that no such capture is there (traps).
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, extname } from 'node:path';
import { TreeSitterHost, resolveQuerySource, type GrammarInfo } from '../../src/core/treesitter';
import { QUERY_CAPTURES, QUERY_PURPOSES } from '../../src/core/captures';
import type { QueryMatch } from '../../src/core/practices/types';
import { grammarFile } from '../../src/node/engine';
import { SOURCE_LAYOUT } from './helpers/engine';

const ROOT = join(__dirname, '..', '..');
const QUERIES = join(ROOT, 'data', 'queries');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'queries');
const grammars = JSON.parse(readFileSync(join(ROOT, 'data', 'grammars.json'), 'utf8')) as GrammarInfo[];
const queryDirs = [...new Set(grammars.map((g) => g.queries))];

/** Comment prefix of marker lines per query folder. */
const COMMENT: Record<string, string> = { python: '#', ruby: '#' };
/** The capture every match of a purpose must carry (the node the others belong to). */
const PRIMARY: Record<string, string> = {
  imports: 'import.source',
  routes: 'route.node',
  tests: 'test.case',
  sql: 'sql.call',
  manifest: 'manifest.kind',
};
/** Every purpose with a capture contract: the source purposes and `manifest` (code manifests only). */
const ALL_PURPOSES = Object.keys(QUERY_CAPTURES);

interface Marker {
  /** 1-based line of the code the marker points at, and of the marker itself. */
  line: number;
  markerLine: number;
  column: number;
  negative: boolean;
  name: string;
  text?: string;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function parseMarkers(source: string, comment: string): Marker[] {
  const re = new RegExp(`^(\\s*)${escapeRe(comment)}(\\s*)(\\^|<-)\\s+(!?)([\\w.]+)(?:\\s+(.*?))?\\s*$`);
  const markers: Marker[] = [];
  let codeLine = 0;
  source.split(/\r?\n/).forEach((lineText, i) => {
    const m = re.exec(lineText);
    if (!m) {
      if (lineText.trim()) codeLine = i + 1;
      return;
    }
    if (codeLine === 0) throw new Error(`marker on line ${i + 1} has no code line above it`);
    const column = m[3] === '<-' ? m[1].length : m[1].length + comment.length + m[2].length;
    markers.push({ line: codeLine, markerLine: i + 1, column, negative: m[4] === '!', name: m[5], text: m[6] || undefined });
  });
  return markers;
}

function grammarFor(dir: string, file: string): string {
  const users = grammars.filter((g) => g.queries === dir);
  const byExt = users.find((g) => `.${g.id}` === extname(file));
  return (byExt ?? users.find((g) => g.id === dir) ?? users[0]).id;
}

function loadQuery(dir: string, purpose: string): Promise<string | undefined> {
  const file = join(QUERIES, dir, `${purpose}.scm`);
  return Promise.resolve(existsSync(file) ? readFileSync(file, 'utf8') : undefined);
}

function loadGrammar(wasm: string): Promise<Uint8Array> {
  return Promise.resolve(readFileSync(grammarFile(SOURCE_LAYOUT, grammars, wasm)));
}

function fixturesOf(dir: string): string[] {
  const folder = join(FIXTURES, dir);
  return existsSync(folder) ? readdirSync(folder).filter((f) => ALL_PURPOSES.includes(f.split('.')[0])) : [];
}

function describeCaptures(matches: QueryMatch[], line: number): string {
  const seen = matches.flatMap((m) =>
    Object.entries(m.captures)
      .filter(([, c]) => c.line === line)
      .map(([name, c]) => `${name}@${c.column}-${c.endColumn} ${JSON.stringify(c.text.split('\n')[0])}`),
  );
  return seen.length ? seen.join('; ') : 'nothing';
}

describe('tree-sitter queries', function () {
  this.timeout(60_000);
  let host: TreeSitterHost;

  before(async () => {
    host = await TreeSitterHost.create({
      runtimeWasmPath: join(ROOT, 'node_modules', 'web-tree-sitter', 'tree-sitter.wasm'),
      grammars,
      loadGrammar,
      loadQuery,
    });
  });
  after(() => host?.dispose());

  it('reads caret markers (^ column, <- comment column, !negation, optional text)', () => {
    const src = ['x = 1', '#   ^ a.b some text', '# <- !c.d', '', '  y', '  # <- e.f'].join('\n');
    assert.deepEqual(parseMarkers(src, '#'), [
      { line: 1, markerLine: 2, column: 4, negative: false, name: 'a.b', text: 'some text' },
      { line: 1, markerLine: 3, column: 0, negative: true, name: 'c.d', text: undefined },
      { line: 5, markerLine: 6, column: 2, negative: false, name: 'e.f', text: undefined },
    ]);
  });

  it('has a query and a caret fixture for every folder and purpose', () => {
    const missing: string[] = [];
    for (const dir of queryDirs) {
      const fixtures = fixturesOf(dir);
      for (const purpose of QUERY_PURPOSES) {
        if (!existsSync(join(QUERIES, dir, `${purpose}.scm`))) missing.push(`data/queries/${dir}/${purpose}.scm`);
        if (!fixtures.some((f) => f.split('.')[0] === purpose)) missing.push(`fixture ${dir}/${purpose}.*`);
      }
      // Manifest queries exist only for the grammars of manifests that are code; each needs a fixture.
      if (existsSync(join(QUERIES, dir, 'manifest.scm')) && !fixtures.some((f) => f.startsWith('manifest.'))) missing.push(`fixture ${dir}/manifest.*`);
    }
    assert.deepEqual(missing, []);
  });

  for (const dir of queryDirs) {
    const users = grammars.filter((g) => g.queries === dir).map((g) => g.id);
    for (const purpose of ALL_PURPOSES) {
      const file = join(QUERIES, dir, `${purpose}.scm`);
      if (!existsSync(file)) continue;
      for (const grammarId of users) {
        it(`${dir}/${purpose}.scm compiles for ${grammarId} with contract captures only`, async () => {
          const q = await host.compileQuery(grammarId, (await resolveQuerySource(loadQuery, dir, purpose))!);
          try {
            const bad = q.captureNames.filter((n) => !n.startsWith('_') && !QUERY_CAPTURES[purpose].includes(n));
            assert.deepEqual(bad, [], `unknown captures in ${dir}/${purpose}.scm`);
            assert.ok(q.captureNames.includes(PRIMARY[purpose]), `${dir}/${purpose}.scm never captures @${PRIMARY[purpose]}`);
          } finally {
            q.delete();
          }
        });
      }
    }
    it(`${dir}/imports.scm names no modules (which module is which technology is data)`, () => {
      const file = join(QUERIES, dir, 'imports.scm');
      if (!existsSync(file)) return;
      const src = readFileSync(file, 'utf8').replace(/;.*$/gm, '');
      assert.doesNotMatch(src, /#(?:not-)?match\?/);
      assert.doesNotMatch(src, /\(#[\w-]+\?[^)]*@import\.source/);
    });
  }

  for (const dir of queryDirs) {
    for (const fixture of fixturesOf(dir)) {
      const purpose = fixture.split('.')[0];
      const grammarId = grammarFor(dir, fixture);
      it(`${dir}/${fixture} (${grammarId}) captures what its markers say`, async () => {
        const source = readFileSync(join(FIXTURES, dir, fixture), 'utf8');
        const markers = parseMarkers(source, COMMENT[dir] ?? '//');
        assert.ok(markers.some((m) => !m.negative), `${dir}/${fixture} has no positive marker`);
        const result = await host.run(grammarId, source, [purpose]);
        assert.deepEqual(host.problems, []);
        assert.ok(result, `grammar ${grammarId} did not load`);
        const matches = result[purpose] ?? [];
        const failures: string[] = [];
        for (const m of matches) {
          if (!m.captures[PRIMARY[purpose]]) failures.push(`a match without @${PRIMARY[purpose]}: ${JSON.stringify(m.captures)}`);
        }
        for (const mk of markers) {
          const hits = matches
            .map((m) => m.captures[mk.name])
            .filter((c) => c && c.line === mk.line && c.column <= mk.column && mk.column < Math.max(c.endColumn, c.column + 1))
            .filter((c) => mk.text === undefined || c.text === mk.text);
          if (mk.negative ? hits.length > 0 : hits.length === 0) {
            failures.push(
              `line ${mk.markerLine}: expected ${mk.negative ? 'no ' : ''}${mk.name}${mk.text !== undefined ? ` "${mk.text}"` : ''}` +
                ` at ${mk.line}:${mk.column}; found ${describeCaptures(matches, mk.line)}`,
            );
          }
        }
        assert.deepEqual(failures, []);
      });
    }
  }
});
