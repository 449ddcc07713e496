import type { Context } from 'hono';
import { z } from 'zod';
import { userOf } from './auth.ts';
import { readJsonBody } from './body.ts';
import type { XContext, XEnv } from './context.ts';
import { problems, type InvalidParameter } from './errors.ts';
import { ID_PATTERN } from './ids.ts';
import { readQuery } from './params.ts';
import { QUOTE_REFUSED, REPLY_REFUSED, summoned } from './policy.ts';
import { createPost } from './posting.ts';
import { MAX_WEIGHTED_LENGTH, weightedLength } from './text.ts';

const UNSUPPORTED = [
  'poll',
  'card_uri',
  'community_id',
  'direct_message_deep_link',
  'edit_options',
] as const;

const requestSchema = z
  .object({
    text: z.string().optional(),
    reply: z
      .object({
        in_reply_to_tweet_id: z.string().regex(ID_PATTERN),
        auto_populate_reply_metadata: z.boolean().optional(),
        exclude_reply_user_ids: z.array(z.string().regex(ID_PATTERN)).optional(),
      })
      .strict()
      .optional(),
    quote_tweet_id: z.string().regex(ID_PATTERN).optional(),
    media: z
      .object({
        media_ids: z.array(z.string()).min(1).max(4),
        tagged_user_ids: z.array(z.string().regex(ID_PATTERN)).max(10).optional(),
      })
      .strict()
      .optional(),
    reply_settings: z.enum(['following', 'mentionedUsers', 'subscribers', 'verified']).optional(),
    geo: z.object({ place_id: z.string().optional() }).strict().optional(),
    for_super_followers_only: z.boolean().optional(),
    nullcast: z.boolean().optional(),
    made_with_ai: z.boolean().optional(),
    paid_partnership: z.boolean().optional(),
    share_with_followers: z.boolean().optional(),
    poll: z.unknown().optional(),
    card_uri: z.unknown().optional(),
    community_id: z.unknown().optional(),
    direct_message_deep_link: z.unknown().optional(),
    edit_options: z.unknown().optional(),
  })
  .strict();

function schemaErrors(error: z.ZodError): InvalidParameter[] {
  return error.issues.map((issue) => ({
    message: `$.${issue.path.join('.') || '(body)'}: ${issue.message}`,
  }));
}

/** `POST /2/tweets`, in the order X checks: shape, length, references, policy, media, duplicates. */
export async function createTweetRoute(ctx: XContext, c: Context<XEnv>) {
  readQuery(c, []).done();
  const { userId } = userOf(c);
  const parsed = requestSchema.safeParse(await readJsonBody(c));
  if (!parsed.success) throw problems.invalidRequest(schemaErrors(parsed.error));
  const input = parsed.data;
  const unsupported = UNSUPPORTED.find((name) => input[name] !== undefined);
  if (unsupported)
    throw problems.invalidRequest([
      { message: `The emulator does not support \`${unsupported}\`.` },
    ]);

  const text = input.text ?? '';
  const mediaIds = input.media?.media_ids ?? [];
  if (text === '' && mediaIds.length === 0) {
    throw problems.invalidRequest([{ message: 'Post text is empty: provide text or media.' }]);
  }
  if (input.quote_tweet_id && mediaIds.length > 0) {
    throw problems.invalidRequest([
      { message: '`quote_tweet_id` and `media` are mutually exclusive.' },
    ]);
  }
  // Guessed: a 400 invalid-request; X's exact answer to an over-long post is not documented.
  if (weightedLength(text) > MAX_WEIGHTED_LENGTH) {
    throw problems.invalidRequest([
      {
        parameters: { text: [text] },
        message: `Text is too long: weighted length ${weightedLength(text)} exceeds ${MAX_WEIGHTED_LENGTH}.`,
      },
    ]);
  }

  const { state, settings } = ctx;
  const parentId = input.reply?.in_reply_to_tweet_id;
  const parent = parentId ? state.livePost(parentId) : undefined;
  if (parentId && !parent)
    throw problems.refused(
      'You attempted to reply to a Tweet that is deleted or not visible to you.',
    );
  if (parent && settings.policy.refuseReplies && !summoned(state, userId, parent))
    throw problems.refused(REPLY_REFUSED);

  const quoted = input.quote_tweet_id ? state.livePost(input.quote_tweet_id) : undefined;
  if (input.quote_tweet_id && !quoted)
    throw problems.refused('You attempted to quote a Tweet that is deleted or not visible to you.');
  if (quoted && settings.policy.refuseQuotes && !summoned(state, userId, quoted))
    throw problems.refused(QUOTE_REFUSED);

  const now = ctx.clock.now();
  const media = mediaIds.map((id) => state.media.get(id));
  if (media.some((m) => !m || m.ownerId !== userId || m.expiresAt <= now)) {
    throw problems.invalidRequest([
      { parameters: { 'media.media_ids': mediaIds }, message: 'Your media IDs are invalid.' },
    ]);
  }

  for (const earlier of state.posts.values()) {
    const recent = earlier.createdAt >= now - settings.duplicateWindowMs;
    const same =
      earlier.authorId === userId &&
      earlier.repostedPostId === undefined &&
      earlier.submittedText === text;
    if (recent && same && earlier.deletedAt === undefined && text !== '') {
      throw problems.refused('You are not allowed to create a Tweet with duplicate content.');
    }
  }

  const post = createPost(ctx, userId, {
    text,
    replyToId: parent?.id,
    autoPopulateReplyMetadata: input.reply?.auto_populate_reply_metadata,
    quoteOfId: quoted?.id,
    // Every entry was checked above: a media id that resolved to nothing was refused.
    mediaKeys: media.flatMap((m) => (m ? [m.key] : [])),
  });
  return c.json({ data: { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] } }, 201);
}
