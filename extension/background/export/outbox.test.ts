import { describe, expect, it } from 'vitest';
import type { OutboxAction } from '../../shared/db-schema.ts';
import { enqueue, headOfQueue, pruneFinished, recentEntries } from './outbox.ts';
import { testDb } from './testing.ts';

const URL = 'https://social.example/notice/';

async function add(db: Awaited<ReturnType<typeof testDb>>, noticeId: number, action: OutboxAction) {
  const tx = db.transaction(['kv', 'outbox'], 'readwrite');
  const result = await enqueue(
    tx.objectStore('outbox'),
    { noticeId, noticeUrl: URL + noticeId, action },
    1_000,
  );
  await tx.done;
  return result;
}

describe('outbox', () => {
  it('keeps entries in the order they were queued, the oldest pending at the head', async () => {
    const db = await testDb();
    await add(db, 1, { type: 'post', text: 'one' });
    await add(db, 2, { type: 'post', text: 'two' });
    expect((await headOfQueue(db))?.noticeId).toBe(1);

    const first = (await headOfQueue(db))!;
    await db.put('outbox', { ...first, state: 'done' });
    expect((await headOfQueue(db))?.noticeId).toBe(2);
  });

  it('cancels an unsent post when its delete arrives, and the delete with it', async () => {
    const db = await testDb();
    await add(db, 1, { type: 'post', text: 'oops' });
    const { cancelled } = await add(db, 1, { type: 'delete' });

    expect(cancelled).toBe(true);
    expect((await recentEntries(db)).map((e) => [e.action.type, e.state])).toEqual([
      ['delete', 'cancelled'],
      ['post', 'cancelled'],
    ]);
    expect(await headOfQueue(db)).toBeUndefined();
  });

  it('queues the delete behind a post whose attempt is in flight: it cannot be taken back', async () => {
    const db = await testDb();
    const { entry } = await add(db, 1, { type: 'post', text: 'sent?' });
    await db.put('outbox', { ...entry, inFlightSince: 1_500 });
    const { cancelled } = await add(db, 1, { type: 'delete' });

    expect(cancelled).toBe(false);
    expect((await recentEntries(db)).map((e) => [e.action.type, e.state])).toEqual([
      ['delete', 'pending'],
      ['post', 'pending'],
    ]);
  });

  it('cancels an unsent like when the fave is taken back, but not a like of another post', async () => {
    const db = await testDb();
    await add(db, 5, { type: 'like', xPostId: '900' });
    expect((await add(db, 5, { type: 'unlike', xPostId: '901' })).cancelled).toBe(false);
    expect((await add(db, 5, { type: 'unlike', xPostId: '900' })).cancelled).toBe(true);
  });

  it('cancels an unsent repost when the repeat is deleted', async () => {
    const db = await testDb();
    await add(db, 7, { type: 'repost', xPostId: '800' });
    expect((await add(db, 7, { type: 'unrepost', xPostId: '800' })).cancelled).toBe(true);
  });

  it('forgets finished entries after a while but keeps the failed ones', async () => {
    const db = await testDb();
    const a = (await add(db, 1, { type: 'post', text: 'a' })).entry;
    const b = (await add(db, 2, { type: 'post', text: 'b' })).entry;
    await db.put('outbox', { ...a, state: 'done', doneAt: 10 });
    await db.put('outbox', { ...b, state: 'failed', doneAt: 10 });

    expect(await pruneFinished(db, 100)).toBe(1);
    expect((await recentEntries(db)).map((e) => e.noticeId)).toEqual([2]);
  });
});
