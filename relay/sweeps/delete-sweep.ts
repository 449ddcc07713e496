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
  logger: Logger;
}

// `GET /2/tweets` takes at most 100 ids a call.
const IDS_PER_CALL = 100;
// X's problem type; older answers use the api.twitter.com host for the same path.
const NOT_FOUND = /\/2\/problems\/resource-not-found$/;

/**
 * Finds posts deleted on X among those delivered recently: looks them up 100 at a time, and
 * turns each that X reports as not found into a `delete` event for those who received it.
 * Only "not found" counts: a post hidden for other reasons (a protected account) is not
 * deleted, and a failed call deletes nothing.
 */
export async function sweepDeletes(options: DeleteSweepOptions, signal: AbortSignal) {
  const since = Date.now() - options.reachMs;
  let after = '';
  let checked = 0;
  let deleted = 0;
  for (;;) {
    const ids = options.log.deliveredPostsSince(since, after, IDS_PER_CALL);
    if (ids.length === 0) break;
    // The loop stops on an empty page, so this page has a last id.
    after = ids.at(-1)!;
    const answer = await options.client.get(
      '/2/tweets',
      { ids: ids.join(',') },
      xLookupSchema,
      signal,
    );
    checked += ids.length;
    const asked = new Set(ids);
    for (const problem of answer.errors ?? []) {
      const id = problem.resource_id;
      const notFound = NOT_FOUND.test(problem.type ?? '');
      if (!notFound || id === undefined || !asked.has(id)) continue;
      options.ingest.ingestDelete(id);
      deleted += 1;
    }
  }
  options.logger.info({ checked, deleted }, 'delete sweep done');
  return { checked, deleted };
}
