import { z } from 'zod';

/**
 * The parts of GNU social's Twitter-compatible JSON the bridge reads (fixtures in
 * shared/fixtures/gnusocial-api). Loose objects: a site may add fields, and we store none of
 * the rest. Note the real types: `id` is a number, `in_reply_to_status_id` a string.
 */
export const statusNetUserSchema = z.looseObject({
  id: z.number().int(),
  name: z
    .string()
    .nullable()
    .transform((name) => name ?? ''),
  screen_name: z.string(),
  protected: z.boolean().optional().default(false),
  statusnet_profile_url: z.string().optional(),
  profile_image_url: z.string().nullable().optional(),
});
export type StatusNetUser = z.infer<typeof statusNetUserSchema>;

// A link's attachment has null type and size until the site fetched it (captured:
// statuses_friends_timeline_bob, notice 4).
export const attachmentSchema = z.looseObject({
  url: z.string(),
  mimetype: z.string().nullable().optional(),
  size: z.union([z.number(), z.string()]).nullable().optional(),
  title: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
});

const baseNoticeSchema = z.looseObject({
  id: z.number().int(),
  text: z.string(),
  created_at: z.string(),
  source: z.string().nullable().optional(),
  uri: z.string().optional(),
  external_url: z.string().optional(),
  in_reply_to_status_id: z
    .union([z.string(), z.number()])
    .nullable()
    .optional()
    .transform((id) => (id === null || id === undefined ? null : Number(id))),
  in_reply_to_screen_name: z.string().nullable().optional(),
  user: statusNetUserSchema,
  favorited: z.boolean().optional(),
  repeated: z.boolean().optional(),
  attachments: z.array(attachmentSchema).optional(),
  statusnet_conversation_id: z.number().optional(),
});

/** A notice; a repeat carries the notice it repeats in `retweeted_status`. */
export const noticeSchema = baseNoticeSchema.extend({
  retweeted_status: baseNoticeSchema.optional(),
});
export type Notice = z.infer<typeof noticeSchema>;

export const noticeListSchema = z.array(noticeSchema);

/**
 * `statusnet/config`: the text limit (0 means no limit) and whether, and how large, uploads may
 * be (`attachments.uploads`, `attachments.file_quota` in bytes; PHP may give either as a string).
 */
export const siteConfigSchema = z.looseObject({
  site: z.looseObject({
    name: z.string().optional(),
    server: z.string().optional(),
    textlimit: z.union([z.number(), z.string()]).transform(Number),
  }),
  attachments: z
    .looseObject({
      uploads: z.union([z.boolean(), z.string(), z.number()]).optional(),
      file_quota: z.union([z.number(), z.string()]).optional(),
    })
    .optional(),
});
export type SiteConfig = z.infer<typeof siteConfigSchema>;

/** GNU social's error body: `{"error": "...", "request": "/api/..."}`. */
export const statusNetErrorBodySchema = z.looseObject({ error: z.string() });
