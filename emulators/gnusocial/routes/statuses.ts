import { deleteNotice, isFavedByAnyone } from '../domain/deletion.ts';
import { phpIntval } from '../domain/php.ts';
import { unixSeconds } from '../domain/dates.ts';
import { repeatNotice } from '../domain/repeats.ts';
import type { Notice } from '../domain/state.ts';
import { inScope } from '../domain/visibility.ts';
import { handleError, prepareError } from '../errors.ts';
import type { ApiContext, Endpoint } from '../http/endpoint.ts';
import { trimmed } from '../http/request.ts';
import { sendStatus, userCacheHash, withCaching } from '../http/respond.ts';

function noticeId(ctx: ApiContext): number {
  return phpIntval(trimmed(ctx.req, 'id'));
}

/**
 * `statuses/show/:id` (and `show.json?id=`, which wins): 410 "Notice deleted." for a notice
 * that existed, 404 for one that never did, 403 for one out of the viewer's scope.
 */
const show: Endpoint = {
  path: /statuses\/show(?:\/(?<id>\d+))?/,
  auth: 'optional',
  readOnly: (method) => method === 'GET' || method === 'HEAD',
  handle(ctx) {
    const id = noticeId(ctx);
    const notice = ctx.state.notices.get(id);
    if (!notice) {
      if (ctx.state.deleted.has(id)) throw prepareError(410, 'Notice deleted.');
      throw prepareError(404, 'No such notice.');
    }
    if (!inScope(ctx.state, notice, ctx.viewer)) throw prepareError(403, 'Access restricted.');

    if (ctx.req.method === 'DELETE')
      throw handleError(400, 'Can only delete using the Atom format.');
    if (ctx.req.method !== 'GET') throw handleError(405, 'HTTP method not supported.');

    const etag = `"ApiStatusesShow:${userCacheHash(ctx.viewer)}:en:${notice.id}:${unixSeconds(notice.createdAt)}"`;
    return withCaching(ctx, { etag, lastModifiedMs: notice.createdAt }, () =>
      sendStatus(ctx, notice),
    );
  },
};

/**
 * `statuses/destroy/:id`, by POST or DELETE. Keeps the captured quirk: deleting a notice that
 * someone faved fails with a 500 and the notice stays (unless the quirk is switched off).
 */
const destroy: Endpoint = {
  path: /statuses\/destroy\/(?<id>\d+)/,
  auth: 'required',
  readOnly: () => false,
  handle(ctx) {
    if (!['POST', 'DELETE'].includes(ctx.req.method)) {
      throw prepareError(400, 'This method requires a POST or DELETE.');
    }
    const notice = ctx.state.notices.get(noticeId(ctx));
    if (!notice) throw prepareError(404, 'No status found with that ID.');

    // Authentication is required, so there is a viewer.
    if (notice.authorId !== ctx.viewer!.id) {
      throw handleError(403, "You may not delete another user's status.");
    }
    if (ctx.state.settings.quirks.destroyFavedAnswers500 && isFavedByAnyone(ctx.state, notice)) {
      throw handleError(500, `No parent for notice with ID "${notice.id}".`);
    }

    deleteNotice(ctx.state, notice);
    return sendStatus(ctx, notice);
  },
};

/** `statuses/retweet/:id`: the answer is the new repeat, carrying `retweeted_status`. */
const retweet: Endpoint = {
  path: /statuses\/retweet\/(?<id>\d+)/,
  auth: 'required',
  readOnly: () => false,
  handle(ctx) {
    if (ctx.req.method !== 'POST') throw prepareError(400, 'This method requires a POST.');
    const original: Notice | undefined = ctx.state.notices.get(noticeId(ctx));
    if (!original) throw prepareError(400, 'No such notice.');

    // Authentication is required, so there is a viewer.
    const repeat = repeatNotice(ctx.state, ctx.viewer!, original, ctx.source);
    const stale = ctx.state.settings.quirks.retweetAnswerShowsNotRepeated;
    return sendStatus(ctx, repeat, { originalNotYetRepeated: stale });
  },
};

export const statusEndpoints: Endpoint[] = [show, destroy, retweet];
