import { describe, expect, it } from 'vitest';
import { specErrors, specPathFor } from './openapi.ts';

describe('the OpenAPI check used by every test', () => {
  it('finds the operation behind a concrete path, preferring literal segments', () => {
    expect(specPathFor('/2/users/me')).toBe('/2/users/me');
    expect(specPathFor('/2/users/123/following')).toBe('/2/users/{id}/following');
    expect(specPathFor('/2/tweets/search/recent')).toBe('/2/tweets/search/recent');
    expect(specPathFor('/_control/users')).toBeUndefined();
  });

  it('accepts a body of the right shape and refuses a wrong one', () => {
    expect(
      specErrors('GET', '/2/tweets', 200, {
        data: [{ id: '1', text: 'a', edit_history_tweet_ids: ['1'] }],
      }),
    ).toEqual([]);
    expect(
      specErrors('GET', '/2/tweets', 200, { data: [{ id: 'not-a-number', text: 'a' }] }),
    ).not.toEqual([]);
    expect(specErrors('GET', '/2/users/me', 200, { data: { id: '1', name: 'n' } })).not.toEqual([]);
  });

  it('checks errors against the problem schema', () => {
    expect(
      specErrors('GET', '/2/users/me', 401, {
        title: 'Unauthorized',
        type: 'about:blank',
        status: 401,
        detail: 'Unauthorized',
      }),
    ).toEqual([]);
    expect(specErrors('GET', '/2/users/me', 401, { message: 'no' })).not.toEqual([]);
  });
});
