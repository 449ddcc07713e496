/**
 * What crosses the bridge as media, and what becomes a link: X's limits for images on a post,
 * and the choice, file by file, with a reason the user can read (docs/media.md).
 */

/** The image types X takes on a post (media best practices); the rest travel as links. */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';

/** X's size limit for an image (5 MB, media best practices). */
export const X_MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** X attaches at most four images to one post. */
export const X_MAX_MEDIA_PER_POST = 4;
/** X's limit on alt text, in characters (`media/metadata`). */
export const X_MAX_ALT_TEXT = 1000;

/** An attachment as a notice lists it (`attachments`: url, mimetype, size, title). */
export interface NoticeAttachment {
  url: string;
  mimetype?: string | null | undefined;
  size?: number | string | null | undefined;
  title?: string | null | undefined;
  description?: string | null | undefined;
}

export interface PlannedUpload {
  url: string;
  /** The attachment's description, else its title: X's alt text. */
  altText?: string | undefined;
}

export interface PlannedLink {
  url: string;
  /** Why the file is a link and not an image on the post, in words for the activity log. */
  reason: string;
}

export interface MediaPlan {
  uploads: PlannedUpload[];
  links: PlannedLink[];
}

const X_TYPES = new Set<string>(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

/** `2.4 MB`, `512 kB`: sizes as the activity log shows them. */
export function sizeWords(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}

/** The file's name for a log line: the last path segment of its URL. */
export function fileName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
  } catch {
    return url;
  }
}

/** Why X would refuse an image of this type and size, or undefined when it would take it. */
export function imageRefusal(
  type: string | undefined,
  size: number | undefined,
): string | undefined {
  if (!type || !X_TYPES.has(type)) return `X takes only JPEG, PNG, WEBP and GIF images`;
  if (size !== undefined && size > X_MAX_IMAGE_BYTES) {
    return `${sizeWords(size)} is over X's limit of ${sizeWords(X_MAX_IMAGE_BYTES)}`;
  }
  return undefined;
}

function altTextOf(attachment: NoticeAttachment): string | undefined {
  const words = (attachment.description || attachment.title || '').trim();
  return words ? [...words].slice(0, X_MAX_ALT_TEXT).join('') : undefined;
}

/**
 * Splits a notice's attachments into images to upload to X and files to link in the text, on
 * what the notice declares (type and size); the bytes are checked again once fetched. GNU
 * social also lists the text's links (type null until fetched, then mostly `text/html`): those
 * are left out, they are links already.
 */
export function planExportMedia(attachments: readonly NoticeAttachment[]): MediaPlan {
  const plan: MediaPlan = { uploads: [], links: [] };
  for (const attachment of attachments) {
    const type = attachment.mimetype?.split(';')[0]?.trim().toLowerCase();
    // GNU social gives `size` as a string (a database value passed through): read it as one.
    const size =
      attachment.size === null || attachment.size === undefined
        ? undefined
        : Number(attachment.size);
    // Links of the text are attachments too (type unknown, or a web page): they stay links
    // and are nothing to report.
    if (!type || type === 'text/html') continue;
    const refusal = imageRefusal(type, Number.isFinite(size) ? size : undefined);
    if (refusal) {
      plan.links.push({ url: attachment.url, reason: refusal });
    } else if (plan.uploads.length >= X_MAX_MEDIA_PER_POST) {
      plan.links.push({
        url: attachment.url,
        reason: `X takes at most ${X_MAX_MEDIA_PER_POST} images a post`,
      });
    } else {
      plan.uploads.push({ url: attachment.url, altText: altTextOf(attachment) });
    }
  }
  return plan;
}

/** One log line for the files that became links: `a.pdf: X takes only … images`. */
export function linkedWords(links: readonly PlannedLink[]): string {
  return links.map((link) => `${fileName(link.url)}: ${link.reason}`).join('; ');
}
