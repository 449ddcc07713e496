import { z } from 'zod';

/** X ids are decimal strings of up to 19 digits (64-bit snowflakes); never numbers in JS. */
export const xIdSchema = z.string().regex(/^[0-9]{1,19}$/, 'an X id is a string of 1 to 19 digits');

/** A URL entity of a post, so the extension can expand t.co links without asking X. */
export const relayUrlSchema = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  url: z.string().max(2048),
  expandedUrl: z.string().max(4096).optional(),
  displayUrl: z.string().max(4096).optional(),
});

/** A photo, video or GIF attached to a post (from the stream's `includes.media`). */
export const relayMediaSchema = z.object({
  mediaKey: z.string().max(64),
  type: z.enum(['photo', 'video', 'animated_gif']),
  url: z.string().max(4096).optional(),
  previewImageUrl: z.string().max(4096).optional(),
  altText: z.string().max(2000).optional(),
});

/** How a post refers to another: X's `referenced_tweets` types. */
export const relayReferenceSchema = z.object({
  type: z.enum(['retweeted', 'quoted', 'replied_to']),
  id: xIdSchema,
});

/**
 * An X post as the relay hands it to extensions: the fields import needs, flattened from X's
 * post object and its `includes` (author, media), so the extension never calls X for them.
 */
export const relayPostSchema = z.object({
  id: xIdSchema,
  authorId: xIdSchema,
  authorUsername: z.string().min(1).max(64),
  authorName: z.string().max(200),
  text: z.string().max(25_000),
  createdAt: z.string().max(64),
  conversationId: xIdSchema.optional(),
  inReplyToUserId: xIdSchema.optional(),
  references: z.array(relayReferenceSchema).max(10).default([]),
  urls: z.array(relayUrlSchema).max(100).default([]),
  media: z.array(relayMediaSchema).max(10).default([]),
});
export type RelayPost = z.infer<typeof relayPostSchema>;
export type RelayMedia = z.infer<typeof relayMediaSchema>;
