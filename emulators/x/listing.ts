import type { Context } from 'hono';
import { compareIds } from './ids.ts';
import { body, expandPosts } from './includes.ts';
import { cursorToken, readCursorToken } from './pagination.ts';
import type { readQuery } from './params.ts';
import { renderTweet, type RenderContext } from './render.ts';
import type { XPost } from './state.ts';

/** The common window of newest-first post listings (search, user timelines). */
export interface PostWindow {
  sinceId: string | undefined;
  untilId: string | undefined;
  startTime: number | undefined;
  endTime: number | undefined;
  /** Only posts older than this id (from a pagination token). */
  before: string | undefined;
  max: number;
}

/** Reads `since_id`, `until_id`, `start_time`, `end_time` and the pagination token. */
export function readPostWindow(
  q: ReturnType<typeof readQuery>,
  tokenNames: readonly string[],
  maxRange: [number, number, number],
): PostWindow {
  let before: string | undefined;
  for (const name of tokenNames) {
    const raw = q.raw(name);
    if (raw === undefined) continue;
    before = readCursorToken(raw);
    if (before === undefined) {
      q.errors.push({
        parameters: { [name]: [raw] },
        message: `The \`${name}\` query parameter value [${raw}] is not valid`,
      });
    }
  }
  return {
    sinceId: q.id('since_id'),
    untilId: q.id('until_id'),
    startTime: q.time('start_time'),
    endTime: q.time('end_time'),
    before,
    max: q.integer('max_results', ...maxRange),
  };
}

/** Filters candidates to the window, newest first, and cuts one page. */
export function pageOf(candidates: Iterable<XPost>, window: PostWindow) {
  const inWindow = [...candidates]
    .filter((p) => window.sinceId === undefined || compareIds(p.id, window.sinceId) > 0)
    .filter((p) => window.untilId === undefined || compareIds(p.id, window.untilId) < 0)
    .filter((p) => window.before === undefined || compareIds(p.id, window.before) < 0)
    .filter((p) => window.startTime === undefined || p.createdAt >= window.startTime)
    .filter((p) => window.endTime === undefined || p.createdAt < window.endTime)
    .sort((a, b) => compareIds(b.id, a.id));
  const page = inWindow.slice(0, window.max);
  const last = page.at(-1);
  return {
    page,
    nextToken: inWindow.length > page.length && last ? cursorToken(last.id) : undefined,
  };
}

/** Responds with a page of posts: `data`, `includes`, partial `errors` and `meta`. */
export function respondWithPage(
  c: Context,
  rc: RenderContext,
  page: XPost[],
  nextToken: string | undefined,
) {
  const first = page[0];
  const last = page.at(-1);
  const meta = {
    ...(first && last ? { newest_id: first.id, oldest_id: last.id } : {}),
    result_count: page.length,
    ...(nextToken ? { next_token: nextToken } : {}),
  };
  const data = page.length > 0 ? page.map((p) => renderTweet(rc, p)) : undefined;
  return c.json(body(data, expandPosts(rc, page), [], meta));
}
