import type { Context } from 'hono';
import type { XCore } from './context.ts';
import type { FieldSelection } from './params.ts';
import type { XMedia, XPost, XUser } from './state.ts';
import { extractEntities } from './text.ts';

/** What rendering needs: the world, the requested fields, and the emulator's own origin. */
export interface RenderContext {
  core: XCore;
  fields: FieldSelection;
  /** Base URL media URLs point at, e.g. `http://127.0.0.1:41234`. */
  origin: string;
}

/** The render context of a request: its requested fields, and its origin for media URLs. */
export function renderContextOf(core: XCore, c: Context, fields: FieldSelection): RenderContext {
  return { core, fields, origin: new URL(c.req.url).origin };
}

type Json = Record<string, unknown>;

// X sends times with millisecond precision but always `.000` (snowflake times are truncated).
export const isoTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

function entitiesOf(rc: RenderContext, post: XPost): Json | undefined {
  const found = extractEntities(post.text);
  const entities: Json = {
    urls: nonEmpty(
      post.urls.map((u) => ({
        start: u.start,
        end: u.end,
        url: u.url,
        expanded_url: u.expandedUrl,
        display_url: u.displayUrl,
        ...(u.mediaKey ? { media_key: u.mediaKey } : {}),
      })),
    ),
    mentions: nonEmpty(
      found.mentions.map((m) => {
        const user = rc.core.state.userByName(m.username);
        return { ...m, ...(user ? { username: user.username, id: user.id } : {}) };
      }),
    ),
    hashtags: nonEmpty(found.hashtags),
    cashtags: nonEmpty(found.cashtags),
  };
  const present = Object.fromEntries(Object.entries(entities).filter(([, v]) => v !== undefined));
  return Object.keys(present).length > 0 ? present : undefined;
}

function metricsOf(rc: RenderContext, post: XPost): Json {
  let retweets = 0;
  let replies = 0;
  let quotes = 0;
  for (const other of rc.core.state.posts.values()) {
    if (other.deletedAt !== undefined) continue;
    if (other.repostedPostId === post.id) retweets += 1;
    if (other.inReplyToPostId === post.id) replies += 1;
    if (other.quotedPostId === post.id) quotes += 1;
  }
  let likes = 0;
  for (const liked of rc.core.state.likes.values()) if (liked.has(post.id)) likes += 1;
  return {
    retweet_count: retweets,
    reply_count: replies,
    like_count: likes,
    quote_count: quotes,
    bookmark_count: 0,
    impression_count: 0,
  };
}

/** `referenced_tweets` of a post: what it replies to, quotes or reposts. */
export function referencesOf(post: XPost): { type: string; id: string }[] {
  const refs: { type: string; id: string }[] = [];
  if (post.repostedPostId) refs.push({ type: 'retweeted', id: post.repostedPostId });
  if (post.quotedPostId) refs.push({ type: 'quoted', id: post.quotedPostId });
  if (post.inReplyToPostId) refs.push({ type: 'replied_to', id: post.inReplyToPostId });
  return refs;
}

/** A post as X renders it: `id`, `text`, `edit_history_tweet_ids`, then what was asked. */
export function renderTweet(rc: RenderContext, post: XPost): Json {
  const want = rc.fields.tweet;
  const out: Json = { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] };
  const add = (field: string, value: () => unknown) => {
    if (!want.has(field)) return;
    const v = value();
    if (v !== undefined) out[field] = v;
  };
  add('author_id', () => post.authorId);
  add('created_at', () => isoTime(post.createdAt));
  add('conversation_id', () => post.conversationId);
  add('in_reply_to_user_id', () => post.inReplyToUserId);
  add('referenced_tweets', () => nonEmpty(referencesOf(post)));
  add('attachments', () =>
    post.mediaKeys.length > 0 ? { media_keys: post.mediaKeys } : undefined,
  );
  add('entities', () => entitiesOf(rc, post));
  add('public_metrics', () => metricsOf(rc, post));
  add('lang', () => post.lang);
  add('possibly_sensitive', () => false);
  add('reply_settings', () => 'everyone');
  add('source', () => post.source);
  add('display_text_range', () => post.displayTextRange);
  add('edit_controls', () => ({
    edits_remaining: 5,
    is_edit_eligible: false,
    editable_until: isoTime(post.createdAt + 60 * 60_000),
  }));
  return out;
}

function userMetrics(rc: RenderContext, user: XUser): Json {
  const { state } = rc.core;
  let followers = 0;
  for (const followed of state.follows.values()) if (followed.has(user.id)) followers += 1;
  let tweets = 0;
  for (const post of state.posts.values()) {
    if (post.authorId === user.id && post.deletedAt === undefined) tweets += 1;
  }
  return {
    followers_count: followers,
    following_count: state.follows.get(user.id)?.size ?? 0,
    tweet_count: tweets,
    listed_count: 0,
    like_count: state.likes.get(user.id)?.size ?? 0,
  };
}

/** The newest live post of a user. */
export function mostRecentPost(rc: RenderContext, userId: string): XPost | undefined {
  let newest: XPost | undefined;
  for (const post of rc.core.state.posts.values()) {
    if (post.authorId === userId && post.deletedAt === undefined) newest = post;
  }
  return newest;
}

/** A user as X renders it: `id`, `name`, `username`, then what was asked. */
export function renderUser(rc: RenderContext, user: XUser): Json {
  const want = rc.fields.user;
  const out: Json = { id: user.id, name: user.name, username: user.username };
  const add = (field: string, value: () => unknown) => {
    if (!want.has(field)) return;
    const v = value();
    if (v !== undefined) out[field] = v;
  };
  add('created_at', () => isoTime(user.createdAt));
  add('description', () => user.description);
  add('location', () => user.location);
  add('url', () => user.url);
  add('protected', () => user.protected);
  add('verified', () => user.verified);
  add('verified_type', () => (user.verified ? 'blue' : 'none'));
  add('profile_image_url', () => `${rc.origin}/pbs/profile_images/${user.id}_normal.png`);
  add('public_metrics', () => userMetrics(rc, user));
  add('pinned_tweet_id', () =>
    user.pinnedPostId && rc.core.state.livePost(user.pinnedPostId) ? user.pinnedPostId : undefined,
  );
  add('most_recent_tweet_id', () => mostRecentPost(rc, user.id)?.id);
  return out;
}

/** An image as X renders a `photo` media object. */
export function renderMedia(rc: RenderContext, media: XMedia): Json {
  const want = rc.fields.media;
  const out: Json = { media_key: media.key, type: 'photo' };
  if (want.has('url'))
    out.url = `${rc.origin}/pbs/media/${media.id}.${media.mimeType.split('/')[1]}`;
  if (want.has('width')) out.width = media.width;
  if (want.has('height')) out.height = media.height;
  if (want.has('alt_text') && media.altText !== undefined) out.alt_text = media.altText;
  return out;
}
