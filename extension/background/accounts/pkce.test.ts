import { describe, expect, it } from 'vitest';
import { createPkce, randomToken, s256Challenge } from './pkce.ts';

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636, appendix B', async () => {
    await expect(s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes a 43-character verifier of unreserved characters, and its challenge', async () => {
    const pkce = await createPkce();
    expect(pkce.verifier).toMatch(/^[A-Za-z0-9\-_]{43}$/);
    expect(pkce.method).toBe('S256');
    expect(pkce.challenge).toBe(await s256Challenge(pkce.verifier));
  });

  it('never makes the same verifier or state twice', async () => {
    const verifiers = new Set(
      await Promise.all([1, 2, 3, 4].map(async () => (await createPkce()).verifier)),
    );
    expect(verifiers.size).toBe(4);
    expect(randomToken()).not.toBe(randomToken());
  });
});
