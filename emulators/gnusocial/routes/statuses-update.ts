import { currentNotice } from '../domain/notices.ts';
import { executeCommand, interpretCommand } from '../domain/commands.ts';
import { htmlEntityDecodeNoQuotes, mbStrlen, phpIntval, phpTruthy } from '../domain/php.ts';
import { postNotice } from '../domain/posting.ts';
import type { Notice, User } from '../domain/state.ts';
import { attachmentPageUrl, storeUpload } from '../domain/uploads.ts';
import { handleError } from '../errors.ts';
import type { ApiContext, Endpoint } from '../http/endpoint.ts';
import { trimmed } from '../http/request.ts';
import { sendStatus } from '../http/respond.ts';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * `statuses/update`, in `ApiStatusesUpdateAction::handle()`'s order: a body PHP could not parse
 * (a JSON body) is refused with PHP's "that much POST data" words, then an empty status, then
 * command words (swallowed; the answer is the latest notice), the replied-to notice, the upload,
 * the length (413), and `Notice::saveNew`'s duplicate check.
 */
export const statusesUpdate: Endpoint = {
  path: /statuses\/update/,
  needPost: true,
  auth: 'required',
  handle(ctx) {
    const { req, state } = ctx;
    // Authentication is required, so there is a viewer.
    const user = ctx.viewer!;

    const nothingParsed = Object.keys(req.post).length === 0 && Object.keys(req.files).length === 0;
    if (nothingParsed && req.contentLength > 0) {
      const n = req.contentLength;
      throw handleError(
        400,
        `The server was unable to handle that much POST data (${n} ${plural(n, 'byte', 'bytes')}) due to its current configuration.`,
      );
    }

    let status = trimmed(req, 'status');
    if (!phpTruthy(status)) {
      throw handleError(400, "Client must provide a 'status' parameter with a value.");
    }

    const command = interpretCommand(status);
    if (command) {
      if (command.kind !== 'swallowed') executeCommand(state, user, command);
      return latestNotice(ctx, user);
    }

    const replyTo = parentNotice(ctx);
    status += mediaIdUrls(ctx);
    const upload = req.files.media;
    if (upload && (upload.filename !== '' || upload.bytes.length > 0)) {
      const file = storeUpload(state, {
        filename: upload.filename,
        declaredType: upload.type,
        bytes: upload.bytes,
      });
      status += ` ${attachmentPageUrl(state, file)}`;
    }

    const limit = state.settings.textLimit;
    if (limit > 0 && mbStrlen(status) > limit) {
      throw handleError(
        413,
        `Maximum notice size is ${limit} ${plural(limit, 'character', 'characters')}, including attachment URL.`,
      );
    }

    const content = htmlEntityDecodeNoQuotes(status);
    return sendStatus(ctx, postNotice(state, user, { content, source: ctx.source, replyTo }));
  },
};

function parentNotice(ctx: ApiContext): Notice | null {
  const id = phpIntval(trimmed(ctx.req, 'in_reply_to_status_id'));
  if (id === 0) return null;
  const parent = ctx.state.notices.get(id);
  if (!parent) throw handleError(404, 'Parent notice not found.');
  return parent;
}

/** `media_ids`: files uploaded before, linked by their attachment page URLs. */
function mediaIdUrls(ctx: ApiContext): string {
  const ids = new Set((ctx.req.args.media_ids ?? '').match(/\d+/g) ?? []);
  let urls = '';
  for (const id of ids) {
    const file = ctx.state.files.get(Number(id));
    if (file) urls += ` ${attachmentPageUrl(ctx.state, file)}`;
  }
  return urls;
}

/** After a command: the latest notice, or an empty answer when the user has none. */
function latestNotice(ctx: ApiContext, user: User): Response {
  const notice = currentNotice(ctx.state, user.id);
  if (notice) return sendStatus(ctx, notice);
  return new Response('', {
    status: 200,
    headers: { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/html; charset=UTF-8' },
  });
}
