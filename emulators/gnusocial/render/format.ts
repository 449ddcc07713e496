import { favesCount, hasFaved } from '../domain/faves.ts';
import { currentNotice, parentOf, statusesCount } from '../domain/notices.ts';
import { twitterDate } from '../domain/dates.ts';
import { repeatBy } from '../domain/repeats.ts';
import type { GnuSocialState, Notice, User } from '../domain/state.ts';
import { bestName, requireUser } from '../domain/state.ts';
import { followersCount, friendsCount, profileUrl, relation } from '../domain/subscriptions.ts';
import { inScope } from '../domain/visibility.ts';

/** Who is looking: `following`, `favorited` and `repeated` are relative to the viewer. */
export interface Viewpoint {
  state: GnuSocialState;
  viewer: User | null;
}

export type JsonObject = Record<string, unknown>;

// Sources the API maps to "api" on input and shows as null (captured: a notice posted without
// `source` has `"source": null`).
const reservedSources = new Set(['web', 'omb', 'ostatus', 'mail', 'xmpp', 'api']);

/**
 * `twitterUserArray()`, keys in GNU social 2.x's order. With `withStatus`, the user's latest
 * notice is embedded as `status` (without its `user`), as `verify_credentials` and
 * `friendships/create` do.
 */
export function userJson(view: Viewpoint, user: User, withStatus = false): JsonObject {
  const { state } = view;
  const avatar = `${state.baseUrl}/theme/neo-quitter/default-avatar`;
  const { following, notifications } = relation(state, view.viewer, user);

  const json: JsonObject = {
    id: user.id,
    name: bestName(user),
    screen_name: user.nickname,
    location: null,
    description: null,
    profile_image_url: `${avatar}-stream.png`,
    profile_image_url_https: `${avatar}-stream.png`,
    profile_image_url_profile_size: `${avatar}-profile.png`,
    profile_image_url_original: `${avatar}-profile.png`,
    groups_count: 0,
    linkcolor: false,
    backgroundcolor: false,
    url: null,
    protected: user.protected,
    followers_count: followersCount(state, user.id),
    friends_count: friendsCount(state, user.id),
    created_at: twitterDate(user.createdAt),
    utc_offset: '0',
    time_zone: 'UTC',
    statuses_count: statusesCount(state, user.id),
    following,
    statusnet_blocking: false,
    notifications,
  };

  const latest = withStatus ? currentNotice(state, user.id) : undefined;
  if (latest && inScope(state, latest, view.viewer)) {
    json.status = statusJson(view, latest, { includeUser: false });
  }
  json.statusnet_profile_url = profileUrl(state, user);
  json.favourites_count = favesCount(state, user.id);
  return json;
}

export interface StatusOptions {
  includeUser?: boolean;
  /** Show the repeated original as not repeated yet (the captured `statuses/retweet` answer). */
  originalNotYetRepeated?: boolean;
}

/** `twitterStatusArray()`: a notice, and for a repeat the original as `retweeted_status`. */
export function statusJson(view: Viewpoint, notice: Notice, options: StatusOptions = {}) {
  const json = simpleStatusJson(view, notice, options.includeUser ?? true, false);

  const original = notice.repeatOf === null ? undefined : view.state.notices.get(notice.repeatOf);
  if (original) {
    json.retweeted_status = simpleStatusJson(
      view,
      original,
      options.includeUser ?? true,
      options.originalNotYetRepeated ?? false,
    );
  }
  return json;
}

function simpleStatusJson(
  view: Viewpoint,
  notice: Notice,
  includeUser: boolean,
  hideRepeated: boolean,
): JsonObject {
  const { state, viewer } = view;
  const parent = parentOf(state, notice);
  const parentAuthor = parent && requireUser(state, parent.authorId);

  const json: JsonObject = {
    text: notice.content,
    truncated: false,
    created_at: twitterDate(notice.createdAt),
    // A string, not a number: GNU social passes the database value through (captured).
    in_reply_to_status_id: parent ? String(parent.id) : null,
    uri: notice.uri,
    ...sourceFields(state, notice.source),
    id: notice.id,
    in_reply_to_user_id: parentAuthor?.id ?? null,
    in_reply_to_screen_name: parentAuthor?.nickname ?? null,
    geo: null,
  };

  if (notice.attachments.length > 0)
    json.attachments = notice.attachments.map((id) => enclosure(state, id));
  if (includeUser) json.user = userJson(view, requireUser(state, notice.authorId));
  json.statusnet_html = notice.rendered;
  json.statusnet_conversation_id = notice.conversation;
  json.favorited = viewer ? hasFaved(state, viewer.id, notice.id) : false;

  const repeat = viewer && !hideRepeated ? repeatBy(state, viewer.id, notice.id) : undefined;
  json.repeated = repeat !== undefined;
  if (repeat) json.repeated_id = repeat.id;
  return json;
}

/** The application name (and its URL) for OAuth clients, else the code the client gave. */
function sourceFields(state: GnuSocialState, code: string) {
  if (reservedSources.has(code)) return { source: null, source_link: null };
  const app = [...state.consumers.values()].find((c) => c.name === code);
  return { source: code, source_link: app?.sourceUrl ?? null };
}

/**
 * An attachment as `File::getEnclosure()` gives it. Remote URLs have null type and size.
 * Uploads carry their size as a string: GNU social passes database values through untyped,
 * as it does for `in_reply_to_status_id` (inferred; no capture has an upload).
 */
function enclosure(state: GnuSocialState, fileId: number) {
  const file = state.files.get(fileId);
  return {
    url: file?.url ?? null,
    mimetype: file?.mimetype ?? null,
    size: file?.size === null || file?.size === undefined ? null : String(file.size),
  };
}
