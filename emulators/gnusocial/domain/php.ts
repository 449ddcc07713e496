/**
 * The few PHP behaviours GNU social's answers depend on, so the emulator reads input the way
 * the real site does (e.g. `intval('3abc')` is 3, `'0'` is falsy, lengths count code points).
 */

/** PHP `trim()`: spaces, tabs, newlines, NUL and vertical tab only. */
export function phpTrim(value: string): string {
  // eslint-disable-next-line no-control-regex -- PHP's trim() set includes NUL and \v.
  return value.replace(/^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g, '');
}

/** PHP `intval()` of a string: leading whitespace, an optional sign, then digits; else 0. */
export function phpIntval(value: string | undefined): number {
  const match = /^[ \t\n\r\v\f]*([+-]?\d+)/.exec(value ?? '');
  if (!match?.[1]) return 0;
  const parsed = Number.parseInt(match[1], 10);
  return Number.isSafeInteger(parsed) ? parsed : 0;
}

/** PHP truthiness of a string argument: empty and `'0'` are false. */
export function phpTruthy(value: string | null | undefined): value is string {
  return value !== undefined && value !== null && value !== '' && value !== '0';
}

/** `mb_strlen()`: UTF-8 code points, so an emoji counts 1 (JS `.length` would say 2). */
export function mbStrlen(value: string): number {
  return Array.from(value).length;
}

/** `mb_substr($s, 0, $n)`. */
export function mbPrefix(value: string, length: number): string {
  return Array.from(value).slice(0, Math.max(0, length)).join('');
}

/** `htmlspecialchars()` with PHP 8's default flags (quotes included). */
export function htmlSpecialChars(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#039;');
}

const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  hellip: '\u2026',
  copy: '\u00a9',
  reg: '\u00ae',
  mdash: '\u2014',
  ndash: '\u2013',
  euro: '\u20ac',
};

/**
 * `html_entity_decode($s, ENT_NOQUOTES, 'UTF-8')`, which `statuses/update` applies before saving:
 * posting `a &amp; b` stores `a & b`. Quote entities stay as they are (ENT_NOQUOTES). Only the
 * common named entities are known here; others stay encoded.
 */
export function htmlEntityDecodeNoQuotes(value: string): string {
  return value.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? Number.parseInt(body.slice(2), 16)
          : Number.parseInt(body.slice(1), 10);
      if (code === 0x22 || code === 0x27) return whole;
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : whole;
    }
    return namedEntities[body] ?? whole;
  });
}

/**
 * PHP `json_encode()` with default flags: slashes escaped as `\/` and every non-ASCII character
 * as a lower-case `\uXXXX` (astral ones as a surrogate pair), exactly as the captures show.
 */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(
      /[\u0080-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
}

/** PHP `crc32()` (unsigned), which GNU social uses for the per-user part of ETags. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
