import { describe, expect, it, vi } from 'vitest';
import type { ActivityEntry } from '../../shared/db-schema.ts';
import { StatusNetError } from '../clients/statusnet-error.ts';
import { createImportQueue } from './import-queue.ts';
import { receive } from './inbox.ts';
import { fakeSite, post, postEvent, testContext, testDb } from './testing.ts';

async function setup(options: { connected?: boolean } = {}) {
  const db = await testDb();
  const site = fakeSite();
  const lines: Omit<ActivityEntry, 'id' | 'at'>[] = [];
  let now = Date.now();
  const wakes: number[] = [];
  const resolved = vi.fn();
  const queue = createImportQueue({
    db: async () => db,
    context: async () => (options.connected === false ? undefined : testContext(db, site)),
    log: async (line) => void lines.push(line),
    onResolved: resolved,
    wakeAt: (when) => void wakes.push(when),
    now: () => now,
  });
  const drain = () => queue.drain(new AbortController().signal);
  const later = (ms: number) => (now += ms);
  return { db, site, lines, wakes, resolved, drain, later };
}

describe('the import queue', () => {
  it('imports waiting posts in relay order, telling the link after each', async () => {
    const { db, site, resolved, drain } = await setup();
    await receive(db, postEvent(9, post('13')));
    await receive(db, postEvent(2, post('11')));
    await drain();

    expect([...site.notices.values()].map((n) => n.text)).toEqual([
      expect.stringContaining('/status/11'),
      expect.stringContaining('/status/13'),
    ]);
    expect(resolved).toHaveBeenCalledTimes(2);
  });

  it('keeps every post waiting, and says so once, while StatusNet is down', async () => {
    const { db, site, lines, wakes, resolved, drain, later } = await setup();
    await receive(db, postEvent(1, post('11')));
    await receive(db, postEvent(2, post('12')));
    site.fail('update', new StatusNetError('network', 'social.example could not be reached'));
    site.fail('userTimeline', new StatusNetError('network', 'social.example could not be reached'));
    await drain();

    expect(resolved).not.toHaveBeenCalled();
    expect(await db.get('imports', '11')).toMatchObject({ state: 'pending', attempts: 1 });
    expect(await db.get('imports', '12')).toMatchObject({ state: 'pending', attempts: 0 });
    expect(wakes).toHaveLength(1);
    await drain(); // too early: nothing is tried
    expect(site.calls.filter((c) => c.method === 'update')).toHaveLength(1);

    later(60_000);
    await drain(); // the reconcile read fails: still down, the wait grows
    later(60_000);
    await drain();
    expect(site.notices.size).toBe(2);
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    expect(lines.some((l) => l.message.includes('answers again'))).toBe(true);
  });

  it('fails a post StatusNet refuses, in its words, and goes on with the next', async () => {
    const { db, site, lines, drain } = await setup();
    await receive(db, postEvent(1, post('11')));
    await receive(db, postEvent(2, post('12')));
    site.fail('update', new StatusNetError('refused', 'Forbidden.', 403));
    await drain();

    expect(await db.get('imports', '11')).toMatchObject({
      state: 'failed',
      lastError: 'StatusNet answered 403: Forbidden.',
    });
    expect(await db.get('imports', '12')).toMatchObject({ state: 'done' });
    expect(lines.some((l) => l.level === 'error' && l.message.includes('Forbidden.'))).toBe(true);
  });

  it('waits for an import account, saying so once', async () => {
    const { db, lines, drain } = await setup({ connected: false });
    await receive(db, postEvent(1, post('11')));
    await drain();
    await drain();
    expect(await db.get('imports', '11')).toMatchObject({ state: 'pending' });
    expect(lines.filter((l) => l.message.includes('connect an import account'))).toHaveLength(1);
  });

  it('logs each import with links to the notice and the post', async () => {
    const { db, lines, drain } = await setup();
    await receive(db, postEvent(1, post('11')));
    await drain();
    expect(lines).toContainEqual({
      level: 'info',
      area: 'import',
      message: 'Imported a post by @ada.',
      noticeUrl: 'https://social.example/notice/1',
      xUrl: 'https://x.com/ada/status/11',
    });
  });
});
