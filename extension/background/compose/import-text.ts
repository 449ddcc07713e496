import type { RelayPost } from '../../../protocol/relay-post.ts';
import { firstWord, GNU_SOCIAL_COMMANDS } from './gnusocial-commands.ts';
import { importBody } from './import-body.ts';
import { cutToFit } from './word-cut.ts';

export interface ImportTextContext {
  /**
   * The site's notice length limit in characters, as GNU social counts them (code points): its
   * `notice.contentlimit`, else `site.textlimit`. 0 means unlimited.
   */
  textLimit: number;
  /** Media keys of the photos uploaded with the notice: GNU social links those itself. */
  uploadedMediaKeys?: ReadonlySet<string> | undefined;
}

export interface ImportText {
  status: string;
  /** The text was cut; ` … ` then marks the cut, before the links. */
  truncated: boolean;
}

/** The canonical link to a post on X. */
export const xPostUrl = (handle: string, id: string) => `https://x.com/${handle}/status/${id}`;

const length = (text: string) => [...text].length;

/**
 * Whether a display name can open a notice. Not when GNU social would act on it: a command as
 * first word, `T nick` (an old reply form that mentions `nick`), or an `@nick` or `!group` where
 * GNU social looks for them, which would notify a local user or post into a group.
 */
function canOpenNotice(name: string): boolean {
  const first = firstWord(name);
  if (first === '' || first === 't' || GNU_SOCIAL_COMMANDS.has(first)) return false;
  return !/(?:^|\s)@[0-9A-Za-z_]|(?:^|[\s.,:;])![0-9A-Za-z_]/.test(name);
}

/**
 * `Name (@handle): `, or `(@handle): ` when the name cannot open the notice. A bare `@handle`
 * would not do either: GNU social would read it as a mention of its own user of that name.
 */
function attribution(post: RelayPost, withName: boolean): string {
  const name = post.authorName.replace(/\s+/g, ' ').trim();
  const handle = `(@${post.authorUsername}):`;
  return withName && canOpenNotice(name) ? `${name} ${handle} ` : `${handle} `;
}

/**
 * The notice text for an X post, posted by the import account: attribution first (which also
 * keeps GNU social from running the text as a command), the post's words with t.co links
 * expanded and mentions made inert, `QT` and the quoted post's link for a quote, and the link to
 * the original last. Over the site's limit, the words are cut at a word boundary and ` … `
 * marks the cut; the attribution and links always stay.
 *
 * @example
 * composeImportText(post, { textLimit: 1000 })
 * // { status: 'Ada (@ada): hello https://x.com/ada/status/1', truncated: false }
 */
export function composeImportText(post: RelayPost, context: ImportTextContext): ImportText {
  const quotedId = post.references.find((r) => r.type === 'quoted')?.id;
  const body = importBody(post, quotedId, context.uploadedMediaKeys);
  const original = xPostUrl(post.authorUsername, post.id);
  const quote = quotedId ? `QT https://x.com/i/web/status/${quotedId}` : '';

  const whole = `${attribution(post, true)}${[body, quote, original].filter(Boolean).join(' ')}`;
  const limit = context.textLimit;
  if (limit <= 0 || length(whole) <= limit) return { status: whole, truncated: false };

  // Keep as much as the limit allows: the name, then the quote, go before the link does.
  for (const [withName, tail] of [
    [true, [quote, original]],
    [false, [quote, original]],
    [false, [original]],
  ] as const) {
    const head = attribution(post, withName);
    const end = tail.filter(Boolean).join(' ');
    const fits = (prefix: string) => length(`${head}${prefix} … ${end}`) <= limit;
    const cut = cutToFit(body, fits);
    const status = cut === '' ? `${head}… ${end}` : `${head}${cut} … ${end}`;
    if (length(status) <= limit) return { status, truncated: true };
  }
  throw new Error(`A text limit of ${limit} characters cannot hold the link ${original}.`);
}
