import type Database from 'better-sqlite3';
import type { FollowsChange, SubscriptionRecord, SubscriptionStore } from './store.ts';

// Row shapes of the queries below; better-sqlite3 types rows as unknown.
interface SubscriptionRow {
  id: string;
  x_user_id: string | null;
  follows: number;
  acked_seq: number;
  lost_through_seq: number;
}

/** The subscription half of the SQLite store. */
export function sqliteSubscriptions(db: Database.Database): SubscriptionStore {
  const insert = db.prepare(
    'INSERT INTO subscriptions (id, secret_hash, created_at) VALUES (?, ?, ?)',
  );
  const selectHash = db.prepare('SELECT secret_hash FROM subscriptions WHERE id = ?').pluck();
  const selectOne = db.prepare(`
    SELECT id, x_user_id, acked_seq, lost_through_seq,
      (SELECT count(*) FROM follows WHERE subscription_id = s.id) AS follows
    FROM subscriptions s WHERE id = ?`);
  const selectFollows = db
    .prepare('SELECT x_id FROM follows WHERE subscription_id = ? ORDER BY x_id')
    .pluck();
  const insertFollow = db.prepare('INSERT INTO follows (subscription_id, x_id) VALUES (?, ?)');
  const deleteFollow = db.prepare('DELETE FROM follows WHERE subscription_id = ? AND x_id = ?');
  const updateUser = db.prepare('UPDATE subscriptions SET x_user_id = ? WHERE id = ?');
  const deleteOne = db.prepare('DELETE FROM subscriptions WHERE id = ?');
  const head = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck();
  const ack = db.prepare(
    'UPDATE subscriptions SET acked_seq = max(acked_seq, ?) WHERE id = ? RETURNING acked_seq',
  );
  const counts = db.prepare('SELECT x_id, count(*) AS n FROM follows GROUP BY x_id').raw();
  const countAll = db.prepare('SELECT count(*) FROM subscriptions').pluck();
  const countFollowing = db
    .prepare(
      'SELECT count(DISTINCT subscription_id) FROM follows WHERE x_id IN (SELECT value FROM json_each(?))',
    )
    .pluck();

  function followsOf(id: string): string[] {
    return selectFollows.all(id) as string[];
  }

  const setFollows = db.transaction(
    (id: string, xUserId: string, followIds: readonly string[]): FollowsChange => {
      const before = new Set(followsOf(id));
      const after = new Set(followIds);
      const added = [...after].filter((x) => !before.has(x));
      const removed = [...before].filter((x) => !after.has(x));
      for (const x of removed) deleteFollow.run(id, x);
      for (const x of added) insertFollow.run(id, x);
      updateUser.run(xUserId, id);
      return { added, removed };
    },
  );

  const deleteSubscription = db.transaction((id: string): FollowsChange | undefined => {
    const removed = followsOf(id);
    // Follows and deliveries go with it (ON DELETE CASCADE).
    return deleteOne.run(id).changes === 0 ? undefined : { added: [], removed };
  });

  return {
    createSubscription(id, secretHash, now) {
      insert.run(id, secretHash, now);
    },
    secretHashOf(id) {
      return selectHash.get(id) as Buffer | undefined;
    },
    subscription(id) {
      const row = selectOne.get(id) as SubscriptionRow | undefined;
      return row && toRecord(row);
    },
    setFollows,
    followsOf,
    deleteSubscription,
    acknowledge(id, seq) {
      const newest = (head.get() as number | undefined) ?? 0;
      const row = ack.get(Math.min(seq, newest), id) as { acked_seq: number } | undefined;
      return row?.acked_seq ?? 0;
    },
    followerCounts() {
      return new Map(counts.all() as [string, number][]);
    },
    subscriptionCount() {
      return countAll.get() as number;
    },
    countSubscriptionsFollowing(ids) {
      return ids.length === 0 ? 0 : (countFollowing.get(JSON.stringify(ids)) as number);
    },
  };
}

function toRecord(row: SubscriptionRow): SubscriptionRecord {
  return {
    id: row.id,
    xUserId: row.x_user_id,
    follows: row.follows,
    ackedSeq: row.acked_seq,
    lostThroughSeq: row.lost_through_seq,
  };
}
