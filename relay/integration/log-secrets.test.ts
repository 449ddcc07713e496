import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonInit, register, viaHttp } from '../testing/api-client.ts';
import { connectSocket } from '../testing/socket-client.ts';
import type { Stack } from '../testing/stack.ts';
import { rulesCover, startStack } from '../testing/stack.ts';
import { waitFor } from '../testing/wait-for.ts';

let stack: Stack;
afterEach(() => stack.close());

// Real sockets and processes on a shared machine: a generous ceiling, never a timing claim.
describe('logs', { timeout: 60_000 }, () => {
  it('never contain a secret, a token or the admission code', async () => {
    const bearer = `bearer-${randomBytes(16).toString('hex')}`;
    const admission = `admit-${randomBytes(8).toString('hex')}`;
    stack = await startStack({
      x: { bearerToken: bearer },
      env: { RELAY_ADMISSION_CODE: admission, LOG_LEVEL: 'trace' },
    });
    const { x, relay } = stack;
    const request = viaHttp(relay.url);
    const alice = x.createUser({ username: 'alice' });

    const sub = await register(
      request,
      { xUserId: '1', followIds: [alice.id] },
      { admissionCode: admission },
    );
    await request('/v1/subscriptions', jsonInit('POST', { admissionCode: `${admission}-wrong` }));
    await request(`/v1/subscriptions/${sub.id}`, jsonInit('GET', undefined, `${sub.secret}-wrong`));
    await request(
      `/v1/subscriptions/${sub.id}/events?after=0`,
      jsonInit('GET', undefined, sub.secret),
    );
    await rulesCover(stack, [alice.id]);
    const socket = connectSocket(relay.url, sub.id, sub.secret);
    const rejected = connectSocket(relay.url, sub.id, `${sub.secret}-wrong`);
    const posted = x.post(alice.id, { text: 'hello' });
    await waitFor('the post', () => socket.postIds().includes(posted.id));
    await waitFor('the rejection', () => rejected.closed);
    socket.close();
    // A failing X call is logged too: make one, with the token in the request.
    x.faults.add({ pathPrefix: '/2/tweets/search/stream', method: 'GET', status: 401, count: 1 });
    x.disconnectStream('drop');
    await waitFor('a reconnect', () =>
      stack.log.entries().some((e) => e.msg === 'stream disconnected'),
    );

    const text = stack.log.text();
    expect(text.length).toBeGreaterThan(1000);
    for (const secret of [bearer, admission, sub.secret]) expect(text).not.toContain(secret);
  });
});
