import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openBridgeDb, type Db } from '../shared/db.ts';
import type { OutboxEntry, XAccount } from '../shared/db-schema.ts';
import { badgeState } from './badge.ts';

// badgeState reads storage only; the toolbar API it would drive does not exist in node.
vi.mock('webextension-polyfill', () => ({ default: {} }));

const xAccount = (state: XAccount['state']): XAccount => ({
  role: 'x',
  userId: '1',
  username: 'ada',
  name: 'Ada',
  accessToken: 'at',
  refreshToken: 'rt',
  expiresAt: 0,
  scopes: [],
  state,
  connectedAt: 0,
});

const failedEntry = (noticeId: number): OutboxEntry => ({
  noticeId,
  noticeUrl: `https://social.example/notice/${noticeId}`,
  action: { type: 'like', xPostId: '9' },
  state: 'failed',
  attempts: 1,
  notBefore: 0,
  createdAt: 0,
});

let db: Db;
beforeEach(async () => (db = await openBridgeDb(`badge-${Math.random()}`)));
afterEach(() => db.close());

describe('badgeState', () => {
  it('is empty when nothing needs the user', async () => {
    await db.put('accounts', xAccount('ok'));
    expect(await badgeState(db)).toEqual({ text: '', title: 'StatusNet–X Bridge' });
  });

  it('counts failed outbox and import items', async () => {
    await db.add('outbox', failedEntry(1));
    await db.add('outbox', { ...failedEntry(2), state: 'pending' });
    await db.put('imports', {
      postId: '5',
      event: { type: 'delete', seq: 1, postId: '5' },
      state: 'failed',
      attempts: 3,
      notBefore: 0,
      receivedAt: 0,
    });
    expect(await badgeState(db)).toEqual({
      text: '2',
      title: 'StatusNet–X Bridge: 2 items failed',
    });
  });

  it('shows "!" while the X account needs reconnecting, whatever else failed', async () => {
    await db.add('outbox', failedEntry(1));
    await db.put('accounts', xAccount('reconnect'));
    expect(await badgeState(db)).toMatchObject({
      text: '!',
      title: expect.stringMatching(/reconnect your X account/),
    });
  });
});
