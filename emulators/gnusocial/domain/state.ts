/**
 * The whole world of one emulated GNU social site. Tests may read it directly; bridge code only
 * ever speaks HTTP to it. Mutations go through the domain modules beside this one, which keep
 * the rules (ids, scopes, counters) in one place.
 */

/** A local account. `protected` is GNU social's "private stream" setting. */
export interface User {
  id: number;
  nickname: string;
  password: string;
  fullname: string;
  email: string | null;
  protected: boolean;
  createdAt: number;
}

/** Verbs of the notices the API shows. Faves and deletes also make activity notices, but those
 * only burn an id here: the API never lists them. */
export type NoticeVerb = 'post' | 'share' | 'follow';

export interface Notice {
  id: number;
  authorId: number;
  verb: NoticeVerb;
  /** The `text` field: what was posted, after GNU social's entity decoding. */
  content: string;
  /** The `statusnet_html` field, rendered once when saved, as GNU social stores it. */
  rendered: string;
  uri: string;
  createdAt: number;
  /** The source code given by the client (`api` when none, `activity` for follows). */
  source: string;
  replyTo: number | null;
  repeatOf: number | null;
  conversation: number;
  /** Follower-only scope: set when the author had a private stream at posting time. */
  followersOnly: boolean;
  /** File ids, in the order the notice links them. */
  attachments: number[];
  /** Users this notice is addressed to (mentions and the replied-to author): their mentions. */
  attention: number[];
}

export interface Subscription {
  createdAt: number;
  /** The `notifications` flag (`on` / `off` commands). */
  notify: boolean;
}

export interface Fave {
  userId: number;
  noticeId: number;
  createdAt: number;
}

/** A linked URL or an upload. Remote URLs have no metadata: GNU social shows null for both. */
export interface StoredFile {
  id: number;
  url: string;
  mimetype: string | null;
  size: number | null;
  bytes: Uint8Array<ArrayBuffer> | null;
}

export interface DirectMessage {
  id: number;
  fromId: number;
  toId: number;
  text: string;
  createdAt: number;
}

/** An OAuth application registered on the site (through the control API here). */
export interface Consumer {
  key: string;
  secret: string;
  name: string;
  organization: string;
  sourceUrl: string | null;
  callbackUrl: string | null;
  access: 'read' | 'read-write';
}

export interface OAuthToken {
  key: string;
  secret: string;
  consumerKey: string;
  kind: 'request' | 'access';
  /** Request tokens: 0 issued, 1 authorized, 2 exchanged or revoked. */
  state: 0 | 1 | 2;
  callback: string;
  verifier: string;
  userId: number | null;
  access: 'read' | 'read-write';
}

/** Behaviours of the real site that are bugs, each switchable for tests. */
export interface Quirks {
  /** `favorites/destroy` unfaves but answers 500 "No parent for notice" (ActivityPub plugin). */
  unfaveAnswers500: boolean;
  /** `statuses/destroy` of a notice someone faved answers 500 and the notice stays. */
  destroyFavedAnswers500: boolean;
  /** `account/register` creates the account but answers 400 "mail() returned failure". */
  registerMailFails: boolean;
  /** The `statuses/retweet` answer shows the original with `repeated: false`, as captured. */
  retweetAnswerShowsNotRepeated: boolean;
}

export interface Settings {
  siteName: string;
  /** `site.textlimit` in `statusnet/config`; 0 means no limit. */
  textLimit: number;
  uploads: boolean;
  /** `attachments.file_quota`: the largest upload, in bytes. */
  fileQuota: number;
  /** `site.dupelimit`: identical text by the same user within this many seconds is refused. */
  dupeLimitSeconds: number;
  quirks: Quirks;
}

export interface GnuSocialState {
  /** Public base URL without trailing slash, e.g. `http://127.0.0.1:8088`. */
  baseUrl: string;
  settings: Settings;
  users: Map<number, User>;
  notices: Map<number, Notice>;
  /** Ids of notices that existed and were deleted: `statuses/show` answers 410 for them. */
  deleted: Set<number>;
  /** follower id -> followed id -> subscription. Self-subscriptions are implicit. */
  subscriptions: Map<number, Map<number, Subscription>>;
  faves: Fave[];
  files: Map<number, StoredFile>;
  messages: DirectMessage[];
  consumers: Map<string, Consumer>;
  tokens: Map<string, OAuthToken>;
  nonces: Map<string, number>;
  /** CSRF tokens of authorize forms we rendered. */
  formTokens: Set<string>;
  next: { user: number; notice: number; conversation: number; file: number; message: number };
  /** Milliseconds since the epoch, as the site sees it; tests inject or shift it. */
  now(): number;
  /** Shifts the clock by this many milliseconds (control API). */
  clockOffsetMs: number;
}

export const defaultQuirks: Quirks = {
  unfaveAnswers500: true,
  destroyFavedAnswers500: true,
  registerMailFails: false,
  retweetAnswerShowsNotRepeated: true,
};

/** The configuration of the captured site (`statusnet/config` of GNU social 2.0.1). */
export function defaultSettings(): Settings {
  return {
    siteName: 'GS Test',
    textLimit: 1000,
    uploads: true,
    fileQuota: 2_097_152,
    dupeLimitSeconds: 60,
    quirks: { ...defaultQuirks },
  };
}

export interface StateOptions {
  baseUrl?: string;
  /** The clock; defaults to `Date.now`. Inject one for deterministic tests. */
  now?: () => number;
}

export function createState(options: StateOptions = {}): GnuSocialState {
  const clock = options.now ?? Date.now;
  const state: GnuSocialState = {
    baseUrl: options.baseUrl ?? 'http://gnusocial.test',
    settings: defaultSettings(),
    users: new Map(),
    notices: new Map(),
    deleted: new Set(),
    subscriptions: new Map(),
    faves: [],
    files: new Map(),
    messages: [],
    consumers: new Map(),
    tokens: new Map(),
    nonces: new Map(),
    formTokens: new Set(),
    next: { user: 1, notice: 1, conversation: 1, file: 1, message: 1 },
    now: () => clock() + state.clockOffsetMs,
    clockOffsetMs: 0,
  };
  return state;
}

/** Empties the world but keeps the base URL and the clock. */
export function resetState(state: GnuSocialState): void {
  const fresh = createState({ baseUrl: state.baseUrl });
  const { now, clockOffsetMs } = state;
  Object.assign(state, fresh, { now, clockOffsetMs });
}

/** `127.0.0.1:8088`: the `server` of the site config and of tag: URIs. */
export function siteServer(state: GnuSocialState): string {
  return new URL(state.baseUrl).host;
}

/** GNU social compares nicknames in their canonical, lower-case form. */
export function userByNickname(state: GnuSocialState, nickname: string): User | undefined {
  const wanted = nickname.trim().toLowerCase();
  for (const user of state.users.values()) if (user.nickname === wanted) return user;
  return undefined;
}

export function requireUser(state: GnuSocialState, id: number): User {
  const user = state.users.get(id);
  // Notices and faves only ever point at users that exist: users are never deleted.
  if (!user) throw new Error(`no user ${id}`);
  return user;
}

/** `getBestName()`: the full name when set, else the nickname. */
export function bestName(user: User): string {
  return user.fullname === '' ? user.nickname : user.fullname;
}

/** Activity notices (faves, deletes) take a notice id but are never shown by the API. */
export function burnNoticeId(state: GnuSocialState): number {
  return state.next.notice++;
}
