import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RelayPost } from '../../protocol/index.ts';
import type { Ingest } from '../ingest.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { RelayStore } from '../store/store.ts';
import type { XClient } from '../x/x-client.ts';
import { ageBand, createDeleteSweep, lookupsPerPost } from './delete-sweep.ts';

const MINUTE = 60_000;
const INTERVAL = 15 * MINUTE;
const DAY = 24 * 60 * MINUTE;

let store: RelayStore;
let clock: number;
let lookups: string[][];
let gone: Set<string>;
let failing: boolean;
let deletes: string[];

// The X client and the ingest as the sweep uses them: one lookup call, one delete.
const client = {
  get: async (_path: string, query: { ids: string }) => {
    if (failing) throw new Error('X is down');
    const ids = query.ids.split(',');
    lookups.push(ids);
    const type = 'https://api.x.com/2/problems/resource-not-found';
    return {
      data: ids.filter((id) => !gone.has(id)).map((id) => ({ id })),
      errors: ids.filter((id) => gone.has(id)).map((id) => ({ resource_id: id, type })),
    };
  },
} as unknown as XClient;
const ingest = { ingestDelete: (id: string) => void deletes.push(id) } as unknown as Ingest;

let nextId = 1000;
function deliver(at: number): string {
  const post: RelayPost = {
    id: String(nextId++),
    authorId: '10',
    authorUsername: 'ada',
    authorName: 'Ada',
    text: 'hello',
    createdAt: new Date(at).toISOString(),
    references: [],
    urls: [],
    media: [],
  };
  store.appendPost(post, at);
  return post.id;
}

function sweeper() {
  return createDeleteSweep({
    client,
    log: store,
    ingest,
    reachMs: DAY,
    intervalMs: INTERVAL,
    logger: pino({ level: 'silent' }),
    now: () => clock,
  });
}

const signal = new AbortController().signal;
const lookedUp = (id: string) => lookups.filter((ids) => ids.includes(id)).length;

beforeEach(() => {
  store = openSqliteStore(':memory:');
  store.createSubscription('a', Buffer.alloc(32, 1), 0);
  store.setFollows('a', '1', ['10']);
  clock = 10 * DAY;
  lookups = [];
  gone = new Set();
  failing = false;
  deletes = [];
});

describe('the delete sweep', () => {
  it('bands ages by doubling intervals', () => {
    expect([0, 14, 15, 29, 30, 59, 60, 119, 120].map((m) => ageBand(m * MINUTE, INTERVAL))).toEqual(
      [0, 0, 1, 1, 2, 2, 3, 3, 4],
    );
    expect(ageBand(-1, INTERVAL)).toBe(-1);
  });

  it('looks a post up at ages of about 0, 1, 2, 4, 8... intervals: 8 reads in a day, not 96', async () => {
    const sweep = sweeper();
    const id = deliver(clock + 1);
    const start = clock;
    for (let sweeps = 1; sweeps <= DAY / INTERVAL + 1; sweeps++) {
      clock = start + sweeps * INTERVAL;
      await sweep(signal);
    }
    expect(lookedUp(id)).toBe(8);
    expect(lookupsPerPost(INTERVAL, DAY)).toBe(8);
  });

  it('turns a post X no longer finds into a delete for those who received it', async () => {
    const sweep = sweeper();
    const kept = deliver(clock - 1);
    const deleted = deliver(clock - 1);
    gone.add(deleted);
    await sweep(signal);

    expect(deletes).toEqual([deleted]);
    expect(lookups).toEqual([[kept, deleted]]);
  });

  it('makes up after a failed sweep: the next one looks up what it missed', async () => {
    const sweep = sweeper();
    const id = deliver(clock - 1);
    failing = true;
    await expect(sweep(signal)).rejects.toThrow('X is down');
    failing = false;
    clock += INTERVAL;
    await sweep(signal);
    expect(lookedUp(id)).toBe(1);
  });

  it('asks X for 100 ids at a time', async () => {
    const sweep = sweeper();
    for (let i = 0; i < 250; i++) deliver(clock - 1);
    await sweep(signal);
    expect(lookups.map((ids) => ids.length)).toEqual([100, 100, 50]);
  });
});
