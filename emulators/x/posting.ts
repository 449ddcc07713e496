import type { XCore } from './context.ts';
import type { XPost } from './state.ts';
import { codePointLength, tcoLink, wrapUrls } from './text.ts';

/** What a new post says and points at; references are assumed live (callers check). */
export interface NewPost {
  text: string;
  replyToId?: string | undefined;
  /** Prefix the text with the @handle of the replied-to author (v2 `auto_populate_reply_metadata`). */
  autoPopulateReplyMetadata?: boolean | undefined;
  quoteOfId?: string | undefined;
  mediaKeys?: readonly string[] | undefined;
  lang?: string | undefined;
  source?: string | undefined;
}

/** The app name X shows as a post's source when the emulator makes it. */
export const DEFAULT_SOURCE = 'X Emulator';

/**
 * Stores a post as X would and announces it (the filtered stream listens): URLs become t.co
 * links, attached media get their own trailing t.co link, and `display_text_range` leaves out
 * auto-populated reply mentions and that media link.
 */
export function createPost(core: XCore, authorId: string, input: NewPost): XPost {
  const { state } = core;
  const id = core.nextId();
  const parent = input.replyToId ? state.livePost(input.replyToId) : undefined;
  const parentAuthor = parent ? state.users.get(parent.authorId) : undefined;

  const prefix =
    input.autoPopulateReplyMetadata && parentAuthor && parentAuthor.id !== authorId
      ? `@${parentAuthor.username} `
      : '';
  const wrapped = wrapUrls(id, prefix + input.text);
  let text = wrapped.text;
  const displayEnd = codePointLength(text);
  const mediaKeys = [...(input.mediaKeys ?? [])];
  const urls = wrapped.urls;
  if (mediaKeys.length > 0) {
    const author = state.users.get(authorId);
    const link = tcoLink(id, 'media', urls.length);
    const start = codePointLength(text) + (text === '' ? 0 : 1);
    text = text === '' ? link : `${text} ${link}`;
    urls.push({
      start,
      end: start + codePointLength(link),
      url: link,
      expandedUrl: `https://x.com/${author?.username ?? 'i'}/status/${id}/photo/1`,
      displayUrl: `pic.x.com/${link.slice('https://t.co/'.length)}`,
      mediaKey: mediaKeys[0],
    });
  }

  const post: XPost = {
    id,
    authorId,
    text,
    submittedText: input.text,
    createdAt: core.clock.now(),
    conversationId: parent?.conversationId ?? id,
    inReplyToPostId: parent?.id,
    inReplyToUserId: parent?.authorId,
    quotedPostId: input.quoteOfId,
    repostedPostId: undefined,
    mediaKeys,
    urls,
    displayTextRange: [codePointLength(prefix), displayEnd],
    lang: input.lang ?? 'en',
    source: input.source ?? DEFAULT_SOURCE,
    deletedAt: undefined,
  };
  state.posts.set(id, post);
  state.events.posted.emit(post);
  return post;
}

/** The live repost of `postId` by `userId`, if any. */
export function findRepost(core: XCore, userId: string, postId: string): XPost | undefined {
  for (const post of core.state.posts.values()) {
    if (
      post.authorId === userId &&
      post.repostedPostId === postId &&
      post.deletedAt === undefined
    ) {
      return post;
    }
  }
  return undefined;
}

/** Reposts (retweets) a live post; reposting a repost reposts its original, as X does. */
export function repost(core: XCore, userId: string, postId: string): XPost {
  const { state } = core;
  const target = state.livePost(postId);
  if (!target) throw new Error(`No live post ${postId}`);
  const original = target.repostedPostId
    ? (state.livePost(target.repostedPostId) ?? target)
    : target;
  const existing = findRepost(core, userId, original.id);
  if (existing) return existing;

  const author = state.users.get(original.authorId);
  const id = core.nextId();
  const prefix = `RT @${author?.username ?? 'unknown'}: `;
  const shift = codePointLength(prefix);
  const post: XPost = {
    ...original,
    id,
    authorId: userId,
    text: prefix + original.text,
    submittedText: prefix + original.submittedText,
    createdAt: core.clock.now(),
    conversationId: id,
    inReplyToPostId: undefined,
    inReplyToUserId: undefined,
    quotedPostId: undefined,
    repostedPostId: original.id,
    urls: original.urls.map((u) => ({ ...u, start: u.start + shift, end: u.end + shift })),
    displayTextRange: [0, shift + original.displayTextRange[1]],
    deletedAt: undefined,
  };
  state.posts.set(id, post);
  state.events.posted.emit(post);
  return post;
}

/** Deletes a post; its reposts go with it, as on X. Returns false if it was not live. */
export function deletePost(core: XCore, postId: string): boolean {
  const { state } = core;
  const post = state.livePost(postId);
  if (!post) return false;
  const now = core.clock.now();
  post.deletedAt = now;
  state.events.deleted.emit(post);
  for (const other of state.posts.values()) {
    if (other.repostedPostId === postId && other.deletedAt === undefined) {
      other.deletedAt = now;
      state.events.deleted.emit(other);
    }
  }
  return true;
}

/** Likes or unlikes; returns whether the post is now liked. */
export function setLike(core: XCore, userId: string, postId: string, liked: boolean): boolean {
  const { likes } = core.state;
  const mine = likes.get(userId) ?? new Map<string, number>();
  likes.set(userId, mine);
  if (liked) mine.set(postId, core.clock.now());
  else mine.delete(postId);
  return liked;
}
