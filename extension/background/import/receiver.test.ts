import { describe, expect, it, vi } from 'vitest';
import type { ActivityEntry } from '../../shared/db-schema.ts';
import { createReceiver } from './receiver.ts';
import { deleteEvent, post, postEvent, testDb } from './testing.ts';

const HOUR = 3_600_000;

async function setup() {
  const db = await testDb();
  const lines: Omit<ActivityEntry, 'id' | 'at'>[] = [];
  const stored = vi.fn();
  const onEvent = createReceiver({
    db: async () => db,
    catchUpHours: async () => 24,
    log: async (line) => void lines.push(line),
    onStored: stored,
  });
  return { db, lines, stored, onEvent };
}

describe('receiving events from the relay', () => {
  it('stores a new post and asks for it to be applied, once', async () => {
    const { db, stored, onEvent } = await setup();
    await onEvent(postEvent(1, post('11')));
    await onEvent(postEvent(1, post('11')));
    expect(stored).toHaveBeenCalledTimes(1);
    expect(await db.get('imports', '11')).toMatchObject({ state: 'pending' });
  });

  it('leaves out posts older than the catch-up window, in one activity line', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { db, lines, stored, onEvent } = await setup();
    const old = new Date(Date.now() - 30 * HOUR).toISOString();
    await onEvent(postEvent(1, post('11', { createdAt: old })));
    await onEvent(postEvent(2, post('12', { createdAt: old, authorUsername: 'bob' })));
    await onEvent(postEvent(3, post('13')));
    await vi.advanceTimersByTimeAsync(5_000);
    vi.useRealTimers();

    expect(stored).toHaveBeenCalledTimes(1);
    expect(await db.get('imports', '11')).toMatchObject({ state: 'skipped' });
    expect(lines.map((l) => l.message)).toEqual([
      'Left out 2 posts older than the 24-hour catch-up window that arrived after the browser was away (from @ada, @bob).',
    ]);
  });

  it('never leaves out a delete, however late', async () => {
    const { stored, onEvent } = await setup();
    await onEvent(deleteEvent(1, '11'));
    expect(stored).toHaveBeenCalledTimes(1);
  });
});
