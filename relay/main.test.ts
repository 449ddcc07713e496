import { describe, expect, it } from 'vitest';
import { register, viaHttp } from './testing/api-client.ts';
import { freePort, spawnRelay } from './testing/child-relay.ts';
import { connectSocket } from './testing/socket-client.ts';
import { tempDir } from './testing/stack.ts';
import { waitFor } from './testing/wait-for.ts';

// Real sockets and processes on a shared machine: a generous ceiling, never a timing claim.
describe('relay/main.ts', { timeout: 60_000 }, () => {
  it('exits non-zero naming a bad variable', async () => {
    const relay = spawnRelay({ PORT: 'eighty', RULE_MAX_COUNT: '0', X_BEARER_TOKEN: 'tiny' });
    expect(await relay.exited).toBe(2);
    expect(relay.stderr()).toContain('PORT: expected a whole number');
    expect(relay.stderr()).toContain('RULE_MAX_COUNT');
    expect(relay.stderr()).toContain('X_BEARER_TOKEN');
    expect(relay.stderr()).not.toContain('tiny');
  });

  it('serves without X_BEARER_TOKEN and closes cleanly on SIGTERM', async () => {
    const dir = tempDir();
    try {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const relay = spawnRelay({ PORT: String(port), RELAY_DATA_DIR: dir.path });
      await relay.ready(url);
      const health = await (await fetch(`${url}/healthz`)).json();
      expect(health).toMatchObject({
        ok: false,
        problems: ['no X_BEARER_TOKEN: the stream is idle'],
      });

      const sub = await register(viaHttp(url));
      const socket = connectSocket(url, sub.id, sub.secret);
      await waitFor('ready', () => socket.messages.some((m) => m.type === 'ready'));

      relay.child.kill('SIGTERM');
      expect(await relay.exited).toBe(0);
      await waitFor('the socket closed', () => socket.closed);
      expect(socket.closed).toEqual({ code: 1001, reason: 'relay shutting down' });
      const lines = relay
        .stdout()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { msg: string });
      expect(lines.map((line) => line.msg)).toContain('relay stopped');
    } finally {
      dir.remove();
    }
  });
});
