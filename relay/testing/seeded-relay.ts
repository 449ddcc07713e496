import Database from 'better-sqlite3';
import type { RelayPost } from '../../protocol/index.ts';
import { hashSecret, newSecret } from '../auth/secrets.ts';
import { loadConfig } from '../config.ts';
import type { RelayOptions, RunningRelay } from '../start-relay.ts';
import { startRelay } from '../start-relay.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { memoryLog } from './memory-log.ts';
import { tempDir } from './stack.ts';

/** A subscription the seeded relay holds, with the secret only the test knows. */
export interface SeededSubscription {
  id: string;
  secret: string;
}

function post(id: string, authorId: string): RelayPost {
  return {
    id,
    authorId,
    authorUsername: `user${authorId}`,
    authorName: `User ${authorId}`,
    text: `post ${id}`,
    createdAt: '2026-12-03T18:10:31.000Z',
    references: [],
    urls: [],
    media: [],
  };
}

/**
 * A relay process-in-a-test (real HTTP and WebSocket server, SQLite file, no X) whose
 * database was seeded beforehand: subscriptions `a` and `b`, each following its own authors
 * and holding events, `a` with an acknowledged cursor. `snapshot()` dumps every table, so a
 * test can show that hostile requests changed nothing at all.
 */
export async function startSeededRelay(
  env: Record<string, string> = {},
  options: RelayOptions = {},
) {
  const dir = tempDir('relay-hostile-');
  const databasePath = `${dir.path}/relay.sqlite`;
  const a = { id: 'sub-a-0000000000000000', secret: newSecret() };
  const b = { id: 'sub-b-0000000000000000', secret: newSecret() };

  // Now, not a fixed time: the relay sweeps events past retention as it starts.
  const now = Date.now();
  const seed = openSqliteStore(databasePath);
  seed.createSubscription(a.id, hashSecret(a.secret), now);
  seed.createSubscription(b.id, hashSecret(b.secret), now);
  seed.setFollows(a.id, '100', ['10', '11']);
  seed.setFollows(b.id, '200', ['20']);
  for (let n = 0; n < 6; n++) seed.appendPost(post(String(1000 + n), n % 2 ? '10' : '20'), now);
  seed.acknowledge(a.id, 1);
  seed.close();

  const log = memoryLog();
  const relay: RunningRelay = await startRelay(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      RELAY_DATA_DIR: dir.path,
      RELAY_ADMISSION_CODE: `admission-${newSecret()}`,
      REGISTRATIONS_PER_HOUR_PER_ADDRESS: '0',
      LOG_LEVEL: 'debug',
      ...env,
    }),
    { logDestination: log.stream, ...options },
  );

  // A reader beside the relay: WAL lets it see every committed write without blocking.
  const reader = new Database(databasePath, { readonly: true, fileMustExist: true });
  const tables = (
    reader.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((row) => row.name);

  return {
    relay,
    url: relay.url,
    a: a as SeededSubscription,
    b: b as SeededSubscription,
    log,
    dataDir: dir.path,
    /** Every row of every table, as JSON text (blobs as hex). */
    snapshot(): string {
      const dump = Object.fromEntries(
        tables.map((table) => [table, reader.prepare(`SELECT * FROM "${table}"`).raw().all()]),
      );
      // Buffers reach the replacer already turned into `{ type: 'Buffer', data: [...] }`.
      return JSON.stringify(dump, (_key, value: unknown) => {
        const buffer = value as { type?: unknown; data?: number[] } | null;
        return buffer?.type === 'Buffer' && buffer.data
          ? Buffer.from(buffer.data).toString('hex')
          : value;
      });
    },
    async close(): Promise<void> {
      reader.close();
      await relay.close();
      dir.remove();
    },
  };
}
export type SeededRelay = Awaited<ReturnType<typeof startSeededRelay>>;
