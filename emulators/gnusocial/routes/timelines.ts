import type { Notice, User } from '../domain/state.ts';
import {
  favoritesStream,
  homeStream,
  mentionsStream,
  pageOf,
  userStream,
} from '../domain/streams.ts';
import { assertCanReadStream } from '../domain/visibility.ts';
import { handleError, prepareError } from '../errors.ts';
import { paging, targetUser } from '../http/args.ts';
import type { ApiContext, Endpoint } from '../http/endpoint.ts';
import { sendTimeline, timelineCaching } from '../http/respond.ts';

const readOnlyGet = (method: string) => method === 'GET' || method === 'HEAD';

function owner(ctx: ApiContext): User {
  const user = targetUser(ctx);
  if (!user) throw prepareError(404, 'No such user.');
  return user;
}

function timeline(ctx: ApiContext, action: string, user: User, all: Notice[], extra = {}) {
  const notices = pageOf(all, paging(ctx));
  return sendTimeline(ctx, notices, timelineCaching(ctx, action, user.id, notices), extra);
}

/** `statuses/user_timeline`: public reading by `screen_name` / `user_id` / `id` is allowed. */
const userTimeline: Endpoint = {
  path: /statuses\/user_timeline(?:\/(?<id>[^/]+))?/,
  auth: 'unless-user-named',
  readOnly: readOnlyGet,
  handle(ctx) {
    const user = owner(ctx);
    assertCanReadStream(ctx.state, user, ctx.viewer);

    // A POST here is AtomPub posting, which only the owner may do and only in Atom.
    if (ctx.req.method === 'POST') {
      if (ctx.viewer?.id !== user.id) {
        throw handleError(400, 'Only the user can add to their own timeline.');
      }
      throw handleError(400, 'Only accept AtomPub for Atom feeds.');
    }

    const all = userStream(ctx.state, user, ctx.viewer);
    const sup = { 'X-SUP-ID': `${ctx.state.baseUrl}/main/sup` };
    return timeline(ctx, 'ApiTimelineUser', user, all, sup);
  },
};

function inbox(path: RegExp, action: string): Endpoint {
  return {
    path,
    auth: 'required',
    readOnly: () => true,
    handle(ctx) {
      // Authentication is required, so there is a viewer.
      const user = ctx.viewer!;
      return timeline(ctx, action, user, homeStream(ctx.state, user));
    },
  };
}

const mentions: Endpoint = {
  path: /statuses\/(?:mentions|replies)(?:\/(?<id>[^/]+))?/,
  auth: 'unless-user-named',
  readOnly: () => true,
  handle(ctx) {
    const user = owner(ctx);
    return timeline(ctx, 'ApiTimelineMentions', user, mentionsStream(ctx.state, user, ctx.viewer));
  },
};

/** `favorites` of the authenticated user, or of anyone named, anonymously too. */
const favorites: Endpoint = {
  path: /favorites(?:\/(?<id>[^/]+))?/,
  auth: 'unless-user-named',
  readOnly: () => true,
  handle(ctx) {
    const user = owner(ctx);
    const all = favoritesStream(ctx.state, user, ctx.viewer);
    return timeline(ctx, 'ApiTimelineFavorites', user, all);
  },
};

export const timelineEndpoints: Endpoint[] = [
  userTimeline,
  inbox(/statuses\/home_timeline/, 'ApiTimelineHome'),
  inbox(/statuses\/friends_timeline(?:\/(?<id>[^/]+))?/, 'ApiTimelineFriends'),
  mentions,
  favorites,
];
