import { z } from 'zod';
import type { Db } from '../../shared/db.ts';
import { notifyChanged } from '../../shared/changes.ts';

/**
 * Why the whole outbox waits (kv `exportPause`). `reconnect` and `credits` need the user
 * (credits are still probed now and then, as they may be topped up outside the bridge);
 * `rate-limit` ends by itself at `until`.
 */
export const pauseSchema = z.object({
  reason: z.enum(['reconnect', 'credits', 'rate-limit']),
  /** What the options page shows, X's own words included. */
  message: z.string(),
  since: z.number(),
  /** Epoch ms when the runner may try again on its own; none: only the user lifts it. */
  until: z.number().optional(),
});
export type ExportPause = z.infer<typeof pauseSchema>;

export const PAUSE_KEY = 'exportPause';

export async function readPause(db: Db): Promise<ExportPause | undefined> {
  const parsed = pauseSchema.safeParse(await db.get('kv', PAUSE_KEY));
  return parsed.success ? parsed.data : undefined;
}

export async function setPause(db: Db, pause: ExportPause): Promise<void> {
  await db.put('kv', pauseSchema.parse(pause), PAUSE_KEY);
  notifyChanged('outbox');
}

export async function clearPause(db: Db): Promise<void> {
  await db.delete('kv', PAUSE_KEY);
  notifyChanged('outbox');
}

/** Whether the pause still holds at `now` (a pause with `until` in the past has run out). */
export function pauseHolds(pause: ExportPause | undefined, now: number): pause is ExportPause {
  return pause !== undefined && (pause.until === undefined || pause.until > now);
}
