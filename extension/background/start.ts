import type { Db } from '../shared/db.ts';
import { logActivity } from '../shared/activity.ts';
import { notifyChanged } from '../shared/changes.ts';

/** What the worker remembers about its own starts (kv `worker`). */
export interface WorkerRecord {
  firstStartedAt: number;
  lastStartedAt: number;
  starts: number;
}

/** Records a start of the background: workers come and go, and the count says how often. */
export async function recordStart(db: Db): Promise<void> {
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
  notifyChanged('health');

  if (!previous) {
    await logActivity(db, { level: 'info', area: 'system', message: 'The bridge was installed.' });
  }
}
