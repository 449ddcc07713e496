import { addFave, faveTarget, removeFave } from '../domain/faves.ts';
import { phpIntval } from '../domain/php.ts';
import type { Notice } from '../domain/state.ts';
import { inScope } from '../domain/visibility.ts';
import { handleError } from '../errors.ts';
import type { ApiContext, Endpoint } from '../http/endpoint.ts';
import { trimmed } from '../http/request.ts';
import { sendStatus } from '../http/respond.ts';

/** The notice to fave or unfave: a repeat stands for its original. */
function target(ctx: ApiContext): Notice {
  const notice = ctx.state.notices.get(phpIntval(trimmed(ctx.req, 'id')));
  if (!notice || !inScope(ctx.state, notice, ctx.viewer)) {
    throw handleError(404, 'No status found with that ID.');
  }
  return faveTarget(ctx.state, notice);
}

const create: Endpoint = {
  path: /favorites\/create\/(?<id>\d+)/,
  needPost: true,
  auth: 'required',
  handle(ctx) {
    const notice = target(ctx);
    // Authentication is required, so there is a viewer.
    addFave(ctx.state, ctx.viewer!, notice);
    return sendStatus(ctx, notice);
  },
};

/**
 * `favorites/destroy/:id`. On the captured site (ActivityPub plugin on) the unfave happens and
 * the answer is nevertheless a 500 "No parent for notice"; with the quirk off (as on the
 * captured workaround instance) the answer is the notice.
 */
const destroy: Endpoint = {
  path: /favorites\/destroy\/(?<id>\d+)/,
  needPost: true,
  auth: 'required',
  handle(ctx) {
    const notice = target(ctx);
    removeFave(ctx.state, ctx.viewer!, notice);
    if (ctx.state.settings.quirks.unfaveAnswers500) {
      throw handleError(500, `No parent for notice with ID "${notice.id}".`);
    }
    return sendStatus(ctx, notice);
  },
};

export const favoriteEndpoints: Endpoint[] = [create, destroy];
