import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createXClient, XApiError } from './x-client.ts';

function client(respond: (request: Request) => Response) {
  const seen: Request[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push(request);
    return respond(request);
  };
  return { x: createXClient({ baseUrl: 'http://x.test', bearerToken: 'the-token', fetch }), seen };
}

const signal = new AbortController().signal;

describe('createXClient', () => {
  it('sends the bearer token and the query, and validates the answer', async () => {
    const { x, seen } = client(() => Response.json({ data: [1, 2] }));
    const answer = await x.get(
      '/2/things',
      { a: '1', b: undefined },
      z.object({ data: z.array(z.number()) }),
      signal,
    );
    expect(answer).toEqual({ data: [1, 2] });
    expect(seen[0]?.url).toBe('http://x.test/2/things?a=1');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer the-token');
    expect(seen[0]?.headers.get('user-agent')).toMatch(/^statusnet-x-bridge-relay/);
  });

  it('throws X’s own words and the rate-limit reset, never the token', async () => {
    const { x } = client(() =>
      Response.json(
        { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank' },
        { status: 429, headers: { 'x-rate-limit-reset': '1800000000' } },
      ),
    );
    const error = await x.get('/2/things', {}, z.unknown(), signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XApiError);
    expect(error).toMatchObject({ status: 429, resetAtMs: 1_800_000_000_000 });
    expect(String(error)).toContain('Too Many Requests');
    expect(JSON.stringify(error) + String(error)).not.toContain('the-token');
  });

  it('reads problems wrapped in `errors`', async () => {
    const { x } = client(() =>
      Response.json({ errors: [{ message: 'Rate limit exceeded', code: 88 }] }, { status: 429 }),
    );
    await expect(x.get('/2/things', {}, z.unknown(), signal)).rejects.toThrow(
      'Rate limit exceeded',
    );
  });

  it('refuses an answer that is not what X sends', async () => {
    const { x } = client(() => Response.json({ data: 'nope' }));
    await expect(
      x.get('/2/things', {}, z.object({ data: z.array(z.number()) }), signal),
    ).rejects.toThrow('unexpected answer from X to /2/things');
  });
});
