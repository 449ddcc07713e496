import { htmlSpecialChars } from './php.ts';
import type { GnuSocialState, StoredFile, User } from './state.ts';
import { bestName, userByNickname } from './state.ts';

export interface RenderedText {
  /** `statusnet_html`. */
  html: string;
  /** Local users @-mentioned, in order, once each. */
  mentioned: User[];
  /** Files for the URLs linked, in order, once each: a notice's attachments. */
  fileIds: number[];
}

// A URL, a hashtag or an @mention. Which characters may precede the last two is checked below,
// as GNU social's own patterns do (`(^|\s)@nick`, `(^|\s|"|'|\(|\[|\{)#tag`).
const tokenPattern =
  /(https?:\/\/[^\s<>"]+)|#([\p{L}\p{N}_\-.]{1,64})|@([A-Za-z0-9_]{1,64})(?![A-Za-z0-9_])/gu;

/**
 * `common_render_text()`: escapes the text, links URLs as attachments (every linked URL gets a
 * file record, hence `class="attachment" id="attachment-N"`), hashtags to the tag page and
 * @mentions of local users to their profile by id.
 */
export function renderNoticeText(state: GnuSocialState, text: string): RenderedText {
  const mentioned: User[] = [];
  const fileIds: number[] = [];
  let html = '';
  let last = 0;

  for (const match of text.matchAll(tokenPattern)) {
    const at = match.index;
    const before = at === 0 ? '' : text[at - 1];
    let piece: string | undefined;
    let end = at + match[0].length;

    if (match[1] !== undefined) {
      const url = trimUrl(match[1]);
      end = at + url.length;
      const file = fileForUrl(state, url);
      if (!fileIds.includes(file.id)) fileIds.push(file.id);
      piece = linkHtml(url, file.id);
    } else if (match[2] !== undefined && (before === '' || /[\s"'([{]/.test(before ?? ''))) {
      piece = `#${tagHtml(state, match[2])}`;
    } else if (match[3] !== undefined && (before === '' || /\s/.test(before ?? ''))) {
      const user = userByNickname(state, match[3]);
      if (user) {
        if (!mentioned.includes(user)) mentioned.push(user);
        piece = `@${mentionHtml(state, user, match[3])}`;
      }
    }

    if (piece === undefined) continue;
    html += htmlSpecialChars(text.slice(last, at)) + piece;
    last = end;
  }

  html += htmlSpecialChars(text.slice(last));
  // common_render_text() drops these control characters from the rendering (not the text).
  // eslint-disable-next-line no-control-regex -- matching control characters is the point.
  return { html: html.replace(/[\x00-\x08\x0b\x0c\x0e-\x19]/g, ''), mentioned, fileIds };
}

/** Trailing punctuation ends a sentence, not the URL; a closing parenthesis only if unmatched. */
function trimUrl(url: string): string {
  let result = url;
  for (;;) {
    const lastChar = result.at(-1) ?? '';
    const unbalanced = lastChar === ')' && result.split('(').length < result.split(')').length;
    if (!'.,;:!?\'"'.includes(lastChar) && !unbalanced) return result;
    result = result.slice(0, -1);
  }
}

function linkHtml(url: string, fileId: number): string {
  const escaped = htmlSpecialChars(url);
  return `<a href="${escaped}" title="${escaped}" rel="nofollow external noreferrer" class="attachment" id="attachment-${fileId}">${escaped}</a>`;
}

/** `common_canonical_tag()`: lower case without `-`, `_` and `.`. */
function tagHtml(state: GnuSocialState, tag: string): string {
  const canonical = tag.toLowerCase().replace(/[-_.]/g, '');
  const href = `${state.baseUrl}/tag/${encodeURIComponent(canonical)}`;
  return `<span class="tag"><a href="${htmlSpecialChars(href)}" rel="tag">${htmlSpecialChars(tag)}</a></span>`;
}

function mentionHtml(state: GnuSocialState, user: User, typed: string): string {
  const href = `${state.baseUrl}/index.php/user/${user.id}`;
  const title = htmlSpecialChars(bestName(user));
  return `<a href="${href}" class="h-card u-url p-nickname mention" title="${title}">${typed}</a>`;
}

/**
 * The file record of a URL: one per distinct URL (`File::processNew`). Links to our own
 * attachment pages resolve to the uploaded file instead of a new record.
 */
export function fileForUrl(state: GnuSocialState, url: string): StoredFile {
  const local = new RegExp(`^${escapeRegExp(state.baseUrl)}/attachment/(\\d+)$`).exec(url);
  const upload = local?.[1] === undefined ? undefined : state.files.get(Number(local[1]));
  if (upload) return upload;

  for (const file of state.files.values()) if (file.url === url) return file;
  const file: StoredFile = { id: state.next.file++, url, mimetype: null, size: null, bytes: null };
  state.files.set(file.id, file);
  return file;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
