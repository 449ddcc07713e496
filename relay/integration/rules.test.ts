import { afterEach, describe, expect, it } from 'vitest';
import { eventsResponseSchema, subscriptionStatusSchema } from '../../protocol/index.ts';
import { jsonInit, register, viaHttp } from '../testing/api-client.ts';
import type { Stack } from '../testing/stack.ts';
import { rulesCover, startStack } from '../testing/stack.ts';
import { waitFor } from '../testing/wait-for.ts';

let stack: Stack;
afterEach(() => stack.close());

// 19-digit ids cost 24 characters, then 28 each: two ids a rule of 64, six in three rules.
const SMALL = {
  env: { RULE_MAX_LENGTH: '64', RULE_MAX_COUNT: '3' },
  x: { settings: { stream: { maxRules: 3, maxRuleLength: 64 } } },
};

const rulesOnX = () => [...stack.x.state.rules.values()];

async function addForeignRule(value: string, tag: string) {
  const response = await fetch(`${stack.x.url}/2/tweets/search/stream/rules`, {
    ...jsonInit('POST', { add: [{ value, tag }] }),
    headers: { authorization: `Bearer ${stack.x.bearerToken}`, 'content-type': 'application/json' },
  });
  expect(response.status).toBe(201);
}

// Real sockets and processes on a shared machine: a generous ceiling, never a timing claim.
describe('stream rules', { timeout: 60_000 }, () => {
  it('follow subscription changes within the limits, and report what does not fit', async () => {
    stack = await startStack(SMALL);
    const { x, relay } = stack;
    const request = viaHttp(relay.url);
    const u = Array.from({ length: 8 }, (_, i) => x.createUser({ username: `user${i}` }).id);

    const one = await register(request, { xUserId: '1', followIds: u.slice(0, 4) });
    await rulesCover(stack, u.slice(0, 4));
    await register(request, { xUserId: '2', followIds: u.slice(2, 6) });
    await rulesCover(stack, u.slice(0, 6));
    for (const rule of rulesOnX()) {
      expect(rule.value.length).toBeLessThanOrEqual(64);
      expect(rule.tag).toMatch(/^relay:[0-9]+$/);
    }

    const three = await register(request, { xUserId: '3', followIds: u.slice(6, 8) });
    const status = await request(
      `/v1/subscriptions/${three.id}`,
      jsonInit('GET', undefined, three.secret),
    );
    expect(subscriptionStatusSchema.parse(await status.json())).toMatchObject({
      follows: 2,
      uncovered: 2,
    });
    const health = await (await request('/healthz')).json();
    expect(health).toMatchObject({
      uncovered: { follows: 2, subscriptions: 1 },
      rules: { used: 3, total: 3 },
    });
    expect(await (await request('/metrics')).text()).toContain('relay_uncovered_follows 2');
    expect(rulesOnX()).toHaveLength(3);

    // Over capacity, the overflow poller still finds the posts, by recent search.
    const polled = x.post(u[6]!, { text: 'found by search' });
    const events = await request(
      `/v1/subscriptions/${three.id}/events?after=0&wait=20`,
      jsonInit('GET', undefined, three.secret),
    );
    const answer = eventsResponseSchema.parse(await events.json());
    expect(answer.events).toMatchObject([{ type: 'post', post: { id: polled.id } }]);

    // Capacity freed by a departure goes to the uncovered ids.
    await request(`/v1/subscriptions/${one.id}`, jsonInit('DELETE', undefined, one.secret));
    await rulesCover(stack, u.slice(2, 8));
    const after = await request(
      `/v1/subscriptions/${three.id}`,
      jsonInit('GET', undefined, three.secret),
    );
    expect(await after.json()).toMatchObject({ uncovered: 0 });
  });

  it('leave rules that are not theirs alone, counting them against capacity', async () => {
    stack = await startStack(SMALL);
    await addForeignRule('cats has:images', 'someone-else');
    await addForeignRule('from:42', 'relay:77x');
    await stack.restartRelay();
    const u = Array.from({ length: 4 }, (_, i) => stack.x.createUser({ username: `user${i}` }).id);
    await register(viaHttp(stack.relay.url), { xUserId: '1', followIds: u });

    // Capacity is 3 rules; the foreign one takes one; ours take two (4 ids); none is stray.
    await waitFor(
      'rules synced',
      () => rulesOnX().length === 3 && rulesOnX().every((r) => r.value !== 'from:42'),
    );
    expect(rulesOnX().map((r) => r.tag)).toContain('someone-else');
    const health = await (await fetch(`${stack.relay.url}/healthz`)).json();
    expect(health).toMatchObject({
      rules: { used: 3, foreign: 1, ours: 2 },
      uncovered: { follows: 0 },
    });
  });

  it('read X’s rules after a restart and leave them as they are', async () => {
    stack = await startStack();
    const u = Array.from({ length: 3 }, (_, i) => stack.x.createUser({ username: `user${i}` }).id);
    await register(viaHttp(stack.relay.url), { xUserId: '1', followIds: u });
    await rulesCover(stack, u);
    const before = rulesOnX().map((r) => r.id);

    stack.x.journal.clear();
    await stack.restartRelay();
    await waitFor('the stream again', () =>
      stack.x.journal
        .entries()
        .some((e) => e.path === '/2/tweets/search/stream' && e.status === 200),
    );
    const calls = stack.x.journal
      .entries()
      .filter((e) => e.path === '/2/tweets/search/stream/rules');
    expect(calls.map((e) => e.method)).toEqual(['GET']);
    expect(rulesOnX().map((r) => r.id)).toEqual(before);
  });
});
