import { describe, expect, it } from 'vitest';
import { discoverApiRoot } from './api-root-discovery.ts';

/** A fake site: paths that answer, everything else a 404 HTML page. */
function site(answers: Record<string, { status?: number; body: string }>) {
  const asked: string[] = [];
  const fetch = async (input: string | URL | Request) => {
    const url = new URL(String(input));
    asked.push(url.pathname);
    const answer = answers[url.pathname];
    if (!answer) {
      return new Response('<html>Not Found</html>', {
        status: 404,
        headers: { 'content-type': 'text/html' },
      });
    }
    return new Response(answer.body, { status: answer.status ?? 200 });
  };
  return { fetch: fetch as typeof globalThis.fetch, asked };
}

describe('discoverApiRoot', () => {
  it('finds /api on a GNU social site that answers "ok"', async () => {
    const { fetch, asked } = site({ '/api/help/test.json': { body: '"ok"' } });
    await expect(discoverApiRoot('social.example', { fetch })).resolves.toBe(
      'https://social.example/api',
    );
    expect(asked).toEqual(['/api/help/test.json']);
  });

  it('falls back to /index.php/api on a site without fancy URLs', async () => {
    const { fetch, asked } = site({ '/index.php/api/help/test.json': { body: '"ok"' } });
    await expect(discoverApiRoot('https://host', { fetch })).resolves.toBe(
      'https://host/index.php/api',
    );
    expect(asked).toEqual(['/api/help/test.json', '/index.php/api/help/test.json']);
  });

  it('accepts the `true` older StatusNets answer', async () => {
    const { fetch } = site({ '/api/help/test.json': { body: 'true' } });
    await expect(discoverApiRoot('https://old.example', { fetch })).resolves.toBe(
      'https://old.example/api',
    );
  });

  it('says the address is no StatusNet API when nothing answers "ok"', async () => {
    const { fetch } = site({ '/api/help/test.json': { body: '{"title":"Not Found"}' } });
    await expect(discoverApiRoot('https://x.example', { fetch })).rejects.toMatchObject({
      kind: 'not-api',
      message: expect.stringMatching(/No StatusNet \/ GNU social API answered at x\.example/),
    });
  });

  it('says the site is unreachable, without probing further, when the connection fails', async () => {
    let calls = 0;
    const fetch = (async () => {
      calls++;
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    await expect(discoverApiRoot('https://down.example', { fetch })).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringMatching(/down\.example could not be reached/),
    });
    expect(calls).toBe(1);
  });
});
