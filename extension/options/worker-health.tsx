import type { WorkerRecord } from '../background/start.ts';
import { useStored } from './use-stored.ts';

/** When the background last started: the first sign of life a user (or a test) can check. */
export function WorkerHealth() {
  const record = useStored(
    ['health'],
    (db) => db.get('kv', 'worker') as Promise<WorkerRecord | undefined>,
  );

  return (
    <section aria-labelledby="health-heading">
      <h2 id="health-heading">Bridge health</h2>
      {record === undefined ? (
        <p role="status">The background has not started yet.</p>
      ) : (
        <p role="status">
          Background running since {new Date(record.lastStartedAt).toLocaleString()} (
          {record.starts === 1 ? 'first start' : `${record.starts} starts`}).
        </p>
      )}
    </section>
  );
}
