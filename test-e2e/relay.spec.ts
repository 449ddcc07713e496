import { expect, test } from '@playwright/test';
import { startXEmulator } from '../emulators/x/index.ts';
import { startRelayProcess } from './fixtures/relay-process.ts';

test('the relay runs as its own process and reports its health', async ({ request }) => {
  const x = await startXEmulator({ log: () => undefined });
  const relay = await startRelayProcess({ xApiBase: x.url, bearerToken: x.bearerToken });
  try {
    const health = await request.get(`${relay.url}/healthz`);
    expect(health.headers()['content-type']).toContain('application/json');
    const body = (await health.json()) as { stream: { state: string }; rules: { total: number } };
    expect(body.rules.total).toBe(1000);
    expect(typeof body.stream.state).toBe('string');

    const registered = await request.post(`${relay.url}/v1/subscriptions`, { data: {} });
    expect(registered.status()).toBe(201);
    const unauthorised = await request.get(`${relay.url}/v1/subscriptions/nobody`);
    expect(unauthorised.status()).toBe(401);
  } finally {
    await relay.stop();
    await x.close();
  }
});
