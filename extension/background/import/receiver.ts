import type { RelayEvent } from '../../../protocol/relay-events.ts';
import type { Db } from '../../shared/db.ts';
import type { ActivityEntry } from '../../shared/db-schema.ts';
import { createLeftOutReport, isStale } from './catch-up.ts';
import { receive } from './inbox.ts';

export interface ReceiverDeps {
  db: () => Promise<Db>;
  catchUpHours: () => Promise<number>;
  log: (line: Omit<ActivityEntry, 'id' | 'at'>) => Promise<void>;
  /** A new event is in the inbox: apply it. */
  onStored: () => void;
  /** An event arrived (new or not), for the link's health. */
  onArrived?: () => void;
}

/**
 * What the link does with each event from the relay: into the inbox, unless known; a post
 * that arrives past the catch-up window (the browser was away) is left out, and the burst of
 * those is told in one activity line.
 */
export function createReceiver(deps: ReceiverDeps) {
  let hours = 24;
  const leftOut = createLeftOutReport(
    (message) => deps.log({ level: 'info', area: 'import', message }),
    () => hours,
  );

  return async function onEvent(event: RelayEvent): Promise<void> {
    deps.onArrived?.();
    const db = await deps.db();
    const now = Date.now();
    hours = await deps.catchUpHours();
    const stale = event.type === 'post' && isStale(event.post, now, hours);

    const result = await receive(db, event, { now, stale });
    if (result === 'left-out' && event.type === 'post') leftOut.add(event.post);
    if (result === 'stored') deps.onStored();
  };
}
