import { describe, expect, it } from 'vitest';
import { ackableSeq, backlog, entryKey, pruneResolved, receive, updateEntry } from './inbox.ts';
import { deleteEvent, post, postEvent, testDb } from './testing.ts';

describe('the import inbox', () => {
  it('stores a new event as pending, and a redelivered one not again', async () => {
    const db = await testDb();
    expect(await receive(db, postEvent(5, post('11')))).toBe('stored');
    expect(await receive(db, postEvent(9, post('11')))).toBe('known');

    const entry = await db.get('imports', '11');
    expect(entry).toMatchObject({ state: 'pending', attempts: 0, event: { seq: 5 } });
  });

  it('knows a post imported before its entry was pruned, by its link', async () => {
    const db = await testDb();
    await db.put('links', {
      key: 'post:3',
      noticeId: 3,
      xPostId: '11',
      direction: 'import',
      kind: 'post',
      createdAt: 0,
    });
    expect(await receive(db, postEvent(5, post('11')))).toBe('known');
  });

  it('keeps a post left out as too old, skipped, where the user can still retry it', async () => {
    const db = await testDb();
    expect(await receive(db, postEvent(5, post('11')), { stale: true })).toBe('left-out');
    expect(await db.get('imports', '11')).toMatchObject({
      state: 'skipped',
      lastError: 'Older than the catch-up window.',
    });
  });

  it('keeps a post and the delete of that post as two entries', async () => {
    const db = await testDb();
    await receive(db, postEvent(1, post('11')));
    await receive(db, deleteEvent(2, '11'));
    expect(entryKey(deleteEvent(2, '11'))).toBe('delete:11');
    expect(await db.count('imports')).toBe(2);
  });

  it('lets the cursor move up to the newest event received when nothing is pending', async () => {
    const db = await testDb();
    expect(await ackableSeq(db, 3, 10)).toBe(10);
  });

  it('never lets the cursor pass an event still pending', async () => {
    const db = await testDb();
    await receive(db, postEvent(4, post('11')));
    await receive(db, postEvent(6, post('12')));
    await updateEntry(db, '11', (e) => ({ ...e, state: 'done' }));
    expect(await ackableSeq(db, 3, 6)).toBe(5);
  });

  it('is not held back by a post retried by hand from before the cursor', async () => {
    const db = await testDb();
    await receive(db, postEvent(2, post('11')));
    expect(await ackableSeq(db, 3, 8)).toBe(8);
  });

  it('never moves the cursor back', async () => {
    const db = await testDb();
    await receive(db, postEvent(2, post('11')));
    expect(await ackableSeq(db, 1, 1)).toBe(1);
    expect(await ackableSeq(db, 9, 1)).toBe(9);
  });

  it('lists failed and pending posts in relay order for the options page', async () => {
    const db = await testDb();
    await receive(db, postEvent(7, post('12')));
    await receive(db, postEvent(3, post('11')));
    await receive(db, postEvent(9, post('13')));
    await updateEntry(db, '12', (e) => ({ ...e, state: 'failed' }));
    await updateEntry(db, '13', (e) => ({ ...e, state: 'done' }));
    expect((await backlog(db)).map((e) => e.postId)).toEqual(['11', '12']);
  });

  it('prunes old resolved entries and keeps the rest', async () => {
    const db = await testDb();
    await receive(db, postEvent(1, post('11')), { now: 1000 });
    await receive(db, postEvent(2, post('12')), { now: 1000 });
    await receive(db, postEvent(3, post('13')), { now: 5000 });
    await updateEntry(db, '11', (e) => ({ ...e, state: 'done' }));
    await updateEntry(db, '13', (e) => ({ ...e, state: 'done' }));
    expect(await pruneResolved(db, 2000)).toBe(1);
    expect(await db.getAllKeys('imports')).toEqual(['12', '13']);
  });
});
