/**
 * Output hygiene for everything derived from workspace text (file names, versions, commit
 * subjects, CI step names, route paths, evidence details). A cloned repository is untrusted:
 * its strings may carry terminal escape sequences (ESC, BEL, C1 controls such as CSI/OSC),
 * bidirectional overrides that reorder what a reader sees, or newlines that end a Markdown list
 * item and start a heading, a link or an image of the attacker's choosing.
 *
 * - Text output: {@link safeStrings} with {@link escapeControls} over the whole result before
 *   rendering, so every field, including fields added later, is covered.
 * - Markdown: {@link md} for prose values and {@link mdCode} for code spans, plus
 *   {@link escapeControls} over the finished document as a safety net.
 * - HTML: {@link escapeHtml} for attributes; {@link htmlText} for element content.
 */

/**
 * Characters that reach a terminal or a document as something other than text: C0 controls
 * (U+0000–U+001F, newline and tab included), DEL, C1 controls (U+0080–U+009F), the bidirectional
 * embeddings, overrides, isolates and marks (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069),
 * and the Unicode line and paragraph separators (U+2028–U+2029).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One control character as visible text: `\n`, `\x1b`, `\u202e`. */
function visible(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Replaces every control, bidirectional-formatting and line-separator character (see
 * {@link CONTROL}) with a visible escape (`\x1b`, `\n`, `\u202e`), so the string renders on one
 * line exactly as its characters are. `keepNewlines` leaves `\n` alone (for a whole document
 * whose line breaks are its own).
 */
export function escapeControls(s: string, opts: { keepNewlines?: boolean } = {}): string {
  CONTROL.lastIndex = 0;
  if (!CONTROL.test(s)) return s;
  return s.replace(CONTROL, (ch) => (opts.keepNewlines && ch === '\n' ? ch : visible(ch)));
}

/** True when `s` holds a character that {@link escapeControls} would escape. */
export function hasControls(s: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(s);
}

/**
 * A deep copy of `value` with `fn` applied to every string in it, object keys included (arrays,
 * plain objects; other values are kept). Renderers call it on the whole analysis result, so a
 * field added to the result later is covered without anyone remembering to escape it.
 */
export function safeStrings<T>(value: T, fn: (s: string) => string = escapeControls): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fn(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[fn(k)] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/**
 * Inline Markdown that workspace text could start: a backslash before punctuation, code and
 * emphasis markers, underscores at word edges, HTML tags and autolinks (`<a`, `</`, `<!`,
 * `<http:`), entities (`&lt;`), and the `(` of a link or image (`](`).
 */
const MD_INLINE = /\\(?=[!-/:-@[-`{-~]|$)|[`*]|_(?![A-Za-z0-9])|(?<![A-Za-z0-9])_|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]{1,32};)|(?<=\])\(/g;
/** A value that begins like a block inside a list item: heading, quote, list item, thematic break, fence. */
const MD_BLOCK_START = /^(?:#{1,6}(?=\s|$)|>|[-+](?=\s|$)|\d{1,9}[.)](?=\s|$)|[-_]{3}|~~~)/;

/**
 * Escapes workspace text for Markdown prose (a list item, after a label). Only what would change
 * the rendering is escaped: code and emphasis markers, underscores at word edges (not in
 * snake_case), a backslash before punctuation, `<` that opens a tag or an autolink, `&` that
 * starts an entity, the `(` that would make `[text](url)` a link or an image, tildes when there
 * are two (strikethrough), and a block marker at the very start (`# `, `>`, `- `, `1.`).
 * Controls and newlines become visible escapes, so a value never leaves its line. Dots, dashes,
 * brackets, parentheses, `!` and `#` inside text are left as they are. In a table cell use
 * {@link mdCell}.
 */
export function md(s: string): string {
  let one = escapeControls(s).replace(MD_INLINE, (ch) => `\\${ch}`);
  if (one.indexOf('~') !== one.lastIndexOf('~')) one = one.replace(/~/g, '\\~');
  if (!MD_BLOCK_START.test(one)) return one;
  // `\1. x` would show its backslash (digits are not escapable): escape the list marker's dot instead.
  return /^\d/.test(one) ? one.replace(/^(\d+)/, '$1\\') : `\\${one}`;
}

/** {@link md} for a GitHub-flavoured table cell: `|` is escaped too. */
export function mdCell(s: string): string {
  return md(s).replace(/\|/g, '\\|');
}

/**
 * Workspace text as a Markdown code span: a backtick fence longer than any backtick run inside
 * (CommonMark), padded with a space when the text starts or ends with a backtick; controls and
 * newlines become visible escapes, so the span never breaks its line or paragraph. `cell: true`
 * escapes `|`, which splits a table cell even inside a code span.
 */
export function mdCode(s: string, opts: { cell?: boolean } = {}): string {
  if (!s) return '';
  let text = escapeControls(s);
  if (opts.cell) text = text.replace(/\|/g, '\\|');
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = /^[ `]|[ `]$/.test(text) && text.trim() ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Escapes text for HTML element content and attribute values (`& < > " '`). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/**
 * Workspace text as HTML element content: controls and bidirectional overrides made visible
 * (they would reorder or hide what the reader sees), then HTML-escaped. Attribute values that
 * must round-trip (a `data-path` the webview opens) use {@link escapeHtml} alone.
 */
export function htmlText(s: string): string {
  return escapeHtml(escapeControls(s));
}
