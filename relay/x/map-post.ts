import type { RelayPost } from '../../protocol/index.ts';
import { relayPostSchema } from '../../protocol/index.ts';
import type { XIncludes, XTweet } from './x-schemas.ts';
import { xIncludesSchema, xTweetSchema } from './x-schemas.ts';

/** The result of reading one X post: the protocol's post, or why it was skipped. */
export type MappedPost = { ok: true; post: RelayPost } | { ok: false; reason: string };

const MEDIA_TYPES = new Set(['photo', 'video', 'animated_gif']);
const REFERENCE_TYPES = new Set(['retweeted', 'quoted', 'replied_to']);

/**
 * Flattens X's post object and the answer's `includes` into a `RelayPost`, validating both on
 * the way: a post that fails is reported with the reason, never thrown, so one bad post does
 * not stop a stream.
 */
export function mapPost(data: unknown, includes: unknown): MappedPost {
  const tweet = xTweetSchema.safeParse(data);
  if (!tweet.success) return { ok: false, reason: `post: ${firstIssue(tweet.error)}` };
  const extra = xIncludesSchema.safeParse(includes ?? {});
  if (!extra.success) return { ok: false, reason: `includes: ${firstIssue(extra.error)}` };

  const candidate = toRelayPost(tweet.data, extra.data);
  if (!candidate) return { ok: false, reason: `includes: no user ${tweet.data.author_id}` };
  const post = relayPostSchema.safeParse(candidate);
  if (!post.success)
    return { ok: false, reason: `post ${tweet.data.id}: ${firstIssue(post.error)}` };
  return { ok: true, post: post.data };
}

function toRelayPost(tweet: XTweet, includes: XIncludes): unknown {
  const author = includes.users?.find((user) => user.id === tweet.author_id);
  if (!author) return undefined;

  const references = (tweet.referenced_tweets ?? []).filter((ref) => REFERENCE_TYPES.has(ref.type));
  const mediaKeys = new Set(tweet.attachments?.media_keys ?? []);
  return {
    id: tweet.id,
    authorId: tweet.author_id,
    authorUsername: author.username,
    authorName: author.name,
    text: tweet.text,
    // We ask for `created_at` (tweet.fields); should X leave it out, arrival time is close.
    createdAt: tweet.created_at ?? new Date().toISOString(),
    ...(tweet.conversation_id && { conversationId: tweet.conversation_id }),
    ...optional('inReplyToUserId', tweet.in_reply_to_user_id ?? repliedToAuthor(tweet, includes)),
    references: references.map((ref) => ({ type: ref.type, id: ref.id })),
    urls: (tweet.entities?.urls ?? []).map((url) => ({
      start: url.start,
      end: url.end,
      url: url.url,
      ...optional('expandedUrl', url.expanded_url),
      ...optional('displayUrl', url.display_url),
    })),
    media: (includes.media ?? [])
      .filter((media) => mediaKeys.has(media.media_key) && MEDIA_TYPES.has(media.type))
      .map((media) => ({
        mediaKey: media.media_key,
        type: media.type,
        ...optional('url', media.url),
        ...optional('previewImageUrl', media.preview_image_url),
        ...optional('altText', media.alt_text),
      })),
  };
}

/** X leaves `in_reply_to_user_id` out at times; the expanded parent post names its author. */
function repliedToAuthor(tweet: XTweet, includes: XIncludes): string | undefined {
  const parent = tweet.referenced_tweets?.find((ref) => ref.type === 'replied_to');
  if (!parent) return undefined;
  return includes.tweets?.find((t) => t.id === parent.id)?.author_id;
}

/** `{ key: value }`, or nothing when the value is missing (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined) {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function firstIssue(error: { issues: readonly { path: PropertyKey[]; message: string }[] }) {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` : 'invalid';
}
