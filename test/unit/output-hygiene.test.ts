/**
 * Output hygiene: workspace text never reaches a terminal as control sequences, never ends a
 * Markdown line to start a heading, a link or an image, and Markdown escapes only what would
 * change the rendering (checked by rendering with markdown-it, a CommonMark + GFM renderer).
 */
import { strict as assert } from 'assert';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];
import { escapeControls, hasControls, md, mdCell, mdCode, safeStrings } from '../../src/core/escape';

const markdown = new MarkdownIt();

/** Inline tokens of one rendered Markdown line, flattened. */
function inlineTokens(src: string): Token[] {
  return markdown.parse(src, {}).flatMap((t) => [t, ...(t.children ?? [])]);
}

/** The plain text a reader sees for one rendered line (text and code content, in order). */
function seenText(src: string): string {
  return inlineTokens(src)
    .filter((t) => t.type === 'text' || t.type === 'code_inline' || t.type === 'softbreak')
    .map((t) => (t.type === 'softbreak' ? '\n' : t.content))
    .join('');
}

const HOSTILE = [
  'evil\n\n# Injected heading\n\n![x](https://attacker.example/pixel.png)\n[click](https://attacker.example)',
  '\x1b]52;c;ZWNobyBoaQ==\x07\x1b]0;pwned\x07\x1b[2J',
  'admin\u202e\u2066txt.exe\u2069',
  '# not a heading', '- not a list', '1. not a list', '> not a quote', '---',
  '<img src=x onerror=alert(1)>', '<https://attacker.example>', '&lt;b&gt;',
  '**bold** _em_ `code` ~~strike~~', '[a](b) ![c](d)', 'a\r\nb\u2028c\u0085d',
  'snake_case and __dunder__', 'C:\\path\\to\\file \\* \\_', '|pipe|', '```fence```',
];

describe('output hygiene helpers', function () {
  this.timeout(60_000);
  it('escapeControls makes C0, C1, DEL, bidi and line separators visible and leaves other text alone', () => {
    assert.equal(escapeControls('a\x1b[31mb\x07\n\t\u202e\u0085\u007f'), 'a\\x1b[31mb\\x07\\n\\t\\u202e\\x85\\x7f');
    assert.equal(escapeControls('ünïcødé — 日本 ✔'), 'ünïcødé — 日本 ✔');
    assert.equal(escapeControls('a\nb', { keepNewlines: true }), 'a\nb');
    assert.ok(!hasControls(escapeControls(HOSTILE.join(''))));
  });

  it('safeStrings reaches every string of a nested value, keys included', () => {
    const v = safeStrings({ a: ['x\x1b', { b: 'y\n' }], ['k\x07']: 1, n: 2, t: true });
    assert.deepEqual(v, { a: ['x\\x1b', { b: 'y\\n' }], 'k\\x07': 1, n: 2, t: true });
  });

  it('md: hostile values render as their own text, with no heading, link, image, HTML or emphasis', () => {
    for (const s of HOSTILE) {
      const line = `- **Name**: ${md(s)} and ${mdCode(s)}`;
      const tokens = inlineTokens(line);
      const types = new Set(tokens.map((t) => t.type));
      for (const bad of ['heading_open', 'link_open', 'image', 'html_inline', 'html_block', 'em_open', 's_open', 'blockquote_open', 'hr', 'fence', 'ordered_list_open']) {
        assert.ok(!types.has(bad), `${JSON.stringify(s)} produced ${bad}: ${line}`);
      }
      assert.equal(tokens.filter((t) => t.type === 'strong_open').length, 1, line);
      assert.equal(tokens.filter((t) => t.type === 'code_inline').length, 1, line);
      assert.equal(tokens.filter((t) => t.type === 'bullet_list_open').length, 1, line);
      assert.equal(seenText(line), `Name: ${escapeControls(s)} and ${escapeControls(s)}`, line);
    }
  });

  it('md escapes only what changes the rendering', () => {
    assert.equal(md('GET /api/orders/{id} (v1.2.3-beta) #42 done!'), 'GET /api/orders/{id} (v1.2.3-beta) #42 done!');
    assert.equal(md('snake_case config_file.py'), 'snake_case config_file.py');
    assert.equal(md('sqlx[postgres] ^1.0 a < b'), 'sqlx[postgres] ^1.0 a < b');
    assert.equal(md('__init__.py'), '\\_\\_init\\_\\_.py');
    assert.equal(md('# x'), '\\# x');
  });

  it('mdCell keeps a GitHub table cell whole', () => {
    const table = `| a | b |\n|---|---|\n| ${mdCell('x | y')} | ${mdCode('p|q', { cell: true })} |\n`;
    const cells = markdown.parse(table, {}).filter((t) => t.type === 'td_open');
    assert.equal(cells.length, 2);
    assert.match(markdown.render(table), /<td>x \| y<\/td>\s*<td><code>p\|q<\/code><\/td>/);
  });

  it('round-trips arbitrary text through md() and mdCode() (fast-check, fixed seed)', () => {
    const alphabet = fc.constantFrom(...'ab _*`[]()!<>&#;~|\\-+.1=\n\x1b\u202e:/'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }).map((a) => a.join('')), (s) => {
        const line = `- x «${md(s)}» «${mdCode(s)}»`;
        const types = new Set(inlineTokens(line).map((t) => t.type));
        for (const bad of ['heading_open', 'link_open', 'image', 'html_inline', 'em_open', 'strong_open', 's_open', 'hr', 'blockquote_open']) {
          if (types.has(bad)) return false;
        }
        return seenText(line) === `x «${escapeControls(s)}» «${escapeControls(s)}»`;
      }),
      { seed: 14, numRuns: 1000 },
    );
  });
});
