import { z } from 'zod';

/**
 * The parts of X API v2 payloads the relay reads, as zod schemas. X may add fields and send
 * them in any order (consuming-streaming-data.mdx), so objects are loose and only what we
 * use is required.
 */

const id = z.string().regex(/^[0-9]{1,19}$/);

/** X's RFC 7807 problem, in error bodies and in the partial `errors` of 200 answers. */
export const xProblemSchema = z.looseObject({
  title: z.string().optional(),
  detail: z.string().optional(),
  type: z.string().optional(),
  resource_id: z.string().optional(),
  resource_type: z.string().optional(),
  message: z.string().optional(),
});
export type XProblem = z.infer<typeof xProblemSchema>;

export const xTweetSchema = z.looseObject({
  id,
  text: z.string(),
  author_id: id,
  created_at: z.string().optional(),
  conversation_id: id.optional(),
  in_reply_to_user_id: id.optional(),
  referenced_tweets: z.array(z.looseObject({ type: z.string(), id })).optional(),
  entities: z
    .looseObject({
      urls: z
        .array(
          z.looseObject({
            start: z.number().int(),
            end: z.number().int(),
            url: z.string(),
            expanded_url: z.string().optional(),
            display_url: z.string().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  attachments: z.looseObject({ media_keys: z.array(z.string()).optional() }).optional(),
});
export type XTweet = z.infer<typeof xTweetSchema>;

export const xUserSchema = z.looseObject({ id, username: z.string(), name: z.string() });

export const xMediaSchema = z.looseObject({
  media_key: z.string(),
  type: z.string(),
  url: z.string().optional(),
  preview_image_url: z.string().optional(),
  alt_text: z.string().optional(),
});

/** The `includes` of an answer: expanded users, media and referenced posts. */
export const xIncludesSchema = z.looseObject({
  users: z.array(xUserSchema).optional(),
  media: z.array(xMediaSchema).optional(),
  // Referenced posts are read only for their author; a partial one must not sink the answer.
  tweets: z.array(z.looseObject({ id, author_id: id.optional() })).optional(),
});
export type XIncludes = z.infer<typeof xIncludesSchema>;

/**
 * One line of the filtered stream: a post with its includes and matching rules, an in-stream
 * error, or (compliance-style) a delete notice. Anything else is a new message type to skip.
 */
export const xStreamLineSchema = z.looseObject({
  // Validated on its own later, so one bad post is skipped with a reason rather than dropped
  // silently with the whole line.
  data: z.unknown().optional(),
  includes: z.unknown().optional(),
  matching_rules: z.array(z.looseObject({ id: z.string(), tag: z.string().optional() })).optional(),
  errors: z.array(xProblemSchema).optional(),
});

/** A delete notice in the v2 compliance-stream shape. */
export const xDeleteNoticeSchema = z.looseObject({
  data: z.looseObject({ delete: z.looseObject({ tweet: z.looseObject({ id }) }) }),
});

/** A delete notice in the older v1.1 shape. */
export const xLegacyDeleteNoticeSchema = z.looseObject({
  delete: z.looseObject({ status: z.looseObject({ id_str: id }) }),
});

export const xRuleSchema = z.looseObject({
  id: z.string(),
  value: z.string(),
  tag: z.string().optional(),
});
export type XRule = z.infer<typeof xRuleSchema>;

/** `GET /2/tweets/search/stream/rules`. */
export const xRulesPageSchema = z.looseObject({
  data: z.array(xRuleSchema).optional(),
  meta: z.looseObject({ next_token: z.string().optional() }).optional(),
});

/** `POST /2/tweets/search/stream/rules`. */
export const xRulesChangeSchema = z.looseObject({
  data: z.array(xRuleSchema).optional(),
  errors: z.array(xProblemSchema).optional(),
  meta: z
    .looseObject({
      summary: z
        .looseObject({
          created: z.number().optional(),
          not_created: z.number().optional(),
          deleted: z.number().optional(),
          not_deleted: z.number().optional(),
        })
        .optional(),
    })
    .optional(),
});

/** `GET /2/tweets/search/recent`: posts are validated one by one, like stream lines. */
export const xSearchPageSchema = z.looseObject({
  data: z.array(z.unknown()).optional(),
  includes: z.unknown().optional(),
  meta: z
    .looseObject({ next_token: z.string().optional(), newest_id: z.string().optional() })
    .optional(),
  errors: z.array(xProblemSchema).optional(),
});

/** `GET /2/tweets?ids=`: what exists comes back in `data`, what does not in `errors`. */
export const xLookupSchema = z.looseObject({
  data: z.array(z.looseObject({ id })).optional(),
  errors: z.array(xProblemSchema).optional(),
});
