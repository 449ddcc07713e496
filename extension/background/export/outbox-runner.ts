import type { Db } from '../../shared/db.ts';
import type { ActivityEntry } from '../../shared/db-schema.ts';
import { getXAccount } from '../accounts/accounts-store.ts';
import { attempt, type AttemptContext } from './attempt.ts';
import type { XSession } from './executor.ts';
import { headOfQueue, pruneFinished } from './outbox.ts';
import { clearPause, pauseHolds, readPause, type ExportPause } from './pause.ts';
import { loadTuning } from './tuning.ts';

export interface OutboxRunnerDeps {
  db: () => Promise<Db>;
  /** The connected X account, or undefined while there is none (entries then wait). */
  session: () => Promise<XSession | undefined>;
  refreshToken: (db: Db) => Promise<void>;
  /** Asks to be run again at `when` (epoch ms): an alarm, and a timer while the worker lives. */
  schedule: (when: number) => Promise<void>;
  log: (db: Db, line: Omit<ActivityEntry, 'id' | 'at'>) => Promise<void>;
  now?: () => number;
  signal: AbortSignal;
}

/** Keep finished entries this long for the options page, then forget them. */
const KEEP_FINISHED_MS = 30 * 24 * 60 * 60_000;

/** A "reconnect" pause ends once the user connected X again after it began. */
async function reconnected(db: Db, pause: ExportPause): Promise<boolean> {
  const account = await getXAccount(db);
  return account?.state === 'ok' && account.connectedAt >= pause.since;
}

/**
 * Sends the outbox to X, head first, until it is empty, paused, or waiting. Never runs twice at
 * once in a worker (a kick during a run makes it go round once more); the alarm and the
 * `inFlightSince` marks in IndexedDB carry it across the worker's deaths.
 */
export function createOutboxRunner(deps: OutboxRunnerDeps) {
  const now = deps.now ?? Date.now;
  let running: Promise<void> | undefined;
  let again = false;

  async function runOnce(): Promise<void> {
    const db = await deps.db();
    const tuning = await loadTuning(db);
    let context: AttemptContext | undefined;

    while (!deps.signal.aborted) {
      const pause = await readPause(db);
      if (pause?.reason === 'reconnect' && (await reconnected(db, pause))) {
        await clearPause(db);
        await deps.log(db, {
          level: 'info',
          area: 'export',
          message: 'X is connected again: sending resumes.',
        });
        continue;
      }
      if (pauseHolds(pause, now())) {
        if (pause.until !== undefined) await deps.schedule(pause.until);
        return;
      }
      // A pause that ran out (rate-limit window over, time to probe credits): go on.
      if (pause) await clearPause(db);

      const head = await headOfQueue(db);
      if (!head) {
        await pruneFinished(db, now() - KEEP_FINISHED_MS);
        return;
      }
      if (head.notBefore > now()) {
        await deps.schedule(head.notBefore);
        return;
      }

      const session = context?.session ?? (await deps.session());
      if (!session) return;
      context ??= {
        db,
        session,
        tuning,
        now,
        log: (line) => deps.log(db, { ...line, area: 'export' }),
        refreshToken: () => deps.refreshToken(db),
        refreshed: false,
        signal: deps.signal,
      };

      const outcome = await attempt(context, head);
      if (outcome === 'stop') return;
    }
  }

  /** Runs the outbox now, or once more after the run in progress. */
  function kick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await runOnce();
      } while (again && !deps.signal.aborted);
    })().finally(() => (running = undefined));
    return running;
  }

  return { kick };
}

export type OutboxRunner = ReturnType<typeof createOutboxRunner>;
