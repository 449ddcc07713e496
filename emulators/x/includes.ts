import { notFoundEntry, type ProblemBody } from './errors.ts';
import {
  referencesOf,
  renderMedia,
  renderTweet,
  renderUser,
  mostRecentPost,
  type RenderContext,
} from './render.ts';
import type { XMedia, XPost, XUser } from './state.ts';
import { extractEntities } from './text.ts';

type Json = Record<string, unknown>;

/** The `includes` of a response and the partial errors for what could not be included. */
export interface Expanded {
  includes: Json | undefined;
  errors: ProblemBody[];
}

function collector(rc: RenderContext) {
  const users = new Map<string, XUser>();
  const tweets = new Map<string, XPost>();
  const media = new Map<string, XMedia>();
  const errors: ProblemBody[] = [];
  const missing = new Set<string>();
  const { state } = rc.core;

  return {
    user(id: string | undefined) {
      const user = id === undefined ? undefined : state.users.get(id);
      if (user) users.set(user.id, user);
    },
    tweet(id: string, parameter: string) {
      const post = state.livePost(id);
      if (post) tweets.set(id, post);
      else if (!missing.has(id)) {
        missing.add(id);
        errors.push(notFoundEntry('tweet', parameter, id));
      }
    },
    media(keys: readonly string[]) {
      for (const key of keys) {
        const found = state.mediaByKey(key);
        if (found) media.set(key, found);
      }
    },
    result(): Expanded {
      const part = <T>(items: Map<string, T>, render: (item: T) => Json) =>
        items.size > 0 ? [...items.values()].map(render) : undefined;
      const includes: Json = {
        users: part(users, (u) => renderUser(rc, u)),
        tweets: part(tweets, (t) => renderTweet(rc, t)),
        media: part(media, (m) => renderMedia(rc, m)),
      };
      const present = Object.fromEntries(
        Object.entries(includes).filter(([, v]) => v !== undefined),
      );
      return { includes: Object.keys(present).length > 0 ? present : undefined, errors };
    },
  };
}

/** Expands `expansions` for posts (author, referenced posts and their authors, media, mentions). */
export function expandPosts(rc: RenderContext, posts: readonly XPost[]): Expanded {
  const want = rc.fields.expansions;
  const out = collector(rc);
  const { state } = rc.core;
  for (const post of posts) {
    if (want.has('author_id')) out.user(post.authorId);
    if (want.has('in_reply_to_user_id')) out.user(post.inReplyToUserId);
    if (want.has('attachments.media_keys')) out.media(post.mediaKeys);
    if (want.has('entities.mentions.username')) {
      for (const m of extractEntities(post.text).mentions)
        out.user(state.userByName(m.username)?.id);
    }
    if (want.has('edit_history_tweet_ids')) out.tweet(post.id, 'edit_history_tweet_ids');
    for (const ref of referencesOf(post)) {
      if (want.has('referenced_tweets.id')) out.tweet(ref.id, 'referenced_tweets.id');
      const referenced = state.livePost(ref.id);
      if (!referenced) continue;
      if (want.has('referenced_tweets.id.author_id')) out.user(referenced.authorId);
      if (want.has('referenced_tweets.id.attachments.media_keys')) out.media(referenced.mediaKeys);
    }
  }
  return out.result();
}

/** Expands `expansions` for users (their pinned and most recent posts). */
export function expandUsers(rc: RenderContext, users: readonly XUser[]): Expanded {
  const want = rc.fields.expansions;
  const out = collector(rc);
  for (const user of users) {
    if (want.has('pinned_tweet_id') && user.pinnedPostId)
      out.tweet(user.pinnedPostId, 'pinned_tweet_id');
    const recent = want.has('most_recent_tweet_id') ? mostRecentPost(rc, user.id) : undefined;
    if (recent) out.tweet(recent.id, 'most_recent_tweet_id');
  }
  return out.result();
}

/** Assembles a response body: `data`, `includes` and `errors` only when they have content. */
export function body(
  data: unknown,
  expanded: Expanded,
  extraErrors: ProblemBody[] = [],
  meta?: Json,
): Json {
  const errors = [...extraErrors, ...expanded.errors];
  return {
    ...(data === undefined ? {} : { data }),
    ...(expanded.includes ? { includes: expanded.includes } : {}),
    ...(errors.length > 0 ? { errors } : {}),
    ...(meta ? { meta } : {}),
  };
}
