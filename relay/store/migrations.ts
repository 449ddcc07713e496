import type Database from 'better-sqlite3';

/** One numbered schema change. Numbers start at 1 and go up by one; never edit a shipped one. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The relay's schema, one migration at a time. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'subscriptions, follows and the event log',
    sql: `
      CREATE TABLE subscriptions (
        id TEXT PRIMARY KEY,
        secret_hash BLOB NOT NULL,
        x_user_id TEXT,
        acked_seq INTEGER NOT NULL DEFAULT 0,
        lost_through_seq INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE follows (
        subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
        x_id TEXT NOT NULL,
        PRIMARY KEY (subscription_id, x_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX follows_by_x_id ON follows (x_id, subscription_id);

      -- One row a post ever seen, for dedupe; the body goes at retention or deletion.
      CREATE TABLE posts (
        post_id TEXT PRIMARY KEY,
        author_id TEXT NOT NULL,
        body TEXT,
        seen_at INTEGER NOT NULL,
        deleted_at INTEGER
      ) STRICT;
      CREATE INDEX posts_by_seen_at ON posts (seen_at);

      -- AUTOINCREMENT: a sequence number is never reused, even after retention empties the log.
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('post', 'delete')),
        post_id TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX events_by_post_id ON events (post_id);
      CREATE INDEX events_by_created_at ON events (created_at);

      CREATE TABLE deliveries (
        subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        PRIMARY KEY (subscription_id, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX deliveries_by_seq ON deliveries (seq);

      CREATE TABLE relay_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    `,
  },
];

/** The database was written by a newer relay than this one. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

/**
 * Brings the database to the newest schema, each migration in its own transaction, and
 * records it in `schema_migrations`. Answers the versions it applied.
 */
export function applyMigrations(
  db: Database.Database,
  list: readonly Migration[] = migrations,
): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  const current = row.version ?? 0;
  const newest = list.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new SchemaTooNewError(
      `the database is at schema version ${current}, newer than this relay's ${newest}`,
    );
  }

  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const applied: number[] = [];
  for (const migration of list) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    })();
    applied.push(migration.version);
  }
  return applied;
}
