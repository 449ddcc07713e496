import type { OutboxAction } from '../../shared/db-schema.ts';
import { XApiError } from '../clients/x-error.ts';
import type { XClient } from '../clients/x-client.ts';
import { fetchImage, MediaFetchError } from '../media/media-fetch.ts';
import { fileName, X_MAX_IMAGE_BYTES } from '../media/media-rules.ts';

type PostAction = Extract<OutboxAction, { type: 'post' }>;

export interface UploadedImages {
  mediaIds: string[];
  /** Images that stay links in the text after all (refused by X, or not images), and why. */
  linked: string[];
}

/**
 * Fetches and uploads every image of a post before it is made, so that a post goes out with
 * all its media or not at all. An image that can never go up (X refuses it with a 400, or its
 * bytes are not an image X takes) stays what it already is in the notice's text: a link. Any
 * other failure throws, and the entry is retried whole.
 */
// TODO [2027-01-01]: each attempt uploads again; keep the media ids (and their expiry, 24 h)
// on the entry when retries after a failed post start to cost real upload quota.
export async function uploadImages(
  client: XClient,
  action: PostAction,
  signal?: AbortSignal,
): Promise<UploadedImages> {
  const result: UploadedImages = { mediaIds: [], linked: [] };
  for (const { url, altText } of action.media ?? []) {
    const name = fileName(url);
    let image;
    try {
      image = await fetchImage(url, {
        maxBytes: X_MAX_IMAGE_BYTES,
        limitName: "X's limit",
        ...(signal && { signal }),
      });
    } catch (error) {
      if (!(error instanceof MediaFetchError)) throw error;
      // A transient failure is X's `network` kind to the runner: back off and retry the entry.
      if (error.transient) throw new XApiError('network', `Fetching ${name}: ${error.message}`);
      result.linked.push(`${name}: ${error.message}`);
      continue;
    }

    try {
      const uploaded = await client.uploadImage({ ...image, altText }, signal);
      result.mediaIds.push(uploaded.mediaId);
    } catch (error) {
      if (!(error instanceof XApiError) || error.kind !== 'bad-request') throw error;
      result.linked.push(`${name}: X refused it (${error.serviceMessage})`);
    }
  }
  return result;
}
