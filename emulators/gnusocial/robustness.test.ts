import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestSite } from './testing/client.ts';

/**
 * Whatever arrives, the emulator answers over HTTP and never with a 5xx of its own: the only
 * 500s are the two documented quirks (unfave, and deleting a faved notice).
 */

const site = createTestSite();
const quirk500 = /^\/api\/(favorites|statuses)\/destroy\//;

const segment = fc.oneof(
  fc.constantFrom(
    'api',
    'statuses',
    'update',
    'show',
    'destroy',
    'retweet',
    'user_timeline',
    'home_timeline',
    'mentions',
    'favorites',
    'create',
    'friendships',
    'account',
    'verify_credentials',
    'register',
    'statusnet',
    'config',
    'help',
    'test',
    'oauth',
    'authorize',
    'request_token',
    'access_token',
    'file',
    'attachment',
    '1',
    '3',
    '99999',
    '-1',
    '0x1',
    'abc',
  ),
  fc.string({ maxLength: 8 }).map(encodeURIComponent),
);
const path = fc
  .tuple(
    fc.array(segment, { minLength: 1, maxLength: 4 }),
    fc.constantFrom('.json', '.xml', '', '.atom', '.json/'),
    fc.string({ maxLength: 20 }).map(encodeURIComponent),
  )
  .map(([parts, suffix, query]) => `/${parts.join('/')}${suffix}?${query}`);

const body = fc.oneof(
  fc.constant(undefined),
  fc.string({ maxLength: 60 }).map((text) => ({ text, type: 'application/x-www-form-urlencoded' })),
  fc.json().map((text) => ({ text, type: 'application/json' })),
  fc.string({ maxLength: 60 }).map((text) => ({ text, type: 'multipart/form-data; boundary=xyz' })),
  fc
    .dictionary(
      fc.constantFrom(
        'status',
        'in_reply_to_status_id',
        'id',
        'count',
        'since_id',
        'source',
        'screen_name',
      ),
      fc.string({ maxLength: 12 }),
    )
    .map((fields) => ({
      text: new URLSearchParams(fields).toString(),
      type: 'application/x-www-form-urlencoded',
    })),
);

const auth = fc.constantFrom(
  undefined,
  'Basic YWxpY2U6YWxpY2VwYXNzMTIz',
  'Basic Ym9iOmJvYnBhc3MxMjM=',
  'Basic !!!',
  'Basic ' + Buffer.from(':').toString('base64'),
  'OAuth oauth_consumer_key="x", oauth_token="y", oauth_signature="z"',
  'Bearer abc',
);

describe('robustness', () => {
  it('answers any request, and never with a 5xx outside the documented quirks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'OPTIONS', 'PATCH'),
        path,
        body,
        auth,
        async (method, target, payload, authorization) => {
          const headers: Record<string, string> = {};
          if (authorization) headers.authorization = authorization;
          if (payload) headers['content-type'] = payload.type;
          const canHaveBody = method !== 'GET' && payload !== undefined;
          const res = await site.emulator.app.request(`http://gs.test${target}`, {
            method,
            headers,
            ...(canHaveBody && { body: payload.text }),
          });
          await res.arrayBuffer();

          expect(res.status).toBeGreaterThanOrEqual(200);
          if (res.status >= 500) expect(target).toMatch(quirk500);
        },
      ),
      { numRuns: 400, seed: 20261203 },
    );
  });
});
