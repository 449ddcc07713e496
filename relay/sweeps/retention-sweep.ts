import type { Logger } from 'pino';
import type { EventLog } from '../store/store.ts';

// Post ids stay for dedupe as long as recent search reaches back (7 days) and a day more,
// so a backfill after a long outage cannot deliver a post a second time.
const DEDUPE_HORIZON_MS = 8 * 24 * 3600_000;

/** Drops events older than the retention window, keeping post ids for dedupe longer. */
export function sweepRetention(
  log: EventLog,
  retentionMs: number,
  logger: Logger,
  now = Date.now(),
) {
  const eventsBefore = now - retentionMs;
  // Ids of posts still in the log must stay, whatever the horizon.
  const idsBefore = Math.min(eventsBefore, now - DEDUPE_HORIZON_MS);
  const removed = log.sweepRetention(eventsBefore, idsBefore);
  if (removed > 0) logger.info({ removed }, 'retention sweep removed old events');
  return removed;
}
