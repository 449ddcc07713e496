import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_USER, startXEmulator, type RunningXEmulator } from './index.ts';
import { DEMO_SCRIPT } from './demo-script.ts';
import { assertMatchesSpec } from './testing/openapi.ts';

let x: RunningXEmulator | undefined;
afterEach(() => x?.close());

describe('demo world', () => {
  it('seeds demo_user, who follows four accounts and is signed in on the consent page', async () => {
    const lines: string[] = [];
    x = await startXEmulator({
      demo: true,
      demoIntervalMs: 60_000,
      bearerToken: 'from-X_BEARER_TOKEN',
      log: (l) => lines.push(l),
    });
    expect(x.bearerToken).toBe('from-X_BEARER_TOKEN');
    expect(lines[0]).toContain(x.clientId);

    const following = await fetch(`${x.url}/2/users/${DEMO_USER.id}/following`, {
      headers: { authorization: `Bearer ${x.bearerToken}` },
    });
    const body = (await following.json()) as { data: { username: string }[] };
    assertMatchesSpec('GET', `/2/users/${DEMO_USER.id}/following`, following.status, body);
    expect(body.data.map((u) => u.username).sort()).toEqual(
      DEMO_ACCOUNTS.filter((a) => a.followed)
        .map((a) => a.username)
        .sort(),
    );
    expect(x.settings.signedInUserId).toBe(DEMO_USER.id);
  });

  it('posts its script in a fixed order, seeded posts first', async () => {
    x = await startXEmulator({ demo: true, demoIntervalMs: 60_000, log: () => undefined });
    const texts = () => [...(x?.state.posts.values() ?? [])].map((p) => p.submittedText);
    expect(texts()).toHaveLength(6);
    expect(texts()[0]).toBe(DEMO_SCRIPT[0]?.text);
  });

  it('comes back seeded after a reset', async () => {
    x = await startXEmulator({ demo: true, demoIntervalMs: 60_000, log: () => undefined });
    x.createUser({ username: 'extra' });
    x.reset();
    expect(x.state.userByName('extra')).toBeUndefined();
    expect(x.state.userByName(DEMO_USER.username)?.id).toBe(DEMO_USER.id);
  });
});
