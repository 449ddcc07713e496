import type { Db } from '../shared/db.ts';
import { logActivity } from '../shared/activity.ts';
import { createAlarms, type Alarms } from './alarms.ts';
import { createRouter, type Router } from './router.ts';

/**
 * What every feature of the background is given. Built synchronously, so features can register
 * their listeners in the worker's first turn; the database opens on first use.
 */
export interface Background {
  db(): Promise<Db>;
  router: Router;
  alarms: Alarms;
  /** Records an unexpected failure of a background task where the user can see it. */
  report(area: 'export' | 'import' | 'account' | 'relay' | 'system', error: unknown): void;
}

export function createBackground(open: () => Promise<Db>): Background {
  const report: Background['report'] = (area, error) => {
    const message = error instanceof Error ? error.message : String(error);
    void open()
      .then((db) => logActivity(db, { level: 'error', area, message }))
      // Logging itself failed (storage full, database deleted): nowhere left to record it.
      .catch(() => undefined);
  };

  return {
    db: open,
    router: createRouter(),
    alarms: createAlarms((name, error) => report('system', new Error(`${name}: ${String(error)}`))),
    report,
  };
}
