import { z } from 'zod';
import { xIdSchema } from '../../../protocol/relay-post.ts';
import { uploadImage } from '../media/x-media-upload.ts';
import { callX, type XTarget } from './x-request.ts';

export const xUserSchema = z.looseObject({ id: xIdSchema, username: z.string(), name: z.string() });
export type XUser = z.infer<typeof xUserSchema>;

const postDataSchema = z.looseObject({ id: xIdSchema, text: z.string() });
const createdSchema = z.object({ data: postDataSchema });
const userSchema = z.object({ data: xUserSchema });
// `{data: {liked: true}}`, `{data: {deleted: true}}`; a repost also names itself:
// `{data: {id: "…", retweeted: true}}`.
const flagSchema = z.object({ data: z.record(z.string(), z.union([z.boolean(), z.string()])) });

const postsPageSchema = z.object({
  data: z.array(postDataSchema.extend({ created_at: z.string().optional() })).optional(),
  meta: z.looseObject({ next_token: z.string().optional(), result_count: z.number().optional() }),
});
const usersPageSchema = z.object({
  data: z.array(xUserSchema).optional(),
  meta: z.looseObject({ next_token: z.string().optional(), result_count: z.number().optional() }),
});

export interface NewPost {
  text: string;
  replyToPostId?: string | undefined;
  quotePostId?: string | undefined;
  mediaIds?: string[] | undefined;
}

/**
 * The X API v2 calls the extension makes with the user's own token. Each method is one call;
 * errors are XApiError with X's own words.
 */
export function createXClient(target: XTarget) {
  return {
    me: () => callX(target, { method: 'GET', path: '/2/users/me', schema: userSchema }),

    createPost: (post: NewPost, signal?: AbortSignal) =>
      callX(target, {
        method: 'POST',
        path: '/2/tweets',
        json: {
          text: post.text,
          ...(post.replyToPostId && { reply: { in_reply_to_tweet_id: post.replyToPostId } }),
          ...(post.quotePostId && { quote_tweet_id: post.quotePostId }),
          ...(post.mediaIds?.length && { media: { media_ids: post.mediaIds } }),
        },
        schema: createdSchema,
        ...(signal && { signal }),
      }),

    /** Uploads an image (and its alt text) for a post's `media.media_ids`. */
    uploadImage: (image: Parameters<typeof uploadImage>[1], signal?: AbortSignal) =>
      uploadImage(target, image, signal),

    deletePost: (id: string) =>
      callX(target, { method: 'DELETE', path: `/2/tweets/${id}`, schema: flagSchema }),

    repost: (userId: string, postId: string) =>
      callX(target, {
        method: 'POST',
        path: `/2/users/${userId}/retweets`,
        json: { tweet_id: postId },
        schema: flagSchema,
      }),

    unrepost: (userId: string, postId: string) =>
      callX(target, {
        method: 'DELETE',
        path: `/2/users/${userId}/retweets/${postId}`,
        schema: flagSchema,
      }),

    like: (userId: string, postId: string) =>
      callX(target, {
        method: 'POST',
        path: `/2/users/${userId}/likes`,
        json: { tweet_id: postId },
        schema: flagSchema,
      }),

    unlike: (userId: string, postId: string) =>
      callX(target, {
        method: 'DELETE',
        path: `/2/users/${userId}/likes/${postId}`,
        schema: flagSchema,
      }),

    /** The user's recent posts, newest first: where an ambiguous attempt is looked for. */
    userPosts: (userId: string, options: { sinceId?: string; maxResults?: number } = {}) =>
      callX(target, {
        method: 'GET',
        path: `/2/users/${userId}/tweets`,
        query: {
          since_id: options.sinceId,
          max_results: options.maxResults ?? 20,
          'tweet.fields': 'created_at',
        },
        schema: postsPageSchema,
      }),

    /** One page of the accounts the user follows. */
    following: (userId: string, paginationToken?: string) =>
      callX(target, {
        method: 'GET',
        path: `/2/users/${userId}/following`,
        query: { max_results: 1000, pagination_token: paginationToken },
        schema: usersPageSchema,
      }),
  };
}

export type XClient = ReturnType<typeof createXClient>;
