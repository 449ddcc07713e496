import { z } from 'zod';
import { callX, type XTarget } from '../clients/x-request.ts';
import type { FetchedImage } from './media-fetch.ts';
import { X_MAX_ALT_TEXT } from './media-rules.ts';

// `POST /2/media/upload` answers `{data: {id, media_key, expires_after_secs, ...}}`.
const uploadedSchema = z.object({
  data: z.looseObject({
    id: z.string().regex(/^\d{1,19}$/),
    media_key: z.string().optional(),
    expires_after_secs: z.number().optional(),
  }),
});
const metadataSchema = z.object({ data: z.looseObject({ id: z.string() }) });

export interface UploadedMedia {
  mediaId: string;
  /** Epoch ms after which X forgets the upload and a post can no longer attach it. */
  expiresAt: number;
}

// X keeps an upload for 24 hours unless it says otherwise.
const DEFAULT_EXPIRY_SECS = 24 * 60 * 60;

/**
 * Uploads one image to X (one-shot multipart, `tweet_image`) and sets its alt text. Errors are
 * XApiError with X's own words, as for every other X call.
 */
export async function uploadImage(
  target: XTarget,
  image: FetchedImage & { altText?: string | undefined },
  signal?: AbortSignal,
): Promise<UploadedMedia> {
  const form = new FormData();
  form.set('media', new Blob([image.bytes], { type: image.type }), 'image');
  form.set('media_category', 'tweet_image');
  const uploaded = await callX(target, {
    method: 'POST',
    path: '/2/media/upload',
    form,
    schema: uploadedSchema,
    ...(signal && { signal }),
  });
  const mediaId = uploaded.data.id;

  if (image.altText) {
    await callX(target, {
      method: 'POST',
      path: '/2/media/metadata',
      json: {
        id: mediaId,
        metadata: { alt_text: { text: [...image.altText].slice(0, X_MAX_ALT_TEXT).join('') } },
      },
      schema: metadataSchema,
      ...(signal && { signal }),
    });
  }
  const lifetime = uploaded.data.expires_after_secs ?? DEFAULT_EXPIRY_SECS;
  return { mediaId, expiresAt: Date.now() + lifetime * 1000 };
}
