import type Database from 'better-sqlite3';
import type { RelayEvent, RelayPost } from '../../protocol/index.ts';
import { replyTarget } from './audience.ts';
import { deleteFrame, postFrame } from '../fanout/event-frames.ts';
import type { EventFrame, EventLog } from './store.ts';

// Row shape of readEvents; better-sqlite3 types rows as unknown.
interface EventRow {
  seq: number;
  kind: 'post' | 'delete';
  post_id: string;
  body: string | null;
}

/** The event-log half of the SQLite store. */
export function sqliteLog(db: Database.Database): EventLog {
  const insertPost = db.prepare(`
    INSERT INTO posts (post_id, author_id, body, seen_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (post_id) DO NOTHING`);
  const insertEvent = db.prepare(
    'INSERT INTO events (kind, post_id, created_at) VALUES (?, ?, ?) RETURNING seq',
  );
  const insertDelivery = db.prepare('INSERT INTO deliveries (subscription_id, seq) VALUES (?, ?)');
  // audience.ts says who gets a post; this is the same rule in SQL.
  const audience = db
    .prepare(
      `SELECT f.subscription_id FROM follows f
       WHERE f.x_id = :author AND (
         :target IS NULL
         OR EXISTS (SELECT 1 FROM follows g
                    WHERE g.subscription_id = f.subscription_id AND g.x_id = :target)
         OR EXISTS (SELECT 1 FROM subscriptions s
                    WHERE s.id = f.subscription_id AND s.x_user_id = :target))
       ORDER BY f.subscription_id`,
    )
    .pluck();
  const receivers = db
    .prepare(
      `SELECT d.subscription_id FROM events e JOIN deliveries d ON d.seq = e.seq
       WHERE e.post_id = ? AND e.kind = 'post' ORDER BY d.subscription_id`,
    )
    .pluck();
  const forgetBody = db.prepare(
    'UPDATE posts SET body = NULL, deleted_at = ? WHERE post_id = ? AND deleted_at IS NULL',
  );
  const unsendDeliveries = db.prepare(
    "DELETE FROM deliveries WHERE seq IN (SELECT seq FROM events WHERE post_id = ? AND kind = 'post')",
  );
  const unsendEvent = db.prepare("DELETE FROM events WHERE post_id = ? AND kind = 'post'");
  const select = db.prepare(`
    SELECT e.seq, e.kind, e.post_id, p.body FROM deliveries d
    JOIN events e ON e.seq = d.seq
    LEFT JOIN posts p ON p.post_id = e.post_id
    WHERE d.subscription_id = ? AND d.seq > ?
    ORDER BY d.seq LIMIT ?`);
  const bounds = db.prepare(`SELECT
      (SELECT min(seq) FROM events) AS oldest,
      (SELECT seq FROM sqlite_sequence WHERE name = 'events') AS head`);
  // Post ids compare as text here: any fixed order serves to page through them.
  const delivered = db.prepare(
    `SELECT p.post_id AS id, p.seen_at AS seenAt FROM posts p
       WHERE p.seen_at >= ? AND p.post_id > ? AND p.deleted_at IS NULL AND p.body IS NOT NULL
         AND EXISTS (SELECT 1 FROM events e JOIN deliveries d ON d.seq = e.seq
                     WHERE e.post_id = p.post_id AND e.kind = 'post')
       ORDER BY p.post_id LIMIT ?`,
  );
  const cutSeq = db.prepare('SELECT max(seq) FROM events WHERE created_at < ?').pluck();
  const noteLoss = db.prepare(`
    UPDATE subscriptions SET lost_through_seq = max(lost_through_seq, coalesce(
      (SELECT max(d.seq) FROM deliveries d WHERE d.subscription_id = subscriptions.id AND d.seq <= ?),
      0))`);
  const dropDeliveries = db.prepare('DELETE FROM deliveries WHERE seq <= ?');
  const dropEvents = db.prepare('DELETE FROM events WHERE seq <= ?');
  const dropBodies = db.prepare(
    'UPDATE posts SET body = NULL WHERE seen_at < ? AND body IS NOT NULL',
  );
  const dropIds = db.prepare('DELETE FROM posts WHERE seen_at < ?');

  function deliver(kind: RelayEvent['type'], postId: string, recipients: string[], now: number) {
    if (recipients.length === 0) return { seq: 0, recipients };
    const { seq } = insertEvent.get(kind, postId, now) as { seq: number };
    for (const id of recipients) insertDelivery.run(id, seq);
    return { seq, recipients };
  }

  const appendPost = db.transaction((post: RelayPost, now: number) => {
    const body = JSON.stringify(post);
    const fresh = insertPost.run(post.id, post.authorId, body, now).changes > 0;
    if (!fresh) return undefined;
    const recipients = audience.all({ author: post.authorId, target: replyTarget(post) ?? null });
    return { ...deliver('post', post.id, recipients as string[], now), body };
  });

  const appendDelete = db.transaction((postId: string, now: number) => {
    // The deleted post's words are not ours to keep (X's developer terms): the body and the
    // unread post event go, leaving a hole in the sequence, which the protocol allows.
    if (forgetBody.run(now, postId).changes === 0) return undefined;
    const recipients = receivers.all(postId) as string[];
    unsendDeliveries.run(postId);
    unsendEvent.run(postId);
    return deliver('delete', postId, recipients, now);
  });

  const sweepRetention = db.transaction((eventsBefore: number, idsBefore: number) => {
    const cut = cutSeq.get(eventsBefore) as number | null;
    let removed = 0;
    if (cut !== null) {
      noteLoss.run(cut);
      dropDeliveries.run(cut);
      removed = dropEvents.run(cut).changes;
    }
    dropBodies.run(eventsBefore);
    dropIds.run(idsBefore);
    return removed;
  });

  return {
    appendPost,
    appendDelete,
    readEvents(subscriptionId, after, limit) {
      const rows = select.all(subscriptionId, after, limit) as EventRow[];
      return rows.flatMap((row) => toEvent(row));
    },
    readEventFrames(subscriptionId, after, limit) {
      const rows = select.all(subscriptionId, after, limit) as EventRow[];
      return rows.flatMap((row) => toFrame(row));
    },
    logBounds() {
      const row = bounds.get() as { oldest: number | null; head: number | null };
      return { oldestSeq: row.oldest ?? 0, headSeq: row.head ?? 0 };
    },
    deliveredPostsSince(since, afterId, limit) {
      return delivered.all(since, afterId, limit) as { id: string; seenAt: number }[];
    },
    sweepRetention,
  };
}

function toFrame(row: EventRow): EventFrame[] {
  if (row.kind === 'delete') return [{ seq: row.seq, frame: deleteFrame(row.seq, row.post_id) }];
  if (row.body === null) return [];
  return [{ seq: row.seq, frame: postFrame(row.seq, row.body) }];
}

function toEvent(row: EventRow): RelayEvent[] {
  if (row.kind === 'delete') return [{ type: 'delete', seq: row.seq, postId: row.post_id }];
  // Deletion and retention remove a post's event with its body; never send an empty post.
  if (row.body === null) return [];
  // The body was validated against relayPostSchema before it was stored.
  return [{ type: 'post', seq: row.seq, post: JSON.parse(row.body) as RelayPost }];
}
