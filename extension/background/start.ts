import type { Db } from '../shared/db.ts';
import { logActivity } from '../shared/activity.ts';

/** What the worker remembers about its own starts (kv `worker`). */
export interface WorkerRecord {
  firstStartedAt: number;
  lastStartedAt: number;
  starts: number;
}

/**
 * Starts the background: records the start (workers come and go; the count says how often),
 * then wires the bridge's features.
 */
export async function startBackground(open: () => Promise<Db>): Promise<void> {
  const db = await open();
  const now = Date.now();

  const tx = db.transaction('kv', 'readwrite');
  const previous = (await tx.store.get('worker')) as WorkerRecord | undefined;
  const record: WorkerRecord = {
    firstStartedAt: previous?.firstStartedAt ?? now,
    lastStartedAt: now,
    starts: (previous?.starts ?? 0) + 1,
  };
  await tx.store.put(record, 'worker');
  await tx.done;

  if (!previous) {
    await logActivity(db, { level: 'info', area: 'system', message: 'The bridge was installed.' });
  }
}
