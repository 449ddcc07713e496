/**
 * Hashtags as GNU social reads them: `#` at the start of the text or after a space or an opening
 * bracket or quote, then letters, digits, `_`, `-` and `.`; two tags are the same when equal
 * once lowercased and stripped of `-`, `_` and `.` (its `common_canonical_tag`), so `#NotX`,
 * `#not-x` and `#notx.` at the end of a sentence all name the opt-out tag `#notx`.
 */
const TAG = /(?<![^\s("'{[])#([\p{L}\p{N}_.-]+)/gu;

const canonical = (tag: string) => tag.replace(/^#/, '').replace(/[-_.]/g, '').toLowerCase();

/** Whether the text carries the tag (given with or without its `#`). */
export function hasHashtag(text: string, tag: string): boolean {
  const wanted = canonical(tag);
  return wanted !== '' && [...text.matchAll(TAG)].some((m) => canonical(m[1]!) === wanted);
}

/**
 * The text without the tag, wherever it appears, and without the spaces that would be left
 * doubled: a tag inside a line takes the spaces before it, a tag opening a line those after it.
 * Punctuation that followed the tag stays (`post this #x.` becomes `post this.`).
 */
export function removeHashtag(text: string, tag: string): string {
  const wanted = canonical(tag);
  if (wanted === '') return text;

  let out = '';
  let cursor = 0;
  for (const match of text.matchAll(TAG)) {
    // m[1] is the tag's name as GNU social reads it, which may end with `.`, `-` or `_`.
    const name = match[1]!.replace(/[-_.]+$/, '');
    if (canonical(name) !== wanted) continue;

    let start = match.index;
    let end = start + 1 + name.length;
    while (start > cursor && /[ \t]/.test(text[start - 1]!)) start--;
    const opensLine = start === 0 || text[start - 1] === '\n';
    if (opensLine) while (end < text.length && /[ \t]/.test(text[end]!)) end++;

    out += text.slice(cursor, start);
    cursor = end;
  }
  return out + text.slice(cursor);
}
