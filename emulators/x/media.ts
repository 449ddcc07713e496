import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { guard, userOf, userOnly } from './auth.ts';
import { readJsonBody } from './body.ts';
import type { XContext, XEnv } from './context.ts';
import { problems } from './errors.ts';
import { ID_PATTERN } from './ids.ts';
import { solidPng, sniffImage } from './images.ts';
import { readQuery } from './params.ts';
import type { XMedia } from './state.ts';

/** Images may weigh 5 MB (X's media best practices); the emulator takes nothing else. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const CATEGORIES = ['tweet_image', 'dm_image', 'subtitles'];
const EXPIRES_AFTER_SECS = 24 * 60 * 60;

const metadataSchema = z
  .object({
    id: z.string().regex(ID_PATTERN),
    metadata: z
      .object({ alt_text: z.object({ text: z.string().max(1000) }).optional() })
      .passthrough()
      .optional(),
  })
  .strict();

/** The upload's fields, from multipart (`media` file) or JSON (`media` base64). */
async function readUpload(
  c: Context,
): Promise<{ bytes: Uint8Array | undefined; category: string | undefined }> {
  const type = c.req.header('content-type') ?? '';
  if (
    type.startsWith('multipart/form-data') ||
    type.startsWith('application/x-www-form-urlencoded')
  ) {
    const form = await c.req.parseBody().catch(() => {
      throw problems.invalidRequest([{ message: 'The multipart body could not be read.' }]);
    });
    const media = form.media;
    const bytes =
      media instanceof File
        ? new Uint8Array(await media.arrayBuffer())
        : typeof media === 'string'
          ? Buffer.from(media, 'base64')
          : undefined;
    return {
      bytes,
      category: typeof form.media_category === 'string' ? form.media_category : undefined,
    };
  }
  const json = z
    .object({ media: z.string(), media_category: z.string() })
    .passthrough()
    .safeParse(await readJsonBody(c));
  if (!json.success) return { bytes: undefined, category: undefined };
  return { bytes: Buffer.from(json.data.media, 'base64'), category: json.data.media_category };
}

function mediaFile(media: XMedia): string {
  return `${media.id}.${media.mimeType.split('/')[1]}`;
}

/** One-shot image upload, alt text, and the public image URLs the media objects point at. */
export function mediaRoutes(ctx: XContext): Hono<XEnv> {
  const app = new Hono<XEnv>();
  const write = userOnly('media.write');

  app.post('/2/media/upload', guard(ctx, 'POST /2/media/upload', write), async (c) => {
    readQuery(c, []).done();
    const { userId } = userOf(c);
    const { bytes, category } = await readUpload(c);
    if (!bytes || bytes.length === 0)
      throw problems.invalidRequest([
        { parameters: { media: [] }, message: 'The `media` field is required.' },
      ]);
    if (!category || !CATEGORIES.includes(category)) {
      throw problems.invalidRequest([
        {
          parameters: { media_category: [category ?? ''] },
          message: `The \`media_category\` value [${category ?? ''}] is not one of [${CATEGORIES.join(',')}]`,
        },
      ]);
    }
    if (category === 'subtitles')
      throw problems.invalidRequest([{ message: 'The emulator only accepts images.' }]);
    if (bytes.length > MAX_IMAGE_BYTES) {
      throw problems.invalidRequest([
        {
          parameters: { media: [String(bytes.length)] },
          message: `File size exceeds ${MAX_IMAGE_BYTES} bytes.`,
        },
      ]);
    }
    const image = sniffImage(bytes);
    if (!image)
      throw problems.invalidRequest([
        {
          parameters: { media: [] },
          message: 'Unsupported media type: only JPEG, PNG, GIF, WEBP and BMP images are accepted.',
        },
      ]);

    const id = ctx.nextId();
    const now = ctx.clock.now();
    ctx.state.media.set(id, {
      id,
      key: `3_${id}`,
      ownerId: userId,
      mimeType: image.mimeType,
      bytes,
      width: image.width,
      height: image.height,
      altText: undefined,
      createdAt: now,
      expiresAt: now + EXPIRES_AFTER_SECS * 1000,
    });
    return c.json({
      data: {
        id,
        media_key: `3_${id}`,
        size: bytes.length,
        expires_after_secs: EXPIRES_AFTER_SECS,
        image: { image_type: image.mimeType, w: image.width, h: image.height },
      },
      // The spec makes `meta` required here; an empty one satisfies it and costs clients nothing.
      meta: {},
    });
  });

  app.post('/2/media/metadata', guard(ctx, 'POST /2/media/metadata', write), async (c) => {
    readQuery(c, []).done();
    const parsed = metadataSchema.safeParse(await readJsonBody(c));
    if (!parsed.success)
      throw problems.invalidRequest([
        {
          message:
            '$: expected {"id", "metadata": {"alt_text": {"text"}}} with alt text of at most 1000 characters',
        },
      ]);
    const media = ctx.state.media.get(parsed.data.id);
    if (!media || media.ownerId !== userOf(c).userId)
      throw problems.notFound('media', 'id', parsed.data.id);
    const altText = parsed.data.metadata?.alt_text?.text;
    if (altText !== undefined) media.altText = altText;
    return c.json({
      data: {
        id: media.id,
        associated_metadata: altText === undefined ? {} : { alt_text: { text: altText } },
      },
    });
  });

  // Public like pbs.twimg.com: what `media.fields=url` and `profile_image_url` point at.
  app.get('/pbs/media/:file', (c) => {
    const media = [...ctx.state.media.values()].find((m) => mediaFile(m) === c.req.param('file'));
    if (!media) return c.body(null, 404);
    return c.body(Buffer.from(media.bytes), 200, { 'content-type': media.mimeType });
  });
  app.get('/pbs/profile_images/:file', (c) =>
    c.body(Buffer.from(solidPng(48, 48, [101, 119, 134])), 200, { 'content-type': 'image/png' }),
  );

  return app;
}
