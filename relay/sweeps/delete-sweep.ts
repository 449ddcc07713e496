import type { Logger } from 'pino';
import type { Ingest } from '../ingest.ts';
import type { EventLog } from '../store/store.ts';
import type { XClient } from '../x/x-client.ts';
import { xLookupSchema } from '../x/x-schemas.ts';

export interface DeleteSweepOptions {
  client: XClient;
  log: EventLog;
  ingest: Ingest;
  /** How far back posts are checked: posts delivered within this window. */
  reachMs: number;
  /** How often the sweep runs: the unit of the ages at which a post is looked up. */
  intervalMs: number;
  logger: Logger;
  now?: () => number;
}

// `GET /2/tweets` takes at most 100 ids a call.
const IDS_PER_CALL = 100;
// X's problem type; older answers use the api.twitter.com host for the same path.
const NOT_FOUND = /\/2\/problems\/resource-not-found$/;

/**
 * The band of a post's age, in sweep intervals: [0, 1), [1, 2), [2, 4), [4, 8) and so on. A post
 * is looked up when it enters a band, so at ages of about 0, 1, 2, 4, 8... intervals: 8 reads
 * over a day at the defaults (15 min, 24 h) instead of 96, since X bills every post read.
 * Known shortcoming: deletes come soon after posting, mostly, but an old post's delete is seen
 * later, at worst when its age doubles. Lifted by subscribing to the `post.delete` events of
 * X's Activity API for the followed accounts (changelog, June 2026), which tell at once.
 */
export function ageBand(ageMs: number, intervalMs: number): number {
  if (ageMs < 0) return -1;
  if (ageMs < intervalMs) return 0;
  return 1 + Math.floor(Math.log2(ageMs / intervalMs));
}

/** How many times the sweep looks a post up over its reach: one per band the post's age enters. */
export function lookupsPerPost(intervalMs: number, reachMs: number): number {
  return ageBand(reachMs, intervalMs) + 1;
}

/**
 * Finds posts deleted on X among those delivered recently: looks up, 100 at a time, each post
 * whose age entered a new band since the last sweep that succeeded, and turns each that X
 * reports as not found into a `delete` event for those who received it. Only "not found"
 * counts: a post hidden for other reasons (a protected account) is not deleted. A failed call
 * deletes nothing, and a sweep that fails does not move the bands on, so the next sweep looks
 * up its posts again (a delete already told is not told twice: the log appends it once).
 */
export function createDeleteSweep(options: DeleteSweepOptions) {
  const now = options.now ?? Date.now;
  // After a start, as if a sweep had run one interval ago: what was already old waits its band.
  let lastSweepAt = now() - options.intervalMs;

  async function lookUp(ids: string[], signal: AbortSignal): Promise<number> {
    const answer = await options.client.get(
      '/2/tweets',
      { ids: ids.join(',') },
      xLookupSchema,
      signal,
    );
    const asked = new Set(ids);
    let deleted = 0;
    for (const problem of answer.errors ?? []) {
      const id = problem.resource_id;
      const notFound = NOT_FOUND.test(problem.type ?? '');
      if (!notFound || id === undefined || !asked.has(id)) continue;
      options.ingest.ingestDelete(id);
      deleted += 1;
    }
    return deleted;
  }

  async function sweepDeletes(signal: AbortSignal) {
    const at = now();
    const elapsed = at - lastSweepAt;
    const due = (seenAt: number) =>
      ageBand(at - seenAt, options.intervalMs) !==
      ageBand(at - seenAt - elapsed, options.intervalMs);

    // Paging reads only the local log; the ids due are a small share of the reach.
    const dueIds: string[] = [];
    let after = '';
    for (;;) {
      const page = options.log.deliveredPostsSince(at - options.reachMs, after, IDS_PER_CALL);
      const last = page.at(-1);
      if (!last) break;
      after = last.id;
      for (const post of page) if (due(post.seenAt)) dueIds.push(post.id);
    }

    let deleted = 0;
    for (let start = 0; start < dueIds.length; start += IDS_PER_CALL)
      deleted += await lookUp(dueIds.slice(start, start + IDS_PER_CALL), signal);
    const checked = dueIds.length;
    lastSweepAt = at;
    options.logger.info({ checked, deleted }, 'delete sweep done');
    return { checked, deleted };
  }

  return sweepDeletes;
}
