import type { Db } from '../../shared/db.ts';
import type { OutboxEntry } from '../../shared/db-schema.ts';
import { readPause, type ExportPause } from '../../background/export/pause.ts';
import { useStored } from '../use-stored.ts';
import { clock, useNow } from './use-now.ts';

interface Waits {
  pause: ExportPause | undefined;
  /** Pending entries held back (backoff or rate limit), soonest first. */
  waiting: OutboxEntry[];
}

async function loadWaits(db: Db): Promise<Waits> {
  const pending = await db.getAllFromIndex('outbox', 'by-state', 'pending');
  const now = Date.now();
  return {
    pause: await readPause(db),
    waiting: pending.filter((e) => e.notBefore > now).sort((a, b) => a.notBefore - b.notBefore),
  };
}

/** Why the outbox is not moving right now: a pause of the whole outbox, or entries backing off. */
export function RateLimitWaits() {
  const now = useNow();
  const waits = useStored(['outbox'], loadWaits);
  if (!waits) return null;

  const pause = waits.pause && (waits.pause.until ?? Infinity) > now ? waits.pause : undefined;
  const waiting = waits.waiting.filter((e) => e.notBefore > now);
  const first = waiting[0];

  return (
    <div role="status" aria-label="Waits">
      {pause && (
        <p class="warning">
          {pause.message}
          {pause.until !== undefined && ` Sending resumes at ${clock(pause.until)}.`}
        </p>
      )}
      {first ? (
        <p>
          {waiting.length === 1 ? '1 item waits' : `${waiting.length} items wait`} to be sent to X;
          the next at {clock(first.notBefore)}
          {first.lastError && ` (last answer: ${first.lastError})`}.
        </p>
      ) : (
        !pause && <p>Nothing waits for X.</p>
      )}
    </div>
  );
}
