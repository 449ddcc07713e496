import type { RelayEvent, RelayPost } from '../../protocol/index.ts';

/**
 * The relay's durable state, behind an interface so that a PostgreSQL store can replace the
 * embedded SQLite one when a relay outgrows one machine. Methods are synchronous because
 * better-sqlite3 is; a networked store would make them async, and callers are few.
 */
export interface RelayStore extends SubscriptionStore, EventLog, StateStore {
  /** Closes the database; nothing may be called after. */
  close(): void;
}

/** One subscription as the API reports it. */
export interface SubscriptionRecord {
  id: string;
  xUserId: string | null;
  follows: number;
  ackedSeq: number;
  /** The newest of this subscription's events that retention removed (0 when none). */
  lostThroughSeq: number;
}

/** The ids a subscription started and stopped following in one change. */
export interface FollowsChange {
  added: string[];
  removed: string[];
}

export interface SubscriptionStore {
  /** Stores a new subscription; its secret only as a hash. */
  createSubscription(id: string, secretHash: Buffer, now: number): void;
  /** The stored secret hash, or undefined for an unknown subscription. */
  secretHashOf(id: string): Buffer | undefined;
  subscription(id: string): SubscriptionRecord | undefined;
  /** Replaces the user's X id and followed ids; answers what changed. */
  setFollows(id: string, xUserId: string, followIds: readonly string[]): FollowsChange;
  followsOf(id: string): string[];
  /** Forgets the subscription: follows, deliveries, cursor. Answers the follows it had. */
  deleteSubscription(id: string): FollowsChange | undefined;
  /** Moves the acknowledged cursor forward (never back, never past the log's head). */
  acknowledge(id: string, seq: number): number;
  /** How many subscriptions follow each followed id. */
  followerCounts(): Map<string, number>;
  subscriptionCount(): number;
  /** How many subscriptions follow at least one of `ids`. */
  countSubscriptionsFollowing(ids: readonly string[]): number;
}

/** What appending to the log did: the event's sequence and who it was delivered to. */
export interface Appended {
  seq: number;
  recipients: string[];
}

/** One event as the text of the WebSocket message `{ type: 'event', event }`. */
export interface EventFrame {
  seq: number;
  frame: string;
}

export interface EventLog {
  /**
   * Appends a post once, delivered to the subscriptions whose timeline it belongs in
   * (`audience.ts`). Undefined when the post was already in the log (a duplicate);
   * `recipients` is empty, and no event is written, when nobody follows its author. `body`
   * is the post's JSON text as stored.
   */
  appendPost(post: RelayPost, now: number): (Appended & { body: string }) | undefined;
  /** Appends a `delete` for those who received the post; undefined if unknown or done. */
  appendDelete(postId: string, now: number): Appended | undefined;
  /** A subscription's events after `after`, oldest first. */
  readEvents(subscriptionId: string, after: number, limit: number): RelayEvent[];
  /**
   * The same events as `readEvents`, each already written as the socket's `event` message:
   * the stored post body goes into the frame as it is, with no parse and no stringify per
   * delivery, which is most of what fan-out to many sockets costs.
   */
  readEventFrames(subscriptionId: string, after: number, limit: number): EventFrame[];
  /** Oldest sequence the log holds (0 when empty) and the newest ever written. */
  logBounds(): { oldestSeq: number; headSeq: number };
  /** Live posts first seen since `since` that reached someone, by id after `afterId`. */
  deliveredPostsSince(
    since: number,
    afterId: string,
    limit: number,
  ): { id: string; seenAt: number }[];
  /** Drops events older than `eventsBefore`, and post ids kept for dedupe before `idsBefore`. */
  sweepRetention(eventsBefore: number, idsBefore: number): number;
}

/** Small named values the relay keeps across restarts (stream positions). */
export interface StateStore {
  getState(key: string): string | undefined;
  setState(key: string, value: string): void;
}
