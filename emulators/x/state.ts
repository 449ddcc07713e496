import type { QueryNode } from './query/parse.ts';

/** An X account. */
export interface XUser {
  id: string;
  username: string;
  name: string;
  description: string;
  location: string | undefined;
  url: string;
  createdAt: number;
  protected: boolean;
  verified: boolean;
  pinnedPostId: string | undefined;
}

/** A URL in a post's text, already wrapped in t.co as X does; indices are in code points. */
export interface XUrlEntity {
  start: number;
  end: number;
  url: string;
  expandedUrl: string;
  displayUrl: string;
  mediaKey: string | undefined;
}

/** A post (tweet), repost or reply. `text` is what X returns: URLs replaced by t.co links. */
export interface XPost {
  id: string;
  authorId: string;
  text: string;
  /** The text as submitted, before t.co wrapping: what duplicate detection compares. */
  submittedText: string;
  createdAt: number;
  conversationId: string;
  inReplyToPostId: string | undefined;
  inReplyToUserId: string | undefined;
  quotedPostId: string | undefined;
  repostedPostId: string | undefined;
  mediaKeys: string[];
  urls: XUrlEntity[];
  displayTextRange: [number, number];
  lang: string;
  source: string;
  deletedAt: number | undefined;
}

/** An uploaded image. */
export interface XMedia {
  id: string;
  key: string;
  ownerId: string;
  mimeType: string;
  bytes: Uint8Array;
  width: number;
  height: number;
  altText: string | undefined;
  createdAt: number;
  expiresAt: number;
}

/** A filtered-stream rule, with its parsed query kept for matching. */
export interface XRule {
  id: string;
  value: string;
  tag: string | undefined;
  query: QueryNode;
}

type Listener<T> = (value: T) => void;

function createSignal<T>() {
  const listeners = new Set<Listener<T>>();
  return {
    on(listener: Listener<T>) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(value: T) {
      for (const listener of listeners) listener(value);
    },
  };
}

/**
 * Everything the emulated X knows, in memory. Plain maps: the operations that keep them
 * consistent live in `posting.ts` and `world.ts`.
 */
export function createState() {
  const users = new Map<string, XUser>();
  const usernames = new Map<string, string>();
  const posts = new Map<string, XPost>();
  /** follower id -> (followed id -> since). Insertion order is follow order. */
  const follows = new Map<string, Map<string, number>>();
  /** user id -> (post id -> since). */
  const likes = new Map<string, Map<string, number>>();
  const media = new Map<string, XMedia>();
  const rules = new Map<string, XRule>();
  const events = { posted: createSignal<XPost>(), deleted: createSignal<XPost>() };

  function userByName(username: string): XUser | undefined {
    const id = usernames.get(username.toLowerCase());
    return id === undefined ? undefined : users.get(id);
  }

  /** Media by key ("<type>_<media id>"; photos are type 3). */
  function mediaByKey(key: string): XMedia | undefined {
    return media.get(key.slice(key.indexOf('_') + 1));
  }

  function livePost(id: string): XPost | undefined {
    const post = posts.get(id);
    return post && post.deletedAt === undefined ? post : undefined;
  }

  function clear(): void {
    users.clear();
    usernames.clear();
    posts.clear();
    follows.clear();
    likes.clear();
    media.clear();
    rules.clear();
  }

  return {
    users,
    usernames,
    posts,
    follows,
    likes,
    media,
    rules,
    events,
    userByName,
    livePost,
    mediaByKey,
    clear,
  };
}
export type XState = ReturnType<typeof createState>;
