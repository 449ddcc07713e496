import type { RelayPost } from '../../../protocol/relay-post.ts';

type RelayUrl = RelayPost['urls'][number];

// X escapes exactly these three in `text`; GNU social escapes the text itself when it renders it.
const X_ENTITY = /&(amp|lt|gt);/g;
const DECODED: Record<string, string> = { amp: '&', lt: '<', gt: '>' };
const decode = (text: string) => text.replace(X_ENTITY, (_, name: string) => DECODED[name]!);

/** The UTF-16 offset of a code point index; `decoded` counts each X entity as one character. */
function offsetOf(raw: string, codePoints: number, decoded: boolean): number {
  let offset = 0;
  for (let seen = 0; seen < codePoints && offset < raw.length; seen++) {
    const entity = decoded ? /^&(?:amp|lt|gt);/.exec(raw.slice(offset, offset + 5)) : null;
    offset += entity ? entity[0].length : raw.codePointAt(offset)! > 0xffff ? 2 : 1;
  }
  return offset;
}

/**
 * Where the entity's t.co link starts in the raw text. X counts indices in code points, and
 * (as v1.1 did) possibly over the unescaped text; both readings are tried, then a plain search,
 * since indices are known to drift. -1 when the link is not in the text at all.
 */
function locate(raw: string, entity: RelayUrl, from: number): number {
  for (const decoded of [false, true]) {
    const at = offsetOf(raw, entity.start, decoded);
    if (at >= from && raw.startsWith(entity.url, at)) return at;
  }
  return raw.indexOf(entity.url, from);
}

const statusPath = (id: string) =>
  new RegExp(
    `^https?://(?:[\\w-]+\\.)?(?:x|twitter)\\.com/[^/]+(?:/web)?/status(?:es)?/${id}(?:[/?#]|$)`,
  );

/**
 * The direct links of the post's photos (but those uploaded with the notice, which GNU social
 * links itself), and for videos and GIFs their preview image and their X page, the only place
 * to play them.
 */
function mediaLinks(post: RelayPost, pageUrl: string, uploaded: ReadonlySet<string>): string {
  const photos = post.media.flatMap((m) =>
    m.type === 'photo' && m.url && !uploaded.has(m.mediaKey) ? [m.url] : [],
  );
  const motion = post.media.filter((m) => m.type !== 'photo' || !m.url);
  const previews = motion.flatMap((m) => (m.previewImageUrl ? [m.previewImageUrl] : []));
  return [...photos, ...previews, ...(motion.length ? [pageUrl] : [])].join(' ');
}

/**
 * X mentions made inert for GNU social, which would otherwise notify (or federate the post to)
 * its own user of that nickname: `@bob` becomes `bob@x.com`, and an address (`@bob@host`,
 * `@host/path`) loses its `@`. Only where GNU social looks: at the start or after a space, so
 * `before`, the character that precedes the text in the notice, is part of the context.
 */
function inertMentions(text: string, before: string): string {
  const mention = /(?<!\S)@([0-9A-Za-z_]+)(?=([@./][\p{L}\p{N}_])?)/gu;
  const inert = (match: string, nick: string, address: string | undefined, offset: number) =>
    offset < before.length ? match : address ? nick : `${nick}@x.com`;
  return (before + text).replace(mention, inert).slice(before.length);
}

/**
 * The post's words for a notice: `&amp;`, `&lt;` and `&gt;` decoded, t.co links expanded, the
 * link X adds for the post's own media replaced by the media themselves, the link to a quoted
 * post dropped (the notice carries it in a canonical form), and mentions made inert.
 */
export function importBody(
  post: RelayPost,
  quotedId: string | undefined,
  uploaded: ReadonlySet<string> = new Set(),
): string {
  const raw = post.text.replace(/\r\n?/g, '\n');
  const ownMedia = statusPath(post.id);
  const quoted = quotedId ? statusPath(quotedId) : undefined;

  let body = '';
  // Text between links: decoded, mentions made inert with the character before as context.
  const addText = (text: string) => {
    body += inertMentions(decode(text), body.slice(-1));
  };

  let cursor = 0;
  let mediaShown = false;
  for (const entity of [...post.urls].sort((a, b) => a.start - b.start)) {
    const at = locate(raw, entity, cursor);
    if (at < 0) continue;
    addText(raw.slice(cursor, at));
    cursor = at + entity.url.length;

    const target = entity.expandedUrl ?? entity.url;
    if (ownMedia.test(target) || /^pic\.(?:x|twitter)\.com\//.test(entity.displayUrl ?? '')) {
      // Without media objects the link is all there is; with them all uploaded, nothing is left.
      const links = mediaShown ? '' : mediaLinks(post, target, uploaded);
      body += links || (mediaShown || post.media.length ? '' : target);
      mediaShown = true;
    } else if (!quoted?.test(target)) {
      body += target;
    }
  }
  addText(raw.slice(cursor));

  // Media without a link in the text still deserve one.
  if (!mediaShown)
    body += ` ${mediaLinks(post, `https://x.com/i/web/status/${post.id}`, uploaded)}`;
  return body.replace(/[ \t]+$/gm, '').trim();
}
