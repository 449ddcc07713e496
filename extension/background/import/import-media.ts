import type { RelayPost } from '../../../protocol/relay-post.ts';
import type { StatusNetClient } from '../clients/statusnet-client.ts';
import type { SiteConfig } from '../clients/statusnet-schemas.ts';
import { fetchImage, MediaFetchError } from '../media/media-fetch.ts';
import { fileName, X_MAX_IMAGE_BYTES } from '../media/media-rules.ts';

/** A photo of the post, downloaded and ready to go up with its notice. */
export interface ImportUpload {
  mediaKey: string;
  blob: Blob;
  filename: string;
}

export interface ImportMediaPlan {
  upload?: ImportUpload;
  /** Why the post's photo is linked rather than uploaded, for the activity log. */
  warning?: string;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

// PHP hands config values through untyped: `uploads` may be true, "1", 1, false, "" or "0".
const uploadsOn = (config: SiteConfig | undefined) => {
  const value = config?.attachments?.uploads;
  return value === undefined || (value !== false && value !== '' && value !== '0' && value !== 0);
};

/**
 * The photo to upload with an imported post's notice, if any. Known shortcoming:
 * `statuses/update` takes one `media` file, so the first photo goes up and the others stay
 * links (lifted by a site whose API takes several); a site that takes no
 * uploads, a photo over the site's `file_quota`, or one that cannot be fetched is linked too.
 * Videos and GIFs are always linked (compose/import-body.ts), with their preview image.
 */
export async function planImportMedia(
  client: StatusNetClient,
  post: RelayPost,
  fetchImpl?: typeof fetch,
): Promise<ImportMediaPlan> {
  const photo = post.media.find((m) => m.type === 'photo' && m.url);
  // `url` is there: the find above checks it.
  if (!photo?.url) return {};

  // Anonymous and cheap; a site that does not answer is tried anyway, its refusal is handled.
  const config = await client.siteConfig().catch(() => undefined);
  if (!uploadsOn(config)) {
    return {
      warning: `The site takes no uploads: the photo of @${post.authorUsername} is linked.`,
    };
  }
  const quota = Number(config?.attachments?.file_quota);
  const maxBytes = Number.isFinite(quota) && quota > 0 ? quota : X_MAX_IMAGE_BYTES;

  try {
    const image = await fetchImage(photo.url, {
      maxBytes,
      limitName: "the site's upload limit",
      ...(fetchImpl && { fetch: fetchImpl }),
    });
    const name = fileName(photo.url).replace(/\.[^.]*$/, '') || photo.mediaKey;
    return {
      upload: {
        mediaKey: photo.mediaKey,
        blob: new Blob([image.bytes], { type: image.type }),
        filename: `${name}.${EXTENSIONS[image.type] ?? 'bin'}`,
      },
    };
  } catch (error) {
    if (!(error instanceof MediaFetchError)) throw error;
    return { warning: `Linked the photo ${fileName(photo.url)}: ${error.message}.` };
  }
}
