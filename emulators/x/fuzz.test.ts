import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createXEmulator } from './index.ts';
import { assertMatchesSpec } from './testing/openapi.ts';

const x = createXEmulator({ keepAliveMs: 1000, log: () => undefined });
const ada = x.createUser({ username: 'ada' });
const bob = x.createUser({ username: 'bob' });
const post = x.post(bob.id, { text: 'hello @ada https://example.com #tag' });
const full = x.mintToken(ada.id).access_token;
const narrow = x.mintToken(ada.id, ['tweet.read']).access_token;
afterAll(() => x.shutdown());

const segment = fc.oneof(
  fc.constantFrom(ada.id, bob.id, post.id, 'me', '0', '99999999999999999999', 'ada'),
  fc.string({ maxLength: 12 }),
);
const path = fc.oneof(
  fc.constantFrom(
    '/2/tweets',
    '/2/tweets/search/recent',
    '/2/tweets/search/stream',
    '/2/tweets/search/stream/rules',
    '/2/users/me',
    '/2/media/upload',
    '/2/media/metadata',
    '/2/oauth2/token',
    '/2/oauth2/revoke',
    '/oauth2/token',
    '/i/oauth2/authorize',
    '/_control/users',
    '/_control/tokens',
  ),
  fc
    .tuple(
      fc.constantFrom('/2/tweets/', '/2/users/', '/2/users/by/username/', '/_control/users/'),
      segment,
    )
    .map(([p, s]) => p + encodeURIComponent(s)),
  fc
    .tuple(
      segment,
      fc.constantFrom('/following', '/tweets', '/likes', '/retweets', '/posts', '/follows'),
      fc.option(segment),
    )
    .map(
      ([id, rest, tail]) =>
        `/2/users/${encodeURIComponent(id)}${rest}${tail === null ? '' : `/${encodeURIComponent(tail)}`}`,
    ),
);
const query = fc.array(
  fc.tuple(
    fc.oneof(
      fc.constantFrom(
        'ids',
        'query',
        'since_id',
        'max_results',
        'next_token',
        'pagination_token',
        'expansions',
        'tweet.fields',
        'user.fields',
        'dry_run',
        'delete_all',
        'exclude',
      ),
      fc.string({ maxLength: 8 }),
    ),
    fc.oneof(
      fc.constantFrom(
        post.id,
        'from:ada OR from:bob',
        '10',
        '100',
        'author_id',
        'true',
        '-',
        '(',
        '"',
      ),
      fc.string({ maxLength: 20 }),
    ),
  ),
  { maxLength: 4 },
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.json().map((j) => ({ type: 'application/json', text: j })),
  fc
    .constantFrom(
      { text: 'fuzz' },
      { text: 'r', reply: { in_reply_to_tweet_id: post.id } },
      { add: [{ value: 'from:ada', tag: 't' }] },
      { delete: { ids: ['1'] } },
      { tweet_id: post.id },
      { username: 'fuzzy' },
    )
    .map((j) => ({ type: 'application/json', text: JSON.stringify(j) })),
  fc.string({ maxLength: 40 }).map((s) => ({ type: 'application/x-www-form-urlencoded', text: s })),
);
const auth = fc.constantFrom<string | undefined>(undefined, x.bearerToken, full, narrow, 'garbage');

describe('robustness', () => {
  it('never crashes, and every JSON answer of a spec endpoint matches the spec', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS'),
        path,
        query,
        body,
        auth,
        async (method, p, q, b, token) => {
          const search = new URLSearchParams(q).toString();
          const headers: Record<string, string> = {};
          if (token) headers.authorization = `Bearer ${token}`;
          if (b) headers['content-type'] = b.type;
          const hasBody = b !== undefined && method !== 'GET' && method !== 'OPTIONS';
          const res = await x.app.request(`${p}${search ? `?${search}` : ''}`, {
            method,
            headers,
            body: hasBody ? b.text : null,
          });
          expect(res.status).toBeLessThan(500);
          if (p === '/2/tweets/search/stream' && res.status === 200) {
            await res.body?.cancel();
            return;
          }
          if ((res.headers.get('content-type') ?? '').includes('json')) {
            assertMatchesSpec(method, p.split('?')[0] ?? p, res.status, await res.json());
          } else await res.text();
        },
      ),
      { numRuns: 400 },
    );
  });
});
