import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyMigrations } from './migrations.ts';
import { sqliteLog } from './sqlite-log.ts';
import { sqliteSubscriptions } from './sqlite-subscriptions.ts';
import type { RelayStore } from './store.ts';

/**
 * Opens (creating if need be) the relay's SQLite database at `path`, or in memory for
 * `:memory:`, and brings its schema up to date.
 *
 * @example
 * const store = openSqliteStore('./relay-data/relay.sqlite');
 */
export function openSqliteStore(path: string): RelayStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL: readers (long-polls, socket replays) never wait for the writer (the stream).
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the
  // last transactions, and the stream's backfill recovers those posts.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  applyMigrations(db);

  const getState = db.prepare('SELECT value FROM relay_state WHERE key = ?').pluck();
  const putState = db.prepare(
    'INSERT INTO relay_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );

  return {
    ...sqliteSubscriptions(db),
    ...sqliteLog(db),
    getState: (key) => getState.get(key) as string | undefined,
    setState: (key, value) => void putState.run(key, value),
    close: () => db.close(),
  };
}
