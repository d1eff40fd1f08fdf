/**
 * Linear string helpers for what regexes do in super-linear time on hostile input. A search for
 * `/\s+$/` or `/\/+$/` restarts at every character of a long run that is not at the end (n runs
 * of n steps); these loops look at each character once.
 */

/** `s` without the trailing characters that are in `chars`. */
export function trimEndOf(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1])) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** `s` without the leading characters that are in `chars`. */
export function trimStartOf(s: string, chars: string): string {
  let start = 0;
  while (start < s.length && chars.includes(s[start])) start++;
  return start ? s.slice(start) : s;
}

/** `s` up to (not including) the first `sep`, or all of `s`. */
export function before(s: string, sep: string): string {
  const i = s.indexOf(sep);
  return i < 0 ? s : s.slice(0, i);
}

/** Says whether a text matches: a RegExp, or a linear composition of RegExps. */
export interface TextTest {
  test(text: string): boolean;
}

/** True when any of `tests` matches. */
export function anyOf(...tests: TextTest[]): TextTest {
  return { test: (text) => tests.some((t) => t.test(text)) };
}

/**
 * A match of `a`, then a match of `b` starting later on the same line: what /A[^\n]*B/ finds,
 * without its cost (that search scans to the line's end again from every match of `a`, quadratic
 * on a long line of them). Each regex searches forward once over the text: the first `a` of a
 * line is tried (it leaves `b` the most room), the next `b` is remembered. `a` and `b` must each
 * be linear; their flags are kept (g is added for the positioned search). With `stop` another
 * character than a newline ends the stretch (`)` for /A[^)]*B/).
 */
export function thenOnLine(a: RegExp, b: RegExp, stop = '\n'): TextTest {
  const ga = new RegExp(a.source, `${a.flags.replace(/[gy]/g, '')}g`);
  const gb = new RegExp(b.source, `${b.flags.replace(/[gy]/g, '')}g`);
  return {
    test(text: string): boolean {
      // No b at or after bFrom before bAt (Infinity when there is none).
      let bFrom = Infinity;
      let bAt = Infinity;
      for (let from = 0; from <= text.length; ) {
        ga.lastIndex = from;
        const m = ga.exec(text);
        if (!m) return false;
        const start = m.index + Math.max(1, m[0].length);
        const nl = text.indexOf(stop, start);
        const eol = nl < 0 ? text.length : nl;
        if (!(bFrom <= start && start <= bAt)) {
          gb.lastIndex = start;
          const n = gb.exec(text);
          bFrom = start;
          bAt = n ? n.index : Infinity;
        }
        if (bAt === Infinity) return false;
        if (bAt <= eol) return true;
        from = eol + 1;
      }
      return false;
    },
  };
}
