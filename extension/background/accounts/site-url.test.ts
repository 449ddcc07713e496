import { describe, expect, it } from 'vitest';
import { apiRootCandidates, parseSiteUrl, siteOrigin } from './site-url.ts';

describe('apiRootCandidates', () => {
  it('adds https:// to a bare host and tries /api, then /index.php/api', () => {
    expect(apiRootCandidates('social.example')).toEqual([
      'https://social.example/api',
      'https://social.example/index.php/api',
    ]);
  });

  it('ignores a trailing slash, a query and a fragment', () => {
    expect(apiRootCandidates(' https://social.example/?x=1#top ')).toEqual([
      'https://social.example/api',
      'https://social.example/index.php/api',
    ]);
  });

  it('takes an address that already names the API as the only candidate', () => {
    expect(apiRootCandidates('https://social.example/api')).toEqual(['https://social.example/api']);
    expect(apiRootCandidates('https://host/index.php/api/')).toEqual([
      'https://host/index.php/api',
    ]);
    expect(apiRootCandidates('http://127.0.0.1:8088/api/help/test.json')).toEqual([
      'http://127.0.0.1:8088/api',
    ]);
  });

  it('tries a site installed below a path before the origin', () => {
    expect(apiRootCandidates('https://example.org/gnusocial')).toEqual([
      'https://example.org/gnusocial/api',
      'https://example.org/gnusocial/index.php/api',
      'https://example.org/api',
      'https://example.org/index.php/api',
    ]);
  });

  it('reads /index.php as a site without fancy URLs', () => {
    expect(apiRootCandidates('https://host/index.php')).toEqual([
      'https://host/api',
      'https://host/index.php/api',
    ]);
  });

  it('keeps http:// and ports as typed', () => {
    expect(apiRootCandidates('http://127.0.0.1:4000')[0]).toBe('http://127.0.0.1:4000/api');
  });
});

describe('parseSiteUrl', () => {
  it.each([
    ['', /Enter the address/],
    ['   ', /Enter the address/],
    ['not a url at all', /not a web address/],
    ['ftp://social.example', /must start with https:\/\//],
    ['https://alice:secret@social.example', /Leave the user name and password out/],
  ])('refuses %j', (input, message) => {
    expect(() => parseSiteUrl(input)).toThrow(message);
  });

  it('gives the origin the host permission is asked for', () => {
    expect(siteOrigin('social.example/api')).toBe('https://social.example');
    expect(siteOrigin('http://127.0.0.1:4000/index.php/api')).toBe('http://127.0.0.1:4000');
  });
});
