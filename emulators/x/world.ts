import type { XCore } from './context.ts';
import { solidPng, sniffImage } from './images.ts';
import { createPost, deletePost, repost, setLike } from './posting.ts';
import type { XMedia, XPost, XUser } from './state.ts';
import type { IssuedTokens } from './tokens.ts';

/** A request to the world that cannot be carried out (unknown user, taken username, ...). */
export class WorldError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
    this.name = 'WorldError';
  }
}

/** The scopes a bridge asks for; the default of tokens minted directly. */
export const BRIDGE_SCOPES = [
  'tweet.read',
  'tweet.write',
  'users.read',
  'follows.read',
  'like.write',
  'media.write',
  'offline.access',
];

export interface NewUser {
  username: string;
  name?: string | undefined;
  id?: string | undefined;
  description?: string | undefined;
  location?: string | undefined;
  verified?: boolean | undefined;
  protected?: boolean | undefined;
}

export interface ControlPost {
  text?: string | undefined;
  replyToId?: string | undefined;
  quoteOfId?: string | undefined;
  repostOfId?: string | undefined;
  mediaKeys?: readonly string[] | undefined;
  lang?: string | undefined;
  source?: string | undefined;
}

/**
 * Direct operations on the emulated world, as its users would do them in X's own apps: no
 * API policy, rate limit or credit applies. The control API and the TS helpers both use these.
 */
export function createWorld(core: XCore) {
  const { state } = core;

  function user(id: string): XUser {
    const found = state.users.get(id);
    if (!found) throw new WorldError(`Unknown user ${id}`, 404);
    return found;
  }

  function livePost(id: string, role: string): XPost {
    const post = state.livePost(id);
    if (!post) throw new WorldError(`Unknown or deleted ${role} post ${id}`, 404);
    return post;
  }

  function createUser(input: NewUser): XUser {
    if (!/^[A-Za-z0-9_]{1,15}$/.test(input.username))
      throw new WorldError(`Invalid username ${input.username}`);
    if (state.userByName(input.username))
      throw new WorldError(`Username ${input.username} is taken`, 409);
    const id = input.id ?? core.nextId();
    if (state.users.has(id)) throw new WorldError(`User id ${id} is taken`, 409);
    const created: XUser = {
      id,
      username: input.username,
      name: input.name ?? input.username,
      description: input.description ?? '',
      location: input.location,
      url: '',
      createdAt: core.clock.now(),
      protected: input.protected ?? false,
      verified: input.verified ?? false,
      pinnedPostId: undefined,
    };
    state.users.set(id, created);
    state.usernames.set(input.username.toLowerCase(), id);
    return created;
  }

  function follow(followerId: string, targetId: string, following = true): void {
    user(followerId);
    user(targetId);
    const followed = state.follows.get(followerId) ?? new Map<string, number>();
    state.follows.set(followerId, followed);
    if (following) followed.set(targetId, core.clock.now());
    else followed.delete(targetId);
  }

  function post(authorId: string, input: ControlPost): XPost {
    user(authorId);
    if (input.repostOfId) return repost(core, authorId, livePost(input.repostOfId, 'reposted').id);
    if (input.replyToId) livePost(input.replyToId, 'replied-to');
    if (input.quoteOfId) livePost(input.quoteOfId, 'quoted');
    for (const key of input.mediaKeys ?? []) {
      if (!state.mediaByKey(key)) throw new WorldError(`Unknown media ${key}`, 404);
    }
    if (!input.text && !input.mediaKeys?.length) throw new WorldError('A post needs text or media');
    return createPost(core, authorId, {
      text: input.text ?? '',
      replyToId: input.replyToId,
      quoteOfId: input.quoteOfId,
      mediaKeys: input.mediaKeys,
      lang: input.lang,
      source: input.source,
    });
  }

  function deleteAsAuthor(authorId: string, postId: string): void {
    const target = livePost(postId, 'deleted');
    if (target.authorId !== authorId)
      throw new WorldError(`Post ${postId} is not by ${authorId}`, 409);
    deletePost(core, postId);
  }

  function like(userId: string, postId: string, liked = true): void {
    user(userId);
    livePost(postId, 'liked');
    setLike(core, userId, postId, liked);
  }

  /** Stores image bytes as an upload by `ownerId` (a solid PNG when no bytes are given). */
  function addMedia(ownerId: string, bytes?: Uint8Array, altText?: string): XMedia {
    user(ownerId);
    const data = bytes ?? solidPng(64, 48, [29, 155, 240]);
    const image = sniffImage(data);
    if (!image) throw new WorldError('Not an image X accepts (PNG, JPEG, GIF, WEBP, BMP)');
    const id = core.nextId();
    const now = core.clock.now();
    const media: XMedia = {
      id,
      key: `3_${id}`,
      ownerId,
      mimeType: image.mimeType,
      bytes: data,
      width: image.width,
      height: image.height,
      altText,
      createdAt: now,
      expiresAt: now + 24 * 60 * 60_000,
    };
    state.media.set(id, media);
    return media;
  }

  /** Mints a user token without the consent flow (default: the bridge's scopes). */
  function mintToken(
    userId: string,
    scopes = BRIDGE_SCOPES,
    expiresInSeconds?: number,
    clientId?: string,
  ): IssuedTokens {
    user(userId);
    const client = clientId ?? core.clients.list()[0]?.id ?? 'control';
    const ttl = expiresInSeconds === undefined ? undefined : expiresInSeconds * 1000;
    return core.tokens.issue(userId, scopes, client, ttl);
  }

  return { user, createUser, follow, post, deleteAsAuthor, like, addMedia, mintToken };
}
export type World = ReturnType<typeof createWorld>;
