import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningXEmulator } from '../../emulators/x/index.ts';
import { startXEmulator } from '../../emulators/x/index.ts';
import { register, viaHttp } from '../testing/api-client.ts';
import { freePort, spawnRelay } from '../testing/child-relay.ts';
import { resilientSocket } from '../testing/socket-client.ts';
import { tempDir, testEnv } from '../testing/stack.ts';
import { waitFor } from '../testing/wait-for.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// Real sockets and processes on a shared machine: a generous ceiling, never a timing claim.
describe('a relay killed with SIGKILL while posts flow', { timeout: 60_000 }, () => {
  it('delivers every post to every subscriber exactly once after a restart', async () => {
    const x: RunningXEmulator = await startXEmulator({ keepAliveMs: 100, log: () => undefined });
    cleanups.push(() => x.close());
    const dir = tempDir();
    cleanups.push(dir.remove);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = { ...testEnv(x, dir.path), PORT: String(port), LOG_LEVEL: 'warn' };

    let relay = spawnRelay(env);
    cleanups.push(() => relay.child.kill('SIGKILL'));
    await relay.ready(url);

    const alice = x.createUser({ username: 'alice' });
    const bob = x.createUser({ username: 'bob' });
    const both = await register(viaHttp(url), { xUserId: '11', followIds: [alice.id, bob.id] });
    const onlyBob = await register(viaHttp(url), { xUserId: '12', followIds: [bob.id] });
    await waitFor('the stream', () => x.streamConnections() === 1);
    const sockets = [
      resilientSocket(url, both.id, both.secret),
      resilientSocket(url, onlyBob.id, onlyBob.secret),
    ];
    cleanups.push(() => sockets.forEach((s) => s.stop()));

    const posted: { id: string; author: string }[] = [];
    const post = (i: number) => {
      const author = i % 2 === 0 ? alice : bob;
      posted.push({ id: x.post(author.id, { text: `post ${i}` }).id, author: author.id });
    };
    // Posts flow at a steady pace throughout, the crash and the restart included.
    let i = 0;
    for (; i < 15; i++) {
      post(i);
      await sleep(20);
    }
    relay.child.kill('SIGKILL');
    await relay.exited;
    for (; i < 30; i++) {
      post(i);
      await sleep(20);
    }
    relay = spawnRelay(env);
    await relay.ready(url);
    for (; i < 45; i++) {
      post(i);
      await sleep(20);
    }

    const forBoth = posted.map((p) => p.id);
    const forBob = posted.filter((p) => p.author === bob.id).map((p) => p.id);
    await waitFor(
      'every post on both sockets',
      () => {
        const [a, b] = sockets.map((s) => new Set(s.postIds()));
        return forBoth.every((id) => a!.has(id)) && forBob.every((id) => b!.has(id));
      },
      30_000,
    );
    const [allIds, bobIds] = sockets.map((s) => s.postIds());
    expect(allIds).toHaveLength(forBoth.length);
    expect(new Set(allIds)).toEqual(new Set(forBoth));
    expect(bobIds).toHaveLength(forBob.length);
    expect(new Set(bobIds)).toEqual(new Set(forBob));

    // A SIGTERM ends it cleanly: sockets told 1001, exit code 0.
    relay.child.kill('SIGTERM');
    expect(await relay.exited).toBe(0);
    await waitFor('both sockets closed by the relay', () =>
      sockets.every((s) => s.closes.includes(1001)),
    );
    // Two relay starts (tsx compiles each) and three rounds of posts: more than the default.
  }, 120_000);
});
