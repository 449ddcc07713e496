import { crc32, phpJsonEncode } from '../domain/php.ts';
import { rfc1123Date, unixSeconds } from '../domain/dates.ts';
import type { Notice, User } from '../domain/state.ts';
import type { ClientError } from '../errors.ts';
import { errorPage, errorPageHeaders } from '../render/error-page.ts';
import type { JsonObject, StatusOptions } from '../render/format.ts';
import { statusJson, userJson } from '../render/format.ts';
import { errorXml, statusXml, timelineXml, userXml } from '../render/xml.ts';
import type { ApiContext } from './endpoint.ts';

const cors = { 'Access-Control-Allow-Origin': '*' };
const vary = { Vary: 'Accept-Encoding,Cookie' };
const contentTypes = {
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

/** A successful answer in the request's format. JSONP (`callback`) wraps JSON as PHP does. */
export function sendData(
  ctx: ApiContext,
  json: unknown,
  xml: () => string,
  headers: Record<string, string> = {},
): Response {
  const all = { ...cors, ...vary, ...headers, 'Content-Type': contentTypes[ctx.format] };
  if (ctx.format === 'xml') return new Response(xml(), { status: 200, headers: all });
  return new Response(jsonp(ctx, phpJsonEncode(json)), { status: 200, headers: all });
}

function jsonp(ctx: ApiContext, body: string): string {
  const callback = ctx.req.args.callback;
  return callback ? `${callback}(${body})` : body;
}

export function sendStatus(ctx: ApiContext, notice: Notice, options: StatusOptions = {}) {
  const json = statusJson(ctx, notice, options);
  return sendData(ctx, json, () => statusXml(json));
}

export function sendUser(ctx: ApiContext, user: User, withStatus: boolean): Response {
  const json = userJson(ctx, user, withStatus);
  return sendData(ctx, json, () => userXml(json));
}

/** `common_user_cache_hash()`: a checksum of the user's password record, 0 when anonymous. */
export function userCacheHash(user: User | null): number {
  return user ? crc32(`${user.id}:${user.password}`) : 0;
}

export interface Caching {
  etag: string;
  lastModifiedMs: number;
}

/**
 * `Action::handleHttpCaching()`: ETag and Last-Modified, and 304 when `If-None-Match` names the
 * ETag (or, without it, `If-Modified-Since` is not older). ETags are built on timestamps only,
 * so they stay the same after a fave: the captured stale 304.
 */
export function withCaching(ctx: ApiContext, caching: Caching | null, send: () => Response) {
  if (!caching) return send();
  const headers = {
    ETag: caching.etag,
    'Last-Modified': rfc1123Date(caching.lastModifiedMs),
    Expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
    'Cache-Control': 'private, must-revalidate, max-age=0',
    Pragma: '',
  };

  const ifNoneMatch = ctx.req.headers.get('if-none-match');
  const ifModifiedSince = ctx.req.headers.get('if-modified-since');
  const notModified = ifNoneMatch
    ? ifNoneMatch.split(',').some((tag) => [caching.etag, '*'].includes(tag.trim()))
    : ifModifiedSince !== null &&
      unixSeconds(caching.lastModifiedMs) <= unixSeconds(Date.parse(ifModifiedSince));
  if (notModified) {
    const plain = { 'Content-Type': 'text/html; charset=UTF-8' };
    return new Response(null, { status: 304, headers: { ...cors, ...vary, ...headers, ...plain } });
  }

  const response = send();
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** The ETag of a timeline: action, viewer hash, language, owner, newest and oldest times. */
export function timelineCaching(
  ctx: ApiContext,
  action: string,
  ownerId: number,
  notices: readonly Notice[],
): Caching | null {
  const [first, last] = [notices[0], notices.at(-1)];
  if (!first || !last) return null;
  const times = `${unixSeconds(first.createdAt)}:${unixSeconds(last.createdAt)}`;
  return {
    etag: `"${action}:${userCacheHash(ctx.viewer)}:en:${ownerId}:${times}"`,
    lastModifiedMs: first.createdAt,
  };
}

export function sendTimeline(
  ctx: ApiContext,
  notices: readonly Notice[],
  caching: Caching | null,
  headers: Record<string, string> = {},
): Response {
  return withCaching(ctx, caching, () => {
    const statuses: JsonObject[] = notices.map((n) => statusJson(ctx, n));
    return sendData(ctx, statuses, () => timelineXml(statuses), headers);
  });
}

/** `clientError()` in the request's format; the CORS header only for `handle()` errors. */
export function sendError(ctx: ApiContext, error: ClientError): Response {
  const headers: Record<string, string> = {
    ...(error.phase === 'handle' ? cors : {}),
    ...vary,
    ...error.headers,
    'Content-Type': contentTypes[ctx.format],
  };
  // With a JSONP callback GNU social keeps the status at 200 so the script still runs.
  const status = ctx.format === 'json' && ctx.req.args.callback ? 200 : error.status;
  const body =
    ctx.format === 'xml'
      ? errorXml(error.message, ctx.req.uri)
      : jsonp(ctx, phpJsonEncode({ error: error.message, request: ctx.req.uri }));
  return new Response(body, { status, headers });
}

/** The bare HTML 405 of actions that need POST (`<div class="error">...</div>`). */
export function sendNeedPost(): Response {
  return new Response('<div class="error">This method requires a POST.</div>', {
    status: 405,
    headers: { ...vary, 'Content-type': 'text/html; charset=UTF-8' },
  });
}

/** GNU social's full HTML error page: "Page not found." for paths it has no route for. */
export function sendErrorPage(
  state: ApiContext['state'],
  requestPath: string,
  page: { status: number; title: string; message: string } = {
    status: 404,
    title: 'Not Found',
    message: 'Page not found.',
  },
): Response {
  const { baseUrl: base, settings } = state;
  const html = errorPage({ base, siteName: settings.siteName, requestPath, ...page });
  return new Response(html, { status: page.status, headers: errorPageHeaders(base) });
}
