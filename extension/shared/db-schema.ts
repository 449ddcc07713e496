import type { DBSchema } from 'idb';
import type { RelayEvent } from '../../protocol/relay-events.ts';

/**
 * Everything the extension stores, described once. Credentials live here and nowhere else:
 * never in storage.sync, never in a log, and sent only to their own service.
 */

/** How the bridge authenticates to a StatusNet site. */
export type StatusNetAuth =
  | { kind: 'basic'; username: string; password: string }
  | {
      kind: 'oauth1';
      consumerKey: string;
      consumerSecret: string;
      token: string;
      tokenSecret: string;
    };

/** A connected StatusNet account: the user's own, or the import account posts are written as. */
export interface StatusNetAccount {
  role: 'statusnet' | 'import';
  /** The API root, e.g. `https://social.example/api` (no trailing slash). */
  apiBase: string;
  auth: StatusNetAuth;
  userId: number;
  screenName: string;
  name: string;
  profileUrl: string;
  /** A private stream keeps imported posts from federating as the site's own. */
  protected: boolean;
  /** The site's text limit from statusnet/config (0 = unlimited). */
  textLimit: number;
  connectedAt: number;
}

/** The connected X account and its OAuth 2.0 tokens. */
export interface XAccount {
  role: 'x';
  userId: string;
  username: string;
  name: string;
  accessToken: string;
  refreshToken: string | undefined;
  /** Epoch ms when the access token stops working. */
  expiresAt: number;
  scopes: string[];
  /** `reconnect` once a refresh failed: everything that needs X waits for the user. */
  state: 'ok' | 'reconnect';
  connectedAt: number;
}

export type Account = StatusNetAccount | XAccount;

/** One side of a notice <-> post link, with what the pair stands for. */
export interface Link {
  /** `${kind}:${noticeId}`: one link per notice and kind. */
  key: string;
  noticeId: number;
  xPostId: string;
  direction: 'export' | 'import';
  kind: 'post' | 'repost' | 'like';
  /** The X handle of the post's author, for mapping @mentions and linking in the log. */
  xUsername?: string;
  createdAt: number;
}

/** What an outbox entry asks X to do. */
export type OutboxAction =
  | {
      type: 'post';
      text: string;
      replyToPostId?: string;
      /** The notice replied to, whose X post is looked up when the entry runs (it may be queued). */
      replyToNoticeId?: number;
      /**
       * The notice's images, fetched and uploaded when the entry runs (docs/media.md): the post
       * goes out with all of them or waits.
       */
      media?: { url: string; altText?: string }[];
      /** Files left as links in the text, and why, for the activity log. */
      linkedMedia?: string;
    }
  | { type: 'repost'; xPostId: string }
  | { type: 'unrepost'; xPostId: string }
  | { type: 'like'; xPostId: string }
  | { type: 'unlike'; xPostId: string }
  | { type: 'delete'; xPostId?: string };

export type OutboxState = 'pending' | 'failed' | 'done' | 'cancelled' | 'skipped';

/** A durable request to X, retried until it succeeds or fails for a reason the user can read. */
export interface OutboxEntry {
  seq?: number;
  /** The notice this acts for; entries of one notice run in order. */
  noticeId: number;
  noticeUrl: string;
  action: OutboxAction;
  state: OutboxState;
  attempts: number;
  /** Epoch ms before which the entry is not tried (backoff, rate-limit wait). */
  notBefore: number;
  /** Set while an attempt's outcome is unknown; cleared when it is known. */
  inFlightSince?: number;
  lastError?: string;
  createdAt: number;
  doneAt?: number;
  xPostId?: string;
}

/** An X post received from the relay, waiting to become (or having become) a notice. */
export interface ImportEntry {
  postId: string;
  event: RelayEvent;
  state: 'pending' | 'failed' | 'done' | 'skipped';
  attempts: number;
  notBefore: number;
  lastError?: string;
  receivedAt: number;
  noticeId?: number;
  /** Set before a StatusNet write whose answer may be lost; the next attempt looks first. */
  inFlightSince?: number;
}

/** One line of the user-readable activity log. */
export interface ActivityEntry {
  id?: number;
  at: number;
  level: 'info' | 'warn' | 'error';
  area: 'export' | 'import' | 'account' | 'relay' | 'system';
  message: string;
  noticeUrl?: string;
  xUrl?: string;
}

export interface BridgeDB extends DBSchema {
  /** Small named values: settings, watcher state, relay subscription, start times. */
  kv: { key: string; value: unknown };
  accounts: { key: Account['role']; value: Account };
  links: {
    key: string;
    value: Link;
    indexes: { 'by-notice': number; 'by-post': string };
  };
  outbox: {
    key: number;
    value: OutboxEntry;
    indexes: { 'by-state': OutboxState; 'by-notice': number };
  };
  imports: {
    key: string;
    value: ImportEntry;
    indexes: { 'by-state': ImportEntry['state'] };
  };
  activity: { key: number; value: ActivityEntry; indexes: { 'by-at': number } };
}
