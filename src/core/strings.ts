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
